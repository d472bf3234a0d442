#!/usr/bin/env python3
"""`egress-auditor-cli classify` streams: many lines need no more memory than few.

Runs the CLI on 10 lines and on LINES lines (default 2,000,000, fed through a
pipe as they are generated) and compares the peak resident set size of the two
child processes (os.wait4 reports it per child). A CLI that buffered its input
or its output would grow by well over 100 MB here.

Usage: cli_stream_memory.py PATH/TO/egress-auditor-cli [LINES]
"""
import os
import subprocess
import sys
import threading

ADDRESSES = [b"8.8.8.8", b"::ffff:10.0.0.1", b"2001:db8::1", b"fe80::1%eth0", b"not-an-ip",
             b"2a00:1450:4001:82a::200e", b"0000:0000:0000:0000:0000:0000:0000:0001"]
SLACK_KIB = 8 * 1024


def run(cli, lines):
    proc = subprocess.Popen([cli, "classify"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    out_lines = 0

    def feed():
        chunk = b"\n".join(ADDRESSES) + b"\n"
        full, rest = divmod(lines, len(ADDRESSES))
        for _ in range(full):
            proc.stdin.write(chunk)
        proc.stdin.write(b"".join(a + b"\n" for a in ADDRESSES[:rest]))
        proc.stdin.close()

    writer = threading.Thread(target=feed)
    writer.start()
    for _ in proc.stdout:
        out_lines += 1
    writer.join()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit("classify exited with %d" % proc.returncode)
    if out_lines != lines + 1:
        sys.exit("expected %d output lines (header + one per input), got %d" % (lines + 1, out_lines))
    return usage.ru_maxrss  # KiB on Linux


def main():
    cli = sys.argv[1]
    lines = int(sys.argv[2]) if len(sys.argv) > 2 else 2_000_000
    small = run(cli, 10)
    large = run(cli, lines)
    print("peak RSS: 10 lines %d KiB, %d lines %d KiB (allowed growth %d KiB)"
          % (small, lines, large, SLACK_KIB))
    if large - small > SLACK_KIB:
        sys.exit("classify does not stream: memory grew by %d KiB" % (large - small))


if __name__ == "__main__":
    main()
