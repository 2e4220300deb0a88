#!/usr/bin/env python3
"""Builds tralign's QA benchmark from the fren-dev news (benches/data/fren-dev).

Each fren-dev document is first made clean: the sentences its gold leaves
without a counterpart (1-0 and 0-1 beads, the perturbation of the alignment
set) are removed, so that every bead left is a translation. Then, with a
fixed seed, 15 documents stay clean and 60 get one injected error each, ten
of each kind:

  untranslated       an English sentence of a 1-1 bead deleted
  added              an English sentence from another document inserted
  number_mismatch    a number in digits of the English changed
  unit_mismatch      a unit or scale word of the English changed
                     (million/billion, kilometres/miles, per cent/percentage
                     points, euros/dollars ...)
  name_mismatch      a name of the English (also in the French) replaced by a
                     name from another document
  inconsistent_name  one of two or more occurrences of a name in the English
                     spelt another way (a transliteration variant)

Writes OUT/NAME.fr and OUT/NAME.en (one sentence a line) and OUT/truth.tsv:
doc, kind, fr sentence, en sentence (1-based, empty when none), what was done.

usage: make_qa.py [OUT] [--seed N]
"""

import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data", "fren-dev")
KINDS = [
    "untranslated",
    "added",
    "number_mismatch",
    "unit_mismatch",
    "name_mismatch",
    "inconsistent_name",
]

# English unit or scale word -> the word it becomes.
UNIT_SWAPS = [
    (r"\bmillion\b", "billion"),
    (r"\bbillion\b", "million"),
    (r"\bthousand\b", "million"),
    (r"\bkilometres\b", "miles"),
    (r"\bkilometers\b", "miles"),
    (r"\bkm\b", "miles"),
    (r"\bmiles\b", "kilometres"),
    (r"\bper ?cent\b", "percentage points"),
    (r"%", " percentage points"),
    (r"\beuros\b", "dollars"),
    (r"\bdollars\b", "euros"),
    (r"\bpounds\b", "euros"),
    (r"\btonnes\b", "pounds"),
    (r"\bhours\b", "days"),
    (r"\bdays\b", "weeks"),
    (r"\bweeks\b", "months"),
    (r"\bmonths\b", "years"),
    (r"\byears\b", "months"),
    (r"\bkg\b", "pounds"),
    (r"\bmetres\b", "feet"),
]


def read_doc(name):
    def lines(ext):
        with open(os.path.join(DATA, name + "." + ext), encoding="utf-8") as f:
            return [l.rstrip("\n") for l in f]

    fr, en = lines("fr"), lines("en")
    beads = []
    for line in lines("gold"):
        a, b = line.split(":")
        fi = [int(x) for x in a.strip("[]").split(",") if x.strip()]
        ei = [int(x) for x in b.strip("[]").split(",") if x.strip()]
        if fi and ei:  # the perturbation's omissions are left out
            beads.append(([fr[i] for i in fi], [en[i] for i in ei]))
    return beads


def numbers(s):
    """Numbers in digits, not glued to letters, with their spans."""
    return [
        m
        for m in re.finditer(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w])", s)
    ]


def names(s):
    """Capitalised words inside a sentence (not its first word)."""
    out = []
    for m in re.finditer(r"(?<=[a-z,;] )([A-Z][a-z]{3,})\b", s):
        out.append(m)
    return out


def variant(name, rng):
    """Another spelling of a name, as transliterations differ."""
    rules = [
        ("ou", "u"),
        ("u", "ou"),
        ("k", "q"),
        ("c", "k"),
        ("y", "i"),
        ("i", "y"),
        ("ph", "f"),
        ("ll", "l"),
        ("ss", "s"),
        ("tt", "t"),
        ("e", "a"),
    ]
    rng.shuffle(rules)
    low = name[1:]
    for a, b in rules:
        if a in low:
            return name[0] + low.replace(a, b, 1)
    return name + "h"


def inject(kind, beads, rng, pool):
    """Changes `beads` in place; returns (bead index, side note) or None."""
    one = [
        k
        for k, (f, e) in enumerate(beads)
        if len(f) == 1 and len(e) == 1 and 2 <= k < len(beads) - 2
    ]
    rng.shuffle(one)
    if kind == "untranslated":
        for k in one:
            if len(beads[k][0][0]) >= 40:
                old = beads[k][1][0]
                beads[k] = (beads[k][0], [])
                return k, "deleted EN: " + old[:60]
    elif kind == "added":
        k = rng.choice(one)
        s = rng.choice(pool["sentences"])
        beads.insert(k, ([], [s]))
        return k, "inserted EN: " + s[:60]
    elif kind == "number_mismatch":
        for k in one:
            f, e = beads[k][0][0], beads[k][1][0]
            fr_digits = {re.sub(r"\D", "", m.group()) for m in numbers(f)}
            cands = [m for m in numbers(e) if re.sub(r"\D", "", m.group()) in fr_digits]
            if not cands:
                continue
            m = rng.choice(cands)
            raw = m.group()
            digits = [i for i, c in enumerate(raw) if c.isdigit()]
            i = rng.choice(digits)
            new_digit = rng.choice([d for d in "0123456789" if d != raw[i] and not (i == 0 and d == "0")])
            new = raw[:i] + new_digit + raw[i + 1 :]
            beads[k] = ([f], [e[: m.start()] + new + e[m.end() :]])
            return k, "number %s -> %s" % (raw, new)
    elif kind == "unit_mismatch":
        for k in one:
            f, e = beads[k][0][0], beads[k][1][0]
            for pat, new in UNIT_SWAPS:
                # the unit must follow a number
                lead = r"\d\s?" if pat == "%" else r"\d[\d.,]*\s"
                m = re.search(lead + pat, e)
                if m:
                    u = re.search(pat, e[m.start() :])
                    a = m.start() + u.start()
                    b = m.start() + u.end()
                    beads[k] = ([f], [e[:a] + new + e[b:]])
                    return k, "unit %r -> %r" % (e[a:b], new)
    elif kind == "name_mismatch":
        for k in one:
            f, e = beads[k][0][0], beads[k][1][0]
            # a name written once in each sentence, the same in both
            cands = [
                m
                for m in names(e)
                if len(re.findall(r"\b%s\b" % m.group(), e)) == 1
                and len(re.findall(r"\b%s\b" % m.group(), f)) == 1
            ]
            if not cands:
                continue
            m = rng.choice(cands)
            doc_text = " ".join(s for b in beads for side in b for s in side)
            others = [n for n in pool["names"] if n not in doc_text]
            new = rng.choice(others)
            beads[k] = ([f], [e[: m.start()] + new + e[m.end() :]])
            return k, "name %s -> %s" % (m.group(), new)
    elif kind == "inconsistent_name":
        seen = {}
        for k, (f, e) in enumerate(beads):
            for m in names(" ".join(e)):
                if m.group() in " ".join(f):
                    seen.setdefault(m.group(), []).append(k)
        cands = sorted(n for n, ks in seen.items() if len(set(ks)) >= 2)
        rng.shuffle(cands)
        for n in cands:
            ks = sorted(set(seen[n]))
            k = rng.choice(ks[1:])
            f, e = beads[k]
            if len(e) != 1:
                continue
            new = variant(n, rng)
            beads[k] = (f, [re.sub(r"\b%s\b" % re.escape(n), new, e[0], count=1)])
            return k, "name %s -> %s (elsewhere %s)" % (n, new, n)
    return None


def main():
    args = sys.argv[1:]
    seed = 10
    if "--seed" in args:
        i = args.index("--seed")
        seed = int(args[i + 1])
        del args[i : i + 2]
    out = args[0] if args else os.path.join(HERE, "..", "..", "target", "qa")
    os.makedirs(out, exist_ok=True)
    rng = random.Random(seed)
    docs = sorted(n[:-3] for n in os.listdir(DATA) if n.endswith(".fr"))
    clean = {d: read_doc(d) for d in docs}
    # Replacement names: names a document writes the same in French and
    # English (people, places kept as they are), as in Homs -> Hama.
    pool_names = sorted(
        {
            m.group()
            for d in docs
            for f, e in clean[d]
            for m in names(" ".join(e))
            if re.search(r"\b%s\b" % m.group(), " ".join(f))
        }
    )
    order = docs[:]
    rng.shuffle(order)
    truth = []
    plan = {d: None for d in order[:15]}
    todo = [k for k in KINDS for _ in range(10)]
    rest = order[15:]
    # Each document gets the first kind left that it can take, the kinds
    # fewest documents can take first.
    rarest = ["inconsistent_name", "unit_mismatch", "name_mismatch", "number_mismatch", "untranslated", "added"]
    for d in rest:
        for kind in [k for k in rarest if k in todo]:
            beads = [(list(f), list(e)) for f, e in clean[d]]
            pool = {
                "sentences": [e[0] for o in docs if o != d for f, e in clean[o] if len(e) == 1],
                "names": pool_names,
            }
            r = random.Random("%d/%s/%s" % (seed, d, kind))
            done = inject(kind, beads, r, pool)
            if done:
                plan[d] = (kind, beads, done)
                todo.remove(kind)
                break
        else:
            plan[d] = None
    for d in docs:
        p = plan[d]
        beads = clean[d] if p is None else p[1]
        fr = [s for f, e in beads for s in f]
        en = [s for f, e in beads for s in e]
        with open(os.path.join(out, d + ".fr"), "w", encoding="utf-8") as f:
            f.write("\n".join(fr) + "\n")
        with open(os.path.join(out, d + ".en"), "w", encoding="utf-8") as f:
            f.write("\n".join(en) + "\n")
        if p is None:
            truth.append((d, "clean", "", "", ""))
            continue
        kind, _, (k, note) = p
        fi = sum(len(f) for f, e in beads[:k])
        ei = sum(len(e) for f, e in beads[:k])
        f, e = beads[k]
        truth.append(
            (
                d,
                kind,
                str(fi + 1) if f else "",
                str(ei + 1) if e else "",
                note.replace("\t", " "),
            )
        )
    with open(os.path.join(out, "truth.tsv"), "w", encoding="utf-8") as f:
        f.write("doc\tkind\tfr\ten\tnote\n")
        for row in truth:
            f.write("\t".join(row) + "\n")
    left = {k: todo.count(k) for k in set(todo)}
    if left:
        print("make_qa: kinds not placed: %s" % left, file=sys.stderr)


if __name__ == "__main__":
    main()
