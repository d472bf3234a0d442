#pragma once

#include "core/error.h"
#include "storage/aggregates.h"

#include <QCoreApplication>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace ea {

// The dest_processes table's rows (case format 2; BusyDestinations writes
// them): every (process, host) pair of a busy destination's events with their
// connections, first and last time and ports, so that its drill-down costs the
// number of its processes, not of its events.
//
// A row's `entries` are sorted by (process, host), each as LEB128 varints:
// process id gap from the previous entry (ids 0 = none), host id,
// connections, a header (port count << 2 | more ports << 1 | has time),
// then if timed zigzag first time and last - first, then the ports
// ascending as gaps, then (from case format 6) bytes out + 1 and bytes in + 1
// (0: no event named them). `connections` is their sum, the destination's
// dest_stats.connections.
class DestProcesses
{
    Q_DECLARE_TR_FUNCTIONS(ea::DestProcesses)

public:
    struct Entry
    {
        std::int64_t processId = 0;
        std::int64_t hostId = 0;
        DestAgg agg; // connections, times and ports only
        ByteSums bytes;
    };

    // `entries` sorted by (process, host), each pair once.
    [[nodiscard]] static std::string encode(const std::vector<Entry> &entries);
    // False when the bytes are none that encode() writes, or their
    // connections do not add up to `connections`: a case is untrusted input.
    // `withBytes`: the row is of format 6 or later (encode()'s); older rows
    // hold no byte counts.
    [[nodiscard]] static bool decode(std::span<const std::uint8_t> bytes, std::int64_t connections,
                                     std::vector<Entry> &entries, bool withBytes = true);

    // Folds `from`'s connections, times and ports into `into`; false when
    // the connections would overflow.
    [[nodiscard]] static bool merge(DestAgg &into, const DestAgg &from);

    // The error for a damaged row of destination `destinationId`.
    [[nodiscard]] static Error damaged(std::int64_t destinationId);
};

} // namespace ea
