//! The cost of one candidate bead: bead-type prior + length disagreement
//! (Gale–Church style, in characters) − lexical coverage (anchors shared by
//! the two sides) + structure (headings, block ends).

use super::band::PairBand;
use super::embed::SimBand;
use super::features::Features;
use super::labels;
use super::{Params, Structure, BEAD_TYPES};

/// Scores beads for one pair of documents.
pub(crate) struct Scorer<'a> {
    pub fr: &'a [Features],
    pub en: &'a [Features],
    /// Anchor overlap of each sentence pair near the search band.
    pub pairs: &'a PairBand,
    pub params: &'a Params,
    /// Expected English characters per French character in this document.
    pub ratio: f64,
    /// What the documents' structure can tell.
    pub structured: Structure,
    /// Sentence-vector similarities near the band (`--encoder`), if any.
    pub embed: Option<&'a SimBand<'a>>,
    /// English sentences after the last French one cost nothing (a window
    /// of a long document: they belong to the next window).
    pub open_end: bool,
}

impl Scorer<'_> {
    /// Cost of the bead of type `t` (index into [`BEAD_TYPES`]) that starts
    /// at French sentence `i` and English sentence `j`.
    pub fn cost(&self, i: usize, j: usize, t: usize) -> f64 {
        let (a, b) = BEAD_TYPES[t];
        let p = self.params;
        let mut cost = p.prior_cost[t];
        if a == 0 || b == 0 {
            if self.open_end && a == 0 && i == self.fr.len() {
                return 0.0;
            }
            if self.embed.is_some() {
                cost += p.embed_skip;
            }
            let lone = if a == 0 { &self.en[j] } else { &self.fr[i] };
            // A marked heading is structure, however short (`E`, `2.1`).
            let marked = self.structured.headings && lone.heading;
            if lone.debris && !marked {
                cost *= p.debris;
            }
            return cost;
        }
        let fr = &self.fr[i..i + a];
        let en = &self.en[j..j + b];
        let (tf, te) = (tails(fr), tails(en));
        // How many pairs the embedding term counts the bead as.
        let mut pairs = 1.0;
        if tf > 0 && te > 0 {
            // Lines cut in pieces on both sides: the bead costs as the
            // lines it pairs.
            let t = BEAD_TYPES
                .iter()
                .position(|&s| s == (a - tf, b - te))
                .unwrap_or(t);
            cost = p.prior_cost[t];
            // Split into pieces that pair one by one, the bead would
            // gain the term once a piece: it gains it as often here.
            pairs = a.min(b) as f64;
        }
        if self.structured.headings {
            let (hf, he) = (fr.iter().any(|f| f.heading), en.iter().any(|f| f.heading));
            if hf != he || (hf && (a > 1 || b > 1)) {
                return f64::INFINITY;
            }
        }
        // Length: squared normalised difference of the two lengths.
        let l1: f64 = fr.iter().map(|f| f.chars).sum::<f64>() * self.ratio;
        let l2: f64 = en.iter().map(|f| f.chars).sum();
        let d = l2 - l1;
        cost += p.w_len * d * d / (l1 + l2).max(2.0);
        cost -= p.w_split * split_fit(fr, en, p.split_tolerance);
        let covered = covered(self.pairs, fr, en, i, j);
        let weight: f32 = fr.iter().chain(en).map(|f| f.weight).sum();
        cost -= p.w_lex * (f64::from(covered) - p.expect * f64::from(weight));
        let mismatch = labels::mismatch(fr, en);
        if self.structured.blocks || self.structured.headings {
            // The lines of one labelled record (`Français: …` / `Anglais :
            // …`) may be blocks of their own; a bead whose labels all pair
            // up holds them together at no cost.
            let record = mismatch == 0 && fr.iter().chain(en).all(|f| f.label > 0);
            cost += p.w_struct * structure_penalty(fr, en, record);
        }
        cost += p.w_label * mismatch as f64;
        if let Some(sims) = self.embed {
            cost -= pairs * p.w_embed * (sims.cosine(i, a, j, b) - p.embed_centre);
        }
        cost
    }
}

/// Sentences of a run after its first that end the line before them
/// ([`Features::tail`]).
fn tails(side: &[Features]) -> usize {
    side.iter().skip(1).filter(|f| f.tail).count()
}

/// For a bead that pairs one sentence with several (1-2, 3-1, …): how well
/// the single sentence's own punctuation fits the places where the other
/// side is cut. Per cut of the other side (at a share of its length), the
/// nearest place to cut the single sentence ([`Features::cuts`]) at the
/// same share scores 1, falling to 0 at `tolerance` away or more; 0 for
/// other beads.
fn split_fit(fr: &[Features], en: &[Features], tolerance: f64) -> f64 {
    let (single, many) = match (fr, en) {
        ([s], many) | (many, [s]) if many.len() > 1 => (s, many),
        _ => return 0.0,
    };
    let total: f64 = many.iter().map(|f| f.chars).sum::<f64>().max(1.0);
    let mut at = 0.0;
    let mut fit = 0.0;
    for f in &many[..many.len() - 1] {
        at += f.chars;
        let share = at / total;
        let nearest = single
            .cuts
            .iter()
            .map(|&c| (f64::from(c) - share).abs())
            .fold(f64::INFINITY, f64::min);
        fit += (1.0 - nearest / tolerance).max(0.0);
    }
    fit
}

/// Anchor weight of each side of a bead found on the other side. The keys
/// of a run are counted once on both sides: the first sentence's keys, then
/// each next sentence's new keys (a sentence that only repeats its
/// neighbour's anchors brings no evidence of its own).
pub(crate) fn covered(
    pairs: &PairBand,
    fr: &[Features],
    en: &[Features],
    i: usize,
    j: usize,
) -> f32 {
    let (a, b) = (fr.len(), en.len());
    // Overlap of (i + x, j + y), counting only keys new in their runs.
    let new = |x: usize, y: usize| {
        let o = pairs.get(i + x, j + y);
        match (x, y) {
            (0, 0) => o.all,
            (0, _) => o.new_en,
            (_, 0) => o.new_fr,
            _ => o.new_fr.min(o.new_en),
        }
    };
    let mut covered = 0.0f32;
    for (x, f) in fr.iter().enumerate() {
        let s: f32 = (0..b).map(|y| new(x, y)).sum();
        covered += s.min(f.weight);
    }
    for (y, f) in en.iter().enumerate() {
        let s: f32 = (0..a).map(|x| new(x, y)).sum();
        covered += s.min(f.weight);
    }
    covered
}

/// Weighted structural disagreements: a heading on one side only (2), a
/// heading against one of another level (1), and each block boundary a run
/// crosses (1: a bead should not span two paragraphs). A bead that ends a
/// block on one side only is not penalised: that is what a sentence added
/// or left out at a paragraph's end looks like. `record`: the bead holds
/// one labelled record, whose block ends cost nothing.
fn structure_penalty(fr: &[Features], en: &[Features], record: bool) -> f64 {
    let heading = |s: &[Features]| s.iter().any(|f| f.heading);
    let inner_end = |s: &[Features]| {
        if record {
            0
        } else {
            s[..s.len() - 1].iter().filter(|f| f.block_end).count()
        }
    };
    let mut n = 0.0;
    if heading(fr) != heading(en) {
        n += 2.0;
    }
    // Headings of different levels (both known) are unlikely translations.
    if let ([f], [e]) = (fr, en) {
        if f.heading && e.heading && f.level > 0 && e.level > 0 && f.level != e.level {
            n += 1.0;
        }
    }
    n + (inner_end(fr) + inner_end(en)) as f64
}
