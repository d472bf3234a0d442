#pragma once

#include <QString>

#include <cstdint>
#include <string_view>

// Byte-level text helpers shared by every layer: readers, the case, review.
namespace ea {

// ASCII case-insensitive equality, for column and directive names.
[[nodiscard]] bool asciiEqualsIgnoreCase(std::string_view a, std::string_view b) noexcept;

// Without leading and trailing spaces and tabs.
[[nodiscard]] std::string_view trimmedBlanks(std::string_view text) noexcept;

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
