// The first start: with no case open the window shows the ways in (import,
// open, recent cases, the bundled sample) instead of empty tabs, and the
// tabs come back as soon as a case is open.

#include "destinationspage.h"
#include "mainwindow.h"
#include "recentfiles.h"
#include "startpage.h"
#include "testutils.h"

#include "storage/casedatabase.h"
#include "storage/sqlite.h"

#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace ea;
using namespace ea::test;

class TestStartPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void showsTheWaysInUntilACaseOpens();
    void recentCaseOpensFromTheList();
    void sampleImportsIntoANewCase();
    void aboutNamesTheVersions();

private:
    QTemporaryDir m_dir;
};

void TestStartPage::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("EgressAuditorTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_startpage"));
}

void TestStartPage::init()
{
    QSettings().clear();
}

void TestStartPage::showsTheWaysInUntilACaseOpens()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    StartPage *start = window.startPage();
    QVERIFY(start->isVisible());
    QVERIFY(!window.tabs()->isVisible());
    QStringList buttons;
    for (const QPushButton *button : start->findChildren<QPushButton *>())
        buttons << button->text();
    buttons.sort();
    QCOMPARE(
        buttons,
        (QStringList {QStringLiteral("&Import exports… (Ctrl+I)"),
                      QStringLiteral("&Open case… (Ctrl+O)"), QStringLiteral("Try the &sample")}));
    // No recent case yet: no empty list.
    QVERIFY(!start->recentList()->isVisible());

    const QString path = m_dir.filePath(QStringLiteral("first.eacase"));
    QVERIFY(window.openCase(path, true));
    QTRY_VERIFY(window.tabs()->isVisible());
    QVERIFY(!start->isVisible());
}

void TestStartPage::recentCaseOpensFromTheList()
{
    const QString path = m_dir.filePath(QStringLiteral("recent.eacase"));
    {
        CaseDatabase::Result made
            = CaseDatabase::open(path, CaseDatabase::OpenMode::CreateIfMissing);
        QVERIFY(made.ok());
    }
    {
        // What an earlier session left in the settings.
        MainWindow earlier;
        QVERIFY(earlier.openCase(path));
        QTRY_VERIFY(!earlier.isBusy());
    }
    QCOMPARE(RecentFiles::cases().value(0), path);

    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QListWidget *recent = window.startPage()->recentList();
    QVERIFY(recent->isVisible());
    QCOMPARE(recent->count(), 1);
    QVERIFY(recent->item(0)->text().startsWith(QStringLiteral("recent.eacase")));
    // From the keyboard: the list has focus, Enter opens the entry.
    recent->setFocus();
    QTest::keyClick(recent, Qt::Key_Return);
    QTRY_COMPARE(window.casePath(), path);
    QTRY_VERIFY(window.tabs()->isVisible());
}

void TestStartPage::sampleImportsIntoANewCase()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTest::mouseClick(window.startPage()->sampleButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!window.casePath().isEmpty(), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), 60000);
    QVERIFY(window.casePath().startsWith(MainWindow::untitledCasesFolder()));
    QVERIFY(window.tabs()->isVisible());
    // The sample's external destinations are in the table.
    QTRY_VERIFY(window.destinationsPage()->destinationsView()->model()->rowCount() > 10);
}

// Help → About names the app's version and the Qt and SQLite in use.
void TestStartPage::aboutNamesTheVersions()
{
    QCoreApplication::setApplicationVersion(QStringLiteral(EA_VERSION));
    const QString text = MainWindow::aboutText();
    QVERIFY2(text.contains(QStringLiteral(EA_VERSION)), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Qt ") + QString::fromLatin1(qVersion())),
             qPrintable(text));
    QVERIFY2(
        text.contains(QStringLiteral("SQLite ") + QString::fromLatin1(SqliteDb::libraryVersion())),
        qPrintable(text));
    QVERIFY(QByteArray(SqliteDb::libraryVersion()).startsWith("3."));
}

QTEST_MAIN(TestStartPage)
#include "tst_startpage.moc"
