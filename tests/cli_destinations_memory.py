#!/usr/bin/env python3
"""`egress-auditor-cli destinations` streams: many destinations need no more memory than few.

Makes a case with the CLI, fills it with SMALL and with MANY distinct destinations (rows
inserted directly with sqlite3, as an import would have written them), runs `destinations
--all` as csv and as table on each, and compares the peak resident set size of the child
processes (os.wait4 reports it per child). A CLI that collected the rows (4.9 GB for ten
million destinations before) grows by far more than the slack here.

ASan keeps freed memory in a quarantine of up to 256 MB, which would grow with the number of
rows even when the program's live memory does not; the quarantine is made small for this test.

Usage: cli_destinations_memory.py PATH/TO/egress-auditor-cli [MANY]
"""
import os
import random
import sqlite3
import subprocess
import sys
import tempfile

SMALL = 10
# SQLite's page cache and its sorter's in-memory run (about 6 MB together) are bounded but
# not free; the old collecting CLI grew by 74 MB (csv) and 163 MB (table) for 200,000.
SLACK_KIB = 16 * 1024


def make_case(cli, folder, count):
    path = os.path.join(folder, "case-%d.eacase" % count)
    empty = os.path.join(folder, "empty.csv")
    with open(empty, "w") as f:
        f.write("cidr,status,note\n")
    subprocess.run([cli, "allowlist", "import", "--case", path, empty], check=True,
                   stdout=subprocess.DEVNULL)
    rng = random.Random(count)
    db = sqlite3.connect(path)

    def destinations():
        for k in range(count):
            a = 0x0B000000 + k  # 11.0.0.0/8: global
            text = "%d.%d.%d.%d" % (a >> 24, (a >> 16) & 255, (a >> 8) & 255, a & 255)
            yield (k + 1, bytes(10) + b"\xff\xff" + a.to_bytes(4, "big"), 4, text, text,
                   "global", "")

    def stats():
        for k in range(count):
            yield (k + 1, rng.randrange(1, 1000), 1 + k % 3, 1, 1732000000000000000 + k,
                   1732000000000000000 + 2 * k, "443;8443")

    db.executemany("INSERT INTO destinations(id, addr, family, canonical, expanded, category,"
                   " block) VALUES (?, ?, ?, ?, ?, ?, ?)", destinations())
    db.executemany("INSERT INTO dest_stats(dest_id, connections, processes, hosts, first_ns,"
                   " last_ns, ports) VALUES (?, ?, ?, ?, ?, ?, ?)", stats())
    db.commit()
    db.close()
    return path


def run(cli, case, fmt, count):
    env = dict(os.environ)
    env["ASAN_OPTIONS"] = (env.get("ASAN_OPTIONS", "") + ":quarantine_size_mb=1").lstrip(":")
    proc = subprocess.Popen([cli, "destinations", "--case", case, "--all", "--format", fmt],
                            stdout=subprocess.PIPE, env=env)
    lines = 0
    previous = None
    for line in proc.stdout:
        lines += 1
        if fmt == "csv" and lines > 1:
            connections = int(line.split(b",")[6])
            if previous is not None and connections > previous:
                sys.exit("destinations --format csv is not sorted by connections")
            previous = connections
    _, status, usage = os.wait4(proc.pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit("destinations --format %s exited with %d" % (fmt, code))
    if lines != count + 1:
        sys.exit("expected %d lines (header + one per destination), got %d" % (count + 1, lines))
    return usage.ru_maxrss  # KiB on Linux


def main():
    cli = sys.argv[1]
    many = int(sys.argv[2]) if len(sys.argv) > 2 else 200_000
    with tempfile.TemporaryDirectory() as folder:
        small_case = make_case(cli, folder, SMALL)
        large_case = make_case(cli, folder, many)
        failed = []
        for fmt in ("csv", "table"):
            small = run(cli, small_case, fmt, SMALL)
            large = run(cli, large_case, fmt, many)
            print("%s: peak RSS %d destinations %d KiB, %d destinations %d KiB (allowed growth"
                  " %d KiB)" % (fmt, SMALL, small, many, large, SLACK_KIB))
            if large - small > SLACK_KIB:
                failed.append("%s grew by %d KiB" % (fmt, large - small))
        if failed:
            sys.exit("destinations does not stream: " + "; ".join(failed))


if __name__ == "__main__":
    main()
