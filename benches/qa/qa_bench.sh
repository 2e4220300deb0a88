#!/usr/bin/env bash
# The QA benchmark: builds the injected fren-dev documents (make_qa.py, fixed
# seed), runs `tralign check --presegmented -f jsonl` on each, and scores the
# findings against the truth (score_qa.py). The truth the script builds must
# be the one kept in benches/qa/truth.tsv.
#   usage: benches/qa/qa_bench.sh [OUTDIR] [-v]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$(dirname "$here")")"
out="${1:-$(mktemp -d)}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
bin="$CARGO_TARGET_DIR/release/tralign"
python3 "$here/make_qa.py" "$out/docs"
if ! cmp -s "$out/docs/truth.tsv" "$here/truth.tsv"; then
  echo "qa_bench: the generated truth differs from benches/qa/truth.tsv" >&2
  exit 1
fi
mkdir -p "$out/found"
for fr in "$out"/docs/*.fr; do
  name="$(basename "$fr" .fr)"
  code=0
  "$bin" check --presegmented -f jsonl "$fr" "$out/docs/$name.en" -o "$out/found/$name.jsonl" 2>/dev/null || code=$?
  if [ "$code" -gt 1 ]; then echo "qa_bench: check failed on $name" >&2; exit 1; fi
done
python3 "$here/score_qa.py" "$here/truth.tsv" "$here/divergences.tsv" "$out/found" "${@:2}"
