// The statistics an import keeps in memory and merges (dest_stats,
// process_stats, host_stats) must equal what a GROUP BY over the stored
// events gives, whether a case is filled by one import or several.

#include <QTemporaryDir>
#include <QTest>

#include "ingest/importjob.h"
#include "storage/casedatabase.h"
#include "storage/casequeries.h"
#include "storage/eventidlist.h"
#include "storage/sqlite.h"
#include "testutils.h"

#include <set>
#include <string>

using namespace ea;
using namespace ea::test;

namespace {

// "22;443;…" from the events, as the destinations list shows it.
std::string portsFromEvents(SqliteDb &db, std::int64_t dest)
{
    Statement s(db,
                "SELECT DISTINCT dst_port FROM events WHERE dest_id = ? AND dst_port "
                "IS NOT NULL ORDER BY dst_port");
    s.bindInt64(1, dest);
    std::string text;
    int n = 0;
    while (s.step() == Statement::Step::Row) {
        if (++n > 20) {
            text += ";\xe2\x80\xa6";
            break;
        }
        if (!text.empty())
            text += ';';
        text += std::to_string(s.columnInt64(0));
    }
    return text;
}

} // namespace

class TestImportStats : public QObject
{
    Q_OBJECT

private slots:
    void matchesEvents_data();
    void matchesEvents();
    void eventIdListRoundTrip();
    void eventIdListRejectsDamage_data();
    void eventIdListRejectsDamage();
};

void TestImportStats::matchesEvents_data()
{
    QTest::addColumn<QStringList>("imports"); // one import per entry, files joined by '|'
    const QString sample = QStringLiteral(EA_SOURCE_DIR "/resources/sample/");
    const QString data = QStringLiteral(EA_TEST_DATA_DIR "/");
    const QString connections = sample + QStringLiteral("connections.csv");
    const QString details
        = sample + QStringLiteral("processes.csv|") + sample + QStringLiteral("hosts.csv");
    const QString fixture = data + QStringLiteral("csv_sls_connections.csv");
    QTest::addRow("one import") << QStringList {connections};
    QTest::addRow("two files, one after the other") << QStringList {connections, fixture};
    QTest::addRow("same file twice (forced)") << QStringList {connections, connections};
    QTest::addRow("details first") << QStringList {details, connections, fixture};
    QTest::addRow("zeek and csv") << QStringList {data + QStringLiteral("zeek_conn.log"),
                                                  connections};
}

void TestImportStats::matchesEvents()
{
    QFETCH(QStringList, imports);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    CaseDatabase::Result opened = CaseDatabase::open(dir.filePath(QStringLiteral("c.eacase")),
                                                     CaseDatabase::OpenMode::CreateIfMissing);
    QVERIFY(opened.ok());
    CaseDatabase &c = *opened.database;
    for (const QString &files : imports) {
        for (const QString &file : files.split(QLatin1Char('|'))) {
            ImportOptions options;
            options.force = true;
            const ImportReport report = ImportJob(c, file, options).run();
            QVERIFY2(report.imported(), qPrintable(report.error.message()));
        }
    }
    SqliteDb &db = c.db();
    QVERIFY(scalar(db, "SELECT count(*) FROM events") > 0);

    // Every destination with events has exactly the statistics of its events.
    QCOMPARE(scalar(db, "SELECT count(*) FROM (SELECT DISTINCT dest_id FROM events)"),
             scalar(db, "SELECT count(*) FROM dest_stats"));
    QCOMPARE(scalar(db,
                    "SELECT count(*) FROM (SELECT dest_id, count(*) AS c, "
                    "count(DISTINCT process_id) AS p, count(DISTINCT host_id) AS h, "
                    "min(ts_ns) AS f, max(ts_ns) AS l FROM events GROUP BY dest_id) AS x "
                    "LEFT JOIN dest_stats AS s ON s.dest_id = x.dest_id "
                    "WHERE s.connections IS NOT x.c OR s.processes IS NOT x.p "
                    "OR s.hosts IS NOT x.h OR s.first_ns IS NOT x.f OR s.last_ns IS NOT x.l"),
             std::int64_t(0));
    Statement dests(db, "SELECT dest_id, ports FROM dest_stats");
    while (dests.step() == Statement::Step::Row) {
        const std::int64_t dest = dests.columnInt64(0);
        QCOMPARE(std::string(dests.columnText(1)), portsFromEvents(db, dest));
    }

    const char *actorCheck[] = {
        "SELECT count(*) FROM (SELECT e.process_id AS id, count(*) AS c, "
        "count(DISTINCT e.dest_id) AS d, count(DISTINCT CASE WHEN t.category IN "
        "('global', 'teredo', '6to4') THEN e.dest_id END) AS x, min(e.ts_ns) AS f, "
        "max(e.ts_ns) AS l FROM events AS e JOIN destinations AS t ON t.id = e.dest_id "
        "WHERE e.process_id IS NOT NULL GROUP BY e.process_id) AS a "
        "LEFT JOIN process_stats AS s ON s.process_id = a.id WHERE s.connections IS NOT a.c "
        "OR s.destinations IS NOT a.d OR s.external_destinations IS NOT a.x "
        "OR s.first_ns IS NOT a.f OR s.last_ns IS NOT a.l",
        "SELECT count(*) FROM (SELECT e.host_id AS id, count(*) AS c, "
        "count(DISTINCT e.dest_id) AS d, count(DISTINCT CASE WHEN t.category IN "
        "('global', 'teredo', '6to4') THEN e.dest_id END) AS x, min(e.ts_ns) AS f, "
        "max(e.ts_ns) AS l FROM events AS e JOIN destinations AS t ON t.id = e.dest_id "
        "WHERE e.host_id IS NOT NULL GROUP BY e.host_id) AS a "
        "LEFT JOIN host_stats AS s ON s.host_id = a.id WHERE s.connections IS NOT a.c "
        "OR s.destinations IS NOT a.d OR s.external_destinations IS NOT a.x "
        "OR s.first_ns IS NOT a.f OR s.last_ns IS NOT a.l",
    };
    for (const char *sql : actorCheck)
        QCOMPARE(scalar(db, sql), std::int64_t(0));
    // Each destination's event list is exactly its events, ascending.
    QCOMPARE(scalar(db, "SELECT count(*) FROM dest_events"),
             scalar(db, "SELECT count(*) FROM dest_stats"));
    CaseQueries queries(c);
    Statement lists(db, "SELECT dest_id, events, last_id FROM dest_events");
    Statement byDest(db, "SELECT id FROM events WHERE dest_id = ? ORDER BY id");
    while (lists.step() == Statement::Step::Row) {
        const std::int64_t dest = lists.columnInt64(0);
        std::vector<std::int64_t> expected;
        byDest.bindInt64(1, dest);
        while (byDest.step() == Statement::Step::Row)
            expected.push_back(byDest.columnInt64(0));
        byDest.reset();
        const RowsResult<std::int64_t> ids = queries.eventIdsOf(dest);
        QVERIFY2(ids.ok(), qPrintable(ids.error.message()));
        QCOMPARE(ids.value, expected);
        QCOMPARE(lists.columnInt64(1), std::int64_t(expected.size()));
        QCOMPARE(lists.columnInt64(2), expected.back());
    }

    QCOMPARE(scalar(db, "SELECT count(*) FROM process_stats"),
             scalar(db, "SELECT count(DISTINCT process_id) FROM events"));
    QCOMPARE(scalar(db, "SELECT count(*) FROM host_stats"),
             scalar(db, "SELECT count(DISTINCT host_id) FROM events"));
}

void TestImportStats::eventIdListRoundTrip()
{
    const std::vector<std::int64_t> ids = {1, 2, 3, 130, 131, 20000, 1LL << 40, (1LL << 62) + 7};
    std::string bytes;
    std::int64_t previous = 0;
    for (std::int64_t id : ids) {
        EventIdList::append(bytes, previous, id);
        previous = id;
    }
    // Small gaps take one byte each.
    QCOMPARE(bytes.substr(0, 3), std::string("\x01\x01\x01", 3));
    std::vector<std::int64_t> decoded;
    QVERIFY(EventIdList::decode(
        {reinterpret_cast<const std::uint8_t *>(bytes.data()), bytes.size()}, decoded));
    QCOMPARE(decoded, ids);
}

void TestImportStats::eventIdListRejectsDamage_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addRow("unfinished varint") << QByteArray("\x05\x85", 2);
    QTest::addRow("zero gap after the first") << QByteArray("\x05\x00", 2);
    QTest::addRow("more than 64 bits") << QByteArray(10, char(0xff)) + QByteArray(1, 0x01);
}

void TestImportStats::eventIdListRejectsDamage()
{
    QFETCH(QByteArray, bytes);
    std::vector<std::int64_t> ids;
    QVERIFY(!EventIdList::decode(
        {reinterpret_cast<const std::uint8_t *>(bytes.constData()), std::size_t(bytes.size())},
        ids));
}

QTEST_GUILESS_MAIN(TestImportStats)
#include "tst_importstats.moc"
