//! Glossary maintenance: `lint` (duplicates, two renderings of one term,
//! colliding variants) and `merge`. (`suggest`, new entries from a document
//! pair's name pairs, is [`crate::names::suggest`]: the glossary sits below
//! the names.)

use std::collections::{BTreeMap, HashMap};

use super::{term_key, Conflict, Entry, Glossary, Side};

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

/// Merges glossaries, in order. An entry that an earlier glossary already
/// has (same French and English terms, by [`term_key`]) is kept once, its
/// variants joined and its empty fields filled from the later one. A French
/// term that two glossaries render differently is a conflict: with
/// `prefer` (the index of a glossary) the preferred glossary's rendering is
/// kept and the other dropped; without it both are kept. Every conflict is
/// returned, whether settled or not.
pub fn merge(glossaries: Vec<Glossary>, prefer: Option<usize>) -> (Glossary, Vec<Conflict>) {
    let mut out: Vec<(usize, Entry)> = Vec::new();
    let mut conflicts = Vec::new();
    for (g, glossary) in glossaries.into_iter().enumerate() {
        for e in glossary.entries {
            let (fr, en) = (term_key(&e.fr), term_key(&e.en));
            if let Some((_, same)) = out
                .iter_mut()
                .find(|(_, o)| term_key(&o.fr) == fr && term_key(&o.en) == en)
            {
                fill(same, e);
                continue;
            }
            let rival = out
                .iter()
                .position(|(og, o)| *og != g && term_key(&o.fr) == fr);
            match rival {
                Some(r) => {
                    conflicts.push(Conflict {
                        first: out[r].1.clone(),
                        second: e.clone(),
                    });
                    match prefer {
                        Some(p) if p == g => out[r] = (g, e),
                        Some(p) if p == out[r].0 => {}
                        _ => out.push((g, e)),
                    }
                }
                None => out.push((g, e)),
            }
        }
    }
    let merged = Glossary {
        entries: out.into_iter().map(|(_, e)| e).collect(),
    };
    (merged, conflicts)
}

/// Joins `later` into `kept`, the same entry read again: variants added,
/// empty fields filled.
fn fill(kept: &mut Entry, later: Entry) {
    for (mine, theirs) in [
        (&mut kept.fr_variants, later.fr_variants),
        (&mut kept.en_variants, later.en_variants),
    ] {
        for v in theirs {
            if !mine.iter().any(|m| term_key(m) == term_key(&v)) {
                mine.push(v);
            }
        }
    }
    kept.kind = kept.kind.or(later.kind);
    kept.status = kept.status.or(later.status);
    for (mine, theirs) in [
        (&mut kept.note, later.note),
        (&mut kept.source, later.source),
    ] {
        if mine.is_empty() {
            *mine = theirs;
        }
    }
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

    #[test]
    fn merge_joins_repeats_and_settles_conflicts() {
        let a = Glossary::parse_rows(
            "fr,en,en_variants\nDamas,Damascus,Dimashq\nAlep,Aleppo,\n",
            Path::new("a.csv"),
        )
        .unwrap();
        let b = Glossary::parse_rows(
            "fr,en,en_variants,note\nDAMAS,damascus,Ash-Sham,capital\nAlep,Halab,,\nHoms,Homs,,\n",
            Path::new("b.csv"),
        )
        .unwrap();
        let shown = |g: &Glossary| -> Vec<String> {
            g.entries
                .iter()
                .map(|e| format!("{}={} {:?} {}", e.fr, e.en, e.en_variants, e.note))
                .collect()
        };
        let (m, conflicts) = merge(vec![a.clone(), b.clone()], None);
        assert_eq!(
            shown(&m),
            [
                "Damas=Damascus [\"Dimashq\", \"Ash-Sham\"] capital",
                "Alep=Aleppo [] ",
                "Alep=Halab [] ",
                "Homs=Homs [] "
            ]
        );
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].second.en, "Halab");
        let (m, _) = merge(vec![a.clone(), b.clone()], Some(1));
        assert_eq!(shown(&m)[1], "Alep=Halab [] ");
        assert_eq!(m.entries.len(), 3);
        let (m, _) = merge(vec![a, b], Some(0));
        assert_eq!(shown(&m)[1], "Alep=Aleppo [] ");
        assert_eq!(m.entries.len(), 3);
    }
}
