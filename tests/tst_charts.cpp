// The Charts view driven through the real main window (offscreen): each chart
// follows the table's filter, toggles and selection (asserted on the series
// data, not on pixels); a bar click selects its row; a drag across the time
// chart sets since:/until:; events without a time are counted and named;
// charts save as PNG through ExportFile; the tab-or-dock choice persists.

#include "chartdata.h"
#include "chartparts.h"
#include "chartspage.h"
#include "chartsplacement.h"
#include "destinationsmodel.h"
#include "destinationspage.h"
#include "mainwindow.h"
#include "processespage.h"
#include "testutils.h"
#include "timechartview.h"

#include "core/timestamp.h"

#include <QAbstractBarSeries>
#include <QAreaSeries>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QDockWidget>
#include <QFile>
#include <QFontMetricsF>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QPointer>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <numeric>

using namespace ea;
using namespace ea::test;

namespace {

QStringList names(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *item : items)
        out.append(QString::fromUtf8(item));
    return out;
}

QStringList topLabels(const ChartData &data)
{
    QStringList labels;
    for (const ChartBar &bar : data.top)
        labels << QString::fromStdString(bar.label);
    return labels;
}

QStringList seriesNames(QChart *chart)
{
    QStringList names;
    const QList<QAbstractSeries *> all = chart->series();
    for (const QAbstractSeries *series : all)
        names << series->name();
    return names;
}

// The bar categories of a horizontal bar chart, top to bottom as drawn.
QStringList barCategories(QChart *chart)
{
    const QList<QAbstractAxis *> axes = chart->axes(Qt::Vertical);
    if (axes.isEmpty())
        return {};
    QStringList categories = qobject_cast<QBarCategoryAxis *>(axes.first())->categories();
    std::reverse(categories.begin(), categories.end());
    return categories;
}

std::int64_t sum(const std::vector<std::int64_t> &values)
{
    return std::accumulate(values.begin(), values.end(), std::int64_t(0));
}

std::int64_t utc(const char *text)
{
    std::int64_t ns = 0;
    if (!parseTimestamp(text, ns))
        qFatal("bad test time %s", text);
    return ns;
}

} // namespace

class TestCharts : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void followsFilterAndToggles();
    void stacksByCategoryOrStatus();
    void followsSelection();
    void barClickSelectsRow();
    void dragSetsTimeRange();
    void typedRangeAndInvalidRange();
    void chartsTheSelectedProcess();
    void sortingLeavesChartsAlone();
    void selectionReadsOnlyItsEvents();
    void savesPng();
    void savesSvg();
    void longLabelsFitTheirChart();
    void placementPersists();
    void relativeCaptureIsLabelledByOffset();

private:
    void openFixture();
    // Recomputes the charts now and waits for the answer.
    void refreshCharts();
    [[nodiscard]] ChartsPage *charts() const { return m_window->chartsPage(); }
    [[nodiscard]] DestinationsPage *table() const { return m_window->destinationsPage(); }
    [[nodiscard]] std::int64_t idOf(const QString &address) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MainWindow> m_window;
};

void TestCharts::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("EgressAuditorTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_charts"));
}

void TestCharts::init()
{
    QSettings().clear();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_window = std::make_unique<MainWindow>();
    m_window->resize(1400, 1000);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestCharts::cleanup()
{
    m_window.reset();
    m_dir.reset();
}

void TestCharts::openFixture()
{
    QVERIFY(m_window->openCase(m_dir->filePath(QStringLiteral("case.eacase")), true));
    QSignalSpy finished(m_window.get(), &MainWindow::importFinished);
    m_window->importFiles({dataPath("charts_connections.csv"), dataPath("gui_processes.csv")},
                          false);
    QVERIFY(finished.wait(60000));
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), 30000);
    m_window->chartsPlacement()->showCharts();
    refreshCharts();
}

void TestCharts::refreshCharts()
{
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), 30000);
    QSignalSpy updated(charts(), &ChartsPage::updated);
    charts()->refresh();
    // Until the result arrives the summary says it is being computed, not
    // the previous counts (or "0 destinations" before the first result).
    auto *summary = charts()->findChild<QLabel *>(QStringLiteral("chartsSummary"));
    QVERIFY(summary);
    QVERIFY2(updated.count() > 0 || summary->text().startsWith(QStringLiteral("Computing")),
             qPrintable(summary->text()));
    // Nor does the top chart claim there is nothing to show.
    const QString topTitle = charts()->chart(ChartsPage::Chart::TopDestinations)->title();
    QVERIFY2(updated.count() > 0 || !topTitle.contains(QStringLiteral("no connections")),
             qPrintable(topTitle));
    QVERIFY(updated.wait(30000));
    QTRY_VERIFY(!charts()->isLoading());
}

std::int64_t TestCharts::idOf(const QString &address) const
{
    for (const ChartBar &bar : charts()->data().top) {
        if (QString::fromStdString(bar.label) == address)
            return bar.destinationId;
    }
    return 0;
}

void TestCharts::followsFilterAndToggles()
{
    openFixture();
    const ChartData &data = charts()->data();
    // External destinations only, most connections first (untimed events count).
    QCOMPARE(topLabels(data), names({"93.184.216.34", "1.1.1.1", "8.8.8.8", "140.82.112.3"}));
    QCOMPARE(barCategories(charts()->chart(ChartsPage::Chart::TopDestinations)), topLabels(data));
    QCOMPARE(data.destinations, 4);
    QCOMPARE(data.connections, 14);
    // 11 timed events over 00:00-02:00 in one-minute buckets; 3 without a time.
    QCOMPARE(data.timeline.bucketNs, std::int64_t(60'000'000'000));
    QCOMPARE(data.timeline.startNs, utc("2024-11-19T00:00:00Z"));
    QCOMPARE(data.timeline.buckets(), 121);
    QCOMPARE(sum(data.timeline.total), 11);
    QCOMPARE(data.timeline.untimed, 3);
    QVERIFY2(charts()
                 ->chart(ChartsPage::Chart::Timeline)
                 ->title()
                 .contains(QStringLiteral("3 events without a time")),
             qPrintable(charts()->chart(ChartsPage::Chart::Timeline)->title()));
    QCOMPARE(seriesNames(charts()->chart(ChartsPage::Chart::Timeline)), names({"Global"}));
    QCOMPARE(data.categoryDestinations[std::size_t(Category::Global)], 4);
    QCOMPARE(barCategories(charts()->chart(ChartsPage::Chart::ByCategory)), names({"Global"}));
    // Hover text: the exact values of a bucket.
    QCOMPARE(charts()->timeToolTip(0),
             QStringLiteral("2024-11-19 00:00 UTC (per minute)\nGlobal: 1\nTotal: 1 connections"));

    // The filter: only 8.8.8.8.
    table()->filterEdit()->setText(QStringLiteral("8.8.8.8"));
    table()->applyFilterNow();
    refreshCharts();
    QCOMPARE(topLabels(charts()->data()), names({"8.8.8.8"}));
    QCOMPARE(charts()->data().timeline.untimed, 1);
    QCOMPARE(sum(charts()->data().timeline.total), 2);
    QVERIFY(charts()
                ->chart(ChartsPage::Chart::Timeline)
                ->title()
                .contains(QStringLiteral("1 event without a time")));

    // The All destinations toggle brings the private and documentation ones.
    table()->filterEdit()->clear();
    table()->applyFilterNow();
    table()->showAllBox()->setChecked(true);
    refreshCharts();
    QCOMPARE(charts()->data().destinations, 6);
    QCOMPARE(charts()->data().categoryDestinations[std::size_t(Category::Private)], 1);
    QCOMPARE(charts()->data().categoryDestinations[std::size_t(Category::Documentation)], 1);
    QCOMPARE(seriesNames(charts()->chart(ChartsPage::Chart::Timeline)),
             names({"Global", "Private", "Documentation"}));
    QCOMPARE(barCategories(charts()->chart(ChartsPage::Chart::ByCategory)),
             names({"Global", "Private", "Documentation"}));
    QCOMPARE(sum(charts()->data().timeline.total), 14);
}

void TestCharts::stacksByCategoryOrStatus()
{
    openFixture();
    table()->showAllBox()->setChecked(true);
    refreshCharts();
    charts()->setStackBy(ChartsPage::StackBy::Status);
    QCOMPARE(seriesNames(charts()->chart(ChartsPage::Chart::Timeline)), names({"Unreviewed"}));
    QCOMPARE(barCategories(charts()->chart(ChartsPage::Chart::ByStatus)), names({"Unreviewed"}));
    // Stacked: the top area's upper line is the bucket total.
    auto *area = qobject_cast<QAreaSeries *>(
        charts()->chart(ChartsPage::Chart::Timeline)->series().constLast());
    QVERIFY(area);
    qreal highest = 0;
    const QList<QPointF> points = area->upperSeries()->points();
    for (const QPointF &point : points)
        highest = std::max(highest, point.y());
    QCOMPARE(highest, 1.0);
    charts()->setStackBy(ChartsPage::StackBy::Category);
    QCOMPARE(seriesNames(charts()->chart(ChartsPage::Chart::Timeline)).size(), 3);
}

void TestCharts::followsSelection()
{
    openFixture();
    const std::int64_t busiest = idOf(QStringLiteral("93.184.216.34"));
    QVERIFY(busiest > 0);
    QVERIFY(table()->selectDestination(busiest, false));
    refreshCharts();
    QCOMPARE(sum(charts()->data().selectedActivity), 5);
    QChart *timeline = charts()->chart(ChartsPage::Chart::Timeline);
    QLineSeries *selected = timeline->findChild<QLineSeries *>(QStringLiteral("selectedActivity"));
    QVERIFY(selected);
    QCOMPARE(selected->name(), QStringLiteral("Selected: 93.184.216.34"));
    // The busiest bar (drawn on top, the last category) is highlighted.
    const auto *series = qobject_cast<QAbstractBarSeries *>(
        charts()->chart(ChartsPage::Chart::TopDestinations)->series().constFirst());
    QList<int> selectedBars;
    for (const QBarSet *set : series->barSets())
        selectedBars += set->selectedBars();
    QCOMPARE(selectedBars, QList<int>({int(charts()->topBarIds().size()) - 1}));
}

void TestCharts::barClickSelectsRow()
{
    openFixture();
    QChartView *view = charts()->view(ChartsPage::Chart::TopDestinations);
    QChart *chart = view->chart();
    auto *series = qobject_cast<QAbstractBarSeries *>(chart->series().constFirst());
    QVERIFY(series);
    // 1.1.1.1: second busiest, so the second category from the top.
    const std::int64_t wanted = idOf(QStringLiteral("1.1.1.1"));
    const auto &ids = charts()->topBarIds();
    const auto index = int(std::find(ids.begin(), ids.end(), wanted) - ids.begin());
    QVERIFY(index < int(ids.size()));
    const QPointF inChart = chart->mapToPosition(QPointF(2.0, qreal(index)), series);
    const QPoint pos = view->mapFromScene(chart->mapToScene(inChart));
    QSignalSpy chosen(charts(), &ChartsPage::destinationChosen);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, pos);
    QTRY_COMPARE(chosen.count(), 1);
    QCOMPARE(table()->currentDestination(), std::optional<std::int64_t>(wanted));
    // With the charts in a tab, the table comes to the front.
    QCOMPARE(m_window->tabs()->currentWidget(), static_cast<QWidget *>(table()));
}

void TestCharts::dragSetsTimeRange()
{
    openFixture();
    TimeChartView *view = charts()->timelineView();
    const auto ms = [](const char *text) {
        return qreal(utc(text) / 1'000'000);
    };
    const QPoint from = view->positionOf(ms("2024-11-19T00:29:30Z"));
    const QPoint to = view->positionOf(ms("2024-11-19T00:31:30Z"));
    QVERIFY(to.x() - from.x() > 4);
    QTest::mousePress(view->viewport(), Qt::LeftButton, {}, from);
    QTest::mouseMove(view->viewport(), QPoint((from.x() + to.x()) / 2, from.y()));
    QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, to);
    // Snapped to the one-minute buckets drawn.
    const QString filter = table()->filterEdit()->text();
    QVERIFY2(filter.startsWith(QStringLiteral("since:2024-11-19T00:29:00Z until:2024-11-19T00:3")),
             qPrintable(filter));
    // The table: destinations whose first..last span overlaps the range.
    QTRY_VERIFY(!table()->isLoading());
    QCOMPARE(table()->idsInView().size(),
             std::size_t(2)); // 93.184.216.34 (00:00-02:00), 140.82.112.3
    refreshCharts();
    // The charts count only the events inside the range.
    QCOMPARE(topLabels(charts()->data()), names({"140.82.112.3"}));
    QCOMPARE(charts()->data().timeline.startNs, utc("2024-11-19T00:29:00Z"));
    QCOMPARE(sum(charts()->data().timeline.total), 2);
    QCOMPARE(charts()->data().timeline.untimed, 0);

    // A second drag replaces the range instead of adding to it; clearing removes it.
    table()->filterEdit()->setText(filter + QStringLiteral(" port:443"));
    charts()->selectTimeRange(utc("2024-11-19T00:30:10Z"), utc("2024-11-19T00:30:20Z"));
    QCOMPARE(table()->filterEdit()->text().count(QStringLiteral("since:")), 1);
    QVERIFY(table()->filterEdit()->text().startsWith(QStringLiteral("port:443 since:")));
    charts()->clearTimeRange();
    QCOMPARE(table()->filterEdit()->text(), QStringLiteral("port:443"));
}

void TestCharts::typedRangeAndInvalidRange()
{
    openFixture();
    table()->filterEdit()->setText(QStringLiteral("since:2024-11-19T01:00:00Z"));
    table()->applyFilterNow();
    refreshCharts();
    // 93.184.216.34 (last seen 02:00) and 1.1.1.1 (01:30), each with two
    // events in the range (a tie: by id).
    QCOMPARE(topLabels(charts()->data()), names({"93.184.216.34", "1.1.1.1"}));
    QCOMPARE(charts()->data().timeline.startNs, utc("2024-11-19T01:00:00Z"));
    QCOMPARE(sum(charts()->data().timeline.total), 4);
    // Untimed events are outside every range, but still named.
    QCOMPARE(charts()->data().timeline.untimed, 2);

    // A date alone: the whole day.
    table()->filterEdit()->setText(QStringLiteral("until:2024-11-18"));
    table()->applyFilterNow();
    refreshCharts();
    QCOMPARE(charts()->data().destinations, 0);

    // Invalid: the table says why and shows nothing; so do the charts.
    table()->filterEdit()->setText(QStringLiteral("since:yesterday"));
    table()->applyFilterNow();
    refreshCharts();
    QCOMPARE(charts()->data().destinations, 0);
    QVERIFY(charts()->data().top.empty());
    const QString error = table()->filterEdit()->toolTip();
    QVERIFY2(error.contains(QStringLiteral("since:yesterday"))
                 && error.contains(QStringLiteral("ISO 8601")),
             qPrintable(error));
}

void TestCharts::chartsTheSelectedProcess()
{
    openFixture();
    QCOMPARE(charts()->data().hasProcess, false);
    ProcessesPage *processes = m_window->processesPage();
    QTableView *view = processes->processesView();
    int curl = -1;
    for (int row = 0; row < view->model()->rowCount(); ++row) {
        if (view->model()->index(row, 0).data().toString().contains(QStringLiteral("curl")))
            curl = row;
    }
    QVERIFY(curl >= 0);
    view->setCurrentIndex(view->model()->index(curl, 0));
    refreshCharts();
    const ChartData &data = charts()->data();
    QVERIFY(data.hasProcess);
    QStringList labels;
    for (const ChartBar &bar : data.processTop)
        labels << QString::fromStdString(bar.label) + QLatin1Char('=')
                + QString::number(bar.connections);
    QCOMPARE(labels, names({"93.184.216.34=3", "8.8.8.8=3"}));
    QCOMPARE(sum(data.processActivity), 5);
    QCOMPARE(data.processUntimed, 1);
    QVERIFY(charts()
                ->chart(ChartsPage::Chart::ProcessDestinations)
                ->title()
                .contains(QStringLiteral("curl")));
    QVERIFY(charts()
                ->chart(ChartsPage::Chart::ProcessTimeline)
                ->title()
                .contains(QStringLiteral("1 event without a time")));
    // It follows the table's filter too.
    table()->filterEdit()->setText(QStringLiteral("8.8.8.8"));
    table()->applyFilterNow();
    refreshCharts();
    QCOMPARE(charts()->data().processTop.size(), std::size_t(1));
}

// The charts show the rows the table shows, in any order: a sort computes
// nothing again (at 10M events a refresh is a pass over all of them), a
// filter does.
void TestCharts::sortingLeavesChartsAlone()
{
    openFixture();
    QSignalSpy updated(charts(), &ChartsPage::updated);
    table()->destinationsView()->sortByColumn(DestinationsModel::AddressColumn, Qt::AscendingOrder);
    table()->destinationsView()->sortByColumn(DestinationsModel::PortsColumn, Qt::DescendingOrder);
    QTRY_VERIFY(!m_window->isBusy());
    QTest::qWait(400); // past the charts' 150 ms debounce
    QCOMPARE(updated.count(), 0);
    QVERIFY(!charts()->isLoading());

    table()->filterEdit()->setText(QStringLiteral("8.8.8.8"));
    table()->applyFilterNow();
    QVERIFY(updated.wait(30000));
    QCOMPARE(charts()->data().top.size(), std::size_t(1));
}

// A new current row changes only its activity line and its bar's highlight:
// they come from that destination's own events, not a pass over all of them,
// and match what a full computation gives. The charts are updated in place,
// not built again.
void TestCharts::selectionReadsOnlyItsEvents()
{
    openFixture();
    const auto stacked = [this] {
        QList<QAbstractSeries *> areas;
        const QList<QAbstractSeries *> all = charts()->chart(ChartsPage::Chart::Timeline)->series();
        for (QAbstractSeries *s : all) {
            if (s->objectName() != QLatin1String("selectedActivity"))
                areas += s;
        }
        return areas;
    };
    int expectedBar = int(charts()->topBarIds().size()) - 1; // the busiest: drawn last
    for (const char *address : {"93.184.216.34", "1.1.1.1"}) {
        const std::int64_t id = idOf(QString::fromLatin1(address));
        QVERIFY(id > 0);
        const int full = charts()->fullRefreshes();
        const QList<QAbstractSeries *> areas = stacked();
        QAbstractSeries *bars
            = charts()->chart(ChartsPage::Chart::TopDestinations)->series().value(0);
        QVERIFY(!areas.isEmpty() && bars);
        // Pointers alone could compare equal after a rebuild (freed memory
        // reused): watch the objects themselves.
        std::vector<QPointer<QAbstractSeries>> kept(areas.begin(), areas.end());
        kept.emplace_back(bars);
        QSignalSpy updated(charts(), &ChartsPage::updated);
        QVERIFY(table()->selectDestination(id, false));
        QVERIFY(updated.wait(30000));
        QTRY_VERIFY(!charts()->isLoading());
        QCOMPARE(charts()->fullRefreshes(), full);
        for (const QPointer<QAbstractSeries> &series : kept)
            QVERIFY(series);
        QCOMPARE(stacked(), areas);
        QCOMPARE(charts()->chart(ChartsPage::Chart::TopDestinations)->series().value(0), bars);
        QList<int> selectedBars;
        for (const QBarSet *set : qobject_cast<QAbstractBarSeries *>(bars)->barSets())
            selectedBars += set->selectedBars();
        QCOMPARE(selectedBars, QList<int>({expectedBar}));
        expectedBar -= 1; // 1.1.1.1 is the second busiest
        const std::vector<std::int64_t> selected = charts()->data().selectedActivity;
        QVERIFY(sum(selected) > 0);
        QChart *timeline = charts()->chart(ChartsPage::Chart::Timeline);
        auto *line = timeline->findChild<QLineSeries *>(QStringLiteral("selectedActivity"));
        QVERIFY(line);
        QCOMPARE(line->name(), QStringLiteral("Selected: %1").arg(QString::fromLatin1(address)));
        refreshCharts(); // the full computation, for comparison
        QVERIFY(charts()->data().selectedActivity == selected);
    }
    // With a time range too: only the events inside it count.
    table()->filterEdit()->setText(QStringLiteral("since:2024-11-19T00:30:00Z"));
    table()->applyFilterNow();
    refreshCharts();
    QVERIFY(table()->selectDestination(idOf(QStringLiteral("93.184.216.34")), false));
    QSignalSpy updated(charts(), &ChartsPage::updated);
    QVERIFY(updated.wait(30000));
    QTRY_VERIFY(!charts()->isLoading());
    const std::vector<std::int64_t> ranged = charts()->data().selectedActivity;
    refreshCharts();
    QVERIFY(charts()->data().selectedActivity == ranged);
}

// Qt Charts gives the bar labels at most 40% of a chart's width and drew
// longer ones past its left edge (a long IPv6 address lost its first
// characters). They are shortened in the middle to fit, and come back in
// full when the chart is wide enough.
void TestCharts::longLabelsFitTheirChart()
{
    const QStringList addresses = {
        QStringLiteral("2a01:4f8:1c1e:8d3a:5b2c:9e7f:1a2b:3c4d"),
        QStringLiteral("2a01:4f8:1c1e:8d3a:5b2c:9e7f:1a2b:3c4e"),
        QStringLiteral("2606:4700:3033:1234:5678:9abc:def0:1234"),
        QStringLiteral("8.8.8.8"),
    };
    QByteArray csv = "unix_nano_timestamp,sensor_id,process_uuid,src_addr,src_port,dst_addr,"
                     "dst_port,protocol\n";
    for (int k = 0; k < addresses.size(); ++k) {
        for (int j = 0; j <= k; ++j) {
            csv += QByteArray::number(1731974400000000000LL + k * 1000000000LL + j)
                + ",s1,p1,10.0.0.1,40000," + addresses[k].toUtf8() + ",443,6\n";
        }
    }
    const QString file = m_dir->filePath(QStringLiteral("long.csv"));
    QFile out(file);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(csv);
    out.close();
    QVERIFY(m_window->openCase(m_dir->filePath(QStringLiteral("long.eacase")), true));
    QSignalSpy finished(m_window.get(), &MainWindow::importFinished);
    m_window->importFiles({file}, false);
    QVERIFY(finished.wait(60000));
    m_window->chartsPlacement()->showCharts();

    QChart *chart = charts()->chart(ChartsPage::Chart::TopDestinations);
    const auto labelsFit = [&] {
        auto *axis = qobject_cast<QBarCategoryAxis *>(chart->axes(Qt::Vertical).constFirst());
        const QFontMetricsF metrics(axis->labelsFont());
        const QStringList shown = axis->categories();
        if (shown.size() != addresses.size())
            return false;
        for (const QString &label : shown) {
            if (metrics.horizontalAdvance(label) > chart->size().width() * 0.4 - 16)
                return false;
        }
        return true;
    };
    for (const int width : {480, 1400}) {
        m_window->resize(width, 1000);
        refreshCharts();
        QTRY_VERIFY2(labelsFit(), qPrintable(QString::number(width)));
        // Every label is its address, whole or shortened in the middle
        // (its start and end kept), and no two are alike.
        QStringList shown = barCategories(chart);
        const QStringList busiestFirst(addresses.rbegin(), addresses.rend());
        QCOMPARE(QSet<QString>(shown.begin(), shown.end()).size(), addresses.size());
        for (int k = 0; k < shown.size(); ++k) {
            const QString &full = busiestFirst[k];
            QVERIFY2(shown[k] == full
                         || (shown[k].contains(QChar(0x2026)) && full.startsWith(shown[k].left(4))
                             && full.endsWith(shown[k].right(4))),
                     qPrintable(shown[k] + QStringLiteral(" for ") + full));
        }
        if (width == 480) {
            // The long addresses are shortened; 8.8.8.8 is not.
            QCOMPARE(shown.first(), QStringLiteral("8.8.8.8"));
            QVERIFY2(shown.at(1).contains(QChar(0x2026)),
                     qPrintable(QStringLiteral("chart %1 px wide").arg(chart->size().width())));
        } else
            QCOMPARE(shown, busiestFirst);
    }
}

void TestCharts::savesPng()
{
    openFixture();
    for (int i = 0; i < ChartsPage::kChartCount; ++i) {
        const QString path = m_dir->filePath(QStringLiteral("chart%1.png").arg(i));
        const Result<> saved
            = charts()->saveImage(ChartsPage::Chart(i), ChartsPage::ImageFormat::Png, path);
        QVERIFY2(saved.ok(), qPrintable(saved.error.message()));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.read(8) == QByteArray("\x89PNG\r\n\x1a\n", 8));
        const QImage image(path);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 400);
    }
    // Through ExportFile: never over the open case.
    const Result<> refused = charts()->saveImage(
        ChartsPage::Chart::Timeline, ChartsPage::ImageFormat::Png, m_window->casePath());
    QVERIFY(!refused.ok());
}

void TestCharts::savesSvg()
{
    openFixture();
    refreshCharts();
    for (int i = 0; i < ChartsPage::kChartCount; ++i) {
        const auto which = ChartsPage::Chart(i);
        const QString path = m_dir->filePath(QStringLiteral("chart%1.svg").arg(i));
        const Result<> saved = charts()->saveImage(which, ChartsPage::ImageFormat::Svg, path);
        QVERIFY2(saved.ok(), qPrintable(saved.error.message()));
        const QByteArray svg = readFile(path);
        QVERIFY2(svg.startsWith("<?xml"), svg.left(80).constData());
        QVERIFY(svg.contains("<svg"));
        QVERIFY(svg.contains("</svg>"));
        // Vector text, not a picture of it: the chart's title is in the file
        // (the process charts have none until a process is selected).
        const QString title = charts()->chart(which)->title();
        QVERIFY(!title.isEmpty() || i >= int(ChartsPage::Chart::ProcessDestinations));
        QVERIFY2(svg.contains(title.toHtmlEscaped().toUtf8()), qPrintable(title));
    }
    // The top chart's bars carry the destinations' addresses as text.
    const QByteArray top = readFile(m_dir->filePath(
        QStringLiteral("chart%1.svg").arg(int(ChartsPage::Chart::TopDestinations))));
    QVERIFY(top.contains("8.8.8.8"));
    const Result<> refused = charts()->saveImage(
        ChartsPage::Chart::TopDestinations, ChartsPage::ImageFormat::Svg, m_window->casePath());
    QVERIFY(!refused.ok());
}

void TestCharts::placementPersists()
{
    ChartsPlacement *placement = m_window->chartsPlacement();
    QCOMPARE(placement->isDocked(), false);
    QVERIFY(m_window->tabs()->indexOf(charts()) >= 0);
    placement->dockAction()->trigger();
    QVERIFY(placement->isDocked());
    QCOMPARE(m_window->tabs()->indexOf(charts()), -1);
    QCOMPARE(placement->dock()->widget(), static_cast<QWidget *>(charts()));
    m_window.reset();

    m_window = std::make_unique<MainWindow>();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(m_window->chartsPlacement()->isDocked());
    QVERIFY(m_window->chartsPlacement()->dockAction()->isChecked());
    QCOMPARE(m_window->chartsPlacement()->dock()->widget(), static_cast<QWidget *>(charts()));
    QVERIFY(charts()->isVisible());
    m_window->chartsPlacement()->setDocked(false);
    QVERIFY(m_window->tabs()->indexOf(charts()) >= 0);
    QCOMPARE(QSettings().value(QStringLiteral("charts/docked")).toBool(), false);
}

// A capture whose times are offsets from its start (all before 1971) is
// labelled +HH:mm on the time axis and in its tooltips; dates stay dates.
void TestCharts::relativeCaptureIsLabelledByOffset()
{
    ChartTimeline timeline;
    timeline.startNs = 0;
    timeline.bucketNs = chartparts::kMinuteNs * 10;
    timeline.total.resize(30); // five hours
    std::unique_ptr<QCategoryAxis> axis(chartparts::timeAxis(timeline));
    QVERIFY(axis->titleText().contains(QStringLiteral("relative")));
    const QStringList labels = axis->categoriesLabels();
    QVERIFY(labels.size() >= 3);
    QCOMPARE(labels.first(), QStringLiteral("+00:00"));
    QVERIFY2(labels.contains(QStringLiteral("+01:00")), qPrintable(labels.join(u' ')));
    QCOMPARE(chartparts::bucketTimeText(timeline, chartparts::kHourNs,
                                        QStringLiteral("yyyy-MM-dd HH:mm")),
             QStringLiteral("+01:00 (relative)"));
    QCOMPARE(chartparts::offsetText(2 * chartparts::kDayNs + chartparts::kHourNs),
             QStringLiteral("+2d 01:00"));

    timeline.startNs = 1'732'000'000'000'000'000; // 2024-11-19T07:06:40Z
    timeline.startNs -= timeline.startNs % timeline.bucketNs;
    std::unique_ptr<QCategoryAxis> dated(chartparts::timeAxis(timeline));
    QCOMPARE(dated->titleText(), QStringLiteral("Time (UTC)"));
    QVERIFY(!dated->categoriesLabels().join(u' ').contains(u'+'));
    QCOMPARE(
        chartparts::bucketTimeText(timeline, timeline.startNs, QStringLiteral("yyyy-MM-dd HH:mm")),
        QStringLiteral("2024-11-19 07:00 UTC"));
    // Times from a file that names no zone are not all UTC: the axis says so.
    timeline.zoneUnknown = true;
    std::unique_ptr<QCategoryAxis> unsure(chartparts::timeAxis(timeline));
    QVERIFY2(unsure->titleText().contains(QStringLiteral("unknown zone")),
             qPrintable(unsure->titleText()));
    QCOMPARE(
        chartparts::bucketTimeText(timeline, timeline.startNs, QStringLiteral("yyyy-MM-dd HH:mm")),
        QStringLiteral("2024-11-19 07:00 UTC, or local time of an unknown zone"));
}

QTEST_MAIN(TestCharts)
#include "tst_charts.moc"
