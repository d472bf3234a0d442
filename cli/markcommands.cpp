#include "cli/commandline.h"
#include "cli/commands.h"
#include "cli/exitstatus.h"
#include "cli/output.h"
#include "core/csvwriter.h"
#include "core/linetext.h"
#include "core/timestamp.h"
#include "review/allowlist.h"
#include "storage/casedatabase.h"
#include "storage/marks.h"

#include <QCommandLineParser>
#include <QDir>

#include <string>
#include <string_view>

namespace ea::cli {

int runMark(const QStringList &arguments, bool remove)
{
    const QString command = remove ? QStringLiteral("unmark") : QStringLiteral("mark");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        remove ? QStringLiteral("Remove the mark on exactly this address or CIDR block.")
               : QStringLiteral("Mark an address or CIDR block. The most specific mark wins; "
                                "marks apply at once to every query."));
    const QCommandLineOption status(
        QStringLiteral("status"), QStringLiteral("known-safe, suspicious, malicious or internal."),
        QStringLiteral("S"));
    const QCommandLineOption note(QStringLiteral("note"), QStringLiteral("A note."),
                                  QStringLiteral("N"));
    if (!remove) {
        parser.addOption(status);
        parser.addOption(note);
    }
    parser.addPositionalArgument(
        QStringLiteral("target"),
        QStringLiteral("Address or CIDR block (10.0.0.0/8, 2001:db8::/32)."),
        QStringLiteral("TARGET"));
    if (const int s = parseCaseCommand(parser, command, arguments); s >= 0)
        return s;
    if (parser.positionalArguments().size() != 1) {
        printErr(QStringLiteral("egress-auditor-cli: %1 needs exactly one TARGET\n").arg(command));
        return kExitUsage;
    }
    const QByteArray target = parser.positionalArguments().constFirst().toUtf8();
    const ea::MarkTarget parsed = ea::Marks::parseTarget(utf8View(target));
    if (!parsed.ok()) {
        printErr(QStringLiteral("egress-auditor-cli: %1\n").arg(parsed.error.message()));
        return kExitUsage;
    }
    ea::MarkStatus markStatus = ea::MarkStatus::Unreviewed;
    if (!remove) {
        const QByteArray s = parser.value(status).toUtf8();
        if (!ea::markStatusFromId(utf8View(s), markStatus)
            || markStatus == ea::MarkStatus::Unreviewed) {
            printErr(QStringLiteral("egress-auditor-cli: --status must be known-safe, suspicious, "
                                    "malicious or internal (use unmark to clear)\n"));
            return kExitUsage;
        }
    }
    std::unique_ptr<ea::CaseDatabase> db
        = openCase(parser, ea::CaseDatabase::OpenMode::OpenExisting);
    if (!db)
        return kExitFailed;
    ea::Marks marks(*db);
    // unmark has no --note: asking the parser for it would print a Qt warning.
    const QByteArray noteText = remove ? QByteArray() : parser.value(note).toUtf8();
    const ea::Marks::Result result = remove
        ? marks.removeMark(parsed.cidr)
        : marks.setMark(parsed.cidr, markStatus, utf8View(noteText));
    if (!result.ok())
        return fail(result.error.message());

    return kExitOk;
}

int runMarks(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "List the marks as CSV: cidr,status,note,created_at,updated_at (address order)."));
    parser.addOption(rawOption());
    if (const int s = parseCaseCommand(parser, QStringLiteral("marks"), arguments); s >= 0)
        return s;
    if (const int s = refuseArguments(parser, QStringLiteral("marks")); s >= 0)
        return s;
    std::unique_ptr<ea::CaseDatabase> db = openCase(parser, ea::CaseDatabase::OpenMode::ReadOnly);
    if (!db)
        return kExitFailed;
    ea::Marks marks(*db);
    const ea::RowsResult<ea::Mark> rows = marks.marks();
    if (!rows.ok())
        return fail(rows.error.message());

    std::string buffer;
    ea::CsvWriter csv(buffer, cellsFor(parser));
    for (std::string_view name : {"cidr", "status", "note", "created_at", "updated_at"})
        csv.field(name);
    csv.endRow();
    for (const ea::Mark &m : rows.value) {
        csv.field(m.cidrText);
        csv.field(ea::markStatusId(m.status));
        csv.field(m.note);
        csv.field(ea::formatIso8601Utc(m.createdAtNs));
        csv.field(ea::formatIso8601Utc(m.updatedAtNs));
        csv.endRow();
    }
    writeOut(buffer);
    return kExitOk;
}

int runAllowlist(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "import: apply an allowlist CSV (cidr,status,note) to the case's marks; rows that\n"
        "cannot be used are reported as FILE:LINE: reason. A cell the export neutralised\n"
        "(a leading apostrophe) is read back as it was; --raw reads every cell unchanged,\n"
        "for files written with export --raw.\n"
        "export: write the case's marks as such a CSV (atomically; never over the case or\n"
        "its journal, nor over a file that is not a regular file)."));
    parser.addOption(rawOption());
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("import or export."),
                                 QStringLiteral("import|export"));
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("The allowlist file."),
                                 QStringLiteral("FILE"));
    if (const int s = parseCaseCommand(parser, QStringLiteral("allowlist"), arguments); s >= 0)
        return s;
    const QStringList args = parser.positionalArguments();
    if (args.size() != 2
        || (args.at(0) != QLatin1String("import") && args.at(0) != QLatin1String("export"))) {
        printErr(
            QStringLiteral("egress-auditor-cli: usage: allowlist import|export --case C FILE\n"));
        return kExitUsage;
    }
    const bool importing = args.at(0) == QLatin1String("import");
    bool created = false;
    std::unique_ptr<ea::CaseDatabase> db
        = openCase(parser,
                   importing ? ea::CaseDatabase::OpenMode::CreateIfMissing
                             : ea::CaseDatabase::OpenMode::ReadOnly,
                   &created);
    if (!db)
        return kExitFailed;
    const QString file = args.at(1);
    const QString name = ea::quotedName(QDir::toNativeSeparators(file));
    if (!importing) {
        const ea::Allowlist::ExportResult result
            = ea::Allowlist::exportFile(*db, file, cellsFor(parser));
        if (!result.ok())
            return fail(result.error.message());

        printOut(QStringLiteral("%1: %2 marks written\n").arg(name).arg(result.rows));
        return kExitOk;
    }
    const ea::Allowlist::ImportResult result
        = ea::Allowlist::importFile(*db, file, cellsFor(parser));
    // Like import: a refused file leaves no case behind that this run made.
    if (created && !result.ok())
        (void)ea::CaseDatabase::removeIfUnused(std::move(db));
    if (!result.ok())
        return fail(result.error.message());

    for (const ea::Allowlist::Problem &p : result.problems)
        printErr(
            QStringLiteral("%1:%2: %3\n").arg(name).arg(p.line).arg(ea::escapedLine(p.reason)));
    printOut(QStringLiteral("%1: %2 rows, %3 added, %4 updated, %5 unchanged, %6 rejected\n")
                 .arg(name)
                 .arg(result.rows)
                 .arg(result.added)
                 .arg(result.updated)
                 .arg(result.unchanged)
                 .arg(result.problems.size()));
    return result.problems.empty() ? kExitOk : kExitFailed;
}

} // namespace ea::cli
