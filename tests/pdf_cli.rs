//! PDF input through the binary: the sitrep-2025 report exported to PDF by
//! LibreOffice (`corpus/sitrep-2025/make_pdf.py`: running header and footer,
//! page numbers, a footnote, a table, a two-column section, justified and
//! hyphenated text) reads as its DOCX does and aligns to the same gold; broken,
//! encrypted, scanned and hostile files are refused cleanly.

mod util;

use std::io::Write;

use util::{repo, Dir};

fn corpus(name: &str) -> String {
    repo()
        .join("corpus/sitrep-2025")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// (kind, text) of each sentence `segment --format jsonl` prints.
fn sentences(file: &str, lang: &str) -> Vec<(String, String)> {
    let out = Dir::new()
        .run(&["segment", file, "--lang", lang, "--format", "jsonl"])
        .ok();
    out.lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["kind"].as_str().unwrap().to_string(),
                v["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let change = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + change);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// 1 − edit distance / reference length, over the sentences joined by a space.
fn char_accuracy(got: &[(String, String)], reference: &[(String, String)]) -> f64 {
    let join = |s: &[(String, String)]| -> Vec<char> {
        s.iter()
            .map(|(_, t)| t.as_str())
            .collect::<Vec<_>>()
            .join(" ")
            .chars()
            .collect()
    };
    let (g, r) = (join(got), join(reference));
    1.0 - levenshtein(&g, &r) as f64 / r.len() as f64
}

#[test]
fn pdf_text_matches_the_docx_text() {
    for (lang, furniture) in [
        (
            "fr",
            [
                "Bureau de coordination",
                "rapport de situation n° 12 — janvier 2025",
            ],
        ),
        (
            "en",
            ["Coordination Office", "Situation Report 12 — January 2025"],
        ),
    ] {
        let pdf = sentences(&corpus(&format!("{lang}.pdf")), lang);
        let docx = sentences(&corpus(&format!("{lang}.docx")), lang);
        let accuracy = char_accuracy(&pdf, &docx);
        eprintln!(
            "{lang}.pdf: character accuracy {accuracy:.4} against {lang}.docx ({} sentences, DOCX {})",
            pdf.len(),
            docx.len()
        );
        assert!(accuracy >= 0.99, "{lang}: accuracy {accuracy}");
        let all: String = pdf
            .iter()
            .map(|(_, t)| t.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        for f in furniture {
            assert!(!all.contains(f), "{lang}: running text left: {f}");
        }
        assert!(
            !all.to_lowercase().contains("page "),
            "{lang}: page number left"
        );
        // The same kinds of block: headings, items, cells and the footnote.
        let kinds = |s: &[(String, String)]| {
            let mut k: Vec<String> = s.iter().map(|(k, _)| k.clone()).collect();
            k.sort();
            k.dedup();
            k
        };
        assert_eq!(kinds(&pdf), kinds(&docx), "{lang}");
        assert_eq!(pdf.len(), docx.len(), "{lang}: {pdf:#?}");
        assert_eq!(pdf.last(), docx.last(), "{lang}: the footnote comes last");
    }
}

fn beads(fr: &str, en: &str) -> String {
    Dir::new().run(&["align", fr, en, "-f", "beads"]).ok()
}

#[test]
fn pdf_pair_aligns_to_the_gold() {
    let gold = std::fs::read_to_string(corpus("gold.beads")).unwrap();
    assert_eq!(
        beads(&corpus("fr.pdf"), &corpus("en.pdf")),
        gold,
        "fr.pdf en.pdf"
    );
    assert_eq!(
        beads(&corpus("fr.pdf"), &corpus("en.docx")),
        gold,
        "fr.pdf en.docx"
    );
    assert_eq!(
        beads(&corpus("fr.pdf"), &corpus("en.html")),
        gold,
        "fr.pdf en.html"
    );
    assert_eq!(
        beads(&corpus("fr.docx"), &corpus("en.pdf")),
        gold,
        "fr.docx en.pdf"
    );
}

#[test]
fn batch_and_pipe_take_pdf() {
    let d = Dir::new();
    std::fs::create_dir(d.path("in")).unwrap();
    for lang in ["fr", "en"] {
        std::fs::copy(
            corpus(&format!("{lang}.pdf")),
            d.path(&format!("in/sitrep.{lang}.pdf")),
        )
        .unwrap();
    }
    let out = d.run(&["batch", "in", "-f", "jsonl"]).ok();
    assert_eq!(out.lines().count(), 44, "{out}");

    use base64::Engine;
    let b64 = |name: &str| {
        base64::engine::general_purpose::STANDARD.encode(std::fs::read(corpus(name)).unwrap())
    };
    let line = serde_json::json!({"id": 1, "encoding": "base64", "fr": b64("fr.pdf"), "en": b64("en.pdf")});
    let out = d
        .run_stdin(&["pipe"], Some(format!("{line}\n").as_bytes()))
        .ok();
    let last: serde_json::Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
    assert_eq!(last["beads"], 44, "{out}");
    let bad = serde_json::json!({"id": 2, "encoding": "base64", "fr": "%%%", "en": ""});
    let out = d
        .run_stdin(&["pipe"], Some(format!("{bad}\n").as_bytes()))
        .ok();
    assert!(out.contains("`fr` is not base64"), "{out}");
}

// ---------------------------------------------------------------------------
// Files made by hand: broken, scanned, encrypted and hostile PDFs.
// ---------------------------------------------------------------------------

/// A PDF file of the given objects (numbered from 1; object 1 is the
/// catalog), with a correct cross-reference table.
fn pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        writeln!(out, "{} 0 obj", i + 1).unwrap();
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    write!(out, "xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).unwrap();
    for o in offsets {
        writeln!(out, "{o:010} 00000 n ").unwrap();
    }
    write!(
        out,
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    )
    .unwrap();
    out
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut v = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    v.extend_from_slice(data);
    v.extend_from_slice(b"\nendstream");
    v
}

/// A one-page PDF whose page draws `content` with Helvetica as /F1.
fn one_page(content: &[u8], filter: &str) -> Vec<u8> {
    pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".to_vec(),
        stream(filter, content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_vec(),
    ])
}

#[test]
fn a_pdf_made_by_hand_is_read() {
    let d = Dir::new();
    let f = d.file(
        "simple.pdf",
        one_page(
            b"BT /F1 12 Tf 72 700 Td (Les combats ont repris.) Tj 0 -14 Td (Plus de 41 000 personnes ont fui.) Tj ET",
            "",
        ),
    );
    let out = d
        .run(&["segment", f.to_str().unwrap(), "--lang", "fr"])
        .ok();
    assert_eq!(
        out,
        "Les combats ont repris. Plus de 41 000 personnes ont fui.\n".replace(". P", ".\nP")
    );
    // Detected by its content, not its name: the same bytes named `.txt`,
    // and on standard input.
    let bytes = std::fs::read(&f).unwrap();
    let txt = d.file("report.txt", &bytes);
    assert_eq!(
        d.run(&["segment", txt.to_str().unwrap(), "--lang", "fr"])
            .ok(),
        out
    );
    assert_eq!(
        d.run_stdin(&["segment", "--lang", "fr"], Some(&bytes)).ok(),
        out
    );
}

/// The tagged export of the same report (`make_pdf.py --tagged`: a
/// structure tree, the running header and footer marked as artifacts) reads
/// sentence for sentence, kind for kind, as the DOCX.
#[test]
fn tagged_pdf_reads_as_the_docx() {
    for lang in ["fr", "en"] {
        let tagged = sentences(&corpus(&format!("{lang}.tagged.pdf")), lang);
        let docx = sentences(&corpus(&format!("{lang}.docx")), lang);
        assert_eq!(tagged, docx, "{lang}");
    }
}

/// A one-page PDF drawing a running header marked `/Artifact`, then the
/// second paragraph (MCID 0) above the first (MCID 1); with `tree`, a
/// structure tree gives the logical order: MCID 1, then MCID 0.
fn tagged_page(tree: &[&[u8]]) -> Vec<u8> {
    let content = b"/Artifact BMC BT /F1 9 Tf 72 800 Td (Situation Report 12) Tj ET EMC \
        /P <</MCID 0>> BDC BT /F1 12 Tf 72 700 Td (The second paragraph comes last.) Tj ET EMC \
        /P /M1 BDC BT /F1 12 Tf 72 600 Td (The first paragraph comes first.) Tj ET EMC";
    page_with_tree(content, "/Properties << /M1 << /MCID 1 >> >>", tree)
}

/// A one-page PDF drawing `content` with Helvetica as /F1 (`resources`
/// added to the page's), and with `tree` (objects from 6, the structure
/// tree's root first) a tagged one.
fn page_with_tree(content: &[u8], resources: &str, tree: &[&[u8]]) -> Vec<u8> {
    let root: &[u8] = if tree.is_empty() {
        b"<< /Type /Catalog /Pages 2 0 R >>"
    } else {
        b"<< /Type /Catalog /Pages 2 0 R /StructTreeRoot 6 0 R /MarkInfo << /Marked true >> >>"
    };
    let mut objects = vec![
        root.to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> {resources} >> /Contents 4 0 R >>").into_bytes(),
        stream("", content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_vec(),
    ];
    objects.extend(tree.iter().map(|o| o.to_vec()));
    pdf(&objects)
}

#[test]
fn tagged_pdf_order_and_artifacts_come_from_the_structure_tree() {
    let d = Dir::new();
    let segment = |name: &str, bytes: Vec<u8>| {
        let f = d.file(name, bytes);
        d.run(&["segment", f.to_str().unwrap(), "--lang", "en"])
            .ok()
    };
    // Untagged: the layout's order, top down, header included.
    assert_eq!(
        segment("untagged.pdf", tagged_page(&[])),
        "Situation Report 12\nThe second paragraph comes last.\nThe first paragraph comes first.\n"
    );
    // Tagged: the tree's order (an MCID kid, then a marked-content
    // reference), the artifact dropped.
    let logical = "The first paragraph comes first.\nThe second paragraph comes last.\n";
    assert_eq!(
        segment(
            "tagged.pdf",
            tagged_page(&[
                b"<< /Type /StructTreeRoot /K 7 0 R >>",
                b"<< /Type /StructElem /S /Document /P 6 0 R /K [8 0 R 9 0 R] >>",
                b"<< /Type /StructElem /S /P /P 7 0 R /Pg 3 0 R /K 1 >>",
                b"<< /Type /StructElem /S /P /P 7 0 R /K << /Type /MCR /Pg 3 0 R /MCID 0 >> >>",
            ])
        ),
        logical
    );
    // A tree that covers part of the page's text: the layout's order, the
    // artifact still dropped.
    assert_eq!(
        segment(
            "partial.pdf",
            tagged_page(&[
                b"<< /Type /StructTreeRoot /K 7 0 R >>",
                b"<< /Type /StructElem /S /P /Pg 3 0 R /K 1 >>",
            ])
        ),
        "The second paragraph comes last.\nThe first paragraph comes first.\n"
    );
    // Hostile trees: elements that contain themselves and each other (a
    // cycle) still give the order once; a chain of 5000 nested elements
    // ends at the depth limit (MCID 0 below it is not reached, so the
    // layout's order stands); neither loops nor fails.
    assert_eq!(
        segment(
            "cycle.pdf",
            tagged_page(&[
                b"<< /Type /StructTreeRoot /K [7 0 R 7 0 R] >>",
                b"<< /Type /StructElem /S /Sect /Pg 3 0 R /K [7 0 R 1 8 0 R 6 0 R] >>",
                b"<< /Type /StructElem /S /P /Pg 3 0 R /K [7 0 R 8 0 R 0] >>",
            ])
        ),
        logical
    );
    // The second paragraph drawn by a form inside the page's MCID 0: the
    // form's own `MCID 1` numbers the form's content, not the page's.
    let form = pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R /StructTreeRoot 6 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> /XObject << /X1 10 0 R >> >> /Contents 4 0 R >>".to_vec(),
        stream(
            "",
            b"/P <</MCID 0>> BDC /X1 Do EMC \
              /P <</MCID 1>> BDC BT /F1 12 Tf 72 600 Td (The first paragraph comes first.) Tj ET EMC",
        ),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_vec(),
        b"<< /Type /StructTreeRoot /K [7 0 R 8 0 R] >>".to_vec(),
        b"<< /S /P /Pg 3 0 R /K 1 >>".to_vec(),
        b"<< /S /P /Pg 3 0 R /K 0 >>".to_vec(),
        b"<< >>".to_vec(),
        stream(
            "/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >>",
            b"/Span <</MCID 1>> BDC BT /F1 12 Tf 72 700 Td (The second paragraph comes last.) Tj ET EMC",
        ),
    ]);
    assert_eq!(segment("form.pdf", form), logical);
    let mut chain: Vec<Vec<u8>> = vec![b"<< /Type /StructTreeRoot /K [7 0 R] >>".to_vec()];
    for i in 7..5007 {
        chain.push(format!("<< /S /Div /Pg 3 0 R /K [1 {} 0 R] >>", i + 1).into_bytes());
    }
    chain.push(b"<< /S /P /Pg 3 0 R /K 0 >>".to_vec());
    let chain: Vec<&[u8]> = chain.iter().map(Vec::as_slice).collect();
    assert_eq!(
        segment("deep.pdf", tagged_page(&chain)),
        "The second paragraph comes last.\nThe first paragraph comes first.\n"
    );
}

/// Each block of a file as `align FILE FILE -f jsonl` names it (`h2:3`,
/// `p:4`, `li:5`, `td:6`, `fn:7`: kind, level and number), with the text of
/// its first sentence.
fn blocks(d: &Dir, file: &std::path::Path) -> Vec<(String, String)> {
    let f = file.to_str().unwrap();
    let out = d.run(&["align", f, f, "-f", "jsonl"]).ok();
    let mut blocks: Vec<(String, String)> = Vec::new();
    for l in out.lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        let tag = v["fr_block"].as_str().unwrap().to_string();
        if blocks.last().is_none_or(|b| b.0 != tag) {
            blocks.push((tag, v["fr"].as_str().unwrap().to_string()));
        }
    }
    blocks
}

/// One page of lines all set alike (Helvetica 11, none bold, 30 points
/// apart), each its own marked content (MCID = its index); `tree` objects
/// follow from object 6 (the structure tree root when any).
fn structured_page(lines: &[&str], tree: &[&[u8]]) -> Vec<u8> {
    let mut content = String::new();
    for (i, line) in lines.iter().enumerate() {
        let (x, y) = match *line {
            "\\225" => (72, 760 - 30 * i),
            _ if i > 0 && lines[i - 1] == "\\225" => (90, 760 - 30 * (i - 1)),
            _ => (72, 760 - 30 * i),
        };
        content.push_str(&format!(
            "/Span <</MCID {i}>> BDC BT /F1 11 Tf {x} {y} Td ({line}) Tj ET EMC\n"
        ));
    }
    page_with_tree(content.as_bytes(), "", tree)
}

/// The lines of [`structured_page`] for the block-kind tests: all set in
/// the running text's font, so the layout alone sees paragraphs (and one
/// bulleted item).
const STRUCTURED: &[&str] = &[
    "Displacement in the north",
    "Overview",
    "Fighting has displaced thousands of families.",
    "\\225",
    "Schools reopened in Idlib.",
    "Clinics remain closed.",
    "Camps",
    "Needs",
    "1 The figures are estimates.",
    "The annex lists the sources.",
    "Method",
];

/// A structure tree for [`STRUCTURED`]: custom roles through the role map
/// (`Titre1` → `H1`, `Normal` → `P`), an item with its label and one
/// without, two cells, a note, a role the reader does not know, and `H`.
fn structured_tree() -> Vec<Vec<u8>> {
    let elem = |s: &str, k: &str| format!("<< /Type /StructElem /S /{s} /Pg 3 0 R /K {k} >>");
    vec![
        format!("<< /Type /StructTreeRoot /K [7 0 R] /RoleMap << /Titre1 /H1 /Normal /P /Boite /Cadre /Cadre /Boite >> >>"),
        elem("Document", "[8 0 R 9 0 R 10 0 R 11 0 R 15 0 R 19 0 R 20 0 R 22 0 R]"),
        elem("Titre1", "0"),
        elem("H2", "1"),
        elem("Normal", "2"),
        elem("L", "[12 0 R 14 0 R]"),
        elem("LI", "[13 0 R 24 0 R]"),
        elem("Lbl", "3"),
        elem("LI", "[5]"),
        elem("Table", "[16 0 R]"),
        elem("TR", "[17 0 R 18 0 R]"),
        elem("TD", "6"),
        elem("TD", "<< /Type /MCR /Pg 3 0 R /MCID 7 >>"),
        elem("Note", "[21 0 R]"),
        elem("Boite", "9"),
        elem("P", "8"),
        elem("Sect", "[23 0 R]"),
        elem("H", "10"),
        elem("LBody", "[25 0 R]"),
        elem("Normal", "4"),
    ]
    .into_iter()
    .map(String::into_bytes)
    .collect()
}

fn owned(s: &[(&str, &str)]) -> Vec<(String, String)> {
    s.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// A tagged PDF's blocks take their kinds and heading levels from the
/// structure tree's roles, where the layout alone, every line in the same
/// font, sees paragraphs.
#[test]
fn tagged_pdf_block_kinds_come_from_the_structure_tree() {
    let d = Dir::new();
    let plain = d.file("plain.pdf", structured_page(STRUCTURED, &[]));
    let untagged = blocks(&d, &plain);
    assert!(
        untagged
            .iter()
            .all(|(tag, _)| tag.starts_with("p:") || tag.starts_with("li:")),
        "{untagged:?}"
    );
    let tree = structured_tree();
    let tree: Vec<&[u8]> = tree.iter().map(Vec::as_slice).collect();
    let tagged = d.file("tagged.pdf", structured_page(STRUCTURED, &tree));
    assert_eq!(
        blocks(&d, &tagged),
        owned(&[
            ("h1:1", "Displacement in the north"),
            ("h2:2", "Overview"),
            ("p:3", "Fighting has displaced thousands of families."),
            ("li:4", "Schools reopened in Idlib."),
            ("li:5", "Clinics remain closed."),
            ("td:6", "Camps"),
            ("td:7", "Needs"),
            // An unknown role (`Boite` maps to `Cadre`, which maps back):
            // the layout's paragraph.
            ("p:8", "The annex lists the sources."),
            // `H`: a heading, its level from its size.
            ("h1:9", "Method"),
            // The note after the body, its number taken off.
            ("fn:10", "The figures are estimates."),
        ])
    );
}

/// The tagged export of the report gives the DOCX's blocks, kinds and
/// heading levels included (the block column of `align`'s output), and its
/// alignment is the DOCX pair's.
#[test]
fn tagged_pdf_blocks_and_levels_are_the_docx() {
    let d = Dir::new();
    for lang in ["fr", "en"] {
        let tagged = blocks(
            &d,
            std::path::Path::new(&corpus(&format!("{lang}.tagged.pdf"))),
        );
        let docx = blocks(&d, std::path::Path::new(&corpus(&format!("{lang}.docx"))));
        assert!(docx.iter().any(|b| b.0.starts_with("h3:")), "{docx:?}");
        assert_eq!(tagged, docx, "{lang}");
    }
    assert_eq!(
        beads(&corpus("fr.tagged.pdf"), &corpus("en.tagged.pdf")),
        std::fs::read_to_string(corpus("gold.beads")).unwrap()
    );
}

/// Hostile structure trees end with a clear result: a chain of 100,000
/// nested elements (cut at the depth limit: MCID 0 below it is not reached,
/// so the page keeps the layout's order), kids, pages and role maps referring to missing objects, role
/// maps that loop.
#[test]
fn hostile_structure_trees_stay_bounded() {
    let d = Dir::new();
    let mut chain: Vec<Vec<u8>> = vec![b"<< /Type /StructTreeRoot /K [7 0 R] >>".to_vec()];
    let deep = 100_000;
    for i in 7..7 + deep {
        chain.push(format!("<< /S /Div /Pg 3 0 R /K [1 {} 0 R] >>", i + 1).into_bytes());
    }
    chain.push(b"<< /S /H1 /Pg 3 0 R /K 0 >>".to_vec());
    let chain: Vec<&[u8]> = chain.iter().map(Vec::as_slice).collect();
    let f = d.file("deep.pdf", tagged_page(&chain));
    let run = segment_bounded(&d, &f);
    assert_eq!(
        run.ok(),
        "The second paragraph comes last.\nThe first paragraph comes first.\n"
    );
    // Missing objects everywhere: kids, pages, the role map; an element
    // on a missing page; a role mapped to nothing. What can be read is.
    let f = d.file(
        "missing.pdf",
        tagged_page(&[
            b"<< /Type /StructTreeRoot /K [8 0 R 99 0 R 7 0 R 9 0 R] /RoleMap 98 0 R >>",
            b"<< /S /Nowhere /Pg 3 0 R /K [96 0 R 0] >>",
            b"<< /S /H1 /Pg 3 0 R /K [95 0 R << /Type /MCR /Pg 94 0 R /MCID 1 >> 1] >>",
            b"<< /S /P /Pg 97 0 R /K [0 1] >>",
        ]),
    );
    let out = blocks(&d, &f);
    assert_eq!(
        out,
        owned(&[
            ("h1:1", "The first paragraph comes first."),
            ("p:2", "The second paragraph comes last."),
        ])
    );
}

#[test]
fn scanned_encrypted_and_broken_pdfs_are_refused() {
    let d = Dir::new();
    // A page that draws only an image: no text layer.
    let scanned = d.file(
        "scan.pdf",
        pdf(&[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>".to_vec(),
            stream("", b"q 595 0 0 842 0 0 cm /Im1 Do Q"),
            stream(
                "/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8",
                &[0, 255, 255, 0],
            ),
        ]),
    );
    let err = d
        .run(&["segment", scanned.to_str().unwrap(), "--lang", "fr"])
        .fails();
    assert!(
        err.contains("scan.pdf") && err.contains("needs OCR first"),
        "{err}"
    );

    // Encrypted with a user password (RC4 40-bit, standard security handler
    // revision 2): the reader cannot open it without the password.
    let encrypted = {
        let mut objects = vec![
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".to_vec(),
            stream("", b"\x8a\x13\x07\xff\x00\x41\x99"),
            b"<< /Filter /Standard /V 1 /R 2 /O <0000000000000000000000000000000000000000000000000000000000000000> /U <1111111111111111111111111111111111111111111111111111111111111111> /P -4 >>".to_vec(),
        ];
        let mut bytes = pdf(&objects);
        // Point the trailer at the encryption dictionary and give an ID.
        let at = bytes.windows(7).rposition(|w| w == b"/Root 1").unwrap();
        bytes.splice(
            at..at,
            b"/Encrypt 5 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] ".iter().copied(),
        );
        objects.clear();
        bytes
    };
    let f = d.file("secret.pdf", encrypted);
    let err = d
        .run(&["segment", f.to_str().unwrap(), "--lang", "fr"])
        .fails();
    assert!(
        err.contains("secret.pdf") && err.contains("encrypted"),
        "{err}"
    );

    // Not a PDF at all, but named .pdf.
    let f = d.file("fake.pdf", "Ceci est un texte.\n");
    let err = d
        .run(&["segment", f.to_str().unwrap(), "--lang", "fr"])
        .fails();
    assert!(
        err.contains("fake.pdf") && err.contains("not a PDF"),
        "{err}"
    );

    // Cut in the middle.
    let whole = std::fs::read(corpus("fr.pdf")).unwrap();
    let f = d.file("cut.pdf", &whole[..whole.len() / 3]);
    let run = d.run(&["segment", f.to_str().unwrap(), "--lang", "fr"]);
    assert!(run.code() == 0 || run.code() == 2, "{}", run.stderr());
    assert!(!run.stderr().contains("panicked"), "{}", run.stderr());
}

/// Runs `tralign segment FILE` under a 2 GB address-space limit.
fn segment_bounded(d: &Dir, file: &std::path::Path) -> util::Run {
    let bin = env!("CARGO_BIN_EXE_tralign");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v 2000000; exec '{bin}' segment '{}' --lang fr",
            file.display()
        ))
        .current_dir(d.tmp.path())
        .output()
        .unwrap();
    util::Run(out)
}

#[test]
fn hostile_pdfs_stay_bounded() {
    let d = Dir::new();
    // A content stream that unpacks to 600 MB of spaces.
    let bomb = {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        let chunk = vec![b' '; 1 << 20];
        for _ in 0..600 {
            e.write_all(&chunk).unwrap();
        }
        e.finish().unwrap()
    };
    let f = d.file("bomb.pdf", one_page(&bomb, "/Filter /FlateDecode"));
    let err = segment_bounded(&d, &f).fails();
    assert!(
        err.contains("bomb.pdf") && err.contains("compression bomb"),
        "{err}"
    );

    // Arrays nested 100 000 deep, in an object and in a content stream.
    let deep = "[".repeat(100_000) + &"]".repeat(100_000);
    let f = d.file(
        "deep.pdf",
        pdf(&[
            format!("<< /Type /Catalog /Pages 2 0 R /Deep {deep} >>").into_bytes(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".to_vec(),
            stream("", deep.as_bytes()),
        ]),
    );
    let run = segment_bounded(&d, &f);
    assert!(run.code() == 2, "{} {}", run.code(), run.stderr());
    assert!(!run.stderr().contains("panicked"), "{}", run.stderr());

    // One operation of four million operands (8 MB of `0 `, 40 kB packed):
    // parsed, each would take about 100 bytes.
    let zeros = {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        e.write_all(&b"0 ".repeat(4_000_000)).unwrap();
        e.write_all(b"Tj").unwrap();
        e.finish().unwrap()
    };
    let f = d.file("operands.pdf", one_page(&zeros, "/Filter /FlateDecode"));
    let err = segment_bounded(&d, &f).fails();
    assert!(
        err.contains("operands.pdf") && err.contains("more than 100000 operands"),
        "{err}"
    );

    // Forms drawn inside forms: six levels, each drawing the next 100
    // times (10^12 drawings of the last, empty, form).
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /X 5 0 R >> >> >>".to_vec(),
        stream("", b"/X Do"),
    ];
    for level in 0..6 {
        let next = 6 + level;
        let draws = if level < 5 {
            "/X Do ".repeat(100)
        } else {
            String::new()
        };
        objects.push(stream(
            &format!("/Type /XObject /Subtype /Form /BBox [0 0 1 1] /Resources << /XObject << /X {next} 0 R >> >>"),
            draws.as_bytes(),
        ));
    }
    let f = d.file("forms.pdf", pdf(&objects));
    let err = segment_bounded(&d, &f).fails();
    assert!(
        err.contains("forms.pdf") && err.contains("forms drawn inside forms"),
        "{err}"
    );

    // Reference loops: a page tree whose kid is itself, and a length that
    // refers to itself.
    let f = d.file(
        "loop.pdf",
        pdf(&[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 /Parent 2 0 R >>".to_vec(),
            b"<< /Type /Page /Parent 3 0 R /MediaBox 3 0 R /Contents 4 0 R >>".to_vec(),
            b"<< /Length 4 0 R >>\nstream\nBT ET\nendstream".to_vec(),
        ]),
    );
    let run = segment_bounded(&d, &f);
    assert!(run.code() == 2, "{} {}", run.code(), run.stderr());
    assert!(!run.stderr().contains("panicked"), "{}", run.stderr());
}

/// The hex string of `s` in two-byte codes equal to its characters (the
/// `ToUnicode` map below maps them to themselves).
fn two_byte(s: &str) -> String {
    let hex: String = s.chars().map(|c| format!("{:04X}", c as u32)).collect();
    format!("<{hex}>")
}

#[test]
fn type0_fonts_tounicode_bold_kerning_and_forms_are_read() {
    let d = Dir::new();
    let to_unicode = b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\n\
endcodespacerange\n2 beginbfrange\n<0020> <007E> <0020>\n<00A0> <00FF> <00A0>\nendbfrange\n\
3 beginbfchar\n<0100> <00660069>\n<0101> <FB01>\n<0102> <00AD>\nendbfchar\nendcmap\n\
CMapName currentdict /CMap defineresource pop\nend\nend\n";
    let content = format!(
        // A bold heading (by its descriptor's weight: the name says nothing);
        // a Type0 line with a ligature code standing for "fi" and one mapped
        // to the ligature `ﬁ` (expanded), a soft hyphen inside a word
        // (dropped); a line set with kerning numbers for the spaces; then a form drawn lower down, which
        // draws itself (refused: drawn once).
        "BT /F3 12 Tf 72 760 Td (Situation) Tj ET\n\
         BT /F2 12 Tf 72 730 Td {} Tj <0102> Tj {} Tj <0100> Tj {} Tj <0101> Tj {} Tj ET\n\
         BT /F1 12 Tf 72 716 Td [(Les)-300(combats)-300(ont)-300(repris.)] TJ ET\n\
         q 1 0 0 1 0 -100 cm /X1 Do Q",
        two_byte("Les réfu"),
        two_byte("giés "),
        two_byte("nissent par "),
        two_byte("nir.")
    );
    let widths = format!("[{}]", vec!["500"; 95].join(" "));
    let f = d.file(
        "fonts.pdf",
        pdf(&[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources 13 0 R /Contents 4 0 R >>".to_vec(),
            stream("", content.as_bytes()),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_vec(),
            b"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Sans /Encoding /Identity-H /DescendantFonts [7 0 R] /ToUnicode 8 0 R >>".to_vec(),
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Sans /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 /W [32 [278] 33 255 556 256 [1000]] /FontDescriptor 9 0 R >>".to_vec(),
            stream("", to_unicode),
            b"<< /Type /FontDescriptor /FontName /ABCDEF+Sans /Flags 32 /FontWeight 400 /ItalicAngle 0 >>".to_vec(),
            format!("<< /Type /Font /Subtype /TrueType /BaseFont /GHIJKL+Sans /FirstChar 32 /LastChar 126 /Widths {widths} /FontDescriptor 11 0 R /Encoding /WinAnsiEncoding >>").into_bytes(),
            b"<< /Type /FontDescriptor /FontName /GHIJKL+Sans /Flags 32 /FontWeight 700 /ItalicAngle 0 >>".to_vec(),
            stream(
                "/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources 13 0 R",
                b"BT /F1 12 Tf 72 716 Td (Plus de 41 000 personnes ont fui.) Tj ET /X1 Do",
            ),
            b"<< /Font << /F1 5 0 R /F2 6 0 R /F3 10 0 R >> /XObject << /X1 12 0 R >> >>".to_vec(),
        ]),
    );
    let got = sentences(f.to_str().unwrap(), "fr");
    let want = [
        ("heading", "Situation"),
        ("paragraph", "Les réfugiés finissent par finir."),
        ("paragraph", "Les combats ont repris."),
        ("paragraph", "Plus de 41 000 personnes ont fui."),
    ];
    let got: Vec<(&str, &str)> = got.iter().map(|(k, t)| (k.as_str(), t.as_str())).collect();
    assert_eq!(got, want);
}
