// Entry module of the Worker: hands each request to the Rust `fetch` handler compiled to wasm,
// and exports the Durable Object classes, also from the wasm module: `Generations`
// (edge/src/generations_do.rs, bound as GENERATIONS), `Quota` (edge/src/quota_do.rs, QUOTA) and
// `Coalescer` (edge/src/coalesce_do.rs, COALESCER); see wrangler.toml.
import { WorkerEntrypoint } from "cloudflare:workers";
import * as wasm from "./index.js";

export { Generations, Quota, Coalescer } from "./index.js";

export default class Edge extends WorkerEntrypoint {
  fetch(request) {
    return wasm.fetch.call(this, request, this.env, this.ctx);
  }
}
