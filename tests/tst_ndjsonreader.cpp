// Tests of the NDJSON reader: every dialect from small fixtures with the
// exact events expected, mixed files, --map overrides, malformed and hostile
// input, progress and cancellation, and the real samples under
// ../shared/realdata when they are there.

#include "recordingsink.h"
#include "testutils.h"

#include <QBuffer>
#include <QByteArray>
#include <QByteArrayList>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTest>

#include "address/classifier.h"
#include "address/ipaddress.h"
#include "import/fieldmapping.h"
#include "import/ndjsonreader.h"
#include "import/ndjsonstats.h"

#include <algorithm>
#include <string>
#include <vector>

using namespace ea;
using namespace ea::test;
using ea::test::RecordingSink;

namespace {

struct Outcome
{
    ReadResult result;
    RecordingSink sink;
};

void readDevice(QIODevice &device, Outcome &out, const std::vector<MappingOverride> &overrides = {})
{
    NdjsonReader reader;
    ReadOptions options;
    options.overrides = overrides;
    out.result = reader.read(device, out.sink, options);
}

void readBytes(const QByteArray &data, Outcome &out,
               const std::vector<MappingOverride> &overrides = {})
{
    QByteArray copy = data;
    QBuffer buffer(&copy);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    readDevice(buffer, out, overrides);
}

void readFile(const QString &path, Outcome &out, const std::vector<MappingOverride> &overrides = {})
{
    QFile file(path);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
    readDevice(file, out, overrides);
}

QByteArrayList eventLines(const RecordingSink &sink)
{
    QByteArrayList out;
    for (const auto &e : sink.events)
        out.append(ea::test::describe(e));
    return out;
}

QByteArrayList describedSkips(const RecordingSink &sink)
{
    QByteArrayList out;
    for (const auto &s : sink.skips)
        out.append(QByteArray::number(s.line) + ": " + ea::test::bytes(s.reason));
    return out;
}

QByteArray mappingJson(const ReadResult &result)
{
    return QByteArray::fromStdString(mappingToJson(result.mapping, result.header));
}

bool hasNote(const ReadResult &result, const char *text)
{
    return std::any_of(result.notes.begin(), result.notes.end(),
                       [&](const QString &note) { return note.contains(QLatin1String(text)); });
}

// Lines the reader does not ignore: anything but spaces, tabs and CRs.
qsizetype nonBlankLines(const QByteArray &data)
{
    qsizetype count = 0;
    for (const QByteArray &line : data.split('\n')) {
        if (std::any_of(line.begin(), line.end(),
                        [](char c) { return c != ' ' && c != '\t' && c != '\r'; }))
            ++count;
    }
    return count;
}

// A Zeek conn line with the given destination, for generated inputs.
QByteArray zeekLine(int i)
{
    return R"({"ts":1517422326.5,"uid":"C)" + QByteArray::number(i)
        + R"(","id.orig_h":"10.0.0.1","id.orig_p":40000,"id.resp_h":"198.51.100.)"
        + QByteArray::number(i % 250) + R"(","id.resp_p":443,"proto":"tcp"})";
}

} // namespace

class TestNdjsonReader : public QObject
{
    Q_OBJECT

private slots:
    void zeek();
    void suricata();
    void windowsEvents();
    void osquery();
    void osqueryProcessesOnly();
    void ecs();
    void bytesFollowThePeer();
    void mixedKinds();
    void malformedLines();
    void unknownObjectsAreRefusedWithTheirKeys();
    void mapReadsUnknownObjects();
    void mapTakesPrecedence();
    void mapNamingAMissingKeyRefuses();
    void windowsFileWithoutConnections();
    void lineEndingsBomAndBlankLines();
    void hostileBytes_data();
    void hostileBytes();
    void overlongLine();
    void hugeNumbers();
    void binaryGarbage();
    void emptyInput();
    void progressAndCancel();
    void realdataCounts_data();
    void realdataCounts();
    void realdataScrantonHasNoExternalPeer();
    void realdataNtdsutil();
    void realdataCovenant();
    void realdataAnyFileNeverCrashes_data();
    void realdataAnyFileNeverCrashes();
    void notesRenderTheirArguments_data();
    void notesRenderTheirArguments();
};

void TestNdjsonReader::zeek()
{
    Outcome out;
    readFile(dataPath("ndjson_zeek.json"), out);
    QVERIFY(out.result.ok());
    QCOMPARE(QByteArray::fromStdString(out.result.format), QByteArray("zeek-json"));
    QCOMPARE(out.result.kind, FileKind::Connections);
    const QByteArrayList expected {
        "1 [205.204.101.182]:80 <- [10.55.100.100]:61843 out tcp t=1517422326539915000",
        "2 [10.0.0.4]:53 <- [10.0.1.4]:64842 ? udp t=1588205198899710000",
        "4 [2001:db8::1]:443 <- [192.168.1.10]:50000 ? tcp t=1588205198899710000",
        "5 [203.0.113.9]:40000 <- [10.55.100.100]:22 in tcp t=1517422400500000000",
        "7 [195.113.232.73]:80 <- [10.0.2.15]:49158 ? tcp t=22335172000",
        "8 [ff02::fb]:5353 <- [fe80::8000:ffff:ffff:fffd]:5353 ? udp t=unreadable",
        "9 [10.0.0.2]:-1 <- [10.0.0.1]:-1 ? icmp t=-",
        "11 [10.0.0.3]:443 <- [10.0.0.1]:-1 ? tcp t=1517422326000000000",
    };
    QCOMPARE(eventLines(out.sink), expected);
    QCOMPARE(describedSkips(out.sink), QByteArrayList {"6: Zeek dns record is not a conn record"});
    QCOMPARE(out.sink.describedRejections(),
             QByteArrayList {"10: connection without a destination address (id.resp_h is empty)"});
    QCOMPARE(out.sink.rejections.front().raw,
             std::string(
                 R"({"ts":1.5,"uid":"C8","id.orig_h":"10.0.0.1","id.resp_h":"","proto":"tcp"})"));
    QCOMPARE(out.sink.inconsistentTimes, 0);
    // The dotted spelling supplied most destinations.
    QCOMPARE(mappingJson(out.result),
             QByteArray(R"({"dst":"id.resp_h","port":"id.resp_p","src":"id.orig_h",)"
                        R"("srcport":"id.orig_p","protocol":"proto","time":"ts",)"
                        R"("direction":"local_orig"})"));
    QVERIFY(std::find(out.result.header.begin(), out.result.header.end(), "id_resp_h")
            != out.result.header.end());
    QVERIFY(hasNote(out.result, "before 1971"));
}

void TestNdjsonReader::suricata()
{
    Outcome out;
    readFile(dataPath("ndjson_suricata.json"), out);
    QVERIFY(out.result.ok());
    QCOMPARE(QByteArray::fromStdString(out.result.format), QByteArray("suricata-eve"));
    const QByteArrayList expected {
        "1 [193.200.130.243]:22 <- [43.153.194.204]:54556 ? TCP t=1677584044584043000",
        "5 [193.200.130.165]:-1 <- [198.51.100.7]:-1 ? ICMP t=1677584160500000000",
        "6 [93.184.216.34]:443 <- [10.1.1.5]:51000 ? TCP t=1677584220000000000 bytes=900/-",
        "8 [ff02:0000:0000:0000:0000:0001:ff6f:231a]:-1 <- "
        "[fe80:0000:0000:0000:0250:56ff:fe8a:1b2c]:-1"
        " ? IPv6-ICMP t=unreadable",
    };
    QCOMPARE(eventLines(out.sink), expected);
    const QByteArrayList skips {
        "2: Suricata ssh event is not a flow",
        "3: Suricata stats event is not a flow",
        "4: Suricata alert event is not a flow",
        "7: Suricata netflow reply record (same flow_id as the request)",
        "10: Suricata dns event is not a flow",
    };
    QCOMPARE(describedSkips(out.sink), skips);
    QCOMPARE(out.sink.describedRejections(),
             QByteArrayList {"9: connection without a destination address"});
    QVERIFY(hasNote(out.result, "1 Suricata netflow reply records skipped"));
    QCOMPARE(mappingJson(out.result),
             QByteArray(R"({"dst":"dest_ip","port":"dest_port","src":"src_ip",)"
                        R"("srcport":"src_port","protocol":"proto","time":"timestamp",)"
                        R"("srcbytes":"netflow.bytes"})"));
}

void TestNdjsonReader::windowsEvents()
{
    Outcome out;
    readFile(dataPath("ndjson_windows.json"), out);
    QVERIFY(out.result.ok());
    QCOMPARE(QByteArray::fromStdString(out.result.format), QByteArray("windows-events"));
    const QByteArrayList expected {
        R"(1 [2001:500:2:0:0:0:0:c]:53 <- [fe80:0:0:0:3b31:a8fa:5adc:7b9e]:52888 out udp )"
        R"(t=1689757339613000000 {fe86be69-fbaf-64b5-4200-000000001000}/2348 )"
        R"(C:\Windows\System32\dns.exe @DC01.example.com)",
        R"(2 [172.18.38.6]:54639 <- [172.18.38.5]:445 in tcp t=1596607788521000000 )"
        R"({2b437147-0ba4-5f2a-0100-000000000400}/4 System @MORDORDC.example.local)",
        R"(4 [2001:500:2::c]:53 <- [fe80::3b31:a8fa:5adc:7b9e]:52888 out 17 t=1689757338300000000 )"
        R"(/2348 \device\harddiskvolume2\windows\system32\dns.exe @DC01.example.com)",
        R"(5 [172.18.39.5]:59698 <- [172.18.38.5]:445 in 6 t=1596607769626000000 /4 System )"
        R"(@MORDORDC.example.local)",
        R"(6 [52.114.76.37]:443 <- [10.0.0.5]:50000 out 6 t=1596607800000000000 /1234 )"
        R"(C:\Program Files\App\app.exe @WS1.example.com)",
        R"(10 [93.184.216.34]:443 <- [10.0.0.5]:50123 out tcp t=1704164645600000000 {aaaa-bbbb}/4242 )"
        R"(C:\Tools\curl.exe @ws1.example.com)",
        R"(11 [8.8.8.8]:53 <- [10.0.0.6]:50124 out tcp t=unreadable {cccc}/77 C:\a b\c.exe )"
        R"(@ws2.example.com)",
    };
    QCOMPARE(eventLines(out.sink), expected);
    const QByteArrayList skips {
        "3: Windows event 3 without DestinationIp (not Sysmon) is not a network connection",
        "7: Windows event 4624 is not a network connection",
        "8: Windows event 22 is not a network connection",
    };
    QCOMPARE(describedSkips(out.sink), skips);
    QCOMPARE(out.sink.describedRejections(),
             QByteArrayList {"9: connection without a destination address"});
    QVERIFY(hasNote(out.result, "on 1 events (up to 18 h)"));
    for (const auto &e : out.sink.events)
        QVERIFY(e.peer.find("::ffff:") == std::string::npos);
}

void TestNdjsonReader::osquery()
{
    Outcome out;
    readFile(dataPath("ndjson_osquery.json"), out);
    QVERIFY(out.result.ok());
    QCOMPARE(QByteArray::fromStdString(out.result.format), QByteArray("osquery"));
    QCOMPARE(out.result.kind, FileKind::Connections);
    const QByteArrayList expected {
        "1 [93.184.216.34]:443 <- [10.0.0.7]:51514 ? 6 t=1732000000000000000 /4242 /usr/bin/curl "
        "@web-03",
        "4 [2001:db8::5]:22 <- [2001:db8::7]:40000 ? 6 t=1732000100000000000 /100 /usr/bin/ssh "
        "@db-01",
        "4 [0.0.0.0]:0 <- [0.0.0.0]:80 ? 6 t=1732000100000000000 /101 /usr/sbin/nginx @db-01",
        "5 [198.51.100.20]:8443 <- [10.0.0.9]:41000 ? - t=1732000200000000000 /55 /opt/agent/agent "
        "@app-02",
        "8 [203.0.113.50]:51111 <- [10.0.0.7]:22 in - t=1732000290000000000 /900 /usr/sbin/sshd "
        "@web-03",
    };
    QCOMPARE(eventLines(out.sink), expected);
    const QByteArrayList skips {
        "2: osquery removed row",
        "3: osquery socket without a remote address",
        "5: osquery removed row",
        "7: osquery open_files row is not a connection",
    };
    QCOMPARE(describedSkips(out.sink), skips);
    QVERIFY(out.sink.rejections.empty());
    QCOMPARE(out.sink.processes.size(), std::size_t(1));
    const auto &p = out.sink.processes.front();
    QCOMPARE(p.line, 6);
    QCOMPARE(p.key, std::string("4242"));
    QCOMPARE(p.host, std::string("web-03"));
    QCOMPARE(p.pid, std::string("4242"));
    QCOMPARE(p.path, std::string("/usr/bin/curl"));
    QCOMPARE(p.name, std::string("curl"));
    QCOMPARE(p.arguments, std::string("curl https://example.com"));
    QCOMPARE(p.user, std::string("1000"));
    QCOMPARE(mappingJson(out.result),
             QByteArray(R"({"dst":"columns.remote_address","port":"columns.remote_port",)"
                        R"("src":"columns.local_address","srcport":"columns.local_port",)"
                        R"("protocol":"snapshot[].protocol","time":"unixTime","pid":"columns.pid",)"
                        R"("path":"columns.path","host":"hostIdentifier",)"
                        R"("direction":"columns.action"})"));
}

void TestNdjsonReader::osqueryProcessesOnly()
{
    Outcome out;
    readFile(dataPath("ndjson_osquery_processes.json"), out);
    QVERIFY(out.result.ok());
    QCOMPARE(QByteArray::fromStdString(out.result.format), QByteArray("osquery"));
    QCOMPARE(out.result.kind, FileKind::Processes);
    QVERIFY(out.sink.events.empty());
    QCOMPARE(out.sink.processes.size(), std::size_t(3));
    QCOMPARE(out.sink.processes[1].line, 2);
    QCOMPARE(out.sink.processes[1].key, std::string("1"));
    QCOMPARE(out.sink.processes[1].name, std::string("systemd"));
    QCOMPARE(out.sink.processes[1].user, std::string("root"));
    QCOMPARE(out.sink.processes[1].arguments, std::string("/sbin/init"));
    QCOMPARE(out.sink.processes[2].key, std::string("900"));
    QCOMPARE(out.sink.processes[2].host, std::string("web-03"));
    QCOMPARE(out.sink.processes[2].path, std::string("/usr/sbin/sshd"));
    QCOMPARE(out.sink.processes[2].user, std::string("0"));
}

void TestNdjsonReader::ecs()
{
    Outcome out;
    readFile(dataPath("ndjson_ecs.json"), out);
    QVERIFY(out.result.ok());
    QCOMPARE(QByteArray::fromStdString(out.result.format), QByteArray("ecs"));
    const QByteArrayList expected {
        "1 [140.82.112.3]:443 <- [10.1.2.3]:52000 out tcp t=1732000000123000000 ent-321/321 "
        "/usr/bin/git @dev-7",
        "2 [198.51.100.99]:61000 <- [10.1.2.3]:22 in 6 t=1732000001000000000 @dev-7.local",
        "4 [2001:db8::10]:8080 <- []:-1 ? - t=unreadable",
    };
    QCOMPARE(eventLines(out.sink), expected);
    QCOMPARE(describedSkips(out.sink), QByteArrayList {"3: not a connection event"});
    QVERIFY(out.sink.rejections.empty());
}

void TestNdjsonReader::bytesFollowThePeer()
{
    // Zeek's originator, Suricata's client and ECS's source sent the first
    // count; whichever end is local, its bytes are "out". An inbound Zeek
    // record (local_resp) has the originator as the peer.
    Outcome out;
    readBytes(R"({"ts":1,"id.orig_h":"10.0.0.1","id.orig_p":4000,"id.resp_h":"8.8.8.8",)"
              R"("id.resp_p":53,"proto":"udp","orig_bytes":40,"resp_bytes":120,)"
              R"("local_orig":true,"local_resp":false})"
              "\n"
              R"({"ts":2,"id.orig_h":"203.0.113.9","id.orig_p":5000,"id.resp_h":"10.0.0.1",)"
              R"("id.resp_p":22,"proto":"tcp","orig_bytes":700,"resp_bytes":9000,)"
              R"("local_orig":false,"local_resp":true})"
              "\n"
              R"({"ts":3,"id.orig_h":"10.0.0.1","id.resp_h":"1.1.1.1","orig_bytes":"-"})"
              "\n"
              R"({"timestamp":"2023-02-28T11:37:00Z","event_type":"flow","src_ip":"10.0.0.2",)"
              R"("src_port":1,"dest_ip":"9.9.9.9","dest_port":443,"proto":"TCP",)"
              R"("flow":{"bytes_toserver":512,"bytes_toclient":4096}})"
              "\n"
              R"({"@timestamp":"2024-11-19T07:06:40Z","source":{"ip":"10.0.0.3","bytes":-5},)"
              R"("destination":{"ip":"4.4.4.4","bytes":77}})"
              "\n",
              out);
    QVERIFY2(out.result.ok(), qPrintable(out.result.error.message()));
    const QByteArrayList lines = eventLines(out.sink);
    QCOMPARE(lines.size(), 5);
    QVERIFY2(lines[0].endsWith(" out udp t=1000000000 bytes=40/120"), lines[0]);
    QVERIFY2(lines[1].startsWith("2 [203.0.113.9]:5000 <- [10.0.0.1]:22 in tcp"), lines[1]);
    QVERIFY2(lines[1].endsWith(" bytes=9000/700"), lines[1]);
    QVERIFY2(!lines[2].contains("bytes="), lines[2]);
    QVERIFY2(lines[3].endsWith(" bytes=512/4096"), lines[3]);
    // A negative count is no count.
    QVERIFY2(lines[4].endsWith(" bytes=-/77"), lines[4]);
}

void TestNdjsonReader::mixedKinds()
{
    Outcome out;
    readFile(dataPath("ndjson_mixed.json"), out);
    QVERIFY(out.result.ok());
    QCOMPARE(QByteArray::fromStdString(out.result.format), QByteArray("ndjson-mixed"));
    QCOMPARE(out.result.kind, FileKind::Connections);
    const QByteArrayList expected {
        "1 [205.204.101.182]:80 <- [10.55.100.100]:61843 ? tcp t=1517422326539915000",
        "2 [193.200.130.243]:22 <- [43.153.194.204]:54556 ? TCP t=1677584044584043000",
    };
    QCOMPARE(eventLines(out.sink), expected);
    QCOMPARE(
        describedSkips(out.sink),
        (QByteArrayList {"3: Suricata stats event is not a flow", "4: not a connection event"}));
    QCOMPARE(out.sink.processes.size(), std::size_t(1));
    // Both dialects' keys are in the header; each role maps to one of them.
    const auto &header = out.result.header;
    for (const char *key : {"id.resp_h", "dest_ip", "ts", "timestamp"})
        QVERIFY2(std::find(header.begin(), header.end(), key) != header.end(), key);
}

void TestNdjsonReader::malformedLines()
{
    Outcome out;
    readFile(dataPath("ndjson_malformed.json"), out);
    QVERIFY(out.result.ok());
    QCOMPARE(eventLines(out.sink),
             (QByteArrayList {"1 [10.0.0.2]:-1 <- [10.0.0.1]:-1 ? tcp t=1000000000",
                              "6 [10.0.0.3]:-1 <- [10.0.0.1]:-1 ? udp t=2000000000"}));
    const QByteArrayList rejections {
        "2: invalid JSON: unexpected end of text at column 53",
        "3: invalid JSON: not a JSON object at column 1",
        "4: invalid JSON: not a JSON object at column 1",
        "5: invalid JSON: text after the object at column 31",
        "7: invalid JSON: trailing comma at column 31",
        "8: invalid JSON: invalid escape in string at column 29",
    };
    QCOMPARE(out.sink.describedRejections(), rejections);
    QCOMPARE(out.sink.rejections[1].raw, std::string("this is not json"));
    QVERIFY(out.sink.skips.empty());
}

void TestNdjsonReader::unknownObjectsAreRefusedWithTheirKeys()
{
    Outcome out;
    readFile(dataPath("ndjson_unknown.json"), out);
    QVERIFY(!out.result.ok());
    QVERIFY(out.result.error.message().contains(QStringLiteral("--map dst=KEY")));
    QCOMPARE(out.result.header,
             (std::vector<std::string> {"hello", "dst", "dport", "nested.when"}));
    QCOMPARE(out.sink.skips.size(), std::size_t(2));
    QVERIFY(out.sink.events.empty());
}

void TestNdjsonReader::mapReadsUnknownObjects()
{
    Outcome out;
    readFile(
        dataPath("ndjson_unknown.json"), out,
        {{FieldRole::Dst, "dst"}, {FieldRole::DstPort, "DPORT"}, {FieldRole::Time, "nested.when"}});
    QVERIFY2(out.result.ok(), qPrintable(out.result.error.message()));
    QCOMPARE(QByteArray::fromStdString(out.result.format), QByteArray("ndjson"));
    QCOMPARE(eventLines(out.sink),
             (QByteArrayList {"1 [192.0.2.1]:8443 <- []:-1 ? - t=1732000000000000000",
                              "2 [192.0.2.2]:80 <- []:-1 ? - t=1732000001000000000"}));
    QCOMPARE(mappingJson(out.result),
             QByteArray(R"({"dst":"dst","port":"DPORT","time":"nested.when"})"));
}

void TestNdjsonReader::mapTakesPrecedence()
{
    Outcome out;
    readFile(dataPath("ndjson_windows.json"), out,
             {{FieldRole::Time, "utctime"}, {FieldRole::Host, "Hostname"}});
    QVERIFY2(out.result.ok(), qPrintable(out.result.error.message()));
    const auto &events = out.sink.events;
    QCOMPARE(events.size(), std::size_t(7));
    // Sysmon's own clock where the line has it, the dialect's choice elsewhere.
    QCOMPARE(events[0].timeNs, 1689691432031000000);
    QCOMPARE(events[2].line, 4);
    QCOMPARE(events[2].timeNs, 1689757338300000000);
    QCOMPARE(events[4].line, 6);
    QCOMPARE(events[4].host, std::string("collector"));
    QVERIFY(events[6].timeUnreadable);

    // An override on a dialect line never turns a skipped record into an event.
    Outcome suricata;
    readFile(dataPath("ndjson_suricata.json"), suricata, {{FieldRole::Dst, "src_ip"}});
    QVERIFY(suricata.result.ok());
    QCOMPARE(suricata.sink.skips.size(), std::size_t(5));
    QCOMPARE(suricata.sink.events.size(), std::size_t(5));
    QCOMPARE(suricata.sink.events.front().peer, std::string("43.153.194.204"));
    // The flow without dest_ip now has a destination.
    QCOMPARE(suricata.sink.events.back().line, 9);
    QCOMPARE(suricata.sink.events.back().peer, std::string("10.1.1.5"));
    QVERIFY(suricata.sink.rejections.empty());
}

void TestNdjsonReader::mapNamingAMissingKeyRefuses()
{
    Outcome out;
    readFile(dataPath("ndjson_zeek.json"), out, {{FieldRole::Dst, "no.such.key"}});
    QVERIFY(!out.result.ok());
    QVERIFY(out.result.error.message().contains(QStringLiteral("no.such.key")));
}

void TestNdjsonReader::windowsFileWithoutConnections()
{
    Outcome out;
    readBytes(R"({"EventID":4624,"Hostname":"dc","IpAddress":"::ffff:10.0.0.1"})"
              "\n"
              R"({"EventID":"4672","Hostname":"dc"})"
              "\n",
              out);
    QVERIFY(out.result.ok());
    QCOMPARE(QByteArray::fromStdString(out.result.format), QByteArray("windows-events"));
    QVERIFY(out.sink.events.empty());
    QCOMPARE(out.sink.skips.size(), std::size_t(2));
}

void TestNdjsonReader::lineEndingsBomAndBlankLines()
{
    const QByteArray data = "\xef\xbb\xbf" + zeekLine(1) + "\r\n\r\n   \r\n\t\n" + zeekLine(2)
        + "\n\n" + zeekLine(3); // no final newline
    Outcome out;
    readBytes(data, out);
    QVERIFY(out.result.ok());
    QCOMPARE(out.sink.events.size(), std::size_t(3));
    QCOMPARE(out.sink.events[0].line, 1);
    QCOMPARE(out.sink.events[1].line, 5);
    QCOMPARE(out.sink.events[2].line, 7);
    QCOMPARE(out.sink.events[2].protocol, std::string("tcp"));
    QVERIFY(out.sink.rejections.empty());
    QVERIFY(out.sink.skips.empty());
    QCOMPARE(out.sink.lastProgress, std::int64_t(data.size()));
}

void TestNdjsonReader::hostileBytes_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QByteArray>("reason");
    QTest::addRow("NUL in value") << QByteArray("{\"id.resp_h\":\"1.2.3.4\0\"}", 24)
                                  << QByteArray("invalid JSON: NUL byte in string at column 22");
    QTest::addRow("NUL between members") << QByteArray("{\"id.resp_h\":\"1.2.3.4\",\0}", 25)
                                         << QByteArray("invalid JSON: expected a key at column 24");
    QTest::addRow("invalid UTF-8")
        << QByteArray("{\"id.resp_h\":\"1.2.3.4\xff\"}")
        << QByteArray("invalid JSON: invalid UTF-8 in string at column 22");
    QTest::addRow("lone surrogate")
        << QByteArray(R"({"id.resp_h":"\udc00"})")
        << QByteArray("invalid JSON: unpaired surrogate in \\u escape at column 15");
    QTest::addRow("deep nesting") << "{\"a\":" + QByteArray(100000, '[')
                                  << QByteArray("invalid JSON: nesting too deep at column 70");
}

void TestNdjsonReader::hostileBytes()
{
    QFETCH(QByteArray, line);
    QFETCH(QByteArray, reason);
    Outcome out;
    readBytes(zeekLine(1) + '\n' + line + '\n' + zeekLine(3) + '\n', out);
    QCOMPARE(out.sink.events.size(), std::size_t(2));
    QCOMPARE(out.sink.events[1].line, 3);
    QCOMPARE(out.sink.describedRejections(), QByteArrayList {"2: " + reason});
    QCOMPARE(ea::test::bytes(out.sink.rejections.front().raw), line);
}

void TestNdjsonReader::overlongLine()
{
    const QByteArray longLine
        = "{\"id.resp_h\":\"1.2.3.4\",\"pad\":\"" + QByteArray(3 << 20, 'x') + "\"}";
    Outcome out;
    readBytes(zeekLine(1) + '\n' + longLine + '\n' + zeekLine(3) + '\n', out);
    QVERIFY(out.result.ok());
    QCOMPARE(out.sink.events.size(), std::size_t(2));
    QCOMPARE(out.sink.events[1].line, 3);
    QCOMPARE(out.sink.describedRejections(), QByteArrayList {"2: line longer than 1 MiB"});
}

void TestNdjsonReader::hugeNumbers()
{
    const QByteArray data
        = R"({"ts":1e400,"id.orig_h":"10.0.0.1","id.orig_p":-9223372036854775808,"id.resp_h":"10.0.0.2","id.resp_p":18446744073709551616,"proto":"tcp"})"
          "\n"
          R"({"ts":-1,"id.orig_h":"10.0.0.1","id.orig_p":99999,"id.resp_h":"10.0.0.2","id.resp_p":-1,"proto":6})"
          "\n"
          R"({"ts":"9999999999999999999999","id.resp_h":"10.0.0.2","id.resp_p":80.0})"
          "\n"
          R"({"EventID":99999999999999999999,"DestinationIp":"10.0.0.9","Keywords":-9223372036854775808})"
          "\n"
          R"({"EventID":3,"DestinationIp":"10.0.0.9","DestinationPort":"0053","SourcePort":" 65535 ","ProcessId":1.5e300})"
          "\n"
          R"({"EventID":3,"DestinationIp":"10.0.0.9","TimeCreated":"2262-04-11T23:47:16Z","UtcTime":"1677-09-22 00:00:00"})"
          "\n";
    Outcome out;
    readBytes(data, out);
    QVERIFY(out.result.ok());
    const QByteArrayList expected {
        "1 [10.0.0.2]:-1 <- [10.0.0.1]:-1 ? tcp t=unreadable",
        "2 [10.0.0.2]:-1 <- [10.0.0.1]:-1 ? 6 t=unreadable",
        "3 [10.0.0.2]:-1 <- []:-1 ? - t=unreadable",
        "5 [10.0.0.9]:53 <- []:65535 ? - t=- /1.5e300",
        "6 [10.0.0.9]:-1 <- []:-1 ? - t=9223372036000000000",
    };
    QCOMPARE(eventLines(out.sink), expected);
    QCOMPARE(describedSkips(out.sink),
             QByteArrayList {"4: Windows event 99999999999999999999 is not a network connection"});
    // Times from both ends of the int64 range: their distance overflows int64.
    QVERIFY(hasNote(out.result, "on 1 events"));
}

void TestNdjsonReader::binaryGarbage()
{
    QRandomGenerator random(7);
    QByteArray data(256 * 1024, Qt::Uninitialized);
    for (char &c : data)
        c = char(random.bounded(256));
    Outcome out;
    readBytes(data, out);
    QVERIFY(!out.result.ok());
    QVERIFY(out.result.error.message().contains(QStringLiteral("not NDJSON")));
    QVERIFY(out.sink.events.empty());
    QCOMPARE(qsizetype(out.sink.rejections.size() + out.sink.skips.size()), nonBlankLines(data));
    for (const auto &r : out.sink.rejections)
        QVERIFY(r.reason.starts_with("invalid JSON: ") || r.reason == "line longer than 1 MiB");
}

void TestNdjsonReader::emptyInput()
{
    Outcome out;
    readBytes(QByteArray(), out);
    QVERIFY(out.result.ok());
    QCOMPARE(QByteArray::fromStdString(out.result.format), QByteArray("ndjson"));
    QVERIFY(out.sink.events.empty());
    QVERIFY(out.result.header.empty());

    Outcome blank;
    readBytes("\n\r\n  \n", blank);
    QVERIFY(blank.result.ok());
    QVERIFY(blank.sink.events.empty() && blank.sink.rejections.empty() && blank.sink.skips.empty());
}

void TestNdjsonReader::progressAndCancel()
{
    QByteArray data;
    int lines = 0;
    while (data.size() < (3 << 20) + 1000) {
        data += zeekLine(++lines);
        data += '\n';
    }
    Outcome out;
    readBytes(data, out);
    QVERIFY(out.result.ok());
    QCOMPARE(qsizetype(out.sink.events.size()), qsizetype(lines));
    QVERIFY2(out.sink.progressCalls >= 3 && out.sink.progressCalls <= 6,
             QByteArray::number(out.sink.progressCalls).constData());
    QVERIFY(!out.sink.progressWentBack);
    QCOMPARE(out.sink.lastProgress, std::int64_t(data.size()));

    Outcome cancelled;
    cancelled.sink.cancelAfterEvents = 1;
    readBytes(data, cancelled);
    QVERIFY(!cancelled.result.ok());
    QCOMPARE(cancelled.result.error.message(), QStringLiteral("cancelled"));
    // Stopped at the first poll, about a MiB in.
    QVERIFY(qsizetype(cancelled.sink.events.size()) < lines / 2);
}

void TestNdjsonReader::realdataCounts_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("events");
    QTest::addColumn<int>("skipped");
    QTest::addColumn<QByteArray>("format");

    QTest::addRow("slips test9") << QStringLiteral("slips_test9.conn.ndjson.log") << 576 << 0
                                 << QByteArray("zeek-json");
    QTest::addRow("rita") << QStringLiteral("rita_json_with_all_fields.conn.log") << 29 << 0
                          << QByteArray("zeek-json");
    QTest::addRow("otrf scranton") << QStringLiteral("otrf_apt29_day1_SCRANTON_conn.log") << 134
                                   << 0 << QByteArray("zeek-json");
    QTest::addRow("suricata eve") << QStringLiteral("magnc_suricata_eve.json") << 215 << 38
                                  << QByteArray("suricata-eve");
    QTest::addRow("ntdsutil") << QStringLiteral("otrf_ntdsutil_sysmon3_wfp5156_extract.ndjson")
                              << 89 + 148 << 4 << QByteArray("windows-events");
    QTest::addRow("covenant") << QStringLiteral("otrf_covenant_dcsync_full.ndjson") << 29 + 70
                              << 869 - 99 << QByteArray("windows-events");
}

void TestNdjsonReader::realdataCounts()
{
    QFETCH(QString, file);
    QFETCH(int, events);
    QFETCH(int, skipped);
    QFETCH(QByteArray, format);
    const QString path = realdataPath(file);
    if (!QFile::exists(path))
        QSKIP("shared/realdata not available");
    Outcome out;
    readFile(path, out);
    QVERIFY2(out.result.ok(), qPrintable(out.result.error.message()));
    QCOMPARE(QByteArray::fromStdString(out.result.format), format);
    QCOMPARE(qsizetype(out.sink.events.size()), qsizetype(events));
    QCOMPARE(qsizetype(out.sink.skips.size()), qsizetype(skipped));
    QCOMPARE(out.sink.describedRejections(), QByteArrayList {});
    QCOMPARE(out.sink.inconsistentTimes, 0);
    for (const auto &e : out.sink.events) {
        QVERIFY(!e.peer.empty());
        QVERIFY(e.hasTime);
        for (const std::string *field : {&e.peer, &e.local, &e.protocol, &e.processPath, &e.host})
            QVERIFY(field->find('\r') == std::string::npos);
    }
}

void TestNdjsonReader::realdataScrantonHasNoExternalPeer()
{
    const QString path = realdataPath("otrf_apt29_day1_SCRANTON_conn.log");
    if (!QFile::exists(path))
        QSKIP("shared/realdata not available");
    Outcome out;
    readFile(path, out);
    QCOMPARE(out.sink.events.size(), std::size_t(134));
    int external = 0;
    for (const auto &e : out.sink.events) {
        const ParseResult parsed = parseAddress(e.peer);
        QVERIFY2(parsed.ok(), e.peer.c_str());
        if (Classifier::instance().classify(parsed.address).external())
            ++external;
    }
    QCOMPARE(external, 0);
    QCOMPARE(QByteArray::fromStdString(out.result.header.front()), QByteArray("id_resp_h"));
}

void TestNdjsonReader::realdataNtdsutil()
{
    const QString path = realdataPath("otrf_ntdsutil_sysmon3_wfp5156_extract.ndjson");
    if (!QFile::exists(path))
        QSKIP("shared/realdata not available");
    Outcome out;
    readFile(path, out);
    const auto sysmon = std::count_if(out.sink.events.begin(), out.sink.events.end(),
                                      [](const auto &e) { return !e.processKey.empty(); });
    QCOMPARE(sysmon, 89);
    QCOMPARE(qsizetype(out.sink.events.size()) - sysmon, 148);
    for (const auto &s : out.sink.skips)
        QVERIFY(s.reason.starts_with("Windows event 3 without DestinationIp"));
    // Sysmon's UtcTime lags the log by ~18.3 h in this capture: reported,
    // and the times come from TimeCreated, as the WFP events' do.
    QVERIFY(hasNote(out.result, "on 89 events (up to 18 h)"));
    for (const auto &e : out.sink.events) {
        QVERIFY(e.timeNs >= 1689757338300000000); // 2023-07-19T09:02:18.300Z
        QVERIFY(!e.processPath.empty());
        QVERIFY(!e.host.empty());
    }
}

void TestNdjsonReader::realdataCovenant()
{
    const QString path = realdataPath("otrf_covenant_dcsync_full.ndjson");
    if (!QFile::exists(path))
        QSKIP("shared/realdata not available");
    Outcome out;
    readFile(path, out);
    QCOMPARE(out.sink.events.size(), std::size_t(99));
    const auto sysmon = std::count_if(out.sink.events.begin(), out.sink.events.end(),
                                      [](const auto &e) { return !e.processKey.empty(); });
    QCOMPARE(sysmon, 29);
    int inbound = 0;
    for (const auto &e : out.sink.events) {
        QVERIFY2(!QByteArray::fromStdString(e.peer).toLower().startsWith("::ffff:"),
                 e.peer.c_str());
        QVERIFY(!QByteArray::fromStdString(e.local).toLower().startsWith("::ffff:"));
        QVERIFY(e.direction != Direction::Unknown);
        QVERIFY(e.host.find("wec.") == std::string::npos); // the collector, not the event's host
        if (e.direction == Direction::Inbound)
            ++inbound;
    }
    QVERIFY(inbound > 0);
    // The Azure metadata service is reached by two agents, outbound.
    const auto metadata
        = std::count_if(out.sink.events.begin(), out.sink.events.end(), [](const auto &e) {
              return e.peer == "169.254.169.254" && e.direction == Direction::Outbound;
          });
    QCOMPARE(metadata, 30);
}

void TestNdjsonReader::realdataAnyFileNeverCrashes_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(QStringLiteral(EA_SHARED_DIR "/realdata"));
    if (!dir.exists()) {
        QTest::addRow("none") << QString();
        return;
    }
    for (const QString &name : dir.entryList(QDir::Files, QDir::Name))
        QTest::addRow("%s", qPrintable(name)) << dir.filePath(name);
}

// Whatever the file (Zeek TSV, CSV, a firewall log, the README), every line
// has exactly one outcome and nothing crashes.
void TestNdjsonReader::realdataAnyFileNeverCrashes()
{
    QFETCH(QString, path);
    if (path.isEmpty())
        QSKIP("shared/realdata not available");
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray data = file.readAll();
    const qsizetype lines = nonBlankLines(data);
    Outcome out;
    readBytes(data, out);
    QCOMPARE(qsizetype(out.sink.events.size() + out.sink.rejections.size() + out.sink.skips.size()
                       + out.sink.processes.size()),
             lines);
    QCOMPARE(out.sink.inconsistentTimes, 0);
}

QTEST_GUILESS_MAIN(TestNdjsonReader)

// The notes are translatable texts with %1 arguments; untranslated, they
// read exactly as the CLI has always printed them.
void TestNdjsonReader::notesRenderTheirArguments_data()
{
    QTest::addColumn<qint64>("netflowReplies");
    QTest::addColumn<qint64>("sysmonSkewed");
    QTest::addColumn<qint64>("sysmonMaxSkewNs");
    QTest::addColumn<qint64>("before1971");
    QTest::addColumn<QStringList>("notes");
    constexpr qint64 hour = 3600LL * 1000000000LL;
    QTest::addRow("none") << qint64(0) << qint64(0) << qint64(0) << qint64(0) << QStringList();
    QTest::addRow("netflow") << qint64(7) << qint64(0) << qint64(0) << qint64(0)
                             << QStringList {QStringLiteral(
                                    "7 Suricata netflow reply records skipped: each repeats a "
                                    "flow already read, with the addresses swapped")};
    QTest::addRow("sysmon skew, hours rounded down")
        << qint64(0) << qint64(89) << qint64(18 * hour + hour - 1) << qint64(0)
        << QStringList {QStringLiteral(
               "Sysmon UtcTime differs from the event log's TimeCreated by more than an hour on "
               "89 events (up to 18 h); times were taken from TimeCreated (--map time=UtcTime "
               "takes Sysmon's)")};
    QTest::addRow("all three, large counts")
        << qint64(3'000'000'000) << qint64(2) << qint64(2 * hour) << qint64(576)
        << QStringList {
               QStringLiteral("3000000000 Suricata netflow reply records skipped: each repeats "
                              "a flow already read, with the addresses swapped"),
               QStringLiteral("Sysmon UtcTime differs from the event log's TimeCreated by more "
                              "than an hour on 2 events (up to 2 h); times were taken from "
                              "TimeCreated (--map time=UtcTime takes Sysmon's)"),
               QStringLiteral("576 events have times before 1971: the file's times look "
                              "relative (seconds since the capture started), not epoch")};
}

void TestNdjsonReader::notesRenderTheirArguments()
{
    QFETCH(qint64, netflowReplies);
    QFETCH(qint64, sysmonSkewed);
    QFETCH(qint64, sysmonMaxSkewNs);
    QFETCH(qint64, before1971);
    QFETCH(QStringList, notes);
    NdjsonStats stats;
    stats.netflowReplies = netflowReplies;
    stats.sysmonSkewed = sysmonSkewed;
    stats.sysmonMaxSkewNs = sysmonMaxSkewNs;
    stats.before1971 = before1971;
    QCOMPARE(ndjsonNotes(stats), notes);
}

#include "tst_ndjsonreader.moc"
