#pragma once

// egress-auditor-cli: the headless twin of the GUI. app/cli/main.cpp makes the
// QCoreApplication and hands over here.

namespace ea::cli {

// Runs the command that argv names and returns the process's exit status.
// Needs a QCoreApplication made from the same argc and argv.
int run(int argc, char *argv[]);

} // namespace ea::cli
