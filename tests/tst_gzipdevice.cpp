// GzipDevice: streaming gzip (multi-member) decompression with errors as
// values and bounded memory. Fixtures: tests/data/gz_*; larger streams are
// written with zlib at test time.

#include "import/gzipdevice.h"
#include "testutils.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <sys/resource.h>

#define ZLIB_CONST
#include <zlib.h>

#include <vector>

using namespace ea::test;

namespace {

// What a consumer sees: everything read, and how the stream ended.
struct ReadResult
{
    QByteArray data;
    bool failed = false;
    QString error;
    qint64 compressed = 0;
    bool hasError = false; // GzipDevice::hasError() at the end
};

ReadResult readAllInChunks(QIODevice &source, qint64 chunk)
{
    ReadResult result;
    ea::GzipDevice gzip(&source);
    if (!gzip.open(QIODevice::ReadOnly)) {
        result.failed = true;
        result.error = gzip.errorString();
        return result;
    }
    QByteArray buffer(chunk, Qt::Uninitialized);
    for (;;) {
        const qint64 n = gzip.read(buffer.data(), chunk);
        if (n < 0) {
            result.failed = true;
            result.error = gzip.errorString();
            break;
        }
        if (n == 0)
            break;
        result.data.append(buffer.constData(), n);
    }
    result.compressed = gzip.compressedBytesRead();
    result.hasError = gzip.hasError();
    return result;
}

ReadResult readBytes(const QByteArray &compressed, qint64 chunk = 64 * 1024)
{
    QBuffer buffer;
    buffer.setData(compressed);
    return readAllInChunks(buffer, chunk);
}

QByteArray sampleText(int lines)
{
    QByteArray text;
    for (int i = 0; i < lines; ++i)
        text += "line " + QByteArray::number(i).rightJustified(4, '0')
            + " of a gzip fixture that is cut short\n";
    return text;
}

// Compressible but not trivial: log-like lines with random fields.
QByteArray logLike(qsizetype size, quint32 seed)
{
    QRandomGenerator random(seed);
    QByteArray text;
    text.reserve(size + 128);
    while (text.size() < size) {
        text += "1732000000." + QByteArray::number(random.bounded(1000000)) + ",10.0.0."
            + QByteArray::number(random.bounded(256)) + ",203.0.113."
            + QByteArray::number(random.bounded(256)) + ','
            + QByteArray::number(random.bounded(65536)) + ",tcp\n";
    }
    text.truncate(size);
    return text;
}

// A source whose reads fail after some bytes, like a disk error.
class FailingDevice : public QIODevice
{
public:
    explicit FailingDevice(QByteArray data)
        : m_data(std::move(data))
    { }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        if (m_pos >= m_data.size()) {
            setErrorString(QStringLiteral("simulated I/O error"));
            return -1;
        }
        const qint64 n = qMin(maxSize, qint64(m_data.size() - m_pos));
        memcpy(data, m_data.constData() + m_pos, size_t(n));
        m_pos += n;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_pos = 0;
};

} // namespace

class TestGzipDevice : public QObject
{
    Q_OBJECT

private slots:
    void isGzip_data();
    void isGzip();
    void fixtures_data();
    void fixtures();
    void roundTrip_data();
    void roundTrip();
    void generatedMultiMember();
    void truncatedAtEveryLength();
    void damagedAtEveryByte();
    void readLineAndAtEnd();
    void openModesAndSources();
    void sourceReadError();
    void bombReadsInBoundedMemory();
};

void TestGzipDevice::isGzip_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<bool>("expected");
    QTest::addRow("magic") << QByteArray("\x1f\x8b\x08\x00", 4) << true;
    QTest::addRow("magic only") << QByteArray("\x1f\x8b") << true;
    QTest::addRow("empty") << QByteArray() << false;
    QTest::addRow("one byte") << QByteArray("\x1f") << false;
    QTest::addRow("swapped") << QByteArray("\x8b\x1f") << false;
    QTest::addRow("zlib stream") << QByteArray("\x78\x9c") << false;
    QTest::addRow("text") << QByteArray("ts,dst") << false;
}

void TestGzipDevice::isGzip()
{
    QFETCH(QByteArray, head);
    QFETCH(bool, expected);
    QCOMPARE(ea::GzipDevice::isGzip(head), expected);
}

void TestGzipDevice::fixtures_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("expected"); // all of it, or what precedes the error
    QTest::addColumn<bool>("exact"); // false: only a non-empty prefix of expected
    QTest::addColumn<QString>("error"); // empty: clean end

    QTest::addRow("one member") << dataPath("gz_hello.txt.gz")
                                << QByteArray("hello gzip\nsecond line\n") << true << QString();
    QTest::addRow("two members") << dataPath("gz_multi.gz")
                                 << QByteArray("first member\nsecond member\n") << true
                                 << QString();
    QTest::addRow("empty content") << dataPath("gz_empty.gz") << QByteArray() << true << QString();
    QTest::addRow("truncated") << dataPath("gz_truncated.gz") << sampleText(60) << false
                               << QStringLiteral("truncated gzip stream");
    QTest::addRow("bad crc") << dataPath("gz_corrupt_crc.gz")
                             << QByteArray("data whose crc is wrong\n") << true
                             << QStringLiteral("corrupt gzip data: incorrect data check");
    QTest::addRow("bad block type") << dataPath("gz_corrupt_block.gz") << QByteArray() << true
                                    << QStringLiteral("corrupt gzip data: invalid block type");
    QTest::addRow("trailing garbage")
        << dataPath("gz_trailing_garbage.gz") << QByteArray("complete member\n") << true
        << QStringLiteral("corrupt gzip data: incorrect header check");
}

void TestGzipDevice::fixtures()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, expected);
    QFETCH(bool, exact);
    QFETCH(QString, error);

    for (const qint64 chunk : {qint64(1), qint64(5), qint64(1 << 20)}) {
        QFile source(file);
        const ReadResult result = readAllInChunks(source, chunk);
        QCOMPARE(result.failed, !error.isEmpty());
        QCOMPARE(result.hasError, result.failed);
        if (result.failed)
            QCOMPARE(result.error, error);
        if (exact) {
            QCOMPARE(result.data, expected);
        } else {
            QVERIFY(!result.data.isEmpty());
            QVERIFY(result.data.size() < expected.size());
            QVERIFY(expected.startsWith(result.data));
        }
        QCOMPARE(result.compressed, QFileInfo(file).size());
        QVERIFY(!source.isOpen()); // opened by the device, closed with it
    }
}

void TestGzipDevice::roundTrip_data()
{
    QTest::addColumn<QByteArray>("original");
    QTest::addColumn<int>("level");
    QTest::addColumn<qint64>("chunk");

    const QByteArray big = logLike(3 * 1024 * 1024 + 17, 1);
    QByteArray random(200 * 1024, Qt::Uninitialized);
    QRandomGenerator(2).fillRange(reinterpret_cast<quint32 *>(random.data()),
                                  random.size() / qsizetype(sizeof(quint32)));
    QTest::addRow("empty") << QByteArray() << 6 << qint64(4096);
    QTest::addRow("one byte") << QByteArray("x") << 6 << qint64(4096);
    QTest::addRow("64 KiB - 1, 1-byte reads") << logLike(65535, 3) << 6 << qint64(1);
    QTest::addRow("64 KiB, odd reads") << logLike(65536, 4) << 1 << qint64(4093);
    QTest::addRow("3 MiB level 1, 1 MiB reads") << big << 1 << qint64(1 << 20);
    QTest::addRow("3 MiB level 9, 64 KiB reads") << big << 9 << qint64(64 * 1024);
    QTest::addRow("3 MiB, one read") << big << 6 << qint64(8 * 1024 * 1024);
    QTest::addRow("incompressible") << random << 6 << qint64(7000);
    QTest::addRow("stored blocks") << random << 0 << qint64(65536);
}

void TestGzipDevice::roundTrip()
{
    QFETCH(QByteArray, original);
    QFETCH(int, level);
    QFETCH(qint64, chunk);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("roundtrip.gz"));
    const QByteArray compressed = gzipCompress(original, level);
    QVERIFY(!compressed.isEmpty());
    {
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        QCOMPARE(out.write(compressed), compressed.size());
    }
    QFile source(path);
    const ReadResult result = readAllInChunks(source, chunk);
    QVERIFY2(!result.failed, qPrintable(result.error));
    QVERIFY(!result.hasError);
    QCOMPARE(result.data.size(), original.size());
    QVERIFY(result.data == original);
    QCOMPARE(result.compressed, compressed.size());
}

void TestGzipDevice::generatedMultiMember()
{
    QByteArray original;
    QByteArray compressed;
    for (int i = 0; i < 40; ++i) {
        // Every fifth member is empty, like `gzip < /dev/null >> log.gz`.
        const QByteArray part = i % 5 == 0 ? QByteArray() : logLike(1000 * i + 1, quint32(i));
        original += part;
        compressed += gzipCompress(part, i % 10);
    }
    for (const qint64 chunk : {qint64(100), qint64(65536), qint64(1 << 22)}) {
        const ReadResult result = readBytes(compressed, chunk);
        QVERIFY2(!result.failed, qPrintable(result.error));
        QVERIFY(result.data == original);
    }
}

// Cut anywhere (header, deflate data, trailer, between members): the data
// read is a prefix of the original and the end is "truncated gzip stream".
void TestGzipDevice::truncatedAtEveryLength()
{
    const QByteArray original = sampleText(40);
    const QByteArray member = gzipCompress(original, 9);
    const QByteArray twoMembers = QByteArray(member + member);
    for (qsizetype length = 0; length < twoMembers.size(); ++length) {
        if (length == member.size())
            continue; // exactly one complete member: a valid stream
        const ReadResult result = readBytes(twoMembers.left(length), 7);
        QVERIFY2(result.failed, qPrintable(QString::number(length)));
        QCOMPARE(result.error, QStringLiteral("truncated gzip stream"));
        QVERIFY(QByteArray(original + original).startsWith(result.data));
        if (length > member.size())
            QVERIFY(result.data.size() >= original.size());
    }
    const ReadResult one = readBytes(member);
    QVERIFY(!one.failed);
    QCOMPARE(one.data, original);
}

// Every single-byte change either still inflates to the original (header
// fields nobody checks, like the mtime) or ends in a reported error; never a
// crash, never silently different data.
void TestGzipDevice::damagedAtEveryByte()
{
    const QByteArray original = sampleText(30);
    const QByteArray compressed = gzipCompress(original, 9);
    int errors = 0;
    for (qsizetype i = 0; i < compressed.size(); ++i) {
        for (const char mask : {char(0x01), char(0x80), char(0xff)}) {
            QByteArray damaged = compressed;
            damaged[i] = char(damaged[i] ^ mask);
            const ReadResult result = readBytes(damaged, 1000);
            if (!result.failed) {
                QVERIFY2(result.data == original, qPrintable(QString::number(i)));
                continue;
            }
            ++errors;
            QVERIFY2(result.error.startsWith(QStringLiteral("corrupt gzip data: "))
                         || result.error == QStringLiteral("truncated gzip stream"),
                     qPrintable(result.error));
        }
    }
    QVERIFY(errors > compressed.size());
}

void TestGzipDevice::readLineAndAtEnd()
{
    QFile source(dataPath("gz_multi.gz"));
    ea::GzipDevice gzip(&source);
    QVERIFY(gzip.isSequential());
    QVERIFY(gzip.atEnd()); // not open
    QVERIFY(gzip.open(QIODevice::ReadOnly | QIODevice::Text));
    QVERIFY(!gzip.atEnd());
    QCOMPARE(gzip.readLine(), QByteArray("first member\n"));
    QCOMPARE(gzip.readLine(), QByteArray("second member\n"));
    QCOMPARE(gzip.read(10), QByteArray());
    QVERIFY(gzip.atEnd());
    QVERIFY(!gzip.hasError());
    gzip.close();
    QVERIFY(!source.isOpen());

    // Re-opening starts from the beginning of a reopened source.
    QVERIFY(gzip.open(QIODevice::ReadOnly));
    QCOMPARE(gzip.readAll(), QByteArray("first member\nsecond member\n"));
}

void TestGzipDevice::openModesAndSources()
{
    QFile missing(dataPath("gz_does_not_exist.gz"));
    ea::GzipDevice fromMissing(&missing);
    QVERIFY(!fromMissing.open(QIODevice::ReadOnly));
    QVERIFY(fromMissing.errorString().startsWith(QStringLiteral("cannot open compressed input: ")));

    QFile source(dataPath("gz_hello.txt.gz"));
    ea::GzipDevice gzip(&source);
    QVERIFY(!gzip.open(QIODevice::WriteOnly));
    QVERIFY(!gzip.open(QIODevice::ReadWrite));
    QVERIFY(!gzip.open(QIODevice::ReadOnly | QIODevice::Append));
    QVERIFY(!source.isOpen());

    // A source the caller opened stays open after close().
    QVERIFY(source.open(QIODevice::ReadOnly));
    QVERIFY(gzip.open(QIODevice::ReadOnly));
    QVERIFY(!gzip.open(QIODevice::ReadOnly)); // already open
    QCOMPARE(gzip.readAll(), QByteArray("hello gzip\nsecond line\n"));
    gzip.close();
    QVERIFY(source.isOpen());

    QBuffer writeOnly;
    QVERIFY(writeOnly.open(QIODevice::WriteOnly));
    ea::GzipDevice fromWriteOnly(&writeOnly);
    QVERIFY(!fromWriteOnly.open(QIODevice::ReadOnly));

    ea::GzipDevice fromNothing(nullptr);
    QVERIFY(!fromNothing.open(QIODevice::ReadOnly));

    // The source is deleted while the device is open: an error, not a crash.
    auto *buffer = new QBuffer;
    buffer->setData(gzipCompress(logLike(1000000, 9))); // several input buffers' worth
    ea::GzipDevice orphan(buffer);
    QVERIFY(orphan.open(QIODevice::ReadOnly));
    char head[10];
    QCOMPARE(orphan.read(head, sizeof head), qint64(sizeof head));
    delete buffer;
    QByteArray rest(1 << 20, Qt::Uninitialized);
    qint64 n = 0;
    while ((n = orphan.read(rest.data(), rest.size())) > 0) { }
    QCOMPARE(n, qint64(-1));
    QVERIFY(orphan.hasError());
    QVERIFY(orphan.errorString().startsWith(QStringLiteral("cannot read compressed input: ")));
}

void TestGzipDevice::sourceReadError()
{
    const QByteArray original = logLike(500000, 5);
    const QByteArray compressed = gzipCompress(original, 6);
    FailingDevice source(compressed.left(compressed.size() / 2));
    QVERIFY(source.open(QIODevice::ReadOnly));
    const ReadResult result = readAllInChunks(source, 65536);
    QVERIFY(result.failed);
    QCOMPARE(result.error, QStringLiteral("cannot read compressed input: simulated I/O error"));
    QVERIFY(!result.data.isEmpty());
    QVERIFY(original.startsWith(result.data));
}

// 512 MiB of zeros from about half a MiB of gzip: read in 1 MiB chunks, the
// resident memory must not grow with the output.
void TestGzipDevice::bombReadsInBoundedMemory()
{
    constexpr qint64 kOutput = qint64(512) << 20;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("bomb.gz"));
    {
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        z_stream zs {};
        QCOMPARE(deflateInit2(&zs, 9, Z_DEFLATED, 16 + MAX_WBITS, 9, Z_DEFAULT_STRATEGY), Z_OK);
        std::vector<unsigned char> zeros(1 << 20, 0);
        std::vector<unsigned char> buffer(1 << 16);
        for (qint64 fed = 0; fed <= kOutput; fed += qint64(zeros.size())) {
            const bool last = fed == kOutput;
            zs.next_in = zeros.data();
            zs.avail_in = last ? 0 : uInt(zeros.size());
            int rc = Z_OK;
            do {
                zs.next_out = buffer.data();
                zs.avail_out = uInt(buffer.size());
                rc = deflate(&zs, last ? Z_FINISH : Z_NO_FLUSH);
                out.write(reinterpret_cast<const char *>(buffer.data()),
                          qint64(buffer.size() - zs.avail_out));
            } while (zs.avail_out == 0 || (last && rc != Z_STREAM_END));
        }
        deflateEnd(&zs);
    }
    const qint64 compressedSize = QFileInfo(path).size();
    QVERIFY2(kOutput / compressedSize > 500, qPrintable(QString::number(compressedSize)));

    const long rssBefore = maxRssKiB();
    QFile source(path);
    ea::GzipDevice gzip(&source);
    QVERIFY(gzip.open(QIODevice::ReadOnly));
    std::vector<char> chunk(1 << 20);
    qint64 total = 0;
    bool allZero = true;
    for (;;) {
        const qint64 n = gzip.read(chunk.data(), qint64(chunk.size()));
        QVERIFY2(n >= 0, qPrintable(gzip.errorString()));
        if (n == 0)
            break;
        total += n;
        if (total % (qint64(64) << 20) == 0) // sample: checking every byte would dominate
            allZero = allZero && chunk[size_t(n - 1)] == 0;
    }
    const long grownKiB = maxRssKiB() - rssBefore;
    qInfo("%lld bytes of gzip inflated to %lld bytes; peak RSS grew by %ld KiB", compressedSize,
          total, grownKiB);
    QCOMPARE(total, kOutput);
    QVERIFY(allZero);
    QCOMPARE(gzip.compressedBytesRead(), compressedSize);
    QVERIFY2(grownKiB < 32 * 1024, qPrintable(QStringLiteral("RSS grew by %1 KiB").arg(grownKiB)));
}

QTEST_GUILESS_MAIN(TestGzipDevice)
#include "tst_gzipdevice.moc"
