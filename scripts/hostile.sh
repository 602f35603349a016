#!/usr/bin/env bash
# The hostile-file check (issue 28): every file of the corpus of bad input
# (crates/core/tests/errors) and the large hostile files made by
# crates/core/tests/make_hostile_files.py --big (zip bombs of 2.3 GB
# unpacked, a 1.6-billion-character cell, 3.3 million cells, 200,001 rows,
# a study of 50,000-character name, /dev/zero) goes through `check`,
# `score` and `batch` under a memory cap and a time limit. Each run must:
# end with exit 1 (the data has problems) or 0, never 101 (panic), 134
# (abort), 137 (killed) or a time-out; never print "panicked"; name the file.
#
#   scripts/hostile.sh                       # builds the release binary first
#   BIN=target/debug/mfi-compare scripts/hostile.sh
#
# Environment: MEMORY_KB (ulimit -v, default 3000000), SECONDS_EACH (default
# 120), KEEP=1 keeps the work folder. Prints one line per run and
# "N passed, N failed"; exits 1 when any run failed.
set -u
cd "$(dirname "$0")/.."
MEMORY_KB=${MEMORY_KB:-3000000}
SECONDS_EACH=${SECONDS_EACH:-120}
if [ -z "${BIN:-}" ]; then
    cargo build --release --locked -q || exit 2
    BIN=${CARGO_TARGET_DIR:-target}/release/mfi-compare
fi
BIN=$(realpath "$BIN")
work=$(mktemp -d "${TMPDIR:-/tmp}/mfi-hostile.XXXXXX")
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT
python3 crates/core/tests/make_hostile_files.py --big "$work/big" || exit 2
# A plans folder with one good CO, for running a bad matrix or study through batch.
mkdir -p "$work/good"
cp crates/core/tests/valid/plans-semicolon.csv "$work/good/co-1.csv"

passed=0
failed=0
# One run: the file it is about, then the command's arguments.
check_run() {
    local file=$1
    shift
    local name
    name=$(basename "$file")
    local out="$work/out" err="$work/err"
    (
        ulimit -v "$MEMORY_KB"
        exec timeout -s KILL "$SECONDS_EACH" "$BIN" "$@" >"$out" 2>"$err"
    )
    local code=$?
    local why=""
    case $code in
        0 | 1) ;;
        *) why="exit $code" ;;
    esac
    if grep -q "panicked" "$err"; then
        why="$why panicked"
    fi
    if [ "$code" = 1 ] && ! grep -qF "$name" "$err"; then
        why="$why the message does not name $name"
    fi
    if [ -z "$why" ]; then
        passed=$((passed + 1))
        printf 'ok    %-3s %-8s %s: %s\n' "$code" "$1" "$name" "$(head -c 160 "$err" | head -1)"
    else
        failed=$((failed + 1))
        printf 'FAIL  %-3s %-8s %s: %s\n' "$code" "$1" "$name" "$why"
        head -c 600 "$err" | sed 's/^/      /'
    fi
}

files=(crates/core/tests/errors/* "$work"/big/*)
for file in "${files[@]}" /dev/zero; do
    name=$(basename "$file")
    case $name in
        matrix*) flag=--matrix ;;
        weights*) flag=--weights ;;
        study*) flag=--study ;;
        *) flag=--plans ;;
    esac
    if [ "$flag" != --weights ]; then
        check_run "$file" check "$flag" "$file"
    fi
    check_run "$file" score "$flag" "$file" --draws 50
    case $flag in
        --plans)
            # A device is no file of a folder: batch reads regular files only.
            [ -f "$file" ] || continue
            # The file alone in its folder, as one CO of a network.
            dir="$work/dir-$name"
            mkdir -p "$dir"
            ext=${name##*.}
            case $ext in csv | xlsx) ;; *) ext=csv ;; esac
            ln -sf "$(realpath "$file")" "$dir/${name%.*}.$ext"
            check_run "$file" batch --plans-dir "$dir" --draws 50 -q -o "$work/summary.csv"
            rm -rf "$dir"
            ;;
        *)
            check_run "$file" batch "$flag" "$file" --plans-dir "$work/good" --draws 50 -q -o "$work/summary.csv"
            ;;
    esac
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
