#!/usr/bin/env bash
# Aligns the four dev sets with the release binary and scores them with
# `tralign eval` (and, when python3 is there, with benches/align_score.py,
# which must print the same numbers).
#   usage: benches/align_dev.sh [OUTDIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
out="${1:-$(mktemp -d)}"
mkdir -p "$out/fren-dev" "$out/baf-dev" "$out/transread-dev"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
bin="$CARGO_TARGET_DIR/release/tralign"
data="$here/data"

pairs=()
for fr in "$data"/fren-dev/*.fr; do
  name="$(basename "$fr" .fr)"
  "$bin" align --presegmented -f beads "$fr" "$data/fren-dev/$name.en" -o "$out/fren-dev/$name.beads"
  pairs+=("$data/fren-dev/$name.gold" "$out/fren-dev/$name.beads")
done
"$bin" align --presegmented -f beads "$data/textberg-dev/dev.de" "$data/textberg-dev/dev.fr" -o "$out/textberg.beads"

echo "fren-dev (75 documents pooled)"
"$bin" eval --table "${pairs[@]}"
command -v python3 >/dev/null && python3 "$here/align_score.py" "${pairs[@]}"
echo "textberg-dev (German as the left side)"
"$bin" eval --table "$data/textberg-dev/dev.defr" "$out/textberg.beads"
command -v python3 >/dev/null && python3 "$here/align_score.py" "$data/textberg-dev/dev.defr" "$out/textberg.beads"

echo "baf-dev (citi2 + cour pooled, then each)"
baf=()
for name in citi2 cour; do
  "$bin" align --presegmented -f beads "$data/baf-dev/$name.fr.txt" "$data/baf-dev/$name.en.txt" -o "$out/baf-dev/$name.beads"
  baf+=("$data/baf-dev/gold/$name.fr-en.ref" "$out/baf-dev/$name.beads")
done
"$bin" eval --table "${baf[@]}"
command -v python3 >/dev/null && python3 "$here/align_score.py" "${baf[@]}"
for name in citi2 cour; do
  echo "  $name"; "$bin" eval --table "$data/baf-dev/gold/$name.fr-en.ref" "$out/baf-dev/$name.beads"
done

echo "transread-dev (3 novels pooled; French aligned as French, beads turned English first like the gold)"
tr=()
for name in Candide JaneEyre LesConfessions; do
  "$bin" align --presegmented -f beads "$data/transread-dev/$name.fr" "$data/transread-dev/$name.en" -o "$out/transread-dev/$name.fr-en.beads"
  sed -E 's/^(\[[^]]*\]):(\[[^]]*\])$/\2:\1/' "$out/transread-dev/$name.fr-en.beads" > "$out/transread-dev/$name.beads"
  tr+=("$data/transread-dev/$name.en-fr.gold" "$out/transread-dev/$name.beads")
done
"$bin" eval --table "${tr[@]}"
command -v python3 >/dev/null && python3 "$here/align_score.py" "${tr[@]}"
