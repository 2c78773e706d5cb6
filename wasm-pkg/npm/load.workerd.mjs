// Workers and workerd import .wasm files as compiled WebAssembly.Module objects.
import wasmModule from "./bc_customers_bg.wasm";
import { initSync } from "./bc_customers.js";

initSync({ module: wasmModule });
