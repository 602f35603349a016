#!/usr/bin/env bash
# The Windows build, run under Wine, gives what the Linux build gives:
# check, score (text and JSON), price, the report (its text and its bytes),
# bad files (messages and exit codes), Windows paths (drive letter,
# backslashes, spaces, Urdu letters) and CRLF files, a Windows user whose
# name is in Urdu; and the app's window opens (a screenshot is kept).
# CI runs it (.ci/run); it installs what it lacks when run as root.
#
#     bash scripts/wine-test.sh [OUTDIR]      # OUTDIR keeps the screenshot
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-$(mktemp -d)}"
mkdir -p "$out"
need() { command -v "$1" >/dev/null 2>&1; }
if ! need wine || ! need x86_64-w64-mingw32-gcc || ! need Xvfb || ! need xdotool || ! need pdftotext || ! need convert; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq wine wine64 gcc-mingw-w64-x86-64 xvfb xdotool x11-apps imagemagick poppler-utils >/dev/null
fi
rustup target list --installed | grep -q x86_64-pc-windows-gnu ||
  rustup target add x86_64-pc-windows-gnu
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
cargo build --release --locked
cargo build --release --locked --target x86_64-pc-windows-gnu
lin="$PWD/target/release/mfi-compare"
exe="$PWD/target/x86_64-pc-windows-gnu/release/mfi-compare.exe"

work=$(mktemp -d)
xvfb_pid=""
cleanup() {
  wineserver -k >/dev/null 2>&1 || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
# A Windows user whose name is in Urdu: her folders are in Urdu too.
export USER="ثمینہ" WINEPREFIX="$work/prefix"
wineboot -i >/dev/null 2>&1
# Rust's standard library needs ProcessPrng, which Wine 8 lacks.
x86_64-w64-mingw32-gcc -shared -O2 -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
  scripts/wine/processprng.c -ladvapi32

failures=0
pass() { echo "ok    $1"; }
fail() { echo "FAIL  $1"; failures=$((failures + 1)); }
# same LABEL ARGS...: the same standard output, standard error and exit code.
same() {
  local label="$1"; shift
  local lc=0 wc=0
  "$lin" "$@" >"$work/l.out" 2>"$work/l.err" || lc=$?
  wine "$exe" "$@" >"$work/w.out" 2>"$work/w.err" || wc=$?
  if [ "$lc" = "$wc" ] && cmp -s "$work/l.out" "$work/w.out" && cmp -s "$work/l.err" "$work/w.err"; then
    pass "$label (exit $lc)"
  else
    fail "$label (exit $lc on Linux, $wc under Wine)"
    diff "$work/l.out" "$work/w.out" | head -5 || true
    diff "$work/l.err" "$work/w.err" | head -5 || true
  fi
}

same "check" check
same "score" score
same "score --json" score --json
same "score --csv" score --csv
same "score --priorities --json" score --priorities parameters/example-priorities.csv --json
same "price" price --amount 25000 --months 12 --markup 25 --fee 480
same "price --json" price --amount 20000 --months 12 --markup 20 --fee 400 --insurance 200 --json
for f in crates/core/tests/errors/*; do
  case "$f" in
  *matrix*) same "bad file $(basename "$f")" check --matrix "$f" ;;
  *weights*) same "bad file $(basename "$f")" score --weights "$f" ;;
  *priorities*) same "bad file $(basename "$f")" score --priorities "$f" ;;
  *) same "bad file $(basename "$f")" check --plans "$f" ;;
  esac
done
same "usage error" score --affordability 250
same "an Excel workbook" check --plans crates/core/tests/valid/plans.xlsx --matrix crates/core/tests/valid/matrix.xlsx

# The report: the same text, the same bytes.
"$lin" report -o "$work/l.pdf" --date 2026-12-01 >/dev/null
wine "$exe" report -o "$work/w.pdf" --date 2026-12-01 >/dev/null
if cmp -s <(pdftotext "$work/l.pdf" -) <(pdftotext "$work/w.pdf" -); then pass "report text"; else fail "report text"; fi
if cmp -s "$work/l.pdf" "$work/w.pdf"; then pass "report bytes"; else fail "report bytes"; fi

# Windows paths: a drive letter, backslashes, spaces and Urdu letters in
# her Documents; a CSV with CRLF line endings.
docs="$WINEPREFIX/drive_c/users/$USER/دستاویزات/my plans"
mkdir -p "$docs"
sed 's/$/\r/' parameters/kasur-2010-plans.csv >"$docs/plans crlf.csv"
win_dir="C:\\users\\$USER\\دستاویزات\\my plans"
if wine "$exe" check --plans "$win_dir\\plans crlf.csv" >"$work/p.out" 2>&1 &&
  grep -q "plans crlf.csv: OK, 40 members" "$work/p.out"; then
  pass "a Windows path with spaces and Urdu letters, a CRLF file"
else
  fail "a Windows path with spaces and Urdu letters, a CRLF file"; cat "$work/p.out"
fi
"$lin" report --plans "$docs/plans crlf.csv" -o "$work/l2.pdf" --date 2026-12-01 >/dev/null
if wine "$exe" report --plans "$win_dir\\plans crlf.csv" -o "$win_dir\\رپورٹ.pdf" --date 2026-12-01 >/dev/null &&
  cmp -s <(pdftotext "$docs/رپورٹ.pdf" -) <(pdftotext "$work/l2.pdf" -); then
  pass "a report written to that folder, the same text"
else
  fail "a report written to that folder"
fi

# The app's window, drawn with glow under Xvfb.
display=:97
Xvfb "$display" -screen 0 1280x800x24 >/dev/null 2>&1 &
xvfb_pid=$!
sleep 2
DISPLAY="$display" wine "$exe" >"$work/app.log" 2>&1 &
disown $!
if DISPLAY="$display" timeout 60 xdotool search --sync --name "MFI compare" >/dev/null; then
  sleep 8
  DISPLAY="$display" xwd -root -silent | convert xwd:- "$out/wine-compare.png"
  pass "the app's window opens under Wine (screenshot: $out/wine-compare.png)"
else
  fail "the app's window did not open under Wine"; cat "$work/app.log"
fi
if [ -d "$WINEPREFIX/drive_c/users/$USER/AppData/Roaming/mfi-compare" ]; then
  pass "the app keeps its settings in her AppData (a user name in Urdu)"
else
  fail "no settings folder in AppData"
fi

echo "$failures failure(s)"
[ "$failures" = 0 ]
