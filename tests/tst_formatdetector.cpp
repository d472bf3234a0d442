// Format detection from content: fixtures in tests/data/detect_*, in-memory
// edge cases, every file of ../shared/realdata when present, and gzip-
// compressed variants made at test time.

#include "import/formatdetector.h"
#include "testutils.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#define ZLIB_CONST
#include <zlib.h>

using Family = ea::DetectedFormat::Family;
Q_DECLARE_METATYPE(ea::DetectedFormat::Family)

using namespace ea::test;

namespace {

QByteArray describe(const ea::DetectedFormat &format)
{
    return QByteArray(ea::formatFamilyId(format.family).data(),
                      qsizetype(ea::formatFamilyId(format.family).size()))
        + (format.gzip ? " (gzip)" : "") + ": " + QByteArray::fromStdString(format.reason);
}

} // namespace

class TestFormatDetector : public QObject
{
    Q_OBJECT

private slots:
    void fixtures_data();
    void fixtures();
    void inMemory_data();
    void inMemory();
    void reasonsNameTheProblem_data();
    void reasonsNameTheProblem();
    void gzipHeadIsNotSniffed();
    void longFirstLine();
    void fileErrors();
    void gzipFiles();
    void realData_data();
    void realData();
    void mutatedHeadsNeverMisbehave();
    void familyIds();
};

void TestFormatDetector::fixtures_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<Family>("family");
    QTest::addColumn<char>("delimiter");

    QTest::addRow("SLS connections CSV") << QStringLiteral("detect_sls.csv") << Family::Csv << ',';
    QTest::addRow("semicolon CSV, quoted ;")
        << QStringLiteral("detect_semicolon.csv") << Family::Csv << ';';
    QTest::addRow("osquery TSV") << QStringLiteral("detect_osquery.tsv") << Family::Tsv << '\t';
    QTest::addRow("BOM + CRLF") << QStringLiteral("detect_bom_crlf.csv") << Family::Csv << ',';
    QTest::addRow("single column")
        << QStringLiteral("detect_single_column.csv") << Family::Csv << ',';
    QTest::addRow("Zeek TSV") << QStringLiteral("detect_zeek.log") << Family::ZeekTsv << '\t';
    QTest::addRow("Zeek btest baseline")
        << QStringLiteral("detect_zeek_btest.log") << Family::ZeekTsv << '\t';
    QTest::addRow("Suricata EVE NDJSON")
        << QStringLiteral("detect_eve.ndjson") << Family::Ndjson << char(0);
    QTest::addRow("pfirewall W3C") << QStringLiteral("detect_pfirewall.log") << Family::W3c << ' ';
    QTest::addRow("NUL bytes") << QStringLiteral("detect_binary.bin") << Family::Unknown << char(0);
    QTest::addRow("Latin-1") << QStringLiteral("detect_latin1.csv") << Family::Unknown << char(0);
    QTest::addRow("UTF-16") << QStringLiteral("detect_utf16.csv") << Family::Unknown << char(0);
    QTest::addRow("JSON array") << QStringLiteral("detect_json_array.json") << Family::Unknown
                                << char(0);
    QTest::addRow("pretty JSON") << QStringLiteral("detect_pretty.json") << Family::Unknown
                                 << char(0);
    QTest::addRow("empty") << QStringLiteral("detect_empty.txt") << Family::Unknown << char(0);
    QTest::addRow("prose") << QStringLiteral("detect_prose.txt") << Family::Unknown << char(0);
    QTest::addRow("W3C without #Fields:")
        << QStringLiteral("detect_w3c_nofields.log") << Family::Unknown << char(0);
}

// Each fixture through both entry points, plain and gzip-compressed, and
// under a name that lies about its content.
void TestFormatDetector::fixtures()
{
    QFETCH(QString, file);
    QFETCH(Family, family);
    QFETCH(char, delimiter);

    const QString path = dataPath(file);
    const QByteArray content = readFile(path);
    QVERIFY(QFileInfo::exists(path));

    const ea::DetectedFormat fromHead = ea::detectFormat(content);
    QVERIFY2(fromHead.family == family, describe(fromHead).constData());
    QCOMPARE(fromHead.delimiter, delimiter);
    QVERIFY(!fromHead.gzip);
    QVERIFY(!fromHead.reason.empty());

    const ea::DetectedFormat fromFile = ea::detectFile(path);
    QVERIFY2(fromFile.family == family, describe(fromFile).constData());
    QCOMPARE(fromFile.delimiter, delimiter);
    QVERIFY(!fromFile.gzip);
    QCOMPARE(fromFile.reason, fromHead.reason);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString gz = dir.filePath(QStringLiteral("misleading-name.csv"));
    QVERIFY(writeFile(gz, gzipCompress(content)));
    const ea::DetectedFormat compressed = ea::detectFile(gz);
    QVERIFY2(compressed.family == family, describe(compressed).constData());
    QCOMPARE(compressed.delimiter, delimiter);
    QVERIFY(compressed.gzip);
    QCOMPARE(compressed.reason, fromHead.reason);
}

void TestFormatDetector::inMemory_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<Family>("family");
    QTest::addColumn<char>("delimiter");

    QTest::addRow("comma") << QByteArray("a,b,c\n1,2,3\n") << Family::Csv << ',';
    QTest::addRow("header only, no newline")
        << QByteArray("dst_addr,dst_port") << Family::Csv << ',';
    QTest::addRow("commas inside quotes ignored")
        << QByteArray("\"a,b,c\";\"d,e\";f\n1;2;3\n") << Family::Csv << ';';
    QTest::addRow("escaped quotes")
        << QByteArray("\"say \"\"hi\"\", ok\"\tb\tc\n") << Family::Tsv << '\t';
    QTest::addRow("quoted newline in header")
        << QByteArray("\"multi\nline\",b;c;d\n") << Family::Csv << ';';
    QTest::addRow("tie: next line decides") << QByteArray("a,b;c\n1;2\n") << Family::Csv << ';';
    QTest::addRow("tie: next line agrees with comma")
        << QByteArray("a,b;c\n1,2\n") << Family::Csv << ',';
    QTest::addRow("tie, no next line: comma first") << QByteArray("a,b\tc") << Family::Csv << ',';
    QTest::addRow("leading blank lines") << QByteArray("\n\r\n  \na\tb\n") << Family::Tsv << '\t';
    QTest::addRow("ECS flattened")
        << QByteArray("@timestamp,destination.ip,destination.port\n") << Family::Csv << ',';
    QTest::addRow("single address column") << QByteArray("2001:db8::1\n") << Family::Csv << ',';
    // A reader would take an unknown comment line for the header, so it is judged as one.
    QTest::addRow("unknown # comment then CSV")
        << QByteArray("# exported\na,b\n") << Family::Unknown << char(0);
    QTest::addRow("zeek #fields without #separator")
        << QByteArray("#fields\tts\tid.resp_h\n1\t2\n") << Family::ZeekTsv << '\t';
    QTest::addRow("zeek literal separator")
        << QByteArray("#separator |\n#fields|ts\n") << Family::ZeekTsv << '|';
    QTest::addRow("W3C after blank lines")
        << QByteArray("\n#Version: 1.5\n\n#Fields: date time\n") << Family::W3c << ' ';
    QTest::addRow("NDJSON one line, no newline")
        << QByteArray("{\"a\":1}") << Family::Ndjson << char(0);
    QTest::addRow("NDJSON CRLF, indented")
        << QByteArray("  {\"a\":1}  \r\n{\"b\":2}\r\n") << Family::Ndjson << char(0);
    QTest::addRow("NDJSON empty object") << QByteArray("{}\n{}\n") << Family::Ndjson << char(0);
    QTest::addRow("NDJSON, damaged first line")
        << QByteArray("{\"a\":1,\n{\"b\":2}\n") << Family::Ndjson << char(0);
    QTest::addRow("NDJSON with BOM")
        << QByteArray("\xef\xbb\xbf{\"a\":1}\n") << Family::Ndjson << char(0);
    QTest::addRow("UTF-8 non-ASCII header")
        << QByteArray("h\xc3\xb4te,port\n") << Family::Csv << ',';
    QTest::addRow("UTF-8 sequence cut by the head")
        << QByteArray("a,b\nx,\xe2\x82") << Family::Csv << ',';
    QTest::addRow("JSON array") << QByteArray("[{\"a\":1}]\n") << Family::Unknown << char(0);
    QTest::addRow("pretty object") << QByteArray("{\n\"a\": 1\n}\n") << Family::Unknown << char(0);
    QTest::addRow("pretty object, one key per line")
        << QByteArray("{ \"a\": 1,\n  \"b\": 2 }\n") << Family::Unknown << char(0);
    QTest::addRow("only blank lines") << QByteArray("\n \r\n\t\n") << Family::Unknown << char(0);
    QTest::addRow("unbalanced quote") << QByteArray("\"a,b\nc,d\n") << Family::Unknown << char(0);
    QTest::addRow("prose line") << QByteArray("Hello world!\n") << Family::Unknown << char(0);
    QTest::addRow("NUL after a good header")
        << QByteArray("a,b\n1,2\n\0\0", 10) << Family::Unknown << char(0);
    QTest::addRow("overlong UTF-8") << QByteArray("a,\xc0\xaf\n") << Family::Unknown << char(0);
    QTest::addRow("UTF-8 surrogate")
        << QByteArray("a,\xed\xa0\x80\n") << Family::Unknown << char(0);
    QTest::addRow("beyond U+10FFFF")
        << QByteArray("a,\xf4\x90\x80\x80\n") << Family::Unknown << char(0);
    QTest::addRow("lone continuation byte") << QByteArray("a,\x80\n") << Family::Unknown << char(0);
}

void TestFormatDetector::inMemory()
{
    QFETCH(QByteArray, head);
    QFETCH(Family, family);
    QFETCH(char, delimiter);
    const ea::DetectedFormat format = ea::detectFormat(head);
    QVERIFY2(format.family == family, describe(format).constData());
    QCOMPARE(format.delimiter, delimiter);
    QVERIFY(!format.reason.empty());
}

void TestFormatDetector::reasonsNameTheProblem_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<QByteArray>("reason");

    QTest::addRow("NUL") << QByteArray("ab\0c", 4)
                         << QByteArray("binary data: NUL byte at offset 2");
    QTest::addRow("NUL after BOM counts from the file start")
        << QByteArray("\xef\xbb\xbf"
                      "a\0",
                      5)
        << QByteArray("binary data: NUL byte at offset 4");
    QTest::addRow("invalid UTF-8")
        << QByteArray("ab,c\xe9\n") << QByteArray("not UTF-8 text: invalid byte 0xe9 at offset 4");
    QTest::addRow("UTF-16") << QByteArray(
        "\xfe\xff\0a", 4) << QByteArray("UTF-16 text; only UTF-8 is supported (convert the file)");
    QTest::addRow("empty") << QByteArray() << QByteArray("the file is empty");
    QTest::addRow("W3C") << QByteArray("#Version: 1.0\n")
                         << QByteArray("W3C log header without a #Fields: line");
    QTest::addRow("csv columns") << QByteArray("a;b;c\n")
                                 << QByteArray("CSV header with 3 columns separated by ';'");
    QTest::addRow("zeek") << QByteArray("#separator \\x09\n")
                          << QByteArray("Zeek log header (#separator)");
}

void TestFormatDetector::reasonsNameTheProblem()
{
    QFETCH(QByteArray, head);
    QFETCH(QByteArray, reason);
    QCOMPARE(QByteArray::fromStdString(ea::detectFormat(head).reason), reason);
}

void TestFormatDetector::gzipHeadIsNotSniffed()
{
    const ea::DetectedFormat format = ea::detectFormat(gzipCompress("a,b\n1,2\n"));
    QCOMPARE(format.family, Family::Unknown);
    QVERIFY(format.gzip);
}

// A first NDJSON record longer than the sniffed head is still NDJSON; a CSV
// header longer than the head is still a header.
void TestFormatDetector::longFirstLine()
{
    QByteArray json = "{\"Message\":\"" + QByteArray(ea::kSniffBytes * 2, 'x') + "\"}\n";
    ea::DetectedFormat format = ea::detectFormat(QByteArrayView(json).first(ea::kSniffBytes));
    QCOMPARE(format.family, Family::Ndjson);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("long.json.gz"));
    QVERIFY(writeFile(path, gzipCompress(json)));
    format = ea::detectFile(path);
    QCOMPARE(format.family, Family::Ndjson);
    QVERIFY(format.gzip);

    QByteArray csv;
    for (int i = 0; csv.size() < ea::kSniffBytes * 2; ++i)
        csv += "column_" + QByteArray::number(i) + ',';
    format = ea::detectFormat(QByteArrayView(csv).first(ea::kSniffBytes));
    QCOMPARE(format.family, Family::Csv);
}

void TestFormatDetector::fileErrors()
{
    ea::DetectedFormat format = ea::detectFile(dataPath(QStringLiteral("detect_missing.csv")));
    QCOMPARE(format.family, Family::Unknown);
    QVERIFY2(QByteArray::fromStdString(format.reason).startsWith("cannot open the file: "),
             format.reason.c_str());

    format = ea::detectFile(QStringLiteral(EA_TEST_DATA_DIR));
    QCOMPARE(format.family, Family::Unknown);
    QCOMPARE(QByteArray::fromStdString(format.reason), QByteArray("a directory, not a file"));

    format = ea::detectFile(dataPath(QStringLiteral("gz_corrupt_block.gz")));
    QCOMPARE(format.family, Family::Unknown);
    QVERIFY(format.gzip);
    QCOMPARE(QByteArray::fromStdString(format.reason),
             QByteArray("gzip-compressed, but unreadable: corrupt gzip data: invalid block type"));

    format = ea::detectFile(dataPath(QStringLiteral("gz_empty.gz")));
    QCOMPARE(format.family, Family::Unknown);
    QVERIFY(format.gzip);
    QCOMPARE(QByteArray::fromStdString(format.reason), QByteArray("the file is empty"));

    // A head that inflates is sniffed even when the stream breaks later.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray zeek = readFile(dataPath(QStringLiteral("detect_zeek.log")));
    const QByteArray compressed = gzipCompress(zeek);
    const QString truncated = dir.filePath(QStringLiteral("truncated.gz"));
    QVERIFY(writeFile(truncated, compressed.left(compressed.size() - 12)));
    format = ea::detectFile(truncated);
    QCOMPARE(format.family, Family::ZeekTsv);
    QVERIFY(format.gzip);

    // Compressed twice: the inner stream is named, not mistaken for text.
    const QString twice = dir.filePath(QStringLiteral("twice.gz"));
    QVERIFY(writeFile(twice, gzipCompress(compressed)));
    format = ea::detectFile(twice);
    QCOMPARE(format.family, Family::Unknown);
    QVERIFY(format.gzip);
    QVERIFY2(QByteArray::fromStdString(format.reason).startsWith("gzip-compressed data"),
             format.reason.c_str());
}

void TestFormatDetector::gzipFiles()
{
    // Multi-member: the head may span members.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("members"));
    QVERIFY(writeFile(path, gzipCompress("#separa") + gzipCompress("tor \\x09\n#fields\tts\n")));
    const ea::DetectedFormat format = ea::detectFile(path);
    QCOMPARE(format.family, Family::ZeekTsv);
    QVERIFY(format.gzip);
}

void TestFormatDetector::realData_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<Family>("family");

    // Expected family per shared/realdata/README.md; three of the *.log files
    // are Zeek JSON despite their names.
    QTest::addRow("zeek btest teredo")
        << QStringLiteral("zeek_btest_teredo.conn.log") << Family::ZeekTsv;
    QTest::addRow("zeek btest ayiya")
        << QStringLiteral("zeek_btest_ayiya.conn.log") << Family::ZeekTsv;
    QTest::addRow("zeek btest gtp")
        << QStringLiteral("zeek_btest_gtp_inner_teredo.conn.log") << Family::ZeekTsv;
    QTest::addRow("slips test10 (no final newline)")
        << QStringLiteral("slips_test10.conn.log") << Family::ZeekTsv;
    QTest::addRow("slips test9 zeek json")
        << QStringLiteral("slips_test9.conn.ndjson.log") << Family::Ndjson;
    QTest::addRow("rita zeek json")
        << QStringLiteral("rita_json_with_all_fields.conn.log") << Family::Ndjson;
    QTest::addRow("otrf zeek json-streaming")
        << QStringLiteral("otrf_apt29_day1_SCRANTON_conn.log") << Family::Ndjson;
    QTest::addRow("binetflow") << QStringLiteral("slips_test3-mixed.binetflow.csv") << Family::Csv;
    QTest::addRow("pfirewall") << QStringLiteral("betahydri_pfirewall.log") << Family::W3c;
    QTest::addRow("suricata eve") << QStringLiteral("magnc_suricata_eve.json") << Family::Ndjson;
    QTest::addRow("sysmon/wfp extract, CRLF")
        << QStringLiteral("otrf_ntdsutil_sysmon3_wfp5156_extract.ndjson") << Family::Ndjson;
    QTest::addRow("dcsync full") << QStringLiteral("otrf_covenant_dcsync_full.ndjson")
                                 << Family::Ndjson;
}

void TestFormatDetector::realData()
{
    QFETCH(QString, file);
    QFETCH(Family, family);
    const QString path = realdataDir() + QLatin1Char('/') + file;
    if (!QFileInfo::exists(path))
        QSKIP("shared/realdata not present");

    ea::DetectedFormat format = ea::detectFile(path);
    QVERIFY2(format.family == family, describe(format).constData());
    QVERIFY(!format.gzip);
    if (family == Family::Csv)
        QCOMPARE(format.delimiter, ',');

    // The same bytes gzip-compressed, in a temporary file (never in the repo).
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString gz = dir.filePath(file + QStringLiteral(".gz"));
    QVERIFY(writeFile(gz, gzipCompress(readFile(path))));
    format = ea::detectFile(gz);
    QVERIFY2(format.family == family, describe(format).constData());
    QVERIFY(format.gzip);
}

// Under ASan/UBSan: cut and damaged heads of every fixture only ever give a
// verdict with a reason.
void TestFormatDetector::mutatedHeadsNeverMisbehave()
{
    const QStringList names = QDir(QStringLiteral(EA_TEST_DATA_DIR))
                                  .entryList({QStringLiteral("detect_*")}, QDir::Files);
    QVERIFY(names.size() >= 10);
    QList<QByteArray> seeds;
    for (const QString &name : names)
        seeds.append(readFile(dataPath(name)));
    const QByteArray alphabet("\"\n\r\t,;#{}[] \\\0\x80\xc3\xef\xbb\xbf\xff\x1f"
                              "\x8b"
                              "F",
                              23);
    QRandomGenerator random(11);
    for (int i = 0; i < 30000; ++i) {
        QByteArray head = seeds.at(i % seeds.size());
        head.truncate(qsizetype(random.bounded(head.size() + 1)));
        const int edits = int(random.bounded(4));
        for (int e = 0; e < edits; ++e) {
            const qsizetype pos = qsizetype(random.bounded(head.size() + 1));
            const char c = alphabet.at(qsizetype(random.bounded(alphabet.size())));
            if (pos < head.size() && random.bounded(2) == 0)
                head[pos] = c;
            else
                head.insert(pos, c);
        }
        const ea::DetectedFormat format = ea::detectFormat(head);
        QVERIFY(!format.reason.empty());
        const bool delimited = format.family == Family::Csv || format.family == Family::Tsv
            || format.family == Family::ZeekTsv || format.family == Family::W3c;
        QCOMPARE(format.delimiter != 0, delimited);
    }
}

void TestFormatDetector::familyIds()
{
    QCOMPARE(ea::formatFamilyId(Family::Csv), std::string_view("csv"));
    QCOMPARE(ea::formatFamilyId(Family::Tsv), std::string_view("tsv"));
    QCOMPARE(ea::formatFamilyId(Family::ZeekTsv), std::string_view("zeek-tsv"));
    QCOMPARE(ea::formatFamilyId(Family::Ndjson), std::string_view("ndjson"));
    QCOMPARE(ea::formatFamilyId(Family::W3c), std::string_view("w3c"));
    QCOMPARE(ea::formatFamilyId(Family::Unknown), std::string_view("unknown"));
}

QTEST_GUILESS_MAIN(TestFormatDetector)
#include "tst_formatdetector.moc"
