#!/usr/bin/env bash
# Edge benchmark: Rust Worker vs JavaScript Worker in one workerd (see run.mjs). Installs wrk
# from Debian if missing. Needs the built Worker: bash scripts/build.sh edge.
#   bash edge/bench/run.sh            # EDGE_BUILD_DIR=... to benchmark a copy of edge/build
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y wrk; else sudo apt-get install -y wrk; fi
fi
[ -f "${EDGE_BUILD_DIR:-edge/build}/index_bg.wasm" ] || { echo "no built Worker: run bash scripts/build.sh edge" >&2; exit 1; }
exec timeout 600 node edge/bench/run.mjs "$@"
