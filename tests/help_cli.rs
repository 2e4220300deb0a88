//! Every `--help` names exactly the formats and columns its command
//! accepts: checked against the program's own lists, so that help text and
//! behaviour cannot drift apart.

mod util;

use clap::ValueEnum;
use util::{repo, Dir};

fn help(args: &[&str]) -> String {
    let mut args = args.to_vec();
    args.push("--help");
    Dir::new().run(&args).ok()
}

/// The names of a value enum's values (`csv`, `tmx`, …).
fn names<F: ValueEnum>() -> Vec<String> {
    F::value_variants()
        .iter()
        .filter_map(|v| v.to_possible_value())
        .map(|v| v.get_name().to_string())
        .collect()
}

#[test]
fn glossary_help_names_the_full_format_everywhere() {
    for cmd in [
        &["align"][..],
        &["batch"],
        &["pipe"],
        &["names"],
        &["check"],
        &["glossary", "suggest"],
    ] {
        let text = help(cmd);
        for column in tralign::glossary::COLUMNS {
            assert!(
                text.contains(column),
                "{cmd:?} --help lacks `{column}`:\n{text}"
            );
        }
        for format in ["OmegaT", "TBX", "semicolon", "UTF-16"] {
            assert!(
                text.contains(format),
                "{cmd:?} --help lacks {format}:\n{text}"
            );
        }
    }
}

#[test]
fn output_formats_in_help_are_the_real_ones() {
    for cmd in [&["align"][..], &["batch"]] {
        let text = help(cmd);
        for f in names::<tralign::export::Format>() {
            assert!(text.contains(&format!("- {f}:")), "{cmd:?}: {f}\n{text}");
        }
    }
    for cmd in [
        &["glossary", "convert"][..],
        &["glossary", "merge"],
        &["glossary", "suggest"],
    ] {
        let text = help(cmd);
        for f in names::<tralign::glossary::Format>() {
            assert!(text.contains(&format!("- {f}:")), "{cmd:?}: {f}\n{text}");
        }
    }
}

#[test]
fn input_formats_in_help_are_the_real_ones() {
    for cmd in [&["segment"][..], &["align"], &["names"], &["check"]] {
        let text = help(cmd).to_lowercase();
        for f in names::<tralign::document::Format>() {
            assert!(text.contains(&f), "{cmd:?} --help lacks {f}:\n{text}");
        }
    }
}

#[test]
fn convert_help_lists_every_column_it_reads() {
    let text = help(&["convert"]);
    for column in tralign::export::CSV_COLUMNS {
        assert!(text.contains(&format!("`{column}`")), "{column}:\n{text}");
    }
}

#[test]
fn eval_help_says_where_the_reference_scorer_is() {
    let text = help(&["eval"]);
    let scorer = "benches/align_score.py";
    assert!(text.contains(scorer), "{text}");
    assert!(repo().join(scorer).is_file());
}
