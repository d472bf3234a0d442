#include "cli/cli.h"

#include "cli/commandtable.h"
#include "cli/exitstatus.h"
#include "cli/output.h"
#include "core/linetext.h"
#include "core/text.h"

#include <QCoreApplication>
#include <QString>

namespace ea::cli {

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
    return dispatch(QCoreApplication::arguments());
}

} // namespace ea::cli
