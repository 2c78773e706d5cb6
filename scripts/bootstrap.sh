#!/usr/bin/env bash
# Makes this machine ready to build, run and test bc-customers. Idempotent: each step checks
# first and does nothing when its tool is already there, so a second run takes seconds.
# Installs only from the package registries (Debian, crates.io, npm); downloads no binaries.
#   bootstrap.sh          everything the run command needs
#   bootstrap.sh --test   plus what the tests need (headless Chromium)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

want_tests=false
[ "${1:-}" = "--test" ] && want_tests=true

step() { printf '[bootstrap] %s\n' "$*"; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=false
apt_install() {
  if ! $apt_updated; then
    as_root apt-get update -qq
    apt_updated=true
  fi
  step "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# 1. Rust: the machine's own toolchain for native code.
command -v cargo >/dev/null || { echo "cargo not found: install Rust (rustup or Debian's cargo)" >&2; exit 1; }

# 2. A wasm32 standard library: the prebuilt rustup target when present, else Debian's
#    rustc-web with std sources (built by -Zbuild-std in scripts/env.sh).
if prebuilt_wasm_target; then
  step "wasm32: using the installed prebuilt target"
else
  missing=()
  [ -x /usr/bin/rustc ] && /usr/bin/rustc --version | grep -q . || missing+=(rustc-web cargo-web)
  [ -d /usr/lib/rustlib/src/rust/library ] || missing+=(rust-web-src)
  ls /usr/bin/wasm-ld-* >/dev/null 2>&1 || missing+=(lld-22)
  if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi
  step "wasm32: std is built from source with $(/usr/bin/rustc --version)"
fi

# 3. wasm-bindgen CLI, exactly the version Cargo.lock pins.
want="$(locked_wasm_bindgen_version)"
have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" || true
if [ "$have" != "$want" ]; then
  step "cargo install wasm-bindgen-cli $want (a few minutes, once)"
  # Not --locked: the CLI's own lockfile pins a yanked webpki-roots.
  cargo install wasm-bindgen-cli --version "$want" --quiet
fi

# 4. Node packages from the committed lockfile (wrangler + workerd, Miniflare, wasm-opt, ...).
command -v node >/dev/null || apt_install nodejs npm
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

# 5. For the tests: Debian's Chromium for the headless browser test.
if $want_tests && ! command -v chromium >/dev/null; then
  apt_install chromium
fi
step "ready"
