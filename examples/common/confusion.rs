//! Per set, what became of each gold bead type (same bead, split into
//! smaller beads, inside a larger one, crossed) and why the wrong output
//! beads are wrong (`tune --confusion`, `encoder_dev --confusion`).

use tralign::align::{align_with, Params};
use tralign::eval::BeadIds;
use tralign::glossary::Glossary;

use super::{ids, Doc};

fn type_name(b: &BeadIds) -> String {
    let t = format!("{}-{}", b.0.len(), b.1.len());
    match t.as_str() {
        "1-1" | "1-0" | "0-1" | "2-1" | "1-2" | "2-2" | "1-3" | "3-1" => t,
        _ => "other".into(),
    }
}

const TYPE_ROWS: [&str; 9] = [
    "1-1", "1-0", "0-1", "2-1", "1-2", "2-2", "1-3", "3-1", "other",
];

/// What became of one gold bead in the output.
fn fate(g: &BeadIds, test: &[BeadIds]) -> (&'static str, String) {
    let touches =
        |t: &BeadIds| t.0.iter().any(|i| g.0.contains(i)) || t.1.iter().any(|j| g.1.contains(j));
    let near: Vec<&BeadIds> = test.iter().filter(|t| touches(t)).collect();
    if near.len() == 1 && near[0] == g {
        return ("same", String::new());
    }
    let inside =
        |t: &BeadIds| t.0.iter().all(|i| g.0.contains(i)) && t.1.iter().all(|j| g.1.contains(j));
    if near.iter().all(|t| inside(t)) {
        let parts: Vec<String> = near
            .iter()
            .map(|t| format!("{}-{}", t.0.len(), t.1.len()))
            .collect();
        return ("split", parts.join("+"));
    }
    if let [t] = near.as_slice() {
        return ("inside", format!("{}-{}", t.0.len(), t.1.len()));
    }
    ("cross", String::new())
}

/// Gold bead types against what the aligner made of them, and the wrong
/// output beads by type and cause.
pub fn print(name: &str, docs: &[Doc], p: &Params) {
    use std::collections::{BTreeMap, HashSet};
    let g = Glossary::default();
    // gold type -> fate -> count; gold type -> detail -> count.
    let mut table: BTreeMap<String, BTreeMap<&str, usize>> = BTreeMap::new();
    let mut detail: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    // output type -> (right, grouping only, partly right, misaligned, empty side wrong).
    let mut out: BTreeMap<String, [usize; 5]> = BTreeMap::new();
    for d in docs {
        let beads = align_with(&super::units(&d.fr), &super::units(&d.en), &g, p).beads;
        let test: Vec<BeadIds> = beads.iter().map(ids).collect();
        let gold: Vec<&BeadIds> = d
            .gold
            .iter()
            .filter(|b| !b.0.is_empty() || !b.1.is_empty())
            .collect();
        let gold_set: HashSet<&BeadIds> = gold.iter().copied().collect();
        let links: HashSet<(usize, usize)> = gold
            .iter()
            .flat_map(|b| {
                b.0.iter()
                    .flat_map(move |&i| b.1.iter().map(move |&j| (i, j)))
            })
            .collect();
        for b in &gold {
            let (f, what) = fate(b, &test);
            let row = type_name(b);
            *table.entry(row.clone()).or_default().entry(f).or_default() += 1;
            if f != "same" {
                *detail
                    .entry(row)
                    .or_default()
                    .entry(format!("{f} {what}"))
                    .or_default() += 1;
            }
        }
        for t in &test {
            let k = if gold_set.contains(t) {
                0
            } else if t.0.is_empty() || t.1.is_empty() {
                4
            } else {
                let all: Vec<bool> =
                    t.0.iter()
                        .flat_map(|&i| t.1.iter().map(move |&j| (i, j)))
                        .map(|l| links.contains(&l))
                        .collect();
                if all.iter().all(|x| *x) {
                    1
                } else if all.iter().any(|x| *x) {
                    2
                } else {
                    3
                }
            };
            out.entry(type_name(t)).or_default()[k] += 1;
        }
    }
    println!("  confusion {name}: gold type (count): same / split / inside a larger / crossing | most frequent errors");
    for row in TYPE_ROWS {
        let Some(f) = table.get(row) else { continue };
        let n: usize = f.values().sum();
        let get = |k: &str| f.get(k).copied().unwrap_or(0);
        let mut errs: Vec<(&String, &usize)> = detail
            .get(row)
            .map(|d| d.iter().collect())
            .unwrap_or_default();
        errs.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let errs: Vec<String> = errs
            .iter()
            .take(4)
            .map(|(k, v)| format!("{k} {v}"))
            .collect();
        println!(
            "    {row:5} ({n:4}): {} / {} / {} / {} | {}",
            get("same"),
            get("split"),
            get("inside"),
            get("cross"),
            errs.join(", ")
        );
    }
    println!("  output {name}: type (count): right / wrong grouping (every link right) / partly right / misaligned / empty side wrong");
    for row in TYPE_ROWS {
        let Some(c) = out.get(row) else { continue };
        let n: usize = c.iter().sum();
        println!(
            "    {row:5} ({n:4}): {} / {} / {} / {} / {}",
            c[0], c[1], c[2], c[3], c[4]
        );
    }
}
