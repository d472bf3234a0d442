#pragma once

// The NdjsonLineDecoder's insides, shared by the files that each do one of
// its jobs: ndjsonlinedecoder.cpp (the key table and the line decode loop:
// validate, capture the known keys), ndjsondialects.cpp (tell the dialect;
// what Windows, Suricata, Zeek and osquery records mean), ndjsonevent.cpp
// (the chosen slots become an Event: --map overrides, direction, ports, the
// time). Only those files include this header.

#include "core/timestamp.h"
#include "import/jsonscanner.h"
#include "import/ndjsonlinedecoder.h"

#include <array>
#include <bitset>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ea::ndjson {

// The keys that supply each role, in FieldRole order: dst, port, src,
// srcport, protocol, time, process, pid, path, host, direction, srcbytes,
// dstbytes, totalbytes. Alternatives
// are separated by '|', most trusted first. Exact spellings: JSON keys are
// case-sensitive (--map keys are not).
using RoleKeys = std::array<std::string_view, kFieldRoleCount>;
static_assert(kFieldRoleCount == 14 && std::size_t(FieldRole::TotalBytes) == 13,
              "the RoleKeys tables follow FieldRole's order");
inline constexpr std::size_t kMaxAlternatives = 3;

inline constexpr RoleKeys kZeekKeys = {"id.resp_h|id_resp_h",
                                       "id.resp_p|id_resp_p",
                                       "id.orig_h|id_orig_h",
                                       "id.orig_p|id_orig_p",
                                       "proto",
                                       "ts",
                                       "",
                                       "",
                                       "",
                                       "",
                                       "local_orig",
                                       "orig_bytes",
                                       "resp_bytes",
                                       ""};
// A netflow record counts one direction: its own source's bytes.
inline constexpr RoleKeys kSuricataKeys = {"dest_ip",
                                           "dest_port",
                                           "src_ip",
                                           "src_port",
                                           "proto",
                                           "timestamp",
                                           "",
                                           "",
                                           "",
                                           "",
                                           "",
                                           "flow.bytes_toserver|netflow.bytes",
                                           "flow.bytes_toclient",
                                           ""};
// Times: TimeCreated is the event log's clock, shared with the WFP events of
// the same host; Sysmon's UtcTime can lag it by hours (see NdjsonReader).
inline constexpr RoleKeys kSysmonKeys = {"DestinationIp",
                                         "DestinationPort",
                                         "SourceIp",
                                         "SourcePort",
                                         "Protocol",
                                         "TimeCreated|UtcTime|@timestamp",
                                         "ProcessGuid",
                                         "ProcessId|ProcessID",
                                         "Image",
                                         "Computer|Hostname|winlog.computer_name",
                                         "Initiated",
                                         "",
                                         "",
                                         ""};
inline constexpr RoleKeys kWfpKeys = {"DestAddress",
                                      "DestPort",
                                      "SourceAddress",
                                      "SourcePort",
                                      "Protocol",
                                      "TimeCreated|@timestamp",
                                      "",
                                      "ProcessID|ProcessId",
                                      "Application",
                                      "Computer|Hostname|winlog.computer_name",
                                      "Direction",
                                      "",
                                      "",
                                      ""};
// destination.address may be a domain name: the ip field wins.
inline constexpr RoleKeys kEcsKeys = {"destination.ip|destination.address",
                                      "destination.port",
                                      "source.ip|source.address",
                                      "source.port",
                                      "network.transport|network.iana_number",
                                      "@timestamp",
                                      "process.entity_id",
                                      "process.pid",
                                      "process.executable",
                                      "host.name|host.hostname",
                                      "network.direction",
                                      "source.bytes",
                                      "destination.bytes",
                                      "network.bytes"};

enum class Spec : std::uint8_t { Zeek, Suricata, Sysmon, Wfp, Ecs, Count };
inline constexpr std::array<const RoleKeys *, std::size_t(Spec::Count)> kSpecs
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
inline constexpr std::array<std::string_view, std::size_t(Other::Count)> kOtherKeys = {
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
inline constexpr std::size_t kColCount = std::size_t(Col::Count);
inline constexpr std::array<std::string_view, kColCount> kColNames = {
    "remote_address", "remote_port", "local_address", "local_port", "pid", "path",     "protocol",
    "time",           "action",      "cmdline",       "name",       "uid", "username", "parent"};

// Where osquery puts rows: "columns" (event format, one row per line), then
// the arrays of the snapshot and batched formats.
enum class RowShape : std::uint8_t { Columns, Snapshot, Added, Removed, Count };
inline constexpr std::array<std::string_view, std::size_t(RowShape::Count)> kRowPrefixes
    = {"columns.", "snapshot.", "diffResults.added.", "diffResults.removed."};
// Removed rows are skipped, so only the other shapes name keys.
inline constexpr std::size_t kNamedRowShapes = 3;

// Room for every key of the tables, shared spellings or not.
inline constexpr std::size_t kMaxKeys
    = std::size(kSpecs) * kFieldRoleCount * kMaxAlternatives + std::size(kOtherKeys);
inline constexpr std::int64_t kOneHourNs = 3600LL * 1000000000LL;

inline constexpr std::size_t kBucketCount = 512;
static_assert(kMaxKeys < kBucketCount / 2, "the key table stays sparse");

// "inbound", "egress", WFP's "%%14592" ... as a Direction (ndjsondialects.cpp).
Direction directionFromText(std::string_view text) noexcept;

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

// One decoder's tables and the line being decoded.
class DecoderState
{
public:
    DecoderState(RecordSink &sink, std::span<const MappingOverride> overrides);

    void decode(std::int64_t line, std::string_view text);
    [[nodiscard]] std::string keyName(std::size_t id) const;

    NdjsonStats stats;

private:
    // ndjsonlinedecoder.cpp: the key table and the line decode loop.
    int keyId(std::string_view name);
    [[nodiscard]] int findKey(std::string_view name) const noexcept;
    void capture(const JsonLeaf &leaf);
    // ndjsondialects.cpp: tell the dialect, read its records.
    void dispatch();
    Plan plan(Spec spec, NdjsonDialect dialect);
    void readWindows();
    void readSuricata();
    void readZeek();
    void readOsquery();
    void scanRows();
    void readRow(Row &row);
    // ndjsonevent.cpp: a plan's slots become an Event.
    void deliver(Plan &plan);
    void countUse(int nameId, FieldRole role);
    // ndjsonlinedecoder.cpp
    void skip(NdjsonDialect dialect, std::string_view reason);
    void reject(std::string_view reason);

    Slot *get(int id)
    {
        return id >= 0 && m_present[std::size_t(id)] ? &m_slots[std::size_t(id)] : nullptr;
    }
    Slot *get(Other key) { return get(m_other[std::size_t(key)]); }
    // A slot's text, resolved (unescaped) on first use: most slots of a
    // line are never read. Inline: the dialects and deliver() ask often.
    std::string_view text(Slot *slot)
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

} // namespace ea::ndjson

namespace ea {

class NdjsonLineDecoder::State final : public ndjson::DecoderState
{
public:
    using DecoderState::DecoderState;
};

} // namespace ea
