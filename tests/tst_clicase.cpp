// How egress-auditor-cli treats the case file itself, as real processes:
// read-only commands leave a case byte for byte (a WAL-mode case stays in WAL
// mode), an import that imports nothing leaves no new empty case behind, a
// locked case names who holds it, and a FIFO given as --case is refused at
// once instead of blocking.

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "clirunner.h"

#include "storage/caselockinfo.h"
#include "storage/sqlite.h"

#include <sys/stat.h>

#include <string>

using namespace ea;
using namespace ea::test;

namespace {

QStringList entries(const QString &dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

// "wal" or "rollback", from the file header's read and write versions (bytes
// 18 and 19: 2 in WAL mode), without opening the case with SQLite, which
// would itself leave -wal and -shm files beside a WAL-mode case.
std::string journalMode(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return "cannot open";
    const QByteArray header = file.read(20);
    if (header.size() < 20)
        return "short";
    return header.at(18) == 2 && header.at(19) == 2 ? "wal" : "rollback";
}

} // namespace

class TestCliCase : public QObject
{
    Q_OBJECT

private slots:
    void readOnlyCommandsKeepCase_data();
    void readOnlyCommandsKeepCase();
    void refusedAllowlistLeavesNoCase();
    void importOfNothingLeavesNoCase_data();
    void importOfNothingLeavesNoCase();
    void importKeepsExistingEmptyCase();
    void lockedCaseNamesHolder();
    void runningImportIsNamed();
    void fifoCaseIsRefused();
};

void TestCliCase::readOnlyCommandsKeepCase_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addRow("destinations") << QStringList {QStringLiteral("destinations")};
    QTest::addRow("destinations --all --format table")
        << QStringList {QStringLiteral("destinations"), QStringLiteral("--all"),
                        QStringLiteral("--format"), QStringLiteral("table")};
    QTest::addRow("marks") << QStringList {QStringLiteral("marks")};
    QTest::addRow("rejected") << QStringList {QStringLiteral("rejected")};
    QTest::addRow("processes") << QStringList {QStringLiteral("processes"),
                                               QStringLiteral("93.184.216.34")};
    QTest::addRow("allowlist export") << QStringList {
        QStringLiteral("allowlist"), QStringLiteral("export"), QStringLiteral("OUT")};
}

// A WAL-mode case (switched by someone else's tool) stays WAL and
// byte-identical; no -wal or -shm file is left beside it.
void TestCliCase::readOnlyCommandsKeepCase()
{
    QFETCH(QStringList, arguments);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString casePath = dir.filePath(QStringLiteral("c.eacase"));
    const Run imported = runCli({QStringLiteral("import"), QStringLiteral("--case"), casePath,
                                 dataPath("drilldown_connections.csv")});
    QVERIFY2(imported.exitCode == 0, describe(imported).constData());
    const Run marked = runCli({QStringLiteral("mark"), QStringLiteral("--case"), casePath,
                               QStringLiteral("--status"), QStringLiteral("malicious"),
                               QStringLiteral("93.184.216.0/24")});
    QVERIFY2(marked.exitCode == 0, describe(marked).constData());
    {
        SqliteDb db;
        QVERIFY(db.open(casePath.toStdString(), SqliteDb::Access::ReadWrite));
        QVERIFY(db.exec("PRAGMA journal_mode = WAL"));
    }
    QCOMPARE(journalMode(casePath), std::string("wal"));
    const QByteArray before = sha256Hex(casePath);

    const QString out = QDir(dir.path()).filePath(QStringLiteral("out.csv"));
    arguments.replaceInStrings(QStringLiteral("OUT"), out);
    arguments.insert(1, QStringLiteral("--case"));
    arguments.insert(2, casePath);
    const Run run = runCli(arguments);
    QVERIFY2(run.exitCode == 0, describe(run).constData());

    QCOMPARE(sha256Hex(casePath), before);
    QCOMPARE(journalMode(casePath), std::string("wal"));
    QStringList left = entries(dir.path());
    left.removeAll(QStringLiteral("out.csv"));
    QCOMPARE(left, QStringList {QStringLiteral("c.eacase")});
}

void TestCliCase::importOfNothingLeavesNoCase_data()
{
    QTest::addColumn<QStringList>("files");
    QTest::addRow("missing file") << QStringList {QStringLiteral("missing.csv")};
    QTest::addRow("refused for its format") << QStringList {dataPath("detect_prose.txt")};
    QTest::addRow("empty file") << QStringList {dataPath("detect_empty.txt")};
    QTest::addRow("two refused files")
        << QStringList {QStringLiteral("missing.csv"), dataPath("detect_prose.txt")};
}

void TestCliCase::importOfNothingLeavesNoCase()
{
    QFETCH(QStringList, files);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString casePath = dir.filePath(QStringLiteral("new.eacase"));
    QStringList arguments {QStringLiteral("import"), QStringLiteral("--case"), casePath};
    arguments += files;
    const Run run = runCli(arguments);
    QVERIFY2(run.exitCode == 1, describe(run).constData());
    QVERIFY(run.exitStatus == QProcess::NormalExit);
    QCOMPARE(entries(dir.path()), QStringList());
}

// The same for an allowlist import whose file is refused.
void TestCliCase::refusedAllowlistLeavesNoCase()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString casePath = dir.filePath(QStringLiteral("new.eacase"));
    const Run run = runCli({QStringLiteral("allowlist"), QStringLiteral("import"),
                            QStringLiteral("--case"), casePath, dir.filePath(QStringLiteral("x"))});
    QVERIFY2(run.exitCode == 1, describe(run).constData());
    QCOMPARE(entries(dir.path()), QStringList());
}

// A case that existed before is never removed, even if empty; and a run that
// imports one file of two keeps the case it made.
void TestCliCase::importKeepsExistingEmptyCase()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString existing = dir.filePath(QStringLiteral("existing.eacase"));
    const QString allowlist = dir.filePath(QStringLiteral("allow.csv"));
    {
        QFile file(allowlist);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.write("cidr,status,note\n") > 0);
    }
    // An allowlist import with no rows makes an empty case.
    const Run made = runCli({QStringLiteral("allowlist"), QStringLiteral("import"),
                             QStringLiteral("--case"), existing, allowlist});
    QVERIFY2(QFile::exists(existing), describe(made).constData());
    const QByteArray before = sha256Hex(existing);
    const Run refused = runCli({QStringLiteral("import"), QStringLiteral("--case"), existing,
                                QStringLiteral("missing.csv")});
    QVERIFY2(refused.exitCode == 1, describe(refused).constData());
    QCOMPARE(sha256Hex(existing), before);

    const QString partly = dir.filePath(QStringLiteral("partly.eacase"));
    const Run mixed
        = runCli({QStringLiteral("import"), QStringLiteral("--case"), partly,
                  QStringLiteral("missing.csv"), dataPath("drilldown_connections.csv")});
    QVERIFY2(mixed.exitCode == 1, describe(mixed).constData());
    QVERIFY(QFile::exists(partly));
}

// While another process holds the case's write lock, an import waits for the
// busy timeout and then says who holds it: here this test process.
void TestCliCase::lockedCaseNamesHolder()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString casePath = dir.filePath(QStringLiteral("c.eacase"));
    const Run imported = runCli({QStringLiteral("import"), QStringLiteral("--case"), casePath,
                                 dataPath("drilldown_connections.csv")});
    QVERIFY2(imported.exitCode == 0, describe(imported).constData());

    SqliteDb holder;
    QVERIFY(holder.open(casePath.toStdString(), SqliteDb::Access::ReadWrite));
    QVERIFY(holder.begin(true)); // BEGIN IMMEDIATE: the write lock, as an import takes it
    const Run run = runCli({QStringLiteral("import"), QStringLiteral("--case"), casePath,
                            dataPath("csv_bad_rows.csv")});
    QVERIFY(holder.rollback());
    QVERIFY2(run.exitCode == 1, describe(run).constData());
    const QString err = QString::fromUtf8(run.err);
    QVERIFY2(err.contains(QStringLiteral("is locked")), describe(run).constData());
    QVERIFY2(err.contains(QStringLiteral("process %1").arg(QCoreApplication::applicationPid())),
             describe(run).constData());
    QVERIFY2(err.contains(QStringLiteral("tst_clicase")), describe(run).constData());
    QVERIFY2(!err.contains(QStringLiteral("database is locked")), describe(run).constData());
}

// The same with a real import running in another process: a mark and a
// second import name it, with its command line and so the file it imports.
void TestCliCase::runningImportIsNamed()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString big = dir.filePath(QStringLiteral("big.csv"));
    const QString script = QStringLiteral(EA_SHARED_DIR "/tools/gen_connections.py");
    if (!QFileInfo::exists(script))
        QSKIP("../shared/tools/gen_connections.py is not beside this checkout");
    QProcess generator;
    generator.setStandardOutputFile(big);
    generator.start(QStringLiteral("python3"),
                    {script, QStringLiteral("--rows"), QStringLiteral("1000000"),
                     QStringLiteral("--seed"), QStringLiteral("1")});
    if (!generator.waitForStarted(30000))
        QSKIP("python3 is not available to generate a large export");
    QVERIFY(generator.waitForFinished(300000));
    QCOMPARE(generator.exitCode(), 0);

    const QString casePath = dir.filePath(QStringLiteral("c.eacase"));
    QProcess first;
    first.setStandardOutputFile(QProcess::nullDevice());
    first.start(QStringLiteral(EA_CLI_PATH),
                {QStringLiteral("import"), QStringLiteral("--case"), casePath, big});
    QVERIFY(first.waitForStarted(30000));
    const qint64 pid = first.processId();
    // Wait (on a condition, not a time) until the import holds the lock.
    while (first.state() == QProcess::Running && CaseLockInfo::writerProcess(casePath) != pid)
        QTest::qWait(20);
    QVERIFY2(first.state() == QProcess::Running, "the import ended before it was seen locking");

    // Both at once, so that they give up waiting (SQLite's busy timeout)
    // well before the import ends.
    QProcess markProcess;
    markProcess.start(QStringLiteral(EA_CLI_PATH),
                      {QStringLiteral("mark"), QStringLiteral("--case"), casePath,
                       QStringLiteral("--status"), QStringLiteral("internal"),
                       QStringLiteral("10.0.0.0/8")});
    const Run second = runCli({QStringLiteral("import"), QStringLiteral("--case"), casePath,
                               dataPath("drilldown_connections.csv")});
    QVERIFY(markProcess.waitForFinished(120000));
    Run mark;
    mark.exitCode = markProcess.exitCode();
    mark.exitStatus = markProcess.exitStatus();
    mark.err = markProcess.readAllStandardError();
    // Both ran entirely inside the import's one write transaction only if the
    // import still holds the lock now; "still running" is not enough, as the
    // process lives on for a while after its commit (ASan's exit checks).
    const bool stillLocked = CaseLockInfo::writerProcess(casePath) == pid;
    QVERIFY(first.waitForFinished(600000));
    QCOMPARE(first.exitCode(), 0);
    if (!stillLocked)
        QSKIP("the import committed before both others had given up waiting (a slow machine?)");

    const QString holder = QStringLiteral("process %1: ").arg(pid)
        + QStringLiteral(EA_CLI_PATH " import --case %1 %2").arg(casePath, big);
    for (const Run *run : {static_cast<const Run *>(&mark), &second}) {
        QVERIFY2(run->exitCode == 1, describe(*run).constData());
        const QString err = QString::fromUtf8(run->err);
        QVERIFY2(err.contains(QStringLiteral("is locked")) && err.contains(holder),
                 describe(*run).constData());
    }
}

void TestCliCase::fifoCaseIsRefused()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString fifo = dir.filePath(QStringLiteral("fifo.eacase"));
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    for (const QString &command : {QStringLiteral("destinations"), QStringLiteral("marks")}) {
        const Run run = runCli({command, QStringLiteral("--case"), fifo});
        QVERIFY2(run.exitCode == 1, describe(run).constData());
        QVERIFY2(run.err.contains("not a regular file"), describe(run).constData());
    }
}

QTEST_GUILESS_MAIN(TestCliCase)
#include "tst_clicase.moc"
