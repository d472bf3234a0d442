// Sources for network-sensor data: a record that names no host and no
// process (Zeek, Suricata, flows, firewall logs) has its local address as its
// host, so that destinations count who talked to them, the Processes tab
// lists sources, and source: filters by address or block.
//
// sources_connections.csv (hand-written; T = 2024-11-19T07:06:40Z):
//   1  10.0.0.5          -> 8.8.8.8:53   60/120 bytes
//   2  ::ffff:10.0.0.5   -> 8.8.8.8:53   70/130 bytes (the same source)
//   3  10.0.0.6          -> 8.8.8.8:443
//   4  10.0.0.6          -> 1.1.1.1:443
//   5  192.168.1.9       -> 1.1.1.1:80
//   6  2001:db8:1::7     -> 2606:4700::1111:443
//   7  10.0.0.5 on sensor-a -> 9.9.9.9:443  (names a host: that host)
//   8  10.0.0.7 pid 4242    -> 9.9.9.9:443  (names a process: no source host)
//   9  not-an-address       -> 9.9.9.9:443  (no address: no host)
// sources_hosts.csv names 10.0.0.5 ws-01 and ::ffff:10.0.0.6 build-07.

#include <QTemporaryDir>
#include <QTest>

#include "address/cidr.h"
#include "address/ipaddress.h"
#include "core/text.h"
#include "ingest/importjob.h"
#include "review/destinationfilter.h"
#include "storage/casedatabase.h"
#include "storage/casequeries.h"
#include "storage/sqlite.h"

#include <memory>
#include <string>

using namespace ea;

class TestNetworkSources : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void sourcesAreHosts();
    void destinationsCountTheirSources();
    void processesListsSources();
    void destinationsOfASource();
    void destinationIdsWithSource_data();
    void destinationIdsWithSource();
    void sourceFilterTerms_data();
    void sourceFilterTerms();

private:
    [[nodiscard]] QString addresses(const std::vector<std::int64_t> &ids);
    [[nodiscard]] std::int64_t hostId(const char *key);

    QTemporaryDir m_dir;
    std::unique_ptr<CaseDatabase> m_case;
};

void TestNetworkSources::initTestCase()
{
    QVERIFY(m_dir.isValid());
    CaseDatabase::Result opened = CaseDatabase::open(m_dir.filePath(QStringLiteral("s.eacase")),
                                                     CaseDatabase::OpenMode::CreateIfMissing);
    QVERIFY2(opened.ok(), qPrintable(opened.error.message()));
    m_case = std::move(opened.database);
    const QString data = QStringLiteral(EA_TEST_DATA_DIR);
    for (const char *file : {"/sources_connections.csv", "/sources_hosts.csv"}) {
        const ImportReport report = ImportJob(*m_case, data + QLatin1String(file)).run();
        QVERIFY2(report.imported(), qPrintable(report.error.message()));
        QCOMPARE(report.counts.rejected, std::int64_t(0));
    }
}

QString TestNetworkSources::addresses(const std::vector<std::int64_t> &ids)
{
    const RowsResult<DestinationRow> rows = CaseQueries(*m_case).destinationsByIds(ids);
    QStringList out;
    for (const DestinationRow &row : rows.value)
        out.append(toQString(row.canonical));
    return out.join(QLatin1Char(';'));
}

std::int64_t TestNetworkSources::hostId(const char *key)
{
    Statement s(m_case->db(), "SELECT id FROM hosts WHERE key = ?1");
    s.bindText(1, key);
    return s.step() == Statement::Step::Row ? s.columnInt64(0) : -1;
}

// One host per source address however it is spelt; records that name a
// host or a process, or whose local end is no address, add none.
void TestNetworkSources::sourcesAreHosts()
{
    Statement s(m_case->db(), "SELECT key, ifnull(hostname, '') FROM hosts ORDER BY id");
    QStringList hosts;
    while (s.step() == Statement::Step::Row)
        hosts.append(toQString(s.columnText(0)) + QLatin1Char('=') + toQString(s.columnText(1)));
    QCOMPARE(hosts,
             (QStringList {QStringLiteral("10.0.0.5=ws-01"), QStringLiteral("10.0.0.6=build-07"),
                           QStringLiteral("192.168.1.9="), QStringLiteral("2001:db8:1::7="),
                           QStringLiteral("sensor-a=")}));
}

void TestNetworkSources::destinationsCountTheirSources()
{
    const RowsResult<DestinationRow> rows = CaseQueries(*m_case).destinations({.all = true});
    QVERIFY2(rows.ok(), qPrintable(rows.error.message()));
    QStringList got;
    for (const DestinationRow &row : rows.value) {
        got.append(toQString(row.canonical) + QStringLiteral(" hosts ") + QString::number(row.hosts)
                   + QStringLiteral(" processes ") + QString::number(row.processes));
    }
    got.sort();
    QCOMPARE(got,
             (QStringList {QStringLiteral("1.1.1.1 hosts 2 processes 0"),
                           QStringLiteral("2606:4700::1111 hosts 1 processes 0"),
                           QStringLiteral("8.8.8.8 hosts 2 processes 0"),
                           QStringLiteral("9.9.9.9 hosts 1 processes 1")}));
}

// Sources are rows of their own, with the host's statistics and bytes;
// processes come first among equals.
void TestNetworkSources::processesListsSources()
{
    const RowsResult<ProcessSummaryRow> rows = CaseQueries(*m_case).processes();
    QVERIFY2(rows.ok(), qPrintable(rows.error.message()));
    QStringList got;
    for (const ProcessSummaryRow &row : rows.value) {
        const ProcessRow &p = row.process;
        got.append((p.processId > 0 ? QStringLiteral("process ") + toQString(p.pid)
                                    : QStringLiteral("source ") + toQString(p.hostKey))
                   + QLatin1Char(' ') + toQString(p.hostname) + QLatin1Char('|')
                   + QString::number(row.externalDestinations) + QLatin1Char('/')
                   + QString::number(row.destinations) + QLatin1Char('|')
                   + QString::number(p.connections) + QLatin1Char('|')
                   + QString::number(row.bytesOut) + QLatin1Char('/')
                   + QString::number(row.bytesIn));
        QCOMPARE(row.hostId > 0, p.processId == 0);
        QCOMPARE(actorKey(row), p.processId > 0 ? p.processId : -row.hostId);
    }
    QCOMPARE(got,
             (QStringList {
                 QStringLiteral("source 10.0.0.6 build-07|2/2|2|-1/-1"),
                 QStringLiteral("source 10.0.0.5 ws-01|1/1|2|130/250"),
                 QStringLiteral("process 4242 |1/1|1|-1/-1"),
                 QStringLiteral("source 192.168.1.9 |1/1|1|-1/-1"),
                 QStringLiteral("source 2001:db8:1::7 |1/1|1|-1/-1"),
                 QStringLiteral("source sensor-a |1/1|1|-1/-1"),
             }));
}

void TestNetworkSources::destinationsOfASource()
{
    CaseQueries queries(*m_case);
    const std::int64_t host = hostId("10.0.0.6");
    QVERIFY(host > 0);
    const RowsResult<ProcessDestinationRow> rows = queries.destinationsOfProcess(0, host);
    QVERIFY2(rows.ok(), qPrintable(rows.error.message()));
    std::vector<std::int64_t> ids;
    for (const ProcessDestinationRow &row : rows.value)
        ids.push_back(row.destinationId);
    QCOMPARE(addresses(ids), QStringLiteral("1.1.1.1;8.8.8.8"));
    // Every event without a process, whatever its host, without a host id.
    const RowsResult<ProcessDestinationRow> all = queries.destinationsOfProcess(0);
    QCOMPARE(all.value.size(), std::size_t(4));
    QVERIFY(ofActor(-host, 0, host));
    QVERIFY(!ofActor(-host, 0, host + 1));
    QVERIFY(!ofActor(-host, 7, host));
    QVERIFY(ofActor(7, 7, host));
}

void TestNetworkSources::destinationIdsWithSource_data()
{
    QTest::addColumn<QString>("block");
    QTest::addColumn<QString>("expected"); // ascending destination ids, as addresses

    // Destination ids follow first appearance: 8.8.8.8, 1.1.1.1,
    // 2606:4700::1111, 9.9.9.9.
    QTest::newRow("a /24 of IPv4 sources, mapped spellings included") << "10.0.0.0/24"
                                                                      << "8.8.8.8;1.1.1.1;9.9.9.9";
    QTest::newRow("one address") << "10.0.0.6"
                                 << "8.8.8.8;1.1.1.1";
    QTest::newRow("an IPv4-mapped address is the IPv4 source") << "::ffff:10.0.0.5"
                                                               << "8.8.8.8;9.9.9.9";
    QTest::newRow("another block") << "192.168.0.0/16"
                                   << "1.1.1.1";
    QTest::newRow("IPv6") << "2001:db8::/32"
                          << "2606:4700::1111";
    QTest::newRow("nobody") << "172.16.0.0/12"
                            << "";
}

void TestNetworkSources::destinationIdsWithSource()
{
    QFETCH(QString, block);
    QFETCH(QString, expected);
    const CidrResult parsed
        = parseCidr(block.toStdString(), CidrParsing::ClearHostBits, /*allowBareAddress=*/true);
    QVERIFY(parsed.ok());
    const RowsResult<std::int64_t> ids = CaseQueries(*m_case).destinationIdsWithSource(parsed.cidr);
    QVERIFY2(ids.ok(), qPrintable(ids.error.message()));
    QVERIFY(std::is_sorted(ids.value.begin(), ids.value.end()));
    QCOMPARE(addresses(ids.value), expected);
}

void TestNetworkSources::sourceFilterTerms_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("expected"); // matching rows, by address, sorted; or the error

    QTest::newRow("block") << "source:10.0.0.0/24"
                           << "1.1.1.1;8.8.8.8;9.9.9.9";
    QTest::newRow("with a port") << "source:10.0.0.0/24 port:53"
                                 << "8.8.8.8";
    QTest::newRow("two terms: both hold") << "source:10.0.0.6 source:192.168.1.9"
                                          << "1.1.1.1";
    QTest::newRow("host bits cleared") << "source:10.0.0.77/24"
                                       << "1.1.1.1;8.8.8.8;9.9.9.9";
    QTest::newRow("host: matches a source's address text") << "host:192.168.1"
                                                           << "1.1.1.1";
    QTest::newRow("host: matches its name") << "host:build"
                                            << "1.1.1.1;8.8.8.8";
    QTest::newRow("not an address") << "source:web-03"
                                    << "error: source:web-03: a source is an address or a CIDR "
                                       "block (host name, not an address)";
    QTest::newRow("bad prefix") << "source:10.0.0.0/33"
                                << "error: source:10.0.0.0/33: a source is an address or a CIDR "
                                   "block (invalid prefix length)";
    QTest::newRow("no value") << "source:"
                              << "error: source:: the value is missing";
}

void TestNetworkSources::sourceFilterTerms()
{
    QFETCH(QString, filter);
    QFETCH(QString, expected);
    const DestinationFilter parsed = DestinationFilter::parse(filter.toStdString());
    if (!parsed.error().isNull()) {
        QCOMPARE(QStringLiteral("error: ") + parsed.error().message(), expected);
        return;
    }
    QVERIFY(parsed.needsIdSets());
    CaseQueries queries(*m_case);
    const Result<DestinationFilter::IdSets> sets = parsed.readIdSets(queries);
    QVERIFY2(sets.ok(), qPrintable(sets.error.message()));
    const RowsResult<DestinationRow> rows = queries.destinations({.all = true});
    QStringList matched;
    for (const DestinationRow &row : rows.value) {
        if (parsed.matches(row, sets.value))
            matched.append(toQString(row.canonical));
    }
    matched.sort();
    QCOMPARE(matched.join(QLatin1Char(';')), expected);
    // Without its sets, a source: term matches nothing rather than everything.
    for (const DestinationRow &row : rows.value)
        QVERIFY(!parsed.matches(row, {}));
}

QTEST_GUILESS_MAIN(TestNetworkSources)
#include "tst_networksources.moc"
