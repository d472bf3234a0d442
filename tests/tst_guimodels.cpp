// The GUI's models one at a time, each under QAbstractItemModelTester: the
// destinations table over hand-built rows, navigation history,
// and the paged events model on a real case. (Mark commands and the internal
// networks dialog: tst_markcommand.)

#include "background.h"
#include "casesession.h"
#include "destinationsmodel.h"
#include "eventsmodel.h"
#include "modelroles.h"
#include "navigationhistory.h"

#include "address/ipaddress.h"
#include "ingest/importjob.h"
#include "review/destinationfilter.h"
#include "review/destinationorder.h"
#include "review/destinationsnapshot.h"
#include "storage/aggregates.h"
#include "storage/casequeries.h"
#include "storage/marks.h"

#include <QAbstractItemModelTester>
#include <QCoreApplication>
#include <QFile>
#include <QLocale>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QThreadPool>

#include <algorithm>
#include <array>
#include <atomic>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <tuple>
#include <vector>

using namespace ea;

namespace {

constexpr auto kTesterMode = QAbstractItemModelTester::FailureReportingMode::QtTest;

DestinationRow destination(std::int64_t id, const char *text, const char *category, bool external,
                           std::int64_t connections, std::int64_t processes, std::int64_t hosts,
                           const char *ports, std::optional<std::int64_t> firstNs,
                           std::optional<std::int64_t> lastNs)
{
    DestinationRow row;
    row.id = id;
    const ParseResult parsed = parseAddress(text);
    row.address = parsed.address;
    row.family = parsed.address.family;
    row.canonical = text;
    row.expanded = text;
    row.category = category;
    row.external = external;
    row.connections = connections;
    row.processes = processes;
    row.hosts = hosts;
    row.ports = ports;
    row.firstNs = firstNs;
    row.lastNs = lastNs;
    return row;
}

// Source order deliberately unlike any sort order; ties in every column.
std::vector<DestinationRow> sampleRows()
{
    const std::nullopt_t none = std::nullopt;
    std::vector<DestinationRow> rows = {
        destination(1, "8.8.8.8", "global", true, 10, 2, 1, "53", 100, 900),
        destination(2, "1.1.1.1", "global", true, 9, 2, 10, "443", none, none),
        destination(3, "2606:4700::1111", "global", true, 10, 1, 1, "443", 100, 800),
        destination(4, "10.0.0.5", "private", false, 200, 5, 9, "5432", 300, 300),
        destination(5, "93.184.216.34", "global", true, 1, 2, 1, "443;8443", 50, 1000),
        destination(6, "::1", "loopback", false, 9, 1, 1, "80", none, 10),
        destination(7, "2001:db8::1", "documentation", false, 10, 1, 1, "22", 200, none),
    };
    rows[1].status = MarkStatus::KnownSafe;
    rows[1].note = "dns resolver";
    rows[4].status = MarkStatus::Suspicious;
    rows[4].note = "odd";
    rows[6].status = MarkStatus::Internal;
    rows[6].note = "lab";
    // Bytes (-1: no event named them) and directions (0: unknown); 10.0.0.5
    // was seen only inbound.
    const std::array<std::tuple<std::int64_t, std::int64_t, std::uint8_t>, 7> traffic = {{
        {5000, 100, kSawOutbound},
        {9, 1000000000, kSawOutbound | kSawInbound},
        {-1, -1, kSawOutbound},
        {10, 0, kSawInbound},
        {5000, 5000, kSawOutbound},
        {-1, -1, 0},
        {1, -1, kSawOutbound},
    }};
    for (std::size_t k = 0; k < rows.size(); ++k)
        std::tie(rows[k].bytesOut, rows[k].bytesIn, rows[k].directions) = traffic[k];
    return rows;
}

QStringList addresses(const QAbstractItemModel &model)
{
    QStringList texts;
    for (int row = 0; row < model.rowCount(); ++row)
        texts << model.index(row, DestinationsModel::AddressColumn).data().toString();
    return texts;
}

Mark mark(const char *target, MarkStatus status, const char *note)
{
    Mark mark;
    mark.cidr = Marks::parseTarget(target).cidr;
    mark.cidrText = Marks::canonicalText(mark.cidr);
    mark.status = status;
    mark.note = note;
    return mark;
}

constexpr int kEventCount = 600;

} // namespace

class TestGuiModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void destinationsSortTyped_data();
    void destinationsSortTyped();
    void destinationsToggles_data();
    void destinationsToggles();
    void destinationsOutboundOnly();
    void destinationsShowBytesAndDirections();
    void destinationsApplyMarks();
    void destinationsOrderOnWorker();
    void destinationsSelectionFollowsOrder();
    void destinationsSortByColumnSortsOnce();
    void firstRowsArePrefixOfEveryView();
    void destinationsPartialThenWhole();
    void destinationsLoadKeepsNewerRequests_data();
    void destinationsLoadKeepsNewerRequests();
    void destinationsSnapshotIsCompact();
    void replacedRowsAreFreedOffTheGuiThread();
    void sortsMatchAReference_data();
    void sortsMatchAReference();

    void navigationFollowBackForward();
    void navigationDepthIsBounded();

    void eventsPlaceholdersThenPages();
    void eventsNewListDropsPagesInFlight();
    void eventsSurviveClosedSession();

private:
    void createCase();
    // Opens a new case NAME.eacase in the test directory and imports into it
    // NAME.csv, written with the SLS connections header and these rows.
    void importRows(const QString &name, const QByteArray &rows);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CaseSession> m_session;
    std::vector<std::int64_t> m_eventIds;
};

void TestGuiModels::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("EgressAuditorTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_guimodels"));
    QSettings().clear();
}

void TestGuiModels::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_session = std::make_unique<CaseSession>();
    m_eventIds.clear();
}

void TestGuiModels::cleanup()
{
    // Queries still running on the pool use the case file: let them end first.
    workPool()->waitForDone();
    m_session.reset();
    m_dir.reset();
}

// A new case with kEventCount events to 93.184.216.34, event k on line k + 2
// of events.csv with source port 40000 + k.
void TestGuiModels::importRows(const QString &name, const QByteArray &rows)
{
    const QString casePath = m_dir->filePath(name + QStringLiteral(".eacase"));
    QVERIFY(m_session->open(casePath, CaseDatabase::OpenMode::CreateIfMissing).isNull());
    const QString csv = m_dir->filePath(name + QStringLiteral(".csv"));
    QFile file(csv);
    QVERIFY(file.open(QIODevice::WriteOnly));
    const QByteArray text = "unix_nano_timestamp,sensor_id,process_uuid,src_addr,src_port,"
                            "dst_addr,dst_port,protocol\n"
        + rows;
    QCOMPARE(file.write(text), text.size());
    file.close();
    const ImportReport report = ImportJob(*m_session->database(), csv).run();
    QVERIFY2(report.imported(), qPrintable(report.error.message()));
    QCOMPARE(report.counts.rejected, std::int64_t(0));
}

void TestGuiModels::createCase()
{
    QByteArray text;
    for (int k = 0; k < kEventCount; ++k) {
        text += QByteArray::number(1732000000000000000LL + k * 1000000000LL)
            + ",sensor-1,proc-1,10.0.0.5," + QByteArray::number(40000 + k)
            + ",93.184.216.34,443,6\n";
    }
    importRows(QStringLiteral("events"), text);
    CaseQueries queries(*m_session->database());
    const RowsResult<DestinationRow> destinations = queries.destinations({.all = true});
    QVERIFY(destinations.ok());
    QCOMPARE(destinations.value.size(), std::size_t(1));
    RowsResult<std::int64_t> ids = queries.eventIdsOf(destinations.value[0].id);
    QVERIFY(ids.ok());
    QCOMPARE(ids.value.size(), std::size_t(kEventCount));
    m_eventIds = std::move(ids.value);
}

// ---- DestinationsModel ------------------------------------------------------

// Loads rows into the model as a case would: each row's status and note
// become a mark on its address.
void load(DestinationsModel &model, const std::vector<DestinationRow> &rows,
          DestinationView view = {}, DestinationSort sort = {})
{
    std::vector<Mark> marks;
    for (const DestinationRow &row : rows) {
        if (row.status != MarkStatus::Unreviewed)
            marks.push_back(mark(row.canonical.c_str(), row.status, row.note.c_str()));
    }
    model.setView(view);
    model.sort(int(sort.field), sort.descending ? Qt::DescendingOrder : Qt::AscendingOrder);
    model.setLoaded(DestinationsModel::load(DestinationSnapshot::fromRows(rows),
                                            std::make_shared<const MarkIndex>(marks),
                                            model.loadRequest()));
    QTRY_VERIFY(!model.isBusy());
}

DestinationView showEverything()
{
    DestinationView view;
    view.showAll = true;
    view.hideReviewed = false;
    view.hideInboundOnly = false;
    return view;
}

void TestGuiModels::destinationsSortTyped_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<QStringList>("ascending");
    QTest::addColumn<QStringList>("descending");
    const auto list = [](std::initializer_list<const char *> texts) {
        QStringList list;
        for (const char *text : texts)
            list << QString::fromLatin1(text);
        return list;
    };
    const char *a = "1.1.1.1", *b = "8.8.8.8", *c = "10.0.0.5", *d = "93.184.216.34", *e = "::1",
               *f = "2001:db8::1", *g = "2606:4700::1111";

    // IPv4 as a block before IPv6, even before ::1 which is numerically lower.
    QTest::addRow("address") << int(DestinationsModel::AddressColumn) << list({a, b, c, d, e, f, g})
                             << list({g, f, e, d, c, b, a});
    QTest::addRow("expanded") << int(DestinationsModel::ExpandedColumn)
                              << list({a, b, c, d, e, f, g}) << list({g, f, e, d, c, b, a});
    QTest::addRow("category") << int(DestinationsModel::CategoryColumn)
                              << list({f, a, b, d, g, e, c}) << list({c, e, a, b, d, g, f});
    QTest::addRow("external") << int(DestinationsModel::ExternalColumn)
                              << list({c, e, f, a, b, d, g}) << list({a, b, d, g, c, e, f});
    QTest::addRow("status") << int(DestinationsModel::StatusColumn) << list({b, c, e, g, a, d, f})
                            << list({f, d, a, b, c, e, g});
    // Numbers, not text: 9 < 10 < 200.
    QTest::addRow("connections") << int(DestinationsModel::ConnectionsColumn)
                                 << list({d, a, e, b, f, g, c}) << list({c, b, f, g, a, e, d});
    QTest::addRow("processes") << int(DestinationsModel::ProcessesColumn)
                               << list({e, f, g, a, b, d, c}) << list({c, a, b, d, e, f, g});
    QTest::addRow("hosts") << int(DestinationsModel::HostsColumn) << list({b, d, e, f, g, c, a})
                           << list({a, c, b, d, e, f, g});
    // Port lists by their numbers: 22 < 53 < 80 < 443 < 443;8443 < 5432.
    QTest::addRow("ports") << int(DestinationsModel::PortsColumn) << list({f, b, e, a, g, d, c})
                           << list({c, d, a, g, e, b, f});
    // Unknown times first; 50 < 100 as numbers.
    QTest::addRow("first seen") << int(DestinationsModel::FirstSeenColumn)
                                << list({a, e, d, b, g, f, c}) << list({c, f, b, g, d, a, e});
    QTest::addRow("last seen") << int(DestinationsModel::LastSeenColumn)
                               << list({a, f, e, c, g, b, d}) << list({d, b, g, c, e, a, f});
    QTest::addRow("note") << int(DestinationsModel::NoteColumn) << list({b, c, e, g, a, f, d})
                          << list({d, f, a, b, c, e, g});
    // Counts as numbers (9 < 10 < 5000); unknown (-1) before every count.
    QTest::addRow("bytes out") << int(DestinationsModel::BytesOutColumn)
                               << list({e, g, f, a, c, b, d}) << list({b, d, c, a, f, e, g});
    QTest::addRow("bytes in") << int(DestinationsModel::BytesInColumn)
                              << list({e, f, g, c, b, d, a}) << list({a, d, b, c, e, f, g});
    // Unknown, outbound, inbound, both.
    QTest::addRow("direction") << int(DestinationsModel::DirectionColumn)
                               << list({e, b, d, f, g, c, a}) << list({a, c, b, d, f, g, e});
}

// Every column sorts by its typed value; equal values go by address
// ascending in both orders (as the CLI lists them).
void TestGuiModels::destinationsSortTyped()
{
    QFETCH(int, column);
    QFETCH(QStringList, ascending);
    QFETCH(QStringList, descending);
    DestinationsModel model;
    QAbstractItemModelTester modelTester(&model, kTesterMode);
    load(model, sampleRows(), showEverything());
    QCOMPARE(model.rowCount(), 7);

    model.sort(column, Qt::AscendingOrder);
    QCOMPARE(addresses(model), ascending);
    model.sort(column, Qt::DescendingOrder);
    QCOMPARE(addresses(model), descending);
}

void TestGuiModels::destinationsToggles_data()
{
    QTest::addColumn<bool>("showAll");
    QTest::addColumn<bool>("hideReviewed");
    QTest::addColumn<QStringList>("shown");
    QTest::addColumn<int>("notExternal"); // what each toggle hides
    QTest::addColumn<int>("hiddenByReview");
    // In the default sort: most connections first, ties by address.
    // 2606:4700::1111 is external but marked internal: the review toggle
    // hides it, and shows it again in the external view when turned off.
    QTest::addRow("defaults: external, needs review")
        << false << true << QStringList {QStringLiteral("8.8.8.8"), QStringLiteral("93.184.216.34")}
        << 3 << 2;
    QTest::addRow("external, reviewed too")
        << false << false
        << QStringList {QStringLiteral("8.8.8.8"), QStringLiteral("2606:4700::1111"),
                        QStringLiteral("1.1.1.1"), QStringLiteral("93.184.216.34")}
        << 3 << 0;
    QTest::addRow("all, needs review")
        << true << true
        << QStringList {QStringLiteral("10.0.0.5"), QStringLiteral("8.8.8.8"),
                        QStringLiteral("::1"), QStringLiteral("93.184.216.34")}
        << 0 << 3;
    QTest::addRow("all") << true << false << QStringList {QStringLiteral("10.0.0.5"),
                                                          QStringLiteral("8.8.8.8"),
                                                          QStringLiteral("2001:db8::1"),
                                                          QStringLiteral("2606:4700::1111"),
                                                          QStringLiteral("1.1.1.1"),
                                                          QStringLiteral("::1"),
                                                          QStringLiteral("93.184.216.34")}
                         << 0 << 0;
}

void TestGuiModels::destinationsToggles()
{
    QFETCH(bool, showAll);
    QFETCH(bool, hideReviewed);
    QFETCH(QStringList, shown);
    QFETCH(int, notExternal);
    QFETCH(int, hiddenByReview);
    DestinationsModel model;
    QAbstractItemModelTester modelTester(&model, kTesterMode);
    QVERIFY(!model.view().showAll);
    QVERIFY(model.view().hideReviewed);
    std::vector<DestinationRow> rows = sampleRows();
    rows[2].status = MarkStatus::Internal;
    load(model, rows);

    DestinationView view;
    view.showAll = showAll;
    view.hideReviewed = hideReviewed;
    view.hideInboundOnly = false; // destinationsOutboundOnly() tests that one
    model.setView(view);
    QCOMPARE(addresses(model), shown);
    QCOMPARE(model.candidateCount(), std::int64_t(shown.size()));
    QCOMPARE(model.notExternalCount(), std::int64_t(notExternal));
    QCOMPARE(model.hiddenByReviewCount(), std::int64_t(hiddenByReview));

    // The quick filter narrows the rows, not the candidates ("N of M").
    view.filter = DestinationFilter::parse("port:53");
    model.setView(view);
    QCOMPARE(addresses(model), QStringList {QStringLiteral("8.8.8.8")});
    QCOMPARE(model.candidateCount(), std::int64_t(shown.size()));
}

void TestGuiModels::destinationsOutboundOnly()
{
    DestinationsModel model;
    QAbstractItemModelTester modelTester(&model, kTesterMode);
    QVERIFY(model.view().hideInboundOnly); // the default view
    DestinationView view = showEverything();
    view.hideInboundOnly = true;
    load(model, sampleRows(), view);
    // 10.0.0.5 was seen only inbound: hidden, and counted.
    QCOMPARE(model.rowCount(), 6);
    QVERIFY(!addresses(model).contains(QStringLiteral("10.0.0.5")));
    QCOMPARE(model.hiddenInboundOnlyCount(), std::int64_t(1));
    QCOMPARE(model.candidateCount(), std::int64_t(6));

    view.hideInboundOnly = false;
    model.setView(view);
    QTRY_VERIFY(!model.isBusy());
    QCOMPARE(model.rowCount(), 7);
    QCOMPARE(model.hiddenInboundOnlyCount(), std::int64_t(0));

    // A direction: filter says what it wants: the toggle stands aside.
    view.hideInboundOnly = true;
    view.filter = DestinationFilter::parse("direction:inbound");
    model.setView(view);
    QTRY_VERIFY(!model.isBusy());
    QCOMPARE(addresses(model),
             (QStringList {QStringLiteral("10.0.0.5"), QStringLiteral("1.1.1.1")}));
    QCOMPARE(model.hiddenInboundOnlyCount(), std::int64_t(0));
}

void TestGuiModels::destinationsShowBytesAndDirections()
{
    DestinationsModel model;
    QAbstractItemModelTester modelTester(&model, kTesterMode);
    load(model, sampleRows(), showEverything());
    const auto cell = [&](const char *address, int column, int role = Qt::DisplayRole) {
        for (int row = 0; row < model.rowCount(); ++row) {
            if (model.index(row, DestinationsModel::AddressColumn).data().toString()
                == QLatin1String(address))
                return model.index(row, column).data(role);
        }
        return QVariant();
    };
    const auto digits = [](QString text) {
        return text.remove(QRegularExpression(QStringLiteral("[^0-9]")));
    };
    // Human units in the cell, the exact count on hover; nothing when unknown.
    QCOMPARE(cell("1.1.1.1", DestinationsModel::BytesInColumn).toString(),
             QLocale().formattedDataSize(1000000000, 1, QLocale::DataSizeSIFormat));
    QVERIFY(cell("1.1.1.1", DestinationsModel::BytesInColumn).toString().contains(u'G'));
    QCOMPARE(digits(cell("1.1.1.1", DestinationsModel::BytesInColumn, Qt::ToolTipRole).toString()),
             QStringLiteral("1000000000"));
    QCOMPARE(cell("1.1.1.1", DestinationsModel::BytesOutColumn).toString(),
             QStringLiteral("9 bytes"));
    QCOMPARE(cell("10.0.0.5", DestinationsModel::BytesInColumn).toString(),
             QStringLiteral("0 bytes"));
    QCOMPARE(cell("::1", DestinationsModel::BytesOutColumn).toString(), QString());
    QVERIFY(!cell("::1", DestinationsModel::BytesOutColumn, Qt::ToolTipRole).isValid());
    QCOMPARE(cell("1.1.1.1", DestinationsModel::DirectionColumn).toString(),
             QStringLiteral("both"));
    QCOMPARE(cell("10.0.0.5", DestinationsModel::DirectionColumn).toString(),
             QStringLiteral("inbound"));
    QCOMPARE(cell("8.8.8.8", DestinationsModel::DirectionColumn).toString(),
             QStringLiteral("outbound"));
    QCOMPARE(cell("::1", DestinationsModel::DirectionColumn).toString(), QString());
    QCOMPARE(model.headerData(DestinationsModel::BytesOutColumn, Qt::Horizontal).toString(),
             QStringLiteral("Bytes out"));
}

void TestGuiModels::destinationsApplyMarks()
{
    DestinationsModel model;
    QAbstractItemModelTester modelTester(&model, kTesterMode);
    std::vector<DestinationRow> rows = sampleRows();
    for (DestinationRow &row : rows) {
        row.status = MarkStatus::Unreviewed;
        row.note.clear();
    }
    load(model, rows, {}, {DestinationField::Address, false});
    QCOMPARE(addresses(model),
             QStringList({QStringLiteral("1.1.1.1"), QStringLiteral("8.8.8.8"),
                          QStringLiteral("93.184.216.34"), QStringLiteral("2606:4700::1111")}));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    const auto statusOf = [&model](const QString &address) {
        for (int row = 0; row < model.rowCount(); ++row) {
            if (model.index(row, 0).data().toString() == address)
                return MarkStatus(
                    model.index(row, DestinationsModel::StatusColumn).data(StatusRole).toInt());
        }
        return MarkStatus(-1);
    };

    // Suspicious still needs review: the row stays, with its status and note.
    std::vector<Mark> marks = {mark("1.1.1.0/24", MarkStatus::Suspicious, "resolvers")};
    model.setMarks(std::make_shared<const MarkIndex>(marks));
    QVERIFY(changed.count() > 0);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(statusOf(QStringLiteral("1.1.1.1")), MarkStatus::Suspicious);
    QCOMPARE(model.index(0, DestinationsModel::NoteColumn).data().toString(),
             QStringLiteral("resolvers"));
    QVERIFY(model.index(0, DestinationsModel::StatusColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("1.1.1.0/24")));

    // The same marks again: nothing changed, nothing reported.
    changed.clear();
    model.setMarks(std::make_shared<const MarkIndex>(marks));
    QCOMPARE(changed.count(), 0);

    // Known-safe leaves the "needs review" view at once.
    marks = {mark("1.1.1.0/24", MarkStatus::KnownSafe, "cloudflare")};
    model.setMarks(std::make_shared<const MarkIndex>(marks));
    QCOMPARE(addresses(model),
             QStringList({QStringLiteral("8.8.8.8"), QStringLiteral("93.184.216.34"),
                          QStringLiteral("2606:4700::1111")}));

    // No marks: every row back to unreviewed, with no note or tooltip.
    model.setMarks(std::make_shared<const MarkIndex>());
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(statusOf(QStringLiteral("1.1.1.1")), MarkStatus::Unreviewed);
    QCOMPARE(model.index(0, DestinationsModel::NoteColumn).data().toString(), QString());
    QCOMPARE(model.index(0, DestinationsModel::StatusColumn).data(Qt::ToolTipRole), QVariant());
    QCOMPARE(reset.count(), 0);
}

// Many generated destinations: 198.18.x.y (global here), connections and
// ports spread so that every sort has work to do.
std::vector<DestinationRow> manyRows(int count)
{
    std::vector<DestinationRow> rows;
    rows.reserve(std::size_t(count));
    for (std::int64_t k = 0; k < count; ++k) {
        const QByteArray text = QByteArrayLiteral("198.18.") + QByteArray::number(k / 250) + '.'
            + QByteArray::number(k % 250);
        const QByteArray ports = QByteArray::number(1000 + (k * 7919) % 60000) + ';'
            + QByteArray::number(61000 + k % 4000);
        rows.push_back(destination(k + 1, text.constData(), "global", true, (k * 104729) % 1000,
                                   1 + k % 5, 1, ports.constData(), k, k + 10));
    }
    return rows;
}

// Past the inline size an order is computed on a pool thread: the table
// keeps the previous order (and says it is busy) until the answer, and a
// newer request supersedes an older one.
void TestGuiModels::destinationsOrderOnWorker()
{
    DestinationsModel model;
    model.setInlineRows(0);
    const std::vector<DestinationRow> rows = manyRows(30000);
    load(model, rows, {}, {DestinationField::Address, false});
    QCOMPARE(model.rowCount(), 30000);
    const QString first = model.index(0, 0).data().toString();
    QCOMPARE(first, QStringLiteral("198.18.0.0"));

    QSignalSpy orders(&model, &DestinationsModel::orderChanged);
    QSignalSpy rowsChanged(&model, &DestinationsModel::shownRowsChanged);
    model.sort(DestinationsModel::ConnectionsColumn, Qt::DescendingOrder);
    QVERIFY(model.isBusy());
    QCOMPARE(model.index(0, 0).data().toString(), first); // still the old order
    // Superseded before it is answered: only the newer order lands.
    model.sort(DestinationsModel::PortsColumn, Qt::DescendingOrder);
    QTRY_VERIFY(!model.isBusy());
    QCOMPARE(orders.count(), 1);
    // A sort shows the same rows: what follows them (the charts) need not
    // be computed again.
    QCOMPARE(rowsChanged.count(), 0);
    QCOMPARE(model.currentSort().field, DestinationField::Ports);
    // Descending by the first port, as numbers.
    int largest = 0;
    for (const DestinationRow &row : rows)
        largest = std::max(largest, QString::fromStdString(row.ports).section(u';', 0, 0).toInt());
    QCOMPARE(model.index(0, DestinationsModel::PortsColumn).data().toString().section(u';', 0, 0),
             QString::number(largest));
    for (int row = 1; row < model.rowCount(); ++row) {
        const int a = model.index(row - 1, DestinationsModel::PortsColumn)
                          .data()
                          .toString()
                          .section(u';', 0, 0)
                          .toInt();
        const int b = model.index(row, DestinationsModel::PortsColumn)
                          .data()
                          .toString()
                          .section(u';', 0, 0)
                          .toInt();
        QVERIFY2(a >= b, qPrintable(QStringLiteral("row %1: %2 before %3").arg(row).arg(a).arg(b)));
    }

    // A filter on the worker too.
    DestinationView view;
    view.filter = DestinationFilter::parse("port:61003");
    model.setView(view);
    QVERIFY(model.isBusy());
    QTRY_VERIFY(!model.isBusy());
    QCOMPARE(rowsChanged.count(), 1);
    QCOMPARE(model.rowCount(), 30000 / 4000 + 1);
    QCOMPARE(model.candidateCount(), std::int64_t(30000));
    // Text reads the formatted address: only 198.18.7.0 - 198.18.7.249
    // contain "198.18.7." (198.18.70.1 does not).
    // A new view superseded by a sort before it lands: the sort's order
    // still carries the new rows, and says so.
    view.filter = DestinationFilter::parse("198.18.7.");
    model.setView(view);
    model.sort(DestinationsModel::AddressColumn, Qt::AscendingOrder);
    QTRY_VERIFY(!model.isBusy());
    QCOMPARE(model.rowCount(), 250);
    QCOMPARE(rowsChanged.count(), 2);
}

// The current row and the selection stay on their destinations when the
// order changes, and leave when a filter hides them.
void TestGuiModels::destinationsSelectionFollowsOrder()
{
    DestinationsModel model;
    QAbstractItemModelTester modelTester(&model, kTesterMode);
    load(model, sampleRows(), showEverything(), {DestinationField::Address, false});
    QPersistentModelIndex kept(model.index(model.viewRowOfId(5), 0)); // 93.184.216.34
    QPersistentModelIndex hidden(model.index(model.viewRowOfId(6), 0)); // ::1
    QCOMPARE(kept.data().toString(), QStringLiteral("93.184.216.34"));
    model.sort(DestinationsModel::ConnectionsColumn, Qt::AscendingOrder);
    QCOMPARE(kept.row(), 0); // 1 connection: first
    QCOMPARE(kept.data().toString(), QStringLiteral("93.184.216.34"));
    DestinationView view = showEverything();
    view.filter = DestinationFilter::parse("category:global");
    model.setView(view);
    QVERIFY(kept.isValid());
    QCOMPARE(kept.data().toString(), QStringLiteral("93.184.216.34"));
    QVERIFY(!hidden.isValid());
    QCOMPARE(model.viewRowOfId(6), -1);
    QVERIFY(model.hasId(6));
}

// QTableView::sortByColumn() asks the model to sort twice (once through the
// header's sortIndicatorChanged, once itself): the second, asked while the
// first is under way, must not start another pass over every row.
void TestGuiModels::destinationsSortByColumnSortsOnce()
{
    DestinationsModel model;
    model.setInlineRows(0);
    QTableView table;
    table.setModel(&model);
    table.setSortingEnabled(true);
    table.sortByColumn(DestinationsModel::AddressColumn, Qt::AscendingOrder);
    load(model, manyRows(30000), {}, {DestinationField::Address, false});
    const int before = model.sortsComputed();
    table.sortByColumn(DestinationsModel::ConnectionsColumn, Qt::DescendingOrder);
    QVERIFY(model.isBusy());
    QTRY_VERIFY(!model.isBusy());
    QCOMPARE(model.sortsComputed(), before + 1);
    QCOMPARE(model.currentSort(), (DestinationSort {DestinationField::Connections, true}));
    QCOMPARE(model.index(0, DestinationsModel::ConnectionsColumn).data().toString(),
             QStringLiteral("999"));
    // Clicking the same sort again computes nothing.
    table.sortByColumn(DestinationsModel::ConnectionsColumn, Qt::DescendingOrder);
    QVERIFY(!model.isBusy());
    QCOMPARE(model.sortsComputed(), before + 1);
}

// A load is computed on a pool thread with the sort, view and marks of its
// request; any of them given while it ran must still be what the table shows
// once it lands (not the request's older ones).
void TestGuiModels::destinationsLoadKeepsNewerRequests()
{
    QFETCH(int, inlineRows);
    DestinationsModel model;
    model.setInlineRows(std::size_t(inlineRows));
    load(model, sampleRows(), showEverything(), {DestinationField::Address, false});
    const DestinationsModel::LoadRequest request = model.loadRequest();
    const auto oldMarks = std::make_shared<const MarkIndex>();

    // While the reload runs: a new sort, a filter, and a mark.
    model.sort(DestinationsModel::ConnectionsColumn, Qt::AscendingOrder);
    DestinationView view = showEverything();
    view.filter = DestinationFilter::parse("category:global");
    model.setView(view);
    model.setMarks(std::make_shared<const MarkIndex>(
        std::vector<Mark> {mark("8.8.8.8", MarkStatus::Suspicious, "beacon")}));
    QTRY_VERIFY(!model.isBusy());
    QSignalSpy rowsChanged(&model, &DestinationsModel::shownRowsChanged);

    model.setLoaded(
        DestinationsModel::load(DestinationSnapshot::fromRows(sampleRows()), oldMarks, request));
    QTRY_VERIFY(!model.isBusy());
    QCOMPARE(model.currentSort(), (DestinationSort {DestinationField::Connections, false}));
    // Global rows by connections ascending, ties by address.
    QCOMPARE(addresses(model),
             QStringList({QStringLiteral("93.184.216.34"), QStringLiteral("1.1.1.1"),
                          QStringLiteral("8.8.8.8"), QStringLiteral("2606:4700::1111")}));
    const int beacon = model.viewRowOfId(1);
    QCOMPARE(model.index(beacon, DestinationsModel::StatusColumn).data(StatusRole).toInt(),
             int(MarkStatus::Suspicious));
    QCOMPARE(model.index(beacon, DestinationsModel::NoteColumn).data().toString(),
             QStringLiteral("beacon"));
    // 1.1.1.1 was known-safe in the old review; the newer marks have no mark for it.
    QCOMPARE(
        model.index(model.viewRowOfId(2), DestinationsModel::StatusColumn).data(StatusRole).toInt(),
        int(MarkStatus::Unreviewed));
    // The charts hear of the rows of the load and of the newer view.
    QVERIFY(rowsChanged.count() >= 1);
}

void TestGuiModels::destinationsLoadKeepsNewerRequests_data()
{
    QTest::addColumn<int>("inlineRows");
    QTest::newRow("in place") << int(DestinationsModel::kDefaultInlineRows);
    QTest::newRow("pool thread") << 0;
}

// readFirstRows() reads the busiest destinations only; for every view its
// shown rows must be exactly the first rows the whole snapshot shows (ties
// included: the counts below repeat a lot), whatever the limit.
void TestGuiModels::firstRowsArePrefixOfEveryView()
{
    QByteArray text;
    constexpr int kDestinations = 3000;
    for (int d = 0; d < kDestinations; ++d) {
        // Private, global IPv4 and global IPv6 destinations; 1 to 13 events.
        QByteArray address;
        if (d % 5 == 0)
            address = "10.0." + QByteArray::number(d / 250) + '.' + QByteArray::number(d % 250);
        else if (d % 3 == 0)
            address = "2a01:4f8::" + QByteArray::number(d, 16);
        else
            address
                = "45." + QByteArray::number(d / 250) + '.' + QByteArray::number(d % 250) + ".1";
        const int events = 1 + (d * 7919) % 13;
        for (int j = 0; j < events; ++j) {
            text += QByteArray::number(1732000000000000000LL + (d * 31 + j) * 1000000000LL)
                + ",sensor-" + QByteArray::number((d + j) % 3) + ",proc-"
                + QByteArray::number((d * j) % 5) + ",192.168.1.2,40000," + address + ','
                + QByteArray::number(j % 2 ? 443 : 53 + d % 3) + ",6\n";
        }
    }
    importRows(QStringLiteral("busiest"), text);

    CaseQueries queries(*m_session->database());
    const Result<std::shared_ptr<const DestinationSnapshot>> whole
        = DestinationSnapshot::read(queries);
    QVERIFY(whole.ok());
    QCOMPARE(whole.value->size(), std::size_t(kDestinations));
    const auto marks = std::make_shared<const MarkIndex>(std::vector<Mark> {
        mark("45.1.0.0/16", MarkStatus::KnownSafe, "cdn"),
        mark("45.2.0.0/16", MarkStatus::Internal, "ours"),
        mark("2a01:4f8::/112", MarkStatus::Suspicious, "check"),
    });
    const DestinationReview wholeReview(*whole.value, marks);

    std::vector<std::pair<const char *, DestinationView>> views;
    views.emplace_back("default", DestinationView {});
    views.emplace_back("all", showEverything());
    DestinationView reviewed;
    reviewed.hideReviewed = false;
    views.emplace_back("reviewed shown", reviewed);
    DestinationView port;
    port.filter = DestinationFilter::parse("port:443");
    views.emplace_back("port:443", port);
    DestinationView text45 = showEverything();
    text45.filter = DestinationFilter::parse("45.1");
    views.emplace_back("45.1", text45);

    for (const DestinationField field :
         {DestinationField::Connections, DestinationField::Processes, DestinationField::Hosts}) {
        const DestinationSort sort {field, true};
        const RowIds wholeSorted = sortedRows(*whole.value, wholeReview, sort);
        for (const int limit : {1, 40, 700, 5000}) {
            const Result<std::shared_ptr<const DestinationSnapshot>> first
                = readFirstRows(queries, sort, limit);
            QVERIFY(first.ok());
            QVERIFY(first.value);
            QVERIFY(first.value->size() < std::size_t(std::max(limit, 1)));
            // Not empty where the limit reaches past a tie (1 to 13 events,
            // some 230 destinations each; 1 to 3 hosts).
            if (limit == 5000 || (limit == 700 && field == DestinationField::Connections))
                QVERIFY(first.value->size() > 0);
            const DestinationReview firstReview(*first.value, marks);
            const RowIds firstSorted = sortedRows(*first.value, firstReview, sort);
            for (const auto &[name, view] : views) {
                const DestinationOrder a = shownRows(*first.value, firstReview, firstSorted, view);
                const DestinationOrder b = shownRows(*whole.value, wholeReview, wholeSorted, view);
                QVERIFY(a.rows.size() <= b.rows.size());
                for (std::size_t k = 0; k < a.rows.size(); ++k) {
                    QVERIFY2(first.value->id(a.rows[k]) == whole.value->id(b.rows[k]),
                             qPrintable(QStringLiteral("field %1, limit %2, view %3, row %4")
                                            .arg(int(field))
                                            .arg(limit)
                                            .arg(QLatin1String(name))
                                            .arg(k)));
                }
            }
        }
    }
    // Only the counts, most first, have such a read.
    for (const DestinationSort sort : {DestinationSort {DestinationField::Connections, false},
                                       DestinationSort {DestinationField::Address, false},
                                       DestinationSort {DestinationField::Ports, true}}) {
        const Result<std::shared_ptr<const DestinationSnapshot>> none
            = readFirstRows(queries, sort, 100);
        QVERIFY(none.ok());
        QVERIFY(!none.value);
    }
}

// While only the first rows of a case are shown, the model says it is busy
// and partial, filters apply to those rows, and a new sort waits for the
// whole table (the first rows in another order would not be its first).
void TestGuiModels::destinationsPartialThenWhole()
{
    DestinationsModel model;
    QAbstractItemModelTester modelTester(&model, kTesterMode);
    model.sort(DestinationsModel::ConnectionsColumn, Qt::DescendingOrder);
    model.setView(showEverything());
    const DestinationsModel::LoadRequest request = model.loadRequest();
    const auto marks = std::make_shared<const MarkIndex>();
    const std::vector<DestinationRow> rows = sampleRows();
    // The "first rows": the two busiest (10.0.0.5 with 200, then 8.8.8.8 … at 10).
    const std::vector<DestinationRow> firstRows = {rows[3], rows[0]};
    DestinationsModel::Loaded partial
        = DestinationsModel::load(DestinationSnapshot::fromRows(firstRows), marks, request);
    partial.partial = true;
    model.setLoaded(std::move(partial));
    QVERIFY(model.isPartial());
    QVERIFY(model.isBusy());
    QCOMPARE(addresses(model),
             QStringList({QStringLiteral("10.0.0.5"), QStringLiteral("8.8.8.8")}));

    // A filter applies to the rows there are.
    DestinationView view = showEverything();
    view.filter = DestinationFilter::parse("category:global");
    model.setView(view);
    QCOMPARE(addresses(model), QStringList {QStringLiteral("8.8.8.8")});
    QVERIFY(model.isBusy());

    // A sort waits: the rows stay as they are, the model stays busy.
    const int sorts = model.sortsComputed();
    model.sort(DestinationsModel::AddressColumn, Qt::AscendingOrder);
    QCOMPARE(model.sortsComputed(), sorts);
    QCOMPARE(addresses(model), QStringList {QStringLiteral("8.8.8.8")});
    QVERIFY(model.isBusy());

    // A filter after that sort waits as well (the first rows in the new
    // sort would not be its first rows).
    view.filter = DestinationFilter::parse("category:private");
    model.setView(view);
    QCOMPARE(model.sortsComputed(), sorts);
    QCOMPARE(addresses(model), QStringList {QStringLiteral("8.8.8.8")});
    QVERIFY(model.isBusy());

    // A late partial load for the old sort is not shown.
    DestinationsModel::Loaded stale
        = DestinationsModel::load(DestinationSnapshot::fromRows(firstRows), marks, request);
    stale.partial = true;
    model.setLoaded(std::move(stale));
    QCOMPARE(addresses(model), QStringList {QStringLiteral("8.8.8.8")});

    // The whole table lands in the sort and view asked for since.
    model.setLoaded(DestinationsModel::load(DestinationSnapshot::fromRows(rows), marks, request));
    QTRY_VERIFY(!model.isBusy());
    QVERIFY(!model.isPartial());
    QCOMPARE(model.currentSort(), (DestinationSort {DestinationField::Address, false}));
    QCOMPARE(addresses(model), QStringList {QStringLiteral("10.0.0.5")});
    view.filter = DestinationFilter::parse("category:global");
    model.setView(view);
    QCOMPARE(addresses(model),
             QStringList({QStringLiteral("1.1.1.1"), QStringLiteral("8.8.8.8"),
                          QStringLiteral("93.184.216.34"), QStringLiteral("2606:4700::1111")}));
}

void TestGuiModels::sortsMatchAReference_data()
{
    QTest::addColumn<int>("distinctPorts");
    QTest::addColumn<bool>("sharedStart");
    // Few distinct ports: long shared prefixes, so that long runs of equal
    // first items are sorted again (radix within runs of 1024 rows or more);
    // many: 16-bit items, four to a key. Shared start: nine lists in ten
    // begin with port 1, the others with 2, so that runs of 16384 rows or
    // more are split by a later item too.
    QTest::newRow("few ports") << 6 << false;
    QTest::newRow("many ports") << 60000 << false;
    QTest::newRow("shared start") << 6 << true;
}

// Every sort against std::stable_sort with a plain comparator, from address
// order (ties stay in it in both directions), on random rows with ties in
// every column, unknown times, truncated port lists and marks with notes.
void TestGuiModels::sortsMatchAReference()
{
    QFETCH(int, distinctPorts);
    QFETCH(bool, sharedStart);
    std::mt19937 random(20261205);
    const auto below = [&random](int n) {
        return int(random() % std::uint32_t(n));
    };
    const char *categories[] = {"global", "private", "documentation", "loopback"};
    std::vector<DestinationRow> rows;
    std::set<std::string> seen;
    while (rows.size() < 20000) {
        QByteArray text;
        if (below(3) == 0) {
            text = QByteArray::number(below(60000), 16).prepend("2a01:4f8:")
                + "::" + QByteArray::number(below(60000), 16);
        } else {
            text = QByteArray::number(1 + below(220)) + '.' + QByteArray::number(below(256)) + '.'
                + QByteArray::number(below(256)) + '.' + QByteArray::number(below(256));
        }
        if (!seen.insert(text.toStdString()).second)
            continue;
        std::set<int> ports;
        const int count = below(4) == 0 ? below(26) : 1 + below(4);
        if (sharedStart && count > 0)
            ports.insert(below(10) != 0 ? 1 : 2);
        if (distinctPorts > 6 && count > 4) {
            // Long lists share their first ports (1 to 5 or 6 of 1..6), so
            // that their first keys tie in long runs and the next items
            // decide (a run of thousands, then short ones).
            for (int port = 1; port <= 5 + below(2); ++port)
                ports.insert(port);
        }
        while (int(ports.size()) < count && int(ports.size()) < distinctPorts)
            ports.insert(distinctPorts <= 6 ? 20 + below(distinctPorts) : 7 + below(distinctPorts));
        std::string list;
        int kept = 0;
        for (const int port : ports) {
            if (kept == 20) {
                list += ";…";
                break;
            }
            if (!list.empty())
                list += ';';
            list += std::to_string(port);
            ++kept;
        }
        const std::optional<std::int64_t> first
            = below(10) == 0 ? std::nullopt : std::optional<std::int64_t>(below(50) - 25);
        rows.push_back(destination(std::int64_t(rows.size()) + 1, text.constData(),
                                   categories[below(4)], below(2) == 0, below(40), below(5),
                                   below(3), list.c_str(), first, first));
    }
    std::vector<Mark> marks;
    for (int k = 0; k < 300; ++k) {
        const char *notes[] = {"", "cdn", "b", "a"};
        const DestinationRow &row = rows[std::size_t(below(int(rows.size())))];
        marks.push_back(mark(row.canonical.c_str(), MarkStatus(1 + below(3)), notes[below(4)]));
    }
    const auto snapshot = DestinationSnapshot::fromRows(rows);
    const DestinationReview review(*snapshot, std::make_shared<const MarkIndex>(marks));

    // Ports as items: a port, "…" after every port, a list before any list
    // it starts.
    const auto items = [&](std::uint32_t row) {
        std::vector<int> out(snapshot->ports(row).begin(), snapshot->ports(row).end());
        if (snapshot->portsTruncated(row))
            out.push_back(65536);
        return out;
    };
    const auto less = [&](DestinationField field, std::uint32_t a, std::uint32_t b) {
        switch (field) {
        case DestinationField::Category:
            return snapshot->category(a) < snapshot->category(b);
        case DestinationField::External:
            return snapshot->external(a) < snapshot->external(b);
        case DestinationField::Status:
            return int(review.status(a)) < int(review.status(b));
        case DestinationField::Connections:
            return snapshot->connections(a) < snapshot->connections(b);
        case DestinationField::Processes:
            return snapshot->processes(a) < snapshot->processes(b);
        case DestinationField::Hosts:
            return snapshot->hosts(a) < snapshot->hosts(b);
        case DestinationField::Ports: {
            const std::vector<int> x = items(a);
            const std::vector<int> y = items(b);
            return std::lexicographical_compare(x.begin(), x.end(), y.begin(), y.end());
        }
        case DestinationField::FirstSeen:
            return snapshot->firstNs(a).value_or(DestinationSnapshot::kNoTime)
                < snapshot->firstNs(b).value_or(DestinationSnapshot::kNoTime);
        case DestinationField::LastSeen:
            return snapshot->lastNs(a).value_or(DestinationSnapshot::kNoTime)
                < snapshot->lastNs(b).value_or(DestinationSnapshot::kNoTime);
        case DestinationField::Note:
            return review.note(a) < review.note(b);
        default:
            return false; // the address order they start in
        }
    };
    for (int f = int(DestinationField::Address); f <= int(DestinationField::Note); ++f) {
        for (const bool descending : {false, true}) {
            const auto field = DestinationField(f);
            std::vector<std::uint32_t> expected(snapshot->byAddress().begin(),
                                                snapshot->byAddress().end());
            if (field == DestinationField::Address || field == DestinationField::Expanded) {
                if (descending)
                    std::reverse(expected.begin(), expected.end());
            } else {
                std::stable_sort(expected.begin(), expected.end(),
                                 [&](std::uint32_t a, std::uint32_t b) {
                                     return descending ? less(field, b, a) : less(field, a, b);
                                 });
            }
            const RowIds got = sortedRows(*snapshot, review, {field, descending});
            QVERIFY2(std::equal(got.begin(), got.end(), expected.begin(), expected.end()),
                     qPrintable(QStringLiteral("field %1 %2").arg(f).arg(descending)));
        }
    }
}

// Memory held per destination by the snapshot: the goal is 120 bytes
// for the whole table (snapshot, review and orders); the snapshot keeps well
// below it.
void TestGuiModels::replacedRowsAreFreedOffTheGuiThread()
{
    // At 894k destinations, freeing the rows a load replaces (and giving
    // the pages back) held the GUI thread 30-50 ms: it happens on a pool
    // thread. The snapshot's last owner says on which thread it let go.
    DestinationsModel model;
    std::atomic<QThread *> freedOn = nullptr;
    {
        const std::shared_ptr<const DestinationSnapshot> rows
            = DestinationSnapshot::fromRows(sampleRows());
        const std::shared_ptr<const DestinationSnapshot> tracked(
            rows.get(), [keep = rows, &freedOn](const DestinationSnapshot *) mutable {
                freedOn = QThread::currentThread();
                keep.reset();
            });
        model.setLoaded(DestinationsModel::load(tracked, std::make_shared<const MarkIndex>(),
                                                model.loadRequest()));
    }
    QTRY_VERIFY(!model.isBusy());
    QCOMPARE(model.rowCount(), 4); // the default view: external, unreviewed
    QVERIFY(freedOn.load() == nullptr);
    model.setLoaded(DestinationsModel::load(DestinationSnapshot::fromRows(sampleRows()),
                                            std::make_shared<const MarkIndex>(),
                                            model.loadRequest()));
    QTRY_VERIFY(freedOn.load() != nullptr);
    QVERIFY(freedOn.load() != QThread::currentThread());
    QTRY_VERIFY(!model.isBusy());
}

void TestGuiModels::destinationsSnapshotIsCompact()
{
    const std::vector<DestinationRow> rows = manyRows(100000);
    const auto snapshot = DestinationSnapshot::fromRows(rows);
    QCOMPARE(snapshot->size(), rows.size());
    const double perRow = double(snapshot->bytes()) / double(snapshot->size());
    QVERIFY2(perRow <= 100, qPrintable(QString::number(perRow)));
    // And it answers as the rows did.
    DestinationRow back;
    snapshot->fill(4321, back);
    QCOMPARE(back.canonical, rows[4321].canonical);
    QCOMPARE(back.ports, rows[4321].ports);
    QCOMPARE(back.connections, rows[4321].connections);
    QCOMPARE(back.firstNs, rows[4321].firstNs);
    QCOMPARE(snapshot->rowOfId(4322), std::int64_t(4321));

    // Counts past 32 bits (and a damaged case's negative one) turn the
    // connections to 64 bits: every row keeps its own, and sorts by it.
    {
        std::vector<DestinationRow> wide = manyRows(3000);
        wide[1500].connections = 5'000'000'000;
        wide[2000].connections = -3;
        const auto withWide = DestinationSnapshot::fromRows(wide);
        for (std::size_t k = 0; k < wide.size(); ++k)
            QCOMPARE(withWide->connections(k), wide[k].connections);
        const DestinationReview none(*withWide, {});
        const RowIds most = sortedRows(*withWide, none, {DestinationField::Connections, true});
        QCOMPARE(withWide->id(most.front()), std::int64_t(1501));
        QCOMPARE(withWide->id(most.back()), std::int64_t(2001));
    }

    // Ids that are not rows + 1 (a case with gaps): kept, and found by id,
    // ascending (as read from a case) or not (as given here).
    for (const bool ascending : {true, false}) {
        std::vector<DestinationRow> gaps = manyRows(5000);
        for (std::size_t k = 0; k < gaps.size(); ++k)
            gaps[k].id = ascending ? std::int64_t(k) * 3 + 7 : std::int64_t(gaps.size() - k) * 3;
        const auto withGaps = DestinationSnapshot::fromRows(gaps);
        for (const std::size_t k :
             {std::size_t(0), std::size_t(1), std::size_t(2500), gaps.size() - 1}) {
            QCOMPARE(withGaps->id(k), gaps[k].id);
            QCOMPARE(withGaps->rowOfId(gaps[k].id), std::int64_t(k));
            QCOMPARE(withGaps->rowOfId(gaps[k].id + 1), std::int64_t(-1));
        }
        QCOMPARE(withGaps->rowOfId(0), std::int64_t(-1));
    }

    // Address order over both families, with IPv6 addresses that differ only
    // in their last or only in their first bytes: IPv4 first, then bytes.
    std::vector<DestinationRow> mixed = manyRows(3000);
    const char *v6[] = {"2001:db8::2", "2001:db8::1",   "2001:db9::1", "::1",       "::",
                        "ff02::1",     "2001:db8::1:0", "fe80::1",     "::ffff:0:1"};
    for (const char *text : v6)
        mixed.push_back(destination(std::int64_t(mixed.size()) + 1, text, "global", true, 1, 1, 1,
                                    "", std::nullopt, std::nullopt));
    const auto both = DestinationSnapshot::fromRows(mixed);
    const RowIds &order = both->byAddress();
    QCOMPARE(order.size(), mixed.size());
    const auto before = [&](std::uint32_t a, std::uint32_t b) {
        if (both->family(a) != both->family(b))
            return both->family(a) == Family::IPv4;
        return both->address(a).bytes < both->address(b).bytes;
    };
    for (std::size_t k = 1; k < order.size(); ++k)
        QVERIFY2(before(order[k - 1], order[k]),
                 qPrintable(QString::fromStdString(both->canonical(order[k - 1]) + " before "
                                                   + both->canonical(order[k]))));
    QCOMPARE(both->canonical(order.front()), std::string("198.18.0.0"));
    QCOMPARE(both->canonical(order.back()), std::string("ff02::1"));
}

// ---- NavigationHistory -----------------------------------------------------

void TestGuiModels::navigationFollowBackForward()
{
    const Location a {0, 1}, b {1, 7}, c {0, 3}, d {1, 9};
    NavigationHistory history;
    QVERIFY(!history.canGoBack());
    QVERIFY(!history.canGoForward());
    QCOMPARE(history.back(a), std::nullopt);
    QCOMPARE(history.forward(a), std::nullopt);
    QVERIFY(!history.canGoForward()); // a failed Back records nothing

    history.follow(a); // a -> b
    history.follow(b); // b -> c
    QVERIFY(history.canGoBack());
    QCOMPARE(history.back(c), b);
    QVERIFY(history.canGoForward());
    QCOMPARE(history.back(b), a);
    QVERIFY(!history.canGoBack());
    QCOMPARE(history.back(a), std::nullopt);
    QCOMPARE(history.forward(a), b);
    QCOMPARE(history.forward(b), c);
    QVERIFY(!history.canGoForward());
    QCOMPARE(history.back(c), b);

    // Following a link from b forgets the forward path (c).
    history.follow(b); // b -> d
    QVERIFY(!history.canGoForward());
    QCOMPARE(history.forward(d), std::nullopt);
    QCOMPARE(history.back(d), b);
    QCOMPARE(history.back(b), a);
    QVERIFY(!history.canGoBack());

    // Following twice from the same place records it once.
    history.clear();
    history.follow(a);
    history.follow(a);
    QCOMPARE(history.back(b), a);
    QVERIFY(!history.canGoBack());
    history.clear();
    QVERIFY(!history.canGoBack());
    QVERIFY(!history.canGoForward());
}

void TestGuiModels::navigationDepthIsBounded()
{
    NavigationHistory history;
    for (int k = 1; k <= 150; ++k)
        history.follow({k % 2, k});
    // The 100 most recent places are kept, the oldest dropped.
    Location here {0, 151};
    int steps = 0;
    while (const std::optional<Location> previous = history.back(here)) {
        ++steps;
        QCOMPARE(previous->id, std::int64_t(151 - steps));
        here = *previous;
    }
    QCOMPARE(steps, 100);
    QCOMPARE(here.id, std::int64_t(51));
    // All of it can be walked forward again.
    steps = 0;
    while (const std::optional<Location> next = history.forward(here)) {
        ++steps;
        here = *next;
    }
    QCOMPARE(steps, 100);
    QCOMPARE(here.id, std::int64_t(151));
}

// ---- EventsModel -------------------------------------------------------------

void TestGuiModels::eventsPlaceholdersThenPages()
{
    createCase();
    if (QTest::currentTestFailed())
        return;
    EventsModel model(*m_session);
    QAbstractItemModelTester tester(&model, kTesterMode);
    QSignalSpy loaded(&model, &EventsModel::pageLoaded);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setEventIds(m_eventIds);
    QCOMPARE(model.rowCount(), kEventCount);

    // Nothing is there yet: placeholders, and one request per page asked.
    const QString placeholder = QStringLiteral("…");
    QCOMPARE(model.index(0, EventsModel::TimeColumn).data().toString(), placeholder);
    QCOMPARE(model.index(0, EventsModel::OriginColumn).data().toString(), placeholder);
    QCOMPARE(model.index(kEventCount - 1, EventsModel::OriginColumn).data().toString(),
             placeholder);
    QCOMPARE(model.index(255, EventsModel::TimeColumn).data().toString(), placeholder);
    QCOMPARE(model.index(520, EventsModel::TimeColumn).data().toString(), placeholder);
    QCOMPARE(model.pendingPages(), 2); // pages 0 and 2 of 0..2
    QCOMPARE(model.eventAt(1), nullptr);
    QCOMPARE(model.index(7, 0).data(KeyRole).toLongLong(), m_eventIds[7]); // no page needed

    QTRY_COMPARE_WITH_TIMEOUT(model.pendingPages(), 0, 10000);
    QCOMPARE(loaded.count(), 2);
    QList<int> pages = {loaded.at(0).at(0).toInt(), loaded.at(1).at(0).toInt()};
    std::sort(pages.begin(), pages.end());
    QCOMPARE(pages, QList<int>({0, 2}));
    QCOMPARE(changed.count(), 2);

    // The rows are the file's lines, in order.
    for (const int row : {0, 1, 255, 512, kEventCount - 1}) {
        const auto text = [&](int column) {
            return model.index(row, column).data().toString();
        };
        QVERIFY2(
            text(EventsModel::OriginColumn).endsWith(QStringLiteral("events.csv:%1").arg(row + 2)),
            qPrintable(text(EventsModel::OriginColumn)));
        QCOMPARE(text(EventsModel::SourceColumn),
                 QStringLiteral("10.0.0.5 port %1").arg(40000 + row));
        QCOMPARE(text(EventsModel::DestinationColumn), QStringLiteral("93.184.216.34"));
        QCOMPARE(text(EventsModel::PortColumn), QStringLiteral("443"));
        QCOMPARE(text(EventsModel::HostColumn), QStringLiteral("sensor-1"));
        QCOMPARE(model.index(row, EventsModel::TimeColumn).data(SortRole).toLongLong(),
                 1732000000000000000LL + row * 1000000000LL);
        QVERIFY(model.eventAt(row));
        QCOMPARE(model.eventAt(row)->id, m_eventIds[std::size_t(row)]);
    }
    QCOMPARE(model.pendingPages(), 0); // nothing more was asked for

    // Page 1 only when one of its rows is asked for.
    QCOMPARE(model.index(256, EventsModel::OriginColumn).data().toString(), placeholder);
    QCOMPARE(model.pendingPages(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(model.pendingPages(), 0, 10000);
    QCOMPARE(loaded.count(), 3);
    QCOMPARE(loaded.at(2).at(0).toInt(), 1);
    QVERIFY(model.index(256, EventsModel::OriginColumn)
                .data()
                .toString()
                .endsWith(QStringLiteral("events.csv:258")));
}

void TestGuiModels::eventsNewListDropsPagesInFlight()
{
    createCase();
    if (QTest::currentTestFailed())
        return;
    EventsModel model(*m_session);
    QAbstractItemModelTester tester(&model, kTesterMode);
    model.setEventIds(m_eventIds);
    QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("…"));
    QVERIFY(model.pendingPages() > 0);

    // A new list before the page arrives: the old request no longer counts...
    std::vector<std::int64_t> reversed(m_eventIds.rbegin(), m_eventIds.rend());
    reversed.resize(300);
    QSignalSpy loaded(&model, &EventsModel::pageLoaded);
    model.setEventIds(reversed);
    QCOMPARE(model.rowCount(), 300);
    const int asked = model.pendingPages(); // the tester may already ask for page 0
    QVERIFY(asked <= 1);

    // ... and its answer, when it comes, is dropped, not shown as the new list.
    workPool()->waitForDone();
    QTRY_COMPARE_WITH_TIMEOUT(model.pendingPages(), 0, 10000);
    QTest::qWait(50);
    QCOMPARE(loaded.count(), asked);
    model.index(0, 0).data();
    QTRY_COMPARE_WITH_TIMEOUT(model.pendingPages(), 0, 10000);
    QVERIFY2(model.index(0, EventsModel::OriginColumn)
                 .data()
                 .toString()
                 .endsWith(QStringLiteral("events.csv:%1").arg(kEventCount + 1)),
             qPrintable(model.index(0, EventsModel::OriginColumn).data().toString()));
    QVERIFY(model.eventAt(0));
    QCOMPARE(model.eventAt(0)->id, reversed[0]);
    model.index(299, 0).data();
    QTRY_COMPARE_WITH_TIMEOUT(model.pendingPages(), 0, 10000);
    QVERIFY(model.eventAt(299));
    QCOMPARE(model.eventAt(299)->id, reversed[299]);

    // clear() drops pages in flight too.
    model.setEventIds(reversed);
    model.index(299, 0).data();
    QVERIFY(model.pendingPages() > 0);
    loaded.clear();
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.pendingPages(), 0);
    workPool()->waitForDone();
    QTest::qWait(50);
    QCOMPARE(loaded.count(), 0);
}

void TestGuiModels::eventsSurviveClosedSession()
{
    createCase();
    if (QTest::currentTestFailed())
        return;
    EventsModel model(*m_session);
    QAbstractItemModelTester tester(&model, kTesterMode);
    QSignalSpy failed(&model, &EventsModel::loadFailed);
    model.setEventIds(m_eventIds);
    model.index(0, 0).data(); // a page in flight while the case closes
    m_session->close();
    QVERIFY(!m_session->isOpen());
    workPool()->waitForDone();
    QTRY_COMPARE_WITH_TIMEOUT(model.pendingPages(), 0, 10000);

    // No case, no new requests: placeholders only.
    QCOMPARE(model.index(kEventCount - 1, EventsModel::OriginColumn).data().toString(),
             QStringLiteral("…"));
    QCOMPARE(model.pendingPages(), 0);
    model.setEventIds(m_eventIds);
    QCOMPARE(model.index(300, EventsModel::TimeColumn).data().toString(), QStringLiteral("…"));
    QCOMPARE(model.pendingPages(), 0);
    QCOMPARE(failed.count(), 0);
    model.clear();
}

QTEST_MAIN(TestGuiModels)
#include "tst_guimodels.moc"
