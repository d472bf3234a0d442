#include "address/classifier.h"

#include <algorithm>
#include <array>
#include <utility>

namespace ea {

namespace {

constexpr std::array<std::string_view, kCategoryCount> kCategoryIds = {
    "global",      "teredo",        "6to4",         "private",   "shared",
    "loopback",    "link-local",    "unique-local", "multicast", "broadcast",
    "unspecified", "documentation", "benchmarking", "reserved",
};

using U128 = std::pair<std::uint64_t, std::uint64_t>;

struct Span
{
    U128 first;
    U128 last;
    int bits;
    const RegistryBlock *block;
};

// Flattens nested blocks into sorted, disjoint [start, next start) ranges, each
// naming the most specific block that covers it (nullptr where none does).
// `end` is the last value of the family's space (2^32 - 1 or 2^128 - 1): a block
// ending there has no successor range.
std::vector<std::pair<U128, const RegistryBlock *>> flatten(const std::vector<Span> &spans,
                                                            U128 end)
{
    std::vector<U128> starts {U128 {0, 0}};
    for (const Span &s : spans) {
        starts.push_back(s.first);
        if (s.last != end) {
            U128 next = s.last;
            if (++next.second == 0)
                ++next.first;
            starts.push_back(next);
        }
    }
    std::sort(starts.begin(), starts.end());
    starts.erase(std::unique(starts.begin(), starts.end()), starts.end());

    std::vector<std::pair<U128, const RegistryBlock *>> ranges;
    for (const U128 &start : starts) {
        const Span *best = nullptr;
        for (const Span &s : spans) {
            if (s.first <= start && start <= s.last && (!best || s.bits > best->bits))
                best = &s;
        }
        const RegistryBlock *block = best ? best->block : nullptr;
        if (ranges.empty() || ranges.back().second != block)
            ranges.emplace_back(start, block);
    }
    return ranges;
}

} // namespace

std::string_view categoryId(Category category) noexcept
{
    const auto index = std::size_t(category);
    return index < kCategoryIds.size() ? kCategoryIds[index] : std::string_view {};
}

bool categoryFromId(std::string_view id, Category &category) noexcept
{
    for (std::size_t k = 0; k < kCategoryIds.size(); ++k) {
        if (kCategoryIds[k] == id) {
            category = Category(k);
            return true;
        }
    }
    return false;
}

Classifier::Classifier()
{
    std::vector<Span> v4;
    std::vector<Span> v6;
    for (const RegistryBlock &block : registryBlocks()) {
        // The table is compiled in; a row that does not parse is a programming
        // error caught by the registry tests, so it is simply skipped here.
        const CidrResult r = parseCidr(block.prefix);
        if (!r.ok())
            continue;
        const IpAddress last = r.cidr.last();
        if (r.cidr.network.family == Family::IPv4) {
            v4.push_back({{0, r.cidr.network.v4()}, {0, last.v4()}, r.cidr.prefixLength, &block});
        } else {
            v6.push_back({{r.cidr.network.hi(), r.cidr.network.lo()},
                          {last.hi(), last.lo()},
                          r.cidr.prefixLength,
                          &block});
        }
    }
    for (const auto &[start, block] : flatten(v4, U128 {0, 0xffffffffULL}))
        m_v4.push_back({std::uint32_t(start.second), block});
    for (const auto &[start, block] : flatten(v6, U128 {~0ULL, ~0ULL}))
        m_v6.push_back({start.first, start.second, block});
}

const Classifier &Classifier::instance()
{
    static const Classifier classifier;
    return classifier;
}

const RegistryBlock *Classifier::lookup4(std::uint32_t v4) const noexcept
{
    // m_v4 starts at 0, so the range before the first start above v4 exists.
    const auto it
        = std::upper_bound(m_v4.begin(), m_v4.end(), v4,
                           [](std::uint32_t value, const Range4 &r) { return value < r.start; });
    return std::prev(it)->block;
}

const RegistryBlock *Classifier::lookup6(std::uint64_t hi, std::uint64_t lo) const noexcept
{
    const auto it = std::upper_bound(
        m_v6.begin(), m_v6.end(), U128 {hi, lo}, [](const U128 &value, const Range &r) {
            return value.first < r.hi || (value.first == r.hi && value.second < r.lo);
        });
    return std::prev(it)->block;
}

Classification Classifier::classify(const IpAddress &address) const noexcept
{
    const RegistryBlock *block = address.family == Family::IPv4
        ? lookup4(address.v4())
        : lookup6(address.hi(), address.lo());
    if (block && block->embedsIpv4) {
        // ::ffff:a.b.c.d and 64:ff9b::a.b.c.d reach the IPv4 host a.b.c.d.
        // Report the IPv4 block that decided, or the translation block when
        // the embedded address is ordinary global unicast.
        if (const RegistryBlock *inner = lookup4(address.v4()))
            return {inner->category, inner};
        return {Category::Global, block};
    }
    return {block ? block->category : Category::Global, block};
}

} // namespace ea
