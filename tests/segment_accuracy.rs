//! Segmentation accuracy on newstest2013 cases (benches/data/seg), scored the
//! way `benches/seg_score.py` scores them: exact match per case and boundary
//! precision/recall/F1 (a boundary = count of non-space characters before a
//! sentence start). The bar: exact ≥ 0.93 and boundary F1 ≥ 0.99.

use std::collections::BTreeSet;

use tralign::segment::Lang;
use tralign::Segmented;

fn boundaries(sentences: &[String]) -> BTreeSet<usize> {
    let mut out = BTreeSet::new();
    let mut n = 0;
    for s in sentences.iter().take(sentences.len().saturating_sub(1)) {
        n += s.chars().filter(|c| !c.is_whitespace()).count();
        out.insert(n);
    }
    out
}

fn score(lang: Lang, file: &str) -> (f64, f64) {
    let path = format!("{}/benches/data/seg/{file}", env!("CARGO_MANIFEST_DIR"));
    let data = std::fs::read_to_string(path).unwrap();
    let (mut cases, mut exact, mut tp, mut fp, mut fn_) = (0, 0, 0, 0, 0);
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let case: serde_json::Value = serde_json::from_str(line).unwrap();
        let seg = Segmented::from_text(case["text"].as_str().unwrap().to_string(), lang, false);
        let got: Vec<String> = seg
            .sentences
            .iter()
            .map(|s| seg.sentence_text(s).replace('\n', " ").trim().to_string())
            .collect();
        let want: Vec<String> = case["sentences"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().trim().to_string())
            .collect();
        cases += 1;
        exact += usize::from(got == want);
        let (g, w) = (boundaries(&got), boundaries(&want));
        tp += g.intersection(&w).count();
        fp += g.difference(&w).count();
        fn_ += w.difference(&g).count();
    }
    let p = tp as f64 / (tp + fp) as f64;
    let r = tp as f64 / (tp + fn_) as f64;
    (exact as f64 / cases as f64, 2.0 * p * r / (p + r))
}

#[test]
fn french_news_segmentation_beats_the_bar() {
    let (exact, f1) = score(Lang::Fr, "news13_fr.jsonl");
    assert!(
        exact >= 0.93 && f1 >= 0.99,
        "exact {exact:.4} boundary F1 {f1:.4}"
    );
}

#[test]
fn english_news_segmentation_beats_the_bar() {
    let (exact, f1) = score(Lang::En, "news13_en.jsonl");
    assert!(
        exact >= 0.93 && f1 >= 0.99,
        "exact {exact:.4} boundary F1 {f1:.4}"
    );
}

/// pySBD's 48 English "golden rules" (tests/data/golden_rules_en.jsonl; see
/// tests/data/README.md): abbreviations, numbers, quotes, inline lists,
/// ellipses. pySBD itself gets 47; the bar is 46.
#[test]
fn english_golden_rules_mostly_exact() {
    let path = format!(
        "{}/tests/data/golden_rules_en.jsonl",
        env!("CARGO_MANIFEST_DIR")
    );
    let data = std::fs::read_to_string(path).unwrap();
    let mut failed = Vec::new();
    let mut total = 0;
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let case: serde_json::Value = serde_json::from_str(line).unwrap();
        let seg = Segmented::from_text(case["text"].as_str().unwrap().to_string(), Lang::En, false);
        let got: Vec<String> = seg
            .sentences
            .iter()
            .map(|s| seg.sentence_text(s).trim().to_string())
            .collect();
        let want: Vec<String> = case["sentences"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect();
        total += 1;
        if got != want {
            failed.push((case["rule"].clone(), got));
        }
    }
    assert_eq!(total, 48);
    assert!(
        failed.len() <= 2,
        "{} exact; failed: {failed:?}",
        total - failed.len()
    );
}
