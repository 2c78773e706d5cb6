// Entry for workerd: instantiate the wasm first, then expose the API.
import "./load.workerd.mjs";

export * from "./api.js";
