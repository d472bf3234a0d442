#include "cli/output.h"

#include "cli/exitstatus.h"
#include "core/linetext.h"

#include <QByteArray>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace ea::cli {

namespace {

// errno of the first write to stdout that failed (a full disk, a closed
// pipe): the command stops writing and exits 1 (finishOutput()).
int g_stdoutError = 0;

} // namespace

bool writeBytes(const char *data, std::size_t size)
{
    if (g_stdoutError == 0 && size > 0 && std::fwrite(data, 1, size, stdout) != size)
        g_stdoutError = errno != 0 ? errno : EIO;
    return g_stdoutError == 0;
}

bool writeOut(std::string &buffer)
{
    const bool ok = writeBytes(buffer.data(), buffer.size());
    buffer.clear();
    return ok;
}

bool writeOutIfFull(std::string &buffer)
{
    return buffer.size() < (1 << 16) || writeOut(buffer);
}

bool printOut(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    return writeBytes(bytes.constData(), std::size_t(bytes.size()));
}

void printErr(const QString &text)
{
    const QByteArray bytes = text.toLocal8Bit();
    std::fwrite(bytes.constData(), 1, std::size_t(bytes.size()), stderr);
}

int fail(const QString &message)
{
    printErr(QStringLiteral("egress-auditor-cli: %1\n").arg(ea::escapedLine(message)));
    return kExitFailed;
}

void flushOut()
{
    if (std::fflush(stdout) != 0 && g_stdoutError == 0)
        g_stdoutError = errno != 0 ? errno : EIO;
}

int finishOutput(int status)
{
    flushOut();
    if (g_stdoutError == 0 && std::ferror(stdout))
        g_stdoutError = EIO;
    if (g_stdoutError == 0)
        return status;
    printErr(QStringLiteral("egress-auditor-cli: cannot write the output: %1\n")
                 .arg(QString::fromLocal8Bit(std::strerror(g_stdoutError))));
    return status == kExitUsage ? kExitUsage : kExitFailed;
}

} // namespace ea::cli
