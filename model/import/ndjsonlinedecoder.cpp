#include "import/ndjsonlinedecoder.h"

#include "import/jsonscanner.h"
#include "core/text.h"
#include "core/timestamp.h"

#include <algorithm>
#include <bitset>
#include <charconv>
#include <cstdint>

namespace ea {

namespace {

constexpr std::array<std::string_view, kNdjsonDialectCount> kDialectIds
    = {"zeek-json", "suricata-eve", "windows-events", "osquery", "ecs", "ndjson"};

// The keys that supply each role, in FieldRole order: dst, port, src,
// srcport, protocol, time, process, pid, path, host, direction. Alternatives
// are separated by '|', most trusted first. Exact spellings: JSON keys are
// case-sensitive (--map keys are not).
using RoleKeys = std::array<std::string_view, kFieldRoleCount>;
static_assert(kFieldRoleCount == 11 && std::size_t(FieldRole::Direction) == 10,
              "the RoleKeys tables follow FieldRole's order");
constexpr std::size_t kMaxAlternatives = 3;

constexpr RoleKeys kZeekKeys = {"id.resp_h|id_resp_h",
                                "id.resp_p|id_resp_p",
                                "id.orig_h|id_orig_h",
                                "id.orig_p|id_orig_p",
                                "proto",
                                "ts",
                                "",
                                "",
                                "",
                                "",
                                "local_orig"};
constexpr RoleKeys kSuricataKeys
    = {"dest_ip", "dest_port", "src_ip", "src_port", "proto", "timestamp", "", "", "", "", ""};
// Times: TimeCreated is the event log's clock, shared with the WFP events of
// the same host; Sysmon's UtcTime can lag it by hours (see NdjsonReader).
constexpr RoleKeys kSysmonKeys = {"DestinationIp", "DestinationPort",
                                  "SourceIp",      "SourcePort",
                                  "Protocol",      "TimeCreated|UtcTime|@timestamp",
                                  "ProcessGuid",   "ProcessId|ProcessID",
                                  "Image",         "Computer|Hostname|winlog.computer_name",
                                  "Initiated"};
constexpr RoleKeys kWfpKeys = {"DestAddress",
                               "DestPort",
                               "SourceAddress",
                               "SourcePort",
                               "Protocol",
                               "TimeCreated|@timestamp",
                               "",
                               "ProcessID|ProcessId",
                               "Application",
                               "Computer|Hostname|winlog.computer_name",
                               "Direction"};
// destination.address may be a domain name: the ip field wins.
constexpr RoleKeys kEcsKeys = {"destination.ip|destination.address",
                               "destination.port",
                               "source.ip|source.address",
                               "source.port",
                               "network.transport|network.iana_number",
                               "@timestamp",
                               "process.entity_id",
                               "process.pid",
                               "process.executable",
                               "host.name|host.hostname",
                               "network.direction"};

enum class Spec : std::uint8_t { Zeek, Suricata, Sysmon, Wfp, Ecs, Count };
constexpr std::array<const RoleKeys *, std::size_t(Spec::Count)> kSpecs
    = {&kZeekKeys, &kSuricataKeys, &kSysmonKeys, &kWfpKeys, &kEcsKeys};

// Keys read to tell the dialect or the direction, besides the roles'.
enum class Other : std::uint8_t {
    EventId,
    WinlogEventId,
    EventType,
    FlowId,
    ZeekPath,
    ZeekStream,
    LocalResp,
    OsqueryName,
    HostIdentifier,
    UnixTime,
    CalendarTime,
    Action,
    UtcTime,
    TimeCreated,
    Count
};
constexpr std::array<std::string_view, std::size_t(Other::Count)> kOtherKeys = {
    "EventID", "winlog.event_id", "event_type", "flow_id",      "_path",  "@stream", "local_resp",
    "name",    "hostIdentifier",  "unixTime",   "calendarTime", "action", "UtcTime", "TimeCreated"};

// Columns of an osquery row.
enum class Col : std::uint8_t {
    RemoteAddress,
    RemotePort,
    LocalAddress,
    LocalPort,
    Pid,
    Path,
    Protocol,
    Time,
    Action,
    Cmdline,
    Name,
    Uid,
    Username,
    Parent,
    Count
};
constexpr std::size_t kColCount = std::size_t(Col::Count);
constexpr std::array<std::string_view, kColCount> kColNames = {
    "remote_address", "remote_port", "local_address", "local_port", "pid", "path",     "protocol",
    "time",           "action",      "cmdline",       "name",       "uid", "username", "parent"};

// Where osquery puts rows: "columns" (event format, one row per line), then
// the arrays of the snapshot and batched formats.
enum class RowShape : std::uint8_t { Columns, Snapshot, Added, Removed, Count };
constexpr std::array<std::string_view, std::size_t(RowShape::Count)> kRowPrefixes
    = {"columns.", "snapshot.", "diffResults.added.", "diffResults.removed."};
// Removed rows are skipped, so only the other shapes name keys.
constexpr std::size_t kNamedRowShapes = 3;

// Room for every key of the tables, shared spellings or not.
constexpr std::size_t kMaxKeys
    = std::size(kSpecs) * kFieldRoleCount * kMaxAlternatives + std::size(kOtherKeys);
constexpr std::int64_t kOneHourNs = 3600LL * 1000000000LL;
constexpr std::int64_t kYear1971Ns = 365LL * 86400LL * 1000000000LL;

constexpr std::size_t kBucketCount = 512;
static_assert(kMaxKeys < kBucketCount / 2, "the key table stays sparse");

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
    return h % kBucketCount;
}

// Decimal only, from a string ("53") or a number (53); -1 for anything else,
// fractions, signs and values past 65535 included. Not core's parsePort,
// which also reads Argus's hexadecimal "0x01bb": no JSON dialect writes that.
std::int32_t parsePortText(std::string_view text) noexcept
{
    text = trimmedBlanks(text);
    if (text.empty() || text.size() > 5)
        return -1;
    std::int32_t value = -1;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < 0 || value > 65535)
        return -1;
    return value;
}

bool parseInt(std::string_view text, std::int64_t &value) noexcept
{
    text = trimmedBlanks(text);
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    return ec == std::errc() && end == text.data() + text.size() && !text.empty();
}

Direction directionFromText(std::string_view text) noexcept
{
    text = trimmedBlanks(text);
    for (std::string_view in : {"%%14592", "inbound", "ingress", "in", "receive", "recv"}) {
        if (asciiEqualsIgnoreCase(text, in))
            return Direction::Inbound;
    }
    for (std::string_view out : {"%%14593", "outbound", "egress", "out", "send"}) {
        if (asciiEqualsIgnoreCase(text, out))
            return Direction::Outbound;
    }
    return Direction::Unknown;
}

// JSON booleans, their text, and Zeek's T/F.
bool boolFromText(std::string_view text, bool &value) noexcept
{
    if (asciiEqualsIgnoreCase(text, "true") || text == "T")
        value = true;
    else if (asciiEqualsIgnoreCase(text, "false") || text == "F")
        value = false;
    else
        return false;
    return true;
}

struct Slot
{
    JsonValue value;
    JsonScanner *scanner = nullptr;
    std::string_view text; // once resolved
    int nameId = -1;
    bool resolved = false;
};

struct Row
{
    std::array<Slot, kColCount> cells;
    std::bitset<kColCount> present;
    RowShape shape = RowShape::Columns;
    std::size_t index = 0;

    Slot *get(Col col) { return present[std::size_t(col)] ? &cells[std::size_t(col)] : nullptr; }
};

// How one record becomes an Event.
struct Plan
{
    NdjsonDialect dialect = NdjsonDialect::Generic;
    std::array<Slot *, kFieldRoleCount> role {}; // Time unused: see times
    std::array<Slot *, kMaxAlternatives> times {}; // most trusted first
    Direction direction = Direction::Unknown;
    // Dst and Src name the connection's destination and source, so an
    // inbound record's peer is its source. False where they already are the
    // remote and local ends (osquery).
    bool swapOnInbound = true;
};

} // namespace

std::string_view ndjsonDialectId(NdjsonDialect dialect) noexcept
{
    const auto index = std::size_t(dialect);
    return index < kDialectIds.size() ? kDialectIds[index] : std::string_view("ndjson");
}

class NdjsonLineDecoder::State
{
public:
    State(RecordSink &sink, std::span<const MappingOverride> overrides);

    void decode(std::int64_t line, std::string_view text);
    [[nodiscard]] std::string keyName(std::size_t id) const;

    NdjsonStats stats;

private:
    int keyId(std::string_view name);
    [[nodiscard]] int findKey(std::string_view name) const noexcept;
    void capture(const JsonLeaf &leaf);
    void dispatch();
    Plan plan(Spec spec, NdjsonDialect dialect);
    void readWindows();
    void readSuricata();
    void readZeek();
    void readOsquery();
    void scanRows();
    void readRow(Row &row);
    void deliver(Plan &plan);
    void skip(NdjsonDialect dialect, std::string_view reason);
    void reject(std::string_view reason);
    void countUse(int nameId, FieldRole role);

    Slot *get(int id)
    {
        return id >= 0 && m_present[std::size_t(id)] ? &m_slots[std::size_t(id)] : nullptr;
    }
    Slot *get(Other key) { return get(m_other[std::size_t(key)]); }
    std::string_view text(Slot *slot);

    RecordSink &m_sink;
    std::span<const MappingOverride> m_overrides;
    JsonScanner m_scanner {JsonScanner::Arrays::Skip};
    JsonScanner m_rowScanner {JsonScanner::Arrays::Index};

    // Every key of the tables above has a slot id; ids are name ids too.
    std::vector<std::string_view> m_keyNames;
    // Open addressing, id + 1 per bucket (0: empty); most leaves of a
    // Windows event are keys no table knows, so a miss must be cheap.
    std::array<std::int16_t, kBucketCount> m_buckets {};
    std::array<std::array<std::array<int, kMaxAlternatives>, kFieldRoleCount>,
               std::size_t(Spec::Count)>
        m_specIds {};
    std::array<int, std::size_t(Other::Count)> m_other {};
    std::size_t m_columnNameBase = 0;
    std::size_t m_overrideNameBase = 0;

    // The line being decoded.
    std::string_view m_raw;
    std::int64_t m_line = 0;
    std::vector<Slot> m_slots;
    std::bitset<kMaxKeys> m_present;
    Row m_row; // osquery "columns", then each row of the arrays in turn
    std::array<bool, std::size_t(RowShape::Count)> m_rowArrays {};
    std::vector<Slot> m_overrideSlots;
    std::vector<bool> m_overridePresent;
    std::string m_reason;

    std::array<std::uint64_t, 64> m_netflowIds {}; // recent netflow flow_ids, a ring
    std::size_t m_netflowNext = 0;
    std::int64_t m_useSequence = 0;
};

NdjsonLineDecoder::State::State(RecordSink &sink, std::span<const MappingOverride> overrides)
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

int NdjsonLineDecoder::State::keyId(std::string_view name)
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

int NdjsonLineDecoder::State::findKey(std::string_view name) const noexcept
{
    for (std::size_t bucket = keyHash(name);; bucket = (bucket + 1) % m_buckets.size()) {
        const int entry = m_buckets[bucket];
        if (entry == 0)
            return -1;
        if (m_keyNames[std::size_t(entry - 1)] == name)
            return entry - 1;
    }
}

std::string NdjsonLineDecoder::State::keyName(std::size_t id) const
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

std::string_view NdjsonLineDecoder::State::text(Slot *slot)
{
    if (!slot)
        return {};
    if (!slot->resolved) {
        slot->resolved = true;
        const bool scalar
            = slot->value.type != JsonType::Null && slot->value.type != JsonType::Array;
        slot->text = scalar ? slot->scanner->text(slot->value) : std::string_view();
    }
    return slot->text;
}

void NdjsonLineDecoder::State::decode(std::int64_t line, std::string_view text)
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

void NdjsonLineDecoder::State::capture(const JsonLeaf &leaf)
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

void NdjsonLineDecoder::State::dispatch()
{
    auto anyKey = [this](Spec spec, FieldRole role) {
        for (int id : m_specIds[std::size_t(spec)][std::size_t(role)]) {
            if (get(id))
                return true;
        }
        return false;
    };
    if (get(Other::EventId) || get(Other::WinlogEventId)) {
        readWindows();
    } else if (get(Other::EventType)) {
        readSuricata();
    } else if (anyKey(Spec::Zeek, FieldRole::Dst)) {
        readZeek();
    } else if (get(Other::OsqueryName)
               && (m_row.present.any() || m_rowArrays[1] || m_rowArrays[2] || m_rowArrays[3])) {
        readOsquery();
    } else if (anyKey(Spec::Ecs, FieldRole::Dst)) {
        Plan p = plan(Spec::Ecs, NdjsonDialect::Ecs);
        p.direction = directionFromText(text(p.role[std::size_t(FieldRole::Direction)]));
        deliver(p);
    } else {
        // An object of no known kind is a connection when its --map dst key is there.
        bool mappedDst = false;
        for (std::size_t i = 0; i < m_overrides.size(); ++i)
            mappedDst
                = mappedDst || (m_overridePresent[i] && m_overrides[i].role == FieldRole::Dst);
        if (mappedDst) {
            Plan p;
            deliver(p);
        } else {
            m_sink.skipped(m_line, "not a connection event");
        }
    }
}

Plan NdjsonLineDecoder::State::plan(Spec spec, NdjsonDialect dialect)
{
    Plan p;
    p.dialect = dialect;
    const auto &ids = m_specIds[std::size_t(spec)];
    std::size_t times = 0;
    for (std::size_t role = 0; role < kFieldRoleCount; ++role) {
        for (int id : ids[role]) {
            Slot *slot = get(id);
            if (!slot)
                continue;
            if (role == std::size_t(FieldRole::Time)) {
                p.times[times++] = slot;
                continue;
            }
            p.role[role] = slot;
            break;
        }
    }
    return p;
}

void NdjsonLineDecoder::State::readWindows()
{
    Slot *idSlot = get(Other::EventId) ? get(Other::EventId) : get(Other::WinlogEventId);
    std::int64_t id = -1;
    parseInt(text(idSlot), id);
    if (id == 3) {
        // Kernel-IO and others use event id 3 too; only Sysmon's has addresses.
        Plan p = plan(Spec::Sysmon, NdjsonDialect::Windows);
        if (p.role[std::size_t(FieldRole::Dst)]) {
            const std::string_view initiated = text(p.role[std::size_t(FieldRole::Direction)]);
            if (asciiEqualsIgnoreCase(initiated, "true"))
                p.direction = Direction::Outbound;
            else if (asciiEqualsIgnoreCase(initiated, "false"))
                p.direction = Direction::Inbound;
            std::int64_t created = 0;
            std::int64_t utc = 0;
            if (parseTimestamp(text(get(Other::TimeCreated)), created)
                && parseTimestamp(text(get(Other::UtcTime)), utc)) {
                // Unsigned: the distance between two int64 times can exceed INT64_MAX.
                const std::uint64_t distance = created > utc
                    ? std::uint64_t(created) - std::uint64_t(utc)
                    : std::uint64_t(utc) - std::uint64_t(created);
                const auto skew = std::int64_t(std::min<std::uint64_t>(distance, INT64_MAX));
                if (skew > kOneHourNs)
                    ++stats.sysmonSkewed;
                stats.sysmonMaxSkewNs = std::max(stats.sysmonMaxSkewNs, skew);
            }
            deliver(p);
            return;
        }
    } else if (id == 5156) {
        Plan p = plan(Spec::Wfp, NdjsonDialect::Windows);
        p.direction = directionFromText(text(p.role[std::size_t(FieldRole::Direction)]));
        deliver(p);
        return;
    }
    m_reason = "Windows event ";
    m_reason += trimmedBlanks(text(idSlot)).substr(0, 32);
    m_reason += id == 3 ? " without DestinationIp (not Sysmon) is not a network connection"
                        : " is not a network connection";
    skip(NdjsonDialect::Windows, m_reason);
}

void NdjsonLineDecoder::State::readSuricata()
{
    const std::string_view type = text(get(Other::EventType));
    const bool netflow = type == "netflow";
    if (type != "flow" && !netflow) {
        m_reason = "Suricata ";
        m_reason += type.substr(0, 32);
        m_reason += " event is not a flow";
        skip(NdjsonDialect::Suricata, m_reason);
        return;
    }
    // Suricata writes netflow in pairs: the to-server record, then the
    // to-client one with the same flow_id and the addresses swapped, which
    // would list the client as a destination.
    const std::string_view flowText = trimmedBlanks(text(get(Other::FlowId)));
    std::uint64_t flowId = 0;
    const auto parsed = std::from_chars(flowText.data(), flowText.data() + flowText.size(), flowId);
    if (netflow && parsed.ec == std::errc() && flowId != 0) {
        if (std::find(m_netflowIds.begin(), m_netflowIds.end(), flowId) != m_netflowIds.end()) {
            ++stats.netflowReplies;
            skip(NdjsonDialect::Suricata,
                 "Suricata netflow reply record (same flow_id as the request)");
            return;
        }
        m_netflowIds[m_netflowNext] = flowId;
        m_netflowNext = (m_netflowNext + 1) % m_netflowIds.size();
    }
    Plan p = plan(Spec::Suricata, NdjsonDialect::Suricata);
    deliver(p);
}

void NdjsonLineDecoder::State::readZeek()
{
    Slot *path = get(Other::ZeekPath) ? get(Other::ZeekPath) : get(Other::ZeekStream);
    if (path && text(path) != "conn") {
        m_reason = "Zeek ";
        m_reason += text(path).substr(0, 32);
        m_reason += " record is not a conn record";
        skip(NdjsonDialect::Zeek, m_reason);
        return;
    }
    Plan p = plan(Spec::Zeek, NdjsonDialect::Zeek);
    // Site::local_nets as Zeek saw them: from inside out is outbound, from
    // outside in is inbound, and then the originator is the peer.
    Slot *localOrigSlot = p.role[std::size_t(FieldRole::Direction)];
    p.role[std::size_t(FieldRole::Direction)] = nullptr;
    bool localOrig = false;
    bool localResp = false;
    if (boolFromText(text(localOrigSlot), localOrig)
        && boolFromText(text(get(Other::LocalResp)), localResp) && localOrig != localResp) {
        p.direction = localOrig ? Direction::Outbound : Direction::Inbound;
        p.role[std::size_t(FieldRole::Direction)] = localOrigSlot;
    }
    deliver(p);
}

void NdjsonLineDecoder::State::readOsquery()
{
    if (m_row.present.any()) {
        m_row.shape = RowShape::Columns;
        if (text(get(Other::Action)) == "removed")
            skip(NdjsonDialect::Osquery, "osquery removed row");
        else
            readRow(m_row);
    }
    if (m_rowArrays[1] || m_rowArrays[2] || m_rowArrays[3])
        scanRows();
}

// The snapshot and batched formats hold rows in arrays, and the fields that
// apply to all of them (hostIdentifier, unixTime) come after the arrays: a
// second pass over the line hands out one row at a time, so memory stays one
// row whatever the count.
void NdjsonLineDecoder::State::scanRows()
{
    m_rowScanner.reset(m_raw);
    JsonLeaf leaf;
    bool open = false;
    auto flush = [&] {
        if (!open)
            return;
        open = false;
        if (m_row.shape == RowShape::Removed)
            skip(NdjsonDialect::Osquery, "osquery removed row");
        else
            readRow(m_row);
    };
    while (m_rowScanner.next(leaf)) {
        std::size_t shape = 1;
        while (shape < kRowPrefixes.size() && !leaf.path.starts_with(kRowPrefixes[shape]))
            ++shape;
        if (shape == kRowPrefixes.size())
            continue;
        const std::string_view rest = leaf.path.substr(kRowPrefixes[shape].size());
        const std::size_t dot = rest.find('.');
        std::size_t index = 0;
        if (dot == std::string_view::npos
            || std::from_chars(rest.data(), rest.data() + dot, index).ec != std::errc())
            continue;
        if (!open || m_row.shape != RowShape(shape) || m_row.index != index) {
            flush();
            open = true;
            m_row.present.reset();
            m_row.shape = RowShape(shape);
            m_row.index = index;
        }
        const std::string_view column = rest.substr(dot + 1);
        const std::size_t nameShape = std::min(shape, kNamedRowShapes - 1);
        for (std::size_t c = 0; c < kColCount; ++c) {
            if (column == kColNames[c]) {
                m_row.cells[c] = {leaf.value,
                                  &m_rowScanner,
                                  {},
                                  int(m_columnNameBase + nameShape * kColCount + c),
                                  false};
                m_row.present[c] = true;
            }
        }
    }
    flush();
}

void NdjsonLineDecoder::State::readRow(Row &row)
{
    Slot *host = get(Other::HostIdentifier);
    if (row.get(Col::RemoteAddress)) {
        if (text(row.get(Col::RemoteAddress)).empty()) {
            skip(NdjsonDialect::Osquery, "osquery socket without a remote address");
            return;
        }
        Plan p;
        p.dialect = NdjsonDialect::Osquery;
        p.swapOnInbound = false;
        auto &r = p.role;
        r[std::size_t(FieldRole::Dst)] = row.get(Col::RemoteAddress);
        r[std::size_t(FieldRole::DstPort)] = row.get(Col::RemotePort);
        r[std::size_t(FieldRole::Src)] = row.get(Col::LocalAddress);
        r[std::size_t(FieldRole::SrcPort)] = row.get(Col::LocalPort);
        r[std::size_t(FieldRole::Protocol)] = row.get(Col::Protocol);
        r[std::size_t(FieldRole::Pid)] = row.get(Col::Pid);
        r[std::size_t(FieldRole::Path)] = row.get(Col::Path);
        r[std::size_t(FieldRole::Host)] = host;
        // An event table's own time first, then when the query ran.
        p.times = {row.get(Col::Time), get(Other::UnixTime), get(Other::CalendarTime)};
        // socket_events: "connect" is outbound, "accept" inbound.
        const std::string_view action = text(row.get(Col::Action));
        if (action == "connect" || action == "accept") {
            p.direction = action == "connect" ? Direction::Outbound : Direction::Inbound;
            r[std::size_t(FieldRole::Direction)] = row.get(Col::Action);
        }
        deliver(p);
        return;
    }
    // A processes query. process_open_files and the like have pid and path
    // too, but path is a file there, so ask for a column only processes have.
    const bool processRow = row.get(Col::Pid)
        && (row.get(Col::Cmdline) || row.get(Col::Parent)
            || (row.get(Col::Name) && row.get(Col::Path)));
    if (!processRow) {
        m_reason = "osquery ";
        m_reason += text(get(Other::OsqueryName)).substr(0, 64);
        m_reason += " row is not a connection";
        skip(NdjsonDialect::Osquery, m_reason);
        return;
    }
    ProcessRecord record;
    record.line = m_line;
    record.key = trimmedBlanks(text(row.get(Col::Pid)));
    record.pid = record.key;
    record.host = trimmedBlanks(text(host));
    record.path = text(row.get(Col::Path));
    record.name = text(row.get(Col::Name));
    record.arguments = text(row.get(Col::Cmdline));
    record.user = row.get(Col::Username) ? text(row.get(Col::Username)) : text(row.get(Col::Uid));
    ++stats.recognized[std::size_t(NdjsonDialect::Osquery)];
    ++stats.records[std::size_t(NdjsonDialect::Osquery)];
    ++stats.processes;
    m_sink.process(record);
}

void NdjsonLineDecoder::State::deliver(Plan &plan)
{
    auto &role = plan.role;
    // --map keys present on this line win over the dialect's.
    for (std::size_t i = 0; i < m_overrides.size(); ++i) {
        if (!m_overridePresent[i])
            continue;
        const FieldRole target = m_overrides[i].role;
        Slot *slot = &m_overrideSlots[i];
        if (target == FieldRole::Time) {
            plan.times = {slot, nullptr, nullptr};
            continue;
        }
        role[std::size_t(target)] = slot;
        if (target == FieldRole::Direction)
            plan.direction = directionFromText(text(slot));
    }
    ++stats.recognized[std::size_t(plan.dialect)];

    Event event;
    event.line = m_line;
    event.raw = m_raw;
    event.direction = plan.direction;
    const bool swap = plan.direction == Direction::Inbound && plan.swapOnInbound;
    auto field = [&](FieldRole r) {
        return trimmedBlanks(text(role[std::size_t(r)]));
    };
    const FieldRole peerRole = swap ? FieldRole::Src : FieldRole::Dst;
    event.peer = field(peerRole);
    if (event.peer.empty()) {
        Slot *slot = role[std::size_t(peerRole)];
        m_reason = swap ? "inbound connection without a source address"
                        : "connection without a destination address";
        if (slot) {
            m_reason += " (";
            m_reason += keyName(std::size_t(slot->nameId));
            m_reason += " is empty)";
        }
        reject(m_reason);
        return;
    }
    event.local = field(swap ? FieldRole::Dst : FieldRole::Src);
    event.peerPort = parsePortText(field(swap ? FieldRole::SrcPort : FieldRole::DstPort));
    event.localPort = parsePortText(field(swap ? FieldRole::DstPort : FieldRole::SrcPort));
    event.protocol = field(FieldRole::Protocol);
    event.processKey = field(FieldRole::Process);
    event.pid = field(FieldRole::Pid);
    event.processPath = text(role[std::size_t(FieldRole::Path)]);
    event.host = field(FieldRole::Host);

    // The first candidate that reads wins; one that is there but unreadable
    // marks the time unreadable only when none reads.
    Slot *timeSlot = nullptr;
    bool unreadable = false;
    for (Slot *candidate : plan.times) {
        const std::string_view value = trimmedBlanks(text(candidate));
        if (value.empty())
            continue;
        if (parseTimestamp(value, event.timeNs)) {
            event.hasTime = true;
            timeSlot = candidate;
            break;
        }
        unreadable = true;
        if (!timeSlot)
            timeSlot = candidate;
    }
    event.timeUnreadable = unreadable && !event.hasTime;
    if (!event.hasTime)
        event.timeNs = 0;
    else if (event.timeNs < kYear1971Ns)
        ++stats.before1971;

    for (std::size_t r = 0; r < kFieldRoleCount; ++r) {
        if (role[r] && r != std::size_t(FieldRole::Time))
            countUse(role[r]->nameId, FieldRole(r));
    }
    if (timeSlot)
        countUse(timeSlot->nameId, FieldRole::Time);
    ++stats.records[std::size_t(plan.dialect)];
    ++stats.events;
    m_sink.event(event);
}

void NdjsonLineDecoder::State::skip(NdjsonDialect dialect, std::string_view reason)
{
    ++stats.recognized[std::size_t(dialect)];
    m_sink.skipped(m_line, reason);
}

void NdjsonLineDecoder::State::reject(std::string_view reason)
{
    m_sink.rejected(m_line, reason, m_raw);
}

void NdjsonLineDecoder::State::countUse(int nameId, FieldRole role)
{
    if (nameId < 0 || std::size_t(nameId) >= stats.roleUse.size())
        return;
    ++stats.roleUse[std::size_t(nameId)][std::size_t(role)];
    if (stats.firstUse[std::size_t(nameId)] < 0)
        stats.firstUse[std::size_t(nameId)] = m_useSequence++;
}

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
