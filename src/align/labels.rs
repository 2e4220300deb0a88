//! Label lines: sentences that open with a short label and a colon
//! (`Français: Famille`, `English: Family`, `Source : …`), where the same
//! label opens several sentences of the document. Such a label is
//! structure, like a heading: when the two documents' labels translate each
//! other one to one (*Français* ↔ *French*, *Anglais* ↔ *English*), a
//! labelled sentence belongs with the sentence that carries its label's
//! counterpart. A list that gives each entry's lines in its own language's
//! order (*Français: Famille* / *Anglais : Family* against *English: Family*
//! / *French: Famille*) then comes out as 2-2 beads, not as two 1-1 beads
//! that pair *Famille* with *Family*'s line.
//!
//! The label's words themselves seldom give an anchor: they share no
//! cognate prefix, and the dictionary drops their pair as too common in the
//! document ([`Params::dictionary_share`](super::Params::dictionary_share)).

use std::collections::BTreeMap;

use crate::text::{self, TokenKind};

use super::features::Features;
use super::{Params, Unit, MAX_RUN};

/// A label must open at least this many sentences of its document.
const MIN_REPEAT: usize = 3;

/// Most words in a label.
const MAX_WORDS: usize = 3;

/// Most characters in a label.
const MAX_CHARS: usize = 40;

/// The label a sentence opens with, if any: one to [`MAX_WORDS`] words of
/// letters (hyphens and apostrophes allowed) before a colon, with text
/// after it. The label is returned folded, its words joined by a space.
fn label_of(sentence: &str) -> Option<String> {
    let (head, rest) = sentence.trim_start().split_once(':')?;
    if rest.trim().is_empty() || head.chars().count() > MAX_CHARS {
        return None;
    }
    let words: Vec<&str> = head.split_whitespace().collect();
    let lettered = |w: &&str| {
        w.chars().next().is_some_and(char::is_alphabetic)
            && w.chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
    };
    if words.is_empty() || words.len() > MAX_WORDS || !words.iter().all(lettered) {
        return None;
    }
    Some(
        words
            .iter()
            .map(|w| text::fold(w))
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// The labels that open at least [`MIN_REPEAT`] of a side's sentences,
/// and which sentences each opens.
fn repeated(units: &[Unit<'_>]) -> BTreeMap<String, Vec<usize>> {
    let mut labels: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (k, u) in units.iter().enumerate() {
        if let Some(l) = label_of(u.text) {
            labels.entry(l).or_default().push(k);
        }
    }
    labels.retain(|_, at| at.len() >= MIN_REPEAT);
    labels
}

/// Whether a French label and an English label say the same: a word of one
/// is a word of the other, shares its cognate prefix, or the dictionary
/// pairs the two words.
fn translates(fr: &str, en: &str, params: &Params) -> bool {
    let words = |s: &str| -> Vec<String> {
        text::tokens(s)
            .into_iter()
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| t.key)
            .collect()
    };
    let prefix = |w: &str| -> String { w.chars().take(params.prefix).collect() };
    let (fw, ew) = (words(fr), words(en));
    fw.iter().any(|f| {
        ew.iter().any(|e| {
            f == e
                || (f.chars().count() >= params.prefix && prefix(f) == prefix(e))
                || params.dictionary.as_ref().is_some_and(|d| d.pairs(f, e))
        })
    })
}

/// Gives the sentences that open with a label of one side, which translates
/// exactly one label of the other side and is translated by no other, the
/// same label number on both sides ([`Features::label`]; 0 for none). Does
/// nothing unless at least two labels pair up: one label alone cannot show
/// a sentence in the wrong bead.
pub(crate) fn assign(
    fr: &[Unit<'_>],
    en: &[Unit<'_>],
    ffr: &mut [Features],
    fen: &mut [Features],
    params: &Params,
) {
    let (lf, le) = (repeated(fr), repeated(en));
    if lf.len() < 2 || le.len() < 2 {
        return;
    }
    let matches: Vec<Vec<usize>> = lf
        .keys()
        .map(|f| {
            le.keys()
                .enumerate()
                .filter(|(_, e)| translates(f, e, params))
                .map(|(k, _)| k)
                .collect()
        })
        .collect();
    let en_labels: Vec<&Vec<usize>> = le.values().collect();
    let mut pairs = Vec::new();
    for (f_at, m) in lf.values().zip(&matches) {
        if let [e] = m[..] {
            if matches.iter().filter(|m| m.contains(&e)).count() == 1 {
                pairs.push((f_at, en_labels[e]));
            }
        }
    }
    if pairs.len() < 2 {
        return;
    }
    for (n, (f_at, e_at)) in pairs.into_iter().enumerate() {
        let id = n as u32 + 1;
        for &k in f_at {
            ffr[k].label = id;
        }
        for &k in e_at {
            fen[k].label = id;
        }
    }
}

/// Labelled sentences of a bead whose label's counterpart is not on the
/// other side, when both sides hold labelled sentences (multisets: two
/// *French:* lines need two *Français:* lines).
pub(crate) fn mismatch(fr: &[Features], en: &[Features]) -> usize {
    let labelled = |s: &[Features]| s.iter().any(|f| f.label > 0);
    if !labelled(fr) || !labelled(en) {
        return 0;
    }
    // Each labelled sentence of one side takes one sentence of the same
    // label on the other side; a run has at most `MAX_RUN` sentences.
    let mut taken = [false; MAX_RUN];
    let mut common = 0;
    for f in fr.iter().filter(|f| f.label > 0) {
        if let Some(k) = (0..en.len()).find(|&k| !taken[k] && en[k].label == f.label) {
            taken[k] = true;
            common += 1;
        }
    }
    let count = |s: &[Features]| s.iter().filter(|f| f.label > 0).count();
    count(fr) + count(en) - 2 * common
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_is_a_few_words_before_a_colon_with_text_after() {
        assert_eq!(label_of("Français: Famille").as_deref(), Some("francais"));
        assert_eq!(label_of("Anglais : Family").as_deref(), Some("anglais"));
        assert_eq!(
            label_of("Date modified: 2024").as_deref(),
            Some("date modified")
        );
        assert_eq!(label_of("Note:").as_deref(), None);
        assert_eq!(label_of("At 10:30 the talks began.").as_deref(), None);
        assert_eq!(
            label_of("The minister said this to the press: no.").as_deref(),
            None
        );
    }

    fn units(lines: &[&'static str]) -> Vec<Unit<'static>> {
        lines.iter().map(|l| Unit::plain(l)).collect()
    }

    fn labelled(fr: &[&'static str], en: &[&'static str]) -> (Vec<u32>, Vec<u32>) {
        let (fr, en) = (units(fr), units(en));
        let mut ffr = vec![Features::default(); fr.len()];
        let mut fen = vec![Features::default(); en.len()];
        assign(&fr, &en, &mut ffr, &mut fen, &Params::default());
        (
            ffr.iter().map(|f| f.label).collect(),
            fen.iter().map(|f| f.label).collect(),
        )
    }

    const FR: [&str; 6] = [
        "Français: Famille",
        "Anglais : Family",
        "Français: Hôpital",
        "Anglais : Hospital",
        "Français: Janvier",
        "Anglais : January",
    ];
    const EN: [&str; 6] = [
        "English: Family",
        "French: Famille",
        "English: Hospital",
        "French: Hôpital",
        "English: January",
        "French: Janvier",
    ];

    #[test]
    fn repeated_labels_that_translate_each_other_get_one_number() {
        let (lf, le) = labelled(&FR, &EN);
        assert!(lf.iter().all(|&l| l > 0));
        // Français ↔ French, Anglais ↔ English.
        assert_eq!(lf[0], le[1]);
        assert_eq!(lf[1], le[0]);
        assert_ne!(lf[0], lf[1]);
        let feats = |ls: &[u32]| -> Vec<Features> {
            ls.iter()
                .map(|&label| Features {
                    label,
                    ..Features::default()
                })
                .collect()
        };
        let (ffr, fen) = (feats(&lf), feats(&le));
        assert_eq!(mismatch(&ffr[0..1], &fen[0..1]), 2);
        assert_eq!(mismatch(&ffr[0..2], &fen[0..2]), 0);
        assert_eq!(mismatch(&ffr[0..1], &fen[1..2]), 0);
    }

    #[test]
    fn labels_seen_once_or_alone_are_no_structure() {
        // Each label twice only.
        let (lf, _) = labelled(&FR[..4], &EN[..4]);
        assert!(lf.iter().all(|&l| l == 0));
        // One label pair only.
        let fr = ["Source : A", "Source : B", "Source : C"];
        let en = ["Source: A", "Source: B", "Source: C"];
        let (lf, le) = labelled(&fr, &en);
        assert!(lf.iter().chain(&le).all(|&l| l == 0));
    }
}
