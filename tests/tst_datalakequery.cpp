// DataLakeQuery: the SQL text's block table classifies every address as the
// engine's Classifier does (read back and matched here the way Trino's
// contains() matches), marks and names are quoted, and the options are checked.
// tests/datalake/check_datalake_query.py runs the same text in DuckDB.

#include <QTest>

#include "address/addresstext.h"
#include "address/cidr.h"
#include "address/classifier.h"
#include "address/ipaddress.h"
#include "export/datalakequery.h"
#include "storage/marks.h"

#include <random>
#include <regex>
#include <string>
#include <vector>

using namespace ea;

namespace {

struct Row
{
    Cidr cidr;
    std::string value; // category or status
};

// The rows of one VALUES list of the query: ('cidr', bits, 'value').
std::vector<Row> valuesOf(const std::string &sql, const std::string &cte)
{
    const std::size_t start = sql.find(cte + " (cidr, bits, ");
    const std::size_t end = sql.find("\n),", start);
    if (start == std::string::npos || end == std::string::npos)
        qFatal("no %s in the query", cte.c_str());
    const std::string body = sql.substr(start, end - start);
    static const std::regex row(R"(\('([^']+)', (\d+), '([^']+)'\))");
    std::vector<Row> rows;
    for (auto it = std::sregex_iterator(body.begin(), body.end(), row);
         it != std::sregex_iterator(); ++it) {
        const CidrResult parsed = parseCidr((*it)[1].str());
        if (!parsed.ok())
            qFatal("unparsable block %s", (*it)[1].str().c_str());
        if (std::stoi((*it)[2].str()) != parsed.cidr.prefixLength)
            qFatal("bits of %s", (*it)[1].str().c_str());
        rows.push_back({parsed.cidr, (*it)[3].str()});
    }
    return rows;
}

// As the import stores a peer: an IPv4-mapped address is the IPv4 destination.
IpAddress destinationOf(IpAddress a)
{
    if (a.family == Family::IPv6 && a.isV4Mapped())
        a.family = Family::IPv4;
    return a;
}

// Trino's contains(): an IPv4 block holds IPv4 addresses (IPv4-mapped ones
// included: the engine's IPADDRESS makes them IPv4), an IPv6 block the rest.
bool trinoContains(const Cidr &cidr, const IpAddress &address)
{
    const IpAddress a = destinationOf(address);
    if (cidr.network.family != a.family)
        return false;
    return cidr.contains(a);
}

// The most specific row holding the address, as the query's max_by(…, bits).
std::string lookup(const std::vector<Row> &rows, const IpAddress &address, const char *none)
{
    int best = -1;
    std::string value = none;
    for (const Row &r : rows) {
        if (trinoContains(r.cidr, address) && r.cidr.prefixLength > best) {
            best = r.cidr.prefixLength;
            value = r.value;
        }
    }
    return value;
}

IpAddress address(const char *text)
{
    const ParseResult r = parseAddress(text);
    if (!r.ok())
        qFatal("bad test address %s", text);
    return r.address;
}

Mark mark(const char *cidr, MarkStatus status)
{
    Mark m;
    m.cidr = normalizedCidr(parseCidr(cidr).cidr); // as Marks stores it
    m.status = status;
    return m;
}

} // namespace

class TestDataLakeQuery : public QObject
{
    Q_OBJECT

private slots:
    void blocksClassifyAsTheEngine();
    void marksAreTheCasesMostSpecific();
    void namesAreQuoted();
    void columnErrors();
    void dialects();
};

void TestDataLakeQuery::blocksClassifyAsTheEngine()
{
    const std::string sql = DataLakeQuery::build(DataLakeDialect::Trino, {}, {});
    const std::vector<Row> rows = valuesOf(sql, "special_blocks");
    QVERIFY(rows.size() > registryBlocks().size());
    // Trino refuses an IPv4-mapped block in contains(); the engine has none.
    for (const Row &r : rows)
        QVERIFY(r.cidr.network.family == Family::IPv4 || !r.cidr.network.isV4Mapped());

    std::vector<IpAddress> probes;
    // Each block's first and last address and the neighbours outside it.
    for (const RegistryBlock &b : registryBlocks()) {
        const Cidr c = parseCidr(b.prefix).cidr;
        probes.push_back(c.first());
        probes.push_back(c.last());
        if (c.network.family == Family::IPv4) {
            if (c.first().v4() > 0)
                probes.push_back(IpAddress::fromV4(c.first().v4() - 1));
            if (c.last().v4() < 0xffffffffU)
                probes.push_back(IpAddress::fromV4(c.last().v4() + 1));
            continue;
        }
        const IpAddress first = c.first();
        const IpAddress last = c.last();
        if (first.lo() > 0 || first.hi() > 0)
            probes.push_back(IpAddress::fromV6(first.hi() - (first.lo() == 0), first.lo() - 1));
        if (~last.lo() != 0 || ~last.hi() != 0)
            probes.push_back(IpAddress::fromV6(last.hi() + (~last.lo() == 0), last.lo() + 1));
    }
    // NAT64 with every kind of IPv4 inside, IPv4-mapped and plain spellings.
    for (const char *text : {"64:ff9b::8.8.8.8",
                             "64:ff9b::10.1.2.3",
                             "64:ff9b::192.168.0.1",
                             "64:ff9b::127.0.0.1",
                             "64:ff9b::224.0.0.251",
                             "64:ff9b::192.0.0.9",
                             "64:ff9b::192.88.99.1",
                             "64:ff9b::100.64.0.1",
                             "64:ff9b:1::1",
                             "::ffff:8.8.8.8",
                             "::ffff:10.0.0.1",
                             "::ffff:192.0.0.170",
                             "::8.8.8.8",
                             "2001::1",
                             "2002::1",
                             "fc00::1",
                             "fe80::1",
                             "2606:4700::1111",
                             "1.1.1.1",
                             "100.127.255.255",
                             "ff02::1",
                             "::",
                             "::1"})
        probes.push_back(address(text));
    std::mt19937_64 random(20261206);
    for (int i = 0; i < 20000; ++i) {
        const std::uint64_t hi = random();
        const std::uint64_t lo = random();
        probes.push_back(i % 2 ? IpAddress::fromV4(std::uint32_t(hi))
                               : IpAddress::fromV6(i % 4 == 0 ? (0x0064ff9bULL << 32) : hi,
                                                   i % 4 == 0 ? lo & 0xffffffffU : lo));
    }

    const Classifier &classifier = Classifier::instance();
    for (const IpAddress &probe : probes) {
        const IpAddress destination = destinationOf(probe);
        const std::string expected(categoryId(classifier.classify(destination).category));
        const std::string got = lookup(rows, destination, "global");
        if (got != expected) {
            QFAIL(qPrintable(QStringLiteral("%1: the query says %2, the engine %3")
                                 .arg(QString::fromStdString(toString(probe)),
                                      QString::fromStdString(got),
                                      QString::fromStdString(expected))));
        }
    }
}

void TestDataLakeQuery::marksAreTheCasesMostSpecific()
{
    const std::string none = DataLakeQuery::build(DataLakeDialect::Trino, {}, {});
    QVERIFY(valuesOf(none, "case_marks").empty());

    const std::vector<Mark> marks = {
        mark("8.8.0.0/16", MarkStatus::KnownSafe),
        mark("8.8.8.8/32", MarkStatus::Suspicious),
        mark("::ffff:9.0.0.0/104", MarkStatus::Internal), // spelled IPv6: it is 9.0.0.0/8
        mark("2001:db8::/32", MarkStatus::Malicious),
        mark("::/0", MarkStatus::Internal), // IPv6 only, as in the engine
    };
    const std::string sql = DataLakeQuery::build(DataLakeDialect::Trino, {}, marks);
    const std::vector<Row> rows = valuesOf(sql, "case_marks");
    QCOMPARE(rows.size(), marks.size());
    QVERIFY(sql.find("('9.0.0.0/8', 8, 'internal')") != std::string::npos);

    const MarkIndex index(marks);
    for (const char *text : {"8.8.8.8", "8.8.4.4", "::ffff:8.8.8.8", "9.1.2.3", "::ffff:9.1.2.3",
                             "1.1.1.1", "2001:db8::1", "2606:4700::1", "64:ff9b::808:808"}) {
        const IpAddress a = destinationOf(address(text));
        QCOMPARE(QString::fromStdString(lookup(rows, a, "unreviewed")),
                 QString::fromUtf8(markStatusId(index.statusFor(a)).data()));
    }
}

void TestDataLakeQuery::namesAreQuoted()
{
    DataLakeColumns columns;
    QVERIFY(DataLakeQuery::setColumn(columns, "table", "lake.sls.conn\"x").isNull());
    QVERIFY(DataLakeQuery::setColumn(columns, "dst", "destination.remote \"ip\"").isNull());
    QVERIFY(DataLakeQuery::setColumn(columns, "time", "ts_ns").isNull());
    QVERIFY(DataLakeQuery::setColumn(columns, "port", "rport").isNull());
    QVERIFY(DataLakeQuery::setColumn(columns, "process", "proc").isNull());
    QVERIFY(DataLakeQuery::setColumn(columns, "sensor", "host'id").isNull());
    const std::string sql = DataLakeQuery::build(DataLakeDialect::Trino, columns, {});
    QVERIFY(sql.find("FROM \"lake\".\"sls\".\"conn\"\"x\"\n") != std::string::npos);
    QVERIFY(sql.find("CAST(\"destination\".\"remote \"\"ip\"\"\" AS varchar)")
            != std::string::npos);
    QVERIFY(sql.find("TRY_CAST(\"ts_ns\" AS bigint)") != std::string::npos);
    QVERIFY(sql.find("TRY_CAST(\"rport\" AS integer)") != std::string::npos);
    QVERIFY(sql.find("CAST(\"proc\" AS varchar) AS process_uuid") != std::string::npos);
    QVERIFY(sql.find("CAST(\"host'id\" AS varchar) AS sensor_id") != std::string::npos);
    // The default names are nowhere left.
    QVERIFY(sql.find("\"dst_addr\"") == std::string::npos);
    QVERIFY(sql.find("\"connections\"") == std::string::npos);
    // The result's columns stay the contract's.
    QVERIFY(sql.find("AS dst_addr,\n  e.dst_port,\n  e.process_uuid,\n  e.sensor_id,\n  "
                     "r.category,\n  r.status,\n  count(*) AS connections,\n  min(e.ts) AS "
                     "first_seen_ns,\n  max(e.ts) AS last_seen_ns\n")
            != std::string::npos);
}

void TestDataLakeQuery::columnErrors()
{
    DataLakeColumns columns;
    QVERIFY(!DataLakeQuery::setColumn(columns, "dest", "x").isNull());
    QVERIFY(!DataLakeQuery::setColumn(columns, "dst", "").isNull());
    QVERIFY(!DataLakeQuery::setColumn(columns, "dst", "a\nb").isNull());
    QVERIFY(!DataLakeQuery::setColumn(columns, "dst", ".dst").isNull());
    QVERIFY(!DataLakeQuery::setColumn(columns, "port", "dst.").isNull());
    QVERIFY(!DataLakeQuery::setColumn(columns, "table", "a..b").isNull());
    QVERIFY(!DataLakeQuery::setColumn(columns, "table", ".a").isNull());
    QVERIFY(!DataLakeQuery::setColumn(columns, "table", "a.").isNull());
    // A refused name changes nothing.
    QCOMPARE(QString::fromStdString(columns.destination), QStringLiteral("dst_addr"));
    QCOMPARE(QString::fromStdString(columns.table), QStringLiteral("connections"));
    QCOMPARE(DataLakeQuery::columnKeys().size(), std::size_t(6));
}

void TestDataLakeQuery::dialects()
{
    DataLakeDialect d = DataLakeDialect::Trino;
    QVERIFY(dataLakeDialectFromId("athena", d));
    QCOMPARE(d, DataLakeDialect::Athena);
    QVERIFY(dataLakeDialectFromId("trino", d));
    QCOMPARE(d, DataLakeDialect::Trino);
    QVERIFY(!dataLakeDialectFromId("presto", d));
    QCOMPARE(QString::fromUtf8(dataLakeDialectId(DataLakeDialect::Athena).data()),
             QStringLiteral("athena"));
    const std::string trino = DataLakeQuery::build(DataLakeDialect::Trino, {}, {});
    const std::string athena = DataLakeQuery::build(DataLakeDialect::Athena, {}, {});
    QVERIFY(trino.starts_with("-- Egress Auditor data-lake query (Trino)."));
    QVERIFY(athena.starts_with("-- Egress Auditor data-lake query (Amazon Athena"));
    QCOMPARE(athena.substr(athena.find('\n')), trino.substr(trino.find('\n')));
}

QTEST_GUILESS_MAIN(TestDataLakeQuery)
#include "tst_datalakequery.moc"
