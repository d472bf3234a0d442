#include "storage/destprocesses.h"

#include "storage/casewriterchecks.h"
#include "storage/eventidlist.h"
#include "storage/sqlite.h"

#include <algorithm>
#include <array>
#include <bit>
#include <limits>
#include <optional>

namespace ea {

namespace {

constexpr std::int64_t kMaxId = std::numeric_limits<std::int32_t>::max();

void putVarint(std::string &out, std::uint64_t value)
{
    while (value >= 0x80) {
        out += char(std::uint8_t(value) | 0x80);
        value >>= 7;
    }
    out += char(std::uint8_t(value));
}

class VarintReader
{
public:
    explicit VarintReader(std::span<const std::uint8_t> bytes)
        : m_bytes(bytes)
    { }
    [[nodiscard]] bool atEnd() const noexcept { return m_at == m_bytes.size(); }
    [[nodiscard]] bool read(std::uint64_t &value) noexcept
    {
        value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (m_at == m_bytes.size())
                return false;
            const std::uint8_t byte = m_bytes[m_at++];
            if (shift == 63 && byte > 1)
                return false; // more than 64 bits
            value |= std::uint64_t(byte & 0x7f) << shift;
            if (!(byte & 0x80))
                return true;
        }
        return false;
    }

private:
    std::span<const std::uint8_t> m_bytes;
    std::size_t m_at = 0;
};

std::uint64_t zigzag(std::int64_t v)
{
    return (std::uint64_t(v) << 1) ^ std::uint64_t(v >> 63);
}

std::int64_t unzigzag(std::uint64_t v)
{
    return std::int64_t(v >> 1) ^ -std::int64_t(v & 1);
}

// Folds DestAgg `from`'s connections, times and ports into `into`.
bool mergeAgg(DestAgg &into, const DestAgg &from)
{
    if (!casewriter::addChecked(into.connections, from.connections))
        return false;
    if (from.hasTime) {
        into.addTime(from.firstNs);
        into.addTime(from.lastNs);
    }
    for (std::size_t k = 0; k < from.portCount; ++k)
        into.addPort(from.ports[k]);
    into.morePorts = into.morePorts || from.morePorts;
    return true;
}

// One destination's (process, host) pairs while the events are read: open
// addressing over (key, index) buckets and the aggregates in a dense vector.
// std::unordered_map spent 40 % of this pass chasing its nodes.
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
                m_values.emplace_back(key, DestAgg {});
                return b.index;
            }
        }
    }
    [[nodiscard]] DestAgg &value(std::uint32_t index) { return m_values[index].second; }
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
    [[nodiscard]] std::vector<std::pair<std::uint64_t, DestAgg>> takeSorted()
    {
        std::vector<std::pair<std::uint64_t, DestAgg>> out = std::move(m_values);
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
    std::vector<std::pair<std::uint64_t, DestAgg>> m_values;
    int m_shift = 64;
};

std::uint64_t pairKey(std::int64_t process, std::int64_t host)
{
    return std::uint64_t(process) << 32 | std::uint64_t(host);
}

// An event's (process, host, time, port), read from a statement.
struct EventPair
{
    std::uint32_t dest = 0; // index into update()'s destinations
    std::uint32_t index = 0; // of its aggregate in that destination's PairMap
    std::uint64_t key = 0;
    std::optional<std::int64_t> ts;
    std::optional<std::int64_t> port;
};

// Reads columns first … first + 3 (process, host, time, port); false when
// the ids are none an import writes.
bool readEvent(const Statement &s, int first, EventPair &e)
{
    const std::int64_t process = s.columnInt64(first);
    const std::int64_t host = s.columnInt64(first + 1);
    if (process < 0 || process > kMaxId || host < 0 || host > kMaxId)
        return false;
    e.key = pairKey(process, host);
    e.ts = s.columnOptionalInt64(first + 2);
    e.port = s.columnOptionalInt64(first + 3);
    return true;
}

void fold(DestAgg &agg, const EventPair &e)
{
    ++agg.connections;
    if (e.ts)
        agg.addTime(*e.ts);
    if (e.port && *e.port >= 0 && *e.port <= 0xffff)
        agg.addPort(std::uint16_t(*e.port));
}

Error dbError(SqliteDb &db)
{
    return Error(DestProcesses::tr("Cannot update the processes of destinations: %1")
                     .arg(QString::fromStdString(db.lastError())),
                 Error::Code::Database);
}

Error statementError(const Statement &s)
{
    return Error(DestProcesses::tr("Cannot update the processes of destinations: %1")
                     .arg(QString::fromStdString(s.errorMessage())),
                 Error::Code::Database);
}

} // namespace

std::string DestProcesses::encode(const std::vector<Entry> &entries)
{
    std::string out;
    out.reserve(entries.size() * 12);
    std::int64_t previousProcess = 0;
    for (const Entry &e : entries) {
        putVarint(out, std::uint64_t(e.processId - previousProcess));
        previousProcess = e.processId;
        putVarint(out, std::uint64_t(e.hostId));
        putVarint(out, std::uint64_t(e.agg.connections));
        putVarint(out,
                  std::uint64_t(e.agg.portCount) << 2 | std::uint64_t(e.agg.morePorts) << 1
                      | std::uint64_t(e.agg.hasTime));
        if (e.agg.hasTime) {
            putVarint(out, zigzag(e.agg.firstNs));
            putVarint(out, std::uint64_t(e.agg.lastNs) - std::uint64_t(e.agg.firstNs));
        }
        std::uint16_t previousPort = 0;
        for (std::size_t k = 0; k < e.agg.portCount; ++k) {
            putVarint(out, std::uint64_t(e.agg.ports[k] - previousPort));
            previousPort = e.agg.ports[k];
        }
    }
    return out;
}

bool DestProcesses::decode(std::span<const std::uint8_t> bytes, std::int64_t connections,
                           std::vector<Entry> &entries)
{
    VarintReader in(bytes);
    std::int64_t total = 0;
    std::int64_t process = 0;
    while (!in.atEnd()) {
        std::uint64_t gap = 0, host = 0, count = 0, header = 0;
        if (!in.read(gap) || !in.read(host) || !in.read(count) || !in.read(header))
            return false;
        if (gap > std::uint64_t(kMaxId - process) || host > std::uint64_t(kMaxId))
            return false;
        process += std::int64_t(gap);
        // Pairs strictly ascending by (process, host).
        if (!entries.empty() && gap == 0 && std::int64_t(host) <= entries.back().hostId)
            return false;
        if (count < 1 || count > std::uint64_t(std::numeric_limits<std::int64_t>::max())
            || !casewriter::addChecked(total, std::int64_t(count)))
            return false;
        Entry &e = entries.emplace_back();
        e.processId = process;
        e.hostId = std::int64_t(host);
        e.agg.connections = std::int64_t(count);
        const std::uint64_t portCount = header >> 2;
        if (portCount > DestAgg::kMaxPorts)
            return false;
        e.agg.portCount = std::uint8_t(portCount);
        e.agg.morePorts = (header & 2) != 0;
        if (e.agg.morePorts && portCount != DestAgg::kMaxPorts)
            return false;
        if (header & 1) {
            std::uint64_t first = 0, span = 0;
            if (!in.read(first) || !in.read(span))
                return false;
            e.agg.hasTime = true;
            e.agg.firstNs = unzigzag(first);
            if (span > std::uint64_t(std::numeric_limits<std::int64_t>::max())
                || __builtin_add_overflow(e.agg.firstNs, std::int64_t(span), &e.agg.lastNs))
                return false;
        }
        std::uint64_t port = 0;
        for (std::size_t k = 0; k < portCount; ++k) {
            std::uint64_t step = 0;
            if (!in.read(step) || (k > 0 && step == 0) || step > 0xffff - port)
                return false;
            port += step;
            e.agg.ports[k] = std::uint16_t(port);
        }
    }
    return total == connections;
}

Error DestProcesses::damaged(std::int64_t destinationId)
{
    return Error(tr("Cannot read the case: the process statistics of destination %1 are damaged")
                     .arg(destinationId),
                 Error::Code::NotACase);
}

Error DestProcesses::update(SqliteDb &db, std::int64_t afterEvent)
{
    // Destinations that have a row now (by dest_stats), and their totals.
    std::vector<std::int32_t> slot; // by destination id: index into `dests`, or -1
    struct Dest
    {
        std::int64_t id;
        std::int64_t connections;
        PairMap pairs; // this import's events
    };
    std::vector<Dest> dests;
    {
        Statement s(db, "SELECT dest_id, connections FROM dest_stats WHERE connections >= ?1");
        s.bindInt64(1, kMinConnections);
        Statement::Step step = Statement::Step::Error;
        while (s.isValid() && (step = s.step()) == Statement::Step::Row) {
            const std::int64_t id = s.columnInt64(0);
            if (id < 1 || id > kMaxId)
                return damaged(id);
            if (std::size_t(id) >= slot.size())
                slot.resize(std::size_t(id) + 1, -1);
            slot[std::size_t(id)] = std::int32_t(dests.size());
            dests.push_back({id, s.columnInt64(1), {}});
        }
        if (step != Statement::Step::Done)
            return statementError(s);
    }
    if (dests.empty())
        return {};

    // This import's events, in one pass by rowid.
    {
        Statement s(db,
                    "SELECT dest_id, ifnull(process_id, 0), ifnull(host_id, 0), ts_ns, dst_port "
                    "FROM events WHERE id > ?1");
        s.bindInt64(1, afterEvent);
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
        Statement::Step step = Statement::Step::Error;
        while (s.isValid() && (step = s.step()) == Statement::Step::Row) {
            const std::int64_t dest = s.columnInt64(0);
            if (dest < 0 || std::uint64_t(dest) >= slot.size() || slot[std::size_t(dest)] < 0)
                continue;
            EventPair &e = batch[pending];
            e.dest = std::uint32_t(slot[std::size_t(dest)]);
            if (!readEvent(s, 1, e))
                return damaged(dest);
            if (++pending == batch.size())
                foldBatch();
        }
        if (step != Statement::Step::Done)
            return statementError(s);
        foldBatch();
    }
    slot = {};

    Statement stored(db, "SELECT connections, entries FROM dest_processes WHERE dest_id = ?1");
    Statement idList(db, "SELECT ids FROM dest_events WHERE dest_id = ?1");
    Statement event(db,
                    "SELECT ifnull(process_id, 0), ifnull(host_id, 0), ts_ns, dst_port "
                    "FROM events WHERE id = ?1 AND dest_id = ?2");
    Statement write(db,
                    "INSERT OR REPLACE INTO dest_processes(dest_id, connections, entries) "
                    "VALUES (?1, ?2, ?3)");
    if (!stored.isValid() || !idList.isValid() || !event.isValid() || !write.isValid())
        return dbError(db);
    std::vector<Entry> entries;
    std::vector<std::int64_t> ids;
    for (Dest &d : dests) {
        if (d.pairs.empty())
            continue; // not touched by this import
        entries.clear();
        stored.bindInt64(1, d.id);
        const Statement::Step step = stored.step();
        if (step == Statement::Step::Error)
            return statementError(stored);
        if (step == Statement::Step::Row) {
            // The row covers every earlier event: merge into it.
            if (!decode(stored.columnBlob(1), stored.columnInt64(0), entries))
                return damaged(d.id);
        } else {
            // The destination reaches kMinConnections only now: fold its
            // earlier events too (fewer than kMinConnections, unless the case
            // was written without this table's rows).
            ids.clear();
            idList.bindInt64(1, d.id);
            const Statement::Step listStep = idList.step();
            if (listStep == Statement::Step::Error)
                return statementError(idList);
            if (listStep == Statement::Step::Row && !EventIdList::decode(idList.columnBlob(0), ids))
                return damaged(d.id);
            idList.reset();
            for (const std::int64_t id : ids) {
                if (id > afterEvent)
                    break;
                event.bindInt64(1, id);
                event.bindInt64(2, d.id);
                const Statement::Step eventStep = event.step();
                if (eventStep == Statement::Step::Error)
                    return statementError(event);
                EventPair e;
                if (eventStep != Statement::Step::Row || !readEvent(event, 0, e))
                    return damaged(d.id);
                fold(d.pairs.value(d.pairs.indexOf(e.key)), e);
                event.reset();
            }
        }
        stored.reset();

        // Merge the sorted stored entries with this import's pairs.
        const std::vector<std::pair<std::uint64_t, DestAgg>> added = d.pairs.takeSorted();
        std::vector<Entry> merged;
        merged.reserve(entries.size() + added.size());
        auto old = entries.begin();
        for (const auto &[key, agg] : added) {
            const std::int64_t process = std::int64_t(key >> 32);
            const std::int64_t host = std::int64_t(key & 0xffffffffU);
            while (old != entries.end()
                   && std::pair(old->processId, old->hostId) < std::pair(process, host))
                merged.push_back(*old++);
            if (old != entries.end() && old->processId == process && old->hostId == host) {
                Entry e = *old++;
                if (!mergeAgg(e.agg, agg))
                    return damaged(d.id);
                merged.push_back(e);
            } else {
                merged.push_back({process, host, agg});
            }
        }
        merged.insert(merged.end(), old, entries.end());
        std::int64_t total = 0;
        for (const Entry &e : merged) {
            if (!casewriter::addChecked(total, e.agg.connections))
                return damaged(d.id);
        }
        // Every event of the destination is in the row, or the case does
        // not add up (edited, or written by something else).
        if (total != d.connections)
            return damaged(d.id);

        const std::string bytes = encode(merged);
        write.bindInt64(1, d.id);
        write.bindInt64(2, total);
        write.bindBlobStatic(3,
                             {reinterpret_cast<const std::uint8_t *>(bytes.data()), bytes.size()});
        if (!write.run())
            return statementError(write);
    }
    return {};
}

} // namespace ea
