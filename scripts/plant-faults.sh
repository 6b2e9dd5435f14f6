#!/usr/bin/env bash
# Plants deliberate faults in attribution, statistics, sampling, closure, sensors and prediction,
# one at a time, and prints which test caught each (scripts/plant_faults.py holds the list).
# On demand, not in CI: it rebuilds and reruns tests once per fault (about 4 minutes on a built
# tree with 2 cores).
#   scripts/plant-faults.sh [--build DIR] [--only TEXT]
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -f build/build.ninja ]] || scripts/setup.sh
exec python3 scripts/plant_faults.py "$@"
