// Entry for workerd: instantiate the wasm first, then expose the API.
import "./load-validate.workerd.mjs";

export * from "./validate.js";
