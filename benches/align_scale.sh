#!/usr/bin/env bash
# Time and peak memory of `tralign align` on long documents built from the
# fren-dev data (see benches/align.rs), at 5k, 20k and 50k sentences a side,
# with the strict/lax F1 against the concatenated gold.
#   usage: benches/align_scale.sh [SIZES...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(5000 20000 50000)
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
bin="$CARGO_TARGET_DIR/release/tralign"
printf '%8s %8s %8s %10s %12s %10s %8s\n' size fr en seconds "max RSS MB" strict_F1 lax_F1
for n in ${sizes[@]}; do
  cargo bench --quiet --manifest-path "$root/Cargo.toml" --bench align -- --generate "$tmp" "$n" >/dev/null
  /usr/bin/time -v "$bin" align --presegmented -f beads -o "$tmp/$n.beads" "$tmp/$n.fr" "$tmp/$n.en" 2> "$tmp/time.txt"
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {k=split($2,a,":"); s=0; for(i=1;i<=k;i++) s=s*60+a[i]; print s}' "$tmp/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2/1024}' "$tmp/time.txt")
  scores=$("$bin" eval "$tmp/$n.gold" "$tmp/$n.beads")
  f1s=$(echo "$scores" | sed 's/.*"f1_strict": \([0-9.]*\).*/\1/')
  f1l=$(echo "$scores" | sed 's/.*"f1_lax": \([0-9.]*\).*/\1/')
  printf '%8s %8s %8s %10s %12s %10s %8s\n' "$n" "$(wc -l < "$tmp/$n.fr")" "$(wc -l < "$tmp/$n.en")" "$secs" "$rss" "$f1s" "$f1l"
done
