#include "import/linereader.h"

#include <QIODevice>

#include <algorithm>
#include <cstring>

namespace ea {

LineReader::LineReader(QIODevice &device, std::size_t maxLineLength)
    : m_device(device)
    , m_maxLine(maxLineLength)
    , m_block(std::make_unique_for_overwrite<char[]>(kBlockSize))
{
    m_buffer.reserve(kBlockSize + maxLineLength);
}

// Moves unread bytes to the front and appends one block. False when nothing
// more can be read.
bool LineReader::fill()
{
    if (m_eof)
        return false;
    m_buffer.erase(0, m_pos);
    m_pos = 0;
    // Read into a block of its own and append what came: growing the buffer
    // by a block first would zero 1 MiB per read, which a device that
    // delivers a few bytes per read (a pipe) turned into the main cost.
    const qint64 n = m_device.read(m_block.get(), qint64(kBlockSize));
    if (n <= 0) {
        m_eof = true;
        m_readError = n < 0;
        return false;
    }
    m_buffer.append(m_block.get(), std::size_t(n));
    return true;
}

bool LineReader::next(Line &line)
{
    std::size_t scanFrom = m_pos;
    for (;;) {
        const char *begin = m_buffer.data() + m_pos;
        const std::size_t available = m_buffer.size() - m_pos;
        const std::size_t scanned = scanFrom - m_pos;
        const void *nl = std::memchr(begin + scanned, '\n', available - scanned);
        if (nl) {
            std::size_t length = std::size_t(static_cast<const char *>(nl) - begin);
            m_pos += length + 1;
            m_consumed += std::int64_t(length + 1);
            if (length > 0 && begin[length - 1] == '\r')
                --length;
            // The buffer holds up to m_maxLine + kBlockSize bytes, so a line
            // a little over the cap can arrive whole: it is still too long.
            line.tooLong = length > m_maxLine;
            line.text = std::string_view(begin, std::min(length, m_maxLine));
            line.number = ++m_number;
            return true;
        }
        if (available > m_maxLine) {
            // Report the head of the over-long line, then drop the rest of it
            // block by block so memory stays bounded.
            line.number = ++m_number;
            line.tooLong = true;
            std::string head(begin, m_maxLine);
            m_consumed += std::int64_t(available);
            m_pos = m_buffer.size();
            for (;;) {
                if (!fill())
                    break;
                const void *end = std::memchr(m_buffer.data(), '\n', m_buffer.size());
                if (end) {
                    const std::size_t skip
                        = std::size_t(static_cast<const char *>(end) - m_buffer.data()) + 1;
                    m_pos = skip;
                    m_consumed += std::int64_t(skip);
                    break;
                }
                m_consumed += std::int64_t(m_buffer.size());
                m_pos = m_buffer.size();
            }
            // Keep the head in the buffer's spare room so the view stays valid.
            m_buffer.erase(0, m_pos);
            m_pos = 0;
            m_buffer.insert(0, head);
            m_pos = head.size();
            line.text = std::string_view(m_buffer.data(), head.size());
            return true;
        }
        scanFrom = m_buffer.size();
        const std::size_t before = m_pos;
        if (!fill()) {
            if (m_buffer.size() == m_pos)
                return false;
            // Final line without a newline.
            std::size_t length = m_buffer.size() - m_pos;
            const char *start = m_buffer.data() + m_pos;
            m_pos = m_buffer.size();
            m_consumed += std::int64_t(length);
            if (length > 0 && start[length - 1] == '\r')
                --length;
            line.text = std::string_view(start, length);
            line.number = ++m_number;
            line.tooLong = false;
            return true;
        }
        scanFrom -= before; // fill() moved unread data to the front
    }
}

} // namespace ea
