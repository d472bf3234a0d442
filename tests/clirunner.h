#pragma once

// Test helpers shared by the tests that run egress-auditor-cli as a real
// process: run it (with stdin data, stdout to a file, a file-size limit),
// describe a run for failure messages (file helpers: testutils.h). runCli
// needs EA_CLI_PATH, which tests/CMakeLists.txt defines for them.

#include "testutils.h"

#include <QByteArray>
#include <QIODevice>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <sys/resource.h>

#include <csignal>

namespace ea::test {

struct Run
{
    int exitCode = -1;
    QProcess::ExitStatus exitStatus = QProcess::CrashExit;
    bool timedOut = false; // killed at the deadline; out and err hold what came before
    QByteArray out;
    QByteArray err;
};

// Every member has an initializer, so designated initializers may name only
// the ones they set (-Wmissing-field-initializers).
struct RunOptions
{
    QByteArray input {}; // written to stdin, which is then closed (at once when empty)
    QString stdoutFile {}; // else captured in Run::out
    long fileSizeLimit = -1; // RLIMIT_FSIZE of the child in bytes, with SIGXFSZ ignored
};

// Every run has a deadline: a process that blocks fails the test instead of
// hanging it.
inline constexpr int kRunStartTimeoutMs = 30000;
inline constexpr int kRunTimeoutMs = 240000;

inline Run runProgram(const QString &program, const QStringList &arguments,
                      const RunOptions &options = {})
{
    QProcess process;
    if (!options.stdoutFile.isEmpty())
        process.setStandardOutputFile(options.stdoutFile);
    if (options.fileSizeLimit >= 0) {
        const long limit = options.fileSizeLimit;
        // Runs in the child between fork and exec: only async-signal-safe calls.
        process.setChildProcessModifier([limit] {
            rlimit r {};
            ::getrlimit(RLIMIT_FSIZE, &r);
            r.rlim_cur = rlim_t(limit);
            ::setrlimit(RLIMIT_FSIZE, &r);
            std::signal(SIGXFSZ, SIG_IGN);
        });
    }
    process.start(program, arguments);
    Run run;
    if (!process.waitForStarted(kRunStartTimeoutMs))
        return run;
    if (!options.input.isEmpty())
        process.write(options.input);
    process.closeWriteChannel();
    if (!process.waitForFinished(kRunTimeoutMs)) {
        run.timedOut = true;
        process.kill();
        process.waitForFinished();
    }
    run.exitCode = process.exitCode();
    run.exitStatus = process.exitStatus();
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

inline Run runCli(const QStringList &arguments, const RunOptions &options = {})
{
    return runProgram(QStringLiteral(EA_CLI_PATH), arguments, options);
}

// "exit N [(timed out)|(crashed)]", then the start of stdout and stderr.
inline QByteArray describe(const Run &run)
{
    return "exit " + QByteArray::number(run.exitCode)
        + (run.timedOut                                ? " (timed out)"
               : run.exitStatus == QProcess::CrashExit ? " (crashed)"
                                                       : "")
        + "\nstdout:\n" + run.out.left(4000) + "\nstderr:\n" + run.err.left(4000);
}

} // namespace ea::test
