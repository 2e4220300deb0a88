//! The reviewer's operations on an alignment, as pure edits of its beads:
//! merge, split, move a sentence, mark checked, accept a finding, undo and
//! redo. The texts themselves are never edited: a bead is always a run of
//! the documents' sentences, and the beads always cover every sentence of
//! each side once, in order.

use std::ops::Range;

use serde::Deserialize;

use crate::align::Bead;
use crate::glossary::Glossary;
use crate::Alignment;

/// What the reviewer did to a bead.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BeadStatus {
    /// The reviewer marked the bead checked.
    pub checked: bool,
    /// The bead is the reviewer's (merged, split or with a sentence moved):
    /// the aligner's confidence and flags no longer apply.
    pub edited: bool,
    /// The kinds of finding the reviewer accepted in this bead (sorted, once each).
    pub accepted: Vec<String>,
}

/// Which side of the documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// The French (left) side.
    Fr,
    /// The English (right) side.
    En,
}

/// Towards the start or the end of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Dir {
    /// The previous bead.
    Prev,
    /// The next bead.
    Next,
}

/// One operation of the reviewer; beads are 0-based indices.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "op", rename_all = "lowercase")]
pub enum Op {
    /// Merge bead `bead` with the previous or next one.
    Merge { bead: usize, dir: Dir },
    /// Split bead `bead` in two: the first keeps the sentences before
    /// `fr_at` and `en_at` (counts of sentences from the bead's start).
    Split {
        bead: usize,
        fr_at: usize,
        en_at: usize,
    },
    /// Move the bead's sentence nearest to the neighbour on `side` into
    /// the previous or next bead (its last sentence goes to the next bead,
    /// its first to the previous one). A bead left empty disappears.
    Move { bead: usize, side: Side, dir: Dir },
    /// Mark the bead checked, or not.
    Check { bead: usize, checked: bool },
    /// Accept the bead's findings of one kind (they no longer count as to check).
    Accept { bead: usize, kind: String },
    /// Undo the last operation.
    Undo,
    /// Redo the last operation undone.
    Redo,
}

/// Why an operation cannot be done.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpError {
    /// The bead does not exist.
    #[error("there is no bead {0}")]
    NoBead(usize),
    /// The bead has no neighbour in that direction.
    #[error("bead {0} has no neighbour that way")]
    NoNeighbour(usize),
    /// A split that would leave one half empty, or a point outside the bead.
    #[error("bead {bead} cannot be split there: {reason}")]
    BadSplit { bead: usize, reason: &'static str },
    /// The bead has no sentence on that side to move.
    #[error("bead {0} has no sentence on that side to move")]
    NothingToMove(usize),
    /// Nothing to undo or redo.
    #[error("nothing to {0}")]
    NoHistory(&'static str),
}

/// One change of the beads: `old` beads from `at` replaced by `new` ones.
/// Undoing it swaps the two.
#[derive(Debug, Clone, PartialEq)]
pub struct Edit {
    /// The first bead replaced.
    pub at: usize,
    /// The beads (and statuses) before.
    pub old: Vec<(Bead, BeadStatus)>,
    /// The beads after.
    pub new: Vec<(Bead, BeadStatus)>,
}

impl Edit {
    fn inverse(&self) -> Edit {
        Edit {
            at: self.at,
            old: self.new.clone(),
            new: self.old.clone(),
        }
    }
}

/// The range of beads an applied edit touched, and how many it replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Splice {
    /// The first bead replaced.
    pub at: usize,
    /// How many beads were removed there.
    pub removed: usize,
    /// How many beads now stand there.
    pub inserted: usize,
}

/// Most operations kept for undo.
const HISTORY: usize = 1000;

/// An alignment under review: its beads as the reviewer left them, each
/// bead's status, and the history for undo and redo.
#[derive(Debug, Clone)]
pub struct Review {
    /// The alignment; its beads and name pairs follow the edits.
    pub alignment: Alignment,
    /// One status per bead.
    pub status: Vec<BeadStatus>,
    undo: Vec<Edit>,
    redo: Vec<Edit>,
    /// How many operations were applied (undo and redo count); the page
    /// sends it back so that an operation on a stale view is refused.
    pub version: u64,
    /// What name pairing learnt from the documents, built once.
    lexicons: crate::names::Lexicons,
}

impl Review {
    /// Starts a review of `alignment`; `status` gives each bead's status
    /// (from a save file), all unchecked when `None`.
    pub fn new(alignment: Alignment, status: Option<Vec<BeadStatus>>) -> Review {
        let n = alignment.beads.len();
        let status = status
            .filter(|s| s.len() == n)
            .unwrap_or_else(|| vec![BeadStatus::default(); n]);
        Review {
            lexicons: crate::names::Lexicons::new(alignment.bitext()),
            alignment,
            status,
            undo: Vec::new(),
            redo: Vec::new(),
            version: 0,
        }
    }

    /// How many beads are checked.
    pub fn checked(&self) -> usize {
        self.status.iter().filter(|s| s.checked).count()
    }

    /// Applies `op`, recomputing the name pairs of the beads it changed
    /// with `glossary`; returns where the beads changed.
    pub fn apply(&mut self, op: &Op, glossary: &Glossary) -> Result<Splice, OpError> {
        let edit = match op {
            Op::Undo => {
                let e = self.undo.pop().ok_or(OpError::NoHistory("undo"))?;
                let inverse = e.inverse();
                self.redo.push(e);
                inverse
            }
            Op::Redo => {
                let e = self.redo.pop().ok_or(OpError::NoHistory("redo"))?;
                self.undo.push(e.clone());
                e
            }
            op => {
                let e = self.plan(op)?;
                self.undo.push(e.clone());
                if self.undo.len() > HISTORY {
                    self.undo.remove(0);
                }
                self.redo.clear();
                e
            }
        };
        // Name pairs are kept up to date only when they were computed.
        let tracked = self.alignment.names.len() == self.alignment.beads.len();
        let splice = self.splice(&edit);
        if tracked {
            let changed = splice.at..splice.at + splice.inserted;
            let names = crate::names::pair_beads(
                self.alignment.bitext(),
                glossary,
                &self.lexicons,
                changed,
            );
            self.alignment
                .names
                .splice(splice.at..splice.at + splice.removed, names);
        }
        self.version += 1;
        Ok(splice)
    }

    /// The edit `op` would make, without making it.
    pub fn plan(&self, op: &Op) -> Result<Edit, OpError> {
        let beads = &self.alignment.beads;
        let get = |k: usize| beads.get(k).ok_or(OpError::NoBead(k));
        let pair = |k: usize| (beads[k].clone(), self.status[k].clone());
        match op {
            Op::Merge { bead, dir } => {
                get(*bead)?;
                let first = match dir {
                    Dir::Prev => bead.checked_sub(1).ok_or(OpError::NoNeighbour(*bead))?,
                    Dir::Next => *bead,
                };
                if first + 1 >= beads.len() {
                    return Err(OpError::NoNeighbour(*bead));
                }
                let (a, b) = (&beads[first], &beads[first + 1]);
                Ok(Edit {
                    at: first,
                    old: vec![pair(first), pair(first + 1)],
                    new: vec![edited(a.fr.start..b.fr.end, a.en.start..b.en.end)],
                })
            }
            Op::Split { bead, fr_at, en_at } => {
                let b = get(*bead)?;
                let bad = |reason| OpError::BadSplit {
                    bead: *bead,
                    reason,
                };
                if *fr_at > b.fr.len() || *en_at > b.en.len() {
                    return Err(bad("the point lies outside the bead"));
                }
                let (fr_cut, en_cut) = (b.fr.start + fr_at, b.en.start + en_at);
                let first = (b.fr.start..fr_cut, b.en.start..en_cut);
                let second = (fr_cut..b.fr.end, en_cut..b.en.end);
                if first.0.is_empty() && first.1.is_empty()
                    || second.0.is_empty() && second.1.is_empty()
                {
                    return Err(bad("one half would hold no sentence"));
                }
                Ok(Edit {
                    at: *bead,
                    old: vec![pair(*bead)],
                    new: vec![edited(first.0, first.1), edited(second.0, second.1)],
                })
            }
            Op::Move { bead, side, dir } => {
                let b = get(*bead)?;
                let range = |b: &Bead| match side {
                    Side::Fr => b.fr.clone(),
                    Side::En => b.en.clone(),
                };
                let with = |b: &Bead, r: Range<usize>| match side {
                    Side::Fr => (r, b.en.clone()),
                    Side::En => (b.fr.clone(), r),
                };
                if range(b).is_empty() {
                    return Err(OpError::NothingToMove(*bead));
                }
                let r = range(b);
                let (at, neighbour, here, there) = match dir {
                    Dir::Prev => {
                        let p = bead.checked_sub(1).ok_or(OpError::NoNeighbour(*bead))?;
                        let n = range(&beads[p]);
                        (p, p, r.start + 1..r.end, n.start..n.end + 1)
                    }
                    Dir::Next => {
                        let n = *bead + 1;
                        let m = range(beads.get(n).ok_or(OpError::NoNeighbour(*bead))?);
                        (*bead, n, r.start..r.end - 1, m.start - 1..m.end)
                    }
                };
                let (hf, he) = with(b, here);
                let (nf, ne) = with(&beads[neighbour], there);
                let here = (!hf.is_empty() || !he.is_empty()).then(|| edited(hf, he));
                let there = edited(nf, ne);
                // The beads in document order; a bead left empty goes.
                let new = match dir {
                    Dir::Prev => std::iter::once(there).chain(here).collect(),
                    Dir::Next => here.into_iter().chain([there]).collect(),
                };
                Ok(Edit {
                    at,
                    old: vec![pair(at), pair(at + 1)],
                    new,
                })
            }
            Op::Check { bead, checked } => {
                get(*bead)?;
                let (b, mut s) = pair(*bead);
                s.checked = *checked;
                Ok(Edit {
                    at: *bead,
                    old: vec![pair(*bead)],
                    new: vec![(b, s)],
                })
            }
            Op::Accept { bead, kind } => {
                get(*bead)?;
                let (b, mut s) = pair(*bead);
                if !s.accepted.contains(kind) {
                    s.accepted.push(kind.clone());
                    s.accepted.sort();
                }
                Ok(Edit {
                    at: *bead,
                    old: vec![pair(*bead)],
                    new: vec![(b, s)],
                })
            }
            Op::Undo | Op::Redo => unreachable!("handled by apply"),
        }
    }

    /// Replaces the edit's old beads with its new ones.
    fn splice(&mut self, edit: &Edit) -> Splice {
        let end = edit.at + edit.old.len();
        let (beads, status): (Vec<Bead>, Vec<BeadStatus>) = edit.new.iter().cloned().unzip();
        self.alignment.beads.splice(edit.at..end, beads);
        self.status.splice(edit.at..end, status);
        Splice {
            at: edit.at,
            removed: edit.old.len(),
            inserted: edit.new.len(),
        }
    }
}

/// A bead the reviewer made: no confidence or flags of the aligner's.
fn edited(fr: Range<usize>, en: Range<usize>) -> (Bead, BeadStatus) {
    (
        Bead {
            fr,
            en,
            confidence: 0.0,
            flags: Vec::new(),
        },
        BeadStatus {
            edited: true,
            ..BeadStatus::default()
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Lang;
    use crate::Segmented;

    /// A review of six French and six English one-line sentences, aligned 1-1.
    fn review() -> (Review, Glossary) {
        let fr = Segmented::from_text(
            "Un.\nDeux.\nTrois.\nQuatre.\nCinq.\nSix.".into(),
            Lang::Fr,
            true,
        );
        let en = Segmented::from_text(
            "One.\nTwo.\nThree.\nFour.\nFive.\nSix.".into(),
            Lang::En,
            true,
        );
        let g = Glossary::default();
        let mut al = crate::align_documents(fr, en, &g, &crate::align::Params::default());
        // A known start, whatever the aligner made of these short lines.
        al.beads = (0..6)
            .map(|i| Bead {
                fr: i..i + 1,
                en: i..i + 1,
                confidence: 0.9,
                flags: Vec::new(),
            })
            .collect();
        al.names = crate::names::pair_alignment(al.bitext(), &g);
        (Review::new(al, None), g)
    }

    /// The beads as `fr.start-fr.end/en.start-en.end`.
    fn shape(r: &Review) -> Vec<String> {
        r.alignment
            .beads
            .iter()
            .map(|b| format!("{}-{}/{}-{}", b.fr.start, b.fr.end, b.en.start, b.en.end))
            .collect()
    }

    fn covers_everything(r: &Review) {
        let (mut f, mut e) = (0, 0);
        for b in &r.alignment.beads {
            assert_eq!((b.fr.start, b.en.start), (f, e), "{:?}", shape(r));
            assert!(!b.fr.is_empty() || !b.en.is_empty(), "{:?}", shape(r));
            (f, e) = (b.fr.end, b.en.end);
        }
        assert_eq!((f, e), (6, 6));
        assert_eq!(r.status.len(), r.alignment.beads.len());
        assert_eq!(r.alignment.names.len(), r.alignment.beads.len());
    }

    #[test]
    fn each_operation_changes_the_beads_as_asked() {
        use Dir::*;
        let cases: Vec<(Op, Vec<&str>)> = vec![
            (Op::Merge { bead: 0, dir: Next }, vec!["0-2/0-2", "2-3/2-3"]),
            (Op::Merge { bead: 1, dir: Prev }, vec!["0-2/0-2", "2-3/2-3"]),
            (
                Op::Move {
                    bead: 1,
                    side: Side::Fr,
                    dir: Next,
                },
                vec!["0-1/0-1", "1-1/1-2", "1-3/2-3"],
            ),
            (
                Op::Move {
                    bead: 1,
                    side: Side::En,
                    dir: Prev,
                },
                vec!["0-1/0-2", "1-2/2-2", "2-3/2-3"],
            ),
        ];
        for (op, want) in cases {
            let (mut r, g) = review();
            r.apply(&op, &g).unwrap();
            assert_eq!(shape(&r)[..want.len()], want[..], "{op:?}");
            covers_everything(&r);
            assert!(r.status[0].edited || r.status[1].edited, "{op:?}");
        }
    }

    #[test]
    fn split_takes_the_chosen_point_and_refuses_an_empty_half() {
        let (mut r, g) = review();
        let merge = Op::Merge {
            bead: 0,
            dir: Dir::Next,
        };
        r.apply(&merge, &g).unwrap();
        let split = |fr_at, en_at| Op::Split {
            bead: 0,
            fr_at,
            en_at,
        };
        r.apply(&split(1, 2), &g).unwrap();
        assert_eq!(shape(&r)[..3], ["0-1/0-2", "1-2/2-2", "2-3/2-3"]);
        covers_everything(&r);
        assert!(matches!(
            r.apply(&split(0, 0), &g),
            Err(OpError::BadSplit { .. })
        ));
        assert!(matches!(
            r.apply(&split(2, 0), &g),
            Err(OpError::BadSplit { .. })
        ));
    }

    #[test]
    fn a_bead_left_empty_disappears() {
        let (mut r, g) = review();
        let mv = |side| Op::Move {
            bead: 0,
            side,
            dir: Dir::Next,
        };
        r.apply(&mv(Side::Fr), &g).unwrap();
        assert_eq!(shape(&r)[..2], ["0-0/0-1", "0-2/1-2"]);
        r.apply(&mv(Side::En), &g).unwrap();
        assert_eq!(shape(&r)[..2], ["0-2/0-2", "2-3/2-3"]);
        assert_eq!(r.alignment.beads.len(), 5);
        covers_everything(&r);
    }

    #[test]
    fn undo_and_redo_walk_the_history() {
        let (mut r, g) = review();
        let start = shape(&r);
        r.apply(
            &Op::Merge {
                bead: 2,
                dir: Dir::Next,
            },
            &g,
        )
        .unwrap();
        r.apply(
            &Op::Check {
                bead: 0,
                checked: true,
            },
            &g,
        )
        .unwrap();
        r.apply(
            &Op::Accept {
                bead: 0,
                kind: "number_mismatch".into(),
            },
            &g,
        )
        .unwrap();
        let after = (shape(&r), r.status.clone());
        for _ in 0..3 {
            r.apply(&Op::Undo, &g).unwrap();
        }
        assert_eq!(shape(&r), start);
        assert!(r.status.iter().all(|s| *s == BeadStatus::default()));
        assert_eq!(r.apply(&Op::Undo, &g), Err(OpError::NoHistory("undo")));
        for _ in 0..3 {
            r.apply(&Op::Redo, &g).unwrap();
        }
        assert_eq!((shape(&r), r.status.clone()), after);
        assert_eq!(r.status[0].accepted, ["number_mismatch"]);
        assert_eq!(r.version, 9);
        // A new operation drops what could have been redone.
        r.apply(&Op::Undo, &g).unwrap();
        r.apply(
            &Op::Check {
                bead: 1,
                checked: true,
            },
            &g,
        )
        .unwrap();
        assert_eq!(r.apply(&Op::Redo, &g), Err(OpError::NoHistory("redo")));
        covers_everything(&r);
    }

    #[test]
    fn impossible_operations_change_nothing() {
        let (mut r, g) = review();
        let before = shape(&r);
        let bad = [
            Op::Merge {
                bead: 0,
                dir: Dir::Prev,
            },
            Op::Merge {
                bead: 5,
                dir: Dir::Next,
            },
            Op::Merge {
                bead: 9,
                dir: Dir::Next,
            },
            Op::Move {
                bead: 0,
                side: Side::Fr,
                dir: Dir::Prev,
            },
            Op::Move {
                bead: 5,
                side: Side::En,
                dir: Dir::Next,
            },
            Op::Check {
                bead: 6,
                checked: true,
            },
            Op::Split {
                bead: 0,
                fr_at: 2,
                en_at: 0,
            },
        ];
        for op in bad {
            assert!(r.apply(&op, &g).is_err(), "{op:?}");
        }
        assert_eq!(shape(&r), before);
        assert_eq!(r.version, 0);
    }
}
