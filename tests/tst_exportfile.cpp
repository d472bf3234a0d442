// ExportFile, the one way exports reach a file, and the exports built on it
// (allowlist, the GUI's destinations and seed CSV): never over the open case
// or its SQLite sidecars however the target is spelled, never over a file
// that is not a regular file, and a failed write (a full disk) reported with
// the previous file left byte for byte as it was.

#include "casesession.h"
#include "destinationsexporter.h"

#include "core/exportfile.h"
#include "ingest/importjob.h"
#include "review/allowlist.h"
#include "storage/marks.h"
#include "testutils.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/resource.h>
#include <sys/stat.h>

#include <csignal>
#include <functional>

using namespace ea;
using namespace ea::test;

namespace {

// Runs work with writes to files limited to `bytes` (RLIMIT_FSIZE) and
// SIGXFSZ ignored, so a write past the limit fails with EFBIG as on a full
// disk; the limit and the signal's disposition are restored afterwards.
template<typename Work> auto withFileSizeLimit(rlim_t bytes, Work work)
{
    rlimit old {};
    ::getrlimit(RLIMIT_FSIZE, &old);
    const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit limited = old;
    limited.rlim_cur = bytes;
    ::setrlimit(RLIMIT_FSIZE, &limited);
    auto result = work();
    ::setrlimit(RLIMIT_FSIZE, &old);
    std::signal(SIGXFSZ, oldHandler);
    return result;
}

} // namespace

class TestExportFile : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void refusesTheCase_data();
    void refusesTheCase();
    void refusesNonRegularFiles();
    void writesAnOrdinaryFile();
    void otherFilesBesideTheCaseAreFine();
    void fullDiskKeepsOldFile_data();
    void fullDiskKeepsOldFile();

private:
    QTemporaryDir m_dir;
    QString m_casePath;
    std::unique_ptr<CaseSession> m_session;
    QByteArray m_caseBytes;

    QString path(const QString &name) const { return m_dir.filePath(name); }
};

void TestExportFile::init()
{
    QVERIFY(m_dir.isValid());
    m_casePath = path(QStringLiteral("c.eacase"));
    m_session = std::make_unique<CaseSession>();
    QVERIFY(m_session->open(m_casePath, CaseDatabase::OpenMode::CreateIfMissing).isNull());
    ImportJob job(*m_session->database(),
                  QStringLiteral(EA_TEST_DATA_DIR "/import_cli_connections.csv"));
    QVERIFY(job.run().imported());
    Marks marks(*m_session->database());
    QVERIFY(
        marks.setMark(Marks::parseTarget("93.184.216.0/24").cidr, MarkStatus::KnownSafe, "'=x note")
            .ok());
    m_caseBytes = readFile(m_casePath);
    QVERIFY(m_caseBytes.startsWith("SQLite format 3"));
}

void TestExportFile::cleanup()
{
    m_session.reset();
    QDir(m_dir.path()).removeRecursively();
    QDir().mkpath(m_dir.path());
}

void TestExportFile::refusesTheCase_data()
{
    QTest::addColumn<QString>("target"); // relative to the folder; "@" prefix: make it so first
    QTest::addColumn<QString>("expected"); // in the error text

    QTest::addRow("same path") << QStringLiteral("c.eacase") << QStringLiteral("itself");
    QTest::addRow("dot slashes") << QStringLiteral("./././c.eacase") << QStringLiteral("itself");
    QTest::addRow("via its folder")
        << QStringLiteral("sub/../c.eacase") << QStringLiteral("itself");
    QTest::addRow("symlink") << QStringLiteral("@symlink") << QStringLiteral("itself");
    QTest::addRow("hard link") << QStringLiteral("@hardlink") << QStringLiteral("itself");
    QTest::addRow("journal, absent")
        << QStringLiteral("c.eacase-journal") << QStringLiteral("c.eacase-journal");
    QTest::addRow("journal, dot slash")
        << QStringLiteral("./c.eacase-journal") << QStringLiteral("c.eacase-journal");
    QTest::addRow("wal, absent") << QStringLiteral("c.eacase-wal") << QStringLiteral("-wal");
    QTest::addRow("shm, present") << QStringLiteral("@shm") << QStringLiteral("-shm");
    QTest::addRow("symlink to the absent journal")
        << QStringLiteral("@journal-symlink") << QStringLiteral("c.eacase-journal");
}

void TestExportFile::refusesTheCase()
{
    QFETCH(QString, target);
    QFETCH(QString, expected);

    QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("sub")));
    QString file = path(target);
    if (target == QLatin1String("@symlink")) {
        file = path(QStringLiteral("link.csv"));
        QVERIFY(QFile::link(m_casePath, file));
    } else if (target == QLatin1String("@hardlink")) {
        file = path(QStringLiteral("hard.csv"));
        QCOMPARE(
            ::link(QFile::encodeName(m_casePath).constData(), QFile::encodeName(file).constData()),
            0);
    } else if (target == QLatin1String("@shm")) {
        file = m_casePath + QStringLiteral("-shm");
        QVERIFY(writeFile(file, "shm"));
    } else if (target == QLatin1String("@journal-symlink")) {
        file = path(QStringLiteral("sub/j.csv"));
        QVERIFY(QFile::link(m_casePath + QStringLiteral("-journal"), file));
    }
    const bool journalExisted = QFileInfo::exists(m_casePath + QStringLiteral("-journal"));

    const Result<> written = ExportFile::writeAll(file, m_casePath, "address\r\n");
    QVERIFY(written.error.code() == Error::Code::Invalid);
    const QString error = written.error.message();
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY2(error.contains(QDir::toNativeSeparators(file)), qPrintable(error));

    // The same through the exports themselves.
    const Allowlist::ExportResult allowlist = Allowlist::exportFile(*m_session->database(), file);
    QVERIFY2(allowlist.error.message().contains(expected), qPrintable(allowlist.error.message()));
    const QString destinations = writeDestinationsCsv(*m_session, file, std::nullopt).result();
    QVERIFY2(destinations.contains(expected), qPrintable(destinations));
    const QString seed = writeSeedCsv(*m_session, file, std::vector<std::int64_t> {1}).result();
    QVERIFY2(seed.contains(expected), qPrintable(seed));

    QCOMPARE(readFile(m_casePath), m_caseBytes);
    QCOMPARE(QFileInfo::exists(m_casePath + QStringLiteral("-journal")), journalExisted);
    QVERIFY(!QFileInfo::exists(m_casePath + QStringLiteral("-wal")));
    if (target == QLatin1String("@shm"))
        QCOMPARE(readFile(file), QByteArray("shm"));
}

void TestExportFile::refusesNonRegularFiles()
{
    const QString fifo = path(QStringLiteral("fifo.csv"));
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    const QString folder = path(QStringLiteral("folder.csv"));
    QVERIFY(QDir().mkpath(folder));

    for (const QString &target : {fifo, folder}) {
        const QString error = ExportFile::writeAll(target, m_casePath, "x\r\n").error.message();
        QVERIFY2(error.contains(QStringLiteral("not a regular file")), qPrintable(error));
        QVERIFY2(error.contains(target), qPrintable(error));
        // Without a case to protect too.
        QVERIFY(!ExportFile::writeAll(target, QString(), "x\r\n").error.message().isEmpty());
        QVERIFY(!Allowlist::exportFile(*m_session->database(), target).ok());
        QVERIFY(!writeDestinationsCsv(*m_session, target, std::nullopt).result().isEmpty());
    }
    QFileInfo info(fifo);
    QVERIFY(!info.isFile() && info.exists());
    QVERIFY(QFileInfo(folder).isDir());
}

void TestExportFile::writesAnOrdinaryFile()
{
    const QString file = path(QStringLiteral("out.csv"));
    QVERIFY(writeFile(file, "old"));
    QCOMPARE(ExportFile::writeAll(file, m_casePath, "new\r\n").error.message(), QString());
    QCOMPARE(readFile(file), QByteArray("new\r\n"));

    // A symlink to an ordinary file is written through, as before.
    const QString link = path(QStringLiteral("link.csv"));
    QVERIFY(QFile::link(file, link));
    const Allowlist::ExportResult result = Allowlist::exportFile(*m_session->database(), link);
    QVERIFY2(result.ok(), qPrintable(result.error.message()));
    QCOMPARE(result.rows, 1);
    QCOMPARE(readFile(file),
             QByteArray("cidr,status,note\r\n93.184.216.0/24,known-safe,''=x note\r\n"));
    QCOMPARE(readFile(m_casePath), m_caseBytes);
}

void TestExportFile::otherFilesBesideTheCaseAreFine()
{
    for (const char *name : {"c.eacase.csv", "c.eacase-journal.csv", "c.eacas", "c.eacase-"}) {
        const QString file = path(QLatin1String(name));
        QCOMPARE(ExportFile::writeAll(file, m_casePath, "x\r\n").error.message(), QString());
        QCOMPARE(readFile(file), QByteArray("x\r\n"));
    }
}

void TestExportFile::fullDiskKeepsOldFile_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("limit"); // bytes a file may grow to

    for (const int limit : {0, 20}) {
        for (const char *kind : {"writeAll", "allowlist", "destinations", "seed"})
            QTest::addRow("%s, %d bytes", kind, limit) << QString::fromLatin1(kind) << limit;
    }
}

void TestExportFile::fullDiskKeepsOldFile()
{
    QFETCH(QString, kind);
    QFETCH(int, limit);

    const QString file = path(QStringLiteral("previous.csv"));
    const QByteArray previous = "the previous export, which must survive\r\n";
    QVERIFY(writeFile(file, previous));

    // Every output here is larger than the limit but far below 16 KiB: the
    // size Qt 6.4's QSaveFile keeps in its buffer without reporting.
    const QString error = withFileSizeLimit(rlim_t(limit), [&]() -> QString {
        if (kind == QLatin1String("writeAll"))
            return ExportFile::writeAll(file, m_casePath, std::string(1000, 'x')).error.message();
        if (kind == QLatin1String("allowlist"))
            return Allowlist::exportFile(*m_session->database(), file).error.message();
        if (kind == QLatin1String("destinations"))
            return writeDestinationsCsv(*m_session, file, std::nullopt).result();
        return writeSeedCsv(*m_session, file, std::nullopt).result();
    });
    QVERIFY2(error.contains(QStringLiteral("File too large")), qPrintable(error));
    QVERIFY2(error.contains(file), qPrintable(error));
    QCOMPARE(readFile(file), previous);
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 2); // case + file
    QCOMPARE(readFile(m_casePath), m_caseBytes);

    // Once there is room, the same export succeeds.
    const QString again = kind == QLatin1String("allowlist")
        ? Allowlist::exportFile(*m_session->database(), file).error.message()
        : kind == QLatin1String("destinations")
        ? writeDestinationsCsv(*m_session, file, std::nullopt).result()
        : kind == QLatin1String("seed")
        ? writeSeedCsv(*m_session, file, std::nullopt).result()
        : ExportFile::writeAll(file, m_casePath, "ok").error.message();
    QCOMPARE(again, QString());
    QVERIFY(readFile(file) != previous);
}

QTEST_GUILESS_MAIN(TestExportFile)
#include "tst_exportfile.moc"
