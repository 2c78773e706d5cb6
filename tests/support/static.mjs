// A tiny static file server on 127.0.0.1 for browser tests: maps URL prefixes to folders, and
// optional fake endpoints (`routes`: {"POST /signup": (json) => ({status, body})}).
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";

const TYPES = { ".html": "text/html", ".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css" };

export async function serveStatic(mounts, routes = {}) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const route = routes[`${req.method} ${path}`];
    if (route) {
      const chunks = [];
      for await (const c of req) chunks.push(c);
      let json;
      try {
        json = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        json = undefined;
      }
      const { status = 200, body = {} } = await route(json);
      res.writeHead(status, { "content-type": "application/json" });
      return res.end(JSON.stringify(body));
    }
    for (const [prefix, dir] of Object.entries(mounts)) {
      if (!path.startsWith(prefix)) continue;
      let rel = normalize(path.slice(prefix.length)).replace(/^(\.\.[/\\])+/, "");
      if (rel === "" || rel.endsWith("/") || rel === ".") rel = join(rel, "index.html");
      try {
        const data = await readFile(join(dir, rel));
        res.writeHead(200, { "content-type": TYPES[extname(rel)] ?? "application/octet-stream" });
        return res.end(data);
      } catch {
        /* try the next mount */
      }
    }
    res.writeHead(404).end();
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}
