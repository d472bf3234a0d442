#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace ea {

// Bytes out and in summed over the events that name them; -1 while none
// has. The sums saturate at the type's largest value: the counts come from
// files, and no sum of them may overflow.
struct ByteSums
{
    std::int64_t out = -1;
    std::int64_t in = -1;

    void add(std::int64_t bytesOut, std::int64_t bytesIn) noexcept;
    [[nodiscard]] bool any() const noexcept { return out >= 0 || in >= 0; }
    // a + b where either may be -1 (none), saturating.
    [[nodiscard]] static std::int64_t sum(std::int64_t a, std::int64_t b) noexcept;
};

// Which ways a destination's connections went (dest_stats.directions): a
// record without a direction counts as outbound, since every format that
// can say inbound does.
enum DirectionBits : std::uint8_t { kSawOutbound = 1, kSawInbound = 2 };

// "outbound", "inbound", "both", or "" for 0 (unknown): the export's
// direction column, and what the workbench translates.
[[nodiscard]] constexpr std::string_view directionsId(std::uint8_t directions) noexcept
{
    const bool out = (directions & kSawOutbound) != 0;
    const bool in = (directions & kSawInbound) != 0;
    return out && in ? "both" : in ? "inbound" : out ? "outbound" : "";
}

// Per-destination aggregates of one import, merged into the case at the end.
// The import keeps one per destination (a million and more), so the port list
// takes 8 bytes where most destinations have a few ports: up to kInlinePorts
// in place, then an array of its own of kMidPorts (malloc's smallest chunk)
// and of kMaxPorts once more are needed (88 bytes a destination became 56).
struct DestAgg
{
    static constexpr std::size_t kMaxPorts = 20;
    static constexpr std::size_t kInlinePorts = 4;
    static constexpr std::size_t kMidPorts = 12;

    std::int64_t connections = 0;
    std::int64_t firstNs = 0;
    std::int64_t lastNs = 0;
    // The destination's last event id, stored or of this import (kept here,
    // on the cache line each event touches anyway).
    std::int64_t lastEvent = 0;
    // Distinct processes and hosts among this import's events (hosts only
    // after ImportCollector::finishAggregates()).
    std::int32_t processes = 0;
    std::int32_t hosts = 0;
    bool hasTime = false;
    // The kMaxPorts smallest distinct destination ports (ports(), ascending)
    // and whether there are more: exactly what the destinations list shows,
    // and mergeable without keeping every port (the smallest N of a union are
    // among the smallest N of each side).
    bool morePorts = false;
    std::uint8_t directions = 0; // DirectionBits

    DestAgg() noexcept = default;
    DestAgg(const DestAgg &other);
    DestAgg(DestAgg &&other) noexcept;
    DestAgg &operator=(const DestAgg &other);
    DestAgg &operator=(DestAgg &&other) noexcept;
    ~DestAgg();

    [[nodiscard]] std::size_t portCount() const noexcept { return m_portCount; }
    [[nodiscard]] std::span<const std::uint16_t> ports() const noexcept
    {
        return {portData(), m_portCount};
    }
    // Sets the ports of a decoded list: ascending, distinct, at most kMaxPorts.
    void setPorts(std::span<const std::uint16_t> ascending);

    void addTime(std::int64_t ns) noexcept;
    void addPort(std::uint16_t port);
    // Adds the ports of a stored list (portsText() form); an item that is no
    // port, such as the "…" marker, sets morePorts.
    void addPortsText(std::string_view text);
    // "22;443", ascending, then ";…" when there are more: dest_stats.ports,
    // DestinationRow::ports and ProcessDestinationRow::ports.
    [[nodiscard]] std::string portsText() const;

private:
    [[nodiscard]] bool onHeap() const noexcept { return m_portCount > kInlinePorts; }
    [[nodiscard]] const std::uint16_t *portData() const noexcept
    {
        return onHeap() ? m_heapPorts : m_inlinePorts.data();
    }
    void releasePorts() noexcept;
    // The members above the ports, as the copies and moves take them.
    void copyCounts(const DestAgg &other) noexcept;
    // other's ports become this one's (this holds none); other keeps none.
    void takePorts(DestAgg &other) noexcept;

    std::uint8_t m_portCount = 0;
    // Up to kInlinePorts ports in place; beyond, a new[]'d array of kMidPorts
    // or (more than kMidPorts ports) kMaxPorts.
    union {
        std::array<std::uint16_t, kInlinePorts> m_inlinePorts {};
        std::uint16_t *m_heapPorts;
    };
};

static_assert(sizeof(DestAgg) == 56);

// Per process or per host of one import: what the process and host views
// show. Indexed by process or host id.
struct ActorAgg
{
    std::int64_t connections = 0;
    std::int64_t firstNs = 0;
    std::int64_t lastNs = 0;
    bool hasTime = false;
    std::int32_t destinations = 0; // distinct
    std::int32_t externalDestinations = 0; // distinct, category global, teredo or 6to4
    ByteSums bytes;

    void addTime(std::int64_t ns) noexcept;
};

} // namespace ea
