// Customer sign-up validated live with `bc-customers/validate` (the small wasm module) and
// submitted through the edge: the customer to `POST /signup` (anonymous, rate limited, checked
// again with `v3.customers.create`), the newsletter consent to `POST /v3/customers/subscribers`.
import { customerCreate, subscriberCreate, countries } from "/pkg/validate.browser.mjs";

const form = document.getElementById("signup");
const status = document.getElementById("status");
const country = document.getElementById("country_code");
const FIELDS = ["first_name", "last_name", "email", "address1", "city", "country_code", "state_or_province", "postal_code"];

for (const c of countries()) country.add(new Option(c.name, c.code, false, c.code === "US"));

function stateHint() {
  const c = countries().find((x) => x.code === country.value);
  document.getElementById("state-hint").textContent = c?.requiresState ? "(required)" : "(optional)";
}
country.addEventListener("change", stateHint);
stateHint();

const text = (name) => new FormData(form).get(name)?.toString().trim() ?? "";

/** One V3 customer with one address, as `POST /v3/customers` takes it (inside an array). */
function customer() {
  const address = { first_name: text("first_name"), last_name: text("last_name"), address1: text("address1"), city: text("city"), country_code: text("country_code") };
  for (const key of ["state_or_province", "postal_code"]) if (text(key)) address[key] = text(key);
  return { email: text("email"), first_name: text("first_name"), last_name: text("last_name"), addresses: [address] };
}

// Issue paths are arrays of keys and indexes ([0, "addresses", 0, "city"]); the field is the
// last key that names an input (address names go to the shared name inputs).
function fieldOf(path) {
  const keys = (Array.isArray(path) ? path : String(path).split(/[.[\]]+/)).filter((k) => typeof k === "string" && k);
  return keys.reverse().find((k) => FIELDS.includes(k));
}

function show(issues, touched) {
  for (const name of FIELDS) {
    const issue = issues.find((i) => fieldOf(i.path) === name);
    const visible = Boolean(issue) && touched.has(name);
    document.getElementById(`${name}-error`).textContent = visible ? issue.message : "";
    document.getElementById(name).setAttribute("aria-invalid", visible ? "true" : "false");
  }
}

const touched = new Set();
const check = () => customerCreate["~standard"].validate([customer()]);
const refresh = () => show(check().issues ?? [], touched);

form.addEventListener("input", (e) => {
  if (e.target.name) touched.add(e.target.name);
  refresh();
});
form.addEventListener("focusout", (e) => {
  if (e.target.name) touched.add(e.target.name);
  refresh();
});

async function post(path, body) {
  const res = await fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const json = await res.json().catch(() => ({}));
  return { res, json };
}

form.addEventListener("submit", async (e) => {
  e.preventDefault();
  for (const name of FIELDS) touched.add(name);
  const result = check();
  if (result.issues) {
    show(result.issues, touched);
    status.textContent = "Please fix the fields above.";
    return;
  }
  status.textContent = "Sending…";
  const { res, json } = await post("/signup", result.value[0]);
  if (!res.ok) {
    show(json.issues ?? [], touched);
    status.textContent = json.title ?? `Sign-up failed (${res.status})`;
    return;
  }
  let note = "";
  if (document.getElementById("consent").checked) {
    const sub = subscriberCreate["~standard"].validate({ email: text("email"), first_name: text("first_name"), last_name: text("last_name"), source: "storefront", consents: ["marketing_newsletter"] });
    const answer = sub.value ? await post("/v3/customers/subscribers", sub.value) : { res: { ok: false } };
    note = answer.res.ok ? " You are subscribed to the newsletter." : " (The newsletter subscription did not go through.)";
  }
  status.textContent = `Welcome, ${text("first_name")}! Your account is created.${note}`;
  form.reset();
  country.value = "US";
  touched.clear();
});
