#!/usr/bin/env bash
# Pricing against numpy-financial, measured in the same run: the criterion
# bench (one core) on its two sets of 1,000 twelve-month loans, then
# numpy-financial's irr alone on the same cash flows; prints loans per
# second and how many times faster the full pricing in Rust is than irr
# alone in numpy.
#
#     pip install numpy-financial && bash benches/pricing.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
rust="$(cargo bench -q -p mfi-bench --bench pricing -- --output-format bencher 'price' 2>/dev/null |
  awk '/^test /{ sub(/^test /, ""); n=split($0, a, " ... bench: "); split(a[2], b, " "); gsub(",", "", b[1]); print a[1] "\t" b[1] }')"
numpy="$(python3 benches/reference_irr.py)"
python3 - "$rust" "$numpy" <<'PY'
import re, sys
rust = [line.split("\t") for line in sys.argv[1].splitlines()]
numpy = [float(re.search(r": ([\d,]+) cash flows per second", l).group(1).replace(",", ""))
         for l in sys.argv[2].splitlines()]
print("| set | Rust: price() per second, one core | numpy-financial irr per second | times |")
print("| --- | --- | --- | --- |")
for (name, ns), ref in zip(rust, numpy):
    per_s = 1000 / (float(ns) * 1e-9)
    print(f"| {name.split('/')[-1]} | {per_s:,.0f} | {ref:,.0f} | {per_s / ref:.0f} |")
PY
