#!/usr/bin/env bash
# Fuzzes core's untrusted-input entry points with cargo-fuzz (libFuzzer).
#   fuzz.sh smoke [SECONDS]   every target for SECONDS each (default 10): part of scripts/test.sh
#   fuzz.sh long [RUNS]       every target for RUNS executions each (default 10,000,000)
#   fuzz.sh run TARGET ARGS   one target with libFuzzer arguments
# Corpora are seeded from tests/fixtures and kept in target/fuzz-corpus/ (not committed).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

if ! command -v cargo-fuzz >/dev/null; then
  echo "[fuzz] cargo install cargo-fuzz (once)"
  cargo install cargo-fuzz --locked --quiet
fi
# The machine's stable toolchain runs libFuzzer's instrumentation with nightly flags unlocked.
export RUSTC_BOOTSTRAP=1

targets=(validate_json query jwt upstream mapping rate_limit)

seed() { # seed TARGET: fixtures (JSON bodies) and a few hand-made inputs
  local dir="target/fuzz-corpus/$1"
  [ -d "$dir" ] && return
  mkdir -p "$dir"
  local i=0 f
  for f in tests/fixtures/**/*.json; do
    i=$((i + 1))
    case "$1" in
      validate_json|upstream) { printf "\\x$(printf %02x $((i % 256)))"; cat "$f"; } > "$dir/fixture-$i" ;;
      mapping) cp "$f" "$dir/fixture-$i" ;;
    esac
  done
  case "$1" in
    query) printf 'id:in=1,2,3&include=addresses,storecredit&sort=date_created:desc&limit=50' > "$dir/q1"
           printf 'email:in=a%%40b.co&date_created:min=2024-05-14&after=eyJpZCI6MjA0fQ' > "$dir/q2" ;;
    jwt) printf 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJjdXN0b21lciI6eyJpZCI6MX19.c2ln' > "$dir/t1" ;;
    rate_limit) printf '\x00X-Rate-Limit-Time-Reset-Ms:15000\nX-Retry-After:3\nX-Rate-Limit-Requests-Left:0' > "$dir/h1" ;;
  esac
}

shopt -s globstar nullglob
run() { # run TARGET LIBFUZZER-ARGS...
  local t="$1"; shift
  seed "$t"
  local log="target/fuzz-$t.log"
  if cargo fuzz run --sanitizer none --fuzz-dir fuzz "$t" "target/fuzz-corpus/$t" -- \
    -max_len=65536 -rss_limit_mb=2048 -timeout=10 "$@" >"$log" 2>&1; then
    grep -E '^Done [0-9]+ runs' "$log" | sed "s/^/[fuzz] $t: /"
  else
    tail -n 40 "$log"
    echo "[fuzz] $t FAILED (crash input under fuzz/artifacts/$t/)"
    return 1
  fi
}

case "${1:-smoke}" in
  smoke) for t in "${targets[@]}"; do echo "[fuzz] $t"; run "$t" -max_total_time="${2:-10}"; done ;;
  long)  for t in "${targets[@]}"; do echo "[fuzz] $t"; run "$t" -runs="${2:-10000000}"; done ;;
  run)   shift; run "$@" ;;
  *) echo "usage: fuzz.sh smoke [SECONDS] | long [RUNS] | run TARGET [ARGS]" >&2; exit 2 ;;
esac
