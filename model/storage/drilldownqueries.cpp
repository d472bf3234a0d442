// CaseQueries' drill-down: from one destination to its events and processes,
// from one process to its destinations, event details, and the id sets of the
// quick filter's process and host terms. casequeries.cpp holds the listings
// (destinations, seed rows, rejected rows, sources).

#include "storage/casequeries.h"

#include "core/text.h"

#include "storage/aggregates.h"
#include "storage/destprocesses.h"
#include "storage/eventidlist.h"
#include "storage/eventscan.h"
#include "storage/eventtimeline.h"
#include "storage/processaliases.h"
#include "storage/queryrows.h"
#include "storage/sqlite.h"
#include "storage/unknownzone.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <utility>

namespace ea {

using queryrows::collected;
using queryrows::forEachRow;
using queryrows::readError;
using queryrows::text;

namespace {

// Runs a query of one integer column into ascending ids.
RowsResult<std::int64_t> idsOf(Statement &s)
{
    std::vector<std::int64_t> ids;
    Error error = forEachRow(s, [&] {
        ids.push_back(s.columnInt64(0));
        return true;
    });
    return collected(std::move(error), std::move(ids));
}

} // namespace

RowsResult<ProcessSummaryRow> CaseQueries::processes()
{
    // The unique index processes_key makes the join to the host-less details
    // row one lookup per process.
    // Bytes from format 5 on (constants before).
    const char *bytes
        = m_database.schemaVersion() >= 5 ? "st.bytes_out, st.bytes_in " : "NULL, NULL ";
    Statement s(
        m_database.db(),
        std::string("SELECT p.id, ifnull(p.key, ''), coalesce(nullif(p.pid, ''), q.pid, ''), "
                    "coalesce(nullif(p.path, ''), q.path, ''), "
                    "coalesce(nullif(p.name, ''), q.name, ''), "
                    "coalesce(nullif(p.args, ''), q.args, ''), "
                    "coalesce(nullif(p.user, ''), q.user, ''), "
                    "ifnull(h.key, ''), ifnull(h.hostname, ''), "
                    "st.connections, st.first_ns, st.last_ns, st.destinations, "
                    "st.external_destinations, ")
            + bytes
            + "FROM process_stats AS st JOIN processes AS p ON p.id = st.process_id "
              "LEFT JOIN processes AS q "
              "ON ifnull(q.host_id, 0) = 0 AND q.key = p.key AND q.id <> p.id "
              "LEFT JOIN hosts AS h ON h.id = p.host_id "
              "ORDER BY st.external_destinations DESC, st.connections DESC, p.id");
    std::vector<ProcessSummaryRow> rows;
    Error error = forEachRow(s, [&] {
        ProcessSummaryRow &row = rows.emplace_back();
        row.process.processId = s.columnInt64(0);
        queryrows::readProcessDetails(s, 1, row.process);
        row.process.connections = s.columnInt64(9);
        row.process.firstNs = s.columnOptionalInt64(10);
        row.process.lastNs = s.columnOptionalInt64(11);
        row.destinations = s.columnInt64(12);
        row.externalDestinations = s.columnInt64(13);
        row.bytesOut = queryrows::byteCount(s, 14);
        row.bytesIn = queryrows::byteCount(s, 15);
        return true;
    });
    if (error)
        return collected(std::move(error), std::move(rows));
    StoredAliases aliases;
    if ((error = readStoredAliases(m_database.db(), m_database.schemaVersion(), aliases)))
        return collected(std::move(error), std::move(rows));
    for (ProcessSummaryRow &row : rows)
        applyStoredAliases(row.process, aliases);
    UnknownZoneTimes zones;
    if ((error = readUnknownZoneTimes(m_database, zones)))
        return collected(std::move(error), std::move(rows));

    // Hosts that no process names: sources.
    Statement hosts(m_database.db(),
                    std::string("SELECT h.id, h.key, ifnull(h.hostname, ''), st.connections, "
                                "st.first_ns, st.last_ns, st.destinations, "
                                "st.external_destinations, ")
                        + bytes
                        + "FROM host_stats AS st JOIN hosts AS h ON h.id = st.host_id "
                          "WHERE NOT EXISTS (SELECT 1 FROM processes AS p WHERE p.host_id = h.id)");
    const std::size_t processRows = rows.size();
    error = forEachRow(hosts, [&] {
        ProcessSummaryRow &row = rows.emplace_back();
        row.hostId = hosts.columnInt64(0);
        row.process.hostKey = text(hosts, 1);
        row.process.hostname = text(hosts, 2);
        row.process.connections = hosts.columnInt64(3);
        row.process.firstNs = hosts.columnOptionalInt64(4);
        row.process.lastNs = hosts.columnOptionalInt64(5);
        row.destinations = hosts.columnInt64(6);
        row.externalDestinations = hosts.columnInt64(7);
        row.bytesOut = queryrows::byteCount(hosts, 8);
        row.bytesIn = queryrows::byteCount(hosts, 9);
        return true;
    });
    for (ProcessSummaryRow &row : rows) {
        row.process.timesZoneUnknown = row.process.processId > 0
            ? UnknownZoneTimes::has(zones.processes, row.process.processId)
            : UnknownZoneTimes::has(zones.hosts, row.hostId);
    }
    if (rows.size() > processRows) {
        std::stable_sort(
            rows.begin(), rows.end(), [](const ProcessSummaryRow &a, const ProcessSummaryRow &b) {
                if (a.externalDestinations != b.externalDestinations)
                    return a.externalDestinations > b.externalDestinations;
                if (a.process.connections != b.process.connections)
                    return a.process.connections > b.process.connections;
                // Processes (by id) before sources (by host id).
                return std::tuple(a.process.processId == 0, a.process.processId, a.hostId)
                    < std::tuple(b.process.processId == 0, b.process.processId, b.hostId);
            });
    }
    return collected(std::move(error), std::move(rows));
}

RowsResult<ProcessDestinationRow> CaseQueries::destinationsOfProcess(std::int64_t processId,
                                                                     std::int64_t hostId)
{
    // One scan of the events, grouped by (destination, port); the ports of a
    // destination are then kept the way the import keeps dest_stats.ports.
    Statement s(m_database.db(),
                "SELECT g.dest_id, d.addr, g.port, g.n, g.first_ns, g.last_ns FROM "
                "(SELECT dest_id, dst_port AS port, sum(ifnull(weight, 1)) AS n, "
                " min(ts_ns) AS first_ns, max(ifnull(last_ts_ns, ts_ns)) AS last_ns "
                " FROM events WHERE process_id IS nullif(?1, 0) "
                " AND (?2 = 0 OR host_id = ?2) GROUP BY dest_id, dst_port) AS g "
                "JOIN destinations AS d ON d.id = g.dest_id");
    s.bindInt64(1, processId);
    s.bindInt64(2, hostId);
    struct Destination
    {
        std::vector<std::uint8_t> address;
        DestAgg agg;
    };
    std::map<std::int64_t, Destination> byId;
    Error error = forEachRow(s, [&] {
        Destination &d = byId[s.columnInt64(0)];
        if (d.address.empty()) {
            const std::span<const std::uint8_t> blob = s.columnBlob(1);
            d.address.assign(blob.begin(), blob.end());
        }
        d.agg.connections += s.columnInt64(3);
        if (const auto port = s.columnOptionalInt64(2); port && *port >= 0 && *port <= 0xffff)
            d.agg.addPort(std::uint16_t(*port));
        if (const auto first = s.columnOptionalInt64(4))
            d.agg.addTime(*first);
        if (const auto last = s.columnOptionalInt64(5))
            d.agg.addTime(*last);
        return true;
    });
    if (error)
        return collected<ProcessDestinationRow>(std::move(error), {});

    std::vector<const std::pair<const std::int64_t, Destination> *> order;
    order.reserve(byId.size());
    for (const auto &entry : byId)
        order.push_back(&entry);
    // Address in BLOB (memcmp) order, as destinations() sorts ties.
    std::sort(order.begin(), order.end(), [](const auto *a, const auto *b) {
        if (a->second.agg.connections != b->second.agg.connections)
            return a->second.agg.connections > b->second.agg.connections;
        return a->second.address < b->second.address;
    });
    UnknownZoneTimes zones;
    if ((error = readUnknownZoneTimes(m_database, zones)))
        return collected<ProcessDestinationRow>(std::move(error), {});
    const bool actorZoneUnknown = processId > 0 ? UnknownZoneTimes::has(zones.processes, processId)
                                                : UnknownZoneTimes::has(zones.hosts, hostId);
    std::vector<ProcessDestinationRow> rows;
    rows.reserve(order.size());
    for (const auto *entry : order) {
        const DestAgg &agg = entry->second.agg;
        ProcessDestinationRow &row = rows.emplace_back();
        row.destinationId = entry->first;
        row.connections = agg.connections;
        if (agg.hasTime) {
            row.firstNs = agg.firstNs;
            row.lastNs = agg.lastNs;
        }
        row.ports = agg.portsText();
        row.timesZoneUnknown
            = actorZoneUnknown && UnknownZoneTimes::has(zones.destinations, entry->first);
    }
    return collected(Error(), std::move(rows));
}

RowsResult<EventDetailRow> CaseQueries::events(std::span<const std::int64_t> ids)
{
    RowsResult<EventDetailRow> result;
    // One primary-key lookup per id (no carray in this SQLite): a page of
    // 1,000 ids is a few milliseconds, and the order of ids is kept for free.
    Statement event(
        m_database.db(),
        "SELECT e.id, e.source_id, ifnull(src.path, ''), e.line, e.ts_ns, "
        "ifnull(h.id, 0), ifnull(h.key, ''), ifnull(h.hostname, ''), "
        "ifnull(e.process_id, 0), ifnull(p.key, ''), ifnull(ss.text, ''), "
        "e.src_port, e.dst_port, e.dest_id, ifnull(sp.text, ''), "
        "ifnull(e.protocol, ''), e.direction, "
            + std::string(m_database.schemaVersion() >= 6 ? "ifnull(src.times_zone_unknown, 0), "
                                                          : "0, ")
            // The events table of a format 4 case on is the
            // chunks' (eventstable.h): it has the columns of
            // format 8, null before.
            + std::string(m_database.schemaVersion() >= 4 ? "ifnull(e.weight, 1), e.last_ts_ns "
                                                          : "1, NULL ")
            + "FROM events AS e "
              "LEFT JOIN sources AS src ON src.id = e.source_id "
              "LEFT JOIN processes AS p ON p.id = e.process_id "
              "LEFT JOIN hosts AS h ON h.id = coalesce(e.host_id, p.host_id) "
              "LEFT JOIN spellings AS ss ON ss.id = e.src_spelling_id "
              "LEFT JOIN spellings AS sp ON sp.id = e.spelling_id "
              "WHERE e.id = ?1");
    Statement details(m_database.db(), queryrows::kProcessDetailsSql);
    // A page holds few distinct processes: label each once.
    std::map<std::pair<std::int64_t, std::int64_t>, std::string> labels;
    for (const std::int64_t id : ids) {
        event.bindInt64(1, id);
        const Statement::Step step = event.step();
        if (step == Statement::Step::Error)
            return readError(event);
        if (step == Statement::Step::Done) {
            event.reset();
            continue;
        }
        EventDetailRow &row = result.value.emplace_back();
        row.id = event.columnInt64(0);
        row.sourceId = event.columnInt64(1);
        row.sourcePath = text(event, 2);
        row.line = event.columnInt64(3);
        row.tsNs = event.columnOptionalInt64(4);
        row.hostId = event.columnInt64(5);
        row.hostKey = text(event, 6);
        row.hostname = text(event, 7);
        row.processId = event.columnInt64(8);
        row.processKey = text(event, 9);
        row.source = text(event, 10);
        row.srcPort = event.columnOptionalInt64(11);
        row.dstPort = event.columnOptionalInt64(12);
        row.destinationId = event.columnInt64(13);
        row.destination = text(event, 14);
        row.protocol = text(event, 15);
        row.direction = int(event.columnInt64(16));
        row.timesZoneUnknown = event.columnInt64(17) != 0;
        row.weight = event.columnInt64(18);
        row.lastNs = event.columnOptionalInt64(19);
        event.reset();

        if (row.processId == 0)
            continue;
        const auto [label, added] = labels.try_emplace({row.processId, row.hostId});
        if (added) {
            details.bindInt64(1, row.processId);
            details.bindInt64(2, row.hostId);
            if (details.step() != Statement::Step::Row)
                return readError(details);
            ProcessRow process;
            queryrows::readProcessDetails(details, 0, process);
            details.reset();
            label->second = processLabel(process);
        }
        row.processLabel = label->second;
    }
    return result;
}

RowsResult<std::int64_t> CaseQueries::destinationIdsWithProcess(std::string_view text)
{
    // The fields as processesOf() shows them: a host-less processes-export
    // row fills in what the process's own row lacks.
    // An alias's spelling finds the process its events are counted under.
    Statement s(m_database.db(),
                std::string("SELECT DISTINCT dest_id FROM events WHERE process_id IN (SELECT ")
                    + (m_database.schemaVersion() >= 6 ? "coalesce(p.alias_of, p.id)" : "p.id")
                    + " FROM processes AS p LEFT JOIN processes AS q"
                      "  ON ifnull(q.host_id, 0) = 0 AND q.key = p.key AND q.id <> p.id"
                      "  WHERE instr(lower(p.key), ?1) > 0"
                      "  OR instr(lower(coalesce(nullif(p.pid, ''), q.pid, '')), ?1) > 0"
                      "  OR instr(lower(coalesce(nullif(p.path, ''), q.path, '')), ?1) > 0"
                      "  OR instr(lower(coalesce(nullif(p.name, ''), q.name, '')), ?1) > 0"
                      "  OR instr(lower(coalesce(nullif(p.args, ''), q.args, '')), ?1) > 0)"
                      " ORDER BY dest_id");
    s.bindText(1, lowerAscii(text));
    return idsOf(s);
}

RowsResult<std::int64_t> CaseQueries::destinationIdsWithHost(std::string_view text)
{
    Statement s(m_database.db(),
                "SELECT DISTINCT dest_id FROM events WHERE host_id IN ("
                " SELECT id FROM hosts WHERE instr(lower(key), ?1) > 0"
                "  OR instr(lower(ifnull(hostname, '')), ?1) > 0)"
                " ORDER BY dest_id");
    s.bindText(1, lowerAscii(text));
    return idsOf(s);
}

RowsResult<std::int64_t> CaseQueries::destinationIdsWithSource(const Cidr &block)
{
    // Spellings are few next to events (every distinct address text): match
    // them here, where the parser is, then read only the events' two ids.
    std::vector<std::int64_t> spellings; // ascending
    const Cidr range = Marks::normalized(block); // ::ffff:10.0.0.0/104 is 10.0.0.0/8
    Statement list(m_database.db(), "SELECT id, text FROM spellings ORDER BY id");
    Error error = forEachRow(list, [&] {
        const ParseResult parsed = parseAddress(list.columnText(1));
        if (parsed.ok() && range.contains(parsed.address))
            spellings.push_back(list.columnInt64(0));
        return true;
    });
    if (error || spellings.empty())
        return collected<std::int64_t>(std::move(error), {});
    Statement s(m_database.db(),
                "SELECT dest_id, src_spelling_id FROM events WHERE src_spelling_id IS NOT NULL");
    std::vector<std::int64_t> ids;
    error = forEachRow(s, [&] {
        const std::int64_t id = s.columnInt64(0);
        if ((ids.empty() || ids.back() != id)
            && std::binary_search(spellings.begin(), spellings.end(), s.columnInt64(1)))
            ids.push_back(id);
        return true;
    });
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return collected(std::move(error), std::move(ids));
}

Error CaseQueries::eventListDamaged(std::int64_t destinationId)
{
    return Error(
        tr("Cannot read the case: the event list of destination %1 is damaged").arg(destinationId),
        Error::Code::NotACase);
}

RowsResult<std::int64_t> CaseQueries::eventIdsOf(std::int64_t destinationId)
{
    RowsResult<std::int64_t> result;
    Statement s(m_database.db(), "SELECT ids FROM dest_events WHERE dest_id = ?");
    s.bindInt64(1, destinationId);
    const Statement::Step step = s.step();
    if (step == Statement::Step::Error)
        return queryrows::readError(s);
    if (step == Statement::Step::Row && !EventIdList::decode(s.columnBlob(0), result.value)) {
        return eventListDamaged(destinationId);
    }
    return result;
}

RowsResult<std::int64_t> CaseQueries::eventIdsByTime(std::int64_t destinationId)
{
    Result<EventTimeline> timeline = timelineOf(destinationId);
    if (!timeline.ok())
        return timeline.error;
    return RowsResult<std::int64_t> {timeline.value.ids()};
}

Result<EventTimeline> CaseQueries::timelineOf(std::int64_t destinationId)
{
    RowsResult<std::int64_t> ids = eventIdsOf(destinationId);
    if (!ids.ok())
        return ids.error;
    Result<EventTimeline> result;
    EventTimeline &timeline = result.value;
    Statement stored;
    if (m_database.schemaVersion() >= 2) {
        if (!stored.prepare(m_database.db(),
                            "SELECT entries FROM dest_timeline WHERE dest_id = ?1"))
            return queryrows::readError(stored);
        stored.bindInt64(1, destinationId);
    }
    const Statement::Step step = stored.isValid() ? stored.step() : Statement::Step::Done;
    if (step == Statement::Step::Error)
        return queryrows::readError(stored);
    if (step == Statement::Step::Row) {
        // The row must hold exactly the destination's events.
        if (!EventTimeline::decode(stored.columnBlob(0), timeline)
            || timeline.size() != ids.value.size())
            return eventListDamaged(destinationId);
        std::vector<std::int64_t> sorted = timeline.ids();
        std::sort(sorted.begin(), sorted.end());
        if (sorted != ids.value)
            return eventListDamaged(destinationId);
        return result;
    }
    // A quiet destination: at most BusyDestinations::kMinEvents - 1 events.
    std::size_t found = 0;
    if (Error error = EventScan::forIds(
            m_database.db(), ids.value,
            [&](const ScannedEvent &e) {
                ++found;
                if (e.tsNs)
                    timeline.timed.emplace_back(*e.tsNs, e.id);
                else
                    timeline.untimed.push_back(e.id);
                return true;
            },
            ScanFields::Time))
        return error;
    if (found != ids.value.size())
        return eventListDamaged(destinationId); // a listed event that is not there
    timeline.sort();
    return result;
}

Error CaseQueries::finishProcessesOf(std::int64_t destinationId, std::vector<ProcessRow> &rows)
{
    UnknownZoneTimes zones;
    if (Error error = readUnknownZoneTimes(m_database, zones))
        return error;
    if (UnknownZoneTimes::has(zones.destinations, destinationId)) {
        for (ProcessRow &row : rows) {
            row.timesZoneUnknown = row.processId > 0
                ? UnknownZoneTimes::has(zones.processes, row.processId)
                : UnknownZoneTimes::has(zones.hosts, row.hostId);
        }
    }
    StoredAliases aliases;
    if (Error error = readStoredAliases(m_database.db(), m_database.schemaVersion(), aliases))
        return error;
    for (ProcessRow &row : rows)
        applyStoredAliases(row, aliases);
    // A case imported before format 6 keeps both spellings as processes;
    // from 6 on the import decided (by its own rule, over all events), and
    // a second merge here by this destination's times alone could disagree
    // with the Processes tab and the Processes count.
    if (m_database.schemaVersion() < 6)
        mergeDevicePathAliases(rows);
    return {};
}

RowsResult<ProcessRow> CaseQueries::processesOf(std::int64_t destinationId)
{
    // A busy destination's processes are one dest_processes row; the others'
    // (and those of a format 1 case opened read-only) come from its events.
    if (m_database.schemaVersion() < 2)
        return processesOfEvents(destinationId);
    std::vector<DestProcesses::Entry> entries;
    {
        Statement s(m_database.db(),
                    "SELECT connections, entries FROM dest_processes WHERE dest_id = ?1");
        s.bindInt64(1, destinationId);
        const Statement::Step step = s.step();
        if (step == Statement::Step::Error)
            return queryrows::readError(s);
        if (step == Statement::Step::Done)
            return processesOfEvents(destinationId);
        if (!DestProcesses::decode(s.columnBlob(1), s.columnInt64(0), entries,
                                   m_database.schemaVersion() >= 6))
            return DestProcesses::damaged(destinationId);
    }
    RowsResult<ProcessRow> result;
    result.value.reserve(entries.size());
    Statement details(m_database.db(), queryrows::kProcessDetailsSql);
    for (const DestProcesses::Entry &entry : entries) {
        details.bindInt64(1, entry.processId);
        details.bindInt64(2, entry.hostId);
        if (details.step() != Statement::Step::Row)
            return queryrows::readError(details);
        ProcessRow &row = result.value.emplace_back();
        row.processId = entry.processId;
        row.hostId = entry.hostId;
        queryrows::readProcessDetails(details, 0, row);
        details.reset();
        row.connections = entry.agg.connections;
        if (entry.agg.hasTime) {
            row.firstNs = entry.agg.firstNs;
            row.lastNs = entry.agg.lastNs;
        }
        row.ports = entry.agg.portsText();
        row.bytesOut = entry.bytes.out;
        row.bytesIn = entry.bytes.in;
    }
    if (Error error = finishProcessesOf(destinationId, result.value))
        return error;
    // Entries come in (process, host) order: ties keep it, as in
    // processesOfEvents().
    std::stable_sort(
        result.value.begin(), result.value.end(),
        [](const ProcessRow &a, const ProcessRow &b) { return a.connections > b.connections; });
    return result;
}

RowsResult<ProcessRow> CaseQueries::processesOfEvents(std::int64_t destinationId)
{
    RowsResult<ProcessRow> result;
    const RowsResult<std::int64_t> ids = eventIdsOf(destinationId);
    if (!ids.ok())
        return ids.error;
    // Group the destination's events by (process, host), reading each event
    // by id: the list is the destination's index.
    struct Group
    {
        std::int64_t connections = 0;
        std::optional<std::int64_t> firstNs;
        std::optional<std::int64_t> lastNs;
        DestAgg ports; // only its ports: the same list form as dest_stats
        ByteSums bytes;
    };
    std::map<std::pair<std::int64_t, std::int64_t>, Group> groups;
    if (Error error = EventScan::forIds(
            m_database.db(), ids.value,
            [&](const ScannedEvent &e) {
                Group &g = groups[{e.processId, e.hostId}];
                g.connections += e.weight;
                if (const auto ts = e.tsNs) {
                    const std::int64_t last = e.lastTsNs.value_or(*ts);
                    g.firstNs = g.firstNs ? std::min(*g.firstNs, *ts) : *ts;
                    g.lastNs = g.lastNs ? std::max(*g.lastNs, last) : last;
                }
                if (const auto port = e.port; port && *port >= 0 && *port <= 0xffff)
                    g.ports.addPort(std::uint16_t(*port));
                g.bytes.add(e.bytesOut, e.bytesIn);
                return true;
            },
            ScanFields::Bytes))
        return error;

    Statement details(m_database.db(), queryrows::kProcessDetailsSql);
    for (const auto &[key, group] : groups) {
        details.bindInt64(1, key.first);
        details.bindInt64(2, key.second);
        if (details.step() != Statement::Step::Row)
            return queryrows::readError(details);
        ProcessRow row;
        row.processId = key.first;
        row.hostId = key.second;
        queryrows::readProcessDetails(details, 0, row);
        row.connections = group.connections;
        row.firstNs = group.firstNs;
        row.lastNs = group.lastNs;
        row.ports = group.ports.portsText();
        row.bytesOut = group.bytes.out;
        row.bytesIn = group.bytes.in;
        result.value.push_back(std::move(row));
        details.reset();
    }
    if (Error error = finishProcessesOf(destinationId, result.value))
        return error;
    std::stable_sort(
        result.value.begin(), result.value.end(),
        [](const ProcessRow &a, const ProcessRow &b) { return a.connections > b.connections; });
    return result;
}

} // namespace ea
