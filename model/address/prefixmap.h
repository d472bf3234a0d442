#pragma once

#include "address/cidr.h"
#include "address/ipaddress.h"

#include <cstdint>
#include <span>
#include <vector>

namespace ea {

// Longest-prefix match of addresses against a set of CIDR blocks, each with
// a value (an index into the caller's own table). The nested blocks are
// flattened once into sorted, disjoint ranges per family, so find() is one
// binary search, O(log n), with no allocation: 500,000 blocks take about
// 24 MB and answer a million look-ups in a fraction of a second. Blocks in
// CIDR notation either nest or are disjoint, which makes the flattening exact.
//
// Families: an IPv4 block applies to IPv4 addresses and to any address in
// ::ffff:0:0/96 (the same host); an IPv6 block applies to every other
// address, so ::/0 does not cover IPv4 hosts (as Cidr::contains()).
class PrefixMap
{
public:
    struct Block
    {
        Cidr cidr;
        std::int32_t value = 0; // >= 0
    };

    PrefixMap() = default;
    // Where one block is given twice, the later one wins.
    explicit PrefixMap(std::span<const Block> blocks);

    // The value of the most specific block containing the address, or -1.
    [[nodiscard]] std::int32_t find(const IpAddress &address) const noexcept;

    [[nodiscard]] bool isEmpty() const noexcept { return m_v4.empty() && m_v6.empty(); }
    // Bytes held (benchmarks).
    [[nodiscard]] std::size_t bytes() const noexcept
    {
        return (m_v4.capacity() + m_v6.capacity()) * sizeof(Range);
    }

private:
    struct Range
    {
        std::uint64_t hi;
        std::uint64_t lo;
        std::int32_t value; // -1 where no block covers
    };

    std::vector<Range> m_v4; // keys on the 128-bit (IPv4-mapped) scale
    std::vector<Range> m_v6;
};

} // namespace ea
