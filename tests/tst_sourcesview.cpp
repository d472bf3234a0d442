// The workbench on network-sensor data (no host, no process): sources show
// on the Processes tab with their destinations, the drill-down lists the
// sources of a destination, and source: filters the table.
// Fixture: sources_connections.csv and sources_hosts.csv (see
// tst_networksources.cpp for what they hold).

#include "chartdata.h"
#include "destinationspage.h"
#include "mainwindow.h"
#include "processespage.h"
#include "testutils.h"

#include "address/ipaddress.h"
#include "storage/casesnapshot.h"

#include <QAbstractItemModelTester>
#include <QLineEdit>
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

int columnNamed(const QAbstractItemModel *model, const QString &header)
{
    for (int c = 0; c < model->columnCount(); ++c) {
        if (model->headerData(c, Qt::Horizontal).toString() == header)
            return c;
    }
    return -1;
}

} // namespace

class TestSourcesView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void processesTabListsSources();
    void drillDownListsTheSources();
    void sourceFilterSelectsRows();
    void relativeTimesAreMarked();
    void zoneUnknownTimesAreMarked();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MainWindow> m_window;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;
};

void TestSourcesView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("EgressAuditorTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_sourcesview"));
}

void TestSourcesView::init()
{
    QSettings().clear();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_window = std::make_unique<MainWindow>();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    for (QAbstractItemModel *model : {m_window->processesPage()->processesModel(),
                                      m_window->processesPage()->destinationsModel(),
                                      m_window->destinationsPage()->processesView()->model()}) {
        m_testers.push_back(std::make_unique<QAbstractItemModelTester>(
            model, QAbstractItemModelTester::FailureReportingMode::QtTest));
    }
    QVERIFY(m_window->openCase(m_dir->filePath(QStringLiteral("case.eacase")), true));
    QSignalSpy finished(m_window.get(), &MainWindow::importFinished);
    m_window->importFiles({dataPath("sources_connections.csv"), dataPath("sources_hosts.csv")},
                          false);
    QVERIFY(finished.wait(60000));
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), 30000);
}

void TestSourcesView::cleanup()
{
    m_testers.clear();
    m_window.reset();
    m_dir.reset();
}

void TestSourcesView::processesTabListsSources()
{
    ProcessesPage *page = m_window->processesPage();
    QTRY_VERIFY(!page->isLoading());
    QTableView *view = page->processesView();
    const QAbstractItemModel *model = view->model();
    const int host = columnNamed(model, QStringLiteral("Host"));
    QVERIFY(host >= 0);
    // One process and five sources, each with its host name where the hosts
    // export gave one.
    QStringList hosts = column(model, host);
    hosts.sort();
    QCOMPARE(hosts,
             (QStringList {QString(), QStringLiteral("192.168.1.9"),
                           QStringLiteral("2001:db8:1::7"), QStringLiteral("build-07"),
                           QStringLiteral("sensor-a"), QStringLiteral("ws-01")}));
    QCOMPARE(page->countsText(), QStringLiteral("6 of 6 processes and sources"));

    // Selecting a source shows its destinations under a caption naming it.
    const int row = column(model, host).indexOf(QStringLiteral("build-07"));
    QCOMPARE(model->index(row, 0).data().toString(), QStringLiteral("(no process named)"));
    view->setCurrentIndex(model->index(row, 0));
    QCOMPARE(page->destinationsCaption(),
             QStringLiteral("Destinations &contacted by build-07, no process named:"));
    QTRY_COMPARE(page->destinationsView()->model()->rowCount(), 2);
    QTRY_VERIFY(!page->isLoading());
    QStringList shown = column(page->destinationsView()->model(), 0);
    shown.sort();
    QCOMPARE(shown, (QStringList {QStringLiteral("1.1.1.1"), QStringLiteral("8.8.8.8")}));

    // Another source: only its own destination.
    const int other = column(model, host).indexOf(QStringLiteral("192.168.1.9"));
    view->setCurrentIndex(model->index(other, 0));
    QTRY_COMPARE(page->destinationsView()->model()->rowCount(), 1);
    QCOMPARE(page->destinationsView()->model()->index(0, 0).data().toString(),
             QStringLiteral("1.1.1.1"));
}

void TestSourcesView::drillDownListsTheSources()
{
    DestinationsPage *page = m_window->destinationsPage();
    QTableView *view = page->destinationsView();
    QTRY_COMPARE(view->model()->rowCount(), 4);
    const int row = column(view->model(), 0).indexOf(QStringLiteral("8.8.8.8"));
    QVERIFY(row >= 0);
    view->setCurrentIndex(view->model()->index(row, 0));
    const QAbstractItemModel *processes = page->processesView()->model();
    QTRY_COMPARE(processes->rowCount(), 2);
    const int host = columnNamed(processes, QStringLiteral("Host"));
    QVERIFY(host >= 0);
    QStringList hosts = column(processes, host);
    hosts.sort();
    QCOMPARE(hosts, (QStringList {QStringLiteral("build-07"), QStringLiteral("ws-01")}));
}

void TestSourcesView::sourceFilterSelectsRows()
{
    DestinationsPage *page = m_window->destinationsPage();
    const QAbstractItemModel *model = page->destinationsView()->model();
    QTRY_COMPARE(model->rowCount(), 4);
    page->filterEdit()->setText(QStringLiteral("source:192.168.0.0/16"));
    page->applyFilterNow();
    QTRY_COMPARE(model->rowCount(), 1);
    QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("1.1.1.1"));

    page->filterEdit()->setText(QStringLiteral("source:10.0.0.5"));
    page->applyFilterNow();
    QTRY_COMPARE(model->rowCount(), 2);
    QStringList shown = column(model, 0);
    shown.sort();
    QCOMPARE(shown, (QStringList {QStringLiteral("8.8.8.8"), QStringLiteral("9.9.9.9")}));
}

// A capture's times that read as offsets (before 1971) show as such, not as
// dates in January 1970; exports keep them as written (ISO 8601, a contract).
void TestSourcesView::relativeTimesAreMarked()
{
    QSignalSpy finished(m_window.get(), &MainWindow::importFinished);
    m_window->importFiles({dataPath("relative_times.csv")}, false);
    QVERIFY(finished.wait(60000));
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), 30000);
    const QAbstractItemModel *model = m_window->destinationsPage()->destinationsView()->model();
    const int row = column(model, 0).indexOf(QStringLiteral("8.8.4.4"));
    QVERIFY(row >= 0);
    const int first = columnNamed(model, QStringLiteral("First seen"));
    const int last = columnNamed(model, QStringLiteral("Last seen"));
    QVERIFY(first >= 0 && last >= 0);
    QCOMPARE(model->index(row, first).data().toString(),
             QStringLiteral("+00:01:38.400 (relative)"));
    QCOMPARE(model->index(row, last).data().toString(),
             QStringLiteral("+2d 04:46:40.250 (relative)"));
    // A date stays a date.
    const int dated = column(model, 0).indexOf(QStringLiteral("8.8.8.8"));
    QCOMPARE(model->index(dated, first).data().toString(), QStringLiteral("2024-11-19T07:06:40Z"));
}

// A W3C firewall log's times are local to a zone it does not name: shown
// without the Z and marked, where a UTC file's stay as they were.
void TestSourcesView::zoneUnknownTimesAreMarked()
{
    QSignalSpy finished(m_window.get(), &MainWindow::importFinished);
    m_window->importFiles({dataPath("w3c_pfirewall.log")}, false);
    QVERIFY(finished.wait(60000));
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), 30000);
    const QAbstractItemModel *model = m_window->destinationsPage()->destinationsView()->model();
    const int first = columnNamed(model, QStringLiteral("First seen"));
    QVERIFY(first >= 0);
    const int row = column(model, 0).indexOf(QStringLiteral("52.114.76.37"));
    QVERIFY(row >= 0);
    QCOMPARE(model->index(row, first).data().toString(),
             QStringLiteral("2021-06-22T12:19:41 (zone unknown)"));
    // Its column makes room for the longer text.
    QTableView *table = m_window->destinationsPage()->destinationsView();
    QVERIFY(table->columnWidth(first) > table->fontMetrics().horizontalAdvance(
                QStringLiteral("2021-06-22T12:19:41.123 (zone unknown)")));
    const int utc = column(model, 0).indexOf(QStringLiteral("1.1.1.1"));
    QVERIFY(utc >= 0);
    QCOMPARE(model->index(utc, first).data().toString(), QStringLiteral("2024-11-19T07:06:43Z"));

    // The drill-down of 8.8.8.8: the firewall's source is marked, the CSV's
    // are not; and each row has its bytes.
    table->setCurrentIndex(model->index(column(model, 0).indexOf(QStringLiteral("8.8.8.8")), 0));
    const QAbstractItemModel *processes = m_window->destinationsPage()->processesView()->model();
    QTRY_COMPARE_WITH_TIMEOUT(processes->rowCount(), 3, 30000);
    const int host = columnNamed(processes, QStringLiteral("Host"));
    const int seen = columnNamed(processes, QStringLiteral("First seen"));
    const int bytesOut = columnNamed(processes, QStringLiteral("Bytes out"));
    QVERIFY(host >= 0 && seen >= 0 && bytesOut >= 0);
    QStringList hosts;
    for (int r = 0; r < processes->rowCount(); ++r) {
        const QString who = processes->index(r, host).data().toString();
        hosts.append(who);
        const QString time = processes->index(r, seen).data().toString();
        QCOMPARE(time.endsWith(QStringLiteral("(zone unknown)")),
                 who == QStringLiteral("192.168.178.25"));
        if (who == QStringLiteral("ws-01")) // 10.0.0.5: 60 + 70 bytes out
            QCOMPARE(processes->index(r, bytesOut).data(Qt::ToolTipRole).toString(),
                     QStringLiteral("130 bytes"));
    }
    hosts.sort();
    QCOMPARE(hosts.join(QLatin1Char(' ')), QStringLiteral("192.168.178.25 build-07 ws-01"));

    // The Processes tab marks the firewall's source too, with room for it.
    const QAbstractItemModel *tab = m_window->processesPage()->processesModel();
    QTRY_VERIFY_WITH_TIMEOUT(column(tab, 3).contains(QStringLiteral("192.168.178.25")), 30000);
    const int tabRow = column(tab, 3).indexOf(QStringLiteral("192.168.178.25"));
    const int tabFirst = columnNamed(tab, QStringLiteral("First seen"));
    const QString shown = tab->index(tabRow, tabFirst).data().toString();
    QVERIFY2(shown.endsWith(QStringLiteral("(zone unknown)")), qPrintable(shown));
    QTableView *processesTable
        = m_window->processesPage()->findChild<QTableView *>(QStringLiteral("processesView"));
    QVERIFY(processesTable);
    QVERIFY(processesTable->columnWidth(tabFirst)
            > processesTable->fontMetrics().horizontalAdvance(shown));

    // The time chart of rows with such times says so; of others, not.
    CaseSnapshot snapshot(m_dir->filePath(QStringLiteral("case.eacase")));
    QVERIFY(snapshot.ok());
    const auto chartOf = [&](std::vector<std::int64_t> ids) {
        ChartRequest request;
        request.destinationIds = std::move(ids);
        return computeChartData(snapshot.queries(), request, [] { return false; });
    };
    const std::int64_t firewall
        = *snapshot.queries().destinationId(parseAddress("52.114.76.37").address);
    const std::int64_t utcOnly = *snapshot.queries().destinationId(parseAddress("1.1.1.1").address);
    const Result<ChartData> mixed = chartOf({utcOnly, firewall});
    QVERIFY(mixed.ok());
    QVERIFY(mixed.value.timeline.zoneUnknown);
    const Result<ChartData> plain = chartOf({utcOnly});
    QVERIFY(plain.ok());
    QVERIFY(!plain.value.timeline.zoneUnknown);
}

QTEST_MAIN(TestSourcesView)
#include "tst_sourcesview.moc"
