#include "address/prefixmap.h"

#include <algorithm>
#include <utility>

namespace ea {

namespace {

using U128 = std::pair<std::uint64_t, std::uint64_t>;

constexpr U128 kMax {~0ULL, ~0ULL};

U128 key(const IpAddress &address) noexcept
{
    return {address.hi(), address.lo()};
}

U128 successor(U128 v) noexcept
{
    if (++v.second == 0)
        ++v.first;
    return v;
}

struct Span
{
    U128 first;
    U128 last;
    std::int32_t value;
    std::uint32_t order; // position in the input: the later of two equal blocks wins
};

// Flattens nested blocks into sorted, disjoint [start, next start) ranges that
// name the innermost block covering them (-1: none). Sorting outer blocks
// before the blocks they contain lets one pass with a stack of open blocks do
// it in O(n log n).
template<typename Range> std::vector<Range> flatten(std::vector<Span> spans)
{
    std::sort(spans.begin(), spans.end(), [](const Span &a, const Span &b) {
        if (a.first != b.first)
            return a.first < b.first;
        if (a.last != b.last)
            return a.last > b.last;
        return a.order < b.order;
    });
    std::vector<Range> ranges;
    auto addRange = [&ranges](U128 start, std::int32_t value) {
        if (!ranges.empty() && U128 {ranges.back().hi, ranges.back().lo} == start)
            ranges.back().value = value;
        else if (ranges.empty() ? value >= 0 : ranges.back().value != value)
            ranges.push_back({start.first, start.second, value});
    };
    std::vector<const Span *> open;
    auto closeBefore = [&](const U128 *start) {
        while (!open.empty() && (!start || open.back()->last < *start)) {
            const Span *done = open.back();
            open.pop_back();
            if (done->last != kMax)
                addRange(successor(done->last), open.empty() ? -1 : open.back()->value);
        }
    };
    for (const Span &span : spans) {
        closeBefore(&span.first);
        addRange(span.first, span.value);
        open.push_back(&span);
    }
    closeBefore(nullptr);
    ranges.shrink_to_fit();
    return ranges;
}

} // namespace

PrefixMap::PrefixMap(std::span<const Block> blocks)
{
    std::vector<Span> v4;
    std::vector<Span> v6;
    for (std::size_t k = 0; k < blocks.size(); ++k) {
        const Cidr &cidr = blocks[k].cidr;
        const Span span {key(cidr.first()), key(cidr.last()), blocks[k].value, std::uint32_t(k)};
        (cidr.network.family == Family::IPv4 ? v4 : v6).push_back(span);
    }
    m_v4 = flatten<Range>(std::move(v4));
    m_v6 = flatten<Range>(std::move(v6));
}

std::int32_t PrefixMap::find(const IpAddress &address) const noexcept
{
    // Anything in ::ffff:0:0/96 is an IPv4 host, whatever the family of the
    // text it came from.
    const std::vector<Range> &ranges = address.isV4Mapped() ? m_v4 : m_v6;
    const U128 value = key(address);
    const auto it
        = std::upper_bound(ranges.begin(), ranges.end(), value, [](const U128 &v, const Range &r) {
              return v < U128 {r.hi, r.lo};
          });
    return it == ranges.begin() ? -1 : std::prev(it)->value;
}

} // namespace ea
