// Entry module of the Worker: hands each request to the Rust `fetch` handler compiled to wasm.
import { WorkerEntrypoint } from "cloudflare:workers";
import * as wasm from "./index.js";

export default class Edge extends WorkerEntrypoint {
  fetch(request) {
    return wasm.fetch.call(this, request, this.env, this.ctx);
  }
}
