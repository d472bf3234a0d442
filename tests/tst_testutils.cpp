// The shared test helpers of testutils.h: a helper that lies would make every
// suite that uses it pass or fail for the wrong reason.

#include "import/gzipdevice.h"
#include "storage/sqlite.h"
#include "testutils.h"

#include <QBuffer>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <vector>

using namespace ea;
using namespace ea::test;

class TestTestUtils : public QObject
{
    Q_OBJECT

private slots:
    void dataPathNamesAFixture();
    void writeFileReplacesAndReadFileReadsBack();
    void writeFileAndReadFileReportFailure();
    void sha256HexOfContentAndOfMissingFile();
    void gzipCompressRoundTrips_data();
    void gzipCompressRoundTrips();
    void scalarFirstColumnOrMinusOne();
    void maxRssKiBGrowsWithTouchedMemory();
    void briefNamesAddressCategoryExternalAndCount();
};

void TestTestUtils::dataPathNamesAFixture()
{
    QVERIFY(QFileInfo(dataPath("gz_hello.txt.gz")).isFile());
    QCOMPARE(dataPath("gz_hello.txt.gz"), dataPath(QStringLiteral("gz_hello.txt.gz")));
    QCOMPARE(realdataPath("x.csv"), realdataDir() + QStringLiteral("/x.csv"));
}

void TestTestUtils::writeFileReplacesAndReadFileReadsBack()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("f.bin"));
    QVERIFY(writeFile(path, QByteArray("a longer first content\0with a NUL", 33)));
    QVERIFY(writeFile(path, "short"));
    QCOMPARE(readFile(path), QByteArray("short")); // truncated, not overwritten in place
}

void TestTestUtils::writeFileAndReadFileReportFailure()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(!writeFile(dir.path(), "x")); // a directory
    QCOMPARE(readFile(dir.filePath(QStringLiteral("missing"))), QByteArray());
}

void TestTestUtils::sha256HexOfContentAndOfMissingFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("abc"));
    QVERIFY(writeFile(path, "abc"));
    QCOMPARE(sha256Hex(path),
             QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    QCOMPARE(sha256Hex(dir.filePath(QStringLiteral("missing"))), QByteArray("unreadable"));
}

void TestTestUtils::gzipCompressRoundTrips_data()
{
    QTest::addColumn<QByteArray>("plain");
    QTest::addColumn<int>("level");
    QTest::addRow("empty") << QByteArray() << int(Z_DEFAULT_COMPRESSION);
    QTest::addRow("text, default level") << QByteArray("a,b\n1,2\n") << int(Z_DEFAULT_COMPRESSION);
    QTest::addRow("repetitive, fastest") << QByteArray(200000, 'x') << int(Z_BEST_SPEED);
}

void TestTestUtils::gzipCompressRoundTrips()
{
    QFETCH(QByteArray, plain);
    QFETCH(int, level);
    const QByteArray packed = gzipCompress(plain, level);
    QVERIFY(GzipDevice::isGzip(packed));
    QBuffer source;
    source.setData(packed);
    GzipDevice gzip(&source);
    QVERIFY(gzip.open(QIODevice::ReadOnly));
    QCOMPARE(gzip.readAll(), plain);
    QVERIFY(!gzip.hasError());
}

void TestTestUtils::scalarFirstColumnOrMinusOne()
{
    SqliteDb db;
    QVERIFY(db.open(":memory:", SqliteDb::Access::ReadWriteCreate));
    QCOMPARE(scalar(db, "SELECT 42, 7"), std::int64_t(42));
    QCOMPARE(scalar(db, "SELECT 1 WHERE 0"), std::int64_t(-1));
}

void TestTestUtils::maxRssKiBGrowsWithTouchedMemory()
{
    const long before = maxRssKiB();
    QVERIFY(before > 0);
    std::vector<char> touched(64 * 1024 * 1024, 1); // written, so resident
    QVERIFY(maxRssKiB() >= before + 32 * 1024);
    QCOMPARE(touched.back(), char(1));
}

void TestTestUtils::briefNamesAddressCategoryExternalAndCount()
{
    DestinationRow row;
    row.canonical = "2001:db8::1";
    row.category = "documentation";
    row.connections = 42;
    QCOMPARE(brief(row), QStringLiteral("2001:db8::1|documentation|false|42"));
    row.external = true;
    QCOMPARE(brief(row), QStringLiteral("2001:db8::1|documentation|true|42"));
}

QTEST_GUILESS_MAIN(TestTestUtils)
#include "tst_testutils.moc"
