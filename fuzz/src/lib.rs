//! Reference implementations for the differential fuzz targets, written independently of
//! the crates they check.

pub mod challenge_ref {
    //! RFC 9110 §11 challenges, translated rule by rule into nom combinators. The list rule
    //! (`#challenge`, with its ambiguous commas) is a plain loop around them.

    use nom::branch::alt;
    use nom::bytes::complete::{tag, take_while, take_while1, take_while_m_n};
    use nom::combinator::{map, opt, peek, recognize};
    use nom::multi::{many0, many1};
    use nom::sequence::{delimited, pair, preceded, terminated};
    use nom::{IResult, Parser};

    /// One challenge: scheme, token68, params (name, unescaped value).
    pub type Model = (String, Option<String>, Vec<(String, Vec<u8>)>);

    fn is_tchar(b: u8) -> bool {
        b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
    }

    /// `token = 1*tchar`
    fn token(i: &[u8]) -> IResult<&[u8], &[u8]> {
        take_while1(is_tchar)(i)
    }

    /// `OWS = *( SP / HTAB )`
    fn ows(i: &[u8]) -> IResult<&[u8], &[u8]> {
        take_while(|b| b == b' ' || b == b'\t')(i)
    }

    /// `quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE`
    fn quoted_string(i: &[u8]) -> IResult<&[u8], Vec<u8>> {
        let qdtext = take_while1(|b: u8| {
            b == b'\t'
                || b == b' '
                || b == 0x21
                || (0x23..=0x5B).contains(&b)
                || (0x5D..=0x7E).contains(&b)
                || b >= 0x80
        });
        let quoted_pair = preceded(
            tag(&b"\\"[..]),
            take_while_m_n(1, 1, |b: u8| {
                b == b'\t' || b == b' ' || (0x21..=0x7E).contains(&b) || b >= 0x80
            }),
        );
        map(
            delimited(tag(&b"\""[..]), many0(alt((qdtext, quoted_pair))), tag(&b"\""[..])),
            |parts: Vec<&[u8]>| parts.concat(),
        )
        .parse(i)
    }

    /// `token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="`, which must
    /// be the whole body: only OWS before a comma or the end may follow.
    fn token68_body(i: &[u8]) -> IResult<&[u8], &[u8]> {
        terminated(
            recognize(pair(
                take_while1(|b: u8| b.is_ascii_alphanumeric() || b"-._~+/".contains(&b)),
                take_while(|b| b == b'='),
            )),
            peek(pair(ows, alt((tag(&b","[..]), nom::combinator::eof)))),
        )
        .parse(i)
    }

    /// `auth-param = token BWS "=" BWS ( token / quoted-string )`
    fn auth_param(i: &[u8]) -> IResult<&[u8], (Vec<u8>, Vec<u8>)> {
        map(
            (token, ows, tag(&b"="[..]), ows, alt((map(token, <[u8]>::to_vec), quoted_string))),
            |(n, _, _, _, v)| (n.to_vec(), v),
        )
        .parse(i)
    }

    /// `OWS "," OWS`, one or more times: the separators of a `#` list with empty elements.
    fn list_sep(i: &[u8]) -> IResult<&[u8], ()> {
        map(many1((ows, tag(&b","[..]), ows)), |_| ()).parse(i)
    }

    /// `#auth-param`, allowing empty elements before the first one.
    fn auth_params(i: &[u8]) -> IResult<&[u8], Vec<(Vec<u8>, Vec<u8>)>> {
        let (i, first) = opt(auth_param).parse(i)?;
        let (i, first) = match first {
            Some(p) => (i, vec![p]),
            None => match opt(preceded(list_sep, auth_param)).parse(i)? {
                (i, Some(p)) => (i, vec![p]),
                (_, None) => return Ok((i, vec![])),
            },
        };
        let (i, rest) = many0(preceded(list_sep, auth_param)).parse(i)?;
        Ok((i, first.into_iter().chain(rest).collect()))
    }

    enum Body {
        Token68(Vec<u8>),
        Params(Vec<(Vec<u8>, Vec<u8>)>),
    }

    /// `challenge = auth-scheme [ 1*SP ( token68 / #auth-param ) ]`
    fn challenge(i: &[u8]) -> IResult<&[u8], (&[u8], Option<Body>)> {
        pair(
            token,
            opt(preceded(
                take_while1(|b| b == b' '),
                alt((
                    map(token68_body, |t: &[u8]| Body::Token68(t.to_vec())),
                    map(auth_params, Body::Params),
                )),
            )),
        )
        .parse(i)
    }

    /// RFC 9112 §5.2: each `obs-fold = OWS CRLF RWS` replaced by SP before the value is
    /// read, as a separate pass: outside a quoted-string the whole fold becomes SPs (so the
    /// `1*SP` after a scheme may be a fold); inside one, its CR and LF become SP and its
    /// whitespace stays. A quoted-pair whose second byte would be the fold's CR stays
    /// invalid (the parser under test refuses it: see docs/conformance.md).
    pub fn unfold(input: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(input.len());
        let (mut quoted, mut i) = (false, 0);
        while i < input.len() {
            let b = input[i];
            let fold = b == b'\r'
                && input.get(i + 1) == Some(&b'\n')
                && matches!(input.get(i + 2), Some(b' ' | b'\t'));
            if fold && !quoted {
                // the OWS before may be SPs and HTABs in any order: make them all SP
                for l in out.iter_mut().rev().take_while(|l| matches!(**l, b' ' | b'\t')) {
                    *l = b' ';
                }
                out.extend_from_slice(b"  ");
                i += 2;
                while let Some(&(b' ' | b'\t')) = input.get(i) {
                    out.push(b' ');
                    i += 1;
                }
                continue;
            }
            if fold {
                out.extend_from_slice(b"  ");
                i += 2;
                continue;
            }
            if quoted && b == b'\\' {
                out.push(b);
                if let Some(&e) = input.get(i + 1) {
                    out.push(e);
                }
                i += 2;
                continue;
            }
            if b == b'"' {
                quoted = !quoted;
            }
            out.push(b);
            i += 1;
        }
        out
    }

    /// `WWW-Authenticate = 1#challenge`, after [`unfold`]; `None` when the value does not
    /// match (a value with no challenge does not).
    pub fn parse(input: &[u8]) -> Option<Vec<Model>> {
        parse_unfolded(&unfold(input))
    }

    fn parse_unfolded(input: &[u8]) -> Option<Vec<Model>> {
        let mut out = Vec::new();
        let mut i = input;
        loop {
            // empty elements
            let (rest, _) =
                many0((ows, tag::<_, _, nom::error::Error<&[u8]>>(&b","[..]))).parse(i).ok()?;
            let (rest, _) = ows(rest).ok()?;
            if rest.is_empty() {
                return (!out.is_empty()).then_some(out);
            }
            let (rest, (scheme, body)) = challenge(rest).ok()?;
            let scheme = String::from_utf8(scheme.to_vec()).ok()?;
            let model = match body {
                None => (scheme, None, vec![]),
                Some(Body::Token68(t)) => (scheme, Some(String::from_utf8(t).ok()?), vec![]),
                Some(Body::Params(ps)) => {
                    if ps.len() > 32 {
                        return None;
                    }
                    for (k, (n, _)) in ps.iter().enumerate() {
                        if ps[..k].iter().any(|(m, _)| m.eq_ignore_ascii_case(n)) {
                            return None;
                        }
                    }
                    let ps = ps
                        .into_iter()
                        .map(|(n, v)| (String::from_utf8(n).ok().unwrap_or_default(), v))
                        .collect();
                    (scheme, None, ps)
                }
            };
            out.push(model);
            // after a challenge: OWS, then a comma or the end
            let (rest, _) = ows(rest).ok()?;
            if rest.is_empty() {
                return Some(out);
            }
            if rest[0] != b',' {
                return None;
            }
            i = rest;
        }
    }
}
