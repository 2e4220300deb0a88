#!/usr/bin/env python3
"""Align a corpus of French-English document pairs with `tralign pipe` on Spark.

Input (one of):
  * a JSON Lines file, or a folder of them, one pair a line:
    {"id": ..., "fr": "...", "en": "..."} with optional "format"
    ("auto", "text", "presegmented") and "meta" (any JSON, echoed back);
  * a folder of NAME.fr.EXT / NAME.en.EXT text files (--input-kind pairs,
    or detected when the folder is local and holds such files).

Output: a folder of JSON Lines part files, as `tralign pipe` writes them:
one line per bead ({"id", "bead", "fr", "en", "fr_ids", "en_ids" (arrays of
1-based sentence numbers), "type", "confidence", "flags", ...}), one {"id", "done": true, ...} line closing each
pair, and one {"id", "line", "error"} line for each input line that could not
be aligned (the line number counts within the partition).

Each Spark partition is streamed through one `tralign pipe` process
(`RDD.pipe`), so tralign must be installed at the same path on every worker
(or shipped with `spark-submit --files tralign` and called as `./tralign`).

Example (local mode):
  python3 align_corpus.py corpus.jsonl aligned/ --tralign target/release/tralign --master 'local[2]'
"""

import argparse
import json
import os
import re
import shlex
import sys

from pyspark import StorageLevel
from pyspark.sql import SparkSession

PAIR_FILE = re.compile(r"^(?P<name>.+)\.(?P<lang>fr|en)(?:\.[^./]+)?$")


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("input", help="JSON Lines file or folder, or a folder of NAME.fr.*/NAME.en.* files")
    p.add_argument("output", help="output folder (must not exist; Spark writes part files)")
    p.add_argument("--tralign", default="tralign", help="the tralign binary on the workers (default: tralign on PATH)")
    p.add_argument("-g", "--glossary", action="append", default=[], help="a glossary, passed to tralign pipe (same path on every worker)")
    p.add_argument("--input-kind", choices=["auto", "jsonl", "pairs"], default="auto")
    p.add_argument("--format", choices=["auto", "text", "presegmented"], default=None,
                   help="format given to pairs read from a folder of files (default: auto)")
    p.add_argument("--partitions", type=int, default=None, help="number of partitions (one tralign process each)")
    p.add_argument("--master", default=None, help="Spark master, e.g. local[2] (default: spark-submit's)")
    return p.parse_args(argv)


def looks_like_pair_folder(path):
    if not os.path.isdir(path):
        return False
    return any(PAIR_FILE.match(n) for n in os.listdir(path))


def pair_lines(sc, folder, partitions, fmt):
    """JSON lines {"id", "fr", "en"} built from NAME.fr.* / NAME.en.* files."""

    def keyed(item):
        path, text = item
        m = PAIR_FILE.match(os.path.basename(path))
        if not m:
            return []
        return [(m.group("name"), (m.group("lang"), text))]

    def to_json(item):
        name, sides = item
        # A pair missing one side becomes a line without "fr" or "en", which
        # tralign pipe reports as an error line naming the pair.
        record = {"id": name, **dict(sides)}
        if fmt:
            record["format"] = fmt
        return json.dumps(record, ensure_ascii=False)

    files = sc.wholeTextFiles(folder, minPartitions=partitions or 2)
    return files.flatMap(keyed).groupByKey().map(to_json)


def main(argv):
    args = parse_args(argv)
    builder = SparkSession.builder.appName("tralign-align-corpus")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    try:
        kind = args.input_kind
        if kind == "auto":
            kind = "pairs" if looks_like_pair_folder(args.input) else "jsonl"
        if kind == "pairs":
            lines = pair_lines(sc, args.input, args.partitions, args.format)
        else:
            lines = sc.textFile(args.input, minPartitions=args.partitions or 2)
        if args.partitions:
            lines = lines.repartition(args.partitions)
        command = [args.tralign, "pipe"]
        for g in args.glossary:
            command += ["-g", g]
        # checkCode: a tralign that fails (cannot read its input) fails the task.
        aligned = lines.pipe(shlex.join(command), checkCode=True)
        aligned.persist(StorageLevel.MEMORY_AND_DISK)
        aligned.saveAsTextFile(args.output)
        kinds = aligned.map(json.loads).map(
            lambda r: "error" if "error" in r else ("done" if r.get("done") else "bead")
        ).countByValue()
        print(
            f"tralign on Spark: {kinds.get('done', 0)} pairs aligned, "
            f"{kinds.get('bead', 0)} beads, {kinds.get('error', 0)} errors -> {args.output}",
            file=sys.stderr,
        )
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
