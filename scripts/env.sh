# Sourced by the other scripts: picks the wasm32 toolchain and sets quiet, offline tool settings.
# A machine with rustup's prebuilt wasm32 target uses it; otherwise Debian's rustc-web builds std
# from source (see shared/docs/TOOLCHAIN.md).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export WRANGLER_SEND_METRICS=false CLOUDFLARE_CF_FETCH_ENABLED=false WRANGLER_HIDE_BANNER=true
export CARGO_TERM_PROGRESS_WHEN=never

prebuilt_wasm_target() {
  local dir
  dir="$(rustc --print target-libdir --target wasm32-unknown-unknown 2>/dev/null)" || return 1
  [ -d "$dir" ] && ls "$dir"/libstd-*.rlib >/dev/null 2>&1
}

# wasm_cargo ARGS...: cargo build for wasm32-unknown-unknown with whichever toolchain works here.
wasm_cargo() {
  if prebuilt_wasm_target; then
    cargo "$@" --target wasm32-unknown-unknown
  else
    RUSTC_BOOTSTRAP=1 RUSTC=/usr/bin/rustc \
      CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER="$(ls /usr/bin/wasm-ld-* 2>/dev/null | sort -V | tail -n1)" \
      CARGO_TARGET_DIR="$ROOT/target/debian-wasm" \
      /usr/bin/cargo "$@" --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort
  fi
}

wasm_target_dir() {
  if prebuilt_wasm_target; then echo "$ROOT/target/wasm32-unknown-unknown"; else echo "$ROOT/target/debian-wasm/wasm32-unknown-unknown"; fi
}

# The wasm-bindgen version Cargo.lock pins (the CLI must match it exactly).
locked_wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' "$ROOT/Cargo.lock"
}
