#include "core/csvrecordsplitter.h"

#include "core/text.h"

#include <QIODevice>

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ea {

namespace {

// Classifies 32 bytes at a time: which end or open a field (the delimiter,
// LF, '"') and which are odd (NUL or not ASCII: the record needs a closer
// look). SSE2 is part of x86-64; elsewhere a plain loop does the same.
class ByteClassifier
{
public:
    static constexpr std::size_t kWidth = 32;

    struct Masks
    {
        std::uint32_t special = 0; // bit i: p[i] is the delimiter, LF or '"'
        std::uint32_t odd = 0; // bit i: p[i] is NUL or >= 0x80
    };

    explicit ByteClassifier(char delimiter) noexcept
#if defined(__SSE2__)
        : m_delimiter(_mm_set1_epi8(delimiter))
        , m_newline(_mm_set1_epi8('\n'))
        , m_quote(_mm_set1_epi8('"'))
#else
        : m_delimiter(delimiter)
#endif
    { }

    // Reads exactly kWidth bytes.
    [[nodiscard]] Masks classify(const char *p) const noexcept
    {
#if defined(__SSE2__)
        const Masks low = classify16(p);
        const Masks high = classify16(p + 16);
        return {low.special | (high.special << 16), low.odd | (high.odd << 16)};
#else
        Masks masks;
        for (unsigned i = 0; i < kWidth; ++i) {
            const char c = p[i];
            const std::uint32_t bit = std::uint32_t(1) << i;
            if (c == m_delimiter || c == '\n' || c == '"')
                masks.special |= bit;
            if (c == 0 || static_cast<unsigned char>(c) >= 0x80)
                masks.odd |= bit;
        }
        return masks;
#endif
    }

private:
#if defined(__SSE2__)
    [[nodiscard]] Masks classify16(const char *p) const noexcept
    {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        const __m128i hits = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(bytes, m_delimiter), _mm_cmpeq_epi8(bytes, m_newline)),
            _mm_cmpeq_epi8(bytes, m_quote));
        // The sign bit is the high bit; NUL bytes become 0xff.
        const __m128i odd = _mm_or_si128(bytes, _mm_cmpeq_epi8(bytes, _mm_setzero_si128()));
        return {std::uint32_t(_mm_movemask_epi8(hits)), std::uint32_t(_mm_movemask_epi8(odd))};
    }

    __m128i m_delimiter;
    __m128i m_newline;
    __m128i m_quote;
#else
    char m_delimiter;
#endif
};

} // namespace

CsvRecordSplitter::CsvRecordSplitter(QIODevice &device, std::size_t maxRecordLength)
    : m_device(device)
    , m_maxRecord(maxRecordLength)
    // A record is only scanned whole, so the buffer must hold the longest one
    // (plus its CRLF) and a block read after it.
    , m_capacity(maxRecordLength + 2 + kBlockSize)
    // Padded so the scanner may read a whole chunk past the last valid byte
    // without touching memory it does not own. Not zeroed as a whole: that
    // cost a page fault per 4 KiB of the 2 MiB for every file, however small;
    // fill() zeroes the chunk after the data instead.
    , m_buffer(std::make_unique_for_overwrite<char[]>(m_capacity + kChunk))
{
    std::memset(m_buffer.get(), 0, kChunk);
    constexpr std::size_t kMiB = std::size_t(1) << 20;
    const std::string limit = m_maxRecord % kMiB == 0 ? std::to_string(m_maxRecord / kMiB) + " MiB"
                                                      : std::to_string(m_maxRecord) + " bytes";
    m_tooLong = "record longer than " + limit;
    m_openQuote = "unbalanced quote: quoted field runs past " + limit;
    m_fields.resize(64);
}

CsvRecordSplitter::~CsvRecordSplitter() = default;

bool CsvRecordSplitter::fill()
{
    if (m_eof)
        return false;
    if (m_pos > 0) {
        std::memmove(m_buffer.get(), m_buffer.get() + m_pos, m_end - m_pos);
        m_offset += std::int64_t(m_pos);
        m_end -= m_pos;
        m_pos = 0;
    }
    const std::size_t room = std::min(m_capacity - m_end, kBlockSize);
    const qint64 n = room > 0 ? m_device.read(m_buffer.get() + m_end, qint64(room)) : 0;
    if (n <= 0) {
        m_eof = true;
        m_readError = n < 0;
        return false;
    }
    m_end += std::size_t(n);
    std::memset(m_buffer.get() + m_end, 0, kChunk);
    return true;
}

void CsvRecordSplitter::skipBom()
{
    m_bomChecked = true;
    while (m_end - m_pos < 3 && fill()) { }
    if (m_end - m_pos >= 3 && std::memcmp(m_buffer.get() + m_pos, "\xef\xbb\xbf", 3) == 0)
        m_pos += 3;
}

char CsvRecordSplitter::sniffDelimiter()
{
    if (!m_bomChecked)
        skipBom();
    const char *nl = nullptr;
    for (;;) {
        nl = static_cast<const char *>(std::memchr(m_buffer.get() + m_pos, '\n', m_end - m_pos));
        if (nl || m_end - m_pos > m_maxRecord || !fill())
            break;
    }
    const char *p = m_buffer.get() + m_pos;
    // At most the first m_maxRecord bytes of the line: as much as the loop
    // above is sure to have read, so the choice does not depend on how the
    // device happened to split its reads (a pipe, a gzip stream).
    const char *const end
        = std::min(nl ? nl : m_buffer.get() + m_end, p + std::min(m_end - m_pos, m_maxRecord));
    // The same candidates, in the same order of preference, as FormatDetector.
    constexpr std::array<char, 3> kCandidates = {',', '\t', ';'};
    std::array<std::size_t, kCandidates.size()> counts {};
    bool quoted = false;
    for (; p < end; ++p) {
        if (*p == '"') {
            quoted = !quoted;
            continue;
        }
        if (quoted)
            continue;
        for (std::size_t k = 0; k < kCandidates.size(); ++k)
            counts[k] += *p == kCandidates[k] ? 1 : 0;
    }
    std::size_t best = 0;
    for (std::size_t k = 1; k < kCandidates.size(); ++k) {
        if (counts[k] > counts[best])
            best = k;
    }
    m_delimiter = kCandidates[best];
    return m_delimiter;
}

// After a rejected record: drops everything up to and including the first
// line break after m_pos, refilling as needed, so memory stays bounded even
// when that line is gigabytes long.
bool CsvRecordSplitter::skipPastNewline()
{
    for (;;) {
        const char *start = m_buffer.get() + m_pos;
        const void *nl = std::memchr(start, '\n', m_end - m_pos);
        if (nl) {
            m_pos += std::size_t(static_cast<const char *>(nl) - start) + 1;
            ++m_line;
            return true;
        }
        m_pos = m_end;
        if (!fill())
            return false;
    }
}

std::string_view CsvRecordSplitter::firstLine(std::size_t start) const noexcept
{
    const char *p = m_buffer.get() + start;
    const std::size_t limit = std::min(m_end - start, m_maxRecord);
    const char *nl = static_cast<const char *>(std::memchr(p, '\n', limit));
    std::size_t length = nl ? std::size_t(nl - p) : limit;
    if (nl && length > 0 && p[length - 1] == '\r')
        --length;
    return {p, length};
}

// Splits the record at `start` into m_fields and notes whether it holds NUL
// or non-ASCII bytes. Complete only when the whole record is in the buffer
// (or the input has ended), so a record is never delivered half-read.
//
// The hot loop classifies 32 bytes per step into bit masks and visits only
// the set bits, so an unquoted record costs a few vector instructions per 32
// bytes rather than a call per field. A quote that opens a field hands over
// to a memchr loop for that field.
CsvRecordSplitter::Scan CsvRecordSplitter::scan(std::size_t start)
{
    static_assert(kChunk == ByteClassifier::kWidth);
    m_scratchUsed = 0;
    m_extraLines = 0;
    m_stoppedInQuote = false;
    // Fields go to a local pointer rather than push_back: the compiler cannot
    // keep a vector's end in a register across the stores.
    std::string_view *fields = m_fields.data();
    std::size_t capacity = m_fields.size();
    std::size_t count = 0;
    auto push = [&](const char *from, std::size_t length) {
        if (count == capacity) [[unlikely]] {
            m_fields.resize(count * 2);
            fields = m_fields.data();
            capacity = m_fields.size();
        }
        fields[count++] = std::string_view(from, length);
    };
    const char *const base = m_buffer.get();
    const char *const end = base + m_end;
    const char delimiter = m_delimiter;
    const ByteClassifier classifier(delimiter);
    const char *fieldStart = base + start;
    const char *chunk = fieldStart;
    std::uint32_t odd = 0; // any NUL or non-ASCII byte seen in the record

    auto complete = [&](const char *contentEnd, const char *recordEnd) {
        m_contentEnd = std::size_t(contentEnd - base);
        m_recordEnd = std::size_t(recordEnd - base);
        m_fieldCount = count;
        if (odd == 0) {
            m_recordAscii = true;
            m_recordNul = false;
        } else {
            const ByteScan bytes = scanBytes({base + start, m_contentEnd - start});
            m_recordAscii = bytes.ascii;
            m_recordNul = bytes.hasNul;
        }
        return Scan::Complete;
    };

    for (;;) {
        if (chunk >= end) {
            if (!m_eof)
                return Scan::NeedMore;
            // The last record, without a line break.
            const char *fieldEnd = end;
            if (fieldEnd > fieldStart && fieldEnd[-1] == '\r')
                --fieldEnd;
            push(fieldStart, std::size_t(fieldEnd - fieldStart));
            return complete(fieldEnd, end);
        }
        // May read up to kChunk - 1 bytes past `end`: the buffer is padded.
        const ByteClassifier::Masks masks = classifier.classify(chunk);
        const std::size_t valid = std::size_t(end - chunk);
        const std::uint32_t validBits
            = valid < kChunk ? (std::uint32_t(1) << valid) - 1 : ~std::uint32_t(0);
        std::uint32_t special = masks.special & validBits;
        const char *resume = nullptr;
        while (special != 0) {
            const char *q = chunk + std::countr_zero(special);
            special &= special - 1;
            if (*q == delimiter) {
                push(fieldStart, std::size_t(q - fieldStart));
                fieldStart = q + 1;
            } else if (*q == '\n') {
                odd |= masks.odd & ((std::uint32_t(1) << (q - chunk)) - 1);
                const char *fieldEnd = q;
                if (fieldEnd > fieldStart && fieldEnd[-1] == '\r')
                    --fieldEnd;
                push(fieldStart, std::size_t(fieldEnd - fieldStart));
                return complete(fieldEnd, q + 1);
            } else if (q == fieldStart) {
                // A quoted field: find its closing quote ("" is an escaped one).
                odd |= masks.odd & ((std::uint32_t(1) << (q - chunk)) - 1);
                const char *from = q + 1;
                bool escaped = false;
                const char *close = nullptr;
                for (;;) {
                    const char *r = static_cast<const char *>(
                        std::memchr(from, '"', std::size_t(end - from)));
                    if (!r || (r + 1 == end && !m_eof)) {
                        m_stoppedInQuote = true;
                        return r || !m_eof ? Scan::NeedMore : Scan::OpenQuote;
                    }
                    if (r + 1 < end && r[1] == '"') {
                        escaped = true;
                        from = r + 2;
                        continue;
                    }
                    close = r;
                    break;
                }
                const std::string_view quoted(q + 1, std::size_t(close - q - 1));
                const ByteScan bytes = scanBytes(quoted);
                odd |= bytes.ascii && !bytes.hasNul ? 0 : 1;
                for (const char *s = quoted.data();; ++s) {
                    s = static_cast<const char *>(std::memchr(s, '\n', std::size_t(close - s)));
                    if (!s)
                        break;
                    ++m_extraLines;
                }
                const std::string_view value = escaped ? unescape(quoted) : quoted;
                push(value.data(), value.size());
                const char *after = close + 1;
                if (after == end) // only reached at the end of input
                    return complete(end, end);
                if (*after == delimiter) {
                    fieldStart = after + 1;
                    resume = fieldStart;
                    break;
                }
                if (*after == '\n')
                    return complete(after, after + 1);
                if (*after == '\r') {
                    if (after + 1 == end) {
                        if (!m_eof)
                            return Scan::NeedMore;
                        return complete(after, end);
                    }
                    if (after[1] == '\n')
                        return complete(after, after + 2);
                }
                return Scan::TextAfterQuote;
            }
            // Any other quote sits inside an unquoted field and is kept.
        }
        if (resume) {
            chunk = resume;
        } else {
            odd |= masks.odd & validBits;
            chunk += kChunk;
        }
    }
}

std::string_view CsvRecordSplitter::unescape(std::string_view quoted)
{
    // The scratch area is as large as the buffer and unescaping only shrinks
    // text, so it never reallocates under views handed out for this record.
    if (!m_scratch)
        m_scratch = std::make_unique_for_overwrite<char[]>(m_capacity);
    char *const out = m_scratch.get() + m_scratchUsed;
    char *w = out;
    for (std::size_t i = 0; i < quoted.size(); ++i) {
        *w++ = quoted[i];
        if (quoted[i] == '"')
            ++i; // the second quote of ""
    }
    m_scratchUsed += std::size_t(w - out);
    return {out, std::size_t(w - out)};
}

bool CsvRecordSplitter::next(Record &record)
{
    if (!m_bomChecked)
        skipBom();
    if (m_resync) {
        m_resync = false;
        if (!skipPastNewline())
            return false;
    }
    for (;;) {
        if (m_pos == m_end && !fill())
            return false;
        const Scan scanned = scan(m_pos);
        if (scanned == Scan::NeedMore) {
            if (m_end - m_pos <= m_maxRecord + 2) {
                fill(); // more data, or the end: either way the next scan decides
                continue;
            }
        }
        const std::string_view reason = [&]() -> std::string_view {
            switch (scanned) {
            case Scan::Complete:
                return m_contentEnd - m_pos > m_maxRecord ? m_tooLong : std::string_view {};
            case Scan::NeedMore:
                return m_stoppedInQuote ? m_openQuote : m_tooLong;
            case Scan::TextAfterQuote:
                return "text after closing quote";
            case Scan::OpenQuote:
                return "unbalanced quote at end of file";
            }
            return {};
        }();
        record.line = m_line;
        if (!reason.empty()) {
            // Resume on the line after this record's first line; the rejected
            // text stays in the buffer until the next call. The error may show
            // before the line's end has been read: read on, so that the text
            // does not depend on how the device split its reads.
            while (m_end - m_pos < m_maxRecord
                   && !std::memchr(m_buffer.get() + m_pos, '\n', m_end - m_pos) && fill()) { }
            record.raw = firstLine(m_pos);
            record.fields = {};
            record.error = reason;
            const ByteScan bytes = scanBytes(record.raw);
            record.hasNul = bytes.hasNul;
            record.ascii = bytes.ascii;
            m_resync = true;
            return true;
        }
        record.raw = std::string_view(m_buffer.get() + m_pos, m_contentEnd - m_pos);
        record.fields = std::span<const std::string_view>(m_fields.data(), m_fieldCount);
        record.error = {};
        record.hasNul = m_recordNul;
        record.ascii = m_recordAscii;
        m_line += 1 + m_extraLines;
        m_pos = m_recordEnd;
        return true;
    }
}

} // namespace ea
