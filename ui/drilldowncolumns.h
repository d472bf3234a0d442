#pragma once

#include "rowstablemodel.h"

#include "storage/casequeries.h"

#include <vector>

namespace ea {

// The columns of the drill-down's processes pane (DestinationsPage): one
// row per process or source that contacted the selected destination.
[[nodiscard]] std::vector<RowsTableModel<ProcessRow>::Column> drillDownProcessColumns();

} // namespace ea
