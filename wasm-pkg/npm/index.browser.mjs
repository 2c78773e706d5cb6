// Entry for browser: instantiate the wasm first, then expose the API.
import "./load.browser.mjs";

export * from "./api.js";
