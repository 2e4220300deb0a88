//! Findings: the one judge of a bead, for `align`'s flags, `check` and the
//! review page alike.
//!
//! [`findings`] looks at every bead of an [`Alignment`] and reports:
//!
//! - **untranslated**: a French sentence with no English (a `1-0` bead), or
//!   a French sentence of a merged bead that the English does not cover
//!   (the English is as long as the other French sentences only, and shares
//!   next to nothing with that one);
//! - **added**: the same for an English sentence with no French;
//! - **number_mismatch**: a number in digits on one side whose value is
//!   nowhere on the other (numbers in words, scale words, ordinals and times
//!   are read as values: see [`numbers`]);
//! - **unit_mismatch**: the same number with another unit or scale
//!   (kilomètres / miles, % / percentage points, million / billion), unless
//!   the amounts convert (922 kg = 2,032 pounds);
//! - **name_mismatch**: a French name with no counterpart in the English,
//!   where the English holds another name with none in the French
//!   (`Homs` / `Hama`);
//! - **missing_term**: a glossary term in the French whose English rendering
//!   is missing from the English;
//! - **inconsistent_name**: a French name rendered two ways in one
//!   document; the finding is on the beads of the minority rendering.
//!
//! Each [`Finding`] has a stable [`Finding::id`] (from its kind and texts),
//! so that a reviewer's accepted findings stay accepted on the next run.

mod names;
pub(crate) mod numbers;
mod write;

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use serde::Serialize;

use crate::align::dictionary::Dictionary;
use crate::glossary::Glossary;
use crate::names::BeadNames;
use crate::segment::Lang;
use crate::Alignment;

pub use self::write::{write_csv, write_jsonl, write_text, CSV_HEADER};

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// A French sentence with no English.
    Untranslated,
    /// An English sentence with no French.
    Added,
    /// A number on one side whose value is not on the other.
    NumberMismatch,
    /// The same number with another unit or scale.
    UnitMismatch,
    /// A name replaced by another name.
    NameMismatch,
    /// A glossary term whose English rendering is missing.
    MissingTerm,
    /// A French name rendered two ways in the document.
    InconsistentName,
}

impl FindingKind {
    /// Every kind, in the order findings of one bead are listed.
    pub const ALL: [FindingKind; 7] = [
        FindingKind::Untranslated,
        FindingKind::Added,
        FindingKind::NumberMismatch,
        FindingKind::UnitMismatch,
        FindingKind::NameMismatch,
        FindingKind::MissingTerm,
        FindingKind::InconsistentName,
    ];

    /// The word used in outputs and flags (`number_mismatch`).
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::Untranslated => "untranslated",
            FindingKind::Added => "added",
            FindingKind::NumberMismatch => "number_mismatch",
            FindingKind::UnitMismatch => "unit_mismatch",
            FindingKind::NameMismatch => "name_mismatch",
            FindingKind::MissingTerm => "missing_term",
            FindingKind::InconsistentName => "inconsistent_name",
        }
    }

    /// How serious a finding of this kind is.
    pub fn severity(self) -> Severity {
        match self {
            FindingKind::MissingTerm | FindingKind::InconsistentName => Severity::Minor,
            _ => Severity::Major,
        }
    }
}

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The meaning differs: text missing or added, a number, unit or name changed.
    Major,
    /// The wording departs from the glossary or from the rest of the document.
    Minor,
}

impl Severity {
    /// The word used in outputs (`major`, `minor`).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Major => "major",
            Severity::Minor => "minor",
        }
    }
}

/// One problem in one bead.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Stable identifier, from the kind, both texts and the spans' text
    /// (16 hexadecimal digits): the same finding gets the same id on every run.
    pub id: String,
    /// What is wrong.
    pub kind: FindingKind,
    /// How serious it is.
    pub severity: Severity,
    /// The bead (1-based).
    pub bead: usize,
    /// The bead's French sentences, 1-based (`3`, `3-4`, or empty).
    pub fr_ids: String,
    /// The bead's English sentences.
    pub en_ids: String,
    /// The bead's French text (sentences joined by a space).
    pub fr: String,
    /// The bead's English text.
    pub en: String,
    /// The offending part of [`Finding::fr`], as byte offsets.
    pub fr_span: Option<(usize, usize)>,
    /// The offending part of [`Finding::en`].
    pub en_span: Option<(usize, usize)>,
    /// One line saying what is wrong.
    pub message: String,
}

/// The findings of every bead of `alignment`, in bead order (and, within a
/// bead, in [`FindingKind::ALL`] order).
pub fn findings(alignment: &Alignment, glossary: &Glossary) -> Vec<Finding> {
    let names = crate::names::bead_names(alignment, glossary);
    findings_with_names(alignment, glossary, &names)
}

/// [`findings`] with the beads' names already paired.
pub(crate) fn findings_with_names(
    alignment: &Alignment,
    glossary: &Glossary,
    names: &[BeadNames],
) -> Vec<Finding> {
    let mut raw: Vec<(usize, Raw)> = Vec::new();
    let ratio = length_ratio(alignment);
    let terms = names::Terms::new(glossary);
    let sides: Vec<(Side, Side)> = alignment
        .beads
        .iter()
        .map(|b| {
            (
                side(&alignment.fr, b.fr.clone()),
                side(&alignment.en, b.en.clone()),
            )
        })
        .collect();
    for (k, (fr, en)) in sides.iter().enumerate() {
        let mut out = Vec::new();
        if !held_by_neighbour(&sides, k, ratio) {
            coverage(fr, en, ratio, &mut out);
        }
        if !fr.text.is_empty() && !en.text.is_empty() {
            for m in numbers::compare(&fr.text, &en.text) {
                out.push(Raw {
                    kind: if m.unit {
                        FindingKind::UnitMismatch
                    } else {
                        FindingKind::NumberMismatch
                    },
                    fr_span: m.fr_span,
                    en_span: m.en_span,
                    message: m.message,
                });
            }
            if let Some(n) = names.get(k) {
                out.extend(names::mismatch(&fr.text, &en.text, n, &terms));
            }
            out.extend(terms.missing(&fr.text, &en.text));
        }
        raw.extend(out.into_iter().map(|r| (k, r)));
    }
    raw.extend(names::inconsistent(alignment, names));
    raw.sort_by_key(|(k, r)| (*k, r.kind));
    raw.into_iter()
        .map(|(k, r)| {
            let b = &alignment.beads[k];
            let fr = crate::Alignment::side_text(&alignment.fr, b.fr.clone());
            let en = crate::Alignment::side_text(&alignment.en, b.en.clone());
            Finding {
                id: finding_id(r.kind, &fr, &en, r.fr_span, r.en_span),
                kind: r.kind,
                severity: r.kind.severity(),
                bead: k + 1,
                fr_ids: crate::export::ids(&b.fr),
                en_ids: crate::export::ids(&b.en),
                fr,
                en,
                fr_span: r.fr_span,
                en_span: r.en_span,
                message: r.message,
            }
        })
        .collect()
}

/// Sets each bead's flags from its findings: the aligner's confidence flags
/// (`low_confidence`, `heading_mismatch`) stay, then one flag per kind of
/// finding. (The aligner's own `number_mismatch` gives way to the finding.)
pub fn flag(alignment: &mut Alignment, findings: &[Finding]) {
    let mut by_bead: HashMap<usize, Vec<&'static str>> = HashMap::new();
    for f in findings {
        let flags = by_bead.entry(f.bead - 1).or_default();
        if !flags.contains(&f.kind.as_str()) {
            flags.push(f.kind.as_str());
        }
    }
    for (k, b) in alignment.beads.iter_mut().enumerate() {
        b.flags
            .retain(|f| *f == "low_confidence" || *f == "heading_mismatch");
        if let Some(kinds) = by_bead.remove(&k) {
            b.flags.extend(kinds);
        }
    }
}

/// A finding before it is tied to its bead.
#[derive(Debug, Clone)]
pub(crate) struct Raw {
    pub kind: FindingKind,
    pub fr_span: Option<(usize, usize)>,
    pub en_span: Option<(usize, usize)>,
    pub message: String,
}

/// A bead's side: its text as [`Alignment::side_text`] gives it, and where
/// each sentence sits in it.
struct Side {
    text: String,
    sentences: Vec<(usize, usize)>,
}

fn side(doc: &crate::Segmented, ids: Range<usize>) -> Side {
    let mut text = String::new();
    let mut sentences = Vec::new();
    for s in &doc.sentences[ids] {
        if !text.is_empty() {
            text.push(' ');
        }
        let start = text.len();
        let words: Vec<&str> = doc.sentence_text(s).split_whitespace().collect();
        text.push_str(&words.join(" "));
        sentences.push((start, text.len()));
    }
    Side { text, sentences }
}

/// English characters per French character over the document's 1-1 beads
/// (0.9 when there are none).
fn length_ratio(alignment: &Alignment) -> f64 {
    let (mut fr, mut en) = (0usize, 0usize);
    for b in alignment
        .beads
        .iter()
        .filter(|b| b.fr.len() == 1 && b.en.len() == 1)
    {
        fr += alignment
            .fr
            .sentence_text(&alignment.fr.sentences[b.fr.start])
            .chars()
            .count();
        en += alignment
            .en
            .sentence_text(&alignment.en.sentences[b.en.start])
            .chars()
            .count();
    }
    if fr >= 200 && en > 0 {
        en as f64 / fr as f64
    } else {
        0.9
    }
}

/// `untranslated` and `added`: a side with no counterpart, or one sentence of
/// a merged side that the other side does not cover.
fn coverage(fr: &Side, en: &Side, ratio: f64, out: &mut Vec<Raw>) {
    if en.sentences.is_empty() {
        for &(a, b) in &fr.sentences {
            out.push(Raw {
                kind: FindingKind::Untranslated,
                fr_span: Some((a, b)),
                en_span: None,
                message: "this French sentence has no English".into(),
            });
        }
        return;
    }
    if fr.sentences.is_empty() {
        for &(a, b) in &en.sentences {
            out.push(Raw {
                kind: FindingKind::Added,
                fr_span: None,
                en_span: Some((a, b)),
                message: "this English sentence has no French".into(),
            });
        }
        return;
    }
    if let Some(i) = uncovered(fr, en, Lang::Fr, ratio) {
        out.push(Raw {
            kind: FindingKind::Untranslated,
            fr_span: Some(fr.sentences[i]),
            en_span: None,
            message: "this French sentence of a merged bead is not in the English".into(),
        });
    }
    if let Some(j) = uncovered(en, fr, Lang::En, 1.0 / ratio) {
        out.push(Raw {
            kind: FindingKind::Added,
            fr_span: None,
            en_span: Some(en.sentences[j]),
            message: "this English sentence of a merged bead is not in the French".into(),
        });
    }
}

/// The sentence of a merged `side` (in `lang`) that `other` does not
/// cover: the other side is as long as the rest only (`ratio`: other-side
/// characters per character of this side), and shares much less with the
/// sentence than with the rest.
fn uncovered(side: &Side, other: &Side, lang: Lang, ratio: f64) -> Option<usize> {
    if side.sentences.len() < 2 {
        return None;
    }
    let other_lang = match lang {
        Lang::Fr => Lang::En,
        Lang::En => Lang::Fr,
    };
    let len = |(a, b): (usize, usize)| side.text[a..b].chars().count() as f64;
    let total: f64 = side.sentences.iter().map(|&s| len(s)).sum();
    let other_len = other.text.chars().count() as f64;
    let expected = |l: f64| (l * ratio).max(1.0);
    if other_len / expected(total) > 0.75 {
        return None;
    }
    let other_anchors = Anchors::new(&other.text, other_lang);
    let shares: Vec<(f64, usize)> = side
        .sentences
        .iter()
        .map(|&(a, b)| share(&side.text[a..b], lang, &other_anchors))
        .collect();
    let mut best: Option<usize> = None;
    for (i, &s) in side.sentences.iter().enumerate() {
        let fit = other_len / expected(total - len(s));
        let others_min = shares
            .iter()
            .enumerate()
            .filter(|&(j, _)| j != i)
            .map(|(_, x)| x.0)
            .fold(f64::INFINITY, f64::min);
        let held = shares[i].0;
        let by_length = (0.7..=1.4).contains(&fit) && held <= 0.2 && held < 0.5 * others_min;
        if len(s) >= 20.0 && by_length && best.is_none_or(|b| held < shares[b].0) {
            best = Some(i);
        }
    }
    best
}

/// What can anchor a text to its translation: its numbers and the first
/// five letters of its words of four letters or more (cognates share them:
/// `officielle` / `official`), and the bilingual dictionary's keys of those
/// words (`plats` / `dishes`).
struct Anchors {
    prefixes: HashSet<String>,
    ids: HashSet<u32>,
}

/// The anchor words of a text: numbers, and words of four letters or more.
fn anchor_words(text: &str) -> Vec<crate::text::Token> {
    crate::text::tokens(text)
        .into_iter()
        .filter(|t| t.kind == crate::text::TokenKind::Number || t.key.chars().count() >= 4)
        .collect()
}

fn prefix(key: &str) -> String {
    key.chars().take(5).collect()
}

/// The dictionary keys of a word of one language.
pub(crate) fn dictionary_ids(key: &str, lang: Lang) -> &'static [u32] {
    // The aligner's default word list (a bad or missing list is reported
    // there; here it only means no dictionary evidence).
    static DICT: OnceLock<Option<Arc<Dictionary>>> = OnceLock::new();
    let Some(d) = DICT.get_or_init(|| Dictionary::default_list().ok().flatten()) else {
        return &[];
    };
    match lang {
        Lang::Fr => d.fr_pairs(key),
        Lang::En => d.en_pairs(key),
    }
}

impl Anchors {
    /// Whether a word (folded, in `lang`) has its cognate or its
    /// dictionary translation here.
    fn holds(&self, key: &str, lang: Lang) -> bool {
        self.prefixes.contains(&prefix(key))
            || dictionary_ids(key, lang)
                .iter()
                .any(|id| self.ids.contains(id))
    }

    fn new(text: &str, lang: Lang) -> Anchors {
        let mut prefixes = HashSet::new();
        let mut ids = HashSet::new();
        for t in anchor_words(text) {
            ids.extend(dictionary_ids(&t.key, lang));
            prefixes.insert(prefix(&t.key));
        }
        Anchors { prefixes, ids }
    }
}

/// Share of a text's anchor words (in `lang`) that `other` holds, and how
/// many anchor words the text has. A text with none counts as held.
fn share(text: &str, lang: Lang, other: &Anchors) -> (f64, usize) {
    let mine = anchor_words(text);
    if mine.is_empty() {
        return (1.0, 0);
    }
    let held = mine.iter().filter(|t| other.holds(&t.key, lang)).count();
    (held as f64 / mine.len() as f64, mine.len())
}

/// Whether the sentences of a one-sided bead (`1-0`, `0-1`) are translated
/// in a neighbouring bead, which the aligner cut wrongly: the neighbour is
/// one-sided the other way and the two translate each other loosely, or the
/// neighbour's other side is long enough for both and what of it the
/// neighbour's own side leaves untranslated, this one translates.
fn held_by_neighbour(sides: &[(Side, Side)], k: usize, ratio: f64) -> bool {
    let (fr, en) = &sides[k];
    let (mine, lang, other_lang, ratio) = match (fr.sentences.is_empty(), en.sentences.is_empty()) {
        (false, true) => (fr, Lang::Fr, Lang::En, ratio),
        (true, false) => (en, Lang::En, Lang::Fr, 1.0 / ratio),
        _ => return false,
    };
    let chars = |s: &Side| s.text.chars().count() as f64;
    fn pick(b: &(Side, Side), lang: Lang) -> (&Side, &Side) {
        match lang {
            Lang::Fr => (&b.0, &b.1),
            Lang::En => (&b.1, &b.0),
        }
    }
    [k.checked_sub(1), Some(k + 1)]
        .into_iter()
        .flatten()
        .filter_map(|j| sides.get(j))
        .any(|b| {
            let (same, other) = pick(b, lang);
            if other.sentences.is_empty() {
                return false;
            }
            if same.sentences.is_empty() {
                // `1-0` beside `0-1`: a loose translation cut in two.
                let (held, n) = share(&mine.text, lang, &Anchors::new(&other.text, other_lang));
                let (back, m) = share(&other.text, other_lang, &Anchors::new(&mine.text, lang));
                n >= 3 && m >= 3 && held.max(back) >= 0.25
            } else {
                // The neighbour's other side is long enough for both, and
                // what its own translation leaves of it, this sentence holds.
                let fit = chars(other) / ((chars(same) + chars(mine)) * ratio).max(1.0);
                let theirs = Anchors::new(&same.text, lang);
                let left: Vec<_> = anchor_words(&other.text)
                    .into_iter()
                    .filter(|t| !theirs.holds(&t.key, other_lang))
                    .collect();
                let mine = Anchors::new(&mine.text, lang);
                let held = left
                    .iter()
                    .filter(|t| mine.holds(&t.key, other_lang))
                    .count();
                fit >= 0.7 && held >= 2 && held as f64 >= 0.3 * left.len() as f64
            }
        })
}

/// The stable id of a finding: FNV-1a (64 bits) over its kind, both texts
/// and the text of both spans, in hexadecimal.
fn finding_id(
    kind: FindingKind,
    fr: &str,
    en: &str,
    fr_span: Option<(usize, usize)>,
    en_span: Option<(usize, usize)>,
) -> String {
    let piece = |t: &str, s: Option<(usize, usize)>| s.map_or("", |(a, b)| &t[a..b]).to_string();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [
        kind.as_str(),
        fr,
        en,
        &piece(fr, fr_span),
        &piece(en, en_span),
    ] {
        for byte in part.bytes().chain([0xff]) {
            h ^= u64::from(byte);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}
