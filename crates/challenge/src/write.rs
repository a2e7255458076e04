//! The serializer: challenges into any `core::fmt::Write`.

use core::fmt;

use signpost_syntax::{
    check_field_text, check_token, check_token68, is_plain_quoted, is_token, write_quoted_string,
    Found, Value, WriteError,
};

use crate::Challenge;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Start,
    Scheme,
    Params,
    Token68,
}

/// Writes challenges (`WWW-Authenticate`, `Proxy-Authenticate`) or credentials
/// (`Authorization`) into any [`core::fmt::Write`]: a `String`, a `heapless::String`, a
/// formatter, a fixed buffer.
///
/// Serializer for `challenge` and `credentials` (RFC 9110 §11.3, §11.4:
/// <https://www.rfc-editor.org/rfc/rfc9110#section-11.3>).
///
/// - Each value is checked before anything is written: schemes and param names must be
///   `token`s, values must not carry CR, LF, NUL, other controls or DEL (which could inject a
///   header), a `token68` must be one. A refused value leaves the output as it was before the
///   call.
/// - `realm` is always a `quoted-string` (RFC 9110 §11.5: senders MUST); other values are
///   written as a `token` when they are one, as a `quoted-string` otherwise, or always quoted
///   with [`param_quoted`](ChallengeWriter::param_quoted).
/// - The shape is always right: the first param follows the scheme after one SP, the next
///   ones after `", "`, a new challenge after `", "`; a param can never follow a token68 or
///   come before any scheme, so `Bearer, resource_metadata=...` cannot be produced.
///
/// Several challenges go into one field value; for one challenge per field line (which some
/// clients handle better), use one writer per line.
///
/// ```
/// use signpost_challenge::ChallengeWriter;
///
/// let mut out = String::new();
/// ChallengeWriter::new(&mut out)
///     .challenge("Bearer")?
///     .param("realm", "example")?
///     .param_quoted("error", "insufficient_scope")?
///     .param("scope", "files:read files:write")?
///     .challenge("DPoP")?
///     .param("algs", "ES256 PS256")?;
/// assert_eq!(
///     out,
///     r#"Bearer realm="example", error="insufficient_scope", scope="files:read files:write", DPoP algs="ES256 PS256""#
/// );
///
/// // Header injection is refused, and nothing is written.
/// let mut out = String::new();
/// let mut w = ChallengeWriter::new(&mut out);
/// w.challenge("Bearer")?;
/// assert!(w.param("error_description", "bad\r\nSet-Cookie: x=y").is_err());
/// assert_eq!(out, "Bearer");
/// # Ok::<(), signpost_syntax::WriteError>(())
/// ```
#[derive(Debug)]
pub struct ChallengeWriter<'w, W: ?Sized> {
    out: &'w mut W,
    state: State,
}

impl<'w, W: fmt::Write + ?Sized> ChallengeWriter<'w, W> {
    /// A writer that appends to `out`.
    pub fn new(out: &'w mut W) -> Self {
        ChallengeWriter { out, state: State::Start }
    }

    /// Starts a challenge with `scheme`, after `", "` when it is not the first.
    pub fn challenge(&mut self, scheme: &str) -> Result<&mut Self, WriteError> {
        check_token(scheme.as_bytes())?;
        if self.state != State::Start {
            self.out.write_str(", ")?;
        }
        self.out.write_str(scheme)?;
        self.state = State::Scheme;
        Ok(self)
    }

    /// Adds `name=value` to the current challenge: `value` as a `token` when it is one and
    /// `name` is not `realm`, as a `quoted-string` otherwise.
    pub fn param(&mut self, name: &str, value: &str) -> Result<&mut Self, WriteError> {
        let quoted = name.eq_ignore_ascii_case("realm") || !is_token(value.as_bytes());
        self.write_param(name, value, quoted)
    }

    /// Adds `name="value"` to the current challenge, always as a `quoted-string`. RFC 6750
    /// and RFC 9449 write every OAuth parameter this way, and clients that read them with a
    /// pattern like `error="([^"]*)"` depend on it.
    pub fn param_quoted(&mut self, name: &str, value: &str) -> Result<&mut Self, WriteError> {
        self.write_param(name, value, true)
    }

    fn write_param(
        &mut self,
        name: &str,
        value: &str,
        quoted: bool,
    ) -> Result<&mut Self, WriteError> {
        let sep = match self.state {
            State::Start => {
                return Err(WriteError::invalid(
                    0,
                    Found::Nothing,
                    "auth-param before any auth-scheme",
                ))
            }
            State::Token68 => {
                return Err(WriteError::invalid(0, Found::Nothing, "auth-param after a token68"))
            }
            State::Scheme => " ",
            State::Params => ", ",
        };
        check_token(name.as_bytes())?;
        // A value with only `qdtext` (most of them) needs neither a check nor escaping, and
        // an unquoted value is a `token` (`param` writes nothing else bare), which holds no
        // byte to refuse: only a quoted value with something to escape is checked here.
        let plain = quoted && is_plain_quoted(value.as_bytes());
        if quoted && !plain {
            check_field_text(value.as_bytes())?;
        }
        self.out.write_str(sep)?;
        self.out.write_str(name)?;
        self.out.write_char('=')?;
        if plain {
            self.out.write_char('"')?;
            self.out.write_str(value)?;
            self.out.write_char('"')?;
        } else if quoted {
            write_quoted_string(self.out, value)?;
        } else {
            self.out.write_str(value)?;
        }
        self.state = State::Params;
        Ok(self)
    }

    /// Gives the current challenge a `token68` (`Negotiate YIIF...`); it must have no param.
    pub fn token68(&mut self, token68: &str) -> Result<&mut Self, WriteError> {
        if self.state != State::Scheme {
            return Err(WriteError::invalid(
                0,
                Found::Nothing,
                "a token68 must follow the auth-scheme alone",
            ));
        }
        check_token68(token68.as_bytes())?;
        self.out.write_char(' ')?;
        self.out.write_str(token68)?;
        self.state = State::Token68;
        Ok(self)
    }

    /// Writes a parsed challenge (its token68 or its params, as they were quoted).
    pub fn parsed(&mut self, challenge: &Challenge<'_>) -> Result<&mut Self, WriteError> {
        self.challenge(challenge.scheme())?;
        if let Some(t) = challenge.token68() {
            return self.token68(t);
        }
        for p in challenge.params() {
            let sep = if self.state == State::Scheme { " " } else { ", " };
            // A parsed name is a token and a parsed value holds no control byte: the parser
            // guarantees both, so there is nothing to check.
            self.out.write_str(sep)?;
            self.out.write_str(p.name())?;
            self.out.write_char('=')?;
            let quoted = p.value().is_quoted()
                || p.name_is("realm")
                || !is_token(p.value().as_bytes().unwrap_or(b"\""));
            write_value(self.out, &p.value(), quoted)?;
            self.state = State::Params;
        }
        Ok(self)
    }
}

/// Writes a parsed value, re-escaping only `"` and `\`. Bytes that are not UTF-8
/// (obs-text) are written as U+FFFD, since `fmt::Write` takes text.
fn write_value<W: fmt::Write + ?Sized>(
    out: &mut W,
    value: &Value<'_>,
    quoted: bool,
) -> fmt::Result {
    if quoted {
        out.write_char('"')?;
    }
    for chunk in value.chunks() {
        for part in chunk.utf8_chunks() {
            let mut rest = part.valid();
            while let Some(i) = rest.bytes().position(|b| b == b'"' || b == b'\\') {
                out.write_str(&rest[..i])?;
                out.write_char('\\')?;
                out.write_str(&rest[i..i + 1])?;
                rest = &rest[i + 1..];
            }
            out.write_str(rest)?;
            if !part.invalid().is_empty() {
                out.write_char('\u{FFFD}')?;
            }
        }
    }
    if quoted {
        out.write_char('"')?;
    }
    Ok(())
}

/// Writes the challenge in canonical form: `Scheme`, `Scheme token68`, or
/// `Scheme name=value, name="quoted value"` (values as tokens when they are tokens, `realm`
/// always quoted). See [`ChallengeWriter`].
impl fmt::Display for Challenge<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        ChallengeWriter::new(f).parsed(self).map(|_| ()).map_err(|_| fmt::Error)
    }
}
