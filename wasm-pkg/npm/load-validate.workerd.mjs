// Workers and workerd import .wasm files as compiled WebAssembly.Module objects.
import wasmModule from "./bc_customers_validate_bg.wasm";
import { initSync } from "./bc_customers_validate.js";

initSync({ module: wasmModule });
