// One process, one row: the WFP spelling of a process (NT device path, pid
// as key) merges into its Sysmon spelling (drive path) on the same host with
// the same pid and overlapping times; anything else stays apart.

#include <QTest>

#include "storage/processaliases.h"

#include <string>
#include <vector>

using namespace ea;

namespace {

constexpr std::int64_t kT = 1'700'000'000'000'000'000;
constexpr std::int64_t kMinute = 60'000'000'000;

ProcessRow row(std::int64_t id, const char *path, const char *pid, const char *host,
               std::int64_t connections, std::int64_t first, std::int64_t last, const char *ports)
{
    ProcessRow r;
    r.processId = id;
    r.path = path;
    r.pid = pid;
    r.key = id == 1 ? "{guid}" : pid;
    r.hostKey = host;
    r.connections = connections;
    r.firstNs = kT + first * kMinute;
    r.lastNs = kT + last * kMinute;
    r.ports = ports;
    return r;
}

QStringList describe(const std::vector<ProcessRow> &rows)
{
    QStringList out;
    for (const ProcessRow &r : rows) {
        QString line = QString::number(r.processId) + QLatin1Char(' ')
            + QString::fromStdString(r.path) + QLatin1Char(' ') + QString::number(r.connections)
            + QLatin1Char(' ') + QString::number((*r.firstNs - kT) / kMinute) + QLatin1Char('-')
            + QString::number((*r.lastNs - kT) / kMinute) + QLatin1Char(' ')
            + QString::fromStdString(r.ports);
        for (const std::string &alias : r.alsoKnownAs)
            line += QStringLiteral(" aka ") + QString::fromStdString(alias);
        out << line;
    }
    return out;
}

} // namespace

class TestProcessAliases : public QObject
{
    Q_OBJECT

private slots:
    void tails();
    void mergesTheDeviceSpelling();
    void keepsApartWhatDiffers_data();
    void keepsApartWhatDiffers();
};

void TestProcessAliases::tails()
{
    QCOMPARE(devicePathTail("\\Device\\HarddiskVolume2\\Windows\\System32\\dns.exe"),
             std::string("\\windows\\system32\\dns.exe"));
    QCOMPARE(devicePathTail("\\device\\harddiskvolume12\\x.exe"), std::string("\\x.exe"));
    QCOMPARE(devicePathTail("\\device\\harddiskvolume\\x.exe"), std::string()); // no number
    QCOMPARE(devicePathTail("C:\\Windows\\x.exe"), std::string());
    QCOMPARE(devicePathTail("System"), std::string());
    QCOMPARE(drivePathTail("C:\\Windows\\System32\\DNS.EXE"),
             std::string("\\windows\\system32\\dns.exe"));
    QCOMPARE(drivePathTail("/usr/bin/curl"), std::string());
    QCOMPARE(drivePathTail("1:\\x"), std::string());
}

void TestProcessAliases::mergesTheDeviceSpelling()
{
    std::vector<ProcessRow> rows = {
        row(2, "\\device\\harddiskvolume2\\windows\\system32\\dns.exe", "2348", "DC01", 5, 10, 20,
            "53"),
        row(1, "C:\\Windows\\System32\\dns.exe", "2348", "DC01", 6, 15, 30, "53;853"),
        row(3, "C:\\Windows\\System32\\lsass.exe", "600", "DC01", 1, 12, 12, "389"),
    };
    mergeDevicePathAliases(rows);
    QCOMPARE(describe(rows),
             (QStringList {QStringLiteral("1 C:\\Windows\\System32\\dns.exe 11 10-30 53;853 aka "
                                          "\\device\\harddiskvolume2\\windows\\system32\\dns.exe"),
                           QStringLiteral("3 C:\\Windows\\System32\\lsass.exe 1 12-12 389")}));
}

void TestProcessAliases::keepsApartWhatDiffers_data()
{
    QTest::addColumn<QString>("drivePath");
    QTest::addColumn<QString>("pid");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("first"); // minutes; the device row spans 10-20

    QTest::newRow("another pid") << "C:\\Windows\\System32\\dns.exe"
                                 << "2349"
                                 << "DC01" << 15;
    QTest::newRow("another host") << "C:\\Windows\\System32\\dns.exe"
                                  << "2348"
                                  << "DC02" << 15;
    QTest::newRow("another file") << "C:\\Windows\\System32\\dnscache.exe"
                                  << "2348"
                                  << "DC01" << 15;
    QTest::newRow("hours apart (pid reused)") << "C:\\Windows\\System32\\dns.exe"
                                              << "2348"
                                              << "DC01" << 24 * 60;
}

void TestProcessAliases::keepsApartWhatDiffers()
{
    QFETCH(QString, drivePath);
    QFETCH(QString, pid);
    QFETCH(QString, host);
    QFETCH(int, first);
    const std::string path = drivePath.toStdString();
    const std::string pidText = pid.toStdString();
    const std::string hostText = host.toStdString();
    std::vector<ProcessRow> rows = {
        row(2, "\\device\\harddiskvolume2\\windows\\system32\\dns.exe", "2348", "DC01", 5, 10, 20,
            "53"),
        row(1, path.c_str(), pidText.c_str(), hostText.c_str(), 6, first, first + 5, "53"),
    };
    mergeDevicePathAliases(rows);
    QCOMPARE(rows.size(), std::size_t(2));
    QVERIFY(rows[0].alsoKnownAs.empty() && rows[1].alsoKnownAs.empty());
}

QTEST_GUILESS_MAIN(TestProcessAliases)
#include "tst_processaliases.moc"
