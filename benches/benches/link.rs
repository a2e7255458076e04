//! `Link` field parsing, side by side: ids `link/<input>/<impl>`.
//!
//! - `signpost`: `signpost_link::Links`, visiting every link, every parameter, and each
//!   value's unescaped length (what a consumer of the field does).
//! - `signpost-validate`: `signpost_link::Links`, counting the links without visiting
//!   their parameters (the parse alone; every link is still fully checked).
//! - `parse-net`: `parse_net::parse_link` (validate) and then its `LinkIter` walk over the
//!   same links, parameters and values.
//! - `parse-net-validate`: `parse_net::parse_link` alone (validation, no walk), the speed
//!   signpost's full visit is measured against.
//! - `parse_link_header`: `parse_link_header::parse` (regex strip-and-split into a
//!   `HashMap`).
//! - `http-link`: `http_link::parse_link_header` (Appendix B into `Vec<Link>`, resolving
//!   every target against a base URL).
//!
//! Run: `cargo bench -p signpost-benches --bench link -- --warm-up-time 1 --measurement-time 3`
//!
//! On a shared, loaded machine criterion's figures for two implementations are taken minutes
//! apart and their ratio moves with the load. `LINK_INTERLEAVED=1 cargo bench -p
//! signpost-benches --bench link` instead times `signpost`, `signpost-validate`, `parse-net`
//! and `parse-net-validate` in turns (60 rounds of 3000 calls each, `LINK_ROUNDS` to change
//! it, keeping each one's fastest round), prints that table with the geometric means of the
//! times and of the ratios `parse-net / signpost` (the performance goal, at least 3x) and
//! `parse-net-validate / signpost`, and exits.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use signpost_benches::round_ns;

/// `Link` field values, by name.
const INPUTS: &[(&str, &str)] = &[
    (
        "github-pagination",
        r#"<https://api.github.com/repositories/1300192/issues?page=2>; rel="prev", <https://api.github.com/repositories/1300192/issues?page=4>; rel="next", <https://api.github.com/repositories/1300192/issues?page=515>; rel="last", <https://api.github.com/repositories/1300192/issues?page=1>; rel="first""#,
    ),
    (
        "preload",
        r#"</app.js>; rel=preload; as=script; nopush, </style.css>; rel=preload; as=style, </fonts/inter.woff2>; rel=preload; as=font; type="font/woff2"; crossorigin"#,
    ),
    (
        "sakimura",
        r#"<https://example.com/userinfo>; rel="ruri", <https://example.com/disco>; rel="duri""#,
    ),
    (
        "rfc8288-title-star",
        "</TheBook/chapter2>; rel=\"previous\"; title*=UTF-8'de'letztes%20Kapitel, </TheBook/chapter4>; rel=\"next\"; title*=UTF-8'de'n%c3%a4chstes%20Kapitel",
    ),
];

fn signpost(input: &[u8]) -> usize {
    let mut n = 0;
    for link in signpost_link::Links::new(input) {
        let Ok(link) = link else { return usize::MAX };
        n += link.target().len();
        for p in link.params() {
            n += p.name_bytes().len() + p.value().map_or(0, |v| v.unescaped_len());
        }
    }
    n
}

fn signpost_validate(input: &[u8]) -> usize {
    let mut n = 0;
    for link in signpost_link::Links::new(input) {
        let Ok(_) = link else { return usize::MAX };
        n += 1;
    }
    n
}

fn word_len(w: Option<parse_net::text::Word<'_>>) -> usize {
    match w {
        Some(parse_net::text::Word::Token(t)) => t.len(),
        Some(parse_net::text::Word::Quoted(q)) => q.unescaped_len(),
        None => 0,
    }
}

fn parse_net_walk(input: &[u8]) -> usize {
    let Ok(links) = parse_net::parse_link(input, &parse_net::Limits::DEFAULT) else {
        return usize::MAX;
    };
    let mut n = 0;
    for link in links.iter() {
        n += link.target().len();
        for (name, value) in link.params().iter() {
            n += name.len() + word_len(value);
        }
    }
    n
}

fn parse_net_validate(input: &[u8]) -> usize {
    match parse_net::parse_link(input, &parse_net::Limits::DEFAULT) {
        Ok(links) => links.len(),
        Err(_) => usize::MAX,
    }
}

fn parse_link_header(input: &str) -> usize {
    match parse_link_header::parse(input) {
        Ok(map) => map
            .values()
            .map(|l| {
                l.raw_uri.len() + l.params.iter().map(|(k, v)| k.len() + v.len()).sum::<usize>()
            })
            .sum(),
        Err(_) => usize::MAX,
    }
}

fn http_link(input: &str, base: &url::Url) -> usize {
    match http_link::parse_link_header(input, base) {
        Ok(links) => links
            .iter()
            .map(|l| {
                l.target.as_str().len()
                    + l.rel.len()
                    + l.attributes.iter().map(|p| p.name.len() + p.value.len()).sum::<usize>()
            })
            .sum(),
        Err(_) => usize::MAX,
    }
}

/// The interleaved comparison (see the module docs): nanoseconds per call, best round, with
/// the geometric means of the columns and of the two ratios.
fn interleaved() {
    type Impl = fn(&[u8]) -> usize;
    let impls: [(&str, Impl); 4] = [
        ("signpost", signpost),
        ("signpost-validate", signpost_validate),
        ("parse-net", parse_net_walk),
        ("parse-net-validate", parse_net_validate),
    ];
    let rounds: usize =
        std::env::var("LINK_ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(60);
    println!(
        "| input | signpost | signpost-validate | parse-net | parse-net-validate | parse-net / signpost | parse-net-validate / signpost |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|");
    let mut logs = [0f64; 6];
    for &(name, input) in INPUTS {
        for (label, f) in impls {
            assert_ne!(f(input.as_bytes()), usize::MAX, "{label} {name}");
        }
        let mut best = [f64::MAX; 4];
        for _ in 0..rounds {
            for (k, (_, f)) in impls.iter().enumerate() {
                best[k] = best[k].min(round_ns(|| {
                    black_box(f(black_box(input.as_bytes())));
                }));
            }
        }
        let walk = best[2] / best[0];
        let validate = best[3] / best[0];
        for (k, v) in best.iter().chain([walk, validate].iter()).enumerate() {
            logs[k] += v.ln();
        }
        println!(
            "| {name} | {:.1} ns | {:.1} ns | {:.1} ns | {:.1} ns | {walk:.2}x | {validate:.2}x |",
            best[0], best[1], best[2], best[3]
        );
    }
    let n = INPUTS.len() as f64;
    let g = logs.map(|l| (l / n).exp());
    println!(
        "| geometric mean | {:.1} ns | {:.1} ns | {:.1} ns | {:.1} ns | **{:.2}x** | **{:.2}x** |",
        g[0], g[1], g[2], g[3], g[4], g[5]
    );
}

fn bench(c: &mut Criterion) {
    if std::env::var_os("LINK_INTERLEAVED").is_some() {
        interleaved();
        std::process::exit(0);
    }
    let base = url::Url::parse("https://example.com/").expect("base URL");
    let mut group = c.benchmark_group("link");
    for &(name, input) in INPUTS {
        // Every implementation must read every input, or its figure would time an error path.
        assert_ne!(signpost(input.as_bytes()), usize::MAX, "signpost {name}");
        assert_ne!(parse_net_walk(input.as_bytes()), usize::MAX, "parse-net {name}");
        group.throughput(Throughput::Bytes(input.len() as u64));
        group.bench_function(BenchmarkId::new(name, "signpost"), |b| {
            b.iter(|| signpost(black_box(input.as_bytes())))
        });
        group.bench_function(BenchmarkId::new(name, "signpost-validate"), |b| {
            b.iter(|| signpost_validate(black_box(input.as_bytes())))
        });
        group.bench_function(BenchmarkId::new(name, "parse-net"), |b| {
            b.iter(|| parse_net_walk(black_box(input.as_bytes())))
        });
        group.bench_function(BenchmarkId::new(name, "parse-net-validate"), |b| {
            b.iter(|| parse_net_validate(black_box(input.as_bytes())))
        });
        if parse_link_header(input) != usize::MAX {
            group.bench_function(BenchmarkId::new(name, "parse_link_header"), |b| {
                b.iter(|| parse_link_header(black_box(input)))
            });
        } else {
            eprintln!("link/{name}/parse_link_header: rejects this input, not measured");
        }
        if http_link(input, &base) != usize::MAX {
            group.bench_function(BenchmarkId::new(name, "http-link"), |b| {
                b.iter(|| http_link(black_box(input), &base))
            });
        } else {
            eprintln!("link/{name}/http-link: rejects this input, not measured");
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
