//! The conventions a user brings from other tools, through the binary:
//! outputs follow the file name, one numbering convention (1-based, ranges
//! like `5-6`, arrays in JSON), `--min-confidence` applies to every format
//! or is refused, and `--quiet`.

mod util;

use serde_json::Value;
use util::Dir;

const FR: &str = "Damas et Alep. De Damas à Alep, puis Damas encore.\n\
                  Le conflit dure depuis 2011.\n\
                  Un texte sans équivalent anglais ici.\n";
const EN: &str = "Damascus and Aleppo. From Damascus to Aleppo, then Damascus again.\n\
                  The conflict has lasted since 2011.\n";

fn pair(d: &Dir) {
    d.file("fr.txt", FR);
    d.file("en.txt", EN);
}

fn jsonl(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn outputs_follow_the_file_name() {
    let d = Dir::new();
    pair(&d);
    let p = ["--presegmented", "fr.txt", "en.txt"];
    let align = |extra: &[&str]| d.run(&[&["align"][..], &p, extra].concat());
    align(&["-o", "memory.tmx"]).ok();
    let tmx = std::fs::read_to_string(d.path("memory.tmx")).unwrap();
    assert!(tmx.starts_with("<?xml") && tmx.contains("<tmx version=\"1.4\">"));
    align(&["-o", "page.HTM"]).ok();
    let html = std::fs::read_to_string(d.path("page.HTM")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    align(&["-o", "beads.jsonl"]).ok();
    jsonl(&std::fs::read_to_string(d.path("beads.jsonl")).unwrap());
    // A name that says nothing keeps the default (CSV).
    align(&["-o", "out.dat"]).ok();
    assert!(std::fs::read_to_string(d.path("out.dat"))
        .unwrap()
        .starts_with("bead,"));
    // -f that agrees is fine; -f that disagrees is an error that says so,
    // and writes nothing.
    align(&["-f", "tmx", "-o", "agree.tmx"]).ok();
    let err = align(&["-f", "csv", "-o", "clash.tmx"]).fails();
    assert!(
        err.contains("clash.tmx: the name ends in .tmx, which is tmx output, but -f says csv"),
        "{err}"
    );
    assert!(!d.path("clash.tmx").exists());

    // The same rule in the other commands.
    d.run(&["names", "fr.txt", "en.txt", "-o", "names.jsonl"])
        .ok();
    jsonl(&std::fs::read_to_string(d.path("names.jsonl")).unwrap());
    let err = d
        .run(&["names", "fr.txt", "en.txt", "-o", "names.tmx"])
        .fails();
    assert!(
        err.contains("does not write .tmx files (it writes csv, jsonl)"),
        "{err}"
    );
    let err = d
        .run(&["names", "fr.txt", "en.txt", "-f", "csv", "-o", "n.jsonl"])
        .fails();
    assert!(err.contains("-f says csv"), "{err}");

    let r = d.run(&["check", "fr.txt", "en.txt", "-o", "findings.jsonl"]);
    assert!(matches!(r.code(), 0 | 1), "{}", r.stderr());
    jsonl(&std::fs::read_to_string(d.path("findings.jsonl")).unwrap());

    d.run(&["segment", "fr.txt", "--lang", "fr", "-o", "s.jsonl"])
        .ok();
    jsonl(&std::fs::read_to_string(d.path("s.jsonl")).unwrap());
    d.run(&["segment", "fr.txt", "--lang", "fr", "-o", "s.txt"])
        .ok();
    assert!(std::fs::read_to_string(d.path("s.txt"))
        .unwrap()
        .starts_with("Damas et Alep.\n"));

    align(&["-o", "reviewed.csv"]).ok();
    d.run(&["convert", "reviewed.csv", "-o", "train.tsv"]).ok();
    let tsv = std::fs::read_to_string(d.path("train.tsv")).unwrap();
    assert!(tsv.starts_with("Damas et Alep."), "{tsv}");
    assert!(tsv.contains('\t'), "{tsv}");
    let err = d
        .run(&["convert", "reviewed.csv", "-f", "tmx", "-o", "t.tsv"])
        .fails();
    assert!(err.contains("-f says tmx"), "{err}");
}

#[test]
fn numbering_is_one_based_everywhere() {
    let d = Dir::new();
    pair(&d);
    // segment -f jsonl: blocks from 1, like the CSV's fr_block.
    let seg = jsonl(
        &d.run(&["segment", "fr.txt", "--lang", "fr", "-f", "jsonl"])
            .ok(),
    );
    assert_eq!(seg[0]["block"], 1);
    let csv = d.run(&["align", "fr.txt", "en.txt"]).ok();
    assert!(csv.lines().nth(1).unwrap().ends_with(",p:1,p:1"), "{csv}");

    // JSON Lines: fr_ids/en_ids are arrays of 1-based numbers, the CSV's
    // ranges expanded.
    let p = ["align", "--presegmented", "fr.txt", "en.txt"];
    let rows = jsonl(&d.run(&[&p[..], &["-f", "jsonl"]].concat()).ok());
    let csv = d.run(&p).ok();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let cells: Vec<(String, String)> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[1].to_string(), r[2].to_string())
        })
        .collect();
    assert_eq!(rows.len(), cells.len());
    let expand = |cell: &str| -> Vec<u64> {
        match cell.split_once('-') {
            Some((a, b)) => (a.parse().unwrap()..=b.parse().unwrap()).collect(),
            None if cell.is_empty() => vec![],
            None => vec![cell.parse().unwrap()],
        }
    };
    for (row, (fr, en)) in rows.iter().zip(&cells) {
        let nums = |v: &Value| -> Vec<u64> {
            v.as_array()
                .unwrap_or_else(|| panic!("not an array: {v}"))
                .iter()
                .map(|n| n.as_u64().unwrap())
                .collect()
        };
        assert_eq!(nums(&row["fr_ids"]), expand(fr));
        assert_eq!(nums(&row["en_ids"]), expand(en));
    }
    assert_eq!(rows[0]["fr_ids"], serde_json::json!([1]));
    // A bead with no English sentence has an empty array.
    assert!(rows.iter().any(|r| r["en_ids"] == serde_json::json!([])));

    // convert -f jsonl and batch -f jsonl write the same arrays.
    d.file("r.csv", "fr_ids,en_ids,fr,en\n5-6,7,A. B.,C.\n,8,,D.\n");
    let conv = jsonl(&d.run(&["convert", "r.csv", "-f", "jsonl"]).ok());
    assert_eq!(conv[0]["fr_ids"], serde_json::json!([5, 6]));
    assert_eq!(conv[0]["en_ids"], serde_json::json!([7]));
    assert_eq!(conv[1]["fr_ids"], serde_json::json!([]));
    // A cell that is not a number or a range is refused with its line.
    d.file("bad.csv", "fr_ids,en_ids,fr,en\n1,1,A.,B.\n2-x,2,C.,D.\n");
    let err = d.run(&["convert", "bad.csv"]).fails();
    assert!(
        err.contains("bad.csv:3: fr_ids `2-x` is not a sentence number or range"),
        "{err}"
    );
    std::fs::create_dir(d.path("pairs")).unwrap();
    std::fs::write(d.path("pairs/a.fr.txt"), FR).unwrap();
    std::fs::write(d.path("pairs/a.en.txt"), EN).unwrap();
    let batch = jsonl(
        &d.run(&["batch", "pairs", "--presegmented", "-f", "jsonl"])
            .ok(),
    );
    assert_eq!(batch[0]["fr_ids"], serde_json::json!([1]));
}

#[test]
fn the_names_column_lists_each_pair_once_with_a_count() {
    let d = Dir::new();
    pair(&d);
    let csv = d.run(&["align", "--presegmented", "fr.txt", "en.txt"]).ok();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let first = reader.records().next().unwrap().unwrap();
    assert_eq!(&first[8], "Damas=Damascus (2); Alep=Aleppo (2)");
}

#[test]
fn min_confidence_applies_to_every_format_or_is_refused() {
    let d = Dir::new();
    pair(&d);
    let p = ["align", "--presegmented", "fr.txt", "en.txt"];
    let all = d.run(&[&p[..], &["-f", "jsonl"]].concat()).ok();
    let all = jsonl(&all);
    let low = all
        .iter()
        .filter(|r| r["confidence"].as_f64().unwrap() < 0.5)
        .count();
    assert!(low > 0, "the test needs a low-confidence bead: {all:?}");
    let keep = d
        .run(&[&p[..], &["-f", "jsonl", "--min-confidence", "0.5"]].concat())
        .ok();
    assert_eq!(jsonl(&keep).len(), all.len() - low);
    let csv = d
        .run(&[&p[..], &["-f", "csv", "--min-confidence", "0.5"]].concat())
        .ok();
    assert_eq!(csv.lines().count(), 1 + all.len() - low);
    for format in ["beads", "html"] {
        let err = d
            .run(&[&p[..], &["-f", format, "--min-confidence", "0.5"]].concat())
            .fails();
        assert!(
            err.contains(&format!("--min-confidence does not apply to -f {format}")),
            "{err}"
        );
    }
}

#[test]
fn align_closes_with_a_summary_and_quiet_silences_it() {
    let d = Dir::new();
    pair(&d);
    let r = d.run(&["align", "--presegmented", "fr.txt", "en.txt", "-o", "a.csv"]);
    r.ok();
    let last = r.stderr().lines().last().unwrap_or_default().to_string();
    assert!(
        last.starts_with("tralign: 3 beads (1-1: 2, 1-0: 1), ")
            && last.contains(" flagged, mean confidence 0.")
            && last.ends_with(" s"),
        "{last}"
    );
    let r = d.run(&[
        "align",
        "-q",
        "--presegmented",
        "fr.txt",
        "en.txt",
        "-o",
        "a.csv",
    ]);
    r.ok();
    assert_eq!(r.stderr(), "");
}

#[test]
fn align_on_a_terminal_shows_a_progress_bar() {
    // `script` runs the command on a pseudo-terminal and records what it shows.
    let Some(script) = util::external("script") else {
        return;
    };
    let d = Dir::new();
    pair(&d);
    let bin = env!("CARGO_BIN_EXE_tralign");
    let shown = |extra: &str| -> String {
        let out = std::process::Command::new(&script)
            .args(["-qec"])
            .arg(format!(
                "{bin} align {extra} --presegmented fr.txt en.txt -o out.csv"
            ))
            .arg("/dev/null")
            .current_dir(d.tmp.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let tty = shown("");
    assert!(tty.contains("/4 reading fr.txt"), "{tty:?}");
    assert!(tty.contains("tralign: 3 beads"), "{tty:?}");
    let quiet = shown("--quiet");
    assert!(
        !quiet.contains("/4") && !quiet.contains("beads"),
        "{quiet:?}"
    );
    // Off a terminal (the test's pipe) there is no bar, only the summary.
    let r = d.run(&[
        "align",
        "--presegmented",
        "fr.txt",
        "en.txt",
        "-o",
        "out.csv",
    ]);
    assert!(!r.stderr().contains("/4"), "{}", r.stderr());
}
