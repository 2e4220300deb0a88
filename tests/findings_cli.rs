//! `tralign check` and the flags of `tralign align`: every kind of finding,
//! and the false findings of earlier versions, through the binary.

mod util;

use serde_json::Value;
use util::{seed, shipped, Dir};

/// The seed article's untranslated French sentence and added English one.
const SEED_UNTRANSLATED: &str = "Les médias officiels ont indiqué que l’armée avait bombardé un hôpital de campagne et un groupe armé dans cette ville.";
const SEED_ADDED: &str = "T4 is also known as the Tiyas air base.";

/// Runs `check -f jsonl` on two presegmented texts (one sentence a line)
/// with an optional glossary; returns the exit code and the findings.
fn check(fr: &str, en: &str, glossary: Option<&str>) -> (i32, Vec<Value>) {
    let d = Dir::new();
    let f = d.file("fr.txt", fr);
    let e = d.file("en.txt", en);
    let mut args = vec![
        "check".to_string(),
        "--presegmented".into(),
        "-f".into(),
        "jsonl".into(),
        f.display().to_string(),
        e.display().to_string(),
    ];
    if let Some(g) = glossary {
        args.push("-g".into());
        args.push(d.file("g.csv", g).display().to_string());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = d.run(&args);
    assert!(!run.stderr().contains("panicked"), "{}", run.stderr());
    let findings = run
        .stdout()
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    (run.code(), findings)
}

/// The (kind, bead) of each finding.
fn kinds(findings: &[Value]) -> Vec<(String, u64)> {
    findings
        .iter()
        .map(|f| {
            (
                f["kind"].as_str().unwrap().to_string(),
                f["bead"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// A few ordinary sentences around the one under test, so that the pair
/// aligns the way it reads.
fn around(middle_fr: &str, middle_en: &str) -> (String, String) {
    let fr = format!(
        "Le conseil municipal s’est réuni mardi soir.\n{middle_fr}\nLa séance a été levée à minuit passé."
    );
    let en = format!(
        "The town council met on Tuesday evening.\n{middle_en}\nThe meeting was closed after midnight."
    );
    (fr, en)
}

#[test]
fn seed_pair_bead_17_is_untranslated_and_9_added() {
    let d = Dir::new();
    let run = d.run(&[
        "check",
        &seed("fr.txt"),
        &seed("en.txt"),
        "-f",
        "jsonl",
        "-g",
        &shipped("syria.csv"),
        "-g",
        &shipped("places-fr-en.csv"),
    ]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    let findings: Vec<Value> = run
        .stdout()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        kinds(&findings),
        [("added".to_string(), 9), ("untranslated".to_string(), 17)]
    );
    let f = &findings[1];
    assert_eq!(f["fr"], SEED_UNTRANSLATED);
    assert_eq!(f["severity"], "major");
    assert_eq!(
        f["fr_span"],
        serde_json::json!([0, SEED_UNTRANSLATED.len()])
    );
    // align's flags say the same, whatever the bead's confidence.
    let csv = d.run(&[
        "align",
        &seed("fr.txt"),
        &seed("en.txt"),
        "-f",
        "jsonl",
        "-g",
        &shipped("syria.csv"),
    ]);
    let beads: Vec<Value> = csv
        .ok()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let flags = |n: usize| beads[n - 1]["flags"].as_array().unwrap().clone();
    assert!(
        flags(17).contains(&"untranslated".into()),
        "{:?}",
        flags(17)
    );
    assert!(flags(9).contains(&"added".into()), "{:?}", flags(9));
}

#[test]
fn seed_pair_bead_8_is_not_flagged() {
    // As the README's main command aligns the seed pair: with its glossary.
    let d = Dir::new();
    let out = d
        .run(&[
            "align",
            &seed("fr.txt"),
            &seed("en.txt"),
            "-g",
            &shipped("syria.csv"),
            "-f",
            "jsonl",
        ])
        .ok();
    let bead: Value = serde_json::from_str(out.lines().nth(7).unwrap()).unwrap();
    assert_eq!(bead["bead"], 8);
    assert!(bead["confidence"].as_f64().unwrap() >= 0.7, "{bead}");
    assert_eq!(bead["flags"], serde_json::json!([]), "{bead}");
}

#[test]
fn clean_seed_pair_with_both_shipped_glossaries_has_no_finding() {
    let d = Dir::new();
    let fr = std::fs::read_to_string(seed("fr.txt")).unwrap();
    let en = std::fs::read_to_string(seed("en.txt")).unwrap();
    assert!(fr.contains(SEED_UNTRANSLATED) && en.contains(SEED_ADDED));
    let f = d.file("fr.txt", fr.replace(SEED_UNTRANSLATED, ""));
    let e = d.file("en.txt", en.replace(SEED_ADDED, ""));
    let run = d.run(&[
        "check",
        f.to_str().unwrap(),
        e.to_str().unwrap(),
        "-g",
        &shipped("syria.csv"),
        "-g",
        &shipped("places-fr-en.csv"),
    ]);
    assert_eq!(run.code(), 0, "{}{}", run.stdout(), run.stderr());
    assert_eq!(run.stdout(), "");
    assert!(run.stderr().contains("0 finding(s)"), "{}", run.stderr());
    assert!(!run.stderr().contains("conflict"), "{}", run.stderr());
}

#[test]
fn shipped_glossaries_agree() {
    let run = Dir::new().run(&[
        "glossary",
        "lint",
        &shipped("syria.csv"),
        &shipped("places-fr-en.csv"),
    ]);
    assert_eq!(run.code(), 0, "{}{}", run.stdout(), run.stderr());
}

#[test]
fn each_kind_is_found_on_its_bead() {
    // (French, English, glossary, the kind expected on the middle bead)
    let cases = [
        (
            "Les forces gouvernementales ont quitté la ville dans la nuit.",
            "Government forces left the town during the night.\nNobody expected such a quick departure from the region.",
            None,
            "added",
        ),
        (
            "Il y a eu 1 200,5 tonnes de blé livrées.",
            "There were 1,250.5 tonnes of wheat delivered.",
            None,
            "number_mismatch",
        ),
        (
            "La colonne se trouvait à 12 kilomètres de la ville.",
            "The column was 12 miles from the town.",
            None,
            "unit_mismatch",
        ),
        (
            "Le budget atteint 12 millions d’euros.",
            "The budget reaches 12 billion euros.",
            None,
            "unit_mismatch",
        ),
        (
            "Les rebelles ont pris Kanaker hier matin.",
            "The rebels took Kafr Sousa yesterday morning.",
            None,
            "name_mismatch",
        ),
        (
            "Les combats ont repris à Homs dans la soirée.",
            "Fighting resumed in Hama in the evening.",
            None,
            "name_mismatch",
        ),
        (
            "Les troupes avancent vers Damas sans rencontrer de résistance.",
            "The troops advance on the capital without meeting resistance.",
            Some("fr,en\nDamas,Damascus\n"),
            "missing_term",
        ),
    ];
    for (fr, en, glossary, kind) in cases {
        let (fr, en) = around(fr, en);
        let (code, findings) = check(&fr, &en, glossary);
        assert_eq!(code, 1, "{fr} / {en}");
        assert_eq!(
            kinds(&findings),
            [(kind.to_string(), 2)],
            "{fr} / {en}: {findings:?}"
        );
    }
    // untranslated: a French sentence left out of the English, which the
    // aligner merges with its neighbour (a 2-1 bead); the span points at it.
    let (code, findings) = check(
        "Le conseil municipal s’est réuni mardi soir.\nLe maire a présenté le budget de l’année prochaine aux élus.\nLes habitants ont posé de nombreuses questions sur les impôts locaux.\nLa séance a été levée à minuit passé.",
        "The town council met on Tuesday evening.\nThe mayor presented next year's budget to the councillors.\nThe meeting was closed after midnight.",
        None,
    );
    assert_eq!(code, 1);
    assert_eq!(kinds(&findings), [("untranslated".to_string(), 2)]);
    let f = &findings[0];
    let (a, b) = (
        f["fr_span"][0].as_u64().unwrap() as usize,
        f["fr_span"][1].as_u64().unwrap() as usize,
    );
    assert_eq!(
        &f["fr"].as_str().unwrap()[a..b],
        "Les habitants ont posé de nombreuses questions sur les impôts locaux."
    );
}

#[test]
fn a_replaced_word_of_a_paired_name_is_a_name_mismatch() {
    let (fr, en) = around(
        "Szabo est aussi membre du German Marshall Fund depuis longtemps.",
        "Szabo has also long been a member of the German Marshall Sada.",
    );
    let (code, findings) = check(&fr, &en, None);
    assert_eq!(code, 1);
    assert_eq!(kinds(&findings), [("name_mismatch".to_string(), 2)]);
    assert!(findings[0]["message"].as_str().unwrap().contains("Sada"));
}

#[test]
fn inconsistent_name_is_on_the_changed_bead_only() {
    let fr = "L’armée a repris Palmyre au printemps.\nLes ruines de Palmyre ont été endommagées.\nLe musée de Palmyre a rouvert ses portes.\nLa route de Palmyre est de nouveau ouverte.";
    let en = "The army retook Palmyra in the spring.\nThe ruins of Palmyra were damaged.\nThe museum of Tadmur has reopened its doors.\nThe road to Palmyra is open again.";
    let g = "fr,en,fr_variants,en_variants\nPalmyre,Palmyra,,Tadmur\n";
    let (code, findings) = check(fr, en, Some(g));
    assert_eq!(code, 1);
    assert_eq!(kinds(&findings), [("inconsistent_name".to_string(), 3)]);
    assert!(findings[0]["message"].as_str().unwrap().contains("Tadmur"));
}

#[test]
fn former_false_findings_are_gone() {
    // Each pair is a correct translation.
    let cases = [
        (
            "Douze personnes ont été blessées.",
            "12 people were injured.",
            None,
        ),
        (
            "Six soldats sont morts au combat.",
            "6 soldiers died in the fighting.",
            None,
        ),
        (
            "Le déficit atteint 1,36 milliard d’euros.",
            "The deficit reaches 1,360 million euros.",
            None,
        ),
        (
            "Le déficit atteint 1,36 milliard d’euros cette année.",
            "The deficit reaches 1.36 billion euros this year.",
            None,
        ),
        (
            "La réunion commence à 15 heures précises.",
            "The meeting starts at 3 pm sharp.",
            None,
        ),
        (
            "Le marché unique profite à toute l’Europe selon lui.",
            "The single market benefits all European countries, he said.",
            None,
        ),
        (
            "Selon Kroll, le spectacle a été un succès.",
            "According to Nick Kroll, the show was a success.",
            None,
        ),
        (
            "Une frappe aérienne a eu lieu à Talbiseh hier.",
            "An air strike took place in Talbiseh yesterday.",
            Some("fr,en,fr_variants,en_variants\nÉtats-Unis,United States,É.-U.,US\n"),
        ),
        (
            "Ils nous ont rejoints à Talbiseh hier.",
            "They joined us in Talbiseh yesterday.",
            Some("fr,en,fr_variants,en_variants\nÉtats-Unis,United States,É.-U.,US\n"),
        ),
        (
            "Le 1er janvier, 922 kg de vivres sont arrivés.",
            "On January 1st, 2,032 pounds of food arrived.",
            None,
        ),
        // A range shares its scale; halves; a cup's rounds; dates in
        // digits and times; numbers in words that are two numbers.
        (
            "La légalisation coûte entre 12 et 16 mille roubles.",
            "Legalization costs from 12,000 to 16,000 rubles.",
            None,
        ),
        (
            "J’ai déjà investi 2 millions et demi dans la campagne.",
            "I have already put 2.5 million into the campaign.",
            None,
        ),
        (
            "Nous voulons recevoir lors du 8e de finale retour.",
            "We want home advantage in the last 16 match.",
            None,
        ),
        (
            "Le concert a lieu le jeudi 20 décembre 2012 à partir de 21 heures.",
            "The concert takes place on Thursday 20.12.2012 from 9pm.",
            None,
        ),
        (
            "Les températures oscillent entre -3 ° et -9 ° C ce matin.",
            "Temperatures range between three and nine degrees below zero this morning.",
            None,
        ),
        (
            "Elle est arrivée à Oxford à la fin des années 80.",
            "She arrived at Oxford in the late Eighties.",
            None,
        ),
        (
            "Ils voulaient un retour à Sion au XIXe siècle.",
            "They wanted a Return to Zion in the 19th century.",
            None,
        ),
    ];
    for (fr, en, glossary) in cases {
        let (fr, en) = around(fr, en);
        let (code, findings) = check(&fr, &en, glossary);
        assert_eq!((code, findings.len()), (0, 0), "{fr} / {en}: {findings:?}");
    }
    // `US` and `É.-U.` still match when they are written so.
    let g = "fr,en,fr_variants,en_variants\nÉtats-Unis,United States,É.-U.,US\n";
    let (fr, en) = around(
        "Les É.-U. ont envoyé des renforts à Talbiseh.",
        "The US sent reinforcements to Talbiseh.",
    );
    assert_eq!(check(&fr, &en, Some(g)), (0, Vec::new()));
    let (fr, en) = around(
        "Les É.-U. ont envoyé des renforts à Talbiseh.",
        "They sent reinforcements to Talbiseh.",
    );
    let (_, findings) = check(&fr, &en, Some(g));
    assert_eq!(kinds(&findings), [("missing_term".to_string(), 2)]);
}

#[test]
fn accept_leaves_out_accepted_findings_and_formats_agree() {
    let d = Dir::new();
    let (fr, en) = around(
        "Il y a eu 1 200,5 tonnes de blé livrées à Homs.",
        "There were 1,250.5 tonnes of wheat delivered to Hama.",
    );
    let f = d.file("fr.txt", &fr);
    let e = d.file("en.txt", &en);
    let (f, e) = (f.to_str().unwrap(), e.to_str().unwrap());
    let base = ["check", "--presegmented", f, e];
    let jsonl = d.run(&[&base[..], &["-f", "jsonl"]].concat());
    assert_eq!(jsonl.code(), 1);
    let findings: Vec<Value> = jsonl
        .stdout()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        kinds(&findings),
        [
            ("number_mismatch".to_string(), 2),
            ("name_mismatch".to_string(), 2)
        ]
    );
    // Same ids run after run.
    assert_eq!(
        jsonl.stdout(),
        d.run(&[&base[..], &["-f", "jsonl"]].concat()).stdout()
    );
    // The number's span is the number.
    let n = &findings[0];
    let (a, b) = (
        n["en_span"][0].as_u64().unwrap() as usize,
        n["en_span"][1].as_u64().unwrap() as usize,
    );
    assert_eq!(&n["en"].as_str().unwrap()[a..b], "1,250.5");
    // CSV: a header and a row per finding, with the same ids.
    let csv = d.run(&[&base[..], &["-f", "csv"]].concat());
    assert_eq!(csv.code(), 1);
    let out = csv.stdout();
    let mut lines = out.lines();
    assert!(lines.next().unwrap().starts_with("id,kind,severity,bead,"));
    let id0 = findings[0]["id"].as_str().unwrap();
    let id1 = findings[1]["id"].as_str().unwrap();
    assert!(out.contains(id0) && out.contains(id1), "{out}");
    // Text: the offending part marked.
    let text = d.run(&base).stdout();
    assert!(text.contains("[[1,250.5]]"), "{text}");
    // Accepting one leaves the other; accepting both gives exit 0.
    let accept = d.file("accepted.txt", format!("# reviewed\n{id0} fine as it is\n"));
    let run = d.run(
        &[
            &base[..],
            &["-f", "jsonl", "--accept", accept.to_str().unwrap()],
        ]
        .concat(),
    );
    assert_eq!(run.code(), 1);
    assert!(!run.stdout().contains(id0) && run.stdout().contains(id1));
    assert!(
        run.stderr().contains("1 finding(s), 1 accepted"),
        "{}",
        run.stderr()
    );
    let all = d.file("all.txt", format!("{id0}\n{id1}\n"));
    let run = d.run(&[&base[..], &["--accept", all.to_str().unwrap()]].concat());
    assert_eq!((run.code(), run.stdout()), (0, String::new()));
    // A missing accept file is an error naming it.
    let err = d
        .run(&[&base[..], &["--accept", "nope.txt"]].concat())
        .fails();
    assert!(err.contains("nope.txt"), "{err}");
}

#[test]
fn align_outputs_carry_the_findings() {
    let d = Dir::new();
    let (fr, en) = around(
        "La colonne se trouvait à 12 kilomètres de la ville.",
        "The column was 12 miles from the town.",
    );
    let f = d.file("fr.txt", &fr);
    let e = d.file("en.txt", &en);
    let (f, e) = (f.to_str().unwrap(), e.to_str().unwrap());
    let csv = d.run(&["align", "--presegmented", f, e]).ok();
    assert!(
        csv.lines().nth(2).unwrap().contains("unit_mismatch"),
        "{csv}"
    );
    let tmx = d.run(&["align", "--presegmented", "-f", "tmx", f, e]).ok();
    assert!(
        tmx.contains("<prop type=\"x-flags\">unit_mismatch</prop>"),
        "{tmx}"
    );
    let html = d.run(&["align", "--presegmented", "-f", "html", f, e]).ok();
    let check =
        &html[html.find("<section id=\"check\">").unwrap()..html.find("</section>").unwrap()];
    assert!(
        check.contains("Bead 2") && check.contains("unit_mismatch"),
        "{check}"
    );
    assert!(check.contains("another unit"), "{check}");
}
