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
        e.destId = s.columnInt64(1);
        e.processId = s.columnInt64(2);
        e.hostId = s.columnInt64(3);
        e.tsNs = s.columnOptionalInt64(4);
        e.port = s.columnOptionalInt64(5);
        if (!visit(e))
            return {};
    }
    return step == Statement::Step::Done ? Error {} : sqlError(s);
}

} // namespace

Error EventScan::run(SqliteDb &db, std::int64_t afterId,
                     const std::function<bool(const ScannedEvent &)> &visit)
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
        const EventChunkView::Column *dest = view.column(EventField::Dest);
        const EventChunkView::Column *process = view.column(EventField::Process);
        const EventChunkView::Column *host = view.column(EventField::Host);
        const EventChunkView::Column *time = view.column(EventField::Time);
        const EventChunkView::Column *port = view.column(EventField::Port);
        if (!dest || !process || !host || !time || !port)
            return damagedChunk(firstId);
        for (std::size_t k = from > firstId ? std::size_t(from - firstId) : 0; k < view.count();
             ++k) {
            e.id = firstId + std::int64_t(k);
            e.destId = dest->values[k];
            e.processId = process->values[k];
            e.hostId = host->values[k];
            e.tsNs = time->null(k) ? std::nullopt : std::optional(time->values[k]);
            e.port = port->null(k) ? std::nullopt : std::optional(port->values[k]);
            if (!visit(e))
                return {};
        }
    }
    return step == Statement::Step::Done ? Error {} : sqlError(s);
}

} // namespace ea
