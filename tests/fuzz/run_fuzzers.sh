#!/usr/bin/env bash
# Builds the libFuzzer targets (preset `fuzz`: clang, ASan+UBSan, model library
# only) and fuzzes each for a bounded time, starting from its corpus
# (tests/fuzz/corpus/<target>/) and its seed files from tests/data/.
#
#   tests/fuzz/run_fuzzers.sh [TARGET...]     e.g. csvreader gzipdevice
#
# Environment: EA_FUZZ_SECONDS (per target, default 30), EA_FUZZ_RSS_MB
# (default 2048), EA_FUZZ_TIMEOUT (seconds per input, default 10).
#
# Prints per target the executions and findings. Exits 1 if any target found
# a crash, sanitizer report, leak, timeout or out-of-memory; the reproducer
# is kept in build/fuzz/findings/ (minimise it with `-minimize_crash=1`,
# then add it to tests/fuzz/corpus/<target>/ so that it becomes a regression
# test of the default ctest run).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"

seconds=${EA_FUZZ_SECONDS:-30}
rss=${EA_FUZZ_RSS_MB:-2048}
timeout=${EA_FUZZ_TIMEOUT:-10}

CMAKE_CXX_COMPILER_LAUNCHER=ccache cmake --preset fuzz >/dev/null
cmake --build --preset fuzz

bin=build/fuzz/tests/fuzz
findings=build/fuzz/findings
mkdir -p "$findings"
if [ $# -gt 0 ]; then
    targets=("$@")
else
    targets=()
    for seeds in "$bin"/fuzz_*.seeds; do
        name=$(basename "$seeds" .seeds)
        targets+=("${name#fuzz_}")
    done
fi

# Leaks are findings (libFuzzer checks each input that allocated more than it
# freed); UBSan stops at the first report.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
# Leaks inside system libraries this project cannot fix, each with its reason
# (tests/fuzz/lsan.supp).
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$repo/tests/fuzz/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

failed=0
summary=()
for name in "${targets[@]}"; do
    exe=$bin/fuzz_$name
    if [ ! -x "$exe" ]; then
        echo "run_fuzzers: no fuzz target '$name' ($exe)" >&2
        exit 2
    fi
    # libFuzzer takes corpus directories and adds new inputs to the first:
    # a scratch copy of the seeds, so the committed corpus stays small.
    work=$(mktemp -d)
    log=$findings/$name.log
    mapfile -t seeds < "$exe.seeds"
    [ ${#seeds[@]} -eq 0 ] || cp "${seeds[@]}" "$work/"
    corpus=(tests/fuzz/corpus/$name)
    [ -d "${corpus[0]}" ] || corpus=()
    rc=0
    "$exe" -max_total_time="$seconds" -rss_limit_mb="$rss" -timeout="$timeout" \
        -print_final_stats=1 -artifact_prefix="$findings/$name-" \
        "$work" "${corpus[@]}" >"$log" 2>&1 || rc=$?
    rm -rf "$work"
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    # One run stops at its first finding; a crash, leak, timeout or OOM each
    # leave one artifact.
    found=$(grep -c '^Test unit written to ' "$log" || true)
    if [ "$rc" -ne 0 ] && [ "$found" -eq 0 ]; then
        found=1 # e.g. killed by a signal before it could write the input
    fi
    line=$(printf '%-20s %12s executions  %s findings' "$name" "${execs:-?}" "$found")
    echo "$line"
    summary+=("$line")
    if [ "$found" -ne 0 ]; then
        failed=1
        grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error|Test unit written to|ERROR: libFuzzer)' \
            "$log" | head -20 >&2 || true
        echo "    full log: $log" >&2
    fi
done

echo
echo "fuzzing summary (${seconds} s per target):"
printf '  %s\n' "${summary[@]}"
if [ "$failed" -ne 0 ]; then
    echo "run_fuzzers: FAILED: findings in $findings" >&2
    exit 1
fi
