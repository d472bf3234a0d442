#!/usr/bin/env bash
# Quick start, command 2: install what is missing, build (Debug with address
# and undefined-behaviour sanitizers, warnings as errors) and run every test.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"

bash installer/install-deps.sh
export QT_QPA_PLATFORM=offscreen
cmake --preset asan -DEA_WARNINGS_AS_ERRORS=ON
cmake --build --preset asan
ctest --preset asan
