// Instantiates the wasm synchronously from the file next to this one.
import { readFileSync } from "node:fs";
import { Buffer } from "node:buffer";
import { useNodeBuffer } from "./validation.js";
import { initSync } from "./bc_customers.js";

initSync({ module: readFileSync(new URL("./bc_customers_bg.wasm", import.meta.url)) });
useNodeBuffer(Buffer);
