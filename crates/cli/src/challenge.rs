//! `signpost parse challenge` and `signpost parse credentials`.
use std::ffi::OsString;

use crate::out::Failure;

pub fn parse_challenges(_raw: Vec<OsString>) -> Result<(), Failure> {
    Err(Failure::usage("not built yet"))
}

pub fn parse_credentials(_raw: Vec<OsString>) -> Result<(), Failure> {
    Err(Failure::usage("not built yet"))
}
