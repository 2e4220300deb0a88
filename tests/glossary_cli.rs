//! Glossary formats and upkeep through the binary: `glossary convert`
//! (CSV, TSV, TBX, OmegaT; TBX checked by translate-toolkit and xmllint),
//! `glossary merge`, `glossary suggest` over a folder, and the tables
//! spreadsheets really save (LibreOffice, headless, in the test) read by
//! the glossary reader and `convert`.

mod util;

use std::path::{Path, PathBuf};
use std::process::Command;

use util::{external, repo, shipped, Dir};

#[test]
fn csv_to_tbx_to_csv_keeps_every_field() {
    let d = Dir::new();
    for source in ["syria.csv", "organisations.csv"] {
        let tbx = format!("{source}.tbx");
        d.run(&["glossary", "convert", &shipped(source), "-o", &tbx])
            .ok();
        let xml = std::fs::read_to_string(d.path(&tbx)).unwrap();
        assert!(xml.contains(r#"<martif type="TBX-Basic""#), "{xml}");
        d.run(&["glossary", "convert", &tbx, "-o", "back.csv"]).ok();
        d.run(&[
            "glossary",
            "convert",
            &shipped(source),
            "-f",
            "csv",
            "-o",
            "direct.csv",
        ])
        .ok();
        let back = std::fs::read_to_string(d.path("back.csv")).unwrap();
        assert_eq!(back, std::fs::read_to_string(d.path("direct.csv")).unwrap());
        // And the TSV form reads back to the same CSV.
        d.run(&["glossary", "convert", &shipped(source), "-o", "g.tsv"])
            .ok();
        d.run(&["glossary", "convert", "g.tsv", "-o", "from-tsv.csv"])
            .ok();
        assert_eq!(
            std::fs::read_to_string(d.path("from-tsv.csv")).unwrap(),
            back
        );
    }
    // The variants, kinds, notes, statuses and sources are really there.
    let back = std::fs::read_to_string(d.path("back.csv")).unwrap();
    assert!(back.contains("ONU,UN,acronym,,U.N.,,approved,"), "{back}");
    // OmegaT keeps the terms and the note, and says what it drops.
    let r = d.run(&[
        "glossary",
        "convert",
        &shipped("syria.csv"),
        "-o",
        "omegat.txt",
    ]);
    r.ok();
    assert!(
        r.stderr().contains("entries lose their kind, variants"),
        "{}",
        r.stderr()
    );
    let omegat = std::fs::read_to_string(d.path("omegat.txt")).unwrap();
    assert!(omegat
        .lines()
        .all(|l| (2..=3).contains(&l.split('\t').count())));
    // A disagreeing -f is refused.
    let err = d
        .run(&[
            "glossary",
            "convert",
            &shipped("syria.csv"),
            "-f",
            "csv",
            "-o",
            "x.tbx",
        ])
        .fails();
    assert!(err.contains("-f says csv"), "{err}");
}

fn translate_toolkit() -> Option<PathBuf> {
    util::python_with("translate.storage.tbx")
}

#[test]
fn translate_toolkit_reads_every_tbx_entry() {
    let Some(py) = translate_toolkit() else {
        return;
    };
    let d = Dir::new();
    d.run(&[
        "glossary",
        "convert",
        &shipped("syria.csv"),
        "-o",
        "syria.tbx",
    ])
    .ok();
    const SCRIPT: &str = "import json, sys\n\
from translate.storage import tbx\n\
units = tbx.tbxfile.parsefile(sys.argv[1]).units\n\
print(json.dumps([[u.source, u.target] for u in units]))";
    let out = Command::new(&py)
        .args(["-c", SCRIPT])
        .arg(d.path("syria.tbx"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let units: Vec<(String, String)> = serde_json::from_slice(&out.stdout).unwrap();
    let csv = std::fs::read_to_string(shipped("syria.csv")).unwrap();
    let mut r = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .from_reader(csv.as_bytes());
    let want: Vec<(String, String)> = r
        .records()
        .map(|rec| {
            let rec = rec.unwrap();
            (rec[0].to_string(), rec[1].to_string())
        })
        .collect();
    assert_eq!(units, want);
}

#[test]
fn xmllint_finds_the_tbx_well_formed() {
    let Some(xmllint) = external("xmllint") else {
        return;
    };
    let d = Dir::new();
    d.file(
        "odd.csv",
        "fr,en,note\n\"A & <B>\",\"C \"\"D\"\"\",\"x y ]]> é\"\n",
    );
    for (source, name) in [
        (shipped("syria.csv"), "syria.tbx"),
        (shipped("organisations.csv"), "org.tbx"),
        ("odd.csv".to_string(), "odd.tbx"),
    ] {
        d.run(&["glossary", "convert", &source, "-o", name]).ok();
        let out = Command::new(&xmllint)
            .arg("--noout")
            .arg(d.path(name))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn merge_reports_conflicts_and_prefer_settles_them() {
    let d = Dir::new();
    d.file("a.csv", "fr,en\nDamas,Damascus\nAlep,Aleppo\n");
    d.file(
        "b.csv",
        "fr,en,en_variants\nDamas,Damascus,Dimashq\nAlep,Halab,\nHoms,Homs,\n",
    );
    let r = d.run(&["glossary", "merge", "a.csv", "b.csv", "-o", "m.csv"]);
    assert_eq!(r.code(), 1, "{}", r.stderr());
    assert!(
        r.stderr()
            .contains("b.csv:3: \"Alep\" is rendered \"Halab\"")
            || r.stderr()
                .contains("a.csv:3: \"Alep\" is rendered \"Aleppo\", but"),
        "{}",
        r.stderr()
    );
    assert!(r.stderr().contains("both kept"), "{}", r.stderr());
    let m = std::fs::read_to_string(d.path("m.csv")).unwrap();
    assert_eq!(m.lines().count(), 5, "{m}");
    assert!(m.contains("Damas,Damascus,,,Dimashq,"), "{m}");
    let r = d.run(&[
        "glossary", "merge", "a.csv", "b.csv", "--prefer", "b.csv", "-o", "p.tbx",
    ]);
    assert_eq!(r.code(), 0, "{}", r.stderr());
    assert!(r.stderr().contains("kept \"Halab\""), "{}", r.stderr());
    d.run(&["glossary", "convert", "p.tbx", "-o", "p.csv"]).ok();
    let p = std::fs::read_to_string(d.path("p.csv")).unwrap();
    assert!(p.contains("\nAlep,Halab,") && !p.contains("Aleppo"), "{p}");
    let err = d
        .run(&["glossary", "merge", "a.csv", "b.csv", "--prefer", "c.csv"])
        .fails();
    assert!(
        err.contains("--prefer c.csv: not one of the glossaries merged"),
        "{err}"
    );
}

#[test]
fn suggest_over_the_two_corpora_as_one_folder() {
    let d = Dir::new();
    let dir = d.path("both");
    std::fs::create_dir(&dir).unwrap();
    let corpus = repo().join("corpus");
    for (from, to) in [
        ("syria-2024/fr.txt", "syria.fr.txt"),
        ("syria-2024/en.txt", "syria.en.txt"),
        ("sitrep-2025/fr.docx", "sitrep.fr.docx"),
        ("sitrep-2025/en.html", "sitrep.en.html"),
    ] {
        std::fs::copy(corpus.join(from), dir.join(to)).unwrap();
    }
    let out = d.run(&["glossary", "suggest", "both"]).ok();
    let mut r = csv::Reader::from_reader(out.as_bytes());
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert!(rows.len() > 20, "{out}");
    let count = |note: &str| -> usize {
        note.strip_prefix("seen ")
            .and_then(|n| n.split(' ').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{note}"))
    };
    let counts: Vec<usize> = rows.iter().map(|r| count(&r[5])).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    // A pair met in both documents is counted across them.
    let syrie = rows.iter().find(|r| &r[0] == "Syrie").expect("Syrie");
    assert!(
        syrie[5].contains("in 2 documents (sitrep, syria)"),
        "{:?}",
        syrie
    );
    // An acronym pair sharing no letters comes from the organisations list.
    let fds = rows.iter().find(|r| &r[0] == "FDS").expect("FDS");
    assert_eq!(&fds[1], "SDF");
    assert!(
        fds[5].contains("list of international organisations"),
        "{:?}",
        fds
    );
    assert!(rows.iter().all(|r| &r[6] == "proposed"));
    // A glossary given with -g is not proposed again.
    let known = d
        .run(&["glossary", "suggest", "both", "-g", &shipped("syria.csv")])
        .ok();
    assert!(!known.contains("\nDamas,Damascus,"), "{known}");
}

/// Saves `csv` (UTF-8, comma-separated) with LibreOffice Calc under the
/// export options `options` (separator, quote, character set codes), and
/// returns the bytes it wrote.
fn libreoffice_saves(soffice: &Path, d: &Dir, csv: &str, options: &str) -> Vec<u8> {
    let outdir = d.path(&format!("lo-{}", options.replace(',', "_")));
    let profile = format!("file://{}", d.path("lo-profile").display());
    let out = Command::new(soffice)
        .arg(format!("-env:UserInstallation={profile}"))
        .args(["--headless", "--infilter=CSV:44,34,76,1"])
        .arg("--convert-to")
        .arg(format!("csv:Text - txt - csv (StarCalc):{options}"))
        .arg("--outdir")
        .arg(&outdir)
        .arg(d.path(csv))
        .output()
        .unwrap();
    let saved = outdir.join(csv);
    std::fs::read(&saved).unwrap_or_else(|_| {
        panic!(
            "LibreOffice did not save {csv}: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

#[test]
fn spreadsheet_csv_as_libreoffice_saves_it_is_read() {
    let Some(soffice) = external("soffice") else {
        return;
    };
    let d = Dir::new();
    d.file(
        "glossary.csv",
        "fr,en,kind,note\nDamas,Damascus,place,\"capitale; « été »\"\nÉtats-Unis,United States,place,\n",
    );
    d.file(
        "reviewed.csv",
        "bead,fr,en,confidence\n1,\"Il fait chaud; très chaud.\",\"It is hot; very hot.\",0.9\n2,Été à Alep.,Summer in Aleppo.,\n",
    );
    // French Excel: semicolons, Windows-1252 (code 1); "Unicode text":
    // tabs, UTF-16 LE with BOM (code 65535); UTF-8 with a BOM (LibreOffice
    // 7.4 writes UTF-8 without one, so the BOM is put in front here).
    let saves = |name: &str| -> Vec<(&'static str, Vec<u8>)> {
        let semicolon = libreoffice_saves(&soffice, &d, name, "59,34,1");
        assert!(
            semicolon.contains(&b';') && semicolon.contains(&0xC9),
            "not 1252 ;"
        );
        let unicode = libreoffice_saves(&soffice, &d, name, "9,34,65535");
        assert!(unicode.starts_with(&[0xFF, 0xFE]), "not UTF-16 LE");
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend(libreoffice_saves(&soffice, &d, name, "59,34,76"));
        vec![
            ("semicolon-1252", semicolon),
            ("unicode-text", unicode),
            ("utf8-bom", bom),
        ]
    };
    for (how, bytes) in saves("glossary.csv") {
        let g = d.file(&format!("g-{how}.csv"), &bytes);
        let out = d
            .run(&["glossary", "convert", g.to_str().unwrap(), "-f", "csv"])
            .ok();
        assert_eq!(
            out,
            "fr,en,kind,fr_variants,en_variants,note,status,source\n\
             Damas,Damascus,place,,,capitale; « été »,,\n\
             États-Unis,United States,place,,,,,\n",
            "{how}"
        );
    }
    for (how, bytes) in saves("reviewed.csv") {
        let r = d.file(&format!("r-{how}.csv"), &bytes);
        let out = d.run(&["convert", r.to_str().unwrap(), "-f", "tsv"]).ok();
        assert_eq!(
            out,
            "Il fait chaud; très chaud.\tIt is hot; very hot.\nÉté à Alep.\tSummer in Aleppo.\n",
            "{how}"
        );
    }
}

#[test]
fn an_unclosed_quote_is_reported_as_that_with_its_line() {
    let d = Dir::new();
    d.file("r.csv", "fr;en\nA;B\n\"C;D\nE;F\n");
    let err = d.run(&["convert", "r.csv"]).fails();
    assert!(err.contains("r.csv:3: unclosed quote"), "{err}");
    d.file("g.csv", "fr,en\nA,B\n\"C,D\n");
    let err = d.run(&["glossary", "lint", "g.csv"]).fails();
    assert!(err.contains("g.csv:3: unclosed quote"), "{err}");
}
