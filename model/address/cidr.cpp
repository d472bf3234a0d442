#include "address/cidr.h"

namespace ea {

namespace {

// Mask of the first `bits` of 128, split in two halves.
void mask(int bits, std::uint64_t &hi, std::uint64_t &lo) noexcept
{
    hi = bits <= 0 ? 0 : bits >= 64 ? ~0ULL : ~0ULL << (64 - bits);
    lo = bits <= 64 ? 0 : bits >= 128 ? ~0ULL : ~0ULL << (128 - bits);
}

} // namespace

int Cidr::bits() const noexcept
{
    return network.family == Family::IPv4 ? prefixLength + 96 : prefixLength;
}

IpAddress Cidr::last() const noexcept
{
    std::uint64_t mh = 0;
    std::uint64_t ml = 0;
    mask(bits(), mh, ml);
    IpAddress a = IpAddress::fromV6(network.hi() | ~mh, network.lo() | ~ml);
    a.family = network.family;
    return a;
}

bool Cidr::contains(const IpAddress &address) const noexcept
{
    if (network.family == Family::IPv6 && address.family == Family::IPv4)
        return false;
    // An IPv4 block holds an IPv4 address and its ::ffff: spelling alike;
    // both share the same 128-bit value.
    std::uint64_t mh = 0;
    std::uint64_t ml = 0;
    mask(bits(), mh, ml);
    return (address.hi() & mh) == network.hi() && (address.lo() & ml) == network.lo();
}

bool Cidr::hostBitsClear() const noexcept
{
    std::uint64_t mh = 0;
    std::uint64_t ml = 0;
    mask(bits(), mh, ml);
    return (network.hi() & ~mh) == 0 && (network.lo() & ~ml) == 0;
}

Cidr normalizedCidr(const Cidr &cidr) noexcept
{
    if (cidr.network.family == Family::IPv6 && cidr.prefixLength >= 96
        && cidr.network.isV4Mapped()) {
        Cidr v4 = cidr;
        v4.network.family = Family::IPv4;
        v4.prefixLength = cidr.prefixLength - 96;
        return v4;
    }
    return cidr;
}

std::string_view cidrErrorText(CidrError error) noexcept
{
    switch (error) {
    case CidrError::None:
        return {};
    case CidrError::Address:
        return "not an address";
    case CidrError::MissingPrefix:
        return "missing '/prefix'";
    case CidrError::InvalidPrefix:
        return "invalid prefix length";
    case CidrError::HostBitsSet:
        return "host bits set";
    case CidrError::ZoneNotAllowed:
        return "zone not allowed";
    }
    return "invalid block";
}

CidrResult parseCidr(std::string_view text, CidrParsing mode, bool allowBareAddress) noexcept
{
    CidrResult r;
    // Trim like parseAddress does, so the prefix length is found at the end.
    constexpr std::string_view kSpace = " \t\n\r\v\f";
    const std::size_t begin = text.find_first_not_of(kSpace);
    if (begin == std::string_view::npos)
        text = {};
    else
        text = text.substr(begin, text.find_last_not_of(kSpace) - begin + 1);

    const std::size_t slash = text.rfind('/');
    std::string_view addressText = slash == std::string_view::npos ? text : text.substr(0, slash);
    const ParseResult parsed = parseAddress(addressText);
    if (!parsed.ok()) {
        r.error = CidrError::Address;
        r.addressError = parsed.error;
        return r;
    }
    if (!parsed.zone.empty()) {
        r.error = CidrError::ZoneNotAllowed;
        return r;
    }
    const int maxLength = parsed.address.family == Family::IPv4 ? 32 : 128;
    int length = maxLength;
    if (slash == std::string_view::npos) {
        if (!allowBareAddress) {
            r.error = CidrError::MissingPrefix;
            return r;
        }
    } else {
        const std::string_view digits = text.substr(slash + 1);
        if (digits.empty() || digits.size() > 3 || (digits.size() > 1 && digits[0] == '0')) {
            r.error = CidrError::InvalidPrefix;
            return r;
        }
        length = 0;
        for (char c : digits) {
            if (c < '0' || c > '9') {
                r.error = CidrError::InvalidPrefix;
                return r;
            }
            length = length * 10 + (c - '0');
        }
        if (length > maxLength) {
            r.error = CidrError::InvalidPrefix;
            return r;
        }
    }

    Cidr cidr {parsed.address, length};
    std::uint64_t mh = 0;
    std::uint64_t ml = 0;
    mask(cidr.bits(), mh, ml);
    const std::uint64_t hi = parsed.address.hi();
    const std::uint64_t lo = parsed.address.lo();
    if (((hi & ~mh) | (lo & ~ml)) != 0 && mode == CidrParsing::Strict) {
        r.error = CidrError::HostBitsSet;
        return r;
    }
    cidr.network = IpAddress::fromV6(hi & mh, lo & ml);
    cidr.network.family = parsed.address.family;
    r.cidr = cidr;
    return r;
}

} // namespace ea
