#include "import/fieldmapping.h"

#include "core/text.h"

#include <algorithm>

namespace ea {

namespace {

constexpr std::array<std::string_view, kFieldRoleCount> kRoleIds = {
    "dst", "port", "src",  "srcport",   "protocol", "time",     "process",
    "pid", "path", "host", "direction", "srcbytes", "dstbytes", "totalbytes",
};

// Known names per role, most preferred first. Covers the SLS connections
// export, Sophos Live Discover, osquery process_open_sockets, Argus/binetflow,
// ECS-flattened documents, Zeek (TSV and both JSON spellings) and W3C firewall
// logs. Lower case; matching is case-insensitive.
constexpr std::string_view kDst[] = {"dst_addr",    "destination",    "remote_address",
                                     "dstaddr",     "destination.ip", "destination.address",
                                     "dest_ip",     "dst_ip",         "dst-ip",
                                     "id.resp_h",   "id_resp_h",      "destinationip",
                                     "destaddress", "daddr",          "dst"};
constexpr std::string_view kDstPort[]
    = {"dst_port",         "destination_port", "remote_port", "dport",
       "destination.port", "dest_port",        "dst-port",    "id.resp_p",
       "id_resp_p",        "destinationport",  "destport"};
constexpr std::string_view kSrc[]
    = {"src_addr",       "source",        "local_address", "srcaddr",   "source.ip",
       "source.address", "src_ip",        "src-ip",        "id.orig_h", "id_orig_h",
       "sourceip",       "sourceaddress", "saddr",         "src"};
constexpr std::string_view kSrcPort[]
    = {"src_port", "source_port", "local_port", "sport",     "source.port",
       "src-port", "id.orig_p",   "id_orig_p",  "sourceport"};
constexpr std::string_view kProtocol[]
    = {"protocol", "proto", "network.transport", "network.iana_number"};
constexpr std::string_view kTime[]
    = {"unix_nano_timestamp", "time",      "ts",        "timestamp",   "@timestamp",
       "starttime",           "utctime",   "unix_time", "event.start", "datetime",
       "first_seen_ns",       "first_seen"};
constexpr std::string_view kProcess[]
    = {"process_uuid", "sophos_pid", "processguid", "process.entity_id"};
constexpr std::string_view kPid[] = {"pid", "process.pid", "processid"};
constexpr std::string_view kPath[] = {"path", "process.executable", "image", "application", "exe"};
constexpr std::string_view kHost[]
    = {"sensor_id", "hostname", "host_identifier", "host.name", "host.hostname",
       "computer",  "host",     "meta_hostname"};
constexpr std::string_view kDirection[] = {"direction", "dir", "network.direction"};
// Zeek's orig/resp, Suricata's to-server/to-client, Argus's SrcBytes (with
// TotBytes), ECS source/destination.bytes; "bytes_out"/"bytes_in" exports
// name the source's side "out".
constexpr std::string_view kSrcBytes[]
    = {"src_bytes",  "srcbytes",  "orig_bytes",     "source.bytes",        "bytes_sent",
       "sent_bytes", "bytes_out", "bytes_toserver", "flow.bytes_toserver", "sentbytes"};
constexpr std::string_view kDstBytes[]
    = {"dst_bytes",      "dstbytes", "resp_bytes",     "destination.bytes",   "bytes_received",
       "received_bytes", "bytes_in", "bytes_toclient", "flow.bytes_toclient", "receivedbytes"};
constexpr std::string_view kTotalBytes[] = {"totbytes", "total_bytes", "totalbytes", "bytes"};

constexpr std::array<std::span<const std::string_view>, kFieldRoleCount> kKnown = {
    kDst, kDstPort, kSrc,  kSrcPort,   kProtocol, kTime,     kProcess,
    kPid, kPath,    kHost, kDirection, kSrcBytes, kDstBytes, kTotalBytes,
};

int findColumn(std::span<const std::string> header, std::string_view name) noexcept
{
    for (std::size_t i = 0; i < header.size(); ++i) {
        if (asciiEqualsIgnoreCase(header[i], name))
            return int(i);
    }
    return -1;
}

void appendJsonString(std::string &out, std::string_view text)
{
    out += '"';
    for (char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            static constexpr char hex[] = "0123456789abcdef";
            out += "\\u00";
            out += hex[(c >> 4) & 0xf];
            out += hex[c & 0xf];
        } else {
            out += c;
        }
    }
    out += '"';
}

} // namespace

std::string_view fieldRoleId(FieldRole role) noexcept
{
    const auto index = std::size_t(role);
    return index < kRoleIds.size() ? kRoleIds[index] : std::string_view {};
}

std::optional<FieldRole> fieldRoleFromId(std::string_view id) noexcept
{
    for (std::size_t k = 0; k < kRoleIds.size(); ++k) {
        if (asciiEqualsIgnoreCase(kRoleIds[k], id))
            return FieldRole(k);
    }
    return std::nullopt;
}

std::span<const std::string_view> knownColumnNames(FieldRole role) noexcept
{
    const auto index = std::size_t(role);
    return index < kKnown.size() ? kKnown[index] : std::span<const std::string_view> {};
}

MappingResult resolveMapping(std::span<const std::string> header,
                             std::span<const MappingOverride> overrides)
{
    MappingResult result;
    for (std::size_t role = 0; role < kFieldRoleCount; ++role) {
        for (std::string_view name : kKnown[role]) {
            const int column = findColumn(header, name);
            if (column >= 0) {
                result.mapping.column[role] = column;
                break;
            }
        }
    }
    for (const MappingOverride &o : overrides) {
        const int column = findColumn(header, o.column);
        if (column < 0)
            result.unknownColumns.push_back(o.column);
        else
            result.mapping.column[std::size_t(o.role)] = column;
    }
    return result;
}

std::string mappingToJson(const FieldMapping &mapping, std::span<const std::string> header)
{
    std::string out = "{";
    bool first = true;
    for (std::size_t role = 0; role < kFieldRoleCount; ++role) {
        const int column = mapping.column[role];
        if (column < 0 || std::size_t(column) >= header.size())
            continue;
        if (!first)
            out += ',';
        first = false;
        appendJsonString(out, kRoleIds[role]);
        out += ':';
        appendJsonString(out, header[std::size_t(column)]);
    }
    out += '}';
    return out;
}

} // namespace ea
