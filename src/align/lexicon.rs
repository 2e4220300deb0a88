//! Pass 2: a document-specific word-translation table. Word pairs that
//! co-occur in the 1-1 beads of the first pass much more often than chance
//! (Dice coefficient) become extra anchor keys for the second pass.

use std::collections::HashMap;

use super::features::{key_hash, Features, KeyKind};
use super::search::PathBead;
use super::Params;

/// At most this many 1-1 beads (evenly spread) are used for learning, so that
/// learning costs the same on a long document as on a medium one.
const MAX_LEARNING_BEADS: usize = 3000;

/// A word occurring in more than this share of the learning beads is too
/// common to tell sentences apart.
const MAX_SHARE: f64 = 0.2;

/// Learned partners kept per word (the strongest by Dice).
const MAX_PARTNERS: usize = 3;

/// Learns word pairs from the 1-1 beads of `beads` and adds them as keys to
/// the features of both sides.
pub(crate) fn learn_and_add(
    beads: &[PathBead],
    fr: &mut [Features],
    en: &mut [Features],
    params: &Params,
) {
    // Each distinct pair of sentences counts once: text that repeats (a
    // boilerplate line, a document pasted twice) teaches nothing new, and a
    // long document that repeats learns what each copy alone learns, so
    // that its windows (and each copy) align as the whole does.
    let mut seen = std::collections::HashSet::new();
    let ones: Vec<(usize, usize)> = beads
        .iter()
        .filter(|b| b.2 == 0)
        .map(|b| (b.0, b.1))
        .filter(|&(i, j)| seen.insert((&fr[i].words, &en[j].words)))
        .collect();
    if ones.len() < 4 {
        return;
    }
    let step = ones.len().div_ceil(MAX_LEARNING_BEADS);
    let sample: Vec<(usize, usize)> = ones.into_iter().step_by(step).collect();
    let mut df_fr: HashMap<u64, u32> = HashMap::new();
    let mut df_en: HashMap<u64, u32> = HashMap::new();
    for &(i, j) in &sample {
        for &w in &fr[i].words {
            *df_fr.entry(w).or_default() += 1;
        }
        for &v in &en[j].words {
            *df_en.entry(v).or_default() += 1;
        }
    }
    let max_df = ((sample.len() as f64 * MAX_SHARE) as u32).max(2);
    let useful = |df: &HashMap<u64, u32>, w: &u64| (2..=max_df).contains(&df[w]);
    let mut co: HashMap<(u64, u64), u32> = HashMap::new();
    for &(i, j) in &sample {
        for w in fr[i].words.iter().filter(|w| useful(&df_fr, w)) {
            for v in en[j].words.iter().filter(|v| useful(&df_en, v)) {
                *co.entry((*w, *v)).or_default() += 1;
            }
        }
    }
    // Candidate pairs, strongest first (ties broken by the hashes, so the
    // result does not depend on the hash map's order).
    let mut candidates: Vec<(f64, u64, u64)> = co
        .iter()
        .filter(|&(&(w, v), &c)| c >= 2 && w != v) // identical words match by prefix already
        .map(|(&(w, v), &c)| (2.0 * f64::from(c) / f64::from(df_fr[&w] + df_en[&v]), w, v))
        .filter(|&(dice, _, _)| dice >= params.dice)
        .collect();
    candidates.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    // Each word keeps its few best partners: more would be noise, and memory.
    let mut keys_fr: HashMap<u64, Vec<u64>> = HashMap::new();
    let mut keys_en: HashMap<u64, Vec<u64>> = HashMap::new();
    for (_, w, v) in candidates {
        let (kf, ke) = (
            keys_fr.entry(w).or_default().len(),
            keys_en.entry(v).or_default().len(),
        );
        if kf < MAX_PARTNERS && ke < MAX_PARTNERS {
            let k = key_hash(KeyKind::Learned, &format!("{w:x}:{v:x}"));
            keys_fr.entry(w).or_default().push(k);
            keys_en.entry(v).or_default().push(k);
        }
    }
    add(fr, &keys_fr, params.w_learned as f32);
    add(en, &keys_en, params.w_learned as f32);
}

/// Adds the learned keys of each sentence's words.
fn add(side: &mut [Features], keys: &HashMap<u64, Vec<u64>>, weight: f32) {
    if keys.is_empty() {
        return;
    }
    for f in side {
        let mut added = false;
        for w in &f.words {
            if let Some(ks) = keys.get(w) {
                for &k in ks {
                    f.keys.push((k, weight));
                    added = true;
                }
            }
        }
        if added {
            f.finish();
        }
    }
}
