#!/usr/bin/env bash
# Quick start, command 1: install what is missing, build (Release) and run the
# app on the bundled sample export. Without a display it prints what the CLI
# finds in the sample instead.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"

bash installer/install-deps.sh
cmake --preset release
cmake --build --preset release

sample="$repo/resources/sample/connections.csv"
bin="$repo/build/release/app"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ "${QT_QPA_PLATFORM:-}" != offscreen ]; then
    exec "$bin/egress-auditor" "$sample"
fi

echo "No display: classifying the distinct destinations of $sample" >&2
# dst_addr is the sixth column of the sample; no address in it holds a comma.
tail -n +2 "$sample" | cut -d, -f6 | tr -d '"' | sort -u | "$bin/egress-auditor-cli" classify
