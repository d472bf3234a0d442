#pragma once

#include "core/error.h"

#include <QCoreApplication>

#include <cstdint>

namespace ea {

class SqliteDb;

// The destinations with at least kMinEvents events (case format 2) keep two
// rows written at import, so that their drill-down costs what it shows, not
// the number of their events: dest_processes (their (process, host) pairs,
// see DestProcesses) and dest_timeline (their event ids in time order, see
// EventTimeline). A quieter destination has neither: reading its events
// (its dest_events list) costs at most kMinEvents - 1 lookups, a few
// milliseconds, and the tables and the import's pass stay small.
//
// Measured on the generated 10M-row export (436k destinations): a row for
// every (destination, process) pair would hold ~7M pairs (~0.7 an event,
// nearly all in the long tail); from 512 events 1,339 destinations with 1.1M
// pairs (+115 MB peak import memory to gather them); from 4096, 143
// destinations with 265k pairs, which still cover 3.2M of the 10M events.
class BusyDestinations
{
    Q_DECLARE_TR_FUNCTIONS(ea::BusyDestinations)

public:
    static constexpr std::int64_t kMinEvents = 4096;

    // Brings both tables up to date after the events with id > afterEvent
    // were added and dest_stats and dest_events merged (an import, or the
    // migration to format 2 with afterEvent 0): one pass over those events
    // for the destinations that now have kMinEvents or more; a destination
    // that reaches it only now also gets its earlier events (at most
    // kMinEvents - 1, read by id). A null Error on success; NotACase when
    // what is stored does not add up.
    [[nodiscard]] static Error update(SqliteDb &db, std::int64_t afterEvent);
};

} // namespace ea
