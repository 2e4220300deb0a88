//! CSV, the main output: RFC 4180, UTF-8, a header row, one row per bead.

use std::io::Write;

use crate::Alignment;

/// The header row.
pub const HEADER: [&str; 9] = [
    "bead",
    "fr_ids",
    "en_ids",
    "fr",
    "en",
    "type",
    "confidence",
    "flags",
    "names",
];

/// Writes the header and one row per bead: 1-based bead number, 1-based
/// sentence ids (`3` or `3-4`), the sentences' texts, type (`2-1`),
/// confidence with 3 decimals, `;`-separated flags, and the bead's name
/// pairs (`Damas=Damascus; Palmyre=Palmyra`).
pub fn write_csv(alignment: &Alignment, w: &mut dyn Write) -> std::io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record(HEADER)?;
    for (k, b) in alignment.beads.iter().enumerate() {
        out.write_record([
            (k + 1).to_string(),
            super::ids(&b.fr),
            super::ids(&b.en),
            Alignment::side_text(&alignment.fr, b.fr.clone()),
            Alignment::side_text(&alignment.en, b.en.clone()),
            b.kind(),
            format!("{:.3}", b.confidence),
            b.flags.join(";"),
            super::names_cell(alignment, k),
        ])?;
    }
    out.flush()
}
