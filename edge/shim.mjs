// Entry module of the Worker: hands each request to the Rust `fetch` handler compiled to wasm,
// and exports the `Generations` Durable Object class (edge/src/generations_do.rs), also from
// the wasm module (wrangler.toml binds it as GENERATIONS).
import { WorkerEntrypoint } from "cloudflare:workers";
import * as wasm from "./index.js";

export { Generations } from "./index.js";

export default class Edge extends WorkerEntrypoint {
  fetch(request) {
    return wasm.fetch.call(this, request, this.env, this.ctx);
  }
}
