#!/usr/bin/env bash
# Sets everything up, then profiles a built-in network (the main job).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec build/src/cli/synergy profile "${1:-alexnet}" "${@:2}"
