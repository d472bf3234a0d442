#pragma once

#include "background.h"
#include "storage/casedatabase.h"
#include "storage/casequeries.h"
#include "storage/casesnapshot.h"

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <cstdint>
#include <functional>
#include <memory>
#include <type_traits>

namespace ea {

class MarkIndex;
class Marks;

// Hands the result of future to handler on context's thread once it is ready;
// nothing is called if context is destroyed first. (Qt 6.4's
// QFuture::then(context, ...) asserts instead when the context is gone, e.g. a
// view closed while its query still runs.)
template<typename T, typename Handler>
void onFinished(QFuture<T> future, QObject *context, Handler handler)
{
    auto *watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                     [watcher, handler = std::move(handler)]() mutable {
                         QFuture<T> done = watcher->future();
                         watcher->deleteLater();
                         handler(done.takeResult());
                     });
    watcher->setFuture(std::move(future));
}

// Drops a reference on a pool thread: when it is the last one, a large
// object (a million marks, a review) is freed there, not on the GUI thread.
template<typename T> void releaseOffThread(std::shared_ptr<T> object)
{
    if (object)
        workPool()->start([object = std::move(object)]() mutable {
            yieldToGuiThread();
            object.reset();
        });
}

// The case the window works on. The GUI thread keeps one connection for the
// review marks (small writes that must be saved at once); every read that can
// take long runs on a pool thread with a connection of its own (SQLite
// connections are not shared across threads), so the window never waits for
// SQL. A large change of marks (a million selected rows, or any change once
// the case holds many marks) is written on the session's writer thread, one
// write after another in the order given (writeInBackground()).
class CaseSession final : public QObject
{
    Q_OBJECT

public:
    explicit CaseSession(QObject *parent = nullptr);
    ~CaseSession() override;

    // Opens (or with CreateIfMissing, creates) a case on the GUI thread; the
    // previous one is closed. A null Error on success. The window uses
    // openInBackground(); tests and tools use this.
    [[nodiscard]] Error open(const QString &path, CaseDatabase::OpenMode mode);
    // Opens a case on the writer thread, after the writes queued before it:
    // the file checks, a migration of an older case (seconds on a large
    // one) and reading its marks into the index all happen there. Then, on
    // the GUI thread, the session switches to it (caseChanged) and done(error)
    // is called; until then the previous case stays open and shown. On an
    // error the previous case stays. A later open(), openInBackground() or
    // close() supersedes it: it is dropped and done is never called.
    void openInBackground(const QString &path, CaseDatabase::OpenMode mode,
                          std::function<void(const Error &)> done);
    // True from openInBackground() until its case is adopted or refused.
    [[nodiscard]] bool isOpening() const noexcept { return m_pendingOpen != 0; }
    void close();

    [[nodiscard]] bool isOpen() const noexcept { return m_database != nullptr; }
    [[nodiscard]] QString path() const;
    [[nodiscard]] Marks *marks() const noexcept { return m_marks.get(); }
    // The marks as a lookup index, read once per change of marks and shared
    // by every view (a background write hands over the index it read).
    [[nodiscard]] Result<std::shared_ptr<const MarkIndex>> readMarkIndex();
    // readMarkIndex(), or an empty index when the marks cannot be read.
    [[nodiscard]] std::shared_ptr<const MarkIndex> markIndex();

    // Whether a change of this many marks goes to writeInBackground(): when
    // it is large, when the case holds many marks (reading them again after
    // the change would stall the window), or when a background write is
    // still queued (writes land in order).
    [[nodiscard]] bool writesInBackground(std::size_t changes) const noexcept;
    // Tests lower it to take the background path with a few rows.
    void setInlineMarkLimit(std::size_t limit) noexcept { m_inlineMarks = limit; }
    // How long a background write waits for another writer's lock.
    void setWriterBusyTimeout(int milliseconds) noexcept { m_writerBusyMs = milliseconds; }
    static constexpr std::size_t kDefaultInlineMarks = 4096;

    // Runs work(marks) in one write transaction (writeAtomically()) on the
    // writer thread, with a connection of its own, after the writes queued
    // before it. Once committed, the marks are read into a new index there
    // too and afterCommit(index) runs on that thread; then, on the GUI
    // thread, the index replaces the session's, marksChanged() is emitted and
    // done(error) is called (a null Error when committed). Nothing is called
    // on the GUI thread when another case was opened meanwhile.
    void writeInBackground(std::function<Error(Marks &)> work,
                           std::function<void(const MarkIndex &)> afterCommit,
                           std::function<void(const Error &)> done);
    // Runs work(database) on the writer thread with a connection of its own,
    // after the writes queued before it, for a write that is not the marks'
    // (work makes its own transaction; marksChanged() is not emitted and
    // isWriting() stays as it is; until it is done, writesInBackground() is
    // true, so that a mark queues behind it instead of waiting on the GUI
    // thread for its lock). Then done(error) runs on the GUI thread, unless
    // another case was opened meanwhile.
    void updateInBackground(std::function<Error(CaseDatabase &)> work,
                            std::function<void(const Error &)> done);
    // True from writeInBackground() until its done() was called.
    [[nodiscard]] bool isWriting() const noexcept { return m_writes > 0; }

    // Runs work() inside one write transaction on the GUI thread's
    // connection: committed when work() returns a null Error, else rolled back
    // so that the case is as before. BEGIN and COMMIT failures (another
    // process holds the case) come back as Code::Database.
    [[nodiscard]] Error writeAtomically(const std::function<Error()> &work);
    // The same on any connection (the writer thread uses its own).
    [[nodiscard]] static Error writeAtomically(SqliteDb &db, const std::function<Error()> &work);

    // The GUI thread's connection (marks, allowlists); null when no case is open.
    [[nodiscard]] CaseDatabase *database() const noexcept { return m_database.get(); }

    // Runs query(CaseQueries &) on a pool thread with its own connection to
    // the case and returns its RowsResult. A failure to open the case is
    // reported through the result's error.
    template<typename Query>
    [[nodiscard]] auto run(Query query) const -> QFuture<std::invoke_result_t<Query, CaseQueries &>>
    {
        using Result = std::invoke_result_t<Query, CaseQueries &>;
        const QString casePath = path();
        return QtConcurrent::run(workPool(), [casePath, query = std::move(query)]() -> Result {
            yieldToGuiThread();
            CaseSnapshot snapshot(casePath);
            if (!snapshot.ok()) {
                Result result;
                result.error = snapshot.error();
                return result;
            }
            return query(snapshot.queries());
        });
    }

    // While an import writes to the case, views hold back their SQL: a reader
    // would wait for the import's lock, and a long one would hold up its
    // COMMIT. They read again when the import ends (MainWindow reloads them).
    void setImporting(bool importing) { m_importing = importing; }
    [[nodiscard]] bool isImporting() const noexcept { return m_importing; }

    // Tells every view that the marks changed (MarkCommand calls it).
    void notifyMarksChanged()
    {
        m_markIndex.reset();
        Q_EMIT marksChanged();
    }
    // For work that cannot return its error (undo commands): the window shows it.
    void reportError(const QString &message) { Q_EMIT errorOccurred(message); }
    // An undo step whose background write failed: the case is as before the
    // step, so the undo history no longer matches it (the window clears it).
    void reportLostStep(const QString &message) { Q_EMIT stepLost(message); }

    // run() with the result handed to handler on context's thread (onFinished).
    template<typename Query, typename Handler>
    void run(Query query, QObject *context, Handler handler) const
    {
        onFinished(run(std::move(query)), context, std::move(handler));
    }

Q_SIGNALS:
    // After a mark was added, changed or removed.
    void marksChanged();
    // After open() or close(): another case, or none.
    void caseChanged();
    void errorOccurred(const QString &message);
    void stepLost(const QString &message);
    // isWriting() changed.
    void writingChanged(bool writing);
    // isOpening() changed.
    void openingChanged(bool opening);

private:
    void setIndex(std::shared_ptr<const MarkIndex> index);
    // Switches to database (and the index read with it, if any).
    void adopt(std::unique_ptr<CaseDatabase> database, std::shared_ptr<const MarkIndex> index);
    // Drops a background open still pending (a newer request came).
    void supersedeOpen();

    std::unique_ptr<CaseDatabase> m_database;
    std::unique_ptr<Marks> m_marks;
    std::shared_ptr<const MarkIndex> m_markIndex; // null until asked for after a change
    std::size_t m_knownMarks = 0; // in the last index read
    std::size_t m_inlineMarks = kDefaultInlineMarks;
    std::uint64_t m_caseGeneration = 0; // counts open() and close()
    std::uint64_t m_openRequests = 0; // counts openInBackground()
    std::uint64_t m_pendingOpen = 0; // the request still to land, 0: none
    int m_writes = 0; // background writes not done yet
    int m_updates = 0; // updateInBackground() calls not done yet
    int m_writerBusyMs = SqliteDb::kBusyTimeoutMs;
    bool m_importing = false;
    QThreadPool m_writer; // one thread: writes land in order
};

} // namespace ea
