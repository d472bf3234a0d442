#include "core/text.h"

#include <algorithm>
#include <cstring>

namespace ea {

std::int32_t parsePort(std::string_view text) noexcept
{
    // Fast path, nearly every row: 1 to 5 plain digits.
    if (text.size() - 1 < 5) {
        std::uint32_t value = 0;
        std::size_t i = 0;
        for (; i < text.size(); ++i) {
            const auto digit = std::uint32_t(static_cast<unsigned char>(text[i]) - '0');
            if (digit > 9)
                break;
            value = value * 10 + digit;
        }
        if (i == text.size())
            return value <= 65535 ? std::int32_t(value) : -1;
    }
    text = trimmedBlanks(text);
    if (text.empty() || text.size() > 8)
        return -1;
    std::uint32_t value = 0;
    if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
        for (char c : text.substr(2)) {
            std::uint32_t digit;
            if (c >= '0' && c <= '9')
                digit = std::uint32_t(c - '0');
            else if (c >= 'a' && c <= 'f')
                digit = std::uint32_t(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F')
                digit = std::uint32_t(c - 'A' + 10);
            else
                return -1;
            value = value * 16 + digit;
        }
    } else {
        for (char c : text) {
            if (c < '0' || c > '9')
                return -1;
            value = value * 10 + std::uint32_t(c - '0');
        }
    }
    return value <= 65535 ? std::int32_t(value) : -1;
}

bool isValidUtf8(std::string_view text) noexcept
{
    const auto *p = reinterpret_cast<const unsigned char *>(text.data());
    const auto *const end = p + text.size();
    while (p < end) {
        const unsigned c = *p;
        if (c < 0x80) {
            ++p;
            continue;
        }
        std::ptrdiff_t trail;
        if (c >= 0xc2 && c <= 0xdf)
            trail = 1;
        else if (c >= 0xe0 && c <= 0xef)
            trail = 2;
        else if (c >= 0xf0 && c <= 0xf4)
            trail = 3;
        else
            return false; // continuation byte, overlong 2-byte lead, or past U+10FFFF
        if (end - p <= trail)
            return false;
        const unsigned c1 = p[1];
        if ((c == 0xe0 && c1 < 0xa0) || (c == 0xed && c1 > 0x9f) || (c == 0xf0 && c1 < 0x90)
            || (c == 0xf4 && c1 > 0x8f))
            return false; // overlong, surrogate, or past U+10FFFF
        for (std::ptrdiff_t i = 1; i <= trail; ++i) {
            if ((p[i] & 0xc0) != 0x80)
                return false;
        }
        p += trail + 1;
    }
    return true;
}

ByteScan scanBytes(std::string_view text) noexcept
{
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
    constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
    const char *p = text.data();
    std::size_t n = text.size();
    std::uint64_t high = 0;
    std::uint64_t zero = 0;
    for (; n >= 8; p += 8, n -= 8) {
        std::uint64_t word;
        std::memcpy(&word, p, 8);
        high |= word;
        zero |= (word - kOnes) & ~word & kHighs; // non-zero iff a byte is 0
    }
    for (; n > 0; ++p, --n) {
        const auto c = static_cast<unsigned char>(*p);
        high |= c;
        zero |= c == 0 ? 0x80 : 0;
    }
    return {zero != 0, (high & kHighs) == 0};
}

std::string lowerAscii(std::string_view text)
{
    std::string out(text);
    for (char &c : out) {
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
    }
    return out;
}

} // namespace ea
