#include "import/gzipdevice.h"

#include <zlib.h>

#include <array>

namespace ea {

namespace {

constexpr qsizetype kInputSize = 64 * 1024;
// zlib counts in uInt; larger reads are served in pieces of this size.
constexpr qint64 kMaxOutputPerCall = qint64(1) << 30;

} // namespace

struct GzipDevice::Inflater
{
    z_stream stream {};
    bool initialised = false;
    std::array<unsigned char, kInputSize> input {};

    Inflater() = default;
    Inflater(const Inflater &) = delete;
    Inflater &operator=(const Inflater &) = delete;
    ~Inflater()
    {
        if (initialised)
            inflateEnd(&stream);
    }
};

GzipDevice::GzipDevice(QIODevice *source, QObject *parent)
    : QIODevice(parent)
    , m_source(source)
{ }

GzipDevice::~GzipDevice()
{
    if (isOpen())
        close();
}

bool GzipDevice::isGzip(QByteArrayView head) noexcept
{
    return head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0x1f
        && static_cast<unsigned char>(head[1]) == 0x8b;
}

bool GzipDevice::open(OpenMode mode)
{
    if (isOpen()) {
        setErrorString(tr("gzip device is already open"));
        return false;
    }
    if (!mode.testFlag(ReadOnly) || mode.testAnyFlags(WriteOnly | Append | Truncate | NewOnly)) {
        setErrorString(tr("gzip data can only be read"));
        return false;
    }
    if (!m_source) {
        setErrorString(tr("no compressed input"));
        return false;
    }
    m_openedSource = false;
    if (!m_source->isOpen()) {
        if (!m_source->open(ReadOnly)) {
            setErrorString(tr("cannot open compressed input: %1").arg(m_source->errorString()));
            return false;
        }
        m_openedSource = true;
    } else if (!m_source->isReadable()) {
        setErrorString(tr("compressed input is not readable"));
        return false;
    }

    m_inflater = std::make_unique<Inflater>();
    // 16 + MAX_WBITS: gzip wrapper only (a bare zlib or deflate stream is corrupt).
    const int rc = inflateInit2(&m_inflater->stream, 16 + MAX_WBITS);
    if (rc != Z_OK) {
        setErrorString(
            tr("cannot start gzip decompression: %1").arg(QString::fromLatin1(zError(rc))));
        m_inflater.reset();
        if (m_openedSource)
            m_source->close();
        m_openedSource = false;
        return false;
    }
    m_inflater->initialised = true;
    m_compressedRead = 0;
    m_inMember = false;
    m_completedMember = false;
    m_state = State::Reading;
    return QIODevice::open(mode);
}

void GzipDevice::close()
{
    if (!isOpen())
        return;
    QIODevice::close();
    m_inflater.reset();
    if (m_openedSource && m_source)
        m_source->close();
    m_openedSource = false;
    m_state = State::Finished;
}

bool GzipDevice::atEnd() const
{
    return !isOpen() || (m_state != State::Reading && QIODevice::bytesAvailable() == 0);
}

void GzipDevice::fail(const QString &message)
{
    setErrorString(message);
    m_state = State::Failed;
}

qint64 GzipDevice::readData(char *data, qint64 maxSize)
{
    if (m_state == State::Failed)
        return -1;
    if (m_state == State::Finished || maxSize <= 0 || !m_inflater)
        return 0;

    z_stream &zs = m_inflater->stream;
    const qint64 requested = qMin(maxSize, kMaxOutputPerCall);
    zs.next_out = reinterpret_cast<Bytef *>(data);
    zs.avail_out = uInt(requested);

    while (zs.avail_out > 0 && m_state == State::Reading) {
        if (zs.avail_in == 0) {
            if (!m_source) {
                fail(
                    tr("cannot read compressed input: %1").arg(tr("the input device was deleted")));
                break;
            }
            const qint64 n
                = m_source->read(reinterpret_cast<char *>(m_inflater->input.data()), kInputSize);
            if (n < 0) {
                fail(tr("cannot read compressed input: %1").arg(m_source->errorString()));
                break;
            }
            if (n == 0) {
                // zlib may still hold output of input it has taken (the rest
                // of a match that did not fit the last call's buffer): hand it
                // out first, or a source that ends just here loses it.
                if (m_inMember) {
                    const uInt room = zs.avail_out;
                    const int rc = inflate(&zs, Z_NO_FLUSH);
                    if ((rc == Z_OK || rc == Z_BUF_ERROR) && zs.avail_out < room)
                        break;
                }
                // End of input: clean only right after a complete member.
                if (m_inMember || !m_completedMember)
                    fail(tr("truncated gzip stream"));
                else
                    m_state = State::Finished;
                break;
            }
            m_compressedRead += n;
            zs.next_in = m_inflater->input.data();
            zs.avail_in = uInt(n);
        }
        m_inMember = true;
        const int rc = inflate(&zs, Z_NO_FLUSH);
        if (rc == Z_STREAM_END) {
            // Another member may follow (concatenated .gz files).
            m_inMember = false;
            m_completedMember = true;
            if (inflateReset(&zs) != Z_OK) {
                fail(tr("corrupt gzip data: %1").arg(QString::fromLatin1(zError(Z_STREAM_ERROR))));
                break;
            }
            continue;
        }
        if (rc != Z_OK && rc != Z_BUF_ERROR) {
            const char *message = zs.msg ? zs.msg : zError(rc);
            fail(tr("corrupt gzip data: %1").arg(QString::fromLatin1(message)));
            break;
        }
    }

    const qint64 produced = requested - qint64(zs.avail_out);
    zs.next_out = nullptr;
    zs.avail_out = 0;
    // Hand out what was inflated before an error; the error comes next call.
    if (produced == 0 && m_state == State::Failed)
        return -1;
    return produced;
}

qint64 GzipDevice::writeData(const char *data, qint64 maxSize)
{
    Q_UNUSED(data);
    Q_UNUSED(maxSize);
    return -1;
}

} // namespace ea
