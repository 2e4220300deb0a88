#!/usr/bin/env python3
"""Make the PDF versions of the sitrep-2025 pair: fr.pdf and en.pdf.

The PDFs come from a real producer: LibreOffice (headless) exports a print
layout of the same report to PDF. The print layout is the DOCX that make.py
writes, with what a published report has and the screen formats lack:

  - an A5 page, so that the report runs over several pages;
  - a running header (the report's short title) and a running footer (the
    agency and the page number, a PAGE field) on every page;
  - justified text with LibreOffice's automatic hyphenation (the document's
    language decides the hyphenation patterns), so that words break at line
    ends with a hyphen that is not part of the text;
  - the "Santé"/"Health" and "Eau, hygiène et assainissement"/"Water,
    Sanitation and Hygiene" sections set in two columns;
  - the table and the footnote of the DOCX (the footnote at the foot of its
    page, with its call number).

The visible text of the report is exactly that of L.docx (make.py), so a PDF
reader's text can be compared with the DOCX reader's.

needs: python3, LibreOffice (soffice) and the hyphenation patterns
(Debian: libreoffice-writer-nogui hyphen-fr hyphen-en-gb).
usage: python3 make_pdf.py          (writes fr.pdf, en.pdf next to this file)
       python3 make_pdf.py --tagged   (writes fr.tagged.pdf, en.tagged.pdf:
       the same, exported as tagged PDF, with a structure tree)
       python3 make_pdf.py --repeat N --out FILE   (the English report N
       times over in one PDF, for the benchmark)
The PDFs are not byte-for-byte reproducible (LibreOffice stamps a creation
date and a document id); their text is.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import make  # noqa: E402  (the DOCX generator next to this file)

# The running header and footer: text repeated on every page, which a reader
# must drop. The footer ends with the page number.
RUNNING = {
    "fr": ("Syrie : rapport de situation n° 12 — janvier 2025", "Bureau de coordination — page "),
    "en": ("Syria: Situation Report 12 — January 2025", "Coordination Office — page "),
}
# Headings whose sections are set in two columns (the first opens the
# two-column part, the part ends before the second).
TWO_COLUMNS = {
    "fr": ("Santé", "Besoins prioritaires"),
    "en": ("Health", "Priority Needs"),
}
A5 = '<w:pgSz w:w="8391" w:h="11906"/><w:pgMar w:top="1134" w:right="1020" w:bottom="1134" w:left="1020" w:header="567" w:footer="567" w:gutter="0"/>'
HDR_REFS = '<w:headerReference w:type="default" r:id="rIdH"/><w:footerReference w:type="default" r:id="rIdF"/>'


def sect(cols, continuous):
    kind = '<w:type w:val="continuous"/>' if continuous else ""
    return f'<w:sectPr>{HDR_REFS}{kind}{A5}<w:cols w:num="{cols}" w:space="454"/></w:sectPr>'


def document_xml(blocks, lang):
    """make.py's document.xml, with the section breaks of the two-column part
    and the print page set-up."""
    xml = make.document_xml(blocks, lang)
    start, end = TWO_COLUMNS[lang]
    paras = xml.split("\n")
    heading_ids = [sid for sid, _ in make.HEADING_STYLES[lang]]

    def heading_indexes(title):
        tag = f'<w:pStyle w:val="{heading_ids[1]}"/></w:pPr>{make.run(title)}'
        return [i for i, p in enumerate(paras) if tag in p]

    firsts, afters = heading_indexes(start), heading_indexes(end)
    if not firsts or len(firsts) != len(afters):
        sys.exit(f"{lang}: headings {start!r} and {end!r} not found once a copy")
    # A section ends with the paragraph holding its sectPr: the one before the
    # two-column part (one column, new page style), and the last paragraph of
    # the part (two columns, continuous).
    for first, after in zip(firsts, afters):
        for i, props in ((first - 1, sect(1, False)), (after - 1, sect(2, True))):
            p = paras[i]
            if not p.startswith("<w:p>"):
                sys.exit(f"{lang}: paragraph {i} is not a plain paragraph")
            if p.startswith("<w:p><w:pPr>"):
                paras[i] = p.replace("</w:pPr>", props + "</w:pPr>", 1)
            else:
                paras[i] = "<w:p><w:pPr>" + props + "</w:pPr>" + p[len("<w:p>"):]
    xml = "\n".join(paras)
    # The tracked deletion would print (LibreOffice shows changes); the DOCX
    # reader reads changes as accepted, so the print layout accepts it too.
    xml = xml.replace(make.DELETED_RUN, "")
    # The table fits the A5 text width.
    xml = xml.replace('w:w="3000"', 'w:w="2100"')
    old_sect = xml[xml.rindex("<w:sectPr>"):xml.rindex("</w:sectPr>") + len("</w:sectPr>")]
    return xml.replace(old_sect, sect(1, True))


def styles_xml(lang):
    """make.py's styles, with justified body text."""
    xml = make.styles_xml(lang)
    normal = '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
    if normal not in xml:
        sys.exit("Normal style not found")
    return xml.replace(normal, normal + '<w:pPr><w:jc w:val="both"/></w:pPr>')


def header_xml(text):
    return (
        make.XML_DECL
        + f'<w:hdr xmlns:w="{make.W_NS}" xmlns:r="{make.R_NS}">'
        + f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr>{make.run(text)}</w:p></w:hdr>\n'
    )


def footer_xml(text):
    page = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        "<w:r><w:t>1</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    return (
        make.XML_DECL
        + f'<w:ftr xmlns:w="{make.W_NS}" xmlns:r="{make.R_NS}">'
        + f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr>{make.run(text)}{page}</w:p></w:ftr>\n'
    )


SETTINGS_XML = (
    make.XML_DECL
    + f'<w:settings xmlns:w="{make.W_NS}"><w:autoHyphenation/>'
    + '<w:consecutiveHyphenLimit w:val="0"/><w:hyphenationZone w:val="0"/></w:settings>\n'
)

REL = '<Relationship Id="{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{target}"/>'


def docx_parts(blocks, lang):
    parts = dict(make.docx_parts(blocks, lang))
    header, footer = RUNNING[lang]
    parts["word/document.xml"] = document_xml(blocks, lang)
    parts["word/styles.xml"] = styles_xml(lang)
    parts["word/header1.xml"] = header_xml(header)
    parts["word/footer1.xml"] = footer_xml(footer)
    parts["word/settings.xml"] = SETTINGS_XML
    rels = "".join(
        REL.format(id=i, kind=k, target=t)
        for i, k, t in (("rIdH", "header", "header1.xml"), ("rIdF", "footer", "footer1.xml"), ("rIdS", "settings", "settings.xml"))
    )
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
        "</Relationships>", rels + "</Relationships>"
    )
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    types = "".join(
        f'<Override PartName="/word/{n}.xml" ContentType="{main}.{k}+xml"/>'
        for n, k in (("header1", "header"), ("footer1", "footer"), ("settings", "settings"))
    )
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace("</Types>", types + "</Types>")
    return list(parts.items())


# The export filter for `--tagged`: a tagged PDF (a structure tree whose
# elements reference the page's marked content; LibreOffice marks the
# running header and footer as /Artifact).
TAGGED = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'


def convert(lang, blocks, out, tmp, tagged=False):
    """Writes the print DOCX of `blocks` and exports it to `out` (PDF)."""
    soffice = shutil.which("soffice") or sys.exit("soffice (LibreOffice) not found")
    docx = os.path.join(tmp, f"{lang}.docx")
    make.write_docx(docx, docx_parts(blocks, lang))
    with zipfile.ZipFile(docx) as z:
        if z.testzip():
            sys.exit(f"{docx}: bad zip")
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless",
         "--convert-to", TAGGED if tagged else "pdf", "--outdir", tmp, docx],
        check=True, stdout=subprocess.DEVNULL,
    )
    shutil.copyfile(os.path.join(tmp, f"{lang}.pdf"), out + ".tmp")
    os.replace(out + ".tmp", out)
    print(f"wrote {out}", file=sys.stderr)


def main():
    # `--repeat N --out FILE`: the English report N times over in one PDF
    # (the benchmark's long report; tagged with `--tagged`); by default
    # fr.pdf and en.pdf.
    args = sys.argv[1:]
    repeat = int(args[args.index("--repeat") + 1]) if "--repeat" in args else 0
    tagged = "--tagged" in args
    with tempfile.TemporaryDirectory() as tmp:
        for lang in ("en",) if repeat else make.LANGS:
            with open(os.path.join(HERE, f"{lang}.md"), encoding="utf-8") as f:
                blocks = make.parse(f.read())
            if repeat:
                body, note = blocks[:-1], blocks[-1]
                convert(lang, body * repeat + [note], args[args.index("--out") + 1], tmp, tagged)
                return
            name = f"{lang}.tagged.pdf" if tagged else f"{lang}.pdf"
            convert(lang, blocks, os.path.join(HERE, name), tmp, tagged)


if __name__ == "__main__":
    main()
