#include "cli/commandline.h"
#include "cli/commands.h"
#include "cli/exitstatus.h"
#include "cli/output.h"
#include "core/linetext.h"
#include "core/text.h"
#include "import/fieldmapping.h"
#include "ingest/importjob.h"
#include "storage/casedatabase.h"

#include <QCommandLineParser>
#include <QDir>
#include <QStringList>

#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

namespace ea::cli {

namespace {

// The keys of --map K=COLUMN, "dst, port, ...", in the field-role table's order.
QString mapKeys()
{
    QStringList keys;
    for (std::size_t k = 0; k < ea::kFieldRoleCount; ++k)
        keys.append(ea::toQString(ea::fieldRoleId(ea::FieldRole(k))));
    return keys.join(QStringLiteral(", "));
}

} // namespace

int runImport(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Import connection, processes or hosts exports into a case; the case is created if\n"
        "missing. Each file is imported all or nothing. Prints per file: format, rows read,\n"
        "loaded, rejected, skipped. Exit status: 0 all imported, 1 a file was refused or\n"
        "failed, 2 usage error."));
    const QCommandLineOption map(
        QStringLiteral("map"),
        QStringLiteral("Use COLUMN for K, one of %1 (repeatable).").arg(mapKeys()),
        QStringLiteral("K=COLUMN"));
    parser.addOption(map);
    const QCommandLineOption force(QStringLiteral("force"),
                                   QStringLiteral("Import a file even if its SHA-256 is already "
                                                  "in the case."));
    parser.addOption(force);
    const QCommandLineOption verbose(QStringLiteral("verbose"),
                                     QStringLiteral("Also print each phase's time on stderr."));
    parser.addOption(verbose);
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("Export files."),
                                 QStringLiteral("FILE..."));
    if (const int status = parseCaseCommand(parser, QStringLiteral("import"), arguments);
        status >= 0)
        return status;
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty()) {
        printErr(QStringLiteral("egress-auditor-cli: import needs at least one FILE\n"));
        return kExitUsage;
    }

    ea::ImportOptions options;
    options.force = parser.isSet(force);
    for (const QString &value : parser.values(map)) {
        const qsizetype eq = value.indexOf(QLatin1Char('='));
        const QByteArray key = value.left(eq).toUtf8();
        const auto role = eq > 0 ? ea::fieldRoleFromId(utf8View(key)) : std::nullopt;
        if (!role || eq + 1 >= value.size()) {
            printErr(QStringLiteral("egress-auditor-cli: --map expects K=COLUMN with K one of %1; "
                                    "got '%2'\n")
                         .arg(mapKeys(), value));
            return kExitUsage;
        }
        options.overrides.push_back({*role, value.mid(eq + 1).toStdString()});
    }

    bool created = false;
    std::unique_ptr<ea::CaseDatabase> db
        = openCase(parser, ea::CaseDatabase::OpenMode::CreateIfMissing, &created);
    if (!db)
        return kExitFailed;

    bool anyImported = false;
    const bool showProgress = ::isatty(STDERR_FILENO) == 1;
    int status = kExitOk;
    for (const QString &file : files) {
        const QString name = ea::quotedName(QDir::toNativeSeparators(file));
        ea::ImportJob job(*db, file, options);
        if (showProgress) {
            job.setProgressCallback([&name](const ea::ImportProgress &p) {
                const int percent = p.bytesTotal > 0
                    ? int(std::min<std::int64_t>(100, p.bytesDone * 100 / p.bytesTotal))
                    : 0;
                printErr(QStringLiteral("\r%1: %2% (%3 rows)").arg(name).arg(percent).arg(p.rows));
            });
        }
        const ea::ImportReport report = job.run();
        if (showProgress)
            printErr(QStringLiteral("\r\x1b[K"));
        for (const QString &note : report.notes)
            printErr(QStringLiteral("egress-auditor-cli: %1: note: %2\n")
                         .arg(name, ea::escapedLine(note)));
        if (!report.imported()) {
            printErr(QStringLiteral("egress-auditor-cli: %1\n")
                         .arg(report.outcome == ea::ImportReport::Outcome::Cancelled
                                  ? QStringLiteral("%1: cancelled").arg(name)
                                  : ea::escapedLine(report.error.message())));
            status = kExitFailed;
            continue;
        }
        anyImported = true;
        printOut(QStringLiteral("%1: format %2 (%3), read %4, loaded %5, rejected %6, skipped %7\n")
                     .arg(name, QString::fromStdString(report.format),
                          ea::toQString(ea::fileKindId(report.kind)))
                     .arg(report.counts.read)
                     .arg(report.counts.loaded)
                     .arg(report.counts.rejected)
                     .arg(report.counts.skipped));
        flushOut();
        if (parser.isSet(verbose)) {
            const auto &t = report.timings;
            printErr(QStringLiteral("%1: read+write %2 s (writer busy %3 s), statistics %4 s, "
                                    "indexing %5 s, commit %6 s\n")
                         .arg(name)
                         .arg(t.readAndWrite, 0, 'f', 2)
                         .arg(t.writerBusy, 0, 'f', 2)
                         .arg(t.statistics, 0, 'f', 2)
                         .arg(t.indexing, 0, 'f', 2)
                         .arg(t.commit, 0, 'f', 2));
        }
    }
    // Nothing imported into a case this run made: leave no empty case behind
    // (a case that existed before is never removed).
    if (created && !anyImported)
        (void)ea::CaseDatabase::removeIfUnused(std::move(db));
    return status;
}

} // namespace ea::cli
