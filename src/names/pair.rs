//! Pairing the names of one bead: glossary pairs, identical forms, then
//! similar ones, each mention used once.

use std::collections::{HashMap, VecDeque};

use crate::text::{self, Token, TokenKind};

use super::keys::{cognate, NameKeys};
use super::spot::{Mention, PARTICLES};
use super::{BeadNames, NamePair, PairSource};

/// The lowest [`similarity`](super::similarity) at which two names are paired as `similar`.
pub const SIMILAR_MIN: f64 = 0.88;

/// How far apart, in mention order, a French and an English mention may be
/// and still be compared for similarity. Names come in nearly the same
/// order in both versions of a sentence; the band keeps pairing linear in
/// the number of mentions on a bead that holds thousands.
pub(super) const SIMILAR_BAND: usize = 32;

/// The most French tokens × multi-word English names searched word by word
/// in one bead ([`cognate_window`]); a bead over it (a huge sentence) skips
/// that last step, so the time per bead stays bounded.
pub(super) const COGNATE_WORK: usize = 200_000;

/// The lowest similarity at which two words are taken as cognates when a
/// multi-word English name is matched word by word against the French.
pub(super) const COGNATE_MIN: f64 = 0.85;

/// One side of a document, tokenised, with its names.
/// Pairs found so far in a bead, and which mentions they used.
pub(super) struct BeadPairs<'m> {
    pub(super) fr: &'m [Mention],
    pub(super) en: &'m [Mention],
    pub(super) used_fr: Vec<bool>,
    pub(super) used_en: Vec<bool>,
    pub(super) pairs: Vec<(usize, NamePair)>,
}

impl BeadPairs<'_> {
    pub(super) fn take(&mut self, i: usize, j: usize, source: PairSource, confidence: f64) {
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
pub(super) fn pair_bead(
    fr: &[Mention],
    en: &[Mention],
    fr_sentences: &[(&str, &[Token])],
) -> BeadNames {
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

/// Finds the French form of a multi-word English name word by word: the
/// shortest run of French tokens, starting with a capitalised word and
/// holding at most three words more than the name, in which every word of
/// the name (particles aside) has its own cognate ([`cognate`] of at
/// least [`COGNATE_MIN`]), the run's first and last words among them
/// (`Syrian Democratic Forces` → `Forces démocratiques syriennes`). Returns
/// the French form and the mean similarity.
pub(super) fn cognate_window(
    name: &str,
    fr_sentences: &[(&str, &[Token])],
) -> Option<(String, f64)> {
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
pub(super) fn match_words(words: &[String], window: &[Token]) -> Option<f64> {
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
