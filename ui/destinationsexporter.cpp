#include "destinationsexporter.h"

#include "casesession.h"

#include "export/csvwriter.h"
#include "export/destinationsexport.h"

#include <QCoreApplication>
#include <QSaveFile>

#include <unordered_map>
#include <unordered_set>

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

// Runs write(queries, csv) on a pool thread, then saves what it wrote.
template<typename Write>
QFuture<QString> exportCsv(const CaseSession &session, const QString &path, Write write)
{
    return session
        .run([write = std::move(write)](CaseQueries &queries) {
            RowsResult<std::string> result;
            std::string out;
            CsvWriter csv(out);
            result.error = write(queries, csv);
            result.rows.push_back(std::move(out));
            return result;
        })
        .then([path](RowsResult<std::string> result) {
            return result.ok() ? writeAtomically(path, result.rows.front()) : result.error;
        });
}

} // namespace

QFuture<QString> writeDestinationsCsv(const CaseSession &session, const QString &path,
                                      ExportSelection selection)
{
    return exportCsv(session, path,
                     [selection = std::move(selection)](CaseQueries &queries, CsvWriter &csv) {
                         RowsResult<DestinationRow> all = queries.destinations({.all = true});
                         if (!all.ok())
                             return all.error;
                         writeDestinationsHeader(csv);
                         if (!selection) {
                             for (const DestinationRow &row : all.rows)
                                 writeDestinationRow(csv, row);
                             return QString();
                         }
                         std::unordered_map<std::int64_t, std::size_t> byId;
                         byId.reserve(all.rows.size());
                         for (std::size_t k = 0; k < all.rows.size(); ++k)
                             byId.emplace(all.rows[k].id, k);
                         for (const std::int64_t id : *selection) {
                             if (const auto it = byId.find(id); it != byId.end())
                                 writeDestinationRow(csv, all.rows[it->second]);
                         }
                         return QString();
                     });
}

QFuture<QString> writeSeedCsv(const CaseSession &session, const QString &path,
                              ExportSelection selection)
{
    return exportCsv(session, path,
                     [selection = std::move(selection)](CaseQueries &queries, CsvWriter &csv) {
                         std::unordered_set<std::int64_t> ids;
                         if (selection)
                             ids.insert(selection->begin(), selection->end());
                         writeSeedHeader(csv);
                         return queries.forEachSeedRow({.all = true}, [&](const SeedRow &row) {
                             if (!selection || ids.count(row.destinationId))
                                 writeSeedRow(csv, row);
                             return true;
                         });
                     });
}

} // namespace ea
