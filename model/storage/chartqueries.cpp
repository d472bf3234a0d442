#include "storage/chartqueries.h"

#include "storage/queryrows.h"
#include "storage/sqlite.h"

#include <limits>

namespace ea {

ChartQueries::ChartQueries(CaseDatabase &database)
    : m_database(database)
{ }

Result<void> ChartQueries::forEachEventTime(std::optional<std::int64_t> since,
                                            std::optional<std::int64_t> until,
                                            const std::function<bool(const EventTimeRow &)> &visit)
{
    Statement s;
    if (s.prepare(m_database.db(),
                  "SELECT dest_id, ifnull(process_id, 0), ts_ns FROM events"
                  " WHERE ts_ns IS NULL OR ts_ns BETWEEN ?1 AND ?2")) {
        s.bindInt64(1, since.value_or(std::numeric_limits<std::int64_t>::min()));
        s.bindInt64(2, until.value_or(std::numeric_limits<std::int64_t>::max()));
    }
    EventTimeRow row;
    const Error error = queryrows::forEachRow(s, [&] {
        row.destinationId = s.columnInt64(0);
        row.processId = s.columnInt64(1);
        row.tsNs = s.columnOptionalInt64(2);
        return visit(row);
    });
    if (!error.isNull())
        return error;
    return {};
}

} // namespace ea
