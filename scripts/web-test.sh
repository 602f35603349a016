#!/usr/bin/env bash
# The web app in a real browser: builds dist/web/ (scripts/web.sh), serves
# it on localhost, and drives Debian's Chromium headless over WebDriver
# (tests/web/drive.py): the page opens on the built-in study, the Weights
# tab, a weight changed, the report downloaded and read back (it names the
# recommended MFI, and follows the weight), the page opened again with the
# study and the language kept. CI runs it (.ci/run); it installs what it
# lacks when run as root.
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
python3 -m http.server --bind 127.0.0.1 -d dist/web "$port" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
sleep 1
python3 tests/web/drive.py "http://127.0.0.1:$port/" "$out"
