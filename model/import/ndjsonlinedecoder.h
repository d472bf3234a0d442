#pragma once

#include "import/event.h"
#include "import/fieldmapping.h"
#include "import/ndjsonstats.h"

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ea {

// The format id of a dialect: "zeek-json", "suricata-eve", "windows-events",
// "osquery", "ecs", and "ndjson" for records read through --map alone.
[[nodiscard]] std::string_view ndjsonDialectId(NdjsonDialect dialect) noexcept;

// Decodes one NDJSON line at a time: validates it as one JSON object, tells
// its dialect from the keys present and delivers what it holds to the sink
// (events, osquery process rows, a skip or a rejection with the reason). See
// NdjsonReader for the dialects. No heap allocation per line once the
// buffers have grown to the longest line.
class NdjsonLineDecoder
{
public:
    NdjsonLineDecoder(RecordSink &sink, std::span<const MappingOverride> overrides);
    ~NdjsonLineDecoder();
    NdjsonLineDecoder(const NdjsonLineDecoder &) = delete;
    NdjsonLineDecoder &operator=(const NdjsonLineDecoder &) = delete;

    // text is one line without its line break, not blank.
    void decode(std::int64_t line, std::string_view text);

    [[nodiscard]] const NdjsonStats &stats() const noexcept;
    // The key path behind a name id of NdjsonStats::roleUse, e.g. "id.resp_h",
    // "columns.remote_address", or a --map key as the user typed it.
    [[nodiscard]] std::string keyName(std::size_t id) const;

private:
    class State;
    std::unique_ptr<State> m_state;
};

} // namespace ea
