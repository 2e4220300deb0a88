//! Writers for an [`Alignment`], one per format, all over
//! `impl Write`, all deterministic (same alignment, same bytes).

mod beads;
mod csv;
mod html;
mod jsonl;
pub mod pair;
mod tmx;
mod tsv;

use std::io::Write;
use std::ops::Range;

use crate::Alignment;

pub use self::beads::write_beads;
pub use self::csv::write_csv;
pub use self::csv::HEADER as CSV_COLUMNS;
pub use self::csv::{write_csv_with, CsvWriter};
pub use self::html::{write_html, write_index, IndexEntry};
pub use self::jsonl::{bead_records, write_jsonl, BeadRecord};
pub use self::pair::Pair;
pub use self::tmx::{tmx_date, write_tmx, TmxWriter};
pub use self::tsv::{write_tsv, write_tsv_pair};

/// The output formats of `tralign align`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// RFC 4180 CSV with a header row, one row per bead.
    Csv,
    /// The field's bead format, `[0, 1]:[0]` a line (0-based).
    Beads,
    /// One JSON object per bead, with byte spans.
    Jsonl,
    /// TMX 1.4b for translation-memory tools (beads with both sides only).
    Tmx,
    /// `French TAB English` a line, for MT pipelines (beads with both sides only).
    Tsv,
    /// A self-contained HTML page to review the alignment.
    Html,
}

impl Format {
    /// Whether the format shows the beads' name pairs (so they are worth
    /// computing).
    pub fn shows_names(self) -> bool {
        matches!(self, Format::Csv | Format::Jsonl | Format::Html)
    }

    /// Whether the format can leave out low-confidence beads: the bead
    /// format must cover every sentence, and the review page shows every
    /// bead (and lists the low ones at its top).
    pub fn filters_by_confidence(self) -> bool {
        !matches!(self, Format::Beads | Format::Html)
    }

    /// The file extension of the format (`csv`, `tmx`, …).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Beads => "beads",
            Format::Jsonl => "jsonl",
            Format::Tmx => "tmx",
            Format::Tsv => "tsv",
            Format::Html => "html",
        }
    }

    /// Whether the format shows the beads' flags, so the findings behind
    /// them are worth computing.
    pub fn shows_flags(self) -> bool {
        self.shows_names() || self == Format::Tmx
    }
}

/// How the writers shape their output. The defaults are the command line's.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Language code of the French side in TMX and HTML (`fr-FR`).
    pub fr_lang: String,
    /// Language code of the English side (`en-GB`).
    pub en_lang: String,
    /// CSV, JSON Lines, TMX and TSV leave out beads below this confidence
    /// (the bead format and the review page show every bead; see
    /// [`Format::filters_by_confidence`]).
    pub min_confidence: f64,
    /// CSV starts with a UTF-8 BOM, so that Excel reads it as UTF-8.
    pub excel: bool,
    /// CSV cells a spreadsheet would run as a formula get a `'` in front.
    pub formula_guard: bool,
    /// Creation time of TMX units, in seconds since 1970 (UTC).
    pub created: i64,
    /// The French document's name (TMX properties, HTML title); may be empty.
    pub fr_name: String,
    /// The English document's name; may be empty.
    pub en_name: String,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            fr_lang: "fr-FR".into(),
            en_lang: "en-GB".into(),
            min_confidence: 0.0,
            excel: false,
            formula_guard: true,
            created: 0,
            fr_name: String::new(),
            en_name: String::new(),
        }
    }
}

/// Writes `alignment` in `format` with the default [`Options`].
pub fn write(alignment: &Alignment, format: Format, w: &mut dyn Write) -> std::io::Result<()> {
    write_with(alignment, format, &Options::default(), w)
}

/// Writes `alignment` in `format`, shaped by `opts`; the HTML page shows
/// the beads' findings ([`Alignment::findings`]).
pub fn write_with(
    alignment: &Alignment,
    format: Format,
    opts: &Options,
    w: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        Format::Csv => write_csv_with(alignment, opts, w),
        Format::Beads => write_beads(alignment, w),
        Format::Jsonl => write_jsonl(alignment, opts.min_confidence, w),
        Format::Tmx => write_tmx(alignment, opts, w),
        Format::Tsv => write_tsv(alignment, opts, w),
        Format::Html => write_html(
            alignment,
            &crate::review::findings_view(&alignment.findings),
            opts,
            w,
        ),
    }
}

/// The name pairs of bead `k` (0-based) as one cell, each distinct pair
/// once, with its count when it occurs more than once in the bead:
/// `Damas=Damascus (2); Palmyre=Palmyra`.
pub(crate) fn names_cell(alignment: &Alignment, k: usize) -> String {
    alignment.names.get(k).map_or_else(String::new, |pairs| {
        crate::names::document_names(std::slice::from_ref(pairs))
            .iter()
            .map(|p| match p.count {
                1 => format!("{}={}", p.fr, p.en),
                n => format!("{}={} ({n})", p.fr, p.en),
            })
            .collect::<Vec<_>>()
            .join("; ")
    })
}

/// 1-based sentence numbers of a run: `3`, `3-4`, or empty.
pub(crate) fn ids(r: &Range<usize>) -> String {
    match r.len() {
        0 => String::new(),
        1 => (r.start + 1).to_string(),
        _ => format!("{}-{}", r.start + 1, r.end),
    }
}

/// The 1-based sentence numbers a cell such as `3`, `3-5` or `` names
/// (`[3]`, `[3, 4, 5]`, `[]`), or `None` when the cell is not such a number
/// or range.
pub fn parse_ids(cell: &str) -> Option<Vec<usize>> {
    let cell = cell.trim();
    if cell.is_empty() {
        return Some(Vec::new());
    }
    let number = |s: &str| s.trim().parse::<usize>().ok().filter(|n| *n >= 1);
    let (first, last) = match cell.split_once('-') {
        Some((a, b)) => (number(a)?, number(b)?),
        None => (number(cell)?, number(cell)?),
    };
    (first <= last).then(|| (first..=last).collect())
}

/// Serialises a sentence-number cell (`3-4`) as a JSON array of 1-based
/// numbers (`[3, 4]`); the cells are checked when read, so a malformed one
/// here is a bug.
pub(crate) fn ids_as_numbers<S: serde::Serializer>(cell: &str, s: S) -> Result<S::Ok, S::Error> {
    match parse_ids(cell) {
        Some(ids) => serde::Serialize::serialize(&ids, s),
        None => Err(serde::ser::Error::custom(format!(
            "`{cell}` is not a sentence number or range"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_cells_become_numbers() {
        for (cell, want) in [
            ("", Some(vec![])),
            ("3", Some(vec![3])),
            ("3-5", Some(vec![3, 4, 5])),
            (" 5 - 6 ", Some(vec![5, 6])),
            ("0", None),
            ("6-5", None),
            ("x", None),
            ("3,4", None),
        ] {
            assert_eq!(parse_ids(cell), want, "{cell:?}");
        }
    }
}
