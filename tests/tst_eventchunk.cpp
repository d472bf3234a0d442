// Events stored as chunks (eventchunk.h) and read back through the `events`
// virtual table (eventstable.h): every value comes back as written, damaged
// bytes are refused without reading past them, the table answers every query
// shape the case uses exactly as an ordinary table holding the same rows, and
// the format 4 migration keeps every event of an older case.

#include <QTemporaryDir>
#include <QTest>

#include "ingest/importjob.h"
#include "storage/casedatabase.h"
#include "storage/eventchunk.h"
#include "storage/eventscan.h"
#include "storage/sqlite.h"
#include "testutils.h"

#include <cstdio>
#include <limits>
#include <random>
#include <string>
#include <vector>

using namespace ea;
using namespace ea::test;

namespace {

constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

struct TestEvent
{
    EventValues values;
    std::string protocol;
};

// Random events: each field null one time in `nullOneIn`, values from small
// gaps to the extremes of int64.
std::vector<TestEvent> randomEvents(std::mt19937_64 &random, std::size_t count, int nullOneIn)
{
    std::vector<TestEvent> events(count);
    for (TestEvent &e : events) {
        for (std::size_t f = 0; f < kEventFieldCount; ++f) {
            if (EventField(f) == EventField::Protocol)
                continue;
            if (nullOneIn > 0 && random() % std::uint64_t(nullOneIn) == 0)
                continue;
            std::int64_t v = 0;
            switch (random() % 4) {
            case 0:
                v = std::int64_t(random() % 100);
                break;
            case 1:
                v = std::int64_t(random());
                break;
            case 2:
                v = random() % 2 ? kMin : kMax;
                break;
            default:
                v = -std::int64_t(random() % 70000);
            }
            // A weight is a count of connections: EventScan refuses a
            // chunk with one an import never writes.
            if (EventField(f) == EventField::Weight)
                v = 1 + std::int64_t(std::uint64_t(v) % std::uint64_t(kMaxEventWeight));
            e.values.set(EventField(f), v);
        }
        // A last time comes with a first one, as imports write them (the
        // events table shows none alone: weightsOutOfRangeAreDamage()).
        if (!(e.values.present & (1u << unsigned(EventField::Time))))
            e.values.present &= ~(1u << unsigned(EventField::LastTime));
        if (random() % 3 != 0) {
            char name[8];
            std::snprintf(name, sizeof name, "p%u", unsigned(random() % 300));
            e.protocol = name;
        }
    }
    return events;
}

std::span<const std::uint8_t> bytesOf(const std::string &s)
{
    return {reinterpret_cast<const std::uint8_t *>(s.data()), s.size()};
}

// Every field of every event decodes to what was added; a protocol past the
// first 256 distinct names of a chunk is null.
void checkDecodes(const std::string &blob, const std::vector<TestEvent> &events)
{
    EventChunkView view;
    QVERIFY(view.parse(bytesOf(blob), std::int64_t(events.size())));
    QCOMPARE(view.count(), events.size());
    std::vector<std::string> names;
    for (std::size_t f = 0; f < kEventFieldCount; ++f) {
        const EventChunkView::Column *column = view.column(EventField(f));
        QVERIFY(column);
        for (std::size_t k = 0; k < events.size(); ++k) {
            const TestEvent &e = events[k];
            if (EventField(f) == EventField::Protocol) {
                if (e.protocol.empty()) {
                    QVERIFY(column->null(k));
                    continue;
                }
                if (std::find(names.begin(), names.end(), e.protocol) == names.end()
                    && names.size() < 256)
                    names.push_back(e.protocol);
                if (std::find(names.begin(), names.end(), e.protocol) == names.end()) {
                    QVERIFY(column->null(k));
                    continue;
                }
                QVERIFY(!column->null(k));
                QCOMPARE(std::string(view.protocol(column->values[k])), e.protocol);
                continue;
            }
            const bool present = e.values.present & (1u << f);
            QCOMPARE(!column->null(k), present);
            if (present)
                QCOMPARE(column->values[k], e.values.value[f]);
        }
    }
}

// Every row of a query as text, "|" between values and NULL spelt out.
QStringList rows(SqliteDb &db, const std::string &sql, QString *error = nullptr)
{
    QStringList out;
    Statement s(db, sql);
    if (!s.isValid()) {
        if (error)
            *error = QString::fromStdString(s.errorMessage());
        return {QStringLiteral("prepare failed: ") + QString::fromStdString(s.errorMessage())};
    }
    Statement::Step step;
    while ((step = s.step()) == Statement::Step::Row) {
        QStringList values;
        for (int c = 0; c < s.columnCount(); ++c)
            values << (s.columnIsNull(c) ? QStringLiteral("NULL") : toQString(s.columnText(c)));
        out << values.join(u'|');
    }
    if (step == Statement::Step::Error) {
        if (error)
            *error = QString::fromStdString(s.errorMessage());
        out << QStringLiteral("error: ") + QString::fromStdString(s.errorMessage());
    }
    return out;
}

constexpr const char *kColumns = "id, source_id, line, ts_ns, host_id, process_id, dest_id, "
                                 "dst_port, protocol, direction, src_spelling_id, src_port, "
                                 "spelling_id, bytes_out, bytes_in, weight, last_ts_ns";

constexpr const char *kTables = R"sql(
CREATE TABLE event_chunks(first_id INTEGER PRIMARY KEY, source_id INTEGER NOT NULL,
  count INTEGER NOT NULL, data BLOB NOT NULL);
CREATE TABLE plain(id INTEGER PRIMARY KEY, source_id INTEGER, line INTEGER, ts_ns INTEGER,
  host_id INTEGER, process_id INTEGER, dest_id INTEGER, dst_port INTEGER, protocol TEXT,
  direction INTEGER, src_spelling_id INTEGER, src_port INTEGER, spelling_id INTEGER,
  bytes_out INTEGER, bytes_in INTEGER, weight INTEGER, last_ts_ns INTEGER);
)sql";

} // namespace

class TestEventChunk : public QObject
{
    Q_OBJECT

private slots:
    void valuesComeBackAsWritten_data();
    void valuesComeBackAsWritten();
    void damagedBytesAreRefused();
    void tableAnswersLikeAnOrdinaryTable();
    void damagedChunkFailsTheQuery();
    void weightsOutOfRangeAreDamage();
    void scanReadsWhatTheTableReads();
    void migrationKeepsEveryEvent();
};

void TestEventChunk::valuesComeBackAsWritten_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("nullOneIn");
    for (const int count : {1, 7, 8, 9, 1000, 1024}) {
        QTest::addRow("%d events, some null", count) << count << 3;
        QTest::addRow("%d events, none null", count) << count << 0;
        QTest::addRow("%d events, all null", count) << count << 1;
    }
}

void TestEventChunk::valuesComeBackAsWritten()
{
    QFETCH(int, count);
    QFETCH(int, nullOneIn);
    std::mt19937_64 random(std::uint64_t(count * 31 + nullOneIn));
    const std::vector<TestEvent> events = randomEvents(random, std::size_t(count), nullOneIn);
    EventChunkEncoder encoder;
    for (const TestEvent &e : events)
        encoder.add(e.values, e.protocol);
    QCOMPARE(encoder.size(), events.size());
    QCOMPARE(encoder.full(), events.size() == kMaxChunkEvents);
    const std::string blob = encoder.finish();
    QCOMPARE(encoder.size(), std::size_t(0));
    checkDecodes(blob, events);
    // The encoder starts afresh: a second chunk does not carry the first's names.
    encoder.add(events[0].values, events[0].protocol);
    checkDecodes(encoder.finish(), {events[0]});
}

void TestEventChunk::damagedBytesAreRefused()
{
    std::mt19937_64 random(7);
    const std::vector<TestEvent> events = randomEvents(random, 40, 3);
    EventChunkEncoder encoder;
    for (const TestEvent &e : events)
        encoder.add(e.values, e.protocol);
    const std::string blob = encoder.finish();
    EventChunkView view;
    QVERIFY(view.parse(bytesOf(blob), 40));
    // Another count, none, too many.
    QVERIFY(!view.parse(bytesOf(blob), 39));
    QVERIFY(!view.parse(bytesOf(blob), 0));
    QVERIFY(!view.parse(bytesOf(blob), std::int64_t(kMaxChunkEvents) + 1));
    QVERIFY(!view.parse({}, 1));
    // A chunk written before a field existed has fewer sections: the missing
    // fields are null. Here one field, the line (5); none or 14 is refused.
    const std::string oneField("\x01\x01\x00\x01\x02\x01\x0a", 7);
    QVERIFY(view.parse(bytesOf(oneField), 1));
    QCOMPARE(view.column(EventField::Line)->values[0], std::int64_t(5));
    QVERIFY(view.column(EventField::BytesIn)->null(0));
    QVERIFY(view.column(EventField::Dest)->null(0));
    for (const char fields : {'\x00', '\x0e'}) {
        std::string other = oneField;
        other[3] = fields;
        QVERIFY(!view.parse(bytesOf(other), 1));
    }
    QVERIFY(view.parse(bytesOf(blob), 40));
    // Every truncation and every extra byte is refused by parse() or by the
    // column it cuts (ASan would see a read past the end).
    const auto allDecode = [&](const std::string &bytes) {
        EventChunkView v;
        if (!v.parse(bytesOf(bytes), 40))
            return false;
        for (std::size_t f = 0; f < kEventFieldCount; ++f) {
            if (!v.column(EventField(f)))
                return false;
        }
        return true;
    };
    for (std::size_t n = 0; n < blob.size(); ++n)
        QVERIFY2(!allDecode(blob.substr(0, n)), qPrintable(QString::number(n)));
    QVERIFY(!allDecode(blob + '\0'));
    // Any byte changed: never a crash, and whatever decodes has one value per event.
    for (std::size_t at = 0; at < blob.size(); ++at) {
        for (const std::uint8_t change : {0x01, 0x80, 0xff}) {
            std::string damaged = blob;
            damaged[at] = char(std::uint8_t(damaged[at]) ^ change);
            EventChunkView v;
            if (!v.parse(bytesOf(damaged), 40))
                continue;
            for (std::size_t f = 0; f < kEventFieldCount; ++f) {
                if (const EventChunkView::Column *c = v.column(EventField(f)))
                    QCOMPARE(c->values.size(), std::size_t(40));
            }
        }
    }
}

void TestEventChunk::tableAnswersLikeAnOrdinaryTable()
{
    SqliteDb db;
    QVERIFY(db.open(":memory:", SqliteDb::Access::ReadWriteCreate));
    QVERIFY(db.exec(kTables));
    // 5000 events of three sources, with gaps in the ids: chunks end at a
    // new source, a gap, or 1024 events.
    std::mt19937_64 random(42);
    const std::vector<TestEvent> events = randomEvents(random, 5000, 4);
    EventChunkWriter writer(db);
    QVERIFY(writer.isValid());
    Statement plain(db,
                    "INSERT INTO plain VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
                    "?13, ?14, ?15, ?16, ?17)");
    std::int64_t id = 10;
    for (std::size_t k = 0; k < events.size(); ++k) {
        id += (k % 700 == 699) ? 5 : 1;
        const std::int64_t source = 1 + std::int64_t(k / 1800);
        TestEvent e = events[k];
        QVERIFY2(writer.add(id, source, e.values, e.protocol), writer.errorMessage().c_str());
        plain.bindInt64(1, id);
        plain.bindInt64(2, source);
        for (std::size_t f = 0; f < kEventFieldCount; ++f) {
            const int index = int(f) + 3;
            if (EventField(f) == EventField::Protocol) {
                e.protocol.empty() ? plain.bindNull(index) : plain.bindText(index, e.protocol);
            } else if (e.values.present & (1u << f)) {
                plain.bindInt64(index, e.values.value[f]);
            } else {
                plain.bindNull(index);
            }
        }
        QVERIFY(plain.run());
    }
    QVERIFY(writer.flush());
    QVERIFY(scalar(db, "SELECT count(*) FROM event_chunks") > 8);
    // Protocol names: each chunk keeps its first 256, so fewer names than a
    // chunk could hold here (300 names over ≤ 1024 events may exceed 256).
    QVERIFY(db.exec("UPDATE plain SET protocol = (SELECT protocol FROM events AS e "
                    "WHERE e.id = plain.id)"));

    const std::string columns = kColumns;
    std::vector<std::string> queries = {
        "SELECT " + columns + " FROM %T ORDER BY id",
        "SELECT " + columns + " FROM %T",
        "SELECT count(*), count(line), min(line), max(ts_ns), total(bytes_in) FROM %T",
        "SELECT dest_id % 7, count(*), count(DISTINCT host_id) FROM %T GROUP BY 1 ORDER BY 1",
        "SELECT id FROM %T WHERE id IN (1, 11, 12, 709, 710, 711, 712, 715, 5100, 99999) ORDER BY "
        "id",
        "SELECT id FROM %T WHERE id IN (715, 12, 12, 1, 5100) ORDER BY id",
        "SELECT count(*) FROM %T WHERE id IN (SELECT id FROM plain WHERE id % 3 = 0)",
        "SELECT id, ts_ns FROM %T WHERE id = 2.0 OR id = 11.0",
        "SELECT id FROM %T WHERE id = 11.5",
        "SELECT id FROM %T WHERE id = '12'",
        "SELECT id FROM %T WHERE id = NULL",
        "SELECT id FROM %T ORDER BY id DESC LIMIT 5",
        "SELECT max(id), min(id) FROM %T",
        "SELECT id, spelling_id FROM %T WHERE source_id = 2 ORDER BY id",
        "SELECT count(*) FROM %T WHERE protocol IS NULL",
    };
    for (const char *bound : {"-9223372036854775808", "0", "10", "11", "709", "710", "712", "1033",
                              "1034", "1035", "5000", "5040", "5041", "9223372036854775807",
                              "710.5", "-1e300", "1e300", "'x'", "NULL"}) {
        for (const char *op : {">", ">="}) {
            queries.push_back(std::string("SELECT id, dest_id FROM %T WHERE id ") + op + " " + bound
                              + " ORDER BY id");
            queries.push_back(std::string("SELECT count(*) FROM %T WHERE id ") + op + " " + bound
                              + " AND id < 3000");
        }
        queries.push_back(std::string("SELECT id, line FROM %T WHERE id = ") + bound);
    }
    for (std::string &q : queries) {
        const auto at = q.find("%T");
        const std::string onPlain = std::string(q).replace(at, 2, "plain");
        const std::string onEvents = std::string(q).replace(at, 2, "events");
        QString error;
        const QStringList expected = rows(db, onPlain);
        const QStringList actual = rows(db, onEvents, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(actual == expected,
                 qPrintable(QString::fromStdString(onEvents) + u'\n' + actual.mid(0, 12).join(u' ')
                            + u'\n' + expected.mid(0, 12).join(u' ')));
    }
    QVERIFY(!rows(db, "SELECT id FROM events ORDER BY id").isEmpty());
    // A join that looks events up by id, and one that must not scan them per row.
    QCOMPARE(rows(db,
                  "SELECT p.id, e.ts_ns FROM plain AS p JOIN events AS e ON e.id = p.id "
                  "WHERE p.id % 97 = 0 ORDER BY p.id"),
             rows(db, "SELECT id, ts_ns FROM plain WHERE id % 97 = 0 ORDER BY id"));
    // The table is read-only.
    QVERIFY(!db.exec("DELETE FROM events"));
    QVERIFY(!db.exec("INSERT INTO events(id) VALUES (1)"));
}

void TestEventChunk::weightsOutOfRangeAreDamage()
{
    // A weight (format 8) is a count of connections, 1 … kMaxEventWeight:
    // anything else is no chunk an import wrote, for SQL and scans alike.
    for (const std::int64_t weight : {std::int64_t(0), std::int64_t(-5), kMaxEventWeight + 1,
                                      std::int64_t(1) << 62, std::int64_t(1), kMaxEventWeight}) {
        SqliteDb db;
        QVERIFY(db.open(":memory:", SqliteDb::Access::ReadWriteCreate));
        QVERIFY(db.exec(kTables));
        EventChunkWriter writer(db);
        EventValues v;
        v.set(EventField::Dest, 3);
        v.set(EventField::Time, 100);
        QVERIFY(writer.add(1, 1, v, {}));
        v.set(EventField::Weight, weight);
        v.set(EventField::LastTime, 200);
        QVERIFY(writer.add(2, 1, v, {}));
        // A last time without a first one (no import writes that) is none.
        EventValues alone;
        alone.set(EventField::Dest, 3);
        alone.set(EventField::LastTime, 300);
        QVERIFY(writer.add(3, 1, alone, {}));
        QVERIFY(writer.flush());
        const bool valid = weight >= 1 && weight <= kMaxEventWeight;
        Statement sum(db,
                      "SELECT sum(ifnull(weight, 1)), max(ifnull(last_ts_ns, ts_ns)) "
                      "FROM events");
        QCOMPARE(sum.step() == Statement::Step::Row, valid);
        if (valid) {
            QCOMPARE(sum.columnInt64(0), weight + 2);
            QCOMPARE(sum.columnInt64(1), std::int64_t(200));
        } else {
            QVERIFY(sum.errorMessage().find("event chunk 1 is damaged") != std::string::npos);
        }
        std::int64_t scanned = 0;
        std::optional<std::int64_t> lastOfThird = 0;
        const Error error = EventScan::run(db, 0, [&](const ScannedEvent &e) {
            scanned += e.weight;
            if (e.id == 3)
                lastOfThird = e.lastTsNs;
            return true;
        });
        QCOMPARE(error.isNull(), valid);
        if (valid) {
            QCOMPARE(scanned, weight + 2);
            QVERIFY(!lastOfThird);
        }
    }
}

void TestEventChunk::damagedChunkFailsTheQuery()
{
    const auto withChunks = [](SqliteDb &db) {
        QVERIFY(db.open(":memory:", SqliteDb::Access::ReadWriteCreate));
        QVERIFY(db.exec(kTables));
        EventChunkWriter writer(db);
        EventValues v;
        v.set(EventField::Dest, 3);
        for (std::int64_t id = 1; id <= 3000; ++id)
            QVERIFY(writer.add(id, 1, v, "tcp"));
        QVERIFY(writer.flush());
        QCOMPARE(scalar(db, "SELECT count(*) FROM events"), std::int64_t(3000));
    };
    struct Damage
    {
        const char *sql;
        const char *message;
    };
    const Damage damages[] = {
        {"UPDATE event_chunks SET data = x'01' WHERE first_id = 1025",
         "event chunk 1025 is damaged"},
        {"UPDATE event_chunks SET count = count + 1 WHERE first_id = 1",
         "event chunk 1 is damaged"},
        {"UPDATE event_chunks SET first_id = 1000 WHERE first_id = 1025",
         "event chunk 1000 is damaged"}, // overlaps the first
        {"UPDATE event_chunks SET first_id = -9223372036854775808 WHERE first_id = 1",
         "event chunk -9223372036854775808 is damaged"},
        {"UPDATE event_chunks SET data = substr(data, 1, length(data) - 1) || x'ff' "
         "WHERE first_id = 2049",
         "event chunk 2049 is damaged"},
    };
    for (const Damage &d : damages) {
        SqliteDb db;
        withChunks(db);
        QVERIFY(db.exec(d.sql));
        QString error;
        (void)rows(db, "SELECT * FROM events", &error);
        QVERIFY2(error.contains(QLatin1String(d.message)),
                 qPrintable(QString::fromUtf8(d.sql) + u": " + error));
    }
    // A seek that lands on a chunk numbered below 1 (UBSan checks the id
    // arithmetic) is refused too.
    SqliteDb db;
    withChunks(db);
    QVERIFY(db.exec("UPDATE event_chunks SET first_id = -9223372036854775808 WHERE first_id = 1"));
    for (const char *sql :
         {"SELECT line FROM events WHERE id = 900", "SELECT count(*) FROM events WHERE id > 900"}) {
        QString error;
        (void)rows(db, sql, &error);
        QVERIFY2(error.contains(QLatin1String("is damaged")), sql);
    }
}

// EventScan (charts, busy destinations) decodes chunks itself: it must see
// what the events table shows, from any starting id, and stop when told.
void TestEventChunk::scanReadsWhatTheTableReads()
{
    SqliteDb db;
    QVERIFY(db.open(":memory:", SqliteDb::Access::ReadWriteCreate));
    QVERIFY(db.exec(kTables));
    std::mt19937_64 random(5);
    const std::vector<TestEvent> events = randomEvents(random, 3000, 3);
    EventChunkWriter writer(db);
    std::int64_t id = 0;
    for (std::size_t k = 0; k < events.size(); ++k) {
        id += k % 1000 == 999 ? 3 : 1;
        QVERIFY(writer.add(id, 1 + std::int64_t(k / 1500), events[k].values, events[k].protocol));
    }
    QVERIFY(writer.flush());
    const auto scanned = [&](std::int64_t after, std::size_t stopAfter = 0) {
        QStringList out;
        const Error error = EventScan::run(db, after, [&](const ScannedEvent &e) {
            const auto text = [](const std::optional<std::int64_t> &v) {
                return v ? QString::number(*v) : QStringLiteral("NULL");
            };
            out << QStringLiteral("%1|%2|%3|%4|%5|%6")
                       .arg(e.id)
                       .arg(e.destId)
                       .arg(e.processId)
                       .arg(e.hostId)
                       .arg(text(e.tsNs), text(e.port));
            return stopAfter == 0 || std::size_t(out.size()) < stopAfter;
        });
        if (!error.isNull())
            out << error.message();
        return out;
    };
    for (const std::int64_t after :
         {std::int64_t(0), std::int64_t(1), std::int64_t(999), std::int64_t(1000),
          std::int64_t(1001), std::int64_t(1002), std::int64_t(2500), id - 1, id, kMin, kMax}) {
        const std::string sql = "SELECT id, ifnull(dest_id, 0), ifnull(process_id, 0), "
                                "ifnull(host_id, 0), ts_ns, dst_port FROM events WHERE id > "
            + std::to_string(after) + " ORDER BY id";
        QCOMPARE(scanned(after), rows(db, sql));
    }
    QCOMPARE(scanned(0, 10).size(), 10);
    // A damaged chunk is named.
    QVERIFY(db.exec("UPDATE event_chunks SET data = x'01' WHERE first_id = "
                    "(SELECT max(first_id) FROM event_chunks)"));
    QVERIFY(scanned(0).last().contains(QLatin1String("is damaged")));
}

void TestEventChunk::migrationKeepsEveryEvent()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("c.eacase"));
    QStringList before;
    {
        CaseDatabase::Result opened
            = CaseDatabase::open(path, CaseDatabase::OpenMode::CreateIfMissing);
        QVERIFY2(opened.ok(), qPrintable(opened.error.message()));
        for (const char *file : {"drilldown_connections.csv", "import_join_connections.csv"}) {
            ImportJob job(*opened.database, dataPath(file), {});
            const ImportReport report = job.run();
            QVERIFY2(report.imported(), qPrintable(report.error.message()));
        }
        before = rows(opened.database->db(),
                      "SELECT " + std::string(kColumns) + " FROM events ORDER BY id");
        QVERIFY(before.size() > 10);
        QVERIFY(opened.database->db().exec(
            (statsAsFormat4() + eventsAsFormat3Table() + "PRAGMA user_version = 3;").c_str()));
        QCOMPARE(scalar(opened.database->db(),
                        "SELECT count(*) FROM sqlite_schema "
                        "WHERE name = 'events'"),
                 std::int64_t(1));
        // An older case opened without migrating is scanned from its table.
        qsizetype scannedEvents = 0;
        const Error error = EventScan::run(opened.database->db(), 0, [&](const ScannedEvent &) {
            ++scannedEvents;
            return true;
        });
        QVERIFY2(error.isNull(), qPrintable(error.message()));
        QCOMPARE(scannedEvents, before.size());
    }
    CaseDatabase::Result opened = CaseDatabase::open(path, CaseDatabase::OpenMode::OpenExisting);
    QVERIFY2(opened.ok(), qPrintable(opened.error.message()));
    QCOMPARE(opened.database->schemaVersion(), CaseDatabase::kSchemaVersion);
    SqliteDb &db = opened.database->db();
    QCOMPARE(scalar(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'events'"),
             std::int64_t(0));
    QCOMPARE(scalar(db, "SELECT count(DISTINCT source_id) FROM event_chunks"), std::int64_t(2));
    QCOMPARE(rows(db, "SELECT " + std::string(kColumns) + " FROM events ORDER BY id"), before);
}

QTEST_GUILESS_MAIN(TestEventChunk)
#include "tst_eventchunk.moc"
