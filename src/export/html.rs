//! A self-contained review page: both texts side by side, bead by bead, the
//! confidence as a colour, flags highlighted, the beads to check listed at
//! the top. No script, no network, no external file.

use std::io::{self, Write};

use quick_xml::escape::escape;

use super::pair::{pairs, Pair};
use super::Options;
use crate::Alignment;

/// The page's style sheet, inlined.
const STYLE: &str = "\
body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}\
h1{font-size:1.4em}\
table{border-collapse:collapse;width:100%;table-layout:fixed}\
th,td{border:1px solid #ccc;padding:.35em .5em;vertical-align:top;text-align:left}\
th{background:#eee;position:sticky;top:0}\
col.n{width:3.5em}col.t{width:3.5em}col.c{width:7em}col.f{width:10em}\
td.text{width:40%}\
tr.flagged td.n{border-left:.4em solid #d33}\
span.flag{display:inline-block;background:#fde2e2;color:#900;border-radius:.3em;padding:0 .3em;margin:.1em;font-size:.85em}\
div.names{font-size:.85em;color:#555;margin-top:.3em}\
#check li{margin:.2em 0}\
.conf{font-variant-numeric:tabular-nums;text-align:right}";

/// Writes the review page for `alignment`.
pub fn write_html(alignment: &Alignment, opts: &Options, w: &mut dyn Write) -> io::Result<()> {
    let all: Vec<Pair> = pairs(alignment).collect();
    let title = format!(
        "tralign review: {} / {}",
        or(&opts.fr_name, "French"),
        or(&opts.en_name, "English")
    );
    writeln!(w, "<!DOCTYPE html>")?;
    writeln!(w, "<html lang=\"en\"><head><meta charset=\"utf-8\">")?;
    writeln!(w, "<title>{}</title>", escape(title.as_str()))?;
    writeln!(w, "<style>{STYLE}</style></head><body>")?;
    writeln!(w, "<h1>{}</h1>", escape(title.as_str()))?;
    let known: Vec<f64> = all.iter().filter_map(|p| p.confidence).collect();
    let mean = if known.is_empty() {
        0.0
    } else {
        known.iter().sum::<f64>() / known.len() as f64
    };
    writeln!(
        w,
        "<p class=\"summary\">{} beads, {} French and {} English sentences, mean confidence {:.3}.</p>",
        all.len(),
        alignment.fr.sentences.len(),
        alignment.en.sentences.len(),
        mean
    )?;
    if !alignment.translation {
        writeln!(w, "<p class=\"warning\"><strong>These texts do not look like translations of each other</strong>; every bead has a low confidence.</p>")?;
    }

    let check: Vec<&Pair> = all.iter().filter(|p| to_check(p)).collect();
    writeln!(
        w,
        "<section id=\"check\"><h2>To check ({})</h2>",
        check.len()
    )?;
    if check.is_empty() {
        writeln!(w, "<p>No bead has a low confidence or a finding.</p>")?;
    } else {
        writeln!(w, "<ul>")?;
        for p in &check {
            let side = if p.fr.is_empty() { &p.en } else { &p.fr };
            write!(
                w,
                "<li><a href=\"#b{n}\">Bead {n}</a> ({}, {}): {}",
                conf_text(p.confidence),
                escape(p.kind.as_str()),
                escape(preview(side).as_str()),
                n = p.bead
            )?;
            for f in alignment.findings.iter().filter(|f| f.bead == p.bead) {
                write!(
                    w,
                    "<br><span class=\"reason\"><b>{}</b>: {}</span>",
                    escape(f.kind.as_str()),
                    escape(f.message.as_str())
                )?;
            }
            writeln!(w, "</li>")?;
        }
        writeln!(w, "</ul>")?;
    }
    writeln!(w, "</section>")?;

    writeln!(w, "<table id=\"beads\">")?;
    writeln!(w, "<colgroup><col class=\"n\"><col><col><col class=\"t\"><col class=\"c\"><col class=\"f\"></colgroup>")?;
    writeln!(w, "<thead><tr><th>#</th><th lang=\"fr\">Français</th><th>English</th><th>type</th><th>confidence</th><th>flags</th></tr></thead><tbody>")?;
    for (k, p) in all.iter().enumerate() {
        let class = if p.flags.is_empty() {
            "bead"
        } else {
            "bead flagged"
        };
        write!(
            w,
            "<tr class=\"{class}\" id=\"b{n}\"><td class=\"n\">{n}</td><td class=\"text fr\" lang=\"{}\">{}</td><td class=\"text en\" lang=\"{}\">{}</td>",
            escape(opts.fr_lang.as_str()),
            escape(p.fr.as_str()),
            escape(opts.en_lang.as_str()),
            escape(p.en.as_str()),
            n = p.bead
        )?;
        write!(
            w,
            "<td class=\"type\">{}</td><td class=\"conf\" style=\"background:{}\">{}</td><td class=\"flags\">",
            escape(p.kind.as_str()),
            colour(p.confidence),
            conf_text(p.confidence)
        )?;
        for f in &p.flags {
            write!(w, "<span class=\"flag\">{}</span>", escape(f.as_str()))?;
        }
        let names = bead_names(alignment, k);
        if !names.is_empty() {
            write!(w, "<div class=\"names\">")?;
            for (i, (fr, en)) in names.iter().enumerate() {
                let sep = if i > 0 { "; " } else { "" };
                write!(w, "{sep}{} = {}", escape(fr.as_str()), escape(en.as_str()))?;
            }
            write!(w, "</div>")?;
        }
        writeln!(w, "</td></tr>")?;
    }
    writeln!(w, "</tbody></table>")?;
    writeln!(
        w,
        "<p><small>Written by tralign {}.</small></p></body></html>",
        env!("CARGO_PKG_VERSION")
    )?;
    w.flush()
}

/// The name pairs found in bead `k`, shown under its flags.
///
/// Bead `k`'s name pairs (French, English), as [`crate::names`] paired them.
fn bead_names(alignment: &Alignment, k: usize) -> Vec<(String, String)> {
    alignment.names.get(k).map_or_else(Vec::new, |pairs| {
        pairs.iter().map(|p| (p.fr.clone(), p.en.clone())).collect()
    })
}

/// Whether a bead belongs in the "to check" list: a low confidence or a
/// finding (every flag but `heading_mismatch`).
fn to_check(p: &Pair) -> bool {
    p.flags.iter().any(|f| f != "heading_mismatch")
}

fn or<'a>(s: &'a str, default: &'a str) -> &'a str {
    if s.is_empty() {
        default
    } else {
        s
    }
}

fn conf_text(c: Option<f64>) -> String {
    c.map_or_else(|| "–".to_string(), |c| format!("{c:.3}"))
}

/// Red (0) through yellow to green (1); grey when unknown.
fn colour(c: Option<f64>) -> String {
    match c {
        Some(c) => format!("hsl({:.0},75%,80%)", c.clamp(0.0, 1.0) * 120.0),
        None => "#eee".to_string(),
    }
}

/// The first words of a text, for the "to check" list.
fn preview(s: &str) -> String {
    const MAX: usize = 80;
    match s.char_indices().nth(MAX) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}
