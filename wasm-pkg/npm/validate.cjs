// CommonJS entry: Node >= 20.19 loads ES modules through require() (no top-level await here).
module.exports = require("./validate.node.mjs");
