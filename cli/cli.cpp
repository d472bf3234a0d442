#include "cli/cli.h"

#include "cli/commands.h"
#include "cli/exitstatus.h"
#include "cli/output.h"
#include "core/linetext.h"
#include "core/text.h"

#include <QCoreApplication>
#include <QStringList>

#include <cstdio>

namespace ea::cli {

namespace {

const char kUsage[] = "Usage: egress-auditor-cli COMMAND [OPTIONS] [ARGS...]\n"
                      "\n"
                      "Commands:\n"
                      "  classify [ADDRESS...]  Parse and classify addresses (CSV on stdout);\n"
                      "                         reads one address per line from stdin when\n"
                      "                         none are given.\n"
                      "  import --case C FILE...  Import export files into a case (.eacase).\n"
                      "  destinations --case C  List destinations (external ones by default).\n"
                      "  mark --case C TARGET --status S [--note N]\n"
                      "                         Mark an address or CIDR block.\n"
                      "  unmark --case C TARGET Remove a mark.\n"
                      "  marks --case C         List the marks.\n"
                      "  allowlist import|export --case C FILE\n"
                      "                         Read or write a cidr,status,note allowlist.\n"
                      "  rejected --case C      List rejected rows as file:line: reason.\n"
                      "  processes --case C ADDRESS\n"
                      "                         The processes that contacted a destination.\n"
                      "\n"
                      "Run COMMAND --help for its options.\n"
                      "\n"
                      "Options:\n"
                      "  -h, --help             Show this help (or COMMAND --help).\n"
                      "  -v, --version          Show the version.\n";

} // namespace

int run(int argc, char *argv[])
{
    // Qt decodes argv as UTF-8 and replaces bad bytes with U+FFFD, so a note
    // would be stored, or a file named, other than as typed: refuse them while
    // argv still holds the bytes.
    for (int k = 1; k < argc; ++k) {
        if (!ea::isValidUtf8(argv[k])) {
            printErr(QStringLiteral("egress-auditor-cli: argument %1 is not valid UTF-8: '%2'\n")
                         .arg(k)
                         .arg(ea::escapedLine(QString::fromUtf8(argv[k]))));
            return kExitUsage;
        }
    }
    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() < 2) {
        std::fputs(kUsage, stderr);
        return kExitUsage;
    }
    const QString command = arguments.at(1);
    if (command == QLatin1String("-h") || command == QLatin1String("--help")) {
        std::fputs(kUsage, stdout);
        return finishOutput(kExitOk);
    }
    if (command == QLatin1String("-v") || command == QLatin1String("--version")) {
        std::printf("egress-auditor-cli %s\n", EA_VERSION);
        return finishOutput(kExitOk);
    }
    // A subcommand's parser sees the command name in place of argv[0].
    const QStringList rest = arguments.mid(1);
    if (command == QLatin1String("classify"))
        return finishOutput(runClassify(rest));
    if (command == QLatin1String("import"))
        return finishOutput(runImport(rest));
    if (command == QLatin1String("destinations"))
        return finishOutput(runDestinations(rest));
    if (command == QLatin1String("mark"))
        return finishOutput(runMark(rest, false));
    if (command == QLatin1String("unmark"))
        return finishOutput(runMark(rest, true));
    if (command == QLatin1String("marks"))
        return finishOutput(runMarks(rest));
    if (command == QLatin1String("allowlist"))
        return finishOutput(runAllowlist(rest));
    if (command == QLatin1String("rejected"))
        return finishOutput(runRejected(rest));
    if (command == QLatin1String("processes"))
        return finishOutput(runProcesses(rest));

    printErr(QStringLiteral("egress-auditor-cli: unknown command '%1'\n\n").arg(command));
    std::fputs(kUsage, stderr);
    return kExitUsage;
}

} // namespace ea::cli
