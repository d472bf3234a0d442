#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace ea {

// Per-destination aggregates of one import, merged into the case at the end.
struct DestAgg
{
    static constexpr std::size_t kMaxPorts = 20;

    std::int64_t connections = 0;
    std::int64_t firstNs = 0;
    std::int64_t lastNs = 0;
    // The destination's last event id, stored or of this import (kept here,
    // on the cache line each event touches anyway).
    std::int64_t lastEvent = 0;
    bool hasTime = false;
    // The kMaxPorts smallest distinct destination ports, ascending, and
    // whether there are more: exactly what the destinations list shows, and
    // mergeable without keeping every port (the smallest N of a union are
    // among the smallest N of each side).
    bool morePorts = false;
    // Distinct processes and hosts among this import's events (hosts only
    // after ImportCollector::finishAggregates()).
    std::int32_t processes = 0;
    std::int32_t hosts = 0;
    std::uint8_t portCount = 0;
    std::array<std::uint16_t, kMaxPorts> ports {};

    void addTime(std::int64_t ns) noexcept;
    void addPort(std::uint16_t port) noexcept;
    // Adds the ports of a stored list (portsText() form); an item that is no
    // port, such as the "…" marker, sets morePorts.
    void addPortsText(std::string_view text) noexcept;
    // "22;443", ascending, then ";…" when there are more: dest_stats.ports,
    // DestinationRow::ports and ProcessDestinationRow::ports.
    [[nodiscard]] std::string portsText() const;
};

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

    void addTime(std::int64_t ns) noexcept;
};

} // namespace ea
