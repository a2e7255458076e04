//! No value the parser hands out holds CR, LF or NUL, in any mode (RFC 9110 §5.5: a
//! recipient rejects them or replaces them with SP; this parser rejects them): targets,
//! parameter names, raw and unescaped values, relation types, anchors, types, media,
//! hreflangs, and the response metadata's raw members. Decoded `title*` and metadata values
//! are decoders the caller runs: they give the octets the encoding spelled (RFC 8187).

use proptest::prelude::*;
use signpost_link::{Leniency, Links, ResponseMetadata, Title};

const ALPHABET: &[u8] = b"<>;,=\"\\ \t\r\n\0a/:rel=ntitle*'%0D";

fn clean(bytes: &[u8]) -> bool {
    !bytes.iter().any(|b| matches!(b, b'\r' | b'\n' | 0))
}

fn modes() -> [Leniency; 10] {
    [
        Leniency::NONE,
        Leniency::LOOSE_TARGET,
        Leniency::BARE_TARGET,
        Leniency::UNQUOTED_TEXT,
        Leniency::MISSING_COMMA,
        Leniency::EMPTY_PARAMS,
        Leniency::INVALID_EXT_VALUE,
        Leniency::SKIP_MALFORMED,
        Leniency::ALL,
        Leniency::ALL.difference(Leniency::SKIP_MALFORMED),
    ]
}

fn line() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(prop::sample::select(ALPHABET), 0..48),
        ("(<[a-z/ \\r\\n\\x00]{0,6}>|[a-z/]{1,4}[\\r\\n\\x00]?)( ?; ?(rel|title|anchor|type|media|hreflang|x)( ?= ?([a-z \\r\\n\\x00]{0,5}|\"[a-z \\r\\n\\x00\\\\]{0,5}\"))?){0,4}(, ?)?")
            .prop_map(String::into_bytes),
    ]
}

proptest! {
    #[test]
    #[cfg_attr(miri, ignore = "a property: proptest's runner costs minutes a test under Miri; it runs natively and on wasm32")]
    fn no_value_holds_cr_lf_or_nul(lines in prop::collection::vec(line(), 1..3)) {
        let lines: Vec<&[u8]> = lines.iter().map(Vec::as_slice).collect();
        for options in modes() {
            for link in Links::from_lines(&lines).with_leniency(options).flatten() {
                prop_assert!(clean(link.target()), "{:?}", String::from_utf8_lossy(link.target()));
                for p in link.params() {
                    prop_assert!(clean(p.name_bytes()));
                    if let Some(v) = p.value() {
                        prop_assert!(clean(v.as_raw()));
                        prop_assert!(clean(&v.bytes().collect::<Vec<u8>>()));
                    }
                }
                for rel in link.rels() {
                    prop_assert!(clean(&rel.as_value().bytes().collect::<Vec<u8>>()));
                }
                let values = [link.anchor(), link.media_type(), link.media()];
                for v in values.into_iter().flatten().chain(link.hreflangs()) {
                    prop_assert!(clean(&v.bytes().collect::<Vec<u8>>()));
                }
                if let Some(Title::Plain(v)) = link.title() {
                    prop_assert!(clean(&v.bytes().collect::<Vec<u8>>()));
                }
            }
        }
        let joined = lines.concat();
        if let Ok(meta) = ResponseMetadata::from_link_field(&joined) {
            let members = [meta.token_endpoint(), meta.resource_endpoint(), meta.discovery(), meta.authorization_endpoint()];
            for m in members.into_iter().flatten() {
                prop_assert!(clean(m.as_raw()));
            }
        }
    }
}
