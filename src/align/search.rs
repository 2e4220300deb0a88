//! Dynamic programming inside a band: the cheapest monotone path of beads
//! (forward pass), and for each bead of that path its cost margin — how much
//! more the best path that does *not* use this bead costs (backward pass).

use super::band::Band;
use super::score::Scorer;
use super::BEAD_TYPES;

/// A bead on the path: start French sentence, start English sentence, type
/// (index into [`BEAD_TYPES`]).
pub(crate) type PathBead = (usize, usize, usize);

/// The result of one search.
#[derive(Debug, Clone)]
pub(crate) struct Searched {
    /// The cheapest path, in order.
    pub beads: Vec<PathBead>,
    /// Per bead: its own cost.
    #[allow(dead_code)]
    pub costs: Vec<f64>,
    /// Per bead: cost of the best path avoiding it minus the best cost
    /// (infinite when the band holds no alternative). Empty unless asked for.
    pub margins: Vec<f64>,
    /// The path runs along an inner edge of the band, so a wider band might
    /// find a better one.
    pub touches_edge: bool,
}

/// How close (in sentences) to an inner band edge counts as touching it.
const EDGE: usize = 3;

/// Finds the cheapest path through `band`; with `margins`, also each bead's
/// cost margin.
pub(crate) fn search(band: &Band, scorer: &Scorer<'_>, margins: bool) -> Searched {
    let (n, m) = (band.n, band.m);
    let mut f = vec![f64::INFINITY; band.size];
    let mut back = vec![u8::MAX; band.size];
    f[0] = 0.0;
    for i in 0..=n {
        for j in band.lo[i]..=band.hi[i] {
            if i == 0 && j == 0 {
                continue;
            }
            let k = band.offset[i] + j - band.lo[i];
            let mut best = f64::INFINITY;
            let mut best_t = u8::MAX;
            for (t, &(a, b)) in BEAD_TYPES.iter().enumerate() {
                if a > i || b > j {
                    continue;
                }
                let Some(p) = band.index(i - a, j - b) else {
                    continue;
                };
                if f[p] == f64::INFINITY {
                    continue;
                }
                let c = f[p] + scorer.cost(i - a, j - b, t);
                if c < best {
                    best = c;
                    best_t = t as u8;
                }
            }
            f[k] = best;
            back[k] = best_t;
        }
    }
    // Backtrack from the end corner.
    let mut beads = Vec::new();
    let mut costs = Vec::new();
    let (mut i, mut j) = (n, m);
    let mut touches_edge = false;
    while i > 0 || j > 0 {
        let k = band.index(i, j).expect("path stays in band");
        let t = back[k] as usize;
        let (a, b) = BEAD_TYPES[t];
        touches_edge |=
            (band.lo[i] > 0 && j < band.lo[i] + EDGE) || (band.hi[i] < m && j + EDGE > band.hi[i]);
        i -= a;
        j -= b;
        beads.push((i, j, t));
        costs.push(scorer.cost(i, j, t));
    }
    beads.reverse();
    costs.reverse();
    let best = f[band.size - 1];
    let margins = if margins {
        bead_margins(band, scorer, &f, best, &beads, scorer.params.merge_margin)
    } else {
        Vec::new()
    };
    Searched {
        beads,
        costs,
        margins,
        touches_edge,
    }
}

/// Backward pass: for every transition in the band, the cost of the best
/// complete path through it; each path bead keeps the cheapest such path
/// among the transitions that overlap its sentences but differ from it.
fn bead_margins(
    band: &Band,
    scorer: &Scorer<'_>,
    f: &[f64],
    best: f64,
    beads: &[PathBead],
    merge_scale: f64,
) -> Vec<f64> {
    let (n, m) = (band.n, band.m);
    let mut bead_of_fr = vec![0u32; n];
    let mut bead_of_en = vec![0u32; m];
    for (k, &(i, j, t)) in beads.iter().enumerate() {
        let (a, b) = BEAD_TYPES[t];
        bead_of_fr[i..i + a].fill(k as u32);
        bead_of_en[j..j + b].fill(k as u32);
    }
    let mut margin = vec![f64::INFINITY; beads.len()];
    let mut g = vec![f64::INFINITY; band.size];
    g[band.size - 1] = 0.0;
    for i in (0..=n).rev() {
        for j in (band.lo[i]..=band.hi[i]).rev() {
            let k = band.offset[i] + j - band.lo[i];
            if i == n && j == m {
                continue;
            }
            let mut gk = f64::INFINITY;
            for (t, &(a, b)) in BEAD_TYPES.iter().enumerate() {
                if i + a > n || j + b > m {
                    continue;
                }
                let Some(q) = band.index(i + a, j + b) else {
                    continue;
                };
                if g[q] == f64::INFINITY {
                    continue;
                }
                let via = scorer.cost(i, j, t) + g[q];
                gk = gk.min(via);
                if f[k] == f64::INFINITY {
                    continue;
                }
                let extra = f[k] + via - best;
                let this = (i, j, t);
                for &kb in bead_of_fr[i..i + a].iter().chain(&bead_of_en[j..j + b]) {
                    let kb = kb as usize;
                    let extra = match relation(this, beads[kb]) {
                        Relation::Same => continue,
                        Relation::Holds => extra * merge_scale,
                        Relation::Contradicts => extra,
                    };
                    if extra < margin[kb] {
                        margin[kb] = extra;
                    }
                }
            }
            g[k] = gk;
        }
    }
    margin.iter().map(|&x| x.max(0.0)).collect()
}

/// How a competing bead stands to a bead of the path.
enum Relation {
    /// It is that bead.
    Same,
    /// It holds all of the bead's sentences and more, so it keeps every
    /// link the bead makes (the 1-2 that would absorb a neighbouring 0-1
    /// keeps the 1-1's link): it disputes the neighbour more than this bead.
    Holds,
    /// It takes back links that the bead makes, or (for a bead with one side
    /// empty, which claims that its sentences have no counterpart) pairs
    /// them.
    Contradicts,
}

fn relation(other: PathBead, bead: PathBead) -> Relation {
    if other == bead {
        return Relation::Same;
    }
    let (a, b) = BEAD_TYPES[bead.2];
    let (oa, ob) = BEAD_TYPES[other.2];
    let holds = other.0 <= bead.0
        && bead.0 + a <= other.0 + oa
        && other.1 <= bead.1
        && bead.1 + b <= other.1 + ob;
    if a > 0 && b > 0 && holds {
        Relation::Holds
    } else {
        Relation::Contradicts
    }
}
