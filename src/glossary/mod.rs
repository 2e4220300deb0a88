//! Glossaries: term pairs the aligner uses as anchors.
//!
//! For now one format: a plain two-column CSV or TSV file, `fr,en` a row
//! (for another language pair, the left column is the aligner's "fr" side),
//! with an optional header row and `#` comment lines.

use std::collections::HashMap;
use std::path::Path;

use crate::error::{Error, Result};
use crate::text;

/// A set of French–English term pairs.
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    /// The entries, in file order.
    pub entries: Vec<Entry>,
}

/// One glossary entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The French term.
    pub fr: String,
    /// The English term.
    pub en: String,
}

/// Header cells recognised in the first row of a glossary file.
const HEADER_WORDS: &[&str] = &[
    "fr", "en", "de", "french", "english", "german", "source", "target", "src", "tgt", "term",
];

impl Glossary {
    /// Reads a glossary file: CSV, or TSV when the name ends in `.tsv` or
    /// the first data line holds a tab. A malformed row is an
    /// [`Error::Parse`] naming the file and line.
    pub fn read(path: &Path) -> Result<Glossary> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let text = String::from_utf8(bytes)
            .map_err(|_| Error::parse(path, 1, "a glossary must be UTF-8 text"))?;
        Glossary::parse(&text, path)
    }

    /// Parses glossary text; `path` is only used in error messages.
    pub fn parse(text: &str, path: &Path) -> Result<Glossary> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let first_data = text
            .lines()
            .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
            .unwrap_or("");
        let tsv = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("tsv"))
            || first_data.contains('\t');
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .comment(Some(b'#'))
            .delimiter(if tsv { b'\t' } else { b',' })
            .quoting(!tsv)
            .from_reader(text.as_bytes());
        let mut entries = Vec::new();
        let mut first = true;
        for record in reader.records() {
            let record = record.map_err(|e| {
                let line = e.position().map_or(0, |p| p.line() as usize);
                Error::parse(path, line, format!("not a glossary row: {e}"))
            })?;
            let line = record.position().map_or(0, |p| p.line() as usize);
            if record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            if record.len() != 2 {
                return Err(Error::parse(
                    path,
                    line,
                    format!("expected 2 columns (fr, en), found {}", record.len()),
                ));
            }
            let (fr, en) = (record[0].trim(), record[1].trim());
            if std::mem::take(&mut first) && is_header(fr) && is_header(en) {
                continue;
            }
            if fr.is_empty() || en.is_empty() {
                return Err(Error::parse(path, line, "a term is empty"));
            }
            entries.push(Entry {
                fr: fr.to_string(),
                en: en.to_string(),
            });
        }
        Ok(Glossary { entries })
    }

    /// Adds the entries of `other` after this glossary's.
    pub fn extend(&mut self, other: Glossary) {
        self.entries.extend(other.entries);
    }
}

/// Whether a first-row cell looks like a column name.
fn is_header(cell: &str) -> bool {
    let c = cell.to_ascii_lowercase();
    HEADER_WORDS
        .iter()
        .any(|w| c == *w || c.starts_with(&format!("{w}_")))
}

/// Which column of the glossary to match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The French (left) column.
    Fr,
    /// The English (right) column.
    En,
}

/// Per first key of a term: (entry index, the term's keys).
type TermIndex = HashMap<String, Vec<(usize, Vec<String>)>>;

/// Finds glossary terms in tokenised sentences (folded word keys, so case,
/// accents and elision do not matter).
#[derive(Debug, Clone, Default)]
pub struct Matcher {
    /// Per side: first key of a term → (entry index, the term's keys).
    by_first: [TermIndex; 2],
}

impl Matcher {
    /// Builds the matcher for `glossary`.
    pub fn new(glossary: &Glossary) -> Matcher {
        let mut m = Matcher::default();
        for (i, e) in glossary.entries.iter().enumerate() {
            for (side, term) in [(0, &e.fr), (1, &e.en)] {
                let keys: Vec<String> = text::tokens(term).into_iter().map(|t| t.key).collect();
                if let Some(first) = keys.first() {
                    m.by_first[side]
                        .entry(first.clone())
                        .or_default()
                        .push((i, keys));
                }
            }
        }
        m
    }

    /// Whether the glossary has no term at all.
    pub fn is_empty(&self) -> bool {
        self.by_first.iter().all(HashMap::is_empty)
    }

    /// Indices of the entries whose `side` term occurs in `keys` (the
    /// sentence's token keys), in order of occurrence, each once.
    pub fn find(&self, keys: &[&str], side: Side) -> Vec<usize> {
        let map = &self.by_first[side as usize];
        let mut found = Vec::new();
        if map.is_empty() {
            return found;
        }
        for (k, key) in keys.iter().enumerate() {
            let Some(cands) = map.get(*key) else { continue };
            for (entry, term) in cands {
                let hit = keys.len() - k >= term.len()
                    && term.iter().zip(&keys[k..]).all(|(a, b)| a == b);
                if hit && !found.contains(entry) {
                    found.push(*entry);
                }
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str, name: &str) -> Result<Glossary> {
        Glossary::parse(text, Path::new(name))
    }

    #[test]
    fn reads_csv_with_header_and_comments() {
        let g = parse(
            "# places\nfr,en\nDamas,Damascus\n\"Homs, ville\",Homs\n",
            "g.csv",
        )
        .unwrap();
        assert_eq!(g.entries.len(), 2);
        assert_eq!(g.entries[1].fr, "Homs, ville");
    }

    #[test]
    fn reads_tsv() {
        let g = parse("Palmyre\tPalmyra\n# x\nDeraa\tDaraa\n", "g.txt").unwrap();
        assert_eq!(g.entries.len(), 2);
        assert_eq!(g.entries[0].en, "Palmyra");
    }

    #[test]
    fn malformed_row_names_file_and_line() {
        let err = parse("fr,en\nDamas,Damascus\nHoms\n", "g.csv").unwrap_err();
        assert_eq!(
            err.to_string(),
            "g.csv:3: expected 2 columns (fr, en), found 1"
        );
        let err = parse("a,b\n,x\n", "g.csv").unwrap_err();
        assert!(err.to_string().starts_with("g.csv:2:"), "{err}");
    }

    #[test]
    fn matcher_finds_multiword_terms_folded() {
        let g = parse("armée syrienne,Syrian army\nDamas,Damascus\n", "g.csv").unwrap();
        let m = Matcher::new(&g);
        let keys: Vec<String> = text::tokens("L’Armée Syrienne quitte Damas")
            .into_iter()
            .map(|t| t.key)
            .collect();
        let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
        assert_eq!(m.find(&keys, Side::Fr), [0, 1]);
        assert!(m.find(&keys, Side::En).is_empty());
    }
}
