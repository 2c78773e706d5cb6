#!/usr/bin/env bash
# Builds the WebAssembly artefacts: `build.sh pkg` (the npm package in wasm-pkg/pkg/),
# `build.sh edge` (the Worker in edge/build/), or both with no argument.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

optimize() { # optimize LEVEL IN OUT: wasm-opt from npm binaryen when available
  if [ -x node_modules/.bin/wasm-opt ]; then
    node_modules/.bin/wasm-opt "$1" --enable-bulk-memory --enable-nontrapping-float-to-int \
      --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
      "$2" -o "$3"
  else
    cp "$2" "$3"
  fi
}

# fingerprint FILES...: one hash over the inputs of a post-processing step (wasm-bindgen and
# wasm-opt take most of a rebuild, so they are skipped when nothing they read has changed).
fingerprint() {
  { wasm-bindgen --version; find "$@" -type f -print0 | sort -z | xargs -0 sha256sum | cut -d' ' -f1; } | sha256sum | cut -d' ' -f1
}

# cargo_pkg FEATURES OUT_NAME: one wasm build of bc-customers-wasm, copied to $tmp/OUT_NAME.raw.wasm
cargo_pkg() {
  wasm_cargo build --release -p bc-customers-wasm --quiet $1
  cp "$(wasm_target_dir)/release/bc_customers_wasm.wasm" "$tmp/$2.raw.wasm"
}

# The npm package: the full module (bc_customers_bg.wasm, entry `bc-customers`; default features
# `tools` and `client`, the gloo-net `EdgeClient`: about 14 KB gzip, not worth a third entry) and
# the validation-only module (bc_customers_validate_bg.wasm, entry `bc-customers/validate`), plus
# the hand-written JS and the golden index.d.ts from wasm-pkg/npm/.
build_pkg() {
  local out="wasm-pkg/pkg" m stamp
  tmp="$(mktemp -d)"
  cargo_pkg "" bc_customers
  cargo_pkg "--no-default-features" bc_customers_validate
  stamp="$(fingerprint "$tmp" wasm-pkg/npm scripts/build.sh)"
  if [ -f "$out/.inputs" ] && [ "$(cat "$out/.inputs")" = "$stamp" ]; then
    rm -rf "$tmp"
    echo "wasm-pkg/pkg is up to date"
    return
  fi
  for m in bc_customers bc_customers_validate; do
    wasm-bindgen --target web --no-typescript --out-dir "$tmp" --out-name "$m" "$tmp/$m.raw.wasm"
    rm "$tmp/$m.raw.wasm"
  done
  mkdir -p "$out"
  find "$out" -mindepth 1 -delete
  for m in bc_customers bc_customers_validate; do
    # -O3, not -Oz: on these modules it gzips smaller (validate: 92,844 against 93,346 bytes)
    # and validates about 5% faster.
    optimize -O3 "$tmp/${m}_bg.wasm" "$out/${m}_bg.wasm"
    rm "$tmp/${m}_bg.wasm"
  done
  cp -R "$tmp/." "$out/"
  cp -R wasm-pkg/npm/. "$out/"
  rm -rf "$tmp"
  echo "$stamp" > "$out/.inputs"
  for m in bc_customers bc_customers_validate; do
    echo "built $out/${m}_bg.wasm: $(wc -c < "$out/${m}_bg.wasm") bytes, $(gzip -9c "$out/${m}_bg.wasm" | wc -c) gzip"
  done
}

build_edge() {
  wasm_cargo build --release -p bc-customers-edge --quiet
  local out="edge/build" tmp stamp raw
  raw="$(wasm_target_dir)/release/bc_customers_edge.wasm"
  stamp="$(fingerprint "$raw" edge/shim.mjs scripts/build.sh)"
  if [ -f "$out/.inputs" ] && [ "$(cat "$out/.inputs")" = "$stamp" ] && [ -f "$out/index_bg.wasm" ]; then
    public_assets
    echo "edge/build is up to date"
    return
  fi
  tmp="$(mktemp -d)"
  wasm-bindgen --target module --out-dir "$tmp" --out-name index --no-typescript "$raw"
  mkdir -p "$out"
  find "$out" -mindepth 1 -delete
  optimize -Oz "$tmp/index_bg.wasm" "$out/index_bg.wasm"
  rm "$tmp/index_bg.wasm"
  cp -R "$tmp/." "$out/"   # index.js and the snippets/ it imports
  cp edge/shim.mjs "$out/worker.mjs"
  rm -rf "$tmp"
  echo "$stamp" > "$out/.inputs"
  public_assets
  echo "built $out ($(wc -c < "$out/index_bg.wasm") bytes of wasm)"
}

# The demo page at `/` and the npm package at `/pkg/`, served as Workers static assets
# (wrangler.toml [assets]); API paths match no file and go to the Worker.
public_assets() {
  local pub="edge/build/public"
  rm -rf "$pub"
  mkdir -p "$pub/pkg"
  cp -R wasm-pkg/examples/signup/. "$pub/"
  if [ -d wasm-pkg/pkg ]; then cp -R wasm-pkg/pkg/. "$pub/pkg/"; fi
}

case "${1:-all}" in
  pkg) build_pkg ;;
  edge) build_edge ;;
  assets) public_assets ;;
  all) build_pkg; build_edge ;;
  *) echo "usage: build.sh [pkg|edge|all]" >&2; exit 2 ;;
esac
