//! Web pages and Markdown as people publish them, through the binary: raw
//! HTML in Markdown, front matter, Liquid and kramdown markup, page chrome,
//! what was skipped (`-v`), and hostile nesting.

mod util;

use std::collections::HashSet;

use serde_json::Value;
use util::{repo, Dir};

fn sentences(out: &str) -> Vec<&str> {
    out.lines().collect()
}

/// Output beads of `align -f jsonl` as (French, English), white space collapsed.
fn beads(out: &str) -> Vec<(String, String)> {
    out.lines()
        .map(|l| {
            let b: Value = serde_json::from_str(l).expect("a JSON bead");
            (
                collapse(b["fr"].as_str().unwrap()),
                collapse(b["en"].as_str().unwrap()),
            )
        })
        .collect()
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The pairs of the web corpus (`corpus/web-*/`, see `corpus/WEB.md`): the
/// folder, and its French and English files.
fn web_pairs() -> Vec<(std::path::PathBuf, String, String)> {
    let mut pairs = Vec::new();
    for entry in std::fs::read_dir(repo().join("corpus")).unwrap() {
        let dir = entry.unwrap().path();
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        if !name.starts_with("web-") || !dir.join("gold.tsv").is_file() {
            continue;
        }
        let side = |lang: &str| {
            std::fs::read_dir(&dir)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
                .find(|f| f.starts_with(&format!("{lang}.")))
                .unwrap_or_else(|| panic!("{name}: no {lang}.* file"))
        };
        let (fr, en) = (side("fr"), side("en"));
        pairs.push((dir, fr, en));
    }
    pairs.sort();
    pairs
}

#[test]
fn web_corpus_aligns_to_its_gold_with_no_junk_and_nothing_dropped() {
    let pairs = web_pairs();
    assert!(pairs.len() >= 8, "{} pairs", pairs.len());
    let (mut total, mut correct) = (0, 0);
    for (dir, fr_file, en_file) in &pairs {
        let pair = dir.file_name().unwrap().to_string_lossy();
        let gold: Vec<(String, String)> = std::fs::read_to_string(dir.join("gold.tsv"))
            .unwrap()
            .lines()
            .map(|l| {
                let (fr, en) = l.split_once('\t').expect("fr TAB en");
                (collapse(fr), collapse(en))
            })
            .collect();
        let d = Dir::new();
        let out = d
            .run(&[
                "align",
                dir.join(fr_file).to_str().unwrap(),
                dir.join(en_file).to_str().unwrap(),
                "-f",
                "jsonl",
            ])
            .ok();
        let out = beads(&out);
        let side = |v: &[(String, String)], fr: bool| {
            v.iter()
                .map(|(f, e)| if fr { f.as_str() } else { e.as_str() })
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let (gold_fr, gold_en) = (side(&gold, true), side(&gold, false));
        let (out_fr, out_en) = (side(&out, true), side(&out, false));
        for (fr, en) in &out {
            assert!(
                gold_fr.contains(fr.as_str()),
                "{pair}: junk French bead {fr:?}"
            );
            assert!(
                gold_en.contains(en.as_str()),
                "{pair}: junk English bead {en:?}"
            );
        }
        for (fr, en) in &gold {
            assert!(out_fr.contains(fr.as_str()), "{pair}: dropped {fr:?}");
            assert!(out_en.contains(en.as_str()), "{pair}: dropped {en:?}");
        }
        let mut left = gold.clone();
        for b in &out {
            if let Some(i) = left.iter().position(|g| g == b) {
                left.remove(i);
                correct += 1;
            }
        }
        total += out.len();
    }
    // 295 of 329 when the corpus came in (crossing translations and title
    // lines, see corpus/WEB.md); 319 of 319 since label lines and the title
    // line rule. Issue 17's bar is 99 %.
    assert!(
        correct * 100 >= total * 99,
        "{correct} of {total} beads correct"
    );
}

/// The text nodes a browser shows of a page: for Markdown, the page as the
/// site renders it; scripts, styles and `<noscript>` are not shown.
fn visible_text_nodes(path: &std::path::Path) -> Vec<String> {
    let source = std::fs::read_to_string(path).unwrap();
    let html = if path.extension().is_some_and(|e| e == "md") {
        let body = match source.strip_prefix("---\n") {
            Some(rest) => rest.split_once("\n---\n").expect("front matter").1,
            None => source.as_str(),
        };
        // The site fills its Liquid outputs in (here, all of them links).
        let mut filled = String::new();
        let mut rest = body;
        while let Some((before, after)) = rest.split_once("{{") {
            filled.push_str(before);
            filled.push('#');
            rest = after.split_once("}}").expect("closed Liquid output").1;
        }
        filled.push_str(rest);
        let mut rendered = String::new();
        pulldown_cmark::html::push_html(&mut rendered, pulldown_cmark::Parser::new(&filled));
        rendered
    } else {
        source
    };
    let page = scraper::Html::parse_document(&html);
    page.tree
        .nodes()
        .filter_map(|n| {
            let text = n.value().as_text()?;
            let hidden = n.ancestors().any(|a| {
                a.value()
                    .as_element()
                    .is_some_and(|e| matches!(e.name(), "script" | "style" | "noscript"))
            });
            (!hidden).then(|| collapse(text))
        })
        .filter(|t| !t.is_empty())
        .collect()
}

#[test]
fn every_visible_text_of_a_real_page_is_in_a_sentence_or_a_named_skip() {
    for (path, lang, metadata) in [
        ("corpus/web-wet-licence/en.html", "en", true),
        ("corpus/web-wet-licence/fr.html", "fr", true),
        ("corpus/web-wet-bugs/fr.html", "fr", true),
        ("corpus/web-cds-phonetic-alphabet/en.html", "en", true),
        ("corpus/web-gcds-accessibility/fr.md", "fr", true),
        ("corpus/web-oss-definitions/fr.md", "fr", false),
    ] {
        let file = repo().join(path);
        let visible = visible_text_nodes(&file);
        assert!(visible.len() > 20, "{path}: {} text nodes", visible.len());

        let d = Dir::new();
        let run = d.run(&["segment", file.to_str().unwrap(), "-l", lang, "-vv"]);
        let text = collapse(&run.ok());
        let err = run.stderr();
        // With -vv, every skipped piece is on a line of its own, its kind
        // named, its text quoted.
        let pieces: Vec<&str> = err.lines().filter(|l| l.contains(" piece: \"")).collect();
        for node in &visible {
            let quoted = format!("{node:?}");
            let quoted = &quoted[1..quoted.len() - 1];
            let in_sentence = text.contains(node.as_str());
            let in_skip = pieces.iter().any(|l| l.contains(quoted));
            assert!(in_sentence || in_skip, "{path}: {node:?} is lost\n{err}");
        }
        assert_eq!(
            err.contains("skipped metadata: 1 piece"),
            metadata,
            "{path}: {err}"
        );
    }
    // The page's chrome is skipped by name, and each piece shown.
    let err = Dir::new()
        .run(&[
            "segment",
            repo()
                .join("corpus/web-wet-licence/en.html")
                .to_str()
                .unwrap(),
            "-l",
            "en",
            "-vv",
        ])
        .stderr();
    for piece in [
        "skipped chrome piece: \"Skip to main content Skip to",
        "skipped chrome piece: \"Language selection Français English (current)",
        "skipped chrome piece: \"Date modified: 2014-02-19\"",
    ] {
        assert!(err.contains(piece), "{piece}\n{err}");
    }
}

#[test]
fn web_component_text_attributes_are_read_and_keys_end_sentences() {
    let d = Dir::new();
    let md = d.file(
        "a11y.md",
        "# Checklist\n\n<gcds-details details-title=\"Focus states\">\n  <p>Focus is visible.</p>\n</gcds-details>\n\n\
         <gcds-card card-title=\"Report a bug\" description=\"Tell us what broke.\" href=\"#\"></gcds-card>\n\n\
         To search the page, press Ctrl + F. Users would rather scroll.\n",
    );
    let out = d.run(&["segment", md.to_str().unwrap(), "-l", "en"]).ok();
    assert_eq!(
        sentences(&out),
        [
            "Checklist",
            "Focus states",
            "Focus is visible.",
            "Report a bug",
            "Tell us what broke.",
            "To search the page, press Ctrl + F.",
            "Users would rather scroll.",
        ]
    );
    // Outside the main content, a component's text is chrome like the rest.
    let page = d.file(
        "p.html",
        "<html><body><header><gcds-notice notice-title=\"Site notice\"></gcds-notice></header>\
         <main><p>Content here.</p></main></body></html>",
    );
    let run = d.run(&["segment", page.to_str().unwrap(), "-l", "en", "-vv"]);
    assert_eq!(run.ok(), "Content here.\n");
    assert!(
        run.stderr()
            .contains("skipped chrome piece: \"Site notice\""),
        "{}",
        run.stderr()
    );
}

#[test]
fn markdown_with_raw_html_front_matter_and_template_markup() {
    let d = Dir::new();
    let md = d.file(
        "guide.md",
        "---\n# a YAML comment\nlayout: void\ntitle: The guide\nchangelog:\n  - first\n---\n\
         # Context {#context}\n\n\
         {% include box.html title=\"Note\" content=\"Read this box first.\" %}\n\n\
         <details><summary>More details</summary>\n\
         <p>The details are here.</p>\n<h3>A raw heading</h3>\n\
         <blockquote>A quoted line.</blockquote>\n</details>\n\n\
         Some text.\n{: .lead}\n\n\
         {::nomarkdown}\n<ul><li>First point.</li><li>Second point.</li></ul>\n{:/nomarkdown}\n\n\
         | Step | Who |\n|---|---|\n| 1. Steps to citizenship | <ul><li>Service and Digital</li><li>Appendix G: rules</li></ul> |\n\n\
         ```\ncode();\n```\n",
    );
    let run = d.run(&["segment", md.to_str().unwrap(), "-l", "en", "-v"]);
    let out = run.ok();
    assert_eq!(
        sentences(&out),
        [
            "Context",
            "Read this box first.",
            "More details",
            "The details are here.",
            "A raw heading",
            "A quoted line.",
            "Some text.",
            "First point.",
            "Second point.",
            "Step",
            "Who",
            "1. Steps to citizenship",
            "Service and Digital",
            "Appendix G: rules",
        ]
    );
    let err = run.stderr();
    assert!(err.contains("skipped metadata: 1 piece"), "{err}");
    assert!(err.contains("skipped template: 5 pieces"), "{err}");
    assert!(err.contains("skipped code: 1 piece"), "{err}");
}

#[test]
fn page_chrome_is_left_out_and_kept_on_request() {
    let d = Dir::new();
    let page = repo().join("tests/data/web-chrome-en.html");
    let page = page.to_str().unwrap();
    let run = d.run(&["segment", page, "-l", "en", "-v"]);
    assert_eq!(
        sentences(&run.ok()),
        [
            "Open source at the Treasury Board",
            "The government publishes its code.",
            "It uses open standards wherever it can.",
            "Steps",
            "Who",
            "1. Steps to publish",
            "Canadian Digital Service and Digital",
            "Appendix G: Rules for code",
        ]
    );
    let err = run.stderr();
    for kind in [
        "skipped chrome:",
        "skipped metadata:",
        "skipped hidden: 1 piece",
        "skipped comment: 2 pieces",
        "Skip to main content",
    ] {
        assert!(err.contains(kind), "{kind}: {err}");
    }

    let kept = d.run(&["segment", page, "-l", "en", "--keep-chrome"]).ok();
    for chrome in [
        "Skip to main content",
        "Français",
        "You are here:",
        "Report a problem or mistake on this page",
        "Date modified:",
        "Contact us",
    ] {
        assert!(sentences(&kept).contains(&chrome), "{chrome}: {kept}");
    }
    assert!(!kept.contains("not text") && !kept.contains("unpublished draft"));
}

#[test]
fn language_toggles_do_not_pair_up_as_a_bead() {
    let d = Dir::new();
    let en = std::fs::read_to_string(repo().join("tests/data/web-chrome-en.html")).unwrap();
    let fr = en
        .replace("lang=\"en\"", "lang=\"fr\"")
        .replace(">Français<", ">English<")
        .replace("Skip to main content", "Passer au contenu principal")
        .replace("Date modified:", "Date de modification :")
        .replace(
            "Open source at the Treasury Board",
            "Le logiciel libre au Conseil du Trésor",
        )
        .replace(
            "The government publishes its code. It uses open standards wherever it can.",
            "Le gouvernement publie son code. Il utilise des normes ouvertes partout où il le peut.",
        );
    let fr = d.file("fr.html", fr);
    let out = d
        .run(&[
            "align",
            fr.to_str().unwrap(),
            repo()
                .join("tests/data/web-chrome-en.html")
                .to_str()
                .unwrap(),
            "-f",
            "jsonl",
        ])
        .ok();
    for (fr, en) in beads(&out) {
        for chrome in [
            "English",
            "Français",
            "Passer au contenu",
            "Skip to",
            "Date ",
        ] {
            assert!(!fr.contains(chrome) && !en.contains(chrome), "{fr} | {en}");
        }
    }
}

#[test]
fn doctype_internal_subset_is_no_sentence() {
    let d = Dir::new();
    let page = d.file(
        "p.html",
        "<!DOCTYPE html [ <!ENTITY a \"b\"> <!ELEMENT x (#PCDATA)> ]>\n<html><body><p>Text here.</p></body></html>",
    );
    let run = d.run(&["segment", page.to_str().unwrap(), "-l", "en"]);
    assert_eq!(run.ok(), "Text here.\n");
    assert!(run.stderr().contains("internal subset"), "{}", run.stderr());
}

/// Regression (issue 14, items 2 and 4): deeply nested HTML used to overflow
/// the stack (100,000 `<span>`), and 1,000,000 nested `<div>` or a long line
/// of Markdown `>` took quadratic time. The sizes here are smaller but would
/// still take minutes with a quadratic reader (`benches/nesting.sh` times
/// the full sizes).
#[test]
fn deep_nesting_is_read_without_recursion_in_linear_time() {
    let d = Dir::new();
    let spans = d.file(
        "spans.html",
        format!("<p>{}Deep text.", "<span>".repeat(100_000)),
    );
    let divs = d.file(
        "divs.html",
        format!(
            "<html><body>{}Deep text.{}",
            "<div>".repeat(200_000),
            "</div>".repeat(200_000)
        ),
    );
    let quotes = d.file("quotes.md", format!("{} Deep text.\n", ">".repeat(200_000)));
    let lists = d.file("lists.md", format!("{}Deep text.\n", "- ".repeat(100_000)));
    for f in [&spans, &divs, &quotes, &lists] {
        let run = d.run(&["segment", f.to_str().unwrap(), "-l", "en"]);
        assert_eq!(run.ok(), "Deep text.\n", "{}", f.display());
        assert!(run.stderr().contains("flattened"), "{}", run.stderr());
    }
}

#[test]
fn deep_nesting_in_pipe_worker_threads_does_not_kill_the_stream() {
    let d = Dir::new();
    let deep = format!("<p>{}Texte profond.", "<span>".repeat(20_000));
    let deep_en = format!("<p>{}Deep text.", "<span>".repeat(20_000));
    let mut input = String::new();
    for id in 0..4 {
        input.push_str(&serde_json::json!({"id": id, "fr": deep, "en": deep_en}).to_string());
        input.push('\n');
    }
    let out = d
        .run_stdin(&["pipe", "-j", "2"], Some(input.as_bytes()))
        .ok();
    let done: HashSet<i64> = out
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v["done"] == true)
        .map(|v| v["id"].as_i64().unwrap())
        .collect();
    assert_eq!(done, (0..4).collect());
    assert!(out.contains("Texte profond.") && out.contains("Deep text."));
}
