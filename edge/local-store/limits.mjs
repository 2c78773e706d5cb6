// Rate limiting (per-store quota per fixed window), per-endpoint concurrency
// limits and the injectable fault queue.

import { STATUS_TYPE } from "./http.mjs";

// Reported as the quota when none is enforced, so clients that pace on
// X-Rate-Limit-Requests-Left never slow down against the local store.
export const UNLIMITED_QUOTA = 1_000_000;

export class RateLimiter {
  constructor({ quota = null, windowMs = 30_000, clock = Date.now } = {}) {
    this.clock = clock;
    this.configure({ quota, windowMs });
  }

  configure({ quota = null, windowMs = 30_000 }) {
    this.quota = quota;
    this.windowMs = windowMs;
    this.resetWindow();
  }

  resetWindow() {
    this.windowStart = null;
    this.used = 0;
  }

  roll(now) {
    if (this.windowStart === null || now >= this.windowStart + this.windowMs) {
      this.windowStart = now;
      this.used = 0;
    }
  }

  /** Count one request. Returns false (and counts nothing) when the quota is exhausted. */
  take() {
    const now = this.clock();
    this.roll(now);
    if (this.quota !== null && this.used >= this.quota) return false;
    this.used += 1;
    return true;
  }

  resetMs() {
    const now = this.clock();
    if (this.windowStart === null || now >= this.windowStart + this.windowMs) return this.windowMs;
    return this.windowStart + this.windowMs - now;
  }

  headers() {
    const quota = this.quota ?? UNLIMITED_QUOTA;
    return {
      "X-Rate-Limit-Requests-Left": String(Math.max(0, quota - this.used)),
      "X-Rate-Limit-Time-Reset-Ms": String(this.resetMs()),
      "X-Rate-Limit-Time-Window-Ms": String(this.windowMs),
      "X-Rate-Limit-Requests-Quota": String(quota),
    };
  }
}

/** BigCommerce's documented 429 body (validate-credentials example). */
export const tooManyV3 = () => ({ status: 429, title: "Too many requests", type: STATUS_TYPE, errors: {} });
export const tooManyV2 = () => [{ status: 429, message: "Too many requests" }];

// Documented per-endpoint concurrency limits (SUMMARY §2). Key: "METHOD /vN/path".
const CONCURRENCY = {
  "PUT /v3/customers": 3,
  "PUT /v3/customers/addresses": 3,
  "POST /v3/customers/addresses": 10,
  "POST /v3/customers/attributes": 3,
  "PUT /v3/customers/attributes": 3,
  "PUT /v3/customers/attribute-values": 3,
  "PUT /v3/customers/form-field-values": 10,
  "GET /v2/customer_groups": 40,
  "POST /v2/customer_groups": 40,
  "DELETE /v2/customer_groups/*": 40,
};

export class ConcurrencyGate {
  constructor() {
    this.inFlight = new Map();
  }

  static keyFor(method, versionPath) {
    const key = `${method} ${versionPath}`;
    if (CONCURRENCY[key]) return key;
    const wildcard = key.replace(/\/\d+$/, "/*");
    return CONCURRENCY[wildcard] ? wildcard : null;
  }

  /** Try to enter; returns a release function, or null when the limit is reached. */
  enter(method, versionPath) {
    const key = ConcurrencyGate.keyFor(method, versionPath);
    if (!key) return () => {};
    const current = this.inFlight.get(key) ?? 0;
    if (current >= CONCURRENCY[key]) return null;
    this.inFlight.set(key, current + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight.set(key, this.inFlight.get(key) - 1);
    };
  }
}

/**
 * Fault queue. Each fault applies to one request (the first queued fault whose
 * optional `method`/`path` match). Supported fault fields:
 *   status        respond with this status (BigCommerce-like error body)
 *   hang          never respond (until the server closes)
 *   malformed     respond with truncated JSON (status defaults to 200)
 *   contentType   respond with this content type and an HTML body (status defaults to 200)
 *   reset         destroy the socket without a response
 *   delayMs       wait before handling (combines with the others or alone)
 *   body          explicit response body (string or JSON) for `status`
 *   retryAfter    X-Retry-After seconds for a 429 (default 1)
 *   omitRateLimitHeaders  leave out X-Rate-Limit-* (platform overload 429)
 *   process       run the real handler first, then replace its response
 *   truncate      announce the full Content-Length, send half the body, drop the connection
 *                 (alone: the request is processed, so a write happens; with `status`: that
 *                 fault's body is cut)
 *   lateMs        process the request, then wait this long before answering (a write that
 *                 happens although the client timed out)
 *   method, path  only match this method / path below /stores/{hash} (e.g. "/v3/customers")
 */
export class FaultQueue {
  constructor(initial) {
    this.queue = [];
    if (initial) this.set(initial);
  }

  set(spec, { append = false } = {}) {
    const list = Array.isArray(spec) ? spec : Array.isArray(spec?.next) ? spec.next : [];
    const valid = list.filter((f) => f && typeof f === "object");
    this.queue = append ? [...this.queue, ...valid] : valid;
    return this.queue.length;
  }

  clear() {
    this.queue = [];
  }

  /** Remove and return the first fault matching this request, if any. */
  take(method, versionPath) {
    const i = this.queue.findIndex((f) =>
      (!f.method || String(f.method).toUpperCase() === method) && (!f.path || f.path === versionPath));
    return i === -1 ? null : this.queue.splice(i, 1)[0];
  }
}
