#pragma once

#include "storage/casedatabase.h"
#include "storage/casequeries.h"
#include "storage/casesnapshot.h"

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QtConcurrent/QtConcurrentRun>

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

// The case the window works on. The GUI thread keeps one connection for the
// review marks (small writes that must be saved at once); every read that can
// take long runs on a pool thread with a connection of its own (SQLite
// connections are not shared across threads), so the window never waits for
// SQL.
class CaseSession final : public QObject
{
    Q_OBJECT

public:
    explicit CaseSession(QObject *parent = nullptr);
    ~CaseSession() override;

    // Opens (or with CreateIfMissing, creates) a case; the previous one is
    // closed. A null Error on success.
    [[nodiscard]] Error open(const QString &path, CaseDatabase::OpenMode mode);
    void close();

    [[nodiscard]] bool isOpen() const noexcept { return m_database != nullptr; }
    [[nodiscard]] QString path() const;
    [[nodiscard]] Marks *marks() const noexcept { return m_marks.get(); }
    // The marks as a lookup index, read once per change of marks and shared
    // by every view; the pointer stays valid until the marks change.
    [[nodiscard]] Result<const MarkIndex *> readMarkIndex();
    // readMarkIndex(), or an empty index when the marks cannot be read.
    [[nodiscard]] const MarkIndex &markIndex();

    // Runs work() inside one write transaction on the GUI thread's
    // connection: committed when work() returns a null Error, else rolled back
    // so that the case is as before. BEGIN and COMMIT failures (another
    // process holds the case) come back as Code::Database.
    [[nodiscard]] Error writeAtomically(const std::function<Error()> &work);

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
        return QtConcurrent::run([casePath, query = std::move(query)]() -> Result {
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

private:
    std::unique_ptr<CaseDatabase> m_database;
    std::unique_ptr<Marks> m_marks;
    std::unique_ptr<MarkIndex> m_markIndex; // null until asked for after a change
    bool m_importing = false;
};

} // namespace ea
