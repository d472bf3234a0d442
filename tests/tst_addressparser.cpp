// Tests of ea::parseAddress against the parser specification: every accepted
// text form with its full 16 bytes, family and zone, and every rejection with
// its exact ParseError. Expected bytes are written out by hand, never computed
// by the code under test.

#include <QFile>
#include <QList>
#include <QSet>
#include <QTest>

#include "address/ipaddress.h"

#include <string_view>

using namespace std::string_view_literals;
using ea::Family;
using ea::ParseError;

namespace ea {

// Readable QCOMPARE failures. The switch has no default so that -Wswitch
// flags a new enumerator here, next to the tables that must cover it.
const char *errorName(ParseError error)
{
    switch (error) {
    case ParseError::None:
        return "None";
    case ParseError::Empty:
        return "Empty";
    case ParseError::HostName:
        return "HostName";
    case ParseError::CidrSuffix:
        return "CidrSuffix";
    case ParseError::InvalidCharacter:
        return "InvalidCharacter";
    case ParseError::WhitespaceInside:
        return "WhitespaceInside";
    case ParseError::UnbalancedBrackets:
        return "UnbalancedBrackets";
    case ParseError::TextAfterBracket:
        return "TextAfterBracket";
    case ParseError::ZoneOutsideBrackets:
        return "ZoneOutsideBrackets";
    case ParseError::EmptyZone:
        return "EmptyZone";
    case ParseError::InvalidZone:
        return "InvalidZone";
    case ParseError::ZoneOnIpv4:
        return "ZoneOnIpv4";
    case ParseError::BracketsOnIpv4:
        return "BracketsOnIpv4";
    case ParseError::Ipv4PartCount:
        return "Ipv4PartCount";
    case ParseError::Ipv4EmptyPart:
        return "Ipv4EmptyPart";
    case ParseError::Ipv4LeadingZero:
        return "Ipv4LeadingZero";
    case ParseError::Ipv4PartTooLarge:
        return "Ipv4PartTooLarge";
    case ParseError::MultipleDoubleColon:
        return "MultipleDoubleColon";
    case ParseError::TripleColon:
        return "TripleColon";
    case ParseError::GroupCount:
        return "GroupCount";
    case ParseError::GroupTooLong:
        return "GroupTooLong";
    case ParseError::EmptyGroup:
        return "EmptyGroup";
    case ParseError::MisplacedIpv4:
        return "MisplacedIpv4";
    case ParseError::IncompleteIpv4:
        return "IncompleteIpv4";
    }
    return "(unnamed)";
}

char *toString(const ParseError &error)
{
    return qstrdup(errorName(error));
}

char *toString(const Family &family)
{
    return qstrdup(family == Family::IPv4 ? "IPv4" : "IPv6");
}

} // namespace ea

namespace {

// The last ParseError enumerator. errorName()'s switch warns when one is added.
constexpr ParseError kLastError = ParseError::IncompleteIpv4;

QByteArray bytesOf(std::string_view text)
{
    return QByteArray(text.data(), qsizetype(text.size()));
}

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

QByteArray zoneOf(const ea::ParseResult &result)
{
    return bytesOf(result.zone);
}

struct Rejection
{
    const char *name;
    std::string_view text;
    ParseError error;
};

// One table, so that coverage of the enumerators can be checked without
// depending on which test functions ran. The string_view literals keep their
// embedded NUL bytes.
constexpr Rejection kRejections[] = {
    {"empty text", ""sv, ParseError::Empty},
    {"only spaces", "   "sv, ParseError::Empty},
    {"only tab and line ends", "\t\r\n"sv, ParseError::Empty},
    {"empty brackets", "[]"sv, ParseError::Empty},
    {"zone without address", "%eth0"sv, ParseError::Empty},

    {"host name localhost", "localhost"sv, ParseError::HostName},
    {"host name with dots", "example.com"sv, ParseError::HostName},
    {"host name with hyphens", "db-01.corp.example"sv, ParseError::HostName},
    {"hex word without colon", "beef"sv, ParseError::HostName},

    {"IPv6 CIDR suffix", "fd00::/8"sv, ParseError::CidrSuffix},
    {"IPv6 host CIDR suffix", "::1/128"sv, ParseError::CidrSuffix},
    {"IPv4 CIDR suffix", "10.0.0.0/8"sv, ParseError::CidrSuffix},
    {"CIDR suffix inside brackets", "[fe80::/10]"sv, ParseError::CidrSuffix},

    {"letter outside hex in IPv6", "2001:db8::g"sv, ParseError::InvalidCharacter},
    {"lone hyphen", "-"sv, ParseError::InvalidCharacter},
    {"comma separated IPv4", "1,2,3,4"sv, ParseError::InvalidCharacter},
    {"plus sign in IPv4", "+1.2.3.4"sv, ParseError::InvalidCharacter},
    {"minus sign in IPv4", "1.2.3.-4"sv, ParseError::InvalidCharacter},
    {"hash as zone separator", "fe80::1#eth0"sv, ParseError::InvalidCharacter},
    {"NUL after IPv4", "1.2.3.4\0"sv, ParseError::InvalidCharacter},
    {"NUL before IPv4",
     "\0"
     "1.2.3.4"sv,
     ParseError::InvalidCharacter},
    {"NUL inside IPv4", "1.2\0.3.4"sv, ParseError::InvalidCharacter},
    {"NUL after IPv6", "fe80::1\0"sv, ParseError::InvalidCharacter},
    {"NUL inside brackets", "[::1\0]"sv, ParseError::InvalidCharacter},
    {"non-ASCII after IPv4", "1.2.3.4\xc3\xa9"sv, ParseError::InvalidCharacter},
    {"non-ASCII inside IPv6", "2001:db8::\xc3\xa9"sv, ParseError::InvalidCharacter},
    {"no-break space is not ASCII whitespace", "::1\xc2\xa0"sv, ParseError::InvalidCharacter},
    {"bytes 0xff 0xfe", "\xff\xfe"sv, ParseError::InvalidCharacter},

    {"space inside IPv4", "1.2.3. 4"sv, ParseError::WhitespaceInside},
    {"space inside IPv6", "2001:db8:: 1"sv, ParseError::WhitespaceInside},
    {"tab inside IPv6", "2001:db8::\t1"sv, ParseError::WhitespaceInside},
    {"two addresses", "8.8.8.8 8.8.4.4"sv, ParseError::WhitespaceInside},
    {"space before zone", "fe80::1 %eth0"sv, ParseError::WhitespaceInside},
    {"space inside zone", "fe80::1%eth 0"sv, ParseError::WhitespaceInside},
    {"space inside brackets", "[ ::1 ]"sv, ParseError::WhitespaceInside},

    {"open bracket only", "[::1"sv, ParseError::UnbalancedBrackets},
    {"close bracket only", "::1]"sv, ParseError::UnbalancedBrackets},
    {"reversed brackets", "]::1["sv, ParseError::UnbalancedBrackets},
    {"two open brackets", "[[::1]"sv, ParseError::UnbalancedBrackets},
    {"text before bracket", "x[::1]"sv, ParseError::UnbalancedBrackets},

    {"port after bracket", "[::1]:443"sv, ParseError::TextAfterBracket},
    {"letter after bracket", "[::1]x"sv, ParseError::TextAfterBracket},
    {"double brackets", "[[::1]]"sv, ParseError::TextAfterBracket},
    {"prefix after bracket", "[2001:db8::]/32"sv, ParseError::TextAfterBracket},

    {"zone outside brackets", "[fe80::1]%eth0"sv, ParseError::ZoneOutsideBrackets},

    {"percent without zone", "fe80::1%"sv, ParseError::EmptyZone},
    {"percent without zone in brackets", "[fe80::1%]"sv, ParseError::EmptyZone},

    {"colon in zone", "fe80::1%eth:0"sv, ParseError::InvalidZone},
    {"second percent in zone", "fe80::1%eth%0"sv, ParseError::InvalidZone},
    {"plus in zone", "fe80::1%eth+0"sv, ParseError::InvalidZone},
    {"non-ASCII zone", "fe80::1%\xc3\xa9"sv, ParseError::InvalidZone},
    {"NUL in zone", "fe80::1%eth0\0"sv, ParseError::InvalidZone},

    {"zone on IPv4", "1.2.3.4%eth0"sv, ParseError::ZoneOnIpv4},
    {"numeric zone on IPv4", "10.0.0.1%2"sv, ParseError::ZoneOnIpv4},

    {"brackets on IPv4", "[1.2.3.4]"sv, ParseError::BracketsOnIpv4},
    {"brackets and zone on IPv4", "[8.8.8.8%eth0]"sv, ParseError::BracketsOnIpv4},

    {"IPv4 with three parts", "1.2.3"sv, ParseError::Ipv4PartCount},
    {"IPv4 with five parts", "1.2.3.4.5"sv, ParseError::Ipv4PartCount},
    {"single digit", "1"sv, ParseError::Ipv4PartCount},
    {"IPv4 with two parts", "1.2"sv, ParseError::Ipv4PartCount},

    {"IPv4 empty middle part", "1..2.3"sv, ParseError::Ipv4EmptyPart},
    {"IPv4 leading dot", ".1.2.3"sv, ParseError::Ipv4EmptyPart},
    {"IPv4 trailing dot", "1.2.3.4."sv, ParseError::Ipv4EmptyPart},
    {"lone dot", "."sv, ParseError::Ipv4EmptyPart},

    {"IPv4 leading zero first part", "010.1.1.1"sv, ParseError::Ipv4LeadingZero},
    {"IPv4 leading zero third part", "192.168.01.1"sv, ParseError::Ipv4LeadingZero},
    {"IPv4 double zero part", "1.2.3.00"sv, ParseError::Ipv4LeadingZero},

    {"IPv4 part 256", "256.1.1.1"sv, ParseError::Ipv4PartTooLarge},
    {"IPv4 part 999", "1.2.3.999"sv, ParseError::Ipv4PartTooLarge},
    {"IPv4 part of four digits", "1.2.3.1000"sv, ParseError::Ipv4PartTooLarge},
    {"IPv4 part of five digits", "1.2.3.99999"sv, ParseError::Ipv4PartTooLarge},
    {"IPv4 as one decimal number", "16909060"sv, ParseError::Ipv4PartTooLarge},

    {"two double colons", "1::2::3"sv, ParseError::MultipleDoubleColon},
    {"double colon at both ends", "::1::"sv, ParseError::MultipleDoubleColon},

    {"triple colon alone", ":::"sv, ParseError::TripleColon},
    {"triple colon in middle", "1:::2"sv, ParseError::TripleColon},
    {"triple colon at start", ":::1"sv, ParseError::TripleColon},
    {"triple colon at end", "1:::"sv, ParseError::TripleColon},

    {"seven groups without double colon", "1:2:3:4:5:6:7"sv, ParseError::GroupCount},
    {"nine groups", "1:2:3:4:5:6:7:8:9"sv, ParseError::GroupCount},
    {"double colon with eight groups", "1::2:3:4:5:6:7:8"sv, ParseError::GroupCount},
    {"double colon first with eight groups", "::1:2:3:4:5:6:7:8"sv, ParseError::GroupCount},
    {"seven groups and IPv4", "1:2:3:4:5:6:7:1.2.3.4"sv, ParseError::GroupCount},
    {"five groups and IPv4", "1:2:3:4:5:1.2.3.4"sv, ParseError::GroupCount},
    {"double colon, six groups and IPv4", "1:2:3:4:5:6::1.2.3.4"sv, ParseError::GroupCount},

    {"five hex digits first", "12345::1"sv, ParseError::GroupTooLong},
    {"zero-padded to five digits", "2001:db8::00001"sv, ParseError::GroupTooLong},
    {"five hex digits last", "1:2:3:4:5:6:7:12345"sv, ParseError::GroupTooLong},

    {"single colon", ":"sv, ParseError::EmptyGroup},
    {"leading single colon", ":1:2:3:4:5:6:7:8"sv, ParseError::EmptyGroup},
    {"leading single colon before double", ":1::"sv, ParseError::EmptyGroup},
    {"trailing single colon", "1:2:3:4:5:6:7:8:"sv, ParseError::EmptyGroup},
    {"trailing colon after double colon", "1::2:"sv, ParseError::EmptyGroup},
    {"group and colon", "1:"sv, ParseError::EmptyGroup},

    {"IPv4 at the start", "1.2.3.4::"sv, ParseError::MisplacedIpv4},
    {"IPv4 before a group", "::1.2.3.4:1"sv, ParseError::MisplacedIpv4},
    {"IPv4 in the middle", "::ffff:1.2.3.4:0:1"sv, ParseError::MisplacedIpv4},
    {"IPv4 with port", "1.2.3.4:80"sv, ParseError::MisplacedIpv4},

    {"embedded IPv4 with three parts", "::ffff:1.2.3"sv, ParseError::IncompleteIpv4},
    {"embedded IPv4 with trailing dot", "::ffff:1.2.3."sv, ParseError::IncompleteIpv4},
    {"embedded IPv4 with two parts", "::1.2"sv, ParseError::IncompleteIpv4},
    {"embedded IPv4 with empty part", "::ffff:1..2.3"sv, ParseError::IncompleteIpv4},

    // The MALFORMED list of shared/tools/gen_connections.py, with the reason
    // each must get. generatorMalformedListIsRejected() reads the script itself.
    {"generator: empty", ""sv, ParseError::Empty},
    {"generator: hyphen", "-"sv, ParseError::InvalidCharacter},
    {"generator: localhost", "localhost"sv, ParseError::HostName},
    {"generator: three parts", "1.2.3"sv, ParseError::Ipv4PartCount},
    {"generator: part 256", "256.1.1.1"sv, ParseError::Ipv4PartTooLarge},
    {"generator: two double colons", "1::2::3"sv, ParseError::MultipleDoubleColon},
    {"generator: triple colon", ":::"sv, ParseError::TripleColon},
    {"generator: percent without zone", "fe80::1%"sv, ParseError::EmptyZone},
    {"generator: five hex digits", "12345::1"sv, ParseError::GroupTooLong},
    {"generator: incomplete embedded IPv4", "::ffff:1.2.3"sv, ParseError::IncompleteIpv4},
    {"generator: not-an-ip", "not-an-ip"sv, ParseError::HostName},
    {"generator: CIDR block", "2001:db8::/32"sv, ParseError::CidrSuffix},
    {"generator: five parts", "1.2.3.4.5"sv, ParseError::Ipv4PartCount},
    {"generator: g::1", "g::1"sv, ParseError::InvalidCharacter},
    {"generator: letter after IPv4", " 8.8.8.8x"sv, ParseError::HostName},
};

constexpr bool isAsciiSpace(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

} // namespace

class TestAddressParser : public QObject
{
    Q_OBJECT

private slots:
    void accepted_data();
    void accepted();
    void rejected_data();
    void rejected();
    void everyErrorHasARejectionRow();
    void errorTexts();
    void mappedSpellingKeepsFamily_data();
    void mappedSpellingKeepsFamily();
    void zoneKeptApart_data();
    void zoneKeptApart();
    void generatorMalformedListIsRejected();
    void foreignBytesRejected();
    void allShortInputs();
};

void TestAddressParser::accepted_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<Family>("family");
    QTest::addColumn<QByteArray>("zone");

    const QByteArray none;

    // IPv4: strict dotted quad, held as ::ffff:a.b.c.d.
    QTest::addRow("IPv4 all zeros")
        << QByteArray("0.0.0.0") << hex("0000 0000 0000 0000 0000 ffff 0000 0000") << Family::IPv4
        << none;
    QTest::addRow("IPv4 broadcast")
        << QByteArray("255.255.255.255") << hex("0000 0000 0000 0000 0000 ffff ffff ffff")
        << Family::IPv4 << none;
    QTest::addRow("IPv4 public") << QByteArray("8.8.8.8")
                                 << hex("0000 0000 0000 0000 0000 ffff 0808 0808") << Family::IPv4
                                 << none;
    QTest::addRow("IPv4 private") << QByteArray("192.168.1.10")
                                  << hex("0000 0000 0000 0000 0000 ffff c0a8 010a") << Family::IPv4
                                  << none;
    QTest::addRow("IPv4 mixed widths")
        << QByteArray("172.16.254.3") << hex("0000 0000 0000 0000 0000 ffff ac10 fe03")
        << Family::IPv4 << none;
    QTest::addRow("IPv4 zero parts")
        << QByteArray("10.0.0.1") << hex("0000 0000 0000 0000 0000 ffff 0a00 0001") << Family::IPv4
        << none;

    // Surrounding ASCII whitespace.
    QTest::addRow("IPv4 leading space")
        << QByteArray(" 8.8.8.8") << hex("0000 0000 0000 0000 0000 ffff 0808 0808") << Family::IPv4
        << none;
    QTest::addRow("IPv4 tab and CRLF")
        << QByteArray("\t8.8.8.8\r\n") << hex("0000 0000 0000 0000 0000 ffff 0808 0808")
        << Family::IPv4 << none;
    QTest::addRow("IPv4 vertical tab and form feed")
        << QByteArray("\v\f8.8.8.8 ") << hex("0000 0000 0000 0000 0000 ffff 0808 0808")
        << Family::IPv4 << none;
    QTest::addRow("IPv6 surrounded by spaces")
        << QByteArray("  2001:db8::1  ") << hex("2001 0db8 0000 0000 0000 0000 0000 0001")
        << Family::IPv6 << none;
    QTest::addRow("brackets inside whitespace")
        << QByteArray(" [::1]\n") << hex("0000 0000 0000 0000 0000 0000 0000 0001") << Family::IPv6
        << none;
    const QByteArray padding(10 * 1024, ' ');
    QTest::addRow("IPv4 inside 10 KB of spaces")
        << QByteArray(padding + "1.2.3.4" + padding)
        << hex("0000 0000 0000 0000 0000 ffff 0102 0304") << Family::IPv4 << none;

    // IPv6: the full form, zero-padded groups and upper case.
    QTest::addRow("IPv6 eight groups")
        << QByteArray("1:2:3:4:5:6:7:8") << hex("0001 0002 0003 0004 0005 0006 0007 0008")
        << Family::IPv6 << none;
    QTest::addRow("IPv6 zero-padded groups")
        << QByteArray("0001:0002:0003:0004:0005:0006:0007:0008")
        << hex("0001 0002 0003 0004 0005 0006 0007 0008") << Family::IPv6 << none;
    QTest::addRow("IPv6 full documentation address")
        << QByteArray("2001:0db8:85a3:0000:0000:8a2e:0370:7334")
        << hex("2001 0db8 85a3 0000 0000 8a2e 0370 7334") << Family::IPv6 << none;
    QTest::addRow("IPv6 all ones")
        << QByteArray("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")
        << hex("ffff ffff ffff ffff ffff ffff ffff ffff") << Family::IPv6 << none;
    QTest::addRow("IPv6 upper case")
        << QByteArray("2001:DB8:85A3::8A2E:370:7334")
        << hex("2001 0db8 85a3 0000 0000 8a2e 0370 7334") << Family::IPv6 << none;
    QTest::addRow("IPv6 mixed case")
        << QByteArray("Fe80::aBcD") << hex("fe80 0000 0000 0000 0000 0000 0000 abcd")
        << Family::IPv6 << none;
    QTest::addRow("IPv6 zero groups of 1 to 4 digits")
        << QByteArray("0:00:000:0000:0:00:000:01") << hex("0000 0000 0000 0000 0000 0000 0000 0001")
        << Family::IPv6 << none;

    // '::' at the start, in the middle, at the end, alone, and for one group.
    QTest::addRow("double colon alone")
        << QByteArray("::") << hex("0000 0000 0000 0000 0000 0000 0000 0000") << Family::IPv6
        << none;
    QTest::addRow("double colon at start")
        << QByteArray("::1") << hex("0000 0000 0000 0000 0000 0000 0000 0001") << Family::IPv6
        << none;
    QTest::addRow("double colon at end")
        << QByteArray("1::") << hex("0001 0000 0000 0000 0000 0000 0000 0000") << Family::IPv6
        << none;
    QTest::addRow("double colon at end of prefix")
        << QByteArray("2001:db8::") << hex("2001 0db8 0000 0000 0000 0000 0000 0000")
        << Family::IPv6 << none;
    QTest::addRow("double colon in middle")
        << QByteArray("2001:db8::1") << hex("2001 0db8 0000 0000 0000 0000 0000 0001")
        << Family::IPv6 << none;
    QTest::addRow("double colon for two groups")
        << QByteArray("2001:db8:85a3::8a2e:370:7334")
        << hex("2001 0db8 85a3 0000 0000 8a2e 0370 7334") << Family::IPv6 << none;
    QTest::addRow("double colon for one group at start")
        << QByteArray("::2:3:4:5:6:7:8") << hex("0000 0002 0003 0004 0005 0006 0007 0008")
        << Family::IPv6 << none;
    QTest::addRow("double colon for one group in middle")
        << QByteArray("1:2:3:4:5:6::8") << hex("0001 0002 0003 0004 0005 0006 0000 0008")
        << Family::IPv6 << none;
    QTest::addRow("double colon for one group at end")
        << QByteArray("1:2:3:4:5:6:7::") << hex("0001 0002 0003 0004 0005 0006 0007 0000")
        << Family::IPv6 << none;
    QTest::addRow("link-local") << QByteArray("fe80::1")
                                << hex("fe80 0000 0000 0000 0000 0000 0000 0001") << Family::IPv6
                                << none;

    // Embedded dotted IPv4 in the last 32 bits.
    QTest::addRow("IPv4-mapped") << QByteArray("::ffff:192.0.2.128")
                                 << hex("0000 0000 0000 0000 0000 ffff c000 0280") << Family::IPv6
                                 << none;
    QTest::addRow("IPv4-mapped upper case")
        << QByteArray("::FFFF:1.2.3.4") << hex("0000 0000 0000 0000 0000 ffff 0102 0304")
        << Family::IPv6 << none;
    QTest::addRow("IPv4-compatible")
        << QByteArray("::192.0.2.128") << hex("0000 0000 0000 0000 0000 0000 c000 0280")
        << Family::IPv6 << none;
    QTest::addRow("NAT64 prefix") << QByteArray("64:ff9b::192.0.2.33")
                                  << hex("0064 ff9b 0000 0000 0000 0000 c000 0221") << Family::IPv6
                                  << none;
    QTest::addRow("six groups and IPv4")
        << QByteArray("1:2:3:4:5:6:1.2.3.4") << hex("0001 0002 0003 0004 0005 0006 0102 0304")
        << Family::IPv6 << none;
    QTest::addRow("double colon between group and IPv4")
        << QByteArray("1::1.2.3.4") << hex("0001 0000 0000 0000 0000 0000 0102 0304")
        << Family::IPv6 << none;
    QTest::addRow("double colon for one group before IPv4")
        << QByteArray("1:2:3:4:5::255.255.255.255")
        << hex("0001 0002 0003 0004 0005 0000 ffff ffff") << Family::IPv6 << none;

    // One pair of brackets, IPv6 only.
    QTest::addRow("brackets") << QByteArray("[2001:db8::1]")
                              << hex("2001 0db8 0000 0000 0000 0000 0000 0001") << Family::IPv6
                              << none;
    QTest::addRow("brackets around double colon")
        << QByteArray("[::]") << hex("0000 0000 0000 0000 0000 0000 0000 0000") << Family::IPv6
        << none;
    QTest::addRow("brackets around IPv4-mapped")
        << QByteArray("[::ffff:8.8.8.8]") << hex("0000 0000 0000 0000 0000 ffff 0808 0808")
        << Family::IPv6 << none;

    // Zone index: kept apart, never part of the bytes.
    QTest::addRow("zone") << QByteArray("fe80::1%eth0")
                          << hex("fe80 0000 0000 0000 0000 0000 0000 0001") << Family::IPv6
                          << QByteArray("eth0");
    QTest::addRow("zone in brackets")
        << QByteArray("[fe80::1%eth0]") << hex("fe80 0000 0000 0000 0000 0000 0000 0001")
        << Family::IPv6 << QByteArray("eth0");
    QTest::addRow("numeric zone") << QByteArray("fe80::1%2")
                                  << hex("fe80 0000 0000 0000 0000 0000 0000 0001") << Family::IPv6
                                  << QByteArray("2");
    QTest::addRow("zone with every allowed punctuation")
        << QByteArray("fe80::abcd%Vlan-1.100_a~b") << hex("fe80 0000 0000 0000 0000 0000 0000 abcd")
        << Family::IPv6 << QByteArray("Vlan-1.100_a~b");
    QTest::addRow("zone on multicast")
        << QByteArray("ff02::1%lo") << hex("ff02 0000 0000 0000 0000 0000 0000 0001")
        << Family::IPv6 << QByteArray("lo");
    QTest::addRow("zone on double colon")
        << QByteArray("::%0") << hex("0000 0000 0000 0000 0000 0000 0000 0000") << Family::IPv6
        << QByteArray("0");
    QTest::addRow("zone after embedded IPv4")
        << QByteArray("::ffff:1.2.3.4%eth0") << hex("0000 0000 0000 0000 0000 ffff 0102 0304")
        << Family::IPv6 << QByteArray("eth0");
    QTest::addRow("zone inside whitespace")
        << QByteArray(" \tfe80::1%eth0\r\n") << hex("fe80 0000 0000 0000 0000 0000 0000 0001")
        << Family::IPv6 << QByteArray("eth0");
}

void TestAddressParser::accepted()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, bytes);
    QFETCH(Family, family);
    QFETCH(QByteArray, zone);
    QCOMPARE(bytes.size(), qsizetype(32)); // guards the hand-written expectation

    const ea::ParseResult r = ea::parseAddress(viewOf(text));
    QCOMPARE(r.error, ParseError::None);
    QVERIFY(r.ok());
    QCOMPARE(hexOf(r.address), bytes);
    QCOMPARE(r.address.family, family);
    QCOMPARE(zoneOf(r), zone);
}

void TestAddressParser::rejected_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<ParseError>("error");

    for (const Rejection &row : kRejections)
        QTest::addRow("%s", row.name) << bytesOf(row.text) << row.error;

    // Long inputs: rejected in one pass, without overflow or a crash.
    const qsizetype tenK = 10 * 1024;
    QTest::addRow("10 KB of '1'") << QByteArray(tenK, '1') << ParseError::Ipv4PartTooLarge;
    QTest::addRow("10 KB of ':'") << QByteArray(tenK, ':') << ParseError::TripleColon;
    QTest::addRow("10 KB of 'a'") << QByteArray(tenK, 'a') << ParseError::HostName;
    QTest::addRow("10 KB hex group")
        << QByteArray(QByteArray(tenK, 'f') + "::1") << ParseError::GroupTooLong;
    QTest::addRow("10 KB of '1.'")
        << QByteArray("1.").repeated(tenK / 2) << ParseError::Ipv4PartCount;
    QTest::addRow("10 KB of groups")
        << QByteArray("::" + QByteArray("1:").repeated(tenK / 2) + "1") << ParseError::GroupCount;
    QTest::addRow("10 KB zone of bad bytes")
        << QByteArray("fe80::1%" + QByteArray(tenK, '\xff')) << ParseError::InvalidZone;
}

void TestAddressParser::rejected()
{
    QFETCH(QByteArray, text);
    QFETCH(ParseError, error);

    const ea::ParseResult r = ea::parseAddress(viewOf(text));
    QCOMPARE(r.error, error);
    QVERIFY(!r.ok());
    QVERIFY(!ea::parseErrorText(r.error).empty());
    QVERIFY(r.zone.empty());
}

void TestAddressParser::everyErrorHasARejectionRow()
{
    QSet<int> seen;
    for (const Rejection &row : kRejections)
        seen.insert(int(row.error));
    for (int v = int(ParseError::None) + 1; v <= int(kLastError); ++v) {
        QVERIFY2(seen.contains(v),
                 qPrintable(QStringLiteral("no rejection row for %1")
                                .arg(QLatin1StringView(ea::errorName(ParseError(v))))));
    }
    QVERIFY(!seen.contains(int(ParseError::None)));
}

void TestAddressParser::errorTexts()
{
    QVERIFY(ea::parseErrorText(ParseError::None).empty());

    QSet<QByteArray> texts;
    for (int v = int(ParseError::None) + 1; v <= int(kLastError); ++v) {
        const auto error = ParseError(v);
        const QByteArray text = bytesOf(ea::parseErrorText(error));
        QVERIFY2(!text.isEmpty(), ea::errorName(error));
        QVERIFY2(!texts.contains(text), ea::errorName(error));
        texts.insert(text);
    }
    QCOMPARE(texts.size(), qsizetype(kLastError));

    // Values past the last enumerator share one generic text. If this fails, a
    // new enumerator exists: extend kLastError, errorName() and kRejections.
    const QByteArray fallback = bytesOf(ea::parseErrorText(ParseError(255)));
    QCOMPARE(bytesOf(ea::parseErrorText(ParseError(int(kLastError) + 1))), fallback);
    QVERIFY(!texts.contains(fallback));
}

void TestAddressParser::mappedSpellingKeepsFamily_data()
{
    QTest::addColumn<QByteArray>("mapped");
    QTest::addColumn<QByteArray>("v4");

    QTest::addRow("public") << QByteArray("::ffff:8.8.8.8") << QByteArray("8.8.8.8");
    QTest::addRow("upper case, private") << QByteArray("::FFFF:10.1.2.3") << QByteArray("10.1.2.3");
    QTest::addRow("hex spelling") << QByteArray("::ffff:c0a8:101") << QByteArray("192.168.1.1");
    QTest::addRow("brackets, zeros") << QByteArray("[::ffff:0.0.0.0]") << QByteArray("0.0.0.0");
    QTest::addRow("full form") << QByteArray("0:0:0:0:0:ffff:ffff:ffff")
                               << QByteArray("255.255.255.255");
}

void TestAddressParser::mappedSpellingKeepsFamily()
{
    QFETCH(QByteArray, mapped);
    QFETCH(QByteArray, v4);

    const ea::ParseResult m = ea::parseAddress(viewOf(mapped));
    const ea::ParseResult p = ea::parseAddress(viewOf(v4));
    QVERIFY(m.ok());
    QVERIFY(p.ok());
    QCOMPARE(m.address.family, Family::IPv6);
    QCOMPARE(p.address.family, Family::IPv4);
    QCOMPARE(hexOf(m.address), hexOf(p.address));
    QVERIFY(m.address.isV4Mapped());
    QVERIFY(p.address.isV4Mapped());
    QCOMPARE(m.address.v4(), p.address.v4());
    // Same host, different spelling: the values differ by family only.
    QVERIFY(m.address != p.address);
}

void TestAddressParser::zoneKeptApart_data()
{
    QTest::addColumn<QByteArray>("withZone");
    QTest::addColumn<QByteArray>("withoutZone");
    QTest::addColumn<QByteArray>("zone");

    QTest::addRow("link-local") << QByteArray("fe80::1%eth0") << QByteArray("fe80::1")
                                << QByteArray("eth0");
    QTest::addRow("brackets") << QByteArray("[fe80::1%eth0]") << QByteArray("fe80::1")
                              << QByteArray("eth0");
    QTest::addRow("digit zone") << QByteArray("fe80::1%1") << QByteArray("fe80::1")
                                << QByteArray("1");
    QTest::addRow("hex-looking zone")
        << QByteArray("fe80::1%ff") << QByteArray("fe80::1") << QByteArray("ff");
    QTest::addRow("zone after double colon")
        << QByteArray("fe80::%abc") << QByteArray("fe80::") << QByteArray("abc");
    QTest::addRow("zone after embedded IPv4")
        << QByteArray("::ffff:1.2.3.4%x") << QByteArray("::ffff:1.2.3.4") << QByteArray("x");
}

void TestAddressParser::zoneKeptApart()
{
    QFETCH(QByteArray, withZone);
    QFETCH(QByteArray, withoutZone);
    QFETCH(QByteArray, zone);

    const ea::ParseResult z = ea::parseAddress(viewOf(withZone));
    const ea::ParseResult plain = ea::parseAddress(viewOf(withoutZone));
    QVERIFY(z.ok());
    QVERIFY(plain.ok());
    QCOMPARE(z.address, plain.address);
    QCOMPARE(hexOf(z.address), hexOf(plain.address));
    QCOMPARE(zoneOf(z), zone);
    QVERIFY(plain.zone.empty());

    // The zone is a view into the parsed text, not a copy.
    const char *begin = withZone.constData();
    const char *end = begin + withZone.size();
    QVERIFY(z.zone.data() >= begin && z.zone.data() + z.zone.size() <= end);
}

void TestAddressParser::generatorMalformedListIsRejected()
{
    // Reads MALFORMED from the generator so that strings added there later are
    // checked too; the table above pins the reason for today's strings.
    QFile script(QString::fromUtf8(EA_SHARED_DIR "/tools/gen_connections.py"));
    if (!script.open(QIODevice::ReadOnly))
        QSKIP("shared/tools/gen_connections.py not found");
    const QByteArray source = script.readAll();
    const QByteArray start("MALFORMED = [");
    qsizetype pos = source.indexOf(start);
    QVERIFY2(pos >= 0, "no MALFORMED list in gen_connections.py");
    pos += start.size();

    QList<QByteArray> strings;
    for (;;) {
        while (pos < source.size() && (isAsciiSpace(uchar(source[pos])) || source[pos] == ','))
            ++pos;
        QVERIFY2(pos < source.size(), "MALFORMED list not closed");
        if (source[pos] == ']')
            break;
        const char quote = source[pos];
        QVERIFY2(quote == '"' || quote == '\'', "MALFORMED holds something other than strings");
        QByteArray value;
        for (++pos; pos < source.size() && source[pos] != quote; ++pos) {
            char c = source[pos];
            if (c == '\\' && pos + 1 < source.size()) {
                c = source[++pos];
                c = c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c == '0' ? '\0' : c;
            }
            value.append(c);
        }
        QVERIFY2(pos < source.size(), "unterminated string in MALFORMED");
        ++pos;
        strings.append(value);
    }
    QVERIFY(strings.size() >= 15);

    for (const QByteArray &text : std::as_const(strings)) {
        const ea::ParseResult r = ea::parseAddress(viewOf(text));
        QVERIFY2(!r.ok(), text.constData());
    }
}

void TestAddressParser::foreignBytesRejected()
{
    // Control bytes (other than surrounding whitespace), DEL and every byte of
    // a non-ASCII encoding, put before, inside and after valid addresses.
    const QByteArray valid[]
        = {"1.2.3.4", "2001:db8::1", "fe80::1%eth0", "[::1]", "::ffff:1.2.3.4"};
    int checked = 0;
    for (int b = 0; b < 256; ++b) {
        const auto c = uchar(b);
        if (isAsciiSpace(c) || (c >= 0x20 && c < 0x7f))
            continue;
        for (const QByteArray &text : valid) {
            QVERIFY(ea::parseAddress(viewOf(text)).ok());
            for (const qsizetype at : {qsizetype(0), qsizetype(1), text.size() / 2, text.size()}) {
                QByteArray bad = text;
                bad.insert(at, char(c));
                const ea::ParseResult r = ea::parseAddress(viewOf(bad));
                QVERIFY2(!r.ok(),
                         qPrintable(QStringLiteral("byte 0x%1 at %2 of %3 accepted")
                                        .arg(b, 2, 16, QLatin1Char('0'))
                                        .arg(at)
                                        .arg(QLatin1StringView(text))));
                ++checked;
            }
        }
    }
    // 256 bytes less 95 printable ASCII and 5 whitespace controls.
    QCOMPARE(checked, (256 - 95 - 5) * 5 * 4);
}

void TestAddressParser::allShortInputs()
{
    // Every input of one and two bytes: no crash, and "::" is the only address.
    for (int a = 0; a < 256; ++a) {
        const char one[] = {char(a)};
        QVERIFY(!ea::parseAddress(std::string_view(one, 1)).ok());
        for (int b = 0; b < 256; ++b) {
            const char two[] = {char(a), char(b)};
            const std::string_view text(two, 2);
            QCOMPARE(ea::parseAddress(text).ok(), text == "::"sv);
        }
    }
}

QTEST_APPLESS_MAIN(TestAddressParser)

#include "tst_addressparser.moc"
