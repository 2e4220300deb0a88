#!/usr/bin/env bash
# `tralign check` against `tralign align` on one long document pair built
# from the fren-dev data (as benches/align_scale.sh builds it): wall-clock
# seconds and peak memory of `align -f beads` (beads only), `align -f csv`
# (names and findings, the default output) and `check -f jsonl`; best of
# RUNS runs. The issue's bound: check at most twice align.
#   usage: benches/check_scale.sh [SIZE] [RUNS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
n="${1:-50000}"
runs="${2:-3}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
bin="$CARGO_TARGET_DIR/release/tralign"
cargo bench --quiet --manifest-path "$root/Cargo.toml" --bench align -- --generate "$tmp" "$n" >/dev/null
measure() {
  local best="" rss=""
  for _ in $(seq "$runs"); do
    /usr/bin/time -v "$@" > /dev/null 2> "$tmp/time.txt" || true
    local s r
    s=$(awk -F': ' '/Elapsed \(wall clock\)/ {k=split($2,a,":"); s=0; for(i=1;i<=k;i++) s=s*60+a[i]; print s}' "$tmp/time.txt")
    r=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$tmp/time.txt")
    if [ -z "$best" ] || awk "BEGIN{exit !($s < $best)}"; then best=$s; rss=$r; fi
  done
  echo "$best $rss"
}
printf '%-22s %8s %8s\n' command seconds "max MB"
read -r a_s a_m < <(measure "$bin" align --presegmented -f beads "$tmp/$n.fr" "$tmp/$n.en")
printf '%-22s %8s %8s\n' "align -f beads" "$a_s" "$a_m"
read -r c_s c_m < <(measure "$bin" align --presegmented -f csv "$tmp/$n.fr" "$tmp/$n.en")
printf '%-22s %8s %8s\n' "align -f csv" "$c_s" "$c_m"
read -r k_s k_m < <(measure "$bin" check --presegmented -f jsonl "$tmp/$n.fr" "$tmp/$n.en")
printf '%-22s %8s %8s\n' "check -f jsonl" "$k_s" "$k_m"
awk -v a="$a_s" -v k="$k_s" 'BEGIN{printf "check / align -f beads: %.2f\n", k/a}'
