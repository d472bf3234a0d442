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
    # The import dialog shows the detected formats first; Import loads all three.
    exec "$bin/egress-auditor" "$sample" "$repo/resources/sample/processes.csv" \
        "$repo/resources/sample/hosts.csv"
fi

echo "No display: importing the bundled sample into a temporary case instead." >&2
case_dir=$(mktemp -d)
trap 'rm -rf "$case_dir"' EXIT
"$bin/egress-auditor-cli" import --case "$case_dir/sample.eacase" \
    "$repo/resources/sample/connections.csv" "$repo/resources/sample/processes.csv" \
    "$repo/resources/sample/hosts.csv"
echo
echo "External destinations in the sample:"
"$bin/egress-auditor-cli" destinations --case "$case_dir/sample.eacase" --format table
