#!/usr/bin/env python3
"""The data-lake query's proof: it does what the engine does.

On a synthetic SLS export (shared/tools/gen_connections.py, 200,000 rows; the
bundled sample export when the generator is not beside this checkout):
  1. egress-auditor-cli import it into a new case and set marks (one internal
     address, a known-safe IPv4 block, a suspicious IPv6 block);
  2. egress-auditor-cli datalake-query, in both dialects and with --map, and
     parse each text with the Trino grammar (npm dt-sql-parser, TrinoSQL);
  3. run the query in DuckDB (npm @duckdb/node-api) over the same export, with
     stand-ins for Trino's two IP functions (run_query.mjs, trino_ip.mjs);
  4. compare its result, summed per destination, with `destinations` of the
     direct import: the same addresses, categories, connections, first and
     last times and review status, or the test fails naming the differences;
  5. import that result (the aggregated import: each row weighted by its
     `connections`, from first_seen_ns to last_seen_ns) into a second case
     with the first case's marks (allowlist export/import), and compare its
     `destinations` and the `processes` of the busiest destinations with the
     direct import's.
The export gets extra rows with spellings of public addresses where a naive
reading and the import's differ (brackets, zone ids, blanks, non-ASCII
digits): the query must keep exactly the ones the import keeps.
The npm packages come from package-lock.json, installed with `npm ci` into
--node-dir (again only when the lockfile changed).

Usage: check_datalake_query.py --cli PATH --node-dir DIR [--rows N] [--seed S]
"""
import argparse
import calendar
import csv
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED_GEN = os.path.join(HERE, "..", "..", "..", "shared", "tools", "gen_connections.py")
SAMPLE = os.path.join(HERE, "..", "..", "resources", "sample", "connections.csv")
NODE_FILES = ("package.json", "package-lock.json", "run_query.mjs", "trino_ip.mjs",
              "register.mjs", "resolve-hook.mjs")


def die(message):
    sys.exit("check_datalake_query: " + message)


def prepare_node(folder):
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        die("node and npm are needed (installer/install-deps.sh installs them)")
    os.makedirs(folder, exist_ok=True)
    for name in NODE_FILES:
        shutil.copyfile(os.path.join(HERE, name), os.path.join(folder, name))
    stamp = os.path.join(folder, "node_modules", ".ea-datalake-lock")
    lock = os.path.join(HERE, "package-lock.json")
    if os.path.exists(stamp) and filecmp.cmp(stamp, lock, shallow=False):
        return
    proc = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=folder,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if proc.returncode != 0:
        die("npm ci failed in %s: %s" % (folder, proc.stderr.decode(errors="replace").strip()))
    shutil.copyfile(lock, stamp)


def run(argv, out=None, cwd=None):
    proc = subprocess.run(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if proc.returncode != 0:
        die("%s exited with %d:\n%s%s" % (" ".join(argv), proc.returncode,
                                          proc.stdout.decode(errors="replace"),
                                          proc.stderr.decode(errors="replace")))
    if out:
        with open(out, "wb") as f:
            f.write(proc.stdout)
    return proc.stdout.decode()


def expect_usage_error(argv, message):
    proc = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    err = proc.stderr.decode(errors="replace")
    if proc.returncode != 2 or message not in err or proc.stdout:
        die("%s: expected exit status 2 and %r on stderr, got %d: %s"
            % (" ".join(argv), message, proc.returncode, err.strip()))


def iso_ns(text):
    """2024-11-19T07:06:40.780971782Z -> integer nanoseconds; '' -> None."""
    if not text:
        return None
    if not text.endswith("Z"):
        die("unexpected time %r" % text)
    stamp, _, fraction = text[:-1].partition(".")
    seconds = calendar.timegm(time.strptime(stamp, "%Y-%m-%dT%H:%M:%S"))
    return seconds * 10**9 + int((fraction + "000000000")[:9])


# Spellings where the query's text handling could part from the import's,
# each of a public address seen nowhere else: (spelling, kept by the import).
TRICKY = [
    ("[2001:4860::8888]", True),
    ("[2606:4700::1111%eth0]", True),
    ("2606:4700::1112%eth0", True),
    ("\t9.9.9.9 ", True),
    ("2606:4700::1113%", False),  # empty zone
    ("2606:4700::1114%a%b", False),  # '%' in the zone
    ("2606:4700::1115%eth 0", False),  # blank in the zone
    ("2606:4700::1116%\u00e9", False),  # not an RFC 6874 zone character
    ("\uff18.\uff18.\uff18.\uff18", False),  # full-width digits
    ("9.9.9.10\u0085", False),  # NEL is no blank to the import
    ("\u30009.9.9.11", False),  # nor an ideographic space
    ("[9.9.9.12]", False),  # brackets on IPv4
    ("9.9.9.13%eth0", False),  # zone on IPv4
    ("[2606:4700::1117]%eth0", False),  # zone outside the brackets
]


def add_tricky_rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        template = next(reader)
    column = header.index("dst_addr")
    with open(path, "a", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        for spelling, _ in TRICKY:
            row = list(template)
            row[column] = spelling
            writer.writerow(row)


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--node-dir", required=True)
    ap.add_argument("--rows", type=int, default=200000)
    ap.add_argument("--seed", type=int, default=3)
    args = ap.parse_args()

    prepare_node(args.node_dir)
    with tempfile.TemporaryDirectory(prefix="ea-datalake-") as tmp:
        data = os.path.join(tmp, "connections.csv")
        if os.path.exists(SHARED_GEN):
            run([sys.executable, SHARED_GEN, "--rows", str(args.rows), "--seed", str(args.seed)],
                out=data)
            origin = "gen_connections.py --rows %d --seed %d" % (args.rows, args.seed)
        else:
            shutil.copyfile(SAMPLE, data)
            origin = "resources/sample/connections.csv (gen_connections.py not found)"
        add_tricky_rows(data)
        case = os.path.join(tmp, "c.eacase")
        run([args.cli, "import", "--case", case, data])

        # Marks that change the answer: the busiest IPv4 destination becomes
        # internal (it must vanish), the next one's /16 known-safe, and the
        # busiest IPv6 destination's /32 suspicious.
        before = read_csv_text(run([args.cli, "destinations", "--case", case]))
        v4 = [r["address"] for r in before if r["family"] == "ipv4"]
        v6 = [r["address"] for r in before if r["family"] == "ipv6"]
        if len(v4) < 2 or not v6:
            die("the export has too few external destinations to mark")
        octets = v4[1].split(".")
        run([args.cli, "mark", "--case", case, v4[0], "--status", "internal"])
        run([args.cli, "mark", "--case", case, "%s.%s.0.0/16" % tuple(octets[:2]),
             "--status", "known-safe"])
        groups = v6[0].split(":")
        run([args.cli, "mark", "--case", case, "%s:%s::/32" % (groups[0], groups[1] or "0"),
             "--status", "suspicious"])

        node = ["node", "--import", "./register.mjs", "run_query.mjs"]
        query = os.path.join(tmp, "query.sql")
        result = os.path.join(tmp, "result.csv")
        run([args.cli, "datalake-query", "--case", case], out=query)
        # Options that cannot mean anything are usage errors, not a query.
        base = [args.cli, "datalake-query", "--case", case]
        expect_usage_error(base + ["--dialect", "presto"], "--dialect expects trino or athena")
        expect_usage_error(base + ["--map", "dest=x"], "unknown column key 'dest'")
        expect_usage_error(base + ["--map", "dst=a", "--map", "dst=b"], "--map dst is given twice")
        expect_usage_error(base + ["--map", "table=a..b"], "a part of the name is empty")
        print(run(node + [query, data, result], cwd=args.node_dir).strip())

        # The other dialect and --map parse too, and map to the columns asked.
        athena = os.path.join(tmp, "athena.sql")
        run([args.cli, "datalake-query", "--case", case, "--dialect", "athena"], out=athena)
        mapped = os.path.join(tmp, "mapped.sql")
        run([args.cli, "datalake-query", "--case", case, "--map", "table=lake.sls.flows",
             "--map", "dst=remote_ip", "--map", "time=event_time_ns"], out=mapped)
        for path in (athena, mapped):
            with open(path, encoding="utf-8") as f:
                text = f.read()
            if path == mapped and ('FROM "lake"."sls"."flows"' not in text
                                   or '"remote_ip"' not in text or '"event_time_ns"' not in text):
                die("--map did not name the table and columns asked for")
        check = ("import fs from 'node:fs'; import { TrinoSQL } from 'dt-sql-parser';"
                 "let bad = 0; for (const p of process.argv.slice(1)) {"
                 " for (const e of new TrinoSQL().validate(fs.readFileSync(p, 'utf8'))) {"
                 " console.error(p + ':' + e.startLine + ': ' + e.message); bad = 1; } }"
                 " process.exit(bad);")
        run(["node", "--import", "./register.mjs", "--input-type=module", "-e", check,
             athena, mapped], cwd=args.node_dir)

        expected = destinations(args.cli, case)
        for spelling, kept in TRICKY:
            address = run([args.cli, "classify", "--raw", spelling.strip()]).splitlines()[1]
            if kept and address.split(",")[3] not in expected:
                die("the import did not keep %r" % spelling)
        got = {}
        rows = read_csv(result)
        for r in rows:
            first = int(r["first_seen_ns"]) if r["first_seen_ns"] else None
            last = int(r["last_seen_ns"]) if r["last_seen_ns"] else None
            n, f, l, category, status = got.get(r["dst_addr"], (0, None, None, r["category"],
                                                                r["status"]))
            if (category, status) != (r["category"], r["status"]):
                die("%s has two categories or statuses in the query's result" % r["dst_addr"])
            f = first if f is None else (f if first is None else min(f, first))
            l = last if l is None else (l if last is None else max(l, last))
            got[r["dst_addr"]] = (n + int(r["connections"]), f, l, category, status)

        if v4[0] in got:
            die("%s is marked internal but the query returned it" % v4[0])
        compare("the query's result", expected, got)
        statuses = sorted({v[4] for v in got.values()})
        print("data: %s" % origin)
        print("query: identical %d external destinations (addresses, categories, connections, "
              "first and last times, statuses %s) from %d result rows; %d connections"
              % (len(got), "/".join(statuses), len(rows), sum(v[0] for v in got.values())))

        # The aggregated import: the query's result as a case of its own,
        # reviewed with the same marks.
        marks = os.path.join(tmp, "marks.csv")
        run([args.cli, "allowlist", "export", "--case", case, marks])
        aggregated = os.path.join(tmp, "aggregated.eacase")
        run([args.cli, "import", "--case", aggregated, result])
        run([args.cli, "allowlist", "import", "--case", aggregated, marks])
        compare("the aggregated import", expected, destinations(args.cli, aggregated))
        busiest = sorted(expected, key=lambda a: -expected[a][0])[:5]
        for address in busiest:
            direct = run([args.cli, "processes", "--case", case, address])
            again = run([args.cli, "processes", "--case", aggregated, address])
            # Equal counts keep the order of the process ids, which the two
            # imports hand out in different orders: compare the rows.
            if sorted(direct.splitlines()) != sorted(again.splitlines()):
                die("processes of %s differ:\n--- direct import\n%s--- aggregated import\n%s"
                    % (address, direct, again))
        print("aggregated import: identical destinations, and processes of the %d busiest "
              "(%s)" % (len(busiest), ", ".join(busiest)))


def destinations(cli, case):
    out = {}
    for r in read_csv_text(run([cli, "destinations", "--case", case])):
        out[r["address"]] = (int(r["connections"]), iso_ns(r["first_seen"]),
                             iso_ns(r["last_seen"]), r["category"], r["status"])
    return out


def compare(what, expected, got):
    missing = sorted(set(expected) - set(got))
    extra = sorted(set(got) - set(expected))
    differ = sorted(a for a in set(expected) & set(got) if expected[a] != got[a])
    if missing or extra or differ:
        lines = ["%s differs from the direct import:" % what]
        lines += ["  only in the import: %s %s" % (a, expected[a]) for a in missing[:10]]
        lines += ["  only in %s: %s %s" % (what, a, got[a]) for a in extra[:10]]
        lines += ["  %s: import %s, %s %s" % (a, expected[a], what, got[a]) for a in differ[:10]]
        lines.append("  (%d only in the import, %d only in %s, %d differ)"
                     % (len(missing), len(extra), what, len(differ)))
        die("\n".join(lines))


def read_csv_text(text):
    return list(csv.DictReader(text.splitlines()))


if __name__ == "__main__":
    main()
