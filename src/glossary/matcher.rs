//! The term matcher: a character trie over each side's terms, walked across
//! a sentence's token keys.
//!
//! Every term (and variant) is cut into tokens with [`crate::text::tokens`]
//! (case and diacritics folded, French elision dropped) and its keys are run
//! together (`Deir ez-Zor` → `deirezzor`); the sentence is walked the same
//! way from each token, and a term matches where its key ends exactly at a
//! token's end. So hyphens, spaces and apostrophes do not matter (`Deir
//! ez-Zor`, `Deir Ezzor`, `d’Alep`, `l’Euphrate`) and multi-word terms
//! (`hauteurs du Golan`) match like single words. The cost per token is
//! bounded by the longest term, whatever the glossary's size.
//!
//! All-capital abbreviations and dotted short forms (`US`, `UN`, `ONU`,
//! `É.-U.`, `U.S.`) are *strict*: they match whole tokens only, one token
//! for each of the form's (so `É.-U.` is not the word `eu`), and, when the
//! caller gives the tokens ([`Matcher::find_tokens`]), only tokens written
//! in capitals (so `US` is not the pronoun `us`).

use super::{Glossary, Side};
use crate::text::{self, Token};

/// No strict form: the entry's form matches through case and separators.
const LOOSE: u32 = u32::MAX;

/// One trie node: children sorted by character, and the entries whose term
/// ends here, each with its strict form (an index into
/// [`Matcher::strict`], or [`LOOSE`]).
#[derive(Debug, Clone, Default)]
struct Node {
    children: Vec<(char, u32)>,
    entries: Vec<(u32, u32)>,
}

/// A character trie of folded term keys.
#[derive(Debug, Clone)]
struct Trie {
    nodes: Vec<Node>,
}

impl Default for Trie {
    fn default() -> Trie {
        Trie {
            nodes: vec![Node::default()],
        }
    }
}

impl Trie {
    /// Adds the term with token keys `keys` for `entry`.
    fn insert(&mut self, keys: &[String], entry: (u32, u32)) {
        let mut node = 0usize;
        for c in keys.iter().flat_map(|k| k.chars()) {
            node = match self.nodes[node].children.binary_search_by_key(&c, |x| x.0) {
                Ok(i) => self.nodes[node].children[i].1 as usize,
                Err(i) => {
                    let id = self.nodes.len();
                    self.nodes.push(Node::default());
                    self.nodes[node].children.insert(i, (c, id as u32));
                    id
                }
            };
        }
        // Entries are inserted in order, so a repeat can only be the last one
        // (a constant-time check however many entries share a term).
        let entries = &mut self.nodes[node].entries;
        if entries.last() != Some(&entry) {
            entries.push(entry);
        }
    }

    /// The child of `node` for `c`.
    fn child(&self, node: usize, c: char) -> Option<usize> {
        let children = &self.nodes[node].children;
        children
            .binary_search_by_key(&c, |x| x.0)
            .ok()
            .map(|i| children[i].1 as usize)
    }

    /// Whether no term was inserted.
    fn is_empty(&self) -> bool {
        self.nodes.len() == 1
    }
}

/// A glossary term found in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// The entry's index in [`Glossary::entries`].
    pub entry: usize,
    /// The first token of the match (index into the keys given).
    pub start: usize,
    /// One past the last token of the match.
    pub end: usize,
}

/// Finds glossary terms in tokenised sentences (folded word keys, so case,
/// accents, elision, hyphens and spaces do not matter).
#[derive(Debug, Clone, Default)]
pub struct Matcher {
    /// Per side (French, English): the trie of terms and variants.
    tries: [Trie; 2],
    /// The token keys of each strict form (see the module documentation).
    strict: Vec<Vec<String>>,
}

/// Whether a term is matched strictly: written without lower-case letters
/// (two letters or more: `US`, `ONU`), or a dotted short form whose words
/// have at most three letters (`É.-U.`).
fn is_strict(form: &str, tokens: &[Token]) -> bool {
    let letters = form.chars().filter(|c| c.is_alphabetic()).count();
    let no_lower = !form.chars().any(char::is_lowercase);
    let dotted = form.contains('.')
        && tokens
            .iter()
            .all(|t| t.key.chars().count() <= 3 && t.capitalised);
    letters >= 2 && (no_lower || dotted)
}

impl Matcher {
    /// Builds the matcher for `glossary` (terms and their variants).
    pub fn new(glossary: &Glossary) -> Matcher {
        let mut m = Matcher::default();
        for (i, e) in glossary.entries.iter().enumerate() {
            for side in [Side::Fr, Side::En] {
                for form in e.forms(side) {
                    let tokens = text::tokens(form);
                    let keys: Vec<String> = tokens.iter().map(|t| t.key.clone()).collect();
                    if keys.is_empty() {
                        continue;
                    }
                    let strict = if is_strict(form, &tokens) {
                        m.strict.push(keys.clone());
                        (m.strict.len() - 1) as u32
                    } else {
                        LOOSE
                    };
                    m.tries[side as usize].insert(&keys, (i as u32, strict));
                }
            }
        }
        m
    }

    /// Whether the glossary has no term at all.
    pub fn is_empty(&self) -> bool {
        self.tries.iter().all(Trie::is_empty)
    }

    /// Every match of a `side` term in `keys` (the sentence's token keys),
    /// by start token, shorter matches first. Strict forms match whole
    /// tokens only; their case is not checked (see [`Matcher::find_tokens`]).
    pub fn find_all(&self, keys: &[&str], side: Side) -> Vec<Hit> {
        self.find_checked(keys, side, None)
    }

    /// [`Matcher::find_all`] over the sentence's tokens (`keys` their keys),
    /// with strict forms matching only tokens written in capitals.
    pub fn find_tokens(&self, tokens: &[Token], keys: &[&str], side: Side) -> Vec<Hit> {
        self.find_checked(keys, side, Some(tokens))
    }

    fn find_checked(&self, keys: &[&str], side: Side, tokens: Option<&[Token]>) -> Vec<Hit> {
        let trie = &self.tries[side as usize];
        let mut hits = Vec::new();
        if trie.is_empty() {
            return hits;
        }
        for start in 0..keys.len() {
            let mut node = 0;
            'walk: for (t, key) in keys.iter().enumerate().skip(start) {
                for c in key.chars() {
                    match trie.child(node, c) {
                        Some(n) => node = n,
                        None => break 'walk,
                    }
                }
                for &(entry, strict) in &trie.nodes[node].entries {
                    if strict != LOOSE {
                        let form = &self.strict[strict as usize];
                        let whole = form.len() == t + 1 - start
                            && form.iter().zip(&keys[start..=t]).all(|(f, k)| f == k);
                        let capitals = tokens.is_none_or(|tokens| {
                            tokens[start..=t].iter().all(|x| {
                                x.all_caps || (x.capitalised && x.key.chars().count() == 1)
                            })
                        });
                        if !whole || !capitals {
                            continue;
                        }
                    }
                    if hits.last().is_some_and(|h: &Hit| {
                        h.entry == entry as usize && h.start == start && h.end == t + 1
                    }) {
                        continue;
                    }
                    hits.push(Hit {
                        entry: entry as usize,
                        start,
                        end: t + 1,
                    });
                }
            }
        }
        hits
    }

    /// The longest matches, left to right, not overlapping: at each token,
    /// the longest term starting there (all entries sharing that span).
    pub fn find_longest(&self, keys: &[&str], side: Side) -> Vec<Hit> {
        Self::longest(self.find_all(keys, side))
    }

    /// [`Matcher::find_longest`] over the sentence's tokens, strict forms
    /// checked for capitals (see [`Matcher::find_tokens`]).
    pub fn find_longest_tokens(&self, tokens: &[Token], keys: &[&str], side: Side) -> Vec<Hit> {
        Self::longest(self.find_tokens(tokens, keys, side))
    }

    fn longest(all: Vec<Hit>) -> Vec<Hit> {
        let mut out: Vec<Hit> = Vec::new();
        let mut next = 0;
        let mut i = 0;
        while i < all.len() {
            let start = all[i].start;
            let mut j = i;
            while j < all.len() && all[j].start == start {
                j += 1;
            }
            if start >= next {
                let end = all[i..j].iter().map(|h| h.end).max().unwrap_or(start);
                out.extend(all[i..j].iter().filter(|h| h.end == end));
                next = end;
            }
            i = j;
        }
        out
    }

    /// Indices of the entries whose `side` term occurs in `keys` (the
    /// sentence's token keys), in order of occurrence, each once.
    pub fn find(&self, keys: &[&str], side: Side) -> Vec<usize> {
        let mut found = Vec::new();
        for h in self.find_all(keys, side) {
            if !found.contains(&h.entry) {
                found.push(h.entry);
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn keys(s: &str) -> Vec<String> {
        text::tokens(s).into_iter().map(|t| t.key).collect()
    }

    fn found(g: &str, sentence: &str, side: Side) -> Vec<usize> {
        let g = Glossary::parse(g, Path::new("g.csv")).unwrap();
        let m = Matcher::new(&g);
        let k = keys(sentence);
        let k: Vec<&str> = k.iter().map(String::as_str).collect();
        m.find(&k, side)
    }

    #[test]
    fn finds_terms_through_folding_elision_and_separators() {
        let g = "fr,en,fr_variants,en_variants\n\
                 armée syrienne,Syrian army,,\n\
                 Damas,Damascus,,\n\
                 Deir ez-Zor,Deir ez-Zor,Deir Ezzor,Deir al-Zour|Dayr az-Zawr\n\
                 hauteurs du Golan,Golan Heights,,\n\
                 Alep,Aleppo,,\n\
                 Euphrate,Euphrates,,\n";
        for (sentence, side, want) in [
            ("L’Armée Syrienne quitte Damas", Side::Fr, vec![0, 1]),
            ("à DEIR-EZ-ZOR et Deir ezzor", Side::Fr, vec![2]),
            ("près des hauteurs du Golan occupé", Side::Fr, vec![3]),
            ("la route d'Alep et l’Euphrate", Side::Fr, vec![4, 5]),
            ("in Dayr az Zawr, near Damascus", Side::En, vec![2, 1]),
            ("Damascene Golan", Side::En, vec![]),
            ("Damasquinerie", Side::Fr, vec![]),
        ] {
            assert_eq!(found(g, sentence, side), want, "{sentence}");
        }
    }

    #[test]
    fn longest_match_wins() {
        let g = Glossary::parse(
            "Deir ez-Zor,Deir ez-Zor\nConseil militaire de Deir ez-Zor,Deir ez-Zor Military Council\n",
            Path::new("g.csv"),
        )
        .unwrap();
        let m = Matcher::new(&g);
        let k = keys("le Conseil militaire de Deir ez-Zor à Deir ez-Zor");
        let k: Vec<&str> = k.iter().map(String::as_str).collect();
        let hits = m.find_longest(&k, Side::Fr);
        assert_eq!(
            hits.iter()
                .map(|h| (h.entry, h.start, h.end))
                .collect::<Vec<_>>(),
            [(1, 1, 7), (0, 8, 11)]
        );
        assert_eq!(m.find(&k, Side::Fr), [1, 0]);
    }
}
