// The quick filter's matching: whether a row passes every term the parser
// made (destinationfilter.cpp parses; destinationfilteridsets.cpp reads the
// case for the terms that need the events).

#include "review/destinationfilter.h"

#include "core/direction.h"
#include "core/text.h"
#include "storage/aggregates.h"

#include <algorithm>

namespace ea {

namespace {

constexpr char foldAscii(char c) noexcept
{
    return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
}

bool portListed(std::string_view list, unsigned port) noexcept
{
    unsigned value = 0;
    bool digits = false;
    for (const char c : list) {
        if (c >= '0' && c <= '9') {
            value = value * 10 + unsigned(c - '0');
            digits = true;
            if (value > 0xffff)
                return false; // not a list this code wrote
        } else if (c == ';') {
            if (digits && value >= port)
                return value == port;
            value = 0;
            digits = false;
        } else {
            return true; // the "…" marker: every listed port was smaller
        }
    }
    return digits && value == port;
}

// Case-insensitive for ASCII letters; needle is already lower case and not
// empty. Candidates are found by the first byte, so most rows are rejected
// after one comparison per byte.
bool containsFolded(std::string_view haystack, std::string_view needle) noexcept
{
    if (needle.size() > haystack.size())
        return false;
    const char first = needle.front();
    const std::size_t lastStart = haystack.size() - needle.size();
    for (std::size_t at = 0; at <= lastStart; ++at) {
        if (foldAscii(haystack[at]) != first)
            continue;
        std::size_t k = 1;
        while (k < needle.size() && foldAscii(haystack[at + k]) == needle[k])
            ++k;
        if (k == needle.size())
            return true;
    }
    return false;
}

bool hasId(const std::vector<std::vector<std::int64_t>> &sets, std::size_t index,
           std::int64_t id) noexcept
{
    return index < sets.size() && std::binary_search(sets[index].begin(), sets[index].end(), id);
}

} // namespace

bool DestinationFilter::matches(const DestinationRow &row, const IdSets &sets) const
{
    return matchTerms(row, sets, true);
}

bool DestinationFilter::matchesExceptPorts(const DestinationRow &row, const IdSets &sets) const
{
    return matchTerms(row, sets, false);
}

bool DestinationFilter::portsMatch(std::span<const std::uint16_t> ports, bool truncated) const
{
    if (!m_error.isNull())
        return false;
    for (const Term &term : m_terms) {
        if (term.kind != Kind::Port)
            continue;
        // As portListed(): past the last kept port of a truncated list the
        // answer is unknown, and counts as a match.
        const auto at = std::lower_bound(ports.begin(), ports.end(), term.port);
        if (at != ports.end() ? *at != term.port : !truncated)
            return false;
    }
    return true;
}

bool DestinationFilter::matchTerms(const DestinationRow &row, const IdSets &sets,
                                   bool withPorts) const
{
    if (!m_error.isNull())
        return false;
    for (const Term &term : m_terms) {
        bool ok = false;
        switch (term.kind) {
        case Kind::Port:
            ok = !withPorts || portListed(row.ports, term.port);
            break;
        case Kind::Process:
            ok = hasId(sets.process, term.set, row.id);
            break;
        case Kind::Host:
            ok = hasId(sets.host, term.set, row.id);
            break;
        case Kind::Source:
            ok = hasId(sets.source, term.set, row.id);
            break;
        case Kind::Status:
            ok = row.status == term.status;
            break;
        case Kind::Category:
            ok = row.category == term.needle;
            break;
        case Kind::Since:
            ok = row.lastNs && *row.lastNs >= term.time;
            break;
        case Kind::Until:
            ok = row.firstNs && *row.firstNs <= term.time;
            break;
        case Kind::Block:
            ok = term.block.contains(row.address);
            break;
        case Kind::Direction:
            // Unknown directions (an older case) read as outbound, as a
            // record without one does.
            ok = ((row.directions == 0 ? std::uint8_t(kSawOutbound) : row.directions)
                  & term.directions)
                == term.directions;
            break;
        case Kind::Bytes: {
            const std::int64_t count = term.side == Side::Out ? row.bytesOut
                : term.side == Side::In                       ? row.bytesIn
                                        : ByteSums::sum(row.bytesOut, row.bytesIn);
            if (count < 0)
                break;
            switch (term.compare) {
            case Compare::Less:
                ok = count < term.time;
                break;
            case Compare::LessOrEqual:
                ok = count <= term.time;
                break;
            case Compare::Equal:
                ok = count == term.time;
                break;
            case Compare::GreaterOrEqual:
                ok = count >= term.time;
                break;
            case Compare::Greater:
                ok = count > term.time;
                break;
            }
            break;
        }
        case Kind::List:
            ok = containsFolded(row.lists, term.needle)
                || (!term.unicodeNeedle.isEmpty() && !row.lists.empty()
                    && toQString(row.lists).contains(term.unicodeNeedle, Qt::CaseInsensitive));
            break;
        case Kind::Organisation:
            ok = containsFolded(row.organisation, term.needle)
                || (!term.unicodeNeedle.isEmpty() && !row.organisation.empty()
                    && toQString(row.organisation)
                           .contains(term.unicodeNeedle, Qt::CaseInsensitive));
            break;
        case Kind::Country:
            ok = row.country == term.needle;
            break;
        case Kind::Asn:
            ok = row.asn == term.time;
            break;
        case Kind::Text:
            ok = containsFolded(row.canonical, term.needle)
                || containsFolded(row.expanded, term.needle)
                || containsFolded(row.note, term.needle)
                || (!term.unicodeNeedle.isEmpty() && !row.note.empty()
                    && toQString(row.note).contains(term.unicodeNeedle, Qt::CaseInsensitive));
            break;
        }
        if (!ok)
            return false;
    }
    return true;
}

} // namespace ea
