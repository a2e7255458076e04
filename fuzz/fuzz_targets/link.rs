//! `Link` fields, strict and lenient: no panic; every accessor runs; what the writer writes
//! from a parsed link reads back strictly as the same link; response metadata never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use signpost_link::{Leniency, Link, LinkWriter, Links, ResponseMetadata};

type Flat = (Vec<u8>, Vec<(Vec<u8>, Option<Vec<u8>>)>);

fn flat(link: &Link<'_>) -> Flat {
    let params = link
        .params()
        .map(|p| (p.name_bytes().to_vec(), p.value().map(|v| v.bytes().collect())))
        .collect();
    (link.target().to_vec(), params)
}

fuzz_target!(|data: &[u8]| {
    // One line, and the same bytes cut into lines at every 0x00 byte.
    let lines: Vec<&[u8]> = data.split(|&b| b == 0).collect();
    for options in [Leniency::NONE, Leniency::ALL] {
        for mut links in [
            Links::new(data).with_leniency(options),
            Links::from_lines(&lines).with_leniency(options),
        ] {
            for link in links.by_ref() {
                let Ok(link) = link else { break };
                let _ = (link.rels().count(), link.anchor(), link.media(), link.media_type());
                let _ = link.hreflangs().count();
                if let Some(title) = link.title() {
                    let _ = title.to_string();
                }
                if let Some(ext) = link.title_star() {
                    let mut buf = vec![0u8; ext.decoded_len()];
                    assert_eq!(ext.decode_into(&mut buf).map(<[u8]>::len), Some(buf.len()));
                    assert_eq!(&ext.to_decoded()[..], &buf[..]);
                }
                for rel in link.rels() {
                    let _ = (rel.info(), rel.is_extension(), rel.to_string());
                }
                let mut out = String::new();
                if LinkWriter::new(&mut out).write_link(&link).is_ok() {
                    let again: Vec<Flat> = Links::new(out.as_bytes())
                        .map(|l| flat(&l.expect("what the writer wrote parses strictly")))
                        .collect();
                    assert_eq!(again, vec![flat(&link)], "{out}");
                }
            }
            if let Some(e) = links.first_skipped() {
                assert!(e.offset() <= data.len() + 2 * lines.len());
            }
        }
    }
    let _ = ResponseMetadata::from_link_field(data);
    if let Ok(meta) = ResponseMetadata::from_redirect_uri(data) {
        let mut query = String::new();
        meta.write_query(&mut query).expect("a String never fails");
        let back = ResponseMetadata::from_query(query.as_bytes()).expect("written query parses");
        let decoded = |m: &ResponseMetadata<'_>| {
            [m.token_endpoint(), m.resource_endpoint(), m.discovery(), m.authorization_endpoint()]
                .map(|v| v.map(|v| v.decode().collect::<Vec<u8>>()))
        };
        assert_eq!(decoded(&back), decoded(&meta));
    }
});
