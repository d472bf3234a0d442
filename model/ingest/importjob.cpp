#include "ingest/importjob.h"

#include "core/filehash.h"
#include "import/importsource.h"
#include "storage/casedatabase.h"
#include "storage/casewriter.h"

#include <QDateTime>
#include <QDir>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <future>
#include <memory>
#include <mutex>
#include <thread>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace ea {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Batches between the stages; small, so memory stays flat however big the
// file is.
class BatchQueue
{
public:
    // Two full batches wait at most: the writer keeps up with the reader, and
    // each batch held (32k rows, ~2 MB) counts in the peak of a large import.
    static constexpr std::size_t kCapacity = 2;

    // Blocks while full. False when the consumer has given up.
    bool push(std::unique_ptr<ImportBatch> batch)
    {
        std::unique_lock lock(m_mutex);
        m_notFull.wait(lock, [this] { return m_queue.size() < kCapacity || m_abandoned; });
        if (m_abandoned)
            return false;
        m_queue.push_back(std::move(batch));
        m_notEmpty.notify_one();
        return true;
    }

    void close()
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
        m_notEmpty.notify_all();
    }

    // Stage 2 stops consuming (error or cancel): unblock the producer.
    void abandon()
    {
        std::lock_guard lock(m_mutex);
        m_abandoned = true;
        m_queue.clear();
        m_notFull.notify_all();
    }

    // Waits up to `timeout` for a batch; null with `closed` set at the end.
    std::unique_ptr<ImportBatch> pop(std::chrono::milliseconds timeout, bool &closed)
    {
        std::unique_lock lock(m_mutex);
        m_notEmpty.wait_for(lock, timeout, [this] { return !m_queue.empty() || m_closed; });
        closed = m_closed && m_queue.empty();
        if (m_queue.empty())
            return nullptr;
        auto batch = std::move(m_queue.front());
        m_queue.pop_front();
        m_notFull.notify_one();
        return batch;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_notFull;
    std::condition_variable m_notEmpty;
    std::deque<std::unique_ptr<ImportBatch>> m_queue;
    bool m_closed = false;
    bool m_abandoned = false;
};

QString fromStd(const std::string &text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

// The reader's notes as the case stores them.
std::vector<std::string> utf8Notes(const QStringList &notes)
{
    std::vector<std::string> out;
    out.reserve(std::size_t(notes.size()));
    for (const QString &note : notes)
        out.push_back(note.toStdString());
    return out;
}

// "file.csv: <what failed>", keeping the failure's code.
Error namedError(const QString &name, const Error &error)
{
    return Error(ImportJob::tr("%1: %2").arg(name, error.message()), error.code());
}

} // namespace

std::string_view fileKindId(FileKind kind) noexcept
{
    switch (kind) {
    case FileKind::Connections:
        return "connections";
    case FileKind::Processes:
        return "processes";
    case FileKind::Hosts:
        return "hosts";
    }
    return "connections";
}

ImportJob::ImportJob(CaseDatabase &database, QString path, ImportOptions options)
    : m_database(database)
    , m_path(std::move(path))
    , m_options(std::move(options))
{ }

// The state of one run(), handed from step to step.
struct ImportJob::Run
{
    explicit Run(const QString &path)
        : source(path)
        , name(QDir::toNativeSeparators(path))
    { }

    ImportSource source;
    QString name; // the path as the user's platform writes it, for messages
    std::int64_t fileSize = 0;
    std::future<FileHash> hash;
    FileHash fileHash;
    CaseWriter *writer = nullptr; // writeInTransaction()'s
    ExistingIds existing;
    // Held by pointer so that its tables (the largest memory of an import)
    // are freed once the statistics are written, before the index is built.
    std::unique_ptr<ImportCollector> collector;
    ReadResult readResult;
    std::string stageOneError;
    bool writeOk = true;
};

ImportReport ImportJob::run()
{
    ImportReport report;
    report.path = m_path;
    Run run(m_path);

    // Detection, the reader and the refusals are ImportSource's, shared with
    // the GUI's import preview so that both judge a file alike.
    if (!run.source.open()) {
        report.outcome = ImportReport::Outcome::Refused;
        report.error = run.source.error();
        return report;
    }
    run.fileSize = run.source.fileSize();
    // The hash runs beside the import.
    run.hash = std::async(std::launch::async, [this] { return sha256File(m_path, &m_cancel); });
    if (refuseEarlyDuplicate(run, report))
        return report;

    writeInTransaction(run, report);
    return report;
}

void ImportJob::writeInTransaction(Run &run, ImportReport &report)
{
    SqliteDb &db = m_database.db();
    Transaction transaction(db, Transaction::Mode::Immediate);
    if (!transaction.isActive()) {
        // Another import (or a mark) holds the write lock: say which.
        report.error
            = Error(tr("%1: cannot write to the case: %2").arg(run.name, m_database.lastError()),
                    Error::Code::Database);
        return;
    }
    // While the stages run, the tables only grow at their ends (ids ascend,
    // indexes come last), so a small page cache writes each page once as well
    // as a large one, while the collector is at its largest: 4 MB here instead
    // of 32 lowers the peak of a 10M-row import by ~28 MB. The indexes, built
    // after the collector is freed, get 32 MB (16 MB cost ~15% there).
    // Restored however the import ends.
    (void)db.exec("PRAGMA cache_size = -4096");
    struct RestoreCache
    {
        SqliteDb &db;
        ~RestoreCache() { (void)db.exec("PRAGMA cache_size = -2000"); }
    } restoreCache {db};

    // Declared after the transaction: its statements end before the
    // transaction does.
    CaseWriter writer(db);
    run.writer = &writer;
    if (!beginWriting(run, report))
        return;
    runStages(run, report);
    if (!acceptStages(run, report) || !storeStatistics(run, report))
        return;
    if (m_cancel.load()) {
        report.outcome = ImportReport::Outcome::Cancelled;
        return;
    }
    const auto phase = Clock::now();
    if (!transaction.commit()) {
        report.error = Error(tr("%1: cannot commit: %2").arg(run.name, fromStd(db.lastError())),
                             Error::Code::Database);
        return;
    }
    report.timings.commit = secondsSince(phase);
    report.sourceId = run.writer->sourceId();
    report.outcome = ImportReport::Outcome::Imported;
    if (m_progress)
        m_progress({run.fileSize, run.fileSize, report.counts.read});
}

bool ImportJob::refuseEarlyDuplicate(Run &run, ImportReport &report)
{
    // A case with no source of the same size cannot hold this file, so the
    // duplicate check can wait for the end; otherwise check first and spare
    // the work.
    if (m_options.force)
        return false;
    if (!m_database.hasSourceOfSize(run.fileSize))
        return false;
    const FileHash h = run.hash.get();
    if (h.ok()) {
        if (const auto id = m_database.sourceWithSha256(h.value)) {
            report.outcome = ImportReport::Outcome::Refused;
            report.sha256 = h.value;
            report.duplicateOf = *id;
            report.error = Error(tr("%1: already imported into this case (source %2); use "
                                    "--force to import it again")
                                     .arg(run.name)
                                     .arg(*id),
                                 Error::Code::Invalid);
            return true;
        }
    }
    run.hash = std::async(std::launch::deferred, [h] { return h; });
    return false;
}

bool ImportJob::beginWriting(Run &run, ImportReport &report)
{
    const auto nowNs = QDateTime::currentMSecsSinceEpoch() * 1000000;
    if (!run.writer->loadExisting(run.existing)
        || !run.writer->beginSource(m_path.toStdString(), run.fileSize, {}, nowNs)
        || !run.writer->prepareBulk()) {
        report.error = namedError(run.name, run.writer->error());
        return false;
    }
    return true;
}

void ImportJob::runStages(Run &run, ImportReport &report)
{
    // Stage 1 on a worker thread.
    BatchQueue queue;
    run.collector = std::make_unique<ImportCollector>(
        run.existing, [&queue](std::unique_ptr<ImportBatch> b) { (void)queue.push(std::move(b)); },
        &m_cancel);
    ImportCollector &collector = *run.collector;
    run.existing = {};
    std::thread stageOne([&] {
        try {
            ReadOptions readOptions;
            readOptions.overrides = m_options.overrides;
            run.readResult = run.source.read(collector, readOptions);
            collector.flush();
            collector.finishAggregates();
        } catch (const std::exception &e) {
            run.stageOneError = e.what();
        }
        queue.close();
    });

    // Stage 2 here.
    const auto stagesStart = Clock::now();
    auto lastProgress = Clock::now();
    for (;;) {
        bool closed = false;
        std::unique_ptr<ImportBatch> batch = queue.pop(std::chrono::milliseconds(200), closed);
        if (batch && run.writeOk && !m_cancel.load()) {
            const auto writeStart = Clock::now();
            run.writeOk = run.writer->write(*batch);
            report.timings.writerBusy += secondsSince(writeStart);
            if (!run.writeOk) {
                m_cancel.store(true); // stops the reader
                queue.abandon();
            }
        }
        if (m_cancel.load())
            queue.abandon();
        const auto now = Clock::now();
        if (m_progress && now - lastProgress >= std::chrono::milliseconds(200)) {
            lastProgress = now;
            m_progress({collector.bytesRead(), run.fileSize, collector.rowsRead()});
        }
        if (closed)
            break;
    }
    stageOne.join();
    report.timings.readAndWrite = secondsSince(stagesStart);
    run.fileHash = run.hash.get();

    report.counts = collector.counts();
    report.format = run.readResult.format;
    report.kind = run.readResult.kind;
    report.notes = run.readResult.notes;
    report.sha256 = run.fileHash.value;
}

bool ImportJob::acceptStages(Run &run, ImportReport &report)
{
    if (!run.writeOk) {
        report.error = namedError(run.name, run.writer->error());
        return false;
    }
    if (m_cancel.load()) {
        report.outcome = ImportReport::Outcome::Cancelled;
        return false;
    }
    if (!run.stageOneError.empty()) {
        report.error = run.source.failure(run.stageOneError);
        return false;
    }
    if (!run.collector->error().isNull()) {
        report.error = namedError(run.name, run.collector->error());
        return false;
    }
    // A broken gzip stream fails the import; a reader's verdict refuses it.
    if (const Error failure = run.source.readFailure(run.readResult)) {
        if (run.source.decompressError().empty())
            report.outcome = ImportReport::Outcome::Refused;
        report.error = failure;
        return false;
    }
    if (!run.fileHash.ok()) {
        report.error = Error(tr("%1: cannot hash: %2").arg(run.name, run.fileHash.error.message()),
                             run.fileHash.error.code());
        return false;
    }
    if (!m_options.force) {
        if (const auto id = m_database.sourceWithSha256(run.fileHash.value)) {
            report.outcome = ImportReport::Outcome::Refused;
            report.duplicateOf = *id;
            report.error
                = Error(tr("%1: already imported into this case (source %2); use --force to "
                           "import it again")
                            .arg(run.name)
                            .arg(*id),
                        Error::Code::Invalid);
            return false;
        }
    }
    return true;
}

bool ImportJob::storeStatistics(Run &run, ImportReport &report)
{
    CaseWriter &writer = *run.writer;
    const ImportCollector &collector = *run.collector;
    const ImportCounts &counts = report.counts;
    report.mappingJson = mappingToJson(run.readResult.mapping, run.readResult.header);
    auto phase = Clock::now();
    bool ok = writer.finishEvents() && writer.setSourceHash(run.fileHash.value)
        && writer.mergeAggregates(collector.destinationAggregates(), collector.destinationBytes())
        && writer.mergeActorStats(collector.processAggregates(), collector.hostAggregates())
        && writer.mergeEventIds(collector.destinationEventIds(), collector.destinationAggregates());
    run.collector.reset();
#ifdef __GLIBC__
    // The collector's memory was allocated on the reader thread, in an arena
    // of its own that this thread's allocations do not reuse: give it back
    // to the system before the next pass allocates (at 10M rows the peak was
    // the two together, +80 MB).
    malloc_trim(0);
#endif
    // The busy destinations' pass reads each event chunk once: the stages'
    // small cache serves it as well as a large one, which only added fresh
    // pages to fault in (that pass took twice as long with 32 MB).
    ok = ok && writer.updateBusyDestinations();
    report.timings.statistics = secondsSince(phase);
    phase = Clock::now();
    (void)m_database.db().exec("PRAGMA cache_size = -32768");
    ok = ok && writer.finishBulk();
    report.timings.indexing = secondsSince(phase);
    ok = ok
        && writer.finishSource(run.readResult.format, std::string(fileKindId(run.readResult.kind)),
                               report.mappingJson, counts.read, counts.loaded, counts.rejected,
                               counts.skipped, counts.timesUnset)
        && writer.addSourceNotes(utf8Notes(report.notes))
        && (!run.readResult.timesZoneUnknown || writer.markTimesZoneUnknown());
    if (!ok) {
        report.error = namedError(run.name, writer.error());
        return false;
    }
    return true;
}

} // namespace ea
