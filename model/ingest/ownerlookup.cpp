#include "ingest/ownerlookup.h"

#include "import/mmdbfile.h"

#include <QFileInfo>

#include <algorithm>
#include <memory>

namespace ea {

namespace {

// Report::upToDate, from the stored sources and the files' times. A file
// replaced while a look-up read it (seconds) is seen at the next import.
bool upToDate(CaseDatabase &database, const QStringList &paths)
{
    Owners owners(database);
    const RowsResult<OwnerSource> stored = owners.sources();
    if (!stored.ok() || stored.value.empty() || stored.value.size() != std::size_t(paths.size()))
        return false;
    std::int64_t through = stored.value.front().throughId;
    for (std::size_t k = 0; k < stored.value.size(); ++k) {
        const OwnerSource &source = stored.value[k];
        const QFileInfo file(paths[qsizetype(k)]);
        if (!file.isFile() || file.absoluteFilePath().toStdString() != source.path
            || file.lastModified().toMSecsSinceEpoch() * 1'000'000 > source.lookedUpAtNs)
            return false;
        through = std::min(through, source.throughId);
    }
    return !owners.hasDestinationsAfter(through);
}

} // namespace

Result<OwnerLookup::Report> OwnerLookup::run(CaseDatabase &database, const QStringList &paths,
                                             const std::atomic_bool *cancel)
{
    Report report;
    if (upToDate(database, paths)) {
        report.upToDate = true;
        return report;
    }
    std::vector<std::unique_ptr<MmdbFile>> files;
    for (const QString &path : paths) {
        Result<std::unique_ptr<MmdbFile>> file = MmdbFile::open(path);
        if (!file.ok()) {
            if (file.error.code() != Error::Code::NotFound)
                return file.error;
            report.missing.push_back(path);
            continue;
        }
        OwnerSource source;
        source.rank = std::int64_t(files.size());
        source.name = file.value->databaseType();
        source.buildEpoch = file.value->buildEpoch();
        source.path = QFileInfo(path).absoluteFilePath().toStdString();
        report.databases.push_back(std::move(source));
        files.push_back(std::move(file.value));
    }
    if (files.empty())
        return report;
    if (!report.missing.isEmpty()) {
        // Half the databases would replace what the whole set found: a case
        // that has owners keeps them until every database is at hand, unless
        // those found are the ones it was looked up in (then the new
        // destinations are looked up as usual).
        const RowsResult<OwnerSource> stored = Owners(database).sources();
        if (!stored.ok())
            return stored.error;
        const bool same
            = std::equal(stored.value.begin(), stored.value.end(), report.databases.begin(),
                         report.databases.end(), [](const OwnerSource &a, const OwnerSource &b) {
                             return a.sameVersion(b);
                         });
        if (!stored.value.empty() && !same) {
            report.databases.clear();
            return report;
        }
    }

    OwnerInfo info;
    const Owners::LookUp lookUp = [&](const IpAddress &address, DestinationOwner &owner) {
        for (std::size_t k = 0; k < files.size(); ++k) {
            if (Error error = files[k]->lookup(address, info))
                return error;
            if (!info.found)
                continue;
            // Each answer checked before it is chosen: a value the case
            // would not store never hides a later database's good one.
            if (owner.country.empty() && Owners::isStoredCountry(info.country)) {
                owner.country = info.country;
                owner.countrySource = std::int64_t(k);
            }
            // The AS number and its organisation come together, from one
            // database.
            const bool asn = info.asn != 0 && Owners::isStoredAsn(info.asn);
            const bool organisation
                = !info.organisation.empty() && Owners::isStoredOrganisation(info.organisation);
            if (owner.asnSource < 0 && (asn || organisation)) {
                owner.asn = asn ? info.asn : 0;
                owner.organisation = organisation ? info.organisation : std::string();
                owner.asnSource = std::int64_t(k);
            }
        }
        return Error();
    };
    Result<Owners::Stored> stored = Owners(database).update(report.databases, lookUp, cancel);
    if (!stored.ok())
        return stored.error;
    report.stored = stored.value;
    return report;
}

} // namespace ea
