#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

class QIODevice;

namespace ea {

// Reads a device in large blocks and hands out one line at a time as a view
// into its buffer (valid until the next call). Memory stays bounded: a line
// longer than maxLineLength is reported as `tooLong` with its first
// maxLineLength bytes, and the rest of it is skipped. LF and CRLF endings are
// stripped; a final line without a newline counts.
class LineReader
{
public:
    static constexpr std::size_t kDefaultMaxLine = 1 << 20; // 1 MiB
    static constexpr std::size_t kBlockSize = 1 << 20;

    explicit LineReader(QIODevice &device, std::size_t maxLineLength = kDefaultMaxLine);

    struct Line
    {
        std::string_view text;
        std::int64_t number = 0; // 1-based
        bool tooLong = false;
    };

    // False at the end of input (or on a read error: see error()).
    bool next(Line &line);

    [[nodiscard]] std::int64_t bytesConsumed() const noexcept { return m_consumed; }
    [[nodiscard]] bool readError() const noexcept { return m_readError; }

private:
    bool fill();

    QIODevice &m_device;
    std::size_t m_maxLine;
    std::string m_buffer;
    std::unique_ptr<char[]> m_block; // one read's worth, appended to m_buffer
    std::size_t m_pos = 0; // start of unread data in m_buffer
    std::int64_t m_number = 0;
    std::int64_t m_consumed = 0;
    bool m_eof = false;
    bool m_readError = false;
};

} // namespace ea
