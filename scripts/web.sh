#!/usr/bin/env bash
# The web app, built into dist/web/: a static folder to put on any web
# server (it works offline once loaded). Needs the rustup target
# wasm32-unknown-unknown, wasm-bindgen-cli of the version in Cargo.lock and
# Debian's binaryen (wasm-opt) (all installed when missing).
#
#     bash scripts/web.sh
#     python3 -m http.server -d dist/web 8080      # then open http://localhost:8080
#
# Two modules, built with the size-optimised `web` profile (Cargo.toml) and
# shrunk again by wasm-opt: the page's (mfi_web: the app, the draws in its
# worker), which the first visit waits for, and the PDF writer's
# (mfi_web_pdf), which the worker loads when the first PDF is asked for.
# The whole Urdu font is in fonts/, fetched after the first frame.
set -euo pipefail
cd "$(dirname "$0")/.."
rustup target list --installed | grep -q wasm32-unknown-unknown ||
  rustup target add wasm32-unknown-unknown
# wasm-bindgen's tool must be the version of the wasm-bindgen crate.
want=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')
if [ "$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2)" != "$want" ]; then
  cargo install wasm-bindgen-cli --version "$want"
fi
if ! command -v wasm-opt >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq binaryen >/dev/null
fi
cargo build --profile web --locked --target wasm32-unknown-unknown -p mfi-web -p mfi-web-pdf
built="${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/web"
out=dist/web
rm -rf "$out"
mkdir -p "$out/fonts"
for module in mfi_web mfi_web_pdf; do
  wasm-bindgen --target web --no-typescript --out-dir "$out" "$built/$module.wasm"
  # The wasm features the modules are built with (binaryen 108 needs them
  # named; .cargo/config.toml); -Os as the profile's opt-level "s".
  wasm-opt -Os --enable-bulk-memory --enable-mutable-globals --enable-sign-ext \
    --enable-nontrapping-float-to-int --enable-multivalue --enable-simd \
    "$out/${module}_bg.wasm" -o "$out/${module}_bg.wasm"
done
cp web/index.html web/worker.js web/manifest.json "$out/"
cp assets/fonts/NotoNaskhArabic-Regular.ttf assets/fonts/NotoNaskhArabic-Bold.ttf \
  assets/fonts/OFL.txt "$out/fonts/"
hash=$(find "$out" -type f -print0 | sort -z | xargs -0 cat | sha256sum | cut -c1-12)
sed "s/@VERSION@/$hash/" web/sw.js >"$out/sw.js"
# What a web server sends (gzipped): the first visit's files, then the rest.
for f in "$out"/* "$out"/fonts/*; do
  [ -f "$f" ] && printf '%-40s %10d bytes, %9d gzipped\n' "${f#"$out"/}" \
    "$(stat -c %s "$f")" "$(gzip -9c "$f" | wc -c)"
done
