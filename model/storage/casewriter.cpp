#include "storage/casewriter.h"

#include "storage/multirowinsert.h"

#include "address/addresstext.h"
#include "address/classifier.h"
#include "storage/aggregates.h"
#include "storage/existingids.h"
#include "core/containers/bytelist.h"

#include <algorithm>
#include <limits>

namespace ea {

namespace {

std::span<const std::uint8_t> blob(const std::array<std::uint8_t, 16> &bytes)
{
    return {bytes.data(), bytes.size()};
}

// Values read from a case are untrusted: the file may have been edited. Ids
// of destinations, spellings, hosts and processes are 32-bit in memory.
bool isId32(std::int64_t value)
{
    return value >= 1 && value <= std::numeric_limits<std::int32_t>::max();
}

// a += b, false (a unchanged) where it would overflow.
bool addChecked(std::int64_t &a, std::int64_t b)
{
    constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
    constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
    if ((b > 0 && a > kMax - b) || (b < 0 && a < kMin - b))
        return false;
    a += b;
    return true;
}

} // namespace

CaseWriter::CaseWriter(SqliteDb &db)
    : m_db(db)
{ }

CaseWriter::~CaseWriter() = default;

bool CaseWriter::fail(const Statement &statement, const char *what)
{
    m_error = std::string(what) + ": " + statement.errorMessage();
    return false;
}

bool CaseWriter::failDb(const char *what)
{
    m_error = std::string(what) + ": " + m_db.lastError();
    return false;
}

bool CaseWriter::damaged(const char *what)
{
    m_error = std::string("the case is damaged: ") + what;
    return false;
}

bool CaseWriter::loadExisting(ExistingIds &existing)
{
    // Ids of destinations, spellings, hosts and processes index arrays in
    // memory, and the import gives them out in order from 1: a case whose
    // largest id is more than its number of rows was not written so, and
    // would make those arrays as large as the id.
    std::int64_t rows = 0;
    auto dense = [&rows](std::int32_t largest) {
        return largest <= rows;
    };

    Statement destinations(m_db, "SELECT id, addr, family, category FROM destinations");
    if (!destinations.isValid())
        return fail(destinations, "reading destinations");
    Statement::Step step;
    while ((step = destinations.step()) == Statement::Step::Row) {
        if (!isId32(destinations.columnInt64(0)))
            return damaged("a destination id is out of range");
        const auto id = std::int32_t(destinations.columnInt64(0));
        ++rows;
        existing.maxDestination = std::max(existing.maxDestination, id);
        const auto bytes = destinations.columnBlob(1);
        if (bytes.size() != 16)
            continue;
        IpAddress a;
        std::copy(bytes.begin(), bytes.end(), a.bytes.begin());
        a.family = destinations.columnInt64(2) == 4 ? Family::IPv4 : Family::IPv6;
        existing.destinations.emplace_back(a, id);
        Category category = Category::Reserved;
        existing.destinationExternal.push_back(
            categoryFromId(destinations.columnText(3), category) && isExternal(category) ? 1 : 0);
    }
    if (step == Statement::Step::Error)
        return fail(destinations, "reading destinations");
    if (!dense(existing.maxDestination))
        return damaged("the destination ids are not numbered from 1");

    // A spelling always denotes one destination; re-parse it to find which,
    // rather than storing the link twice.
    std::unordered_map<IpAddress, std::int32_t, IpAddressHash> byAddress;
    for (const auto &[address, id] : existing.destinations)
        byAddress.emplace(address, id);
    Statement spellings(m_db, "SELECT id, text FROM spellings");
    if (!spellings.isValid())
        return fail(spellings, "reading spellings");
    rows = 0;
    while ((step = spellings.step()) == Statement::Step::Row) {
        if (!isId32(spellings.columnInt64(0)))
            return damaged("an address spelling id is out of range");
        const auto id = std::int32_t(spellings.columnInt64(0));
        ++rows;
        existing.maxSpelling = std::max(existing.maxSpelling, id);
        const std::string_view text = spellings.columnText(1);
        // Local addresses are spellings too; those that are no destination
        // keep 0, and a later peer use parses them then.
        std::int32_t destId = 0;
        const ParseResult parsed = parseAddress(text);
        if (parsed.ok()) {
            IpAddress a = parsed.address;
            if (a.family == Family::IPv6 && a.isV4Mapped())
                a.family = Family::IPv4;
            if (const auto dest = byAddress.find(a); dest != byAddress.end())
                destId = dest->second;
        }
        existing.spellings.emplace_back(std::string(text), id);
        existing.destOfSpelling.push_back(destId);
    }
    if (step == Statement::Step::Error)
        return fail(spellings, "reading spellings");
    if (!dense(existing.maxSpelling))
        return damaged("the address spelling ids are not numbered from 1");

    Statement maxEvent(m_db, "SELECT ifnull(max(id), 0), ifnull(min(id), 1) FROM events");
    if (maxEvent.step() != Statement::Step::Row)
        return fail(maxEvent, "reading events");
    existing.maxEvent = maxEvent.columnInt64(0);
    if (maxEvent.columnInt64(1) < 1)
        return damaged("an event id is out of range");
    maxEvent.reset();
    // This import's event ids continue after maxEvent, and each list's next
    // gap is counted from its last id: that id must be an event's.
    Statement lastEvents(m_db, "SELECT dest_id, last_id, events FROM dest_events");
    if (!lastEvents.isValid())
        return fail(lastEvents, "reading destination event lists");
    while ((step = lastEvents.step()) == Statement::Step::Row) {
        const std::int64_t lastId = lastEvents.columnInt64(1);
        if (!isId32(lastEvents.columnInt64(0))
            || lastEvents.columnInt64(0) > existing.maxDestination || lastId < 1
            || lastId > existing.maxEvent || lastEvents.columnInt64(2) < 1)
            return damaged("a destination's event list is out of range");
        existing.destLastEvent.emplace_back(std::int32_t(lastEvents.columnInt64(0)), lastId);
    }
    if (step == Statement::Step::Error)
        return fail(lastEvents, "reading destination event lists");

    Statement hosts(m_db, "SELECT id, key FROM hosts");
    if (!hosts.isValid())
        return fail(hosts, "reading hosts");
    rows = 0;
    while ((step = hosts.step()) == Statement::Step::Row) {
        if (!isId32(hosts.columnInt64(0)))
            return damaged("a host id is out of range");
        const auto id = std::int32_t(hosts.columnInt64(0));
        ++rows;
        existing.hosts.emplace_back(std::string(hosts.columnText(1)), id);
        existing.maxHost = std::max(existing.maxHost, id);
    }
    if (step == Statement::Step::Error)
        return fail(hosts, "reading hosts");
    if (!dense(existing.maxHost))
        return damaged("the host ids are not numbered from 1");

    Statement processes(m_db, "SELECT id, ifnull(host_id, 0), key FROM processes");
    if (!processes.isValid())
        return fail(processes, "reading processes");
    rows = 0;
    while ((step = processes.step()) == Statement::Step::Row) {
        const std::int64_t host = processes.columnInt64(1);
        if (!isId32(processes.columnInt64(0)) || host < 0 || host > existing.maxHost)
            return damaged("a process id is out of range");
        const auto id = std::int32_t(processes.columnInt64(0));
        ++rows;
        existing.processes.push_back(
            {id, std::int32_t(processes.columnInt64(1)), std::string(processes.columnText(2))});
        existing.maxProcess = std::max(existing.maxProcess, id);
    }
    if (step == Statement::Step::Error)
        return fail(processes, "reading processes");
    if (!dense(existing.maxProcess))
        return damaged("the process ids are not numbered from 1");
    return true;
}

bool CaseWriter::beginSource(const std::string &path, std::int64_t size, const std::string &sha256,
                             std::int64_t importedAtNs)
{
    Statement insert(m_db,
                     "INSERT INTO sources(path, size, sha256, format, kind, mapping_json, "
                     "imported_at, rows_read, rows_loaded, rows_rejected, rows_skipped, "
                     "times_unset) VALUES (?, ?, ?, '', '', '{}', ?, 0, 0, 0, 0, 0)");
    insert.bindText(1, path);
    insert.bindInt64(2, size);
    insert.bindText(3, sha256);
    insert.bindInt64(4, importedAtNs);
    if (!insert.run())
        return fail(insert, "recording the source");
    m_sourceId = m_db.lastInsertRowid();
    return prepareInserts();
}

bool CaseWriter::prepareInserts()
{
    struct
    {
        Statement *statement;
        const char *sql;
    } const statements[] = {
        {&m_insertDestination,
         "INSERT INTO destinations(id, addr, family, canonical, expanded, "
         "category, block) VALUES (?, ?, ?, ?, ?, ?, ?)"},
        {&m_insertSpelling, "INSERT INTO spellings(id, text) VALUES (?, ?)"},
        {&m_insertHost, "INSERT INTO hosts(id, key) VALUES (?, ?)"},
        {&m_insertProcess,
         "INSERT INTO processes(id, host_id, key, pid, path) VALUES (?, ?, ?, ?, ?)"},
        {&m_insertRejected,
         "INSERT INTO rejected(source_id, line, reason, raw) VALUES (?, ?, ?, ?)"},
        // A processes export fills in what it knows and keeps what it does not.
        {&m_updateProcess,
         "UPDATE processes SET pid = coalesce(nullif(?2, ''), pid), "
         "path = coalesce(nullif(?3, ''), path), name = coalesce(nullif(?4, ''), name), "
         "args = coalesce(nullif(?5, ''), args), user = coalesce(nullif(?6, ''), user), "
         "container = coalesce(nullif(?7, ''), container) WHERE id = ?1"},
        {&m_updateHost,
         "UPDATE hosts SET hostname = coalesce(nullif(?2, ''), hostname) "
         "WHERE id = ?1"},
    };
    for (const auto &s : statements) {
        if (!s.statement->prepare(m_db, s.sql))
            return fail(*s.statement, "preparing the import");
    }
    m_insertEvents = std::make_unique<MultiRowInsert>(
        m_db,
        "INSERT INTO events(source_id, line, ts_ns, host_id, process_id, dest_id, dst_port, "
        "protocol, direction, src_spelling_id, src_port, spelling_id)",
        int(kEventColumns));
    if (!m_insertEvents->isValid())
        return failDb("preparing the import");
    return true;
}

bool CaseWriter::prepareBulk()
{
    Statement any(m_db, "SELECT EXISTS (SELECT 1 FROM events)");
    if (!any.isValid() || any.step() != Statement::Step::Row)
        return fail(any, "inspecting events");
    const bool hasEvents = any.columnInt64(0) != 0;
    any.reset(); // an active statement would lock the schema
    m_freshCase = !hasEvents;
    if (hasEvents)
        return true;
    if (!m_db.exec("DROP INDEX IF EXISTS destinations_addr;"))
        return failDb("preparing the bulk insert");
    m_indexesDropped = true;
    return true;
}

bool CaseWriter::finishBulk()
{
    if (!m_indexesDropped)
        return true;
    // Stage 1 interned every address, so the unique index cannot fail here;
    // it is built once at the end.
    if (!m_db.exec("CREATE UNIQUE INDEX destinations_addr ON destinations(addr);"))
        return failDb("indexing destinations");
    m_indexesDropped = false;
    return true;
}

void CaseWriter::bindEvent(Statement &e, int base, const EventRow &row)
{
    e.bindInt64(base + 1, m_sourceId);
    e.bindInt64(base + 2, row.line);
    if (row.hasTime)
        e.bindInt64(base + 3, row.timeNs);
    else
        e.bindNull(base + 3);
    if (row.hostId > 0)
        e.bindInt64(base + 4, row.hostId);
    else
        e.bindNull(base + 4);
    if (row.processId > 0)
        e.bindInt64(base + 5, row.processId);
    else
        e.bindNull(base + 5);
    e.bindInt64(base + 6, row.destId);
    if (row.port >= 0)
        e.bindInt64(base + 7, row.port);
    else
        e.bindNull(base + 7);
    if (row.protocol >= 0 && std::size_t(row.protocol) < m_protocols.size())
        e.bindTextStatic(base + 8, m_protocols[std::size_t(row.protocol)]);
    else
        e.bindNull(base + 8);
    e.bindInt64(base + 9, std::int64_t(row.direction));
    if (row.srcSpellingId > 0)
        e.bindInt64(base + 10, row.srcSpellingId);
    else
        e.bindNull(base + 10);
    if (row.srcPort >= 0)
        e.bindInt64(base + 11, row.srcPort);
    else
        e.bindNull(base + 11);
    e.bindInt64(base + 12, row.spellingId);
}

bool CaseWriter::write(const ImportBatch &batch)
{
    for (const std::string &p : batch.protocols)
        m_protocols.push_back(p);

    char canonical[kMaxAddressText];
    char expanded[kMaxAddressText];
    for (const NewDestination &d : batch.destinations) {
        Statement &s = m_insertDestination;
        s.bindInt64(1, d.id);
        s.bindBlob(2, blob(d.address.bytes));
        s.bindInt64(3, d.address.family == Family::IPv4 ? 4 : 6);
        s.bindText(4, {canonical, formatAddress(d.address, TextForm::Canonical, canonical)});
        s.bindText(5, {expanded, formatAddress(d.address, TextForm::Expanded, expanded)});
        s.bindTextStatic(6, categoryId(d.category));
        s.bindTextStatic(7, d.block ? d.block->prefix : std::string_view {});
        if (!s.run())
            return fail(s, "inserting a destination");
    }
    for (const NewSpelling &sp : batch.spellings) {
        m_insertSpelling.bindInt64(1, sp.id);
        m_insertSpelling.bindText(2, sp.text);
        if (!m_insertSpelling.run())
            return fail(m_insertSpelling, "inserting a spelling");
    }
    for (const NewHost &h : batch.hosts) {
        m_insertHost.bindInt64(1, h.id);
        m_insertHost.bindText(2, h.key);
        if (!m_insertHost.run())
            return fail(m_insertHost, "inserting a host");
    }
    for (const NewProcess &p : batch.processes) {
        Statement &s = m_insertProcess;
        s.bindInt64(1, p.id);
        if (p.hostId > 0)
            s.bindInt64(2, p.hostId);
        else
            s.bindNull(2);
        s.bindText(3, p.key);
        if (p.pid.empty())
            s.bindNull(4);
        else
            s.bindText(4, p.pid);
        if (p.path.empty())
            s.bindNull(5);
        else
            s.bindText(5, p.path);
        if (!s.run())
            return fail(s, "inserting a process");
    }

    // Stage 1 numbered the events: the destinations' event lists hold those
    // ids. SQLite gives each new row the largest rowid plus one, which is the
    // same number; checked per batch, so a surprise fails the import instead
    // of corrupting the lists.
    const std::vector<EventRow> &events = batch.events;
    if (!m_insertEvents->insert(events.size(), [&](Statement &e, int base, std::size_t row) {
            bindEvent(e, base, events[row]);
        }))
        return fail(m_insertEvents->failed(), "inserting an event");
    if (!events.empty() && m_db.lastInsertRowid() != events.back().id) {
        m_error = "event ids out of step with the case (expected "
            + std::to_string(events.back().id) + ", got " + std::to_string(m_db.lastInsertRowid())
            + ")";
        return false;
    }

    for (const RejectedRecord &r : batch.rejected) {
        Statement &s = m_insertRejected;
        s.bindInt64(1, m_sourceId);
        s.bindInt64(2, r.line);
        s.bindText(3, r.reason);
        s.bindBlob(4, {reinterpret_cast<const std::uint8_t *>(r.raw.data()), r.raw.size()});
        if (!s.run())
            return fail(s, "recording a rejected row");
    }
    for (const ProcessDetails &p : batch.processDetails) {
        Statement &s = m_updateProcess;
        s.bindInt64(1, p.id);
        s.bindText(2, p.pid);
        s.bindText(3, p.path);
        s.bindText(4, p.name);
        s.bindText(5, p.arguments);
        s.bindText(6, p.user);
        s.bindText(7, p.container);
        if (!s.run())
            return fail(s, "updating a process");
    }
    for (const HostDetails &h : batch.hostDetails) {
        m_updateHost.bindInt64(1, h.hostId);
        m_updateHost.bindText(2, h.hostname);
        if (!m_updateHost.run())
            return fail(m_updateHost, "updating a host");
    }
    return true;
}

bool CaseWriter::mergeAggregates(const ChunkedVector<DestAgg> &destinations)
{
    // Earlier imports' statistics of the touched destinations, and their
    // distinct process and host counts over all their events.
    Statement previous(m_db,
                       "SELECT connections, first_ns, last_ns, ports FROM dest_stats "
                       "WHERE dest_id = ?");
    // Distinct processes and hosts across imports: one pass over the events of
    // the destinations this import touched (no per-destination index).
    std::unordered_map<std::int64_t, std::pair<std::int64_t, std::int64_t>> recounted;
    if (!m_freshCase) {
        if (!m_db.exec("CREATE TEMP TABLE IF NOT EXISTS ea_touched(id INTEGER PRIMARY KEY);"
                       "DELETE FROM temp.ea_touched;"))
            return failDb("merging statistics");
        Statement touched(m_db, "INSERT INTO temp.ea_touched(id) VALUES (?)");
        for (std::size_t id = 0; id < destinations.size(); ++id) {
            if (destinations[id].connections == 0)
                continue;
            touched.bindInt64(1, std::int64_t(id));
            if (!touched.run())
                return fail(touched, "merging statistics");
        }
        Statement counts(m_db,
                         "SELECT dest_id, count(DISTINCT process_id), "
                         "count(DISTINCT host_id) FROM events WHERE dest_id IN "
                         "(SELECT id FROM temp.ea_touched) GROUP BY dest_id");
        Statement::Step step;
        while ((step = counts.step()) == Statement::Step::Row)
            recounted[counts.columnInt64(0)] = {counts.columnInt64(1), counts.columnInt64(2)};
        if (step == Statement::Step::Error)
            return fail(counts, "merging statistics");
    }
    MultiRowInsert write(m_db,
                         "INSERT OR REPLACE INTO dest_stats(dest_id, connections, processes, "
                         "hosts, first_ns, last_ns, ports)",
                         7);
    if (!previous.isValid())
        return fail(previous, "preparing statistics");
    if (!write.isValid())
        return failDb("preparing statistics");
    struct StatsRow
    {
        std::int64_t id, connections, processes, hosts, firstNs, lastNs;
        bool hasTime;
        std::string ports;
    };
    // Written in chunks: a row per destination of a large import would
    // otherwise add to the import's peak memory.
    std::vector<StatsRow> rows;
    auto flushRows = [&] {
        const bool ok = write.insert(rows.size(), [&](Statement &s, int base, std::size_t k) {
            const StatsRow &row = rows[k];
            s.bindInt64(base + 1, row.id);
            s.bindInt64(base + 2, row.connections);
            s.bindInt64(base + 3, row.processes);
            s.bindInt64(base + 4, row.hosts);
            if (row.hasTime) {
                s.bindInt64(base + 5, row.firstNs);
                s.bindInt64(base + 6, row.lastNs);
            } else {
                s.bindNull(base + 5);
                s.bindNull(base + 6);
            }
            s.bindTextStatic(base + 7, row.ports);
        });
        rows.clear();
        return ok || fail(write.failed(), "writing statistics");
    };

    for (std::size_t id = 0; id < destinations.size(); ++id) {
        DestAgg agg = destinations[id];
        if (agg.connections == 0)
            continue;
        std::int64_t processCount = agg.processes;
        std::int64_t hostCount = agg.hosts;

        if (!m_freshCase) {
            previous.bindInt64(1, std::int64_t(id));
            const Statement::Step step = previous.step();
            if (step == Statement::Step::Error)
                return fail(previous, "merging statistics");
            if (step == Statement::Step::Row) {
                if (!addChecked(agg.connections, previous.columnInt64(0)))
                    return damaged("a destination's connection count is out of range");
                if (!previous.columnIsNull(1))
                    agg.addTime(previous.columnInt64(1));
                if (!previous.columnIsNull(2))
                    agg.addTime(previous.columnInt64(2));
                agg.addPortsText(previous.columnText(3));
            }
            previous.reset();
            const auto found = recounted.find(std::int64_t(id));
            if (found != recounted.end()) {
                processCount = found->second.first;
                hostCount = found->second.second;
            }
        }

        StatsRow &row = rows.emplace_back();
        row.id = std::int64_t(id);
        row.connections = agg.connections;
        row.processes = processCount;
        row.hosts = hostCount;
        row.hasTime = agg.hasTime;
        row.firstNs = agg.firstNs;
        row.lastNs = agg.lastNs;
        row.ports = agg.portsText();
        if (rows.size() == kChunkRows && !flushRows())
            return false;
    }
    if (!flushRows())
        return false;
    return true;
}

bool CaseWriter::mergeEventIds(const ChunkedVector<ByteList> &lists,
                               const ChunkedVector<DestAgg> &destinations)
{
    Statement previous(m_db, "SELECT events, ids FROM dest_events WHERE dest_id = ?");
    MultiRowInsert write(m_db, "INSERT OR REPLACE INTO dest_events(dest_id, events, last_id, ids)",
                         4);
    if (!previous.isValid())
        return fail(previous, "preparing event lists");
    if (!write.isValid())
        return failDb("preparing event lists");
    struct ListRow
    {
        std::int64_t id;
        std::int64_t events;
        std::int64_t lastId;
        std::string_view bytes; // the import's list
        std::string merged; // if not empty: the stored list followed by `bytes`
    };
    // Written in chunks, so that only a few thousand merged lists are ever
    // held at once (a new list is bound where it is, not copied).
    std::vector<ListRow> rows;
    auto flushRows = [&] {
        const bool ok = write.insert(rows.size(), [&](Statement &s, int base, std::size_t k) {
            const ListRow &row = rows[k];
            const std::string_view bytes = row.merged.empty() ? row.bytes : row.merged;
            s.bindInt64(base + 1, row.id);
            s.bindInt64(base + 2, row.events);
            s.bindInt64(base + 3, row.lastId);
            s.bindBlobStatic(base + 4,
                             {reinterpret_cast<const std::uint8_t *>(bytes.data()), bytes.size()});
        });
        rows.clear();
        return ok || fail(write.failed(), "writing event lists");
    };
    for (std::size_t id = 0; id < lists.size() && id < destinations.size(); ++id) {
        if (lists[id].empty())
            continue;
        ListRow &row = rows.emplace_back();
        row.id = std::int64_t(id);
        row.events = destinations[id].connections;
        row.lastId = destinations[id].lastEvent;
        row.bytes = lists[id].view();
        if (!m_freshCase) {
            // The new gaps continue the stored list (stage 1 started from its
            // last id), so appending the bytes extends it.
            previous.bindInt64(1, std::int64_t(id));
            const Statement::Step step = previous.step();
            if (step == Statement::Step::Error)
                return fail(previous, "merging event lists");
            if (step == Statement::Step::Row) {
                if (!addChecked(row.events, previous.columnInt64(0)))
                    return damaged("a destination's event count is out of range");
                const auto old = previous.columnBlob(1);
                row.merged.reserve(old.size() + row.bytes.size());
                row.merged.assign(reinterpret_cast<const char *>(old.data()), old.size());
                row.merged += row.bytes;
            }
            previous.reset();
        }
        if (rows.size() == kChunkRows && !flushRows())
            return false;
    }
    return flushRows();
}

bool CaseWriter::mergeActorStats(const std::vector<ActorAgg> &processes,
                                 const std::vector<ActorAgg> &hosts)
{
    struct Table
    {
        const std::vector<ActorAgg> &aggs;
        const char *insert;
        const char *recount;
    };
    const Table tables[] = {
        {processes,
         "INSERT OR REPLACE INTO process_stats(process_id, connections, destinations, "
         "external_destinations, first_ns, last_ns) VALUES (?, ?, ?, ?, ?, ?)",
         "INSERT OR REPLACE INTO process_stats(process_id, connections, destinations, "
         "external_destinations, first_ns, last_ns) "
         "SELECT e.process_id, count(*), count(DISTINCT e.dest_id), "
         "count(DISTINCT CASE WHEN d.category IN ('global', 'teredo', '6to4') THEN e.dest_id END), "
         "min(e.ts_ns), max(e.ts_ns) FROM events AS e JOIN destinations AS d ON d.id = e.dest_id "
         "WHERE e.process_id IN (SELECT id FROM temp.ea_touched) GROUP BY e.process_id"},
        {hosts,
         "INSERT OR REPLACE INTO host_stats(host_id, connections, destinations, "
         "external_destinations, first_ns, last_ns) VALUES (?, ?, ?, ?, ?, ?)",
         "INSERT OR REPLACE INTO host_stats(host_id, connections, destinations, "
         "external_destinations, first_ns, last_ns) "
         "SELECT e.host_id, count(*), count(DISTINCT e.dest_id), "
         "count(DISTINCT CASE WHEN d.category IN ('global', 'teredo', '6to4') THEN e.dest_id END), "
         "min(e.ts_ns), max(e.ts_ns) FROM events AS e JOIN destinations AS d ON d.id = e.dest_id "
         "WHERE e.host_id IN (SELECT id FROM temp.ea_touched) GROUP BY e.host_id"},
    };
    for (const Table &t : tables) {
        if (m_freshCase) {
            // The in-memory aggregates are the whole truth.
            Statement insert(m_db, t.insert);
            if (!insert.isValid())
                return fail(insert, "writing statistics");
            for (std::size_t id = 0; id < t.aggs.size(); ++id) {
                const ActorAgg &a = t.aggs[id];
                if (a.connections == 0)
                    continue;
                insert.bindInt64(1, std::int64_t(id));
                insert.bindInt64(2, a.connections);
                insert.bindInt64(3, a.destinations);
                insert.bindInt64(4, a.externalDestinations);
                if (a.hasTime) {
                    insert.bindInt64(5, a.firstNs);
                    insert.bindInt64(6, a.lastNs);
                } else {
                    insert.bindNull(5);
                    insert.bindNull(6);
                }
                if (!insert.run())
                    return fail(insert, "writing statistics");
            }
            continue;
        }
        // Distinct counts across imports need the events: recount the
        // processes or hosts this import touched, in one pass.
        if (!m_db.exec("CREATE TEMP TABLE IF NOT EXISTS ea_touched(id INTEGER PRIMARY KEY);"
                       "DELETE FROM temp.ea_touched;"))
            return failDb("writing statistics");
        Statement touched(m_db, "INSERT INTO temp.ea_touched(id) VALUES (?)");
        if (!touched.isValid())
            return fail(touched, "writing statistics");
        for (std::size_t id = 0; id < t.aggs.size(); ++id) {
            if (t.aggs[id].connections == 0)
                continue;
            touched.bindInt64(1, std::int64_t(id));
            if (!touched.run())
                return fail(touched, "writing statistics");
        }
        if (!m_db.exec(t.recount))
            return failDb("writing statistics");
    }
    return m_db.exec("DROP TABLE IF EXISTS temp.ea_touched;") || failDb("writing statistics");
}

bool CaseWriter::finishSource(const std::string &format, const std::string &kind,
                              const std::string &mappingJson, std::int64_t read,
                              std::int64_t loaded, std::int64_t rejected, std::int64_t skipped,
                              std::int64_t timesUnset)
{
    Statement update(m_db,
                     "UPDATE sources SET format = ?, kind = ?, mapping_json = ?, "
                     "rows_read = ?, rows_loaded = ?, rows_rejected = ?, rows_skipped = ?, "
                     "times_unset = ? WHERE id = ?");
    update.bindText(1, format);
    update.bindText(2, kind);
    update.bindText(3, mappingJson);
    update.bindInt64(4, read);
    update.bindInt64(5, loaded);
    update.bindInt64(6, rejected);
    update.bindInt64(7, skipped);
    update.bindInt64(8, timesUnset);
    update.bindInt64(9, m_sourceId);
    return update.run() || fail(update, "recording the source");
}

} // namespace ea
