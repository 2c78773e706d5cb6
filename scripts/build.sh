#!/usr/bin/env bash
# Builds the WebAssembly artefacts: `build.sh pkg` (the npm package in wasm-pkg/pkg/),
# `build.sh edge` (the Worker in edge/build/), or both with no argument.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

optimize() { # optimize IN OUT: wasm-opt -Oz from npm binaryen when available
  if [ -x node_modules/.bin/wasm-opt ]; then
    node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
      --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
      "$1" -o "$2"
  else
    cp "$1" "$2"
  fi
}

build_pkg() {
  wasm_cargo build --release -p bc-customers-wasm --quiet
  local out="wasm-pkg/pkg" tmp
  tmp="$(mktemp -d)"
  wasm-bindgen --target web --out-dir "$tmp" --out-name bc_customers \
    "$(wasm_target_dir)/release/bc_customers_wasm.wasm"
  mkdir -p "$out"
  find "$out" -mindepth 1 -delete
  optimize "$tmp/bc_customers_bg.wasm" "$out/bc_customers_bg.wasm"
  rm "$tmp/bc_customers_bg.wasm" "$tmp"/*.d.ts
  cp -R "$tmp/." "$out/"
  cp -R wasm-pkg/npm/. "$out/"
  rm -rf "$tmp"
  echo "built $out ($(wc -c < "$out/bc_customers_bg.wasm") bytes of wasm)"
}

build_edge() {
  wasm_cargo build --release -p bc-customers-edge --quiet
  local out="edge/build" tmp
  tmp="$(mktemp -d)"
  wasm-bindgen --target module --out-dir "$tmp" --out-name index --no-typescript \
    "$(wasm_target_dir)/release/bc_customers_edge.wasm"
  mkdir -p "$out"
  find "$out" -mindepth 1 -delete
  optimize "$tmp/index_bg.wasm" "$out/index_bg.wasm"
  rm "$tmp/index_bg.wasm"
  cp -R "$tmp/." "$out/"   # index.js and the snippets/ it imports
  cp edge/shim.mjs "$out/worker.mjs"
  rm -rf "$tmp"
  echo "built $out ($(wc -c < "$out/index_bg.wasm") bytes of wasm)"
}

case "${1:-all}" in
  pkg) build_pkg ;;
  edge) build_edge ;;
  all) build_pkg; build_edge ;;
  *) echo "usage: build.sh [pkg|edge|all]" >&2; exit 2 ;;
esac
