// The Charts view on an aggregated import (case format 8): the selected
// destination's activity counts the connections each event stands for, as the
// table does (tests/data/aggregated_connections.csv; see tst_aggregatedimport).

#include <QTest>

#include "chartdata.h"
#include "testutils.h"

#include "address/ipaddress.h"
#include "ingest/importjob.h"
#include "storage/casedatabase.h"
#include "storage/casequeries.h"

#include <QTemporaryDir>

#include <numeric>

using namespace ea;
using namespace ea::test;

class TestAggregatedCharts : public QObject
{
    Q_OBJECT

private slots:
    void selectedActivityCountsConnections();
};

void TestAggregatedCharts::selectedActivityCountsConnections()
{
    constexpr std::int64_t kT0 = 1732000000000000000;
    constexpr std::int64_t kMinute = 60'000'000'000;
    QTemporaryDir dir;
    CaseDatabase::Result opened = CaseDatabase::open(dir.filePath(QStringLiteral("a.eacase")),
                                                     CaseDatabase::OpenMode::CreateIfMissing);
    QVERIFY(opened.ok());
    QVERIFY(ImportJob(*opened.database, dataPath("aggregated_connections.csv")).run().imported());
    CaseQueries queries(*opened.database);

    ChartTimeline timeline;
    timeline.startNs = kT0;
    timeline.bucketNs = kMinute;
    timeline.total.assign(20, 0);
    const auto activityOf = [&](const char *address) {
        const std::optional<std::int64_t> id = queries.destinationId(parseAddress(address).address);
        if (!id)
            qFatal("no %s", address);
        const Result<std::vector<std::int64_t>> activity
            = computeSelectedActivity(queries, *id, timeline, {}, {});
        if (!activity.ok())
            qFatal("%s", qPrintable(activity.error.message()));
        return activity.value;
    };
    // 8.8.8.8: 5000 connections from kT0, 10 from kT0 + 100 s.
    const std::vector<std::int64_t> google = activityOf("8.8.8.8");
    QCOMPARE(google[0], std::int64_t(5000));
    QCOMPARE(google[1], std::int64_t(10));
    QCOMPARE(std::accumulate(google.begin(), google.end(), std::int64_t(0)), std::int64_t(5010));
    // 1.1.1.1: one event of 3 connections at kT0 + 300 s.
    const std::vector<std::int64_t> cloudflare = activityOf("1.1.1.1");
    QCOMPARE(cloudflare[5], std::int64_t(3));
    QCOMPARE(std::accumulate(cloudflare.begin(), cloudflare.end(), std::int64_t(0)),
             std::int64_t(3));
}

QTEST_GUILESS_MAIN(TestAggregatedCharts)
#include "tst_aggregatedcharts.moc"
