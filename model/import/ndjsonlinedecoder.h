#pragma once

#include "import/event.h"
#include "import/fieldmapping.h"

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ea {

enum class NdjsonDialect : std::uint8_t { Zeek, Suricata, Windows, Osquery, Ecs, Generic, Count };
inline constexpr std::size_t kNdjsonDialectCount = std::size_t(NdjsonDialect::Count);

// The format id of a dialect: "zeek-json", "suricata-eve", "windows-events",
// "osquery", "ecs", and "ndjson" for records read through --map alone.
[[nodiscard]] std::string_view ndjsonDialectId(NdjsonDialect dialect) noexcept;

// What the decoder saw across one file, for the reader's summary.
struct NdjsonStats
{
    // Events and process rows delivered, per dialect.
    std::array<std::int64_t, kNdjsonDialectCount> records {};
    // Lines (or rows) of the dialect, whatever came of them.
    std::array<std::int64_t, kNdjsonDialectCount> recognized {};
    std::int64_t events = 0;
    std::int64_t processes = 0;
    std::int64_t objects = 0; // lines that are one JSON object
    std::int64_t invalidLines = 0; // lines that are not
    std::int64_t netflowReplies = 0;
    std::int64_t sysmonSkewed = 0; // Sysmon UtcTime more than an hour off TimeCreated
    std::int64_t sysmonMaxSkewNs = 0;
    std::int64_t before1971 = 0; // events whose time reads as before 1971: relative times
    std::vector<std::string> firstKeys; // leaf paths of the first object, at most 64
    // Per key name id (NdjsonLineDecoder::keyName): how often the key supplied
    // each role, and the order in which keys were first used (-1: never).
    std::vector<std::array<std::int64_t, kFieldRoleCount>> roleUse;
    std::vector<std::int64_t> firstUse;
    std::vector<bool> overrideSeen; // per --map override: some line had its key
};

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
