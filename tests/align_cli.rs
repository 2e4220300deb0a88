//! `tralign align` and `tralign eval` through the real binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tralign"));
    cmd.env_remove("TRALIGN_LEXICON")
        .env_remove("TRALIGN_ENCODER");
    cmd
}

fn data(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn run(cmd: &mut Command) -> Output {
    let out = cmd.output().expect("run tralign");
    assert!(
        out.status.success(),
        "tralign failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Strict F1 reported by `tralign eval`.
fn strict_f1(gold: &Path, test: &Path) -> f64 {
    let out = run(bin().arg("eval").arg(gold).arg(test));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["f1_strict"].as_f64().unwrap()
}

#[test]
fn aligns_a_dev_document_close_to_gold() {
    let dir = tempfile::tempdir().unwrap();
    let test = dir.path().join("t.beads");
    let d = "benches/data/fren-dev/nt13-000";
    run(bin()
        .args(["align", "--presegmented", "-f", "beads", "-o"])
        .arg(&test)
        .arg(data(&format!("{d}.fr")))
        .arg(data(&format!("{d}.en"))));
    let f1 = strict_f1(&data(&format!("{d}.gold")), &test);
    assert!(f1 >= 0.85, "strict F1 {f1}");
}

#[test]
fn csv_parses_back_to_the_same_rows() {
    let d = "benches/data/fren-dev/nt13-003";
    let out = run(bin()
        .args(["align", "--presegmented"])
        .arg(data(&format!("{d}.fr")))
        .arg(data(&format!("{d}.en"))));
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    assert_eq!(
        reader.headers().unwrap(),
        vec![
            "bead",
            "fr_ids",
            "en_ids",
            "fr",
            "en",
            "type",
            "confidence",
            "flags",
            "names",
            "fr_block",
            "en_block"
        ]
    );
    let fr: Vec<String> = std::fs::read_to_string(data(&format!("{d}.fr")))
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    let mut next_fr = 1;
    for (k, row) in reader.records().enumerate() {
        let row = row.unwrap();
        assert_eq!(row.len(), 11);
        assert_eq!(row[0].parse::<usize>().unwrap(), k + 1);
        let conf: f64 = row[6].parse().unwrap();
        assert!(
            (0.0..=1.0).contains(&conf) && row[6].len() == 5,
            "{}",
            &row[6]
        );
        // fr_ids run in order and the fr text is those sentences joined.
        if !row[1].is_empty() {
            let (a, b) = match row[1].split_once('-') {
                Some((a, b)) => (a.parse::<usize>().unwrap(), b.parse::<usize>().unwrap()),
                None => {
                    let a = row[1].parse().unwrap();
                    (a, a)
                }
            };
            assert_eq!(a, next_fr);
            next_fr = b + 1;
            assert_eq!(&row[3], fr[a - 1..b].join(" ").trim());
            let ty = format!("{}-", b - a + 1);
            assert!(row[5].starts_with(&ty), "{}", &row[5]);
        }
    }
    assert_eq!(next_fr, fr.len() + 1);
}

#[test]
fn output_is_deterministic_and_atomic() {
    let dir = tempfile::tempdir().unwrap();
    let d = "benches/data/textberg-dev/dev";
    let mut outs = Vec::new();
    for name in ["a.jsonl", "b.jsonl"] {
        let p = dir.path().join(name);
        run(bin()
            .args(["align", "--presegmented", "-f", "jsonl", "-o"])
            .arg(&p)
            .arg(data(&format!("{d}.de")))
            .arg(data(&format!("{d}.fr"))));
        outs.push(std::fs::read(&p).unwrap());
    }
    assert_eq!(outs[0], outs[1]);
    let first: serde_json::Value = serde_json::from_str(
        std::str::from_utf8(&outs[0])
            .unwrap()
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    assert!(first["fr_spans"].is_array() && first["type"].is_string());
    // Only the two outputs are in the folder: no temporary file left.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
}

#[test]
fn non_translations_get_low_confidence_and_a_warning() {
    let out = run(bin()
        .args(["align", "--presegmented", "-f", "jsonl"])
        .arg(data("benches/data/fren-dev/nt13-000.fr"))
        .arg(data("benches/data/fren-dev/nt13-001.en")));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("do not look like translations of each other"),
        "{stderr}"
    );
    for line in String::from_utf8(out.stdout).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(v["confidence"].as_f64().unwrap() < 0.5, "{line}");
        assert!(v["flags"].to_string().contains("low_confidence"), "{line}");
    }
    // A true pair gives no warning (with --quiet, nothing else either).
    let out = run(bin()
        .args(["align", "--quiet", "--presegmented", "-f", "beads"])
        .arg(data("benches/data/fren-dev/nt13-001.fr"))
        .arg(data("benches/data/fren-dev/nt13-001.en")));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn empty_side_gives_one_sided_beads() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let fr = data("benches/data/fren-dev/nt13-002.fr");
    let out = run(bin()
        .args(["align", "--presegmented", "-f", "beads"])
        .arg(&fr)
        .arg(&empty));
    let text = String::from_utf8(out.stdout).unwrap();
    let n = std::fs::read_to_string(&fr).unwrap().lines().count();
    let want: Vec<String> = (0..n).map(|i| format!("[{i}]:[]")).collect();
    assert_eq!(text.lines().collect::<Vec<_>>(), want);
    let out = run(bin()
        .args(["align", "--presegmented", "-f", "beads"])
        .arg(&empty)
        .arg(&fr));
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .all(|l| l.starts_with("[]:[")));
}

#[test]
fn refuses_to_overwrite_an_input() {
    let fr = data("benches/data/fren-dev/nt13-002.fr");
    let out = bin()
        .args(["align", "--presegmented", "-o"])
        .arg(&fr)
        .arg(&fr)
        .arg(data("benches/data/fren-dev/nt13-002.en"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn eval_reports_bad_line_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.beads");
    std::fs::write(&bad, "[0]:[0]\n[1] [1]\n").unwrap();
    let out = bin()
        .arg("eval")
        .arg(data("benches/data/fren-dev/nt13-000.gold"))
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bad.beads:2:"), "{stderr}");
}

#[test]
fn malformed_glossary_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let g = dir.path().join("g.csv");
    std::fs::write(&g, "fr,en\nDamas,Damascus\nHoms\n").unwrap();
    let out = bin()
        .args(["align", "--presegmented", "-g"])
        .arg(&g)
        .arg(data("corpus/syria-2024/fr.sentences"))
        .arg(data("corpus/syria-2024/en.sentences"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("g.csv:3:"));
}

#[test]
fn seed_pair_aligns_exactly_to_gold() {
    let dir = tempfile::tempdir().unwrap();
    let test = dir.path().join("t.beads");
    run(bin()
        .args(["align", "--presegmented", "-f", "beads", "-o"])
        .arg(&test)
        .arg(data("corpus/syria-2024/fr.sentences"))
        .arg(data("corpus/syria-2024/en.sentences")));
    let f1 = strict_f1(&data("corpus/syria-2024/gold.beads"), &test);
    assert_eq!(f1, 1.0, "presegmented");
    // From the raw texts: decode, structure, segment, align.
    run(bin()
        .args(["align", "-f", "beads", "-o"])
        .arg(&test)
        .arg(data("corpus/syria-2024/fr.txt"))
        .arg(data("corpus/syria-2024/en.txt")));
    assert_eq!(
        std::fs::read_to_string(&test).unwrap(),
        std::fs::read_to_string(data("corpus/syria-2024/gold.beads")).unwrap()
    );
}

/// Confidence of the single bead of a one-sentence pair, with extra args.
fn one_bead_confidence(dir: &Path, extra: &[&str]) -> f64 {
    one_bead_confidence_with(bin(), dir, extra)
}

/// [`one_bead_confidence`] run by `cmd` (another binary, an environment).
fn one_bead_confidence_with(mut cmd: Command, dir: &Path, extra: &[&str]) -> f64 {
    let out = run(cmd
        .args(["align", "--presegmented", "-f", "jsonl"])
        .args(extra)
        .arg(dir.join("fr.txt"))
        .arg(dir.join("en.txt")));
    let line = String::from_utf8(out.stdout).unwrap();
    let beads: Vec<serde_json::Value> = line
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(beads.len(), 1, "{line}");
    beads[0]["confidence"].as_f64().unwrap()
}

#[test]
fn a_user_lexicon_adds_anchors() {
    let dir = tempfile::tempdir().unwrap();
    // Invented words, in no dictionary: only the user's list pairs them.
    std::fs::write(
        dir.path().join("fr.txt"),
        "Les glorbes du vrintal sont quasques.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("en.txt"),
        "The flimbers of the zoddle are wextish.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("mine.tsv"),
        "# my words\nglorbe\tflimber\nvrintal\tzoddle\nquasque\twextish\n",
    )
    .unwrap();
    let lexicon = dir.path().join("mine.tsv");
    let without = one_bead_confidence(dir.path(), &[]);
    let with = one_bead_confidence(dir.path(), &["--lexicon", lexicon.to_str().unwrap()]);
    assert!(with > without, "with {with}, without {without}");
}

/// Strict F1 of `tralign align` on fren-dev's document nt13-003 (one where
/// the word list moves beads), with `TRALIGN_LEXICON` set to `lexicon`
/// (`None`: left unset).
fn nt13_003_f1(lexicon: Option<&std::ffi::OsStr>) -> f64 {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.beads");
    let mut cmd = bin();
    if let Some(l) = lexicon {
        cmd.env("TRALIGN_LEXICON", l);
    }
    let doc = data("benches/data/fren-dev/nt13-003");
    run(cmd
        .args(["align", "-q", "--presegmented", "-f", "beads"])
        .arg(doc.with_extension("fr"))
        .arg(doc.with_extension("en"))
        .arg("-o")
        .arg(&out));
    strict_f1(&doc.with_extension("gold"), &out)
}

#[test]
fn the_shipped_lexicon_is_read_at_run_time_and_can_be_turned_off() {
    let default = nt13_003_f1(None);
    let without = nt13_003_f1(Some("".as_ref()));
    assert!(default > without, "default {default}, without {without}");
    // Named by the variable: the same list gives the same result.
    let named = data("data/lexicon-fr-en.tsv");
    assert_eq!(nt13_003_f1(Some(named.as_os_str())), default);
}

#[test]
fn an_installed_binary_finds_the_list_in_share() {
    // bin/tralign with share/tralign/lexicon-fr-en.tsv beside it (the
    // installed layout) reads that list, not the source tree's.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("fr.txt"), "Les glorbes sont quasques.\n").unwrap();
    std::fs::write(dir.path().join("en.txt"), "The flimbers are wextish.\n").unwrap();
    let bin_dir = dir.path().join("prefix/bin");
    std::fs::create_dir_all(&bin_dir).unwrap();
    let exe = bin_dir.join("tralign");
    std::fs::copy(env!("CARGO_BIN_EXE_tralign"), &exe).unwrap();
    let installed = || {
        let mut cmd = Command::new(&exe);
        cmd.env_remove("TRALIGN_LEXICON")
            .env_remove("TRALIGN_ENCODER");
        cmd
    };
    let before = one_bead_confidence_with(installed(), dir.path(), &[]);
    let share = dir.path().join("prefix/share/tralign");
    std::fs::create_dir_all(&share).unwrap();
    std::fs::write(
        share.join("lexicon-fr-en.tsv"),
        "glorbe\tflimber\nquasque\twextish\n",
    )
    .unwrap();
    let after = one_bead_confidence_with(installed(), dir.path(), &[]);
    assert!(after > before, "after {after}, before {before}");
}

#[test]
fn a_malformed_or_missing_lexicon_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("fr.txt"), "Une phrase.\n").unwrap();
    std::fs::write(dir.path().join("en.txt"), "A sentence.\n").unwrap();
    let lexicon = dir.path().join("lexicon-fr-en.tsv");
    std::fs::write(&lexicon, "maison\thouse\nseul\n").unwrap();
    let missing = dir.path().join("nowhere.tsv");
    let malformed = format!("{}:2: expected two words", lexicon.display());
    // The default list named by the variable, or a user's list.
    for (env, flag, expected) in [
        (Some(&lexicon), None, &malformed),
        (Some(&missing), None, &missing.display().to_string()),
        (None, Some(&lexicon), &malformed),
    ] {
        let mut cmd = bin();
        cmd.args(["align", "--presegmented"]);
        if let Some(list) = env {
            cmd.env("TRALIGN_LEXICON", list);
        }
        if let Some(list) = flag {
            cmd.arg("--lexicon").arg(list);
        }
        let out = cmd
            .arg(dir.path().join("fr.txt"))
            .arg(dir.path().join("en.txt"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(expected.as_str()), "{err}");
    }
}

/// Beads of `tralign align --presegmented -f beads FR EN`, one a line.
fn bead_lines(fr: &Path, en: &Path) -> Vec<String> {
    let out = run(bin()
        .args(["align", "--presegmented", "-f", "beads"])
        .arg(fr)
        .arg(en));
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(String::from)
        .collect()
}

/// Beads of two presegmented texts, written to files first.
fn text_beads(fr: &str, en: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let (f, e) = (dir.path().join("fr.txt"), dir.path().join("en.txt"));
    std::fs::write(&f, fr).unwrap();
    std::fs::write(&e, en).unwrap();
    bead_lines(&f, &e)
}

/// A sentence translated as two is cut at its own punctuation: in Jane
/// Eyre (TransRead), English 50 (1-based) — `He bullied and punished me ;
/// … but continually : every nerve I had feared him , …` — is French 53
/// (`… mais continuellement .`) and 54 (`Chacun de mes nerfs …`), and the
/// gold bead is found. With its semicolon and colon made commas, the
/// English sentence has no place to cut there and the bead is not found:
/// the colon is what tells.
#[test]
fn a_sentence_translated_as_two_is_cut_at_its_colon() {
    let fr = data("benches/data/transread-dev/JaneEyre.fr");
    let en = data("benches/data/transread-dev/JaneEyre.en");
    let bead = "[52, 53]:[49]";
    assert!(bead_lines(&fr, &en).iter().any(|b| b == bead));

    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(&en).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    let commas = lines[49].replace(" ; ", " , ").replace(" : ", " , ");
    assert_ne!(commas, lines[49]);
    lines[49] = &commas;
    let changed = dir.path().join("en.txt");
    std::fs::write(&changed, lines.join("\n") + "\n").unwrap();
    assert!(!bead_lines(&fr, &changed).iter().any(|b| b == bead));
}

/// A list that gives each entry's lines in its own language's order (the
/// French page `Français: Famille` / `Anglais : Family`, the English page
/// `English: Family` / `French: Famille`): the translations cross, so each
/// entry's two lines are one 2-2 bead, found by the repeated labels that
/// translate each other. Listed in the same order, they are two 1-1 beads.
#[test]
fn crossed_label_lines_are_one_bead_and_straight_ones_two() {
    let words = [
        ("F", "Famille", "Family"),
        ("H", "Hôpital", "Hospital"),
        ("J", "Janvier", "January"),
        ("K", "Kangourou", "Kangaroo"),
        ("S", "Septembre", "September"),
    ];
    let page = |title: &str, lines: &dyn Fn(&str, &str) -> String| {
        let mut s = format!("# {title}\n\n");
        for (letter, fr, en) in words {
            s += &format!("## {letter}\n\n{}\n", lines(fr, en));
        }
        s
    };
    let fr = page("Alphabet radio", &|f, e| {
        format!("- Français: {f}\n- Anglais : {e}\n")
    });
    let crossed = page("Radio alphabet", &|f, e| {
        format!("- English: {e}\n- French: {f}\n")
    });
    let straight = page("Radio alphabet", &|f, e| {
        format!("- French: {f}\n- English: {e}\n")
    });
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    };
    let fr = write("fr.md", &fr);
    let kinds = |en: &Path| -> Vec<String> {
        let out = run(bin().args(["align", "-f", "jsonl"]).arg(&fr).arg(en));
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                let n = |k: &str| v[k].as_array().map_or(0, Vec::len);
                format!("{}-{}", n("fr_ids"), n("en_ids"))
            })
            .collect()
    };
    let per_letter = |k: &str| {
        std::iter::once("1-1".to_string())
            .chain(
                words
                    .iter()
                    .flat_map(|_| ["1-1".to_string(), k.to_string()]),
            )
            .collect::<Vec<_>>()
    };
    assert_eq!(kinds(&write("crossed.md", &crossed)), per_letter("2-2"));
    let two = vec!["1-1".to_string(); 1 + 3 * words.len()];
    assert_eq!(kinds(&write("straight.md", &straight)), two);
}

/// A line cut in two alike on both sides — a table of contents' dot leader
/// and its page number (after a bare leader line or a title's), an author
/// list and the rest of its reference, cut again after `vol.` on one side,
/// an imprint cut before a comma — is one bead.
#[test]
fn a_line_cut_alike_on_both_sides_is_one_bead() {
    let beads = text_beads(
        "Le rapport décrit les services offerts aux aînés du pays.\n\
         . . . . . . . . . . . .\n12\n\
         Les aînés utilisent de plus en plus le téléphone.\n\
         CISLER, Steve.\n(1993), Hawaï Network Conference Report.\n\
         La recherche a été menée de janvier à juin.\n\
         NIELSEN, Jakob et SCHAEFER, Lyon.\n\
         «Sound Effects as an Interface Element», Behaviour and Information Technology, vol.\n\
         12, p. 208-215.\n\
         Compilation des résultats . . . . . . . . .\n22 4.2.\n\
         Les résultats sont présentés par région.\n\
         Page couverture : Litho et Ass.\n, Ville St-Laurent\n",
        "The report describes the services offered to the country's seniors.\n\
         . . . . . . . . . .\n11\n\
         Seniors use the telephone more and more.\n\
         CISLER, Steve.\n(1993), Hawaï Network Conference Report.\n\
         The research was carried out from January to June.\n\
         NIELSEN, Jakob and SCHAEFER, Lyon.\n\
         \"Sound Effects as an Interface Element\", Behaviour and Information Technology, Vol. 12, p. 208-215.\n\
         Compilation of results. . . . . . . . . . .\n22 4.2.\n\
         The results are given by region.\n\
         Litho et Ass.\n, Ville St-Laurent (Quebec), Cover Page design\n",
    );
    assert_eq!(
        beads,
        [
            "[0]:[0]",
            "[1, 2]:[1, 2]",
            "[3]:[3]",
            "[4, 5]:[4, 5]",
            "[6]:[6]",
            "[7, 8, 9]:[7, 8]",
            "[10, 11]:[9, 10]",
            "[12]:[11]",
            "[13, 14]:[12, 13]"
        ]
    );
}

/// `[Traduction]` before a quotation (the French versions of Canadian
/// judgments mark a quotation translated from English so) has no
/// counterpart: it is a 1-0 bead of its own, not joined to the sentence
/// before it.
#[test]
fn a_translators_marker_stands_alone() {
    let beads = text_beads(
        "Ce à quoi l'appelant a répondu, à la page 359 du dossier :\n\
         [traduction]\n\
         « Je ne savais pas que le marché avait échoué avant le procès. »\n",
        "To which the appellant replied, at page 359 of the record:\n\
         \"I did not know that the deal had failed before the trial.\"\n",
    );
    assert_eq!(beads, ["[0]:[0]", "[1]:[]", "[2]:[1]"]);
}
