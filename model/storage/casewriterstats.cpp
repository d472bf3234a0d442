#include "storage/casewriter.h"

#include "storage/busydestinations.h"
#include "storage/casewriterchecks.h"
#include "storage/multirowinsert.h"

#include "address/addresstext.h"
#include "address/classifier.h"
#include "core/containers/bytelist.h"
#include "storage/aggregates.h"
#include "storage/eventidlist.h"
#include "storage/existingids.h"

#include <algorithm>
#include <limits>

namespace ea {

using namespace casewriter;

bool CaseWriter::mergeAggregates(const ChunkedVector<DestAgg> &destinations,
                                 const ChunkedVector<ByteSums> &bytes)
{
    // Earlier imports' statistics of the touched destinations, and their
    // distinct process and host counts over all their events.
    Statement previous(m_db,
                       "SELECT connections, first_ns, last_ns, ports, bytes_out, bytes_in, "
                       "directions FROM dest_stats WHERE dest_id = ?");
    // Distinct processes and hosts across imports: one pass over the events of
    // the destinations this import touched (no per-destination index).
    std::unordered_map<std::int64_t, std::pair<std::int64_t, std::int64_t>> recounted;
    if (!m_freshCase) {
        if (!m_db.exec("CREATE TEMP TABLE IF NOT EXISTS ea_touched(id INTEGER PRIMARY KEY);"
                       "DELETE FROM temp.ea_touched;"))
            return failDb(QT_TR_NOOP("merging statistics: %1"));
        Statement touched(m_db, "INSERT INTO temp.ea_touched(id) VALUES (?)");
        for (std::size_t id = 0; id < destinations.size(); ++id) {
            if (destinations[id].connections == 0)
                continue;
            touched.bindInt64(1, std::int64_t(id));
            if (!touched.run())
                return fail(touched, QT_TR_NOOP("merging statistics: %1"));
        }
        Statement counts(m_db,
                         "SELECT dest_id, count(DISTINCT process_id), "
                         "count(DISTINCT host_id) FROM events WHERE dest_id IN "
                         "(SELECT id FROM temp.ea_touched) GROUP BY dest_id");
        Statement::Step step;
        while ((step = counts.step()) == Statement::Step::Row)
            recounted[counts.columnInt64(0)] = {counts.columnInt64(1), counts.columnInt64(2)};
        if (step == Statement::Step::Error)
            return fail(counts, QT_TR_NOOP("merging statistics: %1"));
    }
    MultiRowInsert write(m_db,
                         "INSERT OR REPLACE INTO dest_stats(dest_id, connections, processes, "
                         "hosts, first_ns, last_ns, ports, bytes_out, bytes_in, directions)",
                         10);
    if (!previous.isValid())
        return fail(previous, QT_TR_NOOP("preparing statistics: %1"));
    if (!write.isValid())
        return failDb(QT_TR_NOOP("preparing statistics: %1"));
    struct StatsRow
    {
        std::int64_t id, connections, processes, hosts, firstNs, lastNs;
        bool hasTime;
        std::string ports;
        ByteSums bytes;
        std::uint8_t directions;
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
            const auto bindCount = [&](int column, std::int64_t n) {
                if (n >= 0)
                    s.bindInt64(base + column, n);
                else
                    s.bindNull(base + column);
            };
            bindCount(8, row.bytes.out);
            bindCount(9, row.bytes.in);
            s.bindInt64(base + 10, row.directions);
        });
        rows.clear();
        return ok || fail(write.failed(), QT_TR_NOOP("writing statistics: %1"));
    };

    for (std::size_t id = 0; id < destinations.size(); ++id) {
        DestAgg agg = destinations[id];
        if (agg.connections == 0)
            continue;
        std::int64_t processCount = agg.processes;
        std::int64_t hostCount = agg.hosts;
        ByteSums sums = id < bytes.size() ? bytes[id] : ByteSums {};
        std::uint8_t directions = agg.directions;

        if (!m_freshCase) {
            previous.bindInt64(1, std::int64_t(id));
            const Statement::Step step = previous.step();
            if (step == Statement::Step::Error)
                return fail(previous, QT_TR_NOOP("merging statistics: %1"));
            if (step == Statement::Step::Row) {
                if (!addChecked(agg.connections, previous.columnInt64(0)))
                    return damaged(QT_TR_NOOP(
                        "the case is damaged: a destination's connection count is out of range"));
                if (!previous.columnIsNull(1))
                    agg.addTime(previous.columnInt64(1));
                if (!previous.columnIsNull(2))
                    agg.addTime(previous.columnInt64(2));
                agg.addPortsText(previous.columnText(3));
                // Counts a case holds are checked as any file's: a negative
                // one is none.
                sums.add(previous.columnOptionalInt64(4).value_or(-1),
                         previous.columnOptionalInt64(5).value_or(-1));
                directions |= std::uint8_t(previous.columnInt64(6) & (kSawOutbound | kSawInbound));
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
        row.bytes = sums;
        row.directions = directions;
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
        return fail(previous, QT_TR_NOOP("preparing event lists: %1"));
    if (!write.isValid())
        return failDb(QT_TR_NOOP("preparing event lists: %1"));
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
        return ok || fail(write.failed(), QT_TR_NOOP("writing event lists: %1"));
    };
    for (std::size_t id = 0; id < lists.size() && id < destinations.size(); ++id) {
        if (lists[id].empty())
            continue;
        ListRow &row = rows.emplace_back();
        row.id = std::int64_t(id);
        // Its events, not its connections: an aggregated event (format 8)
        // stands for several.
        row.events = EventIdList::count(lists[id].view());
        row.lastId = destinations[id].lastEvent;
        row.bytes = lists[id].view();
        if (!m_freshCase) {
            // The new gaps continue the stored list (stage 1 started from its
            // last id), so appending the bytes extends it.
            previous.bindInt64(1, std::int64_t(id));
            const Statement::Step step = previous.step();
            if (step == Statement::Step::Error)
                return fail(previous, QT_TR_NOOP("merging event lists: %1"));
            if (step == Statement::Step::Row) {
                if (!addChecked(row.events, previous.columnInt64(0)))
                    return damaged(QT_TR_NOOP(
                        "the case is damaged: a destination's event count is out of range"));
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

// The byte sums of a group of events as the import's ByteSums has them:
// NULL when no event names a count, saturated instead of overflowing (sum()
// would fail the statement; total() is a double, exact to 2^53 bytes).
#define EA_BYTE_SUMS                                                                               \
    "CASE WHEN count(e.bytes_out) > 0 THEN CAST(min(total(e.bytes_out), "                          \
    "9223372036854775807.0) AS INTEGER) END, "                                                     \
    "CASE WHEN count(e.bytes_in) > 0 THEN CAST(min(total(e.bytes_in), "                            \
    "9223372036854775807.0) AS INTEGER) END"

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
         "external_destinations, first_ns, last_ns, bytes_out, bytes_in) "
         "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
         "INSERT OR REPLACE INTO process_stats(process_id, connections, destinations, "
         "external_destinations, first_ns, last_ns, bytes_out, bytes_in) "
         "SELECT e.process_id, sum(ifnull(e.weight, 1)), count(DISTINCT e.dest_id), "
         "count(DISTINCT CASE WHEN d.category IN ('global', 'teredo', '6to4') THEN e.dest_id END), "
         "min(e.ts_ns), max(ifnull(e.last_ts_ns, e.ts_ns)), " EA_BYTE_SUMS
         " FROM events AS e JOIN destinations AS d ON d.id = e.dest_id "
         "WHERE e.process_id IN (SELECT id FROM temp.ea_touched) GROUP BY e.process_id"},
        {hosts,
         "INSERT OR REPLACE INTO host_stats(host_id, connections, destinations, "
         "external_destinations, first_ns, last_ns, bytes_out, bytes_in) "
         "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
         "INSERT OR REPLACE INTO host_stats(host_id, connections, destinations, "
         "external_destinations, first_ns, last_ns, bytes_out, bytes_in) "
         "SELECT e.host_id, sum(ifnull(e.weight, 1)), count(DISTINCT e.dest_id), "
         "count(DISTINCT CASE WHEN d.category IN ('global', 'teredo', '6to4') THEN e.dest_id END), "
         "min(e.ts_ns), max(ifnull(e.last_ts_ns, e.ts_ns)), " EA_BYTE_SUMS
         " FROM events AS e JOIN destinations AS d ON d.id = e.dest_id "
         "WHERE e.host_id IN (SELECT id FROM temp.ea_touched) GROUP BY e.host_id"},
    };
    for (const Table &t : tables) {
        if (m_freshCase) {
            // The in-memory aggregates are the whole truth.
            Statement insert(m_db, t.insert);
            if (!insert.isValid())
                return fail(insert, QT_TR_NOOP("writing statistics: %1"));
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
                if (a.bytes.out >= 0)
                    insert.bindInt64(7, a.bytes.out);
                else
                    insert.bindNull(7);
                if (a.bytes.in >= 0)
                    insert.bindInt64(8, a.bytes.in);
                else
                    insert.bindNull(8);
                if (!insert.run())
                    return fail(insert, QT_TR_NOOP("writing statistics: %1"));
            }
            continue;
        }
        // Distinct counts across imports need the events: recount the
        // processes or hosts this import touched, in one pass.
        if (!m_db.exec("CREATE TEMP TABLE IF NOT EXISTS ea_touched(id INTEGER PRIMARY KEY);"
                       "DELETE FROM temp.ea_touched;"))
            return failDb(QT_TR_NOOP("writing statistics: %1"));
        Statement touched(m_db, "INSERT INTO temp.ea_touched(id) VALUES (?)");
        if (!touched.isValid())
            return fail(touched, QT_TR_NOOP("writing statistics: %1"));
        for (std::size_t id = 0; id < t.aggs.size(); ++id) {
            if (t.aggs[id].connections == 0)
                continue;
            touched.bindInt64(1, std::int64_t(id));
            if (!touched.run())
                return fail(touched, QT_TR_NOOP("writing statistics: %1"));
        }
        if (!m_db.exec(t.recount))
            return failDb(QT_TR_NOOP("writing statistics: %1"));
    }
    return m_db.exec("DROP TABLE IF EXISTS temp.ea_touched;")
        || failDb(QT_TR_NOOP("writing statistics: %1"));
}

bool CaseWriter::updateBusyDestinations()
{
    if (Error error = BusyDestinations::update(m_db, m_eventsBefore)) {
        m_error = std::move(error);
        return false;
    }
    return true;
}

} // namespace ea
