#!/usr/bin/env bash
# Hostile and clumsy inputs of issue 14, each run against the release
# binary with a time limit (120 s) and a memory cap (8 GB of address space
# is too tight for the 64 MB worker stacks, so memory is read, not capped):
# prints one row per case — exit code, seconds (wall and CPU: on a shared
# machine the CPU time is the steadier figure), peak memory (RSS, from
# /usr/bin/time) — and then the peak memory per MB of input of each reader
# and of one very long sentence (the README's "Limits" table).
#   usage: benches/hostile.sh [MB]     (MB: size of the per-MB inputs, default 20)
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
mb="${1:-20}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
export SOURCE_DATE_EPOCH=1700000000
cargo build --release --quiet --manifest-path "$root/Cargo.toml" || exit 2
bin="$CARGO_TARGET_DIR/release/tralign"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 2

# Inputs, generated here (nothing big is stored in the repository).
python3 - "$mb" <<'PY'
import sys, zipfile, io
mb = int(sys.argv[1])
w = lambda name, data: open(name, "wb").write(data if isinstance(data, bytes) else data.encode())
w("fr.txt", "Le rapport est publié. Il est long.\n")
w("en.txt", "The report is out. It is long.\n")
w("g.csv", "fr,en\nDamas,Damascus\n")
w("span.html", "<html><body>" + "<span>" * 100_000 + "Texte." + "</span>" * 100_000 + "</body></html>")
w("div.html", "<html><body>" + "<div>" * 1_000_000 + "Texte." + "</div>" * 1_000_000 + "</body></html>")
w("quote.md", ">" * 1_000_000 + " Texte.\n")
words = [f"Nom{chr(65 + i % 26)}{i}" for i in range(20_000)]
w("caps.fr.txt", ", ".join(words) + ".\n")
w("caps.en.txt", ", ".join(words).replace("Nom", "Name") + ".\n")
w("renderings.csv", "fr,en\n" + "".join(f"Damas,Damascus{i}\n" for i in range(30_000)))
w("lint.csv", "fr,en\n" + "".join(f"Alep,Aleppo{i}\n" for i in range(10_000)))
w("hugeterm.csv", "fr,en\nDamas," + "D" * 50_000_000 + "\n")
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
def wordml(root, text):
    return f'<w:{root} {W}><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:{root}>'
# Each part 600 MB unpacked, about 0.6 MB packed: over the 1 GB budget together.
z = io.BytesIO()
with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as f:
    part = wordml("document", "a" * 600_000_000)
    f.writestr("word/document.xml", part)
    f.writestr("word/footnotes.xml", part.replace("w:document", "w:footnotes"))
w("bomb.docx", z.getvalue())
full = wordml("document", "Premier.</w:t></w:r></w:p><w:p><w:r><w:t>Dernier.")
z = io.BytesIO()
with zipfile.ZipFile(z, "w") as f:
    f.writestr("word/document.xml", full[: full.index("Dernier") + 7])
w("cut.docx", z.getvalue())
w("mixed.txt", b"Le caf\xe9 est ferm\xe9.\n" + "L’été à Noël.\n".encode())
w("manifest.csv", "fr,en\n../fr.txt,en.txt\n")
w("bidi.fr.txt", "Le virement va à \u202eDamas\u202c demain.\n")
w("ids.jsonl", '\ufeff{"id": 123456789012345678901234567890, "fr": "Oui.", "en": "Yes."}\n')
nested = "<span>" * 20_000 + "Texte." + "</span>" * 20_000
import json
w("nested.jsonl", "".join(json.dumps({"id": i, "fr": nested if i == 2 else "Oui.", "en": "Yes."}) + "\n" for i in range(1, 5)))
# Per-MB inputs: one reader each, about `mb` MB of text.
para = "Le rapport de la mission, publié à Genève, décrit la situation à Alep et à Damas. "
n = mb * 1_000_000 // len(para.encode())
w("doc.txt", "\n\n".join(para * 3 for _ in range(n // 3)))
w("doc.md", "\n\n".join("## Titre\n\n" + para * 3 for _ in range(n // 3)))
w("doc.html", "<html><body>" + "".join(f"<p>{para * 3}</p>" for _ in range(n // 3)) + "</body></html>")
z = io.BytesIO()
with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as f:
    f.writestr("word/document.xml", f'<w:document {W}><w:body>' + "".join(f"<w:p><w:r><w:t>{para * 3}</w:t></w:r></w:p>" for _ in range(n // 3)) + "</w:body></w:document>")
w("doc.docx", z.getvalue())
z = io.BytesIO()
with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as f:
    f.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    f.writestr("content.xml", '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>' + "".join(f"<text:p>{para * 3}</text:p>" for _ in range(n // 3)) + "</office:text></office:body></office:document-content>")
w("doc.odt", z.getvalue())
# One sentence of `mb` MB: words without punctuation.
w("line.fr.txt", ("mot " * (mb * 1_000_000 // 4)).strip() + "\n")
w("line.en.txt", ("word " * (mb * 1_000_000 // 5)).strip() + "\n")
PY

row() { # row NAME COMMAND... : runs the command (a shell line) with a 120 s limit
  local name="$1" line="$2"
  /usr/bin/time -f "%x %e %M %U %S" -o time.txt timeout 120 bash -c "$line" >/dev/null 2>err.txt
  read -r code secs kb <time.txt 2>/dev/null || { code="?"; secs="?"; kb=0; }
  # `time` reports the signal of a killed command as a status line; keep the code.
  code="$(grep -o 'exit status [0-9]*' time.txt | grep -o '[0-9]*$' || true)"
  sig="$(grep -o 'terminated by signal [0-9]*' time.txt | grep -o '[0-9]*$' || true)"
  [ -n "$sig" ] && code="$((128 + sig))"
  [ -z "$code" ] && code="$(tail -1 time.txt | cut -d' ' -f1)"
  secs="$(tail -1 time.txt | cut -d' ' -f2)"
  kb="$(tail -1 time.txt | cut -d' ' -f3)"
  cpu="$(tail -1 time.txt | awk '{ printf "%.2f", $4 + $5 }')"
  printf '| %s | %s | %s | %s | %d MB | %s |\n' "$name" "$code" "$secs" "$cpu" "$((kb / 1024))" \
    "$(head -c 110 err.txt | tr '\n|' ' /')"
}

echo "| case | exit | seconds | CPU seconds | peak memory | message (start) |"
echo "|---|---|---|---|---|---|"
row "1. -o equal to a -g glossary" "$bin align fr.txt en.txt -g g.csv -o g.csv"
row "1. align - en.txt -o fr.txt < fr.txt" "$bin align - en.txt -o fr.txt < fr.txt"
row "2. 100,000 nested <span> (1.3 MB)" "$bin segment span.html --lang fr"
row "2. pipe -j 2, a pair of 20,000 nested <span> between good ones" "$bin pipe -j 2 < nested.jsonl"
row "3. -o /dev/stdout > out.csv" "$bin align fr.txt en.txt -o /dev/stdout > out.csv && test -s out.csv"
row "4. 1,000,000 nested <div>" "$bin segment div.html --lang fr"
row "4. 1 MB Markdown line of >" "$bin segment quote.md --lang fr"
row "4. 20,000 capitalised words, names" "$bin names caps.fr.txt caps.en.txt"
row "4. a term with 30,000 renderings, align -g" "$bin align fr.txt en.txt -g renderings.csv"
row "5. DOCX of $(( $(stat -c %s bomb.docx) / 1024 )) KB unpacking to 1.2 GB" "$bin align bomb.docx en.txt"
row "5. 50 MB glossary term" "$bin align fr.txt en.txt -g hugeterm.csv"
row "5. glossary lint, one term rendered 10,000 ways" "$bin glossary lint lint.csv"
row "5. pipe < /dev/zero (stopped after 10 s)" "timeout 10 $bin pipe < /dev/zero; test \$? = 124"
row "6. glossary lint | head -1" "$bin glossary lint lint.csv | head -1"
row "6. glossary lint > /dev/full" "$bin glossary lint lint.csv > /dev/full"
row "6. align 2>/dev/full (a warning)" "$bin align fr.txt caps.en.txt -o o.csv 2>/dev/full"
row "7. umask 077: mode of a new output" "umask 077; $bin align fr.txt en.txt -o m.csv; test \$(stat -c %a m.csv) = 600"
row "9. truncated document.xml" "$bin segment cut.docx --lang fr"
row "9. Windows-1252 with a UTF-8 line" "$bin segment mixed.txt --lang fr"
row "9. align - -" "$bin align - - < fr.txt"
row "9. SOURCE_DATE_EPOCH=-1" "SOURCE_DATE_EPOCH=-1 $bin align fr.txt en.txt -f tmx"
row "9. pipe: id beyond 64 bits, BOM on line 1" "$bin pipe < ids.jsonl | grep -q 123456789012345678901234567890,"
row "9. NUL in a glossary" "printf 'fr,en\\nA\\0b,c\\n' > nul.csv; $bin align fr.txt en.txt -g nul.csv"
row "10. manifest with .." "$bin batch manifest.csv"
row "10. U+202E in the input, -f html" "$bin align bidi.fr.txt en.txt -f html | grep -qv \$'\\u202e'"

echo
echo "Peak memory per MB of input ($mb MB inputs; text is what the reader keeps):"
echo
echo "| input | command | MB of input | seconds | peak memory | per MB |"
echo "|---|---|---|---|---|---|"
unpacked() { python3 -c 'import sys, zipfile; print(sum(i.file_size for i in zipfile.ZipFile(sys.argv[1]).infolist()))' "$1"; }
per_mb() { # per_mb NAME FILE COMMAND LABEL [SIZE]: SIZE defaults to the file's
  local name="$1" file="$2" line="$3"
  /usr/bin/time -f "%e %M" -o time.txt timeout 300 bash -c "$line" >/dev/null 2>err.txt
  local code=$?
  local size secs kb
  size="${5:-$(stat -c %s "$file")}"
  secs="$(tail -1 time.txt | cut -d' ' -f1)"
  kb="$(tail -1 time.txt | cut -d' ' -f2)"
  awk -v n="$name" -v c="$4" -v s="$size" -v t="$secs" -v k="$kb" -v x="$code" \
    'BEGIN { printf "| %s | %s | %.1f | %s | %d MB | %.1f%s |\n", n, c, s / 1e6, t, k / 1024, (k * 1024) / s, (x ? " (exit " x ")" : "") }'
}
per_mb "text" doc.txt "$bin segment doc.txt --lang fr" "segment"
per_mb "Markdown" doc.md "$bin segment doc.md --lang fr" "segment"
per_mb "HTML" doc.html "$bin segment doc.html --lang fr" "segment"
per_mb "DOCX (MB of XML unpacked)" doc.docx "$bin segment doc.docx --lang fr" "segment" "$(unpacked doc.docx)"
per_mb "ODT (MB of XML unpacked)" doc.odt "$bin segment doc.odt --lang fr" "segment" "$(unpacked doc.odt)"
per_mb "text" doc.txt "$bin align doc.txt doc.txt -f tsv" "align with itself"
per_mb "one sentence" line.fr.txt "$bin segment line.fr.txt --lang fr" "segment"
per_mb "one sentence" line.fr.txt "$bin align line.fr.txt line.en.txt -f tsv" "align (no names)"
per_mb "one sentence" line.fr.txt "$bin names line.fr.txt line.en.txt" "names"
per_mb "one line, --presegmented" line.fr.txt "$bin align --presegmented line.fr.txt line.en.txt -f tsv" "align (no names)"
