#pragma once

#include <QString>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

// Byte-level text helpers shared by every layer: readers, the case, review.
namespace ea {

// Inline, these two: the NDJSON decoder trims every field and compares
// direction words per event, and out of line they cost it about 0.5% more
// instructions per import (callgrind).

// ASCII case-insensitive equality, for column and directive names.
[[nodiscard]] inline bool asciiEqualsIgnoreCase(std::string_view a, std::string_view b) noexcept
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               auto lower = [](char c) {
                   return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
               };
               return lower(x) == lower(y);
           });
}

// The text with ASCII letters in lower case (other bytes as they are), as
// SQLite's built-in lower() folds them.
[[nodiscard]] std::string lowerAscii(std::string_view text);

// Without leading and trailing spaces and tabs.
[[nodiscard]] inline std::string_view trimmedBlanks(std::string_view text) noexcept
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

// A port as decimal ("443") or hexadecimal ("0x01bb", as Argus writes ICMP
// type/code), surrounding spaces allowed; -1 when empty, unreadable or above
// 65535.
[[nodiscard]] std::int32_t parsePort(std::string_view text) noexcept;

// Strict UTF-8: no overlong forms, surrogates or code points past U+10FFFF.
[[nodiscard]] bool isValidUtf8(std::string_view text) noexcept;

// One pass over a record: does it hold a NUL byte, is it 7-bit ASCII (then
// none of its fields needs a UTF-8 check)?
struct ByteScan
{
    bool hasNul = false;
    bool ascii = true;
};
[[nodiscard]] ByteScan scanBytes(std::string_view text) noexcept;

// UTF-8 text of the model for Qt; invalid sequences become U+FFFD.
[[nodiscard]] inline QString toQString(std::string_view utf8)
{
    return QString::fromUtf8(utf8.data(), qsizetype(utf8.size()));
}

} // namespace ea
