// Starts the built Worker (edge/build) inside workerd through Miniflare, pointed at a fresh
// local store on 127.0.0.1. Used by every tests/workerd test.
import { Miniflare } from "miniflare";
import { startStore } from "../../edge/local-store/server.mjs";

export const STORE_TOKEN = "store-token-never-in-responses";

export async function startEdge({ bindings = {}, store: storeOptions = {} } = {}) {
  const store = await startStore({ accessToken: STORE_TOKEN, ...storeOptions });
  const mf = new Miniflare({
    modules: true,
    modulesRoot: "edge/build",
    scriptPath: "edge/build/worker.mjs",
    modulesRules: [
      { type: "ESModule", include: ["**/*.js", "**/*.mjs"] },
      { type: "CompiledWasm", include: ["**/*.wasm"] },
    ],
    compatibilityDate: "2026-04-01",
    bindings: {
      BC_API_BASE: store.url,
      BC_STORE_HASH: "localstore",
      BC_ACCESS_TOKEN: STORE_TOKEN,
      ...bindings,
    },
  });
  await mf.ready;
  return {
    store,
    mf,
    fetch: (path, init) => mf.dispatchFetch(new URL(path, "http://edge.test"), init),
    async close() {
      await mf.dispose();
      await store.close();
    },
  };
}
