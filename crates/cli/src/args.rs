//! A small, strict argument reader shared by every subcommand.
//!
//! Arguments are kept as raw bytes: header values may carry obs-text (bytes 0x80-0xFF) that
//! are not UTF-8, and the parsers take bytes.

use std::ffi::OsString;

use crate::out::Failure;

/// The arguments of one subcommand: flags, options with a value, and positional values.
#[derive(Debug, Default)]
pub struct Args {
    flags: Vec<&'static str>,
    options: Vec<(&'static str, Vec<u8>)>,
    /// Positional values, in order.
    pub values: Vec<Vec<u8>>,
}

/// What a subcommand accepts.
pub struct Spec {
    /// Flags without a value, such as `--json`.
    pub flags: &'static [&'static str],
    /// Options that take a value, such as `--status 401`.
    pub options: &'static [&'static str],
}

#[cfg(unix)]
fn to_bytes(s: OsString) -> Vec<u8> {
    use std::os::unix::ffi::OsStringExt;
    s.into_vec()
}

#[cfg(not(unix))]
fn to_bytes(s: OsString) -> Vec<u8> {
    s.to_string_lossy().into_owned().into_bytes()
}

// `option`, `options` and `option_str` serve subcommands that take options (`explain`).
#[allow(dead_code)]
impl Args {
    /// Reads `raw` against `spec`. `--` ends the options; every later argument is a value.
    pub fn parse(raw: Vec<OsString>, spec: &Spec) -> Result<Args, Failure> {
        let mut args = Args::default();
        let mut it = raw.into_iter().map(to_bytes);
        let mut only_values = false;
        while let Some(arg) = it.next() {
            if only_values || !arg.starts_with(b"--") {
                args.values.push(arg);
                continue;
            }
            if arg == b"--" {
                only_values = true;
                continue;
            }
            let (name, inline) = match arg.iter().position(|&b| b == b'=') {
                Some(eq) => (&arg[..eq], Some(arg[eq + 1..].to_vec())),
                None => (&arg[..], None),
            };
            if let Some(flag) = spec.flags.iter().find(|f| f.as_bytes() == name) {
                if inline.is_some() {
                    return Err(Failure::usage(format!("{flag} takes no value")));
                }
                args.flags.push(flag);
            } else if let Some(opt) = spec.options.iter().find(|o| o.as_bytes() == name) {
                let value = match inline {
                    Some(v) => v,
                    None => {
                        it.next().ok_or_else(|| Failure::usage(format!("{opt} needs a value")))?
                    }
                };
                args.options.push((opt, value));
            } else {
                return Err(Failure::usage(format!(
                    "unknown option {}",
                    String::from_utf8_lossy(&arg)
                )));
            }
        }
        Ok(args)
    }

    /// Whether `flag` was given.
    pub fn flag(&self, flag: &str) -> bool {
        self.flags.contains(&flag)
    }

    /// The last value given for `option`, as bytes.
    pub fn option(&self, option: &str) -> Option<&[u8]> {
        self.options.iter().rev().find(|(o, _)| *o == option).map(|(_, v)| v.as_slice())
    }

    /// Every value given for `option`, in order.
    pub fn options<'a>(&'a self, option: &'a str) -> impl Iterator<Item = &'a [u8]> + 'a {
        self.options.iter().filter(move |(o, _)| *o == option).map(|(_, v)| v.as_slice())
    }

    /// The last value given for `option`, as UTF-8 text.
    pub fn option_str(&self, option: &str) -> Result<Option<&str>, Failure> {
        match self.option(option) {
            None => Ok(None),
            Some(v) => std::str::from_utf8(v)
                .map(Some)
                .map_err(|_| Failure::usage(format!("{option} must be UTF-8 text"))),
        }
    }
}
