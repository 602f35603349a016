#!/usr/bin/env bash
# The web app in a real browser: builds dist/web/ (scripts/web.sh), serves
# it on localhost (gzipped, tests/web/serve.py), and drives Debian's
# Chromium headless over WebDriver (tests/web/drive.py): the first visit on
# a 1.6 Mbit/s line (the bytes before the first frame, at most 3 MB, and
# when it came), the page on the built-in study, the Weights tab, a weight
# changed, the report downloaded and read back (the MFI first by CO score,
# following the weight), the page opened again with the study and the
# language kept, the forms, an upload, the page offline, then a phone's
# screen upright and on its side (screenshots web-phone-*.png). CI runs it
# (.ci/run); it installs what it lacks when run as root.
#
#     bash scripts/web-test.sh [OUTDIR]      # OUTDIR keeps the screenshots
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-$(mktemp -d)}"
mkdir -p "$out"
out=$(cd "$out" && pwd)
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1 ||
  ! command -v pdftotext >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver poppler-utils >/dev/null
fi
bash scripts/web.sh >/dev/null
port=8765
# As a web server sends them: gzipped (the first load on a slow line is
# measured on what crosses the wire).
python3 tests/web/serve.py dist/web "$port" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
sleep 1
python3 tests/web/drive.py "http://127.0.0.1:$port/" "$out"
