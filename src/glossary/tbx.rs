//! TBX (ISO 30042), the terminologist's exchange format, in the TBX-Basic
//! dialect: one `termEntry` per entry, one `langSet` per language, one
//! `tig` per term, the entry's main term first and its variants after it.
//!
//! | glossary field | TBX-Basic |
//! |---|---|
//! | `fr`, `en` | the first `tig/term` of the `fr` and `en` `langSet`s |
//! | `fr_variants`, `en_variants` | the later `tig`s, `administrativeStatus` `admittedTerm-admn-sts` |
//! | `kind` | `descrip type="subjectField"` on the entry; each term also gets `partOfSpeech` (`properNoun` for names, `noun` for a term) and, for an acronym, `termType` `acronym` |
//! | `status` | `administrativeStatus` of the main terms: `preferredTerm-admn-sts` (approved), `admittedTerm-admn-sts` (proposed) |
//! | `note` | `note` on the entry |
//! | `source` | `admin type="source"` on the entry |
//!
//! The reader also takes TBX files from other tools: TBX v2 (`martif`,
//! `termEntry`/`langSet`/`tig` or `ntig`) and TBX v3 (`tbx`,
//! `conceptEntry`/`langSec`/`termSec`); the language sides are found by
//! their `xml:lang` (`fr…`, `en…`), else taken in order.

use std::io::Write;
use std::path::Path;

use quick_xml::events::Event;
use quick_xml::Reader;

use super::{Entry, Glossary, Kind, Origin, Status};
use crate::document::docx::{attr, reference};
use crate::error::{Error, Result};

/// `administrativeStatus` of an approved main term.
const PREFERRED: &str = "preferredTerm-admn-sts";
/// `administrativeStatus` of a proposed main term, and of every variant.
const ADMITTED: &str = "admittedTerm-admn-sts";

/// Escapes text for XML content and attributes, dropping the characters
/// XML 1.0 forbids.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes `glossary` as TBX-Basic (see the module documentation), the
/// French side as `fr` and the English as `en`.
pub fn write(glossary: &Glossary, w: &mut dyn Write) -> std::io::Result<()> {
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(w, r#"<martif type="TBX-Basic" xml:lang="en">"#)?;
    writeln!(w, "  <martifHeader>")?;
    writeln!(w, "    <fileDesc>")?;
    writeln!(
        w,
        "      <sourceDesc><p>Written by tralign {}</p></sourceDesc>",
        env!("CARGO_PKG_VERSION")
    )?;
    writeln!(w, "    </fileDesc>")?;
    writeln!(
        w,
        r#"    <encodingDesc><p type="XCSURI">TBXBasicXCSV02.xcs</p></encodingDesc>"#
    )?;
    writeln!(w, "  </martifHeader>")?;
    writeln!(w, "  <text>")?;
    writeln!(w, "    <body>")?;
    for (k, e) in glossary.entries.iter().enumerate() {
        writeln!(w, r#"      <termEntry id="e{}">"#, k + 1)?;
        if let Some(kind) = e.kind {
            writeln!(
                w,
                r#"        <descrip type="subjectField">{}</descrip>"#,
                kind.as_str()
            )?;
        }
        if !e.note.is_empty() {
            writeln!(w, "        <note>{}</note>", esc(&e.note))?;
        }
        if !e.source.is_empty() {
            writeln!(
                w,
                r#"        <admin type="source">{}</admin>"#,
                esc(&e.source)
            )?;
        }
        for (lang, term, variants) in [("fr", &e.fr, &e.fr_variants), ("en", &e.en, &e.en_variants)]
        {
            writeln!(w, r#"        <langSet xml:lang="{lang}">"#)?;
            let main_status = e.status.map(|s| match s {
                Status::Approved => PREFERRED,
                Status::Proposed => ADMITTED,
            });
            let forms = std::iter::once((term, main_status))
                .chain(variants.iter().map(|v| (v, Some(ADMITTED))));
            for (form, status) in forms {
                writeln!(w, "          <tig>")?;
                writeln!(w, "            <term>{}</term>", esc(form))?;
                if let Some(kind) = e.kind {
                    let pos = if kind == Kind::Term {
                        "noun"
                    } else {
                        "properNoun"
                    };
                    writeln!(
                        w,
                        r#"            <termNote type="partOfSpeech">{pos}</termNote>"#
                    )?;
                    if kind == Kind::Acronym {
                        writeln!(
                            w,
                            r#"            <termNote type="termType">acronym</termNote>"#
                        )?;
                    }
                }
                if let Some(status) = status {
                    writeln!(
                        w,
                        r#"            <termNote type="administrativeStatus">{status}</termNote>"#
                    )?;
                }
                writeln!(w, "          </tig>")?;
            }
            writeln!(w, "        </langSet>")?;
        }
        writeln!(w, "      </termEntry>")?;
    }
    writeln!(w, "    </body>")?;
    writeln!(w, "  </text>")?;
    writeln!(w, "</martif>")?;
    Ok(())
}

/// One term as read: its form and its notes.
#[derive(Debug, Default)]
struct Term {
    form: String,
    acronym: bool,
    status: Option<String>,
}

/// One language side of an entry as read.
#[derive(Debug, Default)]
struct LangSide {
    lang: String,
    terms: Vec<Term>,
}

/// An entry being read.
#[derive(Debug, Default)]
struct Pending {
    line: usize,
    subject: String,
    note: Vec<String>,
    source: String,
    sides: Vec<LangSide>,
}

/// Where the text being read goes.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Slot {
    Term,
    Subject,
    Note,
    Source,
    TermType,
    Status,
}

/// Reads TBX text (see the module documentation). `path` names the file in
/// origins and messages; a malformed file or entry is an [`Error::Parse`]
/// with its line.
pub fn parse(text: &str, path: &Path) -> Result<Glossary> {
    let line_at = |pos: u64| {
        1 + text.as_bytes()[..(pos as usize).min(text.len())]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
    };
    let mut reader = Reader::from_str(text);
    let mut glossary = Glossary::default();
    let mut entry: Option<Pending> = None;
    let mut slot: Option<Slot> = None;
    let mut buf = String::new();
    let mut saw_root = false;
    loop {
        let pos = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| Error::parse(path, line_at(reader.error_position()), e.to_string()))?;
        match event {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.local_name().as_ref().to_string();
                match name.as_str() {
                    "martif" | "tbx" => saw_root = true,
                    "termEntry" | "conceptEntry" => {
                        entry = Some(Pending {
                            line: line_at(pos),
                            ..Pending::default()
                        })
                    }
                    "langSet" | "langSec" => {
                        if let Some(p) = entry.as_mut() {
                            p.sides.push(LangSide {
                                lang: attr(&e, "lang").unwrap_or_default().to_ascii_lowercase(),
                                terms: Vec::new(),
                            });
                        }
                    }
                    "term" => {
                        if let Some(side) = entry.as_mut().and_then(|p| p.sides.last_mut()) {
                            side.terms.push(Term::default());
                            slot = Some(Slot::Term);
                        }
                    }
                    "descrip" if attr(&e, "type").as_deref() == Some("subjectField") => {
                        slot = Some(Slot::Subject)
                    }
                    "note" => slot = Some(Slot::Note),
                    "admin" if attr(&e, "type").as_deref() == Some("source") => {
                        slot = Some(Slot::Source)
                    }
                    "termNote" => {
                        slot = match attr(&e, "type").as_deref() {
                            Some("termType") => Some(Slot::TermType),
                            Some("administrativeStatus") => Some(Slot::Status),
                            _ => None,
                        }
                    }
                    _ => {}
                }
                buf.clear();
            }
            Event::Text(t) if slot.is_some() => buf.push_str(&t.xml10_content()),
            Event::CData(t) if slot.is_some() => buf.push_str(&t.into_inner()),
            Event::GeneralRef(r) if slot.is_some() => {
                let name = r.into_inner().into_owned();
                let c = reference(&name).ok_or_else(|| {
                    Error::parse(path, line_at(pos), format!("unknown entity &{name};"))
                })?;
                buf.push(c);
            }
            Event::End(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if let (Some(s), Some(p)) = (slot.take(), entry.as_mut()) {
                    let value = buf.trim().to_string();
                    let term = p.sides.last_mut().and_then(|s| s.terms.last_mut());
                    match (s, term) {
                        (Slot::Term, Some(t)) => t.form = value,
                        (Slot::TermType, Some(t)) => t.acronym |= value == "acronym",
                        (Slot::Status, Some(t)) => t.status = Some(value),
                        (Slot::Subject, _) => p.subject = value,
                        (Slot::Note, _) => p.note.push(value),
                        (Slot::Source, _) => p.source = value,
                        _ => {}
                    }
                }
                if name == "termEntry" || name == "conceptEntry" {
                    if let Some(p) = entry.take() {
                        glossary.entries.push(finish(p, path)?);
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !saw_root {
        return Err(Error::parse(
            path,
            1,
            "XML, but not TBX (no <martif> or <tbx> element)",
        ));
    }
    Ok(glossary)
}

/// The glossary entry of a TBX entry.
fn finish(p: Pending, path: &Path) -> Result<Entry> {
    let bad = |reason: &str| Error::parse(path, p.line, reason.to_string());
    let find = |prefix: &str| p.sides.iter().position(|s| s.lang.starts_with(prefix));
    let (fr, en) = match (find("fr"), find("en")) {
        (Some(f), Some(e)) => (f, e),
        _ if p.sides.len() == 2 => (0, 1),
        _ => {
            return Err(bad(
                "a term entry needs a French and an English langSet (xml:lang=\"fr\", \"en\")",
            ))
        }
    };
    let forms = |side: &LangSide| -> Vec<String> {
        side.terms
            .iter()
            .map(|t| t.form.clone())
            .filter(|f| !f.is_empty())
            .collect()
    };
    let (mut fr_forms, mut en_forms) = (forms(&p.sides[fr]), forms(&p.sides[en]));
    if fr_forms.is_empty() || en_forms.is_empty() {
        return Err(bad("a term entry has no French or no English term"));
    }
    let status = [p.sides[fr].terms.first(), p.sides[en].terms.first()]
        .into_iter()
        .flatten()
        .find_map(|t| match t.status.as_deref() {
            Some(PREFERRED) => Some(Status::Approved),
            Some(ADMITTED) => Some(Status::Proposed),
            _ => None,
        });
    let acronym = p
        .sides
        .iter()
        .any(|s| s.terms.first().is_some_and(|t| t.acronym));
    let kind = super::Kind::parse(&p.subject).or(acronym.then_some(Kind::Acronym));
    Ok(Entry {
        fr: fr_forms.remove(0),
        en: en_forms.remove(0),
        kind,
        fr_variants: fr_forms,
        en_variants: en_forms,
        note: p.note.join("; "),
        status,
        source: p.source,
        origin: Origin {
            file: path.to_path_buf(),
            line: p.line,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_survives_a_round_trip() {
        let csv = "fr,en,kind,fr_variants,en_variants,note,status,source\n\
                   Damas,Damascus,place,,Dimashq|Ash-Sham,\"capital, <south>\",approved,CLDR & co\n\
                   FDS,SDF,acronym,,,,proposed,\n\
                   cessez-le-feu,ceasefire,term,cessez le feu,cease-fire,,,\n\
                   Homs,Homs,,,,,,\n";
        let g = Glossary::parse(csv, Path::new("g.csv")).unwrap();
        let mut out = Vec::new();
        write(&g, &mut out).unwrap();
        let xml = String::from_utf8(out).unwrap();
        assert!(xml.contains("<note>capital, &lt;south&gt;</note>"), "{xml}");
        let back = parse(&xml, Path::new("g.tbx")).unwrap();
        let strip = |g: &Glossary| -> Vec<Entry> {
            g.entries
                .iter()
                .map(|e| Entry {
                    origin: Origin::default(),
                    ..e.clone()
                })
                .collect()
        };
        assert_eq!(strip(&back), strip(&g));
    }

    #[test]
    fn reads_other_tools_tbx() {
        let v3 = r#"<?xml version="1.0"?>
<tbx type="TBX-Core" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<tbxHeader/><text><body>
<conceptEntry id="c1">
  <langSec xml:lang="en-GB"><termSec><term>Aleppo</term></termSec></langSec>
  <langSec xml:lang="fr-FR"><termSec><term>Alep</term></termSec><termSec><term>Halab</term></termSec></langSec>
</conceptEntry>
</body></text></tbx>"#;
        let g = parse(v3, Path::new("v3.tbx")).unwrap();
        assert_eq!(g.entries.len(), 1);
        let e = &g.entries[0];
        assert_eq!((e.fr.as_str(), e.en.as_str()), ("Alep", "Aleppo"));
        assert_eq!(e.fr_variants, ["Halab"]);
        assert_eq!(e.origin.line, 4);
    }

    #[test]
    fn errors_name_the_line() {
        for (xml, want) in [
            ("<html><body/></html>", "t.tbx:1: XML, but not TBX"),
            (
                "<martif>\n<text><body>\n<termEntry><langSet xml:lang=\"fr\"><tig><term>A</term></tig></langSet></termEntry>\n</body></text></martif>",
                "t.tbx:3: a term entry needs a French and an English langSet",
            ),
            ("<martif>\n<text>\n<body>\n</text></martif>", "t.tbx:4:"),
        ] {
            let err = parse(xml, Path::new("t.tbx")).unwrap_err().to_string();
            assert!(err.starts_with(want), "{xml}: {err}");
        }
    }
}
