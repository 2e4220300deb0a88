#!/usr/bin/env python3
"""Scores tralign on the web corpus (corpus/web-*/, see corpus/WEB.md): every
pair is aligned with `tralign align fr.X en.X -f jsonl` (X: md or html) and its
beads are compared with the gold beads (gold.tsv: French TAB English, one bead a line, sentences joined
with a space, one side empty for a sentence the other version lacks).

Per pair: gold beads; beads out; correct (an output bead equal to a gold
bead); junk (an output bead holding text found in no gold bead of its side:
metadata, template markup, page chrome); dropped (a gold bead whose text is
missing from the output). Usage: benches/web_corpus.py [TRALIGN_BINARY]
"""
import json
import os
import subprocess
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "target/release/tralign")
corpus = os.path.join(root, "corpus")


def norm(s):
    return " ".join(s.split())


rows = []
for name in sorted(os.listdir(corpus)):
    d = os.path.join(corpus, name)
    if not name.startswith("web-") or not os.path.isfile(os.path.join(d, "gold.tsv")):
        continue
    gold = []
    with open(os.path.join(d, "gold.tsv"), encoding="utf-8") as f:
        for line in f:
            fr, en = line.rstrip("\n").split("\t")
            gold.append((norm(fr), norm(en)))
    files = sorted(x for x in os.listdir(d) if x.startswith("fr.") or x.startswith("en."))
    fr_file = next(x for x in files if x.startswith("fr."))
    en_file = next(x for x in files if x.startswith("en."))
    run = subprocess.run([binary, "align", os.path.join(d, fr_file), os.path.join(d, en_file), "-f", "jsonl"],
                         capture_output=True, text=True)
    out = [(norm(b["fr"]), norm(b["en"])) for b in map(json.loads, run.stdout.splitlines())]
    gold_fr = " ".join(g[0] for g in gold if g[0])
    gold_en = " ".join(g[1] for g in gold if g[1])
    out_fr = " ".join(o[0] for o in out if o[0])
    out_en = " ".join(o[1] for o in out if o[1])
    remaining = list(gold)
    correct = 0
    for o in out:
        if o in remaining:
            remaining.remove(o)
            correct += 1
    junk = sum(1 for fr, en in out if (fr and fr not in gold_fr) or (en and en not in gold_en))
    dropped = sum(1 for fr, en in gold if (fr and fr not in out_fr) or (en and en not in out_en))
    rows.append((name, len(gold), len(out), correct, junk, dropped))

print("| pair | gold beads | beads out | correct | junk | dropped |")
print("|---|---:|---:|---:|---:|---:|")
tot = [0] * 5
for name, g, o, c, j, dr in rows:
    pct = 100.0 * c / o if o else 0.0
    print(f"| {name} | {g} | {o} | {c} ({pct:.1f} %) | {j} | {dr} |")
    for i, v in enumerate((g, o, c, j, dr)):
        tot[i] += v
pct = 100.0 * tot[2] / tot[1] if tot[1] else 0.0
print(f"| all | {tot[0]} | {tot[1]} | {tot[2]} ({pct:.1f} %) | {tot[3]} | {tot[4]} |")
