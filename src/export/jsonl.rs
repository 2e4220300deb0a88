//! JSON Lines: one object per bead, the CSV fields plus byte spans.

use std::io::Write;

use serde::Serialize;

use crate::names::NamePair;
use crate::{Alignment, Segmented};

/// One bead as the JSON Lines writers (`align -f jsonl`, `pipe`) write it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BeadRecord<'a> {
    /// 1-based bead number.
    pub bead: usize,
    /// 1-based French sentence numbers: `3`, `3-4`, or empty; JSON gets
    /// them as an array (`[3, 4]`).
    #[serde(serialize_with = "super::ids_as_numbers")]
    pub fr_ids: String,
    /// 1-based English sentence numbers.
    #[serde(serialize_with = "super::ids_as_numbers")]
    pub en_ids: String,
    /// The French sentences, joined with a space.
    pub fr: String,
    /// The English sentences, joined with a space.
    pub en: String,
    /// The bead's shape, `1-1`, `2-1`, `0-1`, …
    #[serde(rename = "type")]
    pub kind: String,
    /// Confidence from 0 to 1, rounded to 3 decimals.
    pub confidence: f64,
    /// The aligner's flags for a reviewer.
    pub flags: &'a [&'static str],
    /// Byte spans `[start, end)` of the French sentences in the decoded text.
    pub fr_spans: Vec<[usize; 2]>,
    /// Byte spans of the English sentences.
    pub en_spans: Vec<[usize; 2]>,
    /// The bead's name pairs.
    pub names: &'a [NamePair],
    /// The French blocks the sentences came from (`h2:3 p:4`).
    pub fr_block: String,
    /// The English blocks.
    pub en_block: String,
}

/// The beads of an alignment as records, in order.
pub fn bead_records(alignment: &Alignment) -> impl Iterator<Item = BeadRecord<'_>> {
    let spans = |side: &Segmented, r: &std::ops::Range<usize>| -> Vec<[usize; 2]> {
        side.sentences[r.clone()]
            .iter()
            .map(|s| [s.span.start, s.span.end])
            .collect()
    };
    alignment
        .beads
        .iter()
        .enumerate()
        .map(move |(k, b)| BeadRecord {
            bead: k + 1,
            fr_ids: super::ids(&b.fr),
            en_ids: super::ids(&b.en),
            fr: alignment.fr.run_text(b.fr.clone()),
            en: alignment.en.run_text(b.en.clone()),
            kind: b.kind(),
            confidence: (b.confidence * 1000.0).round() / 1000.0,
            flags: &b.flags,
            fr_spans: spans(&alignment.fr, &b.fr),
            en_spans: spans(&alignment.en, &b.en),
            names: alignment.names.get(k).map_or(&[], Vec::as_slice),
            fr_block: alignment.fr.block_ids(b.fr.clone()),
            en_block: alignment.en.block_ids(b.en.clone()),
        })
}

/// Writes one JSON object per bead (confidence rounded to 3 decimals),
/// leaving out beads below `min_confidence`.
pub fn write_jsonl(
    alignment: &Alignment,
    min_confidence: f64,
    w: &mut dyn Write,
) -> std::io::Result<()> {
    for rec in bead_records(alignment).filter(|r| r.confidence >= min_confidence) {
        serde_json::to_writer(&mut *w, &rec)?;
        w.write_all(b"\n")?;
    }
    Ok(())
}
