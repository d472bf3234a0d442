// Known lists in the workbench: the destinations table's Lists column (text,
// tooltip, header, sort), the quick filter's list: term, and a list imported
// from the window (ReviewActions::importKnownList) reaching the table at once.
//
// tests/data/lists/connections-lists.csv has 13 destinations; with all five
// fixture lists stored (see tst_knownlists.cpp):
//   13.112.1.1, 13.112.0.9, 2406:da14:100::5   aws: AWS EC2 ap-northeast-1
//   52.94.0.5 / 52.94.1.5                      aws: AWS DYNAMODB / AMAZON us-east-1
//   20.33.1.1, 2603:1000:4:402::10             azure: Storage.JapanEast
//   20.34.0.1                                  azure: AzureCloud
//   34.1.208.9                                 google: Google Cloud africa-south1
//   192.0.2.77                                 iocs; labels: Office VPN
//   198.51.100.23                              iocs; labels: =HYPERLINK("x")
//   2001:db8:bad::1                            iocs
//   8.8.8.8                                    (none)
// 192.0.2.77, 198.51.100.23 and 2001:db8:bad::1 are documentation ranges:
// not external, hidden unless "all destinations" is on.

#include "destinationsmodel.h"
#include "destinationspage.h"
#include "knownlistsdialog.h"
#include "mainwindow.h"
#include "messagebar.h"
#include "modelroles.h"
#include "reviewactions.h"
#include "testutils.h"

#include "import/knownlistfile.h"
#include "ingest/importjob.h"
#include "storage/casedatabase.h"
#include "storage/knownlists.h"

#include <QCheckBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <string>

using namespace ea;
using namespace ea::test;

namespace {

QString listPath(const char *name)
{
    return dataPath(QStringLiteral("lists/") + QString::fromUtf8(name));
}

int rowOf(const QAbstractItemModel *model, const QString &address)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, DestinationsModel::AddressColumn).data().toString() == address)
            return row;
    }
    return -1;
}

// The Lists column's text of the row showing address; "<absent>" when none does.
QString listsOf(const QAbstractItemModel *model, const QString &address)
{
    const int row = rowOf(model, address);
    if (row < 0)
        return QStringLiteral("<absent>");
    return model->index(row, DestinationsModel::ListsColumn).data().toString();
}

// A case of connections-lists.csv, made with the model API; with the
// fixture lists stored when withLists.
bool makeCase(const QString &path, bool withLists)
{
    CaseDatabase::Result opened = CaseDatabase::open(path, CaseDatabase::OpenMode::CreateIfMissing);
    if (!opened.ok()) {
        qWarning("%s", qPrintable(opened.error.message()));
        return false;
    }
    const ImportReport report
        = ImportJob(*opened.database, listPath("connections-lists.csv")).run();
    if (!report.imported()) {
        qWarning("%s", qPrintable(report.error.message()));
        return false;
    }
    if (!withLists)
        return true;
    KnownLists lists(*opened.database);
    for (const auto &[name, file] : {std::pair {"aws", "aws-ip-ranges.json"},
                                     {"azure", "azure-servicetags.json"},
                                     {"google", "google-cloud.json"},
                                     {"iocs", "iocs.txt"},
                                     {"labels", "labels.csv"}}) {
        const KnownListFile read = KnownListFile::read(listPath(file));
        if (!read.ok()) {
            qWarning("%s", qPrintable(read.error.message()));
            return false;
        }
        const std::string source = listPath(file).toStdString();
        const Result<std::int64_t> stored = lists.store(
            name, {source, knownListFormatId(read.format), read.version, read.entries}, false);
        if (!stored.ok()) {
            qWarning("%s", qPrintable(stored.error.message()));
            return false;
        }
    }
    return true;
}

} // namespace

class TestKnownListsGui : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void listsColumnShowsStoredLists();
    void listsColumnSortsAndFilters();
    void importFromWindowUpdatesTheTable();
    void applyFromWindowIsOneUndoableStep();
    void listsDialogRemovesAList();

private:
    void openWindow(const QString &casePath);
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MainWindow> m_window;
};

void TestKnownListsGui::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("EgressAuditorTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_knownlistsgui"));
}

void TestKnownListsGui::init()
{
    QSettings().clear();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestKnownListsGui::cleanup()
{
    m_window.reset();
    m_dir.reset();
}

void TestKnownListsGui::openWindow(const QString &casePath)
{
    m_window = std::make_unique<MainWindow>();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(m_window->openCase(casePath));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->casePath(), QFileInfo(casePath).absoluteFilePath(), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isBusy(), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->destinationsPage()->isLoading(), 30000);
}

void TestKnownListsGui::listsColumnShowsStoredLists()
{
    const QString path = m_dir->filePath(QStringLiteral("lists.eacase"));
    QVERIFY(makeCase(path, true));
    openWindow(path);
    DestinationsPage *page = m_window->destinationsPage();
    const QAbstractItemModel *model = page->destinationsView()->model();
    QCOMPARE(model, static_cast<const QAbstractItemModel *>(page->model()));
    // The default view: the 10 external destinations.
    QTRY_COMPARE(model->rowCount(), 10);

    QCOMPARE(model->headerData(DestinationsModel::ListsColumn, Qt::Horizontal).toString(),
             QStringLiteral("Lists"));
    QCOMPARE(listsOf(model, QStringLiteral("13.112.1.1")),
             QStringLiteral("aws: AWS EC2 ap-northeast-1"));
    QCOMPARE(listsOf(model, QStringLiteral("13.112.0.9")),
             QStringLiteral("aws: AWS EC2 ap-northeast-1"));
    QCOMPARE(listsOf(model, QStringLiteral("20.33.1.1")),
             QStringLiteral("azure: Storage.JapanEast"));
    QCOMPARE(listsOf(model, QStringLiteral("52.94.1.5")),
             QStringLiteral("aws: AWS AMAZON us-east-1"));
    QCOMPARE(listsOf(model, QStringLiteral("34.1.208.9")),
             QStringLiteral("google: Google Cloud africa-south1"));
    QCOMPARE(listsOf(model, QStringLiteral("8.8.8.8")), QString());
    // Not external: hidden by default.
    QCOMPARE(listsOf(model, QStringLiteral("192.0.2.77")), QStringLiteral("<absent>"));

    // The tooltip names the lists; a row on none has no tooltip.
    const int aws = rowOf(model, QStringLiteral("13.112.1.1"));
    QCOMPARE(model->index(aws, DestinationsModel::ListsColumn).data(Qt::ToolTipRole).toString(),
             QStringLiteral("On the known lists (list: label): aws: AWS EC2 ap-northeast-1"));
    const int none = rowOf(model, QStringLiteral("8.8.8.8"));
    QVERIFY(model->index(none, DestinationsModel::ListsColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .isEmpty());

    // All destinations: the documentation ranges, with two lists on one.
    page->showAllBox()->setChecked(true);
    QTRY_COMPARE(model->rowCount(), 13);
    QCOMPARE(listsOf(model, QStringLiteral("192.0.2.77")),
             QStringLiteral("iocs; labels: Office VPN"));
    QCOMPARE(listsOf(model, QStringLiteral("198.51.100.23")),
             QStringLiteral("iocs; labels: =HYPERLINK(\"x\")"));
    QCOMPARE(listsOf(model, QStringLiteral("2001:db8:bad::1")), QStringLiteral("iocs"));
    const int both = rowOf(model, QStringLiteral("192.0.2.77"));
    QCOMPARE(model->index(both, DestinationsModel::ListsColumn).data(Qt::ToolTipRole).toString(),
             QStringLiteral("On the known lists (list: label): iocs; labels: Office VPN"));
}

void TestKnownListsGui::listsColumnSortsAndFilters()
{
    const QString path = m_dir->filePath(QStringLiteral("sort.eacase"));
    QVERIFY(makeCase(path, true));
    openWindow(path);
    DestinationsPage *page = m_window->destinationsPage();
    QTableView *view = page->destinationsView();
    const QAbstractItemModel *model = view->model();
    page->showAllBox()->setChecked(true);
    QTRY_COMPARE(model->rowCount(), 13);

    // Ascending: no list first, then by text (byte order).
    view->sortByColumn(DestinationsModel::ListsColumn, Qt::AscendingOrder);
    const QStringList ascending {
        QString(),
        QStringLiteral("aws: AWS AMAZON us-east-1"),
        QStringLiteral("aws: AWS DYNAMODB us-east-1"),
        QStringLiteral("aws: AWS EC2 ap-northeast-1"),
        QStringLiteral("aws: AWS EC2 ap-northeast-1"),
        QStringLiteral("aws: AWS EC2 ap-northeast-1"),
        QStringLiteral("azure: AzureCloud"),
        QStringLiteral("azure: Storage.JapanEast"),
        QStringLiteral("azure: Storage.JapanEast"),
        QStringLiteral("google: Google Cloud africa-south1"),
        QStringLiteral("iocs"),
        QStringLiteral("iocs; labels: =HYPERLINK(\"x\")"),
        QStringLiteral("iocs; labels: Office VPN"),
    };
    QTRY_COMPARE(column(model, DestinationsModel::ListsColumn), ascending);
    QTRY_VERIFY(!m_window->isBusy());
    QCOMPARE(model->index(0, DestinationsModel::AddressColumn).data().toString(),
             QStringLiteral("8.8.8.8"));
    QCOMPARE(model->index(12, DestinationsModel::AddressColumn).data().toString(),
             QStringLiteral("192.0.2.77"));

    // Descending: the reverse order of texts, the unlisted row last.
    view->sortByColumn(DestinationsModel::ListsColumn, Qt::DescendingOrder);
    QStringList descending = ascending;
    std::reverse(descending.begin(), descending.end());
    QTRY_COMPARE(column(model, DestinationsModel::ListsColumn), descending);
    QTRY_VERIFY(!m_window->isBusy());
    QCOMPARE(model->index(12, DestinationsModel::AddressColumn).data().toString(),
             QStringLiteral("8.8.8.8"));

    // list: matches a substring of the lists text, case-insensitively; in
    // the default view (external only) that is the five aws rows.
    page->showAllBox()->setChecked(false);
    QTRY_COMPARE(model->rowCount(), 10);
    QTest::keyClicks(page->filterEdit(), QStringLiteral("list:AWS"));
    page->applyFilterNow();
    QTRY_COMPARE(model->rowCount(), 5);
    QTRY_VERIFY(!m_window->isBusy());
    QStringList shown = column(model, DestinationsModel::AddressColumn);
    shown.sort();
    QCOMPARE(shown,
             QStringList({QStringLiteral("13.112.0.9"), QStringLiteral("13.112.1.1"),
                          QStringLiteral("2406:da14:100::5"), QStringLiteral("52.94.0.5"),
                          QStringLiteral("52.94.1.5")}));

    // A substring of a label: the two Storage.JapanEast rows.
    page->filterEdit()->clear();
    QTest::keyClicks(page->filterEdit(), QStringLiteral("list:japaneast"));
    page->applyFilterNow();
    QTRY_COMPARE(model->rowCount(), 2);
    QTRY_VERIFY(!m_window->isBusy());
    shown = column(model, DestinationsModel::AddressColumn);
    shown.sort();
    QCOMPARE(shown,
             QStringList({QStringLiteral("20.33.1.1"), QStringLiteral("2603:1000:4:402::10")}));

    // Every row, when all destinations show: list:labels is on the two
    // documentation addresses only.
    page->showAllBox()->setChecked(true);
    page->filterEdit()->clear();
    QTest::keyClicks(page->filterEdit(), QStringLiteral("list:labels"));
    page->applyFilterNow();
    QTRY_COMPARE(model->rowCount(), 2);
    QTRY_VERIFY(!m_window->isBusy());
    shown = column(model, DestinationsModel::AddressColumn);
    shown.sort();
    QCOMPARE(shown, QStringList({QStringLiteral("192.0.2.77"), QStringLiteral("198.51.100.23")}));
}

void TestKnownListsGui::importFromWindowUpdatesTheTable()
{
    const QString path = m_dir->filePath(QStringLiteral("import.eacase"));
    QVERIFY(makeCase(path, false));
    openWindow(path);
    DestinationsPage *page = m_window->destinationsPage();
    const QAbstractItemModel *model = page->destinationsView()->model();
    QTRY_COMPARE(model->rowCount(), 10);
    QCOMPARE(listsOf(model, QStringLiteral("13.112.1.1")), QString());

    ReviewActions *review = m_window->findChild<ReviewActions *>();
    QVERIFY(review);
    QCOMPARE(review, m_window->review());
    QSignalSpy changed(review, &ReviewActions::listsChanged);
    QSignalSpy reports(review, &ReviewActions::reportReady);
    QSignalSpy errors(review, &ReviewActions::errorOccurred);

    review->importKnownList(listPath("aws-ip-ranges.json"), QStringLiteral("aws"), false);
    QTRY_COMPARE_WITH_TIMEOUT(listsOf(model, QStringLiteral("13.112.1.1")),
                              QStringLiteral("aws: AWS EC2 ap-northeast-1"), 30000);
    QTRY_VERIFY(!m_window->isBusy());
    QCOMPARE(listsOf(model, QStringLiteral("52.94.0.5")),
             QStringLiteral("aws: AWS DYNAMODB us-east-1"));
    QCOMPARE(listsOf(model, QStringLiteral("20.33.1.1")), QString());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(errors.count(), 0);
    QCOMPARE(reports.count(), 1);
    const QString report = reports.at(0).at(0).toString();
    QVERIFY2(report.contains(QStringLiteral("Known list aws from aws-ip-ranges.json")),
             qPrintable(report));
    QVERIFY2(report.contains(QStringLiteral("6 blocks")), qPrintable(report));
    QVERIFY2(report.contains(QStringLiteral("2 rejected")), qPrintable(report));
    QCOMPARE(reports.at(0).at(1).toBool(), true); // rows were refused: a warning
    const QString shown = m_window->messageBar()->text();
    QVERIFY2(shown.contains(QStringLiteral("6 blocks")), qPrintable(shown));
    QVERIFY2(shown.contains(QStringLiteral("2 rejected")), qPrintable(shown));
    QCOMPARE(m_window->messageBar()->kind(), MessageBar::Kind::Warning);

    // The same name again without replace: refused, nothing changes.
    review->importKnownList(listPath("iocs.txt"), QStringLiteral("aws"), false);
    QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 1, 30000);
    QVERIFY2(errors.at(0).at(0).toString().contains(QStringLiteral("already has a list named aws")),
             qPrintable(errors.at(0).at(0).toString()));
    QVERIFY2(
        m_window->messageBar()->text().contains(QStringLiteral("already has a list named aws")),
        qPrintable(m_window->messageBar()->text()));
    QTRY_VERIFY(!m_window->isBusy());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(reports.count(), 1);
    QCOMPARE(listsOf(model, QStringLiteral("13.112.1.1")),
             QStringLiteral("aws: AWS EC2 ap-northeast-1"));

    // With replace: iocs.txt's blocks under the name aws (no labels).
    page->showAllBox()->setChecked(true);
    QTRY_COMPARE(model->rowCount(), 13);
    review->importKnownList(listPath("iocs.txt"), QStringLiteral("aws"), true);
    // Waits on a row only the new list holds, then checks the same view.
    QTRY_COMPARE_WITH_TIMEOUT(listsOf(model, QStringLiteral("192.0.2.77")), QStringLiteral("aws"),
                              30000);
    QTRY_VERIFY(!m_window->isBusy());
    QCOMPARE(listsOf(model, QStringLiteral("13.112.1.1")), QString());
    QCOMPARE(listsOf(model, QStringLiteral("198.51.100.23")), QStringLiteral("aws"));
    QCOMPARE(listsOf(model, QStringLiteral("2001:db8:bad::1")), QStringLiteral("aws"));
    QCOMPARE(listsOf(model, QStringLiteral("52.94.0.5")), QString());
    QCOMPARE(changed.count(), 2);
    QCOMPARE(errors.count(), 1);
    QCOMPARE(reports.count(), 2);
    QVERIFY2(
        reports.at(1).at(0).toString().contains(QStringLiteral("Known list aws from iocs.txt")),
        qPrintable(reports.at(1).at(0).toString()));
}

void TestKnownListsGui::applyFromWindowIsOneUndoableStep()
{
    const QString path = m_dir->filePath(QStringLiteral("apply.eacase"));
    QVERIFY(makeCase(path, true));
    openWindow(path);
    DestinationsPage *page = m_window->destinationsPage();
    const QAbstractItemModel *model = page->destinationsView()->model();
    page->showAllBox()->setChecked(true);
    QTRY_COMPARE(model->rowCount(), 13);
    const auto statusOf = [model](const char *address) {
        const int row = rowOf(model, QString::fromLatin1(address));
        return row < 0
            ? -1
            : model->index(row, DestinationsModel::StatusColumn).data(StatusRole).toInt();
    };
    QCOMPARE(statusOf("13.112.1.1"), int(MarkStatus::Unreviewed));
    const int stepsBefore = m_window->undoStack()->count();

    QSignalSpy reports(m_window->review(), &ReviewActions::reportReady);
    m_window->review()->applyKnownList(QStringLiteral("aws"), MarkStatus::Suspicious);
    QTRY_COMPARE_WITH_TIMEOUT(reports.count(), 1, 30000);
    QVERIFY2(reports.at(0).at(0).toString().contains(
                 QStringLiteral("List aws: 5 destinations, 5 marked Suspicious")),
             qPrintable(reports.at(0).at(0).toString()));
    // The five aws destinations, and nothing else.
    for (const char *address :
         {"13.112.1.1", "13.112.0.9", "2406:da14:100::5", "52.94.0.5", "52.94.1.5"})
        QTRY_COMPARE(statusOf(address), int(MarkStatus::Suspicious));
    QCOMPARE(statusOf("20.33.1.1"), int(MarkStatus::Unreviewed));
    QCOMPARE(statusOf("8.8.8.8"), int(MarkStatus::Unreviewed));
    QCOMPARE(m_window->undoStack()->count(), stepsBefore + 1);

    // One undo takes all five back.
    m_window->undoStack()->undo();
    for (const char *address :
         {"13.112.1.1", "13.112.0.9", "2406:da14:100::5", "52.94.0.5", "52.94.1.5"})
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(address), int(MarkStatus::Unreviewed), 30000);
}

void TestKnownListsGui::listsDialogRemovesAList()
{
    const QString path = m_dir->filePath(QStringLiteral("remove.eacase"));
    QVERIFY(makeCase(path, true));
    openWindow(path);
    DestinationsPage *page = m_window->destinationsPage();
    const QAbstractItemModel *model = page->destinationsView()->model();
    page->showAllBox()->setChecked(true);
    QTRY_COMPARE(model->rowCount(), 13);

    KnownListsDialog dialog(*m_window->session(), *m_window->review());
    QCOMPARE(dialog.names(),
             (QStringList {QStringLiteral("aws"), QStringLiteral("azure"), QStringLiteral("google"),
                           QStringLiteral("iocs"), QStringLiteral("labels")}));
    QVERIFY(!dialog.removeList(QStringLiteral("nope"), false));
    QVERIFY(dialog.removeList(QStringLiteral("iocs"), false));
    // Until it has landed, a second removal is not asked for.
    QVERIFY(!dialog.removeList(QStringLiteral("iocs"), false));
    auto *remove = dialog.findChild<QPushButton *>(QStringLiteral("remove"));
    QVERIFY(remove);
    QVERIFY(!remove->isEnabled() || dialog.names().size() == 4);
    // The dialog and the table follow: iocs is gone from both.
    QTRY_COMPARE(dialog.names().size(), 4);
    QVERIFY(!dialog.names().contains(QStringLiteral("iocs")));
    QTRY_COMPARE(listsOf(model, QStringLiteral("192.0.2.77")),
                 QStringLiteral("labels: Office VPN"));
    QCOMPARE(listsOf(model, QStringLiteral("2001:db8:bad::1")), QString());
}

QTEST_MAIN(TestKnownListsGui)
#include "tst_knownlistsgui.moc"
