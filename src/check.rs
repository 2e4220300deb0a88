//! Translation QA over an [`Alignment`]: glossary terms whose rendering is
//! missing, numbers that differ, and names rendered two ways.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use crate::glossary::{term_key, Glossary, Matcher, Side};
use crate::text::{self, TokenKind};
use crate::Alignment;

/// One problem found by [`check`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Issue {
    /// `missing_term`, `number_mismatch` or `inconsistent_name`.
    pub kind: &'static str,
    /// The bead (1-based) where it shows.
    pub bead: usize,
    /// What is wrong.
    pub message: String,
    /// The bead's French text.
    pub fr: String,
    /// The bead's English text.
    pub en: String,
}

/// Checks every bead that has text on both sides:
///
/// - **missing_term**: a glossary term (or variant) occurs in the French but
///   none of its English renderings occurs in the aligned English;
/// - **number_mismatch**: the normalised numbers differ (`1 200,5` and
///   `1,200.5` are the same number; an ordinal counts as its number, so
///   `le 1er janvier` agrees with `1 January`);
/// - **inconsistent_name**: a French name paired, in the document, with two
///   different English forms (from [`Alignment::names`]).
///
/// Issues come in bead order.
pub fn check(alignment: &Alignment, glossary: &Glossary) -> Vec<Issue> {
    let matcher = Matcher::new(glossary);
    let mut issues = Vec::new();
    let side_keys = |side: &crate::Segmented, r: std::ops::Range<usize>| {
        r.map(|i| text::tokens(side.sentence_text(&side.sentences[i])))
            .collect::<Vec<_>>()
    };
    // French name key → (first English form, its key, bead).
    let mut renderings: HashMap<String, (String, String, usize)> = HashMap::new();
    for (k, b) in alignment.beads.iter().enumerate() {
        let bead = k + 1;
        let fr_text = Alignment::side_text(&alignment.fr, b.fr.clone());
        let en_text = Alignment::side_text(&alignment.en, b.en.clone());
        let issue = |kind, message| Issue {
            kind,
            bead,
            message,
            fr: fr_text.clone(),
            en: en_text.clone(),
        };
        if !b.fr.is_empty() && !b.en.is_empty() {
            let fr_tokens = side_keys(&alignment.fr, b.fr.clone());
            let en_tokens = side_keys(&alignment.en, b.en.clone());
            if !matcher.is_empty() {
                let found = |tokens: &Vec<Vec<text::Token>>, side| {
                    let mut out = Vec::new();
                    for t in tokens {
                        let keys: Vec<&str> = t.iter().map(|t| t.key.as_str()).collect();
                        for e in matcher.find(&keys, side) {
                            if !out.contains(&e) {
                                out.push(e);
                            }
                        }
                    }
                    out
                };
                let in_en = found(&en_tokens, Side::En);
                let en_fr_keys: BTreeSet<String> = in_en
                    .iter()
                    .map(|&e| term_key(&glossary.entries[e].fr))
                    .collect();
                let mut reported = BTreeSet::new();
                for e in found(&fr_tokens, Side::Fr) {
                    let entry = &glossary.entries[e];
                    let key = term_key(&entry.fr);
                    if en_fr_keys.contains(&key) || !reported.insert(key) {
                        continue;
                    }
                    issues.push(issue(
                        "missing_term",
                        format!(
                            "glossary term {:?} is in the French but its English {:?} is not in the English",
                            entry.fr, entry.en
                        ),
                    ));
                }
            }
            let numbers = |tokens: &Vec<Vec<text::Token>>| -> BTreeSet<String> {
                tokens
                    .iter()
                    .flatten()
                    .filter_map(|t| match t.kind {
                        TokenKind::Number => Some(t.key.clone()),
                        TokenKind::Word => text::ordinal_key(&t.key),
                    })
                    .collect()
            };
            let (nf, ne) = (numbers(&fr_tokens), numbers(&en_tokens));
            if nf != ne {
                let list = |s: Vec<&String>| {
                    if s.is_empty() {
                        "none".to_string()
                    } else {
                        s.iter().map(|x| x.as_str()).collect::<Vec<_>>().join(", ")
                    }
                };
                issues.push(issue(
                    "number_mismatch",
                    format!(
                        "numbers differ: only in the French {}; only in the English {}",
                        list(nf.difference(&ne).collect()),
                        list(ne.difference(&nf).collect())
                    ),
                ));
            }
        }
        for p in alignment.names.get(k).into_iter().flatten() {
            let (fk, ek) = (term_key(&p.fr), term_key(&p.en));
            match renderings.get(&fk) {
                None => {
                    renderings.insert(fk, (p.en.clone(), ek, bead));
                }
                Some((first, first_key, first_bead)) if *first_key != ek => {
                    issues.push(issue(
                        "inconsistent_name",
                        format!(
                            "{:?} is rendered {:?} here but {:?} in bead {}",
                            p.fr, p.en, first, first_bead
                        ),
                    ));
                }
                Some(_) => {}
            }
        }
    }
    issues
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Lang;
    use crate::Segmented;
    use std::path::Path;

    fn issues(fr: &str, en: &str, glossary: &str) -> Vec<(&'static str, usize)> {
        let g = Glossary::parse(glossary, Path::new("g.csv")).unwrap();
        let fr = Segmented::from_text(fr.into(), Lang::Fr, true);
        let en = Segmented::from_text(en.into(), Lang::En, true);
        let al = crate::align_documents(fr, en, &g, &crate::align::Params::default());
        check(&al, &g).iter().map(|i| (i.kind, i.bead)).collect()
    }

    #[test]
    fn finds_each_kind_of_issue() {
        let g = "fr,en,en_variants\nDamas,Damascus,\nSweida,Suwayda,Sweida\n";
        let mut kinds: Vec<&str> = issues(
            "Les forces quittent Damas.\nIl y a 1 200,5 tonnes.\nÀ Sweida, rien.\nSweida est calme.",
            "Forces leave the capital.\nThere are 1,200.6 tonnes.\nIn Sweida, nothing.\nSuwayda is calm.",
            g,
        )
        .into_iter()
        .map(|i| i.0)
        .collect();
        kinds.sort_unstable();
        assert_eq!(
            kinds,
            ["inconsistent_name", "missing_term", "number_mismatch"]
        );
        assert!(issues(
            "Les forces quittent Damas.\nIl y a 1 200,5 tonnes.",
            "Forces leave Damascus.\nThere are 1,200.5 tonnes.",
            g
        )
        .is_empty());
    }
}
