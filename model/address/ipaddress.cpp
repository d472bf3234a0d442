#include "address/ipaddress.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace ea {

namespace {

constexpr bool isSpace(char c) noexcept
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

constexpr bool isDigit(char c) noexcept
{
    return c >= '0' && c <= '9';
}

constexpr bool isAlpha(char c) noexcept
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// 0..15 for a hex digit, 16 otherwise. A table: this is the hottest loop of an
// import, and a lookup beats three range tests.
constexpr std::array<std::uint8_t, 256> kHexValue = [] {
    std::array<std::uint8_t, 256> t {};
    for (int c = 0; c < 256; ++c) {
        t[std::size_t(c)] = c >= '0' && c <= '9' ? std::uint8_t(c - '0')
            : c >= 'a' && c <= 'f'               ? std::uint8_t(c - 'a' + 10)
            : c >= 'A' && c <= 'F'               ? std::uint8_t(c - 'A' + 10)
                                                 : std::uint8_t(16);
    }
    return t;
}();

constexpr std::uint8_t hexValue(char c) noexcept
{
    return kHexValue[static_cast<unsigned char>(c)];
}

// RFC 6874 zone ids are unreserved characters.
constexpr bool isZoneChar(char c) noexcept
{
    return isDigit(c) || isAlpha(c) || c == '.' || c == '_' || c == '~' || c == '-';
}

// Byte order helpers; compilers turn these into one load/store and a bswap.
std::uint64_t loadBigEndian(const std::uint8_t *p) noexcept
{
    std::uint64_t v = 0;
    for (int k = 0; k < 8; ++k)
        v = (v << 8) | p[k];
    return v;
}

void storeBigEndian(std::uint64_t v, std::uint8_t *p) noexcept
{
    for (int k = 0; k < 8; ++k)
        p[k] = std::uint8_t(v >> (56 - 8 * k));
}

std::string_view trim(std::string_view s) noexcept
{
    std::size_t b = 0;
    std::size_t e = s.size();
    while (b < e && isSpace(s[b]))
        ++b;
    while (e > b && isSpace(s[e - 1]))
        --e;
    return s.substr(b, e - b);
}

// Strict dotted quad: four decimal parts, no leading zeros, each <= 255.
ParseError parseV4(std::string_view s, std::uint32_t &out) noexcept
{
    std::uint32_t value = 0;
    int parts = 0;
    std::size_t i = 0;
    const std::size_t n = s.size();
    for (;;) {
        const std::size_t start = i;
        unsigned part = 0;
        while (i < n && isDigit(s[i]) && i - start < 4) {
            part = part * 10 + unsigned(s[i] - '0');
            ++i;
        }
        const std::size_t digits = i - start;
        if (i < n && isDigit(s[i]))
            return ParseError::Ipv4PartTooLarge; // five digits or more
        if (i < n && s[i] != '.')
            return ParseError::InvalidCharacter;
        if (digits == 0)
            return ParseError::Ipv4EmptyPart;
        if (++parts > 4)
            return ParseError::Ipv4PartCount;
        if (part > 255)
            return ParseError::Ipv4PartTooLarge;
        if (digits > 1 && s[start] == '0')
            return ParseError::Ipv4LeadingZero;
        value = (value << 8) | part;
        if (i == n)
            break;
        ++i; // '.'
        if (i == n)
            return ParseError::Ipv4EmptyPart;
    }
    if (parts != 4)
        return ParseError::Ipv4PartCount;
    out = value;
    return ParseError::None;
}

ParseError parseV6(std::string_view s, IpAddress &out) noexcept
{
    std::uint16_t groups[8] = {};
    int count = 0;
    int gap = -1; // index in groups where '::' stands
    std::size_t i = 0;
    const std::size_t n = s.size();

    if (s[0] == ':') {
        if (n < 2 || s[1] != ':')
            return ParseError::EmptyGroup;
        if (n > 2 && s[2] == ':')
            return ParseError::TripleColon;
        gap = 0;
        i = 2;
    }
    while (i < n) {
        const std::size_t start = i;
        unsigned value = 0;
        std::uint8_t h;
        while (i < n && (h = hexValue(s[i])) < 16) {
            value = (value << 4) | h;
            ++i;
            if (i - start > 4) {
                // Keep scanning so "12345.1.1.1" is not called an IPv4 error.
                while (i < n && hexValue(s[i]) < 16)
                    ++i;
                if (i < n && s[i] == '.')
                    break;
                return ParseError::GroupTooLong;
            }
        }
        if (i < n && s[i] == '.') {
            // Embedded IPv4: must be the last 32 bits and complete.
            for (std::size_t j = i; j < n; ++j) {
                if (s[j] == ':')
                    return ParseError::MisplacedIpv4;
            }
            if (count > 6)
                return ParseError::GroupCount;
            std::uint32_t v4 = 0;
            const std::string_view tail = s.substr(start);
            ParseError e = parseV4(tail, v4);
            const bool tooFewParts = std::count(tail.begin(), tail.end(), '.') < 3;
            if ((e == ParseError::Ipv4PartCount && tooFewParts) || e == ParseError::Ipv4EmptyPart)
                e = ParseError::IncompleteIpv4;
            if (e != ParseError::None)
                return e;
            groups[count++] = std::uint16_t(v4 >> 16);
            groups[count++] = std::uint16_t(v4 & 0xffff);
            i = n;
            break;
        }
        if (i == start)
            return ParseError::InvalidCharacter;
        if (count == 8)
            return ParseError::GroupCount;
        groups[count++] = std::uint16_t(value);
        if (i == n)
            break;
        if (s[i] != ':')
            return ParseError::InvalidCharacter;
        ++i;
        if (i == n)
            return ParseError::EmptyGroup; // trailing single ':'
        if (s[i] == ':') {
            if (i + 1 < n && s[i + 1] == ':')
                return ParseError::TripleColon;
            if (gap >= 0)
                return ParseError::MultipleDoubleColon;
            gap = count;
            ++i;
        }
    }
    if (gap < 0 ? count != 8 : count > 7)
        return ParseError::GroupCount;

    std::uint16_t full[8] = {};
    if (gap < 0) {
        for (int k = 0; k < 8; ++k)
            full[k] = groups[k];
    } else {
        const int tail = count - gap;
        for (int k = 0; k < gap; ++k)
            full[k] = groups[k];
        for (int k = 0; k < tail; ++k)
            full[8 - tail + k] = groups[gap + k];
    }
    std::uint64_t hi = 0;
    std::uint64_t lo = 0;
    for (int k = 0; k < 4; ++k) {
        hi = (hi << 16) | full[k];
        lo = (lo << 16) | full[4 + k];
    }
    out = IpAddress::fromV6(hi, lo);
    return ParseError::None;
}

} // namespace

IpAddress IpAddress::fromV4(std::uint32_t v4) noexcept
{
    IpAddress a;
    a.bytes[10] = 0xff;
    a.bytes[11] = 0xff;
    a.bytes[12] = std::uint8_t(v4 >> 24);
    a.bytes[13] = std::uint8_t(v4 >> 16);
    a.bytes[14] = std::uint8_t(v4 >> 8);
    a.bytes[15] = std::uint8_t(v4);
    a.family = Family::IPv4;
    return a;
}

IpAddress IpAddress::fromV6(std::uint64_t hi, std::uint64_t lo) noexcept
{
    IpAddress a;
    storeBigEndian(hi, a.bytes.data());
    storeBigEndian(lo, a.bytes.data() + 8);
    a.family = Family::IPv6;
    return a;
}

std::uint64_t IpAddress::hi() const noexcept
{
    return loadBigEndian(bytes.data());
}

std::uint64_t IpAddress::lo() const noexcept
{
    return loadBigEndian(bytes.data() + 8);
}

std::uint32_t IpAddress::v4() const noexcept
{
    return (std::uint32_t(bytes[12]) << 24) | (std::uint32_t(bytes[13]) << 16)
        | (std::uint32_t(bytes[14]) << 8) | std::uint32_t(bytes[15]);
}

std::size_t IpAddressHash::operator()(const IpAddress &a) const noexcept
{
    // 128 bits folded by a multiply-xorshift mixer (from splitmix64).
    std::uint64_t h = a.hi() * 0x9e3779b97f4a7c15ULL ^ a.lo();
    h ^= h >> 31;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 29;
    return std::size_t(h);
}

bool IpAddress::isV4Mapped() const noexcept
{
    for (int k = 0; k < 10; ++k) {
        if (bytes[k] != 0)
            return false;
    }
    return bytes[10] == 0xff && bytes[11] == 0xff;
}

std::string_view parseErrorText(ParseError error) noexcept
{
    switch (error) {
    case ParseError::None:
        return {};
    case ParseError::Empty:
        return "empty";
    case ParseError::HostName:
        return "host name, not an address";
    case ParseError::CidrSuffix:
        return "CIDR suffix not allowed";
    case ParseError::InvalidCharacter:
        return "invalid character";
    case ParseError::WhitespaceInside:
        return "whitespace inside address";
    case ParseError::UnbalancedBrackets:
        return "unbalanced brackets";
    case ParseError::TextAfterBracket:
        return "text after closing bracket";
    case ParseError::ZoneOutsideBrackets:
        return "zone outside brackets";
    case ParseError::EmptyZone:
        return "'%' without zone";
    case ParseError::InvalidZone:
        return "invalid character in zone";
    case ParseError::ZoneOnIpv4:
        return "zone not allowed on IPv4";
    case ParseError::BracketsOnIpv4:
        return "brackets not allowed on IPv4";
    case ParseError::Ipv4PartCount:
        return "IPv4 needs four parts";
    case ParseError::Ipv4EmptyPart:
        return "empty IPv4 part";
    case ParseError::Ipv4LeadingZero:
        return "IPv4 part with leading zero";
    case ParseError::Ipv4PartTooLarge:
        return "IPv4 part above 255";
    case ParseError::MultipleDoubleColon:
        return "more than one '::'";
    case ParseError::TripleColon:
        return "':::' not allowed";
    case ParseError::GroupCount:
        return "IPv6 needs eight groups";
    case ParseError::GroupTooLong:
        return "IPv6 group longer than 4 hex digits";
    case ParseError::EmptyGroup:
        return "empty IPv6 group";
    case ParseError::MisplacedIpv4:
        return "embedded IPv4 not at the end";
    case ParseError::IncompleteIpv4:
        return "incomplete embedded IPv4";
    }
    return "invalid address";
}

ParseResult parseAddress(std::string_view text) noexcept
{
    ParseResult r;
    std::string_view s = trim(text);
    if (s.empty()) {
        r.error = ParseError::Empty;
        return r;
    }

    // Fast path for the common, well-formed case: decide the family by the
    // first separator and parse directly. Both parsers accept only digits,
    // hex, '.' and ':', so whatever they accept the full path below accepts
    // too; anything else falls through to it to find the precise reason.
    for (char c : s.substr(0, 5)) {
        if (c == '.') {
            std::uint32_t v4 = 0;
            if (parseV4(s, v4) == ParseError::None) {
                r.address = IpAddress::fromV4(v4);
                return r;
            }
            break;
        }
        if (c == ':') {
            if (parseV6(s, r.address) == ParseError::None)
                return r;
            r.address = {};
            break;
        }
    }

    // One pass to learn the shape; addresses are short, so this is cheap.
    bool colon = false;
    bool letter = false;
    bool other = false;
    std::size_t percent = std::string_view::npos;
    std::size_t slash = std::string_view::npos;
    std::size_t space = std::string_view::npos;
    std::size_t open = std::string_view::npos;
    std::size_t close = std::string_view::npos;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (isDigit(c) || c == '.')
            continue;
        if (c == ':')
            colon = true;
        else if (isAlpha(c))
            letter = true;
        else if (c == '%' && percent == std::string_view::npos)
            percent = i;
        else if (c == '/' && slash == std::string_view::npos)
            slash = i;
        else if (isSpace(c) && space == std::string_view::npos)
            space = i;
        else if (c == '[' && open == std::string_view::npos)
            open = i;
        else if (c == ']' && close == std::string_view::npos)
            close = i;
        else if (c != '-' && c != '_' && c != '~')
            other = true;
    }

    // Brackets: one pair around the whole (IPv6) address.
    bool bracketed = false;
    if (open != std::string_view::npos || close != std::string_view::npos) {
        if (open != 0 || close == std::string_view::npos || close < open) {
            r.error = ParseError::UnbalancedBrackets;
            return r;
        }
        if (close != s.size() - 1) {
            r.error = s[close + 1] == '%' ? ParseError::ZoneOutsideBrackets
                                          : ParseError::TextAfterBracket;
            return r;
        }
        if (s.find('[', 1) != std::string_view::npos || s.find(']', 0) != close) {
            r.error = ParseError::UnbalancedBrackets;
            return r;
        }
        bracketed = true;
        s = s.substr(1, s.size() - 2);
        if (percent != std::string_view::npos)
            --percent;
        if (slash != std::string_view::npos)
            --slash;
        if (space != std::string_view::npos)
            --space;
        if (s.empty()) {
            r.error = ParseError::Empty;
            return r;
        }
    }

    if (space != std::string_view::npos) {
        r.error = ParseError::WhitespaceInside;
        return r;
    }
    if (slash != std::string_view::npos) {
        r.error = ParseError::CidrSuffix;
        return r;
    }

    std::string_view zone;
    if (percent != std::string_view::npos) {
        zone = s.substr(percent + 1);
        s = s.substr(0, percent);
        if (zone.empty()) {
            r.error = ParseError::EmptyZone;
            return r;
        }
        for (char c : zone) {
            if (!isZoneChar(c)) {
                r.error = ParseError::InvalidZone;
                return r;
            }
        }
        if (s.empty()) {
            r.error = ParseError::Empty;
            return r;
        }
    }

    if (!colon || s.find(':') == std::string_view::npos) {
        // Not IPv6. Letters without a colon make a host name, unless the text
        // has characters no host name has.
        if (letter && !other && percent == std::string_view::npos && !bracketed) {
            r.error = ParseError::HostName;
            return r;
        }
        std::uint32_t v4 = 0;
        const ParseError e = parseV4(s, v4);
        if (e != ParseError::None) {
            r.error = e;
            return r;
        }
        if (bracketed) {
            r.error = ParseError::BracketsOnIpv4;
            return r;
        }
        if (!zone.empty()) {
            r.error = ParseError::ZoneOnIpv4;
            return r;
        }
        r.address = IpAddress::fromV4(v4);
        return r;
    }

    const ParseError e = parseV6(s, r.address);
    if (e != ParseError::None) {
        r.error = e;
        r.address = {};
        return r;
    }
    r.zone = zone;
    return r;
}

} // namespace ea
