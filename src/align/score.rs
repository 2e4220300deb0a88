//! The cost of one candidate bead: bead-type prior + length disagreement
//! (Gale–Church style, in characters) − lexical coverage (anchors shared by
//! the two sides) + structure (headings, block ends).

use super::band::PairBand;
use super::features::Features;
use super::{Params, BEAD_TYPES};

/// Scores beads for one pair of documents.
pub(crate) struct Scorer<'a> {
    pub fr: &'a [Features],
    pub en: &'a [Features],
    /// Anchor overlap of each sentence pair near the search band.
    pub pairs: &'a PairBand,
    pub params: &'a Params,
    /// Expected English characters per French character in this document.
    pub ratio: f64,
    /// Both documents have paragraphs of several sentences, so block ends
    /// and headings carry information.
    pub structured: bool,
}

impl Scorer<'_> {
    /// Cost of the bead of type `t` (index into [`BEAD_TYPES`]) that starts
    /// at French sentence `i` and English sentence `j`.
    pub fn cost(&self, i: usize, j: usize, t: usize) -> f64 {
        let (a, b) = BEAD_TYPES[t];
        let p = self.params;
        let mut cost = p.prior_cost[t];
        if a == 0 || b == 0 {
            return cost;
        }
        let fr = &self.fr[i..i + a];
        let en = &self.en[j..j + b];
        // Length: squared normalised difference of the two lengths.
        let l1: f64 = fr.iter().map(|f| f.chars).sum::<f64>() * self.ratio;
        let l2: f64 = en.iter().map(|f| f.chars).sum();
        let d = l2 - l1;
        cost += p.w_len * d * d / (l1 + l2).max(2.0);
        // Lexical: anchor weight of each side covered by the other side.
        let mut covered = 0.0f32;
        let mut from_en = [0.0f32; 3];
        for (x, f) in fr.iter().enumerate() {
            let mut s = 0.0;
            for (y, acc) in from_en.iter_mut().enumerate().take(b) {
                let o = self.pairs.get(i + x, j + y);
                s += o;
                *acc += o;
            }
            covered += s.min(f.weight);
        }
        for (y, f) in en.iter().enumerate() {
            covered += from_en[y].min(f.weight);
        }
        cost -= p.w_lex * f64::from(covered);
        if self.structured {
            cost += p.w_struct * structure_penalty(fr, en);
        }
        cost
    }
}

/// Number of structural disagreements: a heading on one side only, a block
/// end on one side only, a block boundary inside a run.
fn structure_penalty(fr: &[Features], en: &[Features]) -> f64 {
    let heading = |s: &[Features]| s.iter().any(|f| f.heading);
    let inner_end = |s: &[Features]| s[..s.len() - 1].iter().filter(|f| f.block_end).count();
    let mut n = 0;
    if heading(fr) != heading(en) {
        n += 2;
    }
    if fr[fr.len() - 1].block_end != en[en.len() - 1].block_end {
        n += 1;
    }
    n += inner_end(fr) + inner_end(en);
    n as f64
}
