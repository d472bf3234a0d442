// Known lists (case format 7) in the model: the list files as
// import/KnownListFile reads them, the lists as storage/KnownLists stores
// them, KnownListIndex's matches, the marks applyStatus() writes, the lists
// column of CaseQueries' rows and the step from format 6.
//
// tests/data/lists/connections-lists.csv has these destinations (and the
// lists that hold them, tests/data/lists/*):
//   13.112.1.1, ::ffff:13.112.0.9   aws 13.112.0.0/14 (AMAZON and EC2: EC2)
//   52.94.0.5 / 52.94.1.5           aws 52.94.0.0/24 DYNAMODB / 52.94.0.0/22 AMAZON
//   2406:da14:100::5                aws 2406:da14:100::/40 EC2
//   20.33.1.1                       azure 20.33.0.0/16 (AzureCloud and Storage.JapanEast)
//   20.34.0.1                       azure 20.34.0.0/15 AzureCloud
//   2603:1000:4:402::10             azure /64 Storage.JapanEast inside AzureCloud's /24
//   34.1.208.9                      google 34.1.208.0/20
//   198.51.100.23, 192.0.2.77       iocs (no labels) and labels.csv's /24s
//   2001:db8:bad::1                 iocs 2001:db8:bad::/48
//   8.8.8.8                         none

#include <QDateTime>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "address/addresstext.h"
#include "address/cidr.h"
#include "import/knownlistfile.h"
#include "ingest/importjob.h"
#include "storage/casedatabase.h"
#include "storage/casequeries.h"
#include "storage/knownlists.h"
#include "storage/marks.h"
#include "storage/sqlite.h"
#include "testutils.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

using namespace ea;
using namespace ea::test;

Q_DECLARE_METATYPE(ea::KnownListFormat)

namespace {

QString listPath(const char *name)
{
    return dataPath(QStringLiteral("lists/") + QString::fromUtf8(name));
}

// "10.0.0.0/8" (IPv4 blocks as IPv4: an IPv6 Cidr holding a mapped address
// would read "::ffff:10.0.0.0/104").
QString blockText(const Cidr &cidr)
{
    return QStringLiteral("%1/%2")
        .arg(QString::fromStdString(toString(cidr.network)))
        .arg(cidr.prefixLength);
}

QStringList texts(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *text : list)
        out << QString::fromUtf8(text);
    return out;
}

// Each entry as "block|label".
QStringList entryTexts(const std::vector<LabelledBlock> &entries)
{
    QStringList out;
    for (const LabelledBlock &e : entries)
        out << blockText(e.cidr) + QLatin1Char('|') + toQString(e.label);
    return out;
}

// Each problem as "line: reason".
QStringList problemTexts(const KnownListFile &file)
{
    QStringList out;
    for (const KnownListFile::Problem &p : file.problems)
        out << QStringLiteral("%1: %2").arg(p.line).arg(p.reason);
    return out;
}

KnownListFile parseBytes(const QByteArray &bytes, KnownListFormat format = KnownListFormat::Auto)
{
    return KnownListFile::parse({bytes.constData(), std::size_t(bytes.size())}, format,
                                QStringLiteral("test.list"));
}

IpAddress address(const char *text)
{
    const ParseResult r = parseAddress(text);
    if (!r.ok())
        qWarning("not an address: %s", text);
    return r.address;
}

Cidr block(const char *text)
{
    const CidrResult r = parseCidr(text, CidrParsing::Strict, true);
    if (!r.ok())
        qWarning("not a block: %s", text);
    return normalizedCidr(r.cidr);
}

std::unique_ptr<CaseDatabase> openCase(const QString &path, CaseDatabase::OpenMode mode)
{
    CaseDatabase::Result opened = CaseDatabase::open(path, mode);
    if (!opened.ok())
        qWarning("%s", qPrintable(opened.error.message()));
    return std::move(opened.database);
}

// Reads a fixture of tests/data/lists and stores it under name.
Result<std::int64_t> storeFixture(KnownLists &lists, const char *name, const char *file)
{
    const KnownListFile read = KnownListFile::read(listPath(file));
    if (!read.ok())
        return read.error;
    const std::string source = listPath(file).toStdString();
    return lists.store(name, {source, knownListFormatId(read.format), read.version, read.entries},
                       false);
}

// Every row of destinations({.all = true}) as "canonical|lists", sorted.
QStringList listsColumn(const std::vector<DestinationRow> &rows)
{
    QStringList out;
    for (const DestinationRow &row : rows)
        out << toQString(row.canonical) + QLatin1Char('|') + toQString(row.lists);
    out.sort();
    return out;
}

// The rows of connections-lists.csv with all five fixture lists.
const QStringList kAllLists {
    QStringLiteral("13.112.0.9|aws: AWS EC2 ap-northeast-1"),
    QStringLiteral("13.112.1.1|aws: AWS EC2 ap-northeast-1"),
    QStringLiteral("192.0.2.77|iocs; labels: Office VPN"),
    QStringLiteral("198.51.100.23|iocs; labels: =HYPERLINK(\"x\")"),
    QStringLiteral("20.33.1.1|azure: Storage.JapanEast"),
    QStringLiteral("20.34.0.1|azure: AzureCloud"),
    QStringLiteral("2001:db8:bad::1|iocs"),
    QStringLiteral("2406:da14:100::5|aws: AWS EC2 ap-northeast-1"),
    QStringLiteral("2603:1000:4:402::10|azure: Storage.JapanEast"),
    QStringLiteral("34.1.208.9|google: Google Cloud africa-south1"),
    QStringLiteral("52.94.0.5|aws: AWS DYNAMODB us-east-1"),
    QStringLiteral("52.94.1.5|aws: AWS AMAZON us-east-1"),
    QStringLiteral("8.8.8.8|"),
};

} // namespace

class TestKnownLists : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    // KnownListFile
    void formatIds();
    void awsFile();
    void azureFile();
    void googleFile();
    void textFile();
    void csvFile();
    void textAndCsvEntries_data();
    void textAndCsvEntries();
    void autoDetection_data();
    void autoDetection();
    void wholeFileErrors_data();
    void wholeFileErrors();
    void missingFileIsAnError();
    void labelsAreCleaned_data();
    void labelsAreCleaned();
    void blockListedTwiceKeepsOneLabel_data();
    void blockListedTwiceKeepsOneLabel();
    void problemsAreCapped();
    void csvDelimiterAfterACommentLine();
    void jsonAfterABlankLine();

    // KnownLists and KnownListIndex
    void newCaseIsFormatSeven();
    void nameProblems_data();
    void nameProblems();
    void storeReplaceAndRemove();
    void indexMatchesMostSpecificBlockPerList();
    void destinationRowsCarryLists();
    void applyStatusMarksTheListsDestinations();
    void applyStatusRefusals();
    void formatSixCase();
    void reviewFixes();

private:
    // A new case in m_dir holding connections-lists.csv.
    [[nodiscard]] std::unique_ptr<CaseDatabase> importedCase(const char *name);

    QTemporaryDir m_dir;
};

std::unique_ptr<CaseDatabase> TestKnownLists::importedCase(const char *name)
{
    std::unique_ptr<CaseDatabase> database = openCase(m_dir.filePath(QString::fromUtf8(name)),
                                                      CaseDatabase::OpenMode::CreateIfMissing);
    if (!database)
        return {};
    const ImportReport report = ImportJob(*database, listPath("connections-lists.csv")).run();
    if (!report.imported()) {
        qWarning("%s", qPrintable(report.error.message()));
        return {};
    }
    return database;
}

void TestKnownLists::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

// --- KnownListFile ----------------------------------------------------------

void TestKnownLists::formatIds()
{
    const std::vector<std::pair<KnownListFormat, const char *>> all {
        {KnownListFormat::Auto, "auto"},   {KnownListFormat::Text, "text"},
        {KnownListFormat::Csv, "csv"},     {KnownListFormat::Aws, "aws"},
        {KnownListFormat::Azure, "azure"}, {KnownListFormat::Google, "google"}};
    for (const auto &[format, id] : all) {
        QCOMPARE(knownListFormatId(format), std::string_view(id));
        KnownListFormat back = KnownListFormat::Auto;
        QVERIFY(knownListFormatFromId(id, back));
        QCOMPARE(back, format);
    }
    KnownListFormat unchanged = KnownListFormat::Csv;
    QVERIFY(!knownListFormatFromId("AWS", unchanged)); // exact, lower case
    QVERIFY(!knownListFormatFromId("", unchanged));
    QCOMPARE(unchanged, KnownListFormat::Csv);
}

void TestKnownLists::awsFile()
{
    const KnownListFile file = KnownListFile::read(listPath("aws-ip-ranges.json"));
    QVERIFY2(file.ok(), qPrintable(file.error.message()));
    QCOMPARE(file.format, KnownListFormat::Aws);
    QCOMPARE(file.version, std::string("2024-11-19-07-06-40")); // createDate, not syncToken
    // 13.112.0.0/14 is under AMAZON and EC2, groups of two blocks each: the
    // superset group loses the tie.
    QCOMPARE(entryTexts(file.entries),
             QStringList({QStringLiteral("13.112.0.0/14|AWS EC2 ap-northeast-1"),
                          QStringLiteral("52.94.0.0/22|AWS AMAZON us-east-1"),
                          QStringLiteral("52.94.0.0/24|AWS DYNAMODB us-east-1"),
                          QStringLiteral("52.95.0.0/16|AWS AMAZON us-east-1"),
                          QStringLiteral("2406:da14::/32|AWS AMAZON ap-northeast-1"),
                          QStringLiteral("2406:da14:100::/40|AWS EC2 ap-northeast-1")}));
    QCOMPARE(file.duplicates, std::int64_t(1));
    QCOMPARE(file.rejected, std::int64_t(2));
    QCOMPARE(problemTexts(file),
             QStringList({QStringLiteral("0: prefixes[5].ip_prefix: 3.5.0.1/16 has host bits "
                                         "set (did you mean 3.5.0.0/16?)"),
                          QStringLiteral("0: prefixes[6].ip_prefix: no block")}));

    // Without createDate the syncToken is the version.
    const KnownListFile bare = parseBytes(
        R"({"syncToken": "1732000000", "prefixes": [{"ip_prefix": "10.0.0.0/8",
            "region": "r", "service": "S"}]})");
    QVERIFY2(bare.ok(), qPrintable(bare.error.message()));
    QCOMPARE(bare.format, KnownListFormat::Aws);
    QCOMPARE(bare.version, std::string("1732000000"));
    QCOMPARE(entryTexts(bare.entries), QStringList {QStringLiteral("10.0.0.0/8|AWS S r")});
}

void TestKnownLists::azureFile()
{
    const KnownListFile file = KnownListFile::read(listPath("azure-servicetags.json"));
    QVERIFY2(file.ok(), qPrintable(file.error.message()));
    QCOMPARE(file.format, KnownListFormat::Azure);
    QCOMPARE(file.version, std::string("312 (Public)"));
    // 20.33.0.0/16: AzureCloud and Storage.JapanEast, three blocks each.
    QCOMPARE(entryTexts(file.entries),
             QStringList({QStringLiteral("20.33.0.0/16|Storage.JapanEast"),
                          QStringLiteral("20.34.0.0/15|AzureCloud"),
                          QStringLiteral("2603:1000::/24|AzureCloud"),
                          QStringLiteral("20.60.172.0/23|Storage.JapanEast"),
                          QStringLiteral("2603:1000:4:402::/64|Storage.JapanEast")}));
    QCOMPARE(file.duplicates, std::int64_t(1));
    QCOMPARE(file.rejected, std::int64_t(2));
    QCOMPARE(problemTexts(file),
             QStringList({QStringLiteral("0: values[2].properties.addressPrefixes[0]: "
                                         "not-a-block is not an address or block (host name, "
                                         "not an address)"),
                          QStringLiteral("0: values[2].properties.addressPrefixes[1]: no block")}));
}

void TestKnownLists::googleFile()
{
    const KnownListFile file = KnownListFile::read(listPath("google-cloud.json"));
    QVERIFY2(file.ok(), qPrintable(file.error.message()));
    QCOMPARE(file.format, KnownListFormat::Google);
    QCOMPARE(file.version, std::string("2024-11-19T07:06:40.123456")); // creationTime
    QCOMPARE(entryTexts(file.entries),
             QStringList({QStringLiteral("34.1.208.0/20|Google Cloud africa-south1"),
                          QStringLiteral("2600:1900:8000::/44|Google Cloud africa-south1"),
                          QStringLiteral("35.185.128.0/19|Google Cloud asia-northeast1")}));
    QCOMPARE(file.duplicates, std::int64_t(0));
    QCOMPARE(file.rejected, std::int64_t(1));
    QCOMPARE(problemTexts(file), QStringList {QStringLiteral("0: prefixes[3]: no block")});
}

void TestKnownLists::textFile()
{
    const KnownListFile file = KnownListFile::read(listPath("iocs.txt"));
    QVERIFY2(file.ok(), qPrintable(file.error.message()));
    QCOMPARE(file.format, KnownListFormat::Text);
    QVERIFY(file.version.empty());
    // The inline comment of line 3 is no part of the block; ::ffff:192.0.2.77
    // is the IPv4 host; line 10 repeats line 2.
    QCOMPARE(entryTexts(file.entries),
             QStringList({QStringLiteral("198.51.100.23/32|"), QStringLiteral("203.0.113.0/28|"),
                          QStringLiteral("2001:db8:bad::/48|"), QStringLiteral("192.0.2.77/32|")}));
    QCOMPARE(file.entries[3].cidr.network.family, Family::IPv4);
    QCOMPARE(file.duplicates, std::int64_t(1));
    QCOMPARE(file.rejected, std::int64_t(3));
    QCOMPARE(problemTexts(file),
             QStringList({QStringLiteral("7: fe80::1%eth0 is not a valid block (zone not allowed)"),
                          QStringLiteral("8: 10.1.2.3/8 has host bits set (did you mean "
                                         "10.0.0.0/8?)"),
                          QStringLiteral("9: 999.1.1.1 is not an address or block (IPv4 part "
                                         "above 255)")}));
}

void TestKnownLists::csvFile()
{
    const KnownListFile file = KnownListFile::read(listPath("labels.csv"));
    QVERIFY2(file.ok(), qPrintable(file.error.message()));
    QCOMPARE(file.format, KnownListFormat::Csv);
    // CRLF records, a quoted block and a quoted label with a comma, a comment
    // row; the formula-like label is kept as text (the writers guard cells).
    QCOMPARE(entryTexts(file.entries),
             QStringList({QStringLiteral("192.0.2.0/24|Office VPN"),
                          QStringLiteral("2001:db8:10::/48|Branch, Osaka"),
                          QStringLiteral("198.51.100.0/24|=HYPERLINK(\"x\")")}));
    QCOMPARE(file.duplicates, std::int64_t(0));
    QCOMPARE(file.rejected, std::int64_t(1));
    QCOMPARE(problemTexts(file), QStringList {QStringLiteral("5: no address or block")});
}

void TestKnownLists::textAndCsvEntries_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<KnownListFormat>("format");
    QTest::addColumn<QStringList>("entries");
    QTest::addColumn<QStringList>("problems");
    QTest::addColumn<std::int64_t>("duplicates");

    QTest::addRow("text: inline comments")
        << QByteArray("10.0.0.0/8 # ten\n192.0.2.1#no blank before it\n  # indented comment\n")
        << KnownListFormat::Text << texts({"10.0.0.0/8|", "192.0.2.1/32|"}) << QStringList()
        << std::int64_t(0);
    QTest::addRow("text: CRLF and blank lines")
        << QByteArray("10.0.0.0/8\r\n\r\n2001:db8::/32\r\n   \r\n192.0.2.1/32\r\n")
        << KnownListFormat::Auto << texts({"10.0.0.0/8|", "2001:db8::/32|", "192.0.2.1/32|"})
        << QStringList() << std::int64_t(0);
    QTest::addRow("text: BOM") << QByteArray("\xEF\xBB\xBF"
                                             "10.0.0.0/8\n10.0.0.1\n")
                               << KnownListFormat::Auto << texts({"10.0.0.0/8|", "10.0.0.1/32|"})
                               << QStringList() << std::int64_t(0);
    QTest::addRow("text: problem lines counted with CRLF")
        << QByteArray("# head\r\n10.0.0.0/8\r\nbad\r\n\r\n10.0.0.0/8\r\n2001:db8::1/32\r\n")
        << KnownListFormat::Text << texts({"10.0.0.0/8|"})
        << texts({"3: bad is not an address or block (host name, not an address)",
                  "6: 2001:db8::1/32 has host bits set (did you mean 2001:db8::/32?)"})
        << std::int64_t(1);
    QTest::addRow("text: IPv4-mapped blocks are IPv4")
        << QByteArray("::ffff:10.0.0.0/104\n::ffff:192.0.2.7\n::fffe:0:0/95\n")
        << KnownListFormat::Text << texts({"10.0.0.0/8|", "192.0.2.7/32|", "::fffe:0:0/95|"})
        << QStringList() << std::int64_t(0);
    QTest::addRow("text: mapped spelling of a block listed before")
        << QByteArray("192.0.2.7\n::ffff:192.0.2.7/128\n") << KnownListFormat::Text
        << texts({"192.0.2.7/32|"}) << QStringList() << std::int64_t(1);
    QTest::addRow("text: mapped block with host bits")
        << QByteArray("::ffff:10.1.2.3/104\n") << KnownListFormat::Text << QStringList()
        << texts({"1: ::ffff:10.1.2.3/104 has host bits set (did you mean 10.0.0.0/8?)"})
        << std::int64_t(0);
    QTest::addRow("text: zones refused")
        << QByteArray("fe80::1%eth0\nfe80::%2/64\nfe80::/64\n") << KnownListFormat::Text
        << texts({"fe80::/64|"})
        << texts({"1: fe80::1%eth0 is not a valid block (zone not allowed)",
                  "2: fe80::%2/64 is not a valid block (zone not allowed)"})
        << std::int64_t(0);
    QTest::addRow("text: bad prefixes")
        << QByteArray("10.0.0.0/33\n10.0.0.0/\n2001:db8::/129\n") << KnownListFormat::Text
        << QStringList()
        << texts({"1: 10.0.0.0/33 is not a valid block (invalid prefix length)",
                  "2: 10.0.0.0/ is not a valid block (invalid prefix length)",
                  "3: 2001:db8::/129 is not a valid block (invalid prefix length)"})
        << std::int64_t(0);

    QTest::addRow("csv: no header: columns 0 and 1")
        << QByteArray("192.0.2.0/24,first,extra\n2001:db8::/32,second\n198.51.100.7\n")
        << KnownListFormat::Auto
        << texts({"192.0.2.0/24|first", "2001:db8::/32|second", "198.51.100.7/32|"})
        << QStringList() << std::int64_t(0);
    QTest::addRow("csv: no header, first row with host bits is data")
        << QByteArray("10.1.2.3/8,wide\n10.0.0.0/8,ten\n") << KnownListFormat::Csv
        << texts({"10.0.0.0/8|ten"})
        << texts({"1: 10.1.2.3/8 has host bits set (did you mean 10.0.0.0/8?)"}) << std::int64_t(0);
    QTest::addRow("csv: header, label column first")
        << QByteArray("Name,Owner,IP_Address\nvpn,net,192.0.2.1\n,net,192.0.2.2\n")
        << KnownListFormat::Auto << texts({"192.0.2.1/32|vpn", "192.0.2.2/32|"}) << QStringList()
        << std::int64_t(0);
    QTest::addRow("csv: header without a label column")
        << QByteArray("owner,network\nnet,192.0.2.0/24\n") << KnownListFormat::Auto
        << texts({"192.0.2.0/24|"}) << QStringList() << std::int64_t(0);
    QTest::addRow("csv: BOM, semicolons, CRLF")
        << QByteArray("\xEF\xBB\xBF"
                      "cidr;description\r\n10.0.0.0/8;ten\r\n10.0.0.0/8;again\r\n")
        << KnownListFormat::Auto << texts({"10.0.0.0/8|ten"}) << QStringList() << std::int64_t(1);
    QTest::addRow("csv: short row and comment row")
        << QByteArray("label,cidr\nonly a label\n# 10.9.9.9,commented\nok,10.0.0.0/8\n")
        << KnownListFormat::Csv << texts({"10.0.0.0/8|ok"}) << texts({"2: no address or block"})
        << std::int64_t(0);
    QTest::addRow("csv: a label with a line break")
        << QByteArray("cidr,label\n10.0.0.0/8,\"two\nlines\"\nbad,x\n") << KnownListFormat::Csv
        << texts({"10.0.0.0/8|two lines"})
        << texts({"4: bad is not an address or block (host name, not an address)"})
        << std::int64_t(0);
}

void TestKnownLists::textAndCsvEntries()
{
    QFETCH(QByteArray, bytes);
    QFETCH(KnownListFormat, format);
    QFETCH(QStringList, entries);
    QFETCH(QStringList, problems);
    QFETCH(std::int64_t, duplicates);

    const KnownListFile file = parseBytes(bytes, format);
    QVERIFY2(file.ok(), qPrintable(file.error.message()));
    QCOMPARE(entryTexts(file.entries), entries);
    QCOMPARE(problemTexts(file), problems);
    QCOMPARE(file.rejected, std::int64_t(problems.size()));
    QCOMPARE(file.duplicates, duplicates);
    QVERIFY(file.version.empty());
}

void TestKnownLists::autoDetection_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<KnownListFormat>("format");

    QTest::addRow("aws") << "aws-ip-ranges.json" << QByteArray() << KnownListFormat::Aws;
    QTest::addRow("azure") << "azure-servicetags.json" << QByteArray() << KnownListFormat::Azure;
    QTest::addRow("google") << "google-cloud.json" << QByteArray() << KnownListFormat::Google;
    QTest::addRow("text") << "iocs.txt" << QByteArray() << KnownListFormat::Text;
    QTest::addRow("csv") << "labels.csv" << QByteArray() << KnownListFormat::Csv;
    QTest::addRow("aws ipv6 only") << QString() << QByteArray(R"({"ipv6_prefixes": [{"ipv6_prefix":
        "2001:db8::/32", "service": "EC2", "region": "r"}]})")
                                   << KnownListFormat::Aws;
    QTest::addRow("google ipv6 first") << QString() << QByteArray(R"({"prefixes": [{"ipv6Prefix":
        "2001:db8::/32", "service": "Google Cloud", "scope": "s"}]})")
                                       << KnownListFormat::Google;
    QTest::addRow("json after a BOM")
        << QString()
        << QByteArray("\xEF\xBB\xBF"
                      R"({"values": [{"name": "T", "properties": {"addressPrefixes":
                      ["10.0.0.0/8"]}}]})")
        << KnownListFormat::Azure;
    QTest::addRow("text with a comma in a comment")
        << QString() << QByteArray("# blocks, one a line\n10.0.0.0/8 # a, b\n")
        << KnownListFormat::Text;
    QTest::addRow("csv after comments")
        << QString() << QByteArray("# a list\n\n10.0.0.0/8,ten\n") << KnownListFormat::Csv;
}

void TestKnownLists::autoDetection()
{
    QFETCH(QString, fixture);
    QFETCH(QByteArray, bytes);
    QFETCH(KnownListFormat, format);

    const KnownListFile file = fixture.isEmpty()
        ? parseBytes(bytes)
        : KnownListFile::read(dataPath(QStringLiteral("lists/") + fixture));
    QVERIFY2(file.ok(), qPrintable(file.error.message()));
    QCOMPARE(file.format, format);
    QVERIFY(!file.entries.empty());
    QCOMPARE(file.problems.size(), std::size_t(file.rejected));
}

void TestKnownLists::wholeFileErrors_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<KnownListFormat>("format");
    QTest::addColumn<QString>("message");

    QTest::addRow("csv header names no address column")
        << QByteArray("host,label\nexample.org,x\n10.0.0.0/8,y\n") << KnownListFormat::Auto
        << "test.list: line 1: the header names no address or block column (cidr, network, "
           "prefix, address, ip, …)";
    QTest::addRow("csv header after a comment")
        << QByteArray("# exported\nowner,label\n") << KnownListFormat::Csv
        << "test.list: line 2: the header names no address or block column (cidr, network, "
           "prefix, address, ip, …)";
    QTest::addRow("json none of the three")
        << QByteArray(R"({"prefixes": [{"cidr": "10.0.0.0/8"}]})") << KnownListFormat::Auto
        << "test.list: JSON that is none of AWS ip-ranges.json, Azure Service Tags and Google "
           "cloud.json";
    QTest::addRow("invalid json") << QByteArray(R"({"prefixes": [)") << KnownListFormat::Auto
                                  << "test.list: not valid JSON at byte 14 (unterminated array)";
    QTest::addRow("invalid json, format given")
        << QByteArray("10.0.0.0/8\n") << KnownListFormat::Aws
        << "test.list: not valid JSON at byte 1 (illegal value)";
    QTest::addRow("json array") << QByteArray("[\"10.0.0.0/8\"]") << KnownListFormat::Google
                                << "test.list: the JSON is not an object";
    QTest::addRow("empty file") << QByteArray() << KnownListFormat::Auto
                                << "test.list: no address or block in the file";
    QTest::addRow("only a BOM") << QByteArray("\xEF\xBB\xBF") << KnownListFormat::Auto
                                << "test.list: no address or block in the file";
    QTest::addRow("only comments")
        << QByteArray("# nothing\n\n   \n# here\n") << KnownListFormat::Text
        << "test.list: no address or block in the file";
    QTest::addRow("csv header only") << QByteArray("cidr,label\n") << KnownListFormat::Auto
                                     << "test.list: no address or block in the file";
    QTest::addRow("azure without tags")
        << QByteArray(R"({"changeNumber": 1, "values": []})") << KnownListFormat::Auto
        << "test.list: no address or block in the file";
}

void TestKnownLists::wholeFileErrors()
{
    QFETCH(QByteArray, bytes);
    QFETCH(KnownListFormat, format);
    QFETCH(QString, message);

    const KnownListFile file = parseBytes(bytes, format);
    QVERIFY(!file.ok());
    QCOMPARE(file.error.code(), Error::Code::Invalid);
    QCOMPARE(file.error.message(), message);
    QVERIFY(file.entries.empty());
}

void TestKnownLists::missingFileIsAnError()
{
    const KnownListFile file = KnownListFile::read(m_dir.filePath(QStringLiteral("none.txt")));
    QVERIFY(!file.ok());
    QVERIFY2(file.error.message().startsWith(QLatin1String("none.txt: ")),
             qPrintable(file.error.message()));
    QVERIFY(file.entries.empty());

    const KnownListFile directory = KnownListFile::read(m_dir.path());
    QVERIFY(!directory.ok());
    QCOMPARE(directory.error.code(), Error::Code::Io);
}

void TestKnownLists::labelsAreCleaned_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QByteArray>("label");

    const QByteArray a198(198, 'a');
    const QByteArray a199(199, 'a');
    const QByteArray a200(200, 'a');
    QTest::addRow("control characters") << QByteArray(R"({"values": [{"name":
        "  Tag\u0001\u0002Name\tX\u007fY\r\nZ  ", "properties": {"addressPrefixes":
        ["10.0.0.0/8"]}}]})") << QByteArray("Tag Name X Y Z");
    QTest::addRow("blank runs") << QByteArray("10.0.0.0/8,\"a   b \t c\"\n") << QByteArray("a b c");
    QTest::addRow("200 bytes kept") << QByteArray("10.0.0.0/8," + a200 + "\n") << a200;
    QTest::addRow("cut at 200 bytes") << QByteArray("10.0.0.0/8," + a200 + "bcd\n") << a200;
    QTest::addRow("cut before a 2-byte character")
        << QByteArray("10.0.0.0/8," + a199 + "\xC3\xA9zz\n") << a199;
    QTest::addRow("2-byte character ending at 200")
        << QByteArray("10.0.0.0/8," + a198 + "\xC3\xA9zz\n") << QByteArray(a198 + "\xC3\xA9");
    QTest::addRow("cut before a 3-byte character")
        << QByteArray("10.0.0.0/8," + a198 + "\xE3\x81\x82z\n") << a198;
    QTest::addRow("cut before a 4-byte character")
        << QByteArray("10.0.0.0/8," + a198 + "\xF0\x9F\x98\x80\n") << a198;
}

void TestKnownLists::labelsAreCleaned()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QByteArray, label);

    const KnownListFile file = parseBytes(bytes);
    QVERIFY2(file.ok(), qPrintable(file.error.message()));
    QCOMPARE(file.rejected, std::int64_t(0));
    QCOMPARE(file.entries.size(), std::size_t(1));
    const std::string &got = file.entries[0].label;
    QCOMPARE(QByteArray::fromStdString(got), label);
    QVERIFY(got.size() <= 200);
    QVERIFY(isValidUtf8(got));
}

void TestKnownLists::blockListedTwiceKeepsOneLabel_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("entry"); // of 10.0.0.0/8

    QTest::addRow("aws: AMAZON first, EC2 second, tie")
        << QByteArray(R"({"createDate": "d", "prefixes": [
            {"ip_prefix": "10.0.0.0/8", "service": "AMAZON", "region": "r"},
            {"ip_prefix": "10.0.0.0/8", "service": "EC2", "region": "r"}]})")
        << "10.0.0.0/8|AWS EC2 r";
    QTest::addRow("aws: EC2 first, AMAZON second")
        << QByteArray(R"({"createDate": "d", "prefixes": [
            {"ip_prefix": "10.0.0.0/8", "service": "EC2", "region": "r"},
            {"ip_prefix": "10.0.0.0/8", "service": "AMAZON", "region": "r"}]})")
        << "10.0.0.0/8|AWS EC2 r";
    QTest::addRow("aws: AMAZON loses though its group is smaller")
        << QByteArray(R"({"createDate": "d", "prefixes": [
            {"ip_prefix": "10.0.0.0/8", "service": "AMAZON", "region": "r"},
            {"ip_prefix": "10.0.0.0/8", "service": "S3", "region": "r"},
            {"ip_prefix": "11.0.0.0/8", "service": "S3", "region": "r"},
            {"ip_prefix": "12.0.0.0/8", "service": "S3", "region": "r"}]})")
        << "10.0.0.0/8|AWS S3 r";
    QTest::addRow("aws: the smaller group wins") << QByteArray(R"({"createDate": "d", "prefixes": [
            {"ip_prefix": "11.0.0.0/8", "service": "S3", "region": "r"},
            {"ip_prefix": "10.0.0.0/8", "service": "S3", "region": "r"},
            {"ip_prefix": "10.0.0.0/8", "service": "ROUTE53", "region": "r"}]})")
                                                 << "10.0.0.0/8|AWS ROUTE53 r";
    QTest::addRow("aws: the smaller group listed first stays")
        << QByteArray(R"({"createDate": "d", "prefixes": [
            {"ip_prefix": "10.0.0.0/8", "service": "ROUTE53", "region": "r"},
            {"ip_prefix": "11.0.0.0/8", "service": "S3", "region": "r"},
            {"ip_prefix": "10.0.0.0/8", "service": "S3", "region": "r"}]})")
        << "10.0.0.0/8|AWS ROUTE53 r";
    QTest::addRow("azure: AzureCloud.<region> loses")
        << QByteArray(R"({"changeNumber": 1, "values": [
            {"name": "AzureCloud.japaneast", "properties": {"addressPrefixes": ["10.0.0.0/8"]}},
            {"name": "Storage.JapanEast", "properties": {"addressPrefixes":
              ["11.0.0.0/8", "10.0.0.0/8"]}}]})")
        << "10.0.0.0/8|Storage.JapanEast";
    QTest::addRow("azure: AzureCloud after the narrow tag")
        << QByteArray(R"({"changeNumber": 1, "values": [
            {"name": "Storage.JapanEast", "properties": {"addressPrefixes": ["10.0.0.0/8"]}},
            {"name": "AzureCloud", "properties": {"addressPrefixes": ["10.0.0.0/8"]}}]})")
        << "10.0.0.0/8|Storage.JapanEast";
    QTest::addRow("google: the smaller group wins")
        << QByteArray(R"({"creationTime": "t", "prefixes": [
            {"ipv4Prefix": "10.0.0.0/8", "service": "Google Cloud", "scope": "a"},
            {"ipv4Prefix": "11.0.0.0/8", "service": "Google Cloud", "scope": "a"},
            {"ipv4Prefix": "10.0.0.0/8", "service": "Google Cloud", "scope": "b"}]})")
        << "10.0.0.0/8|Google Cloud b";
    QTest::addRow("csv: the first label wins")
        << QByteArray("cidr,label\n10.0.0.0/8,first\n11.0.0.0/8,first\n10.0.0.0/8,second\n")
        << "10.0.0.0/8|first";
    QTest::addRow("csv: an empty first label wins too")
        << QByteArray("cidr,label\n10.0.0.0/8,\n10.0.0.0/8,second\n") << "10.0.0.0/8|";
    QTest::addRow("csv: the mapped spelling is the same block")
        << QByteArray("cidr,label\n::ffff:10.0.0.0/104,first\n10.0.0.0/8,second\n")
        << "10.0.0.0/8|first";
}

void TestKnownLists::blockListedTwiceKeepsOneLabel()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, entry);

    const KnownListFile file = parseBytes(bytes);
    QVERIFY2(file.ok(), qPrintable(file.error.message()));
    QCOMPARE(file.rejected, std::int64_t(0));
    QCOMPARE(file.duplicates, std::int64_t(1));
    const QStringList texts = entryTexts(file.entries);
    const QStringList tens = texts.filter(QStringLiteral("10.0.0.0/8|"));
    QCOMPARE(tens, QStringList {entry});
    // In file order: the block keeps the place of its first listing.
    const bool tenFirst = bytes.indexOf("10.0.0.0/8") < bytes.indexOf("11.0.0.0/8")
        || bytes.indexOf("11.0.0.0/8") < 0;
    QCOMPARE(texts.indexOf(entry), tenFirst ? 0 : 1);
}

void TestKnownLists::problemsAreCapped()
{
    QByteArray bytes("10.0.0.0/8\n");
    for (int k = 0; k < 1005; ++k)
        bytes += "bad" + QByteArray::number(k) + '\n';
    const KnownListFile file = parseBytes(bytes, KnownListFormat::Text);
    QVERIFY(file.ok());
    QCOMPARE(file.entries.size(), std::size_t(1));
    QCOMPARE(file.rejected, std::int64_t(1005));
    QCOMPARE(file.problems.size(), KnownListFile::kMaxProblems);
    QCOMPARE(file.problems.front().line, std::int64_t(2));
    QCOMPARE(file.problems.back().line, std::int64_t(1001));
}

// Two defects found while writing these tests, fixed since.

void TestKnownLists::csvDelimiterAfterACommentLine()
{
    // The CSV form allows comment rows: the delimiter comes from the first
    // line that is none (CsvRecordSplitter::sniffDelimiter() reads the very
    // first line, and a semicolon list after a comment line was refused).
    const KnownListFile file
        = parseBytes("# exported by the firewall team\n10.0.0.0/8;ten\n192.0.2.0/24;doc\n");
    QVERIFY2(file.ok(), qPrintable(file.error.message()));
    QCOMPARE(entryTexts(file.entries), texts({"10.0.0.0/8|ten", "192.0.2.0/24|doc"}));
}

void TestKnownLists::jsonAfterABlankLine()
{
    // A provider file saved with a leading line break is JSON all the same
    // (Auto once trimmed only spaces and tabs, and read it as text).
    const QByteArray json = readFile(listPath("aws-ip-ranges.json"));
    QVERIFY(!json.isEmpty());
    const KnownListFile file = parseBytes("\r\n" + json);
    QCOMPARE(file.format, KnownListFormat::Aws);
    QCOMPARE(file.entries.size(), std::size_t(6));
}

// --- KnownLists -------------------------------------------------------------

void TestKnownLists::newCaseIsFormatSeven()
{
    QVERIFY(CaseDatabase::kSchemaVersion >= 7); // lists came with format 7
    const QString path = m_dir.filePath(QStringLiteral("new.eacase"));
    {
        std::unique_ptr<CaseDatabase> database
            = openCase(path, CaseDatabase::OpenMode::CreateIfMissing);
        QVERIFY(database);
        QCOMPARE(database->schemaVersion(), CaseDatabase::kSchemaVersion);
        const RowsResult<KnownList> lists = KnownLists(*database).lists();
        QVERIFY2(lists.ok(), qPrintable(lists.error.message()));
        QVERIFY(lists.value.empty());
    }
    SqliteDb db;
    QVERIFY(db.open(path.toStdString(), SqliteDb::Access::ReadOnly));
    QCOMPARE(scalar(db, "PRAGMA user_version"), std::int64_t(CaseDatabase::kSchemaVersion));
    QCOMPARE(scalar(db,
                    "SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                    "AND name IN ('lists', 'list_entries')"),
             std::int64_t(2));
}

void TestKnownLists::nameProblems_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QString>("problem"); // empty: a good name

    QTest::addRow("plain") << QByteArray("aws") << QString();
    QTest::addRow("inner blanks and punctuation")
        << QByteArray("My IOCs 2024/11 (v2)") << QString();
    QTest::addRow("UTF-8") << QByteArray("\xE7\x9B\xA3\xE8\xA6\x96") << QString();
    QTest::addRow("64 bytes") << QByteArray(64, 'n') << QString();
    QTest::addRow("empty") << QByteArray() << "a list needs a name";
    QTest::addRow("65 bytes") << QByteArray(65, 'n') << "a list's name has at most 64 bytes";
    QTest::addRow("not UTF-8") << QByteArray("ab\xFF") << "a list's name must be UTF-8 text";
    QTest::addRow("leading blank")
        << QByteArray(" aws") << "a list's name cannot start or end with a blank";
    QTest::addRow("trailing tab") << QByteArray("aws\t")
                                  << "a list's name cannot start or end with a blank";
    QTest::addRow("colon") << QByteArray("a: b")
                           << "a list's name cannot hold ':', ';' or control characters";
    QTest::addRow("semicolon") << QByteArray("a;b")
                               << "a list's name cannot hold ':', ';' or control characters";
    QTest::addRow("newline") << QByteArray("a\nb")
                             << "a list's name cannot hold ':', ';' or control characters";
    QTest::addRow("DEL") << QByteArray("a\x7f")
                         << "a list's name cannot hold ':', ';' or control characters";
}

void TestKnownLists::nameProblems()
{
    QFETCH(QByteArray, name);
    QFETCH(QString, problem);

    QCOMPARE(KnownLists::nameProblem({name.constData(), std::size_t(name.size())}), problem);
}

void TestKnownLists::storeReplaceAndRemove()
{
    std::unique_ptr<CaseDatabase> database = openCase(
        m_dir.filePath(QStringLiteral("store.eacase")), CaseDatabase::OpenMode::CreateIfMissing);
    QVERIFY(database);
    KnownLists lists(*database);

    const std::vector<LabelledBlock> first {{block("10.0.0.0/8"), "ten"},
                                            {block("::ffff:192.0.2.0/120"), "doc"},
                                            {block("2001:db8::/32"), ""}};
    const std::vector<LabelledBlock> second {{block("172.16.0.0/12"), "private"}};
    const std::int64_t before = QDateTime::currentMSecsSinceEpoch() * 1'000'000;
    const Result<std::int64_t> zeta = lists.store("zeta", {"/z.txt", "text", "", second}, false);
    QVERIFY2(zeta.ok(), qPrintable(zeta.error.message()));
    const Result<std::int64_t> alpha = lists.store("alpha", {"/a.json", "aws", "v1", first}, false);
    QVERIFY2(alpha.ok(), qPrintable(alpha.error.message()));
    const Result<std::int64_t> mid = lists.store("mid", {"/m.csv", "csv", "", second}, false);
    QVERIFY2(mid.ok(), qPrintable(mid.error.message()));
    QVERIFY(alpha.value != zeta.value && mid.value != alpha.value);

    // Listed by name, with what they were stored from.
    RowsResult<KnownList> all = lists.lists();
    QVERIFY2(all.ok(), qPrintable(all.error.message()));
    QCOMPARE(all.value.size(), std::size_t(3));
    QCOMPARE(all.value[0].name, std::string("alpha"));
    QCOMPARE(all.value[1].name, std::string("mid"));
    QCOMPARE(all.value[2].name, std::string("zeta"));
    const KnownList &a = all.value[0];
    QCOMPARE(a.id, alpha.value);
    QCOMPARE(a.source, std::string("/a.json"));
    QCOMPARE(a.format, std::string("aws"));
    QCOMPARE(a.version, std::string("v1"));
    QCOMPARE(a.entries, std::int64_t(3));
    QVERIFY(a.importedAtNs >= before);
    QVERIFY(a.importedAtNs <= QDateTime::currentMSecsSinceEpoch() * 1'000'000);

    // The entries in stored order; the mapped block stored as IPv4.
    RowsResult<LabelledBlock> entries = lists.entries(alpha.value);
    QVERIFY2(entries.ok(), qPrintable(entries.error.message()));
    QCOMPARE(entryTexts(entries.value),
             texts({"10.0.0.0/8|ten", "192.0.2.0/24|doc", "2001:db8::/32|"}));

    // The same name again: refused without replace, nothing changed.
    const Result<std::int64_t> again
        = lists.store("alpha", {"/b.json", "aws", "v2", second}, false);
    QVERIFY(!again.ok());
    QCOMPARE(again.error.code(), Error::Code::Invalid);
    QCOMPARE(again.error.message(), QStringLiteral("The case already has a list named alpha"));
    all = lists.lists();
    QVERIFY(all.ok());
    QCOMPARE(all.value.size(), std::size_t(3));
    QCOMPARE(all.value[0].version, std::string("v1"));
    QCOMPARE(all.value[0].entries, std::int64_t(3));
    entries = lists.entries(alpha.value);
    QVERIFY(entries.ok());
    QCOMPARE(entries.value.size(), std::size_t(3));

    // With replace: the new version and entries, under the same name.
    const Result<std::int64_t> replaced
        = lists.store("alpha", {"/b.json", "azure", "v2", second}, true);
    QVERIFY2(replaced.ok(), qPrintable(replaced.error.message()));
    all = lists.lists();
    QVERIFY(all.ok());
    QCOMPARE(all.value.size(), std::size_t(3));
    QCOMPARE(all.value[0].name, std::string("alpha"));
    QCOMPARE(all.value[0].id, replaced.value);
    QCOMPARE(all.value[0].source, std::string("/b.json"));
    QCOMPARE(all.value[0].format, std::string("azure"));
    QCOMPARE(all.value[0].version, std::string("v2"));
    QCOMPARE(all.value[0].entries, std::int64_t(1));
    entries = lists.entries(replaced.value);
    QVERIFY(entries.ok());
    QCOMPARE(entryTexts(entries.value), texts({"172.16.0.0/12|private"}));
    if (replaced.value != alpha.value) {
        entries = lists.entries(alpha.value);
        QVERIFY(entries.ok() && entries.value.empty()); // the old rows are gone
    }
    QCOMPARE(scalar(database->db(), "SELECT count(*) FROM list_entries"), std::int64_t(3));

    // replace of a name not there yet stores it.
    QVERIFY(lists.store("new", {"/n.txt", "text", "", first}, true).ok());

    // A bad name is refused before anything is written.
    const Result<std::int64_t> bad = lists.store("a;b", {"/x.txt", "text", "", first}, false);
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error.code(), Error::Code::Invalid);

    // Removed: gone with its entries; a second time NotFound.
    QVERIFY(lists.remove("alpha").isNull());
    all = lists.lists();
    QVERIFY(all.ok());
    QCOMPARE(all.value.size(), std::size_t(3));
    QCOMPARE(all.value[0].name, std::string("mid"));
    QCOMPARE(all.value[1].name, std::string("new"));
    QCOMPARE(all.value[2].name, std::string("zeta"));
    entries = lists.entries(replaced.value);
    QVERIFY(entries.ok() && entries.value.empty());
    const Error missing = lists.remove("alpha");
    QCOMPARE(missing.code(), Error::Code::NotFound);
    QCOMPARE(missing.message(), QStringLiteral("The case has no list named alpha"));
}

void TestKnownLists::indexMatchesMostSpecificBlockPerList()
{
    const auto list = [](const char *name) {
        KnownList l;
        l.name = name;
        return l;
    };
    const KnownListIndex index(
        {list("a"), list("b"), list("six")},
        {{{block("10.0.0.0/8"), "wide"},
          {block("10.1.0.0/16"), "narrow"},
          {block("2001:db8::/32"), "doc6"}},
         {{block("10.1.2.0/24"), ""}, {block("192.0.2.0/24"), "doc"}},
         {{block("::/0"), "every IPv6"}, {block("2001:db8::/48"), "doc6 start"}}});
    QVERIFY(!index.isEmpty());
    QCOMPARE(index.lists().size(), std::size_t(3));

    QCOMPARE(index.describe(address("10.1.2.3")), std::string("a: narrow; b"));
    QCOMPARE(index.describe(address("10.1.3.1")), std::string("a: narrow"));
    QCOMPARE(index.describe(address("10.200.0.1")), std::string("a: wide"));
    QCOMPARE(index.describe(address("11.0.0.1")), std::string());
    // The IPv6-mapped spelling is the IPv4 host; ::/0 holds no IPv4 host.
    QCOMPARE(index.describe(address("::ffff:10.1.2.3")), std::string("a: narrow; b"));
    QCOMPARE(index.describe(address("192.0.2.9")), std::string("b: doc"));
    QCOMPARE(index.describe(address("::ffff:192.0.2.9")), std::string("b: doc"));
    QCOMPARE(index.describe(address("2001:db8::1")), std::string("a: doc6; six: doc6 start"));
    QCOMPARE(index.describe(address("2001:db8:1::1")), std::string("a: doc6; six: every IPv6"));
    QCOMPARE(index.describe(address("fe80::1")), std::string("six: every IPv6"));

    std::vector<KnownListIndex::Match> found {{7, 7}};
    index.matches(address("10.1.2.3"), found);
    QCOMPARE(found.size(), std::size_t(2));
    QCOMPARE(found[0].list, 0u);
    QCOMPARE(index.label(found[0]), std::string_view("narrow"));
    QCOMPARE(found[1].list, 1u);
    QCOMPARE(index.label(found[1]), std::string_view());
    index.matches(address("11.0.0.1"), found);
    QVERIFY(found.empty()); // cleared first

    const KnownListIndex none;
    QVERIFY(none.isEmpty());
    QCOMPARE(none.describe(address("10.1.2.3")), std::string());
}

void TestKnownLists::destinationRowsCarryLists()
{
    std::unique_ptr<CaseDatabase> database = importedCase("rows.eacase");
    QVERIFY(database);
    CaseQueries queries(*database);

    // Without lists every row's lists are empty.
    RowsResult<DestinationRow> rows = queries.destinations({.all = true, .withLists = true});
    QVERIFY2(rows.ok(), qPrintable(rows.error.message()));
    QCOMPARE(rows.value.size(), std::size_t(13));
    for (const DestinationRow &row : rows.value)
        QVERIFY2(row.lists.empty(), row.canonical.c_str());

    KnownLists lists(*database);
    for (const auto &[name, file] : {std::pair {"aws", "aws-ip-ranges.json"},
                                     {"azure", "azure-servicetags.json"},
                                     {"google", "google-cloud.json"},
                                     {"labels", "labels.csv"},
                                     {"iocs", "iocs.txt"}}) {
        const Result<std::int64_t> stored = storeFixture(lists, name, file);
        QVERIFY2(stored.ok(), qPrintable(stored.error.message()));
    }
    rows = queries.destinations({.all = true, .withLists = true});
    QVERIFY2(rows.ok(), qPrintable(rows.error.message()));
    QCOMPARE(listsColumn(rows.value), kAllLists);

    // The streamed rows and the rows by id say the same.
    std::vector<DestinationRow> streamed;
    const Result<> each = queries.forEachDestination({.all = true, .withLists = true},
                                                     [&](const DestinationRow &row) {
                                                         streamed.push_back(row);
                                                         return true;
                                                     });
    QVERIFY2(each.ok(), qPrintable(each.error.message()));
    QCOMPARE(listsColumn(streamed), kAllLists);
    std::vector<std::int64_t> ids;
    for (const DestinationRow &row : rows.value)
        ids.push_back(row.id);
    const RowsResult<DestinationRow> byIds = queries.destinationsByIds(ids, true);
    QVERIFY2(byIds.ok(), qPrintable(byIds.error.message()));
    QCOMPARE(listsColumn(byIds.value), kAllLists);

    // Removing a list takes it out of the column.
    QVERIFY(lists.remove("iocs").isNull());
    rows = queries.destinations({.all = true, .withLists = true});
    QVERIFY(rows.ok());
    const QStringList withoutIocs = listsColumn(rows.value);
    QVERIFY(withoutIocs.contains(QStringLiteral("192.0.2.77|labels: Office VPN")));
    QVERIFY(withoutIocs.contains(QStringLiteral("2001:db8:bad::1|")));
}

void TestKnownLists::applyStatusMarksTheListsDestinations()
{
    QCOMPARE(KnownLists::noteFor("aws", "AWS EC2 r"), std::string("list aws: AWS EC2 r"));
    QCOMPARE(KnownLists::noteFor("iocs", ""), std::string("list iocs"));

    std::unique_ptr<CaseDatabase> database = importedCase("apply.eacase");
    QVERIFY(database);
    KnownLists lists(*database);
    for (const auto &[name, file] : {std::pair {"azure", "azure-servicetags.json"},
                                     {"aws", "aws-ip-ranges.json"},
                                     {"iocs", "iocs.txt"},
                                     {"labels", "labels.csv"}})
        QVERIFY(storeFixture(lists, name, file).ok());
    Marks marks(*database);
    // The analyst's own mark on one of azure's three destinations.
    QVERIFY(marks.setMark("20.33.1.1", MarkStatus::KnownSafe, "mine").ok());

    const auto markOf = [&](const char *target) -> QString {
        const Result<std::optional<Mark>> m = marks.markFor(block(target));
        if (!m.ok())
            return QStringLiteral("error");
        if (!m.value)
            return QStringLiteral("none");
        return QStringLiteral("%1|%2").arg(QString::fromLatin1(markStatusId(m.value->status)),
                                           toQString(m.value->note));
    };

    KnownLists::Applied applied = lists.applyStatus("azure", MarkStatus::Suspicious);
    QVERIFY2(applied.error.isNull(), qPrintable(applied.error.message()));
    QCOMPARE(applied.matched, std::int64_t(3));
    QCOMPARE(applied.added, std::int64_t(2));
    QCOMPARE(applied.updated, std::int64_t(0));
    QCOMPARE(applied.unchanged, std::int64_t(0));
    QCOMPARE(applied.kept, std::int64_t(1));
    QCOMPARE(markOf("20.34.0.1"), QStringLiteral("suspicious|list azure: AzureCloud"));
    QCOMPARE(markOf("2603:1000:4:402::10"),
             QStringLiteral("suspicious|list azure: Storage.JapanEast"));
    QCOMPARE(markOf("20.33.1.1"), QStringLiteral("known-safe|mine"));

    // Again with another status: its own marks change, the analyst's stays.
    applied = lists.applyStatus("azure", MarkStatus::Malicious);
    QVERIFY(applied.error.isNull());
    QCOMPARE(applied.matched, std::int64_t(3));
    QCOMPARE(applied.added, std::int64_t(0));
    QCOMPARE(applied.updated, std::int64_t(2));
    QCOMPARE(applied.unchanged, std::int64_t(0));
    QCOMPARE(applied.kept, std::int64_t(1));
    QCOMPARE(markOf("20.34.0.1"), QStringLiteral("malicious|list azure: AzureCloud"));
    QCOMPARE(markOf("20.33.1.1"), QStringLiteral("known-safe|mine"));
    // And the same once more: nothing to change.
    applied = lists.applyStatus("azure", MarkStatus::Malicious);
    QVERIFY(applied.error.isNull());
    QCOMPARE(applied.added + applied.updated, std::int64_t(0));
    QCOMPARE(applied.unchanged, std::int64_t(2));
    QCOMPARE(applied.kept, std::int64_t(1));

    // The IPv6-mapped spelling's destination is marked as the IPv4 host.
    applied = lists.applyStatus("aws", MarkStatus::Internal);
    QVERIFY(applied.error.isNull());
    QCOMPARE(applied.matched, std::int64_t(5));
    QCOMPARE(applied.added, std::int64_t(5));
    QCOMPARE(markOf("13.112.0.9"), QStringLiteral("internal|list aws: AWS EC2 ap-northeast-1"));
    QCOMPARE(markOf("52.94.1.5"), QStringLiteral("internal|list aws: AWS AMAZON us-east-1"));

    // A list without labels writes "list NAME"; a later list keeps the marks
    // an earlier one made.
    applied = lists.applyStatus("iocs", MarkStatus::Suspicious);
    QVERIFY(applied.error.isNull());
    QCOMPARE(applied.matched, std::int64_t(3));
    QCOMPARE(applied.added, std::int64_t(3));
    QCOMPARE(markOf("192.0.2.77"), QStringLiteral("suspicious|list iocs"));
    applied = lists.applyStatus("labels", MarkStatus::KnownSafe);
    QVERIFY(applied.error.isNull());
    QCOMPARE(applied.matched, std::int64_t(2));
    QCOMPARE(applied.added, std::int64_t(0));
    QCOMPARE(applied.kept, std::int64_t(2));
    QCOMPARE(markOf("192.0.2.77"), QStringLiteral("suspicious|list iocs"));

    // The rows show the statuses the marks give.
    const RowsResult<DestinationRow> rows
        = CaseQueries(*database).destinations({.all = true, .withLists = true});
    QVERIFY(rows.ok());
    std::map<std::string, MarkStatus> status;
    for (const DestinationRow &row : rows.value)
        status[row.canonical] = row.status;
    QCOMPARE(status["20.34.0.1"], MarkStatus::Malicious);
    QCOMPARE(status["20.33.1.1"], MarkStatus::KnownSafe);
    QCOMPARE(status["13.112.0.9"], MarkStatus::Internal);
    QCOMPARE(status["8.8.8.8"], MarkStatus::Unreviewed);
}

void TestKnownLists::applyStatusRefusals()
{
    std::unique_ptr<CaseDatabase> database = importedCase("refusals.eacase");
    QVERIFY(database);
    KnownLists lists(*database);
    QVERIFY(storeFixture(lists, "iocs", "iocs.txt").ok());

    KnownLists::Applied applied = lists.applyStatus("iocs", MarkStatus::Unreviewed);
    QCOMPARE(applied.error.code(), Error::Code::Invalid);
    QCOMPARE(applied.added, std::int64_t(0));
    applied = lists.applyStatus("nope", MarkStatus::Suspicious);
    QCOMPARE(applied.error.code(), Error::Code::NotFound);
    QCOMPARE(applied.error.message(), QStringLiteral("The case has no list named nope"));
    QCOMPARE(scalar(database->db(), "SELECT count(*) FROM marks"), std::int64_t(0));
}

void TestKnownLists::formatSixCase()
{
    const QString path = m_dir.filePath(QStringLiteral("six.eacase"));
    {
        std::unique_ptr<CaseDatabase> database = importedCase("six.eacase");
        QVERIFY(database);
    }
    {
        SqliteDb db;
        QVERIFY(db.open(path.toStdString(), SqliteDb::Access::ReadWrite));
        QVERIFY(db.exec((asFormat6() + "PRAGMA user_version = 6;").c_str()));
    }
    {
        // Read-only: read in its own format, with no lists, and none stored.
        std::unique_ptr<CaseDatabase> database = openCase(path, CaseDatabase::OpenMode::ReadOnly);
        QVERIFY(database);
        QCOMPARE(database->schemaVersion(), 6);
        KnownLists lists(*database);
        const RowsResult<KnownList> all = lists.lists();
        QVERIFY2(all.ok(), qPrintable(all.error.message()));
        QVERIFY(all.value.empty());
        const Result<KnownListIndex> index = lists.index();
        QVERIFY2(index.ok(), qPrintable(index.error.message()));
        QVERIFY(index.value.isEmpty());
        const std::vector<LabelledBlock> entries {{block("8.8.8.0/24"), "dns"}};
        const Result<std::int64_t> stored
            = lists.store("dns", {"/d.txt", "text", "", entries}, false);
        QVERIFY(!stored.ok());
        QCOMPARE(stored.error.code(), Error::Code::Invalid);
        QCOMPARE(lists.remove("dns").code(), Error::Code::NotFound);
        QCOMPARE(lists.applyStatus("dns", MarkStatus::Suspicious).error.code(),
                 Error::Code::NotFound);
        const RowsResult<DestinationRow> rows
            = CaseQueries(*database).destinations({.all = true, .withLists = true});
        QVERIFY2(rows.ok(), qPrintable(rows.error.message()));
        QCOMPARE(rows.value.size(), std::size_t(13));
        for (const DestinationRow &row : rows.value)
            QVERIFY(row.lists.empty());
    }
    {
        SqliteDb db;
        QVERIFY(db.open(path.toStdString(), SqliteDb::Access::ReadOnly));
        QCOMPARE(scalar(db, "PRAGMA user_version"), std::int64_t(6)); // untouched
    }
    // Read-write: taken to the current format, with no lists yet, and one can be stored.
    std::unique_ptr<CaseDatabase> database = openCase(path, CaseDatabase::OpenMode::OpenExisting);
    QVERIFY(database);
    QCOMPARE(database->schemaVersion(), CaseDatabase::kSchemaVersion);
    QCOMPARE(scalar(database->db(), "PRAGMA user_version"),
             std::int64_t(CaseDatabase::kSchemaVersion));
    KnownLists lists(*database);
    RowsResult<KnownList> all = lists.lists();
    QVERIFY(all.ok());
    QVERIFY(all.value.empty());
    QVERIFY(storeFixture(lists, "google", "google-cloud.json").ok());
    all = lists.lists();
    QVERIFY(all.ok());
    QCOMPARE(all.value.size(), std::size_t(1));
    const RowsResult<DestinationRow> rows
        = CaseQueries(*database).destinations({.all = true, .withLists = true});
    QVERIFY(rows.ok());
    QVERIFY(listsColumn(rows.value)
                .contains(QStringLiteral("34.1.208.9|google: Google Cloud africa-south1")));
}

// What a review of the first version found: an analyst's broader mark
// overruled by an apply, AzureCloud beating its regional tag, rows of an
// edited case taken as they are, and first rows without their lists.
void TestKnownLists::reviewFixes()
{
    // AzureCloud.japaneast (a superset too, but smaller) wins over AzureCloud.
    const KnownListFile azure = parseBytes(
        R"({"changeNumber": 1, "values": [
             {"name": "AzureCloud", "properties": {"addressPrefixes": ["1.0.0.0/24", "2.0.0.0/24"]}},
             {"name": "AzureCloud.japaneast", "properties": {"addressPrefixes": ["1.0.0.0/24"]}}]})");
    QVERIFY2(azure.ok(), qPrintable(azure.error.message()));
    QCOMPARE(entryTexts(azure.entries),
             texts({"1.0.0.0/24|AzureCloud.japaneast", "2.0.0.0/24|AzureCloud"}));

    std::unique_ptr<CaseDatabase> database = importedCase("review.eacase");
    QVERIFY(database);
    KnownLists lists(*database);
    QVERIFY(storeFixture(lists, "aws", "aws-ip-ranges.json").ok());

    // A /8 the analyst marked malicious stays the verdict of its addresses:
    // the list's /32 marks would have overruled it.
    Marks marks(*database);
    QVERIFY(marks.setMark(block("52.0.0.0/8"), MarkStatus::Malicious, "whole /8").ok());
    const KnownLists::Applied applied = lists.applyStatus("aws", MarkStatus::KnownSafe);
    QVERIFY2(applied.error.isNull(), qPrintable(applied.error.message()));
    QCOMPARE(applied.matched, std::int64_t(5));
    QCOMPARE(applied.kept, std::int64_t(2)); // 52.94.0.5 and 52.94.1.5
    QCOMPARE(applied.added, std::int64_t(3));
    QCOMPARE(marks.statusFor(address("52.94.0.5")), MarkStatus::Malicious);
    QCOMPARE(marks.statusFor(address("13.112.1.1")), MarkStatus::KnownSafe);

    // The first rows (the table's partial load) carry their lists too.
    CaseQueries queries(*database);
    const RowsResult<DestinationRow> first
        = queries.busiestDestinations(CaseQueries::DestinationCount::Connections, 12);
    QVERIFY(first.ok());
    QVERIFY(!first.value.empty());
    for (const DestinationRow &row : first.value) {
        if (row.canonical == "13.112.0.9")
            QCOMPARE(row.lists, std::string("aws: AWS EC2 ap-northeast-1"));
    }
    QVERIFY(std::any_of(first.value.begin(), first.value.end(),
                        [](const DestinationRow &row) { return row.canonical == "13.112.0.9"; }));
    // Lists are read only when asked for.
    const RowsResult<DestinationRow> plain = queries.destinations({.all = true});
    QVERIFY(plain.ok());
    QVERIFY(std::all_of(plain.value.begin(), plain.value.end(),
                        [](const DestinationRow &row) { return row.lists.empty(); }));

    // Rows an edited case holds that this code never writes are left out:
    // a label with a line break, a list whose name holds ';'.
    QVERIFY(database->db().exec(
        "INSERT INTO list_entries(list_id, network, prefix, family, label) "
        "SELECT id, network, prefix, family, 'two' || char(10) || 'lines' FROM list_entries "
        "JOIN lists ON lists.id = list_entries.list_id LIMIT 1;"
        "INSERT INTO lists(name, source, format, version, imported_at, entries) "
        "VALUES ('a;b', 'x', 'text', '', 0, 0);"));
    const RowsResult<KnownList> all = lists.lists();
    QVERIFY(all.ok());
    QCOMPARE(all.value.size(), std::size_t(1));
    QCOMPARE(all.value.front().name, std::string("aws"));
    const RowsResult<LabelledBlock> entries = lists.entries(all.value.front().id);
    QVERIFY(entries.ok());
    QCOMPARE(entries.value.size(), std::size_t(6));
    QVERIFY(std::none_of(entries.value.begin(), entries.value.end(), [](const LabelledBlock &b) {
        return b.label.find('\n') != std::string::npos;
    }));
}

QTEST_GUILESS_MAIN(TestKnownLists)
#include "tst_knownlists.moc"
