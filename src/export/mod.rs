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

use crate::glossary::Glossary;
use crate::Alignment;

pub use self::beads::write_beads;
pub use self::csv::write_csv;
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
}

/// How the writers shape their output. The defaults are the command line's.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Language code of the French side in TMX and HTML (`fr-FR`).
    pub fr_lang: String,
    /// Language code of the English side (`en-GB`).
    pub en_lang: String,
    /// TMX and TSV leave out beads below this confidence.
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

/// Writes `alignment` in `format` with the default [`Options`] (the HTML
/// page's findings checked without a glossary).
pub fn write(alignment: &Alignment, format: Format, w: &mut dyn Write) -> std::io::Result<()> {
    write_with(
        alignment,
        format,
        &Options::default(),
        &Glossary::default(),
        w,
    )
}

/// Writes `alignment` in `format`, shaped by `opts`; the HTML page shows
/// the beads' findings, checked against `glossary`.
pub fn write_with(
    alignment: &Alignment,
    format: Format,
    opts: &Options,
    glossary: &Glossary,
    w: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        Format::Csv => write_csv_with(alignment, opts, w),
        Format::Beads => write_beads(alignment, w),
        Format::Jsonl => write_jsonl(alignment, w),
        Format::Tmx => write_tmx(alignment, opts, w),
        Format::Tsv => write_tsv(alignment, opts, w),
        Format::Html => write_html(
            alignment,
            &crate::review::bead_findings(alignment, glossary),
            opts,
            w,
        ),
    }
}

/// The name pairs of bead `k` (0-based) as one cell: `Damas=Damascus; Palmyre=Palmyra`.
pub(crate) fn names_cell(alignment: &Alignment, k: usize) -> String {
    alignment.names.get(k).map_or_else(String::new, |pairs| {
        pairs
            .iter()
            .map(|p| format!("{}={}", p.fr, p.en))
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
