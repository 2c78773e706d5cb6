// Converts BigCommerce's `customer_Post` (customers.v3.yml) into a JSON Schema for ajv: $refs
// inlined, OpenAPI-only keywords dropped, `nullable` turned into a null type, wrapped in the
// 1..10 array that `POST /v3/customers` takes.
import { readFileSync } from "node:fs";
import yaml from "js-yaml";

const SPEC = new URL("../../../shared/reference/bigcommerce/customers.v3.yml", import.meta.url);

function convert(node, schemas, depth = 0) {
  if (Array.isArray(node)) return node.map((n) => convert(n, schemas, depth));
  if (!node || typeof node !== "object") return node;
  if (node.$ref) {
    if (depth > 20) return {};
    return convert(schemas[node.$ref.split("/").pop()], schemas, depth + 1);
  }
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (["description", "example", "examples", "title", "nullable", "readOnly", "writeOnly", "deprecated", "externalDocs", "xml"].includes(k) || k.startsWith("x-")) continue;
    out[k] = convert(v, schemas, depth);
  }
  if (node.nullable && typeof out.type === "string") out.type = [out.type, "null"];
  return out;
}

export function customerCreateJsonSchema(specPath = SPEC) {
  const doc = yaml.load(readFileSync(specPath, "utf8"));
  const schemas = doc.components.schemas;
  return { type: "array", minItems: 1, maxItems: 10, items: convert(schemas.customer_Post, schemas) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(customerCreateJsonSchema(), null, 2));
}
