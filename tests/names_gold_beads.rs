//! Name pairing on the gold alignment of the seed pair: the pairs computed
//! from the aligner's beads must be the pairs computed from the gold beads,
//! so that aligner errors (merged 2-2 beads) are known not to cost names.

use std::collections::BTreeSet;
use std::path::Path;

use tralign::align::{Bead, Evidence, Params};
use tralign::glossary::{term_key, Glossary};
use tralign::segment::Lang;
use tralign::{align_documents, eval, names, Alignment, Segmented};

fn distinct(per_bead: &[Vec<names::NamePair>]) -> BTreeSet<(String, String)> {
    names::document_names(per_bead)
        .into_iter()
        .map(|n| (term_key(&n.fr), term_key(&n.en)))
        .collect()
}

#[test]
fn aligner_beads_give_the_same_names_as_gold_beads() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/syria-2024");
    for glossary in [
        Glossary::default(),
        Glossary::read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("glossaries/syria.csv"))
            .unwrap(),
    ] {
        let fr = Segmented::read(&dir.join("fr.txt"), Lang::Fr, false).unwrap();
        let en = Segmented::read(&dir.join("en.txt"), Lang::En, false).unwrap();
        let aligned = align_documents(fr.clone(), en.clone(), &glossary, &Params::default());
        let gold_beads = eval::read_beads(&dir.join("gold.beads")).unwrap();
        let range = |ids: &[usize]| match (ids.first(), ids.last()) {
            (Some(a), Some(b)) => *a..*b + 1,
            _ => 0..0,
        };
        let mut gold = Alignment {
            fr,
            en,
            beads: gold_beads
                .iter()
                .map(|(f, e)| Bead {
                    fr: range(f),
                    en: range(e),
                    confidence: 1.0,
                    flags: Vec::new(),
                })
                .collect(),
            evidence: Evidence {
                on_path: 1.0,
                baseline: 1.0,
                coverage: 1.0,
            },
            translation: true,
            names: Vec::new(),
            findings: Vec::new(),
        };
        gold.names = names::pair_alignment(gold.bitext(), &glossary);
        assert_eq!(distinct(&aligned.names), distinct(&gold.names));
    }
}
