//! Inputs shared by the signpost benches: real header values, named so that bench ids are
//! stable from run to run (`challenge/<input>/<impl>`).

/// `WWW-Authenticate` values a resource server sends, by name.
pub const CHALLENGES: &[(&str, &str)] = &[
    (
        "bearer-error",
        r#"Bearer realm="example", error="invalid_token", error_description="The access token expired""#,
    ),
    (
        "rfc9728",
        r#"Bearer resource_metadata="https://resource.example.com/.well-known/oauth-protected-resource/mcp", scope="files:read files:write""#,
    ),
    (
        "dpop-nonce",
        r#"DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof", algs="ES256 PS256""#,
    ),
    (
        "step-up",
        r#"Bearer error="insufficient_user_authentication", error_description="A different authentication level is required", acr_values="myACR", max_age=5"#,
    ),
    (
        "docker",
        r#"Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:samalba/my-app:pull,push""#,
    ),
    ("newauth", r#"Basic realm="simple", Newauth realm="apps", type=1, title="Login to \"apps\"""#),
    (
        "digest",
        r#"Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS""#,
    ),
    ("negotiate", "Negotiate YIIFyQYGKwYBBQUCoIIFvTCCBbmgMDAuBgkqhkiC9xIBAgIGCSqGSIb3EgECAgYKKwYBBAGCNwICHgYKKwYBBAGCNwICCqKCBYMEggV/YIIFewYJKoZIhvcSAQICAQBuggVqMIIFZqADAgEFoQMCAQ6iBwMFACAAAACjggRvYYIEazCCBGegAwIBBaEOGwxFWEFNUExFLkNPTaIlMCOgAwIBAqEcMBobBEhUVFAbEnNlcnZlci5leGFtcGxlLmNvbQ==, NTLM"),
];

/// The `resource_metadata` URL of the `decide` and `respond` inputs.
pub const RESOURCE_METADATA: &str = "https://mcp.example.com/.well-known/oauth-protected-resource";

/// The `WWW-Authenticate` lines of the `decide` group, by name: an MCP server's 403, a
/// DPoP nonce request among other schemes, an RFC 9470 step-up.
pub const DECIDE_INPUTS: &[(&str, &[&str])] = &[
    (
        "mcp-403",
        &[
            r#"Bearer error="insufficient_scope", scope="files:read files:write", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource""#,
        ],
    ),
    (
        "dpop-nonce",
        &[
            "Negotiate",
            r#"Basic realm="corp""#,
            r#"DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof", algs="ES256 PS256""#,
            r#"Bearer error="invalid_token""#,
        ],
    ),
    (
        "step-up",
        &[
            r#"Bearer error="insufficient_user_authentication", error_description="More recent authentication is required", max_age="300", acr_values="phr phrh", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource""#,
        ],
    ),
];

/// A `Bearer` challenge of about 1 KiB: a long `error_description` with escapes, a
/// `resource_metadata` URL and a scope of many tokens.
pub fn bearer_1k() -> String {
    let mut scope = String::new();
    for i in 0..40 {
        if i > 0 {
            scope.push(' ');
        }
        scope.push_str(&format!("api:resource{i}:read"));
    }
    let description = "The access token was issued for a different audience; \\\"aud\\\" must name this resource. ".repeat(4);
    format!(
        r#"Bearer realm="api.example.com", error="invalid_token", error_description="{description}", scope="{scope}", resource_metadata="https://api.example.com/.well-known/oauth-protected-resource/v1/files""#
    )
}

/// Every input of the `challenge` group, the 1 KiB one included.
pub fn challenge_inputs() -> Vec<(&'static str, String)> {
    let mut v: Vec<(&'static str, String)> =
        CHALLENGES.iter().map(|(n, s)| (*n, (*s).to_owned())).collect();
    v.push(("bearer-1k", bearer_1k()));
    v
}

/// The cost floor of a parser that looks at every byte: one pass through a 256-entry class
/// table, counting commas. The table goes through `black_box`, so that the compiler cannot
/// specialise the loop for the one byte it marks: the loop does what a table-driven
/// scanner does, a load per byte (about 0.2 ns a byte here, several loads a cycle).
pub fn floor_lut(input: &[u8]) -> usize {
    static TABLE: [u8; 256] = {
        let mut t = [0u8; 256];
        t[b',' as usize] = 1;
        t
    };
    let table = core::hint::black_box(&TABLE);
    input.iter().map(|&b| table[b as usize] as usize).sum()
}

/// The least a parser that hands out every element can do: split the value at its
/// delimiters with one class table and add up the lengths that [`visit_signpost`] adds up
/// (schemes, token68s, names, values unescaped), with no grammar check at all: no `=` or
/// comma required where RFC 9110 wants one, no duplicate names, no offsets kept, nothing
/// handed to a caller. On a valid value it returns the same sum as `visit_signpost`.
///
/// It is a lower bound for per-element work, not a parser: where it is slower than
/// `floor-lut` by some factor, every parser that finds each element is slower by at least
/// that factor.
pub fn split_only(input: &[u8]) -> usize {
    // 1: tchar or "/" (the characters of tokens and token68s)
    static CLASS: [u8; 256] = {
        let mut t = [0u8; 256];
        let mut b = 0;
        while b < 256 {
            t[b] = (b as u8).is_ascii_alphanumeric() as u8;
            b += 1;
        }
        let symbols = b"!#$%&'*+-.^_`|~/";
        let mut i = 0;
        while i < symbols.len() {
            t[symbols[i] as usize] = 1;
            i += 1;
        }
        t
    };
    let mut acc = 0;
    let mut i = 0;
    while let Some(&b) = input.get(i) {
        if b == b'"' {
            let start = i + 1;
            let mut j = start;
            let mut escapes = 0;
            while let Some(&c) = input.get(j) {
                if c == b'"' {
                    break;
                }
                if c == b'\\' {
                    escapes += 1;
                    j += 1;
                }
                j += 1;
            }
            acc += j.min(input.len()) - start - escapes;
            i = j + 1;
        } else if CLASS[b as usize] != 0 {
            let start = i;
            while input.get(i).is_some_and(|&c| CLASS[c as usize] != 0) {
                i += 1;
            }
            // token68 padding: "=" signs that end the element
            let mut pad = i;
            while input.get(pad) == Some(&b'=') {
                pad += 1;
            }
            if pad > i && matches!(input.get(pad), None | Some(b' ' | b',')) {
                i = pad;
            }
            acc += i - start;
        } else {
            i += 1;
        }
    }
    acc
}

/// [`split_only`]'s job done through a structural index instead of a byte loop: the value is
/// read 8 bytes a step (`u64::from_le_bytes`, so bit order is byte order on every target),
/// each word classified by SWAR arithmetic into a mask of its delimiters (`,` `=` `"` `\`
/// SP HTAB: the high bit of each byte that is one), and the elements are found by walking
/// the set bits (`trailing_zeros`, then only the bits above the one handled): a token is
/// the run between two delimiters, a quoted string runs from its `"` to the next `"` bit
/// that no backslash escapes.
///
/// Inside a quoted string the walk is sequential over the `"` and `\` bits only (the `,`,
/// `=` and SP bits in the string are masked out): a `\` counts one escape and the walk
/// resumes two bytes on, past the escaped byte. It does not use the odd-backslash-run and
/// prefix-XOR tricks of simdjson, which find the strings without a walk: on these headers
/// a quoted string holds at most a few escapes, and the walk visits each `"` and `\` once.
///
/// The token68 padding (`=` signs that end a token before a SP, a comma or the end) is a
/// look-ahead over the bytes, as in `split_only`. No grammar check at all, as in
/// `split_only`: on every value made of tchar, `/` and the six delimiters, valid or not,
/// both return the same sum (the unit tests and a property check it).
pub fn split_index(input: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    /// The high bit of each byte of `w` that equals `c`, exactly (no borrow between bytes).
    #[inline(always)]
    fn eq(w: u64, c: u8) -> u64 {
        let x = w ^ (ONES * c as u64);
        !(((x & LOW7) + LOW7) | x | LOW7)
    }
    /// The walk's state between words.
    struct Walk {
        acc: usize,
        // Outside a string: where the current token began. Inside: where the content
        // began, with `escapes` the escapes it holds so far.
        run_start: usize,
        in_quote: bool,
        escapes: usize,
        // Bits of bytes before `next` are done with (an escaped byte, token68 padding).
        next: usize,
    }
    /// Classify the 8 bytes of `w` (from `base` on) and walk their delimiter bits.
    #[inline(always)]
    fn word(st: &mut Walk, input: &[u8], base: usize, w: u64) {
        let qb = eq(w, b'"') | eq(w, b'\\');
        let all = qb | eq(w, b',') | eq(w, b'=') | eq(w, b' ') | eq(w, b'\t');
        loop {
            let skip = st.next.saturating_sub(base);
            let above = if skip >= 8 { 0 } else { u64::MAX << (8 * skip) };
            let bits = if st.in_quote { qb } else { all } & above;
            if bits == 0 {
                return;
            }
            let shift = bits.trailing_zeros() & !7;
            let p = base + (shift >> 3) as usize;
            let c = (w >> shift) as u8;
            st.next = p + 1;
            if st.in_quote {
                if c == b'\\' {
                    st.escapes += 1;
                    st.next = p + 2;
                } else {
                    st.acc += p - st.run_start - st.escapes;
                    st.in_quote = false;
                    st.run_start = p + 1;
                }
                continue;
            }
            if p > st.run_start {
                let mut end = p;
                if c == b'=' {
                    // token68 padding: "=" signs that end the element
                    let mut pad = p;
                    while input.get(pad) == Some(&b'=') {
                        pad += 1;
                    }
                    if matches!(input.get(pad), None | Some(b' ' | b',')) {
                        end = pad;
                        st.next = pad;
                    }
                }
                st.acc += end - st.run_start;
            }
            if c == b'"' {
                st.in_quote = true;
                st.escapes = 0;
            }
            st.run_start = st.next;
        }
    }
    let mut st = Walk { acc: 0, run_start: 0, in_quote: false, escapes: 0, next: 0 };
    let mut chunks = input.chunks_exact(8);
    let mut base = 0;
    for chunk in chunks.by_ref() {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(chunk);
        word(&mut st, input, base, u64::from_le_bytes(bytes));
        base += 8;
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        // The last bytes, padded with NULs (not delimiters) to a word.
        let mut bytes = [0u8; 8];
        bytes[..rest.len()].copy_from_slice(rest);
        word(&mut st, input, base, u64::from_le_bytes(bytes));
    }
    let len = input.len();
    if st.in_quote {
        st.acc += len - st.run_start - st.escapes;
    } else if len > st.run_start {
        st.acc += len - st.run_start;
    }
    st.acc
}

/// What the signpost bench does with a value: visit every challenge, its scheme, token68,
/// every param name and the unescaped length of every value.
pub fn visit_signpost(input: &[u8]) -> usize {
    let mut acc = 0;
    for c in signpost_challenge::Challenges::new(input) {
        let Ok(c) = c else { break };
        acc += visit_challenge(&c);
    }
    acc
}

/// The visit of one challenge: its scheme, token68, every param name and the unescaped
/// length of every value.
#[inline(always)]
fn visit_challenge(c: &signpost_challenge::Challenge<'_>) -> usize {
    let mut acc = c.scheme().len() + c.token68().map_or(0, str::len);
    for p in c.params() {
        acc += p.name().len() + p.value().unescaped_len();
    }
    acc
}

/// [`visit_signpost`] over several field lines (`Challenges::from_lines`): the parse-and-visit
/// a decision pays at least, the baseline of the `decide` bench.
pub fn visit_lines(lines: &[&[u8]]) -> usize {
    let mut acc = 0;
    for c in signpost_challenge::Challenges::from_lines(lines) {
        let Ok(c) = c else { continue };
        acc += visit_challenge(&c);
    }
    acc
}

/// The header text of the `respond` bench (`Bearer` and `DPoP` challenges, then `OAuth2`),
/// built with `format!` into a new `String` with nothing checked, as hand-written servers
/// do: `respond/<reason>/format`, the baseline of `respond/<reason>/signpost`.
pub fn respond_format(error: &str, description: Option<&str>, scope: Option<&str>) -> String {
    use std::fmt::Write as _;
    const PRM: &str = RESOURCE_METADATA;
    let mut out = String::new();
    for scheme in ["Bearer", "DPoP"] {
        if !out.is_empty() {
            out.push_str(", ");
        }
        let _ = write!(out, "{scheme} error=\"{error}\"");
        if let Some(d) = description {
            let _ = write!(out, ", error_description=\"{d}\"");
        }
        if let Some(s) = scope {
            let _ = write!(out, ", scope=\"{s}\"");
        }
        if scheme == "DPoP" {
            out.push_str(", algs=\"ES256 PS256\"");
        }
        let _ = write!(out, ", resource_metadata=\"{PRM}\"");
    }
    let refresh = if scope.is_some() { "" } else { "refresh " };
    let _ = write!(out, ", OAuth2 flows=\"{refresh}user-delegation\", error=\"{error}\"");
    if let Some(s) = scope {
        let _ = write!(out, ", scope=\"{s}\"");
    }
    let _ = write!(out, ", resource_metadata=\"{PRM}\"");
    out
}

/// One round of an interleaved timing (`LINK_INTERLEAVED`, `DECIDE_INTERLEAVED`): `job`
/// called 3,000 times, in nanoseconds per call. The callers keep each job's fastest round.
pub fn round_ns(mut job: impl FnMut()) -> f64 {
    const CALLS: u32 = 3000;
    let start = std::time::Instant::now();
    for _ in 0..CALLS {
        job();
    }
    start.elapsed().as_nanos() as f64 / f64::from(CALLS)
}

#[cfg(test)]
mod tests {
    #[test]
    fn split_only_adds_up_what_the_signpost_visit_adds_up() {
        for (name, value) in super::challenge_inputs() {
            let v = value.as_bytes();
            assert_eq!(super::split_only(v), super::visit_signpost(v), "{name}");
        }
    }

    #[test]
    fn split_index_adds_up_what_split_only_adds_up() {
        for (name, value) in super::challenge_inputs() {
            let v = value.as_bytes();
            assert_eq!(super::split_index(v), super::split_only(v), "{name}");
        }
        // Block edges: an escape, a closing quote and token68 padding on either side of
        // the 8-byte steps, and values that end inside a string or an escape.
        for v in [
            &b""[..],
            b"Basic",
            b"A bcdefg==",
            b"Abcdefg bcdefgh==, B",
            b"A b=\"1234\\\"x\"",
            b"Ab c=\"12\\\"",
            b"Ab cd=\"1\\",
            b"A b=\"unterminated, x=y",
            b"A b==,c== ,d=e",
        ] {
            assert_eq!(super::split_index(v), super::split_only(v), "{v:?}");
        }
    }

    use proptest::prelude::*;

    /// A `WWW-Authenticate` value by the RFC 9110 §11.6.1 grammar: challenges of a scheme
    /// and a token68 or auth-params (BWS around `=`, OWS around commas), values tokens or
    /// quoted strings with quoted-pairs.
    fn header() -> impl Strategy<Value = String> {
        let token = r"[A-Za-z0-9!#$%&'*+.^_`|~-]{1,10}";
        let quoted = r#""([ \t!#-\[\]-~]|\\[ -~]){0,20}""#;
        let value = prop_oneof![token, quoted];
        let param =
            (token, "[ ]?", "[ ]?", value).prop_map(|(n, b1, b2, v)| format!("{n}{b1}={b2}{v}"));
        let params = prop::collection::vec(param, 0..5).prop_map(|ps| {
            if ps.is_empty() {
                String::new()
            } else {
                format!(" {}", ps.join(", "))
            }
        });
        let token68 = r"[A-Za-z0-9._~+/-]{1,40}={0,2}".prop_map(|t| format!(" {t}"));
        let challenge = (token, prop_oneof![params, token68]).prop_map(|(s, rest)| s + &rest);
        (prop::collection::vec(challenge, 1..4), "[ ]{0,2},[ ]{0,2}")
            .prop_map(|(cs, sep)| cs.join(&sep))
    }

    proptest! {
        #[test]
        #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
        fn split_index_is_split_only_on_valid_values(v in header()) {
            prop_assert_eq!(super::split_index(v.as_bytes()), super::split_only(v.as_bytes()));
        }

        /// Any sequence of tchar, `/` and the six delimiters, valid or not: both take every
        /// other byte for a delimiter, so they agree on these too.
        #[test]
        #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
        fn split_index_is_split_only_on_delimiter_soup(v in r#"[a-z0-9/=,"\\ \t]{0,80}"#) {
            prop_assert_eq!(super::split_index(v.as_bytes()), super::split_only(v.as_bytes()));
        }
    }
}
