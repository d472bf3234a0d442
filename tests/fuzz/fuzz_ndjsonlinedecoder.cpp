// Fuzzes the NDJSON line decoder line by line (as NdjsonReader feeds it),
// with and without --map overrides (chosen by the input's size): no crash,
// every view readable, consistent counts.

#include "fuzzsupport.h"

#include "import/ndjsonlinedecoder.h"

#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace ea;
    std::string_view text(reinterpret_cast<const char *>(data), size);
    std::vector<MappingOverride> overrides;
    if (size % 2 == 1) {
        overrides = {{FieldRole::Dst, "dest"},
                     {FieldRole::Time, "ts"},
                     {FieldRole::Process, "columns.pid"},
                     {FieldRole::DstPort, "a.b.0"}};
    }
    fuzz::TouchingSink sink(false);
    NdjsonLineDecoder decoder(sink, overrides);
    std::int64_t line = 0;
    std::int64_t decoded = 0;
    while (!text.empty()) {
        ++line;
        const std::size_t nl = text.find('\n');
        std::string_view one = text.substr(0, nl);
        text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
        if (!one.empty() && one.back() == '\r')
            one.remove_suffix(1);
        if (one.find_first_not_of(" \t\r") == std::string_view::npos)
            continue;
        decoder.decode(line, one);
        ++decoded;
    }
    const NdjsonStats &stats = decoder.stats();
    FUZZ_CHECK(stats.objects + stats.invalidLines == decoded);
    FUZZ_CHECK(stats.events == sink.events);
    FUZZ_CHECK(stats.firstKeys.size() <= 64);
    FUZZ_CHECK(stats.overrideSeen.size() == overrides.size());
    for (const std::string &key : stats.firstKeys)
        fuzz::touch(key);
    for (std::size_t id = 0; id < stats.roleUse.size(); ++id)
        fuzz::touch(decoder.keyName(id));
    return 0;
}
