//! Tests of the aligner on small constructed inputs.

use proptest::prelude::*;

use super::*;

fn units(texts: &[&'static str]) -> Vec<Unit<'static>> {
    texts.iter().map(|t| Unit::plain(t)).collect()
}

/// Units from owned strings, one a line.
fn lines(v: &[String]) -> Vec<Unit<'_>> {
    v.iter().map(|t| Unit::plain(t)).collect()
}

/// Units from owned strings in blocks of three, the first maybe a heading.
fn structured(v: &[String], heading: bool) -> Vec<Unit<'_>> {
    v.iter()
        .enumerate()
        .map(|(k, t)| Unit {
            text: t,
            heading: heading && k == 0,
            level: 0,
            block_end: k % 3 == 2 || k + 1 == v.len(),
        })
        .collect()
}

/// Every sentence of each side is covered once, in order.
fn assert_covers(beads: &[Bead], n: usize, m: usize) {
    let (mut i, mut j) = (0, 0);
    for b in beads {
        assert_eq!(b.fr.start, i);
        assert_eq!(b.en.start, j);
        assert!(!(b.fr.is_empty() && b.en.is_empty()));
        assert!((0.0..=1.0).contains(&b.confidence));
        i = b.fr.end;
        j = b.en.end;
    }
    assert_eq!((i, j), (n, m));
}

#[test]
fn empty_side_gives_one_sided_beads() {
    let fr = units(&["Une phrase.", "Deux phrases."]);
    let beads = align(&fr, &[], &Glossary::default());
    assert_eq!(beads.len(), 2);
    assert!(beads.iter().all(|b| b.en.is_empty() && b.fr.len() == 1));
    let beads = align(&[], &fr, &Glossary::default());
    assert!(beads.iter().all(|b| b.fr.is_empty() && b.en.len() == 1));
    assert!(align(&[], &[], &Glossary::default()).is_empty());
}

#[test]
fn finds_a_merge() {
    let fr = units(&[
        "Le président Obama est arrivé à Paris le 12 mars 2013.",
        "Il a rencontré le ministre Laurent Fabius pendant deux heures.",
        "Ils ont discuté de la Syrie.",
        "Cette phrase n'a pas été traduite du tout, hélas, personne ne sait pourquoi.",
        "La conférence de presse a commencé à 18 heures au Quai d'Orsay.",
    ]);
    let en = units(&[
        "President Obama arrived in Paris on 12 March 2013.",
        "He met minister Laurent Fabius for two hours, and they discussed Syria.",
        "The press conference started at 18:00 at the Quai d'Orsay.",
    ]);
    let beads = align(&fr, &en, &Glossary::default());
    assert_covers(&beads, 5, 3);
    let shapes: Vec<(Range<usize>, Range<usize>)> =
        beads.iter().map(|b| (b.fr.clone(), b.en.clone())).collect();
    assert_eq!(shapes[..2], [(0..1, 0..1), (1..3, 1..2)]);
    // The untranslated sentence ends up with no English or merged with the
    // next one; either way the last English sentence goes with French 4.
    let last = beads.last().unwrap();
    assert!(last.fr.contains(&4) && last.en == (2..3), "{beads:?}");
}

#[test]
fn number_mismatch_is_flagged() {
    let fr = units(&["Il y avait 300 cas de fraude aux États-Unis en 2012."]);
    let en = units(&["There were 30 cases of fraud in the United States in 2012."]);
    let beads = align(&fr, &en, &Glossary::default());
    assert!(beads[0].flags.contains(&"number_mismatch"), "{beads:?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn covers_every_sentence_once_in_order(
        fr in proptest::collection::vec("[a-zA-Z0-9 ,.éÉ'’\u{301}]{0,40}", 0..30),
        en in proptest::collection::vec("[a-zA-Z0-9 ,.]{0,40}", 0..30),
        heading in any::<bool>(),
    ) {
        let (f, e) = (structured(&fr, heading), structured(&en, heading));
        let beads = align(&f, &e, &Glossary::default());
        assert_covers(&beads, fr.len(), en.len());
    }

    #[test]
    fn banded_search_covers_long_documents(n in 200usize..700, m in 200usize..700) {
        // Small full_cells forces the banded, re-centring search.
        let params = Params { full_cells: 1000, band: 5, ..Params::default() };
        let fr: Vec<String> = (0..n).map(|k| format!("Phrase numéro {k} du texte.")).collect();
        let en: Vec<String> = (0..m).map(|k| format!("Sentence number {k} of the text.")).collect();
        let beads = align_with(&lines(&fr), &lines(&en), &Glossary::default(), &params).beads;
        assert_covers(&beads, n, m);
    }
}

#[test]
fn indexed_pair_overlaps_equal_the_pairwise_merge() {
    use super::band::{Band, PairBand};
    use super::features::{extract, mark_repeats, overlap};
    use crate::glossary::{Matcher, Side};
    let fr = units(&[
        "Le 12 mars 2013, Obama arrive à Paris.",
        "Obama rencontre Fabius à Paris.",
        "Fabius parle de la Syrie et de Damas.",
        "Rien à voir.",
    ]);
    let en = units(&[
        "On 12 March 2013 Obama arrived in Paris.",
        "He met Fabius.",
        "Fabius spoke about Syria and Damascus, and Paris.",
    ]);
    let p = Params::default();
    let m = Matcher::new(&Glossary::default());
    let (mut f, mut e) = (
        extract(&fr, Side::Fr, &m, &p),
        extract(&en, Side::En, &m, &p),
    );
    mark_repeats(&mut f);
    mark_repeats(&mut e);
    let pairs = PairBand::new(&Band::full(f.len(), e.len()), &f, &e, super::MAX_RUN);
    let mut nonzero = 0;
    for (i, a) in f.iter().enumerate() {
        for (j, b) in e.iter().enumerate() {
            assert_eq!(pairs.get(i, j), overlap(a, b), "({i}, {j})");
            nonzero += usize::from(pairs.get(i, j).all > 0.0);
        }
    }
    assert!(nonzero >= 4, "the example shares anchors");
}

#[test]
fn marked_headings_pair_only_with_headings() {
    let unit = |text: &'static str, level: u8| Unit {
        text,
        heading: level > 0,
        level,
        block_end: true,
    };
    // The English has a section heading the French lacks, and the French
    // heading's text resembles the English paragraph.
    let fr = [
        unit("Rapport 2024", 1),
        unit("Damas compte 2 000 000 habitants selon le rapport 2024.", 0),
        unit("Homs", 2),
        unit("Homs compte 700 000 habitants.", 0),
    ];
    let en = [
        unit("Report 2024", 1),
        unit(
            "Damascus has 2,000,000 inhabitants according to the 2024 report.",
            0,
        ),
        unit("Background", 2),
        unit("Homs", 2),
        unit("Homs has 700,000 inhabitants.", 0),
    ];
    let beads = align(&fr, &en, &Glossary::default());
    assert_covers(&beads, fr.len(), en.len());
    for b in &beads {
        let hf = b.fr.clone().any(|i| fr[i].heading);
        let he = b.en.clone().any(|j| en[j].heading);
        if !b.fr.is_empty() && !b.en.is_empty() {
            assert_eq!(hf, he, "{beads:?}");
            assert!(!hf || (b.fr.len() == 1 && b.en.len() == 1), "{beads:?}");
        }
    }
    assert!(
        beads.iter().any(|b| b.fr == (2..3) && b.en == (3..4)),
        "{beads:?}"
    );
}

#[test]
fn window_by_window_matches_the_whole_alignment_closely() {
    // Ten dev documents end to end (about 400 sentences a side), aligned
    // whole and in windows of 60 French sentences.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/data/fren-dev");
    let (mut fr, mut en, mut gold) = (Vec::new(), Vec::new(), Vec::new());
    for k in 0..10 {
        let read =
            |ext: &str| std::fs::read_to_string(dir.join(format!("nt13-{k:03}.{ext}"))).unwrap();
        let (of, oe) = (fr.len(), en.len());
        fr.extend(read("fr").lines().map(String::from));
        en.extend(read("en").lines().map(String::from));
        let path = dir.join(format!("nt13-{k:03}.gold"));
        for (f, e) in crate::eval::read_beads(&path).unwrap() {
            gold.push((
                f.iter().map(|i| i + of).collect::<Vec<_>>(),
                e.iter().map(|j| j + oe).collect::<Vec<_>>(),
            ));
        }
    }
    let (f, e) = (lines(&fr), lines(&en));
    let windowed = Params {
        window: 60,
        ..Params::default()
    };
    let score = |p: &Params| {
        let beads = align_with(&f, &e, &Glossary::default(), p).beads;
        assert_covers(&beads, f.len(), e.len());
        let test: Vec<crate::eval::BeadIds> = beads
            .iter()
            .map(|b| (b.fr.clone().collect(), b.en.clone().collect()))
            .collect();
        crate::eval::score(&[(gold.clone(), test)]).f1_strict
    };
    let (whole, parts) = (score(&Params::default()), score(&windowed));
    assert!(
        parts >= 0.9 && parts >= whole - 0.03,
        "whole {whole}, windowed {parts}"
    );
}

/// Sentences of the given lengths, as the scorer sees them.
fn of_lengths(chars: &[f64]) -> Vec<features::Features> {
    chars
        .iter()
        .map(|&chars| features::Features {
            chars,
            ..features::Features::default()
        })
        .collect()
}

#[test]
fn a_free_translation_gets_a_lower_length_weight_and_a_close_one_keeps_it() {
    let params = Params::default();
    let fr = of_lengths(&[100.0; 200]);
    let beads: Vec<search::PathBead> = (0..200).map(|k| (k, k, 0)).collect();
    let weight = |beads: &[search::PathBead], en: &[f64], params: &Params| {
        fitted_length_weight(beads, &fr, &of_lengths(en), 1.0, params).unwrap_or(params.w_len)
    };
    let fit = |en: &[f64]| weight(&beads, en, &params);
    // Lengths within a few characters: the weight stays as fitted.
    let close: Vec<f64> = (0..200).map(|k| 100.0 + (k % 7) as f64).collect();
    assert_eq!(fit(&close), params.w_len);
    // Every pair 30 characters apart (d² / (l₁ + l₂) = 900 / 230 or 900 / 170,
    // about 4 or 5, ten times the reference): lowered, by at most LEN_SCALE_MAX.
    let loose: Vec<f64> = (0..200)
        .map(|k| if k % 2 == 0 { 130.0 } else { 70.0 })
        .collect();
    assert_eq!(fit(&loose), params.w_len / LEN_SCALE_MAX);
    // Between the two: lowered in proportion (d = 16: about 1.2 or 1.4).
    let some: Vec<f64> = (0..200)
        .map(|k| if k % 2 == 0 { 116.0 } else { 84.0 })
        .collect();
    let w = fit(&some);
    assert!(w < params.w_len && w > params.w_len / LEN_SCALE_MAX, "{w}");
    // Sixty beads say less: the weight moves less; fewer than
    // LEN_SPREAD_MIN_BEADS, not at all.
    let moved = |k: usize, en: &[f64]| weight(&beads[..k], en, &params);
    assert!(moved(60, &some) > moved(200, &some), "{}", moved(60, &some));
    assert!(moved(60, &some) < params.w_len);
    assert_eq!(moved(LEN_SPREAD_MIN_BEADS - 1, &loose), params.w_len);
    // Off: never changed.
    let off = Params {
        len_spread: 0.0,
        ..Params::default()
    };
    assert_eq!(weight(&beads, &loose, &off), off.w_len);
}
