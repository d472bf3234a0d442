#!/usr/bin/env bash
# The workbench benchmark of issue 10: builds (or reuses) two cases from
# ../shared/tools/gen_connections.py --seed 7 and runs gui_benchmark on each.
# Usage: EA_GUI_BENCH=path/to/gui_benchmark EA_BENCH_CLI=path/to/egress-auditor-cli \
#        tests/bench/gui_benchmark.sh
# (the `gui-benchmark` CMake target sets the paths; build Release for real numbers).
# EA_GUI_BENCH_ROWS changes the size (default 10000000, as the issue specifies;
# the second case then has 12% of the rows as distinct destinations, 1200000
# at 10M). Cases are kept in EA_BENCH_DIR and reused; EA_GUI_BENCH_REBUILD=1
# imports them again (after a change to the import or the schema).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
gen="${EA_GEN_CONNECTIONS:-$repo/../shared/tools/gen_connections.py}"
rows="${EA_GUI_BENCH_ROWS:-10000000}"
work="${EA_BENCH_DIR:-${TMPDIR:-/tmp}/egress-auditor-bench}"
bench="${EA_GUI_BENCH:?set EA_GUI_BENCH to the gui_benchmark binary}"
cli="${EA_BENCH_CLI:?set EA_BENCH_CLI to egress-auditor-cli}"
mkdir -p "$work"
[ -f "$gen" ] || { echo "gui_benchmark: generator not found at $gen (set EA_GEN_CONNECTIONS)" >&2; exit 1; }

# case NAME GENERATOR-ARGS...: prints the path of the case, built if missing.
build_case() {
    local name=$1; shift
    local csv="$work/connections-$name.csv" case="$work/case-$name.eacase"
    if [ "${EA_GUI_BENCH_REBUILD:-0}" = 1 ]; then rm -f "$case"; fi
    if [ ! -s "$case" ]; then
        if [ ! -s "$csv" ]; then
            echo "generating $name into $csv ..." >&2
            python3 "$gen" "$@" > "$csv.tmp"
            mv "$csv.tmp" "$csv"
        fi
        echo "importing $csv into $case ..." >&2
        rm -f "$case.tmp"
        /usr/bin/time -f "import: %e s wall, %U+%S s CPU, peak RSS %M KiB" \
            "$cli" import --case "$case.tmp" "$csv" >&2
        mv "$case.tmp" "$case"
    fi
    echo "$case"
}

destinations=$((rows * 12 / 100))
first=$(build_case "$rows-seed7" --rows "$rows" --seed 7)
second=$(build_case "$rows-d$destinations-seed7" --rows "$rows" --seed 7 --destinations "$destinations")
for c in "$first" "$second"; do
    echo
    QT_QPA_PLATFORM=offscreen "$bench" --case "$c" --cli "$cli"
done
