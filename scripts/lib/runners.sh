# Sourced by scripts/test.sh: runs each test runner under a time limit and keeps one summary
# line per runner that stays true when the runner fails, dies or is killed before its own
# closing lines. The counts come from each runner's per-test lines, so a runner that stops
# early still reports what it saw; the total never reads "0 failed" after a failure.
#
#   run_runner KIND NAME SECONDS LOG CMD...   KIND: cargo | node | fuzz
#   skip_runner NAME WHY                      a runner that was not reached
#   print_summary                             the summary lines; returns 1 if any runner failed

RUNNER_LINES=()
RUNNER_PASSED=0
RUNNER_FAILED=0
RUNNER_BROKEN=0

# count_KIND LOG: prints "PASSED FAILED FINISHED" (FINISHED: 1 if the runner printed its own
# closing summary).
count_cargo() {
  awk '/^test .* \.\.\. ok$/ {p++} /^test .* \.\.\. FAILED$/ {f++} /^test result:/ {r = 1}
       END {print p + 0, f + 0, r + 0}' "$1"
}

count_node() {
  # TAP from `node --test`: per-test `ok N` / `not ok N` lines at any depth (nested subtests
  # are indented); the runner's closing `# pass N` / `# fail N` when it got that far.
  awk '/^ *ok [0-9]+/ && !/# (SKIP|TODO)/ {p++}
       /^ *not ok [0-9]+/ && !/# (SKIP|TODO)/ {f++}
       /^# pass [0-9]+$/ {sp = $3; r = 1} /^# fail [0-9]+$/ {sf = $3}
       END {if (r) print sp + 0, sf + 0, 1; else print p + 0, f + 0, 0}' "$1"
}

count_fuzz() {
  awk '/^\[fuzz\] [a-z_0-9]+: Done [0-9]+ runs/ {p++} /^\[fuzz\] [a-z_0-9]+ FAILED/ {f++}
       END {print p + 0, f + 0, 1}' "$1"
}

run_runner() {
  local kind=$1 name=$2 limit=$3 log=$4
  shift 4
  local t0=$SECONDS rc
  mkdir -p "$(dirname "$log")"
  set +e
  case "$kind" in
    cargo)
      timeout "$limit" "$@" >"$log" 2>&1
      rc=$?
      # The runner's own closing lines, or all of it when something went wrong.
      if [ "$rc" = 0 ]; then grep -E '^test result:' "$log"; else cat "$log"; fi
      ;;
    *)
      timeout "$limit" "$@" 2>&1 | tee "$log"
      rc=${PIPESTATUS[0]}
      ;;
  esac
  set -e
  local passed failed finished
  read -r passed failed finished < <("count_$kind" "$log")
  local took=$((SECONDS - t0)) line
  if [ "$rc" = 0 ]; then
    line="$passed passed, $failed failed"
  elif [ "$rc" = 124 ] || [ "$rc" = 137 ] || [ "$finished" = 0 ]; then
    local why="exit $rc after ${took} s"
    [ "$rc" = 124 ] && why="timed out: exit 124 after ${took} s of ${limit} s"
    line="did not finish ($why), $passed passed and $failed not ok so far"
  else
    line="$passed passed, $failed failed (exit $rc)"
  fi
  RUNNER_LINES+=("$name: $line")
  RUNNER_PASSED=$((RUNNER_PASSED + passed))
  RUNNER_FAILED=$((RUNNER_FAILED + failed))
  # A runner that failed without a failing test it could name (a build error, a crash, a kill
  # before any result) still counts as one failure in the total.
  if [ "$rc" != 0 ]; then
    RUNNER_BROKEN=$((RUNNER_BROKEN + 1))
    [ "$failed" = 0 ] && RUNNER_FAILED=$((RUNNER_FAILED + 1))
  fi
  return "$rc"
}

skip_runner() {
  RUNNER_LINES+=("$1: not run ($2)")
}

print_summary() {
  local line
  for line in "${RUNNER_LINES[@]}"; do echo "$line"; done
  [ "$RUNNER_BROKEN" = 0 ] || echo "$RUNNER_BROKEN runner(s) exited non-zero"
  echo "total: $RUNNER_PASSED passed, $RUNNER_FAILED failed"
  [ "$RUNNER_BROKEN" = 0 ] && [ "$RUNNER_FAILED" = 0 ]
}
