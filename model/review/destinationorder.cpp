#include "review/destinationorder.h"

#include <algorithm>
#include <numeric>
#include <string_view>
#include <utility>

namespace ea {

namespace {

struct Keyed
{
    std::int64_t key;
    std::uint32_t rank; // address rank: the tie-break
    std::uint32_t row;
};

// Sorts by key (ascending or descending), ties by address ascending.
std::vector<std::uint32_t> byKey(std::vector<Keyed> keyed, bool descending)
{
    if (descending) {
        std::sort(keyed.begin(), keyed.end(), [](const Keyed &a, const Keyed &b) {
            return a.key != b.key ? a.key > b.key : a.rank < b.rank;
        });
    } else {
        std::sort(keyed.begin(), keyed.end(), [](const Keyed &a, const Keyed &b) {
            return a.key != b.key ? a.key < b.key : a.rank < b.rank;
        });
    }
    std::vector<std::uint32_t> rows(keyed.size());
    for (std::size_t k = 0; k < keyed.size(); ++k)
        rows[k] = keyed[k].row;
    return rows;
}

template<typename Key>
std::vector<std::uint32_t> byKey(const DestinationSnapshot &snapshot, bool descending, Key key)
{
    std::vector<Keyed> keyed(snapshot.size());
    for (std::size_t row = 0; row < keyed.size(); ++row)
        keyed[row] = {std::int64_t(key(row)), snapshot.addressRank(row), std::uint32_t(row)};
    return byKey(std::move(keyed), descending);
}

// Ports compare port by port as numbers; a list that is the start of another
// sorts first, and the "…" of a truncated list after any port. The first
// three items packed into one number decide almost every comparison.
constexpr std::int64_t kEnd = 0;
constexpr std::int64_t kMore = 0x10001; // "…": after port 65535 (stored + 1)

std::int64_t portItem(std::span<const std::uint16_t> ports, bool truncated, std::size_t k)
{
    if (k < ports.size())
        return std::int64_t(ports[k]) + 1;
    return k == ports.size() && truncated ? kMore : kEnd;
}

int comparePortLists(const DestinationSnapshot &s, std::uint32_t a, std::uint32_t b)
{
    const auto pa = s.ports(a);
    const auto pb = s.ports(b);
    const std::size_t n = std::max(pa.size(), pb.size()) + 1;
    for (std::size_t k = 0; k < n; ++k) {
        const std::int64_t x = portItem(pa, s.portsTruncated(a), k);
        const std::int64_t y = portItem(pb, s.portsTruncated(b), k);
        if (x != y)
            return x < y ? -1 : 1;
        if (x == kEnd)
            return 0;
    }
    return 0;
}

std::vector<std::uint32_t> byPorts(const DestinationSnapshot &s, bool descending)
{
    std::vector<Keyed> keyed(s.size());
    for (std::size_t row = 0; row < keyed.size(); ++row) {
        const auto ports = s.ports(row);
        const bool truncated = s.portsTruncated(row);
        const std::int64_t key = (portItem(ports, truncated, 0) << 34)
            | (portItem(ports, truncated, 1) << 17) | portItem(ports, truncated, 2);
        keyed[row] = {key, s.addressRank(row), std::uint32_t(row)};
    }
    std::sort(keyed.begin(), keyed.end(), [&s, descending](const Keyed &a, const Keyed &b) {
        int c = a.key < b.key ? -1 : (a.key > b.key ? 1 : 0);
        if (c == 0)
            c = comparePortLists(s, a.row, b.row);
        if (c != 0)
            return descending ? c > 0 : c < 0;
        return a.rank < b.rank;
    });
    std::vector<std::uint32_t> rows(keyed.size());
    for (std::size_t k = 0; k < keyed.size(); ++k)
        rows[k] = keyed[k].row;
    return rows;
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
    switch (sort.field) {
    case DestinationField::Address:
    case DestinationField::Expanded: {
        std::vector<std::uint32_t> rows = snapshot.byAddress();
        if (desc)
            std::reverse(rows.begin(), rows.end());
        return rows;
    }
    case DestinationField::Category: {
        // Few distinct categories: rank their ids once.
        std::vector<std::string_view> texts(snapshot.size());
        for (std::size_t row = 0; row < snapshot.size(); ++row)
            texts[row] = snapshot.category(row);
        const std::vector<std::int64_t> rank = textRanks(texts);
        return byKey(snapshot, desc, [&rank](std::size_t row) { return rank[row]; });
    }
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
    case DestinationField::Note: {
        std::vector<std::string_view> texts(snapshot.size());
        for (std::size_t row = 0; row < snapshot.size(); ++row)
            texts[row] = review.note(row);
        const std::vector<std::int64_t> rank = textRanks(texts);
        return byKey(snapshot, desc, [&rank](std::size_t row) { return rank[row]; });
    }
    }
    return snapshot.byAddress();
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
    const bool withText = view.filter.readsText();
    DestinationRow row; // reused: its strings keep their capacity
    for (std::size_t k = 0; k < sorted.size(); ++k) {
        if (cancel && (k & 0xffff) == 0 && cancel->load(std::memory_order_relaxed))
            break;
        const std::uint32_t r = sorted[k];
        if (!passesToggles(snapshot.external(r), review.status(r), view.showAll, view.hideReviewed))
            continue;
        ++order.candidates;
        if (filtered) {
            snapshot.fill(r, row, withText);
            review.fill(r, row);
            if (!view.filter.matches(row, view.sets))
                continue;
        }
        order.rows.push_back(r);
    }
    order.rows.shrink_to_fit();
    return order;
}

} // namespace ea
