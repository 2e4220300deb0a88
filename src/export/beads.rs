//! The bead format of the alignment benchmarks: `[0, 1]:[0]` a line.

use std::io::Write;

use crate::Alignment;

/// Writes one `[fr ids]:[en ids]` line (0-based) per bead.
pub fn write_beads(alignment: &Alignment, w: &mut dyn Write) -> std::io::Result<()> {
    let list = |r: &std::ops::Range<usize>| {
        r.clone()
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    for b in &alignment.beads {
        writeln!(w, "[{}]:[{}]", list(&b.fr), list(&b.en))?;
    }
    Ok(())
}
