#!/usr/bin/env python3
"""Writes shared-nouns.txt beside this script: the words of both
common-fr.txt and common-en.txt (see make_common_words.py) that the
French and the English spelling dictionaries both list in lower case
(`justice`, `union`, `international`). Such a word, capitalised in a
bead, is more often an ordinary word in an institution's name (la Cour
de Justice, l'Union) than a name a translation must keep, while the
words common to both lists that a dictionary lists only capitalised
(`Berlin`, `Obama`, `Paris`) are names both languages use.

Sources: Debian's hunspell-fr 1:7.0-1 (Dicollecte's French dictionary,
MPL-2.0, /usr/share/hunspell/fr_FR.dic) and hunspell-en-us
1:2020.12.07-2 (SCOWL, /usr/share/hunspell/en_US.dic; its copyright file
gives its permissive licence). Only the membership of a few hundred
common words is taken from them.

usage: apt-get install hunspell-fr hunspell-en-us; make_shared_nouns.py
"""

import os
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))


def fold(w):
    return "".join(c for c in unicodedata.normalize("NFD", w.lower()) if not unicodedata.combining(c))


def lower_case_entries(path):
    words = set()
    with open(path, encoding="utf-8", errors="replace") as f:
        next(f)  # the entry count
        for line in f:
            w = line.split("/")[0].strip()
            if w and not w[0].isupper():
                words.add(fold(w))
    return words


def common(lang):
    with open(os.path.join(HERE, "common-%s.txt" % lang), encoding="utf-8") as f:
        return {l.strip() for l in f if l.strip() and not l.startswith("#")}


fr = lower_case_entries("/usr/share/hunspell/fr_FR.dic")
en = lower_case_entries("/usr/share/hunspell/en_US.dic")
words = sorted(w for w in common("fr") & common("en") if w in fr and w in en)
with open(os.path.join(HERE, "shared-nouns.txt"), "w", encoding="utf-8") as out:
    out.write(
        "# Words common in French and in English (wordfreq 3.1.1, CC BY-SA 4.0) that both\n"
        "# spelling dictionaries list in lower case (hunspell-fr 7.0, MPL-2.0; SCOWL\n"
        "# 2020.12.07 en_US). Built by make_shared_nouns.py.\n"
    )
    out.write("\n".join(words) + "\n")
print(len(words), "words")
