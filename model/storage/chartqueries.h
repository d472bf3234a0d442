#pragma once

#include "core/error.h"
#include "storage/casedatabase.h"

#include <QCoreApplication>

#include <cstdint>
#include <functional>
#include <optional>

namespace ea {

// One event as the charts count it: its destination, its process (0: the
// event named none), its host (0: none) and its time (none: the export gave
// no usable time).
struct EventTimeRow
{
    std::int64_t destinationId = 0;
    std::int64_t processId = 0;
    std::int64_t hostId = 0;
    std::optional<std::int64_t> tsNs;
    std::int64_t weight = 1; // the connections an aggregated row stands for
};

// The reads behind the Charts view. Every value is bound. Not thread-safe:
// one ChartQueries per connection, like CaseQueries.
class ChartQueries
{
    Q_DECLARE_TR_FUNCTIONS(ea::ChartQueries)

public:
    explicit ChartQueries(CaseDatabase &database);

    // Streams the events whose time lies in [since, until] (either bound
    // optional, both inclusive) and every event with no time, in storage
    // order. One pass over the events: the charts bucket them in memory,
    // because GROUP BY over ts_ns / bucket would sort every event first (there
    // is no index on ts_ns). The visitor returns false to stop early (a newer
    // request superseded this one); that is not an error.
    [[nodiscard]] Result<void>
    forEachEventTime(std::optional<std::int64_t> since, std::optional<std::int64_t> until,
                     const std::function<bool(const EventTimeRow &)> &visit);

private:
    CaseDatabase &m_database;
};

} // namespace ea
