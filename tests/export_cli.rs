//! Output formats through the binary: TMX, TSV, CSV for spreadsheets, the
//! HTML review page, `convert` and `batch`. The checks with the real
//! consumers (OmegaT, translate-toolkit, LibreOffice, Chromium) are in
//! `interop.rs`.

mod util;

use std::path::Path;

use util::{repo, Dir};

/// A fixed creation time, so that TMX output is reproducible.
const EPOCH: &str = "1700000000";

fn run_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> util::Run {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tralign"))
        .args(args)
        .current_dir(dir)
        .envs(env.iter().copied())
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run tralign");
    util::Run(out)
}

/// Runs tralign with `SOURCE_DATE_EPOCH` set.
fn run(d: &Dir, args: &[&str]) -> util::Run {
    run_env(d.tmp.path(), args, &[("SOURCE_DATE_EPOCH", EPOCH)])
}

/// The shipped article pair, copied into the test folder.
fn syria(d: &Dir) -> (String, String) {
    let c = repo().join("corpus/syria-2024");
    d.file("fr.txt", std::fs::read(c.join("fr.txt")).unwrap());
    d.file("en.txt", std::fs::read(c.join("en.txt")).unwrap());
    ("fr.txt".into(), "en.txt".into())
}

/// JSON Lines records of `tralign align -f jsonl`.
fn beads(d: &Dir, fr: &str, en: &str, extra: &[&str]) -> Vec<serde_json::Value> {
    let mut args = vec!["align", fr, en, "-f", "jsonl"];
    args.extend_from_slice(extra);
    run(d, &args)
        .ok()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn both_sides(b: &serde_json::Value) -> bool {
    !b["fr"].as_str().unwrap().trim().is_empty() && !b["en"].as_str().unwrap().trim().is_empty()
}

/// The `<seg>` texts of a TMX file, unescaped, in pairs.
fn tmx_segs(tmx: &str) -> Vec<(String, String)> {
    let mut segs = Vec::new();
    let mut rest = tmx;
    while let Some(i) = rest.find("<seg>") {
        let j = rest[i..].find("</seg>").unwrap() + i;
        segs.push(unescape(&rest[i + 5..j]));
        rest = &rest[j..];
    }
    segs.chunks(2)
        .map(|c| (c[0].clone(), c[1].clone()))
        .collect()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[test]
fn tmx_has_header_and_one_unit_per_bead_with_both_sides() {
    let d = Dir::new();
    let (fr, en) = syria(&d);
    let tmx = run(&d, &["align", &fr, &en, "-f", "tmx"]).ok();
    assert!(tmx.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">"));
    for attr in [
        "creationtool=\"tralign\"",
        &format!("creationtoolversion=\"{}\"", env!("CARGO_PKG_VERSION")),
        "segtype=\"sentence\"",
        "o-tmf=\"tralign\"",
        "adminlang=\"en\"",
        "srclang=\"fr-FR\"",
        "datatype=\"plaintext\"",
        "creationdate=\"20231114T221320Z\"",
    ] {
        assert!(tmx.contains(attr), "header lacks {attr}");
    }
    let want: Vec<(String, String)> = beads(&d, &fr, &en, &[])
        .iter()
        .filter(|b| both_sides(b))
        .map(|b| {
            (
                b["fr"].as_str().unwrap().into(),
                b["en"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert!(want.len() > 10);
    assert_eq!(tmx_segs(&tmx), want);
    assert_eq!(tmx.matches("<tu ").count(), want.len());
    assert_eq!(tmx.matches("<tuv xml:lang=\"fr-FR\">").count(), want.len());
    assert_eq!(tmx.matches("<tuv xml:lang=\"en-GB\">").count(), want.len());
    for prop in [
        "x-confidence",
        "x-bead-type",
        "x-fr-document\">fr.txt",
        "x-en-sentences",
    ] {
        assert!(tmx.contains(&format!("<prop type=\"{prop}")), "no {prop}");
    }
    assert!(tmx.trim_end().ends_with("</body>\n</tmx>"));
}

#[test]
fn tmx_is_reproducible_with_source_date_epoch_and_refuses_a_bad_one() {
    let d = Dir::new();
    let (fr, en) = syria(&d);
    let a = run(&d, &["align", &fr, &en, "-f", "tmx"]).ok();
    let b = run(&d, &["align", &fr, &en, "-f", "tmx"]).ok();
    assert_eq!(a, b);
    let bad = run_env(
        d.tmp.path(),
        &["align", &fr, &en, "-f", "tmx"],
        &[("SOURCE_DATE_EPOCH", "yesterday")],
    );
    assert!(bad.fails().contains("SOURCE_DATE_EPOCH"));
}

#[test]
fn tmx_language_codes_and_min_confidence() {
    let d = Dir::new();
    let (fr, en) = syria(&d);
    let tmx = run(
        &d,
        &[
            "align",
            &fr,
            &en,
            "-f",
            "tmx",
            "--fr-lang",
            "fr-CA",
            "--en-lang",
            "en-US",
            "--min-confidence",
            "0.9",
        ],
    )
    .ok();
    assert!(tmx.contains("srclang=\"fr-CA\""));
    let strong = beads(&d, &fr, &en, &[])
        .iter()
        .filter(|b| both_sides(b) && b["confidence"].as_f64().unwrap() >= 0.9)
        .count();
    let all = beads(&d, &fr, &en, &[])
        .iter()
        .filter(|b| both_sides(b))
        .count();
    assert!(strong > 0 && strong < all, "{strong} of {all}");
    assert_eq!(tmx.matches("<tuv xml:lang=\"fr-CA\">").count(), strong);
    assert_eq!(tmx.matches("<tuv xml:lang=\"en-US\">").count(), strong);
    for bad in [["--min-confidence", "1.5"], ["--fr-lang", "fr FR"]] {
        let mut args = vec!["align", &fr, &en, "-f", "tmx"];
        args.extend_from_slice(&bad);
        assert_eq!(run(&d, &args).code(), 2);
    }
}

/// Markup characters are escaped; characters XML 1.0 forbids (a form feed,
/// U+FFFE) never reach the file.
#[test]
fn tmx_escapes_markup_and_drops_characters_xml_forbids() {
    let d = Dir::new();
    d.file(
        "c.fr",
        "Les « chiffres » <b> & co. sont publiés chaque mois par le bureau régional de la coordination.\n\
         Un saut\u{c}de page et un \u{fffe} non-caractère ici, dans une phrase assez longue pour passer.\n",
    );
    d.file(
        "c.en",
        "The \"figures\" <b> & co. are published every month by the regional coordination office.\n\
         A page\u{c}break and a \u{fffe} non-character here, in a sentence long enough to pass.\n",
    );
    let tmx = run(
        &d,
        &["align", "--presegmented", "c.fr", "c.en", "-f", "tmx"],
    )
    .ok();
    assert!(tmx.contains("&lt;b&gt; &amp; co."));
    assert!(tmx.contains("&quot;figures&quot;"));
    assert!(!tmx.contains('\u{c}') && !tmx.contains('\u{fffe}'));
    let segs = tmx_segs(&tmx);
    assert_eq!(
        segs[0].1,
        "The \"figures\" <b> & co. are published every month by the regional coordination office."
    );
    assert!(segs[1]
        .0
        .starts_with("Un saut de page et un  non-caractère"));
}

#[test]
fn tsv_is_one_pair_a_line_with_one_tab() {
    let d = Dir::new();
    let (fr, en) = syria(&d);
    let tsv = run(&d, &["align", &fr, &en, "-f", "tsv"]).ok();
    let want: Vec<String> = beads(&d, &fr, &en, &[])
        .iter()
        .filter(|b| both_sides(b))
        .map(|b| {
            format!(
                "{}\t{}",
                b["fr"].as_str().unwrap(),
                b["en"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(tsv.lines().collect::<Vec<_>>(), want);
    assert!(tsv.lines().all(|l| l.matches('\t').count() == 1));
}

/// Sentences that start like spreadsheet formulas.
fn formula_pair(d: &Dir) {
    d.file("f.fr", "Le prix a augmenté.\n=1+1 est une formule.\n-5 % en 2023, dit-il.\n@SUM(A1) et +33 1 23.\nÉté à Montréal.\n");
    d.file("f.en", "The price rose.\n=1+1 is a formula.\n-5% in 2023, he said.\n@SUM(A1) and +33 1 23.\nSummer in Montreal.\n");
}

#[test]
fn csv_guards_formulas_by_default_and_excel_adds_a_bom() {
    let d = Dir::new();
    formula_pair(&d);
    let csv = run(&d, &["align", "--presegmented", "f.fr", "f.en"]).ok();
    assert!(
        csv.starts_with("bead,fr_ids,en_ids,fr,en,type,confidence,flags,names,fr_block,en_block\n")
    );
    for cell in [
        "'=1+1 est une formule.",
        "'-5% in 2023",
        "'@SUM(A1) et +33 1 23.",
        "Été à Montréal.",
    ] {
        assert!(csv.contains(cell), "{cell} in {csv}");
    }
    let raw = run(
        &d,
        &[
            "align",
            "--presegmented",
            "f.fr",
            "f.en",
            "--no-formula-guard",
        ],
    )
    .ok();
    assert!(raw.contains(",=1+1 est une formule.,") && !raw.contains('\''));
    let excel = run(
        &d,
        &[
            "align",
            "--presegmented",
            "f.fr",
            "f.en",
            "--excel",
            "-o",
            "x.csv",
        ],
    );
    excel.ok();
    let bytes = std::fs::read(d.path("x.csv")).unwrap();
    assert!(bytes.starts_with("\u{feff}bead,".as_bytes()));
    assert_eq!(&bytes[3..], csv.as_bytes());
}

#[test]
fn convert_reads_columns_by_name_and_removes_the_guard() {
    let d = Dir::new();
    formula_pair(&d);
    run(
        &d,
        &[
            "align",
            "--presegmented",
            "f.fr",
            "f.en",
            "--excel",
            "-o",
            "x.csv",
        ],
    )
    .ok();
    let tsv = run(&d, &["convert", "x.csv", "-f", "tsv"]).ok();
    let direct = run(
        &d,
        &["align", "--presegmented", "f.fr", "f.en", "-f", "tsv"],
    )
    .ok();
    assert_eq!(tsv, direct);
    // TSV is guarded as CSV is (issue 14); `--no-formula-guard` writes it bare.
    assert!(tsv.contains("'=1+1 est une formule.\t'=1+1 is a formula."));

    // A reviewer's file: columns reordered, an extra column, a merged row
    // without confidence, a quoted cell with a comma and a newline.
    d.file(
        "r.csv",
        "names,en,fr,confidence,type\n\
         Dupont=Dupont,The cat.,Le chat.,0.9,1-1\n\
         ,\"It rains, a lot.\nReally.\",\"Il pleut, beaucoup. Vraiment.\",,1-2\n\
         ,Weak.,Faible.,0.1,1-1\n",
    );
    let jsonl = run(
        &d,
        &["convert", "r.csv", "-f", "jsonl", "--min-confidence", "0.5"],
    )
    .ok();
    let rows: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["fr"], "Le chat.");
    assert_eq!(rows[0]["confidence"], 0.9);
    assert_eq!(rows[1]["en"], "It rains, a lot.\nReally.");
    assert_eq!(rows[1]["bead"], 2);
    assert!(rows[1]["confidence"].is_null());
    let tmx = run(
        &d,
        &["convert", "r.csv", "-f", "tmx", "--min-confidence", "0.5"],
    )
    .ok();
    assert_eq!(
        tmx_segs(&tmx),
        [
            ("Le chat.".to_string(), "The cat.".to_string()),
            (
                "Il pleut, beaucoup. Vraiment.".into(),
                "It rains, a lot. Really.".into()
            )
        ]
    );
}

#[test]
fn convert_errors_name_the_file_and_line() {
    let d = Dir::new();
    let cases = [
        ("nofr.csv", "en,text\nHello,x\n", "nofr.csv:1:"),
        ("short.csv", "fr,en\nBonjour,Hello\nSeul\n", "short.csv:3:"),
        (
            "conf.csv",
            "fr,en,confidence\nA,B,0.5\nC,D,high\n",
            "conf.csv:3:",
        ),
    ];
    for (name, body, want) in cases {
        d.file(name, body);
        let err = run(&d, &["convert", name, "-f", "tmx"]).fails();
        assert!(err.contains(want), "{name}: {err}");
    }
    // (A CSV file under a TMX name, so that the output's name asks for TMX.)
    d.file("ok.tmx", "fr,en\nA,B\n");
    let err = run(&d, &["convert", "ok.tmx", "-o", "ok.tmx"]).fails();
    assert!(err.contains("also an input"), "{err}");
    assert_eq!(
        std::fs::read_to_string(d.path("ok.tmx")).unwrap(),
        "fr,en\nA,B\n"
    );
}

#[test]
fn html_page_is_self_contained_with_one_row_per_bead() {
    let d = Dir::new();
    let (fr, en) = syria(&d);
    let html = run(&d, &["align", &fr, &en, "-f", "html"]).ok();
    let n = beads(&d, &fr, &en, &[]).len();
    assert_eq!(html.matches("<tr class=\"bead").count(), n);
    assert!(html.starts_with("<!DOCTYPE html>"));
    for external in ["http:", "https:", "<link", "src="] {
        assert!(!html.contains(external), "{external}");
    }
    // One small inline script (the filters), nothing loaded.
    assert_eq!(html.matches("<script").count(), 1);
    assert!(html.contains("<script>(function(){"));
    let low = beads(&d, &fr, &en, &[])
        .iter()
        .filter(|b| {
            b["flags"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f != "heading_mismatch")
        })
        .map(|b| b["bead"].as_u64().unwrap())
        .collect::<Vec<_>>();
    // To check: the low-confidence beads and the beads with findings
    // (`tralign check`'s, with their reasons).
    let check = run(&d, &["check", &fr, &en, "-f", "jsonl"]);
    let found: Vec<serde_json::Value> = check
        .stdout()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut to_check: Vec<u64> = low.clone();
    to_check.extend(found.iter().map(|f| f["bead"].as_u64().unwrap()));
    to_check.sort_unstable();
    to_check.dedup();
    assert!(
        html.contains(&format!("To check ({})</h2>", to_check.len())),
        "{html}"
    );
    for f in &found {
        let reason = f["message"].as_str().unwrap().replace('"', "&quot;");
        assert!(html.contains(&reason), "{reason}");
    }
    for b in low {
        assert!(html.contains(&format!("<a href=\"#b{b}\">")));
        assert!(html.contains(&format!("<tr class=\"bead flagged\" id=\"b{b}\" data-")));
    }
    // The name pairs of each bead are shown with it.
    assert!(
        html.contains("<div class=\"names\">Damas = Damascus"),
        "{html}"
    );
}

/// Builds a directory of pairs from the fren-dev data: `NAME.fr.txt` and
/// `NAME.en.txt`.
fn dev_pairs(d: &Dir, count: usize) -> Vec<String> {
    let data = repo().join("benches/data/fren-dev");
    std::fs::create_dir_all(d.path("in")).unwrap();
    let mut names = Vec::new();
    for k in 0..count {
        let name = format!("nt13-{k:03}");
        for lang in ["fr", "en"] {
            let text = std::fs::read(data.join(format!("{name}.{lang}"))).unwrap();
            std::fs::write(d.path(&format!("in/{name}.{lang}.txt")), text).unwrap();
        }
        names.push(name);
    }
    names
}

#[test]
fn batch_output_is_the_same_whatever_the_jobs_and_matches_align() {
    let d = Dir::new();
    let names = dev_pairs(&d, 6);
    let one = run(
        &d,
        &["batch", "in", "--presegmented", "-f", "tmx", "-j", "1"],
    );
    let two = run(
        &d,
        &["batch", "in", "--presegmented", "-f", "tmx", "-j", "2"],
    );
    assert_eq!(one.ok(), two.ok());
    assert!(
        one.stderr().contains("6 aligned, 0 failed"),
        "{}",
        one.stderr()
    );
    assert!(one.stderr().contains("mean confidence"));
    let mut want = Vec::new();
    for n in &names {
        let fr = format!("in/{n}.fr.txt");
        let en = format!("in/{n}.en.txt");
        let tmx = run(&d, &["align", "--presegmented", &fr, &en, "-f", "tmx"]).ok();
        want.extend(tmx_segs(&tmx));
    }
    assert_eq!(tmx_segs(&one.stdout()), want);

    run(
        &d,
        &[
            "batch",
            "in",
            "--presegmented",
            "-f",
            "html",
            "--out-dir",
            "out",
            "-j",
            "2",
        ],
    )
    .ok();
    for n in &names {
        assert!(d.path(&format!("out/{n}.html")).is_file());
    }
    let csv = run(&d, &["batch", "in", "--presegmented"]).ok();
    assert!(csv.starts_with("pair,bead,fr_ids,en_ids,fr,en,"));
}

#[test]
fn batch_skips_a_bad_pair_and_exits_1() {
    let d = Dir::new();
    dev_pairs(&d, 3);
    d.file("in/broken.fr.txt", b"\x00\x01\x02\x03binary\x00\x00");
    d.file("in/broken.en.txt", "Fine.\n");
    d.file("in/lonely.fr.txt", "Seul.\n");
    let r = run(
        &d,
        &[
            "batch",
            "in",
            "--presegmented",
            "-f",
            "tsv",
            "-o",
            "all.tsv",
        ],
    );
    assert_eq!(r.code(), 1, "{}", r.stderr());
    let err = r.stderr();
    assert!(
        err.contains("tralign: error: broken: ") && err.contains("broken.fr.txt"),
        "{err}"
    );
    assert!(
        err.contains("tralign: error: lonely: ") && err.contains("no English file"),
        "{err}"
    );
    assert!(err.contains("3 aligned, 2 failed"), "{err}");
    assert!(!err.contains("panicked"));
    assert!(
        std::fs::read_to_string(d.path("all.tsv"))
            .unwrap()
            .lines()
            .count()
            > 10
    );

    // Nothing to align at all: exit 2.
    std::fs::create_dir_all(d.path("empty")).unwrap();
    run(&d, &["batch", "empty"]).fails();
}

#[test]
fn batch_reads_a_manifest() {
    let d = Dir::new();
    dev_pairs(&d, 2);
    d.file(
        "list.csv",
        "fr,en,name\nin/nt13-001.fr.txt,in/nt13-001.en.txt,b\nin/nt13-000.fr.txt,in/nt13-000.en.txt,a\n",
    );
    let out = run(&d, &["batch", "list.csv", "--presegmented", "-f", "jsonl"]).ok();
    let pairs: Vec<String> = out
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["pair"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert!(pairs.first().unwrap() == "a" && pairs.last().unwrap() == "b");
    assert!(pairs.windows(2).all(|w| w[0] <= w[1]));
    d.file("dup.csv", "fr,en,name\nin/nt13-000.fr.txt,in/nt13-000.en.txt,a\nin/nt13-001.fr.txt,in/nt13-001.en.txt,a\n");
    let err = run(&d, &["batch", "dup.csv"]).fails();
    assert!(err.contains("dup.csv:3:"), "{err}");
    let err = run(&d, &["batch", "in", "-f", "html"]).fails();
    assert!(err.contains("--out-dir"), "{err}");
}

/// A pair whose second bead has numbers that differ and whose third holds
/// markup, one sentence a line.
fn findings_pair(d: &Dir, name: &str) {
    d.file(
        &format!("{name}.fr.txt"),
        "Le convoi est arrivé à Alep lundi.\nIl transportait 12 tonnes de vivres.\nUn panneau disait <b>\"stop\"</b>.\n",
    );
    d.file(
        &format!("{name}.en.txt"),
        "The convoy reached Aleppo on Monday.\nIt carried 15 tonnes of food.\nA sign read <b>\"stop\"</b>.\n",
    );
}

#[test]
fn html_page_has_the_strip_the_filters_and_the_findings_reasons() {
    let d = Dir::new();
    findings_pair(&d, "a");
    let html = run(
        &d,
        &[
            "align",
            "a.fr.txt",
            "a.en.txt",
            "--presegmented",
            "-f",
            "html",
        ],
    )
    .ok();
    // The reason, next to its bead, and the bead in the "to check" list.
    assert!(
        html.contains("<div class=\"finding\"><span class=\"flag\">number_mismatch</span> numbers differ: only in the French 12; only in the English 15</div>"),
        "{html}"
    );
    assert!(html.contains("<a href=\"#b2\">Bead 2</a>"), "{html}");
    assert!(
        html.contains("data-kinds=\"number_mismatch\" data-check=\"1\""),
        "{html}"
    );
    // The strip: one link a bead here (fewer than 200), the one to check marked.
    let strip = html
        .split("<nav id=\"strip\"")
        .nth(1)
        .unwrap()
        .split("</nav>")
        .next()
        .unwrap();
    assert_eq!(strip.matches("<a href=\"#b").count(), 3, "{strip}");
    assert_eq!(strip.matches("class=\"issue\"").count(), 1, "{strip}");
    // The filters offer the finding kinds there are.
    assert!(html.contains("<select name=\"kind\"><option value=\"\">any</option><option>number_mismatch</option></select>"), "{html}");
    // Markup in a sentence stays text.
    assert!(
        html.contains("&lt;b&gt;&quot;stop&quot;&lt;/b&gt;"),
        "{html}"
    );
    assert!(!html.contains("<b>\"stop\""));
}

#[test]
fn batch_html_writes_an_index_of_the_pairs() {
    let d = Dir::new();
    findings_pair(&d, "one");
    findings_pair(&d, "two#b");
    d.file("three.fr.txt", "Bonjour.\n");
    d.file("three.en.txt", "Hello.\n");
    run(
        &d,
        &[
            "batch",
            ".",
            "--presegmented",
            "-f",
            "html",
            "--out-dir",
            "out",
        ],
    )
    .ok();
    let index = std::fs::read_to_string(d.path("out/index.html")).unwrap();
    let rows: Vec<&str> = index
        .lines()
        .filter(|l| l.starts_with("<tr><td>"))
        .collect();
    assert_eq!(rows.len(), 3, "{index}");
    assert!(
        rows[0].starts_with("<tr><td><a href=\"one.html\">one</a></td><td class=\"conf\">3</td>"),
        "{}",
        rows[0]
    );
    assert!(
        rows[0].ends_with("<td class=\"conf\">1</td></tr>"),
        "{}",
        rows[0]
    );
    assert!(
        rows[1]
            .starts_with("<tr><td><a href=\"three.html\">three</a></td><td class=\"conf\">1</td>"),
        "{}",
        rows[1]
    );
    assert!(
        rows[1].ends_with("<td class=\"conf\">0</td></tr>"),
        "{}",
        rows[1]
    );
    assert!(
        rows[2].starts_with("<tr><td><a href=\"two%23b.html\">two#b</a>"),
        "{}",
        rows[2]
    );
    for page in ["one.html", "two#b.html", "three.html"] {
        assert!(d.path("out").join(page).is_file(), "{page}");
    }
}

#[test]
fn convert_keeps_the_review_status_in_csv_and_tmx() {
    let d = Dir::new();
    d.file(
        "reviewed.csv",
        "bead,fr_ids,en_ids,fr,en,type,confidence,flags,names,fr_block,en_block,status,accepted\n\
         1,1,1,Un.,One.,1-1,0.900,,,p:1,p:1,checked,number_mismatch\n\
         2,2-3,2-3,Deux. Trois.,Two. Three.,2-2,,,,p:2,p:2,,\n",
    );
    let csv = run(&d, &["convert", "reviewed.csv", "-f", "csv"]).ok();
    assert_eq!(
        csv,
        "bead,fr_ids,en_ids,fr,en,type,confidence,flags,names,fr_block,en_block,status,accepted\n\
         1,1,1,Un.,One.,1-1,0.900,,,p:1,p:1,checked,number_mismatch\n\
         2,2-3,2-3,Deux. Trois.,Two. Three.,2-2,,,,p:2,p:2,,\n"
    );
    let tmx = run(&d, &["convert", "reviewed.csv", "-f", "tmx"]).ok();
    assert_eq!(
        tmx.matches("<prop type=\"x-status\">checked</prop>")
            .count(),
        1,
        "{tmx}"
    );
    let first_tu = tmx.split("</tu>").next().unwrap();
    assert!(first_tu.contains("x-status"), "{tmx}");
}
