// Owners in the workbench (issue 13): the Preferences' MaxMind-format
// databases (dialog, persisted), the look-up when a case opens, after an
// import and when the databases change, the Country / ASN / AS organisation
// columns (text, tooltip, sort), the country:/asn:/org: filters, and a
// missing database as a hint in the message bar with the stored owners kept.
//
// The databases are written at test time by tests/data/mmdb/make_fixtures.pl.

#include "chartdata.h"
#include "chartspage.h"
#include "chartsplacement.h"
#include "destinationsmodel.h"
#include "destinationspage.h"
#include "mainwindow.h"
#include "messagebar.h"
#include "preferences.h"
#include "preferencesdialog.h"
#include "testutils.h"

#include "ingest/importjob.h"
#include "storage/casedatabase.h"
#include "storage/casequeries.h"

#include <QBarCategoryAxis>
#include <QChart>
#include <QComboBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
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

const char *const kConnections = "unix_nano_timestamp,sensor_id,process_uuid,dst_addr,dst_port\n"
                                 "1700000000000000000,s1,p1,1.1.1.1,443\n"
                                 "1700000000000000001,s1,p1,8.8.8.8,53\n"
                                 "1700000000000000002,s1,p1,8.8.8.8,53\n"
                                 "1700000000000000003,s1,p2,2606:4700::1111,443\n"
                                 "1700000000000000004,s1,p2,13.113.1.1,443\n"
                                 "1700000000000000005,s1,p2,13.113.1.1,443\n"
                                 "1700000000000000006,s1,p2,13.113.1.1,443\n"
                                 "1700000000000000007,s1,p2,198.18.0.1,443\n";

int rowOf(const QAbstractItemModel *model, const QString &address)
{
    return int(column(model, DestinationsModel::AddressColumn).indexOf(address));
}

// "country|asn|organisation" as the table shows the row of address.
QString ownerOf(const QAbstractItemModel *model, const QString &address)
{
    const int row = rowOf(model, address);
    if (row < 0)
        return QStringLiteral("<absent>");
    return model->index(row, DestinationsModel::CountryColumn).data().toString() + u'|'
        + model->index(row, DestinationsModel::AsnColumn).data().toString() + u'|'
        + model->index(row, DestinationsModel::OrganisationColumn).data().toString();
}

QStringList texts(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *text : list)
        out << QString::fromUtf8(text);
    return out;
}

QStringList addresses(const QAbstractItemModel *model)
{
    return column(model, DestinationsModel::AddressColumn);
}

} // namespace

class TestOwnersGui : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void preferencesKeepTheDatabases();
    void openingACaseLooksItUp();
    void columnsSortAndFilter();
    void importAndNewDatabasesLookUpAgain();
    void missingDatabaseIsAHint();
    void breakdownGroupsByOwner();
    void oddOrganisationNames();

private:
    QString db(const char *name) const { return m_fixtures.filePath(QString::fromUtf8(name)); }
    [[nodiscard]] bool makeCase(const QString &path) const;
    void openWindow(const QString &casePath);
    // A new window on casePath with these databases in its Preferences, once
    // its first look-up has ended (m_looked counts them) and its table loaded.
    void openLookedUp(const QString &casePath, const QStringList &databases);

    QTemporaryDir m_fixtures;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<QSignalSpy> m_looked;
};

void TestOwnersGui::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("EgressAuditorTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_ownersgui"));
    QVERIFY(m_fixtures.isValid());
    const QByteArray written = writeMmdbFixtures(m_fixtures.path());
    QVERIFY2(written.isEmpty(), written.constData());
    QVERIFY(writeFile(m_fixtures.filePath(QStringLiteral("c.csv")), kConnections));
    QVERIFY(writeFile(m_fixtures.filePath(QStringLiteral("more.csv")),
                      "unix_nano_timestamp,sensor_id,process_uuid,dst_addr,dst_port\n"
                      "1700000000000000010,s1,p3,9.9.9.9,53\n"));
}

void TestOwnersGui::init()
{
    QSettings().clear();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestOwnersGui::cleanup()
{
    m_looked.reset();
    m_window.reset();
    m_dir.reset();
}

bool TestOwnersGui::makeCase(const QString &path) const
{
    CaseDatabase::Result opened = CaseDatabase::open(path, CaseDatabase::OpenMode::CreateIfMissing);
    if (!opened.ok()) {
        qWarning("%s", qPrintable(opened.error.message()));
        return false;
    }
    const ImportReport report
        = ImportJob(*opened.database, m_fixtures.filePath(QStringLiteral("c.csv"))).run();
    if (!report.imported())
        qWarning("%s", qPrintable(report.error.message()));
    return report.imported();
}

void TestOwnersGui::openWindow(const QString &casePath)
{
    if (!m_window) // a test may make it first, to watch its signals
        m_window = std::make_unique<MainWindow>();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(m_window->openCase(casePath));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->casePath(), QFileInfo(casePath).absoluteFilePath(), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->destinationsPage()->isLoading(), 30000);
}

void TestOwnersGui::openLookedUp(const QString &casePath, const QStringList &databases)
{
    Preferences preferences;
    preferences.ownerDatabases = databases;
    preferences.save();
    m_looked.reset();
    m_window.reset();
    m_window = std::make_unique<MainWindow>();
    m_looked = std::make_unique<QSignalSpy>(m_window.get(), &MainWindow::ownersLookedUp);
    openWindow(casePath);
    QTRY_COMPARE_WITH_TIMEOUT(m_looked->count(), 1, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->destinationsPage()->isLoading(), 30000);
}

void TestOwnersGui::preferencesKeepTheDatabases()
{
    Preferences preferences;
    preferences.ownerDatabases = {db("ea-country.mmdb"), db("ea-asn.mmdb")};
    PreferencesDialog dialog(preferences);
    auto *list = dialog.findChild<QListWidget *>(QStringLiteral("ownerDatabases"));
    auto *remove = dialog.findChild<QPushButton *>(QStringLiteral("removeOwnerDatabase"));
    auto *raise = dialog.findChild<QPushButton *>(QStringLiteral("raiseOwnerDatabase"));
    QVERIFY(list && remove && raise);
    QCOMPARE(list->count(), 2);
    QVERIFY(!remove->isEnabled());
    QCOMPARE(dialog.preferences().ownerDatabases, preferences.ownerDatabases);

    // Move up: the ASN database is asked first.
    list->setCurrentRow(1);
    QVERIFY(raise->isEnabled());
    raise->click();
    QCOMPARE(dialog.preferences().ownerDatabases,
             (QStringList {db("ea-asn.mmdb"), db("ea-country.mmdb")}));
    QCOMPARE(list->currentRow(), 0);
    QVERIFY(!raise->isEnabled());
    remove->click();
    QCOMPARE(dialog.preferences().ownerDatabases, QStringList {db("ea-country.mmdb")});

    // Saved and read back as they were.
    preferences.save();
    QCOMPARE(Preferences::load().ownerDatabases, preferences.ownerDatabases);
    QCOMPARE(Preferences::load(), preferences);
}

void TestOwnersGui::openingACaseLooksItUp()
{
    const QString path = m_dir->filePath(QStringLiteral("open.eacase"));
    QVERIFY(makeCase(path));
    openLookedUp(path, {db("ea-country.mmdb"), db("ea-asn.mmdb")});
    const QAbstractItemModel *model = m_window->destinationsPage()->destinationsView()->model();
    QTRY_COMPARE(ownerOf(model, QStringLiteral("13.113.1.1")),
                 QStringLiteral("JP|16509|AMAZON-02 line"));
    QCOMPARE(ownerOf(model, QStringLiteral("2606:4700::1111")),
             QStringLiteral("US|13335|CLOUDFLARENET"));
    QCOMPARE(model->headerData(DestinationsModel::CountryColumn, Qt::Horizontal).toString(),
             QStringLiteral("Country"));
    QCOMPARE(model->headerData(DestinationsModel::AsnColumn, Qt::Horizontal).toString(),
             QStringLiteral("ASN"));
    QCOMPARE(model->headerData(DestinationsModel::OrganisationColumn, Qt::Horizontal).toString(),
             QStringLiteral("AS organisation"));
    // The organisation's tooltip names its AS.
    const int row = rowOf(model, QStringLiteral("8.8.8.8"));
    QCOMPARE(
        model->index(row, DestinationsModel::OrganisationColumn).data(Qt::ToolTipRole).toString(),
        QStringLiteral("Autonomous system 15169: GOOGLE"));
    // The columns sit after Connections, in their order.
    const QHeaderView *header
        = m_window->destinationsPage()->destinationsView()->horizontalHeader();
    QCOMPARE(header->visualIndex(DestinationsModel::CountryColumn),
             header->visualIndex(DestinationsModel::ConnectionsColumn) + 1);
    QCOMPARE(header->visualIndex(DestinationsModel::OrganisationColumn),
             header->visualIndex(DestinationsModel::CountryColumn) + 2);

    // Opened again: nothing new to look up (tst_owners checks that nothing
    // is written); the owners shown are those stored.
    openLookedUp(path, {db("ea-country.mmdb"), db("ea-asn.mmdb")});
    const QAbstractItemModel *reopened = m_window->destinationsPage()->destinationsView()->model();
    QCOMPARE(ownerOf(reopened, QStringLiteral("13.113.1.1")),
             QStringLiteral("JP|16509|AMAZON-02 line"));
}

void TestOwnersGui::columnsSortAndFilter()
{
    const QString path = m_dir->filePath(QStringLiteral("sort.eacase"));
    QVERIFY(makeCase(path));
    openLookedUp(path, {db("ea-country.mmdb"), db("ea-asn.mmdb")});
    DestinationsPage *page = m_window->destinationsPage();
    QTableView *view = page->destinationsView();
    const QAbstractItemModel *model = view->model();
    QTRY_COMPARE(ownerOf(model, QStringLiteral("1.1.1.1")),
                 QStringLiteral("AU|13335|CLOUDFLARENET"));

    // External destinations: 198.18.0.1 (benchmarking) is not one.
    view->sortByColumn(DestinationsModel::AsnColumn, Qt::DescendingOrder);
    QTRY_COMPARE(addresses(model), texts({"13.113.1.1", "8.8.8.8", "1.1.1.1", "2606:4700::1111"}));
    view->sortByColumn(DestinationsModel::CountryColumn, Qt::AscendingOrder);
    QTRY_COMPARE(addresses(model), texts({"1.1.1.1", "13.113.1.1", "8.8.8.8", "2606:4700::1111"}));
    view->sortByColumn(DestinationsModel::OrganisationColumn, Qt::AscendingOrder);
    QTRY_COMPARE(addresses(model), texts({"13.113.1.1", "1.1.1.1", "2606:4700::1111", "8.8.8.8"}));

    page->filterEdit()->setText(QStringLiteral("country:us"));
    QTRY_COMPARE(addresses(model), texts({"2606:4700::1111", "8.8.8.8"}));
    page->filterEdit()->setText(QStringLiteral("asn:AS13335"));
    QTRY_COMPARE(addresses(model), texts({"1.1.1.1", "2606:4700::1111"}));
    page->filterEdit()->setText(QStringLiteral("org:amazon"));
    QTRY_COMPARE(addresses(model), texts({"13.113.1.1"}));
    page->filterEdit()->setText(QStringLiteral("country:usa"));
    QTRY_COMPARE(model->rowCount(), 0);
}

void TestOwnersGui::importAndNewDatabasesLookUpAgain()
{
    const QString path = m_dir->filePath(QStringLiteral("import.eacase"));
    QVERIFY(makeCase(path));
    openLookedUp(path, {db("ea-country.mmdb"), db("ea-asn.mmdb")});
    const QAbstractItemModel *model = m_window->destinationsPage()->destinationsView()->model();

    // An import: its new destination is looked up when it ends.
    QSignalSpy imported(m_window.get(), &MainWindow::importFinished);
    m_window->importFiles({m_fixtures.filePath(QStringLiteral("more.csv"))}, false);
    QTRY_COMPARE_WITH_TIMEOUT(imported.count(), 1, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(m_looked->count(), 2, 30000);
    QTRY_COMPARE(ownerOf(model, QStringLiteral("9.9.9.9")), QStringLiteral("CH||"));

    // Another build of the ASN database, chosen in the Preferences: every
    // destination again.
    Preferences preferences = m_window->preferences();
    preferences.ownerDatabases = {db("ea-country.mmdb"), db("ea-asn-new.mmdb")};
    m_window->applyPreferences(preferences);
    QTRY_COMPARE_WITH_TIMEOUT(m_looked->count(), 3, 30000);
    QTRY_COMPARE(ownerOf(model, QStringLiteral("9.9.9.9")), QStringLiteral("CH|19281|QUAD9"));
    QCOMPARE(ownerOf(model, QStringLiteral("8.8.8.8")), QStringLiteral("US|15169|GOOGLE LLC"));
}

void TestOwnersGui::missingDatabaseIsAHint()
{
    // A case looked up before, opened where one database is missing.
    const QString path = m_dir->filePath(QStringLiteral("missing.eacase"));
    QVERIFY(makeCase(path));
    openLookedUp(path, {db("ea-country.mmdb"), db("ea-asn.mmdb")});
    const QString gone = m_dir->filePath(QStringLiteral("GeoLite2-ASN.mmdb"));
    openLookedUp(path, {db("ea-country.mmdb"), gone});
    MessageBar *bar = m_window->messageBar();
    QTRY_VERIFY(bar->isVisible());
    QCOMPARE(bar->kind(), MessageBar::Kind::Information);
    QVERIFY2(bar->text().contains(QStringLiteral("GeoLite2-ASN.mmdb")), qPrintable(bar->text()));
    // What the case stored is still shown, AS and all.
    const QAbstractItemModel *model = m_window->destinationsPage()->destinationsView()->model();
    QCOMPARE(ownerOf(model, QStringLiteral("8.8.8.8")), QStringLiteral("US|15169|GOOGLE"));
}

void TestOwnersGui::breakdownGroupsByOwner()
{
    const QString path = m_dir->filePath(QStringLiteral("charts.eacase"));
    QVERIFY(makeCase(path));
    openLookedUp(path, {db("ea-country.mmdb"), db("ea-asn.mmdb")});
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->destinationsPage()->isLoading(), 30000);
    ChartsPage *charts = m_window->chartsPage();
    m_window->chartsPlacement()->showCharts();
    QSignalSpy updated(charts, &ChartsPage::updated);
    charts->refresh();
    QVERIFY(updated.wait(30000));
    QTRY_VERIFY(!charts->isLoading());

    // External destinations: 13.113.1.1 (JP, 3 connections), 8.8.8.8 (US,
    // 2), 1.1.1.1 (AU, 1), 2606:4700::1111 (US, 1). Top 2 (ties by label),
    // then the rest.
    const auto flat = [](const std::vector<ChartGroup> &groups) {
        QStringList out;
        for (const ChartGroup &g : groups)
            out << QStringLiteral("%1:%2:%3")
                       .arg(g.other ? QStringLiteral("<other>") : QString::fromStdString(g.label))
                       .arg(g.destinations)
                       .arg(g.connections);
        return out;
    };
    QCOMPARE(flat(charts->data().byCountry), texts({"JP:1:3", "US:2:3", "AU:1:1"}));
    QCOMPARE(flat(charts->data().byOrganisation),
             texts({"AMAZON-02 line:1:3", "CLOUDFLARENET:2:2", "GOOGLE:1:2"}));
    {
        // Past the top count, the rest is one group.
        CaseDatabase::Result opened = CaseDatabase::open(path, CaseDatabase::OpenMode::ReadOnly);
        QVERIFY(opened.ok());
        CaseQueries queries(*opened.database);
        ChartRequest request;
        for (const ChartBar &bar : charts->data().top)
            request.destinationIds.push_back(bar.destinationId);
        QCOMPARE(request.destinationIds.size(), std::size_t(4));
        request.topCount = 2;
        const Result<ChartData> data = computeChartData(queries, request, [] { return false; });
        QVERIFY(data.ok());
        QCOMPARE(flat(data.value.byCountry), texts({"JP:1:3", "US:2:3", "<other>:1:1"}));
        QCOMPARE(flat(data.value.byOrganisation),
                 texts({"AMAZON-02 line:1:3", "CLOUDFLARENET:2:2", "<other>:1:2"}));
    }

    // Grouped by country: the first breakdown chart shows the groups, most
    // connections on top, with the others as "Other".
    auto *box = charts->findChild<QComboBox *>(QStringLiteral("groupBy"));
    QVERIFY(box);
    box->setCurrentIndex(1);
    QCOMPARE(charts->groupBy(), ChartsPage::GroupBy::Country);
    QChart *chart = charts->chart(ChartsPage::Chart::ByCategory);
    QCOMPARE(chart->title(), QStringLiteral("Connections by country"));
    const QList<QAbstractAxis *> axes = chart->axes(Qt::Vertical);
    QVERIFY(!axes.isEmpty());
    QCOMPARE(qobject_cast<QBarCategoryAxis *>(axes.first())->categories(),
             texts({"AU", "US", "JP"}));
    QCOMPARE(charts->groupBarLabels(), texts({"AU", "US", "JP"}));

    // A click on JP's bar filters the table by it.
    charts->chooseGroup(2);
    QCOMPARE(m_window->destinationsPage()->filterEdit()->text(), QStringLiteral("country:JP"));
    const QAbstractItemModel *model = m_window->destinationsPage()->destinationsView()->model();
    QTRY_COMPARE(addresses(model), texts({"13.113.1.1"}));
    m_window->destinationsPage()->setFilterText(QString());
    m_window->destinationsPage()->applyFilterNow();
    QTRY_COMPARE(model->rowCount(), 4);

    // By AS organisation: a name is quoted in its term.
    box->setCurrentIndex(2);
    QTRY_VERIFY(!charts->isLoading());
    QCOMPARE(chart->title(), QStringLiteral("Connections by AS organisation"));
    const int amazon = int(charts->groupBarLabels().indexOf(QStringLiteral("AMAZON-02 line")));
    QVERIFY(amazon >= 0);
    charts->chooseGroup(amazon);
    QCOMPARE(m_window->destinationsPage()->filterEdit()->text(),
             QStringLiteral("org:\"AMAZON-02 line\""));
    QTRY_COMPARE(addresses(model), texts({"13.113.1.1"}));

    // The choice persists with the window's state.
    charts->saveState(QStringLiteral("ownersCharts"));
    charts->setGroupBy(ChartsPage::GroupBy::Category);
    QCOMPARE(chart->title(), QStringLiteral("Destinations by category"));
    charts->restoreState(QStringLiteral("ownersCharts"));
    QCOMPARE(charts->groupBy(), ChartsPage::GroupBy::Organisation);
    QCOMPARE(box->currentIndex(), 2);
}

// A database's names are untrusted text: shown as text in the chart (Qt
// Charts draws labels as HTML), and quoted and escaped in the filter term a
// click on the bar adds.
void TestOwnersGui::oddOrganisationNames()
{
    const QString path = m_dir->filePath(QStringLiteral("odd.eacase"));
    QVERIFY(makeCase(path));
    openLookedUp(path, {db("ea-odd.mmdb")});
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->destinationsPage()->isLoading(), 30000);
    const QString name = QStringLiteral("Odd \"AS\" \\ <b>bold</b>");
    const QAbstractItemModel *model = m_window->destinationsPage()->destinationsView()->model();
    QTRY_COMPARE(ownerOf(model, QStringLiteral("1.1.1.1")), QStringLiteral("|64500|") + name);

    ChartsPage *charts = m_window->chartsPage();
    m_window->chartsPlacement()->showCharts();
    charts->setGroupBy(ChartsPage::GroupBy::Organisation);
    QSignalSpy updated(charts, &ChartsPage::updated);
    charts->refresh();
    QVERIFY(updated.wait(30000));
    QTRY_VERIFY(!charts->isLoading());
    QChart *chart = charts->chart(ChartsPage::Chart::ByCategory);
    const QList<QAbstractAxis *> axes = chart->axes(Qt::Vertical);
    QVERIFY(!axes.isEmpty());
    const QStringList categories = qobject_cast<QBarCategoryAxis *>(axes.first())->categories();
    // (Shortened in the middle to fit, then escaped.)
    QVERIFY2(std::any_of(categories.begin(), categories.end(),
                         [](const QString &c) {
                             return c.startsWith(QStringLiteral("Odd &quot;AS&quot; \\ "));
                         }),
             qPrintable(categories.join(u'|')));
    QVERIFY2(!categories.join(u'|').contains(QStringLiteral("<b>")),
             qPrintable(categories.join(u'|')));
    QVERIFY(categories.contains(QStringLiteral("(unknown)")));
    const int odd = int(charts->groupBarLabels().indexOf(name));
    QVERIFY(odd >= 0);

    charts->chooseGroup(odd);
    const QString term = QStringLiteral("org:\"Odd \\\"AS\\\" \\\\ <b>bold</b>\"");
    QCOMPARE(m_window->destinationsPage()->filterEdit()->text(), term);
    QTRY_COMPARE(addresses(model), texts({"1.1.1.1"}));
    // A second click adds nothing; the unknown group's bar has no term.
    charts->chooseGroup(odd);
    QCOMPARE(m_window->destinationsPage()->filterEdit()->text(), term);
    charts->chooseGroup(int(charts->groupBarLabels().indexOf(QString())));
    QCOMPARE(m_window->destinationsPage()->filterEdit()->text(), term);
}

QTEST_MAIN(TestOwnersGui)
#include "tst_ownersgui.moc"
