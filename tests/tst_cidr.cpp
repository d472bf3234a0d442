// Tests of ea::parseCidr and ea::Cidr: prefix ranges per family, host bits in
// Strict and ClearHostBits mode, first()/last() and contains() across the
// IPv4 / IPv4-mapped boundary. Expected bytes are written out by hand.

#include <QSet>
#include <QTest>

#include "address/cidr.h"
#include "address/ipaddress.h"

#include <string_view>

using ea::CidrError;
using ea::CidrParsing;
using ea::Family;
using ea::ParseError;

namespace ea {

const char *cidrErrorName(CidrError error)
{
    switch (error) {
    case CidrError::None:
        return "None";
    case CidrError::Address:
        return "Address";
    case CidrError::MissingPrefix:
        return "MissingPrefix";
    case CidrError::InvalidPrefix:
        return "InvalidPrefix";
    case CidrError::HostBitsSet:
        return "HostBitsSet";
    case CidrError::ZoneNotAllowed:
        return "ZoneNotAllowed";
    }
    return "(unnamed)";
}

char *toString(const CidrError &error)
{
    return qstrdup(cidrErrorName(error));
}

char *toString(const ParseError &error)
{
    return qstrdup(QByteArray::number(int(error)).prepend("ParseError ").constData());
}

char *toString(const Family &family)
{
    return qstrdup(family == Family::IPv4 ? "IPv4" : "IPv6");
}

} // namespace ea

namespace {

constexpr CidrError kLastCidrError = CidrError::ZoneNotAllowed;

std::string_view viewOf(const QByteArray &text)
{
    return std::string_view(text.constData(), std::size_t(text.size()));
}

// "2001 0db8 0000 ..." -> "20010db80000...": groups spaced for the reader.
QByteArray hex(const char *spaced)
{
    QByteArray h(spaced);
    h.replace(' ', QByteArrayView());
    return h;
}

QByteArray hexOf(const ea::IpAddress &address)
{
    return QByteArray(reinterpret_cast<const char *>(address.bytes.data()),
                      qsizetype(address.bytes.size()))
        .toHex();
}

} // namespace

class TestCidr : public QObject
{
    Q_OBJECT

private slots:
    void parseValid_data();
    void parseValid();
    void parseInvalid_data();
    void parseInvalid();
    void errorTexts();
    void firstAndLast_data();
    void firstAndLast();
    void contains_data();
    void contains();
};

void TestCidr::parseValid_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<CidrParsing>("mode");
    QTest::addColumn<bool>("bare");
    QTest::addColumn<QByteArray>("network");
    QTest::addColumn<Family>("family");
    QTest::addColumn<int>("prefix");
    QTest::addColumn<int>("bits");

    const auto strict = CidrParsing::Strict;
    const auto clear = CidrParsing::ClearHostBits;

    // IPv4 prefixes 0..32, on the 128-bit scale at ::ffff:0:0/96.
    QTest::addRow("IPv4 /8") << QByteArray("10.0.0.0/8") << strict << false
                             << hex("0000 0000 0000 0000 0000 ffff 0a00 0000") << Family::IPv4 << 8
                             << 104;
    QTest::addRow("IPv4 /0") << QByteArray("0.0.0.0/0") << strict << false
                             << hex("0000 0000 0000 0000 0000 ffff 0000 0000") << Family::IPv4 << 0
                             << 96;
    QTest::addRow("IPv4 /1") << QByteArray("128.0.0.0/1") << strict << false
                             << hex("0000 0000 0000 0000 0000 ffff 8000 0000") << Family::IPv4 << 1
                             << 97;
    QTest::addRow("IPv4 /24") << QByteArray("192.168.1.0/24") << strict << false
                              << hex("0000 0000 0000 0000 0000 ffff c0a8 0100") << Family::IPv4
                              << 24 << 120;
    QTest::addRow("IPv4 /31") << QByteArray("192.168.1.254/31") << strict << false
                              << hex("0000 0000 0000 0000 0000 ffff c0a8 01fe") << Family::IPv4
                              << 31 << 127;
    QTest::addRow("IPv4 /32") << QByteArray("192.168.1.1/32") << strict << false
                              << hex("0000 0000 0000 0000 0000 ffff c0a8 0101") << Family::IPv4
                              << 32 << 128;
    QTest::addRow("IPv4 surrounded by whitespace")
        << QByteArray(" \t10.0.0.0/8\r\n") << strict << false
        << hex("0000 0000 0000 0000 0000 ffff 0a00 0000") << Family::IPv4 << 8 << 104;

    // IPv6 prefixes 0..128.
    QTest::addRow("IPv6 /0") << QByteArray("::/0") << strict << false
                             << hex("0000 0000 0000 0000 0000 0000 0000 0000") << Family::IPv6 << 0
                             << 0;
    QTest::addRow("IPv6 /1") << QByteArray("8000::/1") << strict << false
                             << hex("8000 0000 0000 0000 0000 0000 0000 0000") << Family::IPv6 << 1
                             << 1;
    QTest::addRow("IPv6 /10") << QByteArray("fe80::/10") << strict << false
                              << hex("fe80 0000 0000 0000 0000 0000 0000 0000") << Family::IPv6
                              << 10 << 10;
    QTest::addRow("IPv6 /32") << QByteArray("2001:db8::/32") << strict << false
                              << hex("2001 0db8 0000 0000 0000 0000 0000 0000") << Family::IPv6
                              << 32 << 32;
    QTest::addRow("IPv6 /64") << QByteArray("2001:db8:abcd:12::/64") << strict << false
                              << hex("2001 0db8 abcd 0012 0000 0000 0000 0000") << Family::IPv6
                              << 64 << 64;
    QTest::addRow("IPv6 /65") << QByteArray("2001:db8:0:0:8000::/65") << strict << false
                              << hex("2001 0db8 0000 0000 8000 0000 0000 0000") << Family::IPv6
                              << 65 << 65;
    QTest::addRow("IPv6 /128") << QByteArray("::1/128") << strict << false
                               << hex("0000 0000 0000 0000 0000 0000 0000 0001") << Family::IPv6
                               << 128 << 128;
    QTest::addRow("IPv4-mapped block stays IPv6")
        << QByteArray("::ffff:0:0/96") << strict << false
        << hex("0000 0000 0000 0000 0000 ffff 0000 0000") << Family::IPv6 << 96 << 96;
    QTest::addRow("IPv4-mapped spelling with IPv6 prefix")
        << QByteArray("::ffff:10.0.0.0/104") << strict << false
        << hex("0000 0000 0000 0000 0000 ffff 0a00 0000") << Family::IPv6 << 104 << 104;

    // Host bits cleared on request.
    QTest::addRow("clear IPv4 /8")
        << QByteArray("10.1.2.3/8") << clear << false
        << hex("0000 0000 0000 0000 0000 ffff 0a00 0000") << Family::IPv4 << 8 << 104;
    QTest::addRow("clear IPv4 /24")
        << QByteArray("192.168.1.255/24") << clear << false
        << hex("0000 0000 0000 0000 0000 ffff c0a8 0100") << Family::IPv4 << 24 << 120;
    QTest::addRow("clear IPv4 /1")
        << QByteArray("255.255.255.255/1") << clear << false
        << hex("0000 0000 0000 0000 0000 ffff 8000 0000") << Family::IPv4 << 1 << 97;
    QTest::addRow("clear IPv4 /0 keeps the mapped prefix")
        << QByteArray("10.0.0.1/0") << clear << false
        << hex("0000 0000 0000 0000 0000 ffff 0000 0000") << Family::IPv4 << 0 << 96;
    QTest::addRow("clear IPv6 /32")
        << QByteArray("2001:db8::1/32") << clear << false
        << hex("2001 0db8 0000 0000 0000 0000 0000 0000") << Family::IPv6 << 32 << 32;
    QTest::addRow("clear IPv6 /10")
        << QByteArray("febf:1234::1/10") << clear << false
        << hex("fe80 0000 0000 0000 0000 0000 0000 0000") << Family::IPv6 << 10 << 10;
    QTest::addRow("clear IPv6 /0")
        << QByteArray("ffff::/0") << clear << false
        << hex("0000 0000 0000 0000 0000 0000 0000 0000") << Family::IPv6 << 0 << 0;
    QTest::addRow("clear IPv6 /127")
        << QByteArray("::3/127") << clear << false << hex("0000 0000 0000 0000 0000 0000 0000 0002")
        << Family::IPv6 << 127 << 127;
    QTest::addRow("clear on a clean block")
        << QByteArray("10.0.0.0/8") << clear << false
        << hex("0000 0000 0000 0000 0000 ffff 0a00 0000") << Family::IPv4 << 8 << 104;

    // A bare address, when allowed, is a host block.
    QTest::addRow("bare IPv4") << QByteArray("10.0.0.1") << strict << true
                               << hex("0000 0000 0000 0000 0000 ffff 0a00 0001") << Family::IPv4
                               << 32 << 128;
    QTest::addRow("bare IPv6") << QByteArray("2001:db8::1") << strict << true
                               << hex("2001 0db8 0000 0000 0000 0000 0000 0001") << Family::IPv6
                               << 128 << 128;
    QTest::addRow("bare IPv4-mapped")
        << QByteArray("::ffff:8.8.8.8") << strict << true
        << hex("0000 0000 0000 0000 0000 ffff 0808 0808") << Family::IPv6 << 128 << 128;
    QTest::addRow("prefix still read when bare allowed")
        << QByteArray("10.0.0.0/8") << strict << true
        << hex("0000 0000 0000 0000 0000 ffff 0a00 0000") << Family::IPv4 << 8 << 104;
}

void TestCidr::parseValid()
{
    QFETCH(QByteArray, text);
    QFETCH(CidrParsing, mode);
    QFETCH(bool, bare);
    QFETCH(QByteArray, network);
    QFETCH(Family, family);
    QFETCH(int, prefix);
    QFETCH(int, bits);
    QCOMPARE(network.size(), qsizetype(32)); // guards the hand-written expectation

    const ea::CidrResult r = ea::parseCidr(viewOf(text), mode, bare);
    QCOMPARE(r.error, CidrError::None);
    QCOMPARE(r.addressError, ParseError::None);
    QVERIFY(r.ok());
    QCOMPARE(hexOf(r.cidr.network), network);
    QCOMPARE(r.cidr.network.family, family);
    QCOMPARE(r.cidr.prefixLength, prefix);
    QCOMPARE(r.cidr.bits(), bits);
}

void TestCidr::parseInvalid_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<CidrParsing>("mode");
    QTest::addColumn<bool>("bare");
    QTest::addColumn<CidrError>("error");
    QTest::addColumn<ParseError>("addressError");

    const auto strict = CidrParsing::Strict;
    const auto clear = CidrParsing::ClearHostBits;
    const auto noAddressError = ParseError::None;

    // Missing prefix unless a bare address is allowed.
    QTest::addRow("bare IPv4 not allowed")
        << QByteArray("10.0.0.0") << strict << false << CidrError::MissingPrefix << noAddressError;
    QTest::addRow("bare IPv6 not allowed")
        << QByteArray("::1") << clear << false << CidrError::MissingPrefix << noAddressError;

    // Prefix: decimal, no leading zeros, 0..32 for IPv4 and 0..128 for IPv6.
    QTest::addRow("empty prefix") << QByteArray("10.0.0.0/") << strict << true
                                  << CidrError::InvalidPrefix << noAddressError;
    QTest::addRow("IPv4 prefix 33") << QByteArray("10.0.0.0/33") << strict << false
                                    << CidrError::InvalidPrefix << noAddressError;
    QTest::addRow("IPv4 prefix 128") << QByteArray("10.0.0.0/128") << strict << false
                                     << CidrError::InvalidPrefix << noAddressError;
    QTest::addRow("IPv6 prefix 129")
        << QByteArray("::/129") << strict << false << CidrError::InvalidPrefix << noAddressError;
    QTest::addRow("IPv6 prefix 999")
        << QByteArray("::/999") << clear << false << CidrError::InvalidPrefix << noAddressError;
    QTest::addRow("four-digit prefix")
        << QByteArray("::/1000") << strict << false << CidrError::InvalidPrefix << noAddressError;
    QTest::addRow("leading zero in IPv4 prefix") << QByteArray("10.0.0.0/08") << strict << false
                                                 << CidrError::InvalidPrefix << noAddressError;
    QTest::addRow("leading zero in IPv6 prefix") << QByteArray("fe80::/010") << strict << false
                                                 << CidrError::InvalidPrefix << noAddressError;
    QTest::addRow("double zero prefix")
        << QByteArray("::/00") << strict << false << CidrError::InvalidPrefix << noAddressError;
    QTest::addRow("negative prefix") << QByteArray("10.0.0.0/-1") << strict << false
                                     << CidrError::InvalidPrefix << noAddressError;
    QTest::addRow("plus sign in prefix") << QByteArray("10.0.0.0/+8") << strict << false
                                         << CidrError::InvalidPrefix << noAddressError;
    QTest::addRow("letter after prefix") << QByteArray("10.0.0.0/8a") << strict << false
                                         << CidrError::InvalidPrefix << noAddressError;
    QTest::addRow("hex prefix") << QByteArray("::/0x10") << strict << false
                                << CidrError::InvalidPrefix << noAddressError;
    QTest::addRow("space after slash") << QByteArray("10.0.0.0/ 8") << strict << false
                                       << CidrError::InvalidPrefix << noAddressError;
    QTest::addRow("netmask instead of prefix")
        << QByteArray("10.0.0.0/255.0.0.0") << strict << false << CidrError::InvalidPrefix
        << noAddressError;

    // Host bits: an error in Strict mode only (cleared rows are in parseValid).
    QTest::addRow("IPv4 host bits")
        << QByteArray("10.0.0.1/8") << strict << false << CidrError::HostBitsSet << noAddressError;
    QTest::addRow("IPv4 last host bit") << QByteArray("192.168.1.1/31") << strict << false
                                        << CidrError::HostBitsSet << noAddressError;
    QTest::addRow("IPv4 /0 with address")
        << QByteArray("10.0.0.0/0") << strict << false << CidrError::HostBitsSet << noAddressError;
    QTest::addRow("IPv6 host bits") << QByteArray("2001:db8::1/32") << strict << false
                                    << CidrError::HostBitsSet << noAddressError;
    QTest::addRow("IPv6 host bits in low half") << QByteArray("2001:db8::1/64") << strict << false
                                                << CidrError::HostBitsSet << noAddressError;
    QTest::addRow("IPv6 last host bit")
        << QByteArray("::1/127") << strict << false << CidrError::HostBitsSet << noAddressError;
    QTest::addRow("link-local host bits")
        << QByteArray("fe80::1/10") << strict << false << CidrError::HostBitsSet << noAddressError;
    QTest::addRow("IPv4 prefix on mapped spelling")
        << QByteArray("::ffff:10.0.0.0/8") << strict << false << CidrError::HostBitsSet
        << noAddressError;

    // Zones are not part of a block.
    QTest::addRow("zone") << QByteArray("fe80::%eth0/10") << strict << false
                          << CidrError::ZoneNotAllowed << noAddressError;
    QTest::addRow("zone in brackets") << QByteArray("[fe80::%eth0]/10") << clear << false
                                      << CidrError::ZoneNotAllowed << noAddressError;
    QTest::addRow("zone on bare address") << QByteArray("fe80::1%eth0") << strict << true
                                          << CidrError::ZoneNotAllowed << noAddressError;

    // The address part, with the parser's reason.
    QTest::addRow("empty text") << QByteArray() << strict << true << CidrError::Address
                                << ParseError::Empty;
    QTest::addRow("prefix only") << QByteArray("/8") << strict << false << CidrError::Address
                                 << ParseError::Empty;
    QTest::addRow("host name") << QByteArray("localhost/8") << strict << false << CidrError::Address
                               << ParseError::HostName;
    QTest::addRow("three-part IPv4") << QByteArray("10.0.0/8") << strict << false
                                     << CidrError::Address << ParseError::Ipv4PartCount;
    QTest::addRow("leading zero in address") << QByteArray("010.0.0.0/8") << clear << false
                                             << CidrError::Address << ParseError::Ipv4LeadingZero;
    QTest::addRow("two prefixes") << QByteArray("10.0.0.0/8/8") << strict << false
                                  << CidrError::Address << ParseError::CidrSuffix;
    QTest::addRow("two double colons") << QByteArray("1::2::/32") << strict << false
                                       << CidrError::Address << ParseError::MultipleDoubleColon;
    QTest::addRow("brackets on IPv4") << QByteArray("[10.0.0.0]/8") << strict << false
                                      << CidrError::Address << ParseError::BracketsOnIpv4;
    QTest::addRow("zone on IPv4") << QByteArray("10.0.0.0%eth0/8") << strict << false
                                  << CidrError::Address << ParseError::ZoneOnIpv4;
}

void TestCidr::parseInvalid()
{
    QFETCH(QByteArray, text);
    QFETCH(CidrParsing, mode);
    QFETCH(bool, bare);
    QFETCH(CidrError, error);
    QFETCH(ParseError, addressError);

    const ea::CidrResult r = ea::parseCidr(viewOf(text), mode, bare);
    QCOMPARE(r.error, error);
    QCOMPARE(r.addressError, addressError);
    QVERIFY(!r.ok());
    QVERIFY(!ea::cidrErrorText(r.error).empty());
}

void TestCidr::errorTexts()
{
    QVERIFY(ea::cidrErrorText(CidrError::None).empty());

    QSet<QByteArray> texts;
    for (int v = int(CidrError::None) + 1; v <= int(kLastCidrError); ++v) {
        const auto error = CidrError(v);
        const std::string_view text = ea::cidrErrorText(error);
        QVERIFY2(!text.empty(), ea::cidrErrorName(error));
        texts.insert(QByteArray(text.data(), qsizetype(text.size())));
    }
    QCOMPARE(texts.size(), qsizetype(kLastCidrError));
}

void TestCidr::firstAndLast_data()
{
    QTest::addColumn<QByteArray>("block");
    QTest::addColumn<QByteArray>("first");
    QTest::addColumn<QByteArray>("last");
    QTest::addColumn<Family>("family");

    QTest::addRow("IPv4 /8") << QByteArray("10.0.0.0/8")
                             << hex("0000 0000 0000 0000 0000 ffff 0a00 0000")
                             << hex("0000 0000 0000 0000 0000 ffff 0aff ffff") << Family::IPv4;
    QTest::addRow("IPv4 /0") << QByteArray("0.0.0.0/0")
                             << hex("0000 0000 0000 0000 0000 ffff 0000 0000")
                             << hex("0000 0000 0000 0000 0000 ffff ffff ffff") << Family::IPv4;
    QTest::addRow("IPv4 /1") << QByteArray("128.0.0.0/1")
                             << hex("0000 0000 0000 0000 0000 ffff 8000 0000")
                             << hex("0000 0000 0000 0000 0000 ffff ffff ffff") << Family::IPv4;
    QTest::addRow("IPv4 /12") << QByteArray("172.16.0.0/12")
                              << hex("0000 0000 0000 0000 0000 ffff ac10 0000")
                              << hex("0000 0000 0000 0000 0000 ffff ac1f ffff") << Family::IPv4;
    QTest::addRow("IPv4 /24") << QByteArray("192.168.1.0/24")
                              << hex("0000 0000 0000 0000 0000 ffff c0a8 0100")
                              << hex("0000 0000 0000 0000 0000 ffff c0a8 01ff") << Family::IPv4;
    QTest::addRow("IPv4 /31") << QByteArray("10.0.0.0/31")
                              << hex("0000 0000 0000 0000 0000 ffff 0a00 0000")
                              << hex("0000 0000 0000 0000 0000 ffff 0a00 0001") << Family::IPv4;
    QTest::addRow("IPv4 /32") << QByteArray("203.0.113.7/32")
                              << hex("0000 0000 0000 0000 0000 ffff cb00 7107")
                              << hex("0000 0000 0000 0000 0000 ffff cb00 7107") << Family::IPv4;
    QTest::addRow("IPv6 /0") << QByteArray("::/0") << hex("0000 0000 0000 0000 0000 0000 0000 0000")
                             << hex("ffff ffff ffff ffff ffff ffff ffff ffff") << Family::IPv6;
    QTest::addRow("IPv6 /10") << QByteArray("fe80::/10")
                              << hex("fe80 0000 0000 0000 0000 0000 0000 0000")
                              << hex("febf ffff ffff ffff ffff ffff ffff ffff") << Family::IPv6;
    QTest::addRow("IPv6 /32") << QByteArray("2001:db8::/32")
                              << hex("2001 0db8 0000 0000 0000 0000 0000 0000")
                              << hex("2001 0db8 ffff ffff ffff ffff ffff ffff") << Family::IPv6;
    QTest::addRow("IPv6 /63") << QByteArray("2001:db8::/63")
                              << hex("2001 0db8 0000 0000 0000 0000 0000 0000")
                              << hex("2001 0db8 0000 0001 ffff ffff ffff ffff") << Family::IPv6;
    QTest::addRow("IPv6 /64") << QByteArray("2001:db8:abcd:12::/64")
                              << hex("2001 0db8 abcd 0012 0000 0000 0000 0000")
                              << hex("2001 0db8 abcd 0012 ffff ffff ffff ffff") << Family::IPv6;
    QTest::addRow("IPv6 /65") << QByteArray("2001:db8::/65")
                              << hex("2001 0db8 0000 0000 0000 0000 0000 0000")
                              << hex("2001 0db8 0000 0000 7fff ffff ffff ffff") << Family::IPv6;
    QTest::addRow("IPv6 /128") << QByteArray("::1/128")
                               << hex("0000 0000 0000 0000 0000 0000 0000 0001")
                               << hex("0000 0000 0000 0000 0000 0000 0000 0001") << Family::IPv6;
    QTest::addRow("IPv4-mapped /96")
        << QByteArray("::ffff:0:0/96") << hex("0000 0000 0000 0000 0000 ffff 0000 0000")
        << hex("0000 0000 0000 0000 0000 ffff ffff ffff") << Family::IPv6;
}

void TestCidr::firstAndLast()
{
    QFETCH(QByteArray, block);
    QFETCH(QByteArray, first);
    QFETCH(QByteArray, last);
    QFETCH(Family, family);
    QCOMPARE(first.size(), qsizetype(32));
    QCOMPARE(last.size(), qsizetype(32));

    const ea::CidrResult r = ea::parseCidr(viewOf(block));
    QVERIFY(r.ok());
    QCOMPARE(hexOf(r.cidr.first()), first);
    QCOMPARE(hexOf(r.cidr.last()), last);
    QCOMPARE(r.cidr.first().family, family);
    QCOMPARE(r.cidr.last().family, family);
    QVERIFY(r.cidr.contains(r.cidr.first()));
    QVERIFY(r.cidr.contains(r.cidr.last()));
}

void TestCidr::contains_data()
{
    QTest::addColumn<QByteArray>("block");
    QTest::addColumn<QByteArray>("address");
    QTest::addColumn<bool>("inside");

    QTest::addRow("IPv4 /8, first") << QByteArray("10.0.0.0/8") << QByteArray("10.0.0.0") << true;
    QTest::addRow("IPv4 /8, last")
        << QByteArray("10.0.0.0/8") << QByteArray("10.255.255.255") << true;
    QTest::addRow("IPv4 /8, inside") << QByteArray("10.0.0.0/8") << QByteArray("10.1.2.3") << true;
    QTest::addRow("IPv4 /8, just below")
        << QByteArray("10.0.0.0/8") << QByteArray("9.255.255.255") << false;
    QTest::addRow("IPv4 /8, just above")
        << QByteArray("10.0.0.0/8") << QByteArray("11.0.0.0") << false;
    QTest::addRow("IPv4 /8, mapped spelling inside")
        << QByteArray("10.0.0.0/8") << QByteArray("::ffff:10.1.2.3") << true;
    QTest::addRow("IPv4 /8, mapped spelling outside")
        << QByteArray("10.0.0.0/8") << QByteArray("::ffff:11.0.0.0") << false;
    QTest::addRow("IPv4 /8, IPv4-compatible is not mapped")
        << QByteArray("10.0.0.0/8") << QByteArray("::10.1.2.3") << false;
    QTest::addRow("IPv4 /24, last")
        << QByteArray("192.168.1.0/24") << QByteArray("192.168.1.255") << true;
    QTest::addRow("IPv4 /24, next block")
        << QByteArray("192.168.1.0/24") << QByteArray("192.168.2.0") << false;
    QTest::addRow("IPv4 /32, the host")
        << QByteArray("203.0.113.7/32") << QByteArray("203.0.113.7") << true;
    QTest::addRow("IPv4 /32, next host")
        << QByteArray("203.0.113.7/32") << QByteArray("203.0.113.8") << false;
    QTest::addRow("IPv4 /0, any IPv4") << QByteArray("0.0.0.0/0") << QByteArray("8.8.8.8") << true;
    QTest::addRow("IPv4 /0, mapped spelling")
        << QByteArray("0.0.0.0/0") << QByteArray("::ffff:8.8.8.8") << true;
    QTest::addRow("IPv4 /0, IPv6") << QByteArray("0.0.0.0/0") << QByteArray("2001:db8::1") << false;
    QTest::addRow("IPv4 /0, IPv6 unspecified")
        << QByteArray("0.0.0.0/0") << QByteArray("::") << false;

    QTest::addRow("IPv6 /0, IPv6") << QByteArray("::/0") << QByteArray("2001:db8::1") << true;
    QTest::addRow("IPv6 /0, mapped spelling")
        << QByteArray("::/0") << QByteArray("::ffff:8.8.8.8") << true;
    QTest::addRow("IPv6 /0, IPv4 family") << QByteArray("::/0") << QByteArray("8.8.8.8") << false;
    QTest::addRow("IPv6 /0, IPv4 zeros") << QByteArray("::/0") << QByteArray("0.0.0.0") << false;
    QTest::addRow("IPv4-mapped /96, IPv4 family")
        << QByteArray("::ffff:0:0/96") << QByteArray("8.8.8.8") << false;
    QTest::addRow("IPv4-mapped /96, mapped spelling")
        << QByteArray("::ffff:0:0/96") << QByteArray("::ffff:8.8.8.8") << true;
    QTest::addRow("IPv6 block on mapped spelling, IPv4 family")
        << QByteArray("::ffff:10.0.0.0/104") << QByteArray("10.1.2.3") << false;
    QTest::addRow("IPv6 /32, last") << QByteArray("2001:db8::/32")
                                    << QByteArray("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff") << true;
    QTest::addRow("IPv6 /32, next block")
        << QByteArray("2001:db8::/32") << QByteArray("2001:db9::") << false;
    QTest::addRow("IPv6 /32, previous block")
        << QByteArray("2001:db8::/32") << QByteArray("2001:db7:ffff::") << false;
    QTest::addRow("IPv6 /10, first") << QByteArray("fe80::/10") << QByteArray("fe80::") << true;
    QTest::addRow("IPv6 /10, last group set")
        << QByteArray("fe80::/10") << QByteArray("febf:ffff::1") << true;
    QTest::addRow("IPv6 /10, next block")
        << QByteArray("fe80::/10") << QByteArray("fec0::") << false;
    QTest::addRow("IPv6 /10, address with zone")
        << QByteArray("fe80::/10") << QByteArray("fe80::1%eth0") << true;
    QTest::addRow("IPv6 /65, last")
        << QByteArray("2001:db8::/65") << QByteArray("2001:db8::7fff:ffff:ffff:ffff") << true;
    QTest::addRow("IPv6 /65, bit 65 set")
        << QByteArray("2001:db8::/65") << QByteArray("2001:db8::8000:0:0:0") << false;
    QTest::addRow("IPv6 /128, the host") << QByteArray("::1/128") << QByteArray("::1") << true;
    QTest::addRow("IPv6 /128, next host") << QByteArray("::1/128") << QByteArray("::2") << false;
    QTest::addRow("IPv6 /128, IPv4 0.0.0.1")
        << QByteArray("::1/128") << QByteArray("0.0.0.1") << false;
}

void TestCidr::contains()
{
    QFETCH(QByteArray, block);
    QFETCH(QByteArray, address);
    QFETCH(bool, inside);

    const ea::CidrResult b = ea::parseCidr(viewOf(block));
    QVERIFY(b.ok());
    const ea::ParseResult a = ea::parseAddress(viewOf(address));
    QVERIFY(a.ok());
    QCOMPARE(b.cidr.contains(a.address), inside);
}

QTEST_APPLESS_MAIN(TestCidr)

#include "tst_cidr.moc"
