// Fuzzes MmdbFile: libmaxminddb's reading of a MaxMind-format database the
// analyst points at (an untrusted file), and this project's reading of the
// fields of what it finds. Each input is written to a file and opened; when it
// opens, a spread of IPv4, IPv4-mapped and IPv6 addresses is looked up.
// Checks: no crash; an error has a message; a country is empty or two
// upper-case letters; an AS number fits 32 bits; an organisation is one line
// of at most 512 bytes.

#include "fuzzsupport.h"

#include "address/ipaddress.h"
#include "import/mmdbfile.h"

#include <QTemporaryFile>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace ea;
    // One private file (created exclusively, removed at exit), rewritten for
    // each input: libmaxminddb opens databases by path only.
    static QTemporaryFile file;
    if (!file.isOpen() && !file.open())
        return 0;
    if (!file.resize(0) || !file.seek(0)
        || file.write(reinterpret_cast<const char *>(data), qint64(size)) != qint64(size)
        || !file.flush())
        return 0;
    Result<std::unique_ptr<MmdbFile>> opened = MmdbFile::open(file.fileName());
    if (!opened.ok()) {
        FUZZ_CHECK(!opened.error.message().isEmpty());
        return 0;
    }
    FUZZ_CHECK(opened.value->databaseType().size() <= 512);
    for (const char *text : {"1.1.1.1", "8.8.8.8", "0.0.0.0", "255.255.255.255", "::ffff:9.9.9.9",
                             "2606:4700::1111", "::", "ffff:ffff::1", "2002:101:101::"}) {
        OwnerInfo owner;
        const Error error = opened.value->lookup(parseAddress(text).address, owner);
        if (!error.isNull()) {
            FUZZ_CHECK(!error.message().isEmpty());
            continue;
        }
        FUZZ_CHECK(owner.country.empty()
                   || (owner.country.size() == 2 && owner.country[0] >= 'A'
                       && owner.country[0] <= 'Z' && owner.country[1] >= 'A'
                       && owner.country[1] <= 'Z'));
        FUZZ_CHECK(owner.asn >= 0 && owner.asn <= 0xffffffffLL);
        FUZZ_CHECK(owner.organisation.size() <= 512);
        for (const char c : owner.organisation)
            FUZZ_CHECK(static_cast<unsigned char>(c) >= 0x20 && c != 0x7f);
        FUZZ_CHECK(owner.found || (owner.country.empty() && owner.asn == 0));
    }
    return 0;
}
