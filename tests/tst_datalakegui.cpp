// Review → Copy data-lake query: the window puts DataLakeQuery's text, with
// the open case's marks as they are now, on the clipboard; without a case the
// actions are disabled.

#include "mainwindow.h"
#include "reviewactions.h"
#include "testutils.h"

#include "export/datalakequery.h"
#include "ingest/importjob.h"
#include "storage/casedatabase.h"
#include "storage/marks.h"

#include <QAction>
#include <QClipboard>
#include <QFileInfo>
#include <QGuiApplication>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <string>

using namespace ea;
using namespace ea::test;

namespace {

// A case of tests/data/lists/connections-lists.csv with one mark.
bool makeCase(const QString &path)
{
    CaseDatabase::Result opened = CaseDatabase::open(path, CaseDatabase::OpenMode::CreateIfMissing);
    if (!opened.ok())
        return false;
    if (!ImportJob(*opened.database, dataPath(QStringLiteral("lists/connections-lists.csv")))
             .run()
             .imported())
        return false;
    return Marks(*opened.database).setMark("13.112.0.0/16", MarkStatus::Internal, "vpn").ok();
}

std::string queryWithMarksOf(const QString &path)
{
    CaseDatabase::Result opened = CaseDatabase::open(path, CaseDatabase::OpenMode::ReadOnly);
    if (!opened.ok())
        return {};
    const RowsResult<Mark> marks = Marks(*opened.database).marks();
    return DataLakeQuery::build(DataLakeDialect::Trino, {}, marks.value);
}

} // namespace

class TestDataLakeGui : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void copiesTheQueryWithTheCasesMarks();
};

void TestDataLakeGui::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("EgressAuditorTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_datalakegui"));
    QSettings().clear();
}

void TestDataLakeGui::copiesTheQueryWithTheCasesMarks()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("lake.eacase"));
    QVERIFY(makeCase(path));

    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *trino = window.findChild<QAction *>(QStringLiteral("copyDataLakeQuery"));
    auto *athena = window.findChild<QAction *>(QStringLiteral("copyDataLakeQueryAthena"));
    QVERIFY(trino && athena);
    QVERIFY(!trino->isEnabled());
    QVERIFY(!athena->isEnabled());

    QVERIFY(window.openCase(path));
    QTRY_COMPARE_WITH_TIMEOUT(window.casePath(), QFileInfo(path).absoluteFilePath(), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), 30000);
    QTRY_VERIFY(trino->isEnabled());

    QClipboard *clipboard = QGuiApplication::clipboard();
    clipboard->clear();
    QSignalSpy messages(window.review(), &ReviewActions::statusMessage);
    trino->trigger();
    const QString copied = clipboard->text();
    QCOMPARE(copied, QString::fromStdString(queryWithMarksOf(path)));
    QVERIFY(copied.contains(QStringLiteral("('13.112.0.0/16', 16, 'internal')")));
    QCOMPARE(messages.count(), 1);
    QVERIFY(messages.at(0).at(0).toString().contains(QStringLiteral("Trino")));

    // A mark made in the window is in the next copy.
    QVERIFY(window.review()->markTarget(QStringLiteral("2001:db8:bad::/48"), MarkStatus::Suspicious,
                                        "feed"));
    QTRY_VERIFY(!window.isBusy());
    athena->trigger();
    const QString again = clipboard->text();
    QVERIFY(again.startsWith(QStringLiteral("-- Egress Auditor data-lake query (Amazon Athena")));
    QVERIFY(again.contains(QStringLiteral("('2001:db8:bad::/48', 48, 'suspicious')")));
    QVERIFY(again.contains(QStringLiteral("('13.112.0.0/16', 16, 'internal')")));
}

QTEST_MAIN(TestDataLakeGui)
#include "tst_datalakegui.moc"
