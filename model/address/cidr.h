#pragma once

#include "address/ipaddress.h"

#include <string>
#include <string_view>

namespace ea {

// An address block such as 10.0.0.0/8 or 2001:db8::/32. The prefix length is
// the one written for the family (0..32 for IPv4, 0..128 for IPv6); bits()
// gives it on the 128-bit scale on which IPv4 lives at ::ffff:0:0/96.
struct Cidr
{
    IpAddress network; // host bits cleared
    int prefixLength = 0;

    [[nodiscard]] int bits() const noexcept;
    [[nodiscard]] IpAddress first() const noexcept { return network; }
    [[nodiscard]] IpAddress last() const noexcept;
    // Same family and inside the block. An IPv6-mapped spelling of an IPv4
    // address is inside an IPv4 block: it is the same host.
    [[nodiscard]] bool contains(const IpAddress &address) const noexcept;
    // No bit of network is set past the prefix (10.0.0.0/8, not 10.0.0.1/8).
    [[nodiscard]] bool hostBitsClear() const noexcept;

    friend bool operator==(const Cidr &, const Cidr &) = default;
};

enum class CidrError : std::uint8_t {
    None,
    Address, // the part before '/' is not an address (see addressError)
    MissingPrefix, // no '/N'
    InvalidPrefix, // not a decimal number in range
    HostBitsSet, // 10.0.0.1/8 (only with CidrParsing::Strict)
    ZoneNotAllowed,
};

enum class CidrParsing : std::uint8_t { Strict, ClearHostBits };

struct CidrResult
{
    Cidr cidr;
    CidrError error = CidrError::None;
    ParseError addressError = ParseError::None;

    [[nodiscard]] bool ok() const noexcept { return error == CidrError::None; }
};

// Parses "address/prefix". A bare address is accepted as a host block (/32 or
// /128) when allowBareAddress is true.
[[nodiscard]] CidrResult parseCidr(std::string_view text, CidrParsing mode = CidrParsing::Strict,
                                   bool allowBareAddress = false) noexcept;

[[nodiscard]] std::string_view cidrErrorText(CidrError error) noexcept;

// A block with a label: an entry of a known list ("AWS EC2 ap-northeast-1").
struct LabelledBlock
{
    Cidr cidr; // IPv4 blocks as IPv4 (normalizedCidr())
    std::string label; // UTF-8, one line, may be empty
};

// An IPv6 block inside ::ffff:0:0/96 as the IPv4 block it spells
// ("::ffff:10.0.0.0/104" is 10.0.0.0/8); any other block as it is.
[[nodiscard]] Cidr normalizedCidr(const Cidr &cidr) noexcept;

} // namespace ea
