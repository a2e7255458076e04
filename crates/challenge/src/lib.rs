//! `WWW-Authenticate` and `Authorization` (RFC 9110 §11).
#![no_std]
#![forbid(unsafe_code)]
