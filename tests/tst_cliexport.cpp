// What egress-auditor-cli writes, run as a real process: `allowlist export`
// never replaces the case (however the target is spelled) nor a file that is
// not a regular file; a full disk (RLIMIT_FSIZE) and a full stdout
// (/dev/full) end in exit status 1 with the reason and the old file intact;
// file names with control characters cannot forge output lines; notes that
// start with an apostrophe survive an allowlist round trip.

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "clirunner.h"
#include "strictcsv.h"

#include <sys/stat.h>
#include <unistd.h>

using namespace ea::test;

namespace {

QStringList args(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *a : list)
        out.append(QString::fromUtf8(a));
    return out;
}

} // namespace

class TestCliExport : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void exportOntoCaseRefused_data();
    void exportOntoCaseRefused();
    void fullDiskKeepsOldAllowlist_data();
    void fullDiskKeepsOldAllowlist();
    void stdoutFull_data();
    void stdoutFull();
    void namesWithLineEndsAreQuoted();
    void ordinaryNamesUnchanged();
    void apostropheNotesRoundTrip_data();
    void apostropheNotesRoundTrip();

private:
    QTemporaryDir m_dir;
    QString m_case;

    QString path(const QString &name) const { return m_dir.filePath(name); }
    // A case holding import_cli_connections.csv and one mark.
    void makeCase();
};

void TestCliExport::init()
{
    QVERIFY(m_dir.isValid());
    m_case = path(QStringLiteral("c.eacase"));
}

void TestCliExport::cleanup()
{
    QDir(m_dir.path()).removeRecursively();
    QDir().mkpath(m_dir.path());
}

void TestCliExport::makeCase()
{
    Run run = runCli({QStringLiteral("import"), QStringLiteral("--case"), m_case,
                      dataPath("import_cli_connections.csv")});
    QVERIFY2(run.exitCode == 0, describe(run).constData());
    run = runCli({QStringLiteral("mark"), QStringLiteral("--case"), m_case,
                  QStringLiteral("93.184.216.0/24"), QStringLiteral("--status"),
                  QStringLiteral("known-safe"), QStringLiteral("--note"), QStringLiteral("a CDN")});
    QVERIFY2(run.exitCode == 0, describe(run).constData());
}

void TestCliExport::exportOntoCaseRefused_data()
{
    QTest::addColumn<QString>("target"); // relative; '@': made by the test
    QTest::addColumn<QByteArray>("reason");

    QTest::addRow("same path") << QStringLiteral("c.eacase") << QByteArray("case file");
    QTest::addRow("././") << QStringLiteral("././c.eacase") << QByteArray("case file");
    QTest::addRow("symlink") << QStringLiteral("@symlink") << QByteArray("case file");
    QTest::addRow("hard link") << QStringLiteral("@hardlink") << QByteArray("case file");
    QTest::addRow("-journal") << QStringLiteral("c.eacase-journal") << QByteArray("-journal");
    QTest::addRow("-wal") << QStringLiteral("./c.eacase-wal") << QByteArray("-wal");
    QTest::addRow("FIFO") << QStringLiteral("@fifo") << QByteArray("not a regular file");
    QTest::addRow("folder") << QStringLiteral("@folder") << QByteArray("not a regular file");
}

void TestCliExport::exportOntoCaseRefused()
{
    QFETCH(QString, target);
    QFETCH(QByteArray, reason);
    makeCase();
    const QByteArray before = readFile(m_case);

    QString file = target;
    if (target == QLatin1String("@symlink")) {
        file = QStringLiteral("link.csv");
        QVERIFY(QFile::link(QStringLiteral("c.eacase"), path(file)));
    } else if (target == QLatin1String("@hardlink")) {
        file = QStringLiteral("hard.csv");
        QCOMPARE(::link(QFile::encodeName(m_case).constData(),
                        QFile::encodeName(path(file)).constData()),
                 0);
    } else if (target == QLatin1String("@fifo")) {
        file = QStringLiteral("fifo.csv");
        QCOMPARE(::mkfifo(QFile::encodeName(path(file)).constData(), 0600), 0);
    } else if (target == QLatin1String("@folder")) {
        file = QStringLiteral("folder.csv");
        QVERIFY(QDir(m_dir.path()).mkdir(file));
    }

    // Relative spellings as a user types them: run in the case's folder.
    QProcess process;
    process.setWorkingDirectory(m_dir.path());
    process.start(QStringLiteral(EA_CLI_PATH),
                  {QStringLiteral("allowlist"), QStringLiteral("export"), QStringLiteral("--case"),
                   QStringLiteral("c.eacase"), file});
    QVERIFY(process.waitForFinished(120000));
    const QByteArray err = process.readAllStandardError();
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 1);
    QVERIFY2(err.contains(reason), err.constData());
    QVERIFY2(err.contains(QFile::encodeName(file)), err.constData());
    QCOMPARE(process.readAllStandardOutput(), QByteArray());

    QCOMPARE(readFile(m_case), before);
    QVERIFY(!QFileInfo::exists(m_case + QStringLiteral("-journal")));
    QVERIFY(!QFileInfo::exists(m_case + QStringLiteral("-wal")));
    // The case still reads as a case.
    const Run marks = runCli({QStringLiteral("marks"), QStringLiteral("--case"), m_case});
    QVERIFY2(marks.exitCode == 0 && marks.out.contains("93.184.216.0/24"),
             describe(marks).constData());
}

void TestCliExport::fullDiskKeepsOldAllowlist_data()
{
    QTest::addColumn<int>("limit");
    QTest::addRow("no room") << 0;
    QTest::addRow("room for 20 bytes") << 20;
}

void TestCliExport::fullDiskKeepsOldAllowlist()
{
    QFETCH(int, limit);
    makeCase();
    const QString file = path(QStringLiteral("allowlist.csv"));
    const QByteArray previous = "cidr,status,note\r\n10.0.0.0/8,internal,the old list\r\n";
    QVERIFY(writeFile(file, previous));

    // The export is ~60 bytes: well inside what QSaveFile buffers.
    const Run run = runCli({QStringLiteral("allowlist"), QStringLiteral("export"),
                            QStringLiteral("--case"), m_case, file},
                           {.stdoutFile = {}, .fileSizeLimit = limit});
    QVERIFY2(run.exitCode == 1, describe(run).constData());
    QVERIFY2(run.err.contains("File too large") && run.err.contains(QFile::encodeName(file)),
             describe(run).constData());
    QVERIFY2(!run.out.contains("written"), describe(run).constData());
    QCOMPARE(readFile(file), previous);
    // No temporary file left behind.
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden),
             QStringList({QStringLiteral("allowlist.csv"), QStringLiteral("c.eacase")}));

    const Run again = runCli({QStringLiteral("allowlist"), QStringLiteral("export"),
                              QStringLiteral("--case"), m_case, file});
    QVERIFY2(again.exitCode == 0, describe(again).constData());
    QVERIFY(readFile(file).contains("a CDN"));
}

void TestCliExport::stdoutFull_data()
{
    QTest::addColumn<QStringList>("arguments"); // CASE: the case; FILE: a fresh file

    QTest::addRow("--help") << args({"--help"});
    QTest::addRow("--version") << args({"--version"});
    QTest::addRow("command --help") << args({"destinations", "--help"});
    QTest::addRow("classify") << args({"classify", "8.8.8.8"});
    QTest::addRow("classify stdin") << args({"classify"});
    QTest::addRow("destinations csv") << args({"destinations", "--case", "CASE"});
    QTest::addRow("destinations table")
        << args({"destinations", "--case", "CASE", "--format", "table"});
    QTest::addRow("destinations seed")
        << args({"destinations", "--case", "CASE", "--format", "seed"});
    QTest::addRow("marks") << args({"marks", "--case", "CASE"});
    QTest::addRow("rejected") << args({"rejected", "--case", "CASE"});
    QTest::addRow("processes") << args({"processes", "--case", "CASE", "93.184.216.34"});
    QTest::addRow("import summary") << args({"import", "--case", "FILE", "DATA"});
    QTest::addRow("allowlist export summary")
        << args({"allowlist", "export", "--case", "CASE", "FILE"});
    QTest::addRow("allowlist import summary")
        << args({"allowlist", "import", "--case", "CASE", "LIST"});
}

void TestCliExport::stdoutFull()
{
    QFETCH(QStringList, arguments);
    if (!QFileInfo(QStringLiteral("/dev/full")).exists())
        QSKIP("no /dev/full");
    makeCase();
    for (QString &a : arguments) {
        if (a == QLatin1String("CASE"))
            a = m_case;
        else if (a == QLatin1String("FILE"))
            a = path(QStringLiteral("fresh.out"));
        else if (a == QLatin1String("DATA"))
            a = dataPath("import_cli_connections.csv");
        else if (a == QLatin1String("LIST"))
            a = path(QStringLiteral("list.csv"));
    }
    QVERIFY(writeFile(path(QStringLiteral("list.csv")),
                      "cidr,status,note\r\n10.0.0.0/8,internal,\r\n"));
    // The same command with room succeeds and prints something.
    const Run good = runCli(arguments);
    QVERIFY2(good.exitCode == 0 && !good.out.isEmpty(), describe(good).constData());
    QFile::remove(path(QStringLiteral("fresh.out")));

    const Run run
        = runCli(arguments, {.stdoutFile = QStringLiteral("/dev/full"), .fileSizeLimit = -1});
    QVERIFY2(run.exitStatus == QProcess::NormalExit && run.exitCode == 1,
             describe(run).constData());
    QVERIFY2(run.err.contains("cannot write the output: No space left on device"),
             describe(run).constData());
}

void TestCliExport::namesWithLineEndsAreQuoted()
{
    // A file literally named "a\nb.csv" with one rejected row.
    const QString name = path(QStringLiteral("a\nb.csv"));
    QVERIFY(QFile::copy(dataPath("import_cli_connections.csv"), name));
    const QByteArray quoted = QFile::encodeName(m_dir.path()) + "/a\\nb.csv\"";

    Run run = runCli({QStringLiteral("import"), QStringLiteral("--case"), m_case, name});
    QVERIFY2(run.exitCode == 0, describe(run).constData());
    QCOMPARE(run.out.count('\n'), 1);
    QVERIFY2(run.out.startsWith(QByteArray('"' + quoted + ": format csv (connections), read 16")),
             describe(run).constData());

    run = runCli({QStringLiteral("rejected"), QStringLiteral("--case"), m_case});
    QVERIFY2(run.exitCode == 0, describe(run).constData());
    QCOMPARE(run.out.count('\n'), 1);
    QVERIFY2(run.out.startsWith(QByteArray('"' + quoted + ":")), describe(run).constData());

    // Refused: the error line names the file escaped, on one line.
    run = runCli({QStringLiteral("import"), QStringLiteral("--case"), m_case, name});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.count('\n') == 1 && run.err.contains("a\\nb.csv"), describe(run).constData());

    // Allowlist problems and summary: one line each.
    const QString list = path(QStringLiteral("x\ny.csv"));
    QVERIFY(
        writeFile(list, "cidr,status,note\r\n10.0.0.0/8,bogus,n\r\n\"1.2.3.4\",\"a\nb\",n\r\n"));
    run = runCli({QStringLiteral("allowlist"), QStringLiteral("import"), QStringLiteral("--case"),
                  m_case, list});
    QCOMPARE(run.exitCode, 1);
    const QByteArray listQuoted = '"' + QFile::encodeName(m_dir.path()) + "/x\\ny.csv\"";
    const QList<QByteArray> problems = run.err.trimmed().split('\n');
    QCOMPARE(problems.size(), 2);
    QVERIFY2(problems.at(0).startsWith(QByteArray(listQuoted + ":2: unknown status")),
             describe(run).constData());
    QVERIFY2(problems.at(1).startsWith(QByteArray(listQuoted + ":3: unknown status \"a\\nb\"")),
             describe(run).constData());
    QCOMPARE(run.out.count('\n'), 1);
    QVERIFY2(run.out.startsWith(QByteArray(listQuoted + ": 2 rows")), describe(run).constData());

    const QString exported = path(QStringLiteral("e\r.csv"));
    run = runCli({QStringLiteral("allowlist"), QStringLiteral("export"), QStringLiteral("--case"),
                  m_case, exported});
    QVERIFY2(run.exitCode == 0, describe(run).constData());
    QCOMPARE(run.out, '"' + QFile::encodeName(m_dir.path()) + "/e\\r.csv\": 0 marks written\n");
}

void TestCliExport::ordinaryNamesUnchanged()
{
    // Spaces, quotes inside, colons, UTF-8: printed exactly as given.
    const QString name = path(QStringLiteral("ordinary name \"x\" é:1.csv"));
    QVERIFY(QFile::copy(dataPath("import_cli_connections.csv"), name));
    Run run = runCli({QStringLiteral("import"), QStringLiteral("--case"), m_case, name});
    QVERIFY2(run.exitCode == 0, describe(run).constData());
    QCOMPARE(run.out,
             name.toUtf8()
                 + ": format csv (connections), read 16, loaded 15, rejected 1, skipped 0\n");
    run = runCli({QStringLiteral("rejected"), QStringLiteral("--case"), m_case});
    QVERIFY2(run.out.startsWith(QByteArray(name.toUtf8() + ":")), describe(run).constData());
}

void TestCliExport::apostropheNotesRoundTrip_data()
{
    QTest::addColumn<QString>("note");
    QTest::addColumn<bool>("raw");

    for (const bool raw : {false, true}) {
        const char *mode = raw ? "raw" : "spreadsheet-safe";
        for (const char *note : {"'=x", "'hello", "=1+1", "-x", "plain", "''two", "'", "@'a"})
            QTest::addRow("%s %s", mode, note) << QString::fromUtf8(note) << raw;
    }
}

void TestCliExport::apostropheNotesRoundTrip()
{
    QFETCH(QString, note);
    QFETCH(bool, raw);

    // A case with one mark: made from an empty allowlist, then marked.
    const QString source = path(QStringLiteral("source.eacase"));
    const QString empty = path(QStringLiteral("empty.csv"));
    QVERIFY(writeFile(empty, "cidr,status,note\r\n"));
    Run run = runCli({QStringLiteral("allowlist"), QStringLiteral("import"),
                      QStringLiteral("--case"), source, empty});
    QVERIFY2(run.exitCode == 0, describe(run).constData());
    run = runCli({QStringLiteral("mark"), QStringLiteral("--case"), source,
                  QStringLiteral("10.1.0.0/16"), QStringLiteral("--status"),
                  QStringLiteral("suspicious"), QStringLiteral("--note=") + note});
    QVERIFY2(run.exitCode == 0, describe(run).constData());

    QStringList rawFlag;
    if (raw)
        rawFlag << QStringLiteral("--raw");
    const QString file = path(QStringLiteral("list.csv"));
    run = runCli(QStringList {QStringLiteral("allowlist"), QStringLiteral("export"),
                              QStringLiteral("--case"), source, file}
                 + rawFlag);
    QVERIFY2(run.exitCode == 0, describe(run).constData());

    const QString target = path(QStringLiteral("target.eacase"));
    run = runCli(QStringList {QStringLiteral("allowlist"), QStringLiteral("import"),
                              QStringLiteral("--case"), target, file}
                 + rawFlag);
    QVERIFY2(run.exitCode == 0, QByteArray(describe(run) + readFile(file)).constData());

    run = runCli(
        {QStringLiteral("marks"), QStringLiteral("--case"), target, QStringLiteral("--raw")});
    QVERIFY2(run.exitCode == 0, describe(run).constData());
    QList<QByteArrayList> rows;
    QByteArray error;
    QVERIFY2(parseCsv(run.out, rows, error), error.constData());
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows.at(1).value(0), QByteArray("10.1.0.0/16"));
    QCOMPARE(QString::fromUtf8(rows.at(1).value(2)), note);
}

QTEST_GUILESS_MAIN(TestCliExport)
#include "tst_cliexport.moc"
