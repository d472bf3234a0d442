// Save case as: CaseDatabase::saveCopy writes a compact copy of the case as
// last committed, replacing a target whole, never the case itself; the
// window makes it off the GUI thread and then works in the copy.

#include "destinationspage.h"
#include "mainwindow.h"
#include "testutils.h"

#include "ingest/importjob.h"
#include "storage/casedatabase.h"
#include "storage/casequeries.h"
#include "storage/marks.h"

#include <QDir>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace ea;
using namespace ea::test;

namespace {

// "address status connections" per destination, sorted.
QStringList summary(const QString &casePath)
{
    CaseDatabase::Result opened = CaseDatabase::open(casePath, CaseDatabase::OpenMode::ReadOnly);
    if (!opened.ok())
        return {QStringLiteral("error: ") + opened.error.message()};
    const RowsResult<DestinationRow> rows
        = CaseQueries(*opened.database).destinations({.all = true});
    QStringList lines;
    for (const DestinationRow &row : rows.value) {
        lines << QString::fromStdString(row.canonical) + QLatin1Char(' ')
                + QString::fromUtf8(markStatusId(row.status).data()) + QLatin1Char(' ')
                + QString::number(row.connections);
    }
    lines.sort();
    return lines;
}

} // namespace

class TestCaseCopy : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void copyHoldsTheCase();
    void copyReplacesATargetWhole();
    void copyIsNeverTheCaseItself();
    void windowWorksInTheCopy();

private:
    QString makeCase(const QString &name);

    QTemporaryDir m_dir;
};

void TestCaseCopy::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("EgressAuditorTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_casecopy"));
    QSettings().clear();
}

QString TestCaseCopy::makeCase(const QString &name)
{
    const QString path = m_dir.filePath(name);
    CaseDatabase::Result opened = CaseDatabase::open(path, CaseDatabase::OpenMode::CreateIfMissing);
    if (!opened.ok())
        return {};
    const ImportReport report = ImportJob(*opened.database, dataPath("gui_connections.csv")).run();
    if (!report.imported())
        return {};
    if (!Marks(*opened.database).setMark("8.8.8.8", MarkStatus::KnownSafe, "dns").ok())
        return {};
    return path;
}

void TestCaseCopy::copyHoldsTheCase()
{
    const QString source = makeCase(QStringLiteral("a.eacase"));
    QVERIFY(!source.isEmpty());
    const QString target = m_dir.filePath(QStringLiteral("a-copy.eacase"));
    {
        CaseDatabase::Result opened
            = CaseDatabase::open(source, CaseDatabase::OpenMode::OpenExisting);
        QVERIFY(opened.ok());
        const Error error = opened.database->saveCopy(target);
        QVERIFY2(error.isNull(), qPrintable(error.message()));
    }
    // A case like any other (the schema check passes), with the same rows
    // and marks, and nothing left beside it.
    const QStringList original = summary(source);
    QVERIFY(original.size() > 3);
    QVERIFY(original.contains(QStringLiteral("8.8.8.8 known-safe 2")));
    QCOMPARE(summary(target), original);
    const QStringList files = QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden);
    for (const QString &file : files)
        QVERIFY2(!file.contains(QStringLiteral(".saving-")), qPrintable(file));
}

void TestCaseCopy::copyReplacesATargetWhole()
{
    const QString source = makeCase(QStringLiteral("b.eacase"));
    QVERIFY(!source.isEmpty());
    const QString target = m_dir.filePath(QStringLiteral("existing.eacase"));
    QFile old(target);
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.write("an older file the analyst chose to replace");
    old.close();
    CaseDatabase::Result opened = CaseDatabase::open(source, CaseDatabase::OpenMode::OpenExisting);
    QVERIFY(opened.ok());
    const Error error = opened.database->saveCopy(target);
    QVERIFY2(error.isNull(), qPrintable(error.message()));
    QCOMPARE(summary(target), summary(source));

    // A folder that does not exist: an error naming the target, nothing made.
    const QString nowhere = m_dir.filePath(QStringLiteral("no/such/folder/c.eacase"));
    const Error failed = opened.database->saveCopy(nowhere);
    QVERIFY(!failed.isNull());
    QVERIFY2(failed.message().contains(nowhere), qPrintable(failed.message()));
    QVERIFY(!QFile::exists(nowhere));
}

void TestCaseCopy::copyIsNeverTheCaseItself()
{
    const QString source = makeCase(QStringLiteral("self.eacase"));
    QVERIFY(!source.isEmpty());
    const QStringList before = summary(source);
    CaseDatabase::Result opened = CaseDatabase::open(source, CaseDatabase::OpenMode::OpenExisting);
    QVERIFY(opened.ok());
    // Also through another spelling of the same path.
    const QString same = m_dir.path() + QStringLiteral("/./self.eacase");
    const Error error = opened.database->saveCopy(same);
    QCOMPARE(error.code(), Error::Code::Invalid);
    QVERIFY2(error.message().contains(QStringLiteral("is the case itself")),
             qPrintable(error.message()));
    opened.database.reset();
    QCOMPARE(summary(source), before);
}

void TestCaseCopy::windowWorksInTheCopy()
{
    const QString source = makeCase(QStringLiteral("w.eacase"));
    QVERIFY(!source.isEmpty());
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openCase(source));
    QTRY_VERIFY(!window.isBusy());
    QCOMPARE(window.casePath(), source);

    const QString target = m_dir.filePath(QStringLiteral("w-saved.eacase"));
    window.saveCaseAs(target);
    QVERIFY(window.isBusy()); // the copy is made off the GUI thread
    QTRY_COMPARE_WITH_TIMEOUT(window.casePath(), target, 30000);
    QTRY_VERIFY(!window.isBusy());
    QCOMPARE(summary(target), summary(source));
    QTRY_VERIFY(window.destinationsPage()->destinationsView()->model()->rowCount() > 0);
}

QTEST_MAIN(TestCaseCopy)
#include "tst_casecopy.moc"
