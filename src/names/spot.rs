//! Spotting names in a sentence: glossary names, runs of capitalised
//! words, acronyms and codes, judged against what the document says of
//! its words ([`Lexicon`]).

use std::collections::HashSet;

use crate::glossary::{term_key, Glossary, Matcher, Side};
use crate::segment::Segmented;
use crate::text::{self, Token, TokenKind};

/// Lower-case particles that may sit inside a name between capitalised
/// words (`Deir ez-Zor`, `Chambre des Opérations du Sud`, `Bank of England`).
pub(super) const PARTICLES: &[&str] = &[
    "de", "du", "des", "la", "le", "of", "al", "el", "ez", "es", "as", "ad", "ed", "ash", "ar",
    "an", "at", "az", "bin", "ibn", "bint", "ben", "von", "van", "der",
];

/// Titles before a name, never part of it (folded).
pub(super) const TITLES: &[&str] = &[
    "m", "mm", "mme", "mmes", "mlle", "dr", "pr", "me", "mgr", "mr", "mrs", "ms", "prof",
];

/// The most words a name may have: a longer capitalised run (a title-case
/// paragraph, a list of names without commas) is not one name.
pub(super) const MAX_NAME_WORDS: usize = 12;

/// A name spotted in a sentence.
#[derive(Debug, Clone)]
pub(super) struct Mention {
    /// The name as written (white space runs made single spaces).
    pub(super) surface: String,
    /// Folded key, separators dropped ([`term_key`]).
    pub(super) key: String,
    /// Glossary entries it matched (empty for a capitalised run).
    pub(super) entries: Vec<usize>,
    /// A single all-capitals token.
    pub(super) acronym: bool,
}

/// What the document says about its words: which occur capitalised inside
/// ordinary sentences, and which occur in lower case.
#[derive(Debug, Clone)]
pub(super) struct Lexicon {
    pub(super) known: HashSet<String>,
    pub(super) lower: HashSet<String>,
}

/// Whether a sentence is a title-case heading: it does not end like a
/// sentence (`.`, `!`, `?`, `…`) and, of its words of four letters or more
/// after the first, most are capitalised.
pub(super) fn title_case(sentence: &str, tokens: &[Token]) -> bool {
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
    pub(super) fn new<'t>(texts: impl Iterator<Item = &'t str>) -> Lexicon {
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
    pub(super) fn candidate(
        &self,
        tokens: &[Token],
        k: usize,
        title: bool,
        continuing: bool,
    ) -> bool {
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
pub(super) fn spot(
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

/// What name spotting knows of one side: its texts and its [`Lexicon`].
pub(super) struct SideNames<'a> {
    pub(super) texts: Vec<&'a str>,
    pub(super) lex: &'a Lexicon,
}

/// The texts of a document's sentences.
pub(super) fn sentence_texts(side_doc: &Segmented) -> Vec<&str> {
    side_doc
        .sentences
        .iter()
        .map(|s| side_doc.sentence_text(s))
        .collect()
}

impl<'a> SideNames<'a> {
    pub(super) fn new(side_doc: &'a Segmented, lex: &'a Lexicon) -> SideNames<'a> {
        SideNames {
            texts: sentence_texts(side_doc),
            lex,
        }
    }

    /// The tokens and the name mentions of sentences `ids`.
    pub(super) fn spot(
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
