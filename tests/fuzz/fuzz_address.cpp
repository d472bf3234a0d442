// Fuzzes the address parser: no crash, the zone is a view into the text, and
// every accepted address formats (in each text form) to text that parses
// back to the same address and family.

#include "fuzzsupport.h"

#include "address/addresstext.h"
#include "address/ipaddress.h"

#include <array>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace ea;
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    const ParseResult parsed = parseAddress(text);
    if (!parsed.ok()) {
        FUZZ_CHECK(!parseErrorText(parsed.error).empty());
        return 0;
    }
    if (!parsed.zone.empty()) {
        FUZZ_CHECK(parsed.zone.data() >= text.data()
                   && parsed.zone.data() + parsed.zone.size() <= text.data() + text.size());
        FUZZ_CHECK(parsed.address.family == Family::IPv6);
    }
    for (const TextForm form : {TextForm::Canonical, TextForm::Expanded, TextForm::Padded}) {
        std::array<char, kMaxAddressText> buffer {};
        const std::size_t length = formatAddress(parsed.address, form, buffer.data());
        FUZZ_CHECK(length > 0 && length <= buffer.size());
        const std::string_view formatted(buffer.data(), length);
        FUZZ_CHECK(formatted == toString(parsed.address, form));
        const ParseResult again = parseAddress(formatted);
        FUZZ_CHECK(again.ok() && again.zone.empty());
        FUZZ_CHECK(again.address == parsed.address);
    }
    return 0;
}
