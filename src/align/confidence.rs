//! From cost margins to a confidence in [0, 1] per bead, the review flags,
//! and the document-level check "are these texts translations at all?".

use super::band::PairBand;
use super::features::Features;
use super::search::Searched;
use super::{Params, BEAD_TYPES};

/// The evidence that the two documents are translations of each other.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Evidence {
    /// Mean anchor overlap of the sentence pairs inside the chosen beads.
    pub on_path: f64,
    /// Mean anchor overlap of all sentence pairs the search looked at.
    pub baseline: f64,
    /// Share of the documents' anchor weight that the beads cover.
    pub coverage: f64,
}

impl Evidence {
    /// How many times more the aligned sentences share than sentences paired
    /// at random nearby; about 1 for unrelated texts.
    pub fn ratio(&self) -> f64 {
        if self.baseline > 0.0 {
            self.on_path / self.baseline
        } else if self.on_path > 0.0 {
            f64::INFINITY
        } else {
            0.0
        }
    }
}

/// Measures [`Evidence`] for a path.
pub(crate) fn evidence(
    searched: &Searched,
    pairs: &PairBand,
    fr: &[Features],
    en: &[Features],
) -> Evidence {
    let (mut sum, mut count) = (0.0, 0usize);
    let mut cov = 0.0;
    for &(i, j, t) in &searched.beads {
        let (a, b) = BEAD_TYPES[t];
        if a > 0 && b > 0 {
            cov += f64::from(super::score::covered(
                pairs,
                &fr[i..i + a],
                &en[j..j + b],
                i,
                j,
            ));
        }
        for x in i..i + a {
            for y in j..j + b {
                sum += f64::from(pairs.get(x, y).all);
                count += 1;
            }
        }
    }
    Evidence {
        on_path: if count > 0 { sum / count as f64 } else { 0.0 },
        baseline: pairs.mean(),
        coverage: {
            let total: f64 = fr.iter().chain(en).map(|f| f64::from(f.weight)).sum();
            if total > 0.0 {
                cov / total
            } else {
                0.0
            }
        },
    }
}

/// Confidence of a bead from its cost margin: 0 when another path is as
/// good, approaching 1 as the margin grows (scale `params.temperature`).
pub(crate) fn from_margin(margin: f64, params: &Params) -> f64 {
    if margin.is_infinite() {
        1.0
    } else {
        1.0 - (-margin / params.temperature).exp()
    }
}

/// Review flags for a bead.
pub(crate) fn flags(
    fr: &[Features],
    en: &[Features],
    confidence: f64,
    params: &Params,
) -> Vec<&'static str> {
    let mut flags = Vec::new();
    if confidence < params.low_confidence {
        flags.push("low_confidence");
    }
    if !fr.is_empty() && !en.is_empty() {
        let numbers = |s: &[Features]| {
            let mut v: Vec<u64> = s.iter().flat_map(|f| f.numbers.iter().copied()).collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        if numbers(fr) != numbers(en) {
            flags.push("number_mismatch");
        }
        let heading = |s: &[Features]| s.iter().any(|f| f.heading);
        if heading(fr) != heading(en) {
            flags.push("heading_mismatch");
        }
    }
    flags
}
