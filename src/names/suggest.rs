//! `tralign glossary suggest`: new glossary entries from the name pairs
//! of document pairs.

use super::DocumentName;
use crate::glossary::{term_key, Entry, Glossary, Kind, Side, Status};

/// New glossary entries from name pairs: every pair whose French form the
/// glossary does not already render that way, in the order given, with
/// `status=proposed`, the evidence in `note` (the count, the documents —
/// `docs[k]` lists those of `names[k]`, the first holding
/// [`DocumentName::first_bead`] — and an example bead), and `source` saying
/// where it was seen. A pair from the shipped list of international
/// organisations says so and takes that list's kind.
pub fn suggest(
    names: &[DocumentName],
    docs: &[&[String]],
    glossary: &Glossary,
    source: &str,
) -> Glossary {
    let pairs_of = |g: &Glossary| -> std::collections::HashSet<(String, String)> {
        g.entries
            .iter()
            .flat_map(|e| {
                let en: Vec<String> = e.forms(Side::En).map(term_key).collect();
                e.forms(Side::Fr)
                    .map(term_key)
                    .flat_map(move |f| en.clone().into_iter().map(move |x| (f.clone(), x)))
            })
            .collect()
    };
    let known = pairs_of(glossary);
    let organisations = Glossary::organisations();
    let listed = pairs_of(organisations);
    let mut out = Glossary::default();
    for (k, n) in names.iter().enumerate() {
        let key = (term_key(&n.fr), term_key(&n.en));
        if known.contains(&key) {
            continue;
        }
        let from_list = listed.contains(&key);
        let acronym = [&n.fr, &n.en].iter().all(|t| {
            t.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !t.chars().any(char::is_lowercase)
        });
        let kind = if from_list {
            organisations
                .entries
                .iter()
                .find(|e| term_key(&e.fr) == key.0)
                .and_then(|e| e.kind)
        } else {
            acronym.then_some(Kind::Acronym)
        };
        let in_docs = docs.get(k).copied().unwrap_or_default();
        let mut distinct: Vec<&str> = Vec::new();
        for d in in_docs {
            if !distinct.contains(&d.as_str()) {
                distinct.push(d);
            }
        }
        let shown_docs = match distinct.len() {
            0 => String::new(),
            1 => format!(" in {}", distinct[0]),
            n => format!(" in {n} documents ({})", distinct.join(", ")),
        };
        let how = if from_list {
            "tralign's list of international organisations".to_string()
        } else {
            format!("{}, confidence {:.2}", n.source.as_str(), n.confidence)
        };
        let example = match distinct.first() {
            Some(first) if distinct.len() > 1 => format!("bead {} of {first}", n.first_bead),
            _ => format!("bead {}", n.first_bead),
        };
        out.entries.push(Entry {
            fr: n.fr.clone(),
            en: n.en.clone(),
            kind,
            note: format!(
                "seen {} time{}{shown_docs} ({how}), e.g. {example}",
                n.count,
                if n.count == 1 { "" } else { "s" },
            ),
            status: Some(Status::Proposed),
            source: source.to_string(),
            ..Entry::default()
        });
    }
    out
}
