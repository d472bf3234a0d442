#include "cli/commandline.h"

#include "cli/exitstatus.h"
#include "cli/output.h"

#include <QByteArray>
#include <QCommandLineParser>

#include <cstdio>

namespace ea::cli {

int parseCommand(QCommandLineParser &parser, const QString &command, const QStringList &arguments)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    parser.addOption(help);
    if (!parser.parse(arguments)) {
        printErr(QStringLiteral("egress-auditor-cli: %1\n").arg(parser.errorText()));
        return kExitUsage;
    }
    if (parser.isSet(help)) {
        // helpText() names the program from argv[0]; name the subcommand too.
        QString text = parser.helpText();
        text.replace(0, text.indexOf(QLatin1Char('[')),
                     QStringLiteral("Usage: egress-auditor-cli %1 ").arg(command));
        const QByteArray bytes = text.toLocal8Bit();
        std::fwrite(bytes.constData(), 1, std::size_t(bytes.size()), stdout);
        return kExitOk;
    }
    return -1;
}

int parseCaseCommand(QCommandLineParser &parser, const QString &command,
                     const QStringList &arguments)
{
    parser.addOption(caseOption());
    if (const int status = parseCommand(parser, command, arguments); status >= 0)
        return status;
    if (!parser.value(QStringLiteral("case")).isEmpty())
        return -1;
    printErr(QStringLiteral("egress-auditor-cli: %1 needs --case C.eacase\n").arg(command));
    return kExitUsage;
}

int refuseArguments(const QCommandLineParser &parser, const QString &command)
{
    const QStringList extra = parser.positionalArguments();
    if (extra.isEmpty())
        return -1;
    printErr(QStringLiteral("egress-auditor-cli: %1 takes no arguments; got '%2'\n")
                 .arg(command, extra.join(QStringLiteral("' '"))));
    return kExitUsage;
}

QCommandLineOption caseOption()
{
    return {QStringLiteral("case"), QStringLiteral("The case file (.eacase)."),
            QStringLiteral("C")};
}

QCommandLineOption rawOption()
{
    return {QStringLiteral("raw"),
            QStringLiteral("Write cells exactly as they are (machine use); "
                           "by default cells a spreadsheet would run as a "
                           "formula get a leading apostrophe.")};
}

ea::CsvWriter::Cells cellsFor(const QCommandLineParser &parser)
{
    return parser.isSet(QStringLiteral("raw")) ? ea::CsvWriter::Cells::Raw
                                               : ea::CsvWriter::Cells::SpreadsheetSafe;
}

std::unique_ptr<ea::CaseDatabase> openCase(const QCommandLineParser &parser,
                                           ea::CaseDatabase::OpenMode mode, bool *created)
{
    const QString path = parser.value(QStringLiteral("case"));
    ea::CaseDatabase::Result result = ea::CaseDatabase::open(path, mode);
    if (!result.ok()) {
        (void)fail(result.error.message());
        return nullptr;
    }
    if (created)
        *created = result.created;
    return std::move(result.database);
}

std::string_view utf8View(const QByteArray &bytes)
{
    return {bytes.constData(), std::size_t(bytes.size())};
}

} // namespace ea::cli
