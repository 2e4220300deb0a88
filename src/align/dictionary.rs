//! A bilingual word list as anchors: a French word and an English word that
//! the list pairs share a key, whatever their spelling. The shipped list
//! (`data/lexicon-fr-en.tsv`, from FreeDict, GPL-2.0-or-later) is a separate
//! data file, read at run time (see [`Dictionary::default_path`]) and parsed
//! once; a user's lists (`--lexicon FILE`) add to it. It is not built into
//! the binary, so that the binary holds no GPL data.
//!
//! Words are matched on their first [`STEM`] folded letters (the whole word
//! when shorter), so that *publiées* meets the list's *publier* and
//! *reports* its *report* without a lemmatiser.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::error::{Error, Result};
use crate::text;

/// Folded letters of a word compared with the list's words.
pub const STEM: usize = 5;

/// The shipped list's file name (built by `data/make_lexicon.py`), looked
/// for in a `data/` folder.
pub const FILE_NAME: &str = "lexicon-fr-en.tsv";

/// The environment variable naming the default word list's file; set and
/// empty, no default list is used.
pub const ENV_VAR: &str = "TRALIGN_LEXICON";

/// Folders above the binary searched for `data/` (a build in
/// `target/release/deps/` finds the repository's).
const ANCESTORS: usize = 4;

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
    /// Where the default French–English list is: the file
    /// `$TRALIGN_LEXICON` names when the variable is set (`None` when it is
    /// empty); else the first that exists of `data/lexicon-fr-en.tsv` in
    /// the binary's folder or one of the folders above it,
    /// `share/tralign/lexicon-fr-en.tsv` beside the binary's `bin/` folder
    /// (an installed layout), and `data/lexicon-fr-en.tsv` in the source
    /// tree the crate was built from.
    pub fn default_path() -> Option<PathBuf> {
        if let Some(named) = std::env::var_os(ENV_VAR) {
            return (!named.is_empty()).then(|| PathBuf::from(named));
        }
        let mut candidates = Vec::new();
        if let Some(dir) = std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(Path::to_path_buf))
        {
            for up in dir.ancestors().take(ANCESTORS + 1) {
                candidates.push(up.join("data").join(FILE_NAME));
            }
            if let Some(prefix) = dir.parent() {
                candidates.push(prefix.join("share").join("tralign").join(FILE_NAME));
            }
        }
        candidates.push(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("data")
                .join(FILE_NAME),
        );
        candidates.into_iter().find(|p| p.is_file())
    }

    /// The default French–English list ([`Dictionary::default_path`]),
    /// read and parsed on first use; `None` when there is none. A list that
    /// cannot be read or has a malformed line is an error naming it.
    pub fn default_list() -> Result<Option<Arc<Dictionary>>> {
        static DEFAULT: OnceLock<Option<Arc<Dictionary>>> = OnceLock::new();
        if let Some(d) = DEFAULT.get() {
            return Ok(d.clone());
        }
        let loaded = match Dictionary::default_path() {
            Some(path) => {
                let mut d = Dictionary::default();
                d.add_file(&path)?;
                Some(Arc::new(d))
            }
            None => None,
        };
        Ok(DEFAULT.get_or_init(|| loaded).clone())
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

    /// Whether the list pairs a folded French word with a folded English
    /// word.
    pub(crate) fn pairs(&self, fr: &str, en: &str) -> bool {
        let ids = self.en_pairs(en);
        self.fr_pairs(fr).iter().any(|id| ids.contains(id))
    }

    /// A copy of `base` (if any) with the pairs of `other` added.
    pub fn merged(base: Option<&Dictionary>, other: &Dictionary) -> Dictionary {
        let mut d = Dictionary::default();
        for (f, e) in base.into_iter().flat_map(|b| &b.pairs).chain(&other.pairs) {
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
        let d = Dictionary::default_list()
            .unwrap()
            .expect("the shipped list is found");
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
