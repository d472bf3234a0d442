#include "review/destinationfilter.h"

#include "core/text.h"
#include "review/byteamount.h"

#include "address/classifier.h"
#include "core/timestamp.h"
#include "storage/aggregates.h"

#include <algorithm>
#include <limits>

namespace ea {

namespace {

constexpr std::size_t kNoColon = std::string_view::npos;

QString fromUtf8(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

constexpr bool isSpace(char c) noexcept
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

constexpr bool isHexDigit(char c) noexcept
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// "stauts" in "stauts:x" is a misspelt key; "cafe" in "cafe:1::" is the
// start of an IPv6 address, so only words with a non-hex letter count.
bool looksLikeKey(std::string_view word) noexcept
{
    const bool letters = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    });
    return letters && !std::all_of(word.begin(), word.end(), isHexDigit);
}

// "10.0.0/8", "2001:db8::zz/32": meant as a block, so a parse error is
// reported rather than searched for as text.
bool looksLikeAddress(std::string_view text) noexcept
{
    const bool addressCharacters
        = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
              return isHexDigit(c) || c == '.' || c == ':' || c == '[' || c == ']' || c == '%';
          });
    return addressCharacters && text.find_first_of(".:") != std::string_view::npos;
}

// Not ea::parsePort (core/text.h): a filter's port is plain decimal digits
// only (at most 5), with no blanks and no "0x" form. That one reads exports,
// where Argus writes ICMP type/code in hex and fields may be padded, so it
// would accept "port:0x1bb", which the filter refuses today.
bool parsePort(std::string_view text, std::uint16_t &port) noexcept
{
    if (text.empty() || text.size() > 5)
        return false;
    unsigned value = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
        value = value * 10 + unsigned(c - '0');
    }
    if (value > 0xffff)
        return false;
    port = std::uint16_t(value);
    return true;
}

// Whether a DestinationRow::ports list ("22;443", ascending, maybe ending in
// ";…") holds port. Past the end of a truncated list the answer is unknown;
// it counts as a match. One pass over the bytes: this runs for every row.
bool isAsciiLetter(char c) noexcept
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// "13335" or "AS13335" (any case) as 1..2^32-1.
bool parseAsn(std::string_view text, std::int64_t &asn) noexcept
{
    if (text.size() > 2 && (text[0] == 'a' || text[0] == 'A') && (text[1] == 's' || text[1] == 'S'))
        text.remove_prefix(2);
    if (text.empty() || text.size() > 10)
        return false;
    std::int64_t n = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return false;
        n = n * 10 + (c - '0');
    }
    if (n < 1 || n > 0xffffffffLL)
        return false;
    asn = n;
    return true;
}

constexpr std::int64_t kDayNs = 86'400'000'000'000;

constexpr bool isDigit(char c) noexcept
{
    return c >= '0' && c <= '9';
}

// A since:/until: value: "YYYY-MM-DD" alone, or that date followed by T (or a
// space, quoted) and a time as parseTimestamp() reads it. Epoch numbers are
// refused: "since:1700000000" reads as a date to nobody. A date alone is the
// whole day: since: its first nanosecond, until: its last.
bool parseFilterTime(std::string_view text, bool endOfDay, std::int64_t &ns) noexcept
{
    const bool datePrefix = text.size() >= 10 && isDigit(text[0]) && isDigit(text[1])
        && isDigit(text[2]) && isDigit(text[3]) && text[4] == '-' && isDigit(text[5])
        && isDigit(text[6]) && text[7] == '-' && isDigit(text[8]) && isDigit(text[9]);
    if (!datePrefix)
        return false;
    if (text.size() == 10) {
        if (!parseDateTime(text, "00:00:00", ns))
            return false;
        if (endOfDay)
            ns = ns > std::numeric_limits<std::int64_t>::max() - (kDayNs - 1)
                ? std::numeric_limits<std::int64_t>::max()
                : ns + (kDayNs - 1);
        return true;
    }
    return (text[10] == 'T' || text[10] == 't' || text[10] == ' ') && parseTimestamp(text, ns);
}

QString categoryList()
{
    QStringList ids;
    for (int k = 0; k < kCategoryCount; ++k)
        ids.append(fromUtf8(categoryId(Category(k))));
    return ids.join(QStringLiteral(", "));
}

QString statusList()
{
    QStringList ids;
    for (MarkStatus status : {MarkStatus::Unreviewed, MarkStatus::KnownSafe, MarkStatus::Suspicious,
                              MarkStatus::Malicious, MarkStatus::Internal})
        ids.append(fromUtf8(markStatusId(status)));
    return ids.join(QStringLiteral(", "));
}

} // namespace

DestinationFilter DestinationFilter::parse(std::string_view text)
{
    DestinationFilter filter;
    std::size_t i = 0;
    std::string value;
    while (i < text.size()) {
        if (isSpace(text[i])) {
            ++i;
            continue;
        }
        const std::size_t start = i;
        value.clear();
        std::size_t colon = kNoColon;
        bool quoted = false;
        bool inQuote = false;
        for (; i < text.size(); ++i) {
            const char c = text[i];
            if (inQuote) {
                if (c == '\\' && i + 1 < text.size() && (text[i + 1] == '"' || text[i + 1] == '\\'))
                    value += text[++i];
                else if (c == '"')
                    inQuote = false;
                else
                    value += c;
                continue;
            }
            if (isSpace(c))
                break;
            if (c == '"') {
                inQuote = quoted = true;
                continue;
            }
            // A key is only ever the unquoted start of a term.
            if (c == ':' && colon == kNoColon && !quoted)
                colon = value.size();
            value += c;
        }
        const std::string_view raw = text.substr(start, i - start);
        if (inQuote)
            filter.m_error = Error(tr("%1: the closing quote is missing").arg(fromUtf8(raw)),
                                   Error::Code::Invalid);
        if (!filter.m_error.isNull() || !filter.addTerm(raw, value, colon, quoted)) {
            filter.m_terms.clear();
            filter.m_processTexts.clear();
            filter.m_hostTexts.clear();
            filter.m_sourceBlocks.clear();
            filter.m_since.reset();
            filter.m_until.reset();
            return filter;
        }
    }
    // All terms must hold, so the cheapest run first and most rows stop early.
    std::stable_sort(filter.m_terms.begin(), filter.m_terms.end(),
                     [](const Term &a, const Term &b) { return cost(a.kind) < cost(b.kind); });
    return filter;
}

int DestinationFilter::cost(Kind kind) noexcept
{
    switch (kind) {
    case Kind::Status:
    case Kind::Since:
    case Kind::Until:
    case Kind::Direction:
    case Kind::Bytes:
    case Kind::Asn:
        return 0;
    case Kind::Country:
    case Kind::Category:
        return 1;
    case Kind::Block:
        return 2;
    case Kind::Port:
        return 3;
    case Kind::Process:
    case Kind::Host:
    case Kind::Source:
        return 4;
    case Kind::List:
    case Kind::Organisation:
    case Kind::Text:
        break;
    }
    return 5;
}

bool DestinationFilter::addTerm(std::string_view raw, std::string_view value, std::size_t colon,
                                bool quoted)
{
    Term term;
    if (colon != kNoColon) {
        const std::string key = lowerAscii(value.substr(0, colon));
        const std::string_view argument = value.substr(colon + 1);
        const bool known = std::find(kKeys.begin(), kKeys.end(), key) != kKeys.end();
        if (key == "bytes" || key == "bytesout" || key == "bytesin")
            return addBytesTerm(raw, key, argument);
        if (known && argument.empty()) {
            m_error
                = Error(tr("%1: the value is missing").arg(fromUtf8(raw)), Error::Code::Invalid);
            return false;
        }
        if (key == "port") {
            term.kind = Kind::Port;
            if (!parsePort(argument, term.port)) {
                m_error = Error(tr("%1: a port is a number from 0 to 65535").arg(fromUtf8(raw)),
                                Error::Code::Invalid);
                return false;
            }
        } else if (key == "country") {
            term.kind = Kind::Country;
            if (argument.size() != 2 || !isAsciiLetter(argument[0])
                || !isAsciiLetter(argument[1])) {
                m_error = Error(
                    tr("%1: a country is a two-letter ISO 3166 code (e.g. JP)").arg(fromUtf8(raw)),
                    Error::Code::Invalid);
                return false;
            }
            term.needle = lowerAscii(argument);
            for (char &c : term.needle)
                c = char(c - 'a' + 'A');
        } else if (key == "asn") {
            term.kind = Kind::Asn;
            if (!parseAsn(argument, term.time)) {
                m_error = Error(
                    tr("%1: an AS number is 1 to 4294967295, with or without AS (e.g. 13335)")
                        .arg(fromUtf8(raw)),
                    Error::Code::Invalid);
                return false;
            }
        } else if (key == "list" || key == "org") {
            term.kind = key == "org" ? Kind::Organisation : Kind::List;
            term.needle = lowerAscii(argument);
            if (std::any_of(argument.begin(), argument.end(),
                            [](char c) { return (c & 0x80) != 0; }))
                term.unicodeNeedle = fromUtf8(argument);
        } else if (key == "process") {
            term.kind = Kind::Process;
            term.set = m_processTexts.size();
            m_processTexts.emplace_back(argument);
        } else if (key == "host") {
            term.kind = Kind::Host;
            term.set = m_hostTexts.size();
            m_hostTexts.emplace_back(argument);
        } else if (key == "source") {
            term.kind = Kind::Source;
            const CidrResult r = parseCidr(argument, CidrParsing::ClearHostBits, true);
            if (!r.ok()) {
                const std::string_view reason = r.error == CidrError::Address
                    ? parseErrorText(r.addressError)
                    : cidrErrorText(r.error);
                m_error = Error(tr("%1: a source is an address or a CIDR block (%2)")
                                    .arg(fromUtf8(raw), fromUtf8(reason)),
                                Error::Code::Invalid);
                return false;
            }
            term.set = m_sourceBlocks.size();
            m_sourceBlocks.push_back(Marks::normalized(r.cidr));
        } else if (key == "status") {
            term.kind = Kind::Status;
            if (!markStatusFromId(lowerAscii(argument), term.status)) {
                m_error
                    = Error(tr("%1: unknown status (one of %2)").arg(fromUtf8(raw), statusList()),
                            Error::Code::Invalid);
                return false;
            }
        } else if (key == "category") {
            term.kind = Kind::Category;
            Category category = Category::Reserved;
            if (!categoryFromId(lowerAscii(argument), category)) {
                m_error = Error(
                    tr("%1: unknown category (one of %2)").arg(fromUtf8(raw), categoryList()),
                    Error::Code::Invalid);
                return false;
            }
            term.needle = std::string(categoryId(category));
        } else if (key == "since" || key == "until") {
            const bool until = key == "until";
            term.kind = until ? Kind::Until : Kind::Since;
            if (!parseFilterTime(argument, until, term.time)) {
                m_error = Error(tr("%1: a time is an ISO 8601 date-time or a date, in UTC "
                                   "(e.g. 2024-05-01T13:00:00Z or 2024-05-01)")
                                    .arg(fromUtf8(raw)),
                                Error::Code::Invalid);
                return false;
            }
            if (until)
                m_until = m_until ? std::min(*m_until, term.time) : term.time;
            else
                m_since = m_since ? std::max(*m_since, term.time) : term.time;
        } else if (key == "direction") {
            term.kind = Kind::Direction;
            const std::string value = lowerAscii(argument);
            if (value == "outbound")
                term.directions = kSawOutbound;
            else if (value == "inbound")
                term.directions = kSawInbound;
            else if (value == "both")
                term.directions = kSawOutbound | kSawInbound;
            else {
                m_error = Error(
                    tr("%1: unknown direction (one of outbound, inbound, both)").arg(fromUtf8(raw)),
                    Error::Code::Invalid);
                return false;
            }
        } else if (looksLikeKey(key)) {
            m_error = Error(tr("%1: unknown filter (port:, process:, host:, source:, status:, "
                               "category:, since:, until:, direction:, bytes>, list:, country:, "
                               "asn:, org:; quote text that contains a colon)")
                                .arg(fromUtf8(raw)),
                            Error::Code::Invalid);
            return false;
        }
        if (known) {
            m_terms.push_back(std::move(term));
            return true;
        }
    }

    if (!quoted) {
        // bytes>1M: a key, then a comparison instead of a colon.
        const std::size_t op = value.find_first_of("<>=");
        if (op != std::string_view::npos && op > 0) {
            const std::string key = lowerAscii(value.substr(0, op));
            if (key == "bytes" || key == "bytesout" || key == "bytesin")
                return addBytesTerm(raw, key, value.substr(op));
        }
        const CidrResult r = parseCidr(value, CidrParsing::ClearHostBits, true);
        if (r.ok()) {
            term.kind = Kind::Block;
            term.block = Marks::normalized(r.cidr);
            m_terms.push_back(std::move(term));
            return true;
        }
        const std::size_t slash = value.rfind('/');
        if (slash != std::string_view::npos
            && (r.error != CidrError::Address || looksLikeAddress(value.substr(0, slash)))) {
            const std::string_view reason = r.error == CidrError::Address
                ? parseErrorText(r.addressError)
                : cidrErrorText(r.error);
            m_error = Error(
                tr("%1 is not a valid CIDR block (%2)").arg(fromUtf8(raw), fromUtf8(reason)),
                Error::Code::Invalid);
            return false;
        }
    }

    if (value.empty())
        return true; // "": no constraint
    term.kind = Kind::Text;
    term.needle = lowerAscii(value);
    if (std::any_of(value.begin(), value.end(), [](char c) { return (c & 0x80) != 0; }))
        term.unicodeNeedle = fromUtf8(value);
    m_terms.push_back(std::move(term));
    return true;
}

bool DestinationFilter::addBytesTerm(std::string_view raw, std::string_view key,
                                     std::string_view rest)
{
    Term term;
    term.kind = Kind::Bytes;
    term.side = key == "bytesout" ? Side::Out : key == "bytesin" ? Side::In : Side::Total;
    std::string_view number = rest;
    if (number.starts_with(">=")) {
        term.compare = Compare::GreaterOrEqual;
        number.remove_prefix(2);
    } else if (number.starts_with("<=")) {
        term.compare = Compare::LessOrEqual;
        number.remove_prefix(2);
    } else if (number.starts_with('>')) {
        term.compare = Compare::Greater;
        number.remove_prefix(1);
    } else if (number.starts_with('<')) {
        term.compare = Compare::Less;
        number.remove_prefix(1);
    } else if (number.starts_with('=')) {
        number.remove_prefix(1);
    }
    if (!parseByteAmount(number, term.time)) {
        m_error = Error(tr("%1: a byte count is a number with an optional unit "
                           "(e.g. bytes>1M, bytesout>=500k, bytesin<2GiB)")
                            .arg(fromUtf8(raw)),
                        Error::Code::Invalid);
        return false;
    }
    m_terms.push_back(std::move(term));
    return true;
}

bool DestinationFilter::hasDirectionTerm() const noexcept
{
    return std::any_of(m_terms.begin(), m_terms.end(),
                       [](const Term &term) { return term.kind == Kind::Direction; });
}

bool DestinationFilter::isEmpty() const noexcept
{
    return m_terms.empty() && m_error.isNull();
}

bool DestinationFilter::readsAddressText() const noexcept
{
    return std::any_of(m_terms.begin(), m_terms.end(),
                       [](const Term &term) { return term.kind == Kind::Text; });
}

bool DestinationFilter::readsPorts() const noexcept
{
    return std::any_of(m_terms.begin(), m_terms.end(),
                       [](const Term &term) { return term.kind == Kind::Port; });
}

} // namespace ea
