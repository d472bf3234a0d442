#include "core/timestamp.h"

#include <limits>

namespace ea {

namespace {

constexpr std::int64_t kNsPerSec = 1'000'000'000;
constexpr std::int64_t kSecPerDay = 86'400;
// int64 ns spans [kMinSec s + kMinFrac ns, kMaxSec s + kMaxFrac ns].
constexpr std::int64_t kMaxSec = std::numeric_limits<std::int64_t>::max() / kNsPerSec;
constexpr std::int64_t kMaxFrac = std::numeric_limits<std::int64_t>::max() % kNsPerSec;
constexpr std::int64_t kMinSec = -kMaxSec - 1;
constexpr std::int64_t kMinFrac = kNsPerSec - kMaxFrac - 1;
static_assert(kMaxSec == 9'223'372'036 && kMaxFrac == 854'775'807 && kMinFrac == 145'224'192);

constexpr bool isDigit(char c) noexcept
{
    return static_cast<unsigned char>(c - '0') <= 9;
}

constexpr bool isSpace(char c) noexcept
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

constexpr std::string_view trimmed(std::string_view text) noexcept
{
    while (!text.empty() && isSpace(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && isSpace(text.back()))
        text.remove_suffix(1);
    return text;
}

constexpr bool isLeapYear(std::int64_t y) noexcept
{
    return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

constexpr unsigned daysInMonth(std::int64_t y, unsigned m) noexcept
{
    constexpr unsigned char kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeapYear(y) ? 29u : kDays[m - 1];
}

// Howard Hinnant's days_from_civil: proleptic Gregorian date -> days since
// 1970-01-01, exact for every year an int64 ns can reach.
constexpr std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d) noexcept
{
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil
{
    std::int64_t year;
    unsigned month;
    unsigned day;
};

constexpr Civil civilFromDays(std::int64_t z) noexcept
{
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

static_assert(daysFromCivil(1970, 1, 1) == 0);
static_assert(daysFromCivil(2000, 3, 1) == 11017);
static_assert(civilFromDays(11017).year == 2000 && civilFromDays(11017).month == 3);

// sec + frac/1e9 as int64 ns, false when it does not fit. frac in [0, 1e9).
constexpr bool toNs(std::int64_t sec, std::int64_t frac, std::int64_t &ns) noexcept
{
    if (sec > kMaxSec || (sec == kMaxSec && frac > kMaxFrac))
        return false;
    if (sec < kMinSec || (sec == kMinSec && frac < kMinFrac))
        return false;
    if (sec == kMinSec) // sec * 1e9 alone would overflow; frac brings it back in range
        ns = (sec + 1) * kNsPerSec + (frac - kNsPerSec);
    else
        ns = sec * kNsPerSec + frac;
    return true;
}

// A forward-only reader over the text; every accessor checks the bounds.
class Cursor
{
public:
    constexpr explicit Cursor(std::string_view text) noexcept
        : m_p(text.data())
        , m_end(text.data() + text.size())
    { }

    [[nodiscard]] constexpr bool atEnd() const noexcept { return m_p == m_end; }
    [[nodiscard]] constexpr char peek() const noexcept { return m_p == m_end ? '\0' : *m_p; }

    constexpr bool accept(char c) noexcept
    {
        if (m_p == m_end || *m_p != c)
            return false;
        ++m_p;
        return true;
    }

    // Exactly `count` digits (count <= 9).
    constexpr bool digits(int count, unsigned &value) noexcept
    {
        if (m_end - m_p < count)
            return false;
        unsigned v = 0;
        for (int i = 0; i < count; ++i) {
            if (!isDigit(m_p[i]))
                return false;
            v = v * 10 + unsigned(m_p[i] - '0');
        }
        m_p += count;
        value = v;
        return true;
    }

    // One or more digits read as a fraction of a second, truncated to ns.
    constexpr bool fraction(std::int64_t &ns) noexcept
    {
        if (m_p == m_end || !isDigit(*m_p))
            return false;
        std::int64_t v = 0;
        int n = 0;
        for (; m_p != m_end && isDigit(*m_p); ++m_p) {
            if (n < 9) {
                v = v * 10 + (*m_p - '0');
                ++n;
            }
        }
        for (; n < 9; ++n)
            v *= 10;
        ns = v;
        return true;
    }

private:
    const char *m_p;
    const char *m_end;
};

// YYYY-MM-DD or YYYY/MM/DD -> days since the epoch.
constexpr bool readDate(Cursor &in, std::int64_t &days) noexcept
{
    unsigned y = 0, m = 0, d = 0;
    if (!in.digits(4, y))
        return false;
    const char sep = in.peek();
    if (sep != '-' && sep != '/')
        return false;
    if (!in.accept(sep) || !in.digits(2, m) || !in.accept(sep) || !in.digits(2, d))
        return false;
    if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m))
        return false;
    days = daysFromCivil(y, m, d);
    return true;
}

// HH:MM:SS[.fraction] -> seconds of the day (a leap second gives 86400) + ns.
constexpr bool readTime(Cursor &in, std::int64_t &seconds, std::int64_t &frac) noexcept
{
    unsigned h = 0, mi = 0, s = 0;
    if (!in.digits(2, h) || !in.accept(':') || !in.digits(2, mi) || !in.accept(':')
        || !in.digits(2, s))
        return false;
    if (h > 23 || mi > 59 || s > 60)
        return false;
    frac = 0;
    if (in.accept('.') && !in.fraction(frac))
        return false;
    seconds = std::int64_t(h) * 3600 + mi * 60 + s;
    return true;
}

// Z | ±HH[[:]MM] | nothing -> offset east of UTC in seconds.
constexpr bool readZone(Cursor &in, std::int64_t &offset) noexcept
{
    offset = 0;
    if (in.atEnd())
        return true;
    if (in.accept('Z') || in.accept('z'))
        return in.atEnd();
    const char sign = in.peek();
    if (sign != '+' && sign != '-')
        return false;
    in.accept(sign);
    unsigned h = 0, m = 0;
    if (!in.digits(2, h))
        return false;
    if (!in.atEnd()) {
        in.accept(':');
        if (!in.digits(2, m))
            return false;
    }
    if (!in.atEnd() || h > 23 || m > 59)
        return false;
    offset = (sign == '-' ? -1 : 1) * (std::int64_t(h) * 3600 + m * 60);
    return true;
}

bool parseDateTimeText(std::string_view text, std::int64_t &ns) noexcept
{
    Cursor in(text);
    std::int64_t days = 0, seconds = 0, frac = 0, offset = 0;
    if (!readDate(in, days))
        return false;
    if (!in.accept('T') && !in.accept('t') && !in.accept(' '))
        return false;
    if (!readTime(in, seconds, frac) || !readZone(in, offset))
        return false;
    return toNs(days * kSecPerDay + seconds - offset, frac, ns);
}

// All-digit text of `digits` digits worth `value`: the unit follows from
// the number of digits (see header). A multiplication, no division.
bool epochIntegerToNs(std::uint64_t value, std::size_t digits, std::int64_t &ns) noexcept
{
    constexpr auto kMaxNs = std::uint64_t(std::numeric_limits<std::int64_t>::max());
    if (digits > 19)
        return false;
    std::uint64_t nsPerUnit = 1; // 17-19 digits: ns
    if (digits <= 10)
        nsPerUnit = 1'000'000'000;
    else if (digits <= 13)
        nsPerUnit = 1'000'000;
    else if (digits <= 16)
        nsPerUnit = 1'000;
    if (value > kMaxNs / nsPerUnit)
        return false;
    ns = static_cast<std::int64_t>(value * nsPerUnit);
    return true;
}

// <seconds>.<fraction>; at most 10 integer digits (kMaxSec has 10).
bool parseEpochFraction(std::string_view text, std::size_t intDigits, std::int64_t &ns) noexcept
{
    if (intDigits > 10)
        return false;
    std::int64_t sec = 0;
    for (std::size_t i = 0; i < intDigits; ++i)
        sec = sec * 10 + (text[i] - '0');
    Cursor in(text.substr(intDigits + 1));
    std::int64_t frac = 0;
    if (!in.fraction(frac) || !in.atEnd())
        return false;
    return toNs(sec, frac, ns);
}

char *writeDigits(char *out, std::uint64_t value, int width) noexcept
{
    for (int i = width - 1; i >= 0; --i) {
        out[i] = char('0' + value % 10);
        value /= 10;
    }
    return out + width;
}

} // namespace

bool parseTimestamp(std::string_view text, std::int64_t &ns) noexcept
{
    text = trimmed(text);
    // Leading digits, accumulated on the way; 19 digits always fit in uint64
    // and longer runs are rejected, so the value stops growing there.
    std::uint64_t value = 0;
    std::size_t intDigits = 0;
    for (; intDigits < text.size() && isDigit(text[intDigits]); ++intDigits) {
        if (intDigits < 19)
            value = value * 10 + std::uint64_t(text[intDigits] - '0');
    }
    if (intDigits == 0)
        return false;
    if (intDigits == text.size())
        return epochIntegerToNs(value, intDigits, ns);
    const char next = text[intDigits];
    if (next == '.')
        return parseEpochFraction(text, intDigits, ns);
    if (intDigits == 4 && (next == '-' || next == '/'))
        return parseDateTimeText(text, ns);
    return false;
}

bool parseDateTime(std::string_view date, std::string_view time, std::int64_t &ns) noexcept
{
    Cursor dateIn(trimmed(date));
    Cursor timeIn(trimmed(time));
    std::int64_t days = 0, seconds = 0, frac = 0;
    if (!readDate(dateIn, days) || !dateIn.atEnd())
        return false;
    if (!readTime(timeIn, seconds, frac) || !timeIn.atEnd())
        return false;
    return toNs(days * kSecPerDay + seconds, frac, ns);
}

std::size_t formatIso8601Utc(std::int64_t ns, char *out) noexcept
{
    // Floor division, so times before 1970 count down from the right second.
    std::int64_t sec = ns / kNsPerSec;
    std::int64_t frac = ns % kNsPerSec;
    if (frac < 0) {
        frac += kNsPerSec;
        --sec;
    }
    std::int64_t days = sec / kSecPerDay;
    std::int64_t secOfDay = sec % kSecPerDay;
    if (secOfDay < 0) {
        secOfDay += kSecPerDay;
        --days;
    }
    const Civil date = civilFromDays(days); // years 1677..2262: always 4 digits

    char *p = out;
    p = writeDigits(p, std::uint64_t(date.year), 4);
    *p++ = '-';
    p = writeDigits(p, date.month, 2);
    *p++ = '-';
    p = writeDigits(p, date.day, 2);
    *p++ = 'T';
    p = writeDigits(p, std::uint64_t(secOfDay / 3600), 2);
    *p++ = ':';
    p = writeDigits(p, std::uint64_t(secOfDay / 60 % 60), 2);
    *p++ = ':';
    p = writeDigits(p, std::uint64_t(secOfDay % 60), 2);
    if (frac != 0) {
        *p++ = '.';
        if (frac % 1'000'000 == 0)
            p = writeDigits(p, std::uint64_t(frac / 1'000'000), 3);
        else if (frac % 1'000 == 0)
            p = writeDigits(p, std::uint64_t(frac / 1'000), 6);
        else
            p = writeDigits(p, std::uint64_t(frac), 9);
    }
    *p++ = 'Z';
    return std::size_t(p - out);
}

std::string formatIso8601Utc(std::int64_t ns)
{
    char buffer[kIso8601MaxLength];
    return std::string(buffer, formatIso8601Utc(ns, buffer));
}

} // namespace ea
