#!/usr/bin/env bash
# End-to-end throughput of `tralign batch`: 200 report pairs made from the
# fren-dev data (75 documents; pairs 75-199 join two documents, chosen by a
# fixed rule), aligned into one TMX with 1 job and with 2, best of 5 runs
# each. Prints pairs per second and checks both outputs are identical.
#   usage: benches/batch.sh [PAIRS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
pairs="${1:-200}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
export SOURCE_DATE_EPOCH=1700000000
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
bin="$CARGO_TARGET_DIR/release/tralign"
data="$here/data/fren-dev"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mapfile -t docs < <(cd "$data" && ls -- *.fr | sed 's/\.fr$//' | sort)
n=${#docs[@]}
mkdir -p "$work/in"
for ((k = 0; k < pairs; k++)); do
  a="${docs[k % n]}"
  name="$(printf 'pair-%03d' "$k")"
  for lang in fr en; do
    if ((k < n)); then
      cat "$data/$a.$lang"
    else
      cat "$data/$a.$lang" "$data/${docs[(k * 7 + 3) % n]}.$lang"
    fi >"$work/in/$name.$lang.txt"
  done
done
sentences=$(cat "$work"/in/*.fr.txt | grep -c .)

best() { # jobs -> best wall time of 5 runs, in seconds
  local jobs=$1 t best=
  for _ in 1 2 3 4 5; do
    local s e
    s=$(date +%s.%N)
    "$bin" batch "$work/in" --presegmented -f tmx -j "$jobs" -o "$work/out-$jobs.tmx" 2>/dev/null
    e=$(date +%s.%N)
    t=$(echo "$e - $s" | bc -l)
    if [ -z "$best" ] || (($(echo "$t < $best" | bc -l))); then best=$t; fi
  done
  echo "$best"
}

load="$(cut -d" " -f1-3 /proc/loadavg)"
t1=$(best 1)
t2=$(best 2)
cmp -s "$work/out-1.tmx" "$work/out-2.tmx" || { echo "outputs differ between 1 and 2 jobs" >&2; exit 1; }
echo "$pairs pairs, $sentences French sentences, $(nproc) cores, load average before: $load"
printf '| jobs | time (s) | pairs/s | speed-up |\n|---|---|---|---|\n'
printf '| 1 | %.2f | %.1f | 1.00 |\n' "$t1" "$(echo "$pairs / $t1" | bc -l)"
printf '| 2 | %.2f | %.1f | %.2f |\n' "$t2" "$(echo "$pairs / $t2" | bc -l)" "$(echo "$t1 / $t2" | bc -l)"
