//! Findings as text, JSON Lines or CSV, for `tralign check`.

use std::io::Write;

use super::Finding;
use crate::export::pair::guard;

/// The CSV columns, in order.
pub const CSV_HEADER: [&str; 13] = [
    "id", "kind", "severity", "bead", "fr_ids", "en_ids", "fr", "en", "fr_start", "fr_end",
    "en_start", "en_end", "message",
];

/// A block of lines per finding: `bead N: KIND (SEVERITY) ID: MESSAGE`, then
/// the French and the English, the offending part in `[[…]]`.
pub fn write_text(findings: &[Finding], w: &mut dyn Write) -> std::io::Result<()> {
    for f in findings {
        writeln!(
            w,
            "bead {}: {} ({}) {}: {}",
            f.bead,
            f.kind.as_str(),
            f.severity.as_str(),
            f.id,
            f.message
        )?;
        writeln!(w, "  fr: {}", marked(&f.fr, f.fr_span))?;
        writeln!(w, "  en: {}", marked(&f.en, f.en_span))?;
    }
    Ok(())
}

/// `text` with `[[` and `]]` around `span`.
fn marked(text: &str, span: Option<(usize, usize)>) -> String {
    match span {
        Some((a, b)) if a <= b && b <= text.len() => {
            format!("{}[[{}]]{}", &text[..a], &text[a..b], &text[b..])
        }
        _ => text.to_string(),
    }
}

/// One JSON object per finding (the fields of [`Finding`]).
pub fn write_jsonl(findings: &[Finding], w: &mut dyn Write) -> std::io::Result<()> {
    for f in findings {
        serde_json::to_writer(&mut *w, f)?;
        writeln!(w)?;
    }
    Ok(())
}

/// A CSV file with a header row ([`CSV_HEADER`]), one row per finding;
/// spans as byte offsets (empty when none); cells a spreadsheet would run as
/// a formula get a `'` in front.
pub fn write_csv(findings: &[Finding], w: &mut dyn Write) -> std::io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record(CSV_HEADER)?;
    let pos = |s: Option<(usize, usize)>, end: bool| {
        s.map_or(String::new(), |(a, b)| if end { b } else { a }.to_string())
    };
    for f in findings {
        let cells = [
            f.id.clone(),
            f.kind.as_str().to_string(),
            f.severity.as_str().to_string(),
            f.bead.to_string(),
            f.fr_ids.clone(),
            f.en_ids.clone(),
            f.fr.clone(),
            f.en.clone(),
            pos(f.fr_span, false),
            pos(f.fr_span, true),
            pos(f.en_span, false),
            pos(f.en_span, true),
            f.message.clone(),
        ];
        out.write_record(cells.iter().map(|c| guard(c).into_owned()))?;
    }
    out.flush()
}
