// CsvRecordSplitter and CsvReader: RFC 4180 splitting, header sniffing, kind
// detection, every connections/processes/hosts layout from tests/data, bad
// input (rejected rows, never a crash, bounded memory), cancellation and
// progress, and the real binetflow sample when ../shared is there.

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTest>

#include "core/csvrecordsplitter.h"
#include "import/csvreader.h"
#include "import/readersupport.h"
#include "recordingsink.h"
#include "testutils.h"

#include <sys/resource.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>

using namespace ea;
using namespace ea::test;

namespace {

// "line:field|field" for a record, "line:!reason:raw" for an error.
QByteArrayList splitAll(const QByteArray &data,
                        std::size_t maxRecord = CsvRecordSplitter::kDefaultMaxRecord)
{
    QBuffer buffer;
    buffer.setData(data);
    buffer.open(QIODevice::ReadOnly);
    CsvRecordSplitter splitter(buffer, maxRecord);
    splitter.sniffDelimiter();
    QByteArrayList out;
    CsvRecordSplitter::Record record;
    while (splitter.next(record)) {
        QByteArray text = QByteArray::number(record.line) + ':';
        if (!record.error.empty()) {
            text += '!' + bytes(record.error) + ':' + bytes(record.raw);
        } else {
            for (std::size_t i = 0; i < record.fields.size(); ++i)
                text += (i ? "|" : "") + bytes(record.fields[i]);
        }
        out.append(text);
    }
    return out;
}

QByteArray describe(const RecordedProcess &p)
{
    return QByteArray::number(p.line) + ' ' + bytes(p.key) + " host=" + bytes(p.host)
        + " pid=" + bytes(p.pid) + " path=" + bytes(p.path) + " args=" + bytes(p.arguments)
        + " user=" + bytes(p.user) + " name=" + bytes(p.name) + " container=" + bytes(p.container);
}

// A sequential device that produces a long stream without holding it:
// prefix, `fillCount` bytes of `fill`, suffix.
class GeneratedDevice final : public QIODevice
{
public:
    GeneratedDevice(QByteArray prefix, qint64 fillCount, char fill, QByteArray suffix)
        : m_prefix(std::move(prefix))
        , m_fillCount(fillCount)
        , m_fill(fill)
        , m_suffix(std::move(suffix))
    {
        open(QIODevice::ReadOnly);
    }
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        qint64 written = 0;
        while (written < maxSize) {
            const qint64 total = m_prefix.size() + m_fillCount + m_suffix.size();
            if (m_at >= total)
                break;
            if (m_at < m_prefix.size()) {
                data[written++] = m_prefix.at(m_at++);
            } else if (m_at < m_prefix.size() + m_fillCount) {
                const qint64 n = std::min(maxSize - written, m_prefix.size() + m_fillCount - m_at);
                std::memset(data + written, m_fill, std::size_t(n));
                written += n;
                m_at += n;
            } else {
                data[written++] = m_suffix.at(m_at++ - m_prefix.size() - m_fillCount);
            }
        }
        return written;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_prefix;
    qint64 m_fillCount;
    char m_fill;
    QByteArray m_suffix;
    qint64 m_at = 0;
};

const QByteArray kSlsHeader
    = "unix_nano_timestamp,sensor_id,process_uuid,src_addr,src_port,dst_addr,dst_port,protocol\n";

QByteArray slsRow(int i)
{
    return "17320000000000" + QByteArray::number(10000 + i) + ",s1,p1,10.0.0.1,"
        + QByteArray::number(40000 + i % 20000) + ",93.184.216." + QByteArray::number(i % 250)
        + ",443,6\n";
}

} // namespace

class TestCsvReader : public QObject
{
    Q_OBJECT

private slots:
    void eventBytes_data();
    void eventBytes();
    void parsePortValues_data();
    void parsePortValues();
    void utf8Validation_data();
    void utf8Validation();
    void splitter_data();
    void splitter();
    void splitterLongRecord();
    void sniffDelimiter_data();
    void sniffDelimiter();
    void connections_data();
    void connections();
    void processes_data();
    void processes();
    void hosts();
    void refused_data();
    void refused();
    void mappingOverride();
    void overlongLines_data();
    void overlongLines();
    void nulAndUtf8();
    void truncatedMidQuote();
    void strayQuoteInLargeFile();
    void binaryGarbage();
    void hugeLineBoundedMemory();
    void cancel();
    void progress();
    void realBinetflow();
};

void TestCsvReader::parsePortValues_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("port");
    QTest::addRow("decimal") << QByteArray("443") << 443;
    QTest::addRow("zero") << QByteArray("0") << 0;
    QTest::addRow("max") << QByteArray("65535") << 65535;
    QTest::addRow("too large") << QByteArray("65536") << -1;
    QTest::addRow("spaces") << QByteArray(" 80 ") << 80;
    QTest::addRow("hex argus") << QByteArray("0x0f72") << 0x0f72;
    QTest::addRow("hex upper") << QByteArray("0X01BB") << 443;
    QTest::addRow("hex too large") << QByteArray("0x10000") << -1;
    QTest::addRow("bare 0x") << QByteArray("0x") << -1;
    QTest::addRow("empty") << QByteArray("") << -1;
    QTest::addRow("dash") << QByteArray("-") << -1;
    QTest::addRow("negative") << QByteArray("-1") << -1;
    QTest::addRow("word") << QByteArray("https") << -1;
    QTest::addRow("long digits") << QByteArray("000000000443") << -1;
}

void TestCsvReader::parsePortValues()
{
    QFETCH(QByteArray, text);
    QFETCH(int, port);
    QCOMPARE(parsePort(std::string_view(text.constData(), std::size_t(text.size()))), port);
}

void TestCsvReader::utf8Validation_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("valid");
    QTest::addRow("ascii") << QByteArray("/usr/bin/curl") << true;
    QTest::addRow("2-byte") << QByteArray("caf\xc3\xa9") << true;
    QTest::addRow("3-byte") << QByteArray("\xe2\x82\xac") << true;
    QTest::addRow("4-byte") << QByteArray("\xf0\x9f\x98\x80") << true;
    QTest::addRow("max code point") << QByteArray("\xf4\x8f\xbf\xbf") << true;
    QTest::addRow("lone continuation") << QByteArray("a\x80") << false;
    QTest::addRow("overlong slash") << QByteArray("\xc0\xaf") << false;
    QTest::addRow("overlong 3-byte") << QByteArray("\xe0\x80\xaf") << false;
    QTest::addRow("surrogate") << QByteArray("\xed\xa0\x80") << false;
    QTest::addRow("past U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << false;
    QTest::addRow("truncated") << QByteArray("ab\xe2\x82") << false;
    QTest::addRow("latin-1") << QByteArray("M\xfcller") << false;
    QTest::addRow("ff") << QByteArray("\xff\xfe") << false;
}

void TestCsvReader::utf8Validation()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, valid);
    QCOMPARE(isValidUtf8(std::string_view(text.constData(), std::size_t(text.size()))), valid);
}

void TestCsvReader::splitter_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArrayList>("expected");
    QTest::addRow("simple") << QByteArray("a,b,c\n1,2,3\n")
                            << QByteArrayList {"1:a|b|c", "2:1|2|3"};
    QTest::addRow("no final newline")
        << QByteArray("a,b\n1,2") << QByteArrayList {"1:a|b", "2:1|2"};
    QTest::addRow("crlf") << QByteArray("a,b\r\n1,2\r\n") << QByteArrayList {"1:a|b", "2:1|2"};
    QTest::addRow("cr at end of file")
        << QByteArray("a,b\r\n1,2\r") << QByteArrayList {"1:a|b", "2:1|2"};
    QTest::addRow("bom") << QByteArray("\xef\xbb\xbf"
                                       "a,b\n")
                         << QByteArrayList {"1:a|b"};
    QTest::addRow("empty fields") << QByteArray("a,,\n,,\n") << QByteArrayList {"1:a||", "2:||"};
    QTest::addRow("blank line") << QByteArray("a\n\nb\n") << QByteArrayList {"1:a", "2:", "3:b"};
    QTest::addRow("quoted") << QByteArray("\"a,b\",c\n") << QByteArrayList {"1:a,b|c"};
    QTest::addRow("escaped quotes")
        << QByteArray("\"say \"\"hi\"\"\",x\n") << QByteArrayList {"1:say \"hi\"|x"};
    QTest::addRow("only escaped quote") << QByteArray("\"\"\"\"\n") << QByteArrayList {"1:\""};
    QTest::addRow("empty quoted") << QByteArray("\"\",x\n") << QByteArrayList {"1:|x"};
    QTest::addRow("quoted last, crlf")
        << QByteArray("x,\"y\"\r\nz,w\r\n") << QByteArrayList {"1:x|y", "2:z|w"};
    QTest::addRow("quoted at end of file") << QByteArray("x,\"y\"") << QByteArrayList {"1:x|y"};
    QTest::addRow("embedded newline keeps line numbers")
        << QByteArray("h1,h2\n\"a\nb\r\nc\",d\ne,f\n")
        << QByteArrayList {"1:h1|h2", "2:a\nb\r\nc|d", "5:e|f"};
    QTest::addRow("quote inside unquoted field is literal")
        << QByteArray("ab\"c,d\n") << QByteArrayList {"1:ab\"c|d"};
    QTest::addRow("text after closing quote resyncs on next line")
        << QByteArray("\"a\"b,c\nd,e\n")
        << QByteArrayList {"1:!text after closing quote:\"a\"b,c", "2:d|e"};
    QTest::addRow("unbalanced at end of file resyncs")
        << QByteArray("x,y\n\"open,1\n2,3\n")
        << QByteArrayList {"1:x|y", "2:!unbalanced quote at end of file:\"open,1", "3:2|3"};
    QTest::addRow("stray quote swallowing a later quote")
        << QByteArray("a,b\n\"x,1\n2,\"y\"\n3,4\n")
        << QByteArrayList {"1:a|b", "2:!text after closing quote:\"x,1", "3:2|y", "4:3|4"};
    QTest::addRow("tab delimiter")
        << QByteArray("a\tb\n1\t\"2\t3\"\n") << QByteArrayList {"1:a|b", "2:1|2\t3"};
    QTest::addRow("semicolon delimiter")
        << QByteArray("a;b\n1,5;2\n") << QByteArrayList {"1:a|b", "2:1,5|2"};
}

void TestCsvReader::splitter()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArrayList, expected);
    QCOMPARE(splitAll(input), expected);
}

// A small cap shows the long-record rules without megabytes of input.
void TestCsvReader::splitterLongRecord()
{
    const QByteArray input = "a,b\n0123456789abcdef,x\n1,2\n\"0123456789\nabcdef\",y\n3,4\n";
    const QByteArrayList expected = {
        "1:a|b",        "2:!record longer than 16 bytes:0123456789abcdef",
        "3:1|2",        "4:!record longer than 16 bytes:\"0123456789",
        "5:abcdef\"|y", "6:3|4",
    };
    QCOMPARE(splitAll(input, 16), expected);
}

void TestCsvReader::sniffDelimiter_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<char>("delimiter");
    QTest::addRow("comma") << QByteArray("a,b,c\n") << ',';
    QTest::addRow("tab") << QByteArray("a\tb\tc\n") << '\t';
    QTest::addRow("semicolon") << QByteArray("a;b;c\n1,5;2,5;3\n") << ';';
    QTest::addRow("commas inside quotes ignored") << QByteArray("\"a,b,c\";d;e\n") << ';';
    QTest::addRow("single column") << QByteArray("dst_addr\n") << ',';
    QTest::addRow("tie prefers comma") << QByteArray("a,b;c\n") << ',';
    QTest::addRow("bom") << QByteArray("\xef\xbb\xbf"
                                       "a\tb\n")
                         << '\t';
    QTest::addRow("empty") << QByteArray() << ',';
}

void TestCsvReader::sniffDelimiter()
{
    QFETCH(QByteArray, input);
    QFETCH(char, delimiter);
    QBuffer buffer(&input);
    buffer.open(QIODevice::ReadOnly);
    CsvRecordSplitter splitter(buffer);
    QCOMPARE(splitter.sniffDelimiter(), delimiter);
    QCOMPARE(splitter.bytesConsumed(), std::int64_t(input.startsWith("\xef\xbb\xbf") ? 3 : 0));
}

void TestCsvReader::eventBytes_data()
{
    QTest::addColumn<QString>("src");
    QTest::addColumn<QString>("dst");
    QTest::addColumn<QString>("total");
    QTest::addColumn<bool>("swapped");
    QTest::addColumn<qint64>("out");
    QTest::addColumn<qint64>("in");
    QTest::addRow("both") << "10"
                          << "20"
                          << "" << false << qint64(10) << qint64(20);
    QTest::addRow("both, inbound") << "10"
                                   << "20"
                                   << "" << true << qint64(20) << qint64(10);
    QTest::addRow("source and total") << "70"
                                      << ""
                                      << "220" << false << qint64(70) << qint64(150);
    QTest::addRow("source and total, inbound") << "70"
                                               << ""
                                               << "220" << true << qint64(150) << qint64(70);
    QTest::addRow("own field wins over total") << "1"
                                               << "2"
                                               << "100" << false << qint64(1) << qint64(2);
    QTest::addRow("total below source") << "300"
                                        << ""
                                        << "200" << false << qint64(300) << qint64(-1);
    QTest::addRow("total alone") << ""
                                 << ""
                                 << "500" << false << qint64(-1) << qint64(-1);
    QTest::addRow("blanks around") << " 5 "
                                   << "\t6"
                                   << "" << false << qint64(5) << qint64(6);
    QTest::addRow("Zeek unset") << "-"
                                << "-"
                                << "" << false << qint64(-1) << qint64(-1);
    QTest::addRow("negative") << "-4"
                              << "8"
                              << "" << false << qint64(-1) << qint64(8);
    QTest::addRow("fraction") << "1.5"
                              << ""
                              << "" << false << qint64(-1) << qint64(-1);
    QTest::addRow("past int64") << "9223372036854775808"
                                << "0"
                                << "" << false << qint64(-1) << qint64(0);
    QTest::addRow("int64 max") << "9223372036854775807"
                               << ""
                               << "" << false << qint64(9223372036854775807LL) << qint64(-1);
}

void TestCsvReader::eventBytes()
{
    QFETCH(QString, src);
    QFETCH(QString, dst);
    QFETCH(QString, total);
    QFETCH(bool, swapped);
    QFETCH(qint64, out);
    QFETCH(qint64, in);
    Event event;
    const std::string s = src.toStdString(), d = dst.toStdString(), t = total.toStdString();
    setEventBytes(event, s, d, t, swapped);
    QCOMPARE(qint64(event.bytesOut), out);
    QCOMPARE(qint64(event.bytesIn), in);
}

void TestCsvReader::connections_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("format");
    QTest::addColumn<QByteArrayList>("events");
    QTest::addColumn<QByteArrayList>("rejections");

    // gen_connections.py --rows 12 --seed 11 --processes 4 --sensors 2 --bad 0.2;
    // the expected lines were written from Python's csv module.
    QTest::addRow("SLS connections")
        << dataPath("csv_sls_connections.csv") << QByteArray("csv")
        << QByteArrayList {
               "2 [10.148.65.62]:5432 <- [10.0.245.219]:43977 ? 6 t=1732000000018861747 e8c78d6d-7b27-eff6-9585-60a304654177/ @2def4fe1-eb73-6da1-c6a3-ad8b27cfd9ee",
               "3 [173.138.172.23]:53 <- [10.0.113.103]:59028 ? 17 t=1732000000063170388 2f3e04e2-3297-81d8-1bd2-2f3450035016/ @757143b0-c0cd-76a8-0ff5-cf57e985a65d",
               "4 [192.168.18.46]:59494 <- [10.0.29.169]:33124 ? 6 t=1732000000089005727 7123d64d-3955-65fd-8234-44ef9843e602/ @2def4fe1-eb73-6da1-c6a3-ad8b27cfd9ee",
               "5 [::ffff:192.168.202.247]:53 <- [2001:db8:100::6be4]:46392 ? 17 t=1732000000120724464 7123d64d-3955-65fd-8234-44ef9843e602/ @2def4fe1-eb73-6da1-c6a3-ad8b27cfd9ee",
               "6 [ 8.8.8.8x]:3306 <- [10.0.67.164]:41500 ? 6 t=1732000000131254526 999b5310-3c43-c005-969e-272137a5307a/ @757143b0-c0cd-76a8-0ff5-cf57e985a65d",
               "7 [1.2.3.4.5]:53 <- [10.0.91.1]:59706 ? 17 t=1732000000165878440 2f3e04e2-3297-81d8-1bd2-2f3450035016/ @757143b0-c0cd-76a8-0ff5-cf57e985a65d",
               "8 [fe80::af5f:e244:ff22:7ba3]:46485 <- [2001:db8:100::18e0]:48125 ? 6 t=1732000000174496229 e8c78d6d-7b27-eff6-9585-60a304654177/ @2def4fe1-eb73-6da1-c6a3-ad8b27cfd9ee",
               "9 [104.9.49.52]:5432 <- [10.0.155.5]:39094 ? 6 t=1732000000180056797 7123d64d-3955-65fd-8234-44ef9843e602/ @2def4fe1-eb73-6da1-c6a3-ad8b27cfd9ee",
               "10 [172.19.228.78]:123 <- [10.0.211.135]:43125 ? 17 t=1732000000225840439 e8c78d6d-7b27-eff6-9585-60a304654177/ @2def4fe1-eb73-6da1-c6a3-ad8b27cfd9ee",
               "11 [295b:7dcf:5312::fdb3]:8080 <- [2001:db8:100::aacb]:35204 ? 6 t=1732000000246694296 e8c78d6d-7b27-eff6-9585-60a304654177/ @2def4fe1-eb73-6da1-c6a3-ad8b27cfd9ee",
               "12 [10.36.41.24]:5432 <- [10.0.62.168]:56090 ? 6 t=1732000000292804417 e8c78d6d-7b27-eff6-9585-60a304654177/ @2def4fe1-eb73-6da1-c6a3-ad8b27cfd9ee",
               "13 [::ffff:10.97.94.206]:8443 <- [2001:db8:100::c597]:56335 ? 6 t=1732000000340452127 e8c78d6d-7b27-eff6-9585-60a304654177/ @2def4fe1-eb73-6da1-c6a3-ad8b27cfd9ee",
           }
        << QByteArrayList {};

    QTest::addRow("SLS as TSV")
        << dataPath("tsv_sls_connections.tsv") << QByteArray("tsv")
        << QByteArrayList {
               "2 [93.184.216.34]:443 <- [10.0.0.1]:40000 ? 6 t=1732000000000000000 p1/ @s1",
               "3 [2606:4700:4700::1111]:53 <- [2001:db8::1]:40001 ? 17 t=1732000000500000000 p2/ @s2",
           }
        << QByteArrayList {};

    // BOM, CRLF, quoted and escaped fields, a record over three lines, a
    // blank line, hex and missing ports, an unreadable and a missing time,
    // no final newline.
    QTest::addRow("quoting and line numbers")
        << dataPath("csv_quoting.csv") << QByteArray("csv")
        << QByteArrayList {
               "2 [1.1.1.1]:443 <- []:-1 ? - t=1700000000000000001 p1/",
               "3 [2.2.2.2]:80 <- []:-1 ? - t=1700000000000000002 p\"2/",
               "4 [3.3.3.3]:53 <- []:-1 ? - t=1700000000000000003 p3/",
               "7 [4.4.4.4,5]:22 <- []:-1 ? - t=1700000000000000004 p4/",
               "9 [5.5.5.5]:-1 <- []:-1 ? - t=1700000000000000005 p5/",
               "10 [6.6.6.6]:443 <- []:-1 ? - t=1700000000000000006 p6/",
               "11 [7.7.7.7]:-1 <- []:-1 ? - t=unreadable p7/",
               "12 [8.8.8.8]:443 <- []:-1 ? - t=- p8/",
           }
        << QByteArrayList {};

    QTest::addRow("bad rows")
        << dataPath("csv_bad_rows.csv") << QByteArray("csv")
        << QByteArrayList {
               "2 [93.184.216.34]:443 <- [10.0.0.1]:40000 ? 6 t=1732000000000000000 p1/ @s1",
               "6 [93.184.216.36]:443 <- [10.0.0.1]:40004 ? 6 t=1732000000000000004 p1/ @s1",
               "9 [93.184.216.39]:443 <- [10.0.0.1]:40007 ? 6 t=1732000000000000007 p1/ @s1",
           }
        << QByteArrayList {
               "3: expected 8 fields, found 5",
               "4: missing destination",
               "5: text after closing quote",
               "7: expected 8 fields, found 9",
               "8: unbalanced quote at end of file",
           };

    QTest::addRow("Sophos Live Discover")
        << dataPath("csv_sophos_live_discover.csv") << QByteArray("csv")
        << QByteArrayList {
               "2 [52.114.76.37]:443 <- [10.0.0.5]:50123 ? TCP t=1700000000000000000 1234:132456789012345678/ C:\\Windows\\System32\\svchost.exe @WIN-DC01",
               "3 [2603:1026:c02::1]:443 <- [10.0.0.5]:50124 ? TCP t=1700000060000000000 1234:132456789012345678/ C:\\Program Files\\App\\app.exe @WIN-DC01",
           }
        << QByteArrayList {};

    QTest::addRow("osquery process_open_sockets")
        << dataPath("csv_osquery_process_open_sockets.csv") << QByteArray("csv")
        << QByteArrayList {
               "2 [140.82.112.3]:443 <- [10.0.2.15]:51514 ? 6 t=- 1402/1402 /usr/bin/git",
               "3 [::]:0 <- [::]:5353 ? 17 t=- 733/733 /usr/sbin/avahi-daemon",
           }
        << QByteArrayList {"4: missing destination"};

    // Argus arrows keep the columns as named; hex ports are ICMP type/code.
    QTest::addRow("Argus binetflow")
        << dataPath("csv_binetflow.csv") << QByteArray("csv")
        << QByteArrayList {
               "2 [198.51.100.7]:445 <- [192.0.2.10]:52691 out tcp t=1545141600075359000 bytes=70/0",
               "3 [198.51.100.8]:3954 <- [192.0.2.11]:8 ? icmp t=1545141611171480000 bytes=110/110",
               "4 [224.0.0.251]:5353 <- [192.0.2.12]:5353 ? udp t=1545141612000000000 bytes=300/0",
               "5 [198.51.100.9]:55000 <- [192.0.2.13]:443 in tcp t=1545141613500000000 bytes=60/0",
           }
        << QByteArrayList {};

    // network.direction inbound: the remote end is source.ip.
    QTest::addRow("ECS flattened")
        << dataPath("csv_ecs.csv") << QByteArray("csv")
        << QByteArrayList {
               "2 [151.101.1.69]:443 <- [10.1.2.3]:50000 out tcp t=1732000000013000000 proc-1/4242 /usr/bin/curl @web-03",
               "3 [203.0.113.50]:61000 <- [10.1.2.3]:22 in tcp t=1732000001000000000 proc-2/900 /usr/sbin/sshd @web-03",
           }
        << QByteArrayList {};
}

void TestCsvReader::connections()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, format);
    QFETCH(QByteArrayList, events);
    QFETCH(QByteArrayList, rejections);

    RecordingSink sink;
    const ReadResult result = readPath<CsvReader>(file, sink);
    QVERIFY2(result.ok(), qPrintable(result.error.message()));
    QCOMPARE(bytes(result.format), format);
    QCOMPARE(result.kind, FileKind::Connections);
    QVERIFY(result.mapping.has(FieldRole::Dst));
    QCOMPARE(sink.describedEvents(), events);
    QCOMPARE(sink.describedRejections(), rejections);
    QVERIFY(sink.skips.empty());
    QCOMPARE(sink.inconsistentTimes, 0);
    QCOMPARE(sink.lastProgress, std::int64_t(QFileInfo(file).size()));
}

void TestCsvReader::processes_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArrayList>("expected");
    QTest::addColumn<QByteArrayList>("rejections");

    QTest::addRow("SLS processes")
        << dataPath("csv_sls_processes.csv")
        << QByteArrayList {
               "2 e8c78d6d-7b27-eff6-9585-60a304654177 host=2def4fe1-eb73-6da1-c6a3-ad8b27cfd9ee pid=245292 path=/usr/bin/curl args=/usr/bin/curl -H \"X-Token: a,b\" https://updates.example.net/x user=33 name=curl container=",
               "3 7123d64d-3955-65fd-8234-44ef9843e602 host=2def4fe1-eb73-6da1-c6a3-ad8b27cfd9ee pid=2522665 path=/usr/bin/node args=/usr/bin/node -e \"console.log(1)\nconsole.log(2)\" user=0 name=node container=3f2a9c",
           }
        << QByteArrayList {"5: missing process key"};
    QTest::addRow("osquery processes")
        << dataPath("csv_osquery_processes.csv")
        << QByteArrayList {
               "2 1402 host= pid=1402 path=/usr/bin/git args=git fetch origin user=1000 name=git container=",
               "3 1 host= pid=1 path=/usr/lib/systemd/systemd args=/sbin/init splash user=0 name=systemd container=",
           }
        << QByteArrayList {};
    QTest::addRow("Sophos process journal")
        << dataPath("csv_sophos_process_journal.csv")
        << QByteArrayList {
               "2 1234:132456789012345678 host= pid=1234 path=C:\\Windows\\System32\\svchost.exe args=C:\\Windows\\system32\\svchost.exe -k netsvcs -p user=NT AUTHORITY\\SYSTEM name=svchost.exe container=",
           }
        << QByteArrayList {};
}

void TestCsvReader::processes()
{
    QFETCH(QString, file);
    QFETCH(QByteArrayList, expected);
    QFETCH(QByteArrayList, rejections);

    RecordingSink sink;
    const ReadResult result = readPath<CsvReader>(file, sink);
    QVERIFY2(result.ok(), qPrintable(result.error.message()));
    QCOMPARE(result.kind, FileKind::Processes);
    QVERIFY(sink.events.empty());
    QByteArrayList described;
    for (const RecordedProcess &p : sink.processes)
        described.append(describe(p));
    QCOMPARE(described, expected);
    QCOMPARE(sink.describedRejections(), rejections);
}

void TestCsvReader::hosts()
{
    RecordingSink sink;
    const ReadResult result = readPath<CsvReader>(dataPath("csv_sls_hosts.csv"), sink);
    QVERIFY2(result.ok(), qPrintable(result.error.message()));
    QCOMPARE(result.kind, FileKind::Hosts);
    QCOMPARE(sink.hosts.size(), std::size_t(2));
    QCOMPARE(sink.hosts[0].line, std::int64_t(2));
    QCOMPARE(bytes(sink.hosts[0].key), QByteArray("2def4fe1-eb73-6da1-c6a3-ad8b27cfd9ee"));
    QCOMPARE(bytes(sink.hosts[0].hostname), QByteArray("batch-00"));
    QCOMPARE(sink.hosts[1].line, std::int64_t(3));
    QCOMPARE(bytes(sink.hosts[1].hostname), QByteArray("batch-01"));
    QVERIFY(sink.events.empty() && sink.processes.empty() && sink.rejections.empty());
}

void TestCsvReader::refused_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("override"); // "role=column" or empty
    QTest::addColumn<QByteArrayList>("errorContains");

    const QByteArrayList hint = {"--map dst=COLUMN", "port=", "process=", "host=", "time=", "src="};
    QTest::addRow("no destination") << QByteArray("when,who,what\n1,2,3\n") << QByteArray()
                                    << (QByteArrayList {"when, who, what"} + hint);
    QTest::addRow("source without destination")
        << QByteArray("src_addr,remote_ip,dst_port\n1.2.3.4,5.6.7.8,443\n") << QByteArray()
        << QByteArrayList {"src_addr, remote_ip, dst_port", "--map dst=COLUMN"};
    QTest::addRow("process key and path but a port column")
        << QByteArray("pid,path,remote_port\n1,/bin/sh,443\n") << QByteArray()
        << QByteArrayList {"pid, path, remote_port", "--map dst=COLUMN"};
    QTest::addRow("unknown --map column")
        << QByteArray("dst_addr,dst_port\n1.2.3.4,443\n") << QByteArray("dst=remote")
        << QByteArrayList {"remote", "dst_addr, dst_port"};
    QTest::addRow("empty file") << QByteArray() << QByteArray() << QByteArrayList {"empty"};
    QTest::addRow("only blank lines")
        << QByteArray("\n\r\n\n") << QByteArray() << QByteArrayList {"empty"};
    QTest::addRow("NUL in header") << QByteArray("dst_addr,\0x\n1.2.3.4,1\n", 22) << QByteArray()
                                   << QByteArrayList {"not UTF-8 text"};
    QTest::addRow("invalid UTF-8 header") << QByteArray("dst_addr,\xff\xfe\n1.2.3.4,1\n")
                                          << QByteArray() << QByteArrayList {"not UTF-8 text"};
    QTest::addRow("header with open quote")
        << QByteArray("dst_addr,\"port\n1.2.3.4,1\n") << QByteArray()
        << QByteArrayList {"header row cannot be read", "unbalanced quote"};
}

void TestCsvReader::refused()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, override);
    QFETCH(QByteArrayList, errorContains);

    ReadOptions options;
    if (!override.isEmpty()) {
        const QByteArrayList parts = override.split('=');
        options.overrides.push_back(
            {*fieldRoleFromId(parts[0].toStdString()), parts[1].toStdString()});
    }
    RecordingSink sink;
    const ReadResult result = readBytes<CsvReader>(input, sink, options);
    QVERIFY(!result.ok());
    for (const QByteArray &part : errorContains)
        QVERIFY2(result.error.message().toUtf8().contains(part),
                 qPrintable(result.error.message()));
    QVERIFY(sink.events.empty());
}

void TestCsvReader::mappingOverride()
{
    ReadOptions options;
    options.overrides.push_back({FieldRole::Dst, "Remote IP"});
    options.overrides.push_back({FieldRole::DstPort, "rport"});
    options.overrides.push_back({FieldRole::Time, "seen"});
    RecordingSink sink;
    const ReadResult result = readBytes<CsvReader>(
        "seen;Remote IP;rport\n1732000000;203.0.113.9;8443\n", sink, options);
    QVERIFY2(result.ok(), qPrintable(result.error.message()));
    QCOMPARE(result.kind, FileKind::Connections);
    QCOMPARE(result.mapping[FieldRole::Dst], 1);
    QCOMPARE(sink.describedEvents(),
             QByteArrayList {"2 [203.0.113.9]:8443 <- []:-1 ? - t=1732000000000000000"});
}

void TestCsvReader::overlongLines_data()
{
    QTest::addColumn<int>("length");
    QTest::addRow("2 MB") << 2'000'000;
    QTest::addRow("1.5 MiB, arrives whole in the buffer") << (3 << 19);
    QTest::addRow("just over 1 MiB") << (1 << 20) + 1;
}

void TestCsvReader::overlongLines()
{
    QFETCH(int, length);
    QByteArray input = kSlsHeader + slsRow(1);
    input += QByteArray(length, 'x') + '\n';
    input += slsRow(2);
    RecordingSink sink;
    const ReadResult result = readBytes<CsvReader>(input, sink);
    QVERIFY2(result.ok(), qPrintable(result.error.message()));
    QCOMPARE(sink.describedRejections(), QByteArrayList {"3: record longer than 1 MiB"});
    QCOMPARE(sink.rejections[0].raw.size(), std::size_t(1) << 20); // the head, capped
    QCOMPARE(sink.events.size(), std::size_t(2));
    QCOMPARE(sink.events[1].line, std::int64_t(4));
}

void TestCsvReader::nulAndUtf8()
{
    QByteArray input = "dst_addr,dst_port,path,comment\n";
    input += QByteArray("1.1.1.1,1,/bin/a,ok\n");
    input += QByteArray("2.2.2.2,2,/bin/\0b,nul\n", 22);
    input += QByteArray("3.3.3.\xff,3,/bin/c,bad dst\n");
    input += QByteArray("4.4.4.4,4,/bin/\xc0\xafx,overlong path\n");
    input += QByteArray("5.5.5.5,5,/opt/caf\xc3\xa9,valid utf-8\n");
    input += QByteArray("6.6.6.6,6,/bin/f,latin-1 in an unused column M\xfcller\n");
    input += QByteArray("7.7.7.7,7,/usr/bin/\xed\xa0\x80,surrogate\n");
    RecordingSink sink;
    const ReadResult result = readBytes<CsvReader>(input, sink);
    QVERIFY2(result.ok(), qPrintable(result.error.message()));
    QCOMPARE(sink.describedRejections(),
             (QByteArrayList {
                 "3: NUL byte in record",
                 "4: invalid UTF-8 in column dst_addr",
                 "5: invalid UTF-8 in column path",
                 "8: invalid UTF-8 in column path",
             }));
    QCOMPARE(sink.describedEvents(),
             (QByteArrayList {
                 "2 [1.1.1.1]:1 <- []:-1 ? - t=- /bin/a",
                 "6 [5.5.5.5]:5 <- []:-1 ? - t=- /opt/caf\xc3\xa9",
                 "7 [6.6.6.6]:6 <- []:-1 ? - t=- /bin/f",
             }));
    QCOMPARE(sink.rejections[0].raw, std::string("2.2.2.2,2,/bin/\0b,nul", 21));
}

void TestCsvReader::truncatedMidQuote()
{
    const QByteArray input
        = kSlsHeader + slsRow(1) + "1732000000000000002,s1,p1,10.0.0.1,40000,\"93.184.216.";
    RecordingSink sink;
    const ReadResult result = readBytes<CsvReader>(input, sink);
    QVERIFY2(result.ok(), qPrintable(result.error.message()));
    QCOMPARE(sink.events.size(), std::size_t(1));
    QCOMPARE(sink.describedRejections(), QByteArrayList {"3: unbalanced quote at end of file"});
    QCOMPARE(bytes(sink.rejections[0].raw), input.mid(input.lastIndexOf('\n') + 1));
}

// An opening quote that never closes, early in a file of several MiB: one row
// rejected, every later row still read.
void TestCsvReader::strayQuoteInLargeFile()
{
    QByteArray input = kSlsHeader + slsRow(0);
    input += "1732000000000000001,s1,p1,10.0.0.1,40000,\"93.184.216.1,443,6\n";
    const int rows = 40'000; // about 3 MiB
    for (int i = 2; i < rows; ++i)
        input += slsRow(i);
    RecordingSink sink;
    const ReadResult result = readBytes<CsvReader>(input, sink);
    QVERIFY2(result.ok(), qPrintable(result.error.message()));
    QCOMPARE(sink.describedRejections(),
             QByteArrayList {"3: unbalanced quote: quoted field runs past 1 MiB"});
    QCOMPARE(sink.events.size(), std::size_t(rows - 1));
    QCOMPARE(sink.events.back().line, std::int64_t(rows + 1));
}

void TestCsvReader::binaryGarbage()
{
    QRandomGenerator random(42);
    QByteArray garbage(512 * 1024, Qt::Uninitialized);
    random.fillRange(reinterpret_cast<quint32 *>(garbage.data()), garbage.size() / 4);
    // Sprinkle line breaks, delimiters and quotes so every code path runs.
    for (qsizetype i = 0; i < garbage.size(); i += 1 + qsizetype(random.bounded(200)))
        garbage[i] = "\n,\"\r"[random.bounded(4)];
    const QByteArray input = kSlsHeader + garbage + '\n' + slsRow(7);
    RecordingSink sink;
    const ReadResult result = readBytes<CsvReader>(input, sink);
    QVERIFY2(result.ok(), qPrintable(result.error.message()));
    QVERIFY(!sink.rejections.empty());
    for (const RecordedEvent &e : sink.events) {
        QVERIFY(isValidUtf8(e.peer) && isValidUtf8(e.local) && isValidUtf8(e.host)
                && isValidUtf8(e.processKey) && isValidUtf8(e.protocol));
        QVERIFY(!e.peer.empty());
    }
    for (const RecordedRejection &r : sink.rejections)
        QVERIFY(r.raw.size() <= CsvRecordSplitter::kDefaultMaxRecord);
    QCOMPARE(sink.lastProgress, std::int64_t(input.size()));
}

// A 256 MiB line streamed from a generator: rejected, the next row read, and
// the process does not grow by anything like the line's size.
void TestCsvReader::hugeLineBoundedMemory()
{
    const qint64 lineLength = qint64(256) << 20;
    GeneratedDevice device(kSlsHeader + slsRow(1), lineLength, 'x', '\n' + slsRow(2));
    const long before = maxRssKiB();
    RecordingSink sink;
    CsvReader reader;
    const ReadResult result = reader.read(device, sink, {});
    const long grownMiB = (maxRssKiB() - before) / 1024;
    QVERIFY2(result.ok(), qPrintable(result.error.message()));
    QCOMPARE(sink.describedRejections(), QByteArrayList {"3: record longer than 1 MiB"});
    QCOMPARE(sink.events.size(), std::size_t(2));
    QCOMPARE(sink.events[1].line, std::int64_t(4));
    QVERIFY2(grownMiB < 48, qPrintable(QStringLiteral("grew by %1 MiB").arg(grownMiB)));
}

void TestCsvReader::cancel()
{
    QByteArray input = kSlsHeader;
    for (int i = 0; i < 60'000; ++i) // about 4.5 MiB
        input += slsRow(i);
    RecordingSink sink;
    sink.cancelAfterEvents = 10;
    const ReadResult result = readBytes<CsvReader>(input, sink);
    QVERIFY(!result.ok());
    QVERIFY2(result.error.message().toUtf8().contains("cancelled"),
             qPrintable(result.error.message()));
    // Polled once per MiB: stops within the first MiB or two of rows.
    QVERIFY(sink.events.size() >= 10);
    QVERIFY(sink.events.size() < 30'000);
}

void TestCsvReader::progress()
{
    QByteArray input = kSlsHeader;
    for (int i = 0; i < 60'000; ++i)
        input += slsRow(i);
    RecordingSink sink;
    const ReadResult result = readBytes<CsvReader>(input, sink);
    QVERIFY2(result.ok(), qPrintable(result.error.message()));
    QCOMPARE(sink.events.size(), std::size_t(60'000));
    QVERIFY(!sink.progressWentBack);
    QVERIFY(sink.progressCalls >= 4 && sink.progressCalls <= 10);
    QCOMPARE(sink.lastProgress, std::int64_t(input.size()));
}

// stratosphereips/StratosphereLinuxIPS dataset/test3-mixed.binetflow: 89 rows,
// 78 with Dir "->", the others "<->", "<?>" or the corrupted " get_message  ->"
// (not guessed at); one ICMP row with hex ports.
void TestCsvReader::realBinetflow()
{
    const QString path = realdataPath("slips_test3-mixed.binetflow.csv");
    if (!QFile::exists(path))
        QSKIP("../shared/realdata is not available");
    RecordingSink sink;
    const ReadResult result = readPath<CsvReader>(path, sink);
    QVERIFY2(result.ok(), qPrintable(result.error.message()));
    QCOMPARE(bytes(result.format), QByteArray("csv"));
    QCOMPARE(sink.events.size(), std::size_t(89));
    QVERIFY(sink.rejections.empty());
    int outbound = 0;
    int timed = 0;
    for (const RecordedEvent &e : sink.events) {
        outbound += e.direction == Direction::Outbound ? 1 : 0;
        timed += e.hasTime ? 1 : 0;
        QVERIFY(e.direction != Direction::Inbound);
    }
    QCOMPARE(outbound, 78);
    QCOMPARE(timed, 89);
    const auto icmp = std::find_if(sink.events.begin(), sink.events.end(),
                                   [](const RecordedEvent &e) { return e.line == 18; });
    QVERIFY(icmp != sink.events.end());
    QCOMPARE(describe(*icmp),
             QByteArray("18 [147.32.87.1]:3954 <- [168.1.206.67]:8 ? icmp t=1545141611171480000 "
                        "bytes=110/110"));
    QCOMPARE(sink.events.front().timeNs, 1545141600075359000);
}

QTEST_GUILESS_MAIN(TestCsvReader)
#include "tst_csvreader.moc"
