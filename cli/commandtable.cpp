#include "cli/commandtable.h"

#include "cli/commands.h"
#include "cli/exitstatus.h"
#include "cli/output.h"

#include <QLatin1String>

#include <array>
#include <cstdio>

namespace ea::cli {

namespace {

int runMarkCommand(const QStringList &arguments)
{
    return runMark(arguments, false);
}

int runUnmarkCommand(const QStringList &arguments)
{
    return runMark(arguments, true);
}

constexpr std::array kCommands {
    Command {"classify", "[ADDRESS...]",
             "Parse and classify addresses (CSV on stdout); reads one address per line from "
             "stdin when none are given.",
             runClassify},
    Command {"import", "--case C FILE...", "Import export files into a case (.eacase).", runImport},
    Command {"destinations", "--case C", "List destinations (external ones by default).",
             runDestinations},
    Command {"mark", "--case C TARGET --status S [--note N]", "Mark an address or CIDR block.",
             runMarkCommand},
    Command {"unmark", "--case C TARGET", "Remove a mark.", runUnmarkCommand},
    Command {"marks", "--case C", "List the marks.", runMarks},
    Command {"allowlist", "import|export --case C FILE",
             "Read or write a cidr,status,note allowlist.", runAllowlist},
    Command {"lists", "[import|remove|apply] --case C [--name N] [FILE]",
             "Known lists (AWS, Azure, Google ranges, IOC feeds) that label destinations.",
             runLists},
    Command {"owners", "--case C [--mmdb FILE]... | --clear",
             "Look destinations up in MaxMind-format databases (country, AS).", runOwners},
    Command {"datalake-query", "--case C [--dialect trino|athena] [--map K=NAME]...",
             "Write the audit as SQL for the data lake (Trino, Athena).", runDataLakeQuery},
    Command {"rejected", "--case C", "List rejected rows as file:line: reason.", runRejected},
    Command {"processes", "--case C ADDRESS", "The processes that contacted a destination.",
             runProcesses},
};

// The options that stand in place of a command.
struct GlobalOption
{
    std::string_view shortName;
    std::string_view longName;
    std::string_view summary;
    int (*run)();
};

int showUsage()
{
    std::fputs(usageText().c_str(), stdout);
    return kExitOk;
}

int showVersion()
{
    std::printf("egress-auditor-cli %s\n", EA_VERSION);
    return kExitOk;
}

constexpr std::array kGlobalOptions {
    GlobalOption {"-h", "--help", "Show this help (or COMMAND --help).", showUsage},
    GlobalOption {"-v", "--version", "Show the version.", showVersion},
};

// The usage text's two columns: the summary starts at kSummaryColumn and is
// word-wrapped within kLineWidth. A shorter first column is padded to it; a
// longer one is followed by two spaces when the whole summary still fits on
// the line, else the summary starts on the next line.
constexpr std::size_t kSummaryColumn = 25;
constexpr std::size_t kLineWidth = 70;

void appendEntry(std::string &text, std::string_view head, std::string_view summary)
{
    text += "  ";
    text += head;
    std::size_t column = 2 + head.size();
    if (column < kSummaryColumn) {
        text.append(kSummaryColumn - column, ' ');
        column = kSummaryColumn;
    } else if (column + 2 + summary.size() <= kLineWidth) {
        text += "  ";
        column += 2;
    } else {
        text += '\n';
        text.append(kSummaryColumn, ' ');
        column = kSummaryColumn;
    }
    bool lineStart = true;
    while (!summary.empty()) {
        const std::size_t end = summary.find(' ');
        const std::string_view word = summary.substr(0, end);
        summary.remove_prefix(end == std::string_view::npos ? summary.size() : end + 1);
        if (!lineStart && column + 1 + word.size() > kLineWidth) {
            text += '\n';
            text.append(kSummaryColumn, ' ');
            column = kSummaryColumn;
            lineStart = true;
        }
        if (!lineStart) {
            text += ' ';
            ++column;
        }
        text += word;
        column += word.size();
        lineStart = false;
    }
    text += '\n';
}

bool equals(QStringView text, std::string_view name)
{
    return text == QLatin1String(name.data(), qsizetype(name.size()));
}

} // namespace

std::span<const Command> commands() noexcept
{
    return kCommands;
}

const Command *findCommand(QStringView name) noexcept
{
    for (const Command &command : kCommands) {
        if (equals(name, command.name))
            return &command;
    }
    return nullptr;
}

std::string usageText()
{
    std::string text = "Usage: egress-auditor-cli COMMAND [OPTIONS] [ARGS...]\n"
                       "\n"
                       "Commands:\n";
    for (const Command &command : kCommands) {
        std::string head(command.name);
        if (!command.synopsis.empty()) {
            head += ' ';
            head += command.synopsis;
        }
        appendEntry(text, head, command.summary);
    }
    text += "\n"
            "Run COMMAND --help for its options.\n"
            "\n"
            "Options:\n";
    for (const GlobalOption &option : kGlobalOptions) {
        std::string head(option.shortName);
        head += ", ";
        head += option.longName;
        appendEntry(text, head, option.summary);
    }
    return text;
}

int dispatch(const QStringList &arguments)
{
    if (arguments.size() < 2) {
        std::fputs(usageText().c_str(), stderr);
        return kExitUsage;
    }
    const QString &name = arguments.at(1);
    for (const GlobalOption &option : kGlobalOptions) {
        if (equals(name, option.shortName) || equals(name, option.longName))
            return finishOutput(option.run());
    }
    // A command's parser sees the command name in place of argv[0].
    if (const Command *command = findCommand(name))
        return finishOutput(command->run(arguments.mid(1)));

    printErr(QStringLiteral("egress-auditor-cli: unknown command '%1'\n\n").arg(name));
    std::fputs(usageText().c_str(), stderr);
    return kExitUsage;
}

} // namespace ea::cli
