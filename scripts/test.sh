#!/usr/bin/env bash
# Runs every test: lint, native (cargo test), the npm package under Node, the Worker inside
# workerd against the local store, and the demo page in headless Chromium.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
bash scripts/bootstrap.sh --test

started=$SECONDS
section() { printf '\n==== %s (at %ds)\n' "$*" $((SECONDS - started)); }

section "format and lint"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --quiet -- -D warnings

section "native tests (cargo test)"
mkdir -p target
set +e
cargo test --workspace >target/native-tests.log 2>&1
rc=$?
set -e
if [ $rc != 0 ]; then cat target/native-tests.log; exit $rc; fi
grep -E '^test result:' target/native-tests.log
native_passed=$(awk '/^test result:/ {s += $4} END {print s + 0}' target/native-tests.log)

section "fuzz smoke (cargo fuzz, a few seconds per target)"
bash scripts/fuzz.sh smoke "${FUZZ_SMOKE_SECONDS:-5}"

section "build wasm (npm package and Worker)"
bash scripts/build.sh all

section "JavaScript tests (Node, workerd, headless Chromium)"
shopt -s nullglob globstar
set +e
timeout 900 node --test --test-timeout=120000 --test-concurrency=1 tests/**/*.test.mjs | tee target/js-tests.log
rc=${PIPESTATUS[0]}
set -e
js_passed=$(awk '/^# pass / {print $3}' target/js-tests.log | tail -n1)
js_failed=$(awk '/^# fail / {print $3}' target/js-tests.log | tail -n1)
section "summary"
echo "native (cargo test): ${native_passed} passed, 0 failed"
echo "javascript (node --test): ${js_passed:-0} passed, ${js_failed:-0} failed"
echo "total: $((native_passed + ${js_passed:-0})) passed, ${js_failed:-0} failed"
echo "took $((SECONDS - started))s"
exit "$rc"
