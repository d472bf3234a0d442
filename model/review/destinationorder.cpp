#include "review/destinationorder.h"

#include <algorithm>
#include <numeric>
#include <string_view>
#include <utility>

namespace ea {

namespace {

struct Keyed
{
    std::uint64_t key;
    std::uint32_t row;
};

// Rows by key, ties in address order, in either direction: a stable LSD
// radix sort over the key bytes that differ, starting from address order.
// Counts and times need two to four passes; no comparison sort runs.
template<typename Key>
std::vector<std::uint32_t> byKey(const DestinationSnapshot &snapshot, bool descending, Key key)
{
    const std::vector<std::uint32_t> &byAddress = snapshot.byAddress();
    const std::size_t n = byAddress.size();
    std::vector<Keyed> from(n);
    std::uint64_t all = 0;
    std::uint64_t any = 0;
    all = ~all;
    for (std::size_t k = 0; k < n; ++k) {
        const std::uint32_t row = byAddress[k];
        // Signed order as unsigned: flip the sign bit; descending: invert.
        std::uint64_t u = std::uint64_t(std::int64_t(key(row))) ^ (std::uint64_t(1) << 63);
        if (descending)
            u = ~u;
        from[k] = {u, row};
        all &= u;
        any |= u;
    }
    std::vector<Keyed> to(n);
    const std::uint64_t varying = all ^ any; // bits that are not the same in every key
    for (int shift = 0; shift < 64; shift += 8) {
        if (((varying >> shift) & 0xff) == 0)
            continue; // every key has the same byte here: the pass would keep the order
        std::size_t count[257] = {};
        for (const Keyed &k : from)
            ++count[((k.key >> shift) & 0xff) + 1];
        for (int b = 0; b < 256; ++b)
            count[b + 1] += count[b];
        for (const Keyed &k : from)
            to[count[(k.key >> shift) & 0xff]++] = k;
        from.swap(to);
    }
    std::vector<std::uint32_t> rows(n);
    for (std::size_t k = 0; k < n; ++k)
        rows[k] = from[k].row;
    return rows;
}

// Ports compare port by port as numbers; a list that is the start of another
// sorts first, and the "…" of a truncated list after any port. As items:
// 0 ends a list, a port is stored + 1, "…" is kMore.
constexpr std::int64_t kEnd = 0;
constexpr std::int64_t kMore = 0x10001; // "…": after port 65535 (stored + 1)

std::int64_t portItem(std::span<const std::uint16_t> ports, bool truncated, std::size_t k)
{
    if (k < ports.size())
        return std::int64_t(ports[k]) + 1;
    return k == ports.size() && truncated ? kMore : kEnd;
}

// A stable LSD radix sort over the list items, last position first, one
// counting pass per position (items are 17-bit: 0 for "no more", port + 1,
// and "…"), starting from address order so that ties stay in it. At most 21
// passes (20 ports and "…"), each linear: no comparison of lists at all.
std::vector<std::uint32_t> byPorts(const DestinationSnapshot &s, bool descending)
{
    std::vector<std::uint32_t> current = s.byAddress();
    const std::size_t n = current.size();
    std::size_t longest = 0;
    for (std::size_t row = 0; row < n; ++row)
        longest = std::max(longest, s.ports(row).size() + (s.portsTruncated(row) ? 1 : 0));
    std::vector<std::uint32_t> next(n);
    std::vector<std::uint32_t> items(n);
    std::vector<std::uint32_t> count(std::size_t(kMore) + 2);
    for (std::size_t position = longest; position-- > 0;) {
        std::fill(count.begin(), count.end(), 0U);
        for (std::size_t k = 0; k < n; ++k) {
            const std::uint32_t row = current[k];
            const auto item
                = std::uint32_t(portItem(s.ports(row), s.portsTruncated(row), position));
            items[k] = descending ? std::uint32_t(kMore) - item : item;
            ++count[items[k] + 1];
        }
        for (std::size_t b = 1; b < count.size(); ++b)
            count[b] += count[b - 1];
        for (std::size_t k = 0; k < n; ++k)
            next[count[items[k]]++] = current[k];
        current.swap(next);
    }
    return current;
}

// The rank of each distinct text among the others, for a text field with few
// values (categories, notes): sorting then compares numbers.
template<typename Text> std::vector<std::int64_t> textRanks(const std::vector<Text> &texts)
{
    std::vector<std::size_t> order(texts.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::sort(order.begin(), order.end(), [&texts](std::size_t a, std::size_t b) {
        return std::string_view(texts[a]) < std::string_view(texts[b]);
    });
    std::vector<std::int64_t> rank(texts.size());
    for (std::size_t k = 0; k < order.size(); ++k) {
        const bool same
            = k > 0 && std::string_view(texts[order[k]]) == std::string_view(texts[order[k - 1]]);
        rank[order[k]] = same ? rank[order[k - 1]] : std::int64_t(k);
    }
    return rank;
}

} // namespace

std::vector<std::uint32_t> sortedRows(const DestinationSnapshot &snapshot,
                                      const DestinationReview &review, DestinationSort sort)
{
    const bool desc = sort.descending;
    // Few distinct texts (categories, notes): rank them once, sort by rank.
    const auto byText = [&](auto textOf) {
        std::vector<std::string_view> texts(snapshot.size());
        for (std::size_t row = 0; row < snapshot.size(); ++row)
            texts[row] = textOf(row);
        const std::vector<std::int64_t> rank = textRanks(texts);
        return byKey(snapshot, desc, [&rank](std::size_t row) { return rank[row]; });
    };
    switch (sort.field) {
    case DestinationField::Address:
    case DestinationField::Expanded: {
        std::vector<std::uint32_t> rows = snapshot.byAddress();
        if (desc)
            std::reverse(rows.begin(), rows.end());
        return rows;
    }
    case DestinationField::Category:
        return byText([&](std::size_t row) { return snapshot.category(row); });
    case DestinationField::External:
        return byKey(snapshot, desc, [&](std::size_t row) { return snapshot.external(row); });
    case DestinationField::Status:
        return byKey(snapshot, desc, [&](std::size_t row) { return int(review.status(row)); });
    case DestinationField::Connections:
        return byKey(snapshot, desc, [&](std::size_t row) { return snapshot.connections(row); });
    case DestinationField::Processes:
        return byKey(snapshot, desc, [&](std::size_t row) { return snapshot.processes(row); });
    case DestinationField::Hosts:
        return byKey(snapshot, desc, [&](std::size_t row) { return snapshot.hosts(row); });
    case DestinationField::Ports:
        return byPorts(snapshot, desc);
    case DestinationField::FirstSeen:
        // Unknown times (kNoTime, the smallest number) sort before every time.
        return byKey(snapshot, desc, [&](std::size_t row) {
            return snapshot.firstNs(row).value_or(DestinationSnapshot::kNoTime);
        });
    case DestinationField::LastSeen:
        return byKey(snapshot, desc, [&](std::size_t row) {
            return snapshot.lastNs(row).value_or(DestinationSnapshot::kNoTime);
        });
    case DestinationField::Note:
        return byText([&](std::size_t row) { return review.note(row); });
    }
    return snapshot.byAddress();
}

Result<std::shared_ptr<const DestinationSnapshot>> readFirstRows(CaseQueries &queries,
                                                                 DestinationSort sort, int limit)
{
    Result<std::shared_ptr<const DestinationSnapshot>> result;
    if (!sort.descending)
        return result;
    CaseQueries::DestinationCount count {};
    switch (sort.field) {
    case DestinationField::Connections:
        count = CaseQueries::DestinationCount::Connections;
        break;
    case DestinationField::Processes:
        count = CaseQueries::DestinationCount::Processes;
        break;
    case DestinationField::Hosts:
        count = CaseQueries::DestinationCount::Hosts;
        break;
    default:
        return result;
    }
    RowsResult<DestinationRow> rows = queries.busiestDestinations(count, limit);
    if (!rows.ok())
        result.error = rows.error;
    else
        result.value = DestinationSnapshot::fromRows(rows.value);
    return result;
}

bool passesToggles(bool external, MarkStatus status, bool showAll, bool hideReviewed) noexcept
{
    // The same rule as the CLI's default list: external and not internal.
    if (!showAll && (!external || status == MarkStatus::Internal))
        return false;
    return !(hideReviewed && (status == MarkStatus::KnownSafe || status == MarkStatus::Internal));
}

DestinationOrder shownRows(const DestinationSnapshot &snapshot, const DestinationReview &review,
                           const std::vector<std::uint32_t> &sorted, const DestinationView &view,
                           const std::atomic_bool *cancel)
{
    DestinationOrder order;
    order.rows.reserve(sorted.size());
    const bool filtered = !view.filter.isEmpty();
    const bool withAddressText = view.filter.readsAddressText();
    const bool withPorts = view.filter.readsPorts();
    DestinationRow row; // reused: its strings keep their capacity
    for (std::size_t k = 0; k < sorted.size(); ++k) {
        if (cancel && (k & 0xffff) == 0 && cancel->load(std::memory_order_relaxed))
            break;
        const std::uint32_t r = sorted[k];
        if (!passesToggles(snapshot.external(r), review.status(r), view.showAll, view.hideReviewed))
            continue;
        ++order.candidates;
        if (filtered) {
            if (withPorts && !view.filter.portsMatch(snapshot.ports(r), snapshot.portsTruncated(r)))
                continue;
            snapshot.fill(r, row, withAddressText, false);
            review.fill(r, row);
            if (!view.filter.matchesExceptPorts(row, view.sets))
                continue;
        }
        order.rows.push_back(r);
    }
    order.rows.shrink_to_fit();
    return order;
}

} // namespace ea
