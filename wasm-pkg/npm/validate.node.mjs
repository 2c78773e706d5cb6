// Entry for node: instantiate the wasm first, then expose the API.
import "./load-validate.node.mjs";

export * from "./validate.js";
