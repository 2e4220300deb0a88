//! Long documents: the window-by-window path gives the same beads as the
//! whole-document path (issue 13 item 3), on text that repeats.

use std::path::Path;

use tralign::align::{align_with, Params, Unit};
use tralign::glossary::Glossary;

/// The shipped corpora's sentences, one side, in order.
fn corpus(side: &str) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    ["syria-2024", "sitrep-2025"]
        .iter()
        .flat_map(|c| {
            std::fs::read_to_string(root.join(c).join(format!("{side}.sentences")))
                .unwrap()
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// A bead as its French and English ranges' ends.
type Bead = (usize, usize, usize, usize);

fn beads(fr: &[String], en: &[String], params: &Params) -> Vec<Bead> {
    let fr: Vec<Unit> = fr.iter().map(|s| Unit::plain(s)).collect();
    let en: Vec<Unit> = en.iter().map(|s| Unit::plain(s)).collect();
    align_with(&fr, &en, &Glossary::default(), params)
        .beads
        .iter()
        .map(|b| (b.fr.start, b.fr.end, b.en.start, b.en.end))
        .collect()
}

/// A pair made of `copies` copies of the shipped corpora, aligned whole
/// and window by window (windows of 1,000 French sentences, so that a few
/// thousand sentences take the window path), gives the same beads both
/// ways, and the same beads in every copy as one copy alone: the issue's
/// 500,000-sentence pair made by repeating the corpora, in small.
#[test]
fn windows_give_the_beads_of_the_whole_document_on_repeated_text() {
    let (fr1, en1) = (corpus("fr"), corpus("en"));
    let copies = 60;
    let fr: Vec<String> = (0..copies).flat_map(|_| fr1.clone()).collect();
    let en: Vec<String> = (0..copies).flat_map(|_| en1.clone()).collect();
    let one = beads(&fr1, &en1, &Params::default());
    let whole = Params {
        window: usize::MAX,
        ..Params::default()
    };
    let windowed = Params {
        window: 1_000,
        ..Params::default()
    };
    assert!(fr.len() > 3 * windowed.window);
    let whole = beads(&fr, &en, &whole);
    let windowed = beads(&fr, &en, &windowed);
    let (n1, m1) = (fr1.len(), en1.len());
    let repeated: Vec<_> = (0..copies)
        .flat_map(|k| {
            one.iter().map(move |&(a, b, c, d)| {
                let (i, j) = (k * n1, k * m1);
                (a + i, b + i, c + j, d + j)
            })
        })
        .collect();
    let first_difference = |x: &[Bead]| x.iter().zip(&repeated).position(|(a, b)| a != b);
    assert_eq!(first_difference(&whole), None, "whole document vs copies");
    assert_eq!(first_difference(&windowed), None, "windows vs copies");
    assert_eq!(windowed, whole);
    assert_eq!(whole, repeated);
}
