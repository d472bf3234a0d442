#include "casesession.h"

#include "core/text.h"
#include "storage/marks.h"
#include "storage/sqlite.h"

#include <cstdint>
#include <string>
#include <utility>

namespace ea {

namespace {

// A background write's outcome, handed from the writer thread to the GUI thread.
struct Written
{
    Error error;
    std::shared_ptr<const MarkIndex> index; // the marks after the commit
};

// A case opened on the writer thread, handed to the GUI thread.
struct Opened
{
    std::unique_ptr<CaseDatabase> database; // null on error
    Error error;
    std::shared_ptr<const MarkIndex> index; // null: the GUI thread reads it when asked
};

} // namespace

CaseSession::CaseSession(QObject *parent)
    : QObject(parent)
{
    m_writer.setMaxThreadCount(1);
    m_writer.setObjectName(QStringLiteral("case writer"));
}

CaseSession::~CaseSession()
{
    // A queued change of marks is the analyst's work: it lands before exit.
    m_writer.waitForDone();
    m_markIndex.reset();
    // Marks holds prepared statements on the connection: finalize them first.
    m_marks.reset();
    m_database.reset();
}

Error CaseSession::open(const QString &path, CaseDatabase::OpenMode mode)
{
    supersedeOpen();
    CaseDatabase::Result opened = CaseDatabase::open(path, mode);
    if (!opened)
        return opened.error;
    adopt(std::move(opened.database), nullptr);
    return {};
}

void CaseSession::openInBackground(const QString &path, CaseDatabase::OpenMode mode,
                                   std::function<void(const Error &)> done)
{
    const bool wasOpening = isOpening();
    const std::uint64_t request = ++m_openRequests;
    m_pendingOpen = request;
    if (!wasOpening)
        Q_EMIT openingChanged(true);
    QFuture<Opened> future = QtConcurrent::run(&m_writer, [path, mode]() -> Opened {
        yieldToGuiThread();
        CaseDatabase::Result opened = CaseDatabase::open(path, mode);
        Opened out {std::move(opened.database), std::move(opened.error), {}};
        if (out.database) {
            Marks marks(*out.database);
            Result<MarkIndex> index = marks.index();
            // Unread here, the GUI thread reads it again and reports why.
            if (index.ok())
                out.index = std::make_shared<const MarkIndex>(std::move(index.value));
        }
        return out;
    });
    onFinished(std::move(future), this, [this, request, done = std::move(done)](Opened opened) {
        if (request != m_pendingOpen) {
            releaseOffThread(std::move(opened.index));
            return; // superseded: the connection closes here, nothing else
        }
        m_pendingOpen = 0;
        if (opened.database)
            adopt(std::move(opened.database), std::move(opened.index));
        Q_EMIT openingChanged(false);
        if (done)
            done(opened.error);
    });
}

void CaseSession::supersedeOpen()
{
    if (m_pendingOpen == 0)
        return;
    m_pendingOpen = 0;
    Q_EMIT openingChanged(false);
}

void CaseSession::adopt(std::unique_ptr<CaseDatabase> database,
                        std::shared_ptr<const MarkIndex> index)
{
    m_marks.reset();
    releaseOffThread(std::exchange(m_markIndex, nullptr));
    m_knownMarks = 0;
    ++m_caseGeneration;
    m_database = std::move(database);
    m_marks = std::make_unique<Marks>(*m_database);
    if (index)
        setIndex(std::move(index));
    Q_EMIT caseChanged();
}

void CaseSession::close()
{
    supersedeOpen();
    if (!m_database)
        return;
    m_marks.reset();
    releaseOffThread(std::exchange(m_markIndex, nullptr));
    m_knownMarks = 0;
    ++m_caseGeneration;
    m_database.reset();
    Q_EMIT caseChanged();
}

Result<std::shared_ptr<const MarkIndex>> CaseSession::readMarkIndex()
{
    if (!m_markIndex) {
        Result<MarkIndex> read = m_marks ? m_marks->index() : Result<MarkIndex>(MarkIndex());
        if (!read.ok())
            return read.error;
        setIndex(std::make_shared<const MarkIndex>(std::move(read.value)));
    }
    return m_markIndex;
}

std::shared_ptr<const MarkIndex> CaseSession::markIndex()
{
    Result<std::shared_ptr<const MarkIndex>> read = readMarkIndex();
    return read.ok() ? std::move(read.value) : std::make_shared<const MarkIndex>();
}

void CaseSession::setIndex(std::shared_ptr<const MarkIndex> index)
{
    releaseOffThread(std::exchange(m_markIndex, std::move(index)));
    if (m_markIndex)
        m_knownMarks = m_markIndex->marks().size();
}

bool CaseSession::writesInBackground(std::size_t changes) const noexcept
{
    return m_writes > 0 || m_updates > 0 || changes > m_inlineMarks || m_knownMarks > m_inlineMarks;
}

void CaseSession::writeInBackground(std::function<Error(Marks &)> work,
                                    std::function<void(const MarkIndex &)> afterCommit,
                                    std::function<void(const Error &)> done)
{
    if (!m_database) {
        if (done)
            done(Error(tr("No case is open."), Error::Code::Failed));
        return;
    }
    if (m_writes++ == 0)
        Q_EMIT writingChanged(true);
    const QString casePath = path();
    QFuture<Written> future = QtConcurrent::run(
        &m_writer,
        [casePath, busyMs = m_writerBusyMs, work = std::move(work),
         afterCommit = std::move(afterCommit)]() -> Written {
            yieldToGuiThread();
            CaseDatabase::Result opened
                = CaseDatabase::open(casePath, CaseDatabase::OpenMode::OpenExisting);
            if (!opened)
                return {opened.error, {}};
            opened.database->db().setBusyTimeout(busyMs);
            Written written;
            {
                Marks marks(*opened.database);
                written.error = writeAtomically(opened.database->db(), [&] { return work(marks); });
                if (written.error)
                    return written;
                Result<MarkIndex> index = marks.index();
                // Committed but not read back: the GUI thread reads it again.
                if (index.ok())
                    written.index = std::make_shared<const MarkIndex>(std::move(index.value));
            }
            if (written.index && afterCommit)
                afterCommit(*written.index);
            return written;
        });
    onFinished(std::move(future), this,
               [this, generation = m_caseGeneration, done = std::move(done)](Written written) {
                   if (generation == m_caseGeneration) {
                       if (!written.error) {
                           setIndex(std::move(written.index));
                           Q_EMIT marksChanged();
                       }
                       if (done)
                           done(written.error);
                   }
                   if (--m_writes == 0)
                       Q_EMIT writingChanged(false);
               });
}

void CaseSession::updateInBackground(std::function<Error(CaseDatabase &)> work,
                                     std::function<void(const Error &)> done)
{
    if (!m_database) {
        if (done)
            done(Error(tr("No case is open."), Error::Code::Failed));
        return;
    }
    const QString casePath = path();
    ++m_updates;
    QFuture<Error> future = QtConcurrent::run(
        &m_writer, [casePath, busyMs = m_writerBusyMs, work = std::move(work)]() -> Error {
            yieldToGuiThread();
            CaseDatabase::Result opened
                = CaseDatabase::open(casePath, CaseDatabase::OpenMode::OpenExisting);
            if (!opened)
                return opened.error;
            opened.database->db().setBusyTimeout(busyMs);
            return work(*opened.database);
        });
    onFinished(std::move(future), this,
               [this, generation = m_caseGeneration, done = std::move(done)](const Error &error) {
                   --m_updates;
                   if (generation == m_caseGeneration && done)
                       done(error);
               });
}

Error CaseSession::writeAtomically(const std::function<Error()> &work)
{
    if (!m_database)
        return Error(tr("No case is open."), Error::Code::Failed);
    return writeAtomically(m_database->db(), work);
}

Error CaseSession::writeAtomically(SqliteDb &db, const std::function<Error()> &work)
{
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
