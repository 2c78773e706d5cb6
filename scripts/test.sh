#!/usr/bin/env bash
# Runs every test: lint, native (cargo test), the npm package under Node, the Worker inside
# workerd against the local store, and the demo page in headless Chromium.
# The closing summary (scripts/lib/runners.sh) has one line per runner and a total; it stays
# true when a runner fails, dies or is killed before its own closing lines.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

started=$SECONDS
section() { printf '\n==== %s (at %ds)\n' "$*" $((SECONDS - started)); }
source scripts/lib/runners.sh
# Every way out, a failure included, ends with the summary; steps after a failure are not run.
finish() {
  local rc=$?
  section "summary"
  for step in "${pending[@]}"; do skip_runner "$step" "an earlier step failed"; done
  print_summary || [ "$rc" != 0 ] || rc=1
  echo "took $((SECONDS - started))s"
  exit "$rc"
}
pending=("native (cargo test)" "fuzz smoke (cargo fuzz)" "javascript (node --test)")
trap finish EXIT
step_failed() { RUNNER_LINES+=("$1: failed"); RUNNER_BROKEN=$((RUNNER_BROKEN + 1)); RUNNER_FAILED=$((RUNNER_FAILED + 1)); }

bash scripts/bootstrap.sh --test || { step_failed "bootstrap"; exit 1; }

section "format and lint"
cargo fmt --all -- --check || { step_failed "cargo fmt --check"; exit 1; }
cargo clippy --workspace --all-targets --quiet -- -D warnings || { step_failed "cargo clippy"; exit 1; }

section "native tests (cargo test)"
pending=("${pending[@]:1}")
run_runner cargo "native (cargo test)" 1800 target/native-tests.log cargo test --workspace --no-fail-fast

section "fuzz smoke (cargo fuzz, a few seconds per target)"
pending=("${pending[@]:1}")
run_runner fuzz "fuzz smoke (cargo fuzz)" 1200 target/fuzz-smoke.log bash scripts/fuzz.sh smoke "${FUZZ_SMOKE_SECONDS:-5}"

section "build wasm (npm package and Worker)"
bash scripts/build.sh all || { step_failed "build wasm"; exit 1; }

section "JavaScript tests (Node, workerd, headless Chromium)"
pending=()
shopt -s nullglob globstar
run_runner node "javascript (node --test)" 900 target/js-tests.log \
  node --test --test-timeout=120000 --test-concurrency=1 tests/**/*.test.mjs
