// egress-auditor-cli: the headless twin of the GUI. Each subcommand parses its
// own options; exit status 0 = ran, 2 = usage error.

#include "address/classifier.h"
#include "export/classifyexport.h"
#include "export/csvwriter.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QStringList>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

constexpr int kExitOk = 0;
constexpr int kExitUsage = 2;

const char kUsage[] = "Usage: egress-auditor-cli COMMAND [OPTIONS] [ARGS...]\n"
                      "\n"
                      "Commands:\n"
                      "  classify [ADDRESS...]  Parse and classify addresses (CSV on stdout);\n"
                      "                         reads one address per line from stdin when\n"
                      "                         none are given.\n"
                      "\n"
                      "Options:\n"
                      "  -h, --help             Show this help (or COMMAND --help).\n"
                      "  -v, --version          Show the version.\n";

void writeOut(std::string &buffer)
{
    std::fwrite(buffer.data(), 1, buffer.size(), stdout);
    buffer.clear();
}

void printErr(const QString &text)
{
    const QByteArray bytes = text.toLocal8Bit();
    std::fwrite(bytes.constData(), 1, std::size_t(bytes.size()), stderr);
}

// Parses a subcommand's options. Returns -1 to go on, or the exit status.
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

int runClassify(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Parse and classify destination addresses. Writes CSV with the header\n"
                       "input,valid,family,canonical,expanded,category,external,block,reason\n"
                       "and one row per input, in input order. Cells a spreadsheet would run\n"
                       "as a formula are prefixed with an apostrophe unless --raw is given."));
    const QCommandLineOption raw(QStringLiteral("raw"),
                                 QStringLiteral("Write cells exactly as they are (machine use)."));
    parser.addOption(raw);
    parser.addPositionalArgument(QStringLiteral("address"),
                                 QStringLiteral("Addresses; none: one per line from stdin."),
                                 QStringLiteral("[ADDRESS...]"));
    if (const int status = parseCommand(parser, QStringLiteral("classify"), arguments); status >= 0)
        return status;

    const ea::Classifier &classifier = ea::Classifier::instance();
    std::string buffer;
    buffer.reserve(1 << 16);
    ea::CsvWriter csv(buffer,
                      parser.isSet(raw) ? ea::CsvWriter::Cells::Raw
                                        : ea::CsvWriter::Cells::SpreadsheetSafe);
    ea::writeClassifyHeader(csv);

    const QStringList addresses = parser.positionalArguments();
    if (!addresses.isEmpty()) {
        for (const QString &address : addresses) {
            const QByteArray utf8 = address.toUtf8();
            ea::writeClassifyRow(csv, {utf8.constData(), std::size_t(utf8.size())}, classifier);
        }
        writeOut(buffer);
        return kExitOk;
    }

    // Stream stdin: one line in, one row out, constant memory whatever the
    // number of lines. A final line without a newline counts; CRLF is fine.
    char *line = nullptr;
    std::size_t capacity = 0;
    ssize_t length;
    while ((length = ::getline(&line, &capacity, stdin)) >= 0) {
        std::size_t n = std::size_t(length);
        if (n > 0 && line[n - 1] == '\n')
            --n;
        if (n > 0 && line[n - 1] == '\r')
            --n;
        ea::writeClassifyRow(csv, {line, n}, classifier);
        if (buffer.size() >= (1 << 16))
            writeOut(buffer);
    }
    std::free(line);
    writeOut(buffer);
    return kExitOk;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("egress-auditor-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(EA_VERSION));

    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() < 2) {
        std::fputs(kUsage, stderr);
        return kExitUsage;
    }
    const QString command = arguments.at(1);
    if (command == QLatin1String("-h") || command == QLatin1String("--help")) {
        std::fputs(kUsage, stdout);
        return kExitOk;
    }
    if (command == QLatin1String("-v") || command == QLatin1String("--version")) {
        std::printf("egress-auditor-cli %s\n", EA_VERSION);
        return kExitOk;
    }
    // A subcommand's parser sees the command name in place of argv[0].
    const QStringList rest = arguments.mid(1);
    if (command == QLatin1String("classify"))
        return runClassify(rest);

    printErr(QStringLiteral("egress-auditor-cli: unknown command '%1'\n\n").arg(command));
    std::fputs(kUsage, stderr);
    return kExitUsage;
}
