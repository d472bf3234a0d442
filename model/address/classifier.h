#pragma once

#include "address/cidr.h"
#include "address/ipaddress.h"

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace ea {

// Fixed vocabulary: the identifiers are stable (CLI, exports, case files) and
// translated only for display.
enum class Category : std::uint8_t {
    Global,
    Teredo,
    SixToFour,
    Private,
    Shared,
    Loopback,
    LinkLocal,
    UniqueLocal,
    Multicast,
    Broadcast,
    Unspecified,
    Documentation,
    Benchmarking,
    Reserved,
};
inline constexpr int kCategoryCount = 14;

[[nodiscard]] std::string_view categoryId(Category category) noexcept;
// The category whose identifier is id; false when there is none.
[[nodiscard]] bool categoryFromId(std::string_view id, Category &category) noexcept;
// Whether traffic to the category leaves the organisation: global, teredo, 6to4.
[[nodiscard]] constexpr bool isExternal(Category category) noexcept
{
    return category == Category::Global || category == Category::Teredo
        || category == Category::SixToFour;
}

// The registry's "Globally Reachable" column: some rows say N/A.
enum class Reachable : std::uint8_t { No, Yes, NotApplicable };

// One row of the registry table (registry.cpp). Blocks nest: the most specific
// block that contains an address decides.
struct RegistryBlock
{
    std::string_view prefix; // "2001:db8::/32"
    std::string_view name;
    std::string_view rfc;
    Reachable reachable;
    Category category;
    // IPv4-mapped and NAT64 blocks carry an IPv4 address in their last 32
    // bits; such addresses are classified by that IPv4 address.
    bool embedsIpv4 = false;
};

// The special-purpose blocks of both families, from the IANA IPv4 and IPv6
// Special-Purpose Address Registries plus multicast, limited broadcast and the
// IETF-reserved parts of the IPv6 address space.
[[nodiscard]] std::span<const RegistryBlock> registryBlocks() noexcept;

struct Classification
{
    Category category = Category::Global;
    // The block that decided, or nullptr for ordinary global unicast.
    const RegistryBlock *block = nullptr;

    [[nodiscard]] bool external() const noexcept { return isExternal(category); }
};

// Longest-prefix classification over the registry. The nested blocks are
// flattened once into sorted, disjoint ranges per family, so classify() is one
// binary search with no allocation.
class Classifier
{
public:
    Classifier();

    // The shared instance, built on first use.
    [[nodiscard]] static const Classifier &instance();

    [[nodiscard]] Classification classify(const IpAddress &address) const noexcept;

private:
    struct Range
    {
        std::uint64_t hi;
        std::uint64_t lo;
        const RegistryBlock *block; // nullptr: no special block
    };
    struct Range4
    {
        std::uint32_t start;
        const RegistryBlock *block;
    };

    const RegistryBlock *lookup4(std::uint32_t v4) const noexcept;
    const RegistryBlock *lookup6(std::uint64_t hi, std::uint64_t lo) const noexcept;

    std::vector<Range4> m_v4;
    std::vector<Range> m_v6;
};

} // namespace ea
