#pragma once

#include <QFuture>
#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace ea {

class CaseSession;

// The GUI's exports: the same writers and columns as the CLI (spreadsheet-safe
// cells), written through a temporary file renamed into place, so a failed
// export never leaves half a file. They read the case on a pool thread (no
// copy of the table on the GUI thread) and resolve to an error text, empty on
// success.

// The destinations to export: these ids in this order (the rows in view), or
// nullopt for every destination of the case in the CLI's --all order.
using ExportSelection = std::optional<std::vector<std::int64_t>>;

// The CLI's destinations CSV.
[[nodiscard]] QFuture<QString> writeDestinationsCsv(const CaseSession &session, const QString &path,
                                                    ExportSelection selection);
// The old query's expanded_address,dst_addr,process_uuid form.
[[nodiscard]] QFuture<QString> writeSeedCsv(const CaseSession &session, const QString &path,
                                            ExportSelection selection);

} // namespace ea
