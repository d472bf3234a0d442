#include "storage/chartqueries.h"

#include "storage/eventscan.h"

#include <limits>

namespace ea {

ChartQueries::ChartQueries(CaseDatabase &database)
    : m_database(database)
{ }

Result<void> ChartQueries::forEachEventTime(std::optional<std::int64_t> since,
                                            std::optional<std::int64_t> until,
                                            const std::function<bool(const EventTimeRow &)> &visit)
{
    const std::int64_t from = since.value_or(std::numeric_limits<std::int64_t>::min());
    const std::int64_t to = until.value_or(std::numeric_limits<std::int64_t>::max());
    EventTimeRow row;
    Error error = EventScan::run(m_database.db(), 0, [&](const ScannedEvent &e) {
        if (e.tsNs && (*e.tsNs < from || *e.tsNs > to))
            return true;
        row.destinationId = e.destId;
        row.processId = e.processId;
        row.hostId = e.hostId;
        row.tsNs = e.tsNs;
        row.weight = e.weight;
        return visit(row);
    });
    if (!error.isNull())
        return error;
    return {};
}

} // namespace ea
