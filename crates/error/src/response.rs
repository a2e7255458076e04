//! The error body of RFC 6749 §5.2 (`error`, `error_description`, `error_uri`): a borrowed
//! value type, a JSON writer without serde, and (with the `serde` feature) serde support.

use core::fmt;

use crate::code::ErrorCode;
use crate::wire::{self, check_error_description, check_error_uri, InvalidValue};
use crate::WriteError;

/// Text that borrows from the input, or (with `alloc`) owns what could not be borrowed.
/// Equality compares the text, however it is stored.
#[derive(Clone)]
pub(crate) enum Text<'a> {
    Borrowed(&'a str),
    #[cfg(feature = "alloc")]
    Owned(alloc::string::String),
}

impl PartialEq for Text<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text<'_> {}

impl Text<'_> {
    pub(crate) fn as_str(&self) -> &str {
        match self {
            Text::Borrowed(s) => s,
            #[cfg(feature = "alloc")]
            Text::Owned(s) => s,
        }
    }

    #[cfg(feature = "alloc")]
    fn into_owned(self) -> Text<'static> {
        match self {
            Text::Borrowed(s) => Text::Owned(s.into()),
            Text::Owned(s) => Text::Owned(s),
        }
    }
}

/// An OAuth error response: `error`, and optionally `error_description` and `error_uri`.
///
/// This is the JSON body of RFC 6749 §5.2 (token endpoint, and every endpoint that reuses
/// that format: registration, revocation, PAR, device authorization), and the three members
/// that also travel in an authorization redirect ([`ErrorResponse::write_query`], parsed
/// back with [`AuthorizationErrorResponse`](crate::AuthorizationErrorResponse)).
///
/// It borrows its text. Writing ([`write_json`](ErrorResponse::write_json),
/// [`write_query`](ErrorResponse::write_query), serde's `Serialize`) checks every value
/// against the characters the RFCs allow and names the first offending byte; nothing is
/// escaped, because nothing that needs escaping is allowed.
///
/// ```
/// use signpost_error::{ErrorCode, ErrorResponse};
///
/// let response = ErrorResponse::new(ErrorCode::INVALID_GRANT)
///     .with_description("The refresh token was revoked")
///     .with_uri("https://as.example.com/errors/invalid_grant");
/// let mut body = String::new();
/// response.write_json(&mut body)?;
/// assert_eq!(
///     body,
///     r#"{"error":"invalid_grant","error_description":"The refresh token was revoked","error_uri":"https://as.example.com/errors/invalid_grant"}"#
/// );
/// # Ok::<(), signpost_error::WriteError>(())
/// ```
///
/// With the `serde` feature it implements `Serialize` and `Deserialize`; deserializing
/// borrows every string that holds no JSON escape, accepts `null` for the optional members,
/// ignores unknown members, and refuses a repeated member. Under `alloc`, escaped strings are
/// copied; without it they are refused (except a registered `error`, which needs no storage).
#[derive(Clone, PartialEq, Eq)]
pub struct ErrorResponse<'a> {
    error: Text<'a>,
    description: Option<Text<'a>>,
    uri: Option<Text<'a>>,
}

impl<'a> ErrorResponse<'a> {
    /// A response with `error` only.
    pub fn new(error: ErrorCode<'a>) -> ErrorResponse<'a> {
        ErrorResponse { error: Text::Borrowed(error.as_str()), description: None, uri: None }
    }

    /// The same response with `error_description` (checked when written).
    #[must_use]
    pub fn with_description(mut self, description: &'a str) -> ErrorResponse<'a> {
        self.description = Some(Text::Borrowed(description));
        self
    }

    /// The same response with `error_uri` (checked when written).
    #[must_use]
    pub fn with_uri(mut self, uri: &'a str) -> ErrorResponse<'a> {
        self.uri = Some(Text::Borrowed(uri));
        self
    }

    /// The error code.
    pub fn error(&self) -> ErrorCode<'_> {
        // `error` is 1*NQSCHAR by construction (from an ErrorCode, or checked when read).
        ErrorCode::lookup(self.error.as_str())
    }

    /// The `error_description`, if any.
    pub fn description(&self) -> Option<&str> {
        self.description.as_ref().map(Text::as_str)
    }

    /// The `error_uri`, if any.
    pub fn uri(&self) -> Option<&str> {
        self.uri.as_ref().map(Text::as_str)
    }

    /// Checks that every value may go on the wire: `error_description` is `1*NQSCHAR`,
    /// `error_uri` a URI-reference ([`check_error_description`], [`check_error_uri`]).
    /// A response read from a peer may fail this check: reading is lenient about the
    /// description and the URI.
    pub fn check(&self) -> Result<(), InvalidValue> {
        if let Some(d) = self.description() {
            check_error_description(d)?;
        }
        if let Some(u) = self.uri() {
            check_error_uri(u)?;
        }
        Ok(())
    }

    /// Writes the JSON body of RFC 6749 §5.2, members in the order `error`,
    /// `error_description`, `error_uri`, without spaces, after [`check`](Self::check).
    ///
    /// Serializer for the error response of RFC 6749 §5.2
    /// (<https://www.rfc-editor.org/rfc/rfc6749#section-5.2>). The values' characters need
    /// no JSON escaping.
    ///
    /// ```
    /// use signpost_error::{ErrorCode, ErrorResponse};
    ///
    /// let mut body = String::new();
    /// ErrorResponse::new(ErrorCode::INVALID_REQUEST).write_json(&mut body).unwrap();
    /// assert_eq!(body, r#"{"error":"invalid_request"}"#);
    /// ```
    pub fn write_json<W: fmt::Write + ?Sized>(&self, w: &mut W) -> Result<(), WriteError> {
        self.check()?;
        w.write_str("{\"error\":\"")?;
        w.write_str(self.error.as_str())?;
        if let Some(d) = self.description() {
            w.write_str("\",\"error_description\":\"")?;
            w.write_str(d)?;
        }
        if let Some(u) = self.uri() {
            w.write_str("\",\"error_uri\":\"")?;
            w.write_str(u)?;
        }
        w.write_str("\"}")?;
        Ok(())
    }

    /// Writes the error as the parameters of an authorization response (RFC 6749 §4.1.2.1,
    /// RFC 9207 §2), `application/x-www-form-urlencoded`: `error`, `error_description`,
    /// `error_uri`, `state`, `iss`, in that order, the absent ones left out. The caller adds
    /// the `?` (or `#` for the implicit grant) after the redirect URI.
    ///
    /// Values are checked first: the three error members as in [`check`](Self::check),
    /// `state` as `1*VSCHAR` ([`check_state`](crate::check_state)), `iss` as a URI
    /// ([`check_iss`](crate::check_iss)). Unreserved bytes are written as they are, space as
    /// `+`, everything else as `%XX`.
    ///
    /// Serializer for the authorization error response
    /// (<https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2.1>,
    /// <https://www.rfc-editor.org/rfc/rfc9207#section-2>).
    ///
    /// ```
    /// use signpost_error::{ErrorCode, ErrorResponse};
    ///
    /// let mut query = String::new();
    /// ErrorResponse::new(ErrorCode::ACCESS_DENIED)
    ///     .with_description("The user said no")
    ///     .write_query(&mut query, Some("xyz"), Some("https://as.example.com"))?;
    /// assert_eq!(
    ///     query,
    ///     "error=access_denied&error_description=The+user+said+no&state=xyz&iss=https%3A%2F%2Fas.example.com"
    /// );
    /// # Ok::<(), signpost_error::WriteError>(())
    /// ```
    pub fn write_query<W: fmt::Write + ?Sized>(
        &self,
        w: &mut W,
        state: Option<&str>,
        iss: Option<&str>,
    ) -> Result<(), WriteError> {
        self.check()?;
        if let Some(s) = state {
            crate::check_state(s)?;
        }
        if let Some(i) = iss {
            crate::check_iss(i)?;
        }
        w.write_str("error=")?;
        wire::write_form(w, self.error.as_str())?;
        let rest = [
            ("&error_description=", self.description()),
            ("&error_uri=", self.uri()),
            ("&state=", state),
            ("&iss=", iss),
        ];
        for (name, value) in rest {
            if let Some(v) = value {
                w.write_str(name)?;
                wire::write_form(w, v)?;
            }
        }
        Ok(())
    }

    /// The same response owning its text.
    #[cfg(feature = "alloc")]
    pub fn into_owned(self) -> ErrorResponse<'static> {
        ErrorResponse {
            error: self.error.into_owned(),
            description: self.description.map(Text::into_owned),
            uri: self.uri.map(Text::into_owned),
        }
    }
}

impl fmt::Debug for ErrorResponse<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ErrorResponse")
            .field("error", &self.error.as_str())
            .field("error_description", &self.description())
            .field("error_uri", &self.uri())
            .finish()
    }
}

#[cfg(feature = "serde")]
mod serde_impl {
    use core::fmt;

    use serde::de::{self, IgnoredAny, MapAccess, Visitor};
    use serde::ser::{self, SerializeStruct};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::{ErrorResponse, Text};
    use crate::code::ErrorCode;

    impl Serialize for ErrorCode<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }

    /// Borrows the code; a registered code also deserializes from an escaped string.
    impl<'de: 'a, 'a> Deserialize<'de> for ErrorCode<'a> {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<ErrorCode<'a>, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = ErrorCode<'de>;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("an OAuth error code")
                }
                fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                    ErrorCode::parse(v).map_err(E::custom)
                }
                fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                    let code = ErrorCode::parse(v).map_err(E::custom)?;
                    match code.registered_index() {
                        Some(i) => Ok(crate::code::REGISTERED[i]),
                        None => {
                            Err(E::custom("an escaped extension error code cannot be borrowed"))
                        }
                    }
                }
            }
            d.deserialize_str(V)
        }
    }

    impl Serialize for ErrorResponse<'_> {
        /// Serializes the members that are present, after [`ErrorResponse::check`].
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            self.check().map_err(ser::Error::custom)?;
            let len = 1 + usize::from(self.description.is_some()) + usize::from(self.uri.is_some());
            let mut st = s.serialize_struct("ErrorResponse", len)?;
            st.serialize_field("error", self.error.as_str())?;
            if let Some(d) = self.description() {
                st.serialize_field("error_description", d)?;
            }
            if let Some(u) = self.uri() {
                st.serialize_field("error_uri", u)?;
            }
            st.end()
        }
    }

    struct TextVisitor;

    impl<'de> Visitor<'de> for TextVisitor {
        type Value = Text<'de>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }

        fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Text<'de>, E> {
            no_cr_lf_nul(v)?;
            Ok(Text::Borrowed(v))
        }

        #[cfg(feature = "alloc")]
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Text<'de>, E> {
            no_cr_lf_nul(v)?;
            Ok(Text::Owned(v.into()))
        }

        #[cfg(not(feature = "alloc"))]
        fn visit_str<E: de::Error>(self, _: &str) -> Result<Text<'de>, E> {
            Err(E::custom("an escaped string cannot be borrowed without the alloc feature"))
        }

        #[cfg(feature = "alloc")]
        fn visit_string<E: de::Error>(self, v: alloc::string::String) -> Result<Text<'de>, E> {
            no_cr_lf_nul(&v)?;
            Ok(Text::Owned(v))
        }
    }

    /// Lenient reading stops at CR, LF and NUL (JSON spells them `\r`, `\n`, `\u0000`): no
    /// member of RFC 6749 §5.2 may hold them, and a value handed on with them could forge a
    /// line wherever it is written next (RFC 9110 §5.5).
    fn no_cr_lf_nul<E: de::Error>(v: &str) -> Result<(), E> {
        if v.bytes().any(|b| matches!(b, b'\r' | b'\n' | 0)) {
            return Err(E::custom("CR, LF or NUL in a member of an error response"));
        }
        Ok(())
    }

    impl<'de> Deserialize<'de> for Text<'de> {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Text<'de>, D::Error> {
            d.deserialize_str(TextVisitor)
        }
    }

    /// `error` as text: borrowed, owned under alloc, or (without alloc) the registered name.
    struct ErrorText<'de>(Text<'de>);

    impl<'de> Deserialize<'de> for ErrorText<'de> {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<ErrorText<'de>, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = ErrorText<'de>;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("an OAuth error code")
                }
                fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                    ErrorCode::parse(v).map_err(E::custom)?;
                    Ok(ErrorText(Text::Borrowed(v)))
                }
                fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                    let code = ErrorCode::parse(v).map_err(E::custom)?;
                    if let Some(i) = code.registered_index() {
                        return Ok(ErrorText(Text::Borrowed(crate::code::REGISTERED[i].as_str())));
                    }
                    #[cfg(feature = "alloc")]
                    {
                        Ok(ErrorText(Text::Owned(v.into())))
                    }
                    #[cfg(not(feature = "alloc"))]
                    {
                        Err(E::custom(
                            "an escaped extension error code cannot be borrowed without the alloc feature",
                        ))
                    }
                }
            }
            d.deserialize_str(V)
        }
    }

    enum Field {
        Error,
        Description,
        Uri,
        Other,
    }

    impl<'de> Deserialize<'de> for Field {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Field, D::Error> {
            struct V;
            impl Visitor<'_> for V {
                type Value = Field;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("a member name")
                }
                fn visit_str<E: de::Error>(self, v: &str) -> Result<Field, E> {
                    Ok(match v {
                        "error" => Field::Error,
                        "error_description" => Field::Description,
                        "error_uri" => Field::Uri,
                        _ => Field::Other,
                    })
                }
                fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Field, E> {
                    Ok(match v {
                        b"error" => Field::Error,
                        b"error_description" => Field::Description,
                        b"error_uri" => Field::Uri,
                        _ => Field::Other,
                    })
                }
            }
            d.deserialize_identifier(V)
        }
    }

    const FIELDS: &[&str] = &["error", "error_description", "error_uri"];

    impl<'de: 'a, 'a> Deserialize<'de> for ErrorResponse<'a> {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<ErrorResponse<'a>, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = ErrorResponse<'de>;

                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("an OAuth error response object")
                }

                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                    let mut error: Option<Text<'de>> = None;
                    let mut description: Option<Option<Text<'de>>> = None;
                    let mut uri: Option<Option<Text<'de>>> = None;
                    while let Some(key) = map.next_key::<Field>()? {
                        match key {
                            Field::Error => {
                                if error.is_some() {
                                    return Err(de::Error::duplicate_field("error"));
                                }
                                error = Some(map.next_value::<ErrorText<'de>>()?.0);
                            }
                            Field::Description => {
                                if description.is_some() {
                                    return Err(de::Error::duplicate_field("error_description"));
                                }
                                description = Some(map.next_value()?);
                            }
                            Field::Uri => {
                                if uri.is_some() {
                                    return Err(de::Error::duplicate_field("error_uri"));
                                }
                                uri = Some(map.next_value()?);
                            }
                            Field::Other => {
                                map.next_value::<IgnoredAny>()?;
                            }
                        }
                    }
                    let error = error.ok_or_else(|| de::Error::missing_field("error"))?;
                    Ok(ErrorResponse {
                        error,
                        description: description.flatten(),
                        uri: uri.flatten(),
                    })
                }
            }
            d.deserialize_struct("ErrorResponse", FIELDS, V)
        }
    }
}
