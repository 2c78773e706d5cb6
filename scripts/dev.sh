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

echo "[dev] edge: http://127.0.0.1:$port/  (Ctrl-C stops it)"
wrangler "${args[@]}"
