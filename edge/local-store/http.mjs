// Small HTTP / formatting helpers shared by the V2 and V3 handlers.
// Handlers return plain response objects ({status, json?, text?, headers?});
// server.mjs turns them into real HTTP responses.

export const MAX_BODY_BYTES = 1024 * 1024;
export const STATUS_TYPE = "https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes";
// The customers spec examples use the relative form of the same URL.
export const CUSTOMERS_STATUS_TYPE = "/api-docs/getting-started/api-status-codes";

/** Thrown by handlers to short-circuit with a prepared response. */
export class HttpError extends Error {
  constructor(response) {
    super(`HTTP ${response.status}`);
    this.response = response;
  }
}

export const json = (status, body, headers) => ({ status, json: body, headers });
export const noContent = () => ({ status: 204 });

// ---- error bodies -------------------------------------------------------

/** V3 ErrorResponse: {status, title, type, errors: {key: string}}. */
export function v3Error(status, title, errors = {}, type = STATUS_TYPE) {
  return json(status, { status, title, type, errors });
}

/** V3 NotFound: {status, title, type, instance}. */
export function v3NotFound(title = "The requested resource was not found.", instance) {
  const body = { status: 404, title, type: STATUS_TYPE };
  if (instance) body.instance = instance;
  return json(404, body);
}

/** V2 errors are a JSON array: [{status, message, details?}]. */
export function v2Error(status, message, details) {
  const item = { status, message };
  if (details) item.details = details;
  return json(status, [item]);
}

export const fail = (response) => {
  throw new HttpError(response);
};

// ---- dates --------------------------------------------------------------

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n) => String(n).padStart(2, "0");

/** V3 style: 2018-11-13T21:42:06Z (second precision, UTC). */
export const isoDate = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/** V2 customer style (RFC 2822): Wed, 10 Jan 2018 21:02:23 +0000. */
export function rfc2822(ms) {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** V2 customer-group style: 2023-07-17 06:30:41. */
export const sqlDate = (ms) => isoDate(ms).replace("T", " ").replace("Z", "");

/**
 * Parse a date filter value. Accepts `2024-05-14`, `2024-05-14T09:34:00`
 * (read as UTC), full ISO 8601 with zone, RFC 2822 and UNIX seconds.
 * Returns {ms, dateOnly} or null when unparseable.
 */
export function parseDateFilter(value) {
  if (typeof value !== "string" || value.trim() === "") return null;
  const v = value.trim();
  if (/^\d{9,11}$/.test(v)) return { ms: Number(v) * 1000, dateOnly: false };
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const ms = Date.parse(`${v}T00:00:00Z`);
    return Number.isNaN(ms) ? null : { ms, dateOnly: true };
  }
  let candidate = v;
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(v)) candidate = `${v.replace(" ", "T")}Z`;
  const ms = Date.parse(candidate);
  return Number.isNaN(ms) ? null : { ms, dateOnly: false };
}

const DAY_MS = 86_400_000;

/**
 * Build a predicate on a millisecond timestamp for an exact/min/max filter.
 * Timestamps are compared at second precision, the precision the API exposes.
 * Exact match on a bare date matches the whole UTC day.
 */
export function dateMatcher(kind, parsed) {
  const sec = (ms) => Math.floor(ms / 1000);
  if (kind === "eq") {
    if (parsed.dateOnly) return (ms) => ms >= parsed.ms && ms < parsed.ms + DAY_MS;
    return (ms) => sec(ms) === sec(parsed.ms);
  }
  if (kind === "min") return (ms) => sec(ms) >= sec(parsed.ms);
  return (ms) => sec(ms) <= sec(parsed.ms);
}

// ---- query helpers ------------------------------------------------------

/** Split a CSV filter value (`id:in=1,2,3`). Empty items are dropped. */
export const csv = (value) => String(value).split(",").map((s) => s.trim()).filter((s) => s !== "");

export const isPositiveInt = (v) => /^\d+$/.test(String(v)) && Number(v) > 0;

/**
 * Offset pagination over an already filtered/sorted array.
 * Returns the page items and a BigCommerce `pagination` meta object.
 */
export function paginate(items, page, limit) {
  const total = items.length;
  const totalPages = Math.ceil(total / limit);
  const slice = items.slice((page - 1) * limit, page * limit);
  const links = { current: `?page=${page}&limit=${limit}` };
  if (page > 1) links.previous = `?page=${page - 1}&limit=${limit}`;
  if (page < totalPages) links.next = `?page=${page + 1}&limit=${limit}`;
  return {
    slice,
    pagination: { total, count: slice.length, per_page: limit, current_page: page, total_pages: totalPages, links },
  };
}

// ---- request body -------------------------------------------------------

/**
 * Read a request body up to `limit` bytes. Anything beyond the limit is
 * drained and discarded (so the client sees our 413 rather than a reset).
 * Resolves {raw: Buffer|null, tooLarge: boolean}.
 */
export function readBody(req, limit = MAX_BODY_BYTES) {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"]);
    let size = 0;
    let tooLarge = Number.isFinite(declared) && declared > limit;
    const chunks = [];
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
      // Give up on absurd uploads instead of draining forever.
      if (size > limit * 16) req.destroy();
    });
    req.on("end", () => resolve({ raw: tooLarge ? null : Buffer.concat(chunks), tooLarge }));
    req.on("error", reject);
  });
}

export const isJsonContentType = (value) =>
  typeof value === "string" && /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i.test(value.trim());

// ---- small value helpers -------------------------------------------------

export const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
export const str = (v) => (v == null ? "" : String(v));
export const lower = (v) => str(v).toLowerCase();
export const has = (obj, key) => Object.prototype.hasOwnProperty.call(obj, key);
