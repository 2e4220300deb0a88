//! Bead files and alignment scores: strict and lax precision, recall and F1,
//! computed exactly as `benches/align_score.py` (the convention of the
//! Vecalign and Bertalign papers) computes them.
//!
//! *Strict*: a test bead counts only if it is identical to a gold bead.
//! *Lax*: it counts if it shares a sentence with a gold bead on both sides.
//! Precision is over the test beads (beads with both sides empty ignored);
//! recall is over the gold beads, and ignores beads with an empty side.
//! Documents are pooled: counts are summed before dividing.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::error::{Error, Result};

/// One bead of a bead file: source indices and target indices (0-based).
pub type BeadIds = (Vec<usize>, Vec<usize>);

/// Parses bead-file text (`[0, 1]:[0]` a line; blank lines skipped);
/// `path` names the file in errors.
pub fn parse_beads(text: &str, path: &Path) -> Result<Vec<BeadIds>> {
    let mut beads = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let bad =
            |why: &str| Error::parse(path, n + 1, format!("not a bead line: {line:?} ({why})"));
        let (left, right) = line.split_once(':').ok_or_else(|| bad("no ':'"))?;
        let left = parse_list(left).map_err(&bad)?;
        let right = parse_list(right).map_err(&bad)?;
        beads.push((left, right));
    }
    Ok(beads)
}

/// Reads a bead file.
pub fn read_beads(path: &Path) -> Result<Vec<BeadIds>> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = String::from_utf8(bytes).map_err(|_| Error::parse(path, 1, "not UTF-8 text"))?;
    parse_beads(&text, path)
}

/// `[1, 2]` or `[]` (also `(1, 2)` and a trailing comma, as Python reads them).
fn parse_list(s: &str) -> std::result::Result<Vec<usize>, &'static str> {
    let s = s.trim();
    let inner = s
        .strip_prefix('[')
        .and_then(|r| r.strip_suffix(']'))
        .or_else(|| s.strip_prefix('(').and_then(|r| r.strip_suffix(')')))
        .ok_or("expected a [list] on each side")?;
    let inner = inner.trim();
    let inner = inner.strip_suffix(',').unwrap_or(inner);
    if inner.trim().is_empty() {
        return Ok(Vec::new());
    }
    inner
        .split(',')
        .map(|x| {
            x.trim()
                .parse::<usize>()
                .map_err(|_| "expected whole numbers")
        })
        .collect()
}

/// Strict and lax precision, recall and F1.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize)]
pub struct Scores {
    /// Share of test beads identical to a gold bead.
    pub precision_strict: f64,
    /// Share of gold beads (both sides non-empty) found identically.
    pub recall_strict: f64,
    /// Harmonic mean of the two above.
    pub f1_strict: f64,
    /// Share of test beads overlapping a gold bead on both sides.
    pub precision_lax: f64,
    /// Share of gold beads (both sides non-empty) overlapped by a test bead.
    pub recall_lax: f64,
    /// Harmonic mean of the two above.
    pub f1_lax: f64,
}

impl Scores {
    /// The scores as the Python scorer prints them: a JSON object, values
    /// rounded to 4 decimals, keys in the same order.
    pub fn to_json(&self) -> String {
        let fields = [
            ("precision_strict", self.precision_strict),
            ("recall_strict", self.recall_strict),
            ("f1_strict", self.f1_strict),
            ("precision_lax", self.precision_lax),
            ("recall_lax", self.recall_lax),
            ("f1_lax", self.f1_lax),
        ];
        let body: Vec<String> = fields
            .iter()
            .map(|(k, v)| {
                let rounded: f64 = format!("{v:.4}").parse().unwrap_or(*v);
                let num = serde_json::to_string(&rounded).unwrap_or_else(|_| "null".into());
                format!("\"{k}\": {num}")
            })
            .collect();
        format!("{{{}}}", body.join(", "))
    }
}

/// True and false positives, strict then lax.
#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    tp_strict: usize,
    fp_strict: usize,
    tp_lax: usize,
    fp_lax: usize,
}

/// Counts the beads of `test` that match `gold` (both as sets, empty-empty
/// beads dropped).
fn counts(gold: &[BeadIds], test: &[BeadIds]) -> Counts {
    let gold: HashSet<&BeadIds> = gold
        .iter()
        .filter(|b| !b.0.is_empty() || !b.1.is_empty())
        .collect();
    let test: HashSet<&BeadIds> = test
        .iter()
        .filter(|b| !b.0.is_empty() || !b.1.is_empty())
        .collect();
    let mut src_to_tgt: HashMap<usize, HashSet<usize>> = HashMap::new();
    for (s, t) in &gold {
        for &i in s {
            src_to_tgt.entry(i).or_default().extend(t.iter().copied());
        }
    }
    let mut c = Counts::default();
    for bead in test {
        if gold.contains(bead) {
            c.tp_strict += 1;
            c.tp_lax += 1;
            continue;
        }
        c.fp_strict += 1;
        let near = bead
            .0
            .iter()
            .filter_map(|i| src_to_tgt.get(i))
            .any(|tgts| bead.1.iter().any(|j| tgts.contains(j)));
        if near {
            c.tp_lax += 1;
        } else {
            c.fp_lax += 1;
        }
    }
    c
}

/// Scores (gold, test) document pairs, pooled.
pub fn score(pairs: &[(Vec<BeadIds>, Vec<BeadIds>)]) -> Scores {
    let (mut p, mut r) = (Counts::default(), Counts::default());
    let add = |acc: &mut Counts, c: Counts| {
        acc.tp_strict += c.tp_strict;
        acc.fp_strict += c.fp_strict;
        acc.tp_lax += c.tp_lax;
        acc.fp_lax += c.fp_lax;
    };
    for (gold, test) in pairs {
        add(&mut p, counts(gold, test));
        let both = |v: &[BeadIds]| -> Vec<BeadIds> {
            v.iter()
                .filter(|b| !b.0.is_empty() && !b.1.is_empty())
                .cloned()
                .collect()
        };
        add(&mut r, counts(&both(test), &both(gold)));
    }
    let div = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let f1 = |a: f64, b: f64| {
        if a + b == 0.0 {
            0.0
        } else {
            2.0 * a * b / (a + b)
        }
    };
    let ps = div(p.tp_strict, p.tp_strict + p.fp_strict);
    let pl = div(p.tp_lax, p.tp_lax + p.fp_lax);
    let rs = div(r.tp_strict, r.tp_strict + r.fp_strict);
    let rl = div(r.tp_lax, r.tp_lax + r.fp_lax);
    Scores {
        precision_strict: ps,
        recall_strict: rs,
        f1_strict: f1(ps, rs),
        precision_lax: pl,
        recall_lax: rl,
        f1_lax: f1(pl, rl),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn beads(text: &str) -> Vec<BeadIds> {
        parse_beads(text, Path::new("t.beads")).unwrap()
    }

    #[test]
    fn parses_bead_lines() {
        assert_eq!(
            beads("[0, 1]:[0]\n\n[]:[1]\n[2]:[]\n(3,):[2,3]\n"),
            vec![
                (vec![0, 1], vec![0]),
                (vec![], vec![1]),
                (vec![2], vec![]),
                (vec![3], vec![2, 3])
            ]
        );
    }

    #[test]
    fn bad_line_names_file_and_line() {
        for bad in [
            "[0]:[0]\n[1] [1]\n",
            "[0]:[0]\n[x]:[1]\n",
            "[0]:[0]\n[1:[1]\n",
        ] {
            let err = parse_beads(bad, Path::new("t.beads")).unwrap_err();
            assert!(
                err.to_string().starts_with("t.beads:2: not a bead line"),
                "{err}"
            );
        }
    }

    /// Expected figures produced by `python3 benches/align_score.py` on the
    /// same files (the four bead lists below, written to files g1 t1 g2 t2).
    #[test]
    fn agrees_with_python_scorer() {
        let gold1 = beads("[0]:[0]\n[1]:[1]\n[2]:[2]\n[3]:[3, 4]\n[4]:[5]\n[5]:[]\n[]:[6]\n");
        let test1 = beads("[0]:[0]\n[1]:[1]\n[2]:[2, 3]\n[3]:[4]\n[4, 5]:[5]\n[]:[6]\n");
        let gold2 = beads("[0, 1]:[0]\n[2]:[1]\n[3]:[2]\n");
        let test2 = beads("[0]:[0]\n[1]:[]\n[2]:[1]\n[3]:[2]\n");
        // python3 benches/align_score.py g1 t1 g2 t2 →
        let s = score(&[(gold1.clone(), test1.clone()), (gold2, test2)]);
        assert_eq!(
            s.to_json(),
            "{\"precision_strict\": 0.5, \"recall_strict\": 0.5, \"f1_strict\": 0.5, \
             \"precision_lax\": 0.9, \"recall_lax\": 1.0, \"f1_lax\": 0.9474}"
        );
        // python3 benches/align_score.py g1 t1
        assert_eq!(
            score(&[(gold1, test1)]).to_json(),
            "{\"precision_strict\": 0.5, \"recall_strict\": 0.4, \"f1_strict\": 0.4444, \
             \"precision_lax\": 1.0, \"recall_lax\": 1.0, \"f1_lax\": 1.0}"
        );
    }

    #[test]
    fn perfect_and_empty() {
        let g = beads("[0]:[0]\n[1]:[1]\n");
        assert_eq!(score(&[(g.clone(), g.clone())]).f1_strict, 1.0);
        assert_eq!(score(&[(g, vec![])]).f1_strict, 0.0);
        assert_eq!(score(&[]).to_json(), "{\"precision_strict\": 0.0, \"recall_strict\": 0.0, \"f1_strict\": 0.0, \"precision_lax\": 0.0, \"recall_lax\": 0.0, \"f1_lax\": 0.0}");
    }
}
