//! Alignment accuracy on the dev data (benches/data), pooled and scored as
//! `benches/align_score.py` scores it. The bar: strict F1 at least
//! 0.92 on fren-dev and 0.85 on textberg-dev (hunalign: 0.774 and 0.659).

use std::path::{Path, PathBuf};

use tralign::eval::{self, BeadIds};
use tralign::glossary::Glossary;
use tralign::segment::Lang;
use tralign::{align::Params, align_sentences, Segmented};

fn data(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("benches/data")
        .join(rel)
}

fn aligned(fr: &Path, en: &Path) -> Vec<BeadIds> {
    let fr = Segmented::read(fr, Lang::Fr, true).unwrap();
    let en = Segmented::read(en, Lang::En, true).unwrap();
    align_sentences(fr, en, &Glossary::default(), &Params::default())
        .beads
        .iter()
        .map(|b| (b.fr.clone().collect(), b.en.clone().collect()))
        .collect()
}

#[test]
fn fren_dev_strict_f1_beats_the_bar() {
    let pairs: Vec<(Vec<BeadIds>, Vec<BeadIds>)> = (0..75)
        .map(|k| {
            let name = format!("fren-dev/nt13-{k:03}");
            let gold = eval::read_beads(&data(&format!("{name}.gold"))).unwrap();
            let test = aligned(&data(&format!("{name}.fr")), &data(&format!("{name}.en")));
            (gold, test)
        })
        .collect();
    let s = eval::score(&pairs);
    assert!(s.f1_strict >= 0.92, "{}", s.to_json());
}

#[test]
fn textberg_dev_strict_f1_beats_the_bar() {
    let gold = eval::read_beads(&data("textberg-dev/dev.defr")).unwrap();
    let test = aligned(&data("textberg-dev/dev.de"), &data("textberg-dev/dev.fr"));
    let s = eval::score(&[(gold, test)]);
    assert!(s.f1_strict >= 0.85, "{}", s.to_json());
}
