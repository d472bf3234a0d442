#include "cli/commandline.h"
#include "cli/commands.h"
#include "cli/exitstatus.h"
#include "cli/output.h"
#include "core/csvwriter.h"
#include "core/linetext.h"
#include "core/timestamp.h"
#include "ingest/ownerlookup.h"
#include "storage/casedatabase.h"
#include "storage/owners.h"

#include <QCommandLineParser>
#include <QDir>

#include <limits>
#include <string>

namespace ea::cli {

namespace {

// A database's build time (seconds since 1970) as ISO 8601; empty for one no
// clock reads (a damaged file or case).
std::string builtText(std::int64_t epoch)
{
    constexpr std::int64_t kMaxSeconds = std::numeric_limits<std::int64_t>::max() / 1'000'000'000;
    return epoch >= 0 && epoch <= kMaxSeconds ? ea::formatIso8601Utc(epoch * 1'000'000'000)
                                              : std::string();
}

int printSources(ea::CaseDatabase &db, const QCommandLineParser &parser)
{
    const ea::RowsResult<ea::OwnerSource> sources = ea::Owners(db).sources();
    if (!sources.ok())
        return fail(sources.error.message());
    std::string buffer;
    ea::CsvWriter csv(buffer, cellsFor(parser));
    for (std::string_view name : {"rank", "database", "built", "looked_up_at", "path"})
        csv.field(name);
    csv.endRow();
    for (const ea::OwnerSource &s : sources.value) {
        csv.field(std::to_string(s.rank));
        csv.field(s.name);
        csv.field(builtText(s.buildEpoch));
        csv.field(ea::formatIso8601Utc(s.lookedUpAtNs));
        csv.field(s.path);
        csv.endRow();
    }
    writeOut(buffer);
    return kExitOk;
}

} // namespace

int runOwners(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Who holds each destination: its country, AS number and AS organisation (the\n"
        "country, asn and as_org columns of `destinations`), looked up in MaxMind-format\n"
        "databases (.mmdb: GeoLite2 Country/City/ASN, DB-IP lite, IPinfo lite) and kept\n"
        "in the case, so that it shows them where the databases are not at hand.\n"
        "  owners --case C: the databases of the stored look-ups as CSV:\n"
        "    rank,database,built,looked_up_at,path\n"
        "  owners --case C --mmdb FILE [--mmdb FILE]...: look the destinations up. Each\n"
        "    field comes from the first database given that has it. Only destinations\n"
        "    added since the last look-up with the same database builds are looked up.\n"
        "    A database that is not there is a hint on stderr, not an error; with one\n"
        "    missing, a case whose owners came from a set that included it keeps them.\n"
        "  owners --case C --clear: forget the stored owners and databases."));
    const QCommandLineOption mmdb(QStringLiteral("mmdb"),
                                  QStringLiteral("A MaxMind-format database (repeatable)."),
                                  QStringLiteral("FILE"));
    parser.addOption(mmdb);
    const QCommandLineOption clear(QStringLiteral("clear"),
                                   QStringLiteral("Forget the stored owners and databases."));
    parser.addOption(clear);
    parser.addOption(rawOption());
    if (const int s = parseCaseCommand(parser, QStringLiteral("owners"), arguments); s >= 0)
        return s;
    if (const int s = refuseArguments(parser, QStringLiteral("owners")); s >= 0)
        return s;
    if (parser.isSet(clear)) {
        if (parser.isSet(mmdb)) {
            printErr(QStringLiteral("egress-auditor-cli: owners: --clear takes no --mmdb\n"));
            return kExitUsage;
        }
        std::unique_ptr<ea::CaseDatabase> db
            = openCase(parser, ea::CaseDatabase::OpenMode::OpenExisting);
        if (!db)
            return kExitFailed;
        if (const ea::Error error = ea::Owners(*db).clear())
            return fail(error.message());
        return kExitOk;
    }
    if (!parser.isSet(mmdb)) {
        std::unique_ptr<ea::CaseDatabase> db
            = openCase(parser, ea::CaseDatabase::OpenMode::ReadOnly);
        return db ? printSources(*db, parser) : kExitFailed;
    }
    std::unique_ptr<ea::CaseDatabase> db
        = openCase(parser, ea::CaseDatabase::OpenMode::OpenExisting);
    if (!db)
        return kExitFailed;
    const ea::Result<ea::OwnerLookup::Report> report
        = ea::OwnerLookup::run(*db, parser.values(mmdb));
    if (!report.ok())
        return fail(report.error.message());
    for (const QString &missing : report.value.missing)
        printErr(QStringLiteral("egress-auditor-cli: hint: %1: no such database file; skipped\n")
                     .arg(ea::quotedName(QDir::toNativeSeparators(missing))));
    if (report.value.upToDate) {
        printOut(QStringLiteral("owners: up to date (no destination and no database new since "
                                "the last look-up)\n"));
        return kExitOk;
    }
    if (report.value.databases.empty()) {
        printErr(QStringLiteral("egress-auditor-cli: hint: nothing looked up; the case keeps "
                                "the owners it has\n"));
        return kExitOk;
    }
    QStringList names;
    for (const ea::OwnerSource &s : report.value.databases)
        names.push_back(QStringLiteral("%1 (built %2)")
                            .arg(ea::escapedLine(QString::fromStdString(s.name)),
                                 QString::fromStdString(builtText(s.buildEpoch))));
    printOut(QStringLiteral("owners: %1 destinations looked up%2, %3 with an owner; %4\n")
                 .arg(report.value.stored.lookedUp)
                 .arg(report.value.stored.replaced ? QStringLiteral(" (all)")
                                                   : QStringLiteral(" (new since the last)"))
                 .arg(report.value.stored.found)
                 .arg(names.join(QStringLiteral(", "))));
    return kExitOk;
}

} // namespace ea::cli
