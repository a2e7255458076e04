//! Argument values as raw bytes.
//!
//! Header values may carry obs-text (bytes 0x80-0xFF) that are not UTF-8, and the parsers
//! take bytes: clap hands every VALUE over as an `OsString`, turned into bytes here.

use std::ffi::{OsStr, OsString};

use crate::out::Failure;

/// The bytes of an argument.
#[cfg(unix)]
pub fn to_bytes(s: OsString) -> Vec<u8> {
    use std::os::unix::ffi::OsStringExt;
    s.into_vec()
}

/// The bytes of an argument.
#[cfg(not(unix))]
pub fn to_bytes(s: OsString) -> Vec<u8> {
    s.to_string_lossy().into_owned().into_bytes()
}

/// The bytes of a borrowed argument.
pub fn bytes(s: &OsStr) -> Vec<u8> {
    to_bytes(s.to_owned())
}

/// An option's value as UTF-8 text; the error names the option and the first byte that is
/// not UTF-8.
pub fn utf8(value: &OsStr, option: &str) -> Result<String, Failure> {
    let bytes = bytes(value);
    String::from_utf8(bytes).map_err(|e| {
        Failure::input(format!("{option} is not UTF-8 text"), Some(e.utf8_error().valid_up_to()))
    })
}

/// An optional option's value as UTF-8 text.
pub fn utf8_opt(value: Option<&OsString>, option: &str) -> Result<Option<String>, Failure> {
    value.map(|v| utf8(v, option)).transpose()
}
