#!/usr/bin/env python3
"""Writes common-fr.txt and common-en.txt beside this script: the 5,000 most
frequent words of French and English, folded (lower case, accents removed),
one a line, from the wordfreq package (`pip install wordfreq`, version
3.1.1; its word lists are licensed CC BY-SA 4.0, see LICENSE-wordfreq.txt).
A name made of such words (Maison Blanche, White House, Middle East) is
translated rather than kept, so a name check must not take it for a
replaced name.

usage: make_common_words.py
"""

import os
import unicodedata

import wordfreq

HERE = os.path.dirname(os.path.abspath(__file__))
N = 5000


def fold(w):
    return "".join(c for c in unicodedata.normalize("NFD", w.lower()) if not unicodedata.combining(c))


for lang in ("fr", "en"):
    words = []
    for w in wordfreq.top_n_list(lang, N * 2):
        if not w.isalpha():
            continue
        f = fold(w)
        if f not in words:
            words.append(f)
        if len(words) == N:
            break
    with open(os.path.join(HERE, "common-%s.txt" % lang), "w", encoding="utf-8") as out:
        out.write("# The %d most frequent %s words (wordfreq 3.1.1, CC BY-SA 4.0), folded.\n" % (N, lang))
        out.write("\n".join(words) + "\n")
