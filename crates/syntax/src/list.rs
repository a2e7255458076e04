//! `#list` iteration (RFC 9110 §5.6.1).

use crate::{lex, Error};

/// One element of a `#list`, from [`list`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Element<'a> {
    offset: usize,
    bytes: &'a [u8],
}

impl<'a> Element<'a> {
    /// The element, without the OWS around it.
    pub const fn as_bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// The byte offset of the element in the input.
    pub const fn offset(&self) -> usize {
        self.offset
    }
}

/// The elements of a comma-separated list:
/// `#element => [ element ] *( OWS "," OWS [ element ] )` (RFC 9110 §5.6.1).
///
/// Commas inside a `quoted-string` do not separate elements. Empty elements (`a, , b`,
/// leading and trailing commas) are accepted and skipped, as recipients MUST. The iterator
/// is lazy, borrows from the input and stops after the first error (an unterminated or
/// malformed quoted-string).
///
/// ```
/// use signpost_syntax::list;
///
/// let items: Vec<&[u8]> = list(br#", gzip, "a, b" ,,br"#)
///     .map(|e| e.map(|e| e.as_bytes()))
///     .collect::<Result<_, _>>()?;
/// assert_eq!(items, [&b"gzip"[..], br#""a, b""#, b"br"]);
/// # Ok::<(), signpost_syntax::Error>(())
/// ```
pub fn list(input: &[u8]) -> List<'_> {
    List { input, pos: 0, done: false }
}

/// The iterator returned by [`list`].
#[derive(Clone, Debug)]
pub struct List<'a> {
    input: &'a [u8],
    pos: usize,
    done: bool,
}

impl<'a> Iterator for List<'a> {
    type Item = Result<Element<'a>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let input = self.input;
        let (start, _) = lex::skip_list_separators(input, self.pos);
        if start >= input.len() {
            self.done = true;
            return None;
        }
        let mut i = start;
        let mut end = start; // end of the element without trailing OWS
        while i < input.len() {
            match input[i] {
                b',' => break,
                b'"' => match lex::quoted_string(input, i) {
                    Ok((_, after)) => {
                        i = after;
                        end = after;
                    }
                    Err(e) => {
                        self.done = true;
                        return Some(Err(e));
                    }
                },
                b' ' | b'\t' => i += 1,
                _ => {
                    i += 1;
                    end = i;
                }
            }
        }
        self.pos = i;
        Some(Ok(Element { offset: start, bytes: &input[start..end] }))
    }
}

impl core::iter::FusedIterator for List<'_> {}
