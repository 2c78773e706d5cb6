// Entry for node: instantiate the wasm first, then expose the API.
import "./load.node.mjs";

export * from "./api.js";
