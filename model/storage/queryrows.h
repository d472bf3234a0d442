#pragma once

// Helpers shared by CaseQueries' two source files (casequeries.cpp,
// drilldownqueries.cpp); not part of the model's interface.

#include "storage/casequeries.h"
#include "storage/sqlite.h"

#include <QString>

#include <algorithm>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace ea::queryrows {

inline std::string text(const Statement &s, int column)
{
    return std::string(s.columnText(column));
}

// A stored byte sum: -1 for NULL, and for a negative value (a damaged or
// edited case), as the import reads a count.
inline std::int64_t byteCount(const Statement &s, int column)
{
    return std::max<std::int64_t>(s.columnOptionalInt64(column).value_or(-1), -1);
}

inline Error readError(const Statement &s)
{
    return Error(
        CaseQueries::tr("Cannot read the case: %1").arg(QString::fromStdString(s.errorMessage())),
        Error::Code::Database);
}

// Destinations are written by the importer; a row whose address is not 16
// bytes of family 4 or 6 was not, and is left out.
inline bool readAddress(const Statement &s, int blobColumn, int familyColumn, IpAddress &address)
{
    const std::span<const std::uint8_t> blob = s.columnBlob(blobColumn);
    const std::int64_t family = s.columnInt64(familyColumn);
    if (blob.size() != address.bytes.size() || (family != 4 && family != 6))
        return false;
    std::copy(blob.begin(), blob.end(), address.bytes.begin());
    address.family = family == 4 ? Family::IPv4 : Family::IPv6;
    return true;
}

// Steps a statement to the end, handing each row to `row` (false stops).
// Returns the error, null on success.
template<typename RowFunction> Error forEachRow(Statement &s, RowFunction &&row)
{
    if (s.isValid()) {
        for (;;) {
            const Statement::Step step = s.step();
            if (step == Statement::Step::Done)
                return {};
            if (step == Statement::Step::Error)
                break;
            if (!row())
                return {};
        }
    }
    return readError(s);
}

template<typename Row> RowsResult<Row> collected(Error error, std::vector<Row> rows)
{
    if (error)
        return error;
    return rows;
}

// What the processes and hosts exports told about process ?1 seen on host ?2
// (either may be 0): key, pid, path, name, args, user, host key, host name.
// A processes export without a host column (Sophos process journal) describes
// the key on whichever host it ran, so its row fills in what the process's own
// row lacks.
inline constexpr const char *kProcessDetailsSql
    = "SELECT ifnull(p.key, ''), coalesce(nullif(p.pid, ''), q.pid, ''), "
      "coalesce(nullif(p.path, ''), q.path, ''), coalesce(nullif(p.name, ''), q.name, ''), "
      "coalesce(nullif(p.args, ''), q.args, ''), coalesce(nullif(p.user, ''), q.user, ''), "
      "ifnull(h.key, ''), ifnull(h.hostname, '') "
      "FROM (SELECT ?1 AS process_id, ?2 AS host_id) AS x "
      "LEFT JOIN processes AS p ON p.id = x.process_id "
      "LEFT JOIN processes AS q ON ifnull(q.host_id, 0) = 0 AND q.key = p.key AND q.id <> p.id "
      "LEFT JOIN hosts AS h ON h.id = coalesce(p.host_id, nullif(x.host_id, 0))";

// Reads columns first … first + 7 in kProcessDetailsSql's order.
inline void readProcessDetails(const Statement &s, int first, ProcessRow &row)
{
    row.key = text(s, first);
    row.pid = text(s, first + 1);
    row.path = text(s, first + 2);
    row.name = text(s, first + 3);
    row.arguments = text(s, first + 4);
    row.user = text(s, first + 5);
    row.hostKey = text(s, first + 6);
    row.hostname = text(s, first + 7);
}

} // namespace ea::queryrows
