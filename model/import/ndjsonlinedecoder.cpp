#include "import/ndjsonlinedecoder.h"

#include "import/ndjsondecoderstate.h"

#include "core/text.h"

#include <algorithm>

namespace ea {

namespace {

constexpr std::array<std::string_view, kNdjsonDialectCount> kDialectIds
    = {"zeek-json", "suricata-eve", "windows-events", "osquery", "ecs", "ndjson"};

// Length and three bytes: cheap, and enough to spread the tables' few dozen
// keys over the buckets.
std::size_t keyHash(std::string_view key) noexcept
{
    std::size_t h = key.size();
    if (!key.empty()) {
        const auto at = [&](std::size_t i) {
            return std::size_t(static_cast<unsigned char>(key[i]));
        };
        h = h * 131 + at(0);
        h = h * 131 + at(key.size() / 2);
        h = h * 131 + at(key.size() - 1);
    }
    return h % ndjson::kBucketCount;
}

} // namespace

std::string_view ndjsonDialectId(NdjsonDialect dialect) noexcept
{
    const auto index = std::size_t(dialect);
    return index < kDialectIds.size() ? kDialectIds[index] : std::string_view("ndjson");
}

namespace ndjson {

DecoderState::DecoderState(RecordSink &sink, std::span<const MappingOverride> overrides)
    : m_sink(sink)
    , m_overrides(overrides)
{
    for (std::size_t spec = 0; spec < kSpecs.size(); ++spec) {
        for (std::size_t role = 0; role < kFieldRoleCount; ++role) {
            auto &ids = m_specIds[spec][role];
            ids.fill(-1);
            std::string_view names = (*kSpecs[spec])[role];
            for (std::size_t k = 0; k < kMaxAlternatives && !names.empty(); ++k) {
                const std::size_t bar = std::min(names.find('|'), names.size());
                ids[k] = keyId(names.substr(0, bar));
                names.remove_prefix(std::min(bar + 1, names.size()));
            }
        }
    }
    for (std::size_t k = 0; k < kOtherKeys.size(); ++k)
        m_other[k] = keyId(kOtherKeys[k]);
    m_slots.resize(m_keyNames.size());
    m_columnNameBase = m_keyNames.size();
    m_overrideNameBase = m_columnNameBase + kColCount * kNamedRowShapes;
    m_overrideSlots.resize(overrides.size());
    m_overridePresent.assign(overrides.size(), false);
    stats.overrideSeen.assign(overrides.size(), false);
    stats.roleUse.resize(m_overrideNameBase + overrides.size());
    stats.firstUse.assign(m_overrideNameBase + overrides.size(), -1);
}

int DecoderState::keyId(std::string_view name)
{
    if (const int id = findKey(name); id >= 0)
        return id;
    std::size_t bucket = keyHash(name);
    while (m_buckets[bucket] != 0)
        bucket = (bucket + 1) % m_buckets.size();
    m_buckets[bucket] = std::int16_t(m_keyNames.size() + 1);
    m_keyNames.push_back(name);
    return int(m_keyNames.size() - 1);
}

int DecoderState::findKey(std::string_view name) const noexcept
{
    for (std::size_t bucket = keyHash(name);; bucket = (bucket + 1) % m_buckets.size()) {
        const int entry = m_buckets[bucket];
        if (entry == 0)
            return -1;
        if (m_keyNames[std::size_t(entry - 1)] == name)
            return entry - 1;
    }
}

std::string DecoderState::keyName(std::size_t id) const
{
    if (id < m_columnNameBase)
        return std::string(m_keyNames[id]);
    if (id < m_overrideNameBase) {
        const std::size_t shape = (id - m_columnNameBase) / kColCount;
        std::string name(shape == 0       ? "columns."
                             : shape == 1 ? "snapshot[]."
                                          : "diffResults.added[].");
        name += kColNames[(id - m_columnNameBase) % kColCount];
        return name;
    }
    return m_overrides[id - m_overrideNameBase].column;
}

void DecoderState::decode(std::int64_t line, std::string_view text)
{
    m_line = line;
    m_raw = text;
    m_present.reset();
    m_row.present.reset();
    m_rowArrays.fill(false);
    std::fill(m_overridePresent.begin(), m_overridePresent.end(), false);

    m_scanner.reset(text);
    JsonLeaf leaf;
    const bool first = stats.objects == 0;
    while (m_scanner.next(leaf)) {
        if (first && stats.firstKeys.size() < 64)
            stats.firstKeys.emplace_back(leaf.path);
        capture(leaf);
    }
    if (m_scanner.failed()) {
        ++stats.invalidLines;
        if (first)
            stats.firstKeys.clear();
        m_reason = "invalid JSON: ";
        m_reason += m_scanner.error();
        m_reason += " at column ";
        m_reason += std::to_string(m_scanner.errorOffset() + 1);
        reject(m_reason);
        return;
    }
    ++stats.objects;
    dispatch();
}

void DecoderState::capture(const JsonLeaf &leaf)
{
    std::string_view path = leaf.path;
    for (std::size_t i = 0; i < m_overrides.size(); ++i) {
        if (asciiEqualsIgnoreCase(path, m_overrides[i].column)) {
            m_overrideSlots[i] = {leaf.value, &m_scanner, {}, int(m_overrideNameBase + i), false};
            m_overridePresent[i] = true;
            stats.overrideSeen[i] = true;
        }
    }
    if (leaf.value.type == JsonType::Array) {
        for (std::size_t shape = 1; shape < kRowPrefixes.size(); ++shape) {
            const std::string_view prefix = kRowPrefixes[shape];
            if (path.size() + 1 == prefix.size() && prefix.starts_with(path))
                m_rowArrays[shape] = true;
        }
    }
    if (path.starts_with(kRowPrefixes[0])) {
        const std::string_view column = path.substr(kRowPrefixes[0].size());
        for (std::size_t c = 0; c < kColCount; ++c) {
            if (column == kColNames[c]) {
                m_row.cells[c] = {leaf.value, &m_scanner, {}, int(m_columnNameBase + c), false};
                m_row.present[c] = true;
            }
        }
        return;
    }
    // winlogbeat nests the event's own fields.
    constexpr std::string_view kEventData = "winlog.event_data.";
    if (path.starts_with(kEventData))
        path.remove_prefix(kEventData.size());
    const int id = findKey(path);
    if (id < 0)
        return;
    m_slots[std::size_t(id)] = {leaf.value, &m_scanner, {}, id, false};
    m_present[std::size_t(id)] = true;
}

void DecoderState::skip(NdjsonDialect dialect, std::string_view reason)
{
    ++stats.recognized[std::size_t(dialect)];
    m_sink.skipped(m_line, reason);
}

void DecoderState::reject(std::string_view reason)
{
    m_sink.rejected(m_line, reason, m_raw);
}

} // namespace ndjson

NdjsonLineDecoder::NdjsonLineDecoder(RecordSink &sink, std::span<const MappingOverride> overrides)
    : m_state(std::make_unique<State>(sink, overrides))
{ }

NdjsonLineDecoder::~NdjsonLineDecoder() = default;

void NdjsonLineDecoder::decode(std::int64_t line, std::string_view text)
{
    m_state->decode(line, text);
}

const NdjsonStats &NdjsonLineDecoder::stats() const noexcept
{
    return m_state->stats;
}

std::string NdjsonLineDecoder::keyName(std::size_t id) const
{
    return m_state->keyName(id);
}

} // namespace ea
