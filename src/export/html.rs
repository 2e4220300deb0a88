//! A self-contained review page: both texts side by side, bead by bead, the
//! confidence as a colour and a number, flags and findings with their
//! reasons, the beads to check listed at the top, an overview strip of the
//! whole document (click to jump) and filters (a small inline script). No
//! network, no external file.

use std::io::{self, Write};

use quick_xml::escape::escape;

use super::pair::{pairs, Pair};
use super::Options;
use crate::review::BeadFinding;
use crate::Alignment;

/// How many segments the overview strip has (at most).
const STRIP: usize = 200;

/// The filters' script: hides the rows the filters leave out.
const SCRIPT: &str = r#"(function(){
var rows=document.querySelectorAll('#beads tbody tr'),f=document.getElementById('filters');
function run(){var only=f.only.checked,kind=f.kind.value,flag=f.flag.value,max=parseFloat(f.max.value),q=f.q.value.trim().toLowerCase(),n=0;
for(var i=0;i<rows.length;i++){var r=rows[i],d=r.dataset,ok=true;
if(only&&d.check!=='1')ok=false;
else if(kind&&(' '+d.kinds+' ').indexOf(' '+kind+' ')<0)ok=false;
else if(flag&&(' '+d.flags+' ').indexOf(' '+flag+' ')<0)ok=false;
else if(max<1&&!(d.conf!==''&&parseFloat(d.conf)<=max))ok=false;
else if(q&&r.textContent.toLowerCase().indexOf(q)<0)ok=false;
r.hidden=!ok;if(ok)n++;}
document.getElementById('shown').textContent=n+' of '+rows.length+' beads shown';}
f.addEventListener('input',run);f.hidden=false;})();"#;

/// The page's style sheet, inlined.
const STYLE: &str = "\
body{font-family:system-ui,sans-serif;margin:1.5em 3em 1.5em 1.5em;color:#222}\
#strip{position:fixed;top:0;right:0;bottom:0;width:1.6em;display:flex;flex-direction:column;border-left:1px solid #999;background:#eee}\
#strip a{flex:1;display:block;min-height:1px;text-decoration:none;font-size:.7em;line-height:1;color:#700;text-align:center;overflow:hidden}\
#strip a.issue{box-shadow:inset -.5em 0 #b00020}\
#filters{display:flex;flex-wrap:wrap;gap:1em;align-items:center;background:#eef1f5;padding:.4em .6em;margin:.5em 0;position:sticky;top:0;z-index:2}\
div.finding{font-size:.85em;margin-top:.3em}\
h1{font-size:1.4em}\
table{border-collapse:collapse;width:100%;table-layout:fixed}\
th,td{border:1px solid #ccc;padding:.35em .5em;vertical-align:top;text-align:left}\
th{background:#eee}\
col.n{width:3.5em}col.t{width:3.5em}col.c{width:7em}col.f{width:10em}\
td.text{width:40%}\
tr.flagged td.n{border-left:.4em solid #d33}\
span.flag{display:inline-block;background:#fde2e2;color:#900;border-radius:.3em;padding:0 .3em;margin:.1em;font-size:.85em}\
div.names{font-size:.85em;color:#555;margin-top:.3em}\
#check li{margin:.2em 0}\
.conf{font-variant-numeric:tabular-nums;text-align:right}";

/// Writes the review page for `alignment`, with the `findings` of its
/// beads (see [`crate::review::bead_findings`]) and their reasons.
pub fn write_html(
    alignment: &Alignment,
    findings: &[BeadFinding],
    opts: &Options,
    w: &mut dyn Write,
) -> io::Result<()> {
    let all: Vec<Pair> = pairs(alignment).collect();
    let mut by_bead: Vec<Vec<&BeadFinding>> = vec![Vec::new(); all.len()];
    for f in findings {
        if let Some(v) = by_bead.get_mut(f.bead.wrapping_sub(1)) {
            v.push(f);
        }
    }
    let title = format!(
        "tralign review: {} / {}",
        or(&opts.fr_name, "French"),
        or(&opts.en_name, "English")
    );
    writeln!(w, "<!DOCTYPE html>")?;
    writeln!(w, "<html lang=\"en\"><head><meta charset=\"utf-8\">")?;
    writeln!(w, "<title>{}</title>", escape(title.as_str()))?;
    writeln!(w, "<style>{STYLE}</style></head><body>")?;
    strip(&all, &by_bead, w)?;
    writeln!(w, "<h1>{}</h1>", escape(title.as_str()))?;
    let known: Vec<f64> = all.iter().filter_map(|p| p.confidence).collect();
    let mean = if known.is_empty() {
        0.0
    } else {
        known.iter().sum::<f64>() / known.len() as f64
    };
    writeln!(
        w,
        "<p class=\"summary\">{} beads, {} French and {} English sentences, mean confidence {:.3}, {} findings.</p>",
        all.len(),
        alignment.fr.sentences.len(),
        alignment.en.sentences.len(),
        mean,
        findings.len()
    )?;
    if !alignment.translation {
        writeln!(w, "<p class=\"warning\"><strong>These texts do not look like translations of each other</strong>; every bead has a low confidence.</p>")?;
    }

    let check: Vec<&Pair> = all
        .iter()
        .filter(|p| to_check(p, &by_bead[p.bead - 1]))
        .collect();
    writeln!(
        w,
        "<section id=\"check\"><details{}><summary><h2 style=\"display:inline\">To check ({})</h2></summary>",
        if check.len() <= 30 { " open" } else { "" },
        check.len()
    )?;
    if check.is_empty() {
        writeln!(w, "<p>No bead has a low confidence or a finding.</p>")?;
    } else {
        writeln!(w, "<ul>")?;
        for p in &check {
            let side = if p.fr.is_empty() { &p.en } else { &p.fr };
            let reasons: Vec<&str> = p
                .flags
                .iter()
                .map(String::as_str)
                .chain(by_bead[p.bead - 1].iter().map(|f| f.kind.as_str()))
                .collect();
            write!(
                w,
                "<li><a href=\"#b{n}\">Bead {n}</a> ({}, {}; {}): {}",
                conf_text(p.confidence),
                escape(p.kind.as_str()),
                escape(reasons.join(", ").as_str()),
                escape(preview(side).as_str()),
                n = p.bead
            )?;
            for f in &by_bead[p.bead - 1] {
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
    writeln!(w, "</details></section>")?;
    filters(&all, findings, w)?;

    writeln!(w, "<table id=\"beads\">")?;
    writeln!(w, "<colgroup><col class=\"n\"><col><col><col class=\"t\"><col class=\"c\"><col class=\"f\"></colgroup>")?;
    writeln!(w, "<thead><tr><th>#</th><th lang=\"fr\">Français</th><th>English</th><th>type</th><th>confidence</th><th>flags and findings</th></tr></thead><tbody>")?;
    for (k, p) in all.iter().enumerate() {
        let found = &by_bead[k];
        let class = if p.flags.is_empty() && found.is_empty() {
            "bead"
        } else {
            "bead flagged"
        };
        let kinds: Vec<&str> = found.iter().map(|f| f.kind.as_str()).collect();
        write!(
            w,
            "<tr class=\"{class}\" id=\"b{n}\" data-conf=\"{}\" data-flags=\"{}\" data-kinds=\"{}\" data-check=\"{}\"><td class=\"n\">{n}</td><td class=\"text fr\" lang=\"{}\">{}</td><td class=\"text en\" lang=\"{}\">{}</td>",
            p.confidence.map_or(String::new(), |c| format!("{c:.3}")),
            escape(p.flags.join(" ").as_str()),
            escape(kinds.join(" ").as_str()),
            u8::from(to_check(p, found)),
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
        for f in found {
            write!(
                w,
                "<div class=\"finding\"><span class=\"flag\">{}</span> {}</div>",
                escape(f.kind.as_str()),
                escape(f.message.as_str())
            )?;
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
        "<p><small>Written by tralign {}.</small></p><script>{SCRIPT}</script></body></html>",
        env!("CARGO_PKG_VERSION")
    )?;
    w.flush()
}

/// The overview strip: the document in at most [`STRIP`] segments, each
/// coloured by the lowest confidence in it, marked `!` (and a red edge)
/// when it holds a bead to check, a link to its first bead.
fn strip(all: &[Pair], by_bead: &[Vec<&BeadFinding>], w: &mut dyn Write) -> io::Result<()> {
    if all.is_empty() {
        return Ok(());
    }
    write!(
        w,
        "<nav id=\"strip\" aria-label=\"Overview of the document\">"
    )?;
    let parts = all.len().min(STRIP);
    for i in 0..parts {
        let (a, z) = (i * all.len() / parts, (i + 1) * all.len() / parts);
        let seg = &all[a..z];
        let low = seg
            .iter()
            .filter_map(|p| p.confidence)
            .fold(None, |m: Option<f64>, c| Some(m.map_or(c, |m| m.min(c))));
        let issue = seg.iter().any(|p| to_check(p, &by_bead[p.bead - 1]));
        write!(
            w,
            "<a href=\"#b{}\" style=\"background:{}\" title=\"beads {}–{}{}\"{}>{}</a>",
            seg[0].bead,
            colour(low),
            seg[0].bead,
            seg[seg.len() - 1].bead,
            if issue { ", to check" } else { "" },
            if issue { " class=\"issue\"" } else { "" },
            if issue { "!" } else { "" }
        )?;
    }
    writeln!(w, "</nav>")
}

/// The filter bar (hidden until the script shows it, so that a page
/// without scripts does not offer filters that do nothing).
fn filters(all: &[Pair], findings: &[BeadFinding], w: &mut dyn Write) -> io::Result<()> {
    let mut flags: Vec<&str> = all
        .iter()
        .flat_map(|p| p.flags.iter().map(String::as_str))
        .collect();
    flags.sort_unstable();
    flags.dedup();
    let mut kinds: Vec<&str> = findings.iter().map(|f| f.kind.as_str()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    let options = |values: &[&str]| -> String {
        values
            .iter()
            .map(|v| format!("<option>{}</option>", escape(*v)))
            .collect()
    };
    writeln!(
        w,
        "<form id=\"filters\" hidden onsubmit=\"return false\"><label><input type=\"checkbox\" name=\"only\"> only beads to check</label>\
<label>finding <select name=\"kind\"><option value=\"\">any</option>{}</select></label>\
<label>flag <select name=\"flag\"><option value=\"\">any</option>{}</select></label>\
<label>confidence ≤ <input name=\"max\" type=\"number\" min=\"0\" max=\"1\" step=\"0.05\" value=\"1\" style=\"width:4.5em\"></label>\
<label>search <input name=\"q\" type=\"search\"></label><span id=\"shown\"></span></form>",
        options(&kinds),
        options(&flags)
    )
}

/// The name pairs found in bead `k`, shown under its flags.
///
/// Bead `k`'s name pairs (French, English), as [`crate::names`] paired them.
fn bead_names(alignment: &Alignment, k: usize) -> Vec<(String, String)> {
    alignment.names.get(k).map_or_else(Vec::new, |pairs| {
        pairs.iter().map(|p| (p.fr.clone(), p.en.clone())).collect()
    })
}

/// Whether a bead belongs in the "to check" list: a finding, or a flag
/// other than `heading_mismatch` (a low confidence among them).
fn to_check(p: &Pair, findings: &[&BeadFinding]) -> bool {
    !findings.is_empty() || p.flags.iter().any(|f| f != "heading_mismatch")
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

/// One pair in `batch`'s index page.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexEntry {
    /// The pair's name.
    pub name: String,
    /// Its page, relative to the index (`NAME.html`).
    pub file: String,
    /// How many beads.
    pub beads: usize,
    /// The mean confidence of its beads.
    pub mean_confidence: f64,
    /// How many findings.
    pub findings: usize,
}

/// Writes `batch`'s `index.html`: one row per pair with its bead count,
/// mean confidence and findings, linking to its page.
pub fn write_index(entries: &[IndexEntry], w: &mut dyn Write) -> io::Result<()> {
    writeln!(w, "<!DOCTYPE html>")?;
    writeln!(w, "<html lang=\"en\"><head><meta charset=\"utf-8\">")?;
    writeln!(w, "<title>tralign: {} pairs</title>", entries.len())?;
    writeln!(w, "<style>{STYLE}</style></head><body>")?;
    writeln!(w, "<h1>tralign: {} pairs</h1>", entries.len())?;
    writeln!(w, "<table id=\"pairs\"><thead><tr><th>pair</th><th>beads</th><th>mean confidence</th><th>findings</th></tr></thead><tbody>")?;
    for e in entries {
        writeln!(
            w,
            "<tr><td><a href=\"{}\">{}</a></td><td class=\"conf\">{}</td><td class=\"conf\" style=\"background:{}\">{:.3}</td><td class=\"conf\">{}</td></tr>",
            escape(href(&e.file).as_str()),
            escape(e.name.as_str()),
            e.beads,
            colour(Some(e.mean_confidence)),
            e.mean_confidence,
            e.findings
        )?;
    }
    writeln!(w, "</tbody></table>")?;
    writeln!(
        w,
        "<p><small>Written by tralign {}.</small></p></body></html>",
        env!("CARGO_PKG_VERSION")
    )?;
    w.flush()
}

/// A file name as a relative link: bytes other than letters, digits and
/// `-._~` percent-encoded (so `#`, `?` or `:` in a pair's name stay part of
/// the file name).
fn href(file: &str) -> String {
    file.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
