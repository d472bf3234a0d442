#pragma once

#include "import/fieldmapping.h"
#include "ingest/importjob.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <vector>

namespace ea {

// One file to import and the mapping overrides the analyst chose for it.
struct ImportRequest
{
    QString path;
    ImportOptions options;
};

// Runs ImportJobs one file after another on a pool thread, each with its own
// connection to the case, and reports progress to the GUI thread a few times a
// second. Each file is its own all-or-nothing transaction: Cancel stops the
// current file (which leaves the case as it was before that file) and skips the
// rest.
class ImportRunner final : public QObject
{
    Q_OBJECT

public:
    struct Progress
    {
        int fileIndex = 0; // 0-based, of fileCount
        int fileCount = 0;
        QString path;
        std::int64_t bytesDone = 0; // over all files
        std::int64_t bytesTotal = 0;
        std::int64_t rows = 0; // of the current file
        double rowsPerSecond = 0;
    };

    explicit ImportRunner(QObject *parent = nullptr);
    ~ImportRunner() override; // waits for a running import to stop

    [[nodiscard]] bool isRunning() const noexcept { return m_running; }
    // Starts importing into the case at casePath; ignored while running.
    void start(const QString &casePath, std::vector<ImportRequest> requests);
    // Thread-safe; finished() follows soon with the cancelled report.
    void cancel() noexcept;

Q_SIGNALS:
    void progressChanged(const ea::ImportRunner::Progress &progress);
    // One report per requested file, in order; files after a cancel are
    // reported as Cancelled.
    void finished(const std::vector<ea::ImportReport> &reports);

private:
    struct Shared; // state shared with the pool thread
    std::shared_ptr<Shared> m_shared;
    QFutureWatcher<std::vector<ImportReport>> m_watcher;
    bool m_running = false;
};

// What an import's reports come to, for the window's message bar.
struct ImportSummary
{
    QString html; // one line per file: loaded, rejected, skipped, or why not; then its notes
    std::int64_t rejected = 0;
    bool problem = false; // a file was refused, failed or cancelled
    bool notes = false; // a reader noted something (shown as a warning: it changes readings)
};
[[nodiscard]] ImportSummary summarize(const std::vector<ImportReport> &reports);

} // namespace ea
