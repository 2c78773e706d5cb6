// A typed usage example, checked with `tsc --noEmit -p wasm-pkg/examples/typed` (tests/node).
// It compiles against the golden wasm-pkg/npm/index.d.ts; `@ts-expect-error` lines prove the
// types reject what the validator rejects.
import type { $ZodStandardSchema } from "zod/v4/core";
import {
  BcCustomersError,
  buildQuery,
  createCustomerLoginUrl,
  customerCreate,
  planCustomerBatches,
  schemas,
  v2ToV3Customer,
  validateJson,
  verifyCurrentCustomerToken,
  type CustomerCreate,
  type Issue,
  type OperationBodies,
  type StandardSchemaV1,
} from "bc-customers";
import { subscriberCreate, validate as validateOnly } from "bc-customers/validate";

// Payload types.
const jane: CustomerCreate = {
  email: "jane@example.com",
  first_name: "Jane",
  last_name: "Doe",
  addresses: [{ first_name: "Jane", last_name: "Doe", address1: "1 Main St", city: "Austin", country_code: "US", state_or_province: "Texas", postal_code: "78701", address_type: "residential" }],
};
// @ts-expect-error: first_name is required
const noName: CustomerCreate = { email: "a@b.co", last_name: "Doe" };
// @ts-expect-error: address_type is one of two values
const badType: CustomerCreate = { ...jane, addresses: [{ ...jane.addresses![0], address_type: "castle" }] };

// Standard Schema: results narrow on `issues`, the value has the body type.
const result = customerCreate["~standard"].validate([jane]);
if (result.issues) {
  const first: Issue = result.issues[0];
  const path: (string | number)[] = first.path;
  console.log(first.code, path);
} else {
  const body: CustomerCreate[] = result.value;
  console.log(body[0].email);
}

// Assignable to the Standard Schema interface other libraries declare (zod's copy here).
type ZodStandardSchema = { readonly "~standard": $ZodStandardSchema<any> };
function acceptsStandardSchema<S extends ZodStandardSchema>(schema: S): S {
  return schema;
}
acceptsStandardSchema(customerCreate);
acceptsStandardSchema(subscriberCreate);
type Output = StandardSchemaV1.InferOutput<typeof customerCreate>;
const out: Output = [jane];
const same: OperationBodies["v3.customers.create"] = out;

// validateJson is typed by operation id.
const r = validateJson("v3.subscribers.create", '{"email":"a@b.co"}');
if (!r.issues) console.log(r.value.email, r.value.consents?.includes("marketing_newsletter"));
// @ts-expect-error: unknown operation id
validateJson("v3.customers.delete", "[]");
console.log(schemas["v2.customers.create"].operationId, validateOnly("v3.subscribers.create", {}).issues?.length);

// Mapping, batches, queries, JWT.
try {
  const { value, lost } = v2ToV3Customer({ email: "a@b.co", store_credit: "1.5000" });
  console.log(value.store_credit_amounts, lost.map((p) => p.join(".")));
} catch (e) {
  if (e instanceof BcCustomersError) console.log(e.code, e.issues.length);
}
const plan = planCustomerBatches([jane], { operation: "v3.customers.update" });
for (const call of plan.calls) console.log(call.method, call.path, call.body[0]?.id, call.indexes);
const q = buildQuery("v3.customers", { "id:in": [1, 2], "date_created:min": "2024-01-01", include: ["addresses"], limit: 50 });
if (!q.issues) console.log(q.query.length);
// @ts-expect-error: not a parameter of this list
buildQuery("v3.addresses", { "email:in": ["a@b.co"] });
const url: string = createCustomerLoginUrl({ clientId: "c", clientSecret: "s", storeHash: "abc", customerId: 1, storefrontUrl: "https://shop.example.com" });
const me = verifyCurrentCustomerToken("a.b.c", { clientId: "c", clientSecret: "s", leeway: 30 });
console.log(url, me.customer.id, me.claims.expiresAt, noName, badType, same);
