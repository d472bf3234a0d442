#pragma once

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ea {

enum class Family : std::uint8_t { IPv4, IPv6 };

// A parsed address: 128 bits in network byte order plus the family of the text
// it came from. IPv4 is held as its IPv4-mapped form (::ffff:a.b.c.d) so that
// one byte order sorts both families; `family` tells the two apart, because
// "::ffff:8.8.8.8" (family IPv6) and "8.8.8.8" (family IPv4) are different
// spellings of the same host.
struct IpAddress
{
    std::array<std::uint8_t, 16> bytes {};
    Family family = Family::IPv4;

    [[nodiscard]] static IpAddress fromV4(std::uint32_t v4) noexcept;
    [[nodiscard]] static IpAddress fromV6(std::uint64_t hi, std::uint64_t lo) noexcept;

    [[nodiscard]] std::uint64_t hi() const noexcept;
    [[nodiscard]] std::uint64_t lo() const noexcept;
    // The last 32 bits: the IPv4 address of an IPv4 value or an embedded one.
    [[nodiscard]] std::uint32_t v4() const noexcept;
    // True for ::ffff:0:0/96, whatever the family of the text.
    [[nodiscard]] bool isV4Mapped() const noexcept;

    friend bool operator==(const IpAddress &, const IpAddress &) = default;
    friend std::strong_ordering operator<=>(const IpAddress &, const IpAddress &) = default;
};

// Hash for unordered containers keyed by address (family ignored: the two
// spellings of one IPv4 host hash alike and compare by operator==).
struct IpAddressHash
{
    [[nodiscard]] std::size_t operator()(const IpAddress &address) const noexcept;
};

// Why a text is not an address. The values are stable; parseErrorText() gives
// the short reason shown to users and written by the CLI.
enum class ParseError : std::uint8_t {
    None,
    Empty,
    HostName,
    CidrSuffix,
    InvalidCharacter,
    WhitespaceInside,
    UnbalancedBrackets,
    TextAfterBracket,
    ZoneOutsideBrackets,
    EmptyZone,
    InvalidZone,
    ZoneOnIpv4,
    BracketsOnIpv4,
    Ipv4PartCount,
    Ipv4EmptyPart,
    Ipv4LeadingZero,
    Ipv4PartTooLarge,
    MultipleDoubleColon,
    TripleColon,
    GroupCount,
    GroupTooLong,
    EmptyGroup,
    MisplacedIpv4,
    IncompleteIpv4,
};

[[nodiscard]] std::string_view parseErrorText(ParseError error) noexcept;

struct ParseResult
{
    IpAddress address;
    // The zone index ("eth0" of "fe80::1%eth0"): a view into the parsed text,
    // never part of the address value.
    std::string_view zone;
    ParseError error = ParseError::None;

    [[nodiscard]] bool ok() const noexcept { return error == ParseError::None; }
};

// Parses one destination field. Accepts strict dotted-quad IPv4 and every
// RFC 4291 text form of IPv6, optionally in one pair of brackets and with a
// zone index; surrounding ASCII whitespace is ignored. Never allocates.
[[nodiscard]] ParseResult parseAddress(std::string_view text) noexcept;

} // namespace ea
