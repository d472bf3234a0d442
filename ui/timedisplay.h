#pragma once

#include <QDateTime>
#include <QString>

#include <cstdint>

namespace ea {

// Whether the window shows times in UTC or in the local time of this
// computer (Preferences; the case always stores UTC, and the CSV exports
// always write UTC with Z). Read by every cell and chart label that shows a
// time; set on the GUI thread, read from any.
enum class TimeDisplay : std::uint8_t { Utc, Local };
[[nodiscard]] TimeDisplay timeDisplay() noexcept;
void setTimeDisplay(TimeDisplay display) noexcept;

// An offset from UTC in seconds as ISO 8601 writes it: "+09:00", "-03:30".
[[nodiscard]] QString utcOffsetText(int seconds);
// UTC nanoseconds as a date-time of the display's zone (milliseconds kept).
[[nodiscard]] QDateTime displayDateTime(std::int64_t ns);
// The zone of displayDateTime(ns): "UTC", or the local offset at that time
// ("UTC+09:00").
[[nodiscard]] QString displayZoneName(std::int64_t ns);
// "2024-11-19T07:06:40.123Z" in UTC; "2024-11-19T16:06:40.123+09:00" in
// local time: ISO 8601 either way, to the millisecond.
[[nodiscard]] QString displayIsoTime(std::int64_t ns);

} // namespace ea
