#pragma once

#include "core/error.h"
#include "import/fieldmapping.h"
#include "import/reader.h"
#include "ingest/importcollector.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace ea {

class CaseDatabase;

struct ImportOptions
{
    std::vector<MappingOverride> overrides; // --map K=COLUMN
    bool force = false; // import even if the SHA-256 is already in the case
};

struct ImportProgress
{
    std::int64_t bytesDone = 0;
    std::int64_t bytesTotal = 0; // file size on disk (compressed size for .gz)
    std::int64_t rows = 0;
};

struct ImportReport
{
    enum class Outcome : std::uint8_t {
        Imported, // committed
        Refused, // the file was not imported (format, mapping, duplicate); the case is unchanged
        Failed, // an I/O or database error; the case is unchanged
        Cancelled, // the case is unchanged
    };

    QString path;
    Outcome outcome = Outcome::Failed;
    Error error; // for Refused/Failed: what and why, naming the file
    std::string format;
    FileKind kind = FileKind::Connections;
    std::string mappingJson;
    QStringList notes;
    ImportCounts counts;
    std::int64_t sourceId = 0;
    std::string sha256;
    // Refused because the case holds the same bytes already: that source's
    // id (each front end words the way to import it again).
    std::int64_t duplicateOf = 0;
    // Wall time of each phase, for `import --verbose` and the benchmark.
    struct Timings
    {
        double readAndWrite = 0; // both stages, until the last batch is written
        double writerBusy = 0; // of that, time stage 2 spent writing
        double statistics = 0;
        double indexing = 0;
        double commit = 0;
    } timings;

    [[nodiscard]] bool imported() const noexcept { return outcome == Outcome::Imported; }
};

[[nodiscard]] std::string_view fileKindId(FileKind kind) noexcept;

// Imports one export file into a case, all or nothing.
//
// Two stages on two threads: stage 1 (a worker thread) reads and splits the
// file, parses and classifies addresses and interns strings (ImportCollector);
// stage 2 (the calling thread, which owns the case's SQLite connection) writes
// the batches inside one transaction. A bounded queue between them keeps
// memory flat. A third thread hashes the file with SHA-256 meanwhile. A cancel,
// an error or a killed process rolls the transaction back, so the case stays
// exactly as it was; review marks are never touched.
class ImportJob
{
    Q_DECLARE_TR_FUNCTIONS(ea::ImportJob)

public:
    using ProgressCallback = std::function<void(const ImportProgress &)>;

    ImportJob(CaseDatabase &database, QString path, ImportOptions options = {});

    // Called on the calling thread, at most about five times a second.
    void setProgressCallback(ProgressCallback callback) { m_progress = std::move(callback); }
    // Thread-safe; run() returns Cancelled soon after.
    void cancel() noexcept { m_cancel.store(true); }

    [[nodiscard]] ImportReport run();

private:
    // run() in named steps. The bool ones return false when the import ends
    // there (the report says why); refuseEarlyDuplicate returns true then.
    struct Run;
    [[nodiscard]] bool refuseEarlyDuplicate(Run &run, ImportReport &report);
    void writeInTransaction(Run &run, ImportReport &report);
    [[nodiscard]] bool beginWriting(Run &run, ImportReport &report);
    void runStages(Run &run, ImportReport &report);
    [[nodiscard]] bool acceptStages(Run &run, ImportReport &report);
    [[nodiscard]] bool storeStatistics(Run &run, ImportReport &report);

    CaseDatabase &m_database;
    QString m_path;
    ImportOptions m_options;
    ProgressCallback m_progress;
    std::atomic_bool m_cancel {false};
};

} // namespace ea
