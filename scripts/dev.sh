#!/usr/bin/env bash
# The main job: runs the edge locally on workerd (wrangler dev) at http://127.0.0.1:8787.
# Without store credentials (BC_STORE_HASH and BC_ACCESS_TOKEN in the environment or in
# .dev.vars) it also starts the built-in local store on 127.0.0.1:8788 and points the edge at it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
bash scripts/bootstrap.sh
bash scripts/build.sh pkg

port="${PORT:-8787}"
args=(dev --ip 127.0.0.1 --port "$port" --show-interactive-dev-session=false)
store_pid=""
cleanup() { [ -n "$store_pid" ] && kill "$store_pid" 2>/dev/null || true; }
trap cleanup EXIT INT TERM

has_credentials() {
  [ -n "${BC_STORE_HASH:-}" ] && [ -n "${BC_ACCESS_TOKEN:-}" ] && return 0
  [ -f .dev.vars ] && grep -q '^BC_STORE_HASH=' .dev.vars && grep -q '^BC_ACCESS_TOKEN=' .dev.vars
}

if has_credentials; then
  echo "[dev] using the store configured in the environment / .dev.vars"
  [ -n "${BC_STORE_HASH:-}" ] && args+=(--var "BC_STORE_HASH:$BC_STORE_HASH" --var "BC_ACCESS_TOKEN:$BC_ACCESS_TOKEN")
else
  store_port="${BC_LOCAL_STORE_PORT:-8788}"
  node edge/local-store/server.mjs --port "$store_port" --seed &
  store_pid=$!
  for _ in $(seq 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$store_port") 2>/dev/null && break
    sleep 0.1
  done
  echo "[dev] no store credentials: using the local store at http://127.0.0.1:$store_port"
  args+=(--var "BC_API_BASE:http://127.0.0.1:$store_port" --var BC_STORE_HASH:localstore
         --var BC_ACCESS_TOKEN:local-token)
fi

# Dev-only app and edge credentials, unless given in the environment or .dev.vars.
dev_key="${EDGE_DEV_API_KEY:-dev-key-0123456789abcdef}"
has_var() { [ -n "${!1:-}" ] || { [ -f .dev.vars ] && grep -q "^$1=" .dev.vars; }; }
dev_var() { # NAME DEFAULT: from the environment, else .dev.vars (read by wrangler), else DEFAULT
  if [ -n "${!1:-}" ]; then args+=(--var "$1:${!1}")
  elif ! has_var "$1"; then args+=(--var "$1:$2"); fi
}
dev_var EDGE_API_KEYS "$dev_key"
dev_var BC_CLIENT_ID dev-client-id
dev_var BC_CLIENT_SECRET dev-client-secret
dev_var BC_STOREFRONT_URL http://localhost:3000
dev_var BC_WEBHOOK_SECRET dev-webhook-secret-0123456789   # X-Edge-Webhook-Secret of POST /webhooks/bigcommerce

echo "[dev] edge: http://127.0.0.1:$port/  (Ctrl-C stops it)"
has_var EDGE_API_KEYS || echo "[dev] dev API key: $dev_key   (curl -H 'authorization: Bearer $dev_key' ...)"
has_var BC_CLIENT_SECRET || echo "[dev] shopper tokens for /me: HS256 with client secret 'dev-client-secret', aud 'dev-client-id'"
wrangler "${args[@]}"
