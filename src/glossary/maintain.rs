//! Glossary maintenance: `lint` (duplicates, two renderings of one term,
//! colliding variants) and `suggest` (new entries from a document pair's
//! name pairs).

use std::collections::{BTreeMap, HashMap};

use super::{term_key, Entry, Glossary, Kind, Side, Status};
use crate::names::DocumentName;

/// How many earlier forms sharing a key `lint` compares a form with.
const COLLISION_SCAN: usize = 64;

/// One problem `lint` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// `duplicate`, `two_renderings` or `variant_collision`.
    pub kind: &'static str,
    /// What is wrong, naming the files and lines.
    pub message: String,
}

/// Checks a glossary (entries as read, duplicates kept): entries given
/// twice, a French term with two English renderings, and variants that
/// collide with another entry's term or variants. Findings come in entry
/// order.
pub fn lint(glossary: &Glossary) -> Vec<Finding> {
    let mut findings = Vec::new();
    let entries = &glossary.entries;
    let mut by_fr: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, e) in entries.iter().enumerate() {
        by_fr.entry(term_key(&e.fr)).or_default().push(i);
    }
    let mut ordered: Vec<(usize, Finding)> = Vec::new();
    // One finding at most per entry, so that a term rendered in thousands of
    // ways gives as many findings, not their square.
    for ids in by_fr.values() {
        let mut by_en: HashMap<String, usize> = HashMap::new();
        let first = ids[0];
        for &b in ids {
            let eb = &entries[b];
            let en = term_key(&eb.en);
            if let Some(&a) = by_en.get(&en) {
                let ea = &entries[a];
                ordered.push((
                    b,
                    Finding {
                        kind: "duplicate",
                        message: format!(
                            "{}: duplicate entry {:?} = {:?} (also at {})",
                            eb.origin, eb.fr, eb.en, ea.origin
                        ),
                    },
                ));
                continue;
            }
            by_en.insert(en, b);
            if b != first {
                let ea = &entries[first];
                ordered.push((
                    b,
                    Finding {
                        kind: "two_renderings",
                        message: format!(
                            "{}: {:?} is rendered {:?}, but {} renders it {:?}",
                            eb.origin, eb.fr, eb.en, ea.origin, ea.en
                        ),
                    },
                ));
            }
        }
    }
    for side in [Side::Fr, Side::En] {
        // Key → (entry, form is a variant, the form).
        let mut by_key: BTreeMap<String, Vec<(usize, bool, &str)>> = BTreeMap::new();
        for (i, e) in entries.iter().enumerate() {
            for (n, form) in e.forms(side).enumerate() {
                let list = by_key.entry(term_key(form)).or_default();
                // Entries come in order: the same entry's forms are at the end.
                if list.last().is_none_or(|x| x.0 != i) {
                    list.push((i, n > 0, form));
                }
            }
        }
        for list in by_key.values() {
            for (n, &(b, b_var, b_form)) in list.iter().enumerate() {
                // Against the first earlier form it collides with, looked
                // for among the first COLLISION_SCAN (linear time whatever
                // the number of forms sharing one key).
                for &(a, a_var, a_form) in list[..n].iter().take(COLLISION_SCAN) {
                    if !(a_var || b_var) {
                        continue;
                    }
                    let (ea, eb) = (&entries[a], &entries[b]);
                    if term_key(&ea.fr) == term_key(&eb.fr) && term_key(&ea.en) == term_key(&eb.en)
                    {
                        continue; // already a duplicate
                    }
                    let what = |var: bool, form: &str, e: &Entry| {
                        if var {
                            format!("variant {form:?} of {:?}", e.term(side))
                        } else {
                            format!("term {form:?}")
                        }
                    };
                    ordered.push((
                        b,
                        Finding {
                            kind: "variant_collision",
                            message: format!(
                                "{}: {} collides with the {} at {}",
                                eb.origin,
                                what(b_var, b_form, eb),
                                what(a_var, a_form, ea),
                                ea.origin
                            ),
                        },
                    ));
                    break;
                }
            }
        }
    }
    ordered.sort_by_key(|(i, _)| *i);
    findings.extend(ordered.into_iter().map(|x| x.1));
    findings
}

/// New glossary entries from a document pair's name pairs: every pair whose
/// French form the glossary does not already render that way, with
/// `status=proposed`, the evidence count and an example bead in `note`, and
/// `source` saying where it was seen.
pub fn suggest(names: &[DocumentName], glossary: &Glossary, source: &str) -> Glossary {
    let known: std::collections::HashSet<(String, String)> = glossary
        .entries
        .iter()
        .flat_map(|e| {
            let en: Vec<String> = e.forms(Side::En).map(term_key).collect();
            e.forms(Side::Fr)
                .map(term_key)
                .flat_map(move |f| en.clone().into_iter().map(move |x| (f.clone(), x)))
        })
        .collect();
    let mut out = Glossary::default();
    for n in names {
        if known.contains(&(term_key(&n.fr), term_key(&n.en))) {
            continue;
        }
        let acronym = [&n.fr, &n.en].iter().all(|t| {
            t.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !t.chars().any(char::is_lowercase)
        });
        out.entries.push(Entry {
            fr: n.fr.clone(),
            en: n.en.clone(),
            kind: acronym.then_some(Kind::Acronym),
            note: format!(
                "seen {} time{} ({}, confidence {:.2}), e.g. bead {}",
                n.count,
                if n.count == 1 { "" } else { "s" },
                n.source.as_str(),
                n.confidence,
                n.first_bead
            ),
            status: Some(Status::Proposed),
            source: source.to_string(),
            ..Entry::default()
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn lint_finds_each_problem() {
        let g = Glossary::parse_rows(
            "fr,en,fr_variants,en_variants\n\
             Damas,Damascus,,\n\
             Homs,Homs,,\n\
             damas,DAMASCUS,,\n\
             Deraa,Daraa,Daraa,\n\
             Daraa,Dera'a,,\n\
             Alep,Aleppo,,\n\
             Alep,Halab,,\n",
            Path::new("g.csv"),
        )
        .unwrap();
        let findings = lint(&g);
        let kinds: Vec<(&str, &str)> = findings
            .iter()
            .map(|f| (f.kind, f.message.split(':').nth(1).unwrap_or("")))
            .collect();
        assert_eq!(
            kinds,
            [
                ("duplicate", "4"),
                ("variant_collision", "6"),
                ("two_renderings", "8")
            ]
        );
        let clean =
            Glossary::parse_rows("Damas,Damascus\nHoms,Homs\n", Path::new("g.csv")).unwrap();
        assert!(lint(&clean).is_empty());
    }
}
