#include "import/formatdetector.h"

#include "core/inputfile.h"
#include "import/gzipdevice.h"

#include <QCoreApplication>
#include <QFile>
#include <QString>

#include <algorithm>
#include <array>

namespace ea {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(ea::FormatDetector)
};

using Family = DetectedFormat::Family;

DetectedFormat result(Family family, char delimiter, const QString &reason)
{
    return DetectedFormat {
        .family = family, .gzip = false, .delimiter = delimiter, .reason = reason.toStdString()};
}

DetectedFormat unknown(const QString &reason)
{
    return result(Family::Unknown, 0, reason);
}

constexpr bool isBlank(std::string_view line) noexcept
{
    return line.find_first_not_of(" \t\r\f\v") == std::string_view::npos;
}

constexpr std::string_view trimmed(std::string_view text) noexcept
{
    const std::size_t first = text.find_first_not_of(" \t\r\f\v");
    if (first == std::string_view::npos)
        return {};
    const std::size_t last = text.find_last_not_of(" \t\r\f\v");
    return text.substr(first, last - first + 1);
}

QString quoted(std::string_view text)
{
    constexpr std::size_t kMaxShown = 60;
    QString shown = QString::fromUtf8(text.data(), qsizetype(std::min(text.size(), kMaxShown)));
    if (text.size() > kMaxShown)
        shown += QChar(0x2026);
    return shown;
}

// Splits the head into lines; the last one may be cut by the end of the head.
class Lines
{
public:
    explicit Lines(std::string_view text) noexcept
        : m_text(text)
    { }

    struct Line
    {
        std::string_view text; // without LF / CRLF
        std::size_t offset = 0;
        bool complete = false; // ended by a newline inside the head
    };

    bool next(Line &line) noexcept
    {
        if (m_pos >= m_text.size())
            return false;
        const std::size_t nl = m_text.find('\n', m_pos);
        const std::size_t end = nl == std::string_view::npos ? m_text.size() : nl;
        std::string_view text = m_text.substr(m_pos, end - m_pos);
        if (!text.empty() && text.back() == '\r')
            text.remove_suffix(1);
        line = {text, m_pos, nl != std::string_view::npos};
        m_pos = nl == std::string_view::npos ? m_text.size() : nl + 1;
        return true;
    }

    bool nextNonBlank(Line &line) noexcept
    {
        while (next(line)) {
            if (!isBlank(line.text))
                return true;
        }
        return false;
    }

private:
    std::string_view m_text;
    std::size_t m_pos = 0;
};

// Offset of the first byte that is not valid UTF-8, or npos. A sequence cut
// short by the end of the head is accepted: the next block would complete it.
std::size_t invalidUtf8Offset(std::string_view text) noexcept
{
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t length = 0;
        char32_t cp = 0;
        char32_t minimum = 0;
        if (c >= 0xc2 && c <= 0xdf) {
            length = 2, cp = c & 0x1fu, minimum = 0x80;
        } else if (c >= 0xe0 && c <= 0xef) {
            length = 3, cp = c & 0x0fu, minimum = 0x800;
        } else if (c >= 0xf0 && c <= 0xf4) {
            length = 4, cp = c & 0x07u, minimum = 0x10000;
        } else {
            return i;
        }
        for (std::size_t k = 1; k < length; ++k) {
            if (i + k >= n)
                return std::string_view::npos;
            const auto cc = static_cast<unsigned char>(text[i + k]);
            if ((cc & 0xc0u) != 0x80u)
                return i;
            cp = (cp << 6) | (cc & 0x3fu);
        }
        if (cp < minimum || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return i;
        i += length;
    }
    return std::string_view::npos;
}

// Zeek writes "#separator \x09"; a literal single character is taken as is.
// Anything unusable as a field separator falls back to Zeek's default, tab.
char zeekSeparator(std::string_view value) noexcept
{
    value = trimmed(value);
    auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    };
    if (value.size() == 4 && value[0] == '\\' && (value[1] == 'x' || value[1] == 'X')) {
        const int hi = hex(value[2]);
        const int lo = hex(value[3]);
        if (hi >= 0 && lo >= 0) {
            const char c = char(hi * 16 + lo);
            if (c != '\0' && c != '\n' && c != '\r')
                return c;
        }
    }
    if (value.size() == 1)
        return value[0];
    return '\t';
}

constexpr std::array<char, 3> kDelimiters = {',', '\t', ';'};
using DelimiterCounts = std::array<int, kDelimiters.size()>;

// Counts delimiters outside double quotes in the record starting at `from`,
// which ends at an unquoted newline. False when a quote is still open at the
// end of the head.
bool countDelimiters(std::string_view text, std::size_t from, DelimiterCounts &counts,
                     std::size_t &next) noexcept
{
    counts.fill(0);
    bool inQuotes = false;
    std::size_t i = from;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"') {
            inQuotes = !inQuotes; // "" inside quotes toggles twice
        } else if (!inQuotes) {
            if (c == '\n')
                break;
            for (std::size_t k = 0; k < kDelimiters.size(); ++k) {
                if (c == kDelimiters[k])
                    ++counts[k];
            }
        }
    }
    next = i < text.size() ? i + 1 : text.size();
    return !inQuotes;
}

// A header without delimiters is one column if it looks like a name or an
// address ("dst_addr", "destination.ip", "2001:db8::1"), not like prose.
bool looksLikeSingleColumn(std::string_view header) noexcept
{
    header = trimmed(header);
    if (header.size() >= 2 && header.front() == '"' && header.back() == '"')
        header = header.substr(1, header.size() - 2);
    if (header.empty() || header.size() > 128)
        return false;
    for (const char c : header) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || c == '_' || c == '.' || c == '-' || c == ':' || c == '/' || c == '@';
        if (!ok)
            return false;
    }
    return true;
}

DetectedFormat detectDelimited(std::string_view text, const Lines::Line &header)
{
    DelimiterCounts counts {};
    std::size_t next = 0;
    if (!countDelimiters(text, header.offset, counts, next))
        return unknown(
            Text::tr("unbalanced double quote in the header line %1").arg(quoted(header.text)));

    int best = 0;
    for (const int count : counts)
        best = std::max(best, count);
    if (best == 0) {
        if (looksLikeSingleColumn(header.text))
            return result(Family::Csv, ',',
                          Text::tr("CSV header with a single column \"%1\"")
                              .arg(quoted(trimmed(header.text))));
        return unknown(Text::tr("not a known log format: the first line has no comma, tab or "
                                "semicolon and no Zeek, W3C or JSON marker (\"%1\")")
                           .arg(quoted(header.text)));
    }

    // Ties: the delimiter whose count the next record repeats, then by order.
    DelimiterCounts nextCounts {};
    std::size_t after = 0;
    const bool haveNext = next < text.size() && countDelimiters(text, next, nextCounts, after);
    std::size_t chosen = kDelimiters.size();
    for (std::size_t k = 0; k < kDelimiters.size(); ++k) {
        if (counts[k] != best)
            continue;
        if (chosen == kDelimiters.size())
            chosen = k;
        if (haveNext && nextCounts[k] == counts[k]) {
            chosen = k;
            break;
        }
    }

    const char delimiter = kDelimiters[chosen];
    const int columns = best + 1;
    if (delimiter == '\t')
        return result(Family::Tsv, '\t',
                      Text::tr("tab-separated header with %1 columns").arg(columns));
    return result(Family::Csv, delimiter,
                  Text::tr("CSV header with %1 columns separated by '%2'")
                      .arg(columns)
                      .arg(QLatin1Char(delimiter)));
}

DetectedFormat detectJson(Lines &lines, const Lines::Line &first)
{
    const std::string_view line = trimmed(first.text);
    if (line.size() > 1 && line.back() == '}')
        return result(Family::Ndjson, 0, Text::tr("one JSON object per line"));
    if (!first.complete && line.size() > 1)
        return result(Family::Ndjson, 0,
                      Text::tr("the first line starts a JSON object longer than the "
                               "sniffed %1 bytes")
                          .arg(kSniffBytes));
    if (line.size() > 1) {
        // A damaged first record is still NDJSON if the next line is an object.
        Lines::Line second;
        if (lines.nextNonBlank(second)) {
            const std::string_view next = trimmed(second.text);
            if (next.front() == '{' && (next.back() == '}' || !second.complete))
                return result(Family::Ndjson, 0,
                              Text::tr("one JSON object per line (the first line is not a "
                                       "complete object)"));
        }
    }
    return unknown(Text::tr("JSON that is not one object per line (pretty-printed?); "
                            "expected newline-delimited JSON"));
}

bool startsWith(std::string_view text, std::string_view prefix) noexcept
{
    return text.substr(0, prefix.size()) == prefix;
}

} // namespace

DetectedFormat detectFormat(QByteArrayView head)
{
    std::string_view text(head.data(), std::size_t(head.size()));
    if (text.empty())
        return unknown(Text::tr("the file is empty"));
    if (GzipDevice::isGzip(head)) {
        DetectedFormat gz = unknown(Text::tr("gzip-compressed data; it must be decompressed "
                                             "before its format can be detected"));
        gz.gzip = true;
        return gz;
    }
    if (startsWith(text, "\xff\xfe") || startsWith(text, "\xfe\xff"))
        return unknown(Text::tr("UTF-16 text; only UTF-8 is supported (convert the file)"));
    std::size_t base = 0;
    if (startsWith(text, "\xef\xbb\xbf")) {
        text.remove_prefix(3);
        base = 3;
    }
    if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos)
        return unknown(Text::tr("binary data: NUL byte at offset %1").arg(base + nul));
    if (const std::size_t bad = invalidUtf8Offset(text); bad != std::string_view::npos)
        return unknown(Text::tr("not UTF-8 text: invalid byte 0x%1 at offset %2")
                           .arg(static_cast<unsigned char>(text[bad]), 2, 16, QLatin1Char('0'))
                           .arg(base + bad));

    Lines lines(text);
    Lines::Line line;
    if (!lines.nextNonBlank(line))
        return unknown(Text::tr("no text: only blank lines"));

    // Header comment block: Zeek and W3C logs announce themselves here.
    if (line.text.front() == '#') {
        const Lines::Line firstLine = line;
        const Lines afterFirstLine = lines;
        bool w3cDirective = false;
        do {
            const std::string_view t = line.text;
            if (t.front() != '#')
                break;
            if (startsWith(t, "#separator") && t.size() > 10 && (t[10] == ' ' || t[10] == '\t'))
                return result(Family::ZeekTsv, zeekSeparator(t.substr(11)),
                              Text::tr("Zeek log header (#separator)"));
            if (startsWith(t, "#fields\t"))
                return result(Family::ZeekTsv, '\t', Text::tr("Zeek log header (#fields)"));
            if (startsWith(t, "#Fields:"))
                return result(Family::W3c, ' ', Text::tr("W3C extended log header (#Fields:)"));
            if (startsWith(t, "#Version:") || startsWith(t, "#Software:") || startsWith(t, "#Date:")
                || startsWith(t, "#Remark:") || startsWith(t, "#Start-Date:")
                || startsWith(t, "#End-Date:") || startsWith(t, "#Time Format:"))
                w3cDirective = true;
        } while (lines.nextNonBlank(line));
        if (w3cDirective)
            return unknown(Text::tr("W3C log header without a #Fields: line"));
        // Unknown comment lines: the first one is what a CSV reader would see.
        line = firstLine;
        lines = afterFirstLine;
    }

    const std::string_view first = trimmed(line.text);
    if (first.front() == '{')
        return detectJson(lines, line);
    if (first.front() == '['
        && (first.size() == 1 || first[1] == '{' || first[1] == ' ' || first[1] == '\t'
            || first[1] == ']'))
        return unknown(Text::tr("a JSON array; expected one JSON object per line (NDJSON)"));

    return detectDelimited(text, line);
}

DetectedFormat detectFile(const QString &path)
{
    if (const QString reason = irregularFileReason(path); !reason.isEmpty())
        return unknown(reason);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return unknown(Text::tr("cannot open the file: %1").arg(file.errorString()));

    if (!GzipDevice::isGzip(file.peek(2))) {
        const QByteArray head = file.read(kSniffBytes);
        if (head.isEmpty() && file.error() != QFileDevice::NoError)
            return unknown(Text::tr("cannot read the file: %1").arg(file.errorString()));
        return detectFormat(head);
    }

    GzipDevice gzip(&file);
    if (!gzip.open(QIODevice::ReadOnly)) {
        DetectedFormat notOpened
            = unknown(Text::tr("cannot read the file: %1").arg(gzip.errorString()));
        notOpened.gzip = true;
        return notOpened;
    }
    QByteArray head(kSniffBytes, Qt::Uninitialized);
    qsizetype got = 0;
    bool failed = false;
    while (got < head.size()) {
        const qint64 n = gzip.read(head.data() + got, head.size() - got);
        failed = n < 0;
        if (n <= 0)
            break;
        got += qsizetype(n);
    }
    head.truncate(got);
    // A head that inflated is sniffed even if the stream breaks later: the
    // reader reports that error with the rows it could read.
    DetectedFormat format = failed && got == 0
        ? unknown(Text::tr("gzip-compressed, but unreadable: %1").arg(gzip.errorString()))
        : detectFormat(head);
    format.gzip = true;
    return format;
}

std::string_view formatFamilyId(DetectedFormat::Family family) noexcept
{
    switch (family) {
    case Family::Csv:
        return "csv";
    case Family::Tsv:
        return "tsv";
    case Family::ZeekTsv:
        return "zeek-tsv";
    case Family::Ndjson:
        return "ndjson";
    case Family::W3c:
        return "w3c";
    case Family::Unknown:
        break;
    }
    return "unknown";
}

} // namespace ea
