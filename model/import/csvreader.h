#pragma once

#include "reader.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

class QIODevice;

namespace ea {

// Helpers shared by the text readers (CSV/TSV, Zeek TSV, W3C). They live
// here because the CSV reader is the base of the family; they are small
// enough not to warrant a file of their own yet.

// A port as decimal ("443") or hexadecimal ("0x01bb", as Argus writes ICMP
// type/code), surrounding spaces allowed; -1 when empty, unreadable or above
// 65535.
[[nodiscard]] std::int32_t parsePort(std::string_view text) noexcept;

// Strict UTF-8: no overlong forms, surrogates or code points past U+10FFFF.
[[nodiscard]] bool isValidUtf8(std::string_view text) noexcept;

// One pass over a record: does it hold a NUL byte, is it 7-bit ASCII (then
// none of its fields needs a UTF-8 check)?
struct ByteScan
{
    bool hasNul = false;
    bool ascii = true;
};
[[nodiscard]] ByteScan scanBytes(std::string_view text) noexcept;

// Reject reasons that carry a number or a name, built in caller-owned storage
// so only failing rows pay: "expected 8 fields, found 5",
// "invalid UTF-8 in column path". Reasons are data stored in the case, in
// English like the raw text beside them.
std::string_view fieldCountReason(std::string &storage, std::size_t expected, std::size_t found);
std::string_view invalidUtf8Reason(std::string &storage, std::string_view column);

// Translated texts of the fatal errors every reader reports the same way:
// no destination column (lists the header, hints at --map), and --map
// naming columns the file does not have.
[[nodiscard]] std::string missingDestinationMessage(std::span<const std::string> header);
[[nodiscard]] std::string unknownColumnsMessage(std::span<const std::string> unknown,
                                                std::span<const std::string> header);
[[nodiscard]] std::string cancelledMessage();
[[nodiscard]] std::string readErrorMessage(const QIODevice &device, std::int64_t offset);

// Calls sink.progress() and polls sink.cancelled() about once per MiB.
class ProgressTicker
{
public:
    static constexpr std::int64_t kStep = std::int64_t(1) << 20;

    explicit ProgressTicker(RecordSink &sink) noexcept
        : m_sink(sink)
    { }
    // False when the sink asks to stop.
    [[nodiscard]] bool tick(std::int64_t bytes)
    {
        if (bytes < m_next)
            return true;
        m_next = bytes + kStep;
        m_sink.progress(bytes);
        return !m_sink.cancelled();
    }

private:
    RecordSink &m_sink;
    std::int64_t m_next = kStep;
};

// Splits RFC 4180 records out of a stream: fields separated by one delimiter
// byte, a field that starts with '"' is quoted (may hold delimiters, CR, LF
// and "" for a quote), records end with LF or CRLF, the last one may lack it.
// A UTF-8 BOM at the start is dropped. Quotes inside an unquoted field are
// kept as written.
//
// Memory is bounded: the buffer holds one block plus at most one record of
// maxRecordLength bytes. A record that is too long, has text after a closing
// quote or a quote that never closes comes back with `error` set; splitting
// then resumes on the line after the one where that record started, so a
// stray quote costs one row rather than the rest of the file.
class CsvRecordSplitter
{
public:
    static constexpr std::size_t kDefaultMaxRecord = std::size_t(1) << 20; // 1 MiB
    static constexpr std::size_t kBlockSize = std::size_t(1) << 20;
    static constexpr std::size_t kChunk = 32; // bytes classified per step

    explicit CsvRecordSplitter(QIODevice &device, std::size_t maxRecordLength = kDefaultMaxRecord);
    ~CsvRecordSplitter();
    CsvRecordSplitter(const CsvRecordSplitter &) = delete;
    CsvRecordSplitter &operator=(const CsvRecordSplitter &) = delete;

    struct Record
    {
        std::int64_t line = 0; // 1-based line where the record starts
        std::string_view raw; // the record as written, without its line break
        std::span<const std::string_view> fields; // unquoted, "" unescaped
        std::string_view error; // non-empty: unusable record (fields empty)
        bool hasNul = false; // raw contains a NUL byte
        bool ascii = true; // raw is 7-bit: no field needs a UTF-8 check
    };

    // Chooses the delimiter from the first line (the header): the most
    // frequent of ',', '\t' and ';' outside quotes (ties in that order);
    // ',' when none.
    // Call before the first next(); reads ahead, consumes nothing.
    char sniffDelimiter();
    void setDelimiter(char delimiter) noexcept { m_delimiter = delimiter; }
    [[nodiscard]] char delimiter() const noexcept { return m_delimiter; }

    // The next record; false at the end of input or on a read error. The
    // record's views are valid until the next call.
    bool next(Record &record);

    [[nodiscard]] std::int64_t bytesConsumed() const noexcept
    {
        return m_offset + std::int64_t(m_pos);
    }
    [[nodiscard]] bool readError() const noexcept { return m_readError; }

private:
    enum class Scan : std::uint8_t { Complete, NeedMore, TextAfterQuote, OpenQuote };

    bool fill();
    void skipBom();
    bool skipPastNewline();
    Scan scan(std::size_t start);
    std::string_view unescape(std::string_view quoted);
    std::string_view firstLine(std::size_t start) const noexcept;

    QIODevice &m_device;
    std::size_t m_maxRecord;
    std::size_t m_capacity;
    std::unique_ptr<char[]> m_buffer;
    std::size_t m_pos = 0; // start of unread data
    std::size_t m_end = 0; // end of valid data
    std::int64_t m_offset = 0; // stream offset of m_buffer[0]
    std::int64_t m_line = 1; // line of the next record
    char m_delimiter = ',';
    bool m_eof = false;
    bool m_readError = false;
    bool m_bomChecked = false;
    bool m_resync = false; // skip the rest of the line before the next record
    std::string m_tooLong;
    std::string m_openQuote;

    // Results of scan().
    std::vector<std::string_view> m_fields; // grows, never shrinks; m_fieldCount used
    std::size_t m_fieldCount = 0;
    std::unique_ptr<char[]> m_scratch; // unescaped quoted fields
    std::size_t m_scratchUsed = 0;
    std::size_t m_contentEnd = 0;
    std::size_t m_recordEnd = 0;
    std::int64_t m_extraLines = 0; // line breaks inside quoted fields
    bool m_stoppedInQuote = false; // NeedMore/OpenQuote inside a quoted field
    bool m_recordAscii = true;
    bool m_recordNul = false;
};

// Reads CSV/TSV exports with a header row: connections (SLS, Sophos Live
// Discover, osquery process_open_sockets, Argus binetflow, ECS-flattened),
// processes exports (SLS, osquery processes, Sophos process journal) and
// hosts exports (sensor_id, hostname). The kind is told by the header.
class CsvReader final : public Reader
{
public:
    ReadResult read(QIODevice &in, RecordSink &sink, const ReadOptions &options) override;
};

} // namespace ea
