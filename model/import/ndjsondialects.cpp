#include "import/ndjsondecoderstate.h"

#include "core/text.h"
#include "core/timestamp.h"

#include <algorithm>
#include <charconv>

// Which dialect a line is, from the keys captured, and what each dialect's
// records mean: which Windows events are connections
// and which way they go, Suricata's flow and netflow records (without the
// reply halves), Zeek conn records and their local_orig/local_resp, and
// osquery's socket and process rows in its three result formats.

namespace ea::ndjson {

namespace {

bool parseInt(std::string_view text, std::int64_t &value) noexcept
{
    text = trimmedBlanks(text);
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    return ec == std::errc() && end == text.data() + text.size() && !text.empty();
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

} // namespace

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

void DecoderState::dispatch()
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

Plan DecoderState::plan(Spec spec, NdjsonDialect dialect)
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

void DecoderState::readWindows()
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

void DecoderState::readSuricata()
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

void DecoderState::readZeek()
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

void DecoderState::readOsquery()
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
void DecoderState::scanRows()
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

void DecoderState::readRow(Row &row)
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

} // namespace ea::ndjson
