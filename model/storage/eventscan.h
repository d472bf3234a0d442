#pragma once

#include "core/error.h"

#include <QCoreApplication>

#include <cstdint>
#include <functional>
#include <optional>
#include <span>

namespace ea {

class SqliteDb;

// What a pass over every event reads of each.
struct ScannedEvent
{
    std::int64_t id = 0;
    std::int64_t destId = 0;
    std::int64_t processId = 0; // 0: none
    std::int64_t hostId = 0; // 0: none
    std::optional<std::int64_t> tsNs;
    std::optional<std::int64_t> port;
    // Read only with ScanFields::Bytes; -1: none (as ByteSums).
    std::int64_t bytesOut = -1;
    std::int64_t bytesIn = -1;
    // An aggregated row's connections (1 for a logged one) and the last one's
    // time (case format 8), read with ScanFields::Basic and Bytes.
    std::int64_t weight = 1;
    std::optional<std::int64_t> lastTsNs;
};

// Which fields of a ScannedEvent a scan decodes: each column costs its
// decoding in every chunk read.
enum class ScanFields : std::uint8_t {
    Time, // id and tsNs
    Basic, // everything but bytes (weight and last time included)
    Bytes, // everything
};

// The events with ids above `afterId`, in id order: decoded straight from
// event_chunks (format 4), or read from the events table of an older case
// opened without migrating. A pass through the `events` virtual table costs
// SQLite's per-row and per-column calls: at 10M events the charts' pass took
// 6.4 s that way and 4.5 s on the old table; this one decodes only the
// fields above, a chunk at a time.
// `visit` returns false to stop (not an error). The error names a damaged
// chunk ("event chunk N is damaged", NotACase) or SQLite's failure.
class EventScan
{
    Q_DECLARE_TR_FUNCTIONS(ea::EventScan)

public:
    [[nodiscard]] static Error run(SqliteDb &db, std::int64_t afterId,
                                   const std::function<bool(const ScannedEvent &)> &visit,
                                   ScanFields fields = ScanFields::Basic);
    // The events with these ids (ascending, as a destination's list), in
    // that order; an id no event has is skipped. Each chunk is read and
    // decoded once for all its ids, where a lookup through the events table
    // decoded it once per id (a quiet destination's 4082 events: 105 ms).
    [[nodiscard]] static Error forIds(SqliteDb &db, std::span<const std::int64_t> ids,
                                      const std::function<bool(const ScannedEvent &)> &visit,
                                      ScanFields fields = ScanFields::Basic);
    // The events of one source (a format 4 case or later; an older case has
    // none here), in id order.
    [[nodiscard]] static Error ofSource(SqliteDb &db, std::int64_t sourceId,
                                        const std::function<bool(const ScannedEvent &)> &visit,
                                        ScanFields fields = ScanFields::Basic);
};

} // namespace ea
