#pragma once

#include "core/error.h"
#include "import/formatdetector.h"
#include "import/reader.h"

#include <QCoreApplication>
#include <QFile>
#include <QString>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace ea {

// One export file opened for reading: its detected format, the reader for
// that format and the (decompressed) bytes. ImportJob and previewImport both
// read through it, so a file is detected, given a reader, mapped and refused
// in the same words by either: the rules stay in the detector and the
// readers, and no second copy of them exists for the preview.
class ImportSource
{
    Q_DECLARE_TR_FUNCTIONS(ea::ImportSource)

public:
    explicit ImportSource(QString path);
    ~ImportSource();
    ImportSource(const ImportSource &) = delete;
    ImportSource &operator=(const ImportSource &) = delete;

    // Detects the format and opens the file. False when the file is refused
    // before any reading (not a regular file or an unrecognised format:
    // Invalid; cannot open: Io): error() says why, naming the file.
    [[nodiscard]] bool open();

    [[nodiscard]] const DetectedFormat &detected() const noexcept { return m_detected; }
    [[nodiscard]] std::int64_t fileSize() const noexcept { return m_fileSize; }
    [[nodiscard]] const Error &error() const noexcept { return m_error; }

    // Streams the file, decompressed when it is gzip, through the reader into
    // the sink; once, after a successful open(), on the thread that reads.
    // With maxBytes >= 0 the reader sees at most that many decompressed bytes
    // and takes them for the whole file (a preview of the head).
    ReadResult read(RecordSink &sink, const ReadOptions &options, std::int64_t maxBytes = -1);

    // The last read stopped at maxBytes with more input left.
    [[nodiscard]] bool truncated() const noexcept { return m_truncated; }
    // The gzip stream broke during the read (truncated, corrupt data, bad
    // CRC): an I/O failure rather than a refusal. Does not name the file.
    [[nodiscard]] const std::string &decompressError() const noexcept { return m_decompressError; }
    // Why the read's result cannot be imported, naming the file, or a null
    // Error: a broken gzip stream first (Io; the reader's own read error
    // follows from it), else the reader's error with its code.
    [[nodiscard]] Error readFailure(const ReadResult &result) const;
    // "<file>: <what>", how every failure of reading is worded.
    [[nodiscard]] Error failure(std::string_view what,
                                Error::Code code = Error::Code::Failed) const;

private:
    QString m_path;
    QString m_name; // for messages, with native separators
    DetectedFormat m_detected;
    std::unique_ptr<Reader> m_reader;
    QFile m_file;
    std::int64_t m_fileSize = 0;
    Error m_error;
    std::string m_decompressError;
    bool m_truncated = false;
};

} // namespace ea
