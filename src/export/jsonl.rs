//! JSON Lines: one object per bead, the CSV fields plus byte spans.

use std::io::Write;

use serde::Serialize;

use crate::names::NamePair;
use crate::{Alignment, Segmented};

/// One bead as written.
#[derive(Serialize)]
struct Record<'a> {
    bead: usize,
    fr_ids: String,
    en_ids: String,
    fr: String,
    en: String,
    #[serde(rename = "type")]
    kind: String,
    confidence: f64,
    flags: &'a [&'static str],
    /// Byte spans `[start, end)` of the French sentences in the decoded text.
    fr_spans: Vec<[usize; 2]>,
    /// Byte spans of the English sentences.
    en_spans: Vec<[usize; 2]>,
    /// The bead's name pairs.
    names: &'a [NamePair],
    /// The French blocks the sentences came from (`h2:3 p:4`).
    fr_block: String,
    /// The English blocks.
    en_block: String,
}

/// Writes one JSON object per bead (confidence rounded to 3 decimals).
pub fn write_jsonl(alignment: &Alignment, w: &mut dyn Write) -> std::io::Result<()> {
    let spans = |side: &Segmented, r: &std::ops::Range<usize>| -> Vec<[usize; 2]> {
        side.sentences[r.clone()]
            .iter()
            .map(|s| [s.span.start, s.span.end])
            .collect()
    };
    for (k, b) in alignment.beads.iter().enumerate() {
        let rec = Record {
            bead: k + 1,
            fr_ids: super::ids(&b.fr),
            en_ids: super::ids(&b.en),
            fr: Alignment::side_text(&alignment.fr, b.fr.clone()),
            en: Alignment::side_text(&alignment.en, b.en.clone()),
            kind: b.kind(),
            confidence: (b.confidence * 1000.0).round() / 1000.0,
            flags: &b.flags,
            fr_spans: spans(&alignment.fr, &b.fr),
            en_spans: spans(&alignment.en, &b.en),
            names: alignment.names.get(k).map_or(&[], Vec::as_slice),
            fr_block: alignment.fr.block_ids(b.fr.clone()),
            en_block: alignment.en.block_ids(b.en.clone()),
        };
        serde_json::to_writer(&mut *w, &rec)?;
        w.write_all(b"\n")?;
    }
    Ok(())
}
