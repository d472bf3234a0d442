#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace ea {

// Timestamps of every supported export, read as int64 UTC nanoseconds since
// 1970-01-01T00:00:00Z. These run once per row of multi-million-row imports:
// no allocation, no locale, no time-zone database (days-from-civil arithmetic),
// and every input, however hostile, ends in `true` or `false`, never in UB.
//
// Accepted by parseTimestamp (surrounding whitespace ignored):
//  - Integer epoch, unit chosen by the count of digits as written:
//      1-10 digits seconds      (Zeek, osquery: "1732000000")
//      11-13        milliseconds ("1732000000123")
//      14-16        microseconds
//      17-19        nanoseconds  (SLS unix_nano_timestamp)
//    so any time from 1973-03-03 to 2262 is read right in every unit; only a
//    ms/us/ns value before 1973-03-03 (too few digits) would be misread.
//  - Fractional epoch seconds "1258531221.486539", "0.0018720000000023163":
//    always seconds; digits beyond the 9th fraction digit are truncated (not
//    rounded), so the value is exact to the nanosecond, with no float noise.
//  - ISO 8601 / RFC 3339 date-times: `YYYY-MM-DD` then `T` or a space, then
//    `HH:MM:SS`, an optional `.fraction` (any length, truncated to ns), and an
//    optional zone `Z`, `+HH:MM`, `+HHMM` or `+HH` (also `-`). No zone means
//    UTC: Sysmon UtcTime "2023-07-18 14:43:52.031", Suricata
//    "2023-02-28T11:34:02.133169+0000".
//  - The same with slashes, `YYYY/MM/DD HH:MM:SS.ffffff` (Argus binetflow
//    StartTime), read as UTC too.
//  Second 60 (a leap second) is accepted and reads as the next second.
//
// Rejected (false): empty text, Zeek's unset "-", masked digits
// ("XXXXXXXXXX.XXXXXX"), signs, exponents ("1.7e9"), a date without a time,
// hour 24, impossible dates (month 13, Feb 30, Feb 29 of a common year), and
// any value outside int64 ns (before 1677-09-21T00:12:43.145224192Z or after
// 2262-04-11T23:47:16.854775807Z).
[[nodiscard]] bool parseTimestamp(std::string_view text, std::int64_t &ns) noexcept;

// The Windows Firewall log's `date` + `time` columns ("2021-12-01",
// "09:01:43", optional fraction). The log says `#Time Format: Local` but
// names no zone, so the pair is read as UTC: times of one log stay ordered
// and comparable, shifted by the machine's offset from UTC.
[[nodiscard]] bool parseDateTime(std::string_view date, std::string_view time,
                                 std::int64_t &ns) noexcept;

// ISO 8601 UTC with `Z`, as the destinations CSV writes it:
// "2024-11-19T07:06:40Z", "…:40.013Z", "…:40.013250Z", "…:40.013250502Z".
// The fraction is left out when it is zero and otherwise written with 3, 6 or
// 9 digits, the fewest that hold it exactly, so parseTimestamp(format(ns))
// == ns for every int64.
inline constexpr std::size_t kIso8601MaxLength = 30; // "YYYY-MM-DDTHH:MM:SS.fffffffffZ"

// Writes into out (at least kIso8601MaxLength chars, no terminator) and
// returns the length; for writers that must not allocate per row.
std::size_t formatIso8601Utc(std::int64_t ns, char *out) noexcept;
[[nodiscard]] std::string formatIso8601Utc(std::int64_t ns);

// 1971-01-01T00:00:00Z. A time below it (and not negative) reads as an
// offset from the start of a capture rather than a date (replayed pcaps,
// Zeek and Slips test captures): the import notes such files, and the views
// show these times as offsets, marked relative.
inline constexpr std::int64_t kYear1971Ns = 365LL * 86400LL * 1000000000LL;
[[nodiscard]] constexpr bool looksRelative(std::int64_t ns) noexcept
{
    return ns >= 0 && ns < kYear1971Ns;
}

} // namespace ea
