//! What the aligner knows about one sentence: its length and its anchor
//! keys (numbers, names, cognate prefixes, glossary terms, learned word
//! pairs), each key a 64-bit hash with a weight.

use crate::glossary::{Matcher, Side};
use crate::text::{self, TokenKind};

use super::{Params, Unit};

/// Anchor kinds, mixed into the key hash so that kinds never collide.
#[derive(Debug, Clone, Copy)]
pub(crate) enum KeyKind {
    /// A normalised number.
    Number = 1,
    /// A word's folded prefix (cognates, names, acronyms).
    Word = 2,
    /// A glossary entry.
    Glossary = 3,
    /// A word pair learned from the document itself (pass 2).
    Learned = 4,
    /// A word pair of the bilingual dictionary.
    Dictionary = 5,
}

/// FNV-1a over the kind and the bytes: deterministic across runs and machines.
pub(crate) fn key_hash(kind: KeyKind, s: &str) -> u64 {
    key_hash_bytes(kind, s.as_bytes())
}

/// [`key_hash`] over raw bytes.
pub(crate) fn key_hash_bytes(kind: KeyKind, s: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ (kind as u64);
    for &b in s {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// One sentence, as the scorer sees it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Features {
    /// Length in characters, white space not counted (so that tokenised and
    /// untokenised text measure alike).
    pub chars: f64,
    /// Letters in the sentence: a "sentence" of fewer than [`FEW_LETTERS`]
    /// (a rule, a page number, OCR debris) is likely to have no counterpart.
    pub letters: usize,
    /// Anchor keys, sorted by hash, each once, with its weight.
    pub keys: Vec<(u64, f32)>,
    /// Sum of the key weights.
    pub weight: f32,
    /// Per key: it is also a key of the previous sentence (see [`mark_repeats`]).
    pub repeat: Vec<bool>,
    /// Hashes of the normalised numbers, sorted, each once.
    pub numbers: Vec<u64>,
    /// Hashes of the folded words (lexicon learning), sorted, each once.
    pub words: Vec<u64>,
    /// The sentence is a heading.
    pub heading: bool,
    /// The heading's level from markup (0: unknown or no heading).
    pub level: u8,
    /// The sentence ends its block.
    pub block_end: bool,
    /// Places inside the sentence where a translator may have cut it in
    /// two, as the share of its characters before each (see
    /// [`split_points`]), in order.
    pub cuts: Vec<f32>,
    /// Dictionary keys of the sentence's words, before the document-level
    /// filter of [`extract`] makes the telling ones anchors.
    pub dictionary: Vec<u64>,
    /// The sentence's label number, shared with the other side's sentences
    /// whose label translates it (see `labels`); 0 for none.
    pub label: u32,
    /// The sentence is the end of the line before it, cut off by a
    /// segmenter (see [`mark_tails`]).
    pub tail: bool,
    /// The sentence is likely to have no counterpart: fewer than
    /// [`FEW_LETTERS`] letters (a rule, a page number, OCR debris), or a
    /// translator's marker alone ([`translators_marker`]).
    pub debris: bool,
}

impl Features {
    /// Adds a key (keeping the larger weight if it is already there); call
    /// [`Features::finish`] afterwards.
    pub fn push(&mut self, key: u64, weight: f32) {
        self.keys.push((key, weight));
    }

    /// Sorts and de-duplicates the keys and sums their weights.
    pub fn finish(&mut self) {
        self.keys
            .sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
        self.keys.dedup_by_key(|k| k.0);
        self.weight = self.keys.iter().map(|k| k.1).sum();
        self.numbers.sort_unstable();
        self.numbers.dedup();
        self.words.sort_unstable();
        self.words.dedup();
        self.keys.shrink_to_fit();
        self.numbers.shrink_to_fit();
        self.words.shrink_to_fit();
    }
}

/// Marks the sentences that end the line before them, cut off after a
/// full stop or a dot leader: a page number after a dot leader (`. . . .` +
/// `12`, or `Résultats . . . .` + `22 4.2.`, a table of contents' line),
/// what opens with a comma, a semicolon or a closing bracket (no sentence
/// does: `Litho et Ass.` + `, Ville St-Laurent`), what follows a reference's author line
/// or opens with a parenthesised year (`CISLER, Steve.` + `(1993), Hawaï
/// Network …`), and a number after an abbreviation that stands before one
/// (`vol.` + `1, n 1, p. 67-84.`).
/// Cut alike on both sides, the two pieces are one bead (see `score`).
fn mark_tails(units: &[Unit<'_>], feats: &mut [Features]) {
    let year = |t: &str| {
        let b = t.trim_start().as_bytes();
        b.len() >= 6 && b[0] == b'(' && b[1..5].iter().all(u8::is_ascii_digit) && b[5] == b')'
    };
    for k in 1..units.len() {
        let text = units[k].text;
        feats[k].tail = (ends_in_leader(units[k - 1].text) && page_number(text))
            || continuation(text)
            || year(text)
            || author_line(units[k - 1].text)
            || number_after_abbreviation(units[k - 1].text, text);
    }
}

/// The text ends with a dot leader (`Résultats . . . . . .`, `Results.......`)
/// or is one, of any marks (`. . .`, `-----`).
fn ends_in_leader(text: &str) -> bool {
    if !text.trim().is_empty() && !text.chars().any(char::is_alphanumeric) {
        return true;
    }
    let dots = text
        .trim_end()
        .chars()
        .rev()
        .take_while(|&c| c == '.' || c == ' ' || c == '…')
        .filter(|&c| c != ' ')
        .count();
    dots >= 4
}

/// A page number, maybe with the next section's number (`22`, `22 4.2.`,
/// `vii`).
fn page_number(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or("");
    !first.is_empty()
        && (first.chars().all(|c| c.is_ascii_digit()) || first.chars().all(|c| "ivxlc".contains(c)))
        && text.chars().filter(|c| c.is_alphabetic()).count() < 8
}

/// The text opens with what cannot open a sentence: a comma, a semicolon,
/// a closing bracket.
fn continuation(text: &str) -> bool {
    text.trim_start().starts_with([',', ';', ')', ']'])
}

/// Abbreviations that stand before a number (`vol. 3`, `p. 67-84`,
/// `art. 10`), lower case.
const BEFORE_NUMBER: [&str; 15] = [
    "vol.", "no.", "nos.", "n°.", "p.", "pp.", "art.", "al.", "par.", "ch.", "chap.", "fig.",
    "sec.", "s.", "ss.",
];

/// A segmenter cut between such an abbreviation and its number (`…,
/// vol.` + `1, n 1, p. 67-84.`): no sentence ends there.
fn number_after_abbreviation(before: &str, text: &str) -> bool {
    let last = before
        .split_whitespace()
        .last()
        .unwrap_or("")
        .to_lowercase();
    BEFORE_NUMBER.contains(&last.as_str())
        && text.trim_start().starts_with(|c: char| c.is_ascii_digit())
}

/// Words that join the names of an author line.
const NAME_JOINERS: [&str; 13] = [
    "et", "and", "&", "de", "van", "von", "du", "des", "la", "le", "der", "di", "da",
];

/// A reference's author line cut off from the rest of the reference:
/// `CISLER, Steve.`, `NIELSEN, Jakob et SCHAEFER, Lyon.`, `Morissette,
/// Yves-Marie.` — a surname and a comma first, then only capitalised
/// names, initials and joining words, ending with a full stop.
fn author_line(text: &str) -> bool {
    let t = text.trim();
    let words: Vec<&str> = t.split_whitespace().collect();
    if !t.ends_with('.') || words.len() > 20 || !words.first().is_some_and(|w| w.ends_with(',')) {
        return false;
    }
    words.iter().all(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.is_empty()
            || NAME_JOINERS.contains(&w.to_lowercase().as_str())
            || w.chars().next().is_some_and(char::is_uppercase)
    })
}

/// A line that only says the quotation after it is translated — the
/// French versions of Canadian judgments and reports put `[Traduction]`
/// before a quotation from an English source — and has no counterpart in
/// the other version: `[traduction]`, `[traduction libre]`, `[translation]`,
/// in brackets or parentheses, any case.
fn translators_marker(text: &str) -> bool {
    let t = text.trim();
    let inner = t
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .or_else(|| t.strip_prefix('(').and_then(|t| t.strip_suffix(')')));
    inner.is_some_and(|w| {
        let w = text::fold(w.trim());
        matches!(
            w.as_str(),
            "traduction" | "traduction libre" | "translation"
        )
    })
}

/// Below this many letters a sentence is debris rather than text.
pub(crate) const FEW_LETTERS: usize = 3;

/// Computes the features of every unit of one side.
pub(crate) fn extract(
    units: &[Unit<'_>],
    side: Side,
    matcher: &Matcher,
    params: &Params,
) -> Vec<Features> {
    let mut feats: Vec<Features> = units
        .iter()
        .map(|u| one(u, side, matcher, params))
        .collect();
    add_dictionary_keys(&mut feats, params);
    mark_tails(units, &mut feats);
    feats
}

/// Makes the dictionary keys of each sentence anchors, except those found in
/// more than [`Params::dictionary_share`] of the document's sentences.
fn add_dictionary_keys(feats: &mut [Features], params: &Params) {
    let mut df: std::collections::HashMap<u64, u32> = std::collections::HashMap::new();
    for f in feats.iter_mut() {
        f.dictionary.sort_unstable();
        f.dictionary.dedup();
        for &k in &f.dictionary {
            *df.entry(k).or_default() += 1;
        }
    }
    let max = ((feats.len() as f64 * params.dictionary_share) as u32).max(2);
    for f in feats.iter_mut() {
        let keys = std::mem::take(&mut f.dictionary);
        let before = f.keys.len();
        for k in keys.into_iter().filter(|k| df[k] <= max) {
            f.push(k, params.w_dictionary as f32);
        }
        if f.keys.len() > before {
            f.finish();
        }
    }
}

fn one(unit: &Unit<'_>, side: Side, matcher: &Matcher, params: &Params) -> Features {
    let mut f = Features {
        chars: unit.text.chars().filter(|c| !c.is_whitespace()).count() as f64,
        letters: unit.text.chars().filter(|c| c.is_alphabetic()).count(),
        heading: unit.heading,
        level: unit.level,
        block_end: unit.block_end,
        ..Features::default()
    };
    f.debris = f.letters < FEW_LETTERS || translators_marker(unit.text);
    f.cuts = split_points(unit.text);
    let tokens = text::tokens(unit.text);
    for (k, t) in tokens.iter().enumerate() {
        match t.kind {
            TokenKind::Number => {
                let h = key_hash(KeyKind::Number, &t.key);
                f.numbers.push(h);
                // Small numbers ("2", "10") are everywhere; long ones are telling.
                let w = if t.key.len() >= 2 {
                    params.w_number
                } else {
                    1.0
                };
                f.push(h, w as f32);
            }
            TokenKind::Word => {
                f.words.push(key_hash(KeyKind::Word, &t.key));
                let n = t.key.chars().count();
                let name = (t.capitalised && k > 0) || t.all_caps;
                if n >= params.prefix {
                    let prefix: String = t.key.chars().take(params.prefix).collect();
                    let w = if name { params.w_name } else { 1.0 };
                    f.push(key_hash(KeyKind::Word, &prefix), w as f32);
                } else if n >= 2 && (t.all_caps || name) {
                    // Short names and acronyms must match whole.
                    f.push(key_hash(KeyKind::Word, &t.key), 1.0);
                }
                if let Some(d) = params.dictionary.as_ref().filter(|_| n >= params.prefix) {
                    let pairs = match side {
                        Side::Fr => d.fr_pairs(&t.key),
                        Side::En => d.en_pairs(&t.key),
                    };
                    f.dictionary.extend(
                        pairs
                            .iter()
                            .map(|id| key_hash_bytes(KeyKind::Dictionary, &id.to_le_bytes())),
                    );
                }
            }
        }
    }
    if !matcher.is_empty() {
        let keys: Vec<&str> = tokens.iter().map(|t| t.key.as_str()).collect();
        for entry in matcher.find(&keys, side) {
            let h = key_hash(KeyKind::Glossary, &entry.to_string());
            f.push(h, params.w_glossary as f32);
        }
    }
    f.finish();
    f
}

/// Where a sentence could be cut in two, as the share of its characters
/// (white space not counted) before each place: semicolons, colons and
/// sentence marks (`.`, `!`, `?`, `…`; not the dot of an initial, *J.
/// Franco*) followed by a space and more text. A sentence translated as
/// two is usually cut at one of these: on each of the four dev sets, a
/// sentence of a given length that has one is three to seven times as
/// likely (odds) to be the single side of a 1-2 or 2-1 bead as one that
/// has none. Commas are not counted: as places to cut they cost textberg.
pub(crate) fn split_points(text: &str) -> Vec<f32> {
    // Closing marks at the end are not places to cut.
    let body = text.trim_end_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '.' | '!' | '?' | '…' | '»' | '"' | '\'' | ')' | '”' | '’'
            )
    });
    let total = text.chars().filter(|c| !c.is_whitespace()).count().max(1) as f32;
    let mut cuts = Vec::new();
    let (mut seen, mut word) = (0usize, 0usize);
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            word = 0;
            continue;
        }
        seen += 1;
        // Letters of the word just before this character.
        let before = word;
        word = if c.is_alphabetic() { word + 1 } else { 0 };
        let mark = match c {
            '.' => before != 1,
            ';' | ':' | '!' | '?' | '…' => true,
            _ => false,
        };
        if mark && chars.peek().is_some_and(|n| n.is_whitespace()) {
            cuts.push(seen as f32 / total);
        }
    }
    cuts
}

/// Merges runs of `size` sentences into blocks (lengths summed, keys
/// united) for the coarse pass; also returns where each block starts, with
/// the end of the side last (`starts[k]..starts[k + 1]` is block `k`).
pub(crate) fn blocks(side: &[Features], size: usize) -> (Vec<Features>, Vec<usize>) {
    let merged: Vec<Features> = side.chunks(size).map(|run| merge(run, |_| true)).collect();
    finish_blocks(merged, side.len(), size)
}

/// Like [`blocks`], straight from the sentences, a block at a time (no
/// sentence features kept), and with the strong anchors only (weight above
/// 1: numbers, names, glossary terms), so that very long documents fit in
/// memory.
pub(crate) fn coarse_blocks(
    units: &[Unit<'_>],
    side: Side,
    matcher: &Matcher,
    params: &Params,
    size: usize,
) -> (Vec<Features>, Vec<usize>) {
    let merged: Vec<Features> = units
        .chunks(size)
        .map(|run| merge(&extract(run, side, matcher, params), |w| w > 1.0))
        .collect();
    finish_blocks(merged, units.len(), size)
}

/// One block from a run of sentences, keeping the keys whose weight passes `keep`.
fn merge(run: &[Features], keep: impl Fn(f32) -> bool) -> Features {
    let mut f = Features {
        heading: run.iter().any(|f| f.heading),
        level: 0,
        block_end: run.last().is_some_and(|f| f.block_end),
        ..Features::default()
    };
    for s in run {
        f.chars += s.chars;
        f.letters += s.letters;
        f.keys.extend(s.keys.iter().filter(|k| keep(k.1)));
        f.numbers.extend_from_slice(&s.numbers);
    }
    f.debris = run.iter().all(|s| s.debris);
    f.finish();
    f
}

fn finish_blocks(
    mut merged: Vec<Features>,
    len: usize,
    size: usize,
) -> (Vec<Features>, Vec<usize>) {
    let starts = (0..merged.len()).map(|k| k * size).chain([len]).collect();
    mark_repeats(&mut merged);
    (merged, starts)
}

/// Marks, in each sentence, the keys that the previous sentence has too, so
/// that the keys of a run of sentences can be counted once each (a run's
/// key set is the first sentence's keys plus each next sentence's new ones).
pub(crate) fn mark_repeats(side: &mut [Features]) {
    let mut prev: Vec<u64> = Vec::new();
    for f in side {
        f.repeat = f
            .keys
            .iter()
            .map(|k| prev.binary_search(&k.0).is_ok())
            .collect();
        prev.clear();
        prev.extend(f.keys.iter().map(|k| k.0));
    }
}

/// Anchor overlap of a French and an English sentence.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Overlap {
    /// Weight of the common keys (the smaller weight of each).
    pub all: f32,
    /// The same, counting only keys the previous French sentence lacks.
    pub new_fr: f32,
    /// The same, counting only keys the previous English sentence lacks.
    pub new_en: f32,
}

/// Weighted intersection of two sentences' sorted key lists (the reference
/// that the indexed [`PairBand`](super::band::PairBand) is tested against).
#[cfg(test)]
pub(crate) fn overlap(a: &Features, b: &Features) -> Overlap {
    let (mut i, mut j) = (0, 0);
    let mut o = Overlap::default();
    while i < a.keys.len() && j < b.keys.len() {
        match a.keys[i].0.cmp(&b.keys[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                let w = a.keys[i].1.min(b.keys[j].1);
                o.all += w;
                if !a.repeat.get(i).copied().unwrap_or(false) {
                    o.new_fr += w;
                }
                if !b.repeat.get(j).copied().unwrap_or(false) {
                    o.new_en += w;
                }
                i += 1;
                j += 1;
            }
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::Glossary;

    fn feats(text: &str, side: Side) -> Features {
        let u = Unit {
            text,
            heading: false,
            level: 0,
            block_end: true,
        };
        one(
            &u,
            side,
            &Matcher::new(&Glossary::default()),
            &Params::default(),
        )
    }

    #[test]
    fn cognates_numbers_and_names_overlap() {
        let fr = feats("Les républicains ont recensé 300 cas à Damas.", Side::Fr);
        let en = feats("Republicans identified 300 cases in Damascus.", Side::En);
        let o = overlap(&fr, &en).all;
        // républicains~republicans, 300, Damas~Damascus.
        let p = Params::default();
        assert!(
            (o - (1.0 + p.w_number + p.w_name) as f32).abs() < 1e-6,
            "{o}"
        );
        let other = feats("The weather was fine yesterday.", Side::En);
        assert_eq!(overlap(&fr, &other).all, 0.0);
    }

    #[test]
    fn repeated_keys_are_marked() {
        let mut side = vec![feats("Damas 2024", Side::Fr), feats("Damas 2025", Side::Fr)];
        mark_repeats(&mut side);
        assert_eq!(side[0].repeat, [false, false]);
        assert_eq!(side[1].repeat.iter().filter(|r| **r).count(), 1);
    }

    #[test]
    fn split_points_are_inner_marks_followed_by_text() {
        for (text, want) in [
            ("Il pleut ; il vente.", 1),
            ("Il pleut , il vente , il neige .", 0),
            ("Note : voir plus bas. Et ensuite ?", 2),
            ("Fin. »", 0),
            ("À 10:30, le 3.5 % reste.", 0),
            ("« Ah ! » dit-il.", 1),
            ("Leiter J. Franco ; Gipfel", 1),
            ("", 0),
        ] {
            assert_eq!(split_points(text).len(), want, "{text}");
        }
        // "abc; efgh": four of eight characters before the cut.
        assert_eq!(split_points("abc; efgh"), [4.0 / 8.0]);
    }

    #[test]
    fn a_translators_marker_alone_is_debris() {
        for text in [
            "[traduction]",
            "[Traduction]",
            " [TRADUCTION libre] ",
            "(translation)",
        ] {
            assert!(feats(text, Side::Fr).debris, "{text}");
        }
        for text in [
            "[Je souligne.]",
            "traduction",
            "Il savait [traduction] « quelque chose ».",
        ] {
            assert!(!feats(text, Side::Fr).debris, "{text}");
        }
        assert!(feats(". . .", Side::Fr).debris);
    }

    #[test]
    fn a_page_number_after_a_leader_a_year_in_parentheses_and_a_comma_are_tails() {
        let units: Vec<Unit<'_>> = [
            "Introduction",
            ". . . . . .",
            "12",
            "CISLER, Steve.",
            "(1993), Hawaï Network Conference Report.",
            "(1) Les règles",
            "57 %",
            "NIELSEN, Jakob et SCHAEFER, Lyon.",
            "«Sound Effects», Behaviour and Information Technology, vol.",
            "12, p. 208-215.",
            "Le rapport, p.",
            "Suite.",
            "Compilation des résultats . . . . . . . . .",
            "22 4.2.",
            "Méthode........",
            "vii",
            "Annexe . . . . .",
            "Le texte reprend ici.",
            "Page couverture : Litho et Ass.",
            ", Ville St-Laurent",
            "(voir plus haut)",
        ]
        .into_iter()
        .map(Unit::plain)
        .collect();
        let side = extract(
            &units,
            Side::Fr,
            &Matcher::new(&Glossary::default()),
            &Params::default(),
        );
        let tails: Vec<bool> = side.iter().map(|f| f.tail).collect();
        assert_eq!(
            tails,
            [
                false, false, true, false, true, false, false, false, true, true, false, false,
                false, true, false, true, false, false, false, true, false
            ]
        );
    }

    #[test]
    fn chars_ignore_spaces() {
        assert_eq!(feats("a b  c", Side::Fr).chars, 3.0);
    }
}
