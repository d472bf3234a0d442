#!/usr/bin/env python3
"""Import speed and memory: egress-auditor-cli import vs the sqlite3 shell's raw .import.

Alternates, in the same session, ROUNDS runs of
  A) sqlite3 NEW.db with its default settings: `.mode csv` + `.import FILE t`
     (the raw text load: nothing parsed or classified), and
  B) egress-auditor-cli import --case NEW.eacase FILE
     (parse, classify, store, aggregate, index for drill-down),
each into a new database, and prints the median wall time of each, their ratio
(target: B <= 0.5 x A) and each one's peak RSS (os.wait4 reports it per child).

Usage: bench_import.py --cli PATH --data FILE [--rounds N] [--sqlite3 PATH]
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time


def run(argv, stdin=None):
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit("%s exited with %d: %s" % (argv[0], code, err.strip()))
    return elapsed, usage.ru_maxrss / 1024.0  # MiB


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--sqlite3", default="sqlite3")
    # The time target is set for 1,000,000 rows; the 10,000,000-row run checks
    # peak memory (< 256 MiB) and prints its time for information.
    ap.add_argument("--target", choices=["time", "memory"], default="time")
    args = ap.parse_args()

    size = os.path.getsize(args.data)
    with open(args.data, "rb") as f:
        rows = sum(1 for _ in f) - 1
    raw_times, raw_rss, ours_times, ours_rss = [], [], [], []
    with tempfile.TemporaryDirectory(prefix="ea-bench-") as tmp:
        for i in range(args.rounds):
            db = os.path.join(tmp, "raw%d.db" % i)
            t, rss = run([args.sqlite3, db, "-cmd", ".mode csv", ".import %s conn" % args.data])
            raw_times.append(t)
            raw_rss.append(rss)
            os.remove(db)
            case = os.path.join(tmp, "case%d.eacase" % i)
            t, rss = run([args.cli, "import", "--case", case, args.data])
            ours_times.append(t)
            ours_rss.append(rss)
            os.remove(case)

    raw = statistics.median(raw_times)
    ours = statistics.median(ours_times)
    print("input                      : %s (%d rows, %.1f MiB)" % (args.data, rows, size / 2**20))
    print("rounds                     : %d, alternating; medians below" % args.rounds)
    print("sqlite3 .import (raw text) : %6.2f s  peak RSS %6.1f MiB   <- reference" % (raw, max(raw_rss)))
    print("egress-auditor-cli import  : %6.2f s  peak RSS %6.1f MiB" % (ours, max(ours_rss)))
    if args.target == "time":
        print("ratio ours / raw           : %6.2f    (target <= 0.50: %s)"
              % (ours / raw, "met" if ours <= 0.5 * raw else "NOT met"))
    else:
        print("ratio ours / raw           : %6.2f    (for information)" % (ours / raw))
        peak = max(ours_rss)
        print("peak RSS (ours)            : %6.1f MiB (target < 256 MiB: %s)"
              % (peak, "met" if peak < 256 else "NOT met"))
    print("rows/s (ours)              : %.0f" % (rows / ours))


if __name__ == "__main__":
    main()
