// Fault injection: a seeded, mixed read/write workload through the edge (customer creates in
// batches, single subscriber creates, batch updates, GETs with and without the cache, deletes by
// id:in) while the local store answers at random with 429, 500/503 (before or after doing the
// write), hangs, late answers (the write done after the edge gave up), truncated bodies, dropped
// connections and malformed JSON. Afterwards the store is audited directly:
//
// - every record the edge acknowledged (2xx; per record `done` in a merged batch) is there once;
// - nothing the edge refused (its own 422, BigCommerce's 4xx, a create's 429) is there;
// - a create that got an ambiguous answer (502/504) may be there, never twice;
// - every update/delete the edge acknowledged took effect; GETs never contradict what is known;
// - a recording proxy between the edge and the store shows that no create was sent again after
//   an attempt that was not a 429 (README: "creates are never repeated after an ambiguous
//   failure"), and X-Upstream-Calls adds up to what the store was sent.
//
//   FAULTS_SEED=123 FAULTS_OPS=160 FAULTS_CONCURRENCY=4 node --test tests/workerd/faults.test.mjs
//
// The seed is printed. With FAULTS_CONCURRENCY=1 a run replays the same operations and faults in
// the same order; with more workers the operations and faults are the same but their
// interleaving may differ (a fault queued for one operation may hit a concurrent one). Prism is bypassed (as in
// quota.test.mjs): faults go straight to the store anyway, and timing matters here.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { startEdge, API_KEY } from "../support/edge.mjs";
import { mulberry32 } from "../support/random.mjs";

const SEED = Number(process.env.FAULTS_SEED ?? Math.floor(Math.random() * 2 ** 31));
const OPS = Number(process.env.FAULTS_OPS ?? 160);
const CONCURRENCY = Number(process.env.FAULTS_CONCURRENCY ?? 4);
const TIMEOUT_MS = 500; // EDGE_UPSTREAM_TIMEOUT_MS
const LATE_MS = TIMEOUT_MS + 300; // a late answer arrives after the edge gave up
// The second round runs with EDGE_QUOTA_MODE=do (Quota and Coalescer objects), seed SEED + 1.
const DO_OPS = Number(process.env.FAULTS_DO_OPS ?? Math.round(OPS * 0.6));
console.log(`faults: seed ${SEED}, ${OPS} operations (quota mode off) + ${DO_OPS} (quota mode do, seed ${SEED + 1}), ${CONCURRENCY} workers (replay with FAULTS_SEED=${SEED} FAULTS_CONCURRENCY=1)`);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---- a recording proxy between the edge and the store ------------------------------------------

/** Forwards every request to `target` as it is (truncations and resets included) and logs it. */
async function recordingProxy(target) {
  const log = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const entry = { method: req.method, url: req.url, body: Buffer.concat(chunks).toString("utf8"), status: null, outcome: "pending" };
      log.push(entry);
      const headers = { ...req.headers };
      delete headers.host;
      const up = http.request(`${target}${req.url}`, { method: req.method, headers });
      up.on("response", (ur) => {
        entry.status = ur.statusCode;
        res.writeHead(ur.statusCode, ur.headers);
        ur.pipe(res);
        ur.on("close", () => {
          if (!ur.complete) {
            entry.outcome = "truncated";
            res.destroy();
          } else if (entry.outcome === "pending") entry.outcome = "answered";
        });
      });
      up.on("error", () => {
        if (entry.outcome === "pending") entry.outcome = entry.status === null ? "reset" : "truncated";
        res.destroy();
      });
      res.on("close", () => {
        if (!res.writableFinished) {
          if (entry.outcome === "pending") entry.outcome = "abandoned"; // the edge gave up (timeout)
          up.destroy();
        }
      });
      up.end(chunks.length ? Buffer.concat(chunks) : undefined);
    });
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    log,
    close: () => new Promise((ok) => {
      server.close(() => ok());
      server.closeAllConnections();
    }),
  };
}

async function startFaultEdge(quotaMode) {
  let recorder;
  const started = await startEdge({
    prism: false,
    store: { windowMs: 1000 }, // a 429's reset stays within what the edge waits
    upstream: async (store) => (recorder = await recordingProxy(store.url)),
    bindings: { EDGE_UPSTREAM_TIMEOUT_MS: String(TIMEOUT_MS), EDGE_MAX_RETRY_WAIT_MS: "2000", EDGE_QUOTA_MODE: quotaMode },
  });
  return { edge: started, proxy: recorder };
}

// The edge (and its proxy) the helpers below use; the "do" round swaps in its own.
let edge;
let proxy;
before(async () => {
  ({ edge, proxy } = await startFaultEdge("off"));
});
after(async () => edge?.close());

const queueFaults = (list, append = true) => edge.control("faults", { next: list, append });
const storeCustomers = (email) => [...edge.store.state.customers.values()].filter((c) => c.email.toLowerCase() === email.toLowerCase());
const storeSubscribers = (email) => [...edge.store.state.subscribers.values()].filter((s) => s.email.toLowerCase() === email.toLowerCase());
const sent = (method, path, needle) => proxy.log.filter((e) => e.method === method && e.url.split("?")[0].endsWith(path) && e.body.includes(needle));

// ---- the new fault kinds, one at a time -------------------------------------------------------------

test("a create whose answer is cut off is 502 and sent once; the record exists once", async () => {
  await queueFaults([{ method: "POST", path: "/v3/customers/subscribers", truncate: true }], false);
  const email = `trunc-${SEED}@example.com`;
  const r = await edge.call("POST", "/v3/customers/subscribers", { token: API_KEY, body: { email } });
  assert.equal(r.status, 502, r.text);
  assert.equal(r.calls, 1);
  assert.equal(sent("POST", "/v3/customers/subscribers", email).length, 1);
  assert.equal(storeSubscribers(email).length, 1, "the store did the write before the answer was cut");
});

test("a create answered after the edge's timeout is 504 and sent once; the record exists once", async () => {
  await queueFaults([{ method: "POST", path: "/v3/customers", lateMs: LATE_MS }], false);
  const email = `late-${SEED}@example.com`;
  const r = await edge.call("POST", "/v3/customers", { token: API_KEY, body: [{ email, first_name: "Late", last_name: "Answer" }] });
  assert.equal(r.status, 504, r.text);
  assert.equal(r.body.code, "upstream_timeout");
  await sleep(LATE_MS);
  assert.equal(sent("POST", "/v3/customers", email).length, 1);
  assert.equal(storeCustomers(email).length, 1, "the store did the write after the edge gave up");
});

test("a read whose answer is cut off is retried and answered", async () => {
  await queueFaults([{ method: "GET", path: "/v3/customers", truncate: true }], false);
  const r = await edge.call("GET", "/v3/customers?limit=1", { token: API_KEY, headers: { "cache-control": "no-cache" } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.calls, 2);
});

// Found by this suite: merged batch answers used to say "none of its records were written" for
// the records of a create call that failed ambiguously (timeout, 5xx, cut-off answer), where the
// single-call answer rightly says "the records may have been created, check before sending again".
test("merged batch: records of an ambiguous create call are not claimed unwritten", async () => {
  // Three of four calls fail after the store wrote their records: a late answer (timeout), a
  // 500, and a 200 whose JSON is cut short.
  const late = { method: "POST", path: "/v3/customers", lateMs: LATE_MS };
  await queueFaults([late, { ...late, lateMs: undefined, status: 500, process: true }, { ...late, lateMs: undefined, malformed: true, process: true }], false);
  const body = Array.from({ length: 35 }, (_, i) => ({ email: `amb-${SEED}-${i}@example.com`, first_name: "Amb", last_name: `N${i}` }));
  const r = await edge.call("POST", "/v3/customers", { token: API_KEY, body });
  await sleep(LATE_MS);
  assert.equal(r.status, 207, r.text);
  const failed = r.body.results.filter((x) => x.status === "failed").map((x) => x.index);
  assert.equal(failed.length, 30);
  const written = failed.filter((i) => storeCustomers(body[i].email).length === 1);
  assert.equal(written.length, 30, "the store did write the records of the three failed calls");
  const claims = r.body.errors.filter((e) => /none of its records were written|BigCommerce answered 50[24]/.test(e.message));
  assert.deepEqual(claims.map((e) => `${e.path}: ${e.message}`), [], "records that may have been (here: were) written are reported as not written");
});

test("a single create answered 200 with broken JSON says the record may exist", async () => {
  await queueFaults([{ method: "POST", path: "/v3/customers/subscribers", malformed: true, process: true }], false);
  const email = `broken-ok-${SEED}@example.com`;
  const r = await edge.call("POST", "/v3/customers/subscribers", { token: API_KEY, body: { email } });
  assert.equal(r.status, 502, r.text);
  assert.equal(storeSubscribers(email).length, 1, "BigCommerce did create it");
  assert.match(r.body.title ?? r.body.detail ?? r.text, /may have been created/);
});

// ---- the random workload --------------------------------------------------------------------------

// Fault kinds (edge/local-store/limits.mjs) and their weights.
const FAULTS = [
  [3, { status: 429, retryAfter: 1 }], // not processed (BigCommerce's rate limit)
  [1, { status: 429, omitRateLimitHeaders: true }], // platform overload: no rate-limit headers
  [2, { status: 500 }], // not processed
  [2, { status: 500, process: true }], // processed, then 500
  [1, { status: 503 }],
  [2, { hang: true }], // never answered, not processed
  [2, { lateMs: LATE_MS }], // processed, answered after the edge's timeout
  [2, { truncate: true }], // processed, answer cut in the middle
  [1, { reset: true }], // connection dropped, not processed
  [1, { malformed: true }], // 200 with broken JSON, not processed
  [1, { malformed: true, process: true }], // processed, 200 with broken JSON
];
const FAULT_WEIGHT = FAULTS.reduce((n, [w]) => n + w, 0);

test(`seeded workload under random upstream faults (quota mode off): the store agrees with every answer`, { timeout: 120_000, skip: OPS === 0 }, async () => {
  await workload(SEED, OPS, "off");
});

test(`the same under EDGE_QUOTA_MODE=do (metered calls, coalesced misses)`, { timeout: 120_000, skip: DO_OPS === 0 }, async () => {
  const saved = { edge, proxy };
  ({ edge, proxy } = await startFaultEdge("do"));
  try {
    await workload(SEED + 1, DO_OPS, "do");
  } finally {
    await edge.close();
    ({ edge, proxy } = saved);
  }
});

async function workload(SEED, OPS, mode) {
  const started = Date.now();
  const rand = mulberry32(SEED);
  const int = (n) => Math.floor(rand() * n);
  const chance = (p) => rand() < p;
  const pickFault = () => {
    let x = rand() * FAULT_WEIGHT;
    for (const [w, f] of FAULTS) if ((x -= w) < 0) return f;
    return FAULTS[0][1];
  };

  // The model. Customers by email: {email, state: present|absent|maybe, id?, company: Set of
  // possible values, locked}. Subscribers by email: {state}.
  const customers = new Map();
  const subscribers = new Map();
  const resent = new Set(); // emails deliberately sent again (a duplicate-email create)
  const problems = [];
  const stats = { ops: 0, writes: 0, acknowledged: 0, refused: 0, ambiguous: 0, reads: 0, statuses: {}, faultsQueued: 0 };
  const bump = (s) => { stats.statuses[s] = (stats.statuses[s] ?? 0) + 1; };
  let callsReported = 0;
  let seq = 0;

  const call = async (method, path, opts) => {
    const r = await edge.call(method, path, { token: API_KEY, ...opts });
    callsReported += r.calls;
    bump(`${method} ${r.status}`);
    return r;
  };
  const fault = async (method, path) => {
    if (!chance(0.4)) return;
    const list = Array.from({ length: 1 + (chance(0.3) ? 1 : 0) }, () => ({ method, path, ...pickFault() }));
    stats.faultsQueued += list.length;
    await queueFaults(list);
  };
  const take = (n) => {
    const free = [...customers.values()].filter((c) => c.state === "present" && !c.locked);
    const out = [];
    while (out.length < n && free.length) out.push(free.splice(int(free.length), 1)[0]);
    for (const c of out) c.locked = true;
    return out;
  };
  // After an op that waited for a timeout, a late write of it may still land: keep its records
  // locked until then, so that the next write to them does not race it.
  const release = async (list, t0) => {
    if (Date.now() - t0 >= TIMEOUT_MS) await sleep(LATE_MS + 200);
    for (const c of list) c.locked = false;
  };
  // Classify an answer for a write: "ok" | "refused" | "ambiguous".
  const verdict = (status, { creates }) => {
    if (status >= 200 && status < 300) return "ok";
    if (status === 429) return creates ? "refused" : "ambiguous"; // a create is only repeated after 429s
    if (status >= 400 && status < 500) return "refused";
    return "ambiguous";
  };
  // A read may fail only as the edge documents: 429 (three upstream 429s in a row, or no quota
  // token in time), 502, 504.
  const READ_FAILURES = [429, 502, 504];
  // Per record in a merged batch answer: the code of the call that carried it.
  const recordCode = (code, { creates }) => {
    if (code === "rate_limited") return creates ? "refused" : "ambiguous";
    return ["upstream_rejected", "upstream_conflict", "not_sent", "payload_too_large"].includes(code) ? "refused" : "ambiguous";
  };

  async function createCustomers() {
    const n = chance(0.5) ? 1 + int(10) : 11 + int(15);
    const records = Array.from({ length: n }, () => {
      const email = `f${SEED}-${++seq}@example.com`;
      return { email, first_name: "Fault", last_name: `N${seq}`, company: "c0" };
    });
    let invalid = false;
    let dup = [];
    if (chance(0.08)) {
      records[int(n)].email = "not-an-email";
      invalid = true;
    } else if (chance(0.1)) {
      dup = take(1); // locked meanwhile, so that no delete races the duplicate
      for (const c of dup) {
        records[int(n)].email = c.email; // BigCommerce refuses the call that carries it
        resent.add(c.email);
      }
    }
    const fresh = records.filter((r) => !customers.has(r.email) && r.email !== "not-an-email");
    for (const r of fresh) customers.set(r.email, { email: r.email, state: "pending", company: new Set(["c0"]), locked: true });
    await fault("POST", "/v3/customers");
    const r = await call("POST", "/v3/customers", { body: records });
    stats.writes += fresh.length;
    const perRecord = r.body?.results && n > 10 ? r.body.results : null;
    if (invalid && r.status !== 422) problems.push(`create with an invalid record answered ${r.status}, not 422`);
    if (invalid && r.calls !== 0) problems.push(`create with an invalid record made ${r.calls} upstream calls`);
    records.forEach((rec, i) => {
      const c = customers.get(rec.email);
      if (!c || c.state !== "pending") return;
      const v = perRecord ? (perRecord[i].status === "done" ? "ok" : recordCode(perRecord[i].code, { creates: true })) : verdict(r.status, { creates: true });
      stats[v === "ok" ? "acknowledged" : v === "refused" ? "refused" : "ambiguous"]++;
      c.state = v === "ok" ? "present" : v === "refused" ? "absent" : "maybe";
      c.verdictFrom = `POST /v3/customers -> ${r.status}${perRecord ? ` record ${perRecord[i].status}/${perRecord[i].code ?? ""}` : ""}`;
      c.locked = false;
    });
    for (const c of dup) c.locked = false;
  }

  async function createSubscriber() {
    const invalid = chance(0.08);
    const known = [...subscribers.entries()].filter(([, s]) => s.state === "present");
    const dup = !invalid && known.length && chance(0.08) ? known[int(known.length)][0] : null;
    const email = invalid ? "nope" : dup ?? `s${SEED}-${++seq}@example.com`;
    if (!invalid && !dup) subscribers.set(email, { state: "pending" });
    if (dup) resent.add(dup);
    await fault("POST", "/v3/customers/subscribers");
    const r = await call("POST", "/v3/customers/subscribers", { body: { email, first_name: "Sub" } });
    if (invalid) {
      if (r.status !== 422 || r.calls !== 0) problems.push(`invalid subscriber answered ${r.status} after ${r.calls} calls`);
      return;
    }
    if (dup) {
      if (r.status === 200) problems.push(`a second subscriber with ${dup} was acknowledged`);
      return;
    }
    stats.writes++;
    const v = verdict(r.status, { creates: true });
    stats[v === "ok" ? "acknowledged" : v === "refused" ? "refused" : "ambiguous"]++;
    subscribers.set(email, { state: v === "ok" ? "present" : v === "refused" ? "absent" : "maybe", verdictFrom: `POST subscribers -> ${r.status}` });
  }

  async function updateCustomers() {
    const list = take(chance(0.6) ? 1 + int(5) : 11 + int(5));
    if (!list.length) return;
    const t0 = Date.now();
    const value = `c${++seq}`;
    const body = list.map((c) => ({ id: c.id, company: value }));
    if (chance(0.05)) body.push({ id: 999_999, company: value }); // the call that carries it is refused
    await fault("PUT", "/v3/customers");
    const r = await call("PUT", "/v3/customers", { body });
    stats.writes += list.length;
    const perRecord = r.body?.results && body.length > 10 ? r.body.results : null;
    list.forEach((c, i) => {
      const v = perRecord ? (perRecord[i].status === "done" ? "ok" : recordCode(perRecord[i].code, { creates: false })) : verdict(r.status, { creates: false });
      stats[v === "ok" ? "acknowledged" : v === "refused" ? "refused" : "ambiguous"]++;
      if (v === "ok") c.company = new Set([value]);
      else if (v === "ambiguous") c.company.add(value);
      c.lastUpdate = `PUT -> ${r.status}${perRecord ? ` record ${perRecord[i].status}/${perRecord[i].code ?? ""}` : ""}`;
    });
    await release(list, t0);
  }

  async function deleteCustomers() {
    const list = take(1 + int(4));
    if (!list.length) return;
    const t0 = Date.now();
    await fault("DELETE", "/v3/customers");
    const r = await call("DELETE", `/v3/customers?id:in=${list.map((c) => c.id).join(",")}`);
    stats.writes += list.length;
    const v = verdict(r.status, { creates: false });
    for (const c of list) {
      stats[v === "ok" ? "acknowledged" : v === "refused" ? "refused" : "ambiguous"]++;
      if (v === "ok") c.state = "absent";
      else if (v === "ambiguous") c.state = "maybe-deleted";
      c.verdictFrom = `DELETE -> ${r.status}`;
    }
    await release(list, t0);
  }

  async function readCustomers() {
    const list = take(1 + int(6));
    if (!list.length) return;
    const t0 = Date.now();
    const headers = chance(0.3) ? { "cache-control": "no-cache" } : {};
    await fault("GET", "/v3/customers");
    const r = await call("GET", `/v3/customers?id:in=${list.map((c) => c.id).join(",")}&limit=50`, { headers });
    stats.reads++;
    if (r.status === 200) {
      const seen = new Map(r.body.data.map((c) => [c.id, c]));
      for (const c of list) {
        const got = seen.get(c.id);
        if (!got) problems.push(`GET (${r.cache}) lost customer ${c.id} (${c.email}), known present`);
        else if (!c.company.has(got.company)) problems.push(`GET (${r.cache}) shows company ${got.company} for ${c.id}; possible: ${[...c.company]}`);
      }
    } else if (!READ_FAILURES.includes(r.status)) problems.push(`GET answered ${r.status}: ${r.text.slice(0, 200)}`);
    await release(list, t0);
  }

  async function readSubscriber() {
    const known = [...subscribers.entries()].filter(([, s]) => s.state === "present");
    if (!known.length) return;
    const [email] = known[int(known.length)];
    await fault("GET", "/v3/customers/subscribers");
    const r = await call("GET", `/v3/customers/subscribers?email=${encodeURIComponent(email)}`);
    stats.reads++;
    if (r.status === 200 && r.body.data.length !== 1) problems.push(`GET subscriber ${email}: ${r.body.data.length} records`);
    else if (r.status !== 200 && !READ_FAILURES.includes(r.status)) problems.push(`GET subscriber answered ${r.status}`);
  }

  async function refusedByTheEdge() {
    // Writes the edge must refuse without sending anything.
    const r = chance(0.5)
      ? await call("DELETE", "/v3/customers")
      : await call("PUT", "/v3/customers", { body: [{ id: "x", company: 5 }] });
    if (r.status !== 422 || r.calls !== 0) problems.push(`a write the edge must refuse answered ${r.status} after ${r.calls} calls`);
  }

  // The same operation list for any number of workers.
  const ops = Array.from({ length: OPS }, () => {
    const x = rand();
    return x < 0.22 ? createCustomers : x < 0.4 ? createSubscriber : x < 0.55 ? updateCustomers : x < 0.65 ? deleteCustomers
      : x < 0.85 ? readCustomers : x < 0.95 ? readSubscriber : refusedByTheEdge;
  });
  // Ids of created customers, for updates, reads and deletes.
  const learnIds = () => {
    for (const c of customers.values()) {
      if (c.id === undefined && c.state === "present") c.id = storeCustomers(c.email)[0]?.id;
    }
  };
  const logStart = proxy.log.length;
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < ops.length) {
      const op = ops[next++];
      learnIds();
      await op();
      stats.ops++;
    }
  }));

  // Let late writes land, then stop injecting.
  await sleep(LATE_MS + 300);
  await queueFaults([], false);
  const applied = edge.store.stats.faultsApplied;

  // ---- the audit -------------------------------------------------------------------------------
  for (const c of customers.values()) {
    const found = storeCustomers(c.email);
    const where = `${c.email} (${c.verdictFrom ?? "never written"}${c.lastUpdate ? `; last update ${c.lastUpdate}` : ""})`;
    if (found.length > 1) problems.push(`customer twice: ${where}`);
    if (c.state === "present" && found.length !== 1) problems.push(`acknowledged customer missing: ${where}`);
    if (c.state === "absent" && found.length !== 0 && !resent.has(c.email)) problems.push(`refused or deleted customer present: ${where}`);
    if (c.state === "present" && found.length === 1 && !c.company.has(found[0].company)) {
      problems.push(`customer ${where} has company ${found[0].company}; acknowledged/possible: ${[...c.company]}`);
    }
  }
  for (const [email, s] of subscribers) {
    const found = storeSubscribers(email);
    if (found.length > 1) problems.push(`subscriber twice: ${email}`);
    if (s.state === "present" && found.length !== 1) problems.push(`acknowledged subscriber missing: ${email} (${s.verdictFrom})`);
    if (s.state === "absent" && found.length !== 0) problems.push(`refused subscriber present: ${email} (${s.verdictFrom})`);
  }
  // No create was sent again after an attempt that may have been processed.
  const attempts = new Map();
  for (const e of proxy.log) {
    if (e.method !== "POST") continue;
    for (const m of e.body.matchAll(/"email":"([^"]+)"/g)) {
      if (resent.has(m[1]) || !(customers.has(m[1]) || subscribers.has(m[1]))) continue;
      if (!attempts.has(m[1])) attempts.set(m[1], []);
      attempts.get(m[1]).push(e);
    }
  }
  for (const [email, list] of attempts) {
    const firstMaybe = list.findIndex((e) => !(e.status === 429 && e.outcome === "answered"));
    if (firstMaybe !== -1 && firstMaybe < list.length - 1) {
      problems.push(`create of ${email} sent again after ${list[firstMaybe].status ?? "no answer"}/${list[firstMaybe].outcome}: ${list.map((e) => `${e.status}/${e.outcome}`).join(", ")}`);
    }
  }
  const upstream = proxy.log.length - logStart;

  const present = (m) => [...m.values()].filter((c) => c.state === "maybe").length;
  const maybeThere = [...customers.values()].filter((c) => c.state === "maybe" && storeCustomers(c.email).length === 1).length
    + [...subscribers.entries()].filter(([e, s]) => s.state === "maybe" && storeSubscribers(e).length === 1).length;
  console.log(`faults: seed ${SEED}, quota mode ${mode}: ${stats.ops} operations (${stats.reads} reads) in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
    `${stats.writes} record writes: ${stats.acknowledged} acknowledged, ${stats.refused} refused, ${stats.ambiguous} ambiguous ` +
    `(${present(customers) + present(subscribers)} creates left ambiguous, ${maybeThere} of them present); ` +
    `${stats.faultsQueued} faults queued, ${applied} applied; ${upstream} upstream calls; statuses ${JSON.stringify(stats.statuses)}; ` +
    `audit: ${problems.length ? `${problems.length} problems` : "clean"}`);
  assert.deepEqual(problems, [], `seed ${SEED}: ${problems.length} problems`);
  assert.equal(callsReported, upstream, "X-Upstream-Calls adds up to the calls the store was sent");
  assert.ok(stats.acknowledged > 0 && stats.ambiguous > 0 && applied > 10, "the workload reached acknowledged and ambiguous writes under faults");
}
