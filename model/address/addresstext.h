#pragma once

#include "address/ipaddress.h"

#include <cstddef>
#include <string>

namespace ea {

enum class TextForm : std::uint8_t {
    // RFC 5952: lower case, longest run of two or more zero groups compressed
    // (the first on a tie), ::ffff:a.b.c.d for IPv4-mapped; IPv4 dotted quad.
    Canonical,
    // Eight lower-case groups without leading zeros and without '::'
    // ("2001:db8:0:0:0:0:0:1"): the form the data-lake query produced.
    Expanded,
    // Eight four-digit groups ("2001:0db8:0000:…"), 39 characters.
    Padded,
};

// Room for any form: the longest is the 39-character padded IPv6 form. Kept at
// INET6_ADDRSTRLEN - 1 so callers can size buffers the familiar way.
inline constexpr std::size_t kMaxAddressText = 45;

// Writes the text form into out (at least kMaxAddressText bytes, no NUL is
// written) and returns its length. IPv4 values give the dotted quad in every
// form. Never allocates.
std::size_t formatAddress(const IpAddress &address, TextForm form, char *out) noexcept;

[[nodiscard]] std::string toString(const IpAddress &address, TextForm form = TextForm::Canonical);

} // namespace ea
