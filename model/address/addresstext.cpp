#include "address/addresstext.h"

namespace ea {

namespace {

constexpr char kHex[] = "0123456789abcdef";

std::size_t writeV4(std::uint32_t v4, char *out) noexcept
{
    char *p = out;
    for (int k = 3; k >= 0; --k) {
        const unsigned part = (v4 >> (8 * k)) & 0xff;
        if (part >= 100)
            *p++ = char('0' + part / 100);
        if (part >= 10)
            *p++ = char('0' + part / 10 % 10);
        *p++ = char('0' + part % 10);
        if (k > 0)
            *p++ = '.';
    }
    return std::size_t(p - out);
}

char *writeGroup(unsigned group, bool padded, char *p) noexcept
{
    bool started = padded;
    for (int shift = 12; shift >= 0; shift -= 4) {
        const unsigned digit = (group >> shift) & 0xf;
        if (digit != 0 || started || shift == 0) {
            *p++ = kHex[digit];
            started = true;
        }
    }
    return p;
}

} // namespace

std::size_t formatAddress(const IpAddress &address, TextForm form, char *out) noexcept
{
    if (address.family == Family::IPv4)
        return writeV4(address.v4(), out);

    unsigned groups[8];
    for (int k = 0; k < 8; ++k)
        groups[k] = (unsigned(address.bytes[2 * k]) << 8) | address.bytes[2 * k + 1];

    char *p = out;
    if (form != TextForm::Canonical) {
        for (int k = 0; k < 8; ++k) {
            if (k > 0)
                *p++ = ':';
            p = writeGroup(groups[k], form == TextForm::Padded, p);
        }
        return std::size_t(p - out);
    }

    // RFC 5952 section 5: IPv4-mapped addresses use mixed notation.
    if (address.isV4Mapped()) {
        static constexpr char prefix[] = "::ffff:";
        for (std::size_t k = 0; k + 1 < sizeof prefix; ++k)
            *p++ = prefix[k];
        return std::size_t(p - out) + writeV4(address.v4(), p);
    }

    // RFC 5952 section 4.2: compress the longest run of at least two zero
    // groups; on a tie the first.
    int bestStart = -1;
    int bestLength = 1;
    for (int k = 0; k < 8;) {
        if (groups[k] != 0) {
            ++k;
            continue;
        }
        int e = k;
        while (e < 8 && groups[e] == 0)
            ++e;
        if (e - k > bestLength) {
            bestStart = k;
            bestLength = e - k;
        }
        k = e;
    }
    for (int k = 0; k < 8; ++k) {
        if (k == bestStart) {
            *p++ = ':';
            *p++ = ':';
            k += bestLength - 1;
            continue;
        }
        if (k > 0 && k != bestStart + bestLength)
            *p++ = ':';
        p = writeGroup(groups[k], false, p);
    }
    return std::size_t(p - out);
}

std::string toString(const IpAddress &address, TextForm form)
{
    char buffer[kMaxAddressText];
    return std::string(buffer, formatAddress(address, form, buffer));
}

} // namespace ea
