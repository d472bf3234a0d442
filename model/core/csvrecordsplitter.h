#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

class QIODevice;

namespace ea {

// Splits RFC 4180 records out of a stream: fields separated by one delimiter
// byte, a field that starts with '"' is quoted (may hold delimiters, CR, LF
// and "" for a quote), records end with LF or CRLF, the last one may lack it.
// A UTF-8 BOM at the start is dropped. Quotes inside an unquoted field are
// kept as written.
//
// Memory is bounded: the buffer holds one block plus at most one record of
// maxRecordLength bytes (the field table grows with the widest record seen). A record that is too
// long, has text after a closing quote or a quote that never closes comes back with `error` set;
// splitting then resumes on the line after the one where that record started, so a stray quote
// costs one row rather than the rest of the file.
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

    // Chooses the delimiter from the first line (the header; at most its first
    // maxRecordLength bytes): the most frequent of ',', '\t' and ';' outside
    // quotes (ties in that order); ',' when none.
    // Call before the first next(); reads ahead, consumes only a BOM.
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
    std::unique_ptr<char[]> m_buffer; // m_capacity + kChunk: scan() reads whole chunks
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

} // namespace ea
