// The workbench driven through its real widgets (offscreen): import a fixture,
// sort, filter, drill down into a destination and a process, follow links back
// and forth, mark and undo, export. Every model in the window runs under
// QAbstractItemModelTester.

#include "casesession.h"
#include "chartspage.h"
#include "destinationsmodel.h"
#include "destinationspage.h"
#include "eventsmodel.h"
#include "mainwindow.h"
#include "markdialog.h"
#include "messagebar.h"
#include "modelroles.h"
#include "processespage.h"
#include "recentfiles.h"
#include "reviewactions.h"
#include "sourcespage.h"
#include "testutils.h"
#include "userguide.h"

#include "address/ipaddress.h"
#include "review/destinationfilter.h"
#include "review/destinationsnapshot.h"
#include "storage/casedatabase.h"
#include "storage/marks.h"
#include "storage/sqlite.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMimeData>
#include <QProcess>
#include <QProgressBar>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTextDocumentFragment>
#include <QTimer>
#include <QToolButton>
#include <QUrl>

#include <unistd.h>

#include <memory>
#include <vector>

using namespace ea;
using namespace ea::test;

namespace {

QStringList fixture()
{
    return {dataPath("gui_connections.csv"), dataPath("gui_processes.csv"),
            dataPath("gui_hosts.csv")};
}

int rowOf(const QAbstractItemModel *model, int column, const QString &text)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, column).data().toString() == text)
            return row;
    }
    return -1;
}

void clickHeader(QTableView *view, int section)
{
    QHeaderView *header = view->horizontalHeader();
    const int x = header->sectionViewportPosition(section) + header->sectionSize(section) / 2;
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
}

} // namespace

class TestWorkbench : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void importShowsSummaryAndRejectedRows();
    void importNotesReachTheGuiAndStay();
    void exportsWithoutACaseGoToAnUntitledCase();
    void f1OpensAGuideThatKnowsEveryKeyAndFilter();
    void statusBarSpeaksAboutTheTabInView();
    void sortsByAddressNumerically();
    void sortsByConnections();
    void filtersByCidrPortAndProcess();
    void invalidFilterIsReported();
    void drillsIntoDestination();
    void followsLinksBackAndForward();
    void marksKnownSafeAndUndoes();
    void marksTypedCidrInternal();
    void exportsLikeTheCli();
    void firstRowsAreNotTheView();
    void togglesShowAllDestinations();
    void cancelLeavesTheCaseAsItWas();
    void screenshotOption();
    void helpAndVersionNeedNoDisplay();
    void screenshotNeverReplacesTheCase();
    void screenshotOfACaseAddsNothing();
    void unmarkUnderACoveringBlockSaysSo();
    void marksManyRowsOffTheGuiThread();
    void allowlistImportRunsOnTheWriter();
    void markDialogMarksTheSelectedRows();
    void anotherCaseClearsTheDrillDown();
    void drillDownNamesWhatItShows();
    void linkSaysWhyTheViewChanged();
    void menusHaveOneEntryPerAccessKey();
    void redoHasBothKeysAndNoKeyIsBoundTwice();
    void windowKeysPassTextFields();
    void enterOpensTheDrillDown();
    void processDrillDownNamesWhatItShows();
    void caseSwitchKeepsTheOldCaseUntilTheNewLands();
    void dropOpensACaseAndRecentListsIt();
    void plantedTriggerIsRefusedReadably();
    void notACaseIsRefusedAndLeftAlone();
    void contextMenuFiltersToTheRow();
    void columnLayoutPersists();

private:
    void startGui(QProcess &app, const QStringList &arguments);
    void openFixture();
    void attachTesters();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MainWindow> m_window;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;
};

void TestWorkbench::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("EgressAuditorTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_workbench"));
}

void TestWorkbench::init()
{
    QSettings().clear();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_window = std::make_unique<MainWindow>();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    attachTesters();
}

void TestWorkbench::cleanup()
{
    m_testers.clear();
    m_window.reset();
    m_dir.reset();
}

void TestWorkbench::attachTesters()
{
    DestinationsPage *page = m_window->destinationsPage();
    ProcessesPage *processes = m_window->processesPage();
    const QList<QAbstractItemModel *> models = {
        page->model(),
        page->eventsModel(),
        page->processesView()->model(),
        processes->processesModel(),
        processes->destinationsModel(),
        m_window->rejectedView()->model(),
    };
    for (QAbstractItemModel *model : models) {
        m_testers.push_back(std::make_unique<QAbstractItemModelTester>(
            model, QAbstractItemModelTester::FailureReportingMode::QtTest));
    }
}

void TestWorkbench::openFixture()
{
    QVERIFY(m_window->openCase(m_dir->filePath(QStringLiteral("case.eacase")), true));
    QSignalSpy finished(m_window.get(), &MainWindow::importFinished);
    m_window->importFiles(fixture(), false);
    QVERIFY(finished.wait(60000));
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), 30000);
}

void TestWorkbench::importNotesReachTheGuiAndStay()
{
    // A Windows Firewall log names no time zone: the import says so, and the
    // case keeps it.
    const QString casePath = m_dir->filePath(QStringLiteral("firewall.eacase"));
    QVERIFY(m_window->openCase(casePath, true));
    QSignalSpy finished(m_window.get(), &MainWindow::importFinished);
    m_window->importFiles({dataPath("w3c_pfirewall.log")}, false);
    QVERIFY(finished.wait(60000));
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), 30000);
    const QString summary = m_window->messageBar()->text();
    QVERIFY2(summary.contains(QStringLiteral("read as UTC")), qPrintable(summary));
    QCOMPARE(m_window->messageBar()->kind(), MessageBar::Kind::Warning);

    const auto checkSourcesTab = [this] {
        SourcesPage *sources = m_window->sourcesPage();
        QTRY_VERIFY(!sources->isLoading());
        const QAbstractItemModel *model = sources->view()->model();
        QCOMPARE(model->rowCount(), 1);
        const QModelIndex notes = model->index(0, SourcesPage::kNotesColumn);
        QVERIFY2(notes.data().toString().contains(QStringLiteral("read as UTC")),
                 qPrintable(notes.data().toString()));
        QVERIFY(notes.data(Qt::ToolTipRole).toString().contains(QStringLiteral("read as UTC")));
        QVERIFY(model->index(0, 0).data().toString().contains(QStringLiteral("w3c_pfirewall")));
        QCOMPARE(m_window->tabs()->tabText(m_window->tabs()->indexOf(sources)),
                 QStringLiteral("S&ources (1 note)"));
    };
    checkSourcesTab();

    // Reopened later: the notes are still there.
    QVERIFY(m_window->openCase(m_dir->filePath(QStringLiteral("other.eacase")), true));
    QTRY_VERIFY(!m_window->isBusy());
    QCOMPARE(m_window->sourcesPage()->view()->model()->rowCount(), 0);
    QVERIFY(m_window->openCase(casePath));
    QTRY_VERIFY(!m_window->isBusy());
    checkSourcesTab();
}

void TestWorkbench::statusBarSpeaksAboutTheTabInView()
{
    openFixture();
    QTabWidget *tabs = m_window->tabs();
    const QString destinations = QStringLiteral("6 of 6 destinations, 3 not external");
    QCOMPARE(m_window->countsText(), destinations);
    ProcessesPage *processes = m_window->processesPage();
    tabs->setCurrentWidget(processes);
    const int all = processes->processesModel()->rowCount();
    QCOMPARE(m_window->countsText(), QStringLiteral("%1 of %2 processes").arg(all).arg(all));
    processes->filterEdit()->setText(QStringLiteral("curl"));
    QTRY_COMPARE(m_window->countsText(), QStringLiteral("1 of %1 processes").arg(all));
    tabs->setCurrentWidget(m_window->rejectedView()->parentWidget());
    QCOMPARE(m_window->countsText(), QStringLiteral("Rejected rows: 1"));
    tabs->setCurrentWidget(m_window->sourcesPage());
    QCOMPARE(m_window->countsText(),
             QStringLiteral("Files imported: %1; notes: 0").arg(fixture().size()));
    tabs->setCurrentWidget(m_window->destinationsPage());
    QCOMPARE(m_window->countsText(), destinations);
}

// Files imported with no case open go into a new untitled case in the
// application's data folder, named once (not <organisation>/<application>).
void TestWorkbench::exportsWithoutACaseGoToAnUntitledCase()
{
    const QString folder = MainWindow::untitledCasesFolder();
    QCOMPARE(folder,
             QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
                 + QStringLiteral("/tst_workbench/cases"));
    QVERIFY(!folder.contains(QStringLiteral("EgressAuditorTests")));
    QSignalSpy finished(m_window.get(), &MainWindow::importFinished);
    m_window->importFiles({dataPath("gui_connections.csv")}, false);
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() > 0, 60000);
    const QString path = m_window->casePath();
    QVERIFY2(path.startsWith(folder + QStringLiteral("/untitled-")), qPrintable(path));
    QVERIFY(QFileInfo::exists(path));
    QTRY_VERIFY(!m_window->isBusy());
    m_testers.clear();
    m_window.reset();
    QVERIFY(QFile::remove(path));
}

// F1 opens the guide shipped with the app; it names every key of the window's
// menus and every filter key the parser knows, so that it cannot fall behind.
void TestWorkbench::f1OpensAGuideThatKnowsEveryKeyAndFilter()
{
    QTest::keyClick(m_window.get(), Qt::Key_F1);
    UserGuide *guide = nullptr;
    QTRY_VERIFY((guide = m_window->findChild<UserGuide *>()) && guide->isVisible());
    QVERIFY(guide->browser()->toPlainText().contains(QStringLiteral("Filters")));
    QVERIFY(!guide->browser()->toPlainText().contains(QStringLiteral("| --- |")));
    const QString source = UserGuide::markdown();
    QVERIFY(!source.isEmpty());
    for (const std::string_view key : DestinationFilter::kKeys) {
        const QString term = QStringLiteral("`") + toQString(key) + u':';
        QVERIFY2(source.contains(term), qPrintable(term));
    }
    int keys = 0;
    for (const QAction *action : m_window->findChildren<QAction *>()) {
        for (const QKeySequence &shortcut : action->shortcuts()) {
            const QString text = shortcut.toString(QKeySequence::PortableText);
            QVERIFY2(source.contains(text), qPrintable(action->text() + u' ' + text));
            ++keys;
        }
    }
    QVERIFY(keys >= 15);
    // A second F1 shows the same window.
    guide->close();
    QTest::keyClick(m_window.get(), Qt::Key_F1);
    QTRY_VERIFY(guide->isVisible());
    QCOMPARE(m_window->findChildren<UserGuide *>().size(), 1);
}

void TestWorkbench::importShowsSummaryAndRejectedRows()
{
    openFixture();
    const QString summary = m_window->messageBar()->text();
    QVERIFY2(summary.contains(QStringLiteral("17 loaded, 1 rejected, 0 skipped")),
             qPrintable(summary));
    QVERIFY(summary.contains(QStringLiteral("gui_processes.csv")));
    QVERIFY(m_window->messageBar()->isVisible());
    // Six external destinations; the private, link-local and documentation
    // ones are not in the default view.
    QCOMPARE(m_window->countsText(), QStringLiteral("6 of 6 destinations, 3 not external"));

    // The bar's action opens the rejected rows: file, line, reason, raw text.
    Q_EMIT m_window->messageBar()->actionTriggered();
    // The current tab is the page that holds the rejected rows view.
    QVERIFY(m_window->tabs()->currentWidget()->isAncestorOf(m_window->rejectedView()));
    const QAbstractItemModel *rejected = m_window->rejectedView()->model();
    QCOMPARE(rejected->rowCount(), 1);
    QVERIFY(
        rejected->index(0, 0).data().toString().endsWith(QStringLiteral("gui_connections.csv")));
    QCOMPARE(rejected->index(0, 1).data().toString(), QStringLiteral("19"));
    QVERIFY(rejected->index(0, 3).data().toString().contains(QStringLiteral("not-an-address")));
}

void TestWorkbench::sortsByAddressNumerically()
{
    openFixture();
    QTableView *view = m_window->destinationsPage()->destinationsView();
    clickHeader(view, DestinationsModel::AddressColumn);
    QCOMPARE(view->horizontalHeader()->sortIndicatorSection(),
             int(DestinationsModel::AddressColumn));
    const QStringList ascending = {
        QStringLiteral("1.1.1.1"),         QStringLiteral("8.8.8.8"),
        QStringLiteral("93.184.216.34"),   QStringLiteral("140.82.112.3"),
        QStringLiteral("2606:4700::1111"), QStringLiteral("2a00:1450:4001:80b::200e"),
    };
    QStringList shown = column(view->model(), DestinationsModel::AddressColumn);
    if (view->horizontalHeader()->sortIndicatorOrder() == Qt::DescendingOrder)
        std::reverse(shown.begin(), shown.end());
    QCOMPARE(shown, ascending);

    clickHeader(view, DestinationsModel::AddressColumn);
    shown = column(view->model(), DestinationsModel::AddressColumn);
    if (view->horizontalHeader()->sortIndicatorOrder() == Qt::DescendingOrder)
        std::reverse(shown.begin(), shown.end());
    QCOMPARE(shown, ascending);
}

void TestWorkbench::sortsByConnections()
{
    openFixture();
    QTableView *view = m_window->destinationsPage()->destinationsView();
    // Default: most connections first, ties by address as the CLI lists them.
    QCOMPARE(column(view->model(), DestinationsModel::AddressColumn),
             QStringList({QStringLiteral("93.184.216.34"), QStringLiteral("2606:4700::1111"),
                          QStringLiteral("8.8.8.8"), QStringLiteral("140.82.112.3"),
                          QStringLiteral("1.1.1.1"), QStringLiteral("2a00:1450:4001:80b::200e")}));
    clickHeader(view, DestinationsModel::ConnectionsColumn);
    const Qt::SortOrder order = view->horizontalHeader()->sortIndicatorOrder();
    const QStringList counts = column(view->model(), DestinationsModel::ConnectionsColumn);
    QCOMPARE(counts.size(), 6);
    for (int k = 1; k < counts.size(); ++k) {
        const int before = counts[k - 1].toInt();
        const int after = counts[k].toInt();
        QVERIFY(order == Qt::AscendingOrder ? before <= after : before >= after);
    }
    QCOMPARE(order == Qt::AscendingOrder ? counts.last() : counts.first(), QStringLiteral("4"));
}

void TestWorkbench::filtersByCidrPortAndProcess()
{
    openFixture();
    DestinationsPage *page = m_window->destinationsPage();
    QLineEdit *filter = page->filterEdit();
    const QAbstractItemModel *model = page->destinationsView()->model();

    QTest::keyClicks(filter, QStringLiteral("93.184.0.0/16"));
    // Debounced: not applied on the keystroke, applied after the pause.
    QCOMPARE(model->rowCount(), 6);
    QTRY_COMPARE(model->rowCount(), 1);
    QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("93.184.216.34"));
    QCOMPARE(m_window->countsText(), QStringLiteral("1 of 6 destinations, 3 not external"));

    filter->clear();
    QTest::keyClicks(filter, QStringLiteral("2000::/3"));
    QTRY_COMPARE(model->rowCount(), 2);

    filter->clear();
    QTest::keyClicks(filter, QStringLiteral("port:53"));
    QTRY_COMPARE(model->rowCount(), 1);
    QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("8.8.8.8"));

    // process: asks the events off the GUI thread.
    filter->clear();
    QTest::keyClicks(filter, QStringLiteral("process:curl"));
    QTest::keyClick(filter, Qt::Key_Return);
    QTRY_COMPARE(model->rowCount(), 4);
    QTRY_VERIFY(!m_window->isBusy());
    QStringList shown = column(model, 0);
    shown.sort();
    QCOMPARE(shown,
             QStringList({QStringLiteral("1.1.1.1"), QStringLiteral("2606:4700::1111"),
                          QStringLiteral("8.8.8.8"), QStringLiteral("93.184.216.34")}));

    // Terms combine.
    filter->setText(QStringLiteral("process:curl 2000::/3"));
    page->applyFilterNow();
    QTRY_COMPARE(model->rowCount(), 1);
    QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("2606:4700::1111"));

    filter->setText(QStringLiteral("host:db-01 port:443"));
    page->applyFilterNow();
    QTRY_COMPARE(model->rowCount(), 2); // node and the unnamed process on db-01

    // A reload (after an import, a case switch) reads the host: sets again;
    // meanwhile the table never shows rows the filter does not select.
    QTRY_VERIFY(!m_window->isBusy());
    int most = 0;
    const QMetaObject::Connection watch
        = connect(page->model(), &DestinationsModel::orderChanged, this,
                  [&] { most = std::max(most, page->model()->rowCount()); });
    page->reload();
    QTRY_VERIFY(!m_window->isBusy());
    disconnect(watch);
    QCOMPARE(model->rowCount(), 2);
    QVERIFY2(most <= 2, qPrintable(QString::number(most)));
}

void TestWorkbench::invalidFilterIsReported()
{
    openFixture();
    DestinationsPage *page = m_window->destinationsPage();
    page->filterEdit()->setText(QStringLiteral("port:http"));
    page->applyFilterNow();
    QVERIFY(!page->filterEdit()->toolTip().isEmpty());
    QVERIFY(page->filterEdit()->toolTip().contains(QStringLiteral("port:http")));
    page->filterEdit()->setText(QStringLiteral("port:443"));
    page->applyFilterNow();
    QVERIFY(page->filterEdit()->toolTip().isEmpty());
}

void TestWorkbench::drillsIntoDestination()
{
    openFixture();
    DestinationsPage *page = m_window->destinationsPage();
    QTableView *view = page->destinationsView();
    const int row = rowOf(view->model(), 0, QStringLiteral("93.184.216.34"));
    QVERIFY(row >= 0);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                      view->visualRect(view->model()->index(row, 0)).center());
    QCOMPARE(page->currentDestination().has_value(), true);

    const QAbstractItemModel *processes = page->processesView()->model();
    QTRY_COMPARE(processes->rowCount(), 3);
    QStringList labels = column(processes, 0);
    labels.sort();
    QCOMPARE(labels,
             QStringList({QStringLiteral("/usr/bin/curl (pid 4242) on web-03"),
                          QStringLiteral("/usr/bin/node (pid 77) on db-01"),
                          QStringLiteral("/usr/bin/wget (pid 4343) on web-03")}));
    const int curl = rowOf(processes, 0, QStringLiteral("/usr/bin/curl (pid 4242) on web-03"));
    QCOMPARE(processes->index(curl, 4).data().toString(), QStringLiteral("2"));
    QCOMPARE(processes->index(curl, 5).data().toString(), QStringLiteral("443"));
    const int wget = rowOf(processes, 0, QStringLiteral("/usr/bin/wget (pid 4343) on web-03"));
    QCOMPARE(processes->index(wget, 5).data().toString(), QStringLiteral("80"));

    // Events arrive page by page; placeholders first, then the rows.
    EventsModel *events = page->eventsModel();
    QTRY_COMPARE(events->rowCount(), 4);
    events->index(0, 0).data(); // asks for the page
    QTRY_COMPARE(events->pendingPages(), 0);
    QCOMPARE(events->index(0, EventsModel::TimeColumn).data().toString(),
             QStringLiteral("2024-11-19T07:06:40Z"));
    QCOMPARE(events->index(0, EventsModel::HostColumn).data().toString(), QStringLiteral("web-03"));
    QCOMPARE(events->index(0, EventsModel::PortColumn).data().toString(), QStringLiteral("443"));
    QCOMPARE(events->index(0, EventsModel::DirectionColumn).data().toString(), QString());
    QVERIFY(events->index(0, EventsModel::OriginColumn)
                .data()
                .toString()
                .endsWith(QStringLiteral("gui_connections.csv:2")));
    QCOMPARE(
        events->index(3, EventsModel::OriginColumn).data().toString().section(QLatin1Char(':'), -1),
        QStringLiteral("5"));
}

void TestWorkbench::followsLinksBackAndForward()
{
    openFixture();
    DestinationsPage *page = m_window->destinationsPage();
    QTableView *view = page->destinationsView();
    const int row = rowOf(view->model(), 0, QStringLiteral("93.184.216.34"));
    view->setCurrentIndex(view->model()->index(row, 0));
    const std::int64_t destination = *page->currentDestination();

    QTableView *processesView = page->processesView();
    QTRY_COMPARE(processesView->model()->rowCount(), 3);
    const int curl
        = rowOf(processesView->model(), 0, QStringLiteral("/usr/bin/curl (pid 4242) on web-03"));
    processesView->setFocus();
    processesView->setCurrentIndex(processesView->model()->index(curl, 0));
    QTest::keyClick(processesView, Qt::Key_Return); // Enter follows the link

    ProcessesPage *processes = m_window->processesPage();
    QCOMPARE(m_window->tabs()->currentWidget(), processes);
    QVERIFY(processes->currentProcess().has_value());
    const QAbstractItemModel *contacted = processes->destinationsView()->model();
    QTRY_COMPARE(contacted->rowCount(), 4);
    QStringList addresses = column(contacted, 0);
    addresses.sort();
    QCOMPARE(addresses,
             QStringList({QStringLiteral("1.1.1.1"), QStringLiteral("2606:4700::1111"),
                          QStringLiteral("8.8.8.8"), QStringLiteral("93.184.216.34")}));
    // curl's own connections to 2606:4700::1111, not the destination's total.
    const int cf = rowOf(contacted, 0, QStringLiteral("2606:4700::1111"));
    QCOMPARE(contacted->index(cf, 3).data().toString(), QStringLiteral("3"));

    // And on to a destination of that process.
    QTableView *contactedView = processes->destinationsView();
    const int google = rowOf(contacted, 0, QStringLiteral("8.8.8.8"));
    contactedView->setFocus();
    contactedView->setCurrentIndex(contacted->index(google, 0));
    QTest::keyClick(contactedView, Qt::Key_Return);
    QCOMPARE(m_window->tabs()->currentWidget(), page);
    QCOMPARE(view->currentIndex().data().toString(), QStringLiteral("8.8.8.8"));

    // Alt+Left twice retraces the path; Alt+Right goes forward again.
    QTest::keyClick(m_window.get(), Qt::Key_Left, Qt::AltModifier);
    QCOMPARE(m_window->tabs()->currentWidget(), processes);
    QTest::keyClick(m_window.get(), Qt::Key_Left, Qt::AltModifier);
    QCOMPARE(m_window->tabs()->currentWidget(), page);
    QCOMPARE(*page->currentDestination(), destination);
    QTest::keyClick(m_window.get(), Qt::Key_Right, Qt::AltModifier);
    QCOMPARE(m_window->tabs()->currentWidget(), processes);
}

void TestWorkbench::marksKnownSafeAndUndoes()
{
    openFixture();
    DestinationsPage *page = m_window->destinationsPage();
    QTableView *view = page->destinationsView();
    const int row = rowOf(view->model(), 0, QStringLiteral("1.1.1.1"));
    view->setFocus();
    view->selectRow(row);
    QTest::keyClick(view, Qt::Key_1, Qt::ControlModifier); // Mark known-safe

    // Saved in the case at once (a second connection sees it) ...
    {
        CaseDatabase::Result opened
            = CaseDatabase::open(m_window->casePath(), CaseDatabase::OpenMode::OpenExisting);
        QVERIFY(opened);
        Marks marks(*opened.database);
        QCOMPARE(marks.statusFor(IpAddress::fromV4(0x01010101)), MarkStatus::KnownSafe);
    }
    // ... and the reviewed row leaves the "needs review" view.
    QCOMPARE(rowOf(view->model(), 0, QStringLiteral("1.1.1.1")), -1);
    QCOMPARE(m_window->countsText(),
             QStringLiteral("5 of 5 destinations, 1 hidden by review status, 3 not external"));
    page->hideReviewedBox()->setChecked(false);
    const int shown = rowOf(view->model(), 0, QStringLiteral("1.1.1.1"));
    QVERIFY(shown >= 0);
    QCOMPARE(view->model()->index(shown, DestinationsModel::StatusColumn).data().toString(),
             QStringLiteral("Known safe"));
    QVERIFY(!view->model()
                 ->index(shown, DestinationsModel::StatusColumn)
                 .data(Qt::DecorationRole)
                 .isNull());
    page->hideReviewedBox()->setChecked(true);

    QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier); // Undo
    QCOMPARE(m_window->session()->marks()->statusFor(IpAddress::fromV4(0x01010101)),
             MarkStatus::Unreviewed);
    QVERIFY(rowOf(view->model(), 0, QStringLiteral("1.1.1.1")) >= 0);
    QCOMPARE(m_window->countsText(), QStringLiteral("6 of 6 destinations, 3 not external"));

    QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier); // Redo
    QCOMPARE(m_window->session()->marks()->statusFor(IpAddress::fromV4(0x01010101)),
             MarkStatus::KnownSafe);
    QCOMPARE(m_window->undoStack()->count(), 1);
}

void TestWorkbench::marksTypedCidrInternal()
{
    openFixture();
    // The organisation's own IPv6 prefix: its destinations are not external.
    QVERIFY(m_window->review()->markTarget(QStringLiteral("2606:4700::/32"), MarkStatus::Internal,
                                           "our CDN"));
    const QAbstractItemModel *model = m_window->destinationsPage()->destinationsView()->model();
    QCOMPARE(rowOf(model, 0, QStringLiteral("2606:4700::1111")), -1);
    QCOMPARE(m_window->countsText(),
             QStringLiteral("5 of 5 destinations, 1 hidden by review status, 3 not external"));
    // Findable again where the toggle's label says: turning off "Hide
    // known-safe and internal" shows it in the external view, marked.
    DestinationsPage *page = m_window->destinationsPage();
    page->hideReviewedBox()->setChecked(false);
    QVERIFY(!page->showAllBox()->isChecked());
    const int found = rowOf(model, 0, QStringLiteral("2606:4700::1111"));
    QVERIFY(found >= 0);
    QCOMPARE(model->index(found, DestinationsModel::StatusColumn).data().toString(),
             QStringLiteral("Internal"));
    QCOMPARE(m_window->countsText(), QStringLiteral("6 of 6 destinations, 3 not external"));
    QVERIFY(page->hideReviewedBox()->toolTip().contains(QStringLiteral("known-safe")));
    page->hideReviewedBox()->setChecked(true);
    QVERIFY(page->hideReviewedBox()->toolTip().contains(QStringLiteral("1 hidden now")));
    QVERIFY(page->showAllBox()->toolTip().contains(QStringLiteral("3 not external hidden now")));
    QVERIFY(!m_window->review()->markTarget(QStringLiteral("2606:4700::1/32"), MarkStatus::Internal,
                                            ""));
    QVERIFY(m_window->messageBar()->text().contains(QStringLiteral("2606:4700::/32")));
    m_window->undoStack()->undo();
    QVERIFY(rowOf(model, 0, QStringLiteral("2606:4700::1111")) >= 0);
}

void TestWorkbench::exportsLikeTheCli()
{
    openFixture();
    const QString csv = m_dir->filePath(QStringLiteral("view.csv"));
    QSignalSpy exported(m_window.get(), &MainWindow::exportFinished);
    m_window->exportTo(csv, MainWindow::ExportForm::Destinations, MainWindow::ExportScope::InView);
    QTRY_COMPARE(exported.count(), 1);
    QCOMPARE(exported.at(0).at(1).toString(), QString());
    QCOMPARE(readFile(csv), readFile(dataPath("gui_expected_destinations.csv")));

    const QString seed = m_dir->filePath(QStringLiteral("seed.csv"));
    m_window->exportTo(seed, MainWindow::ExportForm::Seed, MainWindow::ExportScope::InView);
    QTRY_COMPARE(exported.count(), 2);
    QCOMPARE(readFile(seed), readFile(dataPath("gui_expected_seed.csv")));

    // The CLI on the same case writes the same bytes.
    QProcess cli;
    cli.start(QStringLiteral(EA_CLI_PATH),
              {QStringLiteral("destinations"), QStringLiteral("--case"), m_window->casePath()});
    QVERIFY(cli.waitForFinished(30000));
    QCOMPARE(cli.readAllStandardOutput(), readFile(csv));

    // Only the rows in view, in view order.
    m_window->destinationsPage()->filterEdit()->setText(QStringLiteral("port:443"));
    m_window->destinationsPage()->applyFilterNow();
    m_window->exportTo(csv, MainWindow::ExportForm::Destinations, MainWindow::ExportScope::InView);
    QTRY_COMPARE(exported.count(), 3);
    const QList<QByteArray> lines = readFile(csv).split('\n');
    QCOMPARE(lines.size(), 1 + 4 + 1); // header, 4 rows, empty after the last CRLF
    QVERIFY(lines[1].startsWith("93.184.216.34,"));

    // A note that looks like a formula is neutralised.
    QVERIFY(m_window->review()->markTarget(QStringLiteral("93.184.216.34"), MarkStatus::Suspicious,
                                           "=HYPERLINK(\"http://x\")"));
    m_window->exportTo(csv, MainWindow::ExportForm::Destinations, MainWindow::ExportScope::All);
    QTRY_COMPARE(exported.count(), 4);
    // (The note is followed by format 5's columns: no bytes, outbound.)
    QVERIFY(readFile(csv).contains(",\"'=HYPERLINK(\"\"http://x\"\")\",,,outbound,,,,\r\n"));
}

// While a case opens, the table may show only its first rows (the busiest,
// read without the whole table): an "in view" export then waits for the
// whole table rather than write a part of it, and the window says it is busy.
void TestWorkbench::firstRowsAreNotTheView()
{
    openFixture();
    DestinationsModel *model = m_window->destinationsPage()->model();
    const std::shared_ptr<const DestinationSnapshot> whole = model->snapshot();
    QVERIFY(whole);
    const std::shared_ptr<const MarkIndex> marks = m_window->session()->markIndex();
    DestinationsModel::Loaded first = DestinationsModel::load(whole, marks, model->loadRequest());
    first.partial = true;
    model->setLoaded(std::move(first));
    QVERIFY(m_window->destinationsPage()->isPartial());
    QVERIFY(m_window->isBusy());

    const QString csv = m_dir->filePath(QStringLiteral("view.csv"));
    QSignalSpy exported(m_window.get(), &MainWindow::exportFinished);
    m_window->exportTo(csv, MainWindow::ExportForm::Destinations, MainWindow::ExportScope::InView);
    QCOMPARE(exported.count(), 1);
    QVERIFY(exported.at(0).at(1).toString().contains(QStringLiteral("still loading")));
    QVERIFY(!QFile::exists(csv));
    // Every destination does not depend on the table: it still exports.
    m_window->exportTo(csv, MainWindow::ExportForm::Destinations, MainWindow::ExportScope::All);
    QTRY_COMPARE(exported.count(), 2);
    QCOMPARE(exported.at(1).at(1).toString(), QString());

    model->setLoaded(DestinationsModel::load(whole, marks, model->loadRequest()));
    QTRY_VERIFY(!m_window->isBusy());
    m_window->exportTo(csv, MainWindow::ExportForm::Destinations, MainWindow::ExportScope::InView);
    QTRY_COMPARE(exported.count(), 3);
    QCOMPARE(exported.at(2).at(1).toString(), QString());
    QCOMPARE(readFile(csv), readFile(dataPath("gui_expected_destinations.csv")));
}

void TestWorkbench::togglesShowAllDestinations()
{
    openFixture();
    DestinationsPage *page = m_window->destinationsPage();
    page->showAllBox()->setChecked(true);
    const QAbstractItemModel *model = page->destinationsView()->model();
    QCOMPARE(model->rowCount(), 9);
    QVERIFY(rowOf(model, 0, QStringLiteral("10.0.0.5")) >= 0);
    QVERIFY(rowOf(model, 0, QStringLiteral("fe80::1")) >= 0);
    QCOMPARE(m_window->countsText(), QStringLiteral("9 of 9 destinations"));
    page->filterEdit()->setText(QStringLiteral("category:private"));
    page->applyFilterNow();
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(m_window->countsText(), QStringLiteral("1 of 9 destinations"));
}

void TestWorkbench::cancelLeavesTheCaseAsItWas()
{
    openFixture();
    // Big enough that the import reports progress well before it ends (at
    // 400,000 rows a fast machine sometimes finished within the first
    // 200 ms report, and the cancel came after the commit; the chunked
    // events made 1.2M rows fast enough to come close again).
    const QString big = m_dir->filePath(QStringLiteral("big.csv"));
    {
        QFile file(big);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QByteArray text = "unix_nano_timestamp,sensor_id,process_uuid,dst_addr,dst_port\n";
        for (int k = 0; k < 2000000; ++k) {
            text += QByteArray::number(1732000000000000000LL + k) + ",s,p,198.51.100."
                + QByteArray::number(k % 250) + ",443\n";
        }
        file.write(text);
    }
    QVERIFY(m_window->review()->markTarget(QStringLiteral("1.1.1.1"), MarkStatus::Suspicious, ""));
    auto *undo = m_window->findChild<QAction *>(QStringLiteral("undo"));
    QVERIFY(undo && undo->isEnabled());
    QSignalSpy progress(m_window->importRunner(), &ImportRunner::progressChanged);
    QSignalSpy finished(m_window.get(), &MainWindow::importFinished);
    m_window->importFiles({big}, false);
    // The import holds the case's write lock: marks, undo and another case wait.
    QVERIFY(!undo->isEnabled());
    QVERIFY(!m_window->openCase(m_dir->filePath(QStringLiteral("other.eacase")), true));
    QVERIFY(m_window->messageBar()->text().contains(QStringLiteral("import is running")));
    QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("other.eacase"))));
    auto *progressBar = m_window->findChild<QProgressBar *>(QStringLiteral("importProgress"));
    auto *cancel = m_window->findChild<QToolButton *>(QStringLiteral("cancelImport"));
    QVERIFY(progressBar && cancel);
    QVERIFY(progressBar->isVisible());
    QVERIFY(cancel->isVisible());
    QVERIFY(progress.wait(60000));
    QTest::mouseClick(cancel, Qt::LeftButton);
    // Not finished.wait(): on a loaded machine the progress and the end can
    // arrive in one pass of the event loop, before a wait would start.
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() > 0, 60000);
    const auto reports = finished.at(0).at(0).value<std::vector<ImportReport>>();
    QCOMPARE(reports.size(), std::size_t(1));
    QCOMPARE(reports.front().outcome, ImportReport::Outcome::Cancelled);
    QVERIFY(!progressBar->isVisible());
    QVERIFY(m_window->messageBar()->text().contains(QStringLiteral("cancelled")));
    QTRY_VERIFY(!m_window->isBusy());
    QVERIFY(undo->isEnabled());
    // Nothing of the cancelled file is in the case (1.1.1.1 is now suspicious).
    QCOMPARE(m_window->countsText(), QStringLiteral("6 of 6 destinations, 3 not external"));
    m_window->undoStack()->undo();
    QProcess cli;
    cli.start(QStringLiteral(EA_CLI_PATH),
              {QStringLiteral("destinations"), QStringLiteral("--case"), m_window->casePath()});
    QVERIFY(cli.waitForFinished(30000));
    QCOMPARE(cli.readAllStandardOutput(), readFile(dataPath("gui_expected_destinations.csv")));
}

void TestWorkbench::unmarkUnderACoveringBlockSaysSo()
{
    openFixture();
    QVERIFY(m_window->review()->markTarget(QStringLiteral("93.184.0.0/16"), MarkStatus::Suspicious,
                                           "review the CDN"));
    QTableView *view = m_window->destinationsPage()->destinationsView();
    view->setFocus();
    view->selectRow(rowOf(view->model(), 0, QStringLiteral("93.184.216.34")));
    QTest::keyClick(view, Qt::Key_0, Qt::ControlModifier); // Mark unreviewed
    const QString message = m_window->statusBar()->currentMessage();
    QVERIFY2(message.contains(QStringLiteral("93.184.216.34/32")), qPrintable(message));
    QVERIFY(message.contains(QStringLiteral("93.184.0.0/16")));
    QCOMPARE(m_window->undoStack()->count(), 1); // nothing of its own to remove
}

// Marking a million selected rows is written on the session's writer
// thread: the window stays live, says it is saving, lets nothing else change
// the marks meanwhile, and ends with the same marks (and the same undoable
// step) as the GUI-thread path of a small selection.
void TestWorkbench::markDialogMarksTheSelectedRows()
{
    // Ctrl+M on a selection: the dialog names how many rows, and OK marks
    // those rows, through the writer thread when they are many (here: all).
    openFixture();
    DestinationsPage *page = m_window->destinationsPage();
    CaseSession *session = m_window->session();
    page->showAllBox()->setChecked(true);
    QTRY_VERIFY(!m_window->isBusy());
    const int rows = page->model()->rowCount();
    QVERIFY(rows > 6);
    page->destinationsView()->selectAll();
    session->setInlineMarkLimit(0);
    QString shown;
    QTimer::singleShot(0, this, [&shown] {
        auto *dialog = qobject_cast<MarkDialog *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        shown = dialog->findChild<QLineEdit *>(QStringLiteral("target"))->text();
        dialog->setStatus(MarkStatus::Suspicious);
        dialog->setNote(QStringLiteral("sweep"));
        dialog->accept();
    });
    m_window->review()->markWithDialog(true);
    // "(s)" until an English translation resolves %n plurals (issue 12).
    QVERIFY2(shown.startsWith(QStringLiteral("%1 selected destination").arg(rows)),
             qPrintable(shown));
    QVERIFY(session->isWriting());
    QTRY_VERIFY(!m_window->isBusy());
    const std::vector<Mark> marks = session->marks()->marks().value;
    QCOMPARE(int(marks.size()), rows);
    for (const Mark &mark : marks) {
        QCOMPARE(int(mark.status), int(MarkStatus::Suspicious));
        QCOMPARE(mark.note, std::string("sweep"));
    }
    QCOMPARE(m_window->undoStack()->count(), 1);
}

void TestWorkbench::allowlistImportRunsOnTheWriter()
{
    openFixture();
    CaseSession *session = m_window->session();
    QVERIFY(
        m_window->review()->markTarget(QStringLiteral("1.1.1.1"), MarkStatus::Suspicious, "seen"));
    const IpAddress resolver = IpAddress::fromV4(0x01010101);
    const auto statusOf = [session](const IpAddress &address) {
        return int(session->markIndex()->statusFor(address));
    };
    auto *undo = m_window->findChild<QAction *>(QStringLiteral("undo"));
    QVERIFY(undo && undo->isEnabled());
    const QString path = m_dir->filePath(QStringLiteral("allow.csv"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("cidr,status,note\n1.1.1.1,known-safe,resolver\n8.8.8.0/24,known-safe,google\n"
                   "not-an-address,known-safe,x\n");
    }
    m_window->review()->importAllowlist(path);
    // Queued on the writer thread: the views keep the marks before it, and
    // nothing else may change the marks until it lands.
    QVERIFY(session->isWriting());
    QVERIFY(m_window->isBusy());
    QVERIFY(!undo->isEnabled());
    QCOMPARE(statusOf(resolver), int(MarkStatus::Suspicious));
    QTRY_VERIFY(!m_window->isBusy());
    QCOMPARE(statusOf(resolver), int(MarkStatus::KnownSafe));
    QCOMPARE(statusOf(IpAddress::fromV4(0x08080808)), int(MarkStatus::KnownSafe));
    QCOMPARE(m_window->undoStack()->count(), 2);
    QCOMPARE(m_window->undoStack()->undoText(), QStringLiteral("Import allowlist allow.csv"));
    const QString report = m_window->messageBar()->text();
    QVERIFY2(report.contains(QStringLiteral("1 added, 1 updated, 0 unchanged"))
                 && report.contains(QStringLiteral("line 4")),
             qPrintable(report));

    // One step: undo brings back the mark it changed and drops the one it added.
    m_window->undoStack()->undo();
    QTRY_VERIFY(!m_window->isBusy());
    QCOMPARE(statusOf(resolver), int(MarkStatus::Suspicious));
    QCOMPARE(statusOf(IpAddress::fromV4(0x08080808)), int(MarkStatus::Unreviewed));
    QCOMPARE(session->marks()->marks().value.size(), std::size_t(1));

    // A file that is no allowlist changes nothing and adds no step.
    QVERIFY(QFile::remove(path));
    QVERIFY(QFile::copy(dataPath("gui_hosts.csv"), path));
    m_window->review()->importAllowlist(path);
    QTRY_VERIFY(!m_window->isBusy());
    QVERIFY2(m_window->messageBar()->text().contains(QStringLiteral("header")),
             qPrintable(m_window->messageBar()->text()));
    QCOMPARE(m_window->undoStack()->count(), 2);
    QCOMPARE(m_window->undoStack()->index(), 1);
    QCOMPARE(session->marks()->marks().value.size(), std::size_t(1));
}

void TestWorkbench::marksManyRowsOffTheGuiThread()
{
    openFixture();
    DestinationsPage *page = m_window->destinationsPage();
    DestinationsModel *model = page->model();
    QTableView *view = page->destinationsView();
    CaseSession *session = m_window->session();
    page->showAllBox()->setChecked(true);
    QTRY_VERIFY(!m_window->isBusy());
    const int rows = model->rowCount();
    QVERIFY(rows > 6);
    const auto marks = [session] {
        QStringList lines;
        for (const Mark &m : session->marks()->marks().value)
            lines << QString::fromStdString(m.cidrText + ' ' + std::string(markStatusId(m.status))
                                            + ' ' + m.note);
        return lines;
    };
    const auto statuses = [model] {
        QSet<int> seen;
        for (int row = 0; row < model->rowCount(); ++row)
            seen << int(model->rowAt(row).status);
        return seen;
    };

    // The reference: the same step on the GUI thread.
    view->selectAll();
    m_window->review()->markSelection(MarkStatus::Suspicious, std::string("batch"));
    QVERIFY(!session->isWriting());
    const QStringList reference = marks();
    QCOMPARE(reference.size(), rows);
    const QString referenceStep = m_window->undoStack()->undoText();
    m_window->undoStack()->undo();
    QCOMPARE(marks(), QStringList());
    QTRY_VERIFY(!m_window->isBusy());

    session->setInlineMarkLimit(0); // what a million rows would do
    auto *undo = m_window->findChild<QAction *>(QStringLiteral("undo"));
    auto *markSuspicious = m_window->findChild<QAction *>(QStringLiteral("mark-suspicious"));
    QVERIFY(undo && markSuspicious);
    view->setCurrentIndex(model->index(0, 0));
    view->selectAll();
    QVERIFY(markSuspicious->isEnabled());
    m_window->review()->markSelection(MarkStatus::Suspicious, std::string("batch"));
    QVERIFY(session->isWriting());
    QVERIFY(m_window->isBusy());
    QCOMPARE(m_window->statusBar()->currentMessage(), QStringLiteral("Saving marks…"));
    QVERIFY(!undo->isEnabled());
    QVERIFY(!markSuspicious->isEnabled());
    QCOMPARE(statuses(), QSet<int> {int(MarkStatus::Unreviewed)}); // the table before, meanwhile
    QTRY_VERIFY(!m_window->isBusy());
    QCOMPARE(marks(), reference);
    QCOMPARE(statuses(), QSet<int> {int(MarkStatus::Suspicious)});
    QCOMPARE(m_window->undoStack()->count(), 1);
    QCOMPARE(m_window->undoStack()->undoText(), referenceStep);
    QVERIFY(undo->isEnabled());
    QVERIFY(markSuspicious->isEnabled());
    const QString saved = m_window->statusBar()->currentMessage();
    QVERIFY2(saved.startsWith(QString::number(rows)) && saved.contains(QStringLiteral("saved")),
             qPrintable(saved));

    m_window->undoStack()->undo();
    QVERIFY(!undo->isEnabled());
    QTRY_VERIFY(!m_window->isBusy());
    QCOMPARE(marks(), QStringList());
    QCOMPARE(statuses(), QSet<int> {int(MarkStatus::Unreviewed)});
    m_window->undoStack()->redo();
    QTRY_VERIFY(!m_window->isBusy());
    QCOMPARE(marks(), reference);

    // A step the writer cannot write (another program holds the case) is
    // lost: the case keeps its marks and the history, which no longer
    // matches it, is cleared with a message that says why.
    session->setWriterBusyTimeout(0);
    SqliteDb other;
    QVERIFY(other.open(session->path().toStdString(), SqliteDb::Access::ReadWrite));
    QVERIFY(other.exec("BEGIN IMMEDIATE"));
    m_window->undoStack()->undo();
    QTRY_VERIFY(!m_window->isBusy());
    QVERIFY(other.exec("COMMIT"));
    QCOMPARE(m_window->undoStack()->count(), 0);
    QVERIFY2(m_window->messageBar()->text().contains(QStringLiteral("undo history was cleared")),
             qPrintable(m_window->messageBar()->text()));
    QCOMPARE(marks(), reference);
    QCOMPARE(statuses(), QSet<int> {int(MarkStatus::Suspicious)});
}

void TestWorkbench::caseSwitchKeepsTheOldCaseUntilTheNewLands()
{
    openFixture();
    const QString first = m_window->casePath();
    const QString second = m_dir->filePath(QStringLiteral("marked.eacase"));
    {
        CaseDatabase::Result made
            = CaseDatabase::open(second, CaseDatabase::OpenMode::CreateIfMissing);
        QVERIFY(made.ok());
        Marks marks(*made.database);
        QVERIFY(!marks.setMark(std::string_view("203.0.113.0/24"), MarkStatus::Suspicious, "ioc")
                     .error);
    }
    QTableView *view = m_window->destinationsPage()->destinationsView();
    view->setCurrentIndex(view->model()->index(0, 0));
    auto *markSuspicious = m_window->findChild<QAction *>(QStringLiteral("mark-suspicious"));
    QVERIFY(markSuspicious && markSuspicious->isEnabled());
    const int rows = view->model()->rowCount();
    QSignalSpy changed(m_window->session(), &CaseSession::caseChanged);

    // The open runs on the writer thread: until it lands the old case stays,
    // shown as it was, with a busy cue, and nothing may change it.
    QVERIFY(m_window->openCase(second));
    QCOMPARE(m_window->casePath(), first);
    QVERIFY(m_window->isBusy());
    QCOMPARE(m_window->statusBar()->currentMessage(), QStringLiteral("Opening marked.eacase…"));
    QCOMPARE(view->model()->rowCount(), rows);
    QVERIFY(!markSuspicious->isEnabled());
    QTRY_VERIFY(!m_window->isBusy());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(QFileInfo(m_window->casePath()), QFileInfo(second));
    QCOMPARE(view->model()->rowCount(), 0);
    QVERIFY(m_window->statusBar()->currentMessage().isEmpty());
    QCOMPARE(m_window->session()->markIndex()->marks().size(), std::size_t(1));

    // An import asked for while a case opens (a case and an export dropped
    // together, the command line) goes into that case once it is open, not
    // into the one before.
    QSignalSpy finished(m_window.get(), &MainWindow::importFinished);
    QVERIFY(m_window->openCase(first));
    m_window->importFiles({fixture().first()}, false);
    QCOMPARE(m_window->casePath(), QFileInfo(second).absoluteFilePath());
    // A second import while the first waits is refused aloud, not dropped.
    m_window->importFiles({fixture().last()}, false);
    QVERIFY2(m_window->messageBar()->text().contains(QStringLiteral("already waiting")),
             qPrintable(m_window->messageBar()->text()));
    QVERIFY(finished.wait(60000));
    QTRY_VERIFY(!m_window->isBusy());
    QCOMPARE(m_window->casePath(), first);
    // The file is in the first case already: so that is where it went.
    QVERIFY2(m_window->messageBar()->text().contains(QStringLiteral("already imported")),
             qPrintable(m_window->messageBar()->text()));
    // In the GUI's words: the CLI's --force means nothing here.
    QVERIFY2(!m_window->messageBar()->text().contains(QStringLiteral("--force")),
             qPrintable(m_window->messageBar()->text()));
    QVERIFY(m_window->messageBar()->text().contains(QStringLiteral("Import this file again")));
}

void TestWorkbench::anotherCaseClearsTheDrillDown()
{
    openFixture();
    DestinationsPage *page = m_window->destinationsPage();
    QTableView *view = page->destinationsView();
    view->setCurrentIndex(view->model()->index(0, 0));
    QTRY_COMPARE(page->processesView()->model()->rowCount(), 3);
    QTRY_COMPARE(page->eventsModel()->rowCount(), 4);

    QVERIFY(m_window->openCase(m_dir->filePath(QStringLiteral("empty.eacase")), true));
    QTRY_VERIFY(!m_window->isBusy());
    QCOMPARE(view->model()->rowCount(), 0);
    QCOMPARE(page->processesView()->model()->rowCount(), 0);
    QCOMPARE(page->eventsModel()->rowCount(), 0);
    QCOMPARE(m_window->undoStack()->count(), 0);
}

void TestWorkbench::drillDownNamesWhatItShows()
{
    openFixture();
    DestinationsPage *page = m_window->destinationsPage();
    QVERIFY(page->processesCaption().contains(QStringLiteral("no destination selected")));
    QVERIFY(page->eventsCaption().contains(QStringLiteral("no destination selected")));
    QTableView *view = page->destinationsView();
    const int row = rowOf(view->model(), 0, QStringLiteral("93.184.216.34"));
    QVERIFY(row >= 0);
    view->setCurrentIndex(view->model()->index(row, 0));
    QTRY_COMPARE(page->processesView()->model()->rowCount(), 3);
    QTRY_COMPARE(page->eventsModel()->rowCount(), 4);
    QCOMPARE(page->processesCaption(), QStringLiteral("Processes &that contacted 93.184.216.34:"));
    QCOMPARE(page->eventsCaption(), QStringLiteral("Eve&nts of 93.184.216.34:"));

    // A filter that hides the selected destination takes its drill-down
    // with it: nothing of 93.184.216.34 stays on screen under any caption.
    QSignalSpy changed(page, &DestinationsPage::currentDestinationChanged);
    page->setFilterText(QStringLiteral("8.8.8.8"));
    page->applyFilterNow();
    QTRY_COMPARE(view->model()->rowCount(), 1);
    QTRY_VERIFY(!page->currentDestination().has_value());
    QCOMPARE(page->processesView()->model()->rowCount(), 0);
    QCOMPARE(page->eventsModel()->rowCount(), 0);
    QVERIFY(page->processesCaption().contains(QStringLiteral("no destination selected")));
    QVERIFY(page->eventsCaption().contains(QStringLiteral("no destination selected")));
    QVERIFY(!changed.isEmpty()); // the window (charts, actions) hears of it too

    // The next selection is named again.
    view->setCurrentIndex(view->model()->index(0, 0));
    QCOMPARE(page->eventsCaption(), QStringLiteral("Eve&nts of 8.8.8.8:"));
    QTRY_VERIFY(page->eventsModel()->rowCount() > 0);
}

// The access key of a menu text (the letter after a single '&'), lower
// case; null when it has none.
static QChar accessKey(const QString &text)
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text[i] != u'&')
            continue;
        if (text[i + 1] == u'&') {
            ++i;
            continue;
        }
        return text[i + 1].toLower();
    }
    return {};
}

// Every entry of `actions` (a menu or the menu bar) and of their submenus
// whose access key another entry of the same menu has.
static void collectSharedAccessKeys(const QList<QAction *> &actions, const QString &where,
                                    QStringList &problems)
{
    QHash<QChar, QString> seen;
    for (const QAction *action : actions) {
        if (action->isSeparator() || !action->isVisible())
            continue;
        const QChar key = accessKey(action->text());
        if (!key.isNull()) {
            if (seen.contains(key)) {
                problems << QStringLiteral("%1: '%2' and '%3' share &%4")
                                .arg(where, seen.value(key), action->text(), key);
            }
            seen.insert(key, action->text());
        }
        if (action->menu())
            collectSharedAccessKeys(action->menu()->actions(), action->text(), problems);
    }
}

void TestWorkbench::menusHaveOneEntryPerAccessKey()
{
    openFixture(); // the recent-cases menu holds an entry
    QStringList problems;
    collectSharedAccessKeys(m_window->menuBar()->actions(), QStringLiteral("menu bar"), problems);
    // The context menus too: a row's, and each chart's.
    QTableView *view = m_window->destinationsPage()->destinationsView();
    QTRY_VERIFY(view->model()->rowCount() > 0);
    const std::unique_ptr<QMenu> rowMenu = m_window->destinationsPage()->rowMenu(0);
    QVERIFY(rowMenu->actions().size() >= 5);
    collectSharedAccessKeys(rowMenu->actions(), QStringLiteral("row context menu"), problems);
    for (int chart = 0; chart < ChartsPage::kChartCount; ++chart) {
        const std::unique_ptr<QMenu> menu
            = m_window->chartsPage()->contextMenu(ChartsPage::Chart(chart));
        QVERIFY(menu->actions().size() >= 2);
        collectSharedAccessKeys(menu->actions(), QStringLiteral("chart context menu"), problems);
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    QVERIFY(m_window->menuBar()->actions().size() >= 5); // the walk saw the menus
}

void TestWorkbench::redoHasBothKeysAndNoKeyIsBoundTwice()
{
    openFixture();
    auto *redo = m_window->findChild<QAction *>(QStringLiteral("redo"));
    QVERIFY(redo);
    const QKeySequence ctrlShiftZ(Qt::CTRL | Qt::SHIFT | Qt::Key_Z);
    const QKeySequence ctrlY(Qt::CTRL | Qt::Key_Y);
    QCOMPARE(redo->shortcuts(), (QList<QKeySequence> {ctrlShiftZ, ctrlY}));
    // A key bound twice (two actions, or one action twice) is ambiguous:
    // Qt runs neither. Every window-wide key of the window, once.
    QHash<QString, QString> bound;
    QStringList twice;
    for (const QAction *action : m_window->findChildren<QAction *>()) {
        if (action->shortcutContext() == Qt::WidgetShortcut)
            continue;
        for (const QKeySequence &key : action->shortcuts()) {
            const QString name = key.toString(QKeySequence::PortableText);
            if (bound.contains(name))
                twice << QStringLiteral("%1: '%2' and '%3'")
                             .arg(name, bound.value(name), action->text());
            bound.insert(name, action->text());
        }
    }
    QVERIFY2(twice.isEmpty(), qPrintable(twice.join(u'\n')));
    QVERIFY(bound.size() >= 15);

    // Both keys redo a mark, from the table.
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTableView *view = m_window->destinationsPage()->destinationsView();
    view->setFocus();
    view->selectRow(rowOf(view->model(), 0, QStringLiteral("1.1.1.1")));
    const auto status = [this] {
        return m_window->session()->marks()->statusFor(IpAddress::fromV4(0x01010101));
    };
    QTest::keyClick(view, Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(status(), MarkStatus::KnownSafe);
    for (const QKeySequence &key : {ctrlY, ctrlShiftZ}) {
        QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(status(), MarkStatus::Unreviewed);
        QTest::keySequence(view, key);
        QCOMPARE(status(), MarkStatus::KnownSafe);
    }
}

namespace {

// A text field that takes every key offered to it, as QLineEdit does under
// X11's key scheme with Ctrl+E (end of line) or Ctrl+K.
class GreedyLineEdit final : public QLineEdit
{
public:
    using QLineEdit::QLineEdit;

protected:
    bool event(QEvent *event) override
    {
        if (event->type() == QEvent::ShortcutOverride) {
            event->accept();
            return true;
        }
        return QLineEdit::event(event);
    }
};

} // namespace

void TestWorkbench::windowKeysPassTextFields()
{
    openFixture();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    DestinationsPage *page = m_window->destinationsPage();
    auto *field = new GreedyLineEdit(page);
    field->show();
    field->setFocus();
    QTRY_COMPARE(QApplication::focusWidget(), field);
    // The undo buttons say that the keys now edit the field.
    auto *undo = m_window->findChild<QAction *>(QStringLiteral("undo"));
    QVERIFY2(undo->toolTip().contains(QStringLiteral("edits the text field")),
             qPrintable(undo->toolTip()));

    // Ctrl+R (a window key) reaches the window through the field.
    QCOMPARE(m_window->tabs()->currentWidget(), page);
    QTest::keyClick(field, Qt::Key_R, Qt::ControlModifier);
    QCOMPARE(m_window->tabs()->currentIndex(), 2); // Rejected rows
    m_window->tabs()->setCurrentWidget(page);

    // Editing keys stay with the field: Ctrl+Z undoes typing, not a mark.
    QTableView *view = page->destinationsView();
    view->setFocus();
    view->selectRow(rowOf(view->model(), 0, QStringLiteral("1.1.1.1")));
    QTest::keyClick(view, Qt::Key_1, Qt::ControlModifier);
    const auto status = [this] {
        return m_window->session()->marks()->statusFor(IpAddress::fromV4(0x01010101));
    };
    QCOMPARE(status(), MarkStatus::KnownSafe);
    field->setFocus();
    QTRY_COMPARE(QApplication::focusWidget(), field);
    QTest::keyClick(field, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(status(), MarkStatus::KnownSafe);
    view->setFocus();
    QTRY_VERIFY(!undo->toolTip().contains(QStringLiteral("edits the text field")));
    QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(status(), MarkStatus::Unreviewed);
    delete field;
}

void TestWorkbench::enterOpensTheDrillDown()
{
    openFixture();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    DestinationsPage *page = m_window->destinationsPage();
    QTableView *view = page->destinationsView();
    view->setFocus();
    view->setCurrentIndex(
        view->model()->index(rowOf(view->model(), 0, QStringLiteral("93.184.216.34")), 0));
    QTest::keyClick(view, Qt::Key_Return);
    QTRY_COMPARE(QApplication::focusWidget(), page->processesView());
    QTRY_VERIFY(page->processesView()->currentIndex().isValid());
}

void TestWorkbench::linkSaysWhyTheViewChanged()
{
    openFixture();
    DestinationsPage *page = m_window->destinationsPage();
    QTableView *view = page->destinationsView();
    // The id of a private destination, which the default view hides.
    page->showAllBox()->setChecked(true);
    const int row = rowOf(view->model(), 0, QStringLiteral("10.0.0.5"));
    QVERIFY(row >= 0);
    const std::int64_t id = page->model()->idAt(row);
    page->showAllBox()->setChecked(false);
    page->setFilterText(QStringLiteral("port:443"));
    page->applyFilterNow();
    QTRY_COMPARE(rowOf(view->model(), 0, QStringLiteral("10.0.0.5")), -1);
    m_window->messageBar()->hide();

    QVERIFY(page->selectDestination(id, true)); // as a link from the Processes tab does
    QTRY_COMPARE(page->currentDestination(), std::optional<std::int64_t>(id));
    QVERIFY(m_window->messageBar()->isVisible());
    const QString message = m_window->messageBar()->text();
    QVERIFY2(message.contains(QStringLiteral("All destinations")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("port:443")), qPrintable(message));
    QVERIFY(page->showAllBox()->isChecked());
    QCOMPARE(page->filterEdit()->text(), QString());
}

void TestWorkbench::processDrillDownNamesWhatItShows()
{
    openFixture();
    ProcessesPage *page = m_window->processesPage();
    QTRY_VERIFY(!page->isLoading());
    QVERIFY(page->destinationsCaption().contains(QStringLiteral("no process selected")));
    QTableView *view = page->processesView();
    const QString curl = QStringLiteral("/usr/bin/curl (pid 4242) on web-03");
    const int row = rowOf(view->model(), 0, curl);
    QVERIFY(row >= 0);
    view->setCurrentIndex(view->model()->index(row, 0));
    QCOMPARE(page->destinationsCaption(),
             QStringLiteral("Destinations &contacted by %1:").arg(curl));
    QTRY_COMPARE(page->destinationsView()->model()->rowCount(), 4);

    // Filtering curl away: the pane names whatever is current now, and
    // shows only that process's destinations.
    page->filterEdit()->setText(QStringLiteral("node"));
    QTRY_COMPARE(view->model()->rowCount(), 1);
    QVERIFY(!page->destinationsCaption().contains(QStringLiteral("curl")));
    const std::optional<std::int64_t> current = page->currentProcess();
    if (current) {
        QVERIFY(page->destinationsCaption().contains(QStringLiteral("/usr/bin/node")));
        // node's own destinations, none that only curl contacted.
        QTRY_VERIFY(
            column(page->destinationsView()->model(), 0).contains(QStringLiteral("140.82.112.3")));
        const QStringList shown = column(page->destinationsView()->model(), 0);
        QVERIFY2(!shown.contains(QStringLiteral("1.1.1.1")), qPrintable(shown.join(u' ')));
    } else {
        QVERIFY(page->destinationsCaption().contains(QStringLiteral("no process selected")));
        QCOMPARE(page->destinationsView()->model()->rowCount(), 0);
    }
}

void TestWorkbench::dropOpensACaseAndRecentListsIt()
{
    openFixture();
    const QString first = m_window->casePath();
    QVERIFY(m_window->openCase(m_dir->filePath(QStringLiteral("second.eacase")), true));
    QTRY_VERIFY(!m_window->isBusy());
    QCOMPARE(RecentFiles::cases().value(0), m_window->casePath());
    QCOMPARE(RecentFiles::cases().value(1), first);

    // Dropping a case file onto the window opens it.
    auto *mime = new QMimeData;
    mime->setUrls({QUrl::fromLocalFile(first)});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(m_window.get(), &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(m_window.get(), &drop);
    delete mime;
    QTRY_VERIFY(!m_window->isBusy());
    QVERIFY2(m_window->casePath() == first, qPrintable(m_window->messageBar()->text()));
    QTRY_COMPARE(m_window->countsText(), QStringLiteral("6 of 6 destinations, 3 not external"));
}

void TestWorkbench::plantedTriggerIsRefusedReadably()
{
    // A case carrying someone else's trigger is refused, untouched, and the
    // message reads as text: the quotes around the trigger's name are quotes,
    // not &quot; entities.
    const QString path = m_dir->filePath(QStringLiteral("planted.eacase"));
    {
        CaseDatabase::Result made
            = CaseDatabase::open(path, CaseDatabase::OpenMode::CreateIfMissing);
        QVERIFY(made.ok());
        QVERIFY(made.database->db().exec(
            "CREATE TRIGGER evil AFTER INSERT ON sources BEGIN DELETE FROM marks; END"));
    }
    const QByteArray before = readFile(path);
    QVERIFY(m_window->openCase(path));
    QTRY_VERIFY(!m_window->isBusy());
    QCOMPARE(m_window->casePath(), QString());
    QCOMPARE(readFile(path), before);
    QLabel *label = nullptr;
    for (QLabel *candidate : m_window->messageBar()->findChildren<QLabel *>()) {
        if (!candidate->text().isEmpty())
            label = candidate;
    }
    QVERIFY(label);
    // What QLabel paints: the text as HTML if it takes it for rich text.
    const bool html = label->textFormat() == Qt::RichText
        || (label->textFormat() == Qt::AutoText && Qt::mightBeRichText(label->text()));
    const QString shown
        = html ? QTextDocumentFragment::fromHtml(label->text()).toPlainText() : label->text();
    QVERIFY2(shown.contains(QStringLiteral("\"evil\"")), qPrintable(shown));
    QVERIFY2(!shown.contains(QStringLiteral("&quot;")), qPrintable(shown));
}

void TestWorkbench::notACaseIsRefusedAndLeftAlone()
{
    const QString path = m_dir->filePath(QStringLiteral("hosts.eacase"));
    QVERIFY(QFile::copy(dataPath("gui_hosts.csv"), path));
    const QByteArray before = readFile(path);
    QVERIFY(m_window->openCase(path));
    QTRY_VERIFY(!m_window->isBusy());
    QVERIFY(m_window->messageBar()->isVisible());
    QVERIFY2(m_window->messageBar()->text().contains(QStringLiteral("hosts.eacase")),
             qPrintable(m_window->messageBar()->text()));
    QCOMPARE(readFile(path), before);
    QCOMPARE(m_window->casePath(), QString());
}

void TestWorkbench::contextMenuFiltersToTheRow()
{
    openFixture();
    QTableView *view = m_window->destinationsPage()->destinationsView();
    const int row = rowOf(view->model(), 0, QStringLiteral("8.8.8.8"));
    // The menu is modal: choose its entry once it is up.
    QTimer::singleShot(0, this, [] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        QVERIFY(menu);
        for (QAction *action : menu->actions()) {
            if (action->text() == QStringLiteral("&Filter to this"))
                action->trigger();
        }
        menu->close();
    });
    const QPoint at = view->visualRect(view->model()->index(row, 0)).center();
    Q_EMIT view->customContextMenuRequested(at);
    QCOMPARE(m_window->destinationsPage()->filterEdit()->text(), QStringLiteral("8.8.8.8"));
    QCOMPARE(view->model()->rowCount(), 1);
}

// Starts the real application off screen, with settings and data of its own.
void TestWorkbench::startGui(QProcess &app, const QStringList &arguments)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir->filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir->filePath(QStringLiteral("data")));
    app.setProcessEnvironment(env);
    app.start(QStringLiteral(EA_GUI_PATH), arguments);
}

void TestWorkbench::helpAndVersionNeedNoDisplay()
{
    // No display and the default platform (xcb): QApplication would abort.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        env.remove(QLatin1String(name));
    struct Case
    {
        QString argument;
        int exitCode;
        QString output; // what stdout (or stderr for an error) contains
    };
    for (const Case &c : {Case {QStringLiteral("--version"), 0, QStringLiteral("Egress Auditor ")},
                          Case {QStringLiteral("--help"), 0, QStringLiteral("--screenshot")},
                          Case {QStringLiteral("--bogus"), 1, QStringLiteral("bogus")}}) {
        QProcess app;
        app.setProcessEnvironment(env);
        app.start(QStringLiteral(EA_GUI_PATH), {c.argument});
        QVERIFY(app.waitForFinished(30000));
        const QString out = QString::fromLocal8Bit(app.readAllStandardOutput());
        const QString err = QString::fromLocal8Bit(app.readAllStandardError());
        QVERIFY2(app.exitStatus() == QProcess::NormalExit, qPrintable(c.argument + err));
        QVERIFY2(app.exitCode() == c.exitCode, qPrintable(c.argument + QLatin1Char(' ') + err));
        QVERIFY2((c.exitCode == 0 ? out : err).contains(c.output),
                 qPrintable(c.argument + QLatin1Char(' ') + out + err));
        QVERIFY2(!err.contains(QStringLiteral("platform plugin")), qPrintable(err));
    }
}

void TestWorkbench::screenshotOption()
{
    // The app itself: open the files, wait for the import and paint, save, exit.
    const QString png = m_dir->filePath(QStringLiteral("shot.png"));
    QProcess app;
    startGui(app, QStringList {QStringLiteral("--screenshot"), png} + fixture());
    QVERIFY(app.waitForFinished(120000));
    QCOMPARE(app.exitCode(), 0);
    const QImage image(png);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() >= 800 && image.height() >= 500);
    // Not a blank picture: the table painted rows of several colours.
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7) {
        for (int x = 0; x < image.width(); x += 7)
            colours.insert(image.pixel(x, y));
    }
    QVERIFY(colours.size() > 20);
    // The analyst's own settings were not touched.
    QVERIFY(!QDir(m_dir->filePath(QStringLiteral("config"))).exists());
}

void TestWorkbench::screenshotNeverReplacesTheCase()
{
    // --screenshot writes like every export: a picture onto the open case,
    // here through a hard link named .png, is refused and the case survives.
    const QString casePath = m_dir->filePath(QStringLiteral("shot.eacase"));
    QVERIFY(CaseDatabase::open(casePath, CaseDatabase::OpenMode::CreateIfMissing).ok());
    const QString link = m_dir->filePath(QStringLiteral("shot-link.png"));
    QCOMPARE(::link(QFile::encodeName(casePath).constData(), QFile::encodeName(link).constData()),
             0);
    QProcess app;
    startGui(app, {QStringLiteral("--case"), casePath, QStringLiteral("--screenshot"), link});
    QVERIFY(app.waitForFinished(120000));
    QCOMPARE(app.exitCode(), 1);
    QVERIFY2(app.readAllStandardError().contains("it is the case file"), "no reason given");
    QFile after(casePath);
    QVERIFY(after.open(QIODevice::ReadOnly));
    QVERIFY(after.read(16).startsWith("SQLite format 3"));
    after.close();
    QVERIFY(CaseDatabase::open(casePath, CaseDatabase::OpenMode::OpenExisting).ok());
}

void TestWorkbench::screenshotOfACaseAddsNothing()
{
    // The bundled sample is for a run with neither a case nor files: a
    // picture of the analyst's case must not import anything into it.
    const QString casePath = m_dir->filePath(QStringLiteral("analyst.eacase"));
    {
        QProcess cli;
        cli.start(QStringLiteral(EA_CLI_PATH),
                  {QStringLiteral("import"), QStringLiteral("--case"), casePath,
                   dataPath("gui_connections.csv")});
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 0);
    }
    const auto counts = [&casePath] {
        SqliteDb db;
        if (!db.open(casePath.toStdString(), SqliteDb::Access::ReadOnly))
            return QString();
        return QStringLiteral("sources %1, events %2")
            .arg(scalar(db, "SELECT count(*) FROM sources"))
            .arg(scalar(db, "SELECT count(*) FROM events"));
    };
    const QString before = counts();
    QVERIFY(before.startsWith(QLatin1String("sources 1, ")));

    const QString png = m_dir->filePath(QStringLiteral("case-shot.png"));
    QProcess app;
    startGui(app, {QStringLiteral("--case"), casePath, QStringLiteral("--screenshot"), png});
    QVERIFY(app.waitForFinished(120000));
    QCOMPARE(app.exitCode(), 0);
    QVERIFY(!QImage(png).isNull());
    QCOMPARE(counts(), before);
}

void TestWorkbench::columnLayoutPersists()
{
    QTableView *view = m_window->destinationsPage()->destinationsView();
    view->horizontalHeader()->setSectionHidden(DestinationsModel::ExpandedColumn, true);
    view->horizontalHeader()->resizeSection(DestinationsModel::AddressColumn, 321);
    m_window->close();
    m_testers.clear();
    m_window = std::make_unique<MainWindow>();
    QTableView *again = m_window->destinationsPage()->destinationsView();
    QVERIFY(again->horizontalHeader()->isSectionHidden(DestinationsModel::ExpandedColumn));
    QCOMPARE(again->horizontalHeader()->sectionSize(DestinationsModel::AddressColumn), 321);
}

QTEST_MAIN(TestWorkbench)
#include "tst_workbench.moc"
