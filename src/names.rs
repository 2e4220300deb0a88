//! Proper names: spotting them on both sides of a bead and pairing them.
//!
//! **Spotting** (per sentence, with [`crate::text::tokens`]): glossary
//! names first (the longest glossary match, when one of its words is
//! capitalised or holds a digit), then runs of capitalised words (joined by
//! spaces, or by particles such as `de`, `du`, `ez`, `al`, `of`), acronyms
//! (`SANA`, `FDS`) and codes (`T4`); titles (`Dr`, `Mme`) are left out. A capitalised word only counts when it
//! never occurs in lower case in the document, and, at the start of a
//! sentence or in a title-case heading, only when it also occurs capitalised
//! inside some ordinary sentence — so `Les`, `Progrès` or `Units` are not
//! names, `Damas` and `Homs` are. A hyphen between two capitalised words
//! separates two names (`Amman-Damas`).
//!
//! **Pairing** (per bead, each mention used once): glossary pairs (the same
//! entry found on both sides), then identical forms (case, accents and
//! separators aside), then similar forms: acronyms with the same letters in
//! another order (`FDS`/`SDF`), and [`similarity`] of the transliteration
//! keys ([`translit_key`]), best first, from [`SIMILAR_MIN`] up.

use std::collections::{HashMap, HashSet, VecDeque};

use serde::Serialize;

use crate::glossary::{term_key, Glossary, Matcher, Side};
use crate::text::{self, Token, TokenKind};
use crate::{Alignment, Segmented};

mod suggest;
pub use suggest::suggest;

/// Lower-case particles that may sit inside a name between capitalised
/// words (`Deir ez-Zor`, `Chambre des Opérations du Sud`, `Bank of England`).
const PARTICLES: &[&str] = &[
    "de", "du", "des", "la", "le", "of", "al", "el", "ez", "es", "as", "ad", "ed", "ash", "ar",
    "an", "at", "az", "bin", "ibn", "bint", "ben", "von", "van", "der",
];

/// Titles before a name, never part of it (folded).
const TITLES: &[&str] = &[
    "m", "mm", "mme", "mmes", "mlle", "dr", "pr", "me", "mgr", "mr", "mrs", "ms", "prof",
];

/// Arabic articles dropped from the front of a word by [`translit_key`].
const ARTICLES: &[&str] = &[
    "al", "el", "as", "ad", "ash", "ar", "an", "at", "az", "ez", "es", "ed",
];

/// Letter groups rewritten by [`translit_key`], in order (French and English
/// transliterations of Arabic names: `ou`/`u`, `q`/`k`, `e`/`a`, `y`/`i` …).
const REWRITES: &[(&str, &str)] = &[
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("ck", "k"),
    ("ph", "f"),
    ("dh", "d"),
    ("kh", "k"),
    ("q", "k"),
    ("c", "k"),
    ("e", "a"),
    ("y", "i"),
    ("j", "dj"),
];

/// The lowest [`similarity`] at which two names are paired as `similar`.
pub const SIMILAR_MIN: f64 = 0.88;

/// The most words a name may have: a longer capitalised run (a title-case
/// paragraph, a list of names without commas) is not one name.
const MAX_NAME_WORDS: usize = 12;

/// How far apart, in mention order, a French and an English mention may be
/// and still be compared for similarity. Names come in nearly the same
/// order in both versions of a sentence; the band keeps pairing linear in
/// the number of mentions on a bead that holds thousands.
const SIMILAR_BAND: usize = 32;

/// The most French tokens × multi-word English names searched word by word
/// in one bead ([`cognate_window`]); a bead over it (a huge sentence) skips
/// that last step, so the time per bead stays bounded.
const COGNATE_WORK: usize = 200_000;

/// How a pair was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PairSource {
    /// The same glossary entry on both sides.
    Glossary,
    /// The same form on both sides.
    Identical,
    /// Similar forms (transliteration, acronym letters).
    Similar,
}

impl PairSource {
    /// The word written in outputs (`glossary`, `identical`, `similar`).
    pub fn as_str(self) -> &'static str {
        match self {
            PairSource::Glossary => "glossary",
            PairSource::Identical => "identical",
            PairSource::Similar => "similar",
        }
    }
}

/// A French name and its English rendering, found in one bead.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NamePair {
    /// The French name as written in the text (`Euphrate` for `l’Euphrate`).
    pub fr: String,
    /// The English name as written.
    pub en: String,
    /// How the pair was found.
    pub source: PairSource,
    /// How sure the pairing is, in [0, 1].
    pub confidence: f64,
}

/// A distinct name pair over a whole document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentName {
    /// The French name (its first form in the text).
    #[serde(rename = "fr_name")]
    pub fr: String,
    /// The English name.
    #[serde(rename = "en_name")]
    pub en: String,
    /// In how many places the pair was found.
    pub count: usize,
    /// The most trusted way it was found.
    pub source: PairSource,
    /// The highest confidence it was found with.
    pub confidence: f64,
    /// The first bead (1-based) where it was found.
    pub first_bead: usize,
}

/// A name spotted in a sentence.
#[derive(Debug, Clone)]
struct Mention {
    /// The name as written (white space runs made single spaces).
    surface: String,
    /// Folded key, separators dropped ([`term_key`]).
    key: String,
    /// Glossary entries it matched (empty for a capitalised run).
    entries: Vec<usize>,
    /// A single all-capitals token.
    acronym: bool,
}

/// What the document says about its words: which occur capitalised inside
/// ordinary sentences, and which occur in lower case.
#[derive(Debug, Clone)]
struct Lexicon {
    known: HashSet<String>,
    lower: HashSet<String>,
}

/// Whether a sentence is a title-case heading: it does not end like a
/// sentence (`.`, `!`, `?`, `…`) and, of its words of four letters or more
/// after the first, most are capitalised.
fn title_case(sentence: &str, tokens: &[Token]) -> bool {
    if sentence.trim_end().ends_with(['.', '!', '?', '…']) {
        return false;
    }
    let long: Vec<&Token> = tokens
        .iter()
        .skip(1)
        .filter(|t| t.kind == TokenKind::Word && t.key.chars().count() >= 4)
        .collect();
    !long.is_empty() && long.iter().filter(|t| t.capitalised).count() * 10 >= long.len() * 6
}

impl Lexicon {
    /// Learns from every sentence of a side, a sentence at a time (nothing
    /// of a sentence but the words' keys is kept).
    fn new<'t>(texts: impl Iterator<Item = &'t str>) -> Lexicon {
        let mut lex = Lexicon {
            known: HashSet::new(),
            lower: HashSet::new(),
        };
        for text in texts {
            let tokens = text::tokens(text);
            let title = title_case(text, &tokens);
            for (k, t) in tokens.iter().enumerate() {
                if t.kind != TokenKind::Word {
                    continue;
                }
                if !t.capitalised {
                    if !lex.lower.contains(&t.key) {
                        lex.lower.insert(t.key.clone());
                    }
                } else if k > 0 && !title && !lex.known.contains(&t.key) {
                    lex.known.insert(t.key.clone());
                }
            }
        }
        lex
    }

    /// Whether token `k` of a sentence can start a name, or, with
    /// `continuing`, go on with one (where a capitalised common word is part
    /// of the name: `Free Syrian Army`).
    fn candidate(&self, tokens: &[Token], k: usize, title: bool, continuing: bool) -> bool {
        let t = &tokens[k];
        if t.kind != TokenKind::Word
            || !t.capitalised
            || t.key.chars().count() < 2
            || TITLES.contains(&t.key.as_str())
        {
            return false;
        }
        if t.all_caps || t.key.chars().any(|c| c.is_ascii_digit()) {
            return true;
        }
        if continuing && k > 0 && !title {
            return true;
        }
        if self.lower.contains(&t.key) {
            return false;
        }
        (k > 0 && !title) || self.known.contains(&t.key)
    }
}

/// Spots the names of one sentence.
fn spot(
    sentence: &str,
    tokens: &[Token],
    lex: &Lexicon,
    matcher: &Matcher,
    glossary: &Glossary,
    side: Side,
) -> Vec<Mention> {
    let surface = |a: usize, b: usize| -> String {
        // An initial keeps its dot (`U.S.`).
        let mut end = tokens[b - 1].end;
        if tokens[b - 1].key.chars().count() == 1 && sentence[end..].starts_with('.') {
            end += 1;
        }
        sentence[tokens[a].start..end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut covered = vec![false; tokens.len()];
    let mut found: Vec<(usize, Mention)> = Vec::new();
    if !matcher.is_empty() {
        let keys: Vec<&str> = tokens.iter().map(|t| t.key.as_str()).collect();
        let hits = matcher.find_longest_tokens(tokens, &keys, side);
        let mut i = 0;
        while i < hits.len() {
            let (a, b) = (hits[i].start, hits[i].end);
            let mut entries = Vec::new();
            while i < hits.len() && hits[i].start == a {
                if glossary.entries[hits[i].entry].is_name() {
                    entries.push(hits[i].entry);
                }
                i += 1;
            }
            let marked = tokens[a..b]
                .iter()
                .any(|t| t.capitalised || t.key.chars().any(|c| c.is_ascii_digit()));
            if entries.is_empty() || !marked {
                continue;
            }
            covered[a..b].iter_mut().for_each(|c| *c = true);
            let s = surface(a, b);
            found.push((
                a,
                Mention {
                    key: term_key(&s),
                    surface: s,
                    entries,
                    acronym: false,
                },
            ));
        }
    }
    let title = title_case(sentence, tokens);
    let is_cand = |k: usize| !covered[k] && lex.candidate(tokens, k, title, false);
    let is_cont = |k: usize| !covered[k] && lex.candidate(tokens, k, title, true);
    let gap = |a: usize| &sentence[tokens[a].end..tokens[a + 1].start];
    let particle = |k: usize| {
        !covered[k]
            && tokens[k].kind == TokenKind::Word
            && PARTICLES.contains(&tokens[k].key.as_str())
    };
    let joinable =
        |g: &str| g.chars().all(|c| c.is_whitespace() || "-‐'’".contains(c)) && !g.is_empty();
    let mut k = 0;
    while k < tokens.len() {
        if !is_cand(k) {
            k += 1;
            continue;
        }
        let start = k;
        let mut end = k + 1;
        loop {
            // Next candidate, straight after or over particles.
            let mut j = end;
            while j < tokens.len() && particle(j) && !is_cont(j) && joinable(gap(j - 1)) {
                j += 1;
            }
            if j >= tokens.len() || !is_cont(j) || !joinable(gap(j - 1)) {
                break;
            }
            let hyphen = gap(j - 1).contains(['-', '‐']);
            let over_particle = j > end;
            let side_particle = PARTICLES.contains(&tokens[j - 1].key.as_str())
                || PARTICLES.contains(&tokens[j].key.as_str());
            if hyphen && !over_particle && !side_particle {
                break; // `Amman-Damas`: two names
            }
            end = j + 1;
        }
        k = end;
        if end - start > MAX_NAME_WORDS {
            continue;
        }
        let s = surface(start, end);
        found.push((
            start,
            Mention {
                key: term_key(&s),
                surface: s,
                entries: Vec::new(),
                acronym: end == start + 1 && tokens[start].all_caps,
            },
        ));
    }
    found.sort_by_key(|f| f.0);
    found.into_iter().map(|f| f.1).collect()
}

/// The transliteration key of a name: folded, Arabic articles dropped from
/// the front of each word (`al-`, `el-`, `as-` …), letter groups rewritten
/// (`REWRITES`: `ou`→`u`, `q`→`k`, `e`→`a`, `y`→`i` …) and doubled letters
/// made single; words run together.
pub fn translit_key(name: &str) -> String {
    let keys: Vec<String> = text::tokens(name).into_iter().map(|t| t.key).collect();
    let mut out = String::new();
    for (i, k) in keys.iter().enumerate() {
        if keys.len() > 1 && i + 1 < keys.len() && ARTICLES.contains(&k.as_str()) {
            continue;
        }
        out.push_str(k);
    }
    for (from, to) in REWRITES {
        out = out.replace(from, to);
    }
    let mut single = String::with_capacity(out.len());
    for c in out.chars() {
        if !single.ends_with(c) {
            single.push(c);
        }
    }
    single
}

/// The consonant skeleton of a transliteration key: vowels (and `h`, `w`)
/// dropped except a leading one (`knaikara` → `knkr`, `kanakar` → `knkr`).
pub fn skeleton(key: &str) -> String {
    let mut out = String::new();
    for (i, c) in key.chars().enumerate() {
        if i == 0 || !"aeiouyhw".contains(c) {
            out.push(c);
        }
    }
    out
}

/// How alike two names are as renderings of each other, in [0, 1]: 0.95
/// for equal transliteration keys, 0.9 for equal consonant skeletons
/// (three consonants or more) or acronyms with the same letters, else the
/// Jaro–Winkler similarity of the keys (0 when their lengths differ by more
/// than a factor 1.6).
pub fn similarity(fr: &str, en: &str) -> f64 {
    NameKeys::new(fr).similarity(&NameKeys::new(en))
}

/// What [`similarity`] compares of a name, computed once per mention when
/// one name is compared with many.
struct NameKeys {
    /// [`translit_key`].
    key: String,
    /// Its length in characters.
    len: usize,
    /// The consonant [`skeleton`] of the key.
    skeleton: String,
    /// For an acronym (two letters or more, no lower case), its letters
    /// and digits folded and sorted.
    acronym: Option<Vec<char>>,
}

impl NameKeys {
    fn new(name: &str) -> NameKeys {
        let key = translit_key(name);
        let is_acronym = name.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !name.chars().any(char::is_lowercase);
        let acronym = is_acronym.then(|| {
            let mut v: Vec<char> = text::fold(name)
                .chars()
                .filter(|c| c.is_alphanumeric())
                .collect();
            v.sort_unstable();
            v
        });
        NameKeys {
            len: key.chars().count(),
            skeleton: skeleton(&key),
            key,
            acronym,
        }
    }

    fn similarity(&self, other: &NameKeys) -> f64 {
        let (a, b) = (&self.key, &other.key);
        if a.is_empty() || b.is_empty() {
            return 0.0;
        }
        if a == b {
            return 0.95;
        }
        if let (Some(x), Some(y)) = (&self.acronym, &other.acronym) {
            return if x == y { 0.9 } else { 0.0 };
        }
        let (la, lb) = (self.len as f64, other.len as f64);
        if la.max(lb) > 1.6 * la.min(lb) {
            return 0.0;
        }
        if self.skeleton == other.skeleton && self.skeleton.chars().count() >= 3 {
            return 0.9;
        }
        strsim::jaro_winkler(a, b)
    }
}

/// The lowest similarity at which two words are taken as cognates when a
/// multi-word English name is matched word by word against the French.
const COGNATE_MIN: f64 = 0.85;

/// One side of a document, tokenised, with its names.
/// Pairs found so far in a bead, and which mentions they used.
struct BeadPairs<'m> {
    fr: &'m [Mention],
    en: &'m [Mention],
    used_fr: Vec<bool>,
    used_en: Vec<bool>,
    pairs: Vec<(usize, NamePair)>,
}

impl BeadPairs<'_> {
    fn take(&mut self, i: usize, j: usize, source: PairSource, confidence: f64) {
        self.used_fr[i] = true;
        self.used_en[j] = true;
        self.pairs.push((
            i,
            NamePair {
                fr: self.fr[i].surface.clone(),
                en: self.en[j].surface.clone(),
                source,
                confidence: (confidence * 1000.0).round() / 1000.0,
            },
        ));
    }
}

/// Pairs the mentions of one bead; `fr_sentences` are the bead's French
/// sentences (text and tokens), searched for multi-word English names whose
/// French form is not a capitalised run (`Forces démocratiques syriennes`).
fn pair_bead(fr: &[Mention], en: &[Mention], fr_sentences: &[(&str, &[Token])]) -> BeadNames {
    let mut b = BeadPairs {
        fr,
        en,
        used_fr: vec![false; fr.len()],
        used_en: vec![false; en.len()],
        pairs: Vec::new(),
    };
    // Glossary pairs: the first unused English mention sharing an entry.
    // English mentions by entry, in order; each list is consumed from the front.
    let mut by_entry: HashMap<usize, VecDeque<usize>> = HashMap::new();
    for (j, e) in en.iter().enumerate() {
        for &entry in &e.entries {
            by_entry.entry(entry).or_default().push_back(j);
        }
    }
    for (i, f) in fr.iter().enumerate() {
        let found = f
            .entries
            .iter()
            .filter_map(|entry| {
                let list = by_entry.get_mut(entry)?;
                while list.front().is_some_and(|&j| b.used_en[j]) {
                    list.pop_front();
                }
                list.front().copied()
            })
            .min();
        if let Some(j) = found {
            b.take(i, j, PairSource::Glossary, 1.0);
        }
    }
    // Identical forms: the first unused English mention with the same key.
    let mut by_key: HashMap<&str, VecDeque<usize>> = HashMap::new();
    for (j, e) in en.iter().enumerate() {
        if !b.used_en[j] {
            by_key.entry(e.key.as_str()).or_default().push_back(j);
        }
    }
    for (i, f) in fr.iter().enumerate() {
        if b.used_fr[i] {
            continue;
        }
        let Some(list) = by_key.get_mut(f.key.as_str()) else {
            continue;
        };
        while list.front().is_some_and(|&j| b.used_en[j]) {
            list.pop_front();
        }
        if let Some(j) = list.pop_front() {
            b.take(i, j, PairSource::Identical, 0.95);
        }
    }
    let mut scored: Vec<(f64, usize, usize)> = Vec::new();
    let fr_keys: Vec<NameKeys> = fr.iter().map(|m| NameKeys::new(&m.surface)).collect();
    let en_keys: Vec<NameKeys> = en.iter().map(|m| NameKeys::new(&m.surface)).collect();
    for (i, f) in fr.iter().enumerate() {
        // The English mentions around the French one's place.
        let centre = i * en.len() / fr.len().max(1);
        let band = centre.saturating_sub(SIMILAR_BAND)..en.len().min(centre + SIMILAR_BAND + 1);
        for j in band {
            let e = &en[j];
            if b.used_fr[i] || b.used_en[j] || f.acronym != e.acronym {
                continue;
            }
            let s = fr_keys[i].similarity(&en_keys[j]);
            if s >= SIMILAR_MIN {
                scored.push((s, i, j));
            }
        }
    }
    scored.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    for (s, i, j) in scored {
        if !b.used_fr[i] && !b.used_en[j] {
            b.take(i, j, PairSource::Similar, s);
        }
    }
    let mut pairs = b.pairs;
    let (mut used_fr, mut used_en) = (b.used_fr, b.used_en);
    let fr_tokens: usize = fr_sentences.iter().map(|s| s.1.len()).sum();
    let multi_word = en.iter().filter(|e| e.surface.contains(' ')).count();
    for (j, e) in en.iter().enumerate() {
        if used_en[j] || !e.entries.is_empty() || fr_tokens * multi_word > COGNATE_WORK {
            continue;
        }
        if let Some((fr_form, score)) = cognate_window(&e.surface, fr_sentences) {
            used_en[j] = true;
            for (i, m) in fr.iter().enumerate() {
                if fr_form.contains(&m.surface) {
                    used_fr[i] = true;
                }
            }
            let at = fr
                .iter()
                .position(|m| fr_form.contains(&m.surface))
                .unwrap_or(fr.len());
            pairs.push((
                at,
                NamePair {
                    fr: fr_form,
                    en: e.surface.clone(),
                    source: PairSource::Similar,
                    confidence: (score * 1000.0).round() / 1000.0,
                },
            ));
        }
    }
    pairs.sort_by_key(|p| p.0);
    let unpaired = |ms: &[Mention], used: &[bool]| -> Vec<String> {
        ms.iter()
            .zip(used)
            .filter(|(_, u)| !**u)
            .map(|(m, _)| m.surface.clone())
            .collect()
    };
    BeadNames {
        pairs: pairs.into_iter().map(|p| p.1).collect(),
        fr_only: unpaired(fr, &used_fr),
        en_only: unpaired(en, &used_en),
    }
}

/// The names of one bead: the pairs, and the names left without a
/// counterpart on each side.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BeadNames {
    /// The name pairs, in French text order.
    pub pairs: Vec<NamePair>,
    /// French names paired with nothing in the English, as written.
    pub fr_only: Vec<String>,
    /// English names paired with nothing in the French.
    pub en_only: Vec<String>,
}

/// Finds the French form of a multi-word English name word by word: the
/// shortest run of French tokens, starting with a capitalised word and
/// holding at most three words more than the name, in which every word of
/// the name (particles aside) has its own cognate ([`cognate`] of at
/// least [`COGNATE_MIN`]), the run's first and last words among them
/// (`Syrian Democratic Forces` → `Forces démocratiques syriennes`). Returns
/// the French form and the mean similarity.
fn cognate_window(name: &str, fr_sentences: &[(&str, &[Token])]) -> Option<(String, f64)> {
    let words: Vec<String> = text::tokens(name)
        .into_iter()
        .filter(|t| t.kind == TokenKind::Word && !PARTICLES.contains(&t.key.as_str()))
        .map(|t| t.key)
        .collect();
    if words.len() < 2 {
        return None;
    }
    let mut best: Option<(usize, String, f64)> = None;
    for (sentence, tokens) in fr_sentences {
        for a in 0..tokens.len() {
            if !tokens[a].capitalised || tokens[a].kind != TokenKind::Word {
                continue;
            }
            let max_end = tokens.len().min(a + words.len() + 3);
            for end in a + words.len()..=max_end {
                let window = &tokens[a..end];
                let Some(score) = match_words(&words, window) else {
                    continue;
                };
                let better = best.as_ref().is_none_or(|b| end - a < b.0);
                if better {
                    let form = sentence[window[0].start..window[window.len() - 1].end]
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ");
                    best = Some((end - a, form, score));
                }
                break;
            }
        }
    }
    best.map(|b| (b.1, b.2))
}

/// Whether every word has a distinct cognate in `window`, the window's first
/// and last tokens being cognates of some word; the mean similarity if so.
fn match_words(words: &[String], window: &[Token]) -> Option<f64> {
    let mut used = vec![false; window.len()];
    let mut total = 0.0;
    for w in words {
        let best = window
            .iter()
            .enumerate()
            .filter(|(k, t)| !used[*k] && t.kind == TokenKind::Word)
            .map(|(k, t)| (k, cognate(&t.key, w)))
            .filter(|x| x.1 >= COGNATE_MIN)
            .max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.cmp(&x.0)))?;
        used[best.0] = true;
        total += best.1;
    }
    (used[0] && used[window.len() - 1]).then(|| total / words.len() as f64)
}

/// How alike two words are as cognates: the better of their
/// [`similarity`] and the Jaro–Winkler similarity of their consonant
/// skeletons, when both skeletons have three letters or more
/// (`conseil`/`council`: `knsl`/`knkl`).
fn cognate(a: &str, b: &str) -> f64 {
    let s = similarity(a, b);
    let (ka, kb) = (skeleton(&translit_key(a)), skeleton(&translit_key(b)));
    if ka.chars().count() >= 3 && kb.chars().count() >= 3 {
        s.max(strsim::jaro_winkler(&ka, &kb))
    } else {
        s
    }
}

/// What name spotting knows of one side: its texts and its [`Lexicon`].
struct SideNames<'a> {
    texts: Vec<&'a str>,
    lex: &'a Lexicon,
}

/// The texts of a document's sentences.
fn sentence_texts(side_doc: &Segmented) -> Vec<&str> {
    side_doc
        .sentences
        .iter()
        .map(|s| side_doc.sentence_text(s))
        .collect()
}

impl<'a> SideNames<'a> {
    fn new(side_doc: &'a Segmented, lex: &'a Lexicon) -> SideNames<'a> {
        SideNames {
            texts: sentence_texts(side_doc),
            lex,
        }
    }

    /// The tokens and the name mentions of sentences `ids`.
    fn spot(
        &self,
        ids: std::ops::Range<usize>,
        matcher: &Matcher,
        glossary: &Glossary,
        side: Side,
    ) -> (Vec<Vec<Token>>, Vec<Mention>) {
        let tokens: Vec<Vec<Token>> = self.texts[ids.clone()]
            .iter()
            .map(|t| text::tokens(t))
            .collect();
        let mentions = self.texts[ids]
            .iter()
            .zip(&tokens)
            .flat_map(|(t, toks)| spot(t, toks, self.lex, matcher, glossary, side))
            .collect();
        (tokens, mentions)
    }
}

/// The name pairs of every bead of `alignment`, in bead order: glossary
/// pairs first (the glossary completed by the shipped list of
/// international organisations, [`Glossary::with_organisations`]), then identical, then similar forms (see the module
/// documentation). Sentences are tokenised a bead at a time, so memory does
/// not grow with the document beyond its vocabulary.
pub fn pair_alignment(alignment: &Alignment, glossary: &Glossary) -> Vec<Vec<NamePair>> {
    bead_names(alignment, glossary)
        .into_iter()
        .map(|b| b.pairs)
        .collect()
}

/// The names of every bead of `alignment`, paired as [`pair_alignment`]
/// does, with the names left unpaired on each side.
pub fn bead_names(alignment: &Alignment, glossary: &Glossary) -> Vec<BeadNames> {
    let lexicons = Lexicons::new(alignment);
    names_of_beads(alignment, glossary, &lexicons, 0..alignment.beads.len())
}

/// What name spotting learns from the two whole documents (which words
/// also occur in lower case, which are only capitalised at a sentence
/// start), kept to pair the names of a few beads again after a reviewer
/// changed them: the documents do not change, only the beads.
#[derive(Debug, Clone)]
pub struct Lexicons {
    fr: Lexicon,
    en: Lexicon,
}

impl Lexicons {
    /// Learns from both documents of `alignment`.
    pub fn new(alignment: &Alignment) -> Lexicons {
        Lexicons {
            fr: Lexicon::new(sentence_texts(&alignment.fr).into_iter()),
            en: Lexicon::new(sentence_texts(&alignment.en).into_iter()),
        }
    }
}

/// [`pair_alignment`] for the beads in `beads` only (a reviewer changed
/// them), in bead order, with the documents' [`Lexicons`].
pub fn pair_beads(
    alignment: &Alignment,
    glossary: &Glossary,
    lexicons: &Lexicons,
    beads: std::ops::Range<usize>,
) -> Vec<Vec<NamePair>> {
    names_of_beads(alignment, glossary, lexicons, beads)
        .into_iter()
        .map(|b| b.pairs)
        .collect()
}

/// [`bead_names`] for the beads in `beads` only, with the documents'
/// [`Lexicons`].
pub fn names_of_beads(
    alignment: &Alignment,
    glossary: &Glossary,
    lexicons: &Lexicons,
    beads: std::ops::Range<usize>,
) -> Vec<BeadNames> {
    let glossary = &glossary.with_organisations();
    let matcher = Matcher::new(glossary);
    let fr = SideNames::new(&alignment.fr, &lexicons.fr);
    let en = SideNames::new(&alignment.en, &lexicons.en);
    alignment.beads[beads]
        .iter()
        .map(|b| {
            let (fr_tokens, f) = fr.spot(b.fr.clone(), &matcher, glossary, Side::Fr);
            let (_, e) = en.spot(b.en.clone(), &matcher, glossary, Side::En);
            let sentences: Vec<(&str, &[Token])> = fr.texts[b.fr.clone()]
                .iter()
                .zip(&fr_tokens)
                .map(|(t, toks)| (*t, toks.as_slice()))
                .collect();
            pair_bead(&f, &e, &sentences)
        })
        .collect()
}

/// The distinct pairs of a document (by [`term_key`] of both names), in
/// order of first appearance, from the per-bead pairs of
/// [`pair_alignment`].
pub fn document_names(per_bead: &[Vec<NamePair>]) -> Vec<DocumentName> {
    let mut out: Vec<DocumentName> = Vec::new();
    let mut index: HashMap<(String, String), usize> = HashMap::new();
    for (b, pairs) in per_bead.iter().enumerate() {
        for p in pairs {
            let key = (term_key(&p.fr), term_key(&p.en));
            match index.get(&key) {
                Some(&i) => {
                    let d = &mut out[i];
                    d.count += 1;
                    d.source = d.source.min(p.source);
                    d.confidence = d.confidence.max(p.confidence);
                }
                None => {
                    index.insert(key, out.len());
                    out.push(DocumentName {
                        fr: p.fr.clone(),
                        en: p.en.clone(),
                        count: 1,
                        source: p.source,
                        confidence: p.confidence,
                        first_bead: b + 1,
                    });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Lang;
    use std::path::Path;

    fn align(fr: &str, en: &str, glossary: &str) -> Vec<Vec<NamePair>> {
        let g = Glossary::parse(glossary, Path::new("g.csv")).unwrap();
        let fr = Segmented::from_text(fr.into(), Lang::Fr, true);
        let en = Segmented::from_text(en.into(), Lang::En, true);
        let al = crate::align_documents(fr, en, &g, &crate::align::Params::default());
        al.names
    }

    fn shown(pairs: &[NamePair]) -> Vec<String> {
        pairs
            .iter()
            .map(|p| format!("{}={} {}", p.fr, p.en, p.source.as_str()))
            .collect()
    }

    #[test]
    fn similarity_handles_transliterations() {
        for (a, b, paired) in [
            ("Palmyre", "Palmyra", true),
            ("Damas", "Damascus", true),
            ("Knaikera", "Kanaker", true),
            ("Sweida", "Suwayda", true),
            ("Euphrate", "Euphrates", true),
            ("al-Qusayr", "Qusair", true),
            ("FDS", "SDF", true),
            ("ONU", "UN", false),
            ("Homs", "Hama", false),
            ("Golan", "Golan Heights", false),
            ("Syrie", "Sudan", false),
        ] {
            let s = similarity(a, b);
            assert_eq!(s >= SIMILAR_MIN, paired, "{a} {b}: {s}");
        }
    }

    #[test]
    fn pairs_by_glossary_identity_and_similarity() {
        let names = align(
            "Les troupes quittent Damas pour Homs et Palmyre.\nLe Conseil militaire de Deir ez-Zor arrive.",
            "Troops leave Damascus for Homs and Palmyra.\nThe Deir ez-Zor Military Council arrives.",
            "fr,en\nConseil militaire de Deir ez-Zor,Deir ez-Zor Military Council\n",
        );
        assert_eq!(
            shown(&names[0]),
            [
                "Damas=Damascus similar",
                "Homs=Homs identical",
                "Palmyre=Palmyra similar"
            ]
        );
        assert_eq!(
            shown(&names[1]),
            ["Conseil militaire de Deir ez-Zor=Deir ez-Zor Military Council glossary"]
        );
    }

    #[test]
    fn sentence_starts_and_headings_are_not_names() {
        let names = align(
            "Progrès Rapides\nDes unités arrivent à Homs.\nUnités et Progrès à Homs.",
            "Rapid Progress\nUnits arrive in Homs.\nUnits and progress in Homs.",
            "",
        );
        assert!(names[0].is_empty(), "{:?}", names[0]);
        assert_eq!(shown(&names[1]), ["Homs=Homs identical"]);
    }

    #[test]
    fn hyphenated_pairs_of_names_are_split() {
        let names = align(
            "La route Amman-Damas et Deir ez-Zor.",
            "The Amman–Damascus road and Deir ez-Zor.",
            "",
        );
        assert_eq!(
            shown(&names[0]),
            [
                "Amman=Amman identical",
                "Damas=Damascus similar",
                "Deir ez-Zor=Deir ez-Zor identical"
            ]
        );
    }

    #[test]
    fn weird_input_does_not_panic() {
        for text in [
            "",
            "A",
            "É-",
            "- Al",
            "U.S. U. S.",
            "Deir ez-",
            "de de De de",
            "ÉTATS-UNIS ONU T4 4T",
            "l’ d’ L’É",
            "Ab‐Cd’Ef'Gh – Ij",
            "١٢٣ Damas",
        ] {
            let names = align(text, text, "fr,en\nDe,Of\nAl,Al\n");
            assert_eq!(names.len(), if text.is_empty() { 0 } else { 1 }, "{text:?}");
        }
    }
}
