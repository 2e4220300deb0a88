//! Any text: every sentence lies inside its block, sentences come in order
//! without overlap, are trimmed and not blank, and together they hold every
//! non-space character of the block (nothing lost, nothing added).
#![no_main]

use libfuzzer_sys::fuzz_target;
use tralign::segment::Lang;
use tralign::Segmented;

fuzz_target!(|text: &str| {
    for lang in [Lang::Fr, Lang::En] {
        let seg = Segmented::from_text(text.to_string(), lang, false);
        let mut at = 0;
        for s in &seg.sentences {
            let block = &seg.doc.blocks[s.block];
            assert!(s.span.start >= at && s.span.start < s.span.end);
            assert!(block.span.start <= s.span.start && s.span.end <= block.span.end);
            let t = seg.sentence_text(s);
            assert_eq!(t, t.trim());
            at = s.span.end;
        }
        for (i, block) in seg.doc.blocks.iter().enumerate() {
            let kept: String = seg
                .sentences
                .iter()
                .filter(|s| s.block == i)
                .flat_map(|s| seg.sentence_text(s).chars())
                .filter(|c| !c.is_whitespace())
                .collect();
            let all: String = seg.doc.text[block.span.clone()].chars().filter(|c| !c.is_whitespace()).collect();
            assert_eq!(kept, all);
        }
    }
});
