#!/usr/bin/env node
// Local BigCommerce-compatible customers store ("local default upstream").
//
//   node edge/local-store/server.mjs --port 8788 [--seed]
//
// API:      /stores/{store_hash}/v3/...  and  /stores/{store_hash}/v2/...
// Control:  /__control/{stats,faults,reset,quota,latency,health}  (no token)
// See README.md in this folder.

import http from "node:http";
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  HttpError, MAX_BODY_BYTES, STATUS_TYPE, isJsonContentType, isObject, readBody, v2Error, v3Error, v3NotFound,
} from "./http.mjs";
import { ConcurrencyGate, FaultQueue, RateLimiter, tooManyV2, tooManyV3 } from "./limits.mjs";
import { Store } from "./store.mjs";
import { handleV2 } from "./v2.mjs";
import { handleV3 } from "./v3.mjs";

const STORE_PATH = /^\/stores\/([^/]+)\/(v2|v3)(\/.*)?$/;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function emptyStats() {
  return { total: 0, requests: {}, processed: {}, statuses: {}, rateLimited: 0, faultsApplied: 0 };
}

function resetStats(stats) {
  Object.assign(stats, emptyStats());
}

const bump = (map, key) => {
  map[key] = (map[key] ?? 0) + 1;
};

/**
 * Start the local store.
 * @returns {Promise<{url, port, v2Url, v3Url, close, state, reset, stats, setFaults, setQuota, setLatency}>}
 */
export async function startStore({
  port = 0,
  host = "127.0.0.1",
  storeHash = "localstore",
  accessToken = "local-token",
  quota = null,
  windowMs = 30_000,
  faults = null,
  latencyMs = 0,
  seed = false,
} = {}) {
  const store = new Store();
  if (seed) store.seed();
  const limiter = new RateLimiter({ quota, windowMs });
  const gate = new ConcurrencyGate();
  const faultQueue = new FaultQueue(faults);
  const stats = emptyStats();
  let latency = latencyMs;
  let baseUrl = "";

  function reset({ seed: reseed = false } = {}) {
    store.reset();
    if (reseed) store.seed();
    faultQueue.clear();
    limiter.resetWindow();
    resetStats(stats);
  }

  // ---- response writing ---------------------------------------------------

  function send(res, response, { rateHeaders = true, truncate = false } = {}) {
    if (res.destroyed || res.headersSent) return;
    const headers = { ...(rateHeaders ? limiter.headers() : {}), ...(response.headers ?? {}) };
    let payload = null;
    if (response.text !== undefined) {
      payload = Buffer.from(response.text);
    } else if (response.json !== undefined && response.status !== 204) {
      payload = Buffer.from(JSON.stringify(response.json));
      headers["Content-Type"] ??= "application/json; charset=utf-8";
    }
    if (payload) headers["Content-Length"] = String(payload.length);
    res.writeHead(response.status, headers);
    if (truncate) {
      // The full Content-Length is announced, half the body is sent, then the connection drops.
      const part = payload ? payload.subarray(0, Math.floor(payload.length / 2)) : Buffer.alloc(0);
      res.socket?.setNoDelay?.(true);
      res.write(part, () => res.socket?.destroy());
      return;
    }
    res.end(payload ?? undefined);
  }

  // ---- faults ---------------------------------------------------------------

  function faultResponse(fault, version) {
    if (fault.malformed) {
      return { status: fault.status ?? 200, text: '{"data":[{"id":1,"email":"trunc', headers: { "Content-Type": "application/json" } };
    }
    if (fault.contentType) {
      return {
        status: fault.status ?? 200,
        text: "<!DOCTYPE html><html><head><title>Upstream error</title></head><body><h1>Something went wrong</h1></body></html>",
        headers: { "Content-Type": fault.contentType },
      };
    }
    const status = fault.status ?? 500;
    const headers = {};
    if (status === 429) headers["X-Retry-After"] = String(fault.retryAfter ?? 1);
    if (fault.body !== undefined) {
      return typeof fault.body === "string"
        ? { status, text: fault.body, headers: { "Content-Type": "application/json", ...headers } }
        : { status, json: fault.body, headers };
    }
    if (status === 429) return { status, json: version === "v2" ? tooManyV2() : tooManyV3(), headers };
    const title = http.STATUS_CODES[status] ?? "Error";
    return { status, json: version === "v2" ? [{ status, message: title }] : { status, title, type: STATUS_TYPE, errors: {} }, headers };
  }

  // ---- the API pipeline -----------------------------------------------------

  async function handleApi(req, res, url, match) {
    const [, hash, version, rest = "/"] = match;
    const method = req.method;
    const versionPath = `/${version}${rest}`;
    const err = (status, message, title = message) =>
      (version === "v2" ? v2Error(status, message) : v3Error(status, title));

    const fault = faultQueue.take(method, versionPath);
    if (fault) {
      stats.faultsApplied += 1;
      if (fault.delayMs) await sleep(fault.delayMs);
      if (fault.reset) return void req.socket.destroy();
      if (fault.hang) return; // never answered; close() destroys the socket
      if (!fault.process && (fault.status || fault.malformed || fault.contentType)) {
        return finish(res, faultResponse(fault, version), { rateHeaders: !fault.omitRateLimitHeaders, truncate: fault.truncate === true });
      }
    }

    if (hash !== storeHash) {
      return finish(res, version === "v2" ? v2Error(404, "Store not found.") : v3NotFound("Store not found", url.pathname));
    }
    if (req.headers["x-auth-token"] !== accessToken) {
      return finish(res, version === "v2"
        ? v2Error(401, "You are not authorized to access this resource. Check your X-Auth-Token header.")
        : v3Error(401, "Unauthorized", { "X-Auth-Token": "The access token is missing or invalid." }));
    }
    if (!limiter.take()) {
      const retryAfter = Math.max(1, Math.ceil(limiter.resetMs() / 1000));
      return finish(res, {
        status: 429, json: version === "v2" ? tooManyV2() : tooManyV3(), headers: { "X-Retry-After": String(retryAfter) },
      });
    }
    const release = gate.enter(method, versionPath);
    if (!release) {
      return finish(res, { status: 429, json: version === "v2" ? tooManyV2() : tooManyV3(), headers: { "X-Retry-After": "1" } });
    }
    try {
      let body;
      if (method === "POST" || method === "PUT") {
        if (!isJsonContentType(req.headers["content-type"])) {
          req.resume();
          return finish(res, err(415, "Content-Type must be application/json.", "Unsupported Media Type"));
        }
        const { raw, tooLarge } = await readBody(req, MAX_BODY_BYTES);
        if (tooLarge) return finish(res, err(413, "The request body is larger than 1 MB.", "The request payload is too large."));
        try {
          body = JSON.parse(raw.toString("utf8"));
        } catch {
          return finish(res, version === "v2"
            ? v2Error(400, "The request body is not valid JSON.")
            : { status: 400, json: { status: 400, title: "Input is invalid", type: STATUS_TYPE, detail: "Syntax error" } });
        }
      } else {
        req.resume();
      }
      if (latency > 0) await sleep(latency);

      bump(stats.processed, `${method} ${url.pathname}`);
      const ctx = { method, path: rest.replace(/\/+$/, "") || "/", query: url.searchParams, body, store,
        apiBase: `${baseUrl}/stores/${storeHash}/${version}` };
      let response;
      try {
        response = version === "v3" ? handleV3(ctx) : handleV2(ctx);
      } catch (e) {
        if (!(e instanceof HttpError)) throw e;
        response = e.response;
      }
      if (fault?.process) response = faultResponse(fault, version);
      if (fault?.lateMs) await sleep(fault.lateMs);
      return finish(res, response, { rateHeaders: !fault?.omitRateLimitHeaders, truncate: fault?.truncate === true });
    } finally {
      release();
    }
  }

  function finish(res, response, opts) {
    bump(stats.statuses, String(response.status));
    if (response.status === 429) stats.rateLimited += 1;
    send(res, response, opts);
  }

  // ---- control endpoints ------------------------------------------------------

  async function handleControl(req, res, url) {
    let body = {};
    if (req.method === "POST") {
      const { raw, tooLarge } = await readBody(req, MAX_BODY_BYTES);
      if (tooLarge) return send(res, { status: 413, json: { error: "body too large" } });
      if (raw.length) {
        try {
          body = JSON.parse(raw.toString("utf8"));
        } catch {
          return send(res, { status: 400, json: { error: "malformed JSON" } });
        }
      }
      if (!isObject(body)) return send(res, { status: 400, json: { error: "body must be a JSON object" } });
    } else {
      req.resume();
    }
    const route = `${req.method} ${url.pathname}`;
    switch (route) {
      case "GET /__control/health":
        return send(res, { status: 200, json: { ok: true, storeHash } });
      case "GET /__control/stats":
        return send(res, { status: 200, json: stats });
      case "GET /__control/faults":
        return send(res, { status: 200, json: { next: faultQueue.queue } });
      case "POST /__control/faults":
        return send(res, { status: 200, json: { queued: faultQueue.set(body, { append: body.append === true }) } });
      case "POST /__control/reset":
        reset({ seed: body.seed === true });
        return send(res, { status: 200, json: { ok: true } });
      case "POST /__control/quota": {
        const q = body.quota ?? null;
        const w = body.windowMs ?? limiter.windowMs;
        if ((q !== null && !(Number.isInteger(q) && q >= 0)) || !(Number.isInteger(w) && w > 0)) {
          return send(res, { status: 400, json: { error: "quota must be null or an integer >= 0; windowMs a positive integer" } });
        }
        limiter.configure({ quota: q, windowMs: w });
        return send(res, { status: 200, json: { quota: q, windowMs: w } });
      }
      case "POST /__control/latency":
        if (!(Number.isInteger(body.latencyMs) && body.latencyMs >= 0)) {
          return send(res, { status: 400, json: { error: "latencyMs must be an integer >= 0" } });
        }
        latency = body.latencyMs;
        return send(res, { status: 200, json: { latencyMs: latency } });
      default:
        return send(res, { status: 404, json: { error: `unknown control endpoint ${route}` } });
    }
  }

  // ---- server ---------------------------------------------------------------------

  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://local");
    const work = url.pathname.startsWith("/__control/")
      ? handleControl(req, res, url)
      : (() => {
        stats.total += 1;
        bump(stats.requests, `${req.method} ${url.pathname}`);
        const match = STORE_PATH.exec(url.pathname);
        if (!match) {
          req.resume();
          return finish(res, v3NotFound("Not found", url.pathname));
        }
        return handleApi(req, res, url, match);
      })();
    Promise.resolve(work).catch((e) => {
      if (process.env.BC_LOCAL_STORE_DEBUG) console.error(e);
      finish(res, { status: 500, json: { status: 500, title: "Internal Server Error", type: STATUS_TYPE, errors: {} } });
    });
  });
  server.keepAliveTimeout = 5_000;

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const actualPort = server.address().port;
  baseUrl = `http://${host.includes(":") ? `[${host}]` : host}:${actualPort}`;

  let closing = null;
  function close() {
    closing ??= new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections(); // also ends hung requests
    });
    return closing;
  }

  return {
    url: baseUrl,
    port: actualPort,
    v2Url: `${baseUrl}/stores/${storeHash}/v2`,
    v3Url: `${baseUrl}/stores/${storeHash}/v3`,
    close,
    state: store,
    reset,
    stats,
    setFaults: (spec, opts) => faultQueue.set(spec, opts),
    setQuota: ({ quota: q = null, windowMs: w = limiter.windowMs } = {}) => limiter.configure({ quota: q, windowMs: w }),
    setLatency: (ms) => {
      latency = ms;
    },
  };
}

// ---- CLI -------------------------------------------------------------------------

function parseArgs(argv, env) {
  const opts = {
    port: Number(env.BC_LOCAL_STORE_PORT ?? 8788),
    storeHash: env.BC_LOCAL_STORE_HASH ?? "localstore",
    accessToken: env.BC_LOCAL_STORE_TOKEN ?? "local-token",
  };
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i].split("=", 2);
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case "--port": opts.port = Number(value()); break;
      case "--host": opts.host = value(); break;
      case "--store-hash": opts.storeHash = value(); break;
      case "--token": case "--access-token": opts.accessToken = value(); break;
      case "--quota": opts.quota = Number(value()); break;
      case "--window-ms": opts.windowMs = Number(value()); break;
      case "--latency-ms": opts.latencyMs = Number(value()); break;
      case "--seed": opts.seed = true; break;
      case "--help":
        console.log("usage: node edge/local-store/server.mjs [--port 8788] [--host 127.0.0.1] [--store-hash localstore] " +
          "[--token local-token] [--quota N] [--window-ms 30000] [--latency-ms 0] [--seed]");
        process.exit(0);
        break;
      default:
        console.error(`unknown option ${argv[i]}`);
        process.exit(2);
    }
  }
  if (!Number.isInteger(opts.port) || opts.port < 0) {
    console.error("invalid port");
    process.exit(2);
  }
  return opts;
}

const isMain = (() => {
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
})();

if (isMain) {
  const opts = parseArgs(process.argv.slice(2), process.env);
  const running = await startStore(opts);
  console.log(`local store listening on ${running.url}`);
  const stop = () => running.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
