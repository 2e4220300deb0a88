//! The review's save file: tralign's CSV columns plus `status` (`checked`
//! or empty) and `accepted` (the kinds of finding the reviewer accepted,
//! `;`-separated), one row per bead as the reviewer left it. A bead the
//! reviewer made (merged, split, a sentence moved) has no confidence and no
//! flags. `tralign convert` reads it; `tralign review --resume` reopens it.

use std::io::Write;
use std::ops::Range;
use std::path::Path;

use super::edit::{BeadStatus, Review};
use crate::align::Bead;
use crate::export::pair::{pairs, Pair};
use crate::export::{CsvWriter, Options};
use crate::glossary::Glossary;
use crate::{Alignment, Error, Result};

/// The beads under review as pairs, with the reviewer's status.
pub fn reviewed_pairs(review: &Review) -> impl Iterator<Item = Pair> + '_ {
    pairs(&review.alignment)
        .zip(&review.status)
        .map(|(mut p, s)| {
            if s.edited {
                p.confidence = None;
                p.flags.clear();
            }
            if s.checked {
                p.status = "checked".into();
            }
            p.accepted = s.accepted.join(";");
            p
        })
}

/// Writes the save file (formula guard on, as for any CSV a person may open).
pub fn write_save(review: &Review, w: &mut dyn Write) -> std::io::Result<()> {
    let mut csv = CsvWriter::reviewed(w, &Options::default())?;
    for p in reviewed_pairs(review) {
        csv.pair(&[], &p)?;
    }
    csv.finish()
}

/// Restores a review from the rows of a save file (`shown` names it) over
/// a fresh `alignment` of the same pair: each row's sentence numbers give
/// a bead; a bead the aligner also made keeps its confidence and flags, any
/// other is the reviewer's (name pairs recomputed with `glossary`). The rows must cover every sentence of both
/// documents once, in order, with the documents' texts.
pub fn resume(
    alignment: Alignment,
    glossary: &Glossary,
    rows: &[Pair],
    shown: &Path,
) -> Result<Review> {
    let fresh: std::collections::HashMap<(Range<usize>, Range<usize>), &Bead> = alignment
        .beads
        .iter()
        .map(|b| ((b.fr.clone(), b.en.clone()), b))
        .collect();
    let (mut fr_at, mut en_at) = (0, 0);
    let mut beads = Vec::with_capacity(rows.len());
    let mut status = Vec::with_capacity(rows.len());
    for (k, row) in rows.iter().enumerate() {
        let line = k + 2;
        let fr = ids(&row.fr_ids, fr_at, alignment.fr.sentences.len(), "fr_ids")
            .map_err(|m| Error::parse(shown, line, m))?;
        let en = ids(&row.en_ids, en_at, alignment.en.sentences.len(), "en_ids")
            .map_err(|m| Error::parse(shown, line, m))?;
        for (side, range, text, name) in [
            (&alignment.fr, &fr, &row.fr, "French"),
            (&alignment.en, &en, &row.en, "English"),
        ] {
            if side.run_text(range.clone()) != *text {
                return Err(Error::parse(
                    shown,
                    line,
                    format!("the {name} text differs from the document's sentences {}; was this file saved from another pair?", row_ids(range)),
                ));
            }
        }
        (fr_at, en_at) = (fr.end, en.end);
        let found = fresh.get(&(fr.clone(), en.clone()));
        let accepted: Vec<String> = row
            .accepted
            .split(';')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(String::from)
            .collect();
        status.push(BeadStatus {
            checked: row.status == "checked",
            edited: found.is_none(),
            accepted,
        });
        beads.push(match found {
            Some(b) => (*b).clone(),
            None => Bead {
                fr,
                en,
                confidence: 0.0,
                flags: Vec::new(),
            },
        });
    }
    if fr_at != alignment.fr.sentences.len() || en_at != alignment.en.sentences.len() {
        return Err(Error::parse(
            shown,
            rows.len() + 1,
            format!(
                "the file ends at French sentence {fr_at} and English sentence {en_at}, but the documents have {} and {}",
                alignment.fr.sentences.len(),
                alignment.en.sentences.len()
            ),
        ));
    }
    let same = beads == alignment.beads;
    let mut alignment = alignment;
    alignment.beads = beads;
    if !same && !alignment.names.is_empty() {
        alignment.names = crate::names::pair_alignment(alignment.bitext(), glossary);
    }
    Ok(Review::new(alignment, Some(status)))
}

/// A run of 1-based sentence numbers as written in the file.
fn row_ids(r: &Range<usize>) -> String {
    match r.len() {
        0 => "(none)".into(),
        1 => (r.start + 1).to_string(),
        _ => format!("{}-{}", r.start + 1, r.end),
    }
}

/// The sentences of a row's `3` or `3-4` cell (1-based), which must start at
/// `at` (0-based); an empty cell is an empty run at `at`.
fn ids(
    cell: &str,
    at: usize,
    total: usize,
    column: &str,
) -> std::result::Result<Range<usize>, String> {
    let cell = cell.trim();
    if cell.is_empty() {
        return Ok(at..at);
    }
    let number = |s: &str| {
        s.trim()
            .parse::<usize>()
            .ok()
            .filter(|&n| n >= 1)
            .ok_or_else(|| {
                format!("{column} `{cell}` is not a sentence number or a range such as 3-4")
            })
    };
    let (a, b) = match cell.split_once('-') {
        Some((a, b)) => (number(a)?, number(b)?),
        None => (number(cell)?, number(cell)?),
    };
    if a > b || b > total {
        return Err(format!(
            "{column} `{cell}` is outside the document's {total} sentences"
        ));
    }
    if a - 1 != at {
        return Err(format!(
            "{column} `{cell}` should start at sentence {} (the rows must cover the document in order)",
            at + 1
        ));
    }
    Ok(a - 1..b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::edit::{Dir, Op};
    use crate::segment::Lang;
    use crate::Segmented;

    fn alignment(g: &Glossary) -> Alignment {
        let fr = Segmented::from_text("Un.\nDeux.\nTrois.\nQuatre.".into(), Lang::Fr, true);
        let en = Segmented::from_text("One.\nTwo.\nThree.\nFour.".into(), Lang::En, true);
        crate::align_documents(fr, en, g, &crate::align::Params::default())
    }

    #[test]
    fn a_saved_review_resumes_as_it_was() {
        let g = Glossary::default();
        let mut r = Review::new(alignment(&g), None);
        r.apply(
            &Op::Merge {
                bead: 0,
                dir: Dir::Next,
            },
            &g,
        )
        .unwrap();
        r.apply(
            &Op::Check {
                bead: 1,
                checked: true,
            },
            &g,
        )
        .unwrap();
        r.apply(
            &Op::Accept {
                bead: 1,
                kind: "missing_term".into(),
            },
            &g,
        )
        .unwrap();
        let mut bytes = Vec::new();
        write_save(&r, &mut bytes).unwrap();
        let rows = crate::export::pair::parse_csv(&bytes, Path::new("s.csv")).unwrap();
        assert_eq!(rows[0].fr_ids, "1-2");
        assert_eq!(rows[0].confidence, None);
        assert_eq!(rows[1].status, "checked");
        let back = resume(alignment(&g), &g, &rows, Path::new("s.csv")).unwrap();
        assert_eq!(back.alignment.beads, r.alignment.beads);
        assert_eq!(back.status, r.status);
        assert_eq!(back.alignment.names, r.alignment.names);
    }

    #[test]
    fn a_save_file_of_another_pair_is_refused_with_its_line() {
        let g = Glossary::default();
        let r = Review::new(alignment(&g), None);
        let mut bytes = Vec::new();
        write_save(&r, &mut bytes).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let cases = [
            (
                text.replace("Trois.", "Drei."),
                "s.csv:4: the French text differs",
            ),
            (
                text.replace(",3,3,", ",4,3,"),
                "s.csv:4: fr_ids `4` should start at sentence 3",
            ),
            (
                text.lines().take(4).collect::<Vec<_>>().join("\n"),
                "s.csv:4: the file ends at French sentence 3",
            ),
        ];
        for (bad, want) in cases {
            let rows = crate::export::pair::parse_csv(bad.as_bytes(), Path::new("s.csv")).unwrap();
            let err = resume(alignment(&g), &g, &rows, Path::new("s.csv"))
                .err()
                .unwrap()
                .to_string();
            assert!(err.starts_with(want), "{err}");
        }
    }
}
