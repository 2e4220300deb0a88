//! Names, glossaries and translation QA through the binary: `names`,
//! `glossary suggest|lint`, `check`, the glossary formats and their errors,
//! and the `names` column of `align`.

mod util;

use std::collections::BTreeSet;
use std::path::PathBuf;

use tralign::glossary::term_key;
use util::{seed, shipped, Dir};

/// Distinct (fr, en) pairs of a CSV with the given two columns, compared by
/// `term_key` (case, accents and separators aside).
fn pairs(csv_text: &str, fr_col: &str, en_col: &str) -> BTreeSet<(String, String)> {
    let mut r = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .from_reader(csv_text.as_bytes());
    let headers = r.headers().unwrap().clone();
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (f, e) = (at(fr_col), at(en_col));
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            (term_key(&rec[f]), term_key(&rec[e]))
        })
        .collect()
}

fn gold() -> BTreeSet<(String, String)> {
    let text = std::fs::read_to_string(seed("names.csv")).unwrap();
    pairs(&text, "fr_name", "en_name")
}

/// (precision, recall) of `found` against `gold`.
fn precision_recall(
    found: &BTreeSet<(String, String)>,
    gold: &BTreeSet<(String, String)>,
) -> (f64, f64) {
    let hit = found.intersection(gold).count() as f64;
    (hit / found.len().max(1) as f64, hit / gold.len() as f64)
}

#[test]
fn names_with_the_syria_glossary_match_the_gold_list() {
    let d = Dir::new();
    let out = d
        .run(&[
            "names",
            &seed("fr.txt"),
            &seed("en.txt"),
            "-g",
            &shipped("syria.csv"),
        ])
        .ok();
    let found = pairs(&out, "fr_name", "en_name");
    let (p, r) = precision_recall(&found, &gold());
    eprintln!("names with glossary: precision {p:.3} recall {r:.3}");
    assert!(p >= 0.98 && r >= 0.95, "precision {p} recall {r}\n{out}");
    let header = out.lines().next().unwrap();
    assert_eq!(header, "fr_name,en_name,count,source,confidence,first_bead");
}

#[test]
fn suggest_without_glossary_recovers_most_names() {
    let d = Dir::new();
    let out = d
        .run(&["glossary", "suggest", &seed("fr.txt"), &seed("en.txt")])
        .ok();
    let found = pairs(&out, "fr", "en");
    let (p, r) = precision_recall(&found, &gold());
    eprintln!("suggest without glossary: precision {p:.3} recall {r:.3}");
    assert!(p >= 0.90 && r >= 0.80, "precision {p} recall {r}\n{out}");
    // Every row is proposed, with its evidence.
    assert!(
        out.lines().skip(1).all(|l| l.contains(",proposed,")),
        "{out}"
    );
    assert!(out.contains("e.g. bead "), "{out}");
}

#[test]
fn suggested_entries_are_a_readable_glossary_and_not_suggested_again() {
    let d = Dir::new();
    let proposed = d.path("proposed.csv");
    d.run(&[
        "glossary",
        "suggest",
        &seed("fr.txt"),
        &seed("en.txt"),
        "-o",
        proposed.to_str().unwrap(),
    ])
    .ok();
    let again = d
        .run(&[
            "glossary",
            "suggest",
            &seed("fr.txt"),
            &seed("en.txt"),
            "-g",
            proposed.to_str().unwrap(),
        ])
        .ok();
    assert_eq!(again.lines().count(), 1, "{again}");
    let names = d
        .run(&[
            "names",
            &seed("fr.txt"),
            &seed("en.txt"),
            "-g",
            proposed.to_str().unwrap(),
        ])
        .ok();
    assert!(
        names.contains("Damas,Damascus,5,glossary,1.000,"),
        "{names}"
    );
}

#[test]
fn names_output_is_deterministic_and_has_jsonl() {
    let d = Dir::new();
    let args = ["names", &seed("fr.txt"), &seed("en.txt"), "-f", "jsonl"];
    let a = d.run(&args).ok();
    assert_eq!(a, d.run(&args).ok());
    let first: serde_json::Value = serde_json::from_str(a.lines().next().unwrap()).unwrap();
    assert_eq!(first["fr_name"], "Damas");
    assert_eq!(first["en_name"], "Damascus");
    assert_eq!(first["source"], "similar");
    assert!(first["count"].as_u64().unwrap() >= 1);
}

#[test]
fn align_csv_and_jsonl_carry_the_names_of_each_bead() {
    let d = Dir::new();
    let csv_out = d
        .run(&[
            "align",
            &seed("fr.txt"),
            &seed("en.txt"),
            "-g",
            &shipped("syria.csv"),
        ])
        .ok();
    let mut r = csv::Reader::from_reader(csv_out.as_bytes());
    let headers = r.headers().unwrap().clone();
    assert_eq!(headers.iter().nth(8), Some("names"));
    assert_eq!(headers.iter().nth(7), Some("flags"));
    let cells: Vec<String> = r.records().map(|x| x.unwrap()[8].to_string()).collect();
    assert!(
        cells.iter().any(|c| c.contains("Sweida=Suwayda")),
        "{cells:?}"
    );
    assert!(cells.iter().any(|c| c.contains("; ")), "{cells:?}");
    let jsonl = d
        .run(&["align", &seed("fr.txt"), &seed("en.txt"), "-f", "jsonl"])
        .ok();
    let any = jsonl.lines().any(|l| {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        v["names"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["fr"] == "Palmyre" && p["en"] == "Palmyra" && p["source"] == "similar")
    });
    assert!(any, "{jsonl}");
}

#[test]
fn check_is_quiet_on_the_clean_pair() {
    let d = Dir::new();
    let run = d.run(&[
        "check",
        &seed("fr.txt"),
        &seed("en.txt"),
        "-g",
        &shipped("syria.csv"),
    ]);
    // The seed pair's only findings are its own untranslated French
    // sentence and added English one (tests/findings_cli.rs).
    assert_eq!(run.code(), 1, "{}{}", run.stdout(), run.stderr());
    let out = run.stdout();
    let kinds: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("bead "))
        .map(|l| l.split(' ').nth(2).unwrap())
        .collect();
    assert_eq!(kinds, ["added", "untranslated"], "{out}");
    assert!(out.contains("bead 17: untranslated"), "{out}");
}

/// A copy of the seed English with `from` replaced by `to`.
fn edited_english(d: &Dir, from: &str, to: &str) -> PathBuf {
    let en = std::fs::read_to_string(seed("en.txt")).unwrap();
    assert!(en.contains(from));
    d.file("en-edited.txt", en.replacen(from, to, 1))
}

#[test]
fn check_finds_a_removed_glossary_term() {
    let d = Dir::new();
    let en = edited_english(
        &d,
        "taken control of Kanaker",
        "taken control of the village",
    );
    let run = d.run(&[
        "check",
        &seed("fr.txt"),
        en.to_str().unwrap(),
        "-g",
        &shipped("syria.csv"),
    ]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    let out = run.stdout();
    assert!(
        out.contains("missing_term (minor) ") && out.contains("glossary term \"Knaikera\""),
        "{out}"
    );
    assert!(
        out.contains("  fr: ") && out.contains("control of the village"),
        "{out}"
    );
    assert_eq!(out.matches("missing_term").count(), 1, "{out}");
    assert!(!out.contains("number_mismatch"), "{out}");
}

#[test]
fn check_finds_a_changed_number() {
    let d = Dir::new();
    let en = edited_english(&d, "12 kilometres", "15 kilometres");
    let run = d.run(&[
        "check",
        &seed("fr.txt"),
        en.to_str().unwrap(),
        "-f",
        "jsonl",
    ]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    let issues: Vec<serde_json::Value> = run
        .stdout()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        // The seed pair's own untranslated and added sentences aside.
        .filter(|i| i["kind"] != "untranslated" && i["kind"] != "added")
        .collect();
    assert_eq!(issues.len(), 1, "{}", run.stdout());
    assert_eq!(issues[0]["kind"], "number_mismatch");
    let message = issues[0]["message"].as_str().unwrap();
    assert!(
        message.contains("12") && message.contains("15"),
        "{message}"
    );
    assert!(issues[0]["en"].as_str().unwrap().contains("15 kilometres"));
    assert!(issues[0]["bead"].as_u64().unwrap() >= 1);
}

#[test]
fn check_finds_a_name_rendered_two_ways() {
    let d = Dir::new();
    let en = edited_english(&d, "In Suwayda, local", "In Sweida, local");
    let run = d.run(&["check", &seed("fr.txt"), en.to_str().unwrap()]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(
        run.stdout().contains("inconsistent_name (minor) ")
            && run
                .stdout()
                .contains("\"Sweida\" is rendered \"Sweida\" here but \"Suwayda\""),
        "{}",
        run.stdout()
    );
}

#[test]
fn glossary_errors_name_file_and_line() {
    let d = Dir::new();
    for (name, text, want) in [
        (
            "header.csv",
            "fr,en,colour\nDamas,Damascus,red\n",
            "header.csv:1: bad header: unknown column \"colour\"",
        ),
        (
            "missing.csv",
            "# places\nfr,kind\nDamas,place\n",
            "missing.csv:2: bad header: missing column \"en\"",
        ),
        (
            "quote.csv",
            "fr,en\nHoms,Homs\n\"Damas,Damascus\n",
            "quote.csv:3: unclosed quote",
        ),
        (
            "dup.csv",
            "fr,en\nDamas,Damascus\nHoms,Homs\nDAMAS,damascus\n",
            "dup.csv:4: duplicate entry",
        ),
        (
            "short.csv",
            "Damas,Damascus\nHoms\n",
            "short.csv:2: expected 2 columns",
        ),
        (
            "kind.csv",
            "fr,en,kind\nDamas,Damascus,city\n",
            "kind.csv:2: unknown kind",
        ),
    ] {
        let g = d.file(name, text);
        let err = d
            .run(&[
                "names",
                &seed("fr.txt"),
                &seed("en.txt"),
                "-g",
                g.to_str().unwrap(),
            ])
            .fails();
        assert!(err.contains(want), "{name}: {err}");
    }
}

#[test]
fn glossary_formats_are_all_read() {
    let d = Dir::new();
    for (name, text) in [
        ("plain.csv", "Damas,Damascus\nPalmyre,Palmyra\n"),
        (
            "header.csv",
            "# source: test\nfr,en\nDamas,Damascus\nPalmyre,Palmyra\n",
        ),
        ("plain.tsv", "fr\ten\nDamas\tDamascus\nPalmyre\tPalmyra\n"),
        (
            "omegat.txt",
            "Damas\tDamascus\tcapital\nPalmyre\tPalmyra\t\n",
        ),
        (
            "full.csv",
            "fr,en,kind,fr_variants,en_variants,note,status,source\n\
             Damas,Damascus,place,,Dimashq,\"capital, Syria\",approved,test\n\
             Palmyre,Palmyra,place,Tadmor,Tadmur,,proposed,test\n",
        ),
    ] {
        let g = d.file(name, text);
        let out = d
            .run(&[
                "names",
                &seed("fr.txt"),
                &seed("en.txt"),
                "-g",
                g.to_str().unwrap(),
            ])
            .ok();
        assert!(out.contains("Damas,Damascus,5,glossary"), "{name}: {out}");
        assert!(out.contains("Palmyre,Palmyra,4,glossary"), "{name}: {out}");
    }
}

#[test]
fn glossary_variants_are_matched() {
    let d = Dir::new();
    let g = d.file(
        "g.csv",
        "fr,en,en_variants\nSweida,As-Suwayda,Suwayda\nPalmyre,Tadmur,Palmyra\n",
    );
    let out = d
        .run(&[
            "names",
            &seed("fr.txt"),
            &seed("en.txt"),
            "-g",
            g.to_str().unwrap(),
        ])
        .ok();
    assert!(out.contains("Sweida,Suwayda,3,glossary"), "{out}");
    assert!(out.contains("Palmyre,Palmyra,4,glossary"), "{out}");
}

#[test]
fn conflicting_glossaries_are_reported_not_resolved() {
    let d = Dir::new();
    let a = d.file("a.csv", "fr,en\nHoms,Homs\nDamas,Damascus\n");
    let b = d.file("b.csv", "# other\nDamas,Dimashq\nHoms,Homs\n");
    let run = d.run(&[
        "names",
        &seed("fr.txt"),
        &seed("en.txt"),
        "-g",
        a.to_str().unwrap(),
        "-g",
        b.to_str().unwrap(),
    ]);
    let out = run.ok();
    let err = run.stderr();
    assert!(err.contains("warning: glossary conflict"), "{err}");
    assert!(err.contains("a.csv:3") && err.contains("b.csv:2"), "{err}");
    assert!(err.contains("Dimashq") && err.contains("Damascus"), "{err}");
    assert_eq!(err.matches("conflict").count(), 1, "{err}");
    assert!(out.contains("Damas,Damascus,5,glossary"), "{out}");
}

#[test]
fn lint_reports_problems_and_passes_the_shipped_glossaries() {
    let d = Dir::new();
    let g = d.file(
        "g.csv",
        "fr,en,fr_variants\nDamas,Damascus,\nDamas,Damascus,\nAlep,Aleppo,\nAlep,Halab,\nDeraa,Daraa,Daraa\nDaraa,Deraa,\n",
    );
    let run = d.run(&["glossary", "lint", g.to_str().unwrap()]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    let out = run.stdout();
    for want in [
        "duplicate: ",
        "g.csv:3: duplicate entry \"Damas\"",
        "two_renderings: ",
        "g.csv:5: \"Alep\" is rendered \"Halab\"",
        "variant_collision: ",
        "g.csv:7:",
    ] {
        assert!(out.contains(want), "{want}: {out}");
    }
    for file in ["syria.csv", "places-fr-en.csv"] {
        let run = d.run(&["glossary", "lint", &shipped(file)]);
        assert_eq!(run.code(), 0, "{file}: {}{}", run.stdout(), run.stderr());
        assert!(run.stderr().contains("0 finding(s)"), "{}", run.stderr());
    }
}

#[test]
fn output_may_not_overwrite_an_input() {
    let d = Dir::new();
    let g = d.file("g.csv", "Damas,Damascus\n");
    let err = d
        .run(&[
            "glossary",
            "suggest",
            &seed("fr.txt"),
            &seed("en.txt"),
            "-g",
            g.to_str().unwrap(),
            "-o",
            g.to_str().unwrap(),
        ])
        .fails();
    assert!(err.contains("output path is also an input"), "{err}");
    assert_eq!(std::fs::read_to_string(&g).unwrap(), "Damas,Damascus\n");
}

#[test]
fn check_reads_ordinals_and_french_numbers() {
    let d = Dir::new();
    let fr = d.file(
        "fr.txt",
        "Le Dr Hassan est arrivé le 1er janvier à Idleb.\nIl a compté 1 200,5 tonnes.\n",
    );
    let en = d.file(
        "en.txt",
        "Dr Hassan arrived in Idlib on 1 January.\nHe counted 1,200.5 tonnes.\n",
    );
    let run = d.run(&["check", fr.to_str().unwrap(), en.to_str().unwrap()]);
    assert_eq!(run.code(), 0, "{}{}", run.stdout(), run.stderr());
    let names = d
        .run(&["names", fr.to_str().unwrap(), en.to_str().unwrap()])
        .ok();
    assert!(names.contains("\nHassan,Hassan,1,identical,"), "{names}");
    assert!(names.contains("\nIdleb,Idlib,1,similar,"), "{names}");
}

#[test]
fn names_writes_a_file_and_lint_names_an_unreadable_one() {
    let d = Dir::new();
    let out = d.path("names.csv");
    let run = d.run(&[
        "names",
        &seed("fr.txt"),
        &seed("en.txt"),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.ok(), "");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("fr_name,en_name,count,source,confidence,first_bead\n"));
    assert!(text.contains("\nSweida,Suwayda,3,similar,"), "{text}");
    let err = d.run(&["glossary", "lint", "missing.csv"]).fails();
    assert!(err.contains("missing.csv"), "{err}");
    // A glossary is decoded like any text (UTF-8, UTF-16, Windows-1252), so
    // only bytes that are no text at all are refused.
    let bad = d.file(
        "bad.csv",
        b"fr,en\nDamas,Damascus\nHoms,\x00\x01\n".as_slice(),
    );
    let err = d.run(&["glossary", "lint", bad.to_str().unwrap()]).fails();
    assert!(err.contains("bad.csv: line 3: binary data"), "{err}");
}
