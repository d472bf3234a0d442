// dest_processes and dest_timeline (case format 2): a busy destination's
// processes are kept per (process, host) at import, and its event ids in time
// order, so that its drill-down reads one row instead of every event. The exports here are
// generated, and what processesOf() must return is counted from the generated rows themselves, then
// held against the event-by-event way (processesOfEvents) field by field.

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include "ingest/importjob.h"
#include "storage/busydestinations.h"
#include "storage/casedatabase.h"
#include "storage/casequeries.h"
#include "storage/destprocesses.h"
#include "storage/eventtimeline.h"
#include "storage/sqlite.h"
#include "testutils.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

using namespace ea;
using namespace ea::test;

namespace {

constexpr std::int64_t kT = 1'732'000'000'000'000'000;
constexpr std::int64_t kSecond = 1'000'000'000;
// Events of a destination with a row from the start, of one that gets its row
// with the second import, and what that import adds.
constexpr int kBusy = int(BusyDestinations::kMinEvents) + 200;
constexpr int kQuiet = int(BusyDestinations::kMinEvents) - 200;
constexpr int kMore = 300;

// One generated connection.
struct Row
{
    std::optional<std::int64_t> ts;
    std::string sensor;
    std::string process; // empty: the row names no process
    std::string destination;
    int port = 0;
    // -1: the row names none.
    std::int64_t bytesOut = -1;
    std::int64_t bytesIn = -1;
};

// `count` rows to `destination`, varied by `salt`: nine processes on three
// sensors, one process with more than DestAgg::kMaxPorts ports, some rows
// without a time or a process, times not in order.
std::vector<Row> rowsTo(const std::string &destination, int count, int salt)
{
    std::vector<Row> rows;
    for (int i = 0; i < count; ++i) {
        const int k = i + salt;
        Row row;
        if (k % 31 != 0)
            row.ts = kT + std::int64_t((k * 7919) % 5000) * kSecond;
        row.sensor = "sensor-" + std::to_string((k / 5) % 3);
        if (k % 23 != 0)
            row.process = "proc-" + std::to_string((k * 7) % 9);
        row.destination = destination;
        row.port = row.process == "proc-0" ? 1000 + (k * 13) % 40 : (k % 2 ? 443 : 53);
        // Bytes on most rows, one side only on some, none on others; proc-8
        // never names any (its sums stay unknown).
        if (row.process != "proc-8" && k % 11 != 0) {
            row.bytesOut = k % 7 == 0 ? -1 : std::int64_t(k % 1000) * 3;
            row.bytesIn = std::int64_t(k % 997) * 5;
        }
        rows.push_back(row);
    }
    return rows;
}

QByteArray csv(const std::vector<Row> &rows)
{
    QByteArray out = "unix_nano_timestamp,sensor_id,process_uuid,src_addr,src_port,dst_addr,"
                     "dst_port,protocol,bytes_out,bytes_in\n";
    int line = 0;
    for (const Row &row : rows) {
        out += (row.ts ? QByteArray::number(qlonglong(*row.ts)) : QByteArray()) + ','
            + QByteArray::fromStdString(row.sensor) + ',' + QByteArray::fromStdString(row.process)
            + ",10.0.0.1," + QByteArray::number(40000 + line++ % 20000) + ','
            + QByteArray::fromStdString(row.destination) + ',' + QByteArray::number(row.port)
            + ",6," + (row.bytesOut >= 0 ? QByteArray::number(qlonglong(row.bytesOut)) : "") + ','
            + (row.bytesIn >= 0 ? QByteArray::number(qlonglong(row.bytesIn)) : "") + '\n';
    }
    return out;
}

// "sensor|process|connections|first|last|ports|bytes out|bytes in" per
// (process, host), as
// processesOf() must show them: most connections first, ties in the order
// the processes were first stored (process ids) — so compared as sets here,
// with the order checked separately.
// withBytes false: a case whose events hold no bytes (formats 1 to 3).
QStringList expected(const std::vector<Row> &rows, const std::string &destination, bool withBytes)
{
    struct Group
    {
        std::int64_t connections = 0;
        std::optional<std::int64_t> first, last;
        std::set<int> ports;
        std::int64_t bytesOut = -1, bytesIn = -1;
    };
    std::map<std::pair<std::string, std::string>, Group> groups;
    for (const Row &row : rows) {
        if (row.destination != destination)
            continue;
        Group &g = groups[{row.sensor, row.process}];
        ++g.connections;
        if (row.ts) {
            g.first = g.first ? std::min(*g.first, *row.ts) : *row.ts;
            g.last = g.last ? std::max(*g.last, *row.ts) : *row.ts;
        }
        g.ports.insert(row.port);
        if (!withBytes)
            continue;
        if (row.bytesOut >= 0)
            g.bytesOut = std::max<std::int64_t>(g.bytesOut, 0) + row.bytesOut;
        if (row.bytesIn >= 0)
            g.bytesIn = std::max<std::int64_t>(g.bytesIn, 0) + row.bytesIn;
    }
    QStringList out;
    for (const auto &[key, g] : groups) {
        QStringList ports;
        for (const int port : g.ports) {
            if (ports.size() == 20) {
                ports.append(QStringLiteral("…"));
                break;
            }
            ports.append(QString::number(port));
        }
        out.append(QStringLiteral("%1|%2|%3|%4|%5|%6|%7|%8")
                       .arg(QString::fromStdString(key.first), QString::fromStdString(key.second))
                       .arg(g.connections)
                       .arg(g.first ? QString::number(*g.first) : QStringLiteral("-"),
                            g.last ? QString::number(*g.last) : QStringLiteral("-"),
                            ports.join(QLatin1Char(';')))
                       .arg(g.bytesOut)
                       .arg(g.bytesIn));
    }
    out.sort();
    return out;
}

QStringList shown(const std::vector<ProcessRow> &rows)
{
    QStringList out;
    for (const ProcessRow &row : rows) {
        out.append(QStringLiteral("%1|%2|%3|%4|%5|%6|%7|%8")
                       .arg(QString::fromStdString(row.hostKey), QString::fromStdString(row.key))
                       .arg(row.connections)
                       .arg(row.firstNs ? QString::number(*row.firstNs) : QStringLiteral("-"),
                            row.lastNs ? QString::number(*row.lastNs) : QStringLiteral("-"),
                            QString::fromStdString(row.ports))
                       .arg(row.bytesOut)
                       .arg(row.bytesIn));
    }
    return out;
}

// Every field of two results, in order.
QStringList full(const std::vector<ProcessRow> &rows)
{
    QStringList out = shown(rows);
    for (int k = 0; k < out.size(); ++k)
        out[k] += QStringLiteral("|%1").arg(rows[std::size_t(k)].processId);
    return out;
}

} // namespace

class TestDestProcesses : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void encodeDecodeRoundTrip();
    void decodeRefusesDamagedBytes_data();
    void decodeRefusesDamagedBytes();
    void timelineRoundTrip();
    void timelineRefusesDamagedBytes_data();
    void timelineRefusesDamagedBytes();
    void busyDestinationsGetARow();
    void laterImportsMerge();
    void formatOneIsReadThenMigrated();
    void formatFiveIsReadThenMigrated();
    void damagedRowIsAnError();

private:
    // Imports `rows` into the case at `path` (created if missing).
    void importRows(const QString &path, const std::vector<Row> &rows, const QString &name);
    // processesOf() of `address` equals the expectation from m_rows (with
    // their bytes unless withBytes is false) and the event-by-event way,
    // field for field.
    void checkDestination(CaseDatabase &database, const std::string &address,
                          bool withBytes = true);
    std::int64_t destinationId(CaseDatabase &database, const std::string &address);

    QTemporaryDir m_dir;
    QString m_case;
    std::vector<Row> m_rows; // every row imported into m_case so far
};

void TestDestProcesses::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_case = m_dir.filePath(QStringLiteral("p.eacase"));
}

void TestDestProcesses::importRows(const QString &path, const std::vector<Row> &rows,
                                   const QString &name)
{
    const QString file = m_dir.filePath(name);
    QVERIFY(writeFile(file, csv(rows)));
    CaseDatabase::Result opened = CaseDatabase::open(path, CaseDatabase::OpenMode::CreateIfMissing);
    QVERIFY2(opened.ok(), qPrintable(opened.error.message()));
    const ImportReport report = ImportJob(*opened.database, file).run();
    QVERIFY2(report.imported(), qPrintable(report.error.message()));
}

std::int64_t TestDestProcesses::destinationId(CaseDatabase &database, const std::string &address)
{
    Statement s(database.db(), "SELECT id FROM destinations WHERE canonical = ?1");
    s.bindText(1, address);
    return s.step() == Statement::Step::Row ? s.columnInt64(0) : -1;
}

void TestDestProcesses::checkDestination(CaseDatabase &database, const std::string &address,
                                         bool withBytes)
{
    const std::int64_t id = destinationId(database, address);
    QVERIFY(id > 0);
    CaseQueries queries(database);
    const RowsResult<ProcessRow> stored = queries.processesOf(id);
    QVERIFY2(stored.ok(), qPrintable(stored.error.message()));
    QStringList sorted = shown(stored.value);
    sorted.sort();
    QCOMPARE(sorted, expected(m_rows, address, withBytes));
    // Most connections first.
    QVERIFY(std::is_sorted(
        stored.value.begin(), stored.value.end(),
        [](const ProcessRow &a, const ProcessRow &b) { return a.connections > b.connections; }));
    const RowsResult<ProcessRow> events = queries.processesOfEvents(id);
    QVERIFY2(events.ok(), qPrintable(events.error.message()));
    QCOMPARE(full(stored.value), full(events.value));

    // The events in time order, untimed last, ties by id: as SQL sorts them.
    std::vector<std::int64_t> byTime;
    Statement s(database.db(),
                "SELECT id FROM events WHERE dest_id = ?1"
                " ORDER BY ts_ns IS NULL, ts_ns, id");
    s.bindInt64(1, id);
    while (s.step() == Statement::Step::Row)
        byTime.push_back(s.columnInt64(0));
    // Every generated row to the destination is an event of it.
    QCOMPARE(std::int64_t(byTime.size()),
             std::int64_t(std::count_if(m_rows.begin(), m_rows.end(), [&](const Row &row) {
                 return row.destination == address;
             })));
    const RowsResult<std::int64_t> ids = queries.eventIdsByTime(id);
    QVERIFY2(ids.ok(), qPrintable(ids.error.message()));
    QVERIFY(ids.value == byTime);
    // Not merely the import's order: the generated times are shuffled.
    QVERIFY(!std::is_sorted(byTime.begin(), byTime.end()));
}

void TestDestProcesses::encodeDecodeRoundTrip()
{
    std::vector<DestProcesses::Entry> entries(3);
    entries[0] = {0, 4, {}, {}};
    entries[0].agg.connections = 2; // no time, no ports, no bytes
    entries[1] = {7, 1, {}, {}};
    entries[1].bytes.add(std::numeric_limits<std::int64_t>::max(), 0); // the largest sum
    entries[1].agg.connections = 5;
    entries[1].agg.addTime(-3 * kSecond); // before 1970: zigzag
    entries[1].agg.addTime(kT);
    entries[1].agg.addPort(65535);
    entries[1].agg.addPort(0);
    entries[2] = {7, 2, {}, {}};
    entries[2].agg.connections = 40;
    entries[2].bytes.add(-1, 1234); // only bytes in
    for (int p = 0; p < 30; ++p)
        entries[2].agg.addPort(std::uint16_t(100 + p * 3));
    const std::string bytes = DestProcesses::encode(entries);
    std::vector<DestProcesses::Entry> back;
    const auto span = std::span(reinterpret_cast<const std::uint8_t *>(bytes.data()), bytes.size());
    QVERIFY(DestProcesses::decode(span, 47, back));
    QCOMPARE(back.size(), entries.size());
    for (std::size_t k = 0; k < back.size(); ++k) {
        QCOMPARE(back[k].processId, entries[k].processId);
        QCOMPARE(back[k].hostId, entries[k].hostId);
        QCOMPARE(back[k].agg.connections, entries[k].agg.connections);
        QCOMPARE(back[k].agg.hasTime, entries[k].agg.hasTime);
        QCOMPARE(back[k].agg.firstNs, entries[k].agg.firstNs);
        QCOMPARE(back[k].agg.lastNs, entries[k].agg.lastNs);
        QCOMPARE(back[k].agg.portsText(), entries[k].agg.portsText());
        QCOMPARE(back[k].bytes.out, entries[k].bytes.out);
        QCOMPARE(back[k].bytes.in, entries[k].bytes.in);
    }
    QCOMPARE(back[2].agg.portsText().substr(0, 12), std::string("100;103;106;"));
    QCOMPARE(back[0].bytes.out, -1);
    QCOMPARE(back[1].bytes.out, std::numeric_limits<std::int64_t>::max());
    QCOMPARE(back[2].bytes.in, 1234);
    // A row of format 5 and before (no bytes) still reads, as no bytes.
    const QByteArray old("\x00\x04\x02\x00\x07\x01\x01\x0c\x01\x01\x01", 11);
    back.clear();
    QVERIFY(DestProcesses::decode(
        std::span(reinterpret_cast<const std::uint8_t *>(old.constData()), std::size_t(old.size())),
        3, back, false));
    QCOMPARE(back.size(), std::size_t(2));
    QCOMPARE(back[1].processId, 7);
    QCOMPARE(back[1].agg.connections, 1);
    QCOMPARE(back[1].agg.portsText(), std::string("1;2;3"));
    QCOMPARE(back[1].bytes.out, -1);
    // The sum is part of the check.
    back.clear();
    QVERIFY(!DestProcesses::decode(span, 46, back));
    back.clear();
    QVERIFY(DestProcesses::decode({}, 0, back));
    QVERIFY(back.empty());
}

void TestDestProcesses::decodeRefusesDamagedBytes_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<qlonglong>("connections");
    QTest::addColumn<bool>("withBytes");
    // Rows of format 5 (no bytes): process gap, host, connections, header
    // (ports << 2 | more << 1 | time), …
    QTest::addRow("truncated") << QByteArray("\x01\x01", 2) << 1LL << false;
    QTest::addRow("zero connections") << QByteArray("\x01\x01\x00\x00", 4) << 0LL << false;
    QTest::addRow("pair repeated")
        << QByteArray("\x01\x01\x01\x00\x00\x01\x01\x00", 8) << 2LL << false;
    QTest::addRow("hosts descending")
        << QByteArray("\x01\x02\x01\x00\x00\x01\x01\x00", 8) << 2LL << false;
    QTest::addRow("process id past 2^31")
        << QByteArray("\x80\x80\x80\x80\x08\x00\x01\x00", 8) << 1LL << false;
    QTest::addRow("21 ports") << QByteArray("\x01\x01\x01\x54", 4) << 1LL << false;
    QTest::addRow("more ports with 1 port")
        << QByteArray("\x01\x01\x01\x06\x05", 5) << 1LL << false;
    QTest::addRow("port past 65535")
        << QByteArray("\x01\x01\x01\x04\x80\x80\x04", 7) << 1LL << false;
    QTest::addRow("ports not ascending")
        << QByteArray("\x01\x01\x01\x08\x05\x00", 6) << 1LL << false;
    QTest::addRow("time span past INT64_MAX")
        << QByteArray("\x01\x01\x01\x01\x00\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", 15) << 1LL
        << false;
    QTest::addRow("varint of 11 bytes")
        << QByteArray("\x01\x01\x01\x00\x81\x80\x80\x80\x80\x80\x80\x80\x80\x80\x00", 15) << 1LL
        << false;
    // Rows of format 6: then bytes out + 1 and bytes in + 1.
    QTest::addRow("bytes missing") << QByteArray("\x01\x01\x01\x00", 4) << 1LL << true;
    QTest::addRow("bytes in missing") << QByteArray("\x01\x01\x01\x00\x05", 5) << 1LL << true;
    QTest::addRow("bytes out past 2^63")
        << QByteArray("\x01\x01\x01\x00\x81\x80\x80\x80\x80\x80\x80\x80\x80\x01\x00", 15) << 1LL
        << true;
}

void TestDestProcesses::decodeRefusesDamagedBytes()
{
    QFETCH(QByteArray, bytes);
    QFETCH(qlonglong, connections);
    QFETCH(bool, withBytes);
    std::vector<DestProcesses::Entry> entries;
    QVERIFY(
        !DestProcesses::decode(std::span(reinterpret_cast<const std::uint8_t *>(bytes.constData()),
                                         std::size_t(bytes.size())),
                               connections, entries, withBytes));
}

void TestDestProcesses::timelineRoundTrip()
{
    EventTimeline timeline;
    timeline.timed = {{kT, 9},
                      {-5, 3},
                      {kT, 2},
                      {std::numeric_limits<std::int64_t>::max(), 1},
                      {std::numeric_limits<std::int64_t>::min(), 7}};
    timeline.untimed = {8, 4};
    timeline.sort();
    QCOMPARE(timeline.ids(), (std::vector<std::int64_t> {7, 3, 2, 9, 1, 4, 8}));
    const std::string bytes = timeline.encode();
    EventTimeline back;
    QVERIFY(EventTimeline::decode(
        std::span(reinterpret_cast<const std::uint8_t *>(bytes.data()), bytes.size()), back));
    QVERIFY(back.timed == timeline.timed);
    QVERIFY(back.untimed == timeline.untimed);

    EventTimeline more;
    more.timed = {{0, 12}};
    more.untimed = {5, 11};
    back.merge(std::move(more));
    QCOMPARE(back.ids(), (std::vector<std::int64_t> {7, 3, 12, 2, 9, 1, 4, 5, 8, 11}));
}

void TestDestProcesses::timelineRefusesDamagedBytes_data()
{
    QTest::addColumn<QByteArray>("bytes");
    // timed count, then (zigzag time gap, zigzag id gap) each, then zigzag id gaps.
    QTest::addRow("empty") << QByteArray();
    QTest::addRow("count past the bytes") << QByteArray("\x05\x02\x02", 3);
    QTest::addRow("id 0") << QByteArray("\x01\x02\x00", 3);
    QTest::addRow("time going back") << QByteArray("\x02\x04\x02\x01\x02", 5);
    QTest::addRow("same time, same id") << QByteArray("\x02\x04\x02\x00\x00", 5);
    QTest::addRow("untimed not ascending") << QByteArray("\x00\x04\x01", 3);
    QTest::addRow("truncated varint") << QByteArray("\x01\x82", 2);
}

void TestDestProcesses::timelineRefusesDamagedBytes()
{
    QFETCH(QByteArray, bytes);
    EventTimeline timeline;
    QVERIFY(
        !EventTimeline::decode(std::span(reinterpret_cast<const std::uint8_t *>(bytes.constData()),
                                         std::size_t(bytes.size())),
                               timeline));
}

// Only a destination with BusyDestinations::kMinEvents events or more has
// a row; every destination's processes come out right either way.
void TestDestProcesses::busyDestinationsGetARow()
{
    std::vector<Row> rows = rowsTo("93.184.216.34", kBusy, 0);
    for (const Row &row : rowsTo("2606:4700::1111", kQuiet, 5))
        rows.push_back(row);
    for (const Row &row : rowsTo("1.1.1.1", 4, 9))
        rows.push_back(row);
    // Interleaved, as a real export is.
    std::stable_sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) {
        return a.ts.value_or(0) % 7 < b.ts.value_or(0) % 7;
    });
    importRows(m_case, rows, QStringLiteral("one.csv"));
    m_rows = rows;

    CaseDatabase::Result opened = CaseDatabase::open(m_case, CaseDatabase::OpenMode::ReadOnly);
    QVERIFY2(opened.ok(), qPrintable(opened.error.message()));
    CaseDatabase &database = *opened.database;
    QCOMPARE(scalar(database.db(), "SELECT count(*) FROM dest_processes"), std::int64_t(1));
    QCOMPARE(scalar(database.db(), "SELECT count(*) FROM dest_timeline"), std::int64_t(1));
    QCOMPARE(scalar(database.db(),
                    "SELECT p.connections FROM dest_processes AS p JOIN destinations AS d"
                    " ON d.id = p.dest_id WHERE d.canonical = '93.184.216.34'"),
             std::int64_t(kBusy));
    checkDestination(database, "93.184.216.34");
    checkDestination(database, "2606:4700::1111");
    checkDestination(database, "1.1.1.1");
    // 9 processes × 3 sensors plus the process-less rows of each sensor.
    QCOMPARE(expected(m_rows, "93.184.216.34", true).size(), 30);
}

// A second import merges into a stored row, and a destination that reaches
// the threshold only now gets its earlier events too.
void TestDestProcesses::laterImportsMerge()
{
    std::vector<Row> rows = rowsTo("93.184.216.34", 250, 1000);
    // kQuiet + kMore reaches the threshold.
    for (const Row &row : rowsTo("2606:4700::1111", kMore, 2000))
        rows.push_back(row);
    importRows(m_case, rows, QStringLiteral("two.csv"));
    m_rows.insert(m_rows.end(), rows.begin(), rows.end());

    CaseDatabase::Result opened = CaseDatabase::open(m_case, CaseDatabase::OpenMode::ReadOnly);
    QVERIFY2(opened.ok(), qPrintable(opened.error.message()));
    CaseDatabase &database = *opened.database;
    QCOMPARE(scalar(database.db(), "SELECT count(*) FROM dest_processes"), std::int64_t(2));
    QCOMPARE(scalar(database.db(),
                    "SELECT count(*) FROM dest_timeline AS t JOIN dest_stats AS s"
                    " ON s.dest_id = t.dest_id WHERE s.connections = t.events"),
             std::int64_t(2));
    // Each row covers all of its destination's events.
    QCOMPARE(scalar(database.db(),
                    "SELECT count(*) FROM dest_processes AS p JOIN dest_stats AS s"
                    " ON s.dest_id = p.dest_id WHERE s.connections = p.connections"),
             std::int64_t(2));
    checkDestination(database, "93.184.216.34");
    checkDestination(database, "2606:4700::1111");
    checkDestination(database, "1.1.1.1");
}

// A format 1 case (no dest_processes) is read as it is when opened
// read-only, and gets its rows when opened for writing.
void TestDestProcesses::formatOneIsReadThenMigrated()
{
    const QString old = m_dir.filePath(QStringLiteral("old.eacase"));
    QVERIFY(QFile::copy(m_case, old));
    {
        SqliteDb db;
        QVERIFY(db.open(old.toStdString(), SqliteDb::Access::ReadWrite));
        QVERIFY(db.exec((statsAsFormat4() + eventsAsFormat3Table()
                         + "DROP TABLE source_notes; DROP TABLE dest_processes; DROP TABLE "
                           "dest_timeline; PRAGMA user_version = 1;")
                            .c_str()));
    }
    const QByteArray before = sha256Hex(old);
    {
        CaseDatabase::Result opened = CaseDatabase::open(old, CaseDatabase::OpenMode::ReadOnly);
        QVERIFY2(opened.ok(), qPrintable(opened.error.message()));
        QCOMPARE(opened.database->schemaVersion(), 1);
        checkDestination(*opened.database, "93.184.216.34", false);
    }
    QCOMPARE(sha256Hex(old), before);
    CaseDatabase::Result opened = CaseDatabase::open(old, CaseDatabase::OpenMode::OpenExisting);
    QVERIFY2(opened.ok(), qPrintable(opened.error.message()));
    QCOMPARE(opened.database->schemaVersion(), CaseDatabase::kSchemaVersion);
    QCOMPARE(scalar(opened.database->db(), "SELECT count(*) FROM dest_processes"), std::int64_t(2));
    QCOMPARE(scalar(opened.database->db(), "SELECT count(*) FROM dest_timeline"), std::int64_t(2));
    // The events of formats 1 to 3 held no bytes.
    checkDestination(*opened.database, "93.184.216.34", false);
    checkDestination(*opened.database, "2606:4700::1111", false);
}

// A format 5 case's rows hold no bytes per (process, host): read-only, a busy
// destination shows its processes without bytes; the step to format 6
// rebuilds the rows from the events, with them.
void TestDestProcesses::formatFiveIsReadThenMigrated()
{
    const QString old = m_dir.filePath(QStringLiteral("five.eacase"));
    QVERIFY(QFile::copy(m_case, old));
    {
        SqliteDb db;
        QVERIFY(db.open(old.toStdString(), SqliteDb::Access::ReadWrite));
        QVERIFY(db.exec((asFormat6()
                         + "ALTER TABLE sources DROP COLUMN times_zone_unknown;"
                           "ALTER TABLE processes DROP COLUMN alias_of; PRAGMA user_version = 5;")
                            .c_str()));
        // The rows as format 5 wrote them: each entry without its two byte
        // varints (encoded alone, with its gap as its id and no bytes, an
        // entry ends in 0x00 0x00).
        std::vector<std::pair<std::int64_t, std::string>> rows;
        Statement read(db, "SELECT dest_id, connections, entries FROM dest_processes");
        while (read.step() == Statement::Step::Row) {
            std::vector<DestProcesses::Entry> entries;
            QVERIFY(DestProcesses::decode(read.columnBlob(2), read.columnInt64(1), entries));
            std::string bytes;
            std::int64_t previous = 0;
            for (DestProcesses::Entry e : entries) {
                const std::int64_t id = e.processId;
                e.processId -= previous;
                previous = id;
                e.bytes = {};
                const std::string one = DestProcesses::encode({e});
                QVERIFY(one.size() > 2 && one.substr(one.size() - 2) == std::string(2, '\0'));
                bytes += one.substr(0, one.size() - 2);
            }
            rows.emplace_back(read.columnInt64(0), bytes);
        }
        QCOMPARE(rows.size(), std::size_t(2));
        Statement write(db, "UPDATE dest_processes SET entries = ?2 WHERE dest_id = ?1");
        for (const auto &[dest, bytes] : rows) {
            write.bindInt64(1, dest);
            write.bindBlobStatic(
                2, std::span(reinterpret_cast<const std::uint8_t *>(bytes.data()), bytes.size()));
            QVERIFY(write.run());
        }
    }
    {
        // Read as it is: the busy destination's row, without bytes.
        CaseDatabase::Result opened = CaseDatabase::open(old, CaseDatabase::OpenMode::ReadOnly);
        QVERIFY2(opened.ok(), qPrintable(opened.error.message()));
        QCOMPARE(opened.database->schemaVersion(), 5);
        const RowsResult<ProcessRow> rows
            = CaseQueries(*opened.database)
                  .processesOf(destinationId(*opened.database, "93.184.216.34"));
        QVERIFY2(rows.ok(), qPrintable(rows.error.message()));
        std::int64_t connections = 0;
        for (const ProcessRow &row : rows.value) {
            connections += row.connections;
            QCOMPARE(row.bytesOut, std::int64_t(-1));
            QCOMPARE(row.bytesIn, std::int64_t(-1));
        }
        QCOMPARE(connections,
                 std::int64_t(std::count_if(m_rows.begin(), m_rows.end(), [](const Row &row) {
                     return row.destination == "93.184.216.34";
                 })));
    }
    CaseDatabase::Result opened = CaseDatabase::open(old, CaseDatabase::OpenMode::OpenExisting);
    QVERIFY2(opened.ok(), qPrintable(opened.error.message()));
    QCOMPARE(opened.database->schemaVersion(), CaseDatabase::kSchemaVersion);
    QCOMPARE(scalar(opened.database->db(), "SELECT count(*) FROM dest_processes"), std::int64_t(2));
    checkDestination(*opened.database, "93.184.216.34");
    checkDestination(*opened.database, "2606:4700::1111");
}

// A row that does not decode, or does not add up, is a damaged case: the
// drill-down says so, and an import into it fails and changes nothing.
void TestDestProcesses::damagedRowIsAnError()
{
    const QString path = m_dir.filePath(QStringLiteral("damaged.eacase"));
    const auto damage = [&](const char *sql) {
        QFile::remove(path);
        QVERIFY(QFile::copy(m_case, path));
        SqliteDb db;
        QVERIFY(db.open(path.toStdString(), SqliteDb::Access::ReadWrite));
        QVERIFY(db.exec(sql));
    };
    const auto refused = [](const Error &error) {
        QCOMPARE(error.code(), Error::Code::NotACase);
        QVERIFY2(error.message().contains(QStringLiteral("damaged")), qPrintable(error.message()));
    };
    for (const char *sql : {"UPDATE dest_processes SET entries = x'0101'",
                            "UPDATE dest_processes SET connections = connections + 1"}) {
        damage(sql);
        CaseDatabase::Result opened = CaseDatabase::open(path, CaseDatabase::OpenMode::ReadOnly);
        QVERIFY2(opened.ok(), qPrintable(opened.error.message()));
        const std::int64_t id = destinationId(*opened.database, "93.184.216.34");
        const RowsResult<ProcessRow> result = CaseQueries(*opened.database).processesOf(id);
        QVERIFY(!result.ok());
        refused(result.error);
    }
    // A timeline that decodes but is short, or names an event that is not the
    // destination's (one of 1.1.1.1's in place of one of its own).
    const auto check = [&] {
        CaseDatabase::Result opened = CaseDatabase::open(path, CaseDatabase::OpenMode::ReadOnly);
        QVERIFY2(opened.ok(), qPrintable(opened.error.message()));
        const std::int64_t id = destinationId(*opened.database, "93.184.216.34");
        const RowsResult<std::int64_t> result = CaseQueries(*opened.database).eventIdsByTime(id);
        QVERIFY(!result.ok());
        refused(result.error);
    };
    damage("UPDATE dest_timeline SET entries = x'0001'");
    check();
    damage("SELECT 1"); // a fresh copy, changed below
    {
        SqliteDb db;
        QVERIFY(db.open(path.toStdString(), SqliteDb::Access::ReadWrite));
        Statement read(db, "SELECT dest_id, entries FROM dest_timeline");
        QCOMPARE(read.step(), Statement::Step::Row);
        const std::int64_t dest = read.columnInt64(0);
        EventTimeline timeline;
        QVERIFY(EventTimeline::decode(read.columnBlob(1), timeline));
        read.reset();
        const std::int64_t other
            = scalar(db,
                     "SELECT max(id) FROM events WHERE dest_id ="
                     " (SELECT id FROM destinations WHERE canonical = '1.1.1.1')");
        timeline.timed.front().second = other;
        timeline.sort();
        const std::string bytes = timeline.encode();
        Statement write(db, "UPDATE dest_timeline SET entries = ?1 WHERE dest_id = ?2");
        write.bindBlob(
            1, std::span(reinterpret_cast<const std::uint8_t *>(bytes.data()), bytes.size()));
        write.bindInt64(2, dest);
        QVERIFY(write.run());
    }
    check();
    // A quiet destination whose list names an event that is gone: reported,
    // not shown as an event without a time.
    damage("DELETE FROM event_chunks WHERE first_id = (SELECT max(first_id) FROM event_chunks"
           " WHERE first_id <= (SELECT max(id) FROM events WHERE dest_id ="
           " (SELECT id FROM destinations WHERE canonical = '1.1.1.1')))");
    {
        CaseDatabase::Result opened = CaseDatabase::open(path, CaseDatabase::OpenMode::ReadOnly);
        QVERIFY2(opened.ok(), qPrintable(opened.error.message()));
        const std::int64_t id = destinationId(*opened.database, "1.1.1.1");
        const RowsResult<std::int64_t> result = CaseQueries(*opened.database).eventIdsByTime(id);
        QVERIFY(!result.ok());
        refused(result.error);
    }
    // A dest_stats id far past the destinations is refused, not used to size
    // an array of 2^31 entries.
    {
        damage("UPDATE dest_stats SET dest_id = 2147483000 WHERE dest_id ="
               " (SELECT dest_id FROM dest_stats WHERE connections >= 4096 LIMIT 1)");
        const QString file = m_dir.filePath(QStringLiteral("four.csv"));
        QVERIFY(writeFile(file, csv(rowsTo("93.184.216.34", 20, 4000))));
        const QByteArray untouched = sha256Hex(path);
        CaseDatabase::Result opened
            = CaseDatabase::open(path, CaseDatabase::OpenMode::OpenExisting);
        QVERIFY2(opened.ok(), qPrintable(opened.error.message()));
        const ImportReport report = ImportJob(*opened.database, file).run();
        QVERIFY(!report.imported());
        opened.database.reset();
        QCOMPARE(sha256Hex(path), untouched);
    }
    // An import merging into a damaged row refuses, leaves the case as it
    // was, and names the row that is damaged.
    const QString file = m_dir.filePath(QStringLiteral("three.csv"));
    QVERIFY(writeFile(file, csv(rowsTo("93.184.216.34", 20, 3000))));
    const struct
    {
        const char *sql;
        const char *named;
    } damages[] = {
        {"UPDATE dest_processes SET connections = connections + 1", "process statistics"},
        {"UPDATE dest_timeline SET entries = x'0001'", "event list"},
        {"UPDATE dest_timeline SET events = events - 1", "event list"},
        {"DELETE FROM dest_timeline", "event list"},
        {"DELETE FROM dest_processes", "process statistics"},
    };
    for (const auto &d : damages) {
        damage(d.sql);
        const QByteArray before = sha256Hex(path);
        CaseDatabase::Result opened
            = CaseDatabase::open(path, CaseDatabase::OpenMode::OpenExisting);
        QVERIFY2(opened.ok(), qPrintable(opened.error.message()));
        const ImportReport report = ImportJob(*opened.database, file).run();
        QVERIFY(!report.imported());
        QCOMPARE(report.error.code(), Error::Code::NotACase);
        QVERIFY2(report.error.message().contains(QLatin1String(d.named)),
                 qPrintable(QLatin1String(d.sql) + QStringLiteral(": ") + report.error.message()));
        opened.database.reset();
        QCOMPARE(sha256Hex(path), before);
    }
}

QTEST_GUILESS_MAIN(TestDestProcesses)
#include "tst_destprocesses.moc"
