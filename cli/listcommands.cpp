#include "address/ipaddress.h"
#include "cli/commandline.h"
#include "cli/commands.h"
#include "cli/exitstatus.h"
#include "cli/output.h"
#include "core/csvwriter.h"
#include "core/linetext.h"
#include "core/text.h"
#include "core/timestamp.h"
#include "export/destinationsexport.h"
#include "export/destinationstable.h"
#include "storage/casedatabase.h"
#include "storage/casequeries.h"
#include "storage/sqlite.h"

#include <QCommandLineParser>

#include <string>
#include <string_view>

namespace ea::cli {

int runDestinations(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "List destinations. Default: external ones only (category global, teredo or 6to4,\n"
        "and not marked internal) as CSV with the header\n"
        "address,expanded,family,category,external,status,connections,processes,hosts,\n"
        "ports,first_seen,last_seen,note,bytes_out,bytes_in,direction,lists,country,asn,\n"
        "as_org\n"
        "sorted by connections (most first), then address. --format seed writes the old\n"
        "query's expanded_address,dst_addr,process_uuid; --format table a text table."));
    const QCommandLineOption all(QStringLiteral("all"), QStringLiteral("Every destination."));
    parser.addOption(all);
    const QCommandLineOption format(QStringLiteral("format"),
                                    QStringLiteral("csv (default), seed or table."),
                                    QStringLiteral("F"), QStringLiteral("csv"));
    parser.addOption(format);
    parser.addOption(rawOption());
    if (const int status = parseCaseCommand(parser, QStringLiteral("destinations"), arguments);
        status >= 0)
        return status;
    if (const int status = refuseArguments(parser, QStringLiteral("destinations")); status >= 0)
        return status;
    const QString f = parser.value(format);
    if (f != QLatin1String("csv") && f != QLatin1String("seed") && f != QLatin1String("table")) {
        printErr(QStringLiteral("egress-auditor-cli: --format must be csv, seed or table\n"));
        return kExitUsage;
    }
    std::unique_ptr<ea::CaseDatabase> db = openCase(parser, ea::CaseDatabase::OpenMode::ReadOnly);
    if (!db)
        return kExitFailed;

    ea::CaseQueries queries(*db);
    // The lists column is the CSV's (the table has none).
    const ea::QueryOptions options {parser.isSet(all), f == QLatin1String("csv")};
    std::string buffer;
    ea::CsvWriter csv(buffer, cellsFor(parser));
    if (f == QLatin1String("seed")) {
        ea::writeSeedHeader(csv);
        const ea::Result<> done = queries.forEachSeedRow(options, [&](const ea::SeedRow &row) {
            ea::writeSeedRow(csv, row);
            return writeOutIfFull(buffer);
        });
        writeOut(buffer);
        if (!done.ok())
            return fail(done.error.message());

        return kExitOk;
    }
    // Every format streams: memory stays flat however many destinations.
    ea::Result<> done;
    if (f == QLatin1String("table")) {
        // Two passes: the column widths (any order will do), then the rows.
        ea::DestinationsTable table;
        done = queries.forEachDestination(
            options,
            [&table](const ea::DestinationRow &row) {
                table.measure(row);
                return true;
            },
            ea::CaseQueries::RowOrder::Any);
        if (!done.ok())
            return fail(done.error.message());
        table.writeHeader(buffer);
        done = queries.forEachDestination(options, [&](const ea::DestinationRow &row) {
            table.writeRow(buffer, row);
            return writeOutIfFull(buffer);
        });
    } else {
        ea::writeDestinationsHeader(csv);
        done = queries.forEachDestination(options, [&](const ea::DestinationRow &row) {
            ea::writeDestinationRow(csv, row);
            return writeOutIfFull(buffer);
        });
    }
    writeOut(buffer);
    if (!done.ok())
        return fail(done.error.message());

    return kExitOk;
}

int runProcesses(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "List the processes that contacted a destination, most connections first, as CSV:\n"
        "process,key,pid,path,host,connections,first_seen,last_seen,bytes_out,bytes_in\n"
        "where process reads like \"/usr/bin/curl (pid 4242) on web-03\" when processes and\n"
        "hosts exports were imported into the case. bytes_out and bytes_in are empty where\n"
        "no event named them."));
    parser.addOption(rawOption());
    parser.addPositionalArgument(QStringLiteral("address"), QStringLiteral("The destination."),
                                 QStringLiteral("ADDRESS"));
    if (const int s = parseCaseCommand(parser, QStringLiteral("processes"), arguments); s >= 0)
        return s;
    if (parser.positionalArguments().size() != 1) {
        printErr(QStringLiteral("egress-auditor-cli: processes needs exactly one ADDRESS\n"));
        return kExitUsage;
    }
    const QByteArray text = parser.positionalArguments().constFirst().toUtf8();
    const ea::ParseResult address = ea::parseAddress(utf8View(text));
    if (!address.ok()) {
        printErr(
            QStringLiteral("egress-auditor-cli: %1: %2\n")
                .arg(QString::fromUtf8(text), ea::toQString(ea::parseErrorText(address.error))));
        return kExitUsage;
    }
    std::unique_ptr<ea::CaseDatabase> db = openCase(parser, ea::CaseDatabase::OpenMode::ReadOnly);
    if (!db)
        return kExitFailed;
    // One read transaction: the shared lock is taken once, not per event.
    ea::Transaction read(db->db(), ea::Transaction::Mode::Deferred);
    if (!read.isActive())
        return fail(db->lastError());
    ea::CaseQueries queries(*db);
    std::string buffer;
    ea::CsvWriter csv(buffer, cellsFor(parser));
    for (std::string_view name : {"process", "key", "pid", "path", "host", "connections",
                                  "first_seen", "last_seen", "bytes_out", "bytes_in"})
        csv.field(name);
    csv.endRow();
    if (const auto id = queries.destinationId(address.address)) {
        const ea::RowsResult<ea::ProcessRow> rows = queries.processesOf(*id);
        if (!rows.ok())
            return fail(rows.error.message());

        for (const ea::ProcessRow &row : rows.value) {
            csv.field(ea::processLabel(row));
            csv.field(row.key);
            csv.field(row.pid);
            csv.field(row.path);
            csv.field(!row.hostname.empty() ? row.hostname : row.hostKey);
            csv.field(std::to_string(row.connections));
            csv.field(row.firstNs ? ea::formatIso8601Utc(*row.firstNs) : std::string());
            csv.field(row.lastNs ? ea::formatIso8601Utc(*row.lastNs) : std::string());
            csv.field(row.bytesOut >= 0 ? std::to_string(row.bytesOut) : std::string());
            csv.field(row.bytesIn >= 0 ? std::to_string(row.bytesIn) : std::string());
            csv.endRow();
        }
    }
    writeOut(buffer);
    return kExitOk;
}

int runRejected(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("List every rejected row of every import as FILE:LINE: reason."));
    if (const int s = parseCaseCommand(parser, QStringLiteral("rejected"), arguments); s >= 0)
        return s;
    if (const int s = refuseArguments(parser, QStringLiteral("rejected")); s >= 0)
        return s;
    std::unique_ptr<ea::CaseDatabase> db = openCase(parser, ea::CaseDatabase::OpenMode::ReadOnly);
    if (!db)
        return kExitFailed;
    ea::CaseQueries queries(*db);
    std::string buffer;
    const ea::Result<> done = queries.forEachRejected([&](const ea::RejectedRow &row) {
        // The path and reason come from the case: neither may forge a line.
        buffer += ea::quotedName(row.sourcePath);
        buffer += ':';
        buffer += std::to_string(row.line);
        buffer += ": ";
        buffer += ea::escapedLine(row.reason);
        buffer += '\n';
        return writeOutIfFull(buffer);
    });
    writeOut(buffer);
    if (!done.ok())
        return fail(done.error.message());

    return kExitOk;
}

} // namespace ea::cli
