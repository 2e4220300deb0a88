//! CSV, the main output: RFC 4180, UTF-8, a header row, one row per bead.
//! Cells a spreadsheet would run as a formula are neutralised with a `'`
//! (unless [`Options::formula_guard`] is off); [`Options::excel`] adds a BOM.

use std::io::Write;

use super::pair::{guard, pairs, Pair};
use super::Options;
use crate::Alignment;

/// The header row.
pub const HEADER: [&str; 11] = [
    "bead",
    "fr_ids",
    "en_ids",
    "fr",
    "en",
    "type",
    "confidence",
    "flags",
    "names",
    "fr_block",
    "en_block",
];

/// Writes the header and one row per bead: 1-based bead number, 1-based
/// sentence ids (`3` or `3-4`), the sentences' texts, type (`2-1`),
/// confidence with 3 decimals, `;`-separated flags, the bead's name pairs
/// (`Damas=Damascus; Palmyre=Palmyra`), and the blocks the sentences came
/// from (`h2:3`, `p:17`) (default [`Options`]).
pub fn write_csv(alignment: &Alignment, w: &mut dyn Write) -> std::io::Result<()> {
    write_csv_with(alignment, &Options::default(), w)
}

/// [`write_csv`] shaped by `opts` (BOM, formula guard).
pub fn write_csv_with(
    alignment: &Alignment,
    opts: &Options,
    w: &mut dyn Write,
) -> std::io::Result<()> {
    let mut out = CsvWriter::new(w, opts, &[])?;
    for pair in pairs(alignment) {
        out.pair(&[], &pair)?;
    }
    out.finish()
}

/// The columns a reviewed file adds after [`HEADER`]: the reviewer's
/// verdict and the kinds of finding accepted.
pub const REVIEW_HEADER: [&str; 2] = ["status", "accepted"];

/// A CSV file written a row at a time, optionally with leading columns of
/// its own (`batch` adds the pair's name), and with the review columns
/// ([`REVIEW_HEADER`]) at the end for a reviewed file.
pub struct CsvWriter<'w> {
    out: csv::Writer<&'w mut dyn Write>,
    guard: bool,
    min_confidence: f64,
    review: bool,
}

impl<'w> CsvWriter<'w> {
    /// Writes the BOM (with [`Options::excel`]) and the header row,
    /// `extra` columns first.
    pub fn new(
        w: &'w mut dyn Write,
        opts: &Options,
        extra: &[&str],
    ) -> std::io::Result<CsvWriter<'w>> {
        CsvWriter::start(w, opts, extra, false)
    }

    /// A reviewed file: tralign's columns, then [`REVIEW_HEADER`].
    pub fn reviewed(w: &'w mut dyn Write, opts: &Options) -> std::io::Result<CsvWriter<'w>> {
        CsvWriter::start(w, opts, &[], true)
    }

    fn start(
        w: &'w mut dyn Write,
        opts: &Options,
        extra: &[&str],
        review: bool,
    ) -> std::io::Result<CsvWriter<'w>> {
        if opts.excel {
            w.write_all("\u{feff}".as_bytes())?;
        }
        let mut out = csv::Writer::from_writer(w);
        let review_header: &[&str] = if review { &REVIEW_HEADER } else { &[] };
        out.write_record(extra.iter().chain(HEADER.iter()).chain(review_header))?;
        Ok(CsvWriter {
            out,
            guard: opts.formula_guard,
            min_confidence: opts.min_confidence,
            review,
        })
    }

    /// Writes one row: the `extra` cells, then the pair — unless the pair
    /// falls below [`Options::min_confidence`].
    pub fn pair(&mut self, extra: &[&str], p: &Pair) -> std::io::Result<()> {
        if !p.passes(self.min_confidence) {
            return Ok(());
        }
        let cells = [
            p.bead.to_string(),
            p.fr_ids.clone(),
            p.en_ids.clone(),
            p.fr.clone(),
            p.en.clone(),
            p.kind.clone(),
            p.confidence.map_or(String::new(), |c| format!("{c:.3}")),
            p.flags.join(";"),
            p.names.clone(),
            p.fr_block.clone(),
            p.en_block.clone(),
        ];
        let review = [p.status.as_str(), p.accepted.as_str()];
        let review: &[&str] = if self.review { &review } else { &[] };
        let row = extra
            .iter()
            .copied()
            .chain(cells.iter().map(String::as_str))
            .chain(review.iter().copied());
        if self.guard {
            self.out.write_record(row.map(|c| guard(c).into_owned()))?;
        } else {
            self.out.write_record(row)?;
        }
        Ok(())
    }

    /// Flushes the file.
    pub fn finish(mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}
