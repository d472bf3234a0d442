// Review marks: targets, the most-specific-mark rule (SQL lookup and
// MarkIndex), unmarking, times, and the allowlist CSV in and out.

#include <QBuffer>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include "address/addresstext.h"
#include "address/cidr.h"
#include "address/ipaddress.h"
#include "review/allowlist.h"
#include "storage/casedatabase.h"
#include "storage/marks.h"

#include <algorithm>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <vector>

using namespace ea;

namespace {

std::string_view view(const QByteArray &bytes)
{
    return {bytes.constData(), std::size_t(bytes.size())};
}

IpAddress address(std::string_view text)
{
    const ParseResult r = parseAddress(text);
    return r.address;
}

QByteArray statusText(MarkStatus status)
{
    const std::string_view id = markStatusId(status);
    return QByteArray(id.data(), qsizetype(id.size()));
}

// The most specific containing block by brute force, with the family rule
// spelled out: addresses in ::ffff:0:0/96 take IPv4 marks only.
const Mark *bruteForce(const std::vector<Mark> &marks, const IpAddress &a)
{
    const Mark *best = nullptr;
    for (const Mark &m : marks) {
        const bool v4Mark = m.cidr.network.family == Family::IPv4;
        if (v4Mark != a.isV4Mapped())
            continue;
        IpAddress probe = a;
        probe.family = v4Mark ? Family::IPv4 : Family::IPv6;
        if (m.cidr.contains(probe) && (!best || m.cidr.bits() > best->cidr.bits()))
            best = &m;
    }
    return best;
}

class CaseFixture
{
public:
    CaseFixture()
    {
        if (m_dir.isValid()) {
            CaseDatabase::Result r = CaseDatabase::open(m_dir.filePath(QStringLiteral("m.eacase")),
                                                        CaseDatabase::OpenMode::CreateIfMissing);
            m_case = std::move(r.database);
        }
    }
    [[nodiscard]] bool ok() const { return m_case != nullptr; }
    CaseDatabase &database() { return *m_case; }
    QString filePath(const QString &name) const { return m_dir.filePath(name); }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<CaseDatabase> m_case;
};

QByteArray exported(CaseDatabase &database)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    const Allowlist::ExportResult r = Allowlist::exportCsv(database, buffer);
    return r.ok() ? buffer.data() : QByteArray("error");
}

Allowlist::ImportResult imported(CaseDatabase &database, const QByteArray &csv)
{
    QBuffer buffer;
    buffer.setData(csv);
    buffer.open(QIODevice::ReadOnly);
    return Allowlist::importCsv(database, buffer);
}

} // namespace

class TestMarks : public QObject
{
    Q_OBJECT

private slots:
    void statusIds();
    void parseTarget_data();
    void parseTarget();
    void mostSpecificWins();
    void ipv4MarkMatchesIpv4Destination();
    void unmark();
    void updateKeepsCreatedAt();
    void refusesBadInput();
    void indexMatchesBruteForce();
    void indexKeepsTheOrderOfMarks();
    void allowlistRoundTrip();
    void allowlistOverLimitIsRefused();
    void allowlistNeedsHeader_data();
    void allowlistNeedsHeader();
    void allowlistHeaderOrderAndMissingNote();
};

void TestMarks::statusIds()
{
    const QList<QByteArray> expected
        = {"unreviewed", "known-safe", "suspicious", "malicious", "internal"};
    for (int k = 0; k < expected.size(); ++k) {
        QCOMPARE(statusText(MarkStatus(k)), expected.at(k));
        MarkStatus status = MarkStatus::Unreviewed;
        QVERIFY(markStatusFromId(view(expected.at(k)), status));
        QCOMPARE(int(status), k);
    }
    MarkStatus status = MarkStatus::Internal;
    QVERIFY(!markStatusFromId("Known-Safe", status));
    QVERIFY(!markStatusFromId("", status));
    QCOMPARE(status, MarkStatus::Internal);
}

void TestMarks::parseTarget_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("canonical"); // empty: refused
    QTest::addColumn<QString>("reason");

    QTest::addRow("IPv4 block") << QByteArray("10.0.0.0/8") << QByteArray("10.0.0.0/8")
                                << QString();
    QTest::addRow("IPv4 address") << QByteArray(" 192.0.2.7 ") << QByteArray("192.0.2.7/32")
                                  << QString();
    QTest::addRow("IPv6 upper case")
        << QByteArray("2001:DB8:0:0::5") << QByteArray("2001:db8::5/128") << QString();
    QTest::addRow("IPv6 block") << QByteArray("2001:db8::/32") << QByteArray("2001:db8::/32")
                                << QString();
    QTest::addRow("mapped block is IPv4")
        << QByteArray("::ffff:10.0.0.0/104") << QByteArray("10.0.0.0/8") << QString();
    QTest::addRow("mapped address is IPv4")
        << QByteArray("::ffff:8.8.8.8") << QByteArray("8.8.8.8/32") << QString();
    QTest::addRow("everything v4")
        << QByteArray("0.0.0.0/0") << QByteArray("0.0.0.0/0") << QString();
    QTest::addRow("host bits") << QByteArray("10.0.0.1/8") << QByteArray()
                               << QStringLiteral("host bits set (did you mean 10.0.0.0/8?)");
    QTest::addRow("host bits v6") << QByteArray("2001:db8::1/32") << QByteArray()
                                  << QStringLiteral("did you mean 2001:db8::/32?");
    QTest::addRow("zone") << QByteArray("fe80::1%eth0") << QByteArray()
                          << QStringLiteral("zone not allowed");
    QTest::addRow("host name") << QByteArray("example.com") << QByteArray()
                               << QStringLiteral("not an address or CIDR block");
    QTest::addRow("prefix too long")
        << QByteArray("10.0.0.0/33") << QByteArray() << QStringLiteral("invalid prefix length");
    QTest::addRow("empty") << QByteArray("") << QByteArray()
                           << QStringLiteral("not an address or CIDR block");
}

void TestMarks::parseTarget()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, canonical);
    QFETCH(QString, reason);

    const MarkTarget target = Marks::parseTarget(view(text));
    if (canonical.isEmpty()) {
        QVERIFY(!target.ok());
        QVERIFY2(target.error.message().contains(reason), qPrintable(target.error.message()));
    } else {
        QVERIFY2(target.ok(), qPrintable(target.error.message()));
        QCOMPARE(QByteArray::fromStdString(Marks::canonicalText(target.cidr)), canonical);
    }
}

void TestMarks::mostSpecificWins()
{
    CaseFixture f;
    QVERIFY(f.ok());
    Marks marks(f.database());
    QCOMPARE(marks.setMark("2001:db8::/32", MarkStatus::Internal, "our /32").change,
             Marks::Change::Added);
    QCOMPARE(marks.setMark("2001:db8:1::5", MarkStatus::Suspicious, "odd host").change,
             Marks::Change::Added);
    QCOMPARE(marks.setMark("2001:db8:1::/48", MarkStatus::KnownSafe, "").change,
             Marks::Change::Added);

    const MarkIndex index = marks.index().value;
    const struct
    {
        std::string_view address;
        MarkStatus status;
    } cases[] = {
        {"2001:db8:1::5", MarkStatus::Suspicious},
        {"2001:db8:1::6", MarkStatus::KnownSafe},
        {"2001:db8:2::5", MarkStatus::Internal},
        {"2001:db8::", MarkStatus::Internal},
        {"2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", MarkStatus::Internal},
        {"2001:db9::", MarkStatus::Unreviewed},
        {"2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", MarkStatus::Unreviewed},
        {"10.0.0.1", MarkStatus::Unreviewed},
    };
    for (const auto &c : cases) {
        const IpAddress a = address(c.address);
        QCOMPARE(statusText(marks.statusFor(a)), statusText(c.status));
        QCOMPARE(statusText(index.statusFor(a)), statusText(c.status));
    }
    const Mark *m = index.find(address("2001:db8:1::5"));
    QVERIFY(m);
    QCOMPARE(m->cidrText, std::string("2001:db8:1::5/128"));
    QCOMPARE(m->note, std::string("odd host"));
}

void TestMarks::indexKeepsTheOrderOfMarks()
{
    // index() reads the marks unsorted and sorts them itself: the same order
    // as marks() (first, last DESC, family), nested blocks, both families and
    // an IPv4 block spelled IPv4-mapped included.
    CaseFixture f;
    QVERIFY(f.ok());
    Marks marks(f.database());
    std::vector<std::string> targets = {
        "0.0.0.0/0",
        "::/0",
        "10.0.0.0/8",
        "10.1.0.0/16",
        "10.1.2.3",
        "10.1.2.2/31",
        "2001:db8::/32",
        "2001:db8::/48",
        "2001:db8::",
        "192.0.2.1",
        "::ffff:198.51.100.0/120",
        "::/96",
        "fe80::/10",
        "fe80::1",
    };
    std::mt19937 random(7);
    for (int i = 0; i < 300; ++i) {
        const std::uint32_t v = random();
        targets.push_back(std::to_string(v >> 24) + '.' + std::to_string((v >> 16) & 255) + '.'
                          + std::to_string((v >> 8) & 255) + '.' + std::to_string(v & 255));
        targets.push_back("2001:db8:" + std::to_string(v % 9000) + "::" + std::to_string(i));
    }
    std::shuffle(targets.begin(), targets.end(), random);
    for (const std::string &target : targets) {
        const Marks::Result added = marks.setMark(target, MarkStatus::KnownSafe, "");
        QVERIFY2(added.ok(),
                 qPrintable(QString::fromStdString(target) + QStringLiteral(": ")
                            + added.error.message()));
    }
    const RowsResult<Mark> listed = marks.marks();
    QVERIFY(listed.ok());
    QVERIFY(listed.value.size() > 500);
    const ea::Result<MarkIndex> index = marks.index();
    QVERIFY(index.ok());
    QCOMPARE(index.value.marks().size(), listed.value.size());
    for (std::size_t i = 0; i < listed.value.size(); ++i)
        QCOMPARE(index.value.marks()[i].cidrText, listed.value[i].cidrText);
}

void TestMarks::ipv4MarkMatchesIpv4Destination()
{
    CaseFixture f;
    QVERIFY(f.ok());
    Marks marks(f.database());
    QVERIFY(marks.setMark("203.0.113.0/24", MarkStatus::KnownSafe, "cdn").ok());
    QVERIFY(marks.setMark("::/0", MarkStatus::Malicious, "all of IPv6").ok());
    // Stored as the IPv4 block it spells.
    QVERIFY(marks.setMark("::ffff:198.51.100.0/120", MarkStatus::Suspicious, "").ok());

    const MarkIndex index = marks.index().value;
    const struct
    {
        std::string_view address;
        MarkStatus status;
    } cases[] = {
        {"203.0.113.9", MarkStatus::KnownSafe}, // family IPv4, stored IPv4-mapped
        {"::ffff:203.0.113.9", MarkStatus::KnownSafe}, // the same host
        {"203.0.114.1", MarkStatus::Unreviewed}, // IPv6 ::/0 does not cover IPv4
        {"198.51.100.77", MarkStatus::Suspicious},
        {"2001:db8::1", MarkStatus::Malicious},
        {"::1", MarkStatus::Malicious},
    };
    for (const auto &c : cases) {
        const IpAddress a = address(c.address);
        QVERIFY(parseAddress(c.address).ok());
        QCOMPARE(statusText(marks.statusFor(a)), statusText(c.status));
        QCOMPARE(statusText(index.statusFor(a)), statusText(c.status));
    }
    const RowsResult<Mark> all = marks.marks();
    QVERIFY(all.ok());
    QCOMPARE(all.value.size(), std::size_t(3));
    // Address order: ::/0, then the IPv4-mapped blocks.
    QCOMPARE(all.value[0].cidrText, std::string("::/0"));
    QCOMPARE(all.value[1].cidrText, std::string("198.51.100.0/24"));
    QCOMPARE(all.value[2].cidrText, std::string("203.0.113.0/24"));
    QCOMPARE(all.value[2].cidr.network.family, Family::IPv4);
    QCOMPARE(all.value[2].cidr.prefixLength, 24);
}

void TestMarks::unmark()
{
    CaseFixture f;
    QVERIFY(f.ok());
    Marks marks(f.database());
    QVERIFY(marks.setMark("10.0.0.0/8", MarkStatus::Internal, "").ok());
    QVERIFY(marks.setMark(address("10.1.2.3"), MarkStatus::Malicious, "").ok());
    QCOMPARE(marks.statusFor(address("10.1.2.3")), MarkStatus::Malicious);

    Marks::Result r = marks.removeMark("10.1.2.3/32");
    QVERIFY(r.ok());
    QCOMPARE(r.change, Marks::Change::Removed);
    QCOMPARE(marks.statusFor(address("10.1.2.3")), MarkStatus::Internal);

    // Nothing to remove is not an error, but says so.
    r = marks.removeMark("10.1.2.3");
    QVERIFY(r.ok());
    QCOMPARE(r.change, Marks::Change::Unchanged);
    // A block is removed exactly, not the marks inside another block.
    r = marks.removeMark("10.0.0.0/16");
    QCOMPARE(r.change, Marks::Change::Unchanged);
    QCOMPARE(marks.statusFor(address("10.1.2.3")), MarkStatus::Internal);

    r = marks.removeMark("10.0.0.1/8");
    QVERIFY(!r.ok());
    QVERIFY(r.error.message().contains(QStringLiteral("host bits")));

    QCOMPARE(marks.removeMark("10.0.0.0/8").change, Marks::Change::Removed);
    QCOMPARE(marks.statusFor(address("10.1.2.3")), MarkStatus::Unreviewed);
    QVERIFY(marks.marks().value.empty());
}

void TestMarks::updateKeepsCreatedAt()
{
    CaseFixture f;
    QVERIFY(f.ok());
    Marks marks(f.database());
    QCOMPARE(marks.setMark("192.0.2.0/24", MarkStatus::Suspicious, "first").change,
             Marks::Change::Added);
    const Mark before = marks.marks().value.at(0);
    QCOMPARE(before.createdAtNs, before.updatedAtNs);
    QVERIFY(before.createdAtNs > 1'600'000'000'000'000'000LL); // after 2020, in ns

    QThread::msleep(2);
    QCOMPARE(marks.setMark("192.0.2.0/24", MarkStatus::Suspicious, "first").change,
             Marks::Change::Unchanged);
    QCOMPARE(marks.marks().value.at(0).updatedAtNs, before.updatedAtNs);

    QCOMPARE(marks.setMark("192.0.2.0/24", MarkStatus::KnownSafe, "checked").change,
             Marks::Change::Updated);
    const RowsResult<Mark> after = marks.marks();
    QCOMPARE(after.value.size(), std::size_t(1));
    QCOMPARE(after.value[0].id, before.id);
    QCOMPARE(after.value[0].createdAtNs, before.createdAtNs);
    QVERIFY(after.value[0].updatedAtNs > before.updatedAtNs);
    QCOMPARE(after.value[0].status, MarkStatus::KnownSafe);
    QCOMPARE(after.value[0].note, std::string("checked"));
}

void TestMarks::refusesBadInput()
{
    CaseFixture f;
    QVERIFY(f.ok());
    Marks marks(f.database());
    Marks::Result r = marks.setMark("10.0.0.0/8", MarkStatus::Unreviewed, "");
    QVERIFY(!r.ok());
    r = marks.setMark("10.0.0.0/8", MarkStatus::Internal, std::string_view("bad \xff utf-8"));
    QVERIFY(!r.ok());
    QVERIFY(r.error.message().contains(QStringLiteral("UTF-8")));
    r = marks.setMark("10.0.0.0/8", MarkStatus::Internal, std::string_view("nul\0inside", 10));
    QVERIFY(!r.ok());
    r = marks.setMark("10.0.0.1/8", MarkStatus::Internal, "");
    QVERIFY(!r.ok());
    QVERIFY(marks.marks().value.empty());
}

// Random nested and disjoint blocks of both families against a brute-force
// most-specific search.
void TestMarks::indexMatchesBruteForce()
{
    QRandomGenerator random(20240607);
    for (int round = 0; round < 20; ++round) {
        std::vector<Mark> marks;
        std::vector<IpAddress> probes;
        const int count = 1 + int(random.bounded(60));
        for (int k = 0; k < count; ++k) {
            IpAddress base;
            Cidr cidr;
            // Random lengths: many blocks nest, some coincide, some are disjoint.
            if (random.bounded(2) == 0) {
                base = IpAddress::fromV4(0x0a000000u | (random.generate() & 0x0003ffffu));
                cidr.prefixLength = 8 + int(random.bounded(25));
            } else {
                base = IpAddress::fromV6(0x20010db800000000ULL | (random.generate64() & 0xffffULL),
                                         random.generate64() & 0xff000000000000ffULL);
                cidr.prefixLength = 32 + int(random.bounded(97));
            }
            probes.push_back(base);
            const CidrResult cleared
                = parseCidr(toString(base) + '/' + std::to_string(cidr.prefixLength),
                            CidrParsing::ClearHostBits);
            QVERIFY(cleared.ok());
            Mark mark;
            mark.cidr = cleared.cidr;
            mark.cidrText = Marks::canonicalText(mark.cidr);
            mark.status = MarkStatus(1 + random.bounded(4));
            bool duplicate = false;
            for (const Mark &m : marks)
                duplicate = duplicate || m.cidrText == mark.cidrText;
            if (!duplicate)
                marks.push_back(mark);
            probes.push_back(mark.cidr.first());
            probes.push_back(mark.cidr.last());
            IpAddress after = mark.cidr.last();
            after = IpAddress::fromV6(after.hi() + (after.lo() == ~0ULL ? 1 : 0), after.lo() + 1);
            after.family = mark.cidr.network.family;
            probes.push_back(after);
        }
        const MarkIndex index(marks);
        for (const IpAddress &probe : probes) {
            const Mark *expected = bruteForce(marks, probe);
            const Mark *found = index.find(probe);
            QCOMPARE(found ? found->cidrText : std::string("-"),
                     expected ? expected->cidrText : std::string("-"));
        }
    }
}

void TestMarks::allowlistOverLimitIsRefused()
{
    // Read in blocks up to the limit: a list one byte over it is refused
    // whole, and nothing of it is applied.
    CaseFixture f;
    QVERIFY(f.ok());
    QByteArray csv("cidr,status,note\n10.0.0.0/8,internal,\n");
    csv.append(QByteArray(Allowlist::kMaxFileSize + 1 - csv.size(), '\n'));
    const Allowlist::ImportResult r = imported(f.database(), csv);
    QVERIFY(!r.ok());
    QVERIFY2(r.error.message().contains(QStringLiteral("larger than 64 MiB")),
             qPrintable(r.error.message()));
    QCOMPARE(Marks(f.database()).marks().value.size(), std::size_t(0));
}

void TestMarks::allowlistRoundTrip()
{
    CaseFixture f;
    QVERIFY(f.ok());
    // BOM, CRLF, quoting with a comma and a line break, a formula-like note,
    // blank lines, and bad rows, each reported with the line it starts on.
    const QByteArray csv = "\xEF\xBB\xBF"
                           "cidr,status,note\r\n" // 1
                           "10.0.0.0/8,internal,\"corp, all sites\"\r\n" // 2
                           "10.0.0.1/8,internal,host bits\r\n" // 3
                           "2001:db8::/32,Known-Safe,\"two\r\nlines\"\r\n" // 4-5
                           "\r\n" // 6
                           "8.8.8.8,trusted,unknown status\r\n" // 7
                           "1.1.1.1,suspicious,\"'=HYPERLINK(\"\"x\"\")\"\r\n" // 8
                           "9.9.9.9,malicious,a,b\r\n" // 9
                           "9.9.9.9,malicious,\"bad\"quote\r\n" // 10
                           "9.9.9.9\r\n" // 11
                           "9.9.9.9,malicious\r\n" // 12
                           "10.0.0.0/8,internal,corp (updated)\r\n" // 13
                           "example.com,malicious,name\r\n"; // 14
    const Allowlist::ImportResult r = imported(f.database(), csv);
    QVERIFY2(r.ok(), qPrintable(r.error.message()));
    QCOMPARE(r.rows, 11);
    QCOMPARE(r.added, 4);
    QCOMPARE(r.updated, 1);
    QCOMPARE(r.unchanged, 0);
    QList<std::int64_t> lines;
    for (const Allowlist::Problem &p : r.problems)
        lines.append(p.line);
    QCOMPARE(lines, (QList<std::int64_t> {3, 7, 9, 10, 11, 14}));
    QVERIFY2(r.problems[0].reason.contains(QStringLiteral("host bits")),
             qPrintable(r.problems[0].reason));
    QVERIFY(r.problems[1].reason.contains(QStringLiteral("unknown status")));
    QVERIFY(r.problems[2].reason.contains(QStringLiteral("expected 3 fields, found 4")));
    QVERIFY(r.problems[3].reason.contains(QStringLiteral("quote")));
    QVERIFY(r.problems[4].reason.contains(QStringLiteral("expected 3 fields, found 1")));

    // Spreadsheet-safe: the formula-like note keeps its apostrophe on the way out.
    const QByteArray written = exported(f.database());
    QCOMPARE(written,
             QByteArray("cidr,status,note\r\n"
                        "1.1.1.1/32,suspicious,\"'=HYPERLINK(\"\"x\"\")\"\r\n"
                        "9.9.9.9/32,malicious,\r\n"
                        "10.0.0.0/8,internal,corp (updated)\r\n"
                        "2001:db8::/32,known-safe,\"two\r\nlines\"\r\n"));

    // The note kept its text: the apostrophe came off on import.
    Marks marks(f.database());
    const RowsResult<Mark> all = marks.marks();
    QCOMPARE(all.value.size(), std::size_t(4));
    QCOMPARE(all.value[0].note, std::string("=HYPERLINK(\"x\")"));

    // Into another case through a file, and out again: the same text.
    const QString path = f.filePath(QStringLiteral("allow.csv"));
    const Allowlist::ExportResult e = Allowlist::exportFile(f.database(), path);
    QVERIFY2(e.ok(), qPrintable(e.error.message()));
    QCOMPARE(e.rows, 4);
    CaseFixture other;
    QVERIFY(other.ok());
    const Allowlist::ImportResult again = Allowlist::importFile(other.database(), path);
    QVERIFY2(again.ok(), qPrintable(again.error.message()));
    QCOMPARE(again.added, 4);
    QVERIFY(again.problems.empty());
    QCOMPARE(exported(other.database()), written);

    // Importing the same list again changes nothing.
    const Allowlist::ImportResult third = Allowlist::importFile(other.database(), path);
    QCOMPARE(third.unchanged, 4);
    QCOMPARE(third.added + third.updated, 0);
}

void TestMarks::allowlistNeedsHeader_data()
{
    QTest::addColumn<QByteArray>("csv");
    QTest::addRow("no header") << QByteArray("10.0.0.0/8,internal,x\n");
    QTest::addRow("unknown column") << QByteArray("cidr,status,notes\n10.0.0.0/8,internal,x\n");
    QTest::addRow("missing status") << QByteArray("cidr,note\n10.0.0.0/8,x\n");
    QTest::addRow("duplicate column") << QByteArray("cidr,status,cidr\n10.0.0.0/8,internal,x\n");
    QTest::addRow("empty") << QByteArray("");
    QTest::addRow("blank lines only") << QByteArray("\r\n\n");
}

void TestMarks::allowlistNeedsHeader()
{
    QFETCH(QByteArray, csv);
    CaseFixture f;
    QVERIFY(f.ok());
    const Allowlist::ImportResult r = imported(f.database(), csv);
    QVERIFY(!r.ok());
    QVERIFY2(r.error.message().contains(QStringLiteral("cidr,status,note")),
             qPrintable(r.error.message()));
    QVERIFY(Marks(f.database()).marks().value.empty());
}

void TestMarks::allowlistHeaderOrderAndMissingNote()
{
    CaseFixture f;
    QVERIFY(f.ok());
    const Allowlist::ImportResult r
        = imported(f.database(), "Status , CIDR\n internal , 10.0.0.0/8\nmalicious,192.0.2.1");
    QVERIFY2(r.ok(), qPrintable(r.error.message()));
    QVERIFY(r.problems.empty());
    QCOMPARE(r.added, 2);
    QCOMPARE(exported(f.database()),
             QByteArray("cidr,status,note\r\n"
                        "10.0.0.0/8,internal,\r\n"
                        "192.0.2.1/32,malicious,\r\n"));
}

QTEST_GUILESS_MAIN(TestMarks)
#include "tst_marks.moc"
