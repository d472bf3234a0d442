// The drill-down queries of CaseQueries (processes, a process's destinations,
// event details, the quick filter's id sets, destinations by id) and
// Marks::markFor, on a case imported from three small exports whose expected
// values are worked out by hand in the comments.
//
// drilldown_connections.csv, T = 1732000000 s, event k (1-based) at T + k - 1 s:
//   1-2  proc-curl  sensor-a  93.184.216.34          443, 8443
//   3    proc-curl  sensor-a  2606:4700::1111        443
//   4    proc-wget  sensor-a  93.184.216.34          80
//   5    proc-node  sensor-b  ::ffff:93.184.216.34   443 (udp)
//   6    (none)     sensor-b  10.1.2.3               53
//   7    proc-node  sensor-b  10.1.2.3               53
//   8    proc-curl  sensor-a  2606:4700::1111        443
//   9-29 proc-scan  sensor-a  198.51.100.9           120, 119, … 100 (21 ports)

#include <QTemporaryDir>
#include <QTest>

#include "address/addresstext.h"
#include "address/ipaddress.h"
#include "core/text.h"
#include "ingest/importjob.h"
#include "storage/casedatabase.h"
#include "storage/casequeries.h"
#include "storage/marks.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

using namespace ea;

namespace {

constexpr std::int64_t kT = 1'732'000'000'000'000'000;
constexpr std::int64_t kSecond = 1'000'000'000;

QString time(const std::optional<std::int64_t> &ns)
{
    return ns ? QString::number((*ns - kT) / kSecond) : QStringLiteral("-");
}

QString errorLine(const QString &error)
{
    return QStringLiteral("error: ") + error;
}

} // namespace

class TestDrilldownQueries : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void processes();
    void destinationsOfProcess_data();
    void destinationsOfProcess();
    void events();
    void eventsInPages();
    void destinationIdsWith_data();
    void destinationIdsWith();
    void destinationsByIds();
    void markFor();

private:
    // The destination id of an address text, as destinationId() finds it.
    std::int64_t id(std::string_view address);
    // Destination ids as addresses ("93.184.216.34;2606:4700::1111").
    QString addresses(const std::vector<std::int64_t> &ids);

    QTemporaryDir m_dir;
    std::unique_ptr<CaseDatabase> m_case;
    QString m_connections;
};

void TestDrilldownQueries::initTestCase()
{
    QVERIFY(m_dir.isValid());
    CaseDatabase::Result opened = CaseDatabase::open(m_dir.filePath(QStringLiteral("d.eacase")),
                                                     CaseDatabase::OpenMode::CreateIfMissing);
    QVERIFY2(opened.ok(), qPrintable(opened.error.message()));
    m_case = std::move(opened.database);
    const QString data = QStringLiteral(EA_TEST_DATA_DIR);
    m_connections = data + QStringLiteral("/drilldown_connections.csv");
    const QStringList files = {m_connections, data + QStringLiteral("/drilldown_processes.csv"),
                               data + QStringLiteral("/drilldown_hosts.csv")};
    for (const QString &file : files) {
        const ImportReport report = ImportJob(*m_case, file).run();
        QVERIFY2(report.imported(), qPrintable(report.error.message()));
    }
}

std::int64_t TestDrilldownQueries::id(std::string_view address)
{
    const std::optional<std::int64_t> found
        = CaseQueries(*m_case).destinationId(parseAddress(address).address);
    return found.value_or(-1);
}

QString TestDrilldownQueries::addresses(const std::vector<std::int64_t> &ids)
{
    const RowsResult<DestinationRow> rows = CaseQueries(*m_case).destinationsByIds(ids);
    QStringList out;
    for (const DestinationRow &row : rows.value)
        out.append(toQString(row.canonical));
    if (!rows.ok())
        out.append(errorLine(rows.error.message()));
    return out.join(QLatin1Char(';'));
}

// Most external destinations first, then connections: scan has the most
// connections but no external destination (198.51.100.0/24 is documentation).
void TestDrilldownQueries::processes()
{
    const RowsResult<ProcessSummaryRow> result = CaseQueries(*m_case).processes();
    QVERIFY2(result.ok(), qPrintable(result.error.message()));
    QStringList lines;
    for (const ProcessSummaryRow &row : result.value) {
        lines.append(toQString(processLabel(row.process)) + QLatin1Char('|')
                     + QString::number(row.externalDestinations) + QLatin1Char('/')
                     + QString::number(row.destinations) + QLatin1Char('|')
                     + QString::number(row.process.connections) + QLatin1Char('|')
                     + time(row.process.firstNs) + QLatin1Char('-') + time(row.process.lastNs));
    }
    QCOMPARE(lines,
             (QStringList {
                 QStringLiteral("/usr/bin/curl (pid 4242) on web-03|2/2|4|0-7"),
                 QStringLiteral("/usr/bin/node (pid 77) on db-01|1/2|2|4-6"),
                 QStringLiteral("/usr/bin/wget (pid 4343) on web-03|1/1|1|3-3"),
                 QStringLiteral("/opt/My Tools/scan (pid 9) on web-03|0/1|21|8-28"),
             }));
    const ProcessRow &curl = result.value.front().process;
    QVERIFY(curl.processId > 0);
    QCOMPARE(curl.key, std::string("proc-curl"));
    QCOMPARE(curl.name, std::string("curl"));
    QCOMPARE(curl.arguments, std::string("curl https://example.com/"));
    QCOMPARE(curl.user, std::string("1000"));
    QCOMPARE(curl.hostKey, std::string("sensor-a"));
    QCOMPARE(curl.hostname, std::string("web-03"));
}

void TestDrilldownQueries::destinationsOfProcess_data()
{
    QTest::addColumn<QString>("key"); // process key; empty: events naming no process
    QTest::addColumn<QStringList>("expected"); // address|connections|ports|first-last

    // Ties on connections go by address, IPv4 (::ffff:…) before IPv6.
    QTest::addRow("curl") << QStringLiteral("proc-curl")
                          << QStringList {QStringLiteral("93.184.216.34|2|443;8443|0-1"),
                                          QStringLiteral("2606:4700::1111|2|443|2-7")};
    // The ::ffff: spelling is the IPv4 destination.
    QTest::addRow("node") << QStringLiteral("proc-node")
                          << QStringList {QStringLiteral("10.1.2.3|1|53|6-6"),
                                          QStringLiteral("93.184.216.34|1|443|4-4")};
    // 21 ports: the 20 smallest, then the marker, as in dest_stats.
    QTest::addRow("scan, ports truncated")
        << QStringLiteral("proc-scan")
        << QStringList {QStringLiteral("198.51.100.9|21|100;101;102;103;104;105;106;107;108;109;"
                                       "110;111;112;113;114;115;116;117;118;119;\u2026|8-28")};
    QTest::addRow("no process") << QString() << QStringList {QStringLiteral("10.1.2.3|1|53|5-5")};
    QTest::addRow("unknown process") << QStringLiteral("unknown") << QStringList();
}

void TestDrilldownQueries::destinationsOfProcess()
{
    QFETCH(QString, key);
    QFETCH(QStringList, expected);
    CaseQueries queries(*m_case);
    std::int64_t processId = 0;
    if (key == QStringLiteral("unknown")) {
        processId = 1'000'000;
    } else if (!key.isEmpty()) {
        for (const ProcessSummaryRow &row : queries.processes().value) {
            if (toQString(row.process.key) == key)
                processId = row.process.processId;
        }
        QVERIFY(processId > 0);
    }
    const RowsResult<ProcessDestinationRow> result = queries.destinationsOfProcess(processId);
    QVERIFY2(result.ok(), qPrintable(result.error.message()));
    QStringList lines;
    for (const ProcessDestinationRow &row : result.value) {
        lines.append(addresses({row.destinationId}) + QLatin1Char('|')
                     + QString::number(row.connections) + QLatin1Char('|') + toQString(row.ports)
                     + QLatin1Char('|') + time(row.firstNs) + QLatin1Char('-') + time(row.lastNs));
    }
    QCOMPARE(lines, expected);
}

void TestDrilldownQueries::events()
{
    CaseQueries queries(*m_case);
    const RowsResult<std::int64_t> ids = queries.eventIdsOf(id("93.184.216.34"));
    QVERIFY(ids.ok());
    QCOMPARE(ids.value, (std::vector<std::int64_t> {1, 2, 4, 5}));

    // In the order asked for; unknown ids skipped.
    const std::vector<std::int64_t> page = {5, 1, 999, 6, 4};
    const RowsResult<EventDetailRow> result = queries.events(page);
    QVERIFY2(result.ok(), qPrintable(result.error.message()));
    QCOMPARE(result.value.size(), std::size_t(4));
    QCOMPARE(result.value[0].id, std::int64_t(5));
    QCOMPARE(result.value[1].id, std::int64_t(1));
    QCOMPARE(result.value[2].id, std::int64_t(6));
    QCOMPARE(result.value[3].id, std::int64_t(4));

    const EventDetailRow &node = result.value[0];
    QCOMPARE(toQString(node.sourcePath), m_connections);
    QVERIFY(node.sourceId > 0);
    QCOMPARE(node.line, std::int64_t(6)); // the header is line 1
    QCOMPARE(node.tsNs, std::optional<std::int64_t>(kT + 4 * kSecond));
    QCOMPARE(node.hostKey, std::string("sensor-b"));
    QCOMPARE(node.hostname, std::string("db-01"));
    QVERIFY(node.hostId > 0);
    QVERIFY(node.processId > 0);
    QCOMPARE(node.processKey, std::string("proc-node"));
    QCOMPARE(node.processLabel, std::string("/usr/bin/node (pid 77) on db-01"));
    QCOMPARE(node.source, std::string("10.0.0.2"));
    QCOMPARE(node.srcPort, std::optional<std::int64_t>(40004));
    QCOMPARE(node.dstPort, std::optional<std::int64_t>(443));
    QCOMPARE(node.destination, std::string("::ffff:93.184.216.34")); // as written
    QCOMPARE(node.destinationId, id("93.184.216.34"));
    QVERIFY(!node.protocol.empty());
    QCOMPARE(node.direction, 0); // the export has no direction column

    const EventDetailRow &curl = result.value[1];
    QCOMPARE(curl.processLabel, std::string("/usr/bin/curl (pid 4242) on web-03"));
    QCOMPARE(curl.destination, std::string("93.184.216.34"));
    QCOMPARE(curl.tsNs, std::optional<std::int64_t>(kT));
    QCOMPARE(curl.line, std::int64_t(2));
    QVERIFY(curl.protocol != node.protocol); // tcp, udp

    const EventDetailRow &none = result.value[2];
    QCOMPARE(none.processId, std::int64_t(0));
    QVERIFY(none.processKey.empty());
    QVERIFY(none.processLabel.empty());
    QCOMPARE(none.hostname, std::string("db-01"));
    QCOMPARE(none.destination, std::string("10.1.2.3"));

    QCOMPARE(result.value[3].processLabel, std::string("/usr/bin/wget (pid 4343) on web-03"));

    QVERIFY(queries.events({}).ok());
    QVERIFY(queries.events({}).value.empty());
}

// Paging through a destination's list gives every event once, in order.
void TestDrilldownQueries::eventsInPages()
{
    CaseQueries queries(*m_case);
    const RowsResult<std::int64_t> ids = queries.eventIdsOf(id("198.51.100.9"));
    QCOMPARE(ids.value.size(), std::size_t(21));
    std::vector<std::int64_t> seen;
    QStringList ports;
    const std::span<const std::int64_t> all(ids.value);
    for (std::size_t at = 0; at < all.size(); at += 8) {
        const RowsResult<EventDetailRow> page
            = queries.events(all.subspan(at, std::min<std::size_t>(8, all.size() - at)));
        QVERIFY(page.ok());
        for (const EventDetailRow &row : page.value) {
            seen.push_back(row.id);
            ports.append(QString::number(row.dstPort.value_or(-1)));
        }
    }
    QCOMPARE(seen, ids.value);
    QCOMPARE(ports.first(), QStringLiteral("120"));
    QCOMPARE(ports.last(), QStringLiteral("100"));
}

void TestDrilldownQueries::destinationIdsWith_data()
{
    QTest::addColumn<bool>("host"); // false: process
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected"); // addresses in ascending id order

    // Destination ids follow first appearance: 93.184.216.34, 2606:4700::1111,
    // 10.1.2.3, 198.51.100.9.
    QTest::addRow("process path, any case")
        << false << QStringLiteral("CURL") << QStringLiteral("93.184.216.34;2606:4700::1111");
    QTest::addRow("process arguments")
        << false << QStringLiteral("server.js") << QStringLiteral("93.184.216.34;10.1.2.3");
    QTest::addRow("process pid") << false << QStringLiteral("4343")
                                 << QStringLiteral("93.184.216.34");
    QTest::addRow("process path with a space")
        << false << QStringLiteral("my tools/") << QStringLiteral("198.51.100.9");
    QTest::addRow("process key, every process")
        << false << QStringLiteral("proc-")
        << QStringLiteral("93.184.216.34;2606:4700::1111;10.1.2.3;198.51.100.9");
    QTest::addRow("process, nothing") << false << QStringLiteral("nothing") << QString();
    QTest::addRow("process, SQL wildcard is literal") << false << QStringLiteral("%") << QString();
    QTest::addRow("host name") << true << QStringLiteral("WEB")
                               << QStringLiteral("93.184.216.34;2606:4700::1111;198.51.100.9");
    QTest::addRow("host key") << true << QStringLiteral("sensor-b")
                              << QStringLiteral("93.184.216.34;10.1.2.3");
    QTest::addRow("host, nothing") << true << QStringLiteral("web-04") << QString();
}

void TestDrilldownQueries::destinationIdsWith()
{
    QFETCH(bool, host);
    QFETCH(QString, text);
    QFETCH(QString, expected);
    CaseQueries queries(*m_case);
    const QByteArray utf8 = text.toUtf8();
    const std::string_view view(utf8.constData(), std::size_t(utf8.size()));
    const RowsResult<std::int64_t> ids
        = host ? queries.destinationIdsWithHost(view) : queries.destinationIdsWithProcess(view);
    QVERIFY2(ids.ok(), qPrintable(ids.error.message()));
    QVERIFY(std::is_sorted(ids.value.begin(), ids.value.end()));
    QCOMPARE(addresses(ids.value), expected);
}

void TestDrilldownQueries::destinationsByIds()
{
    CaseQueries queries(*m_case);
    Marks marks(*m_case);
    QVERIFY(marks.setMark("93.184.216.0/24", MarkStatus::Suspicious, "cdn?").ok());
    const std::vector<std::int64_t> ids = {id("10.1.2.3"), 12'345, id("93.184.216.34")};
    const RowsResult<DestinationRow> result = queries.destinationsByIds(ids);
    QVERIFY2(result.ok(), qPrintable(result.error.message()));
    QCOMPARE(result.value.size(), std::size_t(2));

    // Each row as destinations({.all = true}) has it.
    const RowsResult<DestinationRow> all = queries.destinations({.all = true});
    QVERIFY(all.ok());
    for (const DestinationRow &row : result.value) {
        const auto same = std::find_if(all.value.begin(), all.value.end(),
                                       [&row](const DestinationRow &r) { return r.id == row.id; });
        QVERIFY(same != all.value.end());
        QCOMPARE(row.canonical, same->canonical);
        QCOMPARE(row.connections, same->connections);
        QCOMPARE(row.ports, same->ports);
        QCOMPARE(row.status, same->status);
        QCOMPARE(row.processes, same->processes);
        QCOMPARE(row.hosts, same->hosts);
        QCOMPARE(row.firstNs, same->firstNs);
        QCOMPARE(row.external, same->external);
    }
    const DestinationRow &lan = result.value[0];
    QCOMPARE(lan.canonical, std::string("10.1.2.3"));
    QCOMPARE(lan.category, std::string("private"));
    QCOMPARE(lan.connections, std::int64_t(2));
    QCOMPARE(lan.status, MarkStatus::Unreviewed);
    const DestinationRow &web = result.value[1];
    QCOMPARE(web.canonical, std::string("93.184.216.34"));
    QCOMPARE(web.connections, std::int64_t(4));
    QCOMPARE(web.ports, std::string("80;443;8443"));
    QCOMPARE(web.processes, std::int64_t(3));
    QCOMPARE(web.hosts, std::int64_t(2));
    QCOMPARE(web.status, MarkStatus::Suspicious);
    QCOMPARE(web.note, std::string("cdn?"));
    QCOMPARE(web.markCidr, std::string("93.184.216.0/24"));
    QCOMPARE(web.family, Family::IPv4);

    QVERIFY(marks.removeMark("93.184.216.0/24").ok());
    QCOMPARE(queries.destinationsByIds(ids).value[1].status, MarkStatus::Unreviewed);
    QVERIFY(queries.destinationsByIds({}).value.empty());
}

// markFor is exact: a containing or contained block is not the mark of a
// block (undo restores exactly what was there).
void TestDrilldownQueries::markFor()
{
    Marks marks(*m_case);
    QVERIFY(marks.setMark("93.184.216.0/24", MarkStatus::KnownSafe, "cdn").ok());
    QVERIFY(marks.setMark("2606:4700::/32", MarkStatus::Suspicious, "").ok());

    const Result<std::optional<Mark>> found
        = marks.markFor(Marks::parseTarget("93.184.216.0/24").cidr);
    QVERIFY(found.ok());
    const std::optional<Mark> &mark = found.value;
    QVERIFY(mark.has_value());
    QCOMPARE(mark->status, MarkStatus::KnownSafe);
    QCOMPARE(mark->note, std::string("cdn"));
    QCOMPARE(mark->cidrText, std::string("93.184.216.0/24"));
    QCOMPARE(mark->cidr, Marks::parseTarget("93.184.216.0/24").cidr);
    QVERIFY(mark->createdAtNs > 0);

    // The IPv4-mapped spelling of the same block.
    Cidr mapped;
    mapped.network = parseAddress("::ffff:93.184.216.0").address;
    mapped.prefixLength = 120;
    QVERIFY(marks.markFor(mapped).value.has_value());

    QVERIFY(!marks.markFor(Marks::parseTarget("93.184.216.34").cidr).value.has_value()); // inside
    QVERIFY(!marks.markFor(Marks::parseTarget("93.184.0.0/16").cidr).value.has_value()); // around
    const std::optional<Mark> v6 = marks.markFor(Marks::parseTarget("2606:4700::/32").cidr).value;
    QVERIFY(v6.has_value());
    QCOMPARE(v6->status, MarkStatus::Suspicious);

    QVERIFY(marks.removeMark("93.184.216.0/24").ok());
    QVERIFY(!marks.markFor(Marks::parseTarget("93.184.216.0/24").cidr).value.has_value());
    QVERIFY(marks.removeMark("2606:4700::/32").ok());
}

QTEST_GUILESS_MAIN(TestDrilldownQueries)
#include "tst_drilldownqueries.moc"
