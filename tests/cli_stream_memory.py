#!/usr/bin/env python3
"""`egress-auditor-cli classify` streams: many lines need no more memory than few.

Runs the CLI on 10 lines and on LINES lines (default 2,000,000, fed through a
pipe as they are generated) and compares the peak resident set size of the two
child processes (os.wait4 reports it per child). A CLI that buffered its input
or its output would grow by well over 100 MB here. Then one line of 256 MiB
followed by an address: an error row, the address's row, and no growth either.

Usage: cli_stream_memory.py PATH/TO/egress-auditor-cli [LINES]
"""
import os
import subprocess
import sys
import threading

ADDRESSES = [b"8.8.8.8", b"::ffff:10.0.0.1", b"2001:db8::1", b"fe80::1%eth0", b"not-an-ip",
             b"2a00:1450:4001:82a::200e", b"0000:0000:0000:0000:0000:0000:0000:0001"]
SLACK_KIB = 8 * 1024


def run_with(cli, chunks):
    """Feeds the chunks to `classify`; returns (peak RSS in KiB, number of output
    lines, the first few of them). Keeps no more than that: a child's peak RSS
    includes what it inherited from this process when it was forked."""
    proc = subprocess.Popen([cli, "classify"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    count = 0
    head = []

    def feed():
        for chunk in chunks:
            proc.stdin.write(chunk)
        proc.stdin.close()

    writer = threading.Thread(target=feed)
    writer.start()
    for line in proc.stdout:
        count += 1
        if len(head) < 4:
            head.append(line)
    writer.join()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit("classify exited with %d" % proc.returncode)
    return usage.ru_maxrss, count, head  # KiB on Linux


def run(cli, lines):
    def chunks():
        chunk = b"\n".join(ADDRESSES) + b"\n"
        full, rest = divmod(lines, len(ADDRESSES))
        for _ in range(full):
            yield chunk
        yield b"".join(a + b"\n" for a in ADDRESSES[:rest])

    rss, count, _ = run_with(cli, chunks())
    if count != lines + 1:
        sys.exit("expected %d output lines (header + one per input), got %d" % (lines + 1, count))
    return rss


def run_long_line(cli):
    def chunks():
        block = b"1" * (1 << 20)
        for _ in range(256):
            yield block
        yield b"\n8.8.8.8\n"

    rss, count, head = run_with(cli, chunks())
    expected = [b",false,,,,,,,line longer than 4096 bytes\r\n", b"8.8.8.8,true,"]
    if count != 3 or head[1] != expected[0] or not head[2].startswith(expected[1]):
        sys.exit("256 MiB line: expected an error row, then 8.8.8.8's row; got %r"
                 % [line[:80] for line in head])
    return rss


def main():
    cli = sys.argv[1]
    lines = int(sys.argv[2]) if len(sys.argv) > 2 else 2_000_000
    small = run(cli, 10)
    large = run(cli, lines)
    print("peak RSS: 10 lines %d KiB, %d lines %d KiB (allowed growth %d KiB)"
          % (small, lines, large, SLACK_KIB))
    if large - small > SLACK_KIB:
        sys.exit("classify does not stream: memory grew by %d KiB" % (large - small))
    long_line = run_long_line(cli)
    print("peak RSS: one 256 MiB line %d KiB" % long_line)
    if long_line - small > SLACK_KIB:
        sys.exit("classify buffers a long line: memory grew by %d KiB" % (long_line - small))


if __name__ == "__main__":
    main()
