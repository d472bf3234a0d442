#include "casesession.h"

#include "core/text.h"
#include "storage/marks.h"
#include "storage/sqlite.h"

#include <cstdint>
#include <string>

namespace ea {

CaseSession::CaseSession(QObject *parent)
    : QObject(parent)
{ }

CaseSession::~CaseSession()
{
    m_markIndex.reset();
    // Marks holds prepared statements on the connection: finalize them first.
    m_marks.reset();
    m_database.reset();
}

Error CaseSession::open(const QString &path, CaseDatabase::OpenMode mode)
{
    CaseDatabase::Result opened = CaseDatabase::open(path, mode);
    if (!opened)
        return opened.error;
    m_marks.reset();
    m_markIndex.reset();
    m_database = std::move(opened.database);
    m_marks = std::make_unique<Marks>(*m_database);
    Q_EMIT caseChanged();
    return {};
}

void CaseSession::close()
{
    if (!m_database)
        return;
    m_marks.reset();
    m_markIndex.reset();
    m_database.reset();
    Q_EMIT caseChanged();
}

Result<const MarkIndex *> CaseSession::readMarkIndex()
{
    if (!m_markIndex) {
        Result<MarkIndex> read = m_marks ? m_marks->index() : Result<MarkIndex>(MarkIndex());
        if (!read.ok())
            return read.error;
        m_markIndex = std::make_unique<MarkIndex>(std::move(read.value));
    }
    return m_markIndex.get();
}

const MarkIndex &CaseSession::markIndex()
{
    static const MarkIndex kEmpty;
    const Result<const MarkIndex *> read = readMarkIndex();
    return read.ok() ? *read.value : kEmpty;
}

Error CaseSession::writeAtomically(const std::function<Error()> &work)
{
    if (!m_database)
        return Error(tr("No case is open."), Error::Code::Failed);
    SqliteDb &db = m_database->db();
    // A step of many marks writes hundreds of thousands of rows: with the
    // default 2 MiB cache SQLite spilled its pages to the file (and the
    // journal) again and again. A larger cache while it writes, given back
    // after.
    std::int64_t cacheSize = -2000; // SQLite's default, if the pragma cannot be read
    {
        Statement read(db, "PRAGMA cache_size");
        if (read.step() == Statement::Step::Row)
            cacheSize = read.columnInt64(0);
    }
    (void)db.exec("PRAGMA cache_size=-65536");
    struct CacheBack
    {
        SqliteDb &db;
        std::int64_t size;
        ~CacheBack()
        {
            // A number read back from SQLite (pragmas take no parameters).
            const std::string back = "PRAGMA cache_size=" + std::to_string(size);
            (void)db.exec(back.c_str());
            (void)db.exec("PRAGMA shrink_memory");
        }
    } cacheBack {db, cacheSize};
    Transaction transaction(db, Transaction::Mode::Immediate);
    if (!transaction.isActive())
        return Error(toQString(db.lastError()), Error::Code::Database);
    if (Error failed = work()) {
        transaction.rollback();
        return failed;
    }
    if (!transaction.commit()) {
        const Error failed(toQString(db.lastError()), Error::Code::Database);
        transaction.rollback();
        return failed;
    }
    return {};
}

QString CaseSession::path() const
{
    return m_database ? m_database->path() : QString();
}

} // namespace ea
