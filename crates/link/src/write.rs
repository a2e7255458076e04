//! The write side: `Link` field values into any [`core::fmt::Write`].

use core::fmt;

use signpost_syntax::{
    check_field_text, check_token, is_tchar, write_percent_encoded, write_token_or_quoted,
    AsciiSet, Found, Value, WriteError,
};

use crate::ext::ExtValue;
use crate::link::Link;
use crate::rel::Rel;
use crate::table::is_uri_char;

/// Writes a `URI-Reference` that [`check_uri`] accepted (ASCII only).
fn write_uri<W: fmt::Write + ?Sized>(
    w: &mut W,
    bytes: impl Iterator<Item = u8>,
) -> Result<(), WriteError> {
    for b in bytes {
        w.write_char(char::from(b))?;
    }
    Ok(())
}

/// Checks a `URI-Reference` for a target or an `anchor`, byte by byte: only RFC 3986
/// characters and well-formed `%XX` triples pass, so nothing written can end the target
/// (`>`), start another (`<`), split the field (SP, CR, LF) or hide a control.
fn check_uri(bytes: impl Iterator<Item = u8>) -> Result<(), WriteError> {
    let mut pending_hex = 0u8;
    let mut percent_at = 0usize;
    for (i, b) in bytes.enumerate() {
        if pending_hex > 0 {
            if !AsciiSet::HEXDIG.contains(b) {
                return Err(WriteError::invalid(
                    percent_at,
                    Found::Byte(b'%'),
                    "expected two hex digits after '%' in URI-Reference",
                ));
            }
            pending_hex -= 1;
        } else if b == b'%' {
            pending_hex = 2;
            percent_at = i;
        } else if !AsciiSet::URI_REFERENCE.contains(b) {
            let message = if signpost_syntax::is_forbidden_in_field(b) {
                "control character not allowed in a field value"
            } else {
                "character not allowed in URI-Reference"
            };
            return Err(WriteError::invalid(i, Found::Byte(b), message));
        }
    }
    if pending_hex > 0 {
        return Err(WriteError::invalid(
            percent_at,
            Found::Byte(b'%'),
            "expected two hex digits after '%' in URI-Reference",
        ));
    }
    Ok(())
}

/// Writes the unescaped bytes of `value` as a `token` when they are one, else as a
/// `quoted-string` (escaping `"` and `\`), refusing bytes no field value may carry and
/// bytes that are not UTF-8 (a `fmt::Write` takes text).
fn write_value<W: fmt::Write + ?Sized>(w: &mut W, value: Value<'_>) -> Result<(), WriteError> {
    let token = value.unescaped_len() > 0 && value.bytes().all(is_tchar);
    if !token {
        w.write_char('"')?;
    }
    let mut at = 0usize;
    for chunk in value.chunks() {
        check_field_text(chunk).map_err(|e| e.shifted(at))?;
        let text = core::str::from_utf8(chunk).map_err(|e| {
            let i = e.valid_up_to();
            WriteError::at(chunk, i, "value is not UTF-8 text").shifted(at)
        })?;
        let mut rest = text;
        while let Some(i) = rest.bytes().position(|b| b == b'"' || b == b'\\') {
            w.write_str(&rest[..i])?;
            w.write_char('\\')?;
            w.write_str(&rest[i..i + 1])?;
            rest = &rest[i + 1..];
        }
        w.write_str(rest)?;
        at += chunk.len();
    }
    if !token {
        w.write_char('"')?;
    }
    Ok(())
}

/// Checks one relation type for writing: not empty, RFC 3986 characters only. That covers
/// `reg-rel-type` and the URIs of extension types, and rules out SP, `"`, `\` and controls;
/// `,` and `;` are URI characters, one more reason why `rel` is always quoted.
fn check_rel(rel: &Rel<'_>) -> Result<(), WriteError> {
    if rel.as_value().unescaped_len() == 0 {
        return Err(WriteError::invalid(0, Found::Nothing, "a relation type cannot be empty"));
    }
    for (i, b) in rel.as_value().bytes().enumerate() {
        if !AsciiSet::URI_REFERENCE.contains(b) && b != b'%' {
            let message = if signpost_syntax::is_forbidden_in_field(b) {
                "control character not allowed in a field value"
            } else {
                "character not allowed in a relation type"
            };
            return Err(WriteError::invalid(i, Found::Byte(b), message));
        }
    }
    Ok(())
}

/// Writes a `Link` field value, one `link-value` after another, into any
/// [`core::fmt::Write`] (a `String`, a `heapless::String`, a formatter), with no
/// allocation.
///
/// Serializer for `Link` (RFC 8288 §3: <https://www.rfc-editor.org/rfc/rfc8288#section-3>):
/// targets go inside `<>` and must be RFC 3986 `URI-Reference`s (convert an IRI to a URI
/// first); parameter names must be `token`s; values are written as a `token` when they are
/// one and as a `quoted-string` otherwise; `rel` is always quoted (several relation types
/// need quotes, and many consumers only look for `rel="..."`); `title*` is encoded per
/// RFC 8187. Anything that could break out of the field or of its element is refused with a
/// [`WriteError`]: CR, LF and other controls anywhere, `<`, `>`, SP or `"` in a target.
///
/// ```
/// use signpost_link::{LinkWriter, Rel};
///
/// let mut out = String::new();
/// LinkWriter::new(&mut out)
///     .link("https://api.example.com/items?page=2")?
///     .rel(&[Rel::NEXT])?
///     .link("/TheBook/chapter4")?
///     .rel(&[Rel::NEXT, Rel::new("http://example.net/relation/other")])?
///     .title_star("de", "nächstes Kapitel")?
///     .link("/app.js")?
///     .rel(&[Rel::PRELOAD])?
///     .param("as", Some("script"))?
///     .param("nopush", None)?;
/// assert_eq!(
///     out,
///     "<https://api.example.com/items?page=2>; rel=\"next\", \
///      </TheBook/chapter4>; rel=\"next http://example.net/relation/other\"; \
///      title*=UTF-8'de'n%C3%A4chstes%20Kapitel, \
///      </app.js>; rel=\"preload\"; as=script; nopush"
/// );
///
/// let err = LinkWriter::new(&mut String::new()).link("/a>, <https://evil").unwrap_err();
/// assert_eq!(err.offset(), Some(2));
/// # Ok::<(), signpost_link::WriteError>(())
/// ```
#[derive(Debug)]
pub struct LinkWriter<'w, W: fmt::Write + ?Sized> {
    w: &'w mut W,
    links: usize,
}

impl<'w, W: fmt::Write + ?Sized> LinkWriter<'w, W> {
    /// A writer that appends to `w`. Nothing is written until the first
    /// [`link`](LinkWriter::link).
    pub fn new(w: &'w mut W) -> LinkWriter<'w, W> {
        LinkWriter { w, links: 0 }
    }

    /// The number of `link-value`s written so far.
    pub const fn count(&self) -> usize {
        self.links
    }

    /// Starts a `link-value`: `", "` when one came before, then `"<" target ">"`.
    ///
    /// # Errors
    ///
    /// `target` is not an RFC 3986 `URI-Reference` (by its characters), or the writer failed.
    pub fn link(&mut self, target: &str) -> Result<&mut Self, WriteError> {
        // Most targets hold only plain URI characters (no `%` triple to check): one pass
        // without early exit, then the target is written whole.
        let plain = target.bytes().fold(true, |plain, b| plain & is_uri_char(b));
        if !plain {
            return self.link_bytes(target.bytes());
        }
        self.open_link()?;
        self.w.write_str(target)?;
        self.close_link()
    }

    pub(crate) fn link_bytes(
        &mut self,
        target: impl Iterator<Item = u8> + Clone,
    ) -> Result<&mut Self, WriteError> {
        check_uri(target.clone())?;
        self.open_link()?;
        write_uri(self.w, target)?;
        self.close_link()
    }

    /// Writes what comes before a checked target: `", "` after a link, then `<`.
    fn open_link(&mut self) -> Result<(), WriteError> {
        if self.links > 0 {
            self.w.write_str(", ")?;
        }
        self.w.write_char('<')?;
        Ok(())
    }

    /// Writes the `>` after a target and counts the link.
    fn close_link(&mut self) -> Result<&mut Self, WriteError> {
        self.w.write_char('>')?;
        self.links += 1;
        Ok(self)
    }

    fn open(&mut self) -> Result<(), WriteError> {
        if self.links == 0 {
            return Err(WriteError::invalid(
                0,
                Found::Nothing,
                "no link-value to add a link-param to",
            ));
        }
        Ok(())
    }

    /// Adds `; rel="..."` with the relation types, space-separated, always quoted.
    ///
    /// # Errors
    ///
    /// No relation type, an empty one, one with a byte outside RFC 3986 (SP, `"`, a
    /// control), no `link-value` started, or the writer failed.
    pub fn rel(&mut self, rels: &[Rel<'_>]) -> Result<&mut Self, WriteError> {
        self.open()?;
        if rels.is_empty() {
            return Err(WriteError::invalid(
                0,
                Found::Nothing,
                "rel needs at least one relation type",
            ));
        }
        for rel in rels {
            check_rel(rel)?;
        }
        self.w.write_str("; rel=\"")?;
        for (i, rel) in rels.iter().enumerate() {
            if i > 0 {
                self.w.write_char(' ')?;
            }
            match rel.as_str() {
                Some(name) => self.w.write_str(name)?,
                None => {
                    for b in rel.as_value().bytes() {
                        self.w.write_char(char::from(b))?;
                    }
                }
            }
        }
        self.w.write_char('"')?;
        Ok(self)
    }

    /// Adds `; name=value` (a `token` or a `quoted-string`), or `; name` for `None`.
    ///
    /// A `title*` value must already be an RFC 8187 `ext-value`
    /// (see [`title_star`](LinkWriter::title_star) to encode one).
    ///
    /// # Errors
    ///
    /// `name` is not a `token`, the value holds a control character, a `title*` value is
    /// not an `ext-value`, no `link-value` was started, or the writer failed.
    pub fn param(&mut self, name: &str, value: Option<&str>) -> Result<&mut Self, WriteError> {
        self.open()?;
        check_token(name.as_bytes())?;
        if let Some(v) = value {
            check_field_text(v.as_bytes())?;
            if name.eq_ignore_ascii_case("title*") {
                if let Err(e) = ExtValue::parse(Value::token(v.as_bytes())) {
                    return Err(WriteError::invalid(
                        e.offset(),
                        Found::at(v.as_bytes(), e.offset()),
                        e.message(),
                    ));
                }
            }
        }
        self.w.write_str("; ")?;
        self.w.write_str(name)?;
        if let Some(v) = value {
            self.w.write_char('=')?;
            write_token_or_quoted(self.w, v)?;
        }
        Ok(self)
    }

    /// Adds `; anchor="..."`, the link context (RFC 8288 §3.2), checked like a target.
    ///
    /// # Errors
    ///
    /// As for [`link`](LinkWriter::link), or no `link-value` was started.
    pub fn anchor(&mut self, anchor: &str) -> Result<&mut Self, WriteError> {
        self.open()?;
        check_uri(anchor.bytes())?;
        self.w.write_str("; anchor=\"")?;
        write_uri(self.w, anchor.bytes())?;
        self.w.write_char('"')?;
        Ok(self)
    }

    /// Adds `; title*=UTF-8'language'...`: `title` percent-encoded per RFC 8187 (every
    /// byte that is not an `attr-char`), so any text can be written. `language` may be
    /// empty.
    ///
    /// # Errors
    ///
    /// `language` holds something other than letters, digits and `-`, no `link-value` was
    /// started, or the writer failed.
    pub fn title_star(&mut self, language: &str, title: &str) -> Result<&mut Self, WriteError> {
        self.open()?;
        if let Some(i) = language.bytes().position(|b| !(b.is_ascii_alphanumeric() || b == b'-')) {
            return Err(WriteError::invalid(
                i,
                Found::at(language.as_bytes(), i),
                "expected ALPHA, DIGIT or '-' in a language tag",
            ));
        }
        self.w.write_str("; title*=UTF-8'")?;
        self.w.write_str(language)?;
        self.w.write_char('\'')?;
        write_percent_encoded(self.w, title.bytes(), &ATTR_CHAR)?;
        Ok(self)
    }

    /// Writes a parsed [`Link`] again: its target and every parameter, in order, each value
    /// re-quoted as needed (a lenient parse's oddities come out in strict form).
    ///
    /// # Errors
    ///
    /// The link's target or values cannot be written strictly (a lenient target with a
    /// space, a value that is not UTF-8, a `title*` that is not an `ext-value`), or the
    /// writer failed.
    pub fn write_link(&mut self, link: &Link<'_>) -> Result<&mut Self, WriteError> {
        self.link_bytes(link.target().iter().copied())?;
        for param in link.params() {
            // A lenient parse may have kept a bad `title*`; it is not written again.
            if param.is("title*") && param.ext_value().is_err() {
                return Err(WriteError::invalid(
                    0,
                    Found::Nothing,
                    "title* is not a valid ext-value",
                ));
            }
            self.w.write_str("; ")?;
            self.w.write_str(param.name())?;
            if let Some(v) = param.value() {
                self.w.write_char('=')?;
                write_value(self.w, v)?;
            }
        }
        Ok(self)
    }
}

/// `attr-char = ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" / "`" /
/// "|" / "~"` (RFC 8187 §3.2.1): the bytes an `ext-value` holds as they are.
pub(crate) const ATTR_CHAR: AsciiSet =
    AsciiSet::ALPHA.union(AsciiSet::DIGIT).add_all(b"!#$&+-.^_`|~");

#[cfg(test)]
mod tests {
    use signpost_syntax::AsciiSet;

    use super::ATTR_CHAR;
    use crate::table::class;

    /// The parser's one-lookup table says what the RFC 3986 classes of `signpost_syntax` say
    /// (those are tested against the ABNF there).
    #[test]
    fn the_parser_table_agrees_with_the_shared_classes() {
        for b in 0..=255u8 {
            assert_eq!(class::has(b, class::URI), AsciiSet::URI_REFERENCE.contains(b), "{b:#x}");
            assert_eq!(class::has(b, class::HEX), AsciiSet::HEXDIG.contains(b), "{b:#x}");
            assert_eq!(
                class::has(b, class::UNRESERVED),
                AsciiSet::UNRESERVED.contains(b),
                "{b:#x}"
            );
            assert_eq!(class::has(b, class::ATTR), ATTR_CHAR.contains(b), "{b:#x}");
        }
    }
}
