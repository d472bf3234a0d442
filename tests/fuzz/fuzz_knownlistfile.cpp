// Fuzzes the known-list reader (KnownListFile::parse) in every format, and the
// PrefixMap built from what it accepts. Checks: no crash; a refused file
// keeps no entries; every accepted entry is a normalised block with host bits
// clear and a one-line label of at most 200 bytes; blocks are distinct; the
// problems shown are at most kMaxProblems of `rejected`; and the map finds
// each block's own first and last address in a block at least as specific.

#include "fuzzsupport.h"

#include "address/prefixmap.h"
#include "import/knownlistfile.h"

#include <QString>

#include <set>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace ea;
    const std::string_view bytes(reinterpret_cast<const char *>(data), size);
    for (const KnownListFormat format :
         {KnownListFormat::Auto, KnownListFormat::Text, KnownListFormat::Csv, KnownListFormat::Aws,
          KnownListFormat::Azure, KnownListFormat::Google}) {
        const KnownListFile file = KnownListFile::parse(bytes, format, QStringLiteral("fuzz"));
        if (!file.ok()) {
            FUZZ_CHECK(file.entries.empty());
            FUZZ_CHECK(!file.error.message().isEmpty());
            continue;
        }
        FUZZ_CHECK(file.problems.size() <= KnownListFile::kMaxProblems);
        FUZZ_CHECK(std::int64_t(file.problems.size()) <= file.rejected);
        FUZZ_CHECK(file.version.size() <= 200);
        std::set<std::pair<std::string, int>> seen;
        std::vector<PrefixMap::Block> blocks;
        for (std::size_t k = 0; k < file.entries.size(); ++k) {
            const LabelledBlock &e = file.entries[k];
            FUZZ_CHECK(e.cidr.hostBitsClear());
            FUZZ_CHECK(normalizedCidr(e.cidr) == e.cidr);
            FUZZ_CHECK(e.label.size() <= 200);
            for (const char c : e.label)
                FUZZ_CHECK(std::uint8_t(c) >= 0x20 && c != 0x7f);
            ea::fuzz::touch(e.label);
            const std::string key(reinterpret_cast<const char *>(e.cidr.network.bytes.data()), 16);
            FUZZ_CHECK(seen.emplace(key, e.cidr.bits()).second);
            blocks.push_back({e.cidr, std::int32_t(k)});
        }
        const PrefixMap map(blocks);
        for (const PrefixMap::Block &b : blocks) {
            for (const IpAddress &a : {b.cidr.first(), b.cidr.last()}) {
                const std::int32_t found = map.find(a);
                FUZZ_CHECK(found >= 0);
                FUZZ_CHECK(blocks[std::size_t(found)].cidr.bits() >= b.cidr.bits());
            }
        }
    }
    return 0;
}
