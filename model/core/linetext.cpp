#include "core/linetext.h"

namespace ea {

namespace {

// The length of the control character at text[pos] (1 for C0 and DEL, 2 for a
// UTF-8 C1, 3 for U+2028/U+2029), 0 when there is none.
std::size_t controlAt(std::string_view text, std::size_t pos) noexcept
{
    const auto byte = [&](std::size_t k) {
        return pos + k < text.size() ? static_cast<unsigned char>(text[pos + k]) : 0u;
    };
    const unsigned c = byte(0);
    if (c < 0x20 || c == 0x7f)
        return 1;
    if (c == 0xc2 && byte(1) >= 0x80 && byte(1) <= 0x9f)
        return 2;
    if (c == 0xe2 && byte(1) == 0x80 && (byte(2) == 0xa8 || byte(2) == 0xa9))
        return 3;
    return 0;
}

bool hasControl(std::string_view text) noexcept
{
    for (std::size_t pos = 0; pos < text.size(); ++pos) {
        if (controlAt(text, pos) != 0)
            return true;
    }
    return false;
}

// Appends text with its control characters escaped, and with backslashes
// and double quotes too when it goes between quotes.
void appendEscaped(std::string &out, std::string_view text, bool quoted)
{
    static constexpr char kHex[] = "0123456789abcdef";
    for (std::size_t pos = 0; pos < text.size();) {
        const std::size_t length = controlAt(text, pos);
        const auto c = static_cast<unsigned char>(text[pos]);
        if (length == 0) {
            if (quoted && (c == '\\' || c == '"'))
                out += '\\';
            out += char(c);
            ++pos;
            continue;
        }
        switch (c) {
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (length == 1) {
                out += "\\x";
                out += kHex[c >> 4];
                out += kHex[c & 0xf];
            } else {
                // Decode the two- or three-byte sequence to its code point.
                unsigned cp = length == 2
                    ? ((c & 0x1fu) << 6) | (static_cast<unsigned char>(text[pos + 1]) & 0x3fu)
                    : ((c & 0x0fu) << 12)
                        | ((static_cast<unsigned char>(text[pos + 1]) & 0x3fu) << 6)
                        | (static_cast<unsigned char>(text[pos + 2]) & 0x3fu);
                out += "\\u";
                for (int shift = 12; shift >= 0; shift -= 4)
                    out += kHex[(cp >> shift) & 0xf];
            }
            break;
        }
        pos += length;
    }
}

QString fromUtf8(const std::string &text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

} // namespace

std::string quotedName(std::string_view name)
{
    if (!hasControl(name) && !name.starts_with('"'))
        return std::string(name);
    std::string out = "\"";
    appendEscaped(out, name, true);
    out += '"';
    return out;
}

QString quotedName(const QString &name)
{
    const QByteArray utf8 = name.toUtf8();
    const std::string_view view(utf8.constData(), std::size_t(utf8.size()));
    if (!hasControl(view) && !view.starts_with('"'))
        return name;
    return fromUtf8(quotedName(view));
}

std::string escapedLine(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    appendEscaped(out, text, false);
    return out;
}

QString escapedLine(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    const std::string_view view(utf8.constData(), std::size_t(utf8.size()));
    if (!hasControl(view))
        return text;
    return fromUtf8(escapedLine(view));
}

} // namespace ea
