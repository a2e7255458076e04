//! Differential: the nom parsers of the `nom` feature against the fast API on every input.
//! On the field value (the input up to its first CR or LF): `challenges` and a list composed
//! of `challenge` and `list_separator` against `Challenges::new`, `credentials` against
//! `parse_credentials`, `links` and a list composed of `link_value` against `Links::new`
//! (the same items with the same offsets, or the same error: offset, message and what was
//! found), each leaving exactly the CR or LF and what follows; `auth_param` against the first
//! auth-param of a challenge; and each lexical parser against its scanner.
#![no_main]

use libfuzzer_sys::fuzz_target;
use signpost_challenge::nom as cnom;
use signpost_challenge::{parse_credentials, Challenge, Challenges};
use signpost_link::nom as lnom;
use signpost_link::{Link, Links};
use signpost_syntax::nom::{ows, quoted_string, token, token68, NomError};
use signpost_syntax::Error;

type R<'a, O> = nom::IResult<&'a [u8], O, NomError<'a>>;
type ChallengeModel = (Vec<u8>, Option<Vec<u8>>, Vec<(Vec<u8>, Vec<u8>)>, usize);
type LinkModel = (Vec<u8>, Vec<(Vec<u8>, Option<Vec<u8>>)>, usize);

fn challenge_model(c: &Challenge<'_>) -> ChallengeModel {
    let params =
        c.params().map(|p| (p.name().as_bytes().to_vec(), p.value().bytes().collect())).collect();
    (c.scheme_bytes().to_vec(), c.token68().map(|t| t.as_bytes().to_vec()), params, c.offset())
}

fn link_model(l: &Link<'_>) -> LinkModel {
    let params = l
        .params()
        .map(|p| (p.name_bytes().to_vec(), p.value().map(|v| v.bytes().collect())))
        .collect();
    (l.target().to_vec(), params, l.offset())
}

/// The output and the number of bytes consumed, or the error in `input`.
fn run<'a, O>(input: &'a [u8], r: R<'a, O>) -> Result<(O, usize), Error> {
    match r {
        Ok((rest, o)) => Ok((o, input.len() - rest.len())),
        Err(nom::Err::Error(e) | nom::Err::Failure(e)) => Err(e.to_error(input)),
        Err(nom::Err::Incomplete(_)) => panic!("a complete parser asked for more input"),
    }
}

/// `*( OWS "," ) [ element *( list_separator element ) ] *( OWS "," ) OWS` over `value`,
/// each element's offset moved into `value`.
fn composed<'a, T>(
    value: &'a [u8],
    element: impl Fn(&'a [u8]) -> R<'a, T>,
    mut shift: impl FnMut(T, usize),
) -> Result<(), Error> {
    // OWS (with obs-folds, which only a challenge value holds) and commas.
    let skip = |mut i: &'a [u8]| loop {
        let (rest, _) = cnom::ows::<NomError>(i).expect("ows never fails");
        match rest.split_first() {
            Some((b',', rest)) => i = rest,
            _ => break rest,
        }
    };
    let mut rest = skip(value);
    while !rest.is_empty() {
        let (after, item) = match element(rest) {
            Ok(parsed) => parsed,
            Err(nom::Err::Error(e) | nom::Err::Failure(e)) => return Err(e.to_error(value)),
            Err(nom::Err::Incomplete(_)) => panic!("a complete parser asked for more input"),
        };
        shift(item, value.len() - rest.len());
        let (after, _) = cnom::ows::<NomError>(after).expect("ows never fails");
        if after.is_empty() {
            break;
        }
        let (after, _) = cnom::list_separator::<NomError>(after)
            .unwrap_or_else(|_| panic!("no comma after an element in {value:?}"));
        rest = after;
    }
    Ok(())
}

/// The end of a challenge field value: its first CR or LF that does not start an obs-fold
/// (CRLF followed by SP or HTAB, RFC 9112 §5.2), which the challenge parsers read as
/// whitespace.
fn challenge_value_end(data: &[u8]) -> usize {
    let mut i = 0;
    while i < data.len() {
        match data[i..] {
            [b'\r', b'\n', b' ' | b'\t', ..] => i += 3,
            [b'\r' | b'\n', ..] => return i,
            _ => i += 1,
        }
    }
    i
}

fuzz_target!(|data: &[u8]| {
    let link_end = data.iter().position(|&b| b == b'\r' || b == b'\n').unwrap_or(data.len());

    // challenges, over a value that goes on over obs-folds
    let end = challenge_value_end(data);
    let value = &data[..end];
    let fast: Result<Vec<ChallengeModel>, Error> =
        Challenges::new(value).map(|c| c.map(|c| challenge_model(&c))).collect();
    let nom = run(data, cnom::challenges::<NomError>(data)).map(|(list, consumed)| {
        assert_eq!(consumed, end, "challenges consumed past the field value");
        list.map(|c| challenge_model(&c.expect("checked by challenges"))).collect::<Vec<_>>()
    });
    assert_eq!(nom, fast, "challenges on {:?}", String::from_utf8_lossy(data));
    let mut list = Vec::new();
    let nom = composed(value, cnom::challenge::<NomError>, |c, at| {
        let mut m = challenge_model(&c);
        m.3 += at;
        list.push(m);
    })
    .map(|()| list);
    match (&nom, &fast) {
        // `1#challenge`: an empty list is for the composed parser's caller to refuse.
        (Ok(list), Err(e)) if list.is_empty() => {
            assert_eq!(e.message(), "expected challenge (WWW-Authenticate = 1#challenge)");
        }
        _ => {
            assert_eq!(nom, fast, "composed challenge list on {:?}", String::from_utf8_lossy(data))
        }
    }

    // credentials
    let fast = parse_credentials(value).map(|c| challenge_model(&c));
    let nom = run(data, cnom::credentials::<NomError>(data)).map(|(c, consumed)| {
        assert_eq!(consumed, end, "credentials consumed past the field value");
        challenge_model(&c)
    });
    assert_eq!(nom, fast, "credentials on {:?}", String::from_utf8_lossy(data));

    // auth_param: the first auth-param of `X <value>`, when that challenge has one that
    // starts the value.
    let prefixed = [b"X ", value].concat();
    let starts = value.first().is_some_and(|&b| signpost_syntax::is_tchar(b));
    if let (true, Some(Ok(c))) = (starts, Challenges::new(&prefixed).next()) {
        if let Some(first) = c.params().next() {
            let (p, _) = run(data, cnom::auth_param::<NomError>(data)).unwrap_or_else(|e| {
                panic!("auth_param: {e} on {:?}", String::from_utf8_lossy(data))
            });
            assert_eq!((p.name(), p.value()), (first.name(), first.value()));
        }
    }

    // links: the value ends at the first CR or LF
    let end = link_end;
    let value = &data[..end];
    let fast: Result<Vec<LinkModel>, Error> =
        Links::new(value).map(|l| l.map(|l| link_model(&l))).collect();
    let nom = run(data, lnom::links::<NomError>(data)).map(|(list, consumed)| {
        assert_eq!(consumed, end, "links consumed past the field value");
        list.map(|l| link_model(&l.expect("checked by links"))).collect::<Vec<_>>()
    });
    assert_eq!(nom, fast, "links on {:?}", String::from_utf8_lossy(data));
    let mut list = Vec::new();
    let nom = composed(value, lnom::link_value::<NomError>, |l, at| {
        let mut m = link_model(&l);
        m.2 += at;
        list.push(m);
    })
    .map(|()| list);
    assert_eq!(nom, fast, "composed link list on {:?}", String::from_utf8_lossy(data));

    // The lexical parsers and their scanners.
    let t = signpost_syntax::token_end(data, 0);
    match token::<NomError>(data) {
        Ok((rest, s)) => assert_eq!((s.as_bytes(), rest), data.split_at(t)),
        Err(_) => assert_eq!(t, 0),
    }
    let t = signpost_syntax::token68_end(data, 0);
    match token68::<NomError>(data) {
        Ok((rest, s)) => assert_eq!((s.as_bytes(), rest), data.split_at(t)),
        Err(_) => assert_eq!(t, 0),
    }
    let fast = signpost_syntax::quoted_string(data, 0);
    let nom = run(data, quoted_string::<NomError>(data));
    assert_eq!(nom, fast);
    let t = signpost_syntax::skip_ows(data, 0);
    assert_eq!(ows::<NomError>(data).ok(), Some((&data[t..], &data[..t])));
});
