// ImportJob end to end, through the public API only (ImportJob, CaseDatabase,
// CaseQueries, Marks): every format from a fixture, one destination per host on
// the wire, direction, process/host details, rejected rows, all-or-nothing
// (cancel, refusal, duplicates), marks left alone, merging imports, timestamps
// and hostile input. Nothing here reads the case's tables with SQL; the case
// file is only ever hashed as bytes.

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include "core/filehash.h"
#include "core/text.h"
#include "fifowatchdog.h"
#include "ingest/importjob.h"
#include "review/destinationsnapshot.h"
#include "storage/aggregates.h"
#include "storage/casedatabase.h"
#include "storage/casequeries.h"
#include "storage/marks.h"
#include "storage/sqlite.h"
#include "testutils.h"

#include <zlib.h>

#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

using namespace ea;
using namespace ea::test;

namespace {

QString outcomeText(ImportReport::Outcome outcome)
{
    switch (outcome) {
    case ImportReport::Outcome::Imported:
        return QStringLiteral("Imported");
    case ImportReport::Outcome::Refused:
        return QStringLiteral("Refused");
    case ImportReport::Outcome::Failed:
        return QStringLiteral("Failed");
    case ImportReport::Outcome::Cancelled:
        return QStringLiteral("Cancelled");
    }
    return QStringLiteral("?");
}

// One line for failure messages.
QByteArray describe(const ImportReport &r)
{
    return QStringLiteral("%1 format=%2 kind=%3 read=%4 loaded=%5 rejected=%6 skipped=%7 "
                          "timesUnset=%8 error=%9")
        .arg(outcomeText(r.outcome), toQString(r.format), toQString(fileKindId(r.kind)))
        .arg(r.counts.read)
        .arg(r.counts.loaded)
        .arg(r.counts.rejected)
        .arg(r.counts.skipped)
        .arg(r.counts.timesUnset)
        .arg(r.error.message())
        .toUtf8();
}

std::unique_ptr<CaseDatabase> openCase(const QString &path)
{
    CaseDatabase::Result result = CaseDatabase::open(path, CaseDatabase::OpenMode::CreateIfMissing);
    if (!result.ok())
        qWarning("cannot open case %s: %s", qPrintable(path), qPrintable(result.error.message()));
    return std::move(result.database);
}

ImportReport runImport(CaseDatabase &db, const QString &path, ImportOptions options = {})
{
    ImportJob job(db, path, std::move(options));
    return job.run();
}

QString timeText(const std::optional<std::int64_t> &ns)
{
    return ns ? QString::number(*ns) : QStringLiteral("unset");
}

// Every public field of a destination row.
QString full(const DestinationRow &row)
{
    return QStringLiteral("%1|%2|%3|%4|%5|%6|%7|%8|%9")
               .arg(toQString(row.canonical), toQString(row.expanded),
                    row.family == Family::IPv4 ? QStringLiteral("ipv4") : QStringLiteral("ipv6"),
                    toQString(row.category),
                    row.external ? QStringLiteral("ext") : QStringLiteral("int"),
                    toQString(markStatusId(row.status)), toQString(row.note),
                    toQString(row.markCidr), QString::number(row.connections))
        + QStringLiteral("|%1|%2|%3|%4|%5")
              .arg(row.processes)
              .arg(row.hosts)
              .arg(toQString(row.ports), timeText(row.firstNs), timeText(row.lastNs));
}

QStringList briefs(const RowsResult<DestinationRow> &result)
{
    QStringList out;
    for (const DestinationRow &row : result.value)
        out.append(brief(row));
    if (!result.ok())
        out.append(QStringLiteral("error.message(): ") + result.error.message());
    return out;
}

const DestinationRow *findDestination(const RowsResult<DestinationRow> &result,
                                      std::string_view canonical)
{
    for (const DestinationRow &row : result.value) {
        if (row.canonical == canonical)
            return &row;
    }
    return nullptr;
}

QStringList markTexts(CaseDatabase &db)
{
    Marks marks(db);
    const RowsResult<Mark> result = marks.marks();
    QStringList out;
    for (const Mark &m : result.value) {
        out.append(
            QStringLiteral("%1|%2|%3|%4|%5|%6")
                .arg(m.id)
                .arg(toQString(m.cidrText), toQString(markStatusId(m.status)), toQString(m.note))
                .arg(m.createdAtNs)
                .arg(m.updatedAtNs));
    }
    if (!result.ok())
        out.append(QStringLiteral("error.message(): ") + result.error.message());
    return out;
}

// Everything the public queries can see of a case, as text: destinations
// (all), seed rows, rejected rows, sources and marks.
QStringList snapshot(CaseDatabase &db)
{
    CaseQueries queries(db);
    QStringList out;
    const RowsResult<DestinationRow> destinations = queries.destinations({.all = true});
    for (const DestinationRow &row : destinations.value)
        out.append(QStringLiteral("dest ") + full(row));
    out.append(QStringLiteral("dest error.message(): ") + destinations.error.message());
    const RowsResult<SeedRow> seeds = queries.seedRows({.all = true});
    for (const SeedRow &row : seeds.value)
        out.append(QStringLiteral("seed %1|%2|%3")
                       .arg(toQString(row.expandedAddress), toQString(row.dstAddr),
                            toQString(row.processKey)));
    out.append(QStringLiteral("seed error.message(): ") + seeds.error.message());
    const RowsResult<RejectedRow> rejected = queries.rejected();
    for (const RejectedRow &row : rejected.value)
        out.append(QStringLiteral("rejected %1|%2|%3|%4|%5")
                       .arg(row.sourceId)
                       .arg(toQString(row.sourcePath))
                       .arg(row.line)
                       .arg(toQString(row.reason),
                            QString::fromLatin1(QByteArray::fromStdString(row.raw).toHex())));
    out.append(QStringLiteral("rejected error.message(): ") + rejected.error.message());
    const RowsResult<SourceRow> sources = queries.sources();
    for (const SourceRow &s : sources.value)
        out.append(QStringLiteral("source %1|%2|%3|%4|%5|%6|%7|%8|%9")
                       .arg(s.id)
                       .arg(toQString(s.path))
                       .arg(s.size)
                       .arg(toQString(s.sha256), toQString(s.format), toQString(s.kind),
                            toQString(s.mappingJson))
                       .arg(s.importedAtNs)
                       .arg(s.rowsRead)
                   + QStringLiteral("|%1|%2|%3|%4")
                         .arg(s.rowsLoaded)
                         .arg(s.rowsRejected)
                         .arg(s.rowsSkipped)
                         .arg(s.timesUnset));
    out.append(QStringLiteral("sources error.message(): ") + sources.error.message());
    for (const QString &m : markTexts(db))
        out.append(QStringLiteral("mark ") + m);
    return out;
}

bool gzipFile(const QString &from, const QString &to)
{
    QFile in(from);
    if (!in.open(QIODevice::ReadOnly))
        return false;
    const QByteArray plain = in.readAll();
    gzFile out = gzopen(QFile::encodeName(to).constData(), "wb");
    if (!out)
        return false;
    const int written = gzwrite(out, plain.constData(), unsigned(plain.size()));
    return gzclose(out) == Z_OK && written == plain.size();
}

// Deterministic bytes that look like nothing: a small LCG, NULs included.
QByteArray garbage(qsizetype size)
{
    QByteArray out(size, Qt::Uninitialized);
    std::uint32_t state = 0x2545f491;
    for (qsizetype i = 0; i < size; ++i) {
        state = state * 1664525u + 1013904223u;
        out[i] = char(state >> 24);
    }
    return out;
}

// A large SLS-style connections export: `rows` rows to a few thousand
// destinations, public and private.
bool writeLargeExport(const QString &path, int rows)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    std::string chunk = "unix_nano_timestamp,sensor_id,process_uuid,src_addr,src_port,dst_addr,"
                        "dst_port,protocol\n";
    char line[160];
    for (int i = 0; i < rows; ++i) {
        const long long ns = 1732000000000000000LL + i * 1000000LL;
        const int n = i % 3 == 0
            ? std::snprintf(line, sizeof line,
                            "%lld,sensor-%d,proc-%d,10.0.%d.%d,%d,192.168.%d.%d,%d,6\n", ns, i % 7,
                            i % 97, i % 200, 1 + i % 250, 30000 + i % 30000, i % 256, 1 + i % 200,
                            i % 5 == 0 ? 53 : 443)
            : std::snprintf(line, sizeof line,
                            "%lld,sensor-%d,proc-%d,10.0.%d.%d,%d,%d.%d.%d.%d,%d,6\n", ns, i % 7,
                            i % 97, i % 200, 1 + i % 250, 30000 + i % 30000, 20 + i % 150, i % 251,
                            i % 13, 1 + i % 211, i % 5 == 0 ? 53 : 443);
        chunk.append(line, std::size_t(n));
        if (chunk.size() > (1 << 20)) {
            if (file.write(chunk.data(), qint64(chunk.size())) != qint64(chunk.size()))
                return false;
            chunk.clear();
        }
    }
    return file.write(chunk.data(), qint64(chunk.size())) == qint64(chunk.size());
}

} // namespace

class TestImportJob : public QObject
{
    Q_OBJECT

private slots:
    void formats_data();
    void formats();
    void gzip_data();
    void gzip();
    void ipv4MappedIsOneDestination();
    void zoneIdIsNotPartOfTheKey();
    void direction_data();
    void direction();
    void processDetailsJoin_data();
    void processDetailsJoin();
    void processLabels_data();
    void processLabels();
    void rejectedRows();
    void rejectedRowsKeepTheirText_data();
    void rejectedRowsKeepTheirText();
    void cancelLeavesCaseUnchanged();
    void refusedLeavesCaseUnchanged_data();
    void refusedLeavesCaseUnchanged();
    void pipeIsRefusedAtOnce();
    void duplicateRefusedUnlessForced();
    void notesAreKeptWithTheSource();
    void formatTwoCaseHasNoNotesAndMigrates();
    void marksSurviveImports();
    void bytesAndDirectionsAreAggregated();
    void formatFourCaseGetsDirectionsFromItsEvents();
    void secondImportMerges();
    void portListIsCapped();
    void timestamps_data();
    void timestamps();
    void unreadableTimesAreCounted();
    void hostileInput_data();
    void hostileInput();

private:
    QTemporaryDir m_dir;
    int m_serial = 0;

    QString newCasePath() { return m_dir.filePath(QStringLiteral("c%1.eacase").arg(++m_serial)); }
    QString newFilePath(const QString &name)
    {
        return m_dir.filePath(QStringLiteral("f%1-").arg(++m_serial) + name);
    }
};

void TestImportJob::formats_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("read");
    QTest::addColumn<int>("loaded");
    QTest::addColumn<int>("rejected");
    QTest::addColumn<int>("skipped");
    QTest::addColumn<int>("timesUnset");
    // "canonical|category|external|connections" rows that must be listed
    // (destinations with --all), and canonical addresses that must not be.
    QTest::addColumn<QStringList>("present");
    QTest::addColumn<QStringList>("absent");

    const auto row = [](const char *name, const char *file, const char *format, const char *kind,
                        int read, int loaded, int rejected, int skipped, int timesUnset,
                        QStringList present, QStringList absent) {
        QTest::addRow("%s", name) << dataPath(file) << QString::fromLatin1(format)
                                  << QString::fromLatin1(kind) << read << loaded << rejected
                                  << skipped << timesUnset << present << absent;
    };
    // " 8.8.8.8x" and "1.2.3.4.5" are rejected; ::ffff:192.168.202.247 is the
    // IPv4 host.
    row("sls connections csv", "csv_sls_connections.csv", "csv", "connections", 12, 10, 2, 0, 0,
        {QStringLiteral("173.138.172.23|global|true|1"),
         QStringLiteral("104.9.49.52|global|true|1"),
         QStringLiteral("192.168.202.247|private|false|1"),
         QStringLiteral("10.97.94.206|private|false|1"),
         QStringLiteral("fe80::af5f:e244:ff22:7ba3|link-local|false|1")},
        {QStringLiteral("::ffff:192.168.202.247"), QStringLiteral("8.8.8.8"),
         QStringLiteral("10.0.245.219")});
    // The third row has no process_uuid: it cannot be joined to anything.
    row("sls processes csv", "csv_sls_processes.csv", "csv", "processes", 3, 2, 1, 0, 0, {}, {});
    row("sls hosts csv", "csv_sls_hosts.csv", "csv", "hosts", 2, 2, 0, 0, 0, {}, {});
    row("sophos live discover", "csv_sophos_live_discover.csv", "csv", "connections", 2, 2, 0, 0, 0,
        {QStringLiteral("52.114.76.37|global|true|1"),
         QStringLiteral("2603:1026:c02::1|global|true|1")},
        {QStringLiteral("10.0.0.5")});
    row("sophos process journal", "csv_sophos_process_journal.csv", "csv", "processes", 1, 1, 0, 0,
        0, {}, {});
    // No time column: every event's time is unset (and counted).
    row("osquery process_open_sockets csv", "import_osquery_sockets.csv", "csv", "connections", 3,
        3, 0, 0, 3,
        {QStringLiteral("140.82.112.3|global|true|2"),
         QStringLiteral("2606:4700:4700::1111|global|true|1")},
        {QStringLiteral("10.0.2.15"), QStringLiteral("2001:db8::7")});
    row("binetflow", "csv_binetflow.csv", "csv", "connections", 4, 4, 0, 0, 0,
        {QStringLiteral("198.51.100.7|documentation|false|1"),
         QStringLiteral("224.0.0.251|multicast|false|1")},
        {QStringLiteral("192.0.2.10")});
    row("ecs csv", "csv_ecs.csv", "csv", "connections", 2, 2, 0, 0, 0,
        {QStringLiteral("151.101.1.69|global|true|1"),
         QStringLiteral("203.0.113.50|documentation|false|1")},
        {QStringLiteral("10.1.2.3")});
    row("sls tsv", "tsv_sls_connections.tsv", "tsv", "connections", 2, 2, 0, 0, 0,
        {QStringLiteral("93.184.216.34|global|true|1"),
         QStringLiteral("2606:4700:4700::1111|global|true|1")},
        {});
    row("zeek tsv", "import_zeek.log", "zeek-tsv", "connections", 4, 3, 1, 0, 0,
        {QStringLiteral("93.184.216.34|global|true|2"),
         QStringLiteral("2001:4860:4860::8888|global|true|1")},
        {QStringLiteral("10.0.0.5")});
    // INFO-EVENTS-LOST is skipped, the short DROP row rejected; RECEIVE rows
    // name the local host in dst-ip.
    row("w3c firewall", "w3c_pfirewall.log", "w3c-firewall", "connections", 8, 6, 1, 1, 0,
        {QStringLiteral("52.114.76.37|global|true|1"), QStringLiteral("8.8.8.8|global|true|1"),
         QStringLiteral("2606:4700::1111|global|true|1"),
         QStringLiteral("192.168.178.42|private|false|1")},
        {QStringLiteral("192.168.178.25")});
    row("zeek json", "import_zeek.ndjson", "zeek-json", "connections", 3, 3, 0, 0, 0,
        {QStringLiteral("93.184.216.34|global|true|2"),
         QStringLiteral("2001:4860:4860::8844|global|true|1")},
        {QStringLiteral("10.0.0.5")});
    row("zeek json-streaming (id_resp_h)", "import_zeek_underscore.ndjson", "zeek-json",
        "connections", 2, 2, 0, 0, 0,
        {QStringLiteral("151.101.1.69|global|true|1"), QStringLiteral("10.0.0.4|private|false|1")},
        {QStringLiteral("10.0.1.4")});
    // flow/netflow only: ssh, stats, alert and dns are skipped, and so is
    // the netflow reply record (flow 777 again, addresses swapped); the flow
    // without dest_ip is rejected; "yesterday" is an unreadable time.
    row("suricata eve", "ndjson_suricata.json", "suricata-eve", "connections", 10, 4, 1, 5, 1,
        {QStringLiteral("193.200.130.243|global|true|1"),
         QStringLiteral("193.200.130.165|global|true|1"),
         QStringLiteral("93.184.216.34|global|true|1"),
         QStringLiteral("ff02::1:ff6f:231a|multicast|false|1")},
        {QStringLiteral("10.1.1.1"), QStringLiteral("10.1.1.5"), QStringLiteral("43.153.194.204")});
    // Sysmon's uncompressed and WFP's compressed spellings are one host;
    // inbound events name the remote end as source; Kernel-IO EventID 3 and
    // the 4624 logon are skipped.
    row("windows sysmon + wfp", "import_windows.ndjson", "windows-events", "connections", 6, 4, 0,
        2, 0,
        {QStringLiteral("2001:500:2::c|global|true|2"),
         QStringLiteral("198.51.100.77|documentation|false|1"),
         QStringLiteral("203.0.113.9|documentation|false|1")},
        {QStringLiteral("10.0.0.1"), QStringLiteral("172.18.39.5")});
    row("osquery result log", "import_osquery.ndjson", "osquery", "connections", 4, 3, 0, 1, 0,
        {QStringLiteral("93.184.216.34|global|true|2"),
         QStringLiteral("2606:4700:4700::1111|global|true|1")},
        {QStringLiteral("10.0.0.7")});
    row("ecs ndjson", "import_ecs.ndjson", "ecs", "connections", 3, 3, 0, 0, 0,
        {QStringLiteral("140.82.112.3|global|true|1"), QStringLiteral("140.82.112.4|global|true|1"),
         QStringLiteral("198.51.100.99|documentation|false|1")},
        {QStringLiteral("10.1.2.3")});
}

void TestImportJob::formats()
{
    QFETCH(QString, file);
    QFETCH(QString, format);
    QFETCH(QString, kind);
    QFETCH(int, read);
    QFETCH(int, loaded);
    QFETCH(int, rejected);
    QFETCH(int, skipped);
    QFETCH(int, timesUnset);
    QFETCH(QStringList, present);
    QFETCH(QStringList, absent);

    const auto db = openCase(newCasePath());
    QVERIFY(db);
    const ImportReport report = runImport(*db, file);
    QVERIFY2(report.imported(), describe(report));
    QCOMPARE(toQString(report.format), format);
    QCOMPARE(toQString(fileKindId(report.kind)), kind);
    QCOMPARE(report.counts.read, read);
    QCOMPARE(report.counts.loaded, loaded);
    QCOMPARE(report.counts.rejected, rejected);
    QCOMPARE(report.counts.skipped, skipped);
    QCOMPARE(report.counts.timesUnset, timesUnset);
    QCOMPARE(report.path, file);

    // The source row records the same facts.
    CaseQueries queries(*db);
    const RowsResult<SourceRow> sources = queries.sources();
    QVERIFY2(sources.ok(), qPrintable(sources.error.message()));
    QCOMPARE(sources.value.size(), std::size_t(1));
    const SourceRow &source = sources.value.front();
    QCOMPARE(source.id, report.sourceId);
    QCOMPARE(QFileInfo(toQString(source.path)).canonicalFilePath(),
             QFileInfo(file).canonicalFilePath());
    QCOMPARE(source.size, QFileInfo(file).size());
    QCOMPARE(QByteArray::fromStdString(source.sha256), sha256Hex(file));
    QCOMPARE(source.sha256, report.sha256);
    QCOMPARE(toQString(source.format), format);
    QCOMPARE(toQString(source.kind), kind);
    QCOMPARE(source.rowsRead, read);
    QCOMPARE(source.rowsLoaded, loaded);
    QCOMPARE(source.rowsRejected, rejected);
    QCOMPARE(source.rowsSkipped, skipped);
    QCOMPARE(source.timesUnset, timesUnset);
    QVERIFY(source.importedAtNs > 0);
    if (kind == QLatin1String("connections"))
        QVERIFY2(source.mappingJson.find("\"dst\"") != std::string::npos,
                 source.mappingJson.c_str());

    const RowsResult<DestinationRow> all = queries.destinations({.all = true});
    QVERIFY2(all.ok(), qPrintable(all.error.message()));
    const QStringList listed = briefs(all);
    for (const QString &expected : std::as_const(present))
        QVERIFY2(listed.contains(expected),
                 qPrintable(expected + QStringLiteral(" not in ") + listed.join(u' ')));
    for (const QString &address : std::as_const(absent))
        QVERIFY2(!findDestination(all, address.toStdString()),
                 qPrintable(address + QStringLiteral(" listed: ") + listed.join(u' ')));
    std::int64_t connections = 0;
    for (const DestinationRow &row : all.value)
        connections += row.connections;
    QCOMPARE(connections, std::int64_t(loaded) * (kind == QLatin1String("connections") ? 1 : 0));
    QCOMPARE(queries.rejected().value.size(), std::size_t(rejected));

    // The default list is the external, not-internal subset of --all.
    const RowsResult<DestinationRow> external = queries.destinations();
    QVERIFY2(external.ok(), qPrintable(external.error.message()));
    QStringList expectedExternal;
    for (const DestinationRow &row : all.value) {
        if (row.external)
            expectedExternal.append(brief(row));
    }
    QCOMPARE(briefs(external), expectedExternal);
}

void TestImportJob::gzip_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("compressedName");

    QTest::addRow("csv.gz") << dataPath("csv_sls_connections.csv")
                            << QStringLiteral("connections.csv.gz");
    QTest::addRow("zeek json .gz")
        << dataPath("import_zeek.ndjson") << QStringLiteral("conn.log.gz");
    QTest::addRow("windows ndjson .gz")
        << dataPath("import_windows.ndjson") << QStringLiteral("events.json.gz");
    // Detected from content, not from the name.
    QTest::addRow("gzip named .csv")
        << dataPath("csv_sls_connections.csv") << QStringLiteral("really-gzip.csv");
}

void TestImportJob::gzip()
{
    QFETCH(QString, file);
    QFETCH(QString, compressedName);

    const QString compressed = newFilePath(compressedName);
    QVERIFY(gzipFile(file, compressed));

    const auto plainCase = openCase(newCasePath());
    const auto gzCase = openCase(newCasePath());
    QVERIFY(plainCase && gzCase);
    const ImportReport plain = runImport(*plainCase, file);
    QVERIFY2(plain.imported(), describe(plain));
    const ImportReport packed = runImport(*gzCase, compressed);
    QVERIFY2(packed.imported(), describe(packed));
    QCOMPARE(packed.format, plain.format);
    QCOMPARE(packed.kind, plain.kind);
    QCOMPARE(packed.counts.read, plain.counts.read);
    QCOMPARE(packed.counts.loaded, plain.counts.loaded);
    QCOMPARE(packed.counts.rejected, plain.counts.rejected);
    QCOMPARE(packed.counts.skipped, plain.counts.skipped);
    QVERIFY(packed.counts.loaded > 0);
    // Hash of the bytes on disk, i.e. of the compressed file.
    QCOMPARE(QByteArray::fromStdString(packed.sha256), sha256Hex(compressed));

    CaseQueries plainQueries(*plainCase);
    CaseQueries gzQueries(*gzCase);
    QStringList a;
    QStringList b;
    for (const DestinationRow &row : plainQueries.destinations({.all = true}).value)
        a.append(full(row));
    for (const DestinationRow &row : gzQueries.destinations({.all = true}).value)
        b.append(full(row));
    QCOMPARE(b, a);
}

void TestImportJob::ipv4MappedIsOneDestination()
{
    const QString file = newFilePath(QStringLiteral("mapped.csv"));
    QVERIFY(writeFile(file,
                      "dst_addr,dst_port,process_uuid\n"
                      "8.8.8.8,53,p1\n"
                      "::ffff:8.8.8.8,443,p2\n"
                      "8.8.8.8,53,p1\n"));
    const auto db = openCase(newCasePath());
    QVERIFY(db);
    const ImportReport report = runImport(*db, file);
    QVERIFY2(report.imported(), describe(report));
    QCOMPARE(report.counts.loaded, 3);

    CaseQueries queries(*db);
    const RowsResult<DestinationRow> all = queries.destinations({.all = true});
    QVERIFY2(all.ok(), qPrintable(all.error.message()));
    QCOMPARE(all.value.size(), std::size_t(1));
    const DestinationRow &row = all.value.front();
    QCOMPARE(toQString(row.canonical), QStringLiteral("8.8.8.8"));
    QCOMPARE(row.family, Family::IPv4);
    QCOMPARE(row.connections, 3);
    QCOMPARE(row.processes, 2);
    QCOMPARE(toQString(row.ports), QStringLiteral("53;443"));
    QVERIFY(row.external);

    // Each event keeps the spelling it was exported with.
    const RowsResult<SeedRow> seeds = queries.seedRows({.all = true});
    QVERIFY2(seeds.ok(), qPrintable(seeds.error.message()));
    QStringList spellings;
    for (const SeedRow &seed : seeds.value) {
        QCOMPARE(seed.destinationId, row.id);
        QCOMPARE(seed.expandedAddress, row.expanded);
        spellings.append(toQString(seed.dstAddr) + QLatin1Char('/') + toQString(seed.processKey));
    }
    spellings.sort();
    QCOMPARE(spellings,
             (QStringList {QStringLiteral("8.8.8.8/p1"), QStringLiteral("::ffff:8.8.8.8/p2")}));
}

void TestImportJob::zoneIdIsNotPartOfTheKey()
{
    const QString file = newFilePath(QStringLiteral("zones.csv"));
    QVERIFY(writeFile(file,
                      "dst_addr,dst_port\n"
                      "fe80::1%eth0,22\n"
                      "fe80::1,22\n"
                      "FE80::1%eth1,22\n"));
    const auto db = openCase(newCasePath());
    QVERIFY(db);
    const ImportReport report = runImport(*db, file);
    QVERIFY2(report.imported(), describe(report));
    QCOMPARE(report.counts.loaded, 3);
    QCOMPARE(report.counts.rejected, 0);

    CaseQueries queries(*db);
    const RowsResult<DestinationRow> all = queries.destinations({.all = true});
    QCOMPARE(briefs(all), QStringList {QStringLiteral("fe80::1|link-local|false|3")});
    QStringList spellings;
    for (const SeedRow &seed : queries.seedRows({.all = true}).value)
        spellings.append(toQString(seed.dstAddr));
    spellings.sort();
    QCOMPARE(spellings,
             (QStringList {QStringLiteral("FE80::1%eth1"), QStringLiteral("fe80::1"),
                           QStringLiteral("fe80::1%eth0")}));
}

void TestImportJob::direction_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("remote"); // the inbound row's remote end: listed
    QTest::addColumn<QString>("local"); // the server's own address: not listed

    QTest::addRow("ecs csv network.direction inbound")
        << dataPath("csv_ecs.csv") << QStringLiteral("203.0.113.50") << QStringLiteral("10.1.2.3");
    QTest::addRow("w3c firewall RECEIVE")
        << dataPath("w3c_pfirewall.log") << QStringLiteral("192.168.178.42")
        << QStringLiteral("192.168.178.25");
    QTest::addRow("sysmon Initiated false")
        << dataPath("import_windows.ndjson") << QStringLiteral("198.51.100.77")
        << QStringLiteral("10.0.0.1");
    QTest::addRow("ecs ndjson inbound")
        << dataPath("import_ecs.ndjson") << QStringLiteral("198.51.100.99")
        << QStringLiteral("10.1.2.3");
}

void TestImportJob::direction()
{
    QFETCH(QString, file);
    QFETCH(QString, remote);
    QFETCH(QString, local);

    const auto db = openCase(newCasePath());
    QVERIFY(db);
    const ImportReport report = runImport(*db, file);
    QVERIFY2(report.imported(), describe(report));
    CaseQueries queries(*db);
    const RowsResult<DestinationRow> all = queries.destinations({.all = true});
    QVERIFY2(all.ok(), qPrintable(all.error.message()));
    QVERIFY2(findDestination(all, remote.toStdString()), qPrintable(briefs(all).join(u' ')));
    QVERIFY2(!findDestination(all, local.toStdString()), qPrintable(briefs(all).join(u' ')));
    for (const SeedRow &seed : queries.seedRows({.all = true}).value)
        QVERIFY2(toQString(seed.dstAddr) != local, seed.dstAddr.c_str());
}

void TestImportJob::processDetailsJoin_data()
{
    QTest::addColumn<QStringList>("files");

    const QString connections = dataPath("import_join_connections.csv");
    const QString processes = dataPath("import_join_processes.csv");
    const QString hosts = dataPath("import_join_hosts.csv");
    QTest::addRow("connections first") << QStringList {connections, processes, hosts};
    QTest::addRow("details first") << QStringList {hosts, processes, connections};
    QTest::addRow("connections between") << QStringList {processes, connections, hosts};
    QTest::addRow("connections only") << QStringList {connections};
}

void TestImportJob::processDetailsJoin()
{
    QFETCH(QStringList, files);

    const auto db = openCase(newCasePath());
    QVERIFY(db);
    for (const QString &file : std::as_const(files)) {
        const ImportReport report = runImport(*db, file);
        QVERIFY2(report.imported(), describe(report));
        QCOMPARE(report.counts.rejected, 0);
        if (file.endsWith(QLatin1String("processes.csv"))) {
            QCOMPARE(report.kind, FileKind::Processes);
            QCOMPARE(report.counts.loaded, 4);
        } else if (file.endsWith(QLatin1String("hosts.csv"))) {
            QCOMPARE(report.kind, FileKind::Hosts);
            QCOMPARE(report.counts.loaded, 2);
        } else {
            QCOMPARE(report.kind, FileKind::Connections);
            QCOMPARE(report.counts.loaded, 6);
        }
    }
    // proc-curl twice, proc-wget and proc-node on two sensors; the event
    // without a process counts towards no process. Details add no
    // destination (proc-idle has no connection).
    CaseQueries queries(*db);
    const RowsResult<DestinationRow> all = queries.destinations({.all = true});
    QVERIFY2(all.ok(), qPrintable(all.error.message()));
    QStringList rows;
    for (const DestinationRow &row : all.value)
        rows.append(QStringLiteral("%1 conns=%2 procs=%3 hosts=%4 ports=%5")
                        .arg(toQString(row.canonical))
                        .arg(row.connections)
                        .arg(row.processes)
                        .arg(row.hosts)
                        .arg(toQString(row.ports)));
    QCOMPARE(rows,
             (QStringList {QStringLiteral("93.184.216.34 conns=4 procs=3 hosts=2 ports=80;443"),
                           QStringLiteral("140.82.112.3 conns=2 procs=1 hosts=1 ports=443")}));
    QCOMPARE(queries.sources().value.size(), std::size_t(files.size()));
}

void TestImportJob::processLabels_data()
{
    QTest::addColumn<QStringList>("files");
    QTest::addColumn<QString>("address");
    QTest::addColumn<QStringList>("labels"); // "label|connections", sorted

    const QString connections = dataPath("import_join_connections.csv");
    const QString processes = dataPath("import_join_processes.csv");
    const QString hosts = dataPath("import_join_hosts.csv");
    const QStringList joined {QStringLiteral("/usr/bin/curl (pid 4242) on web-03|2"),
                              QStringLiteral("/usr/bin/node (pid 77) on db-01|1"),
                              QStringLiteral("/usr/bin/wget (pid 4343) on web-03|1")};
    QTest::addRow("sls, connections first")
        << QStringList {connections, processes, hosts} << QStringLiteral("93.184.216.34") << joined;
    QTest::addRow("sls, details first")
        << QStringList {hosts, processes, connections} << QStringLiteral("93.184.216.34") << joined;
    QTest::addRow("sls, connections only")
        << QStringList {connections} << QStringLiteral("93.184.216.34")
        << QStringList {QStringLiteral("proc-curl on sensor-a|2"),
                        QStringLiteral("proc-node on sensor-b|1"),
                        QStringLiteral("proc-wget on sensor-a|1")};
    QTest::addRow("sophos live discover + process journal")
        << QStringList {dataPath("csv_sophos_live_discover.csv"),
                        dataPath("csv_sophos_process_journal.csv")}
        << QStringLiteral("52.114.76.37")
        << QStringList {
               QStringLiteral("C:\\Windows\\System32\\svchost.exe (pid 1234) on WIN-DC01|1")};
    QTest::addRow("sophos process journal first")
        << QStringList {dataPath("csv_sophos_process_journal.csv"),
                        dataPath("csv_sophos_live_discover.csv")}
        << QStringLiteral("52.114.76.37")
        << QStringList {
               QStringLiteral("C:\\Windows\\System32\\svchost.exe (pid 1234) on WIN-DC01|1")};
    QTest::addRow("osquery result log carries path and pid")
        << QStringList {dataPath("import_osquery.ndjson")} << QStringLiteral("93.184.216.34")
        << QStringList {QStringLiteral("/usr/bin/curl (pid 4242) on web-03|2")};
    QTest::addRow("osquery sockets csv carries path and pid")
        << QStringList {dataPath("import_osquery_sockets.csv")} << QStringLiteral("140.82.112.3")
        << QStringList {QStringLiteral("/usr/bin/git (pid 1402)|2")};
    QTest::addRow("sysmon Image and wfp Application")
        << QStringList {dataPath("import_windows.ndjson")} << QStringLiteral("2001:500:2::c")
        << QStringList {
               QStringLiteral("C:\\Windows\\System32\\dns.exe (pid 2348) on DC01.example.com|1"),
               QStringLiteral("\\device\\harddiskvolume2\\windows\\system32\\dns.exe (pid 2348) "
                              "on DC01.example.com|1")};
}

void TestImportJob::processLabels()
{
    QFETCH(QStringList, files);
    QFETCH(QString, address);
    QFETCH(QStringList, labels);

    const auto db = openCase(newCasePath());
    QVERIFY(db);
    for (const QString &file : std::as_const(files)) {
        const ImportReport report = runImport(*db, file);
        QVERIFY2(report.imported(), describe(report));
    }
    CaseQueries queries(*db);
    const RowsResult<DestinationRow> all = queries.destinations({.all = true});
    const DestinationRow *destination = findDestination(all, address.toStdString());
    QVERIFY2(destination, qPrintable(briefs(all).join(u' ')));
    const RowsResult<ProcessRow> rows = queries.processesOf(destination->id);
    QVERIFY2(rows.ok(), qPrintable(rows.error.message()));
    QStringList actual;
    std::int64_t connections = 0;
    for (const ProcessRow &row : rows.value) {
        connections += row.connections;
        if (row.processId != 0)
            actual.append(toQString(processLabel(row))
                          + QStringLiteral("|%1").arg(row.connections));
    }
    actual.sort();
    QCOMPARE(actual, labels);
    QCOMPARE(connections, destination->connections);
}

void TestImportJob::rejectedRows()
{
    const QString file = dataPath("import_rejects.csv");
    const auto db = openCase(newCasePath());
    QVERIFY(db);
    const ImportReport report = runImport(*db, file);
    QVERIFY2(report.imported(), describe(report));
    QCOMPARE(report.counts.read, 6);
    QCOMPARE(report.counts.loaded, 2);
    QCOMPARE(report.counts.rejected, 4);
    QCOMPARE(report.counts.skipped, 0);

    CaseQueries queries(*db);
    const RowsResult<RejectedRow> rejected = queries.rejected();
    QVERIFY2(rejected.ok(), qPrintable(rejected.error.message()));
    QCOMPARE(rejected.value.size(), std::size_t(4));
    // The raw text is checked by rejectedRowsKeepTheirText().
    const std::int64_t lines[] = {3, 4, 5, 6};
    for (std::size_t i = 0; i < 4; ++i) {
        const RejectedRow &row = rejected.value[i];
        QCOMPARE(row.sourceId, report.sourceId);
        QCOMPARE(toQString(row.sourcePath), file);
        QCOMPARE(row.line, lines[i]);
        QVERIFY2(!row.reason.empty(), qPrintable(QString::number(row.line)));
    }
    QCOMPARE(briefs(queries.destinations({.all = true})),
             (QStringList {QStringLiteral("1.0.0.1|global|true|1"),
                           QStringLiteral("93.184.216.34|global|true|1")}));

    // A second file's rejects follow the first's (ordered by source, then line).
    const ImportReport second = runImport(*db, dataPath("csv_sls_connections.csv"));
    QVERIFY2(second.imported(), describe(second));
    const RowsResult<RejectedRow> both = queries.rejected();
    QCOMPARE(both.value.size(), std::size_t(4 + second.counts.rejected));
    for (std::size_t i = 4; i < both.value.size(); ++i) {
        QCOMPARE(both.value[i].sourceId, second.sourceId);
        QVERIFY(both.value[i].line > 1);
        if (i > 4)
            QVERIFY(both.value[i].line > both.value[i - 1].line);
    }
}

void TestImportJob::rejectedRowsKeepTheirText_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<qint64>("line");
    QTest::addColumn<QByteArray>("text"); // must be part of the stored raw text

    QTest::addRow("csv bad address")
        << dataPath("csv_sls_connections.csv") << qint64(6) << QByteArray(" 8.8.8.8x");
    QTest::addRow("csv invalid IPv4")
        << dataPath("import_rejects.csv") << qint64(3) << QByteArray("999.1.1.1,443,p1");
    QTest::addRow("csv empty destination")
        << dataPath("import_rejects.csv") << qint64(5) << QByteArray(",443,p1");
    QTest::addRow("csv too few fields")
        << dataPath("import_rejects.csv") << qint64(6) << QByteArray("1.1.1.1,53");
    QTest::addRow("zeek tsv bad address")
        << dataPath("import_zeek.log") << qint64(12) << QByteArray("not-an-address");
    QTest::addRow("w3c short row")
        << dataPath("w3c_pfirewall.log") << qint64(11) << QByteArray("DROP TCP fe80::1 ff02::fb");
    QTest::addRow("suricata flow without dest_ip")
        << dataPath("ndjson_suricata.json") << qint64(9) << QByteArray("\"flow_id\":3");
}

void TestImportJob::rejectedRowsKeepTheirText()
{
    QFETCH(QString, file);
    QFETCH(qint64, line);
    QFETCH(QByteArray, text);

    const auto db = openCase(newCasePath());
    QVERIFY(db);
    const ImportReport report = runImport(*db, file);
    QVERIFY2(report.imported(), describe(report));
    CaseQueries queries(*db);
    const RowsResult<RejectedRow> rejected = queries.rejected();
    QVERIFY2(rejected.ok(), qPrintable(rejected.error.message()));
    const RejectedRow *found = nullptr;
    for (const RejectedRow &row : rejected.value) {
        if (row.line == line)
            found = &row;
    }
    QVERIFY2(found, qPrintable(QStringLiteral("no rejected row for line %1").arg(line)));
    QVERIFY2(!found->reason.empty(), "no reason");
    QVERIFY2(QByteArray::fromStdString(found->raw).contains(text),
             qPrintable(QStringLiteral("line %1: reason '%2', raw '%3'")
                            .arg(line)
                            .arg(toQString(found->reason), toQString(found->raw))));
}

void TestImportJob::cancelLeavesCaseUnchanged()
{
    const QString big = newFilePath(QStringLiteral("big.csv"));
    // Large enough that even an optimised build is still importing at the
    // first progress report (200 ms).
    QVERIFY(writeLargeExport(big, 1000000));
    const QString casePath = newCasePath();
    QStringList before;
    QStringList marksBefore;
    {
        const auto db = openCase(casePath);
        QVERIFY(db);
        const ImportReport first = runImport(*db, dataPath("csv_sls_connections.csv"));
        QVERIFY2(first.imported(), describe(first));
        Marks marks(*db);
        QVERIFY(
            marks.setMark(std::string_view("104.9.49.0/24"), MarkStatus::KnownSafe, "cdn").ok());
        QVERIFY(marks.setMark(std::string_view("20.0.0.0/8"), MarkStatus::Suspicious, "x").ok());
        before = snapshot(*db);
        marksBefore = markTexts(*db);
    }
    const QByteArray bytesBefore = sha256Hex(casePath);

    {
        const auto db = openCase(casePath);
        QVERIFY(db);
        QCOMPARE(snapshot(*db), before);
        ImportJob job(*db, big);
        int calls = 0;
        std::int64_t bytesTotal = 0;
        job.setProgressCallback([&](const ImportProgress &progress) {
            ++calls;
            bytesTotal = progress.bytesTotal;
            job.cancel();
        });
        const ImportReport report = job.run();
        QVERIFY2(calls > 0, "the import finished before its first progress report; use more rows");
        QCOMPARE(bytesTotal, QFileInfo(big).size());
        QCOMPARE(outcomeText(report.outcome), outcomeText(ImportReport::Outcome::Cancelled));
        QCOMPARE(snapshot(*db), before);
    }
    QCOMPARE(sha256Hex(casePath), bytesBefore);

    // Nothing of the cancelled file was recorded (sources() above); the case
    // takes the next import as usual.
    const auto db = openCase(casePath);
    QVERIFY(db);
    const ImportReport next = runImport(*db, dataPath("import_zeek.log"));
    QVERIFY2(next.imported(), describe(next));
    QCOMPARE(CaseQueries(*db).sources().value.size(), std::size_t(2));
    QCOMPARE(markTexts(*db), marksBefore);
}

void TestImportJob::refusedLeavesCaseUnchanged_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QStringList>("errorMentions");

    QTest::addRow("no destination column")
        << QByteArray("alpha,beta,gamma\n1,2,3\n4,5,6\n")
        << QStringList {QStringLiteral("alpha"), QStringLiteral("beta"), QStringLiteral("gamma"),
                        QStringLiteral("--map dst=")};
    QTest::addRow("binary garbage") << garbage(64 * 1024) << QStringList {};
    QTest::addRow("empty file") << QByteArray() << QStringList {};
    QTest::addRow("prose") << QByteArray("Dear analyst,\nplease find attached the logs.\n")
                           << QStringList {};
}

void TestImportJob::refusedLeavesCaseUnchanged()
{
    QFETCH(QByteArray, content);
    QFETCH(QStringList, errorMentions);

    const QString file = newFilePath(QStringLiteral("refused.csv"));
    QVERIFY(writeFile(file, content));
    const QString casePath = newCasePath();
    QStringList before;
    {
        const auto db = openCase(casePath);
        QVERIFY(db);
        const ImportReport first = runImport(*db, dataPath("import_rejects.csv"));
        QVERIFY2(first.imported(), describe(first));
        Marks marks(*db);
        QVERIFY(marks.setMark(std::string_view("1.0.0.0/24"), MarkStatus::KnownSafe, "dns").ok());
        before = snapshot(*db);
    }
    const QByteArray bytesBefore = sha256Hex(casePath);
    {
        const auto db = openCase(casePath);
        QVERIFY(db);
        const ImportReport report = runImport(*db, file);
        QCOMPARE(outcomeText(report.outcome), outcomeText(ImportReport::Outcome::Refused));
        QVERIFY2(report.error.message().contains(QFileInfo(file).fileName()),
                 qPrintable(report.error.message()));
        for (const QString &word : std::as_const(errorMentions))
            QVERIFY2(report.error.message().contains(word), qPrintable(report.error.message()));
        QCOMPARE(snapshot(*db), before);
    }
    QCOMPARE(sha256Hex(casePath), bytesBefore);
}

// A FIFO cannot be read three times (sniff, read, hash) and opening it blocks
// until a writer appears: it is refused before anything opens it.
void TestImportJob::pipeIsRefusedAtOnce()
{
    const QString fifo = newFilePath(QStringLiteral("export.csv"));
    QVERIFY(makeFifo(fifo));
    const QString casePath = newCasePath();
    QStringList before;
    {
        const auto db = openCase(casePath);
        QVERIFY(db);
        QVERIFY(runImport(*db, dataPath("import_rejects.csv")).imported());
        before = snapshot(*db);
    }
    const QByteArray bytesBefore = sha256Hex(casePath);
    {
        const auto db = openCase(casePath);
        QVERIFY(db);
        FifoWatchdog watchdog(fifo);
        const ImportReport report = runImport(*db, fifo);
        QVERIFY2(!watchdog.finish(), "the import blocked opening the FIFO");
        QCOMPARE(outcomeText(report.outcome), outcomeText(ImportReport::Outcome::Refused));
        QVERIFY2(report.error.message().startsWith(QDir::toNativeSeparators(fifo)
                                                   + QStringLiteral(": ")),
                 qPrintable(report.error.message()));
        QVERIFY2(report.error.message().contains(QStringLiteral("pipe")),
                 qPrintable(report.error.message()));
        QVERIFY2(report.error.message().contains(QStringLiteral("regular file")),
                 qPrintable(report.error.message()));
        QCOMPARE(snapshot(*db), before);
    }
    QCOMPARE(sha256Hex(casePath), bytesBefore);

    // The hash, which runs beside the read, checks for itself too.
    FifoWatchdog watchdog(fifo);
    const FileHash hash = sha256File(fifo);
    QVERIFY2(!watchdog.finish(), "the hash blocked opening the FIFO");
    QVERIFY(hash.value.empty());
    QVERIFY2(hash.error.message().contains(QStringLiteral("pipe")),
             qPrintable(hash.error.message()));
}

void TestImportJob::duplicateRefusedUnlessForced()
{
    const QString file = newFilePath(QStringLiteral("dup.csv"));
    QVERIFY(QFile::copy(dataPath("import_join_connections.csv"), file));
    const auto db = openCase(newCasePath());
    QVERIFY(db);
    const ImportReport first = runImport(*db, file);
    QVERIFY2(first.imported(), describe(first));
    CaseQueries queries(*db);
    const QStringList before = snapshot(*db);
    const RowsResult<DestinationRow> once = queries.destinations({.all = true});

    const ImportReport second = runImport(*db, file);
    QCOMPARE(outcomeText(second.outcome), outcomeText(ImportReport::Outcome::Refused));
    QCOMPARE(second.error.code(), Error::Code::Invalid);
    QVERIFY2(second.error.message().contains(QLatin1String("already imported")),
             qPrintable(second.error.message()));
    QVERIFY2(second.error.message().contains(QLatin1String("dup.csv")),
             qPrintable(second.error.message()));
    QVERIFY(second.duplicateOf > 0); // the source that holds the bytes
    QCOMPARE(snapshot(*db), before);

    // The same bytes under another name are the same file.
    const QString renamed = newFilePath(QStringLiteral("renamed.csv"));
    QVERIFY(QFile::copy(file, renamed));
    const ImportReport third = runImport(*db, renamed);
    QCOMPARE(outcomeText(third.outcome), outcomeText(ImportReport::Outcome::Refused));
    QVERIFY2(third.error.message().contains(QLatin1String("already imported")),
             qPrintable(third.error.message()));
    QCOMPARE(third.duplicateOf, second.duplicateOf);
    QCOMPARE(snapshot(*db), before);

    ImportOptions force;
    force.force = true;
    const ImportReport forced = runImport(*db, file, force);
    QVERIFY2(forced.imported(), describe(forced));
    QCOMPARE(forced.counts.loaded, first.counts.loaded);
    QCOMPARE(forced.counts.read, first.counts.read);
    QCOMPARE(queries.sources().value.size(), std::size_t(2));
    const RowsResult<DestinationRow> twice = queries.destinations({.all = true});
    QCOMPARE(twice.value.size(), once.value.size());
    for (std::size_t i = 0; i < once.value.size(); ++i) {
        QCOMPARE(twice.value[i].canonical, once.value[i].canonical);
        QCOMPARE(twice.value[i].connections, 2 * once.value[i].connections);
        // Same processes and hosts: distinct counts do not double.
        QCOMPARE(twice.value[i].processes, once.value[i].processes);
        QCOMPARE(twice.value[i].hosts, once.value[i].hosts);
        QCOMPARE(twice.value[i].ports, once.value[i].ports);
        QCOMPARE(twice.value[i].firstNs, once.value[i].firstNs);
        QCOMPARE(twice.value[i].lastNs, once.value[i].lastNs);
    }
}

void TestImportJob::notesAreKeptWithTheSource()
{
    // A Windows Firewall log says its times are local, with no zone.
    const QString file = newFilePath(QStringLiteral("pfirewall.log"));
    QVERIFY(QFile::copy(dataPath("w3c_pfirewall.log"), file));
    const QString casePath = newCasePath();
    {
        const auto db = openCase(casePath);
        QVERIFY(db);
        const ImportReport report = runImport(*db, file);
        QVERIFY2(report.imported(), describe(report));
        QVERIFY(!report.notes.isEmpty());
        QVERIFY2(report.notes.join(u' ').contains(QLatin1String("read as UTC")),
                 qPrintable(report.notes.join(u' ')));
    }
    // Reopened (read-only, as a colleague would): the notes are still there.
    const CaseDatabase::Result reopened
        = CaseDatabase::open(casePath, CaseDatabase::OpenMode::ReadOnly);
    QVERIFY2(reopened.ok(), qPrintable(reopened.error.message()));
    CaseQueries queries(*reopened.database);
    const RowsResult<SourceRow> sources = queries.sources();
    QVERIFY2(sources.ok(), qPrintable(sources.error.message()));
    QCOMPARE(sources.value.size(), std::size_t(1));
    QCOMPARE(sources.value[0].notes.size(), std::size_t(1));
    QVERIFY(toQString(sources.value[0].notes[0]).contains(QLatin1String("read as UTC")));

    // A file with nothing to note stores none.
    const auto db = openCase(casePath);
    const QString csv = newFilePath(QStringLiteral("plain.csv"));
    QVERIFY(QFile::copy(dataPath("import_join_connections.csv"), csv));
    const ImportReport plain = runImport(*db, csv);
    QVERIFY2(plain.imported(), describe(plain));
    QVERIFY(plain.notes.isEmpty());
    const RowsResult<SourceRow> both = CaseQueries(*db).sources();
    QCOMPARE(both.value.size(), std::size_t(2));
    QCOMPARE(both.value[0].notes.size(), std::size_t(1));
    QVERIFY(both.value[1].notes.empty());
}

void TestImportJob::formatTwoCaseHasNoNotesAndMigrates()
{
    const QString casePath = newCasePath();
    QVERIFY(openCase(casePath));
    {
        SqliteDb raw;
        QVERIFY(raw.open(casePath.toStdString(), SqliteDb::Access::ReadWrite));
        QVERIFY(raw.exec((statsAsFormat4() + eventsAsFormat3Table()
                          + "DROP TABLE source_notes; PRAGMA user_version = 2;")
                             .c_str()));
    }
    {
        const CaseDatabase::Result old
            = CaseDatabase::open(casePath, CaseDatabase::OpenMode::ReadOnly);
        QVERIFY2(old.ok(), qPrintable(old.error.message()));
        QCOMPARE(old.database->schemaVersion(), 2);
        const RowsResult<SourceRow> sources = CaseQueries(*old.database).sources();
        QVERIFY2(sources.ok(), qPrintable(sources.error.message()));
    }
    const auto db = openCase(casePath); // for writing: migrated
    QVERIFY(db);
    QCOMPARE(db->schemaVersion(), CaseDatabase::kSchemaVersion);
    const QString file = newFilePath(QStringLiteral("pfirewall.log"));
    QVERIFY(QFile::copy(dataPath("w3c_pfirewall.log"), file));
    QVERIFY(runImport(*db, file).imported());
    QCOMPARE(CaseQueries(*db).sources().value.at(0).notes.size(), std::size_t(1));
}

void TestImportJob::marksSurviveImports()
{
    const auto db = openCase(newCasePath());
    QVERIFY(db);
    Marks marks(*db);
    QVERIFY(marks.setMark(std::string_view("93.184.216.0/24"), MarkStatus::KnownSafe, "cdn").ok());
    QVERIFY(marks.setMark(std::string_view("2001:4860::/32"), MarkStatus::Internal, "ours").ok());
    QVERIFY(marks.setMark(std::string_view("8.8.8.8"), MarkStatus::Suspicious, "=why?").ok());
    const QStringList before = markTexts(*db);
    QCOMPARE(before.size(), 3);

    for (const char *name : {"import_zeek.log", "csv_sls_connections.csv", "import_zeek.ndjson"}) {
        const ImportReport report = runImport(*db, dataPath(name));
        QVERIFY2(report.imported(), describe(report));
        QCOMPARE(markTexts(*db), before);
    }
    // The marks apply to the imported destinations at once.
    CaseQueries queries(*db);
    const RowsResult<DestinationRow> all = queries.destinations({.all = true});
    const DestinationRow *cdn = findDestination(all, "93.184.216.34");
    QVERIFY(cdn);
    QCOMPARE(cdn->status, MarkStatus::KnownSafe);
    QCOMPARE(cdn->note, std::string("cdn"));
    QCOMPARE(cdn->markCidr, std::string("93.184.216.0/24"));
    const DestinationRow *ours = findDestination(all, "2001:4860:4860::8888");
    QVERIFY(ours);
    QCOMPARE(ours->status, MarkStatus::Internal);
    QVERIFY(!findDestination(queries.destinations(), "2001:4860:4860::8888"));
}

namespace {

// "bytes_out|bytes_in[|directions]" of one row of a statistics table, "-"
// for NULL.
QString statsBytes(SqliteDb &db, const char *table, const char *key, std::int64_t id,
                   bool withDirections = false)
{
    const std::string sql = std::string("SELECT ifnull(bytes_out, '-'), ifnull(bytes_in, '-')")
        + (withDirections ? ", directions" : ", ''") + " FROM " + table + " WHERE " + key + " = ?1";
    Statement s(db, sql);
    s.bindInt64(1, id);
    if (s.step() != Statement::Step::Row)
        return QStringLiteral("no row");
    QString out = QString::fromStdString(std::string(s.columnText(0))) + u'|'
        + QString::fromStdString(std::string(s.columnText(1)));
    if (withDirections)
        out += u'|' + QString::number(s.columnInt64(2));
    return out;
}

std::int64_t idOf(SqliteDb &db, const char *sql, const char *text)
{
    Statement s(db, sql);
    s.bindText(1, text);
    return s.step() == Statement::Step::Row ? s.columnInt64(0) : -1;
}

} // namespace

void TestImportJob::bytesAndDirectionsAreAggregated()
{
    // The local end's bytes: sent is out on an outbound row; an inbound row's
    // source is the peer, so what it sent came in.
    const QString first = newFilePath(QStringLiteral("first.csv"));
    QVERIFY(
        writeFile(first,
                  "sensor_id,process_uuid,src_addr,dst_addr,direction,bytes_sent,bytes_received\n"
                  "h1,p1,10.0.0.5,8.8.8.8,out,100,1000\n"
                  "h1,p1,10.0.0.5,8.8.8.8,out,50,\n"
                  "h1,p2,1.1.1.1,10.0.0.5,in,7,9\n"
                  "h1,p2,10.0.0.5,1.1.1.1,out,,\n"
                  "h2,p3,9.9.9.9,10.0.0.5,in,-,-\n"
                  "h2,p3,10.0.0.5,4.4.4.4,,9223372036854775807,0\n"
                  "h2,p3,10.0.0.5,4.4.4.4,,9223372036854775807,1\n"));
    const auto db = openCase(newCasePath());
    QVERIFY(db);
    const ImportReport a = runImport(*db, first);
    QVERIFY2(a.imported(), describe(a));
    QCOMPARE(a.counts.loaded, 7);
    SqliteDb &sql = db->db();
    const char *destOf = "SELECT id FROM destinations WHERE canonical = ?1";
    const char *processOf = "SELECT id FROM processes WHERE key = ?1";
    const char *hostOf = "SELECT id FROM hosts WHERE key = ?1";
    const auto dest = [&](const char *address) {
        return statsBytes(sql, "dest_stats", "dest_id", idOf(sql, destOf, address), true);
    };
    QCOMPARE(dest("8.8.8.8"), QStringLiteral("150|1000|1"));
    QCOMPARE(dest("1.1.1.1"), QStringLiteral("9|7|3"));
    QCOMPARE(dest("9.9.9.9"), QStringLiteral("-|-|2"));
    // No direction counts as outbound; the sum saturates instead of wrapping.
    QCOMPARE(dest("4.4.4.4"), QStringLiteral("9223372036854775807|1|1"));
    QCOMPARE(statsBytes(sql, "process_stats", "process_id", idOf(sql, processOf, "p1")),
             QStringLiteral("150|1000"));
    QCOMPARE(statsBytes(sql, "process_stats", "process_id", idOf(sql, processOf, "p2")),
             QStringLiteral("9|7"));
    QCOMPARE(statsBytes(sql, "host_stats", "host_id", idOf(sql, hostOf, "h1")),
             QStringLiteral("159|1007"));
    // The events keep their own counts.
    QCOMPARE(scalar(sql, "SELECT count(*) FROM events WHERE bytes_out IS NOT NULL"),
             std::int64_t(5));

    // A second import adds to what the case holds (the actors are recounted
    // from the events then).
    const QString second = newFilePath(QStringLiteral("second.csv"));
    QVERIFY(
        writeFile(second,
                  "sensor_id,process_uuid,src_addr,dst_addr,direction,bytes_sent,bytes_received\n"
                  "h1,p1,10.0.0.5,8.8.8.8,out,1,2\n"
                  "h2,p3,10.0.0.5,9.9.9.9,out,,\n"
                  "h2,p3,10.0.0.5,4.4.4.4,,5,5\n"));
    const ImportReport b = runImport(*db, second);
    QVERIFY2(b.imported(), describe(b));
    QCOMPARE(dest("8.8.8.8"), QStringLiteral("151|1002|1"));
    QCOMPARE(dest("9.9.9.9"), QStringLiteral("-|-|3"));
    QCOMPARE(dest("4.4.4.4"), QStringLiteral("9223372036854775807|6|1"));
    QCOMPARE(statsBytes(sql, "process_stats", "process_id", idOf(sql, processOf, "p1")),
             QStringLiteral("151|1002"));
    QCOMPARE(statsBytes(sql, "host_stats", "host_id", idOf(sql, hostOf, "h1")),
             QStringLiteral("160|1009"));
    QCOMPARE(statsBytes(sql, "host_stats", "host_id", idOf(sql, hostOf, "h2")),
             QStringLiteral("9223372036854775807|6"));

    // What the workbench and the exports read.
    CaseQueries queries(*db);
    const RowsResult<DestinationRow> rows = queries.destinations({.all = true});
    QVERIFY2(rows.ok(), qPrintable(rows.error.message()));
    const DestinationRow *google = findDestination(rows, "8.8.8.8");
    QVERIFY(google);
    QCOMPARE(google->bytesOut, std::int64_t(151));
    QCOMPARE(google->bytesIn, std::int64_t(1002));
    QCOMPARE(google->directions, std::uint8_t(kSawOutbound));
    const auto snapshot = DestinationSnapshot::read(queries);
    QVERIFY2(snapshot.ok(), qPrintable(snapshot.error.message()));
    const std::int64_t row = snapshot.value->rowOfId(google->id);
    QVERIFY(row >= 0);
    QCOMPARE(snapshot.value->bytesOut(std::size_t(row)), std::int64_t(151));
    QCOMPARE(snapshot.value->bytesIn(std::size_t(row)), std::int64_t(1002));
    const DestinationRow *quad9 = findDestination(rows, "9.9.9.9");
    QVERIFY(quad9);
    QCOMPARE(quad9->bytesOut, std::int64_t(-1));
    QCOMPARE(quad9->directions, std::uint8_t(kSawOutbound | kSawInbound));
    // The Processes tab's summary.
    const RowsResult<ProcessSummaryRow> processes = queries.processes();
    QVERIFY2(processes.ok(), qPrintable(processes.error.message()));
    QStringList sums;
    for (const ProcessSummaryRow &p : processes.value)
        sums << QStringLiteral("%1:%2/%3")
                    .arg(toQString(p.process.key))
                    .arg(p.bytesOut)
                    .arg(p.bytesIn);
    sums.sort();
    QCOMPARE(sums,
             (QStringList {QStringLiteral("p1:151/1002"), QStringLiteral("p2:9/7"),
                           QStringLiteral("p3:9223372036854775807/6")}));
}

void TestImportJob::formatFourCaseGetsDirectionsFromItsEvents()
{
    const QString file = newFilePath(QStringLiteral("dirs.csv"));
    QVERIFY(writeFile(file,
                      "src_addr,dst_addr,direction\n"
                      "10.0.0.5,8.8.8.8,out\n"
                      "1.1.1.1,10.0.0.5,in\n"
                      "10.0.0.5,1.1.1.1,\n"
                      "9.9.9.9,10.0.0.5,in\n"));
    const QString path = newCasePath();
    {
        const auto db = openCase(path);
        QVERIFY(db);
        const ImportReport report = runImport(*db, file);
        QVERIFY2(report.imported(), describe(report));
    }
    {
        SqliteDb raw;
        QVERIFY(raw.open(path.toStdString(), SqliteDb::Access::ReadWrite));
        QVERIFY(raw.exec((statsAsFormat4() + "PRAGMA user_version = 4;").c_str()));
    }
    {
        // Read in its own format: no bytes, directions unknown.
        const CaseDatabase::Result old = CaseDatabase::open(path, CaseDatabase::OpenMode::ReadOnly);
        QVERIFY2(old.ok(), qPrintable(old.error.message()));
        QCOMPARE(old.database->schemaVersion(), 4);
        CaseQueries queries(*old.database);
        const RowsResult<DestinationRow> rows = queries.destinations({.all = true});
        QVERIFY2(rows.ok(), qPrintable(rows.error.message()));
        QCOMPARE(rows.value.size(), std::size_t(3));
        for (const DestinationRow &row : rows.value) {
            QCOMPARE(row.bytesOut, std::int64_t(-1));
            QCOMPARE(row.directions, std::uint8_t(0));
        }
        const auto snapshot = DestinationSnapshot::read(queries);
        QVERIFY2(snapshot.ok(), qPrintable(snapshot.error.message()));
        QCOMPARE(snapshot.value->directions(0), std::uint8_t(0));
    }
    const auto db = openCase(path);
    QVERIFY(db);
    QCOMPARE(db->schemaVersion(), CaseDatabase::kSchemaVersion);
    SqliteDb &sql = db->db();
    const char *destOf = "SELECT id FROM destinations WHERE canonical = ?1";
    const auto dest = [&](const char *address) {
        return statsBytes(sql, "dest_stats", "dest_id", idOf(sql, destOf, address), true);
    };
    QCOMPARE(dest("8.8.8.8"), QStringLiteral("-|-|1"));
    QCOMPARE(dest("1.1.1.1"), QStringLiteral("-|-|3"));
    QCOMPARE(dest("9.9.9.9"), QStringLiteral("-|-|2"));
}

void TestImportJob::secondImportMerges()
{
    const QString first = newFilePath(QStringLiteral("first.csv"));
    const QString second = newFilePath(QStringLiteral("second.csv"));
    QVERIFY(writeFile(first,
                      "unix_nano_timestamp,sensor_id,process_uuid,dst_addr,dst_port\n"
                      "1732000100000000000,s1,p1,93.184.216.34,443\n"
                      "1732000200000000000,s1,p1,93.184.216.34,80\n"
                      "1732000150000000000,s1,p1,140.82.112.3,443\n"));
    QVERIFY(writeFile(second,
                      "unix_nano_timestamp,sensor_id,process_uuid,dst_addr,dst_port\n"
                      "1732000050000000000,s1,p1,93.184.216.34,8080\n"
                      "1732000300000000000,s1,p2,93.184.216.34,22\n"
                      "1732000150000000000,s2,p3,93.184.216.34,443\n"
                      "1732000400000000000,s2,p3,151.101.1.69,443\n"));
    const auto db = openCase(newCasePath());
    QVERIFY(db);
    const ImportReport a = runImport(*db, first);
    QVERIFY2(a.imported(), describe(a));
    CaseQueries queries(*db);
    {
        const RowsResult<DestinationRow> afterFirst = queries.destinations();
        const DestinationRow *row = findDestination(afterFirst, "93.184.216.34");
        QVERIFY(row);
        QCOMPARE(full(*row).section(u'|', 8),
                 QStringLiteral("2|1|1|80;443|1732000100000000000|1732000200000000000"));
    }
    const ImportReport b = runImport(*db, second);
    QVERIFY2(b.imported(), describe(b));

    QStringList rows;
    for (const DestinationRow &row : queries.destinations({.all = true}).value)
        rows.append(toQString(row.canonical) + QLatin1Char('|') + full(row).section(u'|', 8));
    QCOMPARE(rows,
             (QStringList {
                 QStringLiteral(
                     "93.184.216.34|5|3|2|22;80;443;8080|1732000050000000000|1732000300000000000"),
                 QStringLiteral("140.82.112.3|1|1|1|443|1732000150000000000|1732000150000000000"),
                 QStringLiteral("151.101.1.69|1|1|1|443|1732000400000000000|1732000400000000000"),
             }));
}

void TestImportJob::portListIsCapped()
{
    // Even ports 2..24 in one file, odd 1..25 in the other: 25 distinct.
    QByteArray even = "dst_addr,dst_port\n";
    QByteArray odd = "dst_addr,dst_port\n";
    for (int port = 1; port <= 25; ++port)
        (port % 2 ? odd : even) += "1.1.1.1," + QByteArray::number(port) + '\n';
    // 21 distinct ports in one file, given in descending order.
    QByteArray many = "dst_addr,dst_port\n";
    for (int port = 120; port >= 100; --port)
        many += "9.9.9.9," + QByteArray::number(port) + '\n';
    const QString evenFile = newFilePath(QStringLiteral("even.csv"));
    const QString oddFile = newFilePath(QStringLiteral("odd.csv"));
    const QString manyFile = newFilePath(QStringLiteral("many.csv"));
    QVERIFY(writeFile(evenFile, even) && writeFile(oddFile, odd) && writeFile(manyFile, many));

    QStringList first20;
    for (int port = 1; port <= 20; ++port)
        first20.append(QString::number(port));
    QStringList from100;
    for (int port = 100; port <= 119; ++port)
        from100.append(QString::number(port));
    const QString ellipsis = QStringLiteral(";\u2026");

    const auto db = openCase(newCasePath());
    QVERIFY(db);
    CaseQueries queries(*db);
    QVERIFY(runImport(*db, evenFile).imported());
    const RowsResult<DestinationRow> afterEven = queries.destinations();
    QVERIFY(findDestination(afterEven, "1.1.1.1"));
    QCOMPARE(toQString(findDestination(afterEven, "1.1.1.1")->ports),
             QStringLiteral("2;4;6;8;10;12;14;16;18;20;22;24"));
    QVERIFY(runImport(*db, oddFile).imported());
    QVERIFY(runImport(*db, manyFile).imported());
    const RowsResult<DestinationRow> all = queries.destinations();
    QVERIFY(findDestination(all, "1.1.1.1") && findDestination(all, "9.9.9.9"));
    QCOMPARE(findDestination(all, "1.1.1.1")->connections, 25);
    QCOMPARE(toQString(findDestination(all, "1.1.1.1")->ports), first20.join(u';') + ellipsis);
    QCOMPARE(toQString(findDestination(all, "9.9.9.9")->ports), from100.join(u';') + ellipsis);
}

void TestImportJob::timestamps_data()
{
    QTest::addColumn<QByteArray>("column");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<qint64>("expectedNs");

    QTest::addRow("SLS integer ns")
        << QByteArray("unix_nano_timestamp") << QByteArray("1732000000123456789")
        << qint64(1732000000123456789LL);
    QTest::addRow("epoch seconds integer")
        << QByteArray("time") << QByteArray("1732000000") << qint64(1732000000000000000LL);
    QTest::addRow("epoch seconds fractional")
        << QByteArray("ts") << QByteArray("1732000000.5") << qint64(1732000000500000000LL);
    QTest::addRow("ISO 8601 +0000")
        << QByteArray("timestamp") << QByteArray("2023-02-28T11:34:02.133169+0000")
        << qint64(1677584042133169000LL);
    QTest::addRow("ISO 8601 Z") << QByteArray("@timestamp")
                                << QByteArray("2024-11-19T07:06:40.013Z")
                                << qint64(1732000000013000000LL);
    QTest::addRow("ISO 8601 offset")
        << QByteArray("timestamp") << QByteArray("2021-06-22T12:19:41+02:00")
        << qint64(1624357181000000000LL);
    QTest::addRow("ISO 8601 without zone")
        << QByteArray("timestamp") << QByteArray("2024-11-19T07:06:40")
        << qint64(1732000000000000000LL);
    QTest::addRow("Sysmon UtcTime")
        << QByteArray("UtcTime") << QByteArray("2023-07-18 14:43:52.031")
        << qint64(1689691432031000000LL);
}

void TestImportJob::timestamps()
{
    QFETCH(QByteArray, column);
    QFETCH(QByteArray, value);
    QFETCH(qint64, expectedNs);

    const QString file = newFilePath(QStringLiteral("time.csv"));
    QVERIFY(writeFile(file, column + ",dst_addr\n" + value + ",93.184.216.34\n"));
    const auto db = openCase(newCasePath());
    QVERIFY(db);
    const ImportReport report = runImport(*db, file);
    QVERIFY2(report.imported(), describe(report));
    QCOMPARE(report.counts.loaded, 1);
    QCOMPARE(report.counts.timesUnset, 0);
    CaseQueries queries(*db);
    const RowsResult<DestinationRow> all = queries.destinations({.all = true});
    QCOMPARE(all.value.size(), std::size_t(1));
    QCOMPARE(timeText(all.value.front().firstNs), QString::number(expectedNs));
    QCOMPARE(timeText(all.value.front().lastNs), QString::number(expectedNs));
}

void TestImportJob::unreadableTimesAreCounted()
{
    const QString file = newFilePath(QStringLiteral("badtimes.csv"));
    QVERIFY(writeFile(file,
                      "timestamp,dst_addr,dst_port\n"
                      "2024-11-19T07:06:40Z,93.184.216.34,443\n"
                      "yesterday,140.82.112.3,443\n"
                      "2024-13-45T99:99:99Z,140.82.112.3,80\n"
                      "2024-11-19T07:06:50Z,93.184.216.34,443\n"
                      "XXXXXXXXXX.XXXXXX,93.184.216.34,80\n"));
    const auto db = openCase(newCasePath());
    QVERIFY(db);
    const ImportReport report = runImport(*db, file);
    QVERIFY2(report.imported(), describe(report));
    QCOMPARE(report.counts.read, 5);
    QCOMPARE(report.counts.loaded, 5);
    QCOMPARE(report.counts.rejected, 0);
    QCOMPARE(report.counts.timesUnset, 3);
    CaseQueries queries(*db);
    QCOMPARE(queries.sources().value.front().timesUnset, 3);
    const RowsResult<DestinationRow> all = queries.destinations({.all = true});
    const DestinationRow *timeless = findDestination(all, "140.82.112.3");
    QVERIFY(timeless);
    QCOMPARE(timeless->connections, 2);
    QCOMPARE(timeText(timeless->firstNs), QStringLiteral("unset"));
    QCOMPARE(timeText(timeless->lastNs), QStringLiteral("unset"));
    const DestinationRow *timed = findDestination(all, "93.184.216.34");
    QVERIFY(timed);
    QCOMPARE(timed->connections, 3);
    QCOMPARE(timeText(timed->firstNs), QStringLiteral("1732000000000000000"));
    QCOMPARE(timeText(timed->lastNs), QStringLiteral("1732000010000000000"));
}

void TestImportJob::hostileInput_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("goodRows"); // rows that load when the file is accepted
    QTest::addColumn<int>("badLine"); // the line a rejected row must name; 0: any

    const QByteArray header = "unix_nano_timestamp,dst_addr,dst_port,process_uuid\n";
    const QByteArray good1 = "1732000000000000000,93.184.216.34,443,p1\n";
    const QByteArray good2 = "1732000001000000000,140.82.112.3,443,p2\n";
    // Early: the bad row is within the first kilobyte, where the format is
    // detected. Late: 5000 good rows (about 250 KB) come first.
    QByteArray late;
    for (int i = 0; i < 5000; ++i)
        late += "1732000002000000000,151.101." + QByteArray::number(i % 250) + '.'
            + QByteArray::number(1 + i / 250) + ",443,pad\n";
    const QByteArray longField(1536 * 1024, 'a');
    const QByteArray nul = "1732000003,9.9.9.9" + QByteArray(2, '\0') + ",53,p4\n";

    struct Bad
    {
        const char *name;
        QByteArray row; // starts on its own line
        bool last; // nothing may follow it
    };
    const Bad bads[] = {
        {"truncated mid-quote", "1732000003,\"151.101.1.69,443,p3\nand then the file ends", true},
        {"1.5 MB line", "1732000003," + longField + ",443,p9\n", false},
        {"1.5 MB last line without a newline", "1732000003," + longField, true},
        {"NUL bytes", nul, false},
        {"invalid UTF-8 in the address", "1732000003,9.9.9.\xff\xfe,53,p4\n", false},
        {"invalid UTF-8 in the process key", "1732000003,9.9.9.9,53,p\xc3\x28\n", false},
        {"unbalanced quote inside a field", "1732000003,9.9.9.9\",53,p4\n", false},
    };
    for (const Bad &bad : bads) {
        for (const bool isLate : {false, true}) {
            const int padRows = isLate ? 5000 : 0;
            QTest::addRow("%s, %s", bad.name, isLate ? "late" : "early")
                << header + good1 + (isLate ? late : QByteArray()) + bad.row
                    + (bad.last ? QByteArray() : good2)
                << 1 + padRows + (bad.last ? 0 : 1) << 3 + padRows;
        }
    }
    QTest::addRow("binary garbage") << garbage(256 * 1024) << 0 << 0;
    QTest::addRow("garbage after a header") << header + good1 + garbage(8192) << 1 << 0;
    QTest::addRow("garbage after 250 KB") << header + good1 + late + garbage(8192) << 5001 << 0;
}

void TestImportJob::hostileInput()
{
    QFETCH(QByteArray, content);
    QFETCH(int, goodRows);
    QFETCH(int, badLine);

    const QString file = newFilePath(QStringLiteral("hostile.csv"));
    QVERIFY(writeFile(file, content));
    const auto db = openCase(newCasePath());
    QVERIFY(db);
    const ImportReport report = runImport(*db, file);
    CaseQueries queries(*db);
    // Either outcome is allowed; each must be complete.
    if (report.outcome == ImportReport::Outcome::Refused) {
        QVERIFY2(report.error.message().contains(QFileInfo(file).fileName()),
                 qPrintable(report.error.message()));
        QVERIFY(queries.sources().value.empty());
        QVERIFY(queries.destinations({.all = true}).value.empty());
        QVERIFY(queries.rejected().value.empty());
        return;
    }
    QVERIFY2(report.imported(), describe(report));
    QCOMPARE(report.counts.loaded, goodRows);
    QVERIFY2(report.counts.rejected >= 1, describe(report));
    const RowsResult<RejectedRow> rejected = queries.rejected();
    QVERIFY2(rejected.ok(), qPrintable(rejected.error.message()));
    QCOMPARE(std::int64_t(rejected.value.size()), report.counts.rejected);
    bool named = badLine == 0;
    for (const RejectedRow &row : rejected.value) {
        QVERIFY2(row.line >= 1, qPrintable(QString::number(row.line)));
        QVERIFY2(!row.reason.empty(), qPrintable(QString::number(row.line)));
        QVERIFY2(row.raw.size() <= 4096, qPrintable(QString::number(row.raw.size())));
        named = named || row.line == badLine;
    }
    QVERIFY2(named, qPrintable(QStringLiteral("no rejected row names line %1").arg(badLine)));
}

QTEST_GUILESS_MAIN(TestImportJob)
#include "tst_importjob.moc"
