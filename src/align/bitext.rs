//! What the aligner reads from a segmented document, and the view of two
//! aligned documents that the later stages (names, findings) read.

use crate::document::BlockKind;
use crate::segment::Segmented;

use super::{Bead, Unit};

/// The sentences of a document as the aligner sees them.
pub fn units(doc: &Segmented) -> Vec<Unit<'_>> {
    doc.sentences
        .iter()
        .enumerate()
        .map(|(i, s)| Unit {
            text: doc.sentence_text(s),
            heading: doc.doc.blocks[s.block].kind == BlockKind::Heading,
            level: doc.doc.blocks[s.block].level,
            block_end: doc.sentences.get(i + 1).is_none_or(|n| n.block != s.block),
        })
        .collect()
}

/// Two segmented documents and the beads that align them, borrowed: what
/// name pairing and the findings read (the crate's `Alignment` lends it).
#[derive(Debug, Clone, Copy)]
pub struct Bitext<'a> {
    /// The French side (the left side for another language pair).
    pub fr: &'a Segmented,
    /// The English side.
    pub en: &'a Segmented,
    /// The beads, in order, covering every sentence of each side once.
    pub beads: &'a [Bead],
}

impl Bitext<'_> {
    /// The French and English text of bead `k` ([`Segmented::run_text`]).
    pub fn bead_texts(&self, k: usize) -> (String, String) {
        let b = &self.beads[k];
        (
            self.fr.run_text(b.fr.clone()),
            self.en.run_text(b.en.clone()),
        )
    }
}
