#pragma once

#include <QFuture>
#include <QString>

#include <cstdint>
#include <span>
#include <unordered_set>

namespace ea {

class CaseSession;
struct DestinationRow;

// The GUI's exports: the same writers and columns as the CLI (spreadsheet-safe
// cells), written through a temporary file renamed into place, so a failed
// export never leaves half a file. Each returns an error text, empty on success.

// The destinations CSV of these rows, in this order.
[[nodiscard]] QString writeDestinationsCsv(const QString &path,
                                           std::span<const DestinationRow> rows);
// The old query's expanded_address,dst_addr,process_uuid form for these
// destinations, read from the events on a pool thread.
[[nodiscard]] QFuture<QString> writeSeedCsv(const CaseSession &session, const QString &path,
                                            std::unordered_set<std::int64_t> destinationIds);

} // namespace ea
