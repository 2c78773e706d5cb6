// Fetches and instantiates the wasm next to this file (top-level await: done before first use).
// Bundlers such as Vite see the `new URL(..., import.meta.url)` and ship the .wasm as an asset.
import init from "./bc_customers.js";

await init({ module_or_path: new URL("./bc_customers_bg.wasm", import.meta.url) });
