// The GUI at this stage: the main window opens, is shown, and lists the
// export files it was given.

#include <QLabel>
#include <QMenuBar>
#include <QTest>

#include "mainwindow.h"

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void opensAndListsFiles();
};

void TestMainWindow::opensAndListsFiles()
{
    ea::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.windowTitle(), QStringLiteral("Egress Auditor"));
    QVERIFY(window.menuBar()->actions().size() >= 2);

    auto *label = qobject_cast<QLabel *>(window.centralWidget());
    QVERIFY(label);
    QCOMPARE(label->text(), QStringLiteral("No export file opened."));
    window.setExportFiles({QStringLiteral("/data/connections.csv")});
    QVERIFY(label->text().contains(QStringLiteral("connections.csv")));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
