#include "csvreader.h"

#include "timestamp.h"

#include <QCoreApplication>
#include <QIODevice>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ea {

namespace {

QString trReader(const char *text)
{
    return QCoreApplication::translate("ea::Reader", text);
}

QString fromView(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

// A header name as it may appear in a message: bounded, control bytes shown
// as '?', so binary garbage in a header cannot wreck a terminal.
QString printableName(std::string_view name)
{
    constexpr std::size_t kMaxName = 64;
    std::string clean(name.substr(0, kMaxName));
    for (char &c : clean) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            c = '?';
    }
    QString text = QString::fromUtf8(clean.data(), qsizetype(clean.size()));
    if (name.size() > kMaxName)
        text += QChar(0x2026);
    return text;
}

QString columnList(std::span<const std::string> header)
{
    constexpr std::size_t kMaxColumns = 40;
    QStringList names;
    for (std::size_t i = 0; i < header.size() && i < kMaxColumns; ++i)
        names.append(printableName(header[i]));
    if (header.size() > kMaxColumns)
        names.append(QString(QChar(0x2026)));
    return names.join(QStringLiteral(", "));
}

std::string_view trimmed(std::string_view text) noexcept
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) noexcept
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               auto lower = [](char c) {
                   return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
               };
               return lower(x) == lower(y);
           });
}

int findAnyColumn(std::span<const std::string> header, std::span<const std::string_view> names)
{
    for (std::string_view name : names) {
        for (std::size_t i = 0; i < header.size(); ++i) {
            if (equalsIgnoreCase(header[i], name))
                return int(i);
        }
    }
    return -1;
}

// Process-export columns that are not field roles of a connection.
constexpr std::string_view kProcessName[] = {"name", "comm", "process_name", "process.name"};
constexpr std::string_view kProcessArgs[]
    = {"program_arguments", "cmdline", "cmd_line", "command_line", "process.command_line", "args"};
constexpr std::string_view kProcessUser[] = {"uid", "user", "username", "user.name"};
constexpr std::string_view kProcessContainer[] = {"container_id", "container.id"};
// Hosts export: sensor id -> host name.
constexpr std::string_view kHostKey[] = {"sensor_id", "host_identifier", "host_id"};
constexpr std::string_view kHostName[]
    = {"hostname", "host_name", "computer_name", "host.hostname"};

// Direction as connection exports write it. Argus arrows describe which way
// the traffic went between the columns as named (SrcAddr stays the observed
// side), so `<-` is inbound without swapping; the words (ECS
// network.direction and the like) follow source/destination semantics, so an
// inbound row's remote end is its source.
Direction parseDirection(std::string_view text, bool &swap) noexcept
{
    swap = false;
    text = trimmed(text);
    if (text == "->")
        return Direction::Outbound;
    if (text == "<-")
        return Direction::Inbound;
    for (std::string_view word : {"outbound", "egress", "outgoing", "out", "send"}) {
        if (equalsIgnoreCase(text, word))
            return Direction::Outbound;
    }
    for (std::string_view word : {"inbound", "ingress", "incoming", "in", "receive"}) {
        if (equalsIgnoreCase(text, word)) {
            swap = true;
            return Direction::Inbound;
        }
    }
    return Direction::Unknown;
}

// The ids FormatDetector uses for the same families.
std::string_view formatId(char delimiter) noexcept
{
    return delimiter == '\t' ? "tsv" : "csv";
}

struct ConnectionColumns
{
    int dst = -1;
    int dstPort = -1;
    int src = -1;
    int srcPort = -1;
    int protocol = -1;
    int time = -1;
    int process = -1; // process key: the Process role, else the pid
    int pid = -1;
    int path = -1;
    int host = -1;
    int direction = -1;
};

struct ProcessColumns
{
    int key = -1;
    int host = -1;
    int pid = -1;
    int path = -1;
    int name = -1;
    int arguments = -1;
    int user = -1;
    int container = -1;
};

struct HostColumns
{
    int key = -1;
    int hostname = -1;
};

// Turns split records into sink calls for one kind of file.
class RowHandler
{
public:
    RowHandler(RecordSink &sink, std::span<const std::string> header)
        : m_sink(sink)
        , m_header(header)
    { }

    void connection(const CsvRecordSplitter::Record &record, const ConnectionColumns &c)
    {
        const std::span<const std::string_view> f = record.fields;
        if (!record.ascii) {
            for (int column : {c.dst, c.src, c.protocol, c.process, c.pid, c.path, c.host}) {
                if (!validColumn(record, column))
                    return;
            }
        }
        Event event;
        event.line = record.line;
        bool swap = false;
        if (c.direction >= 0)
            event.direction = parseDirection(f[std::size_t(c.direction)], swap);
        const std::string_view dst = field(f, c.dst);
        const std::string_view src = field(f, c.src);
        const std::int32_t dstPort = c.dstPort >= 0 ? parsePort(f[std::size_t(c.dstPort)]) : -1;
        const std::int32_t srcPort = c.srcPort >= 0 ? parsePort(f[std::size_t(c.srcPort)]) : -1;
        if (swap) {
            event.peer = src;
            event.local = dst;
            event.peerPort = srcPort;
            event.localPort = dstPort;
        } else {
            event.peer = dst;
            event.local = src;
            event.peerPort = dstPort;
            event.localPort = srcPort;
        }
        if (event.peer.empty()) {
            m_sink.rejected(record.line,
                            swap ? "missing source address (inbound row)" : "missing destination",
                            record.raw);
            return;
        }
        const std::string_view time = field(f, c.time);
        if (!time.empty()) {
            std::int64_t ns = 0;
            if (parseTimestamp(time, ns)) {
                event.timeNs = ns;
                event.hasTime = true;
            } else {
                event.timeUnreadable = true;
            }
        }
        event.protocol = field(f, c.protocol);
        event.processKey = field(f, c.process);
        event.pid = field(f, c.pid);
        event.processPath = field(f, c.path);
        event.host = field(f, c.host);
        m_sink.event(event);
    }

    void process(const CsvRecordSplitter::Record &record, const ProcessColumns &c)
    {
        const std::span<const std::string_view> f = record.fields;
        if (!record.ascii) {
            for (int column :
                 {c.key, c.host, c.pid, c.path, c.name, c.arguments, c.user, c.container}) {
                if (!validColumn(record, column))
                    return;
            }
        }
        ProcessRecord process;
        process.line = record.line;
        process.key = field(f, c.key);
        if (process.key.empty()) {
            m_sink.rejected(record.line, "missing process key", record.raw);
            return;
        }
        process.host = field(f, c.host);
        process.pid = field(f, c.pid);
        process.path = field(f, c.path);
        process.name = field(f, c.name);
        process.arguments = field(f, c.arguments);
        process.user = field(f, c.user);
        process.container = field(f, c.container);
        m_sink.process(process);
    }

    void host(const CsvRecordSplitter::Record &record, const HostColumns &c)
    {
        const std::span<const std::string_view> f = record.fields;
        if (!record.ascii && (!validColumn(record, c.key) || !validColumn(record, c.hostname)))
            return;
        HostRecord host;
        host.line = record.line;
        host.key = field(f, c.key);
        if (host.key.empty()) {
            m_sink.rejected(record.line, "missing host key", record.raw);
            return;
        }
        host.hostname = field(f, c.hostname);
        m_sink.host(host);
    }

    // Rejects records the splitter or the header rules out; true if the
    // record goes on to a handler.
    bool accept(const CsvRecordSplitter::Record &record)
    {
        if (!record.error.empty()) {
            m_sink.rejected(record.line, record.error, record.raw);
            return false;
        }
        if (record.raw.empty())
            return false; // blank line
        if (record.hasNul) {
            m_sink.rejected(record.line, "NUL byte in record", record.raw);
            return false;
        }
        if (record.fields.size() != m_header.size()) {
            m_sink.rejected(record.line,
                            fieldCountReason(m_reason, m_header.size(), record.fields.size()),
                            record.raw);
            return false;
        }
        return true;
    }

private:
    static std::string_view field(std::span<const std::string_view> fields, int column) noexcept
    {
        return column >= 0 ? fields[std::size_t(column)] : std::string_view {};
    }

    bool validColumn(const CsvRecordSplitter::Record &record, int column)
    {
        if (column < 0 || isValidUtf8(record.fields[std::size_t(column)]))
            return true;
        m_sink.rejected(record.line, invalidUtf8Reason(m_reason, m_header[std::size_t(column)]),
                        record.raw);
        return false;
    }

    RecordSink &m_sink;
    std::span<const std::string> m_header;
    std::string m_reason;
};

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

// --- shared helpers --------------------------------------------------------

std::int32_t parsePort(std::string_view text) noexcept
{
    // Fast path, nearly every row: 1 to 5 plain digits.
    if (text.size() - 1 < 5) {
        std::uint32_t value = 0;
        std::size_t i = 0;
        for (; i < text.size(); ++i) {
            const auto digit = std::uint32_t(static_cast<unsigned char>(text[i]) - '0');
            if (digit > 9)
                break;
            value = value * 10 + digit;
        }
        if (i == text.size())
            return value <= 65535 ? std::int32_t(value) : -1;
    }
    text = trimmed(text);
    if (text.empty() || text.size() > 8)
        return -1;
    std::uint32_t value = 0;
    if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
        for (char c : text.substr(2)) {
            std::uint32_t digit;
            if (c >= '0' && c <= '9')
                digit = std::uint32_t(c - '0');
            else if (c >= 'a' && c <= 'f')
                digit = std::uint32_t(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F')
                digit = std::uint32_t(c - 'A' + 10);
            else
                return -1;
            value = value * 16 + digit;
        }
    } else {
        for (char c : text) {
            if (c < '0' || c > '9')
                return -1;
            value = value * 10 + std::uint32_t(c - '0');
        }
    }
    return value <= 65535 ? std::int32_t(value) : -1;
}

bool isValidUtf8(std::string_view text) noexcept
{
    const auto *p = reinterpret_cast<const unsigned char *>(text.data());
    const auto *const end = p + text.size();
    while (p < end) {
        const unsigned c = *p;
        if (c < 0x80) {
            ++p;
            continue;
        }
        std::ptrdiff_t trail;
        if (c >= 0xc2 && c <= 0xdf)
            trail = 1;
        else if (c >= 0xe0 && c <= 0xef)
            trail = 2;
        else if (c >= 0xf0 && c <= 0xf4)
            trail = 3;
        else
            return false; // continuation byte, overlong 2-byte lead, or past U+10FFFF
        if (end - p <= trail)
            return false;
        const unsigned c1 = p[1];
        if ((c == 0xe0 && c1 < 0xa0) || (c == 0xed && c1 > 0x9f) || (c == 0xf0 && c1 < 0x90)
            || (c == 0xf4 && c1 > 0x8f))
            return false; // overlong, surrogate, or past U+10FFFF
        for (std::ptrdiff_t i = 1; i <= trail; ++i) {
            if ((p[i] & 0xc0) != 0x80)
                return false;
        }
        p += trail + 1;
    }
    return true;
}

ByteScan scanBytes(std::string_view text) noexcept
{
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
    constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
    const char *p = text.data();
    std::size_t n = text.size();
    std::uint64_t high = 0;
    std::uint64_t zero = 0;
    for (; n >= 8; p += 8, n -= 8) {
        std::uint64_t word;
        std::memcpy(&word, p, 8);
        high |= word;
        zero |= (word - kOnes) & ~word & kHighs; // non-zero iff a byte is 0
    }
    for (; n > 0; ++p, --n) {
        const auto c = static_cast<unsigned char>(*p);
        high |= c;
        zero |= c == 0 ? 0x80 : 0;
    }
    return {zero != 0, (high & kHighs) == 0};
}

std::string_view fieldCountReason(std::string &storage, std::size_t expected, std::size_t found)
{
    auto append = [&storage](std::size_t value) {
        char digits[24];
        const char *end = std::to_chars(std::begin(digits), std::end(digits), value).ptr;
        storage.append(digits, std::size_t(end - digits));
    };
    storage.assign("expected ");
    append(expected);
    storage.append(expected == 1 ? " field, found " : " fields, found ");
    append(found);
    return storage;
}

std::string_view invalidUtf8Reason(std::string &storage, std::string_view column)
{
    storage.assign("invalid UTF-8 in column ");
    storage.append(column.substr(0, 64));
    return storage;
}

std::string missingDestinationMessage(std::span<const std::string> header)
{
    return QCoreApplication::translate(
               "ea::Reader",
               "No destination address column found. The file has %n column(s): %1. "
               "Name the right one with --map dst=COLUMN (likewise port=, process=, host=, "
               "time=, src=).",
               nullptr, int(header.size()))
        .arg(columnList(header))
        .toStdString();
}

std::string unknownColumnsMessage(std::span<const std::string> unknown,
                                  std::span<const std::string> header)
{
    return trReader("--map names column(s) the file does not have: %1. The file has: %2.")
        .arg(columnList(unknown), columnList(header))
        .toStdString();
}

std::string cancelledMessage()
{
    return trReader("Import cancelled.").toStdString();
}

std::string readErrorMessage(const QIODevice &device, std::int64_t offset)
{
    return trReader("Read error after %1 bytes: %2")
        .arg(offset)
        .arg(device.errorString())
        .toStdString();
}

// --- CsvRecordSplitter ---------------------------------------------------------

CsvRecordSplitter::CsvRecordSplitter(QIODevice &device, std::size_t maxRecordLength)
    : m_device(device)
    , m_maxRecord(maxRecordLength)
    // A record is only scanned whole, so the buffer must hold the longest one
    // (plus its CRLF) and a block read after it.
    , m_capacity(maxRecordLength + 2 + kBlockSize)
    // Zeroed once, and padded so the scanner may read a whole chunk past the
    // last valid byte without touching memory it does not own.
    , m_buffer(std::make_unique<char[]>(m_capacity + kChunk))
{
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
    const char *const end = nl ? nl : m_buffer.get() + m_end;
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
            // text stays in the buffer until the next call.
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

// --- CsvReader -----------------------------------------------------------------

ReadResult CsvReader::read(QIODevice &in, RecordSink &sink, const ReadOptions &options)
{
    ReadResult result;
    CsvRecordSplitter splitter(in);
    const char delimiter = splitter.sniffDelimiter();
    result.format = std::string(formatId(delimiter));

    auto refuse = [&result](std::string message) {
        result.ok = false;
        result.error = std::move(message);
        return result;
    };

    CsvRecordSplitter::Record record;
    bool haveHeader = false;
    while (splitter.next(record)) {
        if (!record.error.empty()) {
            return refuse(trReader("The header row cannot be read: %1.")
                              .arg(fromView(record.error))
                              .toStdString());
        }
        if (!record.raw.empty()) {
            haveHeader = true;
            break;
        }
    }
    if (!haveHeader) {
        if (splitter.readError())
            return refuse(readErrorMessage(in, splitter.bytesConsumed()));
        return refuse(trReader("The file is empty: a header row is needed.").toStdString());
    }
    if (record.hasNul || (!record.ascii && !isValidUtf8(record.raw)))
        return refuse(
            trReader("The header row is not UTF-8 text; this is not a CSV export.").toStdString());
    for (std::string_view name : record.fields)
        result.header.emplace_back(trimmed(name));

    const MappingResult resolved = resolveMapping(result.header, options.overrides);
    if (!resolved.unknownColumns.empty())
        return refuse(unknownColumnsMessage(resolved.unknownColumns, result.header));
    const FieldMapping &m = resolved.mapping;
    result.mapping = m;

    const std::span<const std::string> header = result.header;
    const int processKey = m.has(FieldRole::Process) ? m[FieldRole::Process] : m[FieldRole::Pid];
    const ProcessColumns processColumns {
        .key = processKey,
        .host = m[FieldRole::Host],
        .pid = m[FieldRole::Pid],
        .path = m[FieldRole::Path],
        .name = findAnyColumn(header, kProcessName),
        .arguments = findAnyColumn(header, kProcessArgs),
        .user = findAnyColumn(header, kProcessUser),
        .container = findAnyColumn(header, kProcessContainer),
    };
    const HostColumns hostColumns {
        .key = findAnyColumn(header, kHostKey),
        .hostname = findAnyColumn(header, kHostName),
    };
    // A file with any connection column but no destination is a connections
    // export we cannot map, never a processes or hosts export.
    const bool hasConnectionColumns = m.has(FieldRole::Dst) || m.has(FieldRole::DstPort)
        || m.has(FieldRole::Src) || m.has(FieldRole::SrcPort);
    const bool processDetails
        = processColumns.path >= 0 || processColumns.name >= 0 || processColumns.arguments >= 0;
    if (m.has(FieldRole::Dst))
        result.kind = FileKind::Connections;
    else if (!hasConnectionColumns && processKey >= 0 && processDetails)
        result.kind = FileKind::Processes;
    else if (!hasConnectionColumns && processKey < 0 && !processDetails && hostColumns.key >= 0
             && hostColumns.hostname >= 0 && hostColumns.key != hostColumns.hostname)
        result.kind = FileKind::Hosts;
    else
        return refuse(missingDestinationMessage(result.header));

    const ConnectionColumns connectionColumns {
        .dst = m[FieldRole::Dst],
        .dstPort = m[FieldRole::DstPort],
        .src = m[FieldRole::Src],
        .srcPort = m[FieldRole::SrcPort],
        .protocol = m[FieldRole::Protocol],
        .time = m[FieldRole::Time],
        .process = processKey,
        .pid = m[FieldRole::Pid],
        .path = m[FieldRole::Path],
        .host = m[FieldRole::Host],
        .direction = m[FieldRole::Direction],
    };

    RowHandler rows(sink, header);
    ProgressTicker ticker(sink);
    if (sink.cancelled())
        return refuse(cancelledMessage());
    while (splitter.next(record)) {
        if (rows.accept(record)) {
            switch (result.kind) {
            case FileKind::Connections:
                rows.connection(record, connectionColumns);
                break;
            case FileKind::Processes:
                rows.process(record, processColumns);
                break;
            case FileKind::Hosts:
                rows.host(record, hostColumns);
                break;
            }
        }
        if (!ticker.tick(splitter.bytesConsumed()))
            return refuse(cancelledMessage());
    }
    sink.progress(splitter.bytesConsumed());
    if (splitter.readError())
        return refuse(readErrorMessage(in, splitter.bytesConsumed()));
    return result;
}

} // namespace ea
