#!/usr/bin/env bash
# Quick start, command 2: install what is missing, build (Debug with address
# and undefined-behaviour sanitizers, warnings as errors), run every test,
# then fuzz the parsers for a bounded time (tests/fuzz/run_fuzzers.sh).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"

bash installer/install-deps.sh
export QT_QPA_PLATFORM=offscreen
cmake --preset asan -DEA_WARNINGS_AS_ERRORS=ON
cmake --build --preset asan
ctest --preset asan
# Then fuzz every parser for a bounded time (clang + libFuzzer, its own build
# tree): about 30 s per target, fails on any finding.
bash tests/fuzz/run_fuzzers.sh
