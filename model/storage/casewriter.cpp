#include "storage/casewriter.h"

#include "storage/casewriterchecks.h"
#include "storage/eventchunk.h"
#include "storage/multirowinsert.h"

#include "address/addresstext.h"
#include "address/classifier.h"
#include "core/containers/bytelist.h"
#include "storage/aggregates.h"
#include "storage/existingids.h"

#include <algorithm>
#include <limits>

namespace ea {

using namespace casewriter;

CaseWriter::CaseWriter(SqliteDb &db)
    : m_db(db)
{ }

CaseWriter::~CaseWriter() = default;

// The messages are tr() templates marked with QT_TR_NOOP at the call site;
// %1 is SQLite's own message.
bool CaseWriter::fail(const Statement &statement, const char *what)
{
    m_error = Error(tr(what).arg(QString::fromStdString(statement.errorMessage())),
                    Error::Code::Database);
    return false;
}

bool CaseWriter::failDb(const char *what)
{
    m_error = Error(tr(what).arg(QString::fromStdString(m_db.lastError())), Error::Code::Database);
    return false;
}

bool CaseWriter::damaged(const char *what)
{
    m_error = Error(tr(what), Error::Code::NotACase);
    return false;
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
        return fail(insert, QT_TR_NOOP("recording the source: %1"));
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
         "INSERT INTO processes(id, host_id, key, pid, path, alias_of) "
         "VALUES (?, ?, ?, ?, ?, ?)"},
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
            return fail(*s.statement, QT_TR_NOOP("preparing the import: %1"));
    }
    m_events = std::make_unique<EventChunkWriter>(m_db);
    if (!m_events->isValid())
        return failDb(QT_TR_NOOP("preparing the import: %1"));
    return true;
}

bool CaseWriter::setSourceHash(const std::string &sha256)
{
    Statement update(m_db, "UPDATE sources SET sha256 = ? WHERE id = ?");
    update.bindText(1, sha256);
    update.bindInt64(2, m_sourceId);
    return update.run() || fail(update, QT_TR_NOOP("recording the source: %1"));
}

bool CaseWriter::prepareBulk()
{
    Statement any(m_db, "SELECT EXISTS (SELECT 1 FROM event_chunks)");
    if (!any.isValid() || any.step() != Statement::Step::Row)
        return fail(any, QT_TR_NOOP("inspecting events: %1"));
    const bool hasEvents = any.columnInt64(0) != 0;
    any.reset(); // an active statement would lock the schema
    m_freshCase = !hasEvents;
    if (hasEvents)
        return true;
    if (!m_db.exec("DROP INDEX IF EXISTS destinations_addr;"))
        return failDb(QT_TR_NOOP("preparing the bulk insert: %1"));
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
        return failDb(QT_TR_NOOP("indexing destinations: %1"));
    m_indexesDropped = false;
    return true;
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
            return fail(s, QT_TR_NOOP("inserting a destination: %1"));
    }
    for (const NewSpelling &sp : batch.spellings) {
        m_insertSpelling.bindInt64(1, sp.id);
        m_insertSpelling.bindText(2, sp.text);
        if (!m_insertSpelling.run())
            return fail(m_insertSpelling, QT_TR_NOOP("inserting a spelling: %1"));
    }
    for (const NewHost &h : batch.hosts) {
        m_insertHost.bindInt64(1, h.id);
        m_insertHost.bindText(2, h.key);
        if (!m_insertHost.run())
            return fail(m_insertHost, QT_TR_NOOP("inserting a host: %1"));
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
        if (p.aliasOf > 0)
            s.bindInt64(6, p.aliasOf);
        else
            s.bindNull(6);
        if (!s.run())
            return fail(s, QT_TR_NOOP("inserting a process: %1"));
    }

    // Stage 1 numbered the events after the case's last one: the
    // destinations' event lists hold those ids. Checked here, so that a
    // surprise fails the import instead of corrupting the lists.
    for (const EventRow &row : batch.events) {
        if (row.id < m_nextEventId) {
            m_error = Error(tr("event ids out of step with the case (expected %1 or more, got %2)")
                                .arg(m_nextEventId)
                                .arg(row.id),
                            Error::Code::Database);
            return false;
        }
        m_nextEventId = row.id + 1;
        EventValues v;
        v.set(EventField::Line, row.line);
        if (row.hasTime)
            v.set(EventField::Time, row.timeNs);
        if (row.hostId > 0)
            v.set(EventField::Host, row.hostId);
        if (row.processId > 0)
            v.set(EventField::Process, row.processId);
        v.set(EventField::Dest, row.destId);
        if (row.port >= 0)
            v.set(EventField::Port, row.port);
        v.set(EventField::Direction, std::int64_t(row.direction));
        if (row.srcSpellingId > 0)
            v.set(EventField::SrcSpelling, row.srcSpellingId);
        if (row.srcPort >= 0)
            v.set(EventField::SrcPort, row.srcPort);
        v.set(EventField::Spelling, row.spellingId);
        if (row.bytesOut >= 0)
            v.set(EventField::BytesOut, row.bytesOut);
        if (row.bytesIn >= 0)
            v.set(EventField::BytesIn, row.bytesIn);
        if (row.weight != 1)
            v.set(EventField::Weight, row.weight);
        if (row.hasLastTime)
            v.set(EventField::LastTime, row.lastTimeNs);
        const std::string_view protocol
            = row.protocol >= 0 && std::size_t(row.protocol) < m_protocols.size()
            ? std::string_view(m_protocols[std::size_t(row.protocol)])
            : std::string_view {};
        if (!m_events->add(row.id, m_sourceId, v, protocol)) {
            m_error = Error(
                tr("inserting an event: %1").arg(QString::fromStdString(m_events->errorMessage())),
                Error::Code::Database);
            return false;
        }
    }

    for (const RejectedRecord &r : batch.rejected) {
        Statement &s = m_insertRejected;
        s.bindInt64(1, m_sourceId);
        s.bindInt64(2, r.line);
        s.bindText(3, r.reason);
        s.bindBlob(4, {reinterpret_cast<const std::uint8_t *>(r.raw.data()), r.raw.size()});
        if (!s.run())
            return fail(s, QT_TR_NOOP("recording a rejected row: %1"));
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
            return fail(s, QT_TR_NOOP("updating a process: %1"));
    }
    for (const HostDetails &h : batch.hostDetails) {
        m_updateHost.bindInt64(1, h.hostId);
        m_updateHost.bindText(2, h.hostname);
        if (!m_updateHost.run())
            return fail(m_updateHost, QT_TR_NOOP("updating a host: %1"));
    }
    return true;
}

bool CaseWriter::finishEvents()
{
    if (!m_events || m_events->flush())
        return true;
    m_error
        = Error(tr("inserting an event: %1").arg(QString::fromStdString(m_events->errorMessage())),
                Error::Code::Database);
    return false;
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
    return update.run() || fail(update, QT_TR_NOOP("recording the source: %1"));
}

bool CaseWriter::addSourceNotes(const std::vector<std::string> &notes)
{
    if (notes.empty())
        return true;
    Statement insert(m_db, "INSERT INTO source_notes(source_id, seq, text) VALUES (?1, ?2, ?3)");
    for (std::size_t k = 0; k < notes.size(); ++k) {
        insert.bindInt64(1, m_sourceId);
        insert.bindInt64(2, std::int64_t(k));
        insert.bindText(3, notes[k]);
        if (!insert.run())
            return fail(insert, QT_TR_NOOP("recording the source's notes: %1"));
    }
    return true;
}

bool CaseWriter::markTimesZoneUnknown()
{
    Statement update(m_db, "UPDATE sources SET times_zone_unknown = 1 WHERE id = ?1");
    update.bindInt64(1, m_sourceId);
    return update.run() || fail(update, QT_TR_NOOP("recording the source: %1"));
}

} // namespace ea
