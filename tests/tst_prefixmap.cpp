// PrefixMap: the longest-prefix match behind marks and known lists, checked
// against a brute-force scan of the blocks over random nested sets.

#include <QTest>

#include "address/cidr.h"
#include "address/ipaddress.h"
#include "address/prefixmap.h"

#include <random>
#include <string_view>
#include <vector>

using namespace ea;

namespace {

Cidr cidr(std::string_view text)
{
    const CidrResult r = parseCidr(text, CidrParsing::Strict, true);
    if (!r.ok())
        qFatal("bad test block %s", std::string(text).c_str());
    return r.cidr;
}

IpAddress address(std::string_view text)
{
    return parseAddress(text).address;
}

// The most specific block containing a, the later of equal ones: what
// find() must answer.
std::int32_t bruteForce(const std::vector<PrefixMap::Block> &blocks, const IpAddress &a)
{
    std::int32_t best = -1;
    int bestBits = -1;
    for (const PrefixMap::Block &b : blocks) {
        // As PrefixMap: an IPv4 block covers whatever is in ::ffff:0:0/96.
        const bool v4Host = a.isV4Mapped();
        if ((b.cidr.network.family == Family::IPv4) != v4Host)
            continue;
        IpAddress probe = a;
        probe.family = v4Host ? Family::IPv4 : Family::IPv6;
        if (b.cidr.contains(probe) && b.cidr.bits() >= bestBits) {
            best = b.value;
            bestBits = b.cidr.bits();
        }
    }
    return best;
}

} // namespace

class TestPrefixMap : public QObject
{
    Q_OBJECT

private slots:
    void empty()
    {
        const PrefixMap map;
        QVERIFY(map.isEmpty());
        QCOMPARE(map.find(address("8.8.8.8")), -1);
        QCOMPARE(map.find(address("2001:db8::1")), -1);
    }

    void nestedBlocksMostSpecificWins()
    {
        const std::vector<PrefixMap::Block> blocks = {
            {cidr("10.0.0.0/8"), 0},      {cidr("10.1.0.0/16"), 1}, {cidr("10.1.2.3"), 2},
            {cidr("2001:db8::/32"), 3},   {cidr("::/0"), 4},        {cidr("0.0.0.0/0"), 5},
            {cidr("2001:db8:1::/48"), 6},
        };
        const PrefixMap map(blocks);
        QCOMPARE(map.find(address("10.9.9.9")), 0);
        QCOMPARE(map.find(address("10.1.9.9")), 1);
        QCOMPARE(map.find(address("10.1.2.3")), 2);
        QCOMPARE(map.find(address("10.1.2.4")), 1);
        QCOMPARE(map.find(address("11.0.0.0")), 5);
        // An IPv4-mapped spelling is the IPv4 host; ::/0 does not cover it.
        QCOMPARE(map.find(address("::ffff:10.1.2.3")), 2);
        QCOMPARE(map.find(address("2001:db8:1::5")), 6);
        QCOMPARE(map.find(address("2001:db8:2::5")), 3);
        QCOMPARE(map.find(address("fe80::1")), 4);
        QCOMPARE(map.find(address("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")), 4);
    }

    void laterOfEqualBlocksWins()
    {
        const std::vector<PrefixMap::Block> blocks
            = {{cidr("192.0.2.0/24"), 7}, {cidr("192.0.2.0/24"), 8}, {cidr("192.0.2.128/25"), 9}};
        const PrefixMap map(blocks);
        QCOMPARE(map.find(address("192.0.2.1")), 8);
        QCOMPARE(map.find(address("192.0.2.200")), 9);
        QCOMPARE(map.find(address("192.0.3.0")), -1);
        QCOMPARE(map.find(address("192.0.1.255")), -1);
    }

    void edgesOfTheAddressSpace()
    {
        const std::vector<PrefixMap::Block> blocks
            = {{cidr("255.255.255.255/32"), 1}, {cidr("0.0.0.0/32"), 2}, {cidr("ffff::/16"), 3}};
        const PrefixMap map(blocks);
        QCOMPARE(map.find(address("255.255.255.255")), 1);
        QCOMPARE(map.find(address("255.255.255.254")), -1);
        QCOMPARE(map.find(address("0.0.0.0")), 2);
        QCOMPARE(map.find(address("0.0.0.1")), -1);
        QCOMPARE(map.find(address("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")), 3);
        QCOMPARE(map.find(address("fffe::1")), -1);
    }

    // Random nested blocks within a few small regions (so that they nest and
    // repeat) against a brute-force scan.
    void matchesBruteForce()
    {
        std::mt19937_64 rng(20261206);
        for (int round = 0; round < 40; ++round) {
            std::vector<PrefixMap::Block> blocks;
            const int count = 1 + int(rng() % 60);
            for (int k = 0; k < count; ++k) {
                Cidr c;
                if (rng() % 2) {
                    const std::uint32_t v4 = 0x0a000000U | std::uint32_t(rng() & 0x3ff);
                    c.prefixLength = 20 + int(rng() % 13);
                    c.network = IpAddress::fromV4(v4);
                } else {
                    c.network = IpAddress::fromV6(0x20010db800000000ULL, rng() & 0x3ff);
                    c.prefixLength = 116 + int(rng() % 13);
                }
                const CidrResult cleared
                    = parseCidr(toTestText(c), CidrParsing::ClearHostBits, false);
                QVERIFY(cleared.ok());
                blocks.push_back({cleared.cidr, k});
            }
            const PrefixMap map(blocks);
            for (std::uint32_t low = 0; low < 0x400; ++low) {
                const IpAddress v4 = IpAddress::fromV4(0x0a000000U | low);
                QCOMPARE(map.find(v4), bruteForce(blocks, v4));
                const IpAddress v6 = IpAddress::fromV6(0x20010db800000000ULL, low);
                QCOMPARE(map.find(v6), bruteForce(blocks, v6));
            }
        }
    }

private:
    static std::string toTestText(const Cidr &c)
    {
        std::string text;
        if (c.network.family == Family::IPv4) {
            const std::uint32_t v = std::uint32_t(c.network.lo());
            text = std::to_string(v >> 24) + '.' + std::to_string((v >> 16) & 255) + '.'
                + std::to_string((v >> 8) & 255) + '.' + std::to_string(v & 255);
        } else {
            char buf[64];
            std::snprintf(buf, sizeof buf, "2001:db8::%llx",
                          static_cast<unsigned long long>(c.network.lo()));
            text = buf;
        }
        return text + '/' + std::to_string(c.prefixLength);
    }
};

QTEST_APPLESS_MAIN(TestPrefixMap)
#include "tst_prefixmap.moc"
