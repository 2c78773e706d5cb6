// Live validation with the bc-customers package; submits through the edge.
import { subscriberCreate } from "/pkg/index.browser.mjs";

const form = document.getElementById("signup");
const status = document.getElementById("status");

function body() {
  const data = new FormData(form);
  const out = { email: data.get("email").trim(), source: "storefront" };
  const first = data.get("first_name").trim();
  if (first) out.first_name = first;
  out.consents = data.get("consent") ? ["marketing_newsletter"] : [];
  return out;
}

function show(issues, touched) {
  for (const el of form.querySelectorAll(".error")) {
    const field = el.dataset.for;
    const issue = issues.find((i) => i.path[0] === field);
    const visible = issue && touched.has(field);
    el.textContent = visible ? issue.message : "";
    document.getElementById(field).setAttribute("aria-invalid", visible ? "true" : "false");
  }
}

const touched = new Set();
const check = () => subscriberCreate["~standard"].validate(body());

form.addEventListener("input", (e) => {
  touched.add(e.target.name);
  show(check().issues ?? [], touched);
});
form.addEventListener("focusout", (e) => {
  if (e.target.name) touched.add(e.target.name);
  show(check().issues ?? [], touched);
});

form.addEventListener("submit", async (e) => {
  e.preventDefault();
  for (const el of form.elements) if (el.name) touched.add(el.name);
  const result = check();
  if (result.issues) {
    show(result.issues, touched);
    status.textContent = "Please fix the fields above.";
    return;
  }
  status.textContent = "Sending…";
  const res = await fetch("/v3/customers/subscribers", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(result.value),
  });
  if (res.ok) {
    status.textContent = "Subscribed. Thank you!";
    form.reset();
    touched.clear();
  } else {
    const problem = await res.json().catch(() => ({}));
    show((problem.issues ?? []).map((i) => ({ ...i, path: [i.path.split(/[.[]/)[0]] })), touched);
    status.textContent = problem.title ?? `Failed (${res.status})`;
  }
});
