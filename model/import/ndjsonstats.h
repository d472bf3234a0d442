#pragma once

#include "import/fieldmapping.h"

#include <QStringList>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace ea {

enum class NdjsonDialect : std::uint8_t { Zeek, Suricata, Windows, Osquery, Ecs, Generic, Count };
inline constexpr std::size_t kNdjsonDialectCount = std::size_t(NdjsonDialect::Count);

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

// The remarks on the whole file that the statistics call for, translated:
// skipped Suricata netflow replies, Sysmon's clock skew, times that look
// relative (before 1971). Counts are %1 arguments, never concatenated.
[[nodiscard]] QStringList ndjsonNotes(const NdjsonStats &stats);

} // namespace ea
