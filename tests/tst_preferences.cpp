// Edit → Preferences…: the settings persist; times show in UTC or local time
// at once (exports stay UTC); a case opens with the chosen toggles; the top
// charts show the chosen number of bars; Reset layout puts the window back.

#include "casesession.h"
#include "chartparts.h"
#include "chartspage.h"
#include "chartsplacement.h"
#include "destinationsmodel.h"
#include "destinationspage.h"
#include "mainwindow.h"
#include "preferences.h"
#include "preferencesdialog.h"
#include "processespage.h"
#include "statuspresentation.h"
#include "testutils.h"
#include "timedisplay.h"

#include <QCategoryAxis>
#include <QChart>
#include <QCheckBox>
#include <QComboBox>
#include <QHeaderView>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace ea;
using namespace ea::test;

namespace {

constexpr std::int64_t kSampleNs = 1'732'000'000'123'000'000; // 2024-11-19T07:06:40.123Z

} // namespace

class TestPreferences : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void defaultsAndRoundTrip();
    void dialogShowsAndReturnsTheChoices();
    void localTimeIsShownAtOnceAndExportsStayUtc();
    void chartsFollowTheTimeDisplay();
    void caseOpensWithTheChosenToggles();
    void topChartsShowTheChosenCount();
    void resetLayoutPutsTheWindowBack();

private:
    void openSample();
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MainWindow> m_window;
};

void TestPreferences::initTestCase()
{
    // Local time is Tokyo's here (UTC+09:00 all year: no daylight saving).
    qputenv("TZ", "Asia/Tokyo");
    tzset();
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("EgressAuditorTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_preferences"));
}

void TestPreferences::init()
{
    QSettings().clear();
    setTimeDisplay(TimeDisplay::Utc);
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestPreferences::cleanup()
{
    m_window.reset();
    m_dir.reset();
    setTimeDisplay(TimeDisplay::Utc);
}

void TestPreferences::openSample()
{
    m_window = std::make_unique<MainWindow>();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(m_window->openCase(m_dir->filePath(QStringLiteral("case.eacase")), true));
    QSignalSpy finished(m_window.get(), &MainWindow::importFinished);
    m_window->importFiles({QStringLiteral(EA_SOURCE_DIR "/resources/sample/connections.csv")},
                          false);
    QVERIFY(finished.wait(60000));
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), 30000);
}

void TestPreferences::defaultsAndRoundTrip()
{
    const Preferences defaults = Preferences::load();
    QCOMPARE(defaults.language, QString());
    QCOMPARE(defaults.timeDisplay, TimeDisplay::Utc);
    QVERIFY(!defaults.showAllDestinations);
    QVERIFY(defaults.hideReviewed);
    QVERIFY(defaults.outboundOnly);
    QVERIFY(defaults.externalProcessesOnly);
    QCOMPARE(defaults.topCount, 20);

    Preferences changed;
    changed.language = QStringLiteral("ja");
    changed.timeDisplay = TimeDisplay::Local;
    changed.showAllDestinations = true;
    changed.hideReviewed = false;
    changed.outboundOnly = false;
    changed.externalProcessesOnly = false;
    changed.topCount = 7;
    changed.save();
    QVERIFY(Preferences::load() == changed);
    // Out-of-range counts from a hand-edited file are clamped.
    QSettings().setValue(QStringLiteral("preferences/topCount"), 100000);
    QCOMPARE(Preferences::load().topCount, Preferences::kMaxTopCount);
}

void TestPreferences::dialogShowsAndReturnsTheChoices()
{
    Preferences current;
    current.topCount = 12;
    current.outboundOnly = false;
    PreferencesDialog dialog(current);
    QVERIFY(dialog.preferences() == current);

    auto *language = dialog.findChild<QComboBox *>(QStringLiteral("language"));
    QVERIFY(language);
    language->setCurrentIndex(language->findData(QStringLiteral("ja")));
    dialog.findChild<QRadioButton *>(QStringLiteral("local"))->setChecked(true);
    QVERIFY(dialog.findChild<QRadioButton *>(QStringLiteral("local"))
                ->text()
                .contains(QStringLiteral("UTC+09:00")));
    dialog.findChild<QCheckBox *>(QStringLiteral("showAll"))->setChecked(true);
    dialog.findChild<QSpinBox *>(QStringLiteral("topCount"))->setValue(30);
    const Preferences chosen = dialog.preferences();
    QCOMPARE(chosen.language, QStringLiteral("ja"));
    QCOMPARE(chosen.timeDisplay, TimeDisplay::Local);
    QVERIFY(chosen.showAllDestinations);
    QVERIFY(!chosen.outboundOnly);
    QCOMPARE(chosen.topCount, 30);

    QSignalSpy reset(&dialog, &PreferencesDialog::resetLayoutRequested);
    dialog.findChild<QPushButton *>(QStringLiteral("resetLayout"))->click();
    QCOMPARE(reset.count(), 1);
}

void TestPreferences::localTimeIsShownAtOnceAndExportsStayUtc()
{
    QCOMPARE(displayTime(kSampleNs), QStringLiteral("2024-11-19T07:06:40.123Z"));
    openSample();
    DestinationsPage *page = m_window->destinationsPage();
    const QAbstractItemModel *model = page->destinationsView()->model();
    QVERIFY(model->rowCount() > 0);
    const QModelIndex first = model->index(0, DestinationsModel::FirstSeenColumn);
    QVERIFY(first.data().toString().endsWith(u'Z'));
    const int utcWidth = page->destinationsView()->columnWidth(DestinationsModel::FirstSeenColumn);

    Preferences local = m_window->preferences();
    local.timeDisplay = TimeDisplay::Local;
    m_window->applyPreferences(local);
    QCOMPARE(Preferences::load().timeDisplay, TimeDisplay::Local);
    QCOMPARE(displayTime(kSampleNs), QStringLiteral("2024-11-19T16:06:40.123+09:00"));
    // Times of a file that names no zone are never converted.
    QCOMPARE(displayTime(kSampleNs, true),
             QStringLiteral("2024-11-19T07:06:40.123 (zone unknown)"));
    QVERIFY2(first.data().toString().endsWith(QStringLiteral("+09:00")),
             qPrintable(first.data().toString()));
    // The column made room for the longer text.
    QVERIFY(page->destinationsView()->columnWidth(DestinationsModel::FirstSeenColumn) > utcWidth);

    // The export is a contract: UTC with Z whatever the display.
    const QString csv = m_dir->filePath(QStringLiteral("view.csv"));
    QSignalSpy exported(m_window.get(), &MainWindow::exportFinished);
    m_window->exportTo(csv, MainWindow::ExportForm::Destinations, MainWindow::ExportScope::All);
    QTRY_COMPARE(exported.count(), 1);
    QCOMPARE(exported.at(0).at(1).toString(), QString());
    const QByteArray text = readFile(csv);
    QVERIFY(text.contains("Z,"));
    QVERIFY(!text.contains("+09:00"));

    // A new window starts with the saved choice.
    m_window.reset();
    setTimeDisplay(TimeDisplay::Utc);
    m_window = std::make_unique<MainWindow>();
    QCOMPARE(timeDisplay(), TimeDisplay::Local);
}

void TestPreferences::chartsFollowTheTimeDisplay()
{
    ChartTimeline timeline;
    timeline.startNs = 1'732'000'000'000'000'000;
    timeline.bucketNs = chartparts::kMinuteNs * 10;
    timeline.startNs -= timeline.startNs % timeline.bucketNs;
    timeline.total.resize(30);
    std::unique_ptr<QCategoryAxis> utc(chartparts::timeAxis(timeline));
    QCOMPARE(utc->titleText(), QStringLiteral("Time (UTC)"));

    setTimeDisplay(TimeDisplay::Local);
    std::unique_ptr<QCategoryAxis> local(chartparts::timeAxis(timeline));
    QCOMPARE(local->titleText(), QStringLiteral("Time (local, UTC+09:00)"));
    QVERIFY2(local->categoriesLabels().contains(QStringLiteral("17:00")),
             qPrintable(local->categoriesLabels().join(u' ')));
    QCOMPARE(
        chartparts::bucketTimeText(timeline, timeline.startNs, QStringLiteral("yyyy-MM-dd HH:mm")),
        QStringLiteral("2024-11-19 16:00 local time (UTC+09:00)"));
    // Daily buckets start at UTC midnight: in local time the ticks carry
    // their hour, so a date alone never names the wrong day.
    ChartTimeline daily = timeline;
    daily.bucketNs = chartparts::kDayNs;
    daily.startNs = 1'731'974'400'000'000'000; // 2024-11-19T00:00:00Z
    daily.total.assign(30, 1);
    std::unique_ptr<QCategoryAxis> days(chartparts::timeAxis(daily));
    const QStringList dayLabels = days->categoriesLabels();
    QVERIFY(!dayLabels.isEmpty());
    for (const QString &label : dayLabels)
        QVERIFY2(label.endsWith(QLatin1String(" 09:00")), qPrintable(label));
    QCOMPARE(chartparts::bucketTimeText(daily, daily.startNs, QStringLiteral("yyyy-MM-dd")),
             QStringLiteral("2024-11-19 09:00 local time (UTC+09:00)"));
    // A timeline with times of an unknown zone stays as read.
    timeline.zoneUnknown = true;
    std::unique_ptr<QCategoryAxis> unsure(chartparts::timeAxis(timeline));
    QVERIFY(unsure->titleText().contains(QStringLiteral("unknown zone")));
    QVERIFY(!unsure->categoriesLabels().contains(QStringLiteral("17:00")));
}

void TestPreferences::caseOpensWithTheChosenToggles()
{
    Preferences chosen;
    chosen.showAllDestinations = true;
    chosen.hideReviewed = false;
    chosen.outboundOnly = false;
    chosen.externalProcessesOnly = false;
    chosen.save();
    openSample();
    DestinationsPage *page = m_window->destinationsPage();
    QVERIFY(page->showAllBox()->isChecked());
    QVERIFY(!page->hideReviewedBox()->isChecked());
    QVERIFY(!page->outboundOnlyBox()->isChecked());
    QVERIFY(!m_window->processesPage()->externalOnlyBox()->isChecked());

    // Changed during the session, the toggles go back to the chosen ones
    // when a case opens.
    page->showAllBox()->setChecked(false);
    page->outboundOnlyBox()->setChecked(true);
    QTRY_VERIFY(!m_window->isBusy());
    QVERIFY(m_window->openCase(m_dir->filePath(QStringLiteral("other.eacase")), true));
    QTRY_VERIFY(page->showAllBox()->isChecked());
    QVERIFY(!page->outboundOnlyBox()->isChecked());

    // Save as goes on in the copy with the view as it is.
    page->showAllBox()->setChecked(false);
    QTRY_VERIFY(!m_window->isBusy());
    m_window->saveCaseAs(m_dir->filePath(QStringLiteral("copy.eacase")));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->session()->path().endsWith(QLatin1String("copy.eacase")),
                             30000);
    QTRY_VERIFY(!m_window->isBusy());
    QVERIFY(!page->showAllBox()->isChecked());
}

void TestPreferences::topChartsShowTheChosenCount()
{
    openSample();
    ChartsPage *charts = m_window->chartsPage();
    m_window->chartsPlacement()->showCharts();
    QTRY_VERIFY_WITH_TIMEOUT(!charts->isLoading() && charts->data().destinations > 0, 30000);
    QCOMPARE(int(charts->data().top.size()), 20);

    Preferences fewer = m_window->preferences();
    fewer.topCount = 5;
    m_window->applyPreferences(fewer);
    QCOMPARE(charts->topCount(), 5);
    QTRY_COMPARE_WITH_TIMEOUT(int(charts->data().top.size()), 5, 30000);
    QVERIFY(charts->chart(ChartsPage::Chart::TopDestinations)
                ->title()
                .startsWith(QStringLiteral("Top 5 of")));
}

void TestPreferences::resetLayoutPutsTheWindowBack()
{
    openSample();
    DestinationsPage *page = m_window->destinationsPage();
    QHeaderView *header = page->destinationsView()->horizontalHeader();
    QVERIFY(!header->isSectionHidden(DestinationsModel::ExpandedColumn));
    const int portsAt = header->visualIndex(DestinationsModel::PortsColumn);
    header->setSectionHidden(DestinationsModel::ExpandedColumn, true);
    header->moveSection(DestinationsModel::PortsColumn, 0);
    m_window->chartsPlacement()->setDocked(true);
    m_window->chartsPage()->setStackBy(ChartsPage::StackBy::Status);

    m_window->resetLayout();
    QVERIFY(!header->isSectionHidden(DestinationsModel::ExpandedColumn));
    QCOMPARE(header->visualIndex(DestinationsModel::PortsColumn), portsAt);
    QVERIFY(!m_window->chartsPlacement()->isDocked());
    QCOMPARE(m_window->chartsPage()->stackBy(), ChartsPage::StackBy::Category);
}

QTEST_MAIN(TestPreferences)
#include "tst_preferences.moc"
