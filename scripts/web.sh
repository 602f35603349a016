#!/usr/bin/env bash
# The web app, built into dist/web/: a static folder to put on any web
# server (it works offline once loaded). Needs the rustup target
# wasm32-unknown-unknown and wasm-bindgen-cli of the version in Cargo.lock
# (both installed when missing).
#
#     bash scripts/web.sh
#     python3 -m http.server -d dist/web 8080      # then open http://localhost:8080
set -euo pipefail
cd "$(dirname "$0")/.."
rustup target list --installed | grep -q wasm32-unknown-unknown ||
  rustup target add wasm32-unknown-unknown
# wasm-bindgen's tool must be the version of the wasm-bindgen crate.
want=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')
if [ "$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2)" != "$want" ]; then
  cargo install wasm-bindgen-cli --version "$want"
fi
cargo build --release --locked --target wasm32-unknown-unknown -p mfi-web
out=dist/web
rm -rf "$out"
mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" \
  target/wasm32-unknown-unknown/release/mfi_web.wasm
cp web/index.html web/worker.js web/manifest.json "$out/"
hash=$(cat "$out"/* | sha256sum | cut -c1-12)
sed "s/@VERSION@/$hash/" web/sw.js >"$out/sw.js"
ls -l "$out"
