//! Any bytes: decoding either refuses them with an error or gives text with
//! `\n` line endings, no BOM, in NFC.
#![no_main]

use libfuzzer_sys::fuzz_target;


fuzz_target!(|data: &[u8]| {
    if let Ok(d) = tralign::decode::decode(data, std::path::Path::new("fuzz.txt")) {
        assert!(!d.text.contains('\r'));
        assert!(!d.text.starts_with('\u{feff}'));
        assert_eq!(tralign::decode::normalise(&d.text), d.text);
    }
});
