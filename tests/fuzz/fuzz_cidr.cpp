// Fuzzes the CIDR parser in every mode: no crash, and an accepted block is
// consistent (prefix in range, the network and last address inside it, host
// bits clear) and parses back from its own text.

#include "fuzzsupport.h"

#include "address/addresstext.h"
#include "address/cidr.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace ea;
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    for (const bool bare : {false, true}) {
        const CidrResult strict = parseCidr(text, CidrParsing::Strict, bare);
        const CidrResult loose = parseCidr(text, CidrParsing::ClearHostBits, bare);
        FUZZ_CHECK(!cidrErrorText(strict.error).empty() || strict.ok());
        // Clearing host bits accepts everything strict parsing accepts, the same way.
        if (strict.ok())
            FUZZ_CHECK(loose.ok() && loose.cidr == strict.cidr);
        if (!loose.ok())
            continue;
        const Cidr &cidr = loose.cidr;
        const int maximum = cidr.network.family == Family::IPv4 ? 32 : 128;
        FUZZ_CHECK(cidr.prefixLength >= 0 && cidr.prefixLength <= maximum);
        FUZZ_CHECK(cidr.bits() >= 0 && cidr.bits() <= 128);
        FUZZ_CHECK(cidr.first() <= cidr.last());
        FUZZ_CHECK(cidr.contains(cidr.first()) && cidr.contains(cidr.last()));
        const std::string again = toString(cidr.network) + '/' + std::to_string(cidr.prefixLength);
        const CidrResult reparsed = parseCidr(again, CidrParsing::Strict, false);
        FUZZ_CHECK(reparsed.ok() && reparsed.cidr == cidr);
    }
    return 0;
}
