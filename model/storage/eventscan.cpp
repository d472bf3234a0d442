#include "storage/eventscan.h"

#include "storage/eventchunk.h"
#include "storage/sqlite.h"

#include <limits>

namespace ea {

namespace {

Error sqlError(const Statement &s)
{
    return Error(
        EventScan::tr("Cannot read the case: %1").arg(QString::fromStdString(s.errorMessage())),
        Error::Code::Database);
}

Error damagedChunk(std::int64_t firstId)
{
    return Error(EventScan::tr("Cannot read the case: event chunk %1 is damaged").arg(firstId),
                 Error::Code::NotACase);
}

bool hasChunks(SqliteDb &db, bool &has, Error &error)
{
    Statement s(db,
                "SELECT count(*) FROM main.sqlite_schema WHERE type = 'table' "
                "AND name = 'event_chunks'");
    if (s.step() != Statement::Step::Row) {
        error = sqlError(s);
        return false;
    }
    has = s.columnInt64(0) != 0;
    return true;
}

// dest_id, ifnull(process_id, 0), ifnull(host_id, 0), ts_ns, dst_port from
// column `first` on, of the events table of a format 1 to 3 case.
void readFields(const Statement &s, int first, ScannedEvent &e)
{
    e.destId = s.columnInt64(first);
    e.processId = s.columnInt64(first + 1);
    e.hostId = s.columnInt64(first + 2);
    e.tsNs = s.columnOptionalInt64(first + 3);
    e.port = s.columnOptionalInt64(first + 4);
}

// A case of format 1 to 3, opened without migrating.
Error scanTable(SqliteDb &db, std::int64_t afterId,
                const std::function<bool(const ScannedEvent &)> &visit)
{
    Statement s(db,
                "SELECT id, dest_id, ifnull(process_id, 0), ifnull(host_id, 0), ts_ns, dst_port "
                "FROM main.events WHERE id > ?1 ORDER BY id");
    s.bindInt64(1, afterId);
    ScannedEvent e;
    Statement::Step step;
    while ((step = s.step()) == Statement::Step::Row) {
        e.id = s.columnInt64(0);
        readFields(s, 1, e);
        if (!visit(e))
            return {};
    }
    return step == Statement::Step::Done ? Error {} : sqlError(s);
}

// The fields of a ScannedEvent, decoded as `fields` asks; false when a
// needed one is damaged.
constexpr EventField kScanned[] = {EventField::Dest,    EventField::Process, EventField::Host,
                                   EventField::Time,    EventField::Port,    EventField::BytesOut,
                                   EventField::BytesIn, EventField::Weight,  EventField::LastTime};
using ScanColumns = const EventChunkView::Column * [std::size(kScanned)];

bool wanted(EventField field, ScanFields fields)
{
    switch (fields) {
    case ScanFields::Time:
        return field == EventField::Time;
    case ScanFields::Basic:
        return field != EventField::BytesOut && field != EventField::BytesIn;
    case ScanFields::Bytes:
        return true;
    }
    return true;
}

bool decodeFields(EventChunkView &view, ScanColumns &columns, ScanFields fields)
{
    for (std::size_t f = 0; f < std::size(kScanned); ++f) {
        columns[f] = nullptr;
        if (!wanted(kScanned[f], fields))
            continue;
        if (!(columns[f] = view.column(kScanned[f])))
            return false;
    }
    return true;
}

std::optional<std::int64_t> valueAt(const EventChunkView::Column *c, std::size_t k)
{
    return c && !c->null(k) ? std::optional(c->values[k]) : std::nullopt;
}

void fill(ScannedEvent &e, const ScanColumns &columns, std::size_t k)
{
    e.destId = valueAt(columns[0], k).value_or(0);
    e.processId = valueAt(columns[1], k).value_or(0);
    e.hostId = valueAt(columns[2], k).value_or(0);
    e.tsNs = valueAt(columns[3], k);
    e.port = valueAt(columns[4], k);
    e.bytesOut = valueAt(columns[5], k).value_or(-1);
    e.bytesIn = valueAt(columns[6], k).value_or(-1);
    e.weight = valueAt(columns[7], k).value_or(1);
    e.lastTsNs = e.tsNs ? valueAt(columns[8], k) : std::nullopt;
}

} // namespace

Error EventScan::forIds(SqliteDb &db, std::span<const std::int64_t> ids,
                        const std::function<bool(const ScannedEvent &)> &visit, ScanFields fields)
{
    bool chunks = false;
    Error error;
    if (!hasChunks(db, chunks, error))
        return error;
    ScannedEvent e;
    if (!chunks) {
        Statement s(db,
                    "SELECT dest_id, ifnull(process_id, 0), ifnull(host_id, 0), ts_ns, dst_port "
                    "FROM main.events WHERE id = ?1");
        for (const std::int64_t id : ids) {
            s.bindInt64(1, id);
            const Statement::Step step = s.step();
            if (step == Statement::Step::Error)
                return sqlError(s);
            if (step == Statement::Step::Row) {
                e.id = id;
                readFields(s, 0, e);
                if (!visit(e))
                    return {};
            }
            s.reset();
        }
        return {};
    }
    Statement seek(db,
                   "SELECT first_id, count, data FROM event_chunks WHERE first_id <= ?1 "
                   "ORDER BY first_id DESC LIMIT 1");
    // The columns are decoded before the seek is reset: the view's own bytes
    // are the statement's, valid until then.
    EventChunkView view;
    ScanColumns columns = {};
    std::int64_t firstId = 0;
    std::int64_t end = 0; // past the chunk decoded; none yet
    for (const std::int64_t id : ids) {
        if (id < firstId || id >= end) {
            end = 0;
            seek.bindInt64(1, id);
            const Statement::Step step = seek.step();
            if (step == Statement::Step::Error)
                return sqlError(seek);
            if (step == Statement::Step::Done) {
                seek.reset();
                continue;
            }
            firstId = seek.columnInt64(0);
            const std::int64_t count = seek.columnInt64(1);
            if (firstId < 1 || !view.parse(seek.columnBlob(2), count)
                || firstId > std::numeric_limits<std::int64_t>::max() - count
                || !decodeFields(view, columns, fields))
                return damagedChunk(firstId);
            seek.reset();
            end = firstId + count;
            if (id >= end)
                continue;
        }
        e.id = id;
        fill(e, columns, std::size_t(id - firstId));
        if (!visit(e))
            return {};
    }
    return {};
}

Error EventScan::run(SqliteDb &db, std::int64_t afterId,
                     const std::function<bool(const ScannedEvent &)> &visit, ScanFields fields)
{
    bool chunks = false;
    Error error;
    if (!hasChunks(db, chunks, error))
        return error;
    if (!chunks)
        return scanTable(db, afterId, visit);
    const std::int64_t from
        = afterId < std::numeric_limits<std::int64_t>::max() ? afterId + 1 : afterId;
    // From the chunk that holds `from`.
    Statement s(db,
                "SELECT first_id, count, data FROM event_chunks WHERE first_id >= "
                "(SELECT ifnull(max(first_id), ?1) FROM event_chunks WHERE first_id <= ?1) "
                "ORDER BY first_id");
    s.bindInt64(1, from);
    EventChunkView view;
    std::int64_t next = std::numeric_limits<std::int64_t>::min();
    ScannedEvent e;
    Statement::Step step;
    while ((step = s.step()) == Statement::Step::Row) {
        const std::int64_t firstId = s.columnInt64(0);
        const std::int64_t count = s.columnInt64(1);
        if (firstId < next || firstId < 1 || !view.parse(s.columnBlob(2), count)
            || firstId > std::numeric_limits<std::int64_t>::max() - count)
            return damagedChunk(firstId);
        next = firstId + count;
        ScanColumns columns = {};
        if (!decodeFields(view, columns, fields))
            return damagedChunk(firstId);
        for (std::size_t k = from > firstId ? std::size_t(from - firstId) : 0; k < view.count();
             ++k) {
            e.id = firstId + std::int64_t(k);
            fill(e, columns, k);
            if (!visit(e))
                return {};
        }
    }
    return step == Statement::Step::Done ? Error {} : sqlError(s);
}

Error EventScan::ofSource(SqliteDb &db, std::int64_t sourceId,
                          const std::function<bool(const ScannedEvent &)> &visit, ScanFields fields)
{
    bool chunks = false;
    Error error;
    if (!hasChunks(db, chunks, error) || !chunks)
        return error;
    Statement s(db,
                "SELECT first_id, count, data FROM event_chunks WHERE source_id = ?1 "
                "ORDER BY first_id");
    s.bindInt64(1, sourceId);
    EventChunkView view;
    ScannedEvent e;
    Statement::Step step;
    while ((step = s.step()) == Statement::Step::Row) {
        const std::int64_t firstId = s.columnInt64(0);
        const std::int64_t count = s.columnInt64(1);
        ScanColumns columns = {};
        if (firstId < 1 || !view.parse(s.columnBlob(2), count)
            || firstId > std::numeric_limits<std::int64_t>::max() - count
            || !decodeFields(view, columns, fields))
            return damagedChunk(firstId);
        for (std::size_t k = 0; k < view.count(); ++k) {
            e.id = firstId + std::int64_t(k);
            fill(e, columns, k);
            if (!visit(e))
                return {};
        }
    }
    return step == Statement::Step::Done ? Error {} : sqlError(s);
}

} // namespace ea
