// Tests for the local BigCommerce-compatible store (edge/local-store).
// Run: node --test tests/local-store.test.mjs

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { startStore } from "../edge/local-store/server.mjs";

const SERVER = fileURLToPath(new URL("../edge/local-store/server.mjs", import.meta.url));
const TIMEOUT = { timeout: 5_000 };
const RFC2822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} \+0000$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** Start a store for one test and always close it. */
async function withStore(opts, fn) {
  const store = await startStore(opts);
  try {
    await fn(store, clientFor(store));
  } finally {
    await store.close();
  }
}

function clientFor(store) {
  const call = async (base, path, { method = "GET", body, token = "local-token", headers = {}, signal } = {}) => {
    const h = { ...(token ? { "X-Auth-Token": token } : {}), ...headers };
    if (body !== undefined && !("Content-Type" in h)) h["Content-Type"] = "application/json";
    const res = await fetch(base + path, {
      method, headers: h, signal, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let json;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, json, text };
  };
  return {
    v3: (path, init) => call(store.v3Url, path, init),
    v2: (path, init) => call(store.v2Url, path, init),
    raw: (path, init) => call(store.url, path, init),
  };
}

const person = (i, extra = {}) => ({ email: `user${i}@example.com`, first_name: `First${i}`, last_name: `Last${i}`, ...extra });

async function createMany(api, n) {
  const ids = [];
  for (let start = 0; start < n; start += 10) {
    const batch = Array.from({ length: Math.min(10, n - start) }, (_, j) => person(start + j));
    const res = await api.v3("/customers", { method: "POST", body: batch });
    assert.equal(res.status, 200);
    ids.push(...res.json.data.map((c) => c.id));
  }
  return ids;
}

const usAddress = (extra = {}) => ({
  first_name: "Jane", last_name: "Doe", address1: "1 Main St", city: "Austin", state_or_province: "Texas",
  postal_code: "78701", country_code: "US", phone: "555-0100", ...extra,
});

// ---------------------------------------------------------------------------

test("CLI prints the listening line and serves seeded data", TIMEOUT, async () => {
  const child = spawn(process.execPath, [SERVER, "--seed"], { env: { ...process.env, BC_LOCAL_STORE_PORT: "0" } });
  try {
    const [line] = await once(createInterface({ input: child.stdout }), "line");
    const m = /^local store listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(line);
    assert.ok(m, line);
    const res = await fetch(`${m[1]}/stores/localstore/v3/customers`, { headers: { "X-Auth-Token": "local-token" } });
    assert.equal(res.status, 200);
    assert.ok((await res.json()).data.length >= 3);
  } finally {
    child.kill("SIGTERM");
    if (child.exitCode === null) await once(child, "exit");
  }
});

test("auth, store hash and rate-limit headers on every response", TIMEOUT, async () => {
  await withStore({}, async (s, api) => {
    const noToken = await api.v3("/customers", { token: null });
    assert.equal(noToken.status, 401);
    assert.equal(noToken.json.status, 401);
    const badToken = await api.v2("/customers", { token: "nope" });
    assert.equal(badToken.status, 401);
    assert.ok(Array.isArray(badToken.json) && badToken.json[0].status === 401);

    const wrongHash = await api.raw("/stores/otherstore/v3/customers");
    assert.equal(wrongHash.status, 404);
    const ok = await api.v3("/customers");
    assert.equal(ok.status, 200);
    for (const r of [noToken, badToken, wrongHash, ok]) {
      for (const h of ["x-rate-limit-requests-left", "x-rate-limit-time-reset-ms", "x-rate-limit-time-window-ms", "x-rate-limit-requests-quota"]) {
        assert.ok(r.headers.get(h) !== null, `${h} missing on ${r.status}`);
      }
    }
    assert.equal(ok.headers.get("x-rate-limit-time-window-ms"), "30000");
  });
});

test("V3 create: shapes, embedded addresses/attributes, include", TIMEOUT, async () => {
  await withStore({}, async (s, api) => {
    const attr = await api.v3("/customers/attributes", { method: "POST", body: [{ name: "Shoe size", type: "number" }] });
    assert.equal(attr.status, 200);
    const attrId = attr.json.data[0].id;

    const res = await api.v3("/customers", {
      method: "POST",
      body: [{ ...person(1), company: "Acme", addresses: [usAddress(), usAddress({ address1: "2 Side St", country_code: "GB", state_or_province: "", postal_code: "SW1A 1AA" })],
        attributes: [{ attribute_id: attrId, attribute_value: "42" }], store_credit_amounts: [{ amount: 43.15 }] }],
    });
    assert.equal(res.status, 200);
    assert.deepEqual(res.json.meta, {});
    const c = res.json.data[0];
    assert.ok(Number.isInteger(c.id));
    assert.match(c.date_created, ISO);
    assert.match(c.date_modified, ISO);
    assert.equal(c.address_count, 2);
    assert.equal(c.attribute_count, 1);
    assert.deepEqual(c.addresses.map((a) => a.country), ["United States", "United Kingdom"]);
    assert.equal(c.attributes[0].attribute_value, "42");

    const plain = await api.v3(`/customers?id:in=${c.id}`);
    assert.equal(plain.json.data[0].addresses, undefined);
    const full = await api.v3(`/customers?id:in=${c.id}&include=addresses,storecredit,attributes,formfields`);
    const f = full.json.data[0];
    assert.equal(f.addresses.length, 2);
    assert.deepEqual(f.store_credit_amounts, [{ amount: 43.15 }]);
    assert.equal(f.attributes[0].attribute_id, attrId);
    assert.deepEqual(f.form_fields, []);

    const badAttr = await api.v3("/customers", { method: "POST", body: [{ ...person(2), attributes: [{ attribute_id: 999, attribute_value: "x" }] }] });
    assert.equal(badAttr.status, 422);
    const badState = await api.v3("/customers", { method: "POST", body: [{ ...person(3), addresses: [usAddress({ state_or_province: "TX" })] }] });
    assert.equal(badState.status, 422);
  });
});

test("V3 create/update validation: 413 over 10, 422 required/duplicate, atomic", TIMEOUT, async () => {
  await withStore({}, async (s, api) => {
    const eleven = Array.from({ length: 11 }, (_, i) => person(i));
    const big = await api.v3("/customers", { method: "POST", body: eleven });
    assert.equal(big.status, 413);
    assert.match(big.json.title, /maximum number of items allowed in the array is 10/);
    assert.equal(s.state.customers.size, 0);

    const missing = await api.v3("/customers", { method: "POST", body: [{ email: "a@example.com", first_name: "A" }] });
    assert.equal(missing.status, 422);
    assert.equal(missing.json.status, 422);
    assert.equal(typeof missing.json.title, "string");
    assert.ok(Object.values(missing.json.errors).every((v) => typeof v === "string"));
    assert.ok("0.last_name" in missing.json.errors);

    assert.equal((await api.v3("/customers", { method: "POST", body: [person(1)] })).status, 200);
    const dup = await api.v3("/customers", { method: "POST", body: [person(2), { ...person(3), email: "USER1@example.com" }] });
    assert.equal(dup.status, 422);
    assert.ok("1.email" in dup.json.errors);
    assert.equal(s.state.customers.size, 1, "a failed batch creates nothing");
    const intra = await api.v3("/customers", { method: "POST", body: [person(5), person(5)] });
    assert.equal(intra.status, 422);

    // PUT
    const id = [...s.state.customers.keys()][0];
    const upd = await api.v3("/customers", { method: "PUT", body: [{ id, first_name: "Renamed", registration_ip_address: "1.2.3.4" }] });
    assert.equal(upd.status, 200);
    assert.equal(upd.json.data[0].first_name, "Renamed");
    assert.equal(upd.json.data[0].registration_ip_address, "", "read-only through V3");
    assert.equal((await api.v3("/customers", { method: "PUT", body: [{ first_name: "x" }] })).status, 422);
    assert.equal((await api.v3("/customers", { method: "PUT", body: [{ id: 999, first_name: "x" }] })).status, 422);
    assert.equal((await api.v3("/customers", { method: "PUT", body: Array.from({ length: 11 }, () => ({ id })) })).status, 413);
  });
});

test("V3 offset pagination meta", TIMEOUT, async () => {
  await withStore({}, async (s, api) => {
    await createMany(api, 25);
    const p1 = await api.v3("/customers?limit=10");
    assert.equal(p1.json.data.length, 10);
    assert.deepEqual(p1.json.meta.pagination, {
      total: 25, count: 10, per_page: 10, current_page: 1, total_pages: 3,
      links: { current: "?page=1&limit=10", next: "?page=2&limit=10" },
    });
    assert.ok(p1.json.meta.cursor_pagination, "first page carries cursor_pagination too");

    const p2 = await api.v3("/customers?limit=10&page=2");
    assert.equal(p2.json.meta.cursor_pagination, undefined, "page > 1 has only pagination");
    assert.deepEqual(p2.json.meta.pagination.links, { previous: "?page=1&limit=10", current: "?page=2&limit=10", next: "?page=3&limit=10" });
    const p3 = await api.v3("/customers?limit=10&page=3");
    assert.equal(p3.json.meta.pagination.count, 5);
    assert.equal(p3.json.meta.pagination.links.next, undefined);
    assert.equal((await api.v3("/customers?page=0")).status, 422);
  });
});

test("V3 cursor pagination (after/before, sort, errors)", TIMEOUT, async () => {
  await withStore({}, async (s, api) => {
    const ids = await createMany(api, 23);
    const first = await api.v3("/customers?limit=10");
    const cp = first.json.meta.cursor_pagination;
    assert.equal(cp.count, 10);
    assert.equal(cp.per_page, 10);
    assert.equal(typeof cp.start_cursor, "string");
    assert.ok(cp.links.next.includes("after="));

    const seen = first.json.data.map((c) => c.id);
    let next = cp.end_cursor;
    let pages = 1;
    for (;;) {
      const page = await api.v3(`/customers?limit=10&after=${encodeURIComponent(next)}`);
      assert.equal(page.json.meta.pagination, undefined, "cursor requests carry only cursor_pagination");
      seen.push(...page.json.data.map((c) => c.id));
      pages += 1;
      if (!page.json.meta.cursor_pagination.links.next) break;
      next = page.json.meta.cursor_pagination.end_cursor;
    }
    assert.equal(pages, 3);
    assert.deepEqual(seen, ids);

    const second = await api.v3(`/customers?limit=10&after=${encodeURIComponent(cp.end_cursor)}`);
    const back = await api.v3(`/customers?limit=10&before=${encodeURIComponent(second.json.meta.cursor_pagination.start_cursor)}`);
    assert.deepEqual(back.json.data.map((c) => c.id), ids.slice(0, 10));
    assert.equal(back.json.meta.cursor_pagination.links.previous, undefined);
    assert.ok(back.json.meta.cursor_pagination.links.next);

    const both = await api.v3(`/customers?after=${cp.end_cursor}&before=${cp.start_cursor}`);
    assert.equal(both.status, 422);
    assert.equal((await api.v3("/customers?after=%%%garbage")).status, 422);

    // Sorted walk: last_name desc, 7 per page.
    const sorted = [];
    let url = "/customers?limit=7&sort=last_name:desc";
    for (;;) {
      const page = await api.v3(url);
      sorted.push(...page.json.data.map((c) => c.last_name));
      const nextLink = page.json.meta.cursor_pagination.links.next;
      if (!nextLink) break;
      url = `/customers${nextLink}&sort=last_name:desc`;
    }
    assert.deepEqual(sorted, [...sorted].sort().reverse());
    assert.equal(sorted.length, 23);
  });
});

test("V3 customer filters", TIMEOUT, async () => {
  await withStore({}, async (s, api) => {
    const group = await api.v2("/customer_groups", { method: "POST", body: { name: "VIP" } });
    await api.v3("/customers", {
      method: "POST",
      body: [
        { ...person(1), first_name: "Sherlock", last_name: "Holmes", company: "Baker", phone: "111", customer_group_id: group.json.id },
        { ...person(2), first_name: "James", last_name: "Moriarty", company: "Crime", phone: "222" },
        { ...person(3), first_name: "John", last_name: "Watson", company: "Baker", phone: "333" },
      ],
    });
    const ids = async (q) => (await api.v3(`/customers?${q}`)).json.data.map((c) => c.first_name).sort();
    assert.deepEqual(await ids("id:in=1,3"), ["John", "Sherlock"]);
    assert.deepEqual(await ids("email:in=user2@example.com"), ["James"]);
    assert.deepEqual(await ids("name:in=james%20moriarty"), ["James"]);
    assert.deepEqual(await ids("name:like=olme,atso"), ["John", "Sherlock"]);
    assert.deepEqual(await ids("company:in=baker"), ["John", "Sherlock"]);
    assert.deepEqual(await ids(`customer_group_id:in=${group.json.id}`), ["Sherlock"]);
    assert.deepEqual(await ids("phone:in=222,333"), ["James", "John"]);

    // Dates: age customer 1 by a year and customer 2 by a day.
    s.state.customers.get(1).date_created = Date.parse("2020-01-01T10:00:00Z");
    s.state.customers.get(2).date_modified = Date.parse("2024-05-14T09:34:00Z");
    assert.deepEqual(await ids("date_created:max=2021-01-01"), ["Sherlock"]);
    assert.deepEqual(await ids("date_created:min=2021-01-01"), ["James", "John"]);
    assert.deepEqual(await ids("date_created=2020-01-01"), ["Sherlock"]);
    assert.deepEqual(await ids("date_modified=2024-05-14T09:34:00"), ["James"]);
    const bySort = (await api.v3("/customers?sort=date_created:asc")).json.data.map((c) => c.id);
    assert.equal(bySort[0], 1);
    assert.equal((await api.v3("/customers?id:in=abc")).status, 422);
    assert.equal((await api.v3("/customers?date_created:min=notadate")).status, 422);
    assert.equal((await api.v3("/customers?sort=email:asc")).status, 422);
  });
});

test("V3 delete customers: no id:in is a 204 no-op; cascade", TIMEOUT, async () => {
  await withStore({}, async (s, api) => {
    const [id1, id2] = (await api.v3("/customers", { method: "POST", body: [{ ...person(1), addresses: [usAddress()] }, person(2)] })).json.data.map((c) => c.id);
    const noop = await api.v3("/customers", { method: "DELETE" });
    assert.equal(noop.status, 204);
    assert.equal(s.state.customers.size, 2);
    assert.equal((await api.v3(`/customers?id:in=${id1}`, { method: "DELETE" })).status, 204);
    assert.deepEqual([...s.state.customers.keys()], [id2]);
    assert.equal(s.state.addresses.size, 0);
  });
});

test("V3 addresses: duplicate skipped and omitted, PUT collisions, validation", TIMEOUT, async () => {
  await withStore({}, async (s, api) => {
    const cid = (await api.v3("/customers", { method: "POST", body: [person(1)] })).json.data[0].id;
    const first = await api.v3("/customers/addresses", { method: "POST", body: [usAddress({ customer_id: cid })] });
    assert.equal(first.status, 200);
    assert.equal(first.json.data.length, 1);
    assert.equal(first.json.data[0].country, "United States");

    const again = await api.v3("/customers/addresses", { method: "POST", body: [usAddress({ customer_id: cid })] });
    assert.equal(again.status, 200);
    assert.deepEqual(again.json, {}, "all-duplicate batch returns {}");

    const mixed = await api.v3("/customers/addresses", {
      method: "POST", body: [usAddress({ customer_id: cid }), usAddress({ customer_id: cid, address1: "2 Other St" })],
    });
    assert.equal(mixed.json.data.length, 1);
    assert.equal(mixed.json.data[0].address1, "2 Other St");
    const list = await api.v3(`/customers/addresses?customer_id:in=${cid}`);
    assert.equal(list.json.meta.pagination.total, 2);

    // PUT that would make address 2 identical to address 1 is a silent no-op.
    const [a1, a2] = list.json.data;
    const collide = await api.v3("/customers/addresses", { method: "PUT", body: [{ id: a2.id, address1: a1.address1 }] });
    assert.equal(collide.status, 200);
    assert.deepEqual(collide.json, {});
    assert.equal(s.state.addresses.get(a2.id).address1, "2 Other St");
    const real = await api.v3("/customers/addresses", { method: "PUT", body: [{ id: a2.id, city: "Dallas" }] });
    assert.equal(real.json.data[0].city, "Dallas");

    assert.equal((await api.v3("/customers/addresses", { method: "POST", body: [usAddress({ customer_id: 999 })] })).status, 422);
    assert.equal((await api.v3("/customers/addresses", { method: "POST", body: [usAddress({ customer_id: cid, state_or_province: "TX" })] })).status, 422);
    assert.equal((await api.v3("/customers/addresses", { method: "DELETE" })).status, 422);
    assert.equal((await api.v3(`/customers/addresses?id:in=${a1.id}`, { method: "DELETE" })).status, 204);
    assert.equal(s.state.addresses.size, 1);
  });
});

test("V2 and V3 share one store with their own field names", TIMEOUT, async () => {
  await withStore({}, async (s, api) => {
    const v3 = await api.v3("/customers", {
      method: "POST", body: [{ ...person(1), store_credit_amounts: [{ amount: 43.15 }], addresses: [usAddress({ state_or_province: "" , country_code: "DE", postal_code: "10115", city: "Berlin" })] }],
    });
    const id = v3.json.data[0].id;
    const v2 = await api.v2(`/customers/${id}`);
    assert.equal(v2.status, 200);
    assert.equal(v2.json.email, "user1@example.com");
    assert.match(v2.json.date_created, RFC2822);
    assert.equal(v2.json.store_credit, "43.1500");
    assert.deepEqual(v2.json.addresses, { url: `${s.v2Url}/customers/${id}/addresses`, resource: `/customers/${id}/addresses` });
    const addr = (await api.v2(`/customers/${id}/addresses`)).json[0];
    assert.equal(addr.street_1, "1 Main St");
    assert.equal(addr.zip, "10115");
    assert.equal(addr.country, "Germany");
    assert.equal(addr.country_iso2, "DE");
    assert.equal((await api.v2(`/customers/${id}/addresses/count`)).json.count, 1);

    // V2 create -> V3 view.
    const created = await api.v2("/customers", { method: "POST", body: { first_name: "Ana", last_name: "Lopez", email: "ana@example.com", store_credit: "12.5" } });
    assert.equal(created.status, 200);
    assert.equal(created.json.store_credit, "12.5000");
    assert.match(created.json.date_modified, RFC2822);
    const a = await api.v2(`/customers/${created.json.id}/addresses`, {
      method: "POST", body: { first_name: "Ana", last_name: "Lopez", phone: "1", street_1: "Calle 1", city: "Madrid", state: " ", zip: "28001", country: "Spain" },
    });
    assert.equal(a.status, 200);
    assert.equal(a.json.country_iso2, "ES");
    const seen = (await api.v3(`/customers?id:in=${created.json.id}&include=addresses,storecredit`)).json.data[0];
    assert.equal(seen.addresses[0].country_code, "ES");
    assert.equal(seen.addresses[0].address1, "Calle 1");
    assert.deepEqual(seen.store_credit_amounts, [{ amount: 12.5 }]);

    // V2 update shows up in V3.
    assert.equal((await api.v2(`/customers/${id}`, { method: "PUT", body: { company: "NewCo" } })).json.company, "NewCo");
    assert.equal((await api.v3(`/customers?id:in=${id}`)).json.data[0].company, "NewCo");

    // V2 list: bare array, filters, count; errors are arrays.
    const list = await api.v2("/customers?first_name=Ana");
    assert.ok(Array.isArray(list.json));
    assert.equal(list.json.length, 1);
    assert.equal((await api.v2(`/customers?min_id=${created.json.id}`)).json.length, 1);
    assert.equal((await api.v2(`/customers?min_date_created=${encodeURIComponent("Wed, 10 Jan 2018 21:02:23 +0000")}`)).json.length, 2);
    assert.equal((await api.v2(`/customers?max_date_created=${encodeURIComponent("Wed, 10 Jan 2018 21:02:23 +0000")}`)).json.length, 0);
    assert.equal((await api.v2("/customers/count")).json.count, 2);
    const missing = await api.v2("/customers/999");
    assert.equal(missing.status, 404);
    assert.deepEqual(Object.keys(missing.json[0]).sort(), ["message", "status"]);
    assert.equal((await api.v2("/customers", { method: "POST", body: { first_name: "x", last_name: "y" } })).status, 400);
    const dup = await api.v2("/customers", { method: "POST", body: { first_name: "x", last_name: "y", email: "ANA@example.com" } });
    assert.equal(dup.status, 409);
    assert.ok(Array.isArray(dup.json));

    assert.equal((await api.v2(`/customers/${id}`, { method: "DELETE" })).status, 204);
    assert.equal((await api.v3(`/customers?id:in=${id}`)).json.data.length, 0);
  });
});

test("V2 customer groups", TIMEOUT, async () => {
  await withStore({}, async (s, api) => {
    const g = await api.v2("/customer_groups", { method: "POST", body: { name: "Wholesale", discount_rules: [{ type: "all", method: "percent", amount: 5 }] } });
    assert.equal(g.status, 200);
    assert.equal(g.json.discount_rules[0].amount, "5.0000");
    assert.match(g.json.date_created, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    assert.equal((await api.v2("/customer_groups", { method: "POST", body: { name: "wholesale" } })).status, 409);
    assert.equal((await api.v2("/customer_groups", { method: "POST", body: {} })).status, 400);
    const cid = (await api.v3("/customers", { method: "POST", body: [{ ...person(1), customer_group_id: g.json.id }] })).json.data[0].id;
    const put = await api.v2(`/customer_groups/${g.json.id}`, { method: "PUT", body: { discount_rules: [{ type: "product", method: "fixed", amount: "2", product_id: 7 }] } });
    assert.deepEqual(put.json.discount_rules, [{ type: "product", method: "fixed", amount: "2.0000", product_id: 7 }]);
    assert.equal((await api.v2("/customer_groups/count")).json.count, 1);
    assert.equal((await api.v2("/customer_groups?name:like=whole")).json.length, 1);
    assert.equal((await api.v2(`/customer_groups/${g.json.id}`, { method: "DELETE" })).status, 204);
    assert.equal(s.state.customers.get(cid).customer_group_id, 0);
    assert.equal((await api.v2(`/customer_groups/${g.json.id}`)).status, 404);
  });
});

test("V3 attributes, attribute values, form fields, consent, settings", TIMEOUT, async () => {
  await withStore({}, async (s, api) => {
    const cid = (await api.v3("/customers", { method: "POST", body: [{ ...person(1), addresses: [usAddress()] }] })).json.data[0].id;
    const attrs = await api.v3("/customers/attributes", { method: "POST", body: [{ name: "Age", type: "number" }, { name: "Joined", type: "date" }] });
    const [age, joined] = attrs.json.data;
    assert.equal((await api.v3("/customers/attributes", { method: "POST", body: [{ name: "Age", type: "string" }] })).status, 422);
    assert.equal((await api.v3("/customers/attributes", { method: "PUT", body: [{ id: age.id, name: "Age (years)" }] })).json.data[0].name, "Age (years)");

    const up = await api.v3("/customers/attribute-values", { method: "PUT", body: [{ customer_id: cid, attribute_id: age.id, value: "30" }] });
    assert.equal(up.status, 200);
    assert.equal(up.json.data[0].attribute_value, "30");
    assert.equal(up.json.data[0].value, undefined);
    const again = await api.v3("/customers/attribute-values", { method: "PUT", body: [{ customer_id: cid, attribute_id: age.id, value: "31" }] });
    assert.equal(again.json.data[0].id, up.json.data[0].id, "upsert updates the existing record");
    assert.equal((await api.v3("/customers/attribute-values", { method: "PUT", body: [{ customer_id: cid, attribute_id: age.id, value: "old" }] })).status, 422);
    await api.v3("/customers/attribute-values", { method: "PUT", body: [{ customer_id: cid, attribute_id: joined.id, value: "2024-01-01" }] });
    assert.equal((await api.v3(`/customers/attribute-values?customer_id:in=${cid}`)).json.meta.pagination.total, 2);
    assert.equal((await api.v3(`/customers/attributes?id:in=${joined.id}`, { method: "DELETE" })).status, 204);
    assert.equal((await api.v3("/customers/attribute-values")).json.data.length, 1, "deleting an attribute removes its values");

    // Store max 50 attributes.
    const many = Array.from({ length: 10 }, (_, i) => ({ name: `A${i}`, type: "string" }));
    for (let i = 0; i < 4; i += 1) {
      await api.v3("/customers/attributes", { method: "POST", body: many.map((a) => ({ ...a, name: `${a.name}-${i}` })) });
    }
    assert.equal(s.state.attributes.size, 41);
    const over = await api.v3("/customers/attributes", { method: "POST", body: many.map((a) => ({ ...a, name: `${a.name}-x` })) });
    assert.equal(over.status, 422);

    // Form field values.
    const aid = [...s.state.addresses.keys()][0];
    const ff = await api.v3("/customers/form-field-values", {
      method: "PUT", body: [{ customer_id: cid, name: "Sales Rep", value: "Bond" }, { address_id: aid, name: "Gate code", value: "1234" }],
    });
    assert.equal(ff.status, 200);
    const ffList = await api.v3(`/customers/form-field-values?customer_id=${cid}`);
    assert.deepEqual(ffList.json.data, [{ customer_id: cid, name: "Sales Rep", value: "Bond" }]);
    assert.ok(ffList.json.meta.cursor_pagination);

    // Consent: bare object.
    const consent = await api.v3(`/customers/${cid}/consent`, { method: "PUT", body: { allow: ["essential", "analytics"], deny: ["targeting"] } });
    assert.equal(consent.status, 200);
    assert.deepEqual(consent.json.allow, ["essential", "analytics"]);
    assert.match(consent.json.updated_at, ISO);
    assert.equal((await api.v3(`/customers/${cid}/consent`, { method: "PUT", body: { allow: ["cookies"] } })).status, 422);
    assert.equal((await api.v3("/customers/999/consent")).status, 404);

    // Settings.
    const put = await api.v3("/customers/settings", { method: "PUT", body: { privacy_settings: { ask_shopper_for_tracking_consent: true, policy_url: "https://x.test/p" } } });
    assert.equal(put.json.data.privacy_settings.ask_shopper_for_tracking_consent, true);
    assert.deepEqual((await api.v3("/customers/settings")).json.data.customer_group_settings, { guest_customer_group_id: 0, default_customer_group_id: 0 });
  });
});

test("V3 subscribers: CRUD, 409, filtered delete, delete-all without filters", TIMEOUT, async () => {
  await withStore({}, async (s, api) => {
    const a = await api.v3("/customers/subscribers", { method: "POST", body: { email: "a@example.com", first_name: "A", source: "storefront", consents: ["marketing_newsletter"] } });
    assert.equal(a.status, 200);
    assert.deepEqual(a.json.meta, {});
    assert.equal((await api.v3("/customers/subscribers", { method: "POST", body: { email: "A@example.com" } })).status, 409);
    assert.equal((await api.v3("/customers/subscribers", { method: "POST", body: { first_name: "no email" } })).status, 422);
    await api.v3("/customers/subscribers", { method: "POST", body: { email: "b@example.com", source: "custom" } });
    await api.v3("/customers/subscribers", { method: "POST", body: { email: "c@example.com", source: "custom" } });

    const id = a.json.data.id;
    assert.equal((await api.v3(`/customers/subscribers/${id}`)).json.data.email, "a@example.com");
    assert.equal((await api.v3(`/customers/subscribers/${id}`, { method: "PUT", body: { last_name: "Z" } })).json.data.last_name, "Z");
    assert.equal((await api.v3(`/customers/subscribers/${id}`, { method: "PUT", body: { email: "b@example.com" } })).status, 409);
    assert.equal((await api.v3("/customers/subscribers/999")).status, 404);

    const custom = await api.v3("/customers/subscribers?source=custom&limit=1");
    assert.equal(custom.json.meta.pagination.total, 2);
    assert.equal(custom.json.data.length, 1);

    assert.equal((await api.v3("/customers/subscribers?email=b@example.com", { method: "DELETE" })).status, 204);
    assert.equal(s.state.subscribers.size, 2, "filtered delete removes only matches");
    assert.equal((await api.v3("/customers/subscribers", { method: "DELETE" })).status, 204);
    assert.equal(s.state.subscribers.size, 0, "no filter deletes every subscriber");
  });
});

test("quota: 429 with X-Retry-After, request not processed, window resets", TIMEOUT, async () => {
  await withStore({ quota: 3, windowMs: 400 }, async (s, api) => {
    const lefts = [];
    for (let i = 0; i < 3; i += 1) {
      const r = await api.v3("/customers");
      assert.equal(r.status, 200);
      lefts.push(r.headers.get("x-rate-limit-requests-left"));
    }
    assert.deepEqual(lefts, ["2", "1", "0"]);
    const limited = await api.v3("/customers", { method: "POST", body: [person(1)] });
    assert.equal(limited.status, 429);
    assert.deepEqual(limited.json, { status: 429, title: "Too many requests", type: limited.json.type, errors: {} });
    assert.ok(Number(limited.headers.get("x-retry-after")) >= 1);
    assert.equal(limited.headers.get("x-rate-limit-requests-quota"), "3");
    assert.equal(s.state.customers.size, 0, "rate-limited request was not processed");
    assert.equal(s.stats.processed[`POST /stores/localstore/v3/customers`], undefined);
    assert.equal(s.stats.rateLimited, 1);

    await new Promise((r) => setTimeout(r, Number(limited.headers.get("x-rate-limit-time-reset-ms")) + 20));
    const after = await api.v3("/customers", { method: "POST", body: [person(1)] });
    assert.equal(after.status, 200);
    assert.equal(s.state.customers.size, 1);
  });
});

test("concurrency: more than 3 in-flight PUT /customers get 429", TIMEOUT, async () => {
  await withStore({ latencyMs: 250 }, async (s, api) => {
    s.setLatency(0);
    const ids = await createMany(api, 5);
    await api.v3("/customers/attributes", { method: "POST", body: [{ name: "Tier", type: "string" }] });
    s.setLatency(250);
    const puts = await Promise.all(ids.map((id) => api.v3("/customers", { method: "PUT", body: [{ id, notes: "n" }] })));
    const statuses = puts.map((r) => r.status).sort();
    assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
    const values = await Promise.all(ids.map((id) => api.v3("/customers/attribute-values", { method: "PUT", body: [{ customer_id: id, attribute_id: 1, value: "x" }] })));
    assert.equal(values.filter((r) => r.status === 429).length, 2);
    // Once the in-flight requests finish, the next one goes through.
    assert.equal((await api.v3("/customers", { method: "PUT", body: [{ id: ids[0], notes: "m" }] })).status, 200);
  });
});

test("faults via control endpoint: 500, hang, malformed, html, 429, then normal", TIMEOUT, async () => {
  await withStore({}, async (s, api) => {
    const set = await api.raw("/__control/faults", {
      method: "POST", token: null,
      body: { next: [{ status: 500 }, { hang: true }, { malformed: true }, { contentType: "text/html" }, { status: 429 }] },
    });
    assert.equal(set.status, 200);
    assert.equal(set.json.queued, 5);

    assert.equal((await api.v3("/customers")).status, 500);
    await assert.rejects(api.v3("/customers", { signal: AbortSignal.timeout(300) }), /abort|timeout/i);
    const malformed = await api.v3("/customers");
    assert.equal(malformed.status, 200);
    assert.equal(malformed.json, undefined);
    assert.throws(() => JSON.parse(malformed.text));
    const html = await api.v3("/customers");
    assert.match(html.headers.get("content-type"), /text\/html/);
    const tooMany = await api.v3("/customers");
    assert.equal(tooMany.status, 429);
    assert.equal(tooMany.headers.get("x-retry-after"), "1");
    assert.equal((await api.v3("/customers")).status, 200);
    assert.equal(s.stats.faultsApplied, 5);
  });
});

test("faults option: path matching and process-then-fail", TIMEOUT, async () => {
  await withStore({ faults: { next: [{ method: "POST", path: "/v3/customers", status: 503, process: true }] } }, async (s, api) => {
    assert.equal((await api.v3("/customers")).status, 200, "GET does not match the POST fault");
    const r = await api.v3("/customers", { method: "POST", body: [person(1)] });
    assert.equal(r.status, 503);
    assert.equal(s.state.customers.size, 1, "process: true applied the write before failing");
  });
});

test("control endpoints: stats, reset, quota without a token", TIMEOUT, async () => {
  await withStore({ seed: true }, async (s, api) => {
    assert.ok(s.state.customers.size >= 3, "seed creates demo customers");
    assert.ok(s.state.groups.size >= 1 && s.state.subscribers.size >= 1);
    await api.v3("/customers");
    await api.v3("/customers");
    await api.v2("/customers", { token: "bad" });
    const stats = await api.raw("/__control/stats", { token: null });
    assert.equal(stats.status, 200);
    assert.equal(stats.json.requests["GET /stores/localstore/v3/customers"], 2);
    assert.equal(stats.json.requests["GET /stores/localstore/v2/customers"], 1);
    assert.equal(stats.json.statuses["401"], 1);

    assert.equal((await api.raw("/__control/reset", { method: "POST", token: null })).status, 200);
    assert.equal(s.state.customers.size, 0);
    assert.equal((await api.v3("/customers")).json.data.length, 0);

    assert.equal((await api.raw("/__control/quota", { method: "POST", token: null, body: { quota: 1, windowMs: 60000 } })).status, 200);
    assert.equal((await api.v3("/customers")).status, 200);
    const limited = await api.v3("/customers");
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get("x-retry-after")) > 1);
    assert.equal((await api.raw("/__control/stats", { token: null })).json.rateLimited, 1);
  });
});

test("request bodies: 415 content type, 400 malformed JSON, 413 over 1 MB", TIMEOUT, async () => {
  await withStore({}, async (s, api) => {
    const noType = await api.v3("/customers", { method: "POST", body: JSON.stringify([person(1)]), headers: { "Content-Type": "text/plain" } });
    assert.equal(noType.status, 415);
    const bad = await api.v3("/customers", { method: "POST", body: "[{not json" });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.status, 400);
    const badV2 = await api.v2("/customers", { method: "POST", body: "{" });
    assert.equal(badV2.status, 400);
    assert.ok(Array.isArray(badV2.json));
    const huge = await api.v3("/customers", { method: "POST", body: JSON.stringify([{ ...person(1), notes: "x".repeat(1024 * 1024) }]) });
    assert.equal(huge.status, 413);
    assert.equal(s.state.customers.size, 0);
  });
});
