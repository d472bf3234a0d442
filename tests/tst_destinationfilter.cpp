// DestinationFilter, the GUI's quick filter: each term kind, combinations,
// quoting, IPv4 / IPv6 / IPv4-mapped blocks, the id sets of process: and
// host: terms, and invalid filters (an error naming the term, no row).

#include <QTest>

#include "address/addresstext.h"
#include "address/ipaddress.h"
#include "core/text.h"
#include "core/timestamp.h"
#include "review/destinationfilter.h"
#include "storage/aggregates.h"
#include "storage/casequeries.h"
#include "storage/marks.h"

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

using namespace ea;

namespace {

DestinationRow row(std::int64_t id, std::string_view text, std::string_view category,
                   std::string_view ports, MarkStatus status, std::string_view note,
                   std::int64_t bytesOut = -1, std::int64_t bytesIn = -1,
                   std::uint8_t directions = kSawOutbound)
{
    const ParseResult parsed = parseAddress(text);
    DestinationRow r;
    r.id = id;
    r.address = parsed.address;
    r.family = parsed.address.family;
    r.canonical = toString(parsed.address, TextForm::Canonical);
    r.expanded = toString(parsed.address, TextForm::Expanded);
    r.category = std::string(category);
    r.ports = std::string(ports);
    r.status = status;
    r.note = std::string(note);
    r.bytesOut = bytesOut;
    r.bytesIn = bytesIn;
    r.directions = directions;
    return r;
}

const std::vector<DestinationRow> &rows()
{
    static const std::vector<DestinationRow> all = {
        row(1, "8.8.8.8", "global", "53;443", MarkStatus::Unreviewed, "say \"hi\"", 1500, 2000000),
        row(2, "10.0.0.5", "private", "445", MarkStatus::Internal, "File server; todo:ask", -1, -1,
            kSawOutbound | kSawInbound),
        row(3, "2001:4860:4860::8888", "global", "443", MarkStatus::KnownSafe, "Google DNS",
            1048576, 0),
        // The 20 smallest of more ports: 1 … 20 and the marker.
        row(4, "192.0.2.7", "documentation",
            "1;2;3;4;5;6;7;8;9;10;11;12;13;14;15;16;17;18;19;20;\xe2\x80\xa6",
            MarkStatus::Suspicious, "Scanner", -1, -1, kSawInbound),
        // Directions unknown: a case older than format 5.
        row(5, "127.0.0.1", "loopback", "", MarkStatus::Malicious, "\u00dcberwachung", 5, -1, 0),
        row(6, "2001:db8::5", "documentation", "22", MarkStatus::Unreviewed, ""),
    };
    return all;
}

// What CaseQueries::destinationIdsWithProcess/Host would return on a case
// holding these rows.
std::vector<std::int64_t> processIds(std::string_view text)
{
    if (text == "curl")
        return {1, 3};
    if (text == "/usr/bin/my app")
        return {2};
    return {};
}

std::vector<std::int64_t> hostIds(std::string_view text)
{
    if (text == "web")
        return {1, 2};
    return {};
}

QStringList matching(const DestinationFilter &filter, const DestinationFilter::IdSets &sets)
{
    QStringList out;
    for (const DestinationRow &r : rows()) {
        if (filter.matches(r, sets))
            out.append(toQString(r.canonical));
    }
    return out;
}

// The filter as the quick-filter box would parse the text.
DestinationFilter parsed(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    return DestinationFilter::parse({utf8.constData(), std::size_t(utf8.size())});
}

DestinationFilter::IdSets setsFor(const DestinationFilter &filter)
{
    DestinationFilter::IdSets sets;
    for (const std::string &text : filter.processTexts())
        sets.process.push_back(processIds(text));
    for (const std::string &text : filter.hostTexts())
        sets.host.push_back(hostIds(text));
    return sets;
}

QStringList list(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *item : items)
        out.append(QString::fromUtf8(item));
    return out;
}

} // namespace

class TestDestinationFilter : public QObject
{
    Q_OBJECT

private slots:
    void matches_data();
    void matches();
    void errors_data();
    void errors();
    void texts();
    void missingSetsMatchNothing();
    void timeRange_data();
    void timeRange();
    void timeBounds();
    void directionTermIsKnown();
};

void TestDestinationFilter::matches_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QStringList>("expected");

    const QStringList all = list(
        {"8.8.8.8", "10.0.0.5", "2001:4860:4860::8888", "192.0.2.7", "127.0.0.1", "2001:db8::5"});
    const QStringList v4 = list({"8.8.8.8", "10.0.0.5", "192.0.2.7", "127.0.0.1"});
    const QStringList v6 = list({"2001:4860:4860::8888", "2001:db8::5"});

    QTest::addRow("empty") << QString() << all;
    QTest::addRow("white space only") << QStringLiteral(" \t ") << all;

    // 192.0.2.7 lists its 20 smallest ports, 1 … 20: it may use any larger one.
    QTest::addRow("port") << QStringLiteral("port:443")
                          << list({"8.8.8.8", "2001:4860:4860::8888", "192.0.2.7"});
    QTest::addRow("port key any case")
        << QStringLiteral("PORT:445") << list({"10.0.0.5", "192.0.2.7"});
    QTest::addRow("port in a truncated list") << QStringLiteral("port:5") << list({"192.0.2.7"});
    QTest::addRow("port past a truncated list")
        << QStringLiteral("port:22") << list({"192.0.2.7", "2001:db8::5"});
    QTest::addRow("port below a truncated list") << QStringLiteral("port:0") << QStringList();
    QTest::addRow("port: not a prefix of a listed port")
        << QStringLiteral("port:44 category:global") << QStringList();

    QTest::addRow("status") << QStringLiteral("status:internal") << list({"10.0.0.5"});
    QTest::addRow("status any case")
        << QStringLiteral("status:Known-Safe") << list({"2001:4860:4860::8888"});
    QTest::addRow("status unreviewed")
        << QStringLiteral("status:unreviewed") << list({"8.8.8.8", "2001:db8::5"});
    QTest::addRow("status quoted") << QStringLiteral("status:\"malicious\"") << list({"127.0.0.1"});

    QTest::addRow("category") << QStringLiteral("category:documentation")
                              << list({"192.0.2.7", "2001:db8::5"});
    QTest::addRow("category loopback")
        << QStringLiteral("category:LOOPBACK") << list({"127.0.0.1"});

    QTest::addRow("IPv4 block") << QStringLiteral("10.0.0.0/8") << list({"10.0.0.5"});
    QTest::addRow("IPv4 block, host bits cleared")
        << QStringLiteral("10.1.2.3/8") << list({"10.0.0.5"});
    QTest::addRow("IPv4 address") << QStringLiteral("8.8.8.8") << list({"8.8.8.8"});
    QTest::addRow("IPv4 everything") << QStringLiteral("0.0.0.0/0") << v4;
    QTest::addRow("mapped address") << QStringLiteral("::ffff:8.8.8.8") << list({"8.8.8.8"});
    QTest::addRow("mapped block") << QStringLiteral("::ffff:10.0.0.0/104") << list({"10.0.0.5"});
    QTest::addRow("mapped range") << QStringLiteral("::ffff:0:0/96") << v4;
    QTest::addRow("IPv6 block") << QStringLiteral("2001:db8::/32") << list({"2001:db8::5"});
    QTest::addRow("IPv6 block, upper case")
        << QStringLiteral("2001:4860::/32") << list({"2001:4860:4860::8888"});
    QTest::addRow("IPv6 address") << QStringLiteral("2001:DB8::5") << list({"2001:db8::5"});
    QTest::addRow("IPv6 ::/0 holds no IPv4 host") << QStringLiteral("::/0") << v6;

    QTest::addRow("text in canonical") << QStringLiteral("8.8") << list({"8.8.8.8"});
    QTest::addRow("text in expanded")
        << QStringLiteral("4860:0:0") << list({"2001:4860:4860::8888"});
    QTest::addRow("text in note, any case") << QStringLiteral("SCANNER") << list({"192.0.2.7"});
    QTest::addRow("text, non-ASCII, any case")
        << QString::fromUtf8("\u00fcberwachung") << list({"127.0.0.1"});
    QTest::addRow("text with a slash, not a block") << QStringLiteral("a/b") << QStringList();
    QTest::addRow("text like a hex word and colon") << QStringLiteral("cafe:1") << QStringList();
    QTest::addRow("text nowhere") << QStringLiteral("nowhere") << QStringList();

    QTest::addRow("quoted text with a space")
        << QStringLiteral("\"google dns\"") << list({"2001:4860:4860::8888"});
    QTest::addRow("quoted text with a colon")
        << QStringLiteral("\"todo:ask\"") << list({"10.0.0.5"});
    QTest::addRow("quoted escapes") << QStringLiteral("\"say \\\"hi\\\"\"") << list({"8.8.8.8"});
    QTest::addRow("empty quotes") << QStringLiteral("\"\"") << all;

    QTest::addRow("and: port and status")
        << QStringLiteral("port:443  status:unreviewed") << list({"8.8.8.8"});
    QTest::addRow("and: category and block")
        << QStringLiteral("category:documentation 2001:db8::/32") << list({"2001:db8::5"});
    QTest::addRow("and: nothing in common") << QStringLiteral("google port:53") << QStringList();
    QTest::addRow("and: block and text")
        << QStringLiteral("::ffff:0:0/96 server") << list({"10.0.0.5"});

    QTest::addRow("process") << QStringLiteral("process:curl")
                             << list({"8.8.8.8", "2001:4860:4860::8888"});
    QTest::addRow("process quoted with a space")
        << QStringLiteral("process:\"/usr/bin/my app\"") << list({"10.0.0.5"});
    QTest::addRow("host and process")
        << QStringLiteral("host:web process:curl") << list({"8.8.8.8"});
    QTest::addRow("host") << QStringLiteral("host:web") << list({"8.8.8.8", "10.0.0.5"});
    QTest::addRow("process matching nothing") << QStringLiteral("process:nothing") << QStringList();

    // Bytes: out plus in, or one side; rows without counts never match.
    const QStringList bigTwo = list({"8.8.8.8", "2001:4860:4860::8888"});
    QTest::addRow("bytes > 1M (SI)") << QStringLiteral("bytes>1M") << bigTwo;
    QTest::addRow("bytes > 1MiB") << QStringLiteral("bytes>1MiB") << list({"8.8.8.8"});
    QTest::addRow("bytes >= 1MiB") << QStringLiteral("bytes>=1MiB") << bigTwo;
    QTest::addRow("bytes:> with a colon") << QStringLiteral("bytes:>1M") << bigTwo;
    QTest::addRow("bytes, key any case, decimal")
        << QStringLiteral("BYTES>1.5mb") << list({"8.8.8.8"});
    QTest::addRow("bytes < 10: one side known")
        << QStringLiteral("bytes<10") << list({"127.0.0.1"});
    QTest::addRow("bytesout <= 2k")
        << QStringLiteral("bytesout<=2k") << list({"8.8.8.8", "127.0.0.1"});
    QTest::addRow("bytesin = 0") << QStringLiteral("bytesin=0") << list({"2001:4860:4860::8888"});
    QTest::addRow("bytesin:0, a bare count")
        << QStringLiteral("bytesin:0") << list({"2001:4860:4860::8888"});
    QTest::addRow("bytes and category") << QStringLiteral("bytes>0 category:global") << bigTwo;
    // The largest count there is, exactly (no rounding past the type).
    QTest::addRow("bytes < 2^63 - 1") << QStringLiteral("bytes<9223372036854775807")
                                      << list({"8.8.8.8", "2001:4860:4860::8888", "127.0.0.1"});
    // Directions: some outbound (unknown counts as outbound), some inbound, both.
    QTest::addRow("direction outbound")
        << QStringLiteral("direction:outbound")
        << list({"8.8.8.8", "10.0.0.5", "2001:4860:4860::8888", "127.0.0.1", "2001:db8::5"});
    QTest::addRow("direction inbound, any case")
        << QStringLiteral("Direction:INBOUND") << list({"10.0.0.5", "192.0.2.7"});
    QTest::addRow("direction both") << QStringLiteral("direction:both") << list({"10.0.0.5"});
}

void TestDestinationFilter::matches()
{
    QFETCH(QString, filter);
    QFETCH(QStringList, expected);
    const DestinationFilter f = parsed(filter);
    QVERIFY2(f.error().isNull(), qPrintable(f.error().message()));
    if (filter.trimmed().isEmpty())
        QVERIFY(f.isEmpty());
    else if (expected.size() < int(rows().size()))
        QVERIFY(!f.isEmpty());
    const DestinationFilter::IdSets sets = setsFor(f);
    QCOMPARE(matching(f, sets), expected);
    // The split a columnar snapshot uses, with the ports as numbers, agrees.
    for (const DestinationRow &row : rows()) {
        DestAgg ports;
        ports.addPortsText(row.ports);
        const bool split
            = f.portsMatch(ports.ports(), ports.morePorts) && f.matchesExceptPorts(row, sets);
        QVERIFY2(split == f.matches(row, sets), row.ports.c_str());
    }
}

void TestDestinationFilter::errors_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("term"); // what the message must name

    QTest::addRow("port not a number") << QStringLiteral("port:abc") << QStringLiteral("port:abc");
    QTest::addRow("port too large") << QStringLiteral("port:70000") << QStringLiteral("port:70000");
    QTest::addRow("port negative") << QStringLiteral("port:-1") << QStringLiteral("port:-1");
    QTest::addRow("port empty") << QStringLiteral("port:") << QStringLiteral("port:");
    QTest::addRow("status unknown")
        << QStringLiteral("status:nonsense") << QStringLiteral("status:nonsense");
    QTest::addRow("category empty") << QStringLiteral("category:") << QStringLiteral("category:");
    QTest::addRow("category unknown")
        << QStringLiteral("category:bogus") << QStringLiteral("category:bogus");
    QTest::addRow("process empty")
        << QStringLiteral("process:\"\"") << QStringLiteral("process:\"\"");
    QTest::addRow("host empty") << QStringLiteral("host:") << QStringLiteral("host:");
    QTest::addRow("IPv4 prefix too long")
        << QStringLiteral("10.0.0.0/33") << QStringLiteral("10.0.0.0/33");
    QTest::addRow("IPv4 prefix missing")
        << QStringLiteral("10.0.0.0/") << QStringLiteral("10.0.0.0/");
    QTest::addRow("IPv4 address incomplete")
        << QStringLiteral("10.0.0/8") << QStringLiteral("10.0.0/8");
    QTest::addRow("IPv6 prefix too long")
        << QStringLiteral("2001:db8::/129") << QStringLiteral("2001:db8::/129");
    QTest::addRow("misspelt key") << QStringLiteral("stauts:internal")
                                  << QStringLiteral("stauts:internal");
    QTest::addRow("missing closing quote") << QStringLiteral("process:\"/usr/bin/my app")
                                           << QStringLiteral("process:\"/usr/bin/my app");
    QTest::addRow("since: a word")
        << QStringLiteral("since:yesterday") << QStringLiteral("since:yesterday");
    QTest::addRow("since: epoch seconds, not a date")
        << QStringLiteral("since:1714560000") << QStringLiteral("since:1714560000");
    QTest::addRow("until: month 13")
        << QStringLiteral("until:2024-13-01") << QStringLiteral("until:2024-13-01");
    QTest::addRow("since: hour 25") << QStringLiteral("since:2024-05-01T25:00:00Z")
                                    << QStringLiteral("since:2024-05-01T25:00:00Z");
    QTest::addRow("until: no seconds")
        << QStringLiteral("until:2024-05-01T10:00") << QStringLiteral("until:2024-05-01T10:00");
    QTest::addRow("since: empty") << QStringLiteral("since:") << QStringLiteral("since:");
    QTest::addRow("bytes: not a number")
        << QStringLiteral("bytes>abc") << QStringLiteral("bytes>abc");
    QTest::addRow("bytes: no count") << QStringLiteral("bytes>") << QStringLiteral("bytes>");
    QTest::addRow("bytes: unknown unit")
        << QStringLiteral("bytes>1X") << QStringLiteral("bytes>1X");
    QTest::addRow("bytes: text after the unit")
        << QStringLiteral("bytesout>1KB2") << QStringLiteral("bytesout>1KB2");
    QTest::addRow("bytes: past 2^63")
        << QStringLiteral("bytes>99999999T") << QStringLiteral("bytes>99999999T");
    QTest::addRow("bytes: 2^63 exactly") << QStringLiteral("bytes>9223372036854775808")
                                         << QStringLiteral("bytes>9223372036854775808");
    QTest::addRow("bytes: digits past any float")
        << (QStringLiteral("bytes>") + QString(400, u'9')) << QStringLiteral("bytes>99");
    QTest::addRow("bytes: empty after a colon")
        << QStringLiteral("bytes:") << QStringLiteral("bytes:");
    QTest::addRow("direction unknown")
        << QStringLiteral("direction:sideways") << QStringLiteral("direction:sideways");
    QTest::addRow("direction empty")
        << QStringLiteral("direction:") << QStringLiteral("direction:");
    QTest::addRow("valid terms around an invalid one")
        << QStringLiteral("8.8.8.8 port:x status:internal") << QStringLiteral("port:x");
}

void TestDestinationFilter::errors()
{
    QFETCH(QString, filter);
    QFETCH(QString, term);
    const DestinationFilter f = parsed(filter);
    QVERIFY(f.error().code() == Error::Code::Invalid);
    QVERIFY2(f.error().message().contains(term), qPrintable(f.error().message()));
    QVERIFY(!f.isEmpty());
    QVERIFY(f.processTexts().empty());
    QVERIFY(f.hostTexts().empty());
    // An invalid filter matches no row.
    QCOMPARE(matching(f, {}), QStringList());
}

void TestDestinationFilter::texts()
{
    const DestinationFilter f
        = DestinationFilter::parse("process:a host:B process:\"c d\" port:1 Host:e");
    QVERIFY(f.error().isNull());
    QCOMPARE(f.processTexts(), (std::vector<std::string> {"a", "c d"}));
    QCOMPARE(f.hostTexts(), (std::vector<std::string> {"B", "e"}));
    QVERIFY(!f.isEmpty());
    QVERIFY(DestinationFilter::parse("").isEmpty());
    QVERIFY(DestinationFilter::parse("  ").isEmpty());
    QVERIFY(DestinationFilter::parse("").processTexts().empty());
}

void TestDestinationFilter::missingSetsMatchNothing()
{
    const DestinationFilter f = DestinationFilter::parse("process:curl host:web");
    DestinationFilter::IdSets sets;
    sets.process.push_back({1, 3});
    // No host set yet: nothing matches rather than everything.
    QCOMPARE(matching(f, sets), QStringList());
    sets.host.push_back({1, 2});
    QCOMPARE(matching(f, sets), list({"8.8.8.8"}));
    QCOMPARE(matching(f, {}), QStringList());
}

namespace {

std::int64_t utc(const char *text)
{
    std::int64_t ns = 0;
    if (!parseTimestamp(text, ns))
        qFatal("bad test time %s", text);
    return ns;
}

// Rows with first..last seen spans: a on 1 May 10:00-12:00, b from 2 May to
// 3 May, c with no time at all.
std::vector<DestinationRow> timedRows()
{
    std::vector<DestinationRow> out = {row(1, "8.8.8.8", "global", "", MarkStatus::Unreviewed, ""),
                                       row(2, "9.9.9.9", "global", "", MarkStatus::Unreviewed, ""),
                                       row(3, "1.1.1.1", "global", "", MarkStatus::Unreviewed, "")};
    out[0].firstNs = utc("2024-05-01T10:00:00Z");
    out[0].lastNs = utc("2024-05-01T12:00:00Z");
    out[1].firstNs = utc("2024-05-02T00:00:00Z");
    out[1].lastNs = utc("2024-05-03T00:00:00Z");
    return out;
}

} // namespace

void TestDestinationFilter::timeRange_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QStringList>("expected");

    QTest::addRow("since inside a span")
        << QStringLiteral("since:2024-05-01T11:00:00Z") << list({"8.8.8.8", "9.9.9.9"});
    QTest::addRow("since at the last instant, inclusive")
        << QStringLiteral("since:2024-05-01T12:00:00Z") << list({"8.8.8.8", "9.9.9.9"});
    QTest::addRow("since just after")
        << QStringLiteral("since:2024-05-01T12:00:00.001Z") << list({"9.9.9.9"});
    QTest::addRow("until before everything")
        << QStringLiteral("until:2024-05-01T09:59:59Z") << QStringList();
    QTest::addRow("until at the first instant, inclusive")
        << QStringLiteral("until:2024-05-01T10:00:00Z") << list({"8.8.8.8"});
    QTest::addRow("until a date: through its end")
        << QStringLiteral("until:2024-05-01") << list({"8.8.8.8"});
    QTest::addRow("since a date: from its start")
        << QStringLiteral("since:2024-05-02") << list({"9.9.9.9"});
    QTest::addRow("a range in the gap between spans")
        << QStringLiteral("since:2024-05-01T12:00:01Z until:2024-05-01T23:59:59Z") << QStringList();
    QTest::addRow("a range overlapping both")
        << QStringLiteral("since:2024-05-01T11:00:00Z until:2024-05-02T01:00:00Z")
        << list({"8.8.8.8", "9.9.9.9"});
    QTest::addRow("an offset is applied")
        << QStringLiteral("since:2024-05-01T14:00:01+02:00") << list({"9.9.9.9"});
    QTest::addRow("no zone is UTC, key any case")
        << QStringLiteral("SINCE:2024-05-01T12:00:01") << list({"9.9.9.9"});
    QTest::addRow("quoted with a space")
        << QStringLiteral("until:\"2024-05-01 10:00:00\"") << list({"8.8.8.8"});
    QTest::addRow("with another term")
        << QStringLiteral("since:2024-05-01 9.9") << list({"9.9.9.9"});
}

void TestDestinationFilter::timeRange()
{
    QFETCH(QString, filter);
    QFETCH(QStringList, expected);
    const DestinationFilter f = parsed(filter);
    QVERIFY2(f.error().isNull(), qPrintable(f.error().message()));
    QStringList out;
    for (const DestinationRow &r : timedRows()) {
        if (f.matches(r))
            out.append(toQString(r.canonical));
    }
    // 1.1.1.1 has no time: it never matches a time term.
    QCOMPARE(out, expected);
}

void TestDestinationFilter::timeBounds()
{
    const DestinationFilter day = DestinationFilter::parse("since:2024-05-01 until:2024-05-01");
    QVERIFY(day.error().isNull());
    QCOMPARE(day.since(), std::optional<std::int64_t>(utc("2024-05-01T00:00:00Z")));
    QCOMPARE(day.until(), std::optional<std::int64_t>(utc("2024-05-01T23:59:59.999999999Z")));
    // The tightest of several.
    const DestinationFilter two = DestinationFilter::parse(
        "since:2024-05-01 since:2024-05-02T03:00:00Z until:2024-06-01 until:2024-05-20");
    QCOMPARE(two.since(), std::optional<std::int64_t>(utc("2024-05-02T03:00:00Z")));
    QCOMPARE(two.until(), std::optional<std::int64_t>(utc("2024-05-20T23:59:59.999999999Z")));
    QVERIFY(!DestinationFilter::parse("port:443").since());
    QVERIFY(!DestinationFilter::parse("port:443").until());
    // An invalid filter has no range.
    QVERIFY(!DestinationFilter::parse("since:2024-05-01 port:x").since());
    // The last day int64 nanoseconds can hold ends before midnight: clamped.
    const DestinationFilter last = DestinationFilter::parse("until:2262-04-11");
    QVERIFY2(last.error().isNull(), qPrintable(last.error().message()));
    QCOMPARE(last.until(), std::optional<std::int64_t>(std::numeric_limits<std::int64_t>::max()));
}

void TestDestinationFilter::directionTermIsKnown()
{
    // The view's Outbound only toggle stands aside for a direction: term.
    QVERIFY(parsed(QStringLiteral("8.8 direction:inbound")).hasDirectionTerm());
    QVERIFY(!parsed(QStringLiteral("8.8 bytes>1")).hasDirectionTerm());
    QVERIFY(!parsed(QStringLiteral("\"direction:inbound\"")).hasDirectionTerm());
}

QTEST_GUILESS_MAIN(TestDestinationFilter)
#include "tst_destinationfilter.moc"
