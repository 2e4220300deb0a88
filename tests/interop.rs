//! tralign's output checked by the real programs that consume it: xmllint
//! and translate-toolkit read the TMX, OmegaT pre-translates with it,
//! LibreOffice opens the spreadsheet CSV, headless Chromium renders the
//! review page. Each test is skipped when its program is missing, unless
//! `TRALIGN_REQUIRE_TOOLS=1` (as in `.ci/run`, which installs them).

mod util;

use std::path::{Path, PathBuf};
use std::process::Command;

use util::{external, repo, Dir};

fn run(d: &Dir, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_tralign"))
        .args(args)
        .current_dir(d.tmp.path())
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .expect("run tralign");
    util::Run(out).ok()
}

fn syria(d: &Dir) {
    let c = repo().join("corpus/syria-2024");
    d.file("fr.txt", std::fs::read(c.join("fr.txt")).unwrap());
    d.file("en.txt", std::fs::read(c.join("en.txt")).unwrap());
}

/// The beads of `tralign align fr.txt en.txt -f jsonl`: (type, fr, en).
fn beads(d: &Dir) -> Vec<(String, String, String)> {
    run(d, &["align", "fr.txt", "en.txt", "-f", "jsonl"])
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let s = |k: &str| v[k].as_str().unwrap().to_string();
            (s("type"), s("fr"), s("en"))
        })
        .collect()
}

/// The beads with both sides, as (fr, en).
fn full_pairs(d: &Dir) -> Vec<(String, String)> {
    beads(d)
        .into_iter()
        .filter(|(_, f, e)| !f.trim().is_empty() && !e.trim().is_empty())
        .map(|(_, f, e)| (f, e))
        .collect()
}

fn translate_toolkit() -> Option<PathBuf> {
    util::python_with("translate.storage.tmx")
}

/// The units translate-toolkit reads from a TMX file, as (source, target).
fn tt_units(py: &Path, tmx: &Path) -> Vec<(String, String)> {
    const SCRIPT: &str = "import json, sys\n\
from translate.storage import tmx\n\
units = tmx.tmxfile.parsefile(sys.argv[1]).units\n\
print(json.dumps([[u.source, u.target] for u in units]))";
    let out = Command::new(py)
        .args(["-c", SCRIPT])
        .arg(tmx)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn xmllint_finds_the_tmx_well_formed() {
    let Some(xmllint) = external("xmllint") else {
        return;
    };
    let d = Dir::new();
    syria(&d);
    // Markup characters and a form feed (which XML 1.0 forbids) in the text.
    d.file("c.fr", "Les « chiffres » <b> & co. sont publiés chaque mois par le bureau régional.\nUn saut\u{c}de page et un \u{fffe} ici, dans une phrase assez longue pour passer le filtre.\n");
    d.file("c.en", "The \"figures\" <b> & co. are published every month by the regional office.\nA page\u{c}break and a \u{fffe} here, in a sentence long enough to pass the filter.\n");
    run(
        &d,
        &["align", "fr.txt", "en.txt", "-f", "tmx", "-o", "s.tmx"],
    );
    run(
        &d,
        &[
            "align",
            "--presegmented",
            "c.fr",
            "c.en",
            "-f",
            "tmx",
            "-o",
            "c.tmx",
        ],
    );
    for f in ["s.tmx", "c.tmx"] {
        let out = Command::new(&xmllint)
            .args(["--noout", f])
            .current_dir(d.tmp.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{f}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn translate_toolkit_reads_one_unit_per_bead_with_both_sides() {
    let Some(py) = translate_toolkit() else {
        return;
    };
    let d = Dir::new();
    syria(&d);
    run(
        &d,
        &["align", "fr.txt", "en.txt", "-f", "tmx", "-o", "s.tmx"],
    );
    let want = full_pairs(&d);
    assert!(want.len() > 10);
    assert_eq!(tt_units(&py, &d.path("s.tmx")), want);
}

#[test]
fn convert_round_trip_csv_to_tmx_gives_back_the_pairs() {
    let Some(py) = translate_toolkit() else {
        return;
    };
    let d = Dir::new();
    syria(&d);
    run(
        &d,
        &["align", "fr.txt", "en.txt", "--excel", "-o", "review.csv"],
    );
    run(
        &d,
        &["convert", "review.csv", "-f", "tmx", "-o", "review.tmx"],
    );
    // The CSV's own rows, read by a CSV reader.
    let text = std::fs::read_to_string(d.path("review.csv")).unwrap();
    let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<(String, String)> = r
        .records()
        .map(|rec| {
            let rec = rec.unwrap();
            (rec[3].to_string(), rec[4].to_string())
        })
        .filter(|(f, e)| !f.is_empty() && !e.is_empty())
        .collect();
    assert_eq!(tt_units(&py, &d.path("review.tmx")), rows);
    assert_eq!(rows, full_pairs(&d));

    // Formula-guarded cells come back without the guard.
    d.file(
        "f.fr",
        "Le prix a augmenté.\n=1+1 est une formule.\n-5 % en 2023, dit-il.\n",
    );
    d.file(
        "f.en",
        "The price rose.\n=1+1 is a formula.\n-5% in 2023, he said.\n",
    );
    run(
        &d,
        &["align", "--presegmented", "f.fr", "f.en", "-o", "f.csv"],
    );
    assert!(std::fs::read_to_string(d.path("f.csv"))
        .unwrap()
        .contains("'=1+1"));
    run(&d, &["convert", "f.csv", "-o", "f.tmx"]);
    let units = tt_units(&py, &d.path("f.tmx"));
    assert_eq!(
        units[1],
        (
            "=1+1 est une formule.".to_string(),
            "=1+1 is a formula.".to_string()
        )
    );
    assert_eq!(units[2].1, "-5% in 2023, he said.");
}

#[test]
fn omegat_pretranslates_the_source_from_the_tmx() {
    let Some(_) = external("omegat") else { return };
    let Some(java) = external("java") else { return };
    let jar = Path::new("/usr/share/omegat/OmegaT.jar");
    assert!(
        jar.is_file(),
        "omegat is installed but {} is missing",
        jar.display()
    );
    let d = Dir::new();
    syria(&d);
    let p = d.path("proj");
    for sub in [
        "source",
        "target",
        "tm/auto",
        "glossary",
        "dictionary",
        "omegat",
    ] {
        std::fs::create_dir_all(p.join(sub)).unwrap();
    }
    std::fs::write(p.join("omegat.project"), OMEGAT_PROJECT).unwrap();
    run(
        &d,
        &[
            "align",
            "fr.txt",
            "en.txt",
            "-f",
            "tmx",
            "-o",
            "proj/tm/auto/tralign.tmx",
        ],
    );
    // The French sentences of the 1-1 beads, one paragraph each: OmegaT
    // segments them itself and looks each segment up in the memory.
    let one_one: Vec<(String, String)> = beads(&d)
        .into_iter()
        .filter(|(t, _, _)| t == "1-1")
        .map(|(_, f, e)| (f, e))
        .collect();
    assert!(one_one.len() >= 8);
    let source: Vec<&str> = one_one.iter().map(|(f, _)| f.as_str()).collect();
    std::fs::write(p.join("source/report.txt"), source.join("\n\n") + "\n").unwrap();
    let out = Command::new(java)
        .arg("-Djava.awt.headless=true")
        .arg("-jar")
        .arg(jar)
        .arg(&p)
        .args(["--mode=console-translate", "--no-team"])
        .arg(format!(
            "--config-dir={}",
            d.path("omegat-config").display()
        ))
        .output()
        .unwrap();
    let log =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{log}");
    let target =
        std::fs::read_to_string(p.join("target/report.txt")).expect("OmegaT wrote no target file");
    let got: Vec<&str> = target.trim_end().split("\n\n").collect();
    let want: Vec<&str> = one_one.iter().map(|(_, e)| e.as_str()).collect();
    assert_eq!(got, want, "OmegaT log: {log}");
}

const OMEGAT_PROJECT: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat><project version="1.0">
  <source_dir>source</source_dir><target_dir>target</target_dir><tm_dir>tm</tm_dir>
  <glossary_dir>glossary</glossary_dir><glossary_file>glossary/glossary.txt</glossary_file>
  <dictionary_dir>dictionary</dictionary_dir>
  <source_lang>fr-FR</source_lang><target_lang>en-GB</target_lang>
  <source_tok>org.omegat.tokenizer.LuceneFrenchTokenizer</source_tok>
  <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
  <sentence_seg>true</sentence_seg><support_default_translations>true</support_default_translations>
  <remove_tags>false</remove_tags>
</project></omegat>
"#;

/// Converts `csv` with LibreOffice Calc (read as UTF-8 CSV, as its import
/// dialog offers) back to UTF-8 CSV, and returns the cells.
fn libreoffice_cells(soffice: &Path, d: &Dir, csv: &str) -> Vec<Vec<String>> {
    let outdir = d.path(&format!("lo-{csv}"));
    let profile = format!("file://{}", d.path("lo-profile").display());
    let out = Command::new(soffice)
        .arg(format!("-env:UserInstallation={profile}"))
        .args(["--headless", "--infilter=CSV:44,34,76,1"])
        .args([
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",
            "--outdir",
        ])
        .arg(&outdir)
        .arg(d.path(csv))
        .output()
        .unwrap();
    let converted = outdir.join(csv);
    assert!(
        converted.is_file(),
        "LibreOffice did not convert {csv}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(converted).unwrap();
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    r.records()
        .map(|rec| rec.unwrap().iter().map(String::from).collect())
        .collect()
}

#[test]
fn libreoffice_opens_the_excel_csv_with_accents_and_no_formulas() {
    let Some(soffice) = external("soffice") else {
        return;
    };
    let d = Dir::new();
    d.file(
        "f.fr",
        "Été à Montréal, naïveté.\n=1+1\n-5 % en 2023, dit-il.\n@SUM(A1) et +33 1 23.\n",
    );
    d.file(
        "f.en",
        "Summer in Montréal, naïvety.\n=2+2\n-5% in 2023, he said.\n@SUM(A1) and +33 1 23.\n",
    );
    run(
        &d,
        &[
            "align",
            "--presegmented",
            "f.fr",
            "f.en",
            "--excel",
            "-o",
            "guarded.csv",
        ],
    );
    run(
        &d,
        &[
            "align",
            "--presegmented",
            "f.fr",
            "f.en",
            "--excel",
            "--no-formula-guard",
            "-o",
            "raw.csv",
        ],
    );
    let cells = libreoffice_cells(&soffice, &d, "guarded.csv");
    assert_eq!(cells[0][..5], ["bead", "fr_ids", "en_ids", "fr", "en"]);
    assert_eq!(cells[1][3], "Été à Montréal, naïveté.");
    assert_eq!(cells[1][4], "Summer in Montréal, naïvety.");
    // Guarded cells stay text (LibreOffice shows the `'`), never computed.
    assert_eq!(cells[2][3..5], ["'=1+1", "'=2+2"]);
    assert_eq!(cells[3][4], "'-5% in 2023, he said.");
    assert_eq!(cells[4][3], "'@SUM(A1) et +33 1 23.");
    // The reviewer's loop: the file LibreOffice saved converts back, its
    // guards read as the texts they protect (TSV then guards them as CSV
    // does: a training file can be opened in a spreadsheet too).
    let tsv = run(&d, &["convert", "lo-guarded.csv/guarded.csv", "-f", "tsv"]);
    assert_eq!(
        tsv.lines().collect::<Vec<_>>(),
        [
            "Été à Montréal, naïveté.\tSummer in Montréal, naïvety.",
            "'=1+1\t'=2+2",
            "'-5 % en 2023, dit-il.\t'-5% in 2023, he said.",
            "'@SUM(A1) et +33 1 23.\t'@SUM(A1) and +33 1 23.",
        ]
    );
    // The control: without the guard LibreOffice runs the formula.
    let raw = libreoffice_cells(&soffice, &d, "raw.csv");
    assert_eq!(raw[2][3..5], ["2", "4"]);
}

fn chromium(d: &Dir, chrome: &Path, args: &[&str], page: &Path) -> std::process::Output {
    let profile = tempfile::tempdir().unwrap();
    Command::new(chrome)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
        ])
        .args([
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .current_dir(d.tmp.path())
        .output()
        .unwrap()
}

#[test]
fn chromium_renders_the_review_page_one_bead_a_row() {
    let Some(chrome) = external("chromium") else {
        return;
    };
    let d = Dir::new();
    syria(&d);
    run(
        &d,
        &[
            "align",
            "fr.txt",
            "en.txt",
            "-f",
            "html",
            "-o",
            "review.html",
        ],
    );
    let all = beads(&d);

    let dom = chromium(&d, &chrome, &["--dump-dom"], &d.path("review.html"));
    let dom = String::from_utf8(dom.stdout).unwrap();
    let html = scraper::Html::parse_document(&dom);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    let rows: Vec<_> = html.select(&sel("table#beads tr.bead")).collect();
    assert_eq!(rows.len(), all.len());
    for (row, (_, fr, en)) in rows.iter().zip(&all) {
        let text = |s: &str| {
            row.select(&sel(s))
                .next()
                .unwrap()
                .text()
                .collect::<String>()
        };
        assert_eq!(&text("td.fr"), fr);
        assert_eq!(&text("td.en"), en);
    }

    // A screenshot shows both columns: far more ink than a blank page.
    d.file("blank.html", "<!DOCTYPE html><html><body></body></html>");
    let shoot = |page: &str, png: &str| {
        let arg = format!("--screenshot={}", d.path(png).display());
        chromium(
            &d,
            &chrome,
            &[&arg, "--window-size=1280,900"],
            &d.path(page),
        );
        std::fs::read(d.path(png)).unwrap_or_default()
    };
    let page = shoot("review.html", "review.png");
    let blank = shoot("blank.html", "blank.png");
    assert!(page.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    assert_eq!(&page[16..24], &[0, 0, 5, 0, 0, 0, 3, 132], "not 1280x900");
    assert!(
        page.len() > 20 * blank.len().max(1000),
        "{} vs {}",
        page.len(),
        blank.len()
    );
}
