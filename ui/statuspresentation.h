#pragma once

#include "core/text.h"

#include "storage/marks.h"

#include <QColor>
#include <QIcon>
#include <QString>
#include <QVariant>

#include <cstdint>
#include <optional>
#include <string_view>

namespace ea {

struct ProcessRow;

// How a review status looks everywhere in the GUI: a translated name, a colour
// and an icon with a distinct shape, so a status never depends on colour alone.
[[nodiscard]] QString statusDisplayName(MarkStatus status);
[[nodiscard]] QColor statusColor(MarkStatus status);
[[nodiscard]] QIcon statusIcon(MarkStatus status);
// SortRole of a time: unknown times sort before every known one.
[[nodiscard]] QVariant timeSortKey(const std::optional<std::int64_t> &ns);
// A translated name for a category id ("global", "private", ...).
[[nodiscard]] QString categoryDisplayName(std::string_view categoryId);
// "2023-02-28T11:34:02.133Z": UTC nanoseconds shown to the millisecond, or
// in local time ("2023-02-28T20:34:02.133+09:00") when the Preferences say so
// (timedisplay.h); empty for none. `zoneUnknown`: the time came from a file
// whose times are local to a zone it does not name; it shows as written,
// without the Z, marked "(zone unknown)".
[[nodiscard]] QString displayTime(const std::optional<std::int64_t> &ns, bool zoneUnknown = false);
// A process cell's tooltip: its arguments, and the other spellings it was
// recorded under (Sysmon and WFP); empty when there are none.
[[nodiscard]] QString processToolTip(const ProcessRow &row);
// A byte count in SI units ("1.5 MB", "980 bytes"); empty when unknown (-1).
[[nodiscard]] QString displayBytes(std::int64_t bytes);
// The exact count for a tooltip ("1,534,221 bytes"); empty when unknown.
[[nodiscard]] QString exactBytes(std::int64_t bytes);
// "outbound", "inbound", "both" for DirectionBits; empty for 0 (unknown).
[[nodiscard]] QString directionDisplayName(std::uint8_t directions);

} // namespace ea
