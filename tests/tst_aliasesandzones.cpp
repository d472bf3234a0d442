// Case format 6 as the import writes it and the queries read it:
//
// One process, one row. aliases_windows.ndjson (DC01 unless said):
//   1  Sysmon dns.exe pid 2348 {…0a}  09:00 -> 8.8.8.8:53
//   2  WFP    dns.exe pid 2348 (NT device path) 09:10 -> 8.8.8.8:53   same process
//   3  WFP    the same                          09:11 -> 1.1.1.1:53   same process
//   4  WFP    dns.exe pid 2348 on DC02          09:10 -> 9.9.9.9:53   another host
//   5  WFP    svchost.exe pid 900               09:00 -> 8.8.4.4:443
//   6  Sysmon svchost.exe pid 900 {…0b}         12:00 -> 8.8.4.4:443  3 h later: apart
//   7  WFP    ntdsutil.exe pid 2772             09:20 -> 203.0.113.5:443
//   8  Sysmon System pid 4 {…04}                09:30 -> 198.51.100.20:445
//   9  WFP    System pid 4                      09:31 -> 198.51.100.20:445  same process
// aliases_windows_more.ndjson, a second import:
//  10  Sysmon ntdsutil.exe pid 2772 {…0c}       09:25 -> 203.0.113.5:443  joins 7
//
// Times of unknown zone: w3c_pfirewall.log ("#Time Format: Local") beside
// sources_connections.csv (UTC); see tst_networksources for the latter.

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "core/text.h"
#include "ingest/importjob.h"
#include "review/destinationsnapshot.h"
#include "storage/casedatabase.h"
#include "storage/casequeries.h"
#include "storage/sqlite.h"
#include "storage/unknownzone.h"
#include "testutils.h"

#include <algorithm>
#include <memory>
#include <string>

using namespace ea;
using namespace ea::test;

namespace {

constexpr const char *kDnsDevice = "\\device\\harddiskvolume2\\windows\\system32\\dns.exe";

} // namespace

class TestAliasesAndZones : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void secondSpellingIsCountedUnderTheFirst();
    void spellingsThatDifferStayApart();
    void laterImportJoinsAnEarlierSpelling();
    void processFilterFindsEitherSpelling();
    void processesExportIsNoEvidence();
    void zoneUnknownTimesAreFound();
    void zoneUnknownRowsAreFlagged();
    void formatFiveCaseGetsItsZoneFlag();

private:
    [[nodiscard]] static std::unique_ptr<CaseDatabase> create(const QString &path);
    static void import(CaseDatabase &database, const char *file);
    [[nodiscard]] static std::int64_t destinationId(CaseDatabase &database, const char *address);
    [[nodiscard]] static const ProcessSummaryRow *
    processRow(const std::vector<ProcessSummaryRow> &rows, const char *key);

    QTemporaryDir m_dir;
    std::unique_ptr<CaseDatabase> m_windows; // aliases_windows.ndjson only
    std::unique_ptr<CaseDatabase> m_zones; // w3c_pfirewall.log and sources_connections.csv
};

std::unique_ptr<CaseDatabase> TestAliasesAndZones::create(const QString &path)
{
    CaseDatabase::Result opened = CaseDatabase::open(path, CaseDatabase::OpenMode::CreateIfMissing);
    if (!opened.ok())
        qWarning("%s", qPrintable(opened.error.message()));
    return std::move(opened.database);
}

void TestAliasesAndZones::import(CaseDatabase &database, const char *file)
{
    const ImportReport report = ImportJob(database, dataPath(file)).run();
    QVERIFY2(report.imported(), qPrintable(report.error.message()));
}

std::int64_t TestAliasesAndZones::destinationId(CaseDatabase &database, const char *address)
{
    Statement s(database.db(), "SELECT id FROM destinations WHERE canonical = ?1");
    s.bindText(1, address);
    return s.step() == Statement::Step::Row ? s.columnInt64(0) : -1;
}

const ProcessSummaryRow *TestAliasesAndZones::processRow(const std::vector<ProcessSummaryRow> &rows,
                                                         const char *key)
{
    const auto found = std::find_if(
        rows.begin(), rows.end(), [&](const ProcessSummaryRow &r) { return r.process.key == key; });
    return found == rows.end() ? nullptr : &*found;
}

void TestAliasesAndZones::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_windows = create(m_dir.filePath(QStringLiteral("windows.eacase")));
    QVERIFY(m_windows);
    import(*m_windows, "aliases_windows.ndjson");
    m_zones = create(m_dir.filePath(QStringLiteral("zones.eacase")));
    QVERIFY(m_zones);
    import(*m_zones, "w3c_pfirewall.log");
    import(*m_zones, "sources_connections.csv");
}

void TestAliasesAndZones::secondSpellingIsCountedUnderTheFirst()
{
    CaseQueries queries(*m_windows);
    const RowsResult<ProcessSummaryRow> processes = queries.processes();
    QVERIFY2(processes.ok(), qPrintable(processes.error.message()));
    // dns.exe on DC01 is one row with all three connections, shown by its
    // drive path, the device path kept.
    const ProcessSummaryRow *dns
        = processRow(processes.value, "{fe86be69-0000-0000-0000-00000000000a}");
    QVERIFY(dns);
    QCOMPARE(dns->process.connections, std::int64_t(3));
    QCOMPARE(dns->destinations, std::int64_t(2));
    QCOMPARE(dns->process.path, std::string("C:\\Windows\\System32\\dns.exe"));
    QCOMPARE(dns->process.alsoKnownAs, std::vector<std::string> {kDnsDevice});
    // Rows: dns (DC01), dns (DC02), svchost twice, ntdsutil, System: no row
    // for an alias.
    QCOMPARE(processes.value.size(), std::size_t(6));
    // System (pid 4) is one process too: the same name, keyed by pid in WFP.
    const ProcessSummaryRow *system
        = processRow(processes.value, "{fe86be69-0000-0000-0000-000000000004}");
    QVERIFY(system);
    QCOMPARE(system->process.connections, std::int64_t(2));
    QVERIFY(system->process.alsoKnownAs.empty()); // one spelling of the path

    // 8.8.8.8 was reached by one process, not two.
    const RowsResult<DestinationRow> rows = queries.destinations({.all = true});
    QVERIFY(rows.ok());
    const auto google
        = std::find_if(rows.value.begin(), rows.value.end(),
                       [](const DestinationRow &r) { return r.canonical == "8.8.8.8"; });
    QVERIFY(google != rows.value.end());
    QCOMPARE(google->processes, std::int64_t(1));
    QCOMPARE(google->connections, std::int64_t(2));

    // The drill-down: one row, both spellings.
    const RowsResult<ProcessRow> of = queries.processesOf(destinationId(*m_windows, "8.8.8.8"));
    QVERIFY(of.ok());
    QCOMPARE(of.value.size(), std::size_t(1));
    QCOMPARE(of.value[0].connections, std::int64_t(2));
    QCOMPARE(of.value[0].alsoKnownAs, std::vector<std::string> {kDnsDevice});
}

void TestAliasesAndZones::spellingsThatDifferStayApart()
{
    const RowsResult<ProcessSummaryRow> processes = CaseQueries(*m_windows).processes();
    QVERIFY(processes.ok());
    // Another host's dns.exe with the same pid.
    const auto dc02 = std::find_if(
        processes.value.begin(), processes.value.end(),
        [](const ProcessSummaryRow &r) { return r.process.hostKey == "DC02.example.com"; });
    QVERIFY(dc02 != processes.value.end());
    QCOMPARE(dc02->process.path, std::string(kDnsDevice));
    QVERIFY(dc02->process.alsoKnownAs.empty());
    // svchost.exe's two spellings are three hours apart.
    const ProcessSummaryRow *device = processRow(processes.value, "900");
    const ProcessSummaryRow *drive
        = processRow(processes.value, "{fe86be69-0000-0000-0000-00000000000b}");
    QVERIFY(device && drive);
    QVERIFY(device->process.alsoKnownAs.empty() && drive->process.alsoKnownAs.empty());
    QCOMPARE(scalar(m_windows->db(), "SELECT count(*) FROM processes WHERE alias_of IS NOT NULL"),
             std::int64_t(2)); // dns.exe and System
}

void TestAliasesAndZones::laterImportJoinsAnEarlierSpelling()
{
    const QString path = m_dir.filePath(QStringLiteral("two.eacase"));
    QVERIFY(QFile::copy(m_dir.filePath(QStringLiteral("windows.eacase")), path));
    std::unique_ptr<CaseDatabase> database = create(path);
    QVERIFY(database);
    import(*database, "aliases_windows_more.ndjson");
    CaseQueries queries(*database);
    const RowsResult<ProcessSummaryRow> processes = queries.processes();
    QVERIFY(processes.ok());
    QCOMPARE(processes.value.size(), std::size_t(6)); // still six
    // The WFP spelling came first and counts both; the drive path shows.
    const ProcessSummaryRow *ntdsutil = processRow(processes.value, "2772");
    QVERIFY(ntdsutil);
    QCOMPARE(ntdsutil->process.connections, std::int64_t(2));
    QCOMPARE(ntdsutil->process.path, std::string("C:\\Windows\\system32\\ntdsutil.exe"));
    QCOMPARE(
        ntdsutil->process.alsoKnownAs,
        std::vector<std::string> {"\\device\\harddiskvolume2\\windows\\system32\\ntdsutil.exe"});
    const RowsResult<DestinationRow> rows = queries.destinations({.all = true});
    QVERIFY(rows.ok());
    for (const DestinationRow &row : rows.value) {
        if (row.canonical == "203.0.113.5")
            QCOMPARE(row.processes, std::int64_t(1));
    }
}

void TestAliasesAndZones::processFilterFindsEitherSpelling()
{
    CaseQueries queries(*m_windows);
    const auto addresses = [&](std::string_view text) {
        const RowsResult<std::int64_t> ids = queries.destinationIdsWithProcess(text);
        const RowsResult<DestinationRow> rows = queries.destinationsByIds(ids.value);
        QStringList out;
        for (const DestinationRow &row : rows.value)
            out.append(toQString(row.canonical));
        out.sort();
        return out.join(QLatin1Char(' '));
    };
    // The device path names DC01's dns.exe (through its alias) and DC02's.
    QCOMPARE(addresses("harddiskvolume2\\windows\\system32\\dns.exe"),
             QStringLiteral("1.1.1.1 8.8.8.8 9.9.9.9"));
    QCOMPARE(addresses("c:\\windows\\system32\\dns.exe"), QStringLiteral("1.1.1.1 8.8.8.8"));
}

// A processes export names a process by its own key and has no time: it
// never makes an alias, and the process it names keeps its own row.
void TestAliasesAndZones::processesExportIsNoEvidence()
{
    const QString path = m_dir.filePath(QStringLiteral("export.eacase"));
    QVERIFY(QFile::copy(m_dir.filePath(QStringLiteral("windows.eacase")), path));
    std::unique_ptr<CaseDatabase> database = create(path);
    QVERIFY(database);
    // svchost.exe's Sysmon spelling, listed again, and a new one of pid 900.
    const QString file = m_dir.filePath(QStringLiteral("processes.csv"));
    QVERIFY(writeFile(file,
                      "process_uuid,sensor_id,pid,path\n"
                      "{fe86be69-0000-0000-0000-00000000000d},DC01.example.com,900,"
                      "C:\\Windows\\System32\\svchost.exe\n"));
    const ImportReport report = ImportJob(*database, file).run();
    QVERIFY2(report.imported(), qPrintable(report.error.message()));
    QCOMPARE(scalar(database->db(), "SELECT count(*) FROM processes WHERE alias_of IS NOT NULL"),
             std::int64_t(2)); // dns.exe and System, as before
    const RowsResult<ProcessSummaryRow> processes = CaseQueries(*database).processes();
    QVERIFY(processes.ok());
    const ProcessSummaryRow *device = processRow(processes.value, "900");
    QVERIFY(device);
    QCOMPARE(device->process.path,
             std::string("\\device\\harddiskvolume2\\windows\\system32\\svchost.exe"));
}

void TestAliasesAndZones::zoneUnknownTimesAreFound()
{
    CaseQueries queries(*m_zones);
    const RowsResult<SourceRow> sources = queries.sources();
    QVERIFY(sources.ok());
    QCOMPARE(sources.value.size(), std::size_t(2));
    QCOMPARE(sources.value[0].format, std::string("w3c-firewall"));
    QVERIFY(sources.value[0].timesZoneUnknown);
    QVERIFY(!sources.value[1].timesZoneUnknown);

    UnknownZoneTimes zones;
    QVERIFY(readUnknownZoneTimes(*m_zones, zones).isNull());
    QCOMPARE(zones.sources, std::vector<std::int64_t> {sources.value[0].id});
    for (const char *address : {"52.114.76.37", "8.8.8.8", "2606:4700::1111"})
        QVERIFY2(UnknownZoneTimes::has(zones.destinations, destinationId(*m_zones, address)),
                 address);
    // Only in the UTC file.
    QVERIFY(!UnknownZoneTimes::has(zones.destinations, destinationId(*m_zones, "1.1.1.1")));
    QVERIFY(zones.processes.empty());

    // A case without such a file reads nothing.
    QVERIFY(readUnknownZoneTimes(*m_windows, zones).isNull());
    QVERIFY(zones.empty() && zones.destinations.empty());
}

void TestAliasesAndZones::zoneUnknownRowsAreFlagged()
{
    CaseQueries queries(*m_zones);
    // The destinations table (its snapshot).
    const auto snapshot = DestinationSnapshot::read(queries);
    QVERIFY(snapshot.ok());
    const DestinationSnapshot &s = *snapshot.value;
    const auto flagged = [&](const char *address) {
        return s.timesZoneUnknown(std::size_t(s.rowOfId(destinationId(*m_zones, address))));
    };
    QVERIFY(flagged("52.114.76.37"));
    QVERIFY(flagged("8.8.8.8"));
    QVERIFY(!flagged("1.1.1.1"));

    // The Processes tab: the firewall's local addresses, not the CSV's.
    const RowsResult<ProcessSummaryRow> processes = queries.processes();
    QVERIFY(processes.ok());
    const auto source = [&](const char *key) -> const ProcessSummaryRow * {
        for (const ProcessSummaryRow &row : processes.value) {
            if (row.process.hostKey == key)
                return &row;
        }
        return nullptr;
    };
    for (const char *key : {"192.168.178.25", "2001:db8::1"}) {
        QVERIFY2(source(key) && source(key)->process.timesZoneUnknown, key);
    }
    for (const char *key : {"10.0.0.5", "10.0.0.6", "192.168.1.9"}) {
        QVERIFY2(source(key) && !source(key)->process.timesZoneUnknown, key);
    }

    // The drill-down of 8.8.8.8: the firewall's source only.
    const std::int64_t google = destinationId(*m_zones, "8.8.8.8");
    const RowsResult<ProcessRow> of = queries.processesOf(google);
    QVERIFY(of.ok());
    QCOMPARE(of.value.size(), std::size_t(3));
    for (const ProcessRow &row : of.value)
        QCOMPARE(row.timesZoneUnknown, row.hostKey == "192.168.178.25");

    // Its events, one by one.
    const RowsResult<std::int64_t> ids = queries.eventIdsOf(google);
    const RowsResult<EventDetailRow> events = queries.events(ids.value);
    QVERIFY(events.ok());
    QCOMPARE(events.value.size(), std::size_t(4));
    for (const EventDetailRow &event : events.value)
        QCOMPARE(event.timesZoneUnknown, event.sourcePath.ends_with("w3c_pfirewall.log"));

    // A process's destinations: the firewall source's are flagged.
    const std::int64_t host
        = scalar(m_zones->db(), "SELECT id FROM hosts WHERE key = '192.168.178.25'");
    const RowsResult<ProcessDestinationRow> links = queries.destinationsOfProcess(0, host);
    QVERIFY(links.ok() && !links.value.empty());
    for (const ProcessDestinationRow &link : links.value)
        QVERIFY(link.timesZoneUnknown);
}

void TestAliasesAndZones::formatFiveCaseGetsItsZoneFlag()
{
    const QString path = m_dir.filePath(QStringLiteral("five.eacase"));
    QVERIFY(QFile::copy(m_dir.filePath(QStringLiteral("zones.eacase")), path));
    {
        SqliteDb db;
        QVERIFY(db.open(path.toStdString(), SqliteDb::Access::ReadWrite));
        QVERIFY(db.exec((asFormat5() + "PRAGMA user_version = 5;").c_str()));
    }
    {
        CaseDatabase::Result opened = CaseDatabase::open(path, CaseDatabase::OpenMode::ReadOnly);
        QVERIFY2(opened.ok(), qPrintable(opened.error.message()));
        const RowsResult<SourceRow> sources = CaseQueries(*opened.database).sources();
        QVERIFY(sources.ok() && !sources.value[0].timesZoneUnknown); // format 5 cannot say
    }
    std::unique_ptr<CaseDatabase> database = create(path);
    QVERIFY(database);
    QCOMPARE(database->schemaVersion(), CaseDatabase::kSchemaVersion);
    // From the note the import kept.
    const RowsResult<SourceRow> sources = CaseQueries(*database).sources();
    QVERIFY(sources.ok());
    QVERIFY(sources.value[0].timesZoneUnknown);
    QVERIFY(!sources.value[1].timesZoneUnknown);
}

QTEST_GUILESS_MAIN(TestAliasesAndZones)
#include "tst_aliasesandzones.moc"
