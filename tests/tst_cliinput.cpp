// What egress-auditor-cli reads, run as a real process: input files that are
// not regular files (FIFOs, a pipe on stdin), positional arguments a command
// does not take, arguments that are not valid UTF-8, and unmark's stderr.
// Every run has a deadline: a CLI blocked on a FIFO fails the test instead of
// hanging it.

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "clirunner.h"
#include "strictcsv.h"

#include "fifowatchdog.h"

using namespace ea::test;

namespace {

// Runs the CLI through /bin/sh so that an argument can hold any bytes:
// script sees the CLI as $0 and the case as $1, e.g.
//   exec "$0" mark --case "$1" 1.2.3.4 --note "$(printf 'a\377b')"
Run runCliInShell(const QByteArray &script, const QString &casePath)
{
    return runProgram(
        QStringLiteral("/bin/sh"),
        {QStringLiteral("-c"), QString::fromUtf8(script), QStringLiteral(EA_CLI_PATH), casePath});
}

// "cidr|status|note" per mark, as `marks --raw` lists them.
QStringList marksOf(const QString &casePath)
{
    const Run run = runCli(
        {QStringLiteral("marks"), QStringLiteral("--case"), casePath, QStringLiteral("--raw")});
    QList<QByteArrayList> rows;
    QByteArray error;
    if (run.exitCode != 0 || !parseCsv(run.out, rows, error) || rows.isEmpty())
        return {QString::fromUtf8(describe(run) + error)};
    rows.removeFirst();
    QStringList out;
    for (const QByteArrayList &row : std::as_const(rows))
        out.append(QString::fromUtf8(row.mid(0, 3).join('|')));
    return out;
}

} // namespace

class TestCliInput : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void fifoImportFileIsRefused();
    void pipedStdinIsRefused();
    void fifoAllowlistIsRefused();
    void extraArguments_data();
    void extraArguments();
    void invalidUtf8IsRefused_data();
    void invalidUtf8IsRefused();
    void validUtf8NoteIsKept();
    void unmarkIsQuiet();

private:
    QTemporaryDir m_dir;
    int m_serial = 0;

    QString newPath(const QString &name)
    {
        return m_dir.filePath(QStringLiteral("%1-").arg(++m_serial) + name);
    }
    // A case with one import and one mark, new for each call.
    QString preparedCase();
};

void TestCliInput::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFile::exists(QStringLiteral(EA_CLI_PATH)), EA_CLI_PATH);
}

QString TestCliInput::preparedCase()
{
    const QString casePath = newPath(QStringLiteral("case.eacase"));
    const Run imported = runCli({QStringLiteral("import"), QStringLiteral("--case"), casePath,
                                 dataPath("import_cli_connections.csv")});
    if (imported.exitCode != 0) {
        qWarning("%s", describe(imported).constData());
        return {};
    }
    const Run marked = runCli({QStringLiteral("mark"), QStringLiteral("--case"), casePath,
                               QStringLiteral("192.0.2.0/24"), QStringLiteral("--status"),
                               QStringLiteral("internal")});
    if (marked.exitCode != 0) {
        qWarning("%s", describe(marked).constData());
        return {};
    }
    return casePath;
}

// A FIFO without a writer among the files: refused at once, naming it; the
// other files are still imported.
void TestCliInput::fifoImportFileIsRefused()
{
    const QString casePath = newPath(QStringLiteral("fifo.eacase"));
    const QString fifo = newPath(QStringLiteral("export.csv"));
    QVERIFY(makeFifo(fifo));
    FifoWatchdog watchdog(fifo);
    const Run run = runCli({QStringLiteral("import"), QStringLiteral("--case"), casePath, fifo,
                            dataPath("import_cli_connections.csv")});
    QVERIFY2(!watchdog.finish() && !run.timedOut, "import blocked opening the FIFO");
    QVERIFY2(run.exitStatus == QProcess::NormalExit && run.exitCode == 1, describe(run));
    const QByteArray name = QDir::toNativeSeparators(fifo).toUtf8();
    QVERIFY2(run.err.contains(QByteArray(name + ": a pipe, not a regular file")), describe(run));
    QVERIFY2(run.err.contains("save it to a regular file first"), describe(run));
    QVERIFY2(!run.out.contains(name), describe(run));
    QVERIFY2(run.out.contains("import_cli_connections.csv: format"), describe(run));
}

// `import /dev/stdin` with a pipe on stdin (as QProcess gives it): the input
// could be read only once, so it is refused in words that say so, not as an
// empty file.
void TestCliInput::pipedStdinIsRefused()
{
    const QString casePath = newPath(QStringLiteral("stdin.eacase"));
    QByteArray input;
    QFile fixtureFile(dataPath("import_cli_more.csv"));
    QVERIFY(fixtureFile.open(QIODevice::ReadOnly));
    input = fixtureFile.readAll();
    QVERIFY(!input.isEmpty());
    const Run run = runCli({QStringLiteral("import"), QStringLiteral("--case"), casePath,
                            QStringLiteral("/dev/stdin"), dataPath("import_cli_connections.csv")},
                           {.input = input});
    QVERIFY2(!run.timedOut, describe(run));
    QVERIFY2(run.exitStatus == QProcess::NormalExit && run.exitCode == 1, describe(run));
    QVERIFY2(run.err.contains("/dev/stdin: a pipe, not a regular file"), describe(run));
    QVERIFY2(!run.err.contains("empty"), describe(run));
    QVERIFY2(run.out.contains("import_cli_connections.csv: format"), describe(run));
}

void TestCliInput::fifoAllowlistIsRefused()
{
    const QString casePath = preparedCase();
    QVERIFY(!casePath.isEmpty());
    const QByteArray before = sha256Hex(casePath);
    const QString fifo = newPath(QStringLiteral("allow.csv"));
    QVERIFY(makeFifo(fifo));
    FifoWatchdog watchdog(fifo);
    const Run run = runCli({QStringLiteral("allowlist"), QStringLiteral("import"),
                            QStringLiteral("--case"), casePath, fifo});
    QVERIFY2(!watchdog.finish() && !run.timedOut, "allowlist import blocked opening the FIFO");
    QVERIFY2(run.exitStatus == QProcess::NormalExit && run.exitCode == 1, describe(run));
    QVERIFY2(run.err.contains(QByteArray(QDir::toNativeSeparators(fifo).toUtf8() + ": a pipe")),
             describe(run));
    QCOMPARE(run.out, QByteArray());
    QCOMPARE(sha256Hex(casePath), before);
}

void TestCliInput::extraArguments_data()
{
    // Arguments after the command; "C" stands for the case, "F" for a new
    // file in the temporary directory.
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("message");

    const auto args = [](std::initializer_list<const char *> words) {
        QStringList out;
        for (const char *word : words)
            out.append(QString::fromUtf8(word));
        return out;
    };
    // Each command's contract, from README "Command line": how many
    // positional arguments it takes, and one more.
    QTest::addRow("destinations takes none")
        << args({"destinations", "--case", "C", "extra"})
        << QByteArray("destinations takes no arguments; got 'extra'");
    QTest::addRow("destinations --all takes none")
        << args({"destinations", "--case", "C", "--all", "x", "y"})
        << QByteArray("destinations takes no arguments; got 'x' 'y'");
    QTest::addRow("marks takes none")
        << args({"marks", "--case", "C", "x"}) << QByteArray("marks takes no arguments");
    QTest::addRow("rejected takes none")
        << args({"rejected", "--case", "C", "x"}) << QByteArray("rejected takes no arguments");
    QTest::addRow("mark takes one TARGET")
        << args({"mark", "--case", "C", "10.0.0.0/8", "x", "--status", "internal"})
        << QByteArray("mark needs exactly one TARGET");
    QTest::addRow("unmark takes one TARGET") << args({"unmark", "--case", "C", "192.0.2.0/24", "x"})
                                             << QByteArray("unmark needs exactly one TARGET");
    QTest::addRow("processes takes one ADDRESS")
        << args({"processes", "--case", "C", "8.8.8.8", "b"})
        << QByteArray("processes needs exactly one ADDRESS");
    QTest::addRow("allowlist export takes one FILE")
        << args({"allowlist", "export", "--case", "C", "F", "extra"})
        << QByteArray("usage: allowlist import|export --case C FILE");
    QTest::addRow("allowlist import takes one FILE")
        << args({"allowlist", "import", "--case", "C", "F", "extra"})
        << QByteArray("usage: allowlist import|export --case C FILE");
}

// One positional argument too many is a usage error (exit 2, a message), and
// the command does nothing: no output, the case and the files untouched.
void TestCliInput::extraArguments()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, message);

    const QString casePath = preparedCase();
    QVERIFY(!casePath.isEmpty());
    const QByteArray before = sha256Hex(casePath);
    const QString file = newPath(QStringLiteral("allow.csv"));
    for (QString &argument : arguments) {
        if (argument == QLatin1String("C"))
            argument = casePath;
        else if (argument == QLatin1String("F"))
            argument = file;
    }
    const Run run = runCli(arguments);
    QVERIFY2(run.exitStatus == QProcess::NormalExit && run.exitCode == 2, describe(run));
    QVERIFY2(run.err.contains(message), describe(run));
    QCOMPARE(run.out, QByteArray());
    QCOMPARE(sha256Hex(casePath), before);
    QVERIFY(!QFile::exists(file));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("extra"))));
}

void TestCliInput::invalidUtf8IsRefused_data()
{
    // A shell script run as: sh -c SCRIPT CLI CASE (see runCliInShell).
    QTest::addColumn<QByteArray>("script");

    const QByteArray mark = "exec \"$0\" mark --case \"$1\" 198.51.100.7 --status suspicious ";
    QTest::addRow("--note, a lone 0xFF") << mark + "--note \"$(printf 'a\\377b')\"";
    QTest::addRow("--note=, a lone 0xFF") << mark + "--note=\"$(printf 'a\\377b')\"";
    QTest::addRow("--note, Latin-1 e-acute") << mark + "--note \"$(printf 'caf\\351')\"";
    QTest::addRow("--note, overlong slash") << mark + "--note \"$(printf '\\300\\257')\"";
    QTest::addRow("--note, UTF-16 surrogate") << mark + "--note \"$(printf 'x\\355\\240\\200')\"";
    QTest::addRow("--note, truncated sequence") << mark + "--note \"$(printf 'euro \\342\\202')\"";
    QTest::addRow("TARGET") << QByteArray("exec \"$0\" mark --case \"$1\" \"$(printf "
                                          "'198.51.100.7\\377')\" --status suspicious");
    QTest::addRow("import FILE") << QByteArray(
        "exec \"$0\" import --case \"$1\" \"$(printf 'export\\377.csv')\"");
}

// Qt would replace bad bytes with U+FFFD: the note stored, or the file named,
// would not be what was typed. Refused as a usage error; the case untouched.
void TestCliInput::invalidUtf8IsRefused()
{
    QFETCH(QByteArray, script);

    const QString casePath = preparedCase();
    QVERIFY(!casePath.isEmpty());
    const QStringList marksBefore = marksOf(casePath);
    const QByteArray before = sha256Hex(casePath);
    const Run run = runCliInShell(script, casePath);
    QVERIFY2(run.exitStatus == QProcess::NormalExit && run.exitCode == 2, describe(run));
    QVERIFY2(run.err.contains("is not valid UTF-8"), describe(run));
    QCOMPARE(run.out, QByteArray());
    QCOMPARE(sha256Hex(casePath), before);
    QCOMPARE(marksOf(casePath), marksBefore);
}

void TestCliInput::validUtf8NoteIsKept()
{
    const QString casePath = preparedCase();
    QVERIFY(!casePath.isEmpty());
    const Run run = runCliInShell("exec \"$0\" mark --case \"$1\" 198.51.100.7 --status "
                                  "suspicious --note \"$(printf 'caf\\303\\251 \\342\\234\\223')\"",
                                  casePath);
    QVERIFY2(run.exitCode == 0, describe(run));
    QVERIFY(
        marksOf(casePath).contains(QStringLiteral("198.51.100.7/32|suspicious|caf\u00e9 \u2713")));
}

// unmark has no --note; it used to ask the parser for one and print
// "QCommandLineParser: option not defined" on every run.
void TestCliInput::unmarkIsQuiet()
{
    const QString casePath = preparedCase();
    QVERIFY(!casePath.isEmpty());
    for (int k = 0; k < 2; ++k) { // with the mark, then without it
        const Run run = runCli({QStringLiteral("unmark"), QStringLiteral("--case"), casePath,
                                QStringLiteral("192.0.2.0/24")});
        QVERIFY2(run.exitStatus == QProcess::NormalExit && run.exitCode == 0, describe(run));
        QCOMPARE(run.err, QByteArray());
        QCOMPARE(run.out, QByteArray());
        QVERIFY(!marksOf(casePath).join(u' ').contains(QStringLiteral("192.0.2.0/24")));
    }
}

QTEST_GUILESS_MAIN(TestCliInput)
#include "tst_cliinput.moc"
