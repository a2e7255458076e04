//! `#list` iteration and quoted-string scanning: no panic, every element lies inside the
//! input, and every quoted-string unescapes to exactly `unescaped_len()` bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use signpost_syntax::{list, quoted_string};

fuzz_target!(|data: &[u8]| {
    for element in list(data) {
        let Ok(element) = element else { break };
        let start = element.offset();
        assert_eq!(&data[start..start + element.as_bytes().len()], element.as_bytes());
    }
    for (i, _) in data.iter().enumerate().filter(|(_, &b)| b == b'"') {
        if let Ok((value, end)) = quoted_string(data, i) {
            assert!(end <= data.len());
            assert_eq!(value.bytes().count(), value.unescaped_len());
            let mut buf = vec![0u8; value.unescaped_len()];
            let copied = value.unescape_into(&mut buf).expect("exact buffer");
            assert_eq!(copied, &value.to_unescaped()[..]);
        }
    }
});
