#!/usr/bin/env python3
"""Import speed and memory: egress-auditor-cli import vs the sqlite3 shell's raw .import,
and import + `destinations --all` end to end vs DuckDB.

Alternates, in the same session, ROUNDS runs of
  A) sqlite3 NEW.db with its default settings: `.mode csv` + `.import FILE t`
     (the raw text load: nothing parsed or classified),
  B) egress-auditor-cli import --case NEW.eacase FILE
     (parse, classify, store, aggregate, index for drill-down), then
     egress-auditor-cli destinations --case NEW.eacase --all (every destination), and
  C) DuckDB (npm @duckdb/node-api, installed with `npm ci` from this folder's
     package-lock.json when node and npm exist): read_csv + GROUP BY dst_addr with
     each destination's count and first/last time -- the same answer as B,
each into a new database, and prints the median wall time and CPU time (user+sys,
from os.wait4's rusage) of each, peak RSS, and the targets of issue 10:
  - import CPU <= 0.6 x the CPU of sqlite3 .import on the same file,
  - import + destinations --all wall <= DuckDB's,
  - peak RSS <= 256 MiB (--target memory: the 10M-row, 1.2M-destination file).
The line "ratio ours / raw" keeps its earlier meaning (wall, target <= 0.5).
Without node/npm (or with --no-duckdb) the DuckDB lines say so and nothing fails.

Usage: bench_import.py --cli PATH --data FILE [--rounds N] [--sqlite3 PATH]
                       [--target time|memory] [--duckdb-dir DIR] [--no-duckdb]
"""
import argparse
import filecmp
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CPU_TARGET = 0.6
RSS_TARGET_MIB = 256
DUCKDB_FILES = ("package.json", "package-lock.json", "duckdb_destinations.mjs")


class Run:
    """One child process: wall seconds, CPU seconds (user, sys) and peak RSS in MiB."""

    def __init__(self, wall, user, sys_, rss):
        self.wall, self.user, self.sys, self.rss = wall, user, sys_, rss

    @property
    def cpu(self):
        return self.user + self.sys


def run(argv, cwd=None):
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit("%s exited with %d: %s" % (argv[0], code, err.strip()))
    return Run(elapsed, usage.ru_utime, usage.ru_stime, usage.ru_maxrss / 1024.0)


def prepare_duckdb(folder):
    """Installs @duckdb/node-api into FOLDER; returns None when ready, else why not."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        return ("node/npm not found on PATH (with them, `npm ci` installs the "
                "@duckdb/node-api pinned in tests/bench/package-lock.json)")
    os.makedirs(folder, exist_ok=True)
    stamp = os.path.join(folder, "node_modules", ".ea-bench-lock")
    lock = os.path.join(HERE, "package-lock.json")
    for name in DUCKDB_FILES:
        shutil.copyfile(os.path.join(HERE, name), os.path.join(folder, name))
    if os.path.exists(stamp) and filecmp.cmp(stamp, lock, shallow=False):
        return None
    proc = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=folder,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if proc.returncode != 0:
        last = proc.stderr.decode(errors="replace").strip().splitlines()[-1:]
        return "npm ci failed in %s (%s)" % (folder, " ".join(last))
    shutil.copyfile(lock, stamp)
    return None


def median(runs, attr):
    return statistics.median(getattr(r, attr) for r in runs)


def verdict(ok):
    return "met" if ok else "NOT met"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--sqlite3", default="sqlite3")
    # "time": the wall-ratio verdict of the 1,000,000-row run; "memory": the
    # peak-RSS verdict (the 10M-row, 1.2M-destination file of issue 10).
    ap.add_argument("--target", choices=["time", "memory"], default="time")
    ap.add_argument("--duckdb-dir", help="where npm installs DuckDB "
                    "(default: duckdb-node beside the data file)")
    ap.add_argument("--no-duckdb", action="store_true")
    args = ap.parse_args()

    size = os.path.getsize(args.data)
    with open(args.data, "rb") as f:
        rows = sum(1 for _ in f) - 1
    duck_dir = args.duckdb_dir or os.path.join(os.path.dirname(os.path.abspath(args.data)),
                                               "duckdb-node")
    duck_missing = "--no-duckdb given" if args.no_duckdb else prepare_duckdb(duck_dir)
    raw_runs, ours_runs, list_runs, duck_runs = [], [], [], []
    with tempfile.TemporaryDirectory(prefix="ea-bench-") as tmp:
        for i in range(args.rounds):
            db = os.path.join(tmp, "raw%d.db" % i)
            raw_runs.append(run([args.sqlite3, db, "-cmd", ".mode csv",
                                 ".import %s conn" % args.data]))
            os.remove(db)
            case = os.path.join(tmp, "case%d.eacase" % i)
            ours_runs.append(run([args.cli, "import", "--case", case, args.data]))
            list_runs.append(run([args.cli, "destinations", "--case", case, "--all"]))
            os.remove(case)
            if not duck_missing:
                duck_runs.append(run(["node", os.path.join(duck_dir, "duckdb_destinations.mjs"),
                                      os.path.abspath(args.data)], cwd=duck_dir))

    raw, ours = median(raw_runs, "wall"), median(ours_runs, "wall")
    raw_cpu, ours_cpu = median(raw_runs, "cpu"), median(ours_runs, "cpu")
    peak = max(r.rss for r in ours_runs)
    print("input                      : %s (%d rows, %.1f MiB)" % (args.data, rows, size / 2**20))
    print("rounds                     : %d, alternating; medians below" % args.rounds)
    print("sqlite3 .import (raw text) : %6.2f s  peak RSS %6.1f MiB   <- reference"
          % (raw, max(r.rss for r in raw_runs)))
    print("egress-auditor-cli import  : %6.2f s  peak RSS %6.1f MiB" % (ours, peak))
    if args.target == "time":
        print("ratio ours / raw           : %6.2f    (target <= 0.50: %s)"
              % (ours / raw, verdict(ours <= 0.5 * raw)))
    else:
        print("ratio ours / raw           : %6.2f    (for information)" % (ours / raw))
        print("peak RSS (ours)            : %6.1f MiB (target <= %d MiB: %s)"
              % (peak, RSS_TARGET_MIB, verdict(peak <= RSS_TARGET_MIB)))
    print("rows/s (ours)              : %.0f" % (rows / ours))
    print("sqlite3 .import CPU        : %6.2f s  (user %.2f + sys %.2f)   <- reference"
          % (raw_cpu, median(raw_runs, "user"), median(raw_runs, "sys")))
    print("egress-auditor-cli import CPU: %6.2f s  (user %.2f + sys %.2f)"
          % (ours_cpu, median(ours_runs, "user"), median(ours_runs, "sys")))
    print("CPU ratio ours / raw       : %6.2f    (target <= %.2f: %s)"
          % (ours_cpu / raw_cpu, CPU_TARGET, verdict(ours_cpu <= CPU_TARGET * raw_cpu)))

    # End to end: the same answer (every destination with its count and first and
    # last time) from the same file; ours is import + listing, per round.
    e2e = [Run(a.wall + b.wall, a.user + b.user, a.sys + b.sys, max(a.rss, b.rss))
           for a, b in zip(ours_runs, list_runs)]
    e2e_wall, e2e_cpu = median(e2e, "wall"), median(e2e, "cpu")
    print("end-to-end ours            : %6.2f s wall  %6.2f s CPU  (import + destinations --all;"
          " the listing alone %.2f s wall)" % (e2e_wall, e2e_cpu, median(list_runs, "wall")))
    if duck_missing:
        print("end-to-end DuckDB          : not measured: %s" % duck_missing)
        return
    duck_wall, duck_cpu = median(duck_runs, "wall"), median(duck_runs, "cpu")
    print("end-to-end DuckDB          : %6.2f s wall  %6.2f s CPU  peak RSS %6.1f MiB"
          "  (node @duckdb/node-api: read_csv + GROUP BY dst_addr)   <- reference"
          % (duck_wall, duck_cpu, max(r.rss for r in duck_runs)))
    print("end-to-end ratio ours / DuckDB: %6.2f wall, %.2f CPU  (target wall <= 1.00: %s)"
          % (e2e_wall / duck_wall, e2e_cpu / duck_cpu, verdict(e2e_wall <= duck_wall)))


if __name__ == "__main__":
    main()
