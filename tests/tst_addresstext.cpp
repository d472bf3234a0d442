// Text forms of addresses: RFC 5952 section 4 and 5 for the canonical form,
// the expanded and padded forms, and properties over random values (every form
// parses back to the same bytes; the canonical form agrees with glibc).

#include <QRandomGenerator>
#include <QTest>

#include "address/addresstext.h"
#include "address/ipaddress.h"

#include <arpa/inet.h>

#include <array>
#include <cstring>
#include <string>
#include <string_view>

namespace {

constexpr quint32 kSeed = 5952;
constexpr int kRandomValues = 4000;

std::string_view view(const QByteArray &text)
{
    return {text.constData(), std::size_t(text.size())};
}

QByteArray format(const ea::IpAddress &address, ea::TextForm form)
{
    char buffer[ea::kMaxAddressText];
    return QByteArray(buffer, qsizetype(ea::formatAddress(address, form, buffer)));
}

std::array<unsigned, 8> groupsOf(const ea::IpAddress &address)
{
    std::array<unsigned, 8> groups {};
    for (std::size_t k = 0; k < 8; ++k)
        groups[k] = (unsigned(address.bytes[2 * k]) << 8) | address.bytes[2 * k + 1];
    return groups;
}

// Random IPv6 values shaped to reach every branch of the formatter: groups
// that are zero half the time (so '::' runs of every length and position
// occur), groups of one to four hex digits (leading-zero suppression), and
// some IPv4-mapped and IPv4-compatible values.
ea::IpAddress randomV6(QRandomGenerator &rng)
{
    std::array<unsigned, 8> groups {};
    const unsigned kind = rng.bounded(10u);
    for (unsigned &group : groups) {
        if (kind == 0) {
            group = rng.bounded(0x10000u);
        } else if (rng.bounded(2u) == 0) {
            group = 0;
        } else {
            const unsigned digits = 1 + rng.bounded(4u);
            group = 1 + rng.bounded((1u << (4 * digits)) - 1);
        }
    }
    if (kind == 1 || kind == 2) {
        // kind 1: ::ffff:a.b.c.d (IPv4-mapped); kind 2: ::a.b.c.d (compatible)
        for (std::size_t k = 0; k < 5; ++k)
            groups[k] = 0;
        groups[5] = kind == 1 ? 0xffff : 0;
    }
    ea::IpAddress address;
    for (std::size_t k = 0; k < 8; ++k) {
        address.bytes[2 * k] = std::uint8_t(groups[k] >> 8);
        address.bytes[2 * k + 1] = std::uint8_t(groups[k] & 0xff);
    }
    address.family = ea::Family::IPv6;
    return address;
}

// glibc writes ::a.b.c.d (the deprecated IPv4-compatible form) whenever the
// first six groups are zero and the seventh is not; RFC 5952 section 5 asks
// for mixed notation only for IPv4-mapped addresses, which both agree on.
bool glibcWritesCompatibleDotted(const ea::IpAddress &address)
{
    const std::array<unsigned, 8> groups = groupsOf(address);
    for (std::size_t k = 0; k < 6; ++k) {
        if (groups[k] != 0)
            return false;
    }
    return groups[6] != 0;
}

} // namespace

class TestAddressText : public QObject
{
    Q_OBJECT

private slots:
    void canonical_data();
    void canonical();
    void expanded_data();
    void expanded();
    void padded_data();
    void padded();
    void ipv4AllForms_data();
    void ipv4AllForms();
    void toStringMatchesFormatAddress();
    void maxLengthMatchesInet6AddrStrLen();
    void randomV6RoundTrip();
    void randomV6MatchesGlibc();
    void randomV4RoundTrip();
};

void TestAddressText::canonical_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");

    // RFC 5952 4.1
    QTest::addRow("4.1 leading zeros")
        << QByteArray("2001:0db8::0001") << QByteArray("2001:db8::1");
    QTest::addRow("4.1 zero group is one 0")
        << QByteArray("2001:db8:0000:1:1:1:1:1") << QByteArray("2001:db8:0:1:1:1:1:1");
    QTest::addRow("4.1 0x0100 keeps inner zeros")
        << QByteArray("2001:0100:0010:0001::") << QByteArray("2001:100:10:1::");
    // RFC 5952 4.2.1
    QTest::addRow("4.2.1 '::' to its maximum")
        << QByteArray("2001:db8:0:0:0:0:2:1") << QByteArray("2001:db8::2:1");
    QTest::addRow("4.2.1 partial '::' widened")
        << QByteArray("2001:db8:0:0::0:2:1") << QByteArray("2001:db8::2:1");
    // RFC 5952 4.2.2
    QTest::addRow("4.2.2 single zero group")
        << QByteArray("2001:db8:0:1:1:1:1:1") << QByteArray("2001:db8:0:1:1:1:1:1");
    QTest::addRow("4.2.2 single zero group from '::'")
        << QByteArray("2001:db8::1:1:1:1:1") << QByteArray("2001:db8:0:1:1:1:1:1");
    QTest::addRow("4.2.2 single zero group first")
        << QByteArray("0:1:2:3:4:5:6:7") << QByteArray("0:1:2:3:4:5:6:7");
    QTest::addRow("4.2.2 single zero group last")
        << QByteArray("1:2:3:4:5:6:7:0") << QByteArray("1:2:3:4:5:6:7:0");
    QTest::addRow("4.2.2 two single zero groups")
        << QByteArray("1:0:2:0:3:0:4:0") << QByteArray("1:0:2:0:3:0:4:0");
    // RFC 5952 4.2.3
    QTest::addRow("4.2.3 longest run")
        << QByteArray("2001:0:0:1:0:0:0:1") << QByteArray("2001:0:0:1::1");
    QTest::addRow("4.2.3 first on tie")
        << QByteArray("2001:db8:0:0:1:0:0:1") << QByteArray("2001:db8::1:0:0:1");
    QTest::addRow("4.2.3 first on tie, run at end")
        << QByteArray("1:0:0:2:3:4:0:0") << QByteArray("1::2:3:4:0:0");
    QTest::addRow("4.2.3 longer run at end")
        << QByteArray("1:0:0:2:3:0:0:0") << QByteArray("1:0:0:2:3::");
    QTest::addRow("4.2.3 longer run at start")
        << QByteArray("0:0:0:1:0:0:2:3") << QByteArray("::1:0:0:2:3");
    // RFC 5952 4.3
    QTest::addRow("4.3 lower case") << QByteArray("2001:DB8::ABCD") << QByteArray("2001:db8::abcd");
    QTest::addRow("4.3 lower case, mixed input")
        << QByteArray("2001:Db8:AbCd:eF01::") << QByteArray("2001:db8:abcd:ef01::");
    // RFC 5952 section 5: mixed notation for IPv4-mapped only
    QTest::addRow("5 IPv4-mapped dotted input")
        << QByteArray("::ffff:8.8.8.8") << QByteArray("::ffff:8.8.8.8");
    QTest::addRow("5 IPv4-mapped hex upper-case input")
        << QByteArray("::FFFF:0808:0808") << QByteArray("::ffff:8.8.8.8");
    QTest::addRow("5 IPv4-mapped full input")
        << QByteArray("0:0:0:0:0:ffff:c000:0201") << QByteArray("::ffff:192.0.2.1");
    QTest::addRow("5 IPv4-mapped zero") << QByteArray("::ffff:0:0") << QByteArray("::ffff:0.0.0.0");
    QTest::addRow("5 IPv4-mapped all ones")
        << QByteArray("::ffff:ffff:ffff") << QByteArray("::ffff:255.255.255.255");
    QTest::addRow("5 IPv4-compatible stays hex")
        << QByteArray("::1.2.3.4") << QByteArray("::102:304");
    QTest::addRow("5 IPv4-translated stays hex")
        << QByteArray("::ffff:0:1.2.3.4") << QByteArray("::ffff:0:102:304");
    QTest::addRow("5 NAT64 stays hex")
        << QByteArray("64:ff9b::8.8.8.8") << QByteArray("64:ff9b::808:808");
    QTest::addRow("5 near-mapped ::1:ffff:0:1")
        << QByteArray("0:0:0:0:1:ffff:0:1") << QByteArray("::1:ffff:0:1");
    // Edges
    QTest::addRow("unspecified '::'") << QByteArray("::") << QByteArray("::");
    QTest::addRow("unspecified expanded") << QByteArray("0:0:0:0:0:0:0:0") << QByteArray("::");
    QTest::addRow("loopback") << QByteArray("::1") << QByteArray("::1");
    QTest::addRow("loopback expanded") << QByteArray("0:0:0:0:0:0:0:1") << QByteArray("::1");
    QTest::addRow("loopback padded")
        << QByteArray("0000:0000:0000:0000:0000:0000:0000:0001") << QByteArray("::1");
    QTest::addRow("trailing '::'") << QByteArray("1::") << QByteArray("1::");
    QTest::addRow("trailing '::' expanded") << QByteArray("1:0:0:0:0:0:0:0") << QByteArray("1::");
    QTest::addRow("all ones") << QByteArray("FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF")
                              << QByteArray("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
    QTest::addRow("no zero group")
        << QByteArray("1:2:3:4:5:6:7:8") << QByteArray("1:2:3:4:5:6:7:8");
    QTest::addRow("zone dropped") << QByteArray("fe80::0001%eth0") << QByteArray("fe80::1");
    QTest::addRow("brackets dropped") << QByteArray("[2001:0db8::1]") << QByteArray("2001:db8::1");
}

void TestAddressText::canonical()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);

    const ea::ParseResult parsed = ea::parseAddress(view(input));
    QVERIFY2(parsed.ok(), input.constData());
    QCOMPARE(parsed.address.family, ea::Family::IPv6);
    QCOMPARE(format(parsed.address, ea::TextForm::Canonical), expected);

    // The canonical form is a fixed point. (QCOMPARE cannot take IpAddress
    // values: argument-dependent lookup finds ea::toString, not QTest's.)
    const ea::ParseResult again = ea::parseAddress(view(expected));
    QVERIFY2(again.ok(), expected.constData());
    QVERIFY2(again.address == parsed.address, expected.constData());
    QCOMPARE(format(again.address, ea::TextForm::Canonical), expected);
}

void TestAddressText::expanded_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");

    QTest::addRow("documentation")
        << QByteArray("2001:db8::1") << QByteArray("2001:db8:0:0:0:0:0:1");
    QTest::addRow("loopback") << QByteArray("::1") << QByteArray("0:0:0:0:0:0:0:1");
    QTest::addRow("unspecified") << QByteArray("::") << QByteArray("0:0:0:0:0:0:0:0");
    QTest::addRow("IPv4-mapped dotted")
        << QByteArray("::ffff:8.8.8.8") << QByteArray("0:0:0:0:0:ffff:808:808");
    QTest::addRow("IPv4-mapped hex")
        << QByteArray("::FFFF:0808:0808") << QByteArray("0:0:0:0:0:ffff:808:808");
    QTest::addRow("leading zeros and case")
        << QByteArray("2001:0DB8:00AB:000C:0:0:0:0100") << QByteArray("2001:db8:ab:c:0:0:0:100");
    QTest::addRow("all ones") << QByteArray("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")
                              << QByteArray("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
    QTest::addRow("link-local with zone")
        << QByteArray("fe80::1%eth0") << QByteArray("fe80:0:0:0:0:0:0:1");
}

void TestAddressText::expanded()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);

    const ea::ParseResult parsed = ea::parseAddress(view(input));
    QVERIFY2(parsed.ok(), input.constData());
    QCOMPARE(format(parsed.address, ea::TextForm::Expanded), expected);
}

void TestAddressText::padded_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");

    QTest::addRow("documentation")
        << QByteArray("2001:db8::1") << QByteArray("2001:0db8:0000:0000:0000:0000:0000:0001");
    QTest::addRow("loopback") << QByteArray("::1")
                              << QByteArray("0000:0000:0000:0000:0000:0000:0000:0001");
    QTest::addRow("unspecified") << QByteArray("::")
                                 << QByteArray("0000:0000:0000:0000:0000:0000:0000:0000");
    QTest::addRow("IPv4-mapped") << QByteArray("::ffff:8.8.8.8")
                                 << QByteArray("0000:0000:0000:0000:0000:ffff:0808:0808");
    QTest::addRow("upper case") << QByteArray("FE80::ABC:D")
                                << QByteArray("fe80:0000:0000:0000:0000:0000:0abc:000d");
    QTest::addRow("all ones") << QByteArray("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")
                              << QByteArray("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
}

void TestAddressText::padded()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);

    const ea::ParseResult parsed = ea::parseAddress(view(input));
    QVERIFY2(parsed.ok(), input.constData());
    const QByteArray text = format(parsed.address, ea::TextForm::Padded);
    QCOMPARE(text, expected);
    QCOMPARE(text.size(), 39);
}

void TestAddressText::ipv4AllForms_data()
{
    QTest::addColumn<QByteArray>("input");

    QTest::addRow("zero") << QByteArray("0.0.0.0");
    QTest::addRow("broadcast") << QByteArray("255.255.255.255");
    QTest::addRow("one digit parts") << QByteArray("1.2.3.4");
    QTest::addRow("inner and trailing zeros") << QByteArray("100.10.1.0");
    QTest::addRow("private") << QByteArray("10.0.0.1");
    QTest::addRow("documentation") << QByteArray("192.0.2.255");
}

void TestAddressText::ipv4AllForms()
{
    QFETCH(QByteArray, input);

    const ea::ParseResult parsed = ea::parseAddress(view(input));
    QVERIFY2(parsed.ok(), input.constData());
    QCOMPARE(parsed.address.family, ea::Family::IPv4);
    QCOMPARE(format(parsed.address, ea::TextForm::Canonical), input);
    QCOMPARE(format(parsed.address, ea::TextForm::Expanded), input);
    QCOMPARE(format(parsed.address, ea::TextForm::Padded), input);
}

void TestAddressText::toStringMatchesFormatAddress()
{
    const ea::ParseResult parsed = ea::parseAddress("2001:0DB8:0:0:0:0:0:0001");
    QVERIFY(parsed.ok());
    const std::string canonical = ea::toString(parsed.address);
    QCOMPARE(QByteArray(canonical.data(), qsizetype(canonical.size())), QByteArray("2001:db8::1"));
    for (const ea::TextForm form :
         {ea::TextForm::Canonical, ea::TextForm::Expanded, ea::TextForm::Padded}) {
        const std::string text = ea::toString(parsed.address, form);
        QCOMPARE(QByteArray(text.data(), qsizetype(text.size())), format(parsed.address, form));
    }
}

void TestAddressText::maxLengthMatchesInet6AddrStrLen()
{
    // Documented as INET6_ADDRSTRLEN - 1 (no room for a NUL).
    QCOMPARE(ea::kMaxAddressText, std::size_t(INET6_ADDRSTRLEN - 1));
}

void TestAddressText::randomV6RoundTrip()
{
    QRandomGenerator rng(kSeed);
    constexpr char kSentinel = '\x7f';
    for (int n = 0; n < kRandomValues; ++n) {
        const ea::IpAddress address = randomV6(rng);
        for (const ea::TextForm form :
             {ea::TextForm::Canonical, ea::TextForm::Expanded, ea::TextForm::Padded}) {
            // formatAddress must stay inside its length and write no NUL.
            char buffer[ea::kMaxAddressText + 8];
            std::memset(buffer, kSentinel, sizeof buffer);
            const std::size_t length = ea::formatAddress(address, form, buffer);
            QVERIFY(length > 0);
            QVERIFY(length <= ea::kMaxAddressText);
            for (std::size_t k = length; k < sizeof buffer; ++k)
                QCOMPARE(buffer[k], kSentinel);
            const QByteArray text(buffer, qsizetype(length));
            QVERIFY2(!text.contains('\0'), text.constData());

            const ea::ParseResult parsed = ea::parseAddress(view(text));
            QVERIFY2(parsed.ok(), text.constData());
            QVERIFY2(parsed.address == address, text.constData());

            if (form == ea::TextForm::Expanded)
                QCOMPARE(text.count(':'), 7);
            if (form == ea::TextForm::Padded)
                QCOMPARE(text.size(), 39);
            if (form != ea::TextForm::Padded)
                QCOMPARE(text, text.toLower());
        }
    }
}

void TestAddressText::randomV6MatchesGlibc()
{
    QRandomGenerator rng(kSeed);
    int compared = 0;
    int excluded = 0;
    int compressed = 0;
    int singleZeroKept = 0;
    int mapped = 0;
    for (int n = 0; n < kRandomValues; ++n) {
        const ea::IpAddress address = randomV6(rng);
        if (glibcWritesCompatibleDotted(address)) {
            ++excluded;
            continue;
        }
        char glibc[INET6_ADDRSTRLEN];
        QVERIFY(inet_ntop(AF_INET6, address.bytes.data(), glibc, sizeof glibc) != nullptr);
        const QByteArray ours = format(address, ea::TextForm::Canonical);
        QCOMPARE(ours, QByteArray(glibc));
        ++compared;
        if (ours.contains("::"))
            ++compressed;
        if (ours.startsWith("0:") || ours.endsWith(":0") || ours.contains(":0:"))
            ++singleZeroKept;
        if (address.isV4Mapped())
            ++mapped;
    }
    // The generator must have reached every branch the comparison is about.
    QVERIFY(compared > kRandomValues * 3 / 4);
    QVERIFY(excluded > 0);
    QVERIFY(compressed > kRandomValues / 2);
    QVERIFY(singleZeroKept > 100);
    QVERIFY(mapped > 100);
}

void TestAddressText::randomV4RoundTrip()
{
    QRandomGenerator rng(kSeed);
    for (int n = 0; n < kRandomValues; ++n) {
        const ea::IpAddress address = ea::IpAddress::fromV4(rng.generate());
        const QByteArray canonical = format(address, ea::TextForm::Canonical);
        QVERIFY(std::size_t(canonical.size()) <= ea::kMaxAddressText);
        QCOMPARE(format(address, ea::TextForm::Expanded), canonical);
        QCOMPARE(format(address, ea::TextForm::Padded), canonical);

        char glibc[INET_ADDRSTRLEN];
        const std::uint32_t networkOrder = htonl(address.v4());
        QVERIFY(inet_ntop(AF_INET, &networkOrder, glibc, sizeof glibc) != nullptr);
        QCOMPARE(canonical, QByteArray(glibc));

        const ea::ParseResult parsed = ea::parseAddress(view(canonical));
        QVERIFY2(parsed.ok(), canonical.constData());
        QVERIFY2(parsed.address == address, canonical.constData());
    }
}

QTEST_APPLESS_MAIN(TestAddressText)

#include "tst_addresstext.moc"
