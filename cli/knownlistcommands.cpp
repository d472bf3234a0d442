#include "cli/commandline.h"
#include "cli/commands.h"
#include "cli/exitstatus.h"
#include "cli/output.h"
#include "core/csvwriter.h"
#include "core/linetext.h"
#include "core/timestamp.h"
#include "import/knownlistfile.h"
#include "storage/casedatabase.h"
#include "storage/knownlists.h"
#include "storage/marks.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>

#include <string>
#include <string_view>

namespace ea::cli {

namespace {

constexpr const char *kUsage
    = "egress-auditor-cli: usage: lists [import|remove|apply] --case C ...\n"
      "  lists --case C\n"
      "  lists import --case C --name N [--format F] [--replace] [--status S] FILE\n"
      "  lists remove --case C --name N\n"
      "  lists apply --case C --name N --status S\n";

int usage()
{
    printErr(QString::fromLatin1(kUsage));
    return kExitUsage;
}

bool statusFrom(const QString &text, ea::MarkStatus &status)
{
    const QByteArray bytes = text.toUtf8();
    return ea::markStatusFromId(utf8View(bytes), status) && status != ea::MarkStatus::Unreviewed;
}

int printLists(ea::CaseDatabase &db, const QCommandLineParser &parser)
{
    const ea::RowsResult<ea::KnownList> lists = ea::KnownLists(db).lists();
    if (!lists.ok())
        return fail(lists.error.message());
    std::string buffer;
    ea::CsvWriter csv(buffer, cellsFor(parser));
    for (std::string_view name : {"name", "format", "version", "entries", "imported_at", "source"})
        csv.field(name);
    csv.endRow();
    for (const ea::KnownList &l : lists.value) {
        csv.field(l.name);
        csv.field(l.format);
        csv.field(l.version);
        csv.field(std::to_string(l.entries));
        csv.field(ea::formatIso8601Utc(l.importedAtNs));
        csv.field(l.source);
        csv.endRow();
    }
    writeOut(buffer);
    return kExitOk;
}

int printApplied(const QString &name, const ea::KnownLists::Applied &applied)
{
    if (!applied.error.isNull())
        return fail(applied.error.message());
    printOut(QStringLiteral("list %1: %2 destinations, %3 marked, %4 updated, %5 unchanged, "
                            "%6 kept a mark not made by this list\n")
                 .arg(ea::escapedLine(name))
                 .arg(applied.matched)
                 .arg(applied.added)
                 .arg(applied.updated)
                 .arg(applied.unchanged)
                 .arg(applied.kept));
    return kExitOk;
}

} // namespace

int runLists(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Known lists: named sets of addresses and blocks, each with a label, that the\n"
        "destinations are matched against (the lists column of `destinations`).\n"
        "  lists: the case's lists as CSV: name,format,version,entries,imported_at,source.\n"
        "  lists import FILE: read a list: text (an address or block per line, # comments),\n"
        "    CSV (a cidr/network/address column, optional label), AWS ip-ranges.json,\n"
        "    Azure Service Tags JSON or Google cloud.json (told apart by content, or\n"
        "    --format). Entries that cannot be used are reported as FILE:LINE: reason.\n"
        "  lists remove: forget a list.\n"
        "  lists apply: mark the case's destinations the list holds with --status (notes\n"
        "    \"list NAME: LABEL\"); an address with a mark of its own keeps it."));
    const QCommandLineOption name(QStringLiteral("name"), QStringLiteral("The list's name."),
                                  QStringLiteral("N"));
    const QCommandLineOption format(
        QStringLiteral("format"),
        QStringLiteral("auto (default), text, csv, aws, azure or google."), QStringLiteral("F"),
        QStringLiteral("auto"));
    const QCommandLineOption replace(QStringLiteral("replace"),
                                     QStringLiteral("Replace the list of that name."));
    const QCommandLineOption status(
        QStringLiteral("status"),
        QStringLiteral("known-safe, suspicious, malicious or internal: apply it to the "
                       "destinations the list holds."),
        QStringLiteral("S"));
    parser.addOption(name);
    parser.addOption(format);
    parser.addOption(replace);
    parser.addOption(status);
    parser.addOption(rawOption());
    parser.addPositionalArgument(QStringLiteral("action"),
                                 QStringLiteral("import, remove or apply; none to list."),
                                 QStringLiteral("[import|remove|apply]"));
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("The list's file."),
                                 QStringLiteral("[FILE]"));
    if (const int s = parseCaseCommand(parser, QStringLiteral("lists"), arguments); s >= 0)
        return s;
    const QStringList args = parser.positionalArguments();
    const QString action = args.isEmpty() ? QString() : args.constFirst();
    const QByteArray listName = parser.value(name).toUtf8();

    if (action.isEmpty()) {
        if (parser.isSet(name) || parser.isSet(status) || parser.isSet(replace))
            return usage();
        std::unique_ptr<ea::CaseDatabase> db
            = openCase(parser, ea::CaseDatabase::OpenMode::ReadOnly);
        return db ? printLists(*db, parser) : kExitFailed;
    }
    if (action != QLatin1String("import") && action != QLatin1String("remove")
        && action != QLatin1String("apply"))
        return usage();
    if (!parser.isSet(name)) {
        printErr(QStringLiteral("egress-auditor-cli: lists %1 needs --name\n").arg(action));
        return kExitUsage;
    }
    if (const QString problem = ea::KnownLists::nameProblem(utf8View(listName));
        !problem.isEmpty()) {
        printErr(QStringLiteral("egress-auditor-cli: --name: %1\n").arg(problem));
        return kExitUsage;
    }
    ea::MarkStatus markStatus = ea::MarkStatus::Unreviewed;
    if ((parser.isSet(status) || action == QLatin1String("apply"))
        && !statusFrom(parser.value(status), markStatus)) {
        printErr(QStringLiteral("egress-auditor-cli: --status must be known-safe, suspicious, "
                                "malicious or internal\n"));
        return kExitUsage;
    }
    if (action != QLatin1String("import")) {
        if (args.size() != 1 || parser.isSet(replace) || parser.isSet(format)
            || (action == QLatin1String("remove") && parser.isSet(status)))
            return usage();
        std::unique_ptr<ea::CaseDatabase> db
            = openCase(parser, ea::CaseDatabase::OpenMode::OpenExisting);
        if (!db)
            return kExitFailed;
        ea::KnownLists lists(*db);
        if (action == QLatin1String("remove")) {
            if (const ea::Error error = lists.remove(utf8View(listName)))
                return fail(error.message());
            return kExitOk;
        }
        return printApplied(parser.value(name), lists.applyStatus(utf8View(listName), markStatus));
    }

    if (args.size() != 2)
        return usage();
    ea::KnownListFormat listFormat = ea::KnownListFormat::Auto;
    const QByteArray formatId = parser.value(format).toUtf8();
    if (!ea::knownListFormatFromId(utf8View(formatId), listFormat)) {
        printErr(QStringLiteral(
            "egress-auditor-cli: --format must be auto, text, csv, aws, azure or google\n"));
        return kExitUsage;
    }
    const QString file = args.at(1);
    const QString shown = ea::quotedName(QDir::toNativeSeparators(file));
    // Read before the case opens: a file that cannot be read leaves no case
    // behind.
    const ea::KnownListFile read = ea::KnownListFile::read(file, listFormat);
    if (!read.ok())
        return fail(read.error.message());
    for (const ea::KnownListFile::Problem &p : read.problems) {
        if (p.line > 0)
            printErr(QStringLiteral("%1:%2: %3\n")
                         .arg(shown)
                         .arg(p.line)
                         .arg(ea::escapedLine(p.reason)));
        else
            printErr(QStringLiteral("%1: %2\n").arg(shown, ea::escapedLine(p.reason)));
    }
    if (read.rejected > std::int64_t(read.problems.size()))
        printErr(QStringLiteral("%1: %2 more rejected entries not shown\n")
                     .arg(shown)
                     .arg(read.rejected - std::int64_t(read.problems.size())));
    if (read.entries.empty())
        return fail(QStringLiteral("%1: no usable address or block").arg(shown));
    bool created = false;
    std::unique_ptr<ea::CaseDatabase> db
        = openCase(parser, ea::CaseDatabase::OpenMode::CreateIfMissing, &created);
    if (!db)
        return kExitFailed;
    ea::KnownLists lists(*db);
    const std::string source = QFileInfo(file).absoluteFilePath().toStdString();
    const ea::Result<std::int64_t> stored
        = lists.store(utf8View(listName),
                      {source, ea::knownListFormatId(read.format), read.version, read.entries},
                      parser.isSet(replace));
    if (!stored.ok()) {
        if (created)
            (void)ea::CaseDatabase::removeIfUnused(std::move(db));
        return fail(stored.error.message());
    }
    printOut(QStringLiteral("%1: list %2 (%3%4): %5 blocks, %6 listed twice, %7 rejected\n")
                 .arg(shown, ea::escapedLine(parser.value(name)),
                      QString::fromLatin1(ea::knownListFormatId(read.format)),
                      read.version.empty()
                          ? QString()
                          : QStringLiteral(", version %1")
                                .arg(ea::escapedLine(QString::fromStdString(read.version))))
                 .arg(read.entries.size())
                 .arg(read.duplicates)
                 .arg(read.rejected));
    if (parser.isSet(status)) {
        if (const int s
            = printApplied(parser.value(name), lists.applyStatus(utf8View(listName), markStatus));
            s != kExitOk)
            return s;
    }
    return read.rejected == 0 ? kExitOk : kExitFailed;
}

} // namespace ea::cli
