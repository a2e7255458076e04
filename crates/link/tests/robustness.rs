//! Hostile `Link` values: parsing, walking and writing allocate nothing (a counting
//! allocator), and the work of a parse and a full walk grows linearly with the input (the
//! ratio of a deterministic work measure between 1 KiB, 64 KiB and 1 MiB inputs, never wall
//! time), in strict and lenient modes.
#![allow(clippy::std_instead_of_alloc, clippy::std_instead_of_core)]

use signpost_link::{Leniency, Link, LinkWriter, Links, Rel, ResponseMetadata};

fn allocations_during(f: impl FnOnce()) -> u64 {
    allocation_counter::measure(f).count_total
}

/// Everything a consumer can ask of one link, each accessor once; returns a work measure:
/// one per item seen plus the bytes of every target, name and unescaped value visited.
fn visit_link(link: &Link<'_>) -> usize {
    let mut work = 1 + link.target().len();
    for p in link.params() {
        work += 1 + p.name_bytes().len() + p.value().map_or(0, |v| v.bytes().count());
        if p.name().ends_with('*') {
            work += p.ext_value().map_or(0, |e| e.decoded_len());
        }
    }
    for rel in link.rels() {
        work += 1 + rel.as_value().unescaped_len();
    }
    work += usize::from(link.has_rel(Rel::NEXT));
    work += link.anchor().map_or(0, |v| v.unescaped_len());
    work += link.media_type().map_or(0, |v| v.unescaped_len());
    work += link.media().map_or(0, |v| v.unescaped_len());
    work += link.hreflangs().count();
    work += match link.title() {
        Some(signpost_link::Title::Ext(e)) => e.decoded_len(),
        Some(signpost_link::Title::Plain(v)) => v.unescaped_len(),
        Some(_) | None => 0,
    };
    work
}

/// Parses `input` with `options` and visits every link; returns the work measure, counting
/// each call of `Links::next`, each skipped element, and for an error how far into the input
/// the parser read before it stopped (its offset).
fn visit(input: &[u8], options: Leniency) -> usize {
    let mut work = 0;
    let mut links = Links::new(input).with_leniency(options);
    for link in links.by_ref() {
        work += 1;
        match link {
            Ok(link) => work += visit_link(&link),
            Err(e) => work += e.offset(),
        }
    }
    work + links.skipped() + links.first_skipped().map_or(0, |e| e.offset())
}

/// Realistic fields, and a few malformed ones.
const SAMPLES: &[&[u8]] = &[
    br#"<https://api.github.com/repositories/1300192/issues?page=2>; rel="prev", <https://api.github.com/repositories/1300192/issues?page=4>; rel="next""#,
    br#"</app.js>; rel=preload; as=script; nopush, </fonts/a.woff2>; rel=preload; as=font; type="font/woff2"; crossorigin"#,
    br#"</TheBook/chapter2>; rel="previous"; title*=UTF-8'de'letztes%20Kapitel; title="a \"b\" c""#,
    br#"<https://example.com/token>; rel="turi", <https://example.com/disco>; rel="duri""#,
    b"<a b>; rel=next; title=Chapter two, \"junk\", </c>; rel=prev;; x=\"\\",
];

#[test]
fn the_counter_sees_allocations() {
    assert_eq!(allocations_during(|| drop(std::hint::black_box(vec![1u8; 16]))), 1);
}

#[test]
fn parsing_and_walking_allocate_nothing() {
    for input in SAMPLES {
        for options in [Leniency::NONE, Leniency::ALL] {
            let n = allocations_during(|| {
                std::hint::black_box(visit(input, options));
            });
            assert_eq!(n, 0, "{}", String::from_utf8_lossy(input));
        }
    }
    let lines: [&[u8]; 2] = [SAMPLES[0], SAMPLES[1]];
    let n = allocations_during(|| {
        for link in Links::from_lines(&lines).flatten() {
            std::hint::black_box(visit_link(&link));
        }
        let mut buf = [0u8; 64];
        for link in Links::new(SAMPLES[2]).flatten() {
            if let Some(title) = link.title_star() {
                std::hint::black_box(title.decode_into(&mut buf));
                std::hint::black_box(title.decode_str_into(&mut buf));
            }
        }
        std::hint::black_box(ResponseMetadata::from_link_field(SAMPLES[3]).unwrap());
        std::hint::black_box(
            ResponseMetadata::from_redirect_uri(
                b"https://client.example/cb?code=x&turi=https%3A%2F%2Fas.example%2Ftoken&state=s",
            )
            .unwrap(),
        );
    });
    assert_eq!(n, 0);
}

#[test]
fn writing_into_a_fixed_buffer_allocates_nothing() {
    let mut out = heapless::String::<2048>::new();
    let n = allocations_during(|| {
        let mut w = LinkWriter::new(&mut out);
        w.link("https://example.com/items?page=2").unwrap().rel(&[Rel::NEXT, Rel::LAST]).unwrap();
        w.link("/app.js")
            .unwrap()
            .rel(&[Rel::PRELOAD])
            .unwrap()
            .param("as", Some("script"))
            .unwrap()
            .param("nopush", None)
            .unwrap()
            .param("title", Some("a \"quoted\" title"))
            .unwrap()
            .anchor("#top")
            .unwrap()
            .title_star("de", "nächstes Kapitel")
            .unwrap();
        for input in &SAMPLES[..4] {
            for link in Links::new(input) {
                w.write_link(&link.unwrap()).unwrap();
            }
        }
        // Refusals allocate nothing either.
        assert!(w.link("/a\r\nSet-Cookie: x").is_err());
        assert!(w.param("title", Some("a\nb")).is_err());
        let meta = ResponseMetadata::new()
            .with_token_endpoint("https://as.example/token")
            .with_discovery("https://as.example/.well-known/openid-configuration");
        meta.write_links(&mut w).unwrap();
    });
    assert_eq!(n, 0);
    let n = allocations_during(|| {
        let meta = ResponseMetadata::new().with_resource_endpoint("https://rs.example/userinfo");
        let mut query = heapless::String::<2048>::new();
        meta.write_query(&mut query).unwrap();
        std::hint::black_box(query.len());
    });
    assert_eq!(n, 0);
    assert!(out.len() > 500);
}

/// The input sizes: 1 KiB, 64 KiB and 1 MiB (64 B, 256 B and 1 KiB under Miri, where a
/// megabyte takes hours and there is no `unsafe` code to check anyway).
const SIZES: [usize; 3] =
    if cfg!(miri) { [1 << 6, 1 << 8, 1 << 10] } else { [1 << 10, 1 << 16, 1 << 20] };

/// An adversarial field of at most `size` bytes: `prefix`, then `unit` repeated (whole
/// units, so that the three sizes of one pattern end alike).
fn adversarial(prefix: &[u8], unit: &[u8], size: usize) -> Vec<u8> {
    [prefix, &unit.repeat(size.saturating_sub(prefix.len()) / unit.len())].concat()
}

/// (prefix, repeated unit). Runs of separators, quotes, backslashes and `=`, `<` without
/// `>`, long `title*` values, many empty list elements, many parameters in one link.
const UNITS: &[(&[u8], &[u8])] = &[
    (b"", b","),
    (b"", b", "),
    (b"", b", , ,"),
    (b"</a>", b", , ,"),
    (b"", b";"),
    (b"</a>", b";"),
    (b"</a>", b"; "),
    (b"", b"\""),
    (b"</a>; t=\"", b"\""),
    (b"</a>; t=\"", b"\\"),
    (b"</a>; t=\"", b"\\\""),
    (b"</a>; t=", b"\"\\\"\","),
    (b"", b"\\"),
    (b"", b"="),
    (b"</a>; t", b"="),
    (b"</a>; t=", b"="),
    (b"", b"<"),
    (b"", b"<a"),
    (b"", b"<a, "),
    (b"", b"</a; rel=next, "),
    (b"", b"<a>"),
    (b"", b">"),
    (b"</a>; title*=UTF-8''", b"%e2%82%ac"),
    (b"</a>; title*=UTF-8''", b"a%20"),
    (b"</a>; title*=\"UTF-8''", b"%e2\\%82%ac"),
    (b"</a>; title*=UTF-8'", b"de-"),
    (b"</a>; title*=", b"UTF-8"),
    (b"", b"</a>; title*=UTF-8''%e2%82, "),
    (b"", b"</a>; rel=next, "),
    (b"", b"</a>; rel=\"next prev\"; title=\"x\\\"y\"; nopush, "),
    (b"</a>", b"; a=b"),
    (b"</a>", b"; rel=\"a b c\""),
    (b"</a>; rel=\"", b"a "),
    (b"", b"</a>; t=\"x, "),
    (b"", b"</a> "),
    (b"", b"a b; "),
    (b"", b"</a>;; x=y z, \"junk\", "),
];

fn show(prefix: &[u8], unit: &[u8]) -> String {
    format!("{:?} + {:?}*", String::from_utf8_lossy(prefix), String::from_utf8_lossy(unit))
}

/// Time is not asserted: the test checks that the work of a parse and a full walk (items,
/// calls, bytes visited and error offsets, as `visit` counts them) stays proportional to the
/// input: at most a small constant per input byte, and growing with the input, not with its
/// square. The scanners themselves only move forward (each `Links::next` and `Params::next`
/// starts where the previous one stopped; `each_step_makes_progress` checks the count of
/// those calls), so a quadratic rescan would have to come from the iterators or the
/// accessors, which this measure sees.
#[test]
#[cfg_attr(miri, ignore)] // every pattern at three sizes: minutes under Miri even at its sizes, no unsafe code
fn work_grows_linearly_with_input() {
    let [small_size, medium_size, large_size] = SIZES;
    for &(prefix, unit) in UNITS {
        for options in [Leniency::NONE, Leniency::ALL] {
            let small = visit(&adversarial(prefix, unit, small_size), options);
            let medium = visit(&adversarial(prefix, unit, medium_size), options);
            let large = visit(&adversarial(prefix, unit, large_size), options);
            let name = show(prefix, unit);
            assert!(large <= 8 * large_size, "{name} {options:?}: {large}");
            let (r1, r2) = (medium_size / small_size, large_size / medium_size);
            assert!(medium <= 2 * r1 * small + 64, "{name} {options:?}: {small} -> {medium}");
            assert!(large <= 2 * r2 * medium + 64, "{name} {options:?}: {medium} -> {large}");
        }
    }
}

/// Each call of `Links::next` makes progress: at most one call per input byte, plus one,
/// whatever the input and the mode.
#[test]
fn each_step_makes_progress() {
    for &(prefix, unit) in UNITS {
        let input = adversarial(prefix, unit, SIZES[1]);
        for options in [Leniency::NONE, Leniency::ALL] {
            let steps = Links::new(&input).with_leniency(options).take(input.len() + 2).count();
            assert!(steps <= input.len() + 1, "{}", show(prefix, unit));
            let params: usize = Links::new(&input)
                .with_leniency(options)
                .flatten()
                .map(|l| l.params().take(input.len() + 2).count())
                .sum();
            assert!(params <= input.len(), "{}", show(prefix, unit));
        }
    }
}

/// The large inputs of the linear-work test under the lenient mode really are read to the
/// end (the test would prove little if every input stopped at its first byte).
#[test]
fn lenient_reads_the_adversarial_inputs_to_the_end() {
    let input = adversarial(b"", b"</a>; rel=\"next prev\"; title=\"x\\\"y\"; nopush, ", SIZES[1]);
    let links = Links::new(&input).with_leniency(Leniency::ALL).count();
    assert!(links >= SIZES[1] / 48, "{links}");
    let n = SIZES[1] / 5;
    let input = [&b"</a>"[..], &b"; a=b".repeat(n)].concat();
    let link = Links::new(&input).next().unwrap().unwrap();
    assert_eq!(link.params().count(), n);
    assert_eq!(visit(&input, Leniency::NONE), 1 + 1 + 2 + 3 * n);
}

/// The response metadata of draft-sakimura-oauth-meta-05, read from a `Link` field, a query
/// and a redirect URI: the work (each member found and its decoded bytes, or how far the
/// reader got before its error) grows linearly with the input, from 1 KiB to 1 MiB.
#[test]
#[cfg_attr(miri, ignore)] // every pattern at three sizes: minutes under Miri even at its sizes, no unsafe code
fn metadata_work_grows_linearly_with_input() {
    fn members(meta: &ResponseMetadata<'_>) -> usize {
        [
            meta.token_endpoint(),
            meta.resource_endpoint(),
            meta.discovery(),
            meta.authorization_endpoint(),
        ]
        .into_iter()
        .flatten()
        .map(|v| 1 + v.decoded_len() + v.decode().count())
        .sum()
    }
    fn work(input: &[u8]) -> usize {
        let mut work = 0;
        for read in [
            ResponseMetadata::from_link_field,
            ResponseMetadata::from_query,
            ResponseMetadata::from_redirect_uri,
        ] {
            work += match read(input) {
                Ok(meta) => {
                    let resolved = meta.resolve(&ResponseMetadata::new());
                    let uri = resolved.token_endpoint().map_or(0, |r| r.uri().decoded_len());
                    1 + members(&meta) + uri
                }
                Err(e) => 1 + e.offset(),
            };
        }
        work
    }
    const CASES: &[(&[u8], &[u8])] = &[
        (b"", b"</a>; rel=next, "),
        (b"", b"<https://as.example/t>; rel=\"next prev\", "),
        (b"<https://as.example/", b"a"),
        (b"<https://as.example/t>; rel=\"", b"x "),
        (b"<https://as.example/t>; anchor=\"#a\"; rel=turi, ", b"</a>; rel=duri; anchor=x, "),
        (b"", b"a=b&"),
        (b"", b"&"),
        (b"turi=", b"%41"),
        (b"turi=https%3A%2F%2Fas.example%2F", b"a+"),
        (b"https://client.example/cb?", b"x=y&"),
        (b"https://client.example/cb?code=x&ruri=", b"%2F"),
        (b"https://client.example/cb#", b"duri%3D&"),
    ];
    let [s, m, l] = SIZES;
    for &(prefix, unit) in CASES {
        let [ws, wm, wl] = SIZES.map(|size| work(&adversarial(prefix, unit, size)));
        let name = show(prefix, unit);
        assert!(wl <= 8 * l, "{name}: {wl}");
        assert!(wm <= 2 * (m / s) * ws + 64, "{name}: {ws} -> {wm}");
        assert!(wl <= 2 * (l / m) * wm + 64, "{name}: {wm} -> {wl}");
    }
}
