#!/usr/bin/env python3
"""Builds data/lexicon-fr-en.tsv, the French–English word list the aligner
uses as anchors, from Debian's FreeDict dictionaries (dictd format):

    apt-get install dict-freedict-fra-eng dict-freedict-eng-fra
    python3 data/make_lexicon.py > data/lexicon-fr-en.tsv

Both directions are read (fra-eng and eng-fra, FreeDict 2022.04.21, both
GPL-2.0-or-later). Kept: pairs of single words (letters, inner hyphens or
apostrophes), lower-cased, whose two sides differ; one pair a line,
`french<TAB>english`, sorted, each once. Sense numbers, parenthesised notes
and part-of-speech tags are dropped.
"""
import base64
import gzip
import re
import sys

DICT = "/usr/share/dictd/freedict-{}"
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
WORD = re.compile(r"^[^\W\d_]+(?:[-'’][^\W\d_]+)*$")


def b64(s):
    n = 0
    for c in s:
        n = n * 64 + B64.index(c)
    return n


def entries(name):
    """(headword, [translations]) of one dictd dictionary."""
    data = gzip.open(DICT.format(name) + ".dict.dz").read()
    with open(DICT.format(name) + ".index", encoding="utf-8") as index:
        for line in index:
            head, off, length = line.rstrip("\n").split("\t")
            if head.startswith("00database"):
                continue
            text = data[b64(off):b64(off) + b64(length)].decode("utf-8")
            lines = text.split("\n")
            yield head, lines[1:]


def senses(lines):
    for line in lines:
        line = re.sub(r"^\s*\d+\.\s*", "", line)
        line = re.sub(r"\([^)]*\)|<[^>]*>|/[^/]*/", "", line)
        for part in re.split(r"[,;]", line):
            part = part.strip().lower()
            if part:
                yield part


def main():
    pairs = set()
    for name, french_first in (("fra-eng", True), ("eng-fra", False)):
        for head, lines in entries(name):
            head = head.strip().lower()
            for other in senses(lines):
                fr, en = (head, other) if french_first else (other, head)
                if fr != en and WORD.match(fr) and WORD.match(en):
                    pairs.add((fr, en))
    out = sys.stdout
    out.write("# French–English word pairs from FreeDict fra-eng and eng-fra\n")
    out.write("# (https://freedict.org, Debian packages dict-freedict-fra-eng and\n")
    out.write("# dict-freedict-eng-fra 2022.04.21), GPL-2.0-or-later; see data/README.md.\n")
    out.write("# Built by data/make_lexicon.py. One pair a line: french<TAB>english.\n")
    for fr, en in sorted(pairs):
        out.write(f"{fr}\t{en}\n")


if __name__ == "__main__":
    main()
