#pragma once

#include "core/error.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace ea {

class CaseDatabase;

// What holds times of an unknown zone: the sources whose file named none
// (sources.times_zone_unknown, case format 6), and the destinations,
// processes and hosts with at least one event from them. A time shown for
// one of these may be local time read as UTC, so the views mark it. Each
// list is ascending; all are empty in a case without such a source.
struct UnknownZoneTimes
{
    std::vector<std::int64_t> sources;
    std::vector<std::int64_t> destinations;
    std::vector<std::int64_t> processes;
    std::vector<std::int64_t> hosts;

    [[nodiscard]] bool empty() const noexcept { return sources.empty(); }
    [[nodiscard]] static bool has(const std::vector<std::int64_t> &ids, std::int64_t id)
    {
        return std::binary_search(ids.begin(), ids.end(), id);
    }
};

// Reads the flagged sources, then only their events (their chunks); nothing
// else when there are none. For a worker thread.
[[nodiscard]] Error readUnknownZoneTimes(CaseDatabase &database, UnknownZoneTimes &times);

} // namespace ea
