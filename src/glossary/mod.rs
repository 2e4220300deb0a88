//! Glossaries: term pairs the aligner uses as anchors, the name pairer
//! trusts first, and `tralign check` verifies.
//!
//! # File formats
//!
//! - **CSV or TSV with a header** naming its columns: `fr` and `en` are
//!   required; `kind` (`place`, `person`, `organisation`, `acronym`, `term`),
//!   `fr_variants` and `en_variants` (`|`-separated), `note`, `status`
//!   (`approved`, `proposed`) and `source` are optional. For another language
//!   pair, the `fr` column is the aligner's left side.
//! - **Two columns without a header** (`fr,en` a row), or with a plain header
//!   such as `fr,en` or `source,target`.
//! - **OmegaT glossaries**: tab-separated `source<TAB>target<TAB>comment`,
//!   no header; the comment becomes the note.
//!
//! A file is TSV when its name ends in `.tsv` or its first data line holds a
//! tab; otherwise CSV (RFC 4180 quoting, one row a line). Lines starting with
//! `#` are comments, blank lines are skipped. A malformed row is an
//! [`Error::Parse`] naming the file and line; so is an entry given twice in
//! one file.

mod maintain;
mod matcher;
mod tbx;

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::text;

pub use maintain::{lint, merge, Finding};
pub use matcher::{Hit, Matcher};

/// A set of French–English term pairs.
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    /// The entries, in file order (files in the order they were added).
    pub entries: Vec<Entry>,
}

/// One glossary entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    /// The French term.
    pub fr: String,
    /// The English term.
    pub en: String,
    /// What the term names, when the file says.
    pub kind: Option<Kind>,
    /// Other French spellings that mean the same (`Deir ez-Zor` for `Deir ez-Zor`, …).
    pub fr_variants: Vec<String>,
    /// Other English spellings (`Deir al-Zour`, `Dayr az-Zawr`, …).
    pub en_variants: Vec<String>,
    /// Free text for the reader.
    pub note: String,
    /// Whether the entry is approved or only proposed.
    pub status: Option<Status>,
    /// Where the rendering comes from.
    pub source: String,
    /// The file and line the entry was read from (empty for built entries).
    pub origin: Origin,
}

/// Where an entry was read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    /// The glossary file.
    pub file: PathBuf,
    /// The line (1-based; 0 when unknown).
    pub line: usize,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file.display(), self.line)
    }
}

/// What a glossary entry names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// A country, city, region, river, …
    Place,
    /// A person.
    Person,
    /// An organisation, armed group, agency, …
    Organisation,
    /// An acronym or abbreviation.
    Acronym,
    /// A common term (not a proper name).
    Term,
}

/// Whether an entry has been checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Checked by a person.
    Approved,
    /// Proposed (e.g. by `tralign glossary suggest`), not yet checked.
    Proposed,
}

/// The `kind` column's words, in [`Kind`] order.
const KIND_WORDS: [(&str, Kind); 5] = [
    ("place", Kind::Place),
    ("person", Kind::Person),
    ("organisation", Kind::Organisation),
    ("acronym", Kind::Acronym),
    ("term", Kind::Term),
];

impl Kind {
    /// The word used in the `kind` column.
    pub fn as_str(self) -> &'static str {
        KIND_WORDS
            .iter()
            .find(|(_, k)| *k == self)
            .map_or("", |w| w.0)
    }

    /// Reads a `kind` cell (`organization` is accepted too).
    fn parse(cell: &str) -> Option<Kind> {
        let c = cell.to_ascii_lowercase();
        let c = if c == "organization" {
            "organisation"
        } else {
            &c
        };
        KIND_WORDS.iter().find(|(w, _)| *w == c).map(|w| w.1)
    }
}

impl Status {
    /// The word used in the `status` column.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Approved => "approved",
            Status::Proposed => "proposed",
        }
    }
}

/// Where the shipped list of international organisations comes from.
const ORGANISATIONS_FILE: &str = "glossaries/organisations.csv";
/// Its text, built into the program.
const ORGANISATIONS: &str = include_str!("../../glossaries/organisations.csv");

/// The columns of the full format, in the order [`Glossary::write_csv`] writes them.
pub const COLUMNS: [&str; 8] = [
    "fr",
    "en",
    "kind",
    "fr_variants",
    "en_variants",
    "note",
    "status",
    "source",
];

/// Plain header cells of two-column files (positional: left, right).
const PLAIN_HEADER_WORDS: &[&str] = &[
    "de", "french", "english", "german", "target", "src", "tgt", "term", "source",
];

/// How the columns of a file map to entry fields.
#[derive(Debug, Clone)]
enum Layout {
    /// Named columns: index of each of [`COLUMNS`] in the row, if present.
    Named(usize, [Option<usize>; 8]),
    /// Two columns (fr, en), or three in a TSV file (OmegaT: fr, en, comment).
    Positional,
}

impl Entry {
    /// A bare entry for `fr` and `en`.
    pub fn new(fr: impl Into<String>, en: impl Into<String>) -> Entry {
        Entry {
            fr: fr.into(),
            en: en.into(),
            ..Entry::default()
        }
    }

    /// The term and its variants on one side.
    pub fn forms(&self, side: Side) -> impl Iterator<Item = &str> {
        let (term, variants) = match side {
            Side::Fr => (&self.fr, &self.fr_variants),
            Side::En => (&self.en, &self.en_variants),
        };
        std::iter::once(term.as_str()).chain(variants.iter().map(String::as_str))
    }

    /// The entry's cells in the order of [`COLUMNS`].
    pub fn cells(&self) -> [String; 8] {
        [
            self.fr.clone(),
            self.en.clone(),
            self.kind.map_or("", Kind::as_str).to_string(),
            self.fr_variants.join("|"),
            self.en_variants.join("|"),
            self.note.clone(),
            self.status.map_or("", Status::as_str).to_string(),
            self.source.clone(),
        ]
    }

    /// Whether the entry has anything an OmegaT glossary cannot hold (a
    /// kind, variants, a status or a source).
    pub fn has_more_than_terms_and_note(&self) -> bool {
        self.kind.is_some()
            || !self.fr_variants.is_empty()
            || !self.en_variants.is_empty()
            || self.status.is_some()
            || !self.source.is_empty()
    }

    /// The term on one side.
    pub fn term(&self, side: Side) -> &str {
        match side {
            Side::Fr => &self.fr,
            Side::En => &self.en,
        }
    }

    /// Whether the entry names something (a place, person, organisation or
    /// acronym) rather than a common term; without a `kind`, whether one of
    /// its two terms holds a capital letter or a digit.
    pub fn is_name(&self) -> bool {
        match self.kind {
            Some(Kind::Term) => false,
            Some(_) => true,
            None => [&self.fr, &self.en]
                .iter()
                .any(|t| t.chars().any(|c| c.is_uppercase() || c.is_ascii_digit())),
        }
    }
}

/// The comparison key of a term: its token keys (folded, elision dropped)
/// run together, so that hyphens, spaces and apostrophes do not matter
/// (`Deir ez-Zor` = `deir ezzor` = `deirezzor`).
pub fn term_key(term: &str) -> String {
    text::tokens(term).into_iter().map(|t| t.key).collect()
}

impl Glossary {
    /// Reads a glossary file (see the module documentation for the formats).
    /// A malformed row, or an entry given twice in the file, is an
    /// [`Error::Parse`] naming the file and line.
    pub fn read(path: &Path) -> Result<Glossary> {
        let g = Glossary::read_rows(path)?;
        g.check_duplicates()?;
        Ok(g)
    }

    /// Reads a glossary file like [`Glossary::read`] but keeps duplicate
    /// entries (for `tralign glossary lint`, which reports them).
    pub fn read_rows(path: &Path) -> Result<Glossary> {
        let (bytes, _) = crate::decode::read_bytes(path)?;
        let text = crate::decode::decode(&bytes, path)?.text;
        Glossary::parse_rows(&text, path)
    }

    /// Parses glossary text; `path` is only used in origins and error messages.
    /// An entry given twice is an error.
    pub fn parse(text: &str, path: &Path) -> Result<Glossary> {
        let g = Glossary::parse_rows(text, path)?;
        g.check_duplicates()?;
        Ok(g)
    }

    /// Parses glossary text, keeping duplicate entries: TBX when the text
    /// is XML, else CSV or TSV.
    pub fn parse_rows(text: &str, path: &Path) -> Result<Glossary> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.trim_start().starts_with('<') {
            return tbx::parse(text, path);
        }
        let data_lines = || {
            text.lines()
                .enumerate()
                .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        };
        let delimiter = if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("tsv"))
        {
            b'\t'
        } else {
            data_lines()
                .next()
                .map_or(b',', |(_, l)| crate::table::delimiter(l))
        };
        let tsv = delimiter == b'\t';
        let mut layout = None;
        let mut entries = Vec::new();
        for (i, line) in data_lines() {
            let line_no = i + 1;
            let line = line.strip_suffix('\r').unwrap_or(line);
            check_characters(line).map_err(|r| Error::parse(path, line_no, r))?;
            let cells = split_row(line, delimiter).map_err(|r| Error::parse(path, line_no, r))?;
            let layout = match &layout {
                Some(l) => l,
                None => {
                    let (l, header) =
                        header_layout(&cells).map_err(|r| Error::parse(path, line_no, r))?;
                    layout = Some(l);
                    if header {
                        continue;
                    }
                    layout.as_ref().expect("just set")
                }
            };
            let origin = Origin {
                file: path.to_path_buf(),
                line: line_no,
            };
            let entry = row_entry(&cells, layout, tsv, origin)
                .map_err(|r| Error::parse(path, line_no, r))?;
            entries.push(entry);
        }
        Ok(Glossary { entries })
    }

    /// An error for the first entry that repeats an earlier one (same French
    /// and English terms, compared by [`term_key`]).
    fn check_duplicates(&self) -> Result<()> {
        let mut seen: HashMap<(String, String), &Origin> = HashMap::new();
        for e in &self.entries {
            let key = (term_key(&e.fr), term_key(&e.en));
            if let Some(first) = seen.get(&key) {
                return Err(Error::parse(
                    &e.origin.file,
                    e.origin.line,
                    format!(
                        "duplicate entry {:?} = {:?} (first at line {})",
                        e.fr, e.en, first.line
                    ),
                ));
            }
            seen.insert(key, &e.origin);
        }
        Ok(())
    }

    /// The shipped list of international organisations
    /// (`glossaries/organisations.csv`: French and English names and
    /// acronyms, `ONU`/`UN`, `OTAN`/`NATO`, `OMS`/`WHO` …), read once.
    pub fn organisations() -> &'static Glossary {
        static LIST: std::sync::OnceLock<Glossary> = std::sync::OnceLock::new();
        LIST.get_or_init(|| {
            Glossary::parse(ORGANISATIONS, Path::new(ORGANISATIONS_FILE))
                .expect("the shipped organisations list is a valid glossary (a unit test reads it)")
        })
    }

    /// This glossary followed by the entries of [`Glossary::organisations`]
    /// whose French term it does not already have (its own rendering wins).
    pub fn with_organisations(&self) -> Glossary {
        let known: std::collections::HashSet<String> =
            self.entries.iter().map(|e| term_key(&e.fr)).collect();
        let mut out = self.clone();
        out.entries.extend(
            Glossary::organisations()
                .entries
                .iter()
                .filter(|e| !known.contains(&term_key(&e.fr)))
                .cloned(),
        );
        out
    }

    /// Adds the entries of `other` after this glossary's.
    pub fn extend(&mut self, other: Glossary) {
        self.entries.extend(other.entries);
    }

    /// Reads several glossary files and merges them. Entries repeated in a
    /// later file are kept once; a French term rendered differently by two
    /// files is kept as both and reported in the returned conflicts.
    pub fn read_merged(paths: &[PathBuf]) -> Result<(Glossary, Vec<Conflict>)> {
        let mut merged = Glossary::default();
        let mut conflicts = Vec::new();
        // Entries kept, by French and English keys.
        let mut seen: HashSet<(String, String)> = HashSet::new();
        // French key → the first entry kept for it, and the first one from
        // another file than that one's (so a conflict is found in constant
        // time, however many renderings a term has).
        let mut by_fr: HashMap<String, (usize, Option<usize>)> = HashMap::new();
        for path in paths {
            for e in Glossary::read(path)?.entries {
                let (fr, en) = (term_key(&e.fr), term_key(&e.en));
                if !seen.insert((fr.clone(), en)) {
                    continue;
                }
                let index = merged.entries.len();
                let file = |k: usize| &merged.entries[k].origin.file;
                match by_fr.get_mut(&fr) {
                    None => {
                        by_fr.insert(fr, (index, None));
                    }
                    Some((first, other)) => {
                        let earliest_elsewhere = if *file(*first) != e.origin.file {
                            Some(*first)
                        } else {
                            *other
                        };
                        if let Some(k) = earliest_elsewhere {
                            conflicts.push(Conflict {
                                first: merged.entries[k].clone(),
                                second: e.clone(),
                            });
                        }
                        if other.is_none() && *file(*first) != e.origin.file {
                            *other = Some(index);
                        }
                    }
                }
                merged.entries.push(e);
            }
        }
        Ok((merged, conflicts))
    }

    /// Writes the glossary as CSV with the full header ([`COLUMNS`]).
    pub fn write_csv(&self, w: &mut dyn Write) -> std::io::Result<()> {
        let mut out = csv::Writer::from_writer(w);
        out.write_record(COLUMNS)?;
        for e in &self.entries {
            out.write_record(e.cells())?;
        }
        out.flush()
    }

    /// Writes the glossary in `format`.
    pub fn write(&self, format: Format, w: &mut dyn Write) -> std::io::Result<()> {
        match format {
            Format::Csv => self.write_csv(w),
            Format::Tsv => {
                let line = |cells: &[&str]| -> String {
                    let cells: Vec<String> = cells.iter().map(|c| one_tsv_cell(c)).collect();
                    cells.join("\t")
                };
                writeln!(w, "{}", line(&COLUMNS))?;
                for e in &self.entries {
                    let cells = e.cells();
                    let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
                    writeln!(w, "{}", line(&cells))?;
                }
                Ok(())
            }
            Format::Omegat => {
                for e in &self.entries {
                    let note = one_tsv_cell(&e.note);
                    let (fr, en) = (one_tsv_cell(&e.fr), one_tsv_cell(&e.en));
                    if note.is_empty() {
                        writeln!(w, "{fr}\t{en}")?;
                    } else {
                        writeln!(w, "{fr}\t{en}\t{note}")?;
                    }
                }
                Ok(())
            }
            Format::Tbx => tbx::write(self, w),
        }
    }
}

/// A cell for a tab-separated file: tabs and line breaks become spaces.
fn one_tsv_cell(cell: &str) -> String {
    cell.replace(['\t', '\n', '\r'], " ")
}

/// The glossary file formats tralign reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// CSV with the full header (`fr,en,kind,fr_variants,en_variants,note,status,source`).
    Csv,
    /// The same columns, tab-separated.
    Tsv,
    /// TBX (ISO 30042), TBX-Basic dialect.
    Tbx,
    /// OmegaT's glossary: `source TAB target TAB comment`, no header (keeps
    /// the terms and the note only).
    Omegat,
}

impl Format {
    /// Whether the format keeps every field of an entry (OmegaT's keeps
    /// the terms and the note only).
    pub fn keeps_every_field(self) -> bool {
        self != Format::Omegat
    }
}

/// Two files that render the same French term differently.
#[derive(Debug, Clone)]
pub struct Conflict {
    /// The entry read first.
    pub first: Entry,
    /// The entry of a later file that disagrees with it.
    pub second: Entry,
}

impl std::fmt::Display for Conflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {:?} is rendered {:?}, but {} renders it {:?}",
            self.first.origin, self.first.fr, self.first.en, self.second.origin, self.second.en
        )
    }
}

/// Splits one line into cells: tab-separated (no quoting) or RFC 4180 CSV
/// with `delimiter` (`,`, or `;` as a French Excel saves it; a quoted cell
/// may hold delimiters and doubled quotes, and must be closed on the same
/// line).
fn split_row(line: &str, delimiter: u8) -> std::result::Result<Vec<String>, String> {
    let delimiter = char::from(delimiter);
    if delimiter == '\t' {
        return Ok(line.split('\t').map(|c| c.trim().to_string()).collect());
    }
    let mut cells = Vec::new();
    let mut chars = line.chars().peekable();
    loop {
        // Leading blanks before a quote are tolerated.
        while chars.peek() == Some(&' ') {
            chars.next();
        }
        let mut cell = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            loop {
                match chars.next() {
                    None => return Err(crate::table::UNCLOSED_QUOTE.into()),
                    Some('"') if chars.peek() == Some(&'"') => {
                        chars.next();
                        cell.push('"');
                    }
                    Some('"') => break,
                    Some(c) => cell.push(c),
                }
            }
            while chars.peek() == Some(&' ') {
                chars.next();
            }
            match chars.next() {
                None => {
                    cells.push(cell);
                    return Ok(cells);
                }
                Some(c) if c == delimiter => cells.push(cell),
                Some(c) => {
                    return Err(format!(
                        "malformed quoting: {c:?} after a closing quote (a quote inside a cell is written \"\")"
                    ))
                }
            }
        } else {
            loop {
                match chars.next() {
                    None => {
                        cells.push(cell.trim().to_string());
                        return Ok(cells);
                    }
                    Some(c) if c == delimiter => break,
                    Some('"') => return Err(
                        "malformed quoting: a quote inside an unquoted cell (quote the whole cell)"
                            .into(),
                    ),
                    Some(c) => cell.push(c),
                }
            }
            cells.push(cell.trim().to_string());
        }
    }
}

/// Decides from the first data row whether it is a header, and the layout.
fn header_layout(cells: &[String]) -> std::result::Result<(Layout, bool), String> {
    let lower: Vec<String> = cells
        .iter()
        .map(|c| c.trim().to_ascii_lowercase())
        .collect();
    let named = |c: &str| COLUMNS.contains(&c);
    let plain = |c: &str| {
        named(c) || PLAIN_HEADER_WORDS.contains(&c) || c.starts_with("fr_") || c.starts_with("en_")
    };
    let has_fr_en = lower.iter().any(|c| c == "fr" || c == "en");
    let all_words = lower.iter().all(|c| plain(c));
    let is_header = all_words || (has_fr_en && cells.len() >= 3);
    if !is_header {
        return Ok((Layout::Positional, false));
    }
    if cells.len() == 2
        && !(lower[0] == "fr" && lower[1] == "en")
        && !lower.iter().any(|c| named(c) && c != "source")
    {
        // A plain two-column header (`source,target`, `french,english`).
        return Ok((Layout::Positional, true));
    }
    let mut index = [None; 8];
    for (i, c) in lower.iter().enumerate() {
        let Some(col) = COLUMNS.iter().position(|n| n == c) else {
            return Err(format!(
                "bad header: unknown column {:?} (known: {})",
                cells[i],
                COLUMNS.join(", ")
            ));
        };
        if index[col].is_some() {
            return Err(format!("bad header: column {c:?} appears twice"));
        }
        index[col] = Some(i);
    }
    for (col, name) in [(0, "fr"), (1, "en")] {
        if index[col].is_none() {
            return Err(format!("bad header: missing column {name:?}"));
        }
    }
    Ok((Layout::Named(cells.len(), index), true))
}

/// Builds the entry of one data row.
fn row_entry(
    cells: &[String],
    layout: &Layout,
    tsv: bool,
    origin: Origin,
) -> std::result::Result<Entry, String> {
    let mut e = Entry {
        origin,
        ..Entry::default()
    };
    match layout {
        Layout::Positional => {
            let n = cells.len();
            if n != 2 && !(tsv && n == 3) {
                return Err(format!(
                    "expected 2 columns (fr, en), found {n}{}",
                    if tsv {
                        ""
                    } else {
                        "; a file with more columns needs a header row"
                    }
                ));
            }
            e.fr = cells[0].trim().to_string();
            e.en = cells[1].trim().to_string();
            if n == 3 {
                e.note = cells[2].trim().to_string();
            }
        }
        Layout::Named(width, index) => {
            if cells.len() != *width {
                return Err(format!(
                    "expected {width} columns as in the header, found {}",
                    cells.len()
                ));
            }
            let cell = |col: usize| index[col].map_or("", |i| cells[i].trim());
            let variants = |col: usize| -> Vec<String> {
                cell(col)
                    .split('|')
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
                    .map(String::from)
                    .collect()
            };
            e.fr = cell(0).to_string();
            e.en = cell(1).to_string();
            if !cell(2).is_empty() {
                e.kind = Some(Kind::parse(cell(2)).ok_or_else(|| {
                    format!(
                        "unknown kind {:?} (place, person, organisation, acronym, term)",
                        cell(2)
                    )
                })?);
            }
            e.fr_variants = variants(3);
            e.en_variants = variants(4);
            e.note = cell(5).to_string();
            e.status = match cell(6).to_ascii_lowercase().as_str() {
                "" => None,
                "approved" => Some(Status::Approved),
                "proposed" => Some(Status::Proposed),
                other => return Err(format!("unknown status {other:?} (approved, proposed)")),
            };
            e.source = cell(7).to_string();
        }
    }
    if e.fr.is_empty() || e.en.is_empty() {
        return Err("a term is empty".into());
    }
    // Before anything looks at the terms' words.
    let forms = [&e.fr, &e.en]
        .into_iter()
        .chain(&e.fr_variants)
        .chain(&e.en_variants);
    for form in forms {
        if form.chars().count() > MAX_TERM_CHARS {
            return Err(format!(
                "a term of {} characters (at most {MAX_TERM_CHARS}): {}…",
                form.chars().count(),
                form.chars().take(40).collect::<String>()
            ));
        }
    }
    if term_key(&e.fr).is_empty() || term_key(&e.en).is_empty() {
        return Err("a term has no letter or digit".into());
    }
    Ok(e)
}

/// The longest term or variant a glossary may hold, in characters: a
/// longer one is not a term (and would only cost memory and time).
pub const MAX_TERM_CHARS: usize = 1000;

/// Refuses characters no glossary should hold: a NUL byte (binary data),
/// and the bidirectional controls U+202A–U+202E and U+2066–U+2069, which
/// make text display in another order than it is read (a way to disguise a
/// term in every output that shows it).
fn check_characters(line: &str) -> std::result::Result<(), String> {
    if line.contains('\0') {
        return Err("a NUL byte: a glossary is text".into());
    }
    if let Some(c) = line.chars().find(|&c| crate::decode::is_bidi_control(c)) {
        return Err(format!(
            "a bidirectional control character (U+{:04X}), which can disguise text",
            c as u32
        ));
    }
    Ok(())
}

/// Which column of the glossary to match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    /// The French (left) column.
    Fr,
    /// The English (right) column.
    En,
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
        assert_eq!(g.entries[1].origin.line, 4);
    }

    #[test]
    fn reads_tsv_and_omegat() {
        let g = parse(
            "Palmyre\tPalmyra\n# x\nDeraa\tDaraa\tcity in the south\n",
            "g.txt",
        )
        .unwrap();
        assert_eq!(g.entries.len(), 2);
        assert_eq!(g.entries[0].en, "Palmyra");
        assert_eq!(g.entries[1].note, "city in the south");
    }

    #[test]
    fn reads_full_format() {
        let g = parse(
            "fr,en,kind,en_variants,status,note\nSweida,Suwayda,place,As-Suwayda|Sweida,approved,\"a city, south\"\n",
            "g.csv",
        )
        .unwrap();
        let e = &g.entries[0];
        assert_eq!(e.kind, Some(Kind::Place));
        assert_eq!(e.en_variants, ["As-Suwayda", "Sweida"]);
        assert_eq!(e.status, Some(Status::Approved));
        assert_eq!(e.note, "a city, south");
        let mut out = Vec::new();
        g.write_csv(&mut out).unwrap();
        let back = parse(std::str::from_utf8(&out).unwrap(), "h.csv").unwrap();
        assert_eq!(back.entries[0].en_variants, e.en_variants);
        assert_eq!(back.entries[0].note, e.note);
    }

    #[test]
    fn errors_name_file_and_line() {
        for (text, want) in [
            (
                "fr,en\nDamas,Damascus\nHoms\n",
                "g.csv:3: expected 2 columns",
            ),
            ("a,b\n,x\n", "g.csv:2: a term is empty"),
            (
                "fr,en,colour\nA,B,c\n",
                "g.csv:1: bad header: unknown column",
            ),
            (
                "fr,kind\nA,place\n",
                "g.csv:1: bad header: missing column \"en\"",
            ),
            ("fr,en\n\"Damas,Damascus\n", "g.csv:2: unclosed quote"),
            ("fr,en\nDa\"mas,Damascus\n", "g.csv:2: malformed quoting"),
            (
                "fr,en\nDamas,Damascus\nHoms,Homs\ndamas,DAMASCUS\n",
                "g.csv:4: duplicate entry",
            ),
            ("fr,en,kind\nA,B,city\n", "g.csv:2: unknown kind"),
        ] {
            let err = parse(text, "g.csv").unwrap_err().to_string();
            assert!(err.starts_with(want), "{text:?}: {err}");
        }
    }

    #[test]
    fn the_organisations_list_reads_and_pairs_acronyms_without_shared_letters() {
        let g = Glossary::organisations();
        let has = |fr: &str, en: &str| g.entries.iter().any(|e| e.fr == fr && e.en == en);
        for (fr, en) in [
            ("ONU", "UN"),
            ("OTAN", "NATO"),
            ("OMS", "WHO"),
            ("FDS", "SDF"),
        ] {
            assert!(has(fr, en), "{fr}/{en}");
        }
        assert!(lint(g).is_empty(), "{:?}", lint(g));
        let mine = Glossary::parse("fr,en\nONU,U.N.\n", Path::new("g.csv")).unwrap();
        let both = mine.with_organisations();
        assert_eq!(both.entries.iter().filter(|e| e.fr == "ONU").count(), 1);
        assert_eq!(both.entries[0].en, "U.N.");
    }

    #[test]
    fn term_keys_ignore_separators() {
        assert_eq!(term_key("Deir ez-Zor"), term_key("deir-ezzor"));
        assert_eq!(term_key("l’Euphrate"), "euphrate");
    }
}
