#include "destinationsexporter.h"

#include "casesession.h"

#include "core/csvwriter.h"
#include "core/exportfile.h"
#include "export/destinationsexport.h"

#include <unordered_set>

namespace ea {

namespace {

// What an export's pool-thread work hands back: CaseSession::run() reports a
// failure to open the case through `error`.
struct Written
{
    Error error;
};

// Runs write(queries, csv, flush) on a pool thread, streaming what it writes
// to path in pieces of about 64 KiB through ExportFile (never over the case or
// its journal, every write checked, the old file kept on failure).
template<typename Write>
QFuture<QString> exportCsv(const CaseSession &session, const QString &path, Write write)
{
    return session
        .run([path, casePath = session.path(), write = std::move(write)](CaseQueries &queries) {
            Written result;
            ExportFile file(path, casePath);
            if (!file.open()) {
                result.error = file.error();
                return result;
            }
            std::string out;
            CsvWriter csv(out);
            // Called after each row: false once the file cannot be written.
            auto flush = [&](bool always) {
                if (!always && out.size() < (1 << 16))
                    return true;
                const bool ok = file.write(out);
                out.clear();
                return ok;
            };
            QString error = write(queries, csv, flush);
            if (error.isEmpty() && (!flush(true) || !file.commit()))
                error = file.error().message();
            if (!error.isEmpty()) {
                file.cancel();
                result.error = Error(error);
            }
            return result;
        })
        .then([](const Written &result) { return result.error.message(); });
}

} // namespace

QFuture<QString> writeDestinationsCsv(const CaseSession &session, const QString &path,
                                      ExportSelection selection)
{
    return exportCsv(
        session, path,
        [selection = std::move(selection)](CaseQueries &queries, CsvWriter &csv, auto &flush) {
            writeDestinationsHeader(csv);
            if (!selection) {
                bool written = true;
                const Result<void> listed = queries.forEachDestination(
                    {.all = true, .withLists = true}, [&](const DestinationRow &row) {
                        writeDestinationRow(csv, row);
                        return written = flush(false);
                    });
                return written ? listed.error.message() : QString();
            }
            // The rows in view: the GUI's model holds them already.
            RowsResult<DestinationRow> rows = queries.destinationsByIds(*selection, true);
            if (!rows.ok())
                return rows.error.message();
            for (const DestinationRow &row : rows.value) {
                writeDestinationRow(csv, row);
                if (!flush(false))
                    break;
            }
            return QString();
        });
}

QFuture<QString> writeSeedCsv(const CaseSession &session, const QString &path,
                              ExportSelection selection)
{
    return exportCsv(
        session, path,
        [selection = std::move(selection)](CaseQueries &queries, CsvWriter &csv, auto &flush) {
            std::unordered_set<std::int64_t> ids;
            if (selection)
                ids.insert(selection->begin(), selection->end());
            writeSeedHeader(csv);
            bool written = true;
            const Result<void> listed
                = queries.forEachSeedRow({.all = true}, [&](const SeedRow &row) {
                      if (!selection || ids.count(row.destinationId))
                          writeSeedRow(csv, row);
                      return written = flush(false);
                  });
            return written ? listed.error.message() : QString();
        });
}

} // namespace ea
