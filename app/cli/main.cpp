// egress-auditor-cli: the headless twin of the GUI. The commands live in
// cli/ (ea_cli); each parses its own options; exit status 0 = ran,
// 1 = failed, 2 = usage error.

#include "cli/cli.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("egress-auditor-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(EA_VERSION));
    return ea::cli::run(argc, argv);
}
