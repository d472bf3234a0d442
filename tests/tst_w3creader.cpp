// W3cReader: the Windows Firewall log. SEND/RECEIVE direction and the peer
// swap, rows without addresses skipped, the local-time note, bad rows; and
// the real pfirewall.log in ../shared/realdata when present.

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTest>

#include "import/w3creader.h"
#include "recordingsink.h"
#include "testutils.h"

#include <map>
#include <string>
#include <string_view>

using namespace ea;
using namespace ea::test;

namespace {

const QByteArray kHeader
    = "#Version: 1.5\n#Software: Microsoft Windows Firewall\n#Time Format: Local\n"
      "#Fields: date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn "
      "tcpack tcpwin icmptype icmpcode info path\n";

QByteArray row(int i)
{
    return "2021-06-22 12:19:41 ALLOW TCP 192.168.178.25 52.114.76." + QByteArray::number(i % 250)
        + ' ' + QByteArray::number(40000 + i % 20000) + " 443 0 - - - - - - - SEND\n";
}

} // namespace

class TestW3cReader : public QObject
{
    Q_OBJECT

private slots:
    void fixture();
    void variants_data();
    void variants();
    void refused_data();
    void refused();
    void binaryGarbage();
    void cancelAndProgress();
    void realPfirewall();
};

void TestW3cReader::fixture()
{
    const QString path = dataPath("w3c_pfirewall.log");
    RecordingSink sink;
    const ReadResult result = readPath<W3cReader>(path, sink);
    QVERIFY2(result.ok(), qPrintable(result.error.message()));
    QCOMPARE(bytes(result.format), QByteArray("w3c-firewall"));
    QCOMPARE(result.kind, FileKind::Connections);
    QCOMPARE(result.header.size(), std::size_t(17));
    QCOMPARE(result.mapping[FieldRole::Dst], 5);
    QCOMPARE(result.mapping[FieldRole::Direction], 16);
    QVERIFY(!result.mapping.has(FieldRole::Path)); // `path` is SEND/RECEIVE
    QCOMPARE(result.notes.size(), qsizetype(1));
    QVERIFY2(result.notes[0].contains(QLatin1String("UTC")), qPrintable(result.notes[0]));
    QCOMPARE(sink.describedEvents(),
             (QByteArrayList {
                 "6 [52.114.76.37]:443 <- [192.168.178.25]:50123 out TCP t=1624364381000000000",
                 "7 [192.168.178.42]:5353 <- [192.168.178.25]:5353 in UDP t=1624364382000000000 "
                 "bytes=-/225",
                 "8 [8.8.8.8]:-1 <- [192.168.178.25]:-1 out ICMP t=1624364383000000000",
                 "9 [192.168.178.1]:-1 <- [224.0.0.1]:-1 in 2 t=1624364384000000000 bytes=-/32",
                 "12 [2606:4700::1111]:443 <- [2001:db8::1]:50000 out TCP t=1624364386000000000",
                 "13 [10.0.0.2]:2000 <- [10.0.0.1]:1000 ? UDP t=1624364387000000000",
             }));
    QCOMPARE(sink.describedRejections(), QByteArrayList {"11: expected 17 fields, found 9"});
    QCOMPARE(sink.skips.size(), std::size_t(1));
    QCOMPARE(sink.skips[0].line, std::int64_t(10));
    QCOMPARE(bytes(sink.skips[0].reason), QByteArray("no addresses (INFO-EVENTS-LOST)"));
    QCOMPARE(sink.lastProgress, std::int64_t(QFileInfo(path).size()));
}

void TestW3cReader::variants_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArrayList>("events");
    QTest::addColumn<QByteArrayList>("rejections");
    QTest::addColumn<int>("notes");

    QTest::addRow("crlf, trailing space, no time format")
        << QByteArray("#Fields: date time action protocol src-ip dst-ip src-port dst-port path\r\n"
                      "2021-12-01 09:01:43 ALLOW TCP 10.0.0.1 1.1.1.1 5000 443 SEND \r\n")
        << QByteArrayList {"2 [1.1.1.1]:443 <- [10.0.0.1]:5000 out TCP t=1638349303000000000"}
        << QByteArrayList {} << 0;
    // Newer Windows versions append `pid`; columns are found by name.
    QTest::addRow("pid column, other order")
        << QByteArray("#Fields: path dst-ip dst-port src-ip src-port protocol date time pid\n"
                      "RECEIVE 10.0.0.1 3389 198.51.100.4 51000 TCP 2021-12-01 09:01:43.5 1234\n")
        << QByteArrayList {"2 [198.51.100.4]:51000 <- [10.0.0.1]:3389 in TCP t=1638349303500000000 "
                           "1234/1234"}
        << QByteArrayList {} << 0;
    QTest::addRow("unreadable time, missing source on RECEIVE")
        << (kHeader
            + "2021-13-45 12:19:41 ALLOW TCP 10.0.0.1 1.1.1.1 5000 443 0 - - - - - - - SEND\n"
            + "2021-06-22 12:19:41 ALLOW TCP - 10.0.0.2 - 443 0 - - - - - - - RECEIVE\n")
        << QByteArrayList {"5 [1.1.1.1]:443 <- [10.0.0.1]:5000 out TCP t=unreadable"}
        << QByteArrayList {"6: missing source address (inbound row)"} << 1;
    QTest::addRow("data before #Fields, NUL, invalid UTF-8")
        << (row(1) + kHeader
            + QByteArray(
                "2021-06-22 12:19:41 ALLOW TCP 10.0.0.1 1.1.\0.1 5000 443 0 - - - - - - - SEND\n",
                77)
            + "2021-06-22 12:19:41 ALLOW TCP 10.0.0.1 1.1.1.\xff 5000 443 0 - - - - - - - SEND\n"
            + "2021-06-22 12:19:41 ALLOW TCP\xff 10.0.0.1 1.1.1.1 5000 443 0 - - - - - - - SEND\n")
        << QByteArrayList {}
        << QByteArrayList {"1: data line before the #Fields header", "6: NUL byte in record",
                           "7: invalid UTF-8 in column dst-ip",
                           "8: invalid UTF-8 in column protocol"}
        << 1;
    QTest::addRow("2 MB line") << (kHeader + QByteArray(2'000'000, 'x') + '\n' + row(3))
                               << QByteArrayList {"6 [52.114.76.3]:443 <- [192.168.178.25]:40003 "
                                                  "out TCP t=1624364381000000000"}
                               << QByteArrayList {"5: line longer than 1 MiB"} << 1;
    QTest::addRow("truncated last line")
        << (kHeader + row(3) + "2021-06-22 12:19:41 ALLOW TCP 192.168.178.25 52.1")
        << QByteArrayList {"5 [52.114.76.3]:443 <- [192.168.178.25]:40003 out TCP "
                           "t=1624364381000000000"}
        << QByteArrayList {"6: expected 17 fields, found 6"} << 1;
}

void TestW3cReader::variants()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArrayList, events);
    QFETCH(QByteArrayList, rejections);
    QFETCH(int, notes);
    RecordingSink sink;
    const ReadResult result = readBytes<W3cReader>(input, sink);
    QVERIFY2(result.ok(), qPrintable(result.error.message()));
    QCOMPARE(sink.describedEvents(), events);
    QCOMPARE(sink.describedRejections(), rejections);
    QCOMPARE(int(result.notes.size()), notes);
}

void TestW3cReader::refused_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArrayList>("errorContains");
    QTest::addRow("no #Fields") << QByteArray("#Version: 1.5\n2021-06-22 12:19:41 ALLOW\n")
                                << QByteArrayList {"#Fields"};
    QTest::addRow("empty") << QByteArray() << QByteArrayList {"#Fields"};
    QTest::addRow("IIS log: no dst-ip")
        << QByteArray("#Fields: date time s-ip cs-method cs-uri-stem c-ip\n")
        << QByteArrayList {"date, time, s-ip, cs-method, cs-uri-stem, c-ip", "--map dst=COLUMN"};
}

void TestW3cReader::refused()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArrayList, errorContains);
    RecordingSink sink;
    const ReadResult result = readBytes<W3cReader>(input, sink);
    QVERIFY(!result.ok());
    for (const QByteArray &part : errorContains)
        QVERIFY2(result.error.message().toUtf8().contains(part),
                 qPrintable(result.error.message()));
}

void TestW3cReader::binaryGarbage()
{
    QRandomGenerator random(3);
    QByteArray garbage(512 * 1024, Qt::Uninitialized);
    random.fillRange(reinterpret_cast<quint32 *>(garbage.data()), garbage.size() / 4);
    for (qsizetype i = 0; i < garbage.size(); i += 1 + qsizetype(random.bounded(100)))
        garbage[i] = "\n  "[random.bounded(3)];
    const QByteArray input = kHeader + garbage + '\n' + row(3);
    RecordingSink sink;
    const ReadResult result = readBytes<W3cReader>(input, sink);
    QVERIFY(result.ok() || !result.error.message().isEmpty());
    QVERIFY(!sink.rejections.empty());
    for (const RecordedEvent &e : sink.events)
        QVERIFY(!e.peer.empty() && e.peer.find('\0') == std::string::npos);
}

void TestW3cReader::cancelAndProgress()
{
    QByteArray input = kHeader;
    for (int i = 0; i < 40'000; ++i) // about 3.5 MiB
        input += row(i);
    {
        RecordingSink sink;
        const ReadResult result = readBytes<W3cReader>(input, sink);
        QVERIFY2(result.ok(), qPrintable(result.error.message()));
        QCOMPARE(sink.events.size(), std::size_t(40'000));
        QVERIFY(!sink.progressWentBack);
        QVERIFY(sink.progressCalls >= 3 && sink.progressCalls <= 10);
        QCOMPARE(sink.lastProgress, std::int64_t(input.size()));
    }
    {
        RecordingSink sink;
        sink.cancelAfterEvents = 5;
        const ReadResult result = readBytes<W3cReader>(input, sink);
        QVERIFY(!result.ok());
        QVERIFY2(result.error.message().toUtf8().contains("cancelled"),
                 qPrintable(result.error.message()));
        QVERIFY(sink.events.size() < 20'000);
    }
}

// BetaHydri/ParseFirewallLog pfirewall.log: 16809 rows = 3807 SEND + 13000
// RECEIVE + 2 INFO-EVENTS-LOST; protocol 2 (IGMP) in 32 rows.
void TestW3cReader::realPfirewall()
{
    const QString path = QStringLiteral(EA_SHARED_DIR "/realdata/betahydri_pfirewall.log");
    if (!QFile::exists(path))
        QSKIP("../shared/realdata is not available");
    RecordingSink sink;
    const ReadResult result = readPath<W3cReader>(path, sink);
    QVERIFY2(result.ok(), qPrintable(result.error.message()));
    QCOMPARE(result.notes.size(), qsizetype(1));
    QCOMPARE(sink.events.size() + sink.skips.size(), std::size_t(16809));
    QCOMPARE(sink.skips.size(), std::size_t(2));
    QCOMPARE(sink.skips[0].line, std::int64_t(11701));
    QCOMPARE(sink.skips[1].line, std::int64_t(16717));
    QVERIFY(sink.rejections.empty());
    std::map<Direction, int> directions;
    int igmp = 0;
    int timed = 0;
    for (const RecordedEvent &e : sink.events) {
        ++directions[e.direction];
        igmp += e.protocol == "2" ? 1 : 0;
        timed += e.hasTime ? 1 : 0;
        QVERIFY(!e.peer.empty());
    }
    QCOMPARE(directions[Direction::Outbound], 3807);
    QCOMPARE(directions[Direction::Inbound], 13000);
    QCOMPARE(igmp, 32);
    QCOMPARE(timed, 16807);
    // The first data row is RECEIVE: the peer is the sender, src-ip.
    QCOMPARE(
        describe(sink.events.front()),
        QByteArray("6 [192.168.178.25]:5353 <- [224.0.0.251]:5353 in UDP t=1624364381000000000 "
                   "bytes=-/73"));
    QCOMPARE(sink.lastProgress, std::int64_t(QFileInfo(path).size()));
}

QTEST_GUILESS_MAIN(TestW3cReader)
#include "tst_w3creader.moc"
