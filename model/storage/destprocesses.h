#pragma once

#include "core/error.h"
#include "storage/aggregates.h"

#include <QCoreApplication>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace ea {

class SqliteDb;

// The dest_processes table (case format 2): for each destination with at
// least kMinConnections events, one row that lists every (process, host) pair
// of its events with their connections, first and last time and ports, so
// that its drill-down costs the number of its processes, not of its events.
// A destination with fewer events has no row: reading its events one by one
// (its dest_events list) costs at most kMinConnections - 1 lookups, a few
// milliseconds, and the table and the import's pass stay small. Measured on
// the generated 10M-row export (436k destinations): a row for every pair
// would hold ~7M pairs (~0.7 an event, nearly all in the long tail); from
// 512 events 1,339 destinations with 1.1M pairs (+115 MB peak import memory
// to gather them); from 4096, 143 destinations with 265k pairs, which still
// cover 3.2M of the 10M events.
//
// A row's `entries` are sorted by (process, host), each as LEB128 varints:
// process id gap from the previous entry (ids 0 = none), host id,
// connections, a header (port count << 2 | more ports << 1 | has time),
// then if timed zigzag first time and last - first, then the ports
// ascending as gaps. `connections` is their sum, the destination's
// dest_stats.connections.
class DestProcesses
{
    Q_DECLARE_TR_FUNCTIONS(ea::DestProcesses)

public:
    static constexpr std::int64_t kMinConnections = 4096;

    struct Entry
    {
        std::int64_t processId = 0;
        std::int64_t hostId = 0;
        DestAgg agg; // connections, times and ports only
    };

    // `entries` sorted by (process, host), each pair once.
    [[nodiscard]] static std::string encode(const std::vector<Entry> &entries);
    // False when the bytes are none that encode() writes, or their
    // connections do not add up to `connections`: a case is untrusted input.
    [[nodiscard]] static bool decode(std::span<const std::uint8_t> bytes, std::int64_t connections,
                                     std::vector<Entry> &entries);

    // Brings the table up to date after the events with id > afterEvent were
    // added and dest_stats and dest_events merged (an import, or the
    // migration to format 2 with afterEvent 0): one pass over those events
    // for the destinations that now have kMinConnections or more; a
    // destination that reaches it only now also gets its earlier events (at
    // most kMinConnections - 1, read by id). A null Error on success;
    // NotACase when what is stored does not add up.
    [[nodiscard]] static Error update(SqliteDb &db, std::int64_t afterEvent);

    // The error for a damaged row of destination `destinationId`.
    [[nodiscard]] static Error damaged(std::int64_t destinationId);
};

} // namespace ea
