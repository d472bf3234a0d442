// ZeekTsvReader: header directives, mapping by #fields name across several
// header blocks, unset/empty values, masked times, bad lines; the LineReader
// it stands on; and the real Zeek logs in ../shared/realdata when present.

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTest>

#include "import/linereader.h"
#include "import/zeektsvreader.h"
#include "recordingsink.h"
#include "testutils.h"

#include <string>
#include <string_view>

using namespace ea;
using namespace ea::test;

namespace {

const QByteArray kHeader = "#separator \\x09\n"
                           "#set_separator\t,\n"
                           "#empty_field\t(empty)\n"
                           "#unset_field\t-\n"
                           "#path\tconn\n"
                           "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\n"
                           "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\n";

QByteArray row(int i)
{
    return "1732000000." + QByteArray::number(100000 + i) + "\tC" + QByteArray::number(i)
        + "\t10.0.0.5\t" + QByteArray::number(40000 + i % 20000) + "\t93.184.216."
        + QByteArray::number(i % 250) + "\t443\ttcp\n";
}

} // namespace

class TestZeekTsvReader : public QObject
{
    Q_OBJECT

private slots:
    void lineReader_data();
    void lineReader();
    void fixture();
    void variants_data();
    void variants();
    void refused_data();
    void refused();
    void nonConnectionColumnsNotMapped();
    void binaryGarbage();
    void cancelAndProgress();
    void realLogs_data();
    void realLogs();
};

// "n:text" per line, "n:!long:<length>" for a line over the cap.
void TestZeekTsvReader::lineReader_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArrayList>("expected");
    const int mib = 1 << 20;
    QTest::addRow("lf, crlf, no final newline")
        << QByteArray("a\r\nb\n\nc") << QByteArrayList {"1:a", "2:b", "3:", "4:c"};
    QTest::addRow("2 MB line") << (QByteArray("a\n") + QByteArray(2'000'000, 'x') + "\nb\n")
                               << QByteArrayList {"1:a", "2:!long:1048576", "3:b"};
    // Arrives whole in the buffer (cap + one block): still over the cap.
    QTest::addRow("1.5 MiB line") << (QByteArray("a\n") + QByteArray(3 * mib / 2, 'x') + "\nb\n")
                                  << QByteArrayList {"1:a", "2:!long:1048576", "3:b"};
    QTest::addRow("cap exactly") << (QByteArray(mib, 'y') + "\nz")
                                 << QByteArrayList {"1:y*1048576", "2:z"};
    QTest::addRow("cap plus one") << (QByteArray(mib + 1, 'y') + "\nz")
                                  << QByteArrayList {"1:!long:1048576", "2:z"};
    QTest::addRow("long last line without newline")
        << (QByteArray("a\n") + QByteArray(3 * mib, 'x'))
        << QByteArrayList {"1:a", "2:!long:1048576"};
}

void TestZeekTsvReader::lineReader()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArrayList, expected);
    QBuffer buffer(&input);
    buffer.open(QIODevice::ReadOnly);
    LineReader lines(buffer);
    LineReader::Line line;
    QByteArrayList got;
    while (lines.next(line)) {
        QByteArray text = QByteArray::number(line.number) + ':';
        if (line.tooLong) {
            text += "!long:" + QByteArray::number(qsizetype(line.text.size()));
        } else if (line.text.size() > 64) {
            text += line.text.front();
            text += '*' + QByteArray::number(qsizetype(line.text.size()));
        } else {
            text += bytes(line.text);
        }
        got.append(text);
    }
    QCOMPARE(got, expected);
    QCOMPARE(lines.bytesConsumed(), std::int64_t(input.size()));
}

void TestZeekTsvReader::fixture()
{
    const QString path = dataPath("zeek_conn.log");
    RecordingSink sink;
    const ReadResult result = readPath<ZeekTsvReader>(path, sink);
    QVERIFY2(result.ok(), qPrintable(result.error.message()));
    QCOMPARE(bytes(result.format), QByteArray("zeek-tsv"));
    QCOMPARE(result.kind, FileKind::Connections);
    QCOMPARE(result.header.size(), std::size_t(10)); // the first #fields block
    QCOMPARE(result.mapping[FieldRole::Dst], 4);
    QCOMPARE(sink.describedEvents(),
             (QByteArrayList {
                 "10 [93.184.216.34]:443 <- [10.0.0.5]:50000 ? tcp t=1732000000123456000",
                 "11 [2001:4860:4860::8888]:53 <- [10.0.0.5]:50001 ? udp t=1732000001000000000",
                 "12 [1.1.1.1]:80 <- [10.0.0.5]:50002 ? tcp t=unreadable",
                 "13 [8.8.8.8]:0 <- [10.0.0.5]:8 ? icmp t=-",
                 "20 [198.51.100.1]:8443 <- [10.0.0.6]:40000 ? tcp t=1732000010000000000",
                 "22 [198.51.100.2]:-1 <- [10.0.0.6]:40001 ? udp t=1732000011250000000",
             }));
    QCOMPARE(sink.describedRejections(),
             (QByteArrayList {
                 "14: missing destination",
                 "15: expected 10 fields, found 7",
             }));
    QVERIFY(sink.skips.empty());
    QCOMPARE(sink.lastProgress, std::int64_t(QFileInfo(path).size()));
}

void TestZeekTsvReader::variants_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArrayList>("events");
    QTest::addColumn<QByteArrayList>("rejections");

    const QByteArray good = "1732000000.5\tC1\t10.0.0.5\t40000\t93.184.216.34\t443\ttcp";
    QTest::addRow("crlf and bom")
        << QByteArray("\xef\xbb\xbf" + QByteArray(kHeader).replace("\n", "\r\n") + good + "\r\n")
        << QByteArrayList {"8 [93.184.216.34]:443 <- [10.0.0.5]:40000 ? tcp t=1732000000500000000"}
        << QByteArrayList {};
    QTest::addRow("no #separator line: tab by default")
        << QByteArray("#fields\tts\tid.resp_h\tid.resp_p\n1732000000\t1.2.3.4\t80\n")
        << QByteArrayList {"2 [1.2.3.4]:80 <- []:-1 ? - t=1732000000000000000"}
        << QByteArrayList {};
    QTest::addRow("other separator")
        << QByteArray("#separator \\x7c\n#unset_field|-\n#fields|id.resp_h|ts|id.resp_p\n"
                      "1.2.3.4|-|443\n")
        << QByteArrayList {"4 [1.2.3.4]:443 <- []:-1 ? - t=-"} << QByteArrayList {};
    QTest::addRow("other unset and empty markers")
        << QByteArray("#unset_field\tNONE\n#empty_field\tEMPTY\n#fields\tid.resp_h\tid.resp_p\tts\n"
                      "1.2.3.4\tNONE\tEMPTY\n-\t53\t1732000000\n")
        << QByteArrayList {"4 [1.2.3.4]:-1 <- []:-1 ? - t=-",
                           "5 [-]:53 <- []:-1 ? - t=1732000000000000000"}
        << QByteArrayList {};
    QTest::addRow("data before #fields")
        << (good + '\n' + kHeader + good + '\n')
        << QByteArrayList {"9 [93.184.216.34]:443 <- [10.0.0.5]:40000 ? tcp t=1732000000500000000"}
        << QByteArrayList {"1: data line before the #fields header"};
    QTest::addRow("NUL and invalid UTF-8")
        << (kHeader + QByteArray("1732000000\tC1\t10.0.0.5\t1\t1.2.\0.4\t443\ttcp\n", 41)
            + "1732000000\tC2\t10.0.0.5\t1\t1.2.3.\xff\t443\ttcp\n"
            + "1732000000\tC\xff\t10.0.0.5\t1\t1.2.3.4\t443\ttcp\n")
        << QByteArrayList {"10 [1.2.3.4]:443 <- [10.0.0.5]:1 ? tcp t=1732000000000000000"}
        << QByteArrayList {"8: NUL byte in record", "9: invalid UTF-8 in column id.resp_h"};
    QTest::addRow("2 MB line")
        << (kHeader + QByteArray(2'000'000, 'x') + '\n' + good + '\n')
        << QByteArrayList {"9 [93.184.216.34]:443 <- [10.0.0.5]:40000 ? tcp t=1732000000500000000"}
        << QByteArrayList {"8: line longer than 1 MiB"};
    QTest::addRow("truncated mid-line")
        << (kHeader + good + '\n' + "1732000001.0\tC2\t10.0.0.5\t4000")
        << QByteArrayList {"8 [93.184.216.34]:443 <- [10.0.0.5]:40000 ? tcp t=1732000000500000000"}
        << QByteArrayList {"9: expected 7 fields, found 4"};
}

void TestZeekTsvReader::variants()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArrayList, events);
    QFETCH(QByteArrayList, rejections);
    RecordingSink sink;
    const ReadResult result = readBytes<ZeekTsvReader>(input, sink);
    QVERIFY2(result.ok(), qPrintable(result.error.message()));
    QCOMPARE(sink.describedEvents(), events);
    QCOMPARE(sink.describedRejections(), rejections);
}

void TestZeekTsvReader::refused_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArrayList>("errorContains");
    QTest::addRow("no #fields") << QByteArray("#separator \\x09\n1\t2\n")
                                << QByteArrayList {"#fields"};
    QTest::addRow("empty") << QByteArray() << QByteArrayList {"#fields"};
    QTest::addRow("no destination column")
        << QByteArray("#separator \\x09\n#fields\tts\tfuid\ttx_hosts\n1\tF1\t1.2.3.4\n")
        << QByteArrayList {"ts, fuid, tx_hosts", "--map dst=COLUMN"};
    QTest::addRow("later block without destination")
        << (kHeader + row(1) + "#fields\tts\tquery\n1\texample.com\n")
        << QByteArrayList {"ts, query", "--map dst=COLUMN"};
    QTest::addRow("multi-character separator")
        << QByteArray("#separator \\x09\\x09\n#fields\t\tts\n") << QByteArrayList {"#separator"};
}

void TestZeekTsvReader::refused()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArrayList, errorContains);
    RecordingSink sink;
    const ReadResult result = readBytes<ZeekTsvReader>(input, sink);
    QVERIFY(!result.ok());
    for (const QByteArray &part : errorContains)
        QVERIFY2(result.error.message().toUtf8().contains(part),
                 qPrintable(result.error.message()));
}

// http.log has `host` (the Host header) and smb_files.log `path`: neither is
// a sensor or an executable, so they stay unmapped unless --map says so.
void TestZeekTsvReader::nonConnectionColumnsNotMapped()
{
    const QByteArray input = "#fields\tts\tid.orig_h\tid.resp_h\tid.resp_p\thost\turi\n"
                             "1732000000\t10.0.0.5\t93.184.216.34\t80\texample.com\t/\n";
    {
        RecordingSink sink;
        const ReadResult result = readBytes<ZeekTsvReader>(input, sink);
        QVERIFY2(result.ok(), qPrintable(result.error.message()));
        QVERIFY(!result.mapping.has(FieldRole::Host));
        QCOMPARE(
            sink.describedEvents(),
            QByteArrayList {"2 [93.184.216.34]:80 <- [10.0.0.5]:-1 ? - t=1732000000000000000"});
    }
    {
        ReadOptions options;
        options.overrides.push_back({FieldRole::Host, "host"});
        RecordingSink sink;
        const ReadResult result = readBytes<ZeekTsvReader>(input, sink, options);
        QVERIFY2(result.ok(), qPrintable(result.error.message()));
        QCOMPARE(
            sink.describedEvents(),
            QByteArrayList {
                "2 [93.184.216.34]:80 <- [10.0.0.5]:-1 ? - t=1732000000000000000 @example.com"});
    }
    {
        ReadOptions options;
        options.overrides.push_back({FieldRole::Host, "sensor"});
        RecordingSink sink;
        const ReadResult result = readBytes<ZeekTsvReader>(input, sink, options);
        QVERIFY(!result.ok());
        QVERIFY2(result.error.message().toUtf8().contains("sensor"),
                 qPrintable(result.error.message()));
    }
}

void TestZeekTsvReader::binaryGarbage()
{
    QRandomGenerator random(7);
    QByteArray garbage(512 * 1024, Qt::Uninitialized);
    random.fillRange(reinterpret_cast<quint32 *>(garbage.data()), garbage.size() / 4);
    for (qsizetype i = 0; i < garbage.size(); i += 1 + qsizetype(random.bounded(100)))
        garbage[i] = "\n\t#"[random.bounded(3)];
    const QByteArray input = kHeader + garbage + '\n' + row(3);
    RecordingSink sink;
    const ReadResult result = readBytes<ZeekTsvReader>(input, sink);
    // A random "#fields" line could redefine the columns and be refused; what
    // matters is a clean end, valid text in every event and bounded raw text.
    QVERIFY(result.ok() || !result.error.message().isEmpty());
    QVERIFY(!sink.rejections.empty());
    for (const RecordedEvent &e : sink.events)
        QVERIFY(!e.peer.empty() && e.peer.find('\0') == std::string::npos);
    for (const RecordedRejection &r : sink.rejections)
        QVERIFY(r.raw.size() <= LineReader::kDefaultMaxLine);
}

void TestZeekTsvReader::cancelAndProgress()
{
    QByteArray input = kHeader;
    for (int i = 0; i < 50'000; ++i) // about 3.5 MiB
        input += row(i);
    {
        RecordingSink sink;
        const ReadResult result = readBytes<ZeekTsvReader>(input, sink);
        QVERIFY2(result.ok(), qPrintable(result.error.message()));
        QCOMPARE(sink.events.size(), std::size_t(50'000));
        QVERIFY(!sink.progressWentBack);
        QVERIFY(sink.progressCalls >= 3 && sink.progressCalls <= 10);
        QCOMPARE(sink.lastProgress, std::int64_t(input.size()));
    }
    {
        RecordingSink sink;
        sink.cancelAfterEvents = 5;
        const ReadResult result = readBytes<ZeekTsvReader>(input, sink);
        QVERIFY(!result.ok());
        QVERIFY2(result.error.message().toUtf8().contains("cancelled"),
                 qPrintable(result.error.message()));
        QVERIFY(sink.events.size() < 25'000);
    }
}

// The README's record counts; the btest baselines mask every ts.
void TestZeekTsvReader::realLogs_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("events");
    QTest::addColumn<bool>("masked");
    QTest::addColumn<QByteArray>("first");
    QTest::addRow("teredo")
        << QStringLiteral("zeek_btest_teredo.conn.log") << 21 << true
        << QByteArray("10 [75.126.130.163]:80 <- [192.168.2.16]:1576 ? tcp t=unreadable bytes=0/0");
    QTest::addRow("ayiya") << QStringLiteral("zeek_btest_ayiya.conn.log") << 8 << true
                           << QByteArray("10 [ff02::1:ff00:2]:136 <- [::]:135 ? icmp t=unreadable");
    QTest::addRow("gtp inner teredo")
        << QStringLiteral("zeek_btest_gtp_inner_teredo.conn.log") << 17 << true << QByteArray();
    QTest::addRow("slips test10")
        << QStringLiteral("slips_test10.conn.log") << 117 << false
        << QByteArray("9 [2001:718:2:1611:0:1:0:90]:53 <- "
                      "[2001:718:2:1663:dc58:6d9:ef13:51a5]:54170 ? udp t=1601998366785668000 "
                      "bytes=37/77");
}

void TestZeekTsvReader::realLogs()
{
    QFETCH(QString, file);
    QFETCH(int, events);
    QFETCH(bool, masked);
    QFETCH(QByteArray, first);
    const QString path = realdataPath(file);
    if (!QFile::exists(path))
        QSKIP("../shared/realdata is not available");
    RecordingSink sink;
    const ReadResult result = readPath<ZeekTsvReader>(path, sink);
    QVERIFY2(result.ok(), qPrintable(result.error.message()));
    QCOMPARE(sink.events.size(), std::size_t(events));
    QCOMPARE(sink.describedRejections(), QByteArrayList {});
    int unreadable = 0;
    for (const RecordedEvent &e : sink.events) {
        unreadable += e.timeUnreadable ? 1 : 0;
        QVERIFY(!e.peer.empty());
        QVERIFY(e.peerPort >= 0);
        QVERIFY(e.hasTime != e.timeUnreadable);
    }
    QCOMPARE(unreadable, masked ? events : 0);
    if (!first.isEmpty())
        QCOMPARE(describe(sink.events.front()), first);
    QCOMPARE(sink.lastProgress, std::int64_t(QFileInfo(path).size()));
}

QTEST_GUILESS_MAIN(TestZeekTsvReader)
#include "tst_zeektsvreader.moc"
