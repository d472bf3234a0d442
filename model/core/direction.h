#pragma once

#include <cstdint>

namespace ea {

// Which way a connection went, as the export recorded it: a reader reads it,
// the case stores it (events.direction: 0, 1, 2), the drill-down shows it.
enum class Direction : std::uint8_t { Unknown, Outbound, Inbound };

} // namespace ea
