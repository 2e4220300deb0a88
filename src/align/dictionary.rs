//! A bilingual word list as anchors: a French word and an English word that
//! the list pairs share a key, whatever their spelling. The shipped list
//! (`data/lexicon-fr-en.tsv`, from FreeDict) is built into the binary and
//! parsed once; a user's lists (`--lexicon FILE`) add to it.
//!
//! Words are matched on their first [`STEM`] folded letters (the whole word
//! when shorter), so that *publiées* meets the list's *publier* and
//! *reports* its *report* without a lemmatiser.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use crate::error::{Error, Result};
use crate::text;

/// Folded letters of a word compared with the list's words.
pub const STEM: usize = 5;

/// The shipped list, as built by `data/make_lexicon.py`.
const SHIPPED: &str = include_str!("../../data/lexicon-fr-en.tsv");

/// Word pairs, indexed by stem. An English stem that the list holds has an
/// id; a French stem maps to the ids of its English partners, so a French
/// word and an English word it translates share a key.
#[derive(Default, PartialEq)]
pub struct Dictionary {
    /// French stem → ids of its English partners' stems.
    fr: HashMap<String, Vec<u32>>,
    /// English stem → its id.
    en: HashMap<String, u32>,
    /// Distinct stem pairs, in the order they were added.
    pairs: Vec<(String, String)>,
}

impl std::fmt::Debug for Dictionary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Dictionary({} pairs)", self.len())
    }
}

/// The stem a word is looked up by: its first [`STEM`] folded letters.
fn stem(folded: &str) -> &str {
    match folded.char_indices().nth(STEM) {
        Some((k, _)) => &folded[..k],
        None => folded,
    }
}

impl Dictionary {
    /// The shipped French–English list, parsed on first use.
    pub fn shipped() -> Arc<Dictionary> {
        static SHIPPED_DICT: OnceLock<Arc<Dictionary>> = OnceLock::new();
        SHIPPED_DICT
            .get_or_init(|| {
                let mut d = Dictionary::default();
                d.add_text(SHIPPED, Path::new("data/lexicon-fr-en.tsv"))
                    .expect("the shipped lexicon is well-formed");
                Arc::new(d)
            })
            .clone()
    }

    /// Number of distinct stem pairs.
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// Whether the list holds no pair.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// Adds the pairs of a user's word list: one pair a line, `french TAB
    /// english` or `french,english` (a header `fr,en` and `#` comments are
    /// skipped). A line without two words is an error naming the file and line.
    pub fn add_file(&mut self, path: &Path) -> Result<()> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let decoded = crate::decode::decode(&bytes, path)?;
        self.add_text(&decoded.text, path)
    }

    /// Adds the pairs of a word list's text (see [`Dictionary::add_file`]).
    pub fn add_text(&mut self, text: &str, path: &Path) -> Result<()> {
        for (k, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let sep = if line.contains('\t') { '\t' } else { ',' };
            let mut cells = line.split(sep).map(str::trim);
            let (Some(fr), Some(en)) = (cells.next(), cells.next()) else {
                return Err(Error::parse(
                    path,
                    k + 1,
                    "expected two words, `french<TAB>english` or `french,english`",
                ));
            };
            if fr.is_empty() || en.is_empty() {
                return Err(Error::parse(path, k + 1, "a word is missing"));
            }
            if k == 0 && fr.eq_ignore_ascii_case("fr") && en.eq_ignore_ascii_case("en") {
                continue;
            }
            self.add(fr, en);
        }
        Ok(())
    }

    /// Adds one pair (multi-word terms are kept to their first word each:
    /// anchors are words).
    pub fn add(&mut self, fr: &str, en: &str) {
        let first = |s: &str| -> Option<String> {
            let word = s.split_whitespace().next()?;
            let folded = text::fold(word);
            Some(stem(&folded).to_string())
        };
        let (Some(f), Some(e)) = (first(fr), first(en)) else {
            return;
        };
        // Identical stems already meet as cognates.
        if f == e {
            return;
        }
        let next = self.en.len() as u32;
        let id = *self.en.entry(e.clone()).or_insert(next);
        let partners = self.fr.entry(f.clone()).or_default();
        if !partners.contains(&id) {
            partners.push(id);
            self.pairs.push((f, e));
        }
    }

    /// The ids of the English stems a folded French word translates to.
    pub(crate) fn fr_pairs(&self, folded: &str) -> &[u32] {
        self.fr.get(stem(folded)).map_or(&[], Vec::as_slice)
    }

    /// The id of a folded English word's stem, if the list holds it.
    pub(crate) fn en_pairs(&self, folded: &str) -> &[u32] {
        self.en.get(stem(folded)).map_or(&[], std::slice::from_ref)
    }

    /// A copy of `self` with the pairs of `other` added.
    pub fn merged(&self, other: &Dictionary) -> Dictionary {
        let mut d = Dictionary::default();
        for (f, e) in self.pairs.iter().chain(&other.pairs) {
            d.add(f, e);
        }
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_list_pairs_inflected_forms() {
        let d = Dictionary::shipped();
        assert!(d.len() > 5_000, "{}", d.len());
        // gouvernement / government, matched on the stems of plural forms.
        let fr = d.fr_pairs(&text::fold("gouvernements"));
        let en = d.en_pairs("governments");
        assert!(fr.iter().any(|p| en.contains(p)), "{fr:?} {en:?}");
        assert!(d.fr_pairs("zzzzz").is_empty());
    }

    #[test]
    fn user_lists_add_pairs_and_report_bad_lines() {
        let mut d = Dictionary::default();
        d.add_text(
            "fr,en\n# note\nrapport,report\ngrève\tstrike\n",
            Path::new("u.csv"),
        )
        .unwrap();
        assert_eq!(d.len(), 2);
        let (f, e) = (d.fr_pairs("greve"), d.en_pairs("strikes"));
        assert!(f.iter().any(|p| e.contains(p)));
        let err = d
            .add_text("a,b\nseul\n", Path::new("u.csv"))
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "u.csv:2: expected two words, `french<TAB>english` or `french,english`"
        );
    }
}
