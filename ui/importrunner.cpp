#include "importrunner.h"

#include "background.h"
#include "core/text.h"
#include "storage/casedatabase.h"

#include <QFileInfo>
#include <QMetaObject>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include <mutex>

namespace ea {

namespace {

constexpr int kCommitWaitMs = 120'000;

} // namespace

struct ImportRunner::Shared
{
    std::atomic_bool cancel {false};
    std::mutex mutex; // guards job
    ImportJob *job = nullptr; // the running job, to forward a cancel
};

ImportRunner::ImportRunner(QObject *parent)
    : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcherBase::finished, this, [this] {
        m_running = false;
        m_shared.reset();
        Q_EMIT finished(m_watcher.result());
    });
}

ImportRunner::~ImportRunner()
{
    cancel();
    m_watcher.waitForFinished();
}

void ImportRunner::cancel() noexcept
{
    const std::shared_ptr<Shared> shared = m_shared;
    if (!shared)
        return;
    shared->cancel.store(true);
    const std::lock_guard lock(shared->mutex);
    if (shared->job)
        shared->job->cancel();
}

ImportSummary summarize(const std::vector<ImportReport> &reports)
{
    ImportSummary summary;
    QStringList lines;
    for (const ImportReport &report : reports) {
        const QString name = QFileInfo(report.path).fileName().toHtmlEscaped();
        switch (report.outcome) {
        case ImportReport::Outcome::Imported:
            lines << ImportRunner::tr("<b>%1</b> (%2): %L3 loaded, %L4 rejected, %L5 skipped")
                         .arg(name, toQString(report.format).toHtmlEscaped())
                         .arg(report.counts.loaded)
                         .arg(report.counts.rejected)
                         .arg(report.counts.skipped);
            summary.rejected += report.counts.rejected;
            break;
        case ImportReport::Outcome::Cancelled:
            lines << ImportRunner::tr("<b>%1</b>: cancelled, the case is as it was").arg(name);
            summary.problem = true;
            break;
        case ImportReport::Outcome::Refused:
            if (report.duplicateOf > 0) {
                // The job's text names the CLI's --force; say it the GUI's way.
                lines << ImportRunner::tr("<b>%1</b>: already imported into this case (source "
                                          "%2); skipped. To import it again, tick \"Import this "
                                          "file again\" in the import dialog.")
                             .arg(name)
                             .arg(report.duplicateOf);
                summary.problem = true;
                break;
            }
            [[fallthrough]];
        case ImportReport::Outcome::Failed:
            lines << ImportRunner::tr("<b>%1</b>: %2")
                         .arg(name, report.error.message().toHtmlEscaped());
            summary.problem = true;
            break;
        }
        // What the reader noted (times read as UTC, times that look
        // relative…): the CLI prints these; the Sources tab keeps them.
        for (const QString &note : report.notes) {
            lines << ImportRunner::tr("&nbsp;&nbsp;Note on %1: %2").arg(name, note.toHtmlEscaped());
            summary.notes = true;
        }
    }
    summary.html = lines.join(QStringLiteral("<br>"));
    return summary;
}

void ImportRunner::start(const QString &casePath, std::vector<ImportRequest> requests)
{
    if (m_running)
        return;
    m_running = true;
    m_shared = std::make_shared<Shared>();

    std::int64_t bytesTotal = 0;
    std::vector<std::int64_t> sizes;
    for (const ImportRequest &request : requests) {
        sizes.push_back(std::max<qint64>(0, QFileInfo(request.path).size()));
        bytesTotal += sizes.back();
    }

    // Progress crosses threads as a queued call on this object; QPointer
    // drops it if the runner is gone.
    QPointer<ImportRunner> self(this);
    auto report = [self](Progress progress) {
        QMetaObject::invokeMethod(
            self.data(),
            [self, progress] {
                if (self)
                    Q_EMIT self->progressChanged(progress);
            },
            Qt::QueuedConnection);
    };

    m_watcher.setFuture(QtConcurrent::run(
        workPool(),
        [shared = m_shared, casePath, requests = std::move(requests), sizes, bytesTotal, report]() {
            yieldToGuiThread(); // and the import's threads, which inherit it
            std::vector<ImportReport> reports;
            std::int64_t bytesBefore = 0;
            for (std::size_t k = 0; k < requests.size(); ++k) {
                const ImportRequest &request = requests[k];
                if (shared->cancel.load()) {
                    ImportReport cancelled;
                    cancelled.path = request.path;
                    cancelled.outcome = ImportReport::Outcome::Cancelled;
                    reports.push_back(std::move(cancelled));
                    continue;
                }
                CaseDatabase::Result opened
                    = CaseDatabase::open(casePath, CaseDatabase::OpenMode::CreateIfMissing);
                if (!opened) {
                    ImportReport failed;
                    failed.path = request.path;
                    failed.outcome = ImportReport::Outcome::Failed;
                    failed.error = opened.error;
                    reports.push_back(std::move(failed));
                    continue;
                }
                // The window's readers (drill-downs started before the import)
                // hold shared locks for a moment; the import's COMMIT waits for
                // them rather than failing and losing the whole file.
                opened.database->db().setBusyTimeout(kCommitWaitMs);
                ImportJob job(*opened.database, request.path, request.options);
                {
                    const std::lock_guard lock(shared->mutex);
                    shared->job = &job;
                }
                if (shared->cancel.load())
                    job.cancel();
                QElapsedTimer clock;
                clock.start();
                job.setProgressCallback([&](const ImportProgress &p) {
                    Progress progress;
                    progress.fileIndex = int(k);
                    progress.fileCount = int(requests.size());
                    progress.path = request.path;
                    progress.bytesDone = bytesBefore + std::min(p.bytesDone, sizes[k]);
                    progress.bytesTotal = bytesTotal;
                    progress.rows = p.rows;
                    const double seconds = double(clock.nsecsElapsed()) / 1e9;
                    progress.rowsPerSecond = seconds > 0 ? double(p.rows) / seconds : 0;
                    report(progress);
                });
                reports.push_back(job.run());
                {
                    const std::lock_guard lock(shared->mutex);
                    shared->job = nullptr;
                }
                bytesBefore += sizes[k];
            }
            return reports;
        }));
}

} // namespace ea
