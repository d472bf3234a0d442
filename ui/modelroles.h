#pragma once

#include <Qt>

namespace ea {

// Roles shared by the GUI's table models, so views and drill-down read every
// model the same way.
enum ModelRole {
    SortRole = Qt::UserRole + 100, // the typed value: qint64 for counts and times
    KeyRole, // the row's domain key as qint64 (destination id, process id, event id)
    StatusRole, // int(MarkStatus), where a row has one
    AddressTextRole, // canonical address text, where a row has one
};

} // namespace ea
