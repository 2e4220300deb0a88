//! Writers for an [`Alignment`](crate::Alignment), one per format, all over
//! `impl Write`, all deterministic (same alignment, same bytes).

mod beads;
mod csv;
mod jsonl;

use std::io::Write;
use std::ops::Range;

use crate::Alignment;

pub use self::beads::write_beads;
pub use self::csv::write_csv;
pub use self::jsonl::write_jsonl;

/// The output formats of `tralign align`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// RFC 4180 CSV with a header row, one row per bead.
    Csv,
    /// The field's bead format, `[0, 1]:[0]` a line (0-based).
    Beads,
    /// One JSON object per bead, with byte spans.
    Jsonl,
}

/// Writes `alignment` in `format`.
pub fn write(alignment: &Alignment, format: Format, w: &mut dyn Write) -> std::io::Result<()> {
    match format {
        Format::Csv => write_csv(alignment, w),
        Format::Beads => write_beads(alignment, w),
        Format::Jsonl => write_jsonl(alignment, w),
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
