// The test command's summary (scripts/lib/runners.sh, used by scripts/test.sh) stays true when
// a runner fails, dies or is killed before its own closing lines: stub runners stand in for
// `node --test`, `cargo test` and the fuzz smoke step.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const LIB = new URL("../../scripts/lib/runners.sh", import.meta.url).pathname;

/** Runs the runners' library with stub runner scripts; `steps` are run_runner argument lists. */
function summarize(steps) {
  const dir = mkdtempSync(join(tmpdir(), "bc-summary-"));
  const lines = [`source ${JSON.stringify(LIB)}`];
  steps.forEach(([kind, name, limit, stub], i) => {
    const file = join(dir, `stub-${i}.sh`);
    writeFileSync(file, stub);
    // As in scripts/test.sh: a failing runner ends the run and the summary still prints.
    lines.push(`run_runner ${kind} "${name}" ${limit} ${join(dir, `log-${i}`)} bash ${file} || { print_summary; exit 1; }`);
  });
  lines.push("print_summary");
  const out = spawnSync("bash", ["-euo", "pipefail", "-c", lines.join("\n")], { encoding: "utf8", timeout: 30_000 });
  return { status: out.status, stdout: out.stdout, summary: out.stdout.trim().split("\n").slice(-3) };
}

const tapStart = "TAP version 13\nok 1 - first\nnot ok 2 - second\n  ---\n  ...\n    ok 1 - nested\n";
const cargoLog = (fail) =>
  `running 3 tests\ntest a ... ok\ntest b ... ok\ntest c ... ${fail ? "FAILED" : "ok"}\n\n` +
  `test result: ${fail ? "FAILED" : "ok"}. ${fail ? 2 : 3} passed; ${fail ? 1 : 0} failed; 0 ignored\n`;

test("a JavaScript runner killed by its time limit is reported as not finished, with what it saw", () => {
  const r = summarize([["node", "javascript (node --test)", 1, `printf '${tapStart}'; sleep 20\n`]]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /javascript \(node --test\): did not finish \(timed out: exit 124 after \d+ s of 1 s\), 2 passed and 1 not ok so far/);
  assert.match(r.stdout, /^total: 2 passed, 1 failed$/m);
  assert.doesNotMatch(r.stdout, /\b0 failed/);
});

test("a runner that dies before any output still counts as a failure in the total", () => {
  const r = summarize([
    ["cargo", "native (cargo test)", 10, `printf '${cargoLog(false)}'\n`],
    ["node", "javascript (node --test)", 10, "exit 3\n"],
  ]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^native \(cargo test\): 3 passed, 0 failed$/m);
  assert.match(r.stdout, /javascript \(node --test\): did not finish \(exit 3 after \d+ s\), 0 passed and 0 not ok so far/);
  assert.match(r.stdout, /^total: 3 passed, 1 failed$/m);
});

test("cargo test that fails a test, or fails to build, says so", () => {
  const failing = summarize([["cargo", "native (cargo test)", 10, `printf '${cargoLog(true)}'; exit 101\n`]]);
  assert.equal(failing.status, 1);
  assert.match(failing.stdout, /^native \(cargo test\): 2 passed, 1 failed \(exit 101\)$/m);
  assert.match(failing.stdout, /^total: 2 passed, 1 failed$/m);

  const broken = summarize([["cargo", "native (cargo test)", 10, "echo 'error[E0425]: cannot find value'; exit 101\n"]]);
  assert.match(broken.stdout, /native \(cargo test\): did not finish \(exit 101 after \d+ s\), 0 passed and 0 not ok so far/);
  assert.match(broken.stdout, /^total: 0 passed, 1 failed$/m);
  // The log of a failed cargo run is shown whole, so the build error is visible.
  assert.match(broken.stdout, /error\[E0425\]/);
});

test("the fuzz smoke step counts finished and crashed targets", () => {
  const r = summarize([[
    "fuzz", "fuzz smoke (cargo fuzz)", 10,
    "echo '[fuzz] query: Done 1000 runs in 5 second(s)'; echo '[fuzz] jwt FAILED (crash input under fuzz/artifacts/jwt/)'; exit 1\n",
  ]]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^fuzz smoke \(cargo fuzz\): 1 passed, 1 failed \(exit 1\)$/m);
  assert.match(r.stdout, /^total: 1 passed, 1 failed$/m);
});

test("runners that finish report their own counts and the total adds them", () => {
  const tap = "TAP version 13\nok 1 - a\nok 2 - b\n# tests 2\n# pass 2\n# fail 0\n";
  const r = summarize([
    ["cargo", "native (cargo test)", 10, `printf '${cargoLog(false)}'\n`],
    ["node", "javascript (node --test)", 10, `printf '${tap}'\n`],
  ]);
  assert.equal(r.status, 0);
  assert.deepEqual(r.summary, ["native (cargo test): 3 passed, 0 failed", "javascript (node --test): 2 passed, 0 failed", "total: 5 passed, 0 failed"]);
  // The cargo runner's own closing lines are printed.
  assert.match(r.stdout, /^test result: ok\. 3 passed; 0 failed/m);
});
