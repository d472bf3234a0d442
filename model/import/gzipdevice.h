#pragma once

#include <QByteArrayView>
#include <QIODevice>
#include <QPointer>

#include <memory>

namespace ea {

// Reads a gzip stream (RFC 1952, one or more concatenated members, as `cat
// a.gz b.gz` or pigz produce) from another device as a sequential, read-only
// device of the decompressed bytes.
//
// Memory is bounded whatever the compression ratio: one fixed input buffer
// and the zlib window; output is inflated straight into the caller's buffer,
// so a "gzip bomb" costs time, not memory.
//
// Errors are values, not exceptions: readData() first hands out everything
// that could be inflated, then returns -1 with errorString() set to
//  - "truncated gzip stream" when the input ends inside a member (or is empty),
//  - "corrupt gzip data: <zlib's message>" for bad headers, bad deflate data,
//    CRC/length mismatches and non-gzip bytes after a member,
//  - "cannot read compressed input: <source error>" when the source fails.
// A clean end of the last member reads as 0 (end of data).
//
// The source is read with blocking semantics (a file, a pipe, a buffer):
// read() == 0 means its end. It is not owned and must outlive this device
// while it is open (parent it to this device to tie their lifetimes). open()
// opens the source read-only if it is not open yet, and close() closes it
// again in that case.
class GzipDevice : public QIODevice
{
    Q_OBJECT

public:
    explicit GzipDevice(QIODevice *source, QObject *parent = nullptr);
    ~GzipDevice() override;

    // The gzip magic 1f 8b at the start of head.
    [[nodiscard]] static bool isGzip(QByteArrayView head) noexcept;

    bool open(OpenMode mode) override;
    void close() override;
    [[nodiscard]] bool isSequential() const override { return true; }
    [[nodiscard]] bool atEnd() const override;

    // True once a read has failed (truncated, corrupt, source error). Use this,
    // not errorString().isEmpty(): QIODevice says "Unknown error" when unset.
    [[nodiscard]] bool hasError() const noexcept { return m_state == State::Failed; }

    // Compressed bytes taken from the source so far: import progress against
    // the file size, as the decompressed size is unknown until the end.
    [[nodiscard]] qint64 compressedBytesRead() const noexcept { return m_compressedRead; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 maxSize) override;

private:
    enum class State { Reading, Finished, Failed };

    void fail(const QString &message);

    struct Inflater; // zlib state and the input buffer, kept out of this header
    QPointer<QIODevice> m_source;
    std::unique_ptr<Inflater> m_inflater;
    qint64 m_compressedRead = 0;
    State m_state = State::Finished;
    bool m_openedSource = false;
    bool m_inMember = false; // input of the current member has been fed to zlib
    bool m_completedMember = false;
};

} // namespace ea
