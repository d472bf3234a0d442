#include "destinationsexporter.h"

#include "casesession.h"

#include "export/csvwriter.h"
#include "export/destinationsexport.h"

#include <QCoreApplication>
#include <QSaveFile>

namespace ea {

namespace {

QString writeAtomically(const QString &path, const std::string &data)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)
        || file.write(data.data(), qint64(data.size())) != qint64(data.size()) || !file.commit())
        return QCoreApplication::translate("ea::DestinationsExporter", "Cannot write %1: %2")
            .arg(path, file.errorString());
    return {};
}

} // namespace

QString writeDestinationsCsv(const QString &path, std::span<const DestinationRow> rows)
{
    std::string out;
    CsvWriter csv(out);
    writeDestinationsHeader(csv);
    for (const DestinationRow &row : rows)
        writeDestinationRow(csv, row);
    return writeAtomically(path, out);
}

QFuture<QString> writeSeedCsv(const CaseSession &session, const QString &path,
                              std::unordered_set<std::int64_t> destinationIds)
{
    return session
        .run([ids = std::move(destinationIds)](CaseQueries &queries) {
            RowsResult<std::string> result;
            std::string out;
            CsvWriter csv(out);
            writeSeedHeader(csv);
            result.error = queries.forEachSeedRow({.all = true}, [&](const SeedRow &row) {
                if (ids.count(row.destinationId))
                    writeSeedRow(csv, row);
                return true;
            });
            result.rows.push_back(std::move(out));
            return result;
        })
        .then([path](RowsResult<std::string> result) {
            return result.ok() ? writeAtomically(path, result.rows.front()) : result.error;
        });
}

} // namespace ea
