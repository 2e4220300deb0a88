#!/usr/bin/env python3
"""Scores `tralign check -f jsonl` on the QA benchmark built by make_qa.py.

usage: score_qa.py TRUTH.tsv DIVERGENCES.tsv FINDINGS_DIR

FINDINGS_DIR holds NAME.jsonl, the findings of each document. A finding is a
hit when its bead holds the injected sentence; a finding on a divergence of
the source translation listed in DIVERGENCES.tsv (doc, side, sentence) is
neither a hit nor false. An injected error counts as found when a finding of
an accepted kind is on it (a replaced or respelt name: name_mismatch or
inconsistent_name). Prints recall per kind, overall recall, precision and
findings per clean document.
"""

import json
import os
import sys
from collections import defaultdict

ACCEPT = {
    "untranslated": {"untranslated"},
    "added": {"added"},
    "number_mismatch": {"number_mismatch"},
    "unit_mismatch": {"unit_mismatch"},
    "name_mismatch": {"name_mismatch", "inconsistent_name"},
    "inconsistent_name": {"inconsistent_name", "name_mismatch"},
}


def ids(cell):
    if not cell:
        return set()
    a, _, b = cell.partition("-")
    return set(range(int(a), int(b or a) + 1))


def main():
    truth_path, div_path, found_dir = sys.argv[1:4]
    truth = {}
    truth_notes = {}
    with open(truth_path, encoding="utf-8") as f:
        next(f)
        for line in f:
            doc, kind, fr, en, note = (line.rstrip("\n").split("\t") + [""] * 5)[:5]
            truth[doc] = (kind, int(fr) if fr else None, int(en) if en else None)
            truth_notes[doc] = note
    divergences = defaultdict(set)
    with open(div_path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip() or line.startswith("doc\t"):
                continue
            doc, side, n = line.split("\t")[:3]
            divergences[doc].add((side, int(n)))
    found = defaultdict(int)
    missed = []
    per_kind = defaultdict(int)
    hits = false = known = 0
    clean_findings = clean_docs = clean_known = 0
    false_list = []
    for doc, (kind, fr, en) in sorted(truth.items()):
        path = os.path.join(found_dir, doc + ".jsonl")
        findings = []
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                findings = [json.loads(l) for l in f if l.strip()]
        if kind == "clean":
            clean_docs += 1
        else:
            per_kind[kind] += 1
        got = False
        for x in findings:
            fi, ei = ids(x["fr_ids"]), ids(x["en_ids"])
            on_truth = kind != "clean" and ((fr and fr in fi) or (en and en in ei))
            on_known = any(
                (s == "fr" and n in fi) or (s == "en" and n in ei) for s, n in divergences[doc]
            )
            if on_truth:
                hits += 1
                if x["kind"] in ACCEPT[kind]:
                    got = True
            elif on_known:
                known += 1
                if kind == "clean":
                    clean_known += 1
            else:
                false += 1
                false_list.append((doc, x["bead"], x["kind"], x["message"]))
            if kind == "clean" and not on_known:
                clean_findings += 1
        if got:
            found[kind] += 1
        elif kind != "clean":
            missed.append((doc, kind, fr or "", en or "", truth_notes.get(doc, "")))
    print("| kind | injected | found | recall |")
    print("|---|---|---|---|")
    for k in ACCEPT:
        n = per_kind[k]
        print("| %s | %d | %d | %.2f |" % (k, n, found[k], found[k] / n if n else 0))
    total = sum(per_kind.values())
    total_found = sum(found.values())
    print("| **all** | %d | %d | **%.2f** |" % (total, total_found, total_found / total))
    judged = hits + false
    print()
    print("precision %.3f (%d findings on injected errors, %d false, %d on listed divergences of the source)"
          % (hits / judged if judged else 0, hits, false, known))
    print("findings per clean document %.2f (%d in %d documents; %d more on listed divergences)"
          % (clean_findings / clean_docs if clean_docs else 0, clean_findings, clean_docs, clean_known))
    if "-v" in sys.argv:
        for row in false_list:
            print("FALSE", *row, sep="\t")
        for row in missed:
            print("MISS", *row, sep="\t")


if __name__ == "__main__":
    main()
