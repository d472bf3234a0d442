#include "import/importsource.h"

#include "core/inputfile.h"
#include "core/text.h"
#include "import/csvreader.h"
#include "import/gzipdevice.h"
#include "import/ndjsonreader.h"
#include "import/w3creader.h"
#include "import/zeektsvreader.h"

#include <QDir>

#include <algorithm>

namespace ea {

namespace {

std::unique_ptr<Reader> makeReader(DetectedFormat::Family family)
{
    switch (family) {
    case DetectedFormat::Family::Csv:
    case DetectedFormat::Family::Tsv:
        return std::make_unique<CsvReader>();
    case DetectedFormat::Family::ZeekTsv:
        return std::make_unique<ZeekTsvReader>();
    case DetectedFormat::Family::Ndjson:
        return std::make_unique<NdjsonReader>();
    case DetectedFormat::Family::W3c:
        return std::make_unique<W3cReader>();
    case DetectedFormat::Family::Unknown:
        break;
    }
    return nullptr;
}

// The first `limit` bytes of another device, then its end: a reader given
// this sees a file's head as a whole file. Read errors of the source pass
// through.
class HeadDevice final : public QIODevice
{
public:
    HeadDevice(QIODevice &source, std::int64_t limit)
        : m_source(source)
        , m_left(limit)
    { }

    [[nodiscard]] bool isSequential() const override { return true; }
    // Whether input was left over when the limit was reached.
    [[nodiscard]] bool truncated() const noexcept { return m_truncated; }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        if (m_left == 0) {
            if (!m_probed) {
                m_probed = true;
                char byte;
                m_truncated = m_source.read(&byte, 1) > 0;
            }
            return 0;
        }
        const qint64 n = m_source.read(data, std::min<qint64>(maxSize, m_left));
        if (n < 0) {
            setErrorString(m_source.errorString());
            return -1;
        }
        m_left -= n;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QIODevice &m_source;
    std::int64_t m_left;
    bool m_probed = false;
    bool m_truncated = false;
};

} // namespace

ImportSource::ImportSource(QString path)
    : m_path(std::move(path))
    , m_name(QDir::toNativeSeparators(m_path))
    , m_file(m_path)
{ }

ImportSource::~ImportSource() = default;

bool ImportSource::open()
{
    if (const QString reason = irregularFileReason(m_path); !reason.isEmpty()) {
        m_error = Error(tr("%1: %2").arg(m_name, reason), Error::Code::Invalid);
        return false;
    }
    m_detected = detectFile(m_path);
    m_reader = makeReader(m_detected.family);
    if (!m_reader) {
        m_error = Error(tr("%1: unrecognised format: %2").arg(m_name, toQString(m_detected.reason)),
                        Error::Code::Invalid);
        return false;
    }
    if (!m_file.open(QIODevice::ReadOnly)) {
        m_error
            = Error(tr("%1: cannot open: %2").arg(m_name, m_file.errorString()), Error::Code::Io);
        m_reader.reset();
        return false;
    }
    m_fileSize = m_file.size();
    return true;
}

ReadResult ImportSource::read(RecordSink &sink, const ReadOptions &options, std::int64_t maxBytes)
{
    Q_ASSERT(m_reader);
    std::unique_ptr<GzipDevice> gzip;
    QIODevice *device = &m_file;
    if (m_detected.gzip) {
        gzip = std::make_unique<GzipDevice>(&m_file);
        gzip->open(QIODevice::ReadOnly);
        device = gzip.get();
    }
    std::unique_ptr<HeadDevice> head;
    if (maxBytes >= 0) {
        head = std::make_unique<HeadDevice>(*device, maxBytes);
        head->open(QIODevice::ReadOnly | QIODevice::Unbuffered);
        device = head.get();
    }
    ReadResult result = m_reader->read(*device, sink, options);
    if (gzip && gzip->hasError() && !sink.cancelled())
        m_decompressError = gzip->errorString().toStdString();
    m_truncated = head && head->truncated();
    return result;
}

Error ImportSource::readFailure(const ReadResult &result) const
{
    if (!m_decompressError.empty())
        return failure(m_decompressError, Error::Code::Io);
    if (!result.ok())
        return Error(tr("%1: %2").arg(m_name, result.error.message()), result.error.code());
    return {};
}

Error ImportSource::failure(std::string_view what, Error::Code code) const
{
    return Error(tr("%1: %2").arg(m_name, toQString(what)), code);
}

} // namespace ea
