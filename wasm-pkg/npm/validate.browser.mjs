// Entry for browser: instantiate the wasm first, then expose the API.
import "./load-validate.browser.mjs";

export * from "./validate.js";
