// The aggregated import (case format 8): a CSV whose rows each stand for
// `connections` connections from first_seen_ns to last_seen_ns (the
// data-lake query's result) counts, times and drills down as the connections
// themselves would, a busy destination's rows included; a count that is not
// 1 … 2^31-1 rejects its row. tests/datalake/check_datalake_query.py compares
// such an import with a direct one at 200,000 rows.
//
// tests/data/aggregated_connections.csv:
//   8.8.8.8          p1/s1 5000 (port 53), p2/s1 10 (port 443): busy (>= 4096)
//   1.1.1.1          p1/s2 3, first = last
//   2606:4700::1111  p3/s2 7, no times
//   149.112.112.112  p2/s1 2, its times given last-first
//   9.9.9.9          five rows with counts 0, x, 2^31, -5 and none: rejected

#include <QTest>

#include "testutils.h"

#include "ingest/importjob.h"
#include "storage/busydestinations.h"
#include "storage/casedatabase.h"
#include "storage/casequeries.h"
#include "storage/chartqueries.h"

#include <QTemporaryDir>

#include <map>
#include <memory>
#include <string>

using namespace ea;
using namespace ea::test;

namespace {

constexpr std::int64_t kT0 = 1732000000000000000;
constexpr std::int64_t kMinute = 60'000'000'000;

std::map<std::string, DestinationRow> byAddress(CaseQueries &queries)
{
    QueryOptions all;
    all.all = true;
    std::map<std::string, DestinationRow> out;
    const RowsResult<DestinationRow> rows = queries.destinations(all);
    if (!rows.ok())
        qFatal("%s", qPrintable(rows.error.message()));
    for (const DestinationRow &row : rows.value)
        out[row.canonical] = row;
    return out;
}

std::map<std::string, ProcessRow> processesByKey(const RowsResult<ProcessRow> &rows)
{
    std::map<std::string, ProcessRow> out;
    for (const ProcessRow &row : rows.value)
        out[row.key] = row;
    return out;
}

} // namespace

class TestAggregatedImport : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void rowsCountAsTheirConnections();
    void drillDownCountsConnections();
    void secondImportAddsUp();
    void tamperedTimelineIsRefused();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CaseDatabase> m_case;
    ImportReport m_report;
};

void TestAggregatedImport::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    CaseDatabase::Result opened = CaseDatabase::open(m_dir->filePath(QStringLiteral("a.eacase")),
                                                     CaseDatabase::OpenMode::CreateIfMissing);
    QVERIFY2(opened.ok(), qPrintable(opened.error.message()));
    m_case = std::move(opened.database);
    QCOMPARE(m_case->schemaVersion(), CaseDatabase::kSchemaVersion);
    m_report = ImportJob(*m_case, dataPath("aggregated_connections.csv")).run();
    QVERIFY2(m_report.imported(), qPrintable(m_report.error.message()));
}

void TestAggregatedImport::rowsCountAsTheirConnections()
{
    // Rows, not connections: read and loaded count what the file holds.
    QCOMPARE(m_report.counts.read, std::int64_t(10));
    QCOMPARE(m_report.counts.loaded, std::int64_t(5));
    QCOMPARE(m_report.counts.rejected, std::int64_t(5));
    CaseQueries queries(*m_case);
    const RowsResult<RejectedRow> rejected = queries.rejected();
    QVERIFY(rejected.ok());
    QCOMPARE(rejected.value.size(), std::size_t(5));
    for (const RejectedRow &r : rejected.value) {
        QCOMPARE(QString::fromStdString(r.reason),
                 QStringLiteral("invalid connection count (expected 1 to 2147483647)"));
        QVERIFY(r.line >= 7 && r.line <= 11);
    }

    const std::map<std::string, DestinationRow> rows = byAddress(queries);
    QCOMPARE(rows.size(), std::size_t(4));
    const DestinationRow &google = rows.at("8.8.8.8");
    QCOMPARE(google.connections, std::int64_t(5010));
    QCOMPARE(google.processes, std::int64_t(2));
    QCOMPARE(google.hosts, std::int64_t(1));
    QCOMPARE(QString::fromStdString(google.ports), QStringLiteral("53;443"));
    QCOMPARE(google.firstNs, std::optional(kT0));
    QCOMPARE(google.lastNs, std::optional(kT0 + 15 * kMinute));
    const DestinationRow &cloudflare = rows.at("1.1.1.1");
    QCOMPARE(cloudflare.connections, std::int64_t(3));
    QCOMPARE(cloudflare.firstNs, std::optional(kT0 + 5 * kMinute));
    QCOMPARE(cloudflare.lastNs, cloudflare.firstNs);
    const DestinationRow &untimed = rows.at("2606:4700::1111");
    QCOMPARE(untimed.connections, std::int64_t(7));
    QVERIFY(!untimed.firstNs && !untimed.lastNs);
    // Given last-first: the earlier is the first.
    const DestinationRow &quad9 = rows.at("149.112.112.112");
    QCOMPARE(quad9.connections, std::int64_t(2));
    QCOMPARE(quad9.firstNs, std::optional(kT0 + 400'000'000'000));
    QCOMPARE(quad9.lastNs, std::optional(kT0 + 500'000'000'000));

    // The busy destinations' rows: 8.8.8.8 has them (5010 connections in
    // two events), the others do not.
    QCOMPARE(scalar(m_case->db(), "SELECT count(*) FROM dest_processes"), std::int64_t(1));
    QCOMPARE(scalar(m_case->db(), "SELECT events FROM dest_timeline"), std::int64_t(2));
    // dest_events counts events too (the ids it lists), not connections.
    QCOMPARE(scalar(m_case->db(),
                    "SELECT events FROM dest_events WHERE dest_id = "
                    "(SELECT dest_id FROM dest_timeline)"),
             std::int64_t(2));
    QCOMPARE(scalar(m_case->db(), "SELECT connections FROM dest_processes"), std::int64_t(5010));

    // Processes over all their events (process_stats).
    const RowsResult<ProcessSummaryRow> processes = queries.processes();
    QVERIFY(processes.ok());
    std::map<std::string, std::int64_t> connections;
    // p1 runs on s1 and s2: two processes of one key.
    for (const ProcessSummaryRow &p : processes.value)
        connections[p.process.key] += p.process.connections;
    QCOMPARE(connections["p1"], std::int64_t(5003));
    QCOMPARE(connections["p2"], std::int64_t(12));
    QCOMPARE(connections["p3"], std::int64_t(7));

    // The charts count connections, not rows.
    std::int64_t charted = 0;
    const Result<void> scan
        = ChartQueries(*m_case).forEachEventTime({}, {}, [&](const EventTimeRow &row) {
              charted += row.weight;
              return true;
          });
    QVERIFY(scan.ok());
    QCOMPARE(charted, std::int64_t(5010 + 3 + 7 + 2));
}

void TestAggregatedImport::drillDownCountsConnections()
{
    CaseQueries queries(*m_case);
    const std::map<std::string, DestinationRow> rows = byAddress(queries);

    // A busy destination (dest_processes) and a quiet one (its events).
    const std::map<std::string, ProcessRow> busy
        = processesByKey(queries.processesOf(rows.at("8.8.8.8").id));
    QCOMPARE(busy.size(), std::size_t(2));
    QCOMPARE(busy.at("p1").connections, std::int64_t(5000));
    QCOMPARE(busy.at("p1").firstNs, std::optional(kT0));
    QCOMPARE(busy.at("p1").lastNs, std::optional(kT0 + 15 * kMinute));
    QCOMPARE(busy.at("p2").connections, std::int64_t(10));
    QCOMPARE(busy.at("p2").lastNs, std::optional(kT0 + 200'000'000'000));
    const std::map<std::string, ProcessRow> quiet
        = processesByKey(queries.processesOf(rows.at("149.112.112.112").id));
    QCOMPARE(quiet.size(), std::size_t(1));
    QCOMPARE(quiet.at("p2").connections, std::int64_t(2));
    QCOMPARE(quiet.at("p2").firstNs, std::optional(kT0 + 400'000'000'000));
    QCOMPARE(quiet.at("p2").lastNs, std::optional(kT0 + 500'000'000'000));
    // Both ways of reading a destination's processes agree.
    const std::map<std::string, ProcessRow> fromEvents
        = processesByKey(queries.processesOfEvents(rows.at("8.8.8.8").id));
    QCOMPARE(fromEvents.at("p1").connections, std::int64_t(5000));
    QCOMPARE(fromEvents.at("p1").lastNs, busy.at("p1").lastNs);

    // A process's destinations: p1 on s1.
    std::int64_t p1 = 0;
    for (const ProcessSummaryRow &p : queries.processes().value) {
        if (p.process.key == "p1" && p.process.connections == 5000)
            p1 = p.process.processId;
    }
    QVERIFY(p1 > 0);
    const RowsResult<ProcessDestinationRow> ofP1 = queries.destinationsOfProcess(p1, 0);
    QVERIFY(ofP1.ok());
    std::int64_t total = 0;
    for (const ProcessDestinationRow &d : ofP1.value) {
        total += d.connections;
        if (d.destinationId == rows.at("8.8.8.8").id)
            QCOMPARE(d.lastNs, std::optional(kT0 + 15 * kMinute));
    }
    QCOMPARE(total, std::int64_t(5000));

    // Each event shows what it stands for.
    const RowsResult<std::int64_t> ids = queries.eventIdsOf(rows.at("8.8.8.8").id);
    QVERIFY(ids.ok());
    const RowsResult<EventDetailRow> events = queries.events(ids.value);
    QVERIFY(events.ok());
    QCOMPARE(events.value.size(), std::size_t(2));
    QCOMPARE(events.value[0].weight + events.value[1].weight, std::int64_t(5010));
    for (const EventDetailRow &e : events.value) {
        QVERIFY(e.lastNs.has_value());
        QVERIFY(*e.lastNs > *e.tsNs);
    }
    const RowsResult<std::int64_t> one = queries.eventIdsOf(rows.at("1.1.1.1").id);
    const RowsResult<EventDetailRow> single = queries.events(one.value);
    QCOMPARE(single.value.at(0).weight, std::int64_t(3));
    QVERIFY(!single.value.at(0).lastNs); // first = last: one time
}

void TestAggregatedImport::secondImportAddsUp()
{
    // The same file again: the statistics of a case that already holds
    // events are recounted from them (SQL over the events table).
    ImportOptions force;
    force.force = true;
    const ImportReport again
        = ImportJob(*m_case, dataPath("aggregated_connections.csv"), force).run();
    QVERIFY2(again.imported(), qPrintable(again.error.message()));
    CaseQueries queries(*m_case);
    const std::map<std::string, DestinationRow> rows = byAddress(queries);
    QCOMPARE(rows.at("8.8.8.8").connections, std::int64_t(10020));
    QCOMPARE(rows.at("2606:4700::1111").connections, std::int64_t(14));
    std::map<std::string, std::int64_t> connections;
    std::map<std::string, std::optional<std::int64_t>> last;
    for (const ProcessSummaryRow &p : queries.processes().value) {
        connections[p.process.key] += p.process.connections;
        if (p.process.connections > 1000)
            last[p.process.key] = p.process.lastNs;
    }
    QCOMPARE(connections["p1"], std::int64_t(10006));
    QCOMPARE(connections["p2"], std::int64_t(24));
    QCOMPARE(last["p1"], std::optional(kT0 + 15 * kMinute));
    QCOMPARE(scalar(m_case->db(), "SELECT events FROM dest_timeline"), std::int64_t(4));
    QCOMPARE(scalar(m_case->db(), "SELECT connections FROM dest_processes"), std::int64_t(10020));
    const std::map<std::string, ProcessRow> busy
        = processesByKey(queries.processesOf(rows.at("8.8.8.8").id));
    QCOMPARE(busy.at("p1").connections, std::int64_t(10000));
}

void TestAggregatedImport::tamperedTimelineIsRefused()
{
    // A busy destination's timeline emptied (a damaged or edited case): the
    // next import must not write a timeline that misses the earlier events.
    QVERIFY(m_case->db().exec("UPDATE dest_timeline SET events = 0, entries = x'00'"));
    ImportOptions force;
    force.force = true;
    const ImportReport again
        = ImportJob(*m_case, dataPath("aggregated_connections.csv"), force).run();
    QVERIFY(!again.imported());
    QVERIFY2(again.error.message().contains(QStringLiteral("event list of destination")),
             qPrintable(again.error.message()));
}

QTEST_GUILESS_MAIN(TestAggregatedImport)
#include "tst_aggregatedimport.moc"
