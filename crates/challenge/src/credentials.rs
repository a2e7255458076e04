//! `credentials` (RFC 9110 §11.4): the value of `Authorization` and
//! `Proxy-Authorization`.

use signpost_syntax::{skip_list_separators, skip_ows, Error};

use crate::challenge::{Body, Challenge};
use crate::challenges::Challenges;

/// The credentials of an `Authorization` or `Proxy-Authorization` field:
/// `credentials = auth-scheme [ 1*SP ( token68 / #auth-param ) ]` (RFC 9110 §11.4), parsed
/// strictly. Exactly one credentials value; OWS around it is allowed.
///
/// ```
/// use signpost_challenge::parse_credentials;
///
/// let c = parse_credentials(b"Basic YWxhZGRpbjpvcGVuc2VzYW1l")?;
/// assert!(c.scheme_is("basic"));
/// assert_eq!(c.token68(), Some("YWxhZGRpbjpvcGVuc2VzYW1l"));
///
/// let err = parse_credentials(b"Bearer abc, Basic def").unwrap_err();
/// assert_eq!(err.to_string(), "expected one credentials value, found a second auth-scheme at byte 12");
/// # Ok::<(), signpost_challenge::Error>(())
/// ```
pub fn parse_credentials(value: &[u8]) -> Result<Challenge<'_>, Error> {
    let mut it = Challenges::new(value);
    let start = skip_ows(value, 0);
    if skip_list_separators(value, start).0 == value.len() {
        return Err(Error::at(value, start, "expected auth-scheme (a token)"));
    }
    let c = match it.next() {
        Some(r) => r?,
        None => return Err(Error::at(value, start, "expected auth-scheme (a token)")),
    };
    let end = it.cur.pos;
    match it.next() {
        Some(Ok(second)) => {
            return Err(Error::new(
                second.offset(),
                "expected one credentials value, found a second auth-scheme",
            ))
        }
        Some(Err(e)) => return Err(e),
        None => {}
    }
    // A token68 or a bare scheme is not a list: not even an empty element may follow.
    if !matches!(c.body, Body::Params(_)) {
        let rest = skip_ows(value, end);
        if rest < value.len() {
            return Err(Error::at(value, rest, "expected end of credentials"));
        }
    }
    Ok(c)
}

/// The credentials of an `Authorization` or `Proxy-Authorization` field as the field lines
/// a message carried: exactly one line, parsed with [`parse_credentials`].
///
/// Both fields are singletons: `credentials` is not a list, so two field lines of one of them
/// cannot be combined (RFC 9110 §5.3), and RFC 9449 §7.1 has a resource server reject a
/// request that carries more than one `Authorization` field. Two lines or more are an error
/// at the start of the second line (its offset in the lines joined by `", "`, as
/// [`Challenges::from_lines`] counts); no line is an error at byte 0.
///
/// ```
/// use signpost_challenge::parse_credentials_lines;
///
/// let one: [&[u8]; 1] = [b"DPoP eyJhbGciOiJFUzI1NiJ9"];
/// assert_eq!(parse_credentials_lines(&one)?.token68(), Some("eyJhbGciOiJFUzI1NiJ9"));
///
/// let two: [&[u8]; 2] = [b"Bearer abc", b"DPoP def"];
/// let err = parse_credentials_lines(&two).unwrap_err();
/// assert_eq!(err.to_string(), "expected one credentials field line (a singleton field), found a second at byte 12");
/// # Ok::<(), signpost_challenge::Error>(())
/// ```
pub fn parse_credentials_lines<'a>(lines: &[&'a [u8]]) -> Result<Challenge<'a>, Error> {
    match lines {
        [one] => parse_credentials(one),
        [] => Err(Error::new(0, "expected one credentials field line, found none")),
        [first, ..] => Err(Error::new(
            first.len() + 2,
            "expected one credentials field line (a singleton field), found a second",
        )),
    }
}

/// The access token of `Authorization: Bearer <b64token>` (RFC 6750 §2.1:
/// `credentials = "Bearer" 1*SP b64token`, `b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" /
/// "~" / "+" / "/" ) *"="`). The scheme is matched ignoring ASCII case.
///
/// ```
/// use signpost_challenge::bearer_token;
///
/// assert_eq!(bearer_token(b"Bearer mF_9.B5f-4.1JqM")?, "mF_9.B5f-4.1JqM");
/// assert_eq!(bearer_token(b"bearer mF_9.B5f-4.1JqM")?, "mF_9.B5f-4.1JqM");
/// assert_eq!(
///     bearer_token(b"Basic YWxhZGRpbg==").unwrap_err().message(),
///     "expected auth-scheme 'Bearer'"
/// );
/// # Ok::<(), signpost_challenge::Error>(())
/// ```
pub fn bearer_token(value: &[u8]) -> Result<&str, Error> {
    token_for(value, "Bearer")
}

/// The token68 of `Authorization: <scheme> <token68>` for a given scheme (`DPoP`, `Bearer`,
/// `Basic`, ...), matched ignoring ASCII case; an error if the credentials use another
/// scheme or carry auth-params.
pub fn token_for<'a>(value: &'a [u8], scheme: &str) -> Result<&'a str, Error> {
    let c = parse_credentials(value)?;
    if !c.scheme_is(scheme) {
        let message = if scheme.eq_ignore_ascii_case("bearer") {
            "expected auth-scheme 'Bearer'"
        } else if scheme.eq_ignore_ascii_case("dpop") {
            "expected auth-scheme 'DPoP'"
        } else {
            "unexpected auth-scheme"
        };
        return Err(Error::new(c.offset(), message));
    }
    c.token68().ok_or_else(|| {
        Error::new(c.offset() + c.scheme().len(), "expected SP and a token68 after auth-scheme")
    })
}
