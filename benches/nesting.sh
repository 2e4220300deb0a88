#!/usr/bin/env bash
# Hostile nesting read by `tralign segment` (issue 14, items 2 and 4): each
# input is generated here, read once, and its wall time and peak memory
# printed. Each must finish well under 2 s and print its one sentence.
#   usage: benches/nesting.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
bin="$CARGO_TARGET_DIR/release/tralign"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import sys
w = sys.argv[1]
open(f"{w}/divs.html", "w").write("<html><body>" + "<div>" * 1_000_000 + "Deep text." + "</div>" * 1_000_000)
open(f"{w}/spans.html", "w").write("<p>" + "<span>" * 100_000 + "Deep text.")
open(f"{w}/quotes.md", "w").write(">" * 1_000_000 + " Deep text.\n")
open(f"{w}/lists.md", "w").write("- " * 500_000 + "Deep text.\n")
PY

printf '| input | size | time | peak memory |\n|---|---:|---:|---:|\n'
for case in "divs.html:1,000,000 nested <div>" "spans.html:100,000 nested <span>" \
            "quotes.md:1 MB line of Markdown >" "lists.md:500,000 nested Markdown lists"; do
  file="${case%%:*}"
  what="${case#*:}"
  size=$(du -k "$work/$file" | cut -f1)
  /usr/bin/time -f '%e %M' -o "$work/time" "$bin" segment "$work/$file" -l en >"$work/out" 2>/dev/null
  read -r secs kb <"$work/time"
  [ "$(cat "$work/out")" = "Deep text." ] || { echo "$file: wrong output" >&2; exit 1; }
  printf '| %s | %s KB | %s s | %s MB |\n' "$what" "$size" "$secs" "$((kb / 1024))"
done
