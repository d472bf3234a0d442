#include "import/jsonscanner.h"

#include <algorithm>
#include <charconv>
#include <cstring>

namespace ea {

namespace {

// Bytes that need no attention inside a string: printable ASCII other than
// the quote and the backslash.
constexpr std::array<bool, 256> kPlain = [] {
    std::array<bool, 256> table {};
    for (int c = 0x20; c < 0x80; ++c)
        table[std::size_t(c)] = c != '"' && c != '\\';
    return table;
}();

int hexValue(char c) noexcept
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// The four hex digits at text[pos]; -1 when there are not four.
int hex4(std::string_view text, std::size_t pos) noexcept
{
    if (text.size() < pos + 4)
        return -1;
    int value = 0;
    for (std::size_t i = pos; i < pos + 4; ++i) {
        const int digit = hexValue(text[i]);
        if (digit < 0)
            return -1;
        value = value * 16 + digit;
    }
    return value;
}

bool isContinuation(std::string_view text, std::size_t pos) noexcept
{
    return pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80;
}

// The length of the UTF-8 sequence at text[pos] (a byte >= 0x80), 0 when it
// is not strict UTF-8: overlong forms, surrogates and code points past
// U+10FFFF are refused as well as stray or missing continuation bytes.
std::size_t utf8Length(std::string_view text, std::size_t pos) noexcept
{
    const auto lead = static_cast<unsigned char>(text[pos]);
    if (lead < 0xC2 || lead > 0xF4)
        return 0;
    if (pos + 1 >= text.size())
        return 0;
    const auto second = static_cast<unsigned char>(text[pos + 1]);
    if (lead < 0xE0)
        return (second & 0xC0) == 0x80 ? 2 : 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (lead == 0xE0)
        low = 0xA0;
    else if (lead == 0xED)
        high = 0x9F; // UTF-16 surrogates
    else if (lead == 0xF0)
        low = 0x90;
    else if (lead == 0xF4)
        high = 0x8F;
    if (second < low || second > high)
        return 0;
    if (lead < 0xF0)
        return isContinuation(text, pos + 2) ? 3 : 0;
    return isContinuation(text, pos + 2) && isContinuation(text, pos + 3) ? 4 : 0;
}

void appendUtf8(std::string &out, std::uint32_t cp)
{
    if (cp < 0x80) {
        out.push_back(char(cp));
    } else if (cp < 0x800) {
        out.push_back(char(0xC0 | (cp >> 6)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(char(0xE0 | (cp >> 12)));
        out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(char(0xF0 | (cp >> 18)));
        out.push_back(char(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    }
}

// Appends raw (string content already validated by scanString) unescaped.
// The output is never longer than raw: every escape is at least as long as
// what it stands for (\uXXXX is 6 bytes for at most 3, a surrogate pair 12
// for 4).
void appendUnescaped(std::string &out, std::string_view raw)
{
    std::size_t i = 0;
    while (i < raw.size()) {
        const std::size_t slash = raw.find('\\', i);
        if (slash == std::string_view::npos) {
            out.append(raw.substr(i));
            return;
        }
        out.append(raw.substr(i, slash - i));
        const char e = raw[slash + 1];
        i = slash + 2;
        switch (e) {
        case 'b':
            out.push_back('\b');
            break;
        case 'f':
            out.push_back('\f');
            break;
        case 'n':
            out.push_back('\n');
            break;
        case 'r':
            out.push_back('\r');
            break;
        case 't':
            out.push_back('\t');
            break;
        case 'u': {
            auto cp = std::uint32_t(hex4(raw, i));
            i += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                const auto lowHalf = std::uint32_t(hex4(raw, i + 2));
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lowHalf - 0xDC00);
                i += 6;
            }
            appendUtf8(out, cp);
            break;
        }
        default:
            out.push_back(e);
            break; // '"', '\\', '/'
        }
    }
}

} // namespace

JsonScanner::JsonScanner(Arrays arrays, int maxDepth)
    : m_arrays(arrays)
    , m_maxDepth(std::clamp(maxDepth, 1, kMaxDepth))
{ }

void JsonScanner::reset(std::string_view text)
{
    m_text = text;
    m_pos = 0;
    m_depth = 0;
    m_started = false;
    m_done = false;
    m_error = nullptr;
    m_errorOffset = 0;
    m_path.clear();
    m_scratch.clear();
    // See text(): reserving the line's length up front keeps earlier views valid.
    if (m_scratch.capacity() < text.size())
        m_scratch.reserve(text.size());
}

bool JsonScanner::validate(std::string_view text)
{
    reset(text);
    JsonLeaf leaf;
    while (next(leaf)) { }
    return !failed();
}

std::string_view JsonScanner::error() const noexcept
{
    return m_error ? std::string_view(m_error) : std::string_view();
}

bool JsonScanner::fail(const char *reason)
{
    if (!m_error) {
        m_error = reason;
        m_errorOffset = std::min(m_pos, m_text.size());
    }
    return false;
}

void JsonScanner::skipSpace() noexcept
{
    while (m_pos < m_text.size()) {
        const char c = m_text[m_pos];
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            return;
        ++m_pos;
    }
}

bool JsonScanner::push(bool array, bool silent)
{
    if (m_depth >= m_maxDepth)
        return fail("nesting too deep");
    Frame &frame = m_frames[std::size_t(m_depth++)];
    frame = Frame {};
    frame.pathLength = m_path.size();
    frame.array = array;
    frame.silent = silent;
    return true;
}

// At the opening quote. Validates up to the closing quote; raw is the text
// between them.
bool JsonScanner::scanString(std::string_view &raw, bool &escaped)
{
    const std::size_t start = ++m_pos;
    escaped = false;
    const std::size_t size = m_text.size();
    for (;;) {
        while (m_pos < size && kPlain[static_cast<unsigned char>(m_text[m_pos])])
            ++m_pos;
        if (m_pos >= size)
            return fail("unterminated string");
        const auto c = static_cast<unsigned char>(m_text[m_pos]);
        if (c == '"') {
            raw = m_text.substr(start, m_pos - start);
            ++m_pos;
            return true;
        }
        if (c == '\\') {
            escaped = true;
            if (m_pos + 1 >= size)
                return fail("unterminated string");
            const char e = m_text[m_pos + 1];
            if (e == 'u') {
                const int cp = hex4(m_text, m_pos + 2);
                if (cp < 0)
                    return fail("invalid \\u escape");
                if (cp >= 0xDC00 && cp <= 0xDFFF)
                    return fail("unpaired surrogate in \\u escape");
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    const std::size_t next = m_pos + 6;
                    const int lowHalf
                        = next + 1 < size && m_text[next] == '\\' && m_text[next + 1] == 'u'
                        ? hex4(m_text, next + 2)
                        : -1;
                    if (lowHalf < 0xDC00 || lowHalf > 0xDFFF)
                        return fail("unpaired surrogate in \\u escape");
                    m_pos += 6;
                }
                m_pos += 6;
                continue;
            }
            if (std::strchr("\"\\/bfnrt", e) == nullptr || e == '\0')
                return fail("invalid escape in string");
            m_pos += 2;
            continue;
        }
        if (c < 0x20)
            return fail(c == 0 ? "NUL byte in string" : "control character in string");
        const std::size_t length = utf8Length(m_text, m_pos);
        if (length == 0)
            return fail("invalid UTF-8 in string");
        m_pos += length;
    }
}

bool JsonScanner::scanNumber()
{
    const std::size_t size = m_text.size();
    auto digits = [&] {
        const std::size_t from = m_pos;
        while (m_pos < size && m_text[m_pos] >= '0' && m_text[m_pos] <= '9')
            ++m_pos;
        return m_pos > from;
    };
    if (m_text[m_pos] == '-')
        ++m_pos;
    if (m_pos < size && m_text[m_pos] == '0')
        ++m_pos;
    else if (!digits())
        return fail("invalid number");
    if (m_pos < size && m_text[m_pos] == '.') {
        ++m_pos;
        if (!digits())
            return fail("invalid number");
    }
    if (m_pos < size && (m_text[m_pos] == 'e' || m_text[m_pos] == 'E')) {
        ++m_pos;
        if (m_pos < size && (m_text[m_pos] == '+' || m_text[m_pos] == '-'))
            ++m_pos;
        if (!digits())
            return fail("invalid number");
    }
    if (m_pos < size) {
        const char c = m_text[m_pos];
        if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.')
            return fail("invalid number");
    }
    return true;
}

bool JsonScanner::scanLiteral(std::string_view literal)
{
    if (m_text.substr(m_pos, literal.size()) != literal)
        return fail("invalid literal");
    m_pos += literal.size();
    return true;
}

bool JsonScanner::appendKey(std::string_view raw, bool escaped, bool silent)
{
    if (silent)
        return true;
    const Frame &frame = m_frames[std::size_t(m_depth - 1)];
    m_path.resize(frame.pathLength);
    // Members of nested objects always get the separator, so {"":{"a":1}}
    // reads ".a" and cannot be mistaken for {"a":1}.
    if (m_depth > 1)
        m_path.push_back('.');
    if (escaped)
        appendUnescaped(m_path, raw);
    else
        m_path.append(raw);
    return true;
}

bool JsonScanner::next(JsonLeaf &leaf)
{
    if (m_error || m_done)
        return false;
    const std::size_t size = m_text.size();
    if (!m_started) {
        m_started = true;
        skipSpace();
        if (m_pos >= size)
            return fail("empty text");
        if (m_text[m_pos] != '{')
            return fail("not a JSON object");
        ++m_pos;
        push(false, false);
    }
    while (m_depth > 0) {
        Frame &frame = m_frames[std::size_t(m_depth - 1)];
        skipSpace();
        if (m_pos >= size)
            return fail("unexpected end of text");
        const char c = m_text[m_pos];
        const char closer = frame.array ? ']' : '}';
        if (frame.afterValue) {
            if (c == ',') {
                ++m_pos;
                frame.afterValue = false;
                frame.afterComma = true;
                continue;
            }
            if (c != closer)
                return fail(frame.array ? "expected ',' or ']'" : "expected ',' or '}'");
        }
        if (c == closer) {
            if (frame.afterComma)
                return fail("trailing comma");
            ++m_pos;
            const Frame closed = frame;
            --m_depth;
            // A skipped array is reported once, as a whole, when it closes.
            if (closed.array && closed.silent && m_depth > 0
                && !m_frames[std::size_t(m_depth - 1)].silent) {
                leaf.path = std::string_view(m_path).substr(0, closed.pathLength);
                leaf.value = JsonValue {m_text.substr(closed.start, m_pos - closed.start),
                                        JsonType::Array, false};
                leaf.depth = m_depth;
                return true;
            }
            continue;
        }

        // A member (objects) or an element (arrays).
        frame.afterComma = false;
        frame.afterValue = true;
        const bool silent = frame.silent;
        if (!frame.array) {
            if (c != '"')
                return fail("expected a key");
            std::string_view key;
            bool escaped = false;
            if (!scanString(key, escaped) || !appendKey(key, escaped, silent))
                return false;
            skipSpace();
            if (m_pos >= size || m_text[m_pos] != ':')
                return fail("expected ':'");
            ++m_pos;
            skipSpace();
            if (m_pos >= size)
                return fail("unexpected end of text");
        } else if (!silent) {
            m_path.resize(frame.pathLength);
            m_path.push_back('.');
            char digits[16];
            const auto result = std::to_chars(digits, digits + sizeof digits, frame.index);
            m_path.append(digits, result.ptr);
        }
        ++frame.index;

        const char v = m_text[m_pos];
        if (v == '{') {
            ++m_pos;
            if (!push(false, silent))
                return false;
            continue;
        }
        if (v == '[') {
            const std::size_t start = m_pos++;
            if (!push(true, silent || m_arrays == Arrays::Skip))
                return false;
            m_frames[std::size_t(m_depth - 1)].start = start;
            continue;
        }
        JsonValue value;
        const std::size_t start = m_pos;
        if (v == '"') {
            value.type = JsonType::String;
            if (!scanString(value.raw, value.escaped))
                return false;
        } else if (v == '-' || (v >= '0' && v <= '9')) {
            value.type = JsonType::Number;
            if (!scanNumber())
                return false;
            value.raw = m_text.substr(start, m_pos - start);
        } else if (v == 't' || v == 'f' || v == 'n') {
            const std::string_view literal = v == 't' ? "true" : v == 'f' ? "false" : "null";
            value.type = v == 't' ? JsonType::True : v == 'f' ? JsonType::False : JsonType::Null;
            if (!scanLiteral(literal))
                return false;
            value.raw = literal;
        } else {
            return fail(v == '\0' ? "NUL byte" : "unexpected character");
        }
        if (silent)
            continue;
        leaf.path = m_path;
        leaf.value = value;
        leaf.depth = m_depth;
        return true;
    }
    skipSpace();
    if (m_pos < size)
        return fail(m_text[m_pos] == '\0' ? "NUL byte" : "text after the object");
    m_done = true;
    return false;
}

std::string_view JsonScanner::text(const JsonValue &value)
{
    if (value.type != JsonType::String || !value.escaped)
        return value.raw;
    if (m_scratch.capacity() - m_scratch.size() < value.raw.size())
        return {};
    const std::size_t start = m_scratch.size();
    appendUnescaped(m_scratch, value.raw);
    return std::string_view(m_scratch).substr(start);
}

} // namespace ea
