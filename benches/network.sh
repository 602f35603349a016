#!/usr/bin/env bash
# The network benchmark: generates HomeNet Pakistan's size (360 COs, 50,040
# members, 40 MFIs x 5 products) and 1/10 and 10 times it, scores each with
# `batch` on all cores, and writes one report per CO for the network.
# Prints wall time and peak memory (GNU time). Needs /usr/bin/time.
#
#     cargo build --release && bash benches/network.sh [WORKDIR]
set -euo pipefail
# The release build (in $CARGO_TARGET_DIR when set, as cargo puts it).
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="${CARGO_TARGET_DIR:-$root/target}/release/mfi-compare"
work="${1:-${TMPDIR:-/tmp}/mfi-network}"
mkdir -p "$work"
measure() { # label, command...
  local label="$1"; shift
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" || {
    cat "$work/stderr.txt"; exit 1; }
  read -r secs kb <"$work/time.txt"
  printf '| %s | %s s | %s MB |\n' "$label" "$secs" "$((kb / 1024))"
}
echo "| run | wall time | peak memory |"
echo "| --- | --- | --- |"
for cos in 36 360 3600; do
  dir="$work/net-$cos"
  [ -f "$dir/plans-$(printf %04d "$cos").csv" ] ||
    "$bin" generate --cos "$cos" --members-per-co 139 --mfis 40 --products 5 --seed 2010 -o "$dir" >/dev/null
  for run in 1 2 3; do
    measure "$cos COs, $((cos * 139)) members: batch (run $run)" \
      "$bin" batch --matrix "$dir/matrix.csv" --plans-dir "$dir" -q -o "$work/summary-$cos.csv"
  done
done
# One CO growing: 139, 1,390 and 13,900 members.
for m in 139 1390 13900; do
  dir="$work/co-$m"
  [ -f "$dir/plans-0001.csv" ] ||
    "$bin" generate --cos 1 --members-per-co "$m" --mfis 40 --products 5 --seed 2010 -o "$dir" >/dev/null
  measure "one CO of $m members: batch" \
    "$bin" batch --matrix "$dir/matrix.csv" --plans-dir "$dir" -q -o "$work/summary-co-$m.csv"
done
rm -rf "$work/reports"
measure "360 COs: batch with one report per CO" \
  "$bin" batch --matrix "$work/net-360/matrix.csv" --plans-dir "$work/net-360" -q \
  --reports "$work/reports" --date 2026-12-01 -o "$work/summary-reports.csv"
echo "reports: $(ls "$work/reports" | wc -l) files, $(du -sh "$work/reports" | cut -f1)"
