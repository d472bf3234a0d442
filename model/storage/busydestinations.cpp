#include "storage/busydestinations.h"

#include "storage/eventscan.h"

#include "core/containers/chunkedvector.h"
#include "storage/casequeries.h"
#include "storage/casewriterchecks.h"
#include "storage/destprocesses.h"
#include "storage/eventidlist.h"
#include "storage/eventtimeline.h"
#include "storage/sqlite.h"

#include <algorithm>
#include <array>
#include <bit>
#include <limits>
#include <optional>

namespace ea {

namespace {

constexpr std::int64_t kMaxId = std::numeric_limits<std::int32_t>::max();

// One (process, host) pair's totals within a destination.
struct PairTotals
{
    DestAgg agg;
    ByteSums bytes;
};

// One destination's (process, host) pairs while the events are read: open
// addressing over (key, index) buckets and the aggregates in a dense vector.
// Finding an event's bucket and then its aggregate are two cache misses,
// which were 40 % of this pass until they were fetched ahead (prefetch()).
class PairMap
{
public:
    // The index of `key`'s aggregate, added if new.
    std::uint32_t indexOf(std::uint64_t key)
    {
        if ((m_values.size() + 1) * 2 > m_buckets.size())
            grow();
        for (std::size_t i = slot(key);; i = (i + 1) & (m_buckets.size() - 1)) {
            Bucket &b = m_buckets[i];
            if (b.key == key)
                return b.index;
            if (b.key == kEmpty) {
                b = {key, std::uint32_t(m_values.size())};
                m_values.emplace_back(key, PairTotals {});
                return b.index;
            }
        }
    }
    [[nodiscard]] PairTotals &value(std::uint32_t index) { return m_values[index].second; }
    // Hints for a batch of events: each one's bucket, then its aggregate, is
    // fetched from memory while the others are worked on (a pass is two
    // cache misses an event otherwise).
    void prefetch(std::uint64_t key) const
    {
        if (!m_buckets.empty())
            __builtin_prefetch(&m_buckets[slot(key)]);
    }
    void prefetchValue(std::uint32_t index) const { __builtin_prefetch(&m_values[index]); }
    [[nodiscard]] bool empty() const noexcept { return m_values.empty(); }
    // The pairs, sorted by key; the map is left empty.
    [[nodiscard]] std::vector<std::pair<std::uint64_t, PairTotals>> takeSorted()
    {
        std::vector<std::pair<std::uint64_t, PairTotals>> out = std::move(m_values);
        *this = {};
        std::sort(out.begin(), out.end(),
                  [](const auto &a, const auto &b) { return a.first < b.first; });
        return out;
    }

private:
    // Keys are (process << 32 | host) with both below 2^31: never this.
    static constexpr std::uint64_t kEmpty = ~std::uint64_t(0);
    struct Bucket
    {
        std::uint64_t key = kEmpty;
        std::uint32_t index = 0;
    };
    [[nodiscard]] std::size_t slot(std::uint64_t key) const noexcept
    {
        return std::size_t((key * 0x9e3779b97f4a7c15ULL) >> m_shift);
    }
    void grow()
    {
        const std::size_t size = m_buckets.empty() ? 16 : m_buckets.size() * 2;
        m_shift = 64 - std::countr_zero(size);
        m_buckets.assign(size, Bucket {});
        for (std::size_t k = 0; k < m_values.size(); ++k) {
            std::size_t i = slot(m_values[k].first);
            while (m_buckets[i].key != kEmpty)
                i = (i + 1) & (size - 1);
            m_buckets[i] = {m_values[k].first, std::uint32_t(k)};
        }
    }

    std::vector<Bucket> m_buckets;
    std::vector<std::pair<std::uint64_t, PairTotals>> m_values;
    int m_shift = 64;
};

std::uint64_t pairKey(std::int64_t process, std::int64_t host)
{
    return std::uint64_t(process) << 32 | std::uint64_t(host);
}

// An event's (process, host, time, port, bytes).
struct EventPair
{
    std::int64_t id = 0;
    std::uint32_t dest = 0; // index into update()'s destinations
    std::uint32_t index = 0; // of its aggregate in that destination's PairMap
    std::uint64_t key = 0;
    std::optional<std::int64_t> ts;
    std::optional<std::int64_t> port;
    std::int64_t bytesOut = -1;
    std::int64_t bytesIn = -1;
    std::int64_t weight = 1; // the connections of an aggregated row
    std::optional<std::int64_t> lastTs;
};

// False when the ids are none an import writes.
bool checkedEvent(std::int64_t process, std::int64_t host, EventPair &e)
{
    if (e.id < 1 || process < 0 || process > kMaxId || host < 0 || host > kMaxId)
        return false;
    e.key = pairKey(process, host);
    return true;
}

bool readEvent(const ScannedEvent &event, EventPair &e)
{
    e.id = event.id;
    e.ts = event.tsNs;
    e.port = event.port;
    e.bytesOut = event.bytesOut;
    e.bytesIn = event.bytesIn;
    e.weight = event.weight;
    e.lastTs = event.lastTsNs;
    return checkedEvent(event.processId, event.hostId, e);
}

// A destination's events in the order read, until its turn to be written:
// in chunks, so that growing never doubles (all of them together are 16
// bytes an event of the busy destinations, 50 MB at 10M rows).
class TimelineChunks
{
public:
    void add(const EventPair &e)
    {
        if (e.ts)
            m_timed.grow(m_timed.size()) = {*e.ts, e.id};
        else
            m_untimed.grow(m_untimed.size()) = e.id;
    }
    // The events, sorted; the chunks are freed.
    [[nodiscard]] EventTimeline take()
    {
        EventTimeline timeline;
        timeline.timed.reserve(m_timed.size());
        for (std::size_t k = 0; k < m_timed.size(); ++k)
            timeline.timed.push_back(m_timed[k]);
        timeline.untimed.reserve(m_untimed.size());
        for (std::size_t k = 0; k < m_untimed.size(); ++k)
            timeline.untimed.push_back(m_untimed[k]);
        m_timed.clear();
        m_untimed.clear();
        timeline.sort();
        return timeline;
    }

private:
    ChunkedVector<std::pair<std::int64_t, std::int64_t>> m_timed;
    ChunkedVector<std::int64_t> m_untimed;
};

void fold(PairTotals &totals, const EventPair &e)
{
    DestAgg &agg = totals.agg;
    agg.connections += e.weight;
    if (e.ts)
        agg.addTime(*e.ts);
    if (e.lastTs)
        agg.addTime(*e.lastTs);
    if (e.port && *e.port >= 0 && *e.port <= 0xffff)
        agg.addPort(std::uint16_t(*e.port));
    totals.bytes.add(e.bytesOut, e.bytesIn);
}

std::span<const std::uint8_t> asBlob(const std::string &bytes)
{
    return {reinterpret_cast<const std::uint8_t *>(bytes.data()), bytes.size()};
}

// The stored entries (sorted) with this import's pairs (sorted by key) folded
// in; false when a sum would overflow.
bool mergePairs(const std::vector<DestProcesses::Entry> &entries,
                const std::vector<std::pair<std::uint64_t, PairTotals>> &added,
                std::vector<DestProcesses::Entry> &merged)
{
    merged.reserve(entries.size() + added.size());
    auto old = entries.begin();
    for (const auto &[key, totals] : added) {
        const std::int64_t process = std::int64_t(key >> 32);
        const std::int64_t host = std::int64_t(key & 0xffffffffU);
        while (old != entries.end()
               && std::pair(old->processId, old->hostId) < std::pair(process, host))
            merged.push_back(*old++);
        if (old != entries.end() && old->processId == process && old->hostId == host) {
            DestProcesses::Entry e = *old++;
            if (!DestProcesses::merge(e.agg, totals.agg))
                return false;
            e.bytes.add(totals.bytes.out, totals.bytes.in);
            merged.push_back(e);
        } else {
            merged.push_back({process, host, totals.agg, totals.bytes});
        }
    }
    merged.insert(merged.end(), old, entries.end());
    return true;
}

Error dbError(SqliteDb &db)
{
    return Error(BusyDestinations::tr("Cannot update the busy destinations: %1")
                     .arg(QString::fromStdString(db.lastError())),
                 Error::Code::Database);
}

Error statementError(const Statement &s)
{
    return Error(BusyDestinations::tr("Cannot update the busy destinations: %1")
                     .arg(QString::fromStdString(s.errorMessage())),
                 Error::Code::Database);
}

} // namespace

Error BusyDestinations::update(SqliteDb &db, std::int64_t afterEvent)
{
    // Destinations that have a row now (by dest_stats), and their totals.
    std::vector<std::int32_t> slot; // by destination id: index into `dests`, or -1
    struct Dest
    {
        std::int64_t id;
        std::int64_t connections;
        PairMap pairs; // this import's events
        TimelineChunks timeline; // likewise
    };
    std::vector<Dest> dests;
    {
        // Destination ids are 1 … count, as imports give them out; a case
        // (untrusted) with a larger one in dest_stats would size `slot` by it.
        Statement count(db, "SELECT count(*) FROM destinations");
        if (count.step() != Statement::Step::Row)
            return statementError(count);
        const std::int64_t destinations = count.columnInt64(0);
        Statement s(db, "SELECT dest_id, connections FROM dest_stats WHERE connections >= ?1");
        s.bindInt64(1, kMinEvents);
        Statement::Step step = Statement::Step::Error;
        while (s.isValid() && (step = s.step()) == Statement::Step::Row) {
            const std::int64_t id = s.columnInt64(0);
            if (id < 1 || id > kMaxId || id > destinations)
                return DestProcesses::damaged(id);
            if (std::size_t(id) >= slot.size())
                slot.resize(std::size_t(id) + 1, -1);
            slot[std::size_t(id)] = std::int32_t(dests.size());
            dests.push_back({id, s.columnInt64(1), {}, {}});
        }
        if (step != Statement::Step::Done)
            return statementError(s);
    }
    if (dests.empty())
        return {};

    // This import's events, in one pass by rowid.
    {
        // Folded in batches, so that the memory of each batch's aggregates
        // is fetched ahead (see PairMap::prefetch()).
        std::array<EventPair, 64> batch;
        std::size_t pending = 0;
        const auto foldBatch = [&] {
            for (std::size_t k = 0; k < pending; ++k)
                dests[batch[k].dest].pairs.prefetch(batch[k].key);
            for (std::size_t k = 0; k < pending; ++k) {
                PairMap &pairs = dests[batch[k].dest].pairs;
                batch[k].index = pairs.indexOf(batch[k].key);
                pairs.prefetchValue(batch[k].index);
            }
            for (std::size_t k = 0; k < pending; ++k)
                fold(dests[batch[k].dest].pairs.value(batch[k].index), batch[k]);
            pending = 0;
        };
        std::int64_t damagedDest = 0;
        Error error = EventScan::run(
            db, afterEvent,
            [&](const ScannedEvent &event) {
                const std::int64_t dest = event.destId;
                if (dest < 0 || std::uint64_t(dest) >= slot.size() || slot[std::size_t(dest)] < 0)
                    return true;
                EventPair &e = batch[pending];
                e.dest = std::uint32_t(slot[std::size_t(dest)]);
                if (!readEvent(event, e)) {
                    damagedDest = dest;
                    return false;
                }
                dests[e.dest].timeline.add(e);
                if (++pending == batch.size())
                    foldBatch();
                return true;
            },
            ScanFields::Bytes);
        if (!error.isNull())
            return error;
        if (damagedDest != 0)
            return DestProcesses::damaged(damagedDest);
        foldBatch();
    }
    slot = {};

    Statement storedProcesses(db,
                              "SELECT connections, entries FROM dest_processes WHERE dest_id = ?1");
    Statement storedTimeline(db, "SELECT events, entries FROM dest_timeline WHERE dest_id = ?1");
    Statement idList(db, "SELECT ids FROM dest_events WHERE dest_id = ?1");
    Statement eventCount(db, "SELECT events FROM dest_events WHERE dest_id = ?1");
    Statement writeProcesses(db,
                             "INSERT OR REPLACE INTO dest_processes(dest_id, connections, entries) "
                             "VALUES (?1, ?2, ?3)");
    Statement writeTimeline(db,
                            "INSERT OR REPLACE INTO dest_timeline(dest_id, events, entries) "
                            "VALUES (?1, ?2, ?3)");
    if (!storedProcesses.isValid() || !storedTimeline.isValid() || !idList.isValid()
        || !eventCount.isValid() || !writeProcesses.isValid() || !writeTimeline.isValid())
        return dbError(db);
    std::vector<DestProcesses::Entry> entries;
    EventTimeline timeline;
    std::vector<std::int64_t> ids;
    for (Dest &d : dests) {
        if (d.pairs.empty())
            continue; // not touched by this import
        entries.clear();
        timeline = {};
        // Both rows or neither: they are written together.
        storedProcesses.bindInt64(1, d.id);
        storedTimeline.bindInt64(1, d.id);
        const Statement::Step processesStep = storedProcesses.step();
        const Statement::Step timelineStep = storedTimeline.step();
        if (processesStep == Statement::Step::Error)
            return statementError(storedProcesses);
        if (timelineStep == Statement::Step::Error)
            return statementError(storedTimeline);
        // Each fault named by the row it is in, as the drill-down names it.
        if (processesStep != timelineStep) {
            return processesStep == Statement::Step::Row ? CaseQueries::eventListDamaged(d.id)
                                                         : DestProcesses::damaged(d.id);
        }
        if (processesStep == Statement::Step::Row) {
            // The rows cover every earlier event: merge into them.
            if (!DestProcesses::decode(storedProcesses.columnBlob(1),
                                       storedProcesses.columnInt64(0), entries))
                return DestProcesses::damaged(d.id);
            if (!EventTimeline::decode(storedTimeline.columnBlob(1), timeline)
                || std::int64_t(timeline.size()) != storedTimeline.columnInt64(0))
                return CaseQueries::eventListDamaged(d.id);
        } else {
            // The destination reaches kMinEvents only now: add its earlier
            // events too (fewer than kMinEvents, unless the case was written
            // without these tables' rows).
            ids.clear();
            idList.bindInt64(1, d.id);
            const Statement::Step listStep = idList.step();
            if (listStep == Statement::Step::Error)
                return statementError(idList);
            if (listStep == Statement::Step::Row && !EventIdList::decode(idList.columnBlob(0), ids))
                return DestProcesses::damaged(d.id);
            idList.reset();
            ids.erase(std::upper_bound(ids.begin(), ids.end(), afterEvent), ids.end());
            // Each chunk read once for all of them (EventScan::forIds).
            std::size_t found = 0;
            bool damaged = false;
            const Error error = EventScan::forIds(
                db, ids,
                [&](const ScannedEvent &scanned) {
                    EventPair e;
                    if (scanned.destId != d.id || !readEvent(scanned, e)) {
                        damaged = true;
                        return false;
                    }
                    ++found;
                    fold(d.pairs.value(d.pairs.indexOf(e.key)), e);
                    d.timeline.add(e);
                    return true;
                },
                ScanFields::Bytes);
            if (!error.isNull())
                return error;
            if (damaged || found != ids.size())
                return DestProcesses::damaged(d.id);
        }
        storedProcesses.reset();
        storedTimeline.reset();

        std::vector<DestProcesses::Entry> merged;
        if (!mergePairs(entries, d.pairs.takeSorted(), merged))
            return DestProcesses::damaged(d.id);
        timeline.merge(d.timeline.take());
        std::int64_t total = 0;
        for (const DestProcesses::Entry &e : merged) {
            if (!casewriter::addChecked(total, e.agg.connections))
                return DestProcesses::damaged(d.id);
        }
        // Every connection of the destination is in the rows and every
        // event in the timeline, or the case does not add up (edited, or
        // written by something else). Events, not connections: an
        // aggregated event (format 8) stands for several.
        if (total != d.connections)
            return DestProcesses::damaged(d.id);
        eventCount.bindInt64(1, d.id);
        const Statement::Step countStep = eventCount.step();
        if (countStep == Statement::Step::Error)
            return statementError(eventCount);
        if (countStep != Statement::Step::Row
            || std::int64_t(timeline.size()) != eventCount.columnInt64(0))
            return CaseQueries::eventListDamaged(d.id);
        eventCount.reset();

        const std::string processBytes = DestProcesses::encode(merged);
        writeProcesses.bindInt64(1, d.id);
        writeProcesses.bindInt64(2, total);
        writeProcesses.bindBlobStatic(3, asBlob(processBytes));
        if (!writeProcesses.run())
            return statementError(writeProcesses);
        const std::string timelineBytes = timeline.encode();
        writeTimeline.bindInt64(1, d.id);
        writeTimeline.bindInt64(2, std::int64_t(timeline.size()));
        writeTimeline.bindBlobStatic(3, asBlob(timelineBytes));
        if (!writeTimeline.run())
            return statementError(writeTimeline);
    }
    return {};
}

} // namespace ea
