use std::path::Path;

use super::*;
use BlockKind::*;

fn blocks(doc: &Document) -> Vec<(BlockKind, u8, String)> {
    doc.blocks
        .iter()
        .map(|b| (b.kind, b.level, doc.text[b.span.clone()].to_string()))
        .collect()
}

/// Expected blocks: kind, heading level, text.
type Rows<'a> = &'a [(BlockKind, u8, &'a str)];

fn want(rows: Rows<'_>) -> Vec<(BlockKind, u8, String)> {
    rows.iter()
        .map(|(k, l, s)| (*k, *l, s.to_string()))
        .collect()
}

#[test]
fn plain_text_table() {
    let cases: &[(&str, Rows<'_>)] = &[
        ("", &[]),
        ("\n\n  \n", &[]),
        (
            "Titre\nUn texte.\n",
            &[(Heading, 0, "Titre"), (Paragraph, 0, "Un texte.")],
        ),
        (
            "# Titre #\n\nUn texte.",
            &[(Heading, 1, "Titre"), (Paragraph, 0, "Un texte.")],
        ),
        (
            "## Deux\ntexte",
            &[(Heading, 2, "Deux"), (Paragraph, 0, "texte")],
        ),
        (
            "- un.\n- deux.\n1. trois",
            &[(Item, 0, "un."), (Item, 0, "deux."), (Item, 0, "trois")],
        ),
        (
            "Une ligne longue qui\ncontinue ici.",
            &[(Paragraph, 0, "Une ligne longue qui\ncontinue ici.")],
        ),
        (
            "Phrase finie.\nAutre phrase.",
            &[
                (Paragraph, 0, "Phrase finie."),
                (Paragraph, 0, "Autre phrase."),
            ],
        ),
        ("Seul titre", &[(Paragraph, 0, "Seul titre")]),
        (
            "Texte :\n- a\n---\nFin.",
            &[
                (Paragraph, 0, "Texte :"),
                (Item, 0, "a"),
                (Paragraph, 0, "Fin."),
            ],
        ),
        (
            "#hashtag au début.",
            &[(Paragraph, 0, "#hashtag au début.")],
        ),
        (
            "  Retrait  \nTexte.",
            &[(Heading, 0, "Retrait"), (Paragraph, 0, "Texte.")],
        ),
        ("# C#\nx.", &[(Heading, 1, "C#"), (Paragraph, 0, "x.")]),
        ("-3 °C ce matin.", &[(Paragraph, 0, "-3 °C ce matin.")]),
        (
            "- Que pensez-vous ? - Rien.",
            &[(Paragraph, 0, "- Que pensez-vous ? - Rien.")],
        ),
        (
            "Liste :\n- seul point",
            &[(Paragraph, 0, "Liste :"), (Item, 0, "seul point")],
        ),
    ];
    for (text, rows) in cases {
        assert_eq!(
            blocks(&Document::parse(text.to_string())),
            want(rows),
            "{text:?}"
        );
    }
}

#[test]
fn presegmented_keeps_lines() {
    let d = Document::presegmented("a b\n\n c \nd".into());
    let t: Vec<&str> = (0..d.blocks.len()).map(|i| d.block_text(i)).collect();
    assert_eq!(t, ["a b", "c", "d"]);
}

#[test]
fn markdown_table() {
    let md = "# Rapport *annuel*\n\nUn [lien](http://x.fr) et du **gras**.\nSuite.\n\n\
              - Premier point.\n- Second point.\n\n\
              | Ville | Habitants |\n|---|---|\n| Damas | 2 000 000 |\n\n\
              > Une citation.\n\nNote[^1].\n\n[^1]: Source : ONU.\n";
    let doc = markdown::read(md, false);
    assert_eq!(
        blocks(&doc),
        want(&[
            (Heading, 1, "Rapport annuel"),
            (Paragraph, 0, "Un lien et du gras.\nSuite."),
            (Item, 0, "Premier point."),
            (Item, 0, "Second point."),
            (Cell, 0, "Ville"),
            (Cell, 0, "Habitants"),
            (Cell, 0, "Damas"),
            (Cell, 0, "2 000 000"),
            (Paragraph, 0, "Une citation."),
            (Paragraph, 0, "Note."),
            (Footnote, 0, "Source : ONU."),
        ])
    );
}

#[test]
fn html_table() {
    let page = "<!DOCTYPE html><html><head><title>T</title><style>p{}</style>\
                <script>var a = '<p>no</p>';</script></head><body>\
                <nav><a href='/'>Accueil</a></nav>\
                <h2>Situation &amp; r&eacute;ponse</h2><!-- comment -->\
                <p>Un   texte<br>sur deux lignes.</p>\
                <ul><li>Point <b>un</b>.</li><li><p>Point deux.</p></li></ul>\
                <table><tr><th>Ville</th><td>Damas</td></tr></table>\
                <blockquote>Citation.</blockquote><div>Texte libre.</div></body></html>";
    let doc = html::read(page, html::Options::default());
    assert_eq!(
        blocks(&doc),
        want(&[
            (Heading, 2, "Situation & réponse"),
            (Paragraph, 0, "Un texte\nsur deux lignes."),
            (Item, 0, "Point un."),
            (Item, 0, "Point deux."),
            (Cell, 0, "Ville"),
            (Cell, 0, "Damas"),
            (Paragraph, 0, "Citation."),
            (Paragraph, 0, "Texte libre."),
        ])
    );
}

#[test]
fn detection_by_content() {
    let cases: &[(&[u8], &str, Format)] = &[
        (b"Plain text.\n- item", "a.txt", Format::Text),
        (b"<!DOCTYPE html><p>x</p>", "a.txt", Format::Html),
        (b"  <html><body>x</body></html>", "a", Format::Html),
        (
            b"# Title\n\nSome *text* and a [link](x).\n",
            "a.txt",
            Format::Markdown,
        ),
        (b"Text", "a.md", Format::Markdown),
    ];
    for (bytes, name, format) in cases {
        assert_eq!(detect(bytes, Path::new(name)).unwrap(), *format, "{name}");
    }
    assert!(detect(b"hello", Path::new("x.docx")).is_err());
    assert!(detect(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest", Path::new("x.docx")).is_err());
}
