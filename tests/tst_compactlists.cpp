// The import's compact containers (IdSet, ByteList, ChunkedVector,
// SpellingTable, AddressIndex, DestAgg's port list) against the std::
// containers they replace, across every change of representation.

#include <QRandomGenerator>
#include <QTest>

#include "core/containers/bytelist.h"
#include "core/containers/chunkedvector.h"
#include "core/containers/idset.h"
#include "core/containers/spellingtable.h"
#include "core/largeallocator.h"
#include "ingest/addressindex.h"
#include "storage/aggregates.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

class TestCompactLists : public QObject
{
    Q_OBJECT

private slots:
    void idSetMatchesStdSet_data();
    void idSetMatchesStdSet();
    void byteListMatchesString();
    void chunkedVectorGrowsInPlace();
    void spellingTableMatchesMap();
    void addressIndexMatchesMap();
    void largeVectorHoldsItsValues();
    void destAggPortsMatchSet_data();
    void destAggPortsMatchSet();
    void destAggCopiesAndMovesItsPorts();
};

namespace {

// The kMaxPorts smallest of `all`, and whether there are more.
void compareWithSet(const ea::DestAgg &agg, const std::set<std::uint16_t> &all)
{
    std::vector<std::uint16_t> expected(all.begin(), all.end());
    const bool more = expected.size() > ea::DestAgg::kMaxPorts;
    if (more)
        expected.resize(ea::DestAgg::kMaxPorts);
    const std::span<const std::uint16_t> ports = agg.ports();
    QCOMPARE(std::vector<std::uint16_t>(ports.begin(), ports.end()), expected);
    QCOMPARE(agg.portCount(), expected.size());
    QCOMPARE(agg.morePorts, more);
}

} // namespace

void TestCompactLists::idSetMatchesStdSet_data()
{
    QTest::addColumn<quint32>("largestId");
    QTest::addColumn<int>("inserts");
    QTest::addRow("inline only") << quint32(1000000) << 3;
    QTest::addRow("sparse: stays a sorted array") << quint32(4000000000U) << 5000;
    QTest::addRow("dense: becomes a bitmap") << quint32(2000) << 20000;
    QTest::addRow("bitmap, then larger ids") << quint32(300) << 20000;
}

void TestCompactLists::idSetMatchesStdSet()
{
    QFETCH(quint32, largestId);
    QFETCH(int, inserts);
    QRandomGenerator random(7);
    ea::IdSet set;
    std::set<std::uint32_t> expected;
    for (int k = 0; k < inserts; ++k) {
        // Later ids above the first range, as new processes appear.
        const std::uint64_t bound
            = std::min<std::uint64_t>(k < inserts / 2 ? largestId : largestId * 4ULL, UINT32_MAX);
        const auto id = std::uint32_t(random.bounded(quint64(bound) + 1));
        QCOMPARE(set.insert(id), expected.insert(id).second);
        QCOMPARE(set.size(), std::uint32_t(expected.size()));
    }
    std::vector<std::uint32_t> ids;
    set.forEach([&](std::uint32_t id) { ids.push_back(id); });
    QCOMPARE(ids, std::vector<std::uint32_t>(expected.begin(), expected.end()));
}

void TestCompactLists::byteListMatchesString()
{
    QRandomGenerator random(11);
    ea::ByteList list;
    std::string expected;
    QVERIFY(list.empty());
    while (expected.size() < 100000) {
        std::uint8_t bytes[10];
        const auto n = std::size_t(random.bounded(1, 11));
        for (std::size_t k = 0; k < n; ++k)
            bytes[k] = std::uint8_t(random.bounded(256));
        list.append(bytes, n);
        expected.append(reinterpret_cast<const char *>(bytes), n);
        QCOMPARE(list.size(), expected.size());
        QVERIFY(list.view() == expected);
    }
}

void TestCompactLists::chunkedVectorGrowsInPlace()
{
    ea::ChunkedVector<std::int64_t, 4> v;
    QCOMPARE(v.size(), std::size_t(0));
    v.grow(0) = 1;
    std::int64_t *first = &v[0];
    for (std::size_t i = 1; i < 1000; ++i)
        v.grow(i) = std::int64_t(i) + 1;
    QCOMPARE(v.size(), std::size_t(1000));
    QCOMPARE(&v[0], first); // never moved
    for (std::size_t i = 0; i < 1000; ++i)
        QCOMPARE(v[i], std::int64_t(i) + 1);
    v.resize(2000);
    QCOMPARE(v[1999], std::int64_t(0)); // value-initialised
}

void TestCompactLists::spellingTableMatchesMap()
{
    // Short texts live in the slot, longer ones (from 16 bytes) in the arena,
    // one larger than an arena chunk in its own; lookups of absent texts of
    // every kind too.
    QRandomGenerator random(13);
    std::vector<std::string> texts;
    for (int k = 0; k < 20000; ++k) {
        std::string text;
        const int length = k % 7 == 0 ? 15 + k % 3 : int(random.bounded(0, 48));
        for (int c = 0; c < length; ++c)
            text += char('0' + random.bounded(0, 16));
        texts.push_back(text);
    }
    texts.push_back(std::string(300 * 1024, 'x'));
    texts.push_back(std::string(300 * 1024, 'y'));
    ea::SpellingTable table;
    std::unordered_map<std::string, std::int32_t> expected;
    for (std::size_t k = 0; k < texts.size(); ++k) {
        const std::string &text = texts[k];
        const bool isNew = expected.emplace(text, std::int32_t(k) + 1).second;
        if (k % 2 == 0) {
            const ea::SpellingTable::Entry *found = table.find(text);
            QCOMPARE(found != nullptr, !isNew);
        }
        bool added = false;
        ea::SpellingTable::Entry &entry = table.insert(text, added);
        QCOMPARE(added, isNew);
        if (added)
            entry = {std::int32_t(k) + 1, -std::int32_t(k) - 1};
    }
    QCOMPARE(table.size(), expected.size());
    for (const auto &[text, id] : expected) {
        const ea::SpellingTable::Entry *found = table.find(text);
        QVERIFY(found);
        QCOMPARE(found->id, id);
        QCOMPARE(found->destId, -id);
        QVERIFY(!table.find(text + 'z'));
        // The import's look-ahead: the hashed lookups agree, and the guess
        // made before any text is compared is exact for inline texts and,
        // among these, for the stored long ones too (their 24 hash bits
        // differ).
        const std::uint64_t h = ea::StringTable::hash(text);
        QCOMPARE(table.find(text, h), found);
        QCOMPARE(table.prefetchText(text, h), -id);
        const std::string absent = text + 'z';
        if (absent.size() <= 15)
            QCOMPARE(table.prefetchText(absent, ea::StringTable::hash(absent)), 0);
    }
    QCOMPARE(ea::SpellingTable().prefetchText("1.2.3.4", ea::StringTable::hash("1.2.3.4")), 0);
}

void TestCompactLists::addressIndexMatchesMap()
{
    // The same 16 bytes as IPv4 and as IPv6 are two keys.
    QRandomGenerator random(17);
    ea::AddressIndex index;
    std::map<ea::IpAddress, std::int32_t> expected;
    std::int32_t next = 0;
    for (int k = 0; k < 50000; ++k) {
        const auto v4 = std::uint32_t(random.bounded(20000));
        ea::IpAddress address = ea::IpAddress::fromV4(v4);
        if (k % 3 == 0)
            address.family = ea::Family::IPv6;
        const auto [it, isNew] = expected.emplace(address, next + 1);
        bool added = false;
        const std::int32_t id = index.insert(address, next + 1, added);
        QCOMPARE(added, isNew);
        QCOMPARE(id, it->second);
        if (added)
            ++next;
    }
    QCOMPARE(std::size_t(next), expected.size());
}

// LargeVector: small blocks from operator new, from 2 MiB on a mapping of
// its own on a 2 MiB boundary; growing keeps every value either way.
void TestCompactLists::largeVectorHoldsItsValues()
{
    ea::LargeVector<std::uint32_t> values;
    for (std::uint32_t k = 0; k < 3'000'000; ++k) {
        values.push_back(k * 2654435761U);
        if (k == 1000 || k == 2'999'999) {
            for (std::uint32_t j = 0; j <= k; j += 997)
                QCOMPARE(values[j], j * 2654435761U);
        }
    }
    QVERIFY(values.capacity() * sizeof(std::uint32_t) >= ea::largememory::kHugePage);
    QCOMPARE(reinterpret_cast<std::uintptr_t>(values.data()) % ea::largememory::kHugePage,
             std::uintptr_t(0));
    // Copies and shrinking to a small block keep the values too.
    ea::LargeVector<std::uint32_t> copy = values;
    QVERIFY(std::equal(copy.begin(), copy.end(), values.begin(), values.end()));
    copy.resize(10);
    copy.shrink_to_fit();
    QCOMPARE(copy[9], 9 * 2654435761U);
}

void TestCompactLists::destAggPortsMatchSet_data()
{
    QTest::addColumn<int>("distinct"); // ports drawn from 0..distinct-1 (+ offset)
    QTest::addColumn<int>("adds");
    QTest::addRow("one port, repeated") << 1 << 50;
    QTest::addRow("inline: up to four ports") << 4 << 200;
    QTest::addRow("the fifth port moves them out") << 5 << 200;
    QTest::addRow("twelve ports: the first array full") << 12 << 1000;
    QTest::addRow("thirteen ports: the second array") << 13 << 1000;
    QTest::addRow("twenty ports: full, no more") << 20 << 2000;
    QTest::addRow("more than twenty: the smallest kept") << 300 << 5000;
}

void TestCompactLists::destAggPortsMatchSet()
{
    QFETCH(int, distinct);
    QFETCH(int, adds);
    QRandomGenerator random {quint32(distinct)};
    ea::DestAgg agg;
    std::set<std::uint16_t> all;
    for (int k = 0; k < adds; ++k) {
        const auto port = std::uint16_t(65535 - 200 * random.bounded(distinct));
        agg.addPort(port);
        all.insert(port);
        compareWithSet(agg, all);
    }
    // The list's text form reads back to the same list.
    ea::DestAgg back;
    back.addPortsText(agg.portsText());
    compareWithSet(back, all);
    QCOMPARE(back.portsText(), agg.portsText());
}

void TestCompactLists::destAggCopiesAndMovesItsPorts()
{
    ea::DestAgg few;
    few.connections = 3;
    for (const std::uint16_t port : {443, 22, 80})
        few.addPort(port);
    ea::DestAgg many;
    many.lastEvent = 9;
    for (std::uint16_t port = 1000; port > 900; --port)
        many.addPort(port);
    const std::string fewText = few.portsText();
    const std::string manyText = many.portsText();
    QCOMPARE(fewText, std::string("22;80;443"));
    QVERIFY(manyText.starts_with("901;902;"));

    ea::DestAgg copy = many; // a copy owns its own array
    copy.addPort(1);
    QCOMPARE(many.portsText(), manyText);
    QVERIFY(copy.portsText().starts_with("1;901;"));
    copy = few; // heap to inline
    QCOMPARE(copy.portsText(), fewText);
    QCOMPARE(copy.connections, 3);
    copy = many; // inline to heap
    QCOMPARE(copy.portsText(), manyText);
    QCOMPARE(copy.lastEvent, 9);

    ea::DestAgg moved = std::move(copy);
    QCOMPARE(moved.portsText(), manyText);
    std::vector<ea::DestAgg> grown; // moves on reallocation
    for (int k = 0; k < 100; ++k)
        grown.push_back(k % 2 ? few : many);
    for (int k = 0; k < 100; ++k)
        QCOMPARE(grown[std::size_t(k)].portsText(), k % 2 ? fewText : manyText);

    // setPorts() sets the list only; morePorts is the decoder's to set.
    const std::uint16_t decoded[] = {7, 8, 9, 10, 11, 12};
    QVERIFY(moved.morePorts);
    moved.morePorts = false;
    moved.setPorts(decoded);
    QCOMPARE(moved.portsText(), std::string("7;8;9;10;11;12"));
    moved.setPorts({decoded, 2});
    QCOMPARE(moved.portsText(), std::string("7;8"));
    std::uint16_t sixteen[16];
    for (std::uint16_t k = 0; k < 16; ++k)
        sixteen[k] = std::uint16_t(100 + k);
    moved.setPorts(sixteen);
    moved.addPort(1); // into the kMaxPorts array the decoder made
    QCOMPARE(moved.portCount(), std::size_t(17));
    QVERIFY(moved.portsText().starts_with("1;100;101;"));
}

QTEST_GUILESS_MAIN(TestCompactLists)
#include "tst_compactlists.moc"
