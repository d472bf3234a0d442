// MmdbFile: look-ups in MaxMind-format databases through libmaxminddb, on
// fixtures written at test time by tests/data/mmdb/make_fixtures.pl (Debian's
// libmaxmind-db-writer-perl): the GeoLite2 Country and ASN schemas and IPinfo
// lite's, IPv4 and IPv6 networks, the IPv4-mapped subtree, addresses no
// network holds, values of the wrong shape, and files that are no database.

#include <QTest>

#include "testutils.h"

#include "address/ipaddress.h"
#include "import/mmdbfile.h"

#include <QDateTime>
#include <QTemporaryDir>

#include <memory>

using namespace ea;
using namespace ea::test;

namespace {

IpAddress address(const char *text)
{
    const ParseResult r = parseAddress(text);
    if (!r.ok())
        qFatal("bad test address %s", text);
    return r.address;
}

} // namespace

class TestMmdbFile : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void countries();
    void autonomousSystems();
    void ipinfoSchema();
    void ipv4OnlyAndOlderSchemas();
    void replacedFileChangesNothing();
    void filesThatAreNoDatabase();

private:
    std::unique_ptr<MmdbFile> open(const char *name);
    OwnerInfo lookup(const MmdbFile &db, const IpAddress &a);

    QTemporaryDir m_dir;
};

void TestMmdbFile::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QByteArray written = writeMmdbFixtures(m_dir.path());
    QVERIFY2(written.isEmpty(), written.constData());
}

std::unique_ptr<MmdbFile> TestMmdbFile::open(const char *name)
{
    Result<std::unique_ptr<MmdbFile>> opened
        = MmdbFile::open(m_dir.filePath(QString::fromUtf8(name)));
    if (!opened.ok())
        qFatal("%s", qPrintable(opened.error.message()));
    return std::move(opened.value);
}

OwnerInfo TestMmdbFile::lookup(const MmdbFile &db, const IpAddress &a)
{
    OwnerInfo owner;
    const Error error = db.lookup(a, owner);
    if (!error.isNull())
        qFatal("%s", qPrintable(error.message()));
    return owner;
}

void TestMmdbFile::countries()
{
    const std::unique_ptr<MmdbFile> db = open("ea-country.mmdb");
    QCOMPARE(QString::fromStdString(db->databaseType()), QStringLiteral("EA-Test-Country"));
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QVERIFY(db->buildEpoch() > now - 3600 && db->buildEpoch() <= now + 60);

    QCOMPARE(QString::fromStdString(lookup(*db, address("1.1.1.1")).country), QStringLiteral("AU"));
    QCOMPARE(QString::fromStdString(lookup(*db, address("13.114.0.9")).country),
             QStringLiteral("JP"));
    // The IPv4-mapped subtree: an IPv6 address ::ffff:a.b.c.d is a.b.c.d.
    IpAddress mapped = address("::ffff:8.8.8.8");
    QCOMPARE(mapped.family, Family::IPv6);
    QCOMPARE(QString::fromStdString(lookup(*db, mapped).country), QStringLiteral("US"));
    // Only a registered country: that one.
    QCOMPARE(QString::fromStdString(lookup(*db, address("9.9.9.9")).country), QStringLiteral("CH"));
    QCOMPARE(QString::fromStdString(lookup(*db, address("2606:4700::1111")).country),
             QStringLiteral("US"));
    QCOMPARE(QString::fromStdString(lookup(*db, address("2400:cb00:2048::1")).country),
             QStringLiteral("JP")); // "jp" in the file
    // No network holds them: found false, nothing else.
    for (const char *absent : {"192.0.2.1", "8.8.9.8", "2001:db8::1", "::1", "2606:4701::1"}) {
        const OwnerInfo owner = lookup(*db, address(absent));
        QVERIFY2(!owner.found, absent);
        QVERIFY(owner.country.empty() && owner.asn == 0 && owner.organisation.empty());
    }
}

void TestMmdbFile::autonomousSystems()
{
    const std::unique_ptr<MmdbFile> db = open("ea-asn.mmdb");
    OwnerInfo google = lookup(*db, address("8.8.8.8"));
    QVERIFY(google.found);
    QCOMPARE(google.asn, std::int64_t(15169));
    QCOMPARE(QString::fromStdString(google.organisation), QStringLiteral("GOOGLE"));
    QVERIFY(google.country.empty()); // an ASN database names no country
    // A control character in the file's text is shown as a blank.
    QCOMPARE(QString::fromStdString(lookup(*db, address("13.112.5.5")).organisation),
             QStringLiteral("AMAZON-02 line"));
    const OwnerInfo v6 = lookup(*db, address("2606:4700:4700::1111"));
    QCOMPARE(v6.asn, std::int64_t(13335));
    QVERIFY(!lookup(*db, address("9.9.9.9")).found);
}

void TestMmdbFile::ipinfoSchema()
{
    const std::unique_ptr<MmdbFile> db = open("ea-ipinfo.mmdb");
    const OwnerInfo one = lookup(*db, address("1.1.1.1"));
    QCOMPARE(QString::fromStdString(one.country), QStringLiteral("AU"));
    QCOMPARE(one.asn, std::int64_t(13335)); // "AS13335"
    QCOMPARE(QString::fromStdString(one.organisation), QStringLiteral("Cloudflare, Inc."));
    QCOMPARE(lookup(*db, address("2606:4700::1")).asn, std::int64_t(13335));
    // Values of the wrong shape are absent, the rest is kept.
    const OwnerInfo odd = lookup(*db, address("8.8.8.8"));
    QVERIFY(odd.found);
    QVERIFY(odd.country.empty()); // "USA"
    QCOMPARE(odd.asn, std::int64_t(0)); // "AS15169x"
    QCOMPARE(QString::fromStdString(odd.organisation), QStringLiteral("Google LLC"));
}

void TestMmdbFile::ipv4OnlyAndOlderSchemas()
{
    const std::unique_ptr<MmdbFile> v4 = open("ea-v4only.mmdb");
    // Where the address is wins over where its block is registered.
    const OwnerInfo both = lookup(*v4, address("5.1.2.3"));
    QCOMPARE(QString::fromStdString(both.country), QStringLiteral("DE"));
    // IPv4-mapped is IPv4, with no alias in the file to lead there.
    QCOMPARE(QString::fromStdString(lookup(*v4, address("::ffff:5.1.2.3")).country),
             QStringLiteral("DE"));
    // A bare number as the asn text.
    QCOMPARE(lookup(*v4, address("5.2.0.1")).asn, std::int64_t(13335));
    // An IPv4-only database holds no IPv6 network: absent, not an error.
    QVERIFY(!lookup(*v4, address("2606:4700::1")).found);

    const std::unique_ptr<MmdbFile> older = open("ea-countryasn.mmdb");
    const OwnerInfo kpn = lookup(*older, address("5.3.4.5"));
    QCOMPARE(QString::fromStdString(kpn.country), QStringLiteral("NL"));
    QCOMPARE(kpn.asn, std::int64_t(1136));
    QCOMPARE(QString::fromStdString(kpn.organisation), QStringLiteral("KPN B.V."));
}

void TestMmdbFile::replacedFileChangesNothing()
{
    // The analyst's database updated in place while it is open: look-ups
    // go on from what was opened (a mapped file cut short would crash).
    const QString path = m_dir.filePath(QStringLiteral("live.mmdb"));
    QVERIFY(writeFile(path, readFile(m_dir.filePath(QStringLiteral("ea-asn.mmdb")))));
    const std::unique_ptr<MmdbFile> db = open("live.mmdb");
    QVERIFY(writeFile(path, QByteArray("cut")));
    QCOMPARE(lookup(*db, address("8.8.8.8")).asn, std::int64_t(15169));
}

void TestMmdbFile::filesThatAreNoDatabase()
{
    const Result<std::unique_ptr<MmdbFile>> missing
        = MmdbFile::open(m_dir.filePath(QStringLiteral("nope.mmdb")));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error.code(), Error::Code::NotFound);
    QVERIFY(missing.error.message().contains(QStringLiteral("nope.mmdb")));

    const Result<std::unique_ptr<MmdbFile>> csv
        = MmdbFile::open(dataPath("aggregated_connections.csv"));
    QVERIFY(!csv.ok());
    QCOMPARE(csv.error.code(), Error::Code::Invalid);
    QVERIFY(csv.error.message().contains(QStringLiteral("aggregated_connections.csv")));

    // Cut short, and with its search tree overwritten: refused, or every
    // look-up ends in an error or nothing; never a crash (ASan in CI).
    const QByteArray whole = readFile(m_dir.filePath(QStringLiteral("ea-country.mmdb")));
    QVERIFY(whole.size() > 600);
    const QString cut = m_dir.filePath(QStringLiteral("cut.mmdb"));
    QVERIFY(writeFile(cut, whole.left(whole.size() / 2)));
    QVERIFY(!MmdbFile::open(cut).ok());
    QByteArray scrambled = whole;
    for (int k = 0; k < 300; ++k)
        scrambled[k] = char(0xff - k);
    const QString bad = m_dir.filePath(QStringLiteral("bad.mmdb"));
    QVERIFY(writeFile(bad, scrambled));
    Result<std::unique_ptr<MmdbFile>> opened = MmdbFile::open(bad);
    QVERIFY(opened.ok()); // the metadata, at the end, is intact
    int errors = 0;
    for (const char *a : {"1.1.1.1", "8.8.8.8", "2606:4700::1", "255.255.255.255", "ffff::1"}) {
        OwnerInfo owner;
        errors += opened.value->lookup(address(a), owner).isNull() ? 0 : 1;
    }
    QVERIFY(errors > 0);
}

QTEST_GUILESS_MAIN(TestMmdbFile)
#include "tst_mmdbfile.moc"
