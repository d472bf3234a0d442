#!/usr/bin/env python3
"""Generates registry_boundaries.csv for tst_classifier.

An independent oracle for ea::Classifier: the blocks below are typed from the
IANA registries (not read from model/address/registry.cpp), so a wrong or
missing row in the C++ table shows up as a failing test row.

Sources:
  - IANA IPv4 Special-Purpose Address Registry
  - IANA IPv6 Special-Purpose Address Registry
  - IANA IPv4 Multicast Address Space (224.0.0.0/4, RFC 5771)
  - IANA IPv6 Address Space (the "Reserved by IETF" blocks outside 2000::/3,
    the deprecated site-local fec0::/10, and multicast ff00::/8)

Classification rules (issue #2):
  - the most specific block containing an address decides;
  - an address in ::ffff:0:0/96 or 64:ff9b::/96 is classified by its embedded
    IPv4 address; the block reported is the IPv4 block that decided, or the
    translation block when the embedded address is ordinary global unicast;
  - an address no block covers is `global`, with no block.

For every block the CSV holds its first and last address and the addresses
just before and just after it (except past either end of the address space).
Every IPv4 row is repeated in its ::ffff:a.b.c.d and 64:ff9b::a.b.c.d
spellings, which must classify the same way.

Columns: address, category, block (empty: no block), boundary (which row of
which block this is, used to name the test row).

Usage: python3 make_registry_boundaries.py [output.csv]
Standard library only.
"""

import csv
import ipaddress
import sys
from pathlib import Path

# (block, category). A block the registry marks "Globally Reachable: True" is
# `global`; a non-reachable block with no category of its own is `reserved`.
IPV4_BLOCKS = [
    ("0.0.0.0/8", "unspecified"),  # "This network", RFC 791
    ("0.0.0.0/32", "unspecified"),  # "This host on this network", RFC 1122
    ("10.0.0.0/8", "private"),  # RFC 1918
    ("100.64.0.0/10", "shared"),  # RFC 6598
    ("127.0.0.0/8", "loopback"),  # RFC 1122
    ("169.254.0.0/16", "link-local"),  # RFC 3927
    ("172.16.0.0/12", "private"),  # RFC 1918
    ("192.0.0.0/24", "reserved"),  # IETF Protocol Assignments, RFC 6890
    ("192.0.0.0/29", "reserved"),  # IPv4 Service Continuity Prefix, RFC 7335
    ("192.0.0.8/32", "reserved"),  # IPv4 dummy address, RFC 7600
    ("192.0.0.9/32", "global"),  # PCP Anycast, RFC 7723, reachable
    ("192.0.0.10/32", "global"),  # TURN Anycast, RFC 8155, reachable
    ("192.0.0.170/32", "reserved"),  # NAT64/DNS64 Discovery, RFC 8880
    ("192.0.0.171/32", "reserved"),  # NAT64/DNS64 Discovery, RFC 8880
    ("192.0.2.0/24", "documentation"),  # TEST-NET-1, RFC 5737
    ("192.31.196.0/24", "global"),  # AS112-v4, RFC 7535, reachable
    ("192.52.193.0/24", "global"),  # AMT, RFC 7450, reachable
    ("192.88.99.0/24", "6to4"),  # Deprecated 6to4 Relay Anycast, RFC 7526: still reaches
    #                               public relays, so external (issue #8)
    ("192.88.99.2/32", "reserved"),  # 6a44-relay anycast address, RFC 6751
    ("192.168.0.0/16", "private"),  # RFC 1918
    ("192.175.48.0/24", "global"),  # Direct Delegation AS112, RFC 7534
    ("198.18.0.0/15", "benchmarking"),  # RFC 2544
    ("198.51.100.0/24", "documentation"),  # TEST-NET-2, RFC 5737
    ("203.0.113.0/24", "documentation"),  # TEST-NET-3, RFC 5737
    ("224.0.0.0/4", "multicast"),  # RFC 5771
    ("240.0.0.0/4", "reserved"),  # RFC 1112
    ("255.255.255.255/32", "broadcast"),  # Limited Broadcast, RFC 919
]

# Blocks whose addresses carry an IPv4 address in the last 32 bits.
EMBEDDING_BLOCKS = ["::ffff:0:0/96", "64:ff9b::/96"]

IPV6_BLOCKS = [
    # IPv6 Special-Purpose Address Registry
    ("::/128", "unspecified"),  # RFC 4291
    ("::1/128", "loopback"),  # RFC 4291
    ("::ffff:0:0/96", None),  # IPv4-mapped, RFC 4291: embedded IPv4 decides
    ("64:ff9b::/96", None),  # IPv4-IPv6 Translat., RFC 6052: embedded IPv4 decides
    ("64:ff9b:1::/48", "reserved"),  # Local-use translation, RFC 8215
    ("100::/64", "reserved"),  # Discard-Only, RFC 6666
    ("100:0:0:1::/64", "reserved"),  # Dummy IPv6 Prefix, RFC 9780
    ("2001::/23", "reserved"),  # IETF Protocol Assignments, RFC 2928
    ("2001::/32", "teredo"),  # RFC 4380
    ("2001:1::1/128", "global"),  # PCP Anycast, RFC 7723, reachable
    ("2001:1::2/128", "global"),  # TURN Anycast, RFC 8155, reachable
    ("2001:1::3/128", "global"),  # DNS-SD SRP Anycast, RFC 9665, reachable
    ("2001:2::/48", "benchmarking"),  # RFC 5180
    ("2001:3::/32", "global"),  # AMT, RFC 7450, reachable
    ("2001:4:112::/48", "global"),  # AS112-v6, RFC 7535, reachable
    ("2001:10::/28", "reserved"),  # Deprecated ORCHID, RFC 4843
    ("2001:20::/28", "global"),  # ORCHIDv2, RFC 7343, reachable
    ("2001:30::/28", "global"),  # DRIP DETs, RFC 9374, reachable
    ("2001:db8::/32", "documentation"),  # RFC 3849
    ("2002::/16", "6to4"),  # RFC 3056
    ("2620:4f:8000::/48", "global"),  # Direct Delegation AS112, RFC 7534
    ("3fff::/20", "documentation"),  # RFC 9637
    ("5f00::/16", "reserved"),  # SRv6 SIDs, RFC 9602
    ("fc00::/7", "unique-local"),  # RFC 4193
    ("fe80::/10", "link-local"),  # RFC 4291
    # Multicast, RFC 4291 section 2.7
    ("ff00::/8", "multicast"),
    # IANA IPv6 Address Space: "Reserved by IETF" outside 2000::/3
    ("::/8", "reserved"),
    ("100::/8", "reserved"),
    ("200::/7", "reserved"),
    ("400::/6", "reserved"),
    ("800::/5", "reserved"),
    ("1000::/4", "reserved"),
    ("4000::/3", "reserved"),
    ("6000::/3", "reserved"),
    ("8000::/3", "reserved"),
    ("a000::/3", "reserved"),
    ("c000::/3", "reserved"),
    ("e000::/4", "reserved"),
    ("f000::/5", "reserved"),
    ("f800::/6", "reserved"),
    ("fe00::/9", "reserved"),
    ("fec0::/10", "reserved"),  # deprecated site-local, RFC 3879
]

EXTERNAL = {"global", "teredo", "6to4"}
CATEGORIES = {
    "global", "teredo", "6to4", "private", "shared", "loopback", "link-local",
    "unique-local", "multicast", "broadcast", "unspecified", "documentation",
    "benchmarking", "reserved",
}


def hex6(value):
    """RFC 5952 text of a 128-bit value in pure hex (no dotted tail)."""
    groups = [(value >> (112 - 16 * k)) & 0xFFFF for k in range(8)]
    best_start, best_len = -1, 0
    k = 0
    while k < 8:
        if groups[k] == 0:
            run = k
            while run < 8 and groups[run] == 0:
                run += 1
            if run - k > best_len:
                best_start, best_len = k, run - k
            k = run
        else:
            k += 1
    text = [format(g, "x") for g in groups]
    if best_len < 2:
        return ":".join(text)
    return ":".join(text[:best_start]) + "::" + ":".join(text[best_start + best_len:])


def parse_blocks(rows, version):
    blocks = []
    for text, category in rows:
        net = ipaddress.ip_network(text, strict=True)
        assert net.version == version, text
        assert category is None or category in CATEGORIES, text
        if version == 6:
            # The block column is compared as text: keep the table canonical.
            assert text == f"{hex6(int(net.network_address))}/{net.prefixlen}", text
        else:
            assert text == str(net), text
        blocks.append((net, text, category))
    texts = [t for _, t, _ in blocks]
    assert len(texts) == len(set(texts)), "duplicate block"
    return blocks


V4 = parse_blocks(IPV4_BLOCKS, 4)
V6 = parse_blocks(IPV6_BLOCKS, 6)


def check_v6_space_is_tiled():
    """2000::/3, fc00::/7, fe80::/10, ff00::/8 and the reserved blocks cover
    the whole IPv6 space without overlap: every address outside 2000::/3 that
    no special block covers falls in a reserved block."""
    top = [ipaddress.ip_network(t) for t in ("2000::/3", "fc00::/7", "fe80::/10", "ff00::/8")]
    reserved = [net for net, text, cat in V6 if cat == "reserved" and net.prefixlen <= 10]
    parts = sorted(top + reserved, key=lambda n: int(n.network_address))
    expected_start = 0
    for net in parts:
        assert int(net.network_address) == expected_start, f"gap or overlap at {net}"
        expected_start = int(net.broadcast_address) + 1
    assert expected_start == 1 << 128, "space not covered to the end"


check_v6_space_is_tiled()


def most_specific(blocks, value):
    best = None
    for entry in blocks:
        net = entry[0]
        if int(net.network_address) <= value <= int(net.broadcast_address):
            if best is None or net.prefixlen > best[0].prefixlen:
                best = entry
    return best


def classify4(value):
    entry = most_specific(V4, value)
    return ("global", "") if entry is None else (entry[2], entry[1])


def classify6(value):
    entry = most_specific(V6, value)
    if entry is None:
        return ("global", "")
    if entry[1] in EMBEDDING_BLOCKS:
        category, block = classify4(value & 0xFFFFFFFF)
        return (category, block or entry[1])
    return (entry[2], entry[1])


def text6(value):
    """Addresses inside the two embedding blocks are written with their IPv4
    address in dotted form (RFC 4291 section 2.2, RFC 6052 section 2.4)."""
    for prefix, lead in (("::ffff:0:0/96", "::ffff:"), ("64:ff9b::/96", "64:ff9b::")):
        net = ipaddress.ip_network(prefix)
        if int(net.network_address) <= value <= int(net.broadcast_address):
            return lead + str(ipaddress.IPv4Address(value & 0xFFFFFFFF))
    return hex6(value)


def boundary_rows(entry, classify, top):
    """(value, label, (category, block)) for the four boundaries of a block."""
    net, text, _ = entry
    first = int(net.network_address)
    last = int(net.broadcast_address)
    rows = [
        (first, f"first of {text}", classify(first)),
        (last, f"last of {text}", classify(last)),
    ]
    # Just outside the block the other blocks decide (or none: global). No
    # row past either end of the address space.
    if first > 0:
        rows.append((first - 1, f"before {text}", classify(first - 1)))
    if last < top:
        rows.append((last + 1, f"after {text}", classify(last + 1)))
    return rows


def main():
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name(
        "registry_boundaries.csv")
    rows = []
    for entry in V4:
        for value, label, (category, block) in boundary_rows(entry, classify4, 0xFFFFFFFF):
            rows.append((str(ipaddress.IPv4Address(value)), category, block, label))
            # The same host in its IPv4-mapped and NAT64 spellings.
            for prefix in EMBEDDING_BLOCKS:
                base = int(ipaddress.ip_network(prefix).network_address)
                category6, block6 = classify6(base | value)
                assert category6 == category and block6 == (block or prefix)
                rows.append((text6(base | value), category6, block6, f"{label} via {prefix}"))
    for entry in V6:
        for value, label, (category, block) in boundary_rows(entry, classify6, (1 << 128) - 1):
            rows.append((text6(value), category, block, label))

    for address, category, block, _ in rows:
        assert category in CATEGORIES
        # Round trip of the address text, and an independent re-check.
        parsed = ipaddress.ip_address(address)
        assert (classify4 if parsed.version == 4 else classify6)(int(parsed)) == (category, block)
    labels = [r[3] for r in rows]
    assert len(labels) == len(set(labels)), "duplicate row label"

    with out.open("w", newline="", encoding="ascii") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["address", "category", "block", "boundary"])
        writer.writerows(rows)
    print(f"{out}: {len(rows)} rows")


if __name__ == "__main__":
    main()
