// Tests of the special-purpose address classifier and its registry table.
//
// The boundary cases come from tests/data/registry_boundaries.csv, written by
// tests/data/make_registry_boundaries.py from its own copy of the IANA
// registries: an oracle independent of model/address/registry.cpp.

#include <QFile>
#include <QList>
#include <QTest>

#include "address/cidr.h"
#include "address/classifier.h"
#include "address/ipaddress.h"

#include <algorithm>
#include <iterator>
#include <string_view>
#include <utility>

using namespace ea;

namespace {

std::string_view view(const QByteArray &bytes)
{
    return {bytes.constData(), std::size_t(bytes.size())};
}

QByteArray bytes(std::string_view text)
{
    return QByteArray(text.data(), qsizetype(text.size()));
}

// The categories whose traffic leaves the organisation, spelled out here
// rather than taken from isExternal().
bool externalId(const QByteArray &id)
{
    return id == QByteArrayLiteral("global") || id == QByteArrayLiteral("teredo")
        || id == QByteArrayLiteral("6to4");
}

struct Classified
{
    QByteArray category;
    QByteArray block; // empty: no block
    bool external = false;
};

// Classifies text that must parse; the caller checks `ok`.
Classified classifyText(const QByteArray &text, bool &ok)
{
    const ParseResult parsed = parseAddress(view(text));
    ok = parsed.ok();
    if (!ok)
        return {};
    const Classification c = Classifier::instance().classify(parsed.address);
    return {bytes(categoryId(c.category)), c.block ? bytes(c.block->prefix) : QByteArray(),
            c.external()};
}

struct CategoryCase
{
    Category category;
    const char *id;
    bool external;
};

constexpr CategoryCase kCategoryCases[] = {
    {Category::Global, "global", true},
    {Category::Teredo, "teredo", true},
    {Category::SixToFour, "6to4", true},
    {Category::Private, "private", false},
    {Category::Shared, "shared", false},
    {Category::Loopback, "loopback", false},
    {Category::LinkLocal, "link-local", false},
    {Category::UniqueLocal, "unique-local", false},
    {Category::Multicast, "multicast", false},
    {Category::Broadcast, "broadcast", false},
    {Category::Unspecified, "unspecified", false},
    {Category::Documentation, "documentation", false},
    {Category::Benchmarking, "benchmarking", false},
    {Category::Reserved, "reserved", false},
};
static_assert(std::size(kCategoryCases) == kCategoryCount);

} // namespace

class TestClassifier : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void registryBoundaries_data();
    void registryBoundaries();
    void oracleKnowsEveryRegistryBlock_data();
    void oracleKnowsEveryRegistryBlock();
    void dataLakeFailures_data();
    void dataLakeFailures();
    void registryRowParses_data();
    void registryRowParses();
    void registryPrefixesAreUnique();
    void categoryIdRoundTrip_data();
    void categoryIdRoundTrip();
    void unknownCategoryId_data();
    void unknownCategoryId();
    void isExternalTruthTable_data();
    void isExternalTruthTable();

private:
    struct BoundaryRow
    {
        QByteArray address;
        QByteArray category;
        QByteArray block;
        QByteArray boundary;
    };
    // The rows of registry_boundaries.csv; empty (with a warning saying why)
    // when the file is missing or malformed.
    static QList<BoundaryRow> readBoundaries();

    QList<BoundaryRow> m_boundaries;
};

QList<TestClassifier::BoundaryRow> TestClassifier::readBoundaries()
{
    QList<BoundaryRow> rows;
    QFile file(QStringLiteral(EA_TEST_DATA_DIR "/registry_boundaries.csv"));
    if (!file.open(QIODevice::ReadOnly)) {
        qWarning("cannot open %s", qPrintable(file.fileName()));
        return {};
    }
    const QByteArray header = file.readLine().trimmed();
    if (header != QByteArrayLiteral("address,category,block,boundary")) {
        qWarning("unexpected header: %s", header.constData());
        return {};
    }
    int line = 1;
    while (!file.atEnd()) {
        ++line;
        const QByteArray text = file.readLine().trimmed();
        if (text.isEmpty())
            continue;
        // The generator never quotes: no field contains a comma.
        const QList<QByteArray> fields = text.split(',');
        if (fields.size() != 4) {
            qWarning("line %d: expected 4 fields: %s", line, text.constData());
            return {};
        }
        rows.append({fields[0], fields[1], fields[2], fields[3]});
    }
    return rows;
}

void TestClassifier::initTestCase()
{
    m_boundaries = readBoundaries();
    QVERIFY2(!m_boundaries.isEmpty(), "registry_boundaries.csv is missing, empty or malformed");
}

void TestClassifier::registryBoundaries_data()
{
    QTest::addColumn<QByteArray>("address");
    QTest::addColumn<QByteArray>("category");
    QTest::addColumn<QByteArray>("block");

    for (const BoundaryRow &row : std::as_const(m_boundaries)) {
        QTest::addRow("%s (%s)", row.address.constData(), row.boundary.constData())
            << row.address << row.category << row.block;
    }
}

void TestClassifier::registryBoundaries()
{
    QFETCH(QByteArray, address);
    QFETCH(QByteArray, category);
    QFETCH(QByteArray, block);

    bool ok = false;
    const Classified actual = classifyText(address, ok);
    QVERIFY2(ok, address.constData());
    QCOMPARE(actual.category, category);
    QCOMPARE(actual.block, block);
    QCOMPARE(actual.external, externalId(category));
}

// The oracle must cover the C++ table too, or a block added there without a
// registry source would go untested.
void TestClassifier::oracleKnowsEveryRegistryBlock_data()
{
    QTest::addColumn<QByteArray>("prefix");
    for (const RegistryBlock &block : registryBlocks()) {
        const QByteArray prefix = bytes(block.prefix);
        QTest::addRow("%s", prefix.constData()) << prefix;
    }
}

void TestClassifier::oracleKnowsEveryRegistryBlock()
{
    QFETCH(QByteArray, prefix);
    const QByteArray label = QByteArrayLiteral("first of ") + prefix;
    const bool found = std::any_of(m_boundaries.cbegin(), m_boundaries.cend(),
                                   [&](const BoundaryRow &row) { return row.boundary == label; });
    QVERIFY2(found, "block missing from make_registry_boundaries.py");
}

// The inputs the old data-lake query got wrong, each with the right answer.
void TestClassifier::dataLakeFailures_data()
{
    QTest::addColumn<QByteArray>("address");
    QTest::addColumn<QByteArray>("category");
    QTest::addColumn<QByteArray>("block");

    const auto row = [](const char *address, const char *category, const char *block) {
        QTest::newRow(address) << QByteArray(address) << QByteArray(category) << QByteArray(block);
    };
    row("fc00::1", "unique-local", "fc00::/7");
    row("ff02::1", "multicast", "ff00::/8");
    row("2001:db8::1", "documentation", "2001:db8::/32");
    row("0:0:0:0:0:0:0:1", "loopback", "::1/128");
    row("0000:0000:0000:0000:0000:0000:0000:0001", "loopback", "::1/128");
    row("fe80::1%eth0", "link-local", "fe80::/10");
    row("::ffff:8.8.8.8", "global", "::ffff:0:0/96");
    row("::ffff:10.0.0.1", "private", "10.0.0.0/8");
    row("::", "unspecified", "::/128");
    row("64:ff9b::8.8.8.8", "global", "64:ff9b::/96");
    row("64:ff9b::10.0.0.1", "private", "10.0.0.0/8");
    row("2001:0:4137:9e76::1", "teredo", "2001::/32");
    row("2002:2571:c817::2571:c817", "6to4", "2002::/16");
    // The deprecated 6to4 relay anycast block still reaches public relays
    // (issue #8): external. Its 6a44 address keeps its own, internal, row.
    row("192.88.99.1", "6to4", "192.88.99.0/24");
    row("::ffff:192.88.99.1", "6to4", "192.88.99.0/24");
    row("192.88.99.2", "reserved", "192.88.99.2/32");
    row("d61:e5ac:17fe:250a:393a:696e:666f:5f68", "reserved", "800::/5");
    row("255.255.255.255", "broadcast", "255.255.255.255/32");
    row("100.64.0.1", "shared", "100.64.0.0/10");
    row("198.18.0.1", "benchmarking", "198.18.0.0/15");
    row("240.0.0.1", "reserved", "240.0.0.0/4");
    // Ordinary global unicast: no block.
    row("8.8.8.8", "global", "");
    row("2606:4700:4700::1111", "global", "");
}

void TestClassifier::dataLakeFailures()
{
    QFETCH(QByteArray, address);
    QFETCH(QByteArray, category);
    QFETCH(QByteArray, block);

    bool ok = false;
    const Classified actual = classifyText(address, ok);
    QVERIFY2(ok, address.constData());
    QCOMPARE(actual.category, category);
    QCOMPARE(actual.block, block);
    QCOMPARE(actual.external, externalId(category));
}

void TestClassifier::registryRowParses_data()
{
    QTest::addColumn<int>("index");
    int index = 0;
    for (const RegistryBlock &block : registryBlocks()) {
        QTest::addRow("%s", bytes(block.prefix).constData()) << index;
        ++index;
    }
    QVERIFY(index > 0);
}

void TestClassifier::registryRowParses()
{
    QFETCH(int, index);
    const RegistryBlock &block = registryBlocks()[std::size_t(index)];
    const CidrResult parsed = parseCidr(block.prefix, CidrParsing::Strict);
    QVERIFY2(parsed.ok(), cidrErrorText(parsed.error).data());
    QVERIFY(!block.name.empty());
    QVERIFY(!block.rfc.empty());
}

void TestClassifier::registryPrefixesAreUnique()
{
    const auto blocks = registryBlocks();
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        const CidrResult a = parseCidr(blocks[i].prefix);
        QVERIFY(a.ok());
        for (std::size_t j = i + 1; j < blocks.size(); ++j) {
            const CidrResult b = parseCidr(blocks[j].prefix);
            QVERIFY(b.ok());
            const bool same = blocks[i].prefix == blocks[j].prefix || a.cidr == b.cidr;
            QVERIFY2(!same, bytes(blocks[i].prefix).constData());
        }
    }
}

void TestClassifier::categoryIdRoundTrip_data()
{
    QTest::addColumn<Category>("category");
    QTest::addColumn<QByteArray>("id");
    for (const CategoryCase &c : kCategoryCases)
        QTest::newRow(c.id) << c.category << QByteArray(c.id);
}

void TestClassifier::categoryIdRoundTrip()
{
    QFETCH(Category, category);
    QFETCH(QByteArray, id);

    QCOMPARE(bytes(categoryId(category)), id);
    Category parsed = category == Category::Global ? Category::Reserved : Category::Global;
    QVERIFY(categoryFromId(view(id), parsed));
    QCOMPARE(int(parsed), int(category));
}

void TestClassifier::unknownCategoryId_data()
{
    QTest::addColumn<QByteArray>("id");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("capitalised") << QByteArrayLiteral("Global");
    QTest::newRow("upper case") << QByteArrayLiteral("6TO4");
    QTest::newRow("underscore") << QByteArrayLiteral("link_local");
    QTest::newRow("trailing space") << QByteArrayLiteral("private ");
    QTest::newRow("enumerator name") << QByteArrayLiteral("SixToFour");
    QTest::newRow("external") << QByteArrayLiteral("external");
}

void TestClassifier::unknownCategoryId()
{
    QFETCH(QByteArray, id);
    Category category = Category::Benchmarking;
    QVERIFY(!categoryFromId(view(id), category));
    QCOMPARE(int(category), int(Category::Benchmarking)); // left untouched
}

void TestClassifier::isExternalTruthTable_data()
{
    QTest::addColumn<Category>("category");
    QTest::addColumn<bool>("external");
    for (const CategoryCase &c : kCategoryCases)
        QTest::newRow(c.id) << c.category << c.external;
}

void TestClassifier::isExternalTruthTable()
{
    QFETCH(Category, category);
    QFETCH(bool, external);
    QCOMPARE(isExternal(category), external);
    const Classification classification {category, nullptr};
    QCOMPARE(classification.external(), external);
}

QTEST_GUILESS_MAIN(TestClassifier)
#include "tst_classifier.moc"
