// CaseQueries over a small case whose rows are written here with SQL: the
// default filter, --all, ordering, statuses and notes from marks (at once,
// without a re-import), seed rows, rejected rows and sources.

#include <QTemporaryDir>
#include <QTest>

#include "address/addresstext.h"
#include "address/classifier.h"
#include "address/ipaddress.h"
#include "core/text.h"
#include "ingest/importjob.h"
#include "storage/casedatabase.h"
#include "storage/casequeries.h"
#include "storage/eventchunk.h"
#include "storage/marks.h"
#include "storage/sqlite.h"

#include <algorithm>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

using namespace ea;

namespace {

// A destination row as its review shows it, for readable comparisons:
// "address|category|status|connections|note" (ea::test::brief() is the
// import's view: external instead of status and note).
QString reviewed(const DestinationRow &row)
{
    return toQString(row.canonical) + QLatin1Char('|') + toQString(row.category) + QLatin1Char('|')
        + toQString(markStatusId(row.status)) + QLatin1Char('|') + QString::number(row.connections)
        + QLatin1Char('|') + toQString(row.note);
}

QStringList summaries(const RowsResult<DestinationRow> &result)
{
    QStringList out;
    for (const DestinationRow &row : result.value)
        out.append(reviewed(row));
    if (!result.ok())
        out.append(QStringLiteral("error.message(): ") + result.error.message());
    return out;
}

QStringList seeds(const RowsResult<SeedRow> &result)
{
    QStringList out;
    for (const SeedRow &row : result.value) {
        out.append(toQString(row.expandedAddress) + QLatin1Char(',') + toQString(row.dstAddr)
                   + QLatin1Char(',') + toQString(row.processKey));
    }
    if (!result.ok())
        out.append(QStringLiteral("error.message(): ") + result.error.message());
    return out;
}

// Writes rows the way an import would, with bound values.
class CaseBuilder
{
public:
    explicit CaseBuilder(SqliteDb &db)
        : m_db(db)
    { }

    std::int64_t destination(std::string_view text)
    {
        const ParseResult parsed = parseAddress(text);
        const Classification c = Classifier::instance().classify(parsed.address);
        Statement s(m_db,
                    "INSERT INTO destinations(addr, family, canonical, expanded, category,"
                    " block) VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
        s.bindBlob(1, parsed.address.bytes);
        s.bindInt64(2, parsed.address.family == Family::IPv4 ? 4 : 6);
        s.bindText(3, toString(parsed.address, TextForm::Canonical));
        s.bindText(4, toString(parsed.address, TextForm::Expanded));
        s.bindText(5, categoryId(c.category));
        s.bindText(6, c.block ? c.block->prefix : std::string_view());
        return run(s);
    }

    void stats(std::int64_t destination, std::int64_t connections, std::string_view ports,
               std::optional<std::int64_t> first = std::nullopt,
               std::optional<std::int64_t> last = std::nullopt)
    {
        Statement s(m_db,
                    "INSERT INTO dest_stats(dest_id, connections, processes, hosts,"
                    " first_ns, last_ns, ports) VALUES(?1, ?2, 1, 1, ?3, ?4, ?5)");
        s.bindInt64(1, destination);
        s.bindInt64(2, connections);
        first ? s.bindInt64(3, *first) : s.bindNull(3);
        last ? s.bindInt64(4, *last) : s.bindNull(4);
        s.bindText(5, ports);
        run(s);
    }

    std::int64_t spelling(std::string_view text)
    {
        Statement s(m_db, "INSERT INTO spellings(text) VALUES(?1)");
        s.bindText(1, text);
        return run(s);
    }

    std::int64_t host(std::string_view key)
    {
        Statement s(m_db, "INSERT INTO hosts(key) VALUES(?1)");
        s.bindText(1, key);
        return run(s);
    }

    std::int64_t process(std::int64_t host, std::string_view key)
    {
        Statement s(m_db, "INSERT INTO processes(host_id, key) VALUES(?1, ?2)");
        s.bindInt64(1, host);
        s.bindText(2, key);
        return run(s);
    }

    std::int64_t source(std::string_view path)
    {
        Statement s(m_db,
                    "INSERT INTO sources(path, size, sha256, format, kind, mapping_json,"
                    " imported_at, rows_read, rows_loaded, rows_rejected, rows_skipped,"
                    " times_unset) VALUES(?1, 100, ?2, 'csv', 'connections',"
                    " '{\"dst\":\"dst_addr\"}', 42, 10, 8, 2, 0, 1)");
        s.bindText(1, path);
        s.bindText(2, std::string(path) + "-sha");
        return run(s);
    }

    void event(std::int64_t destination, std::int64_t spelling, std::optional<std::int64_t> process)
    {
        // One chunk per event: what a chunk holds is tst_eventchunk's.
        EventValues e;
        e.set(EventField::Line, ++m_line);
        e.set(EventField::Dest, destination);
        if (process)
            e.set(EventField::Process, *process);
        e.set(EventField::Direction, 1);
        e.set(EventField::Spelling, spelling);
        e.set(EventField::Port, 443);
        EventChunkWriter chunk(m_db);
        if (!chunk.add(m_line, 1, e, {}) || !chunk.flush()) {
            qWarning("CaseBuilder: %s", chunk.errorMessage().c_str());
            m_failed = true;
        }
    }

    void rejected(std::int64_t source, std::int64_t line, std::string_view reason,
                  std::string_view raw)
    {
        Statement s(m_db,
                    "INSERT INTO rejected(source_id, line, reason, raw)"
                    " VALUES(?1, ?2, ?3, ?4)");
        s.bindInt64(1, source);
        s.bindInt64(2, line);
        s.bindText(3, reason);
        s.bindBlob(4, {reinterpret_cast<const std::uint8_t *>(raw.data()), raw.size()});
        run(s);
    }

    bool failed() const { return m_failed; }

private:
    std::int64_t run(Statement &s)
    {
        if (!s.run()) {
            qWarning("insert failed: %s", s.errorMessage().c_str());
            m_failed = true;
        }
        return m_db.lastInsertRowid();
    }

    SqliteDb &m_db;
    std::int64_t m_line = 0;
    bool m_failed = false;
};

} // namespace

class TestCaseQueries : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void destinations_data();
    void destinations();
    void destinationFields();
    void busiestDestinations_data();
    void busiestDestinations();
    void marksTakeEffectAtOnce();
    void seedRows_data();
    void seedRows();
    void rejected();
    void sources();
    void emptyCase();
    void processLabels_data();
    void processLabels();
    void processesOfImportedExports();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<CaseDatabase> m_case;
};

void TestCaseQueries::initTestCase()
{
    QVERIFY(m_dir.isValid());
    CaseDatabase::Result r = CaseDatabase::open(m_dir.filePath(QStringLiteral("q.eacase")),
                                                CaseDatabase::OpenMode::CreateIfMissing);
    QVERIFY2(r.ok(), qPrintable(r.error.message()));
    m_case = std::move(r.database);

    SqliteDb &db = m_case->db();
    Transaction transaction(db);
    CaseBuilder b(db);
    const std::int64_t src1 = b.source("/data/a.csv");
    const std::int64_t src2 = b.source("/data/b.log");

    const std::int64_t google4 = b.destination("8.8.8.8");
    const std::int64_t google6 = b.destination("2001:4860:4860::8888");
    const std::int64_t lan = b.destination("10.0.0.5");
    const std::int64_t cloudflare = b.destination("1.1.1.1");
    const std::int64_t ours = b.destination("2a00:1450::1");
    const std::int64_t quad9 = b.destination("9.9.9.9");
    b.destination("1.0.0.1"); // no stats: counts as 0 connections
    b.stats(google4, 5, "53;443", 1'000, 2'000);
    b.stats(google6, 5, "443");
    b.stats(lan, 9, "445");
    b.stats(cloudflare, 2, "853");
    b.stats(ours, 7, "22");
    b.stats(quad9, 1, "53");

    const std::int64_t h1 = b.host("sensor-1");
    const std::int64_t h2 = b.host("sensor-2");
    const std::int64_t pa = b.process(h1, "uuid-a");
    const std::int64_t pb = b.process(h1, "uuid-b");
    const std::int64_t pa2 = b.process(h2, "uuid-a"); // same key, other host

    const std::int64_t s8 = b.spelling("8.8.8.8");
    const std::int64_t s8mapped = b.spelling("::ffff:8.8.8.8");
    const std::int64_t s6 = b.spelling("2001:4860:4860:0:0:0:0:8888");
    const std::int64_t sLan = b.spelling("10.0.0.5");
    const std::int64_t sOurs = b.spelling("[2a00:1450::1]");
    const std::int64_t s9 = b.spelling("9.9.9.9");
    b.event(google4, s8, pa);
    b.event(google4, s8, pa); // duplicate
    b.event(google4, s8mapped, pa);
    b.event(google4, s8, std::nullopt);
    b.event(google4, s8, pa2); // same output row as (s8, pa)
    b.event(google6, s6, pb);
    b.event(lan, sLan, pa);
    b.event(ours, sOurs, pb);
    b.event(quad9, s9, std::nullopt);

    // Stored out of order on purpose.
    b.rejected(src2, 5, "not an address", "x,y,z");
    b.rejected(src1, 9, "line too long", "\xff\xfe raw");
    b.rejected(src1, 3, "missing field", "a");
    QVERIFY(!b.failed());
    QVERIFY(transaction.commit());

    Marks marks(*m_case);
    QVERIFY(marks.setMark("2a00:1450::/32", MarkStatus::Internal, "our prefix").ok());
    QVERIFY(marks.setMark("9.9.9.9", MarkStatus::Suspicious, "check").ok());
}

void TestCaseQueries::destinations_data()
{
    QTest::addColumn<bool>("all");
    QTest::addColumn<QStringList>("expected");

    // Connections descending, ties by address in BLOB order (IPv4-mapped
    // bytes sort before 2001:…).
    QTest::addRow("default: external, not internal")
        << false
        << QStringList {
               QStringLiteral("8.8.8.8|global|unreviewed|5|"),
               QStringLiteral("2001:4860:4860::8888|global|unreviewed|5|"),
               QStringLiteral("1.1.1.1|global|unreviewed|2|"),
               QStringLiteral("9.9.9.9|global|suspicious|1|check"),
               QStringLiteral("1.0.0.1|global|unreviewed|0|"),
           };
    QTest::addRow("--all") << true
                           << QStringList {
                                  QStringLiteral("10.0.0.5|private|unreviewed|9|"),
                                  QStringLiteral("2a00:1450::1|global|internal|7|our prefix"),
                                  QStringLiteral("8.8.8.8|global|unreviewed|5|"),
                                  QStringLiteral("2001:4860:4860::8888|global|unreviewed|5|"),
                                  QStringLiteral("1.1.1.1|global|unreviewed|2|"),
                                  QStringLiteral("9.9.9.9|global|suspicious|1|check"),
                                  QStringLiteral("1.0.0.1|global|unreviewed|0|"),
                              };
}

void TestCaseQueries::destinations()
{
    QFETCH(bool, all);
    QFETCH(QStringList, expected);
    CaseQueries queries(*m_case);
    QCOMPARE(summaries(queries.destinations({.all = all})), expected);
}

void TestCaseQueries::busiestDestinations_data()
{
    QTest::addColumn<int>("limit");
    QTest::addColumn<QStringList>("expected");
    // Connections: 10.0.0.5 9, 2a00:1450::1 7, 8.8.8.8 and 2001:4860:4860::8888
    // 5, 1.1.1.1 2, 9.9.9.9 1, 1.0.0.1 none. The limit-th row's count is left
    // out, so that no tie is ever cut in two.
    QTest::addRow("limit 1: its count left out") << 1 << QStringList();
    QTest::addRow("limit 2") << 2 << QStringList {QStringLiteral("10.0.0.5")};
    QTest::addRow("limit 3 cuts the tie at 5: none of it")
        << 3 << QStringList {QStringLiteral("10.0.0.5"), QStringLiteral("2a00:1450::1")};
    QTest::addRow("limit 4: the tie whole, its count last") << 4
                                                            << QStringList {
                                                                   QStringLiteral("10.0.0.5"),
                                                                   QStringLiteral("2a00:1450::1"),
                                                               };
    QTest::addRow("limit 5") << 5
                             << QStringList {
                                    QStringLiteral("10.0.0.5"),
                                    QStringLiteral("2a00:1450::1"),
                                    QStringLiteral("2001:4860:4860::8888"),
                                    QStringLiteral("8.8.8.8"),
                                };
    QTest::addRow("past the end: the least count still left out")
        << 100
        << QStringList {
               QStringLiteral("10.0.0.5"),
               QStringLiteral("2a00:1450::1"),
               QStringLiteral("2001:4860:4860::8888"),
               QStringLiteral("8.8.8.8"),
               QStringLiteral("1.1.1.1"),
           };
    QTest::addRow("limit 0") << 0 << QStringList();
}

void TestCaseQueries::busiestDestinations()
{
    QFETCH(int, limit);
    QFETCH(QStringList, expected);
    CaseQueries queries(*m_case);
    const RowsResult<DestinationRow> rows
        = queries.busiestDestinations(CaseQueries::DestinationCount::Connections, limit);
    QVERIFY(rows.ok());
    // Most first; within a count in no promised order (the table sorts them).
    QStringList got;
    std::int64_t previous = std::numeric_limits<std::int64_t>::max();
    for (const DestinationRow &row : rows.value) {
        QVERIFY(row.connections <= previous);
        previous = row.connections;
        got << QString::fromStdString(row.canonical);
        // Fields as the full list has them; marks are not applied.
        QCOMPARE(row.status, MarkStatus::Unreviewed);
    }
    std::sort(got.begin(), got.end());
    std::sort(expected.begin(), expected.end());
    QCOMPARE(got, expected);
}

void TestCaseQueries::destinationFields()
{
    CaseQueries queries(*m_case);
    const RowsResult<DestinationRow> result = queries.destinations({.all = true});
    QVERIFY(result.ok());
    QCOMPARE(result.value.size(), std::size_t(7));

    const DestinationRow &lan = result.value[0];
    QCOMPARE(lan.canonical, std::string("10.0.0.5"));
    QVERIFY(!lan.external);
    QCOMPARE(lan.family, Family::IPv4);
    QVERIFY(lan.address == parseAddress("10.0.0.5").address);

    const DestinationRow &ours = result.value[1];
    QCOMPARE(ours.family, Family::IPv6);
    QVERIFY(ours.external);
    QCOMPARE(ours.markCidr, std::string("2a00:1450::/32"));
    QCOMPARE(ours.expanded, std::string("2a00:1450:0:0:0:0:0:1"));

    const DestinationRow &google = result.value[2];
    QCOMPARE(google.ports, std::string("53;443"));
    QCOMPARE(google.firstNs, std::optional<std::int64_t>(1'000));
    QCOMPARE(google.lastNs, std::optional<std::int64_t>(2'000));
    QCOMPARE(google.processes, std::int64_t(1));
    QCOMPARE(google.hosts, std::int64_t(1));
    QVERIFY(google.markCidr.empty());

    const DestinationRow &noStats = result.value[6];
    QCOMPARE(noStats.connections, std::int64_t(0));
    QVERIFY(!noStats.firstNs.has_value());
    QVERIFY(noStats.ports.empty());
}

void TestCaseQueries::marksTakeEffectAtOnce()
{
    CaseQueries queries(*m_case);
    Marks marks(*m_case);
    QVERIFY(marks.setMark("8.0.0.0/8", MarkStatus::Internal, "odd, but ours").ok());
    QStringList list = summaries(queries.destinations());
    QCOMPARE(list.size(), 4);
    QCOMPARE(list.first(), QStringLiteral("2001:4860:4860::8888|global|unreviewed|5|"));
    QVERIFY(!seeds(queries.seedRows()).join(QLatin1Char(' ')).contains(QStringLiteral("8.8.8.8")));

    // The more specific mark wins over the /8 at once.
    QVERIFY(marks.setMark("8.8.8.8", MarkStatus::KnownSafe, "resolver").ok());
    list = summaries(queries.destinations());
    QCOMPARE(list.first(), QStringLiteral("8.8.8.8|global|known-safe|5|resolver"));

    QVERIFY(marks.removeMark("8.8.8.8").ok());
    QVERIFY(marks.removeMark("8.0.0.0/8").ok());
    QCOMPARE(summaries(queries.destinations()).first(),
             QStringLiteral("8.8.8.8|global|unreviewed|5|"));
}

void TestCaseQueries::seedRows_data()
{
    QTest::addColumn<bool>("all");
    QTest::addColumn<QStringList>("expected");

    const QStringList external = {
        QStringLiteral("8.8.8.8,8.8.8.8,"),
        QStringLiteral("8.8.8.8,8.8.8.8,uuid-a"),
        QStringLiteral("8.8.8.8,::ffff:8.8.8.8,uuid-a"),
        QStringLiteral("2001:4860:4860:0:0:0:0:8888,2001:4860:4860:0:0:0:0:8888,uuid-b"),
        QStringLiteral("9.9.9.9,9.9.9.9,"),
    };
    QTest::addRow("default") << false << external;
    QTest::addRow("--all") << true
                           << (QStringList {
                                   QStringLiteral("10.0.0.5,10.0.0.5,uuid-a"),
                                   QStringLiteral("2a00:1450:0:0:0:0:0:1,[2a00:1450::1],uuid-b"),
                               }
                               + external);
}

void TestCaseQueries::seedRows()
{
    QFETCH(bool, all);
    QFETCH(QStringList, expected);
    CaseQueries queries(*m_case);
    QCOMPARE(seeds(queries.seedRows({.all = all})), expected);

    // A visitor can stop early.
    int seen = 0;
    const Result<void> result
        = queries.forEachSeedRow({.all = all}, [&seen](const SeedRow &) { return ++seen < 2; });
    QVERIFY(result.ok());
    QCOMPARE(seen, 2);
}

void TestCaseQueries::rejected()
{
    CaseQueries queries(*m_case);
    const RowsResult<RejectedRow> result = queries.rejected();
    QVERIFY2(result.ok(), qPrintable(result.error.message()));
    QStringList lines;
    for (const RejectedRow &row : result.value) {
        lines.append(toQString(row.sourcePath) + QLatin1Char(':') + QString::number(row.line)
                     + QStringLiteral(": ") + toQString(row.reason));
    }
    QCOMPARE(lines,
             (QStringList {QStringLiteral("/data/a.csv:3: missing field"),
                           QStringLiteral("/data/a.csv:9: line too long"),
                           QStringLiteral("/data/b.log:5: not an address")}));
    QCOMPARE(result.value[1].raw, std::string("\xff\xfe raw")); // bytes kept as they were
    QCOMPARE(result.value[0].sourceId, std::int64_t(1));
}

void TestCaseQueries::sources()
{
    CaseQueries queries(*m_case);
    const RowsResult<SourceRow> result = queries.sources();
    QVERIFY2(result.ok(), qPrintable(result.error.message()));
    QCOMPARE(result.value.size(), std::size_t(2));
    const SourceRow &a = result.value[0];
    QCOMPARE(a.id, std::int64_t(1));
    QCOMPARE(a.path, std::string("/data/a.csv"));
    QCOMPARE(a.sha256, std::string("/data/a.csv-sha"));
    QCOMPARE(a.kind, std::string("connections"));
    QCOMPARE(a.mappingJson, std::string("{\"dst\":\"dst_addr\"}"));
    QCOMPARE(a.importedAtNs, std::int64_t(42));
    QCOMPARE(a.rowsRead, std::int64_t(10));
    QCOMPARE(a.rowsLoaded, std::int64_t(8));
    QCOMPARE(a.rowsRejected, std::int64_t(2));
    QCOMPARE(a.timesUnset, std::int64_t(1));
    QCOMPARE(result.value[1].path, std::string("/data/b.log"));
    QCOMPARE(m_case->sourceWithSha256("/data/b.log-sha"), std::optional<std::int64_t>(2));
}

void TestCaseQueries::emptyCase()
{
    QTemporaryDir dir;
    CaseDatabase::Result r = CaseDatabase::open(dir.filePath(QStringLiteral("e.eacase")),
                                                CaseDatabase::OpenMode::CreateIfMissing);
    QVERIFY(r.ok());
    CaseQueries queries(*r.database);
    QVERIFY(queries.destinations().ok());
    QVERIFY(queries.destinations().value.empty());
    QVERIFY(queries.seedRows({.all = true}).value.empty());
    QVERIFY(queries.rejected().value.empty());
    QVERIFY(queries.sources().value.empty());
}

void TestCaseQueries::processLabels_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("pid");
    QTest::addColumn<QByteArray>("hostname");
    QTest::addColumn<QByteArray>("hostKey");
    QTest::addColumn<QByteArray>("label");
    QTest::addRow("path, pid and host name")
        << QByteArray("/usr/bin/curl") << QByteArray("curl") << QByteArray("u-1")
        << QByteArray("4242") << QByteArray("web-03") << QByteArray("s-1")
        << QByteArray("/usr/bin/curl (pid 4242) on web-03");
    QTest::addRow("name when no path")
        << QByteArray() << QByteArray("curl") << QByteArray("u-1") << QByteArray("7")
        << QByteArray() << QByteArray("s-1") << QByteArray("curl (pid 7) on s-1");
    QTest::addRow("key alone") << QByteArray() << QByteArray() << QByteArray("u-1") << QByteArray()
                               << QByteArray() << QByteArray() << QByteArray("u-1");
    QTest::addRow("pid is the key")
        << QByteArray() << QByteArray() << QByteArray("4242") << QByteArray("4242") << QByteArray()
        << QByteArray() << QByteArray("4242");
    QTest::addRow("no process") << QByteArray() << QByteArray() << QByteArray() << QByteArray()
                                << QByteArray("db-1") << QByteArray()
                                << QByteArray("(no process) on db-1");
}

void TestCaseQueries::processLabels()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, pid);
    QFETCH(QByteArray, hostname);
    QFETCH(QByteArray, hostKey);
    QFETCH(QByteArray, label);
    ProcessRow row;
    row.path = path.toStdString();
    row.name = name.toStdString();
    row.key = key.toStdString();
    row.pid = pid.toStdString();
    row.hostname = hostname.toStdString();
    row.hostKey = hostKey.toStdString();
    QCOMPARE(QByteArray::fromStdString(processLabel(row)), label);
}

// A connections export names processes by uuid only; the processes and hosts
// exports, imported in either order, turn them into readable labels.
void TestCaseQueries::processesOfImportedExports()
{
    const QString data = QStringLiteral(EA_TEST_DATA_DIR);
    for (const bool detailsFirst : {false, true}) {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        CaseDatabase::Result opened = CaseDatabase::open(dir.filePath(QStringLiteral("c.eacase")),
                                                         CaseDatabase::OpenMode::CreateIfMissing);
        QVERIFY(opened.ok());
        CaseDatabase &db = *opened.database;
        QStringList files = {data + QStringLiteral("/csv_sls_connections.csv"),
                             data + QStringLiteral("/csv_sls_processes.csv"),
                             data + QStringLiteral("/csv_sls_hosts.csv")};
        if (detailsFirst)
            files.move(0, 2);
        for (const QString &file : files) {
            const ImportReport report = ImportJob(db, file).run();
            QVERIFY2(report.imported(), qPrintable(report.error.message()));
        }
        CaseQueries queries(db);
        // 173.138.172.23 is contacted by process 2f3e04e2-… on sensor 757143b0-…
        // (batch-01), which the processes export does not describe.
        const auto other = queries.destinationId(IpAddress::fromV4(0xad8aac17));
        QVERIFY(other.has_value());
        const RowsResult<ProcessRow> otherRows = queries.processesOf(*other);
        QVERIFY(otherRows.ok());
        QCOMPARE(otherRows.value.size(), std::size_t(1));
        QCOMPARE(processLabel(otherRows.value.front()),
                 std::string("2f3e04e2-3297-81d8-1bd2-2f3450035016 on batch-01"));

        // 10.148.65.62 is contacted by e8c78d6d-… = /usr/bin/curl, pid 245292.
        const auto curlDest = queries.destinationId(IpAddress::fromV4(0x0a94413e));
        QVERIFY(curlDest.has_value());
        const RowsResult<ProcessRow> rows = queries.processesOf(*curlDest);
        QVERIFY(rows.ok());
        QVERIFY(!rows.value.empty());
        QCOMPARE(processLabel(rows.value.front()),
                 std::string("/usr/bin/curl (pid 245292) on batch-00"));
        QCOMPARE(rows.value.front().key, std::string("e8c78d6d-7b27-eff6-9585-60a304654177"));
        QVERIFY(rows.value.front().connections >= 1);
    }
}

QTEST_GUILESS_MAIN(TestCaseQueries)
#include "tst_casequeries.moc"
