#pragma once

// The CLI's command table: one entry per command, from which the usage text
// (no arguments, -h/--help, an unknown command) and the dispatch are made. A
// new command is one entry here and a handler in cli/commands.h; its own
// --help comes from the options its handler gives QCommandLineParser.

#include <QStringList>
#include <QStringView>

#include <span>
#include <string>
#include <string_view>

namespace ea::cli {

struct Command
{
    std::string_view name; // "destinations"
    std::string_view synopsis; // what follows the name in the usage text: "--case C"
    std::string_view summary; // one sentence; the usage text wraps it
    // Gets the arguments from the command name on (it stands in for argv[0]);
    // returns the exit status.
    int (*run)(const QStringList &arguments);
};

// Every command, in the order the usage text lists them.
[[nodiscard]] std::span<const Command> commands() noexcept;

// The command called `name`, or null.
[[nodiscard]] const Command *findCommand(QStringView name) noexcept;

// The text of egress-auditor-cli --help: the commands with their synopses and
// summaries, then the global options.
[[nodiscard]] std::string usageText();

// Runs the command line (arguments as QCoreApplication::arguments() gives
// them, the program first): a global option, a command of the table, or the
// usage text on stderr with exit status 2 for none or an unknown one.
[[nodiscard]] int dispatch(const QStringList &arguments);

} // namespace ea::cli
