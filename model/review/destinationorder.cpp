#include "review/destinationorder.h"

#include "core/largeallocator.h"
#include "storage/aggregates.h"

#include <algorithm>
#include <array>
#include <bit>
#include <numeric>
#include <string_view>
#include <utility>

namespace ea {

namespace {

// A row with its sort key. Sorting moves these (16 bytes) or, when the keys
// span less than 2^32, the key and row packed in 8 bytes: half the memory
// to touch, and on a fresh buffer every page is a fault (a first sort of
// 894k rows spent 78 of its 88 ms in them).
struct Keyed
{
    std::uint64_t key;
    std::uint32_t row;
};

// Stable LSD radix sort of `from` by the key bytes in `varying` (bits that
// are not the same in every key), one counting pass per such byte, `to` as
// scratch of the same size. keyOf(element) gives the key.
template<typename Element, typename KeyOf>
void radixSort(LargeVector<Element> &from, LargeVector<Element> &to, std::uint64_t varying,
               KeyOf keyOf)
{
    for (int shift = 0; shift < 64; shift += 8) {
        if (((varying >> shift) & 0xff) == 0)
            continue; // every key has the same byte here: the pass would keep the order
        std::size_t count[257] = {};
        for (const Element &e : from)
            ++count[((keyOf(e) >> shift) & 0xff) + 1];
        for (int b = 0; b < 256; ++b)
            count[b + 1] += count[b];
        for (const Element &e : from)
            to[count[(keyOf(e) >> shift) & 0xff]++] = e;
        from.swap(to);
    }
}

// Rows in order of keys[k] (the key of byAddress[k]), ties in address order:
// a stable radix sort starting from address order. With sortedKeys, also
// the keys in the rows' new order.
RowIds byKeys(const RowIds &byAddress, const LargeVector<std::uint64_t> &keys,
              LargeVector<std::uint64_t> *sortedKeys = nullptr)
{
    const std::size_t n = byAddress.size();
    std::uint64_t least = ~std::uint64_t(0);
    std::uint64_t most = 0;
    for (const std::uint64_t k : keys) {
        least = std::min(least, k);
        most = std::max(most, k);
    }
    RowIds rows(n);
    if (sortedKeys)
        sortedKeys->resize(n);
    if (n == 0)
        return rows;
    if (most - least <= 0xffffffffU) {
        // Packed: key - least in the high half, the row in the low half.
        LargeVector<std::uint64_t> from(n);
        std::uint64_t all = ~std::uint64_t(0);
        std::uint64_t any = 0;
        for (std::size_t k = 0; k < n; ++k) {
            from[k] = ((keys[k] - least) << 32) | byAddress[k];
            all &= from[k];
            any |= from[k];
        }
        LargeVector<std::uint64_t> to(n);
        const std::uint64_t varying = (all ^ any) & 0xffffffff00000000U;
        radixSort(from, to, varying, [](std::uint64_t e) { return e; });
        for (std::size_t k = 0; k < n; ++k) {
            rows[k] = std::uint32_t(from[k]);
            if (sortedKeys)
                (*sortedKeys)[k] = (from[k] >> 32) + least;
        }
        return rows;
    }
    LargeVector<Keyed> from(n);
    std::uint64_t all = ~std::uint64_t(0);
    std::uint64_t any = 0;
    for (std::size_t k = 0; k < n; ++k) {
        from[k] = {keys[k], byAddress[k]};
        all &= keys[k];
        any |= keys[k];
    }
    LargeVector<Keyed> to(n);
    radixSort(from, to, all ^ any, [](const Keyed &e) { return e.key; });
    for (std::size_t k = 0; k < n; ++k) {
        rows[k] = from[k].row;
        if (sortedKeys)
            (*sortedKeys)[k] = from[k].key;
    }
    return rows;
}

// Rows by key(row), ties in address order, in either direction.
template<typename Key> RowIds byKey(const DestinationSnapshot &snapshot, bool descending, Key key)
{
    const RowIds &byAddress = snapshot.byAddress();
    LargeVector<std::uint64_t> keys(byAddress.size());
    for (std::size_t k = 0; k < byAddress.size(); ++k) {
        // Signed order as unsigned: flip the sign bit; descending: invert.
        const std::uint64_t u
            = std::uint64_t(std::int64_t(key(byAddress[k]))) ^ (std::uint64_t(1) << 63);
        keys[k] = descending ? ~u : u;
    }
    return byKeys(byAddress, keys);
}

// Ports compare port by port as numbers; a list that is the start of another
// sorts first, and the "…" of a truncated list after any port. Each list is
// read as items: 0 where it has ended, a port's rank among the distinct
// ports of the snapshot (1..D), D + 1 for "…". Ranks take few bits (a
// dozen where a case has a few thousand distinct ports), so one 64-bit key
// holds the first several items of a list.
class PortCoder
{
public:
    PortCoder(const DestinationSnapshot &s, bool descending)
        : m_s(s)
        , m_descending(descending)
    {
        std::vector<std::uint8_t> seen(65536);
        for (const std::uint16_t port : s.portPool())
            seen[port] = 1;
        std::uint32_t rank = 0;
        for (std::size_t port = 0; port < seen.size(); ++port)
            m_rank[port] = seen[port] != 0 ? ++rank : 0;
        m_more = rank + 1;
        m_bits = std::bit_width(m_more);
        m_itemsPerKey = std::size_t(64 / m_bits);
    }

    [[nodiscard]] std::size_t itemsPerKey() const noexcept { return m_itemsPerKey; }
    // Items take the values 0..itemValues()-1.
    [[nodiscard]] std::size_t itemValues() const noexcept { return std::size_t(m_more) + 1; }

    // Item k of a row's list (descending: inverted, so that items sort as
    // the lists).
    [[nodiscard]] std::uint32_t item(std::uint32_t row, std::size_t k) const
    {
        const std::span<const std::uint16_t> ports = m_s.ports(row);
        std::uint32_t item = 0;
        if (k < ports.size())
            item = m_rank[ports[k]];
        else if (k == ports.size() && m_s.portsTruncated(row))
            item = m_more;
        return m_descending ? m_more - item : item;
    }

    // Whether lists equal up to this item may differ after it: it is a port
    // (not the end, not "…").
    [[nodiscard]] bool goesOn(std::uint32_t item) const noexcept
    {
        const std::uint32_t raw = m_descending ? m_more - item : item;
        return raw != 0 && raw != m_more;
    }

    // Items from..from+itemsPerKey()-1 of a row's list in one number.
    [[nodiscard]] std::uint64_t key(std::uint32_t row, std::size_t from) const
    {
        std::uint64_t key = 0;
        for (std::size_t k = from; k < from + m_itemsPerKey; ++k)
            key = (key << m_bits) | item(row, k);
        return key;
    }

    // Whether lists whose keys are equal may still differ after them: their
    // last item is a port (not the end, not "…").
    [[nodiscard]] bool listsGoOn(std::uint64_t key) const
    {
        return goesOn(std::uint32_t(key & ((std::uint64_t(1) << m_bits) - 1)));
    }

private:
    const DestinationSnapshot &m_s;
    bool m_descending;
    std::array<std::uint32_t, 65536> m_rank {};
    std::uint32_t m_more = 1;
    int m_bits = 1;
    std::size_t m_itemsPerKey = 1;
};

// Runs of this many rows or more are split by their next item with one
// counting pass (counts for every item value: 256 KiB at most), shorter ones
// of kRadixRun or more are radix-sorted by the next several items, the
// shortest compared.
constexpr std::size_t kCountingRun = 16384;
constexpr std::size_t kRadixRun = 1024;

// Rows by their lists, item by item from the first, ties in address order
// (every run starts in it and each step is stable). The whole table is one
// run at item 0; a run is split into runs of rows equal so far until their
// lists end. No pass touches a row more than once per step, and most rows
// leave after one or two steps: a list is short, or few rows share its start.
// (A first step by the first several items at once was an 8-pass radix sort
// of 16-byte entries over every row: 60-100 ms at 894k.)
RowIds byPorts(const DestinationSnapshot &s, bool descending)
{
    const auto coder = std::make_unique<const PortCoder>(s, descending);
    const std::size_t perKey = coder->itemsPerKey();
    const RowIds &byAddress = s.byAddress();
    const std::size_t n = byAddress.size();
    RowIds rows = byAddress;
    // Keys of the runs sorted by several items, for finding their runs.
    LargeVector<std::uint64_t> keys(n);

    struct Run
    {
        std::size_t begin, end, position; // rows[begin, end) equal in items < position
    };
    std::vector<Run> runs;
    if (n > 1)
        runs.push_back({0, n, 0});
    const auto addRuns = [&](std::size_t begin, std::size_t end, std::size_t position) {
        for (std::size_t a = begin; a < end;) {
            std::size_t b = a + 1;
            while (b < end && keys[b] == keys[a])
                ++b;
            if (b - a > 1 && coder->listsGoOn(keys[a]))
                runs.push_back({a, b, position});
            a = b;
        }
    };
    struct Entry
    {
        std::uint64_t key; // of the next items
        std::uint32_t place; // in the run, which is in address order: ties keep it
        std::uint32_t row;
        bool operator<(const Entry &other) const noexcept
        {
            return key != other.key ? key < other.key : place < other.place;
        }
    };
    std::vector<Entry> run;
    RowIds runRows;
    LargeVector<std::uint64_t> runKeys;
    LargeVector<std::uint64_t> runSorted;
    LargeVector<std::uint32_t> items;
    std::vector<std::uint32_t> counts;
    while (!runs.empty()) {
        const Run r = runs.back();
        runs.pop_back();
        const std::size_t size = r.end - r.begin;
        if (size >= kCountingRun) {
            items.resize(size);
            if (size == n) {
                // The first step: the lists read in row order, one after
                // another, not at random (each row's place from the inverse
                // of address order), which at 894k rows halves this step.
                LargeVector<std::uint32_t> place(n);
                for (std::size_t k = 0; k < n; ++k)
                    place[rows[k]] = std::uint32_t(k);
                for (std::size_t row = 0; row < n; ++row)
                    items[place[row]] = coder->item(std::uint32_t(row), r.position);
            } else {
                for (std::size_t k = 0; k < size; ++k)
                    items[k] = coder->item(rows[r.begin + k], r.position);
            }
            counts.assign(coder->itemValues() + 1, 0);
            for (std::size_t k = 0; k < size; ++k)
                ++counts[items[k] + 1];
            for (std::size_t v = 0; v + 1 < counts.size(); ++v)
                counts[v + 1] += counts[v];
            runRows.resize(size);
            for (std::size_t k = 0; k < size; ++k)
                runRows[counts[items[k]]++] = rows[r.begin + k];
            std::copy(runRows.begin(), runRows.end(), rows.begin() + std::ptrdiff_t(r.begin));
            // counts[v] is now where the rows of item v end.
            std::size_t begin = 0;
            for (std::size_t v = 0; v + 1 < counts.size(); ++v) {
                const std::size_t end = counts[v];
                if (end - begin > 1 && coder->goesOn(std::uint32_t(v)))
                    runs.push_back({r.begin + begin, r.begin + end, r.position + 1});
                begin = end;
            }
            continue;
        }
        if (size >= kRadixRun) {
            // The run's rows are in address order: a stable radix sort by the
            // next items keeps ties in it.
            runRows.assign(rows.begin() + std::ptrdiff_t(r.begin),
                           rows.begin() + std::ptrdiff_t(r.end));
            runKeys.resize(size);
            for (std::size_t k = 0; k < size; ++k)
                runKeys[k] = coder->key(runRows[k], r.position);
            const RowIds sorted = byKeys(runRows, runKeys, &runSorted);
            std::copy(sorted.begin(), sorted.end(), rows.begin() + std::ptrdiff_t(r.begin));
            std::copy(runSorted.begin(), runSorted.end(), keys.begin() + std::ptrdiff_t(r.begin));
        } else {
            run.clear();
            for (std::size_t k = r.begin; k < r.end; ++k) {
                run.push_back(
                    {coder->key(rows[k], r.position), std::uint32_t(k - r.begin), rows[k]});
            }
            std::sort(run.begin(), run.end());
            for (std::size_t k = 0; k < size; ++k) {
                rows[r.begin + k] = run[k].row;
                keys[r.begin + k] = run[k].key;
            }
        }
        addRuns(r.begin, r.end, r.position + perKey);
    }
    return rows;
}

// Rows by a text of few distinct values (categories, notes): the distinct
// texts are ranked once and the rows sorted by rank. textOf(v) gives the
// v-th text; valueOf(row) the row's value index.
template<typename TextOf, typename ValueOf>
RowIds byRankedText(const DestinationSnapshot &snapshot, bool descending, std::size_t values,
                    TextOf textOf, ValueOf valueOf)
{
    std::vector<std::size_t> order(values);
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return textOf(a) < textOf(b); });
    std::vector<std::int64_t> rank(values);
    for (std::size_t k = 0; k < order.size(); ++k) {
        const bool same = k > 0 && textOf(order[k]) == textOf(order[k - 1]);
        rank[order[k]] = same ? rank[order[k - 1]] : std::int64_t(k);
    }
    return byKey(snapshot, descending, [&](std::size_t row) { return rank[valueOf(row)]; });
}

} // namespace

RowIds sortedRows(const DestinationSnapshot &snapshot, const DestinationReview &review,
                  DestinationSort sort)
{
    const bool desc = sort.descending;
    switch (sort.field) {
    case DestinationField::Address:
    case DestinationField::Expanded: {
        RowIds rows = snapshot.byAddress();
        if (desc)
            std::reverse(rows.begin(), rows.end());
        return rows;
    }
    case DestinationField::Category: {
        const std::vector<std::string> &categories = snapshot.categories();
        return byRankedText(
            snapshot, desc, categories.size(),
            [&](std::size_t v) { return std::string_view(categories[v]); },
            [&](std::size_t row) { return snapshot.categoryIndex(row); });
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
    case DestinationField::BytesOut:
        // Unknown (-1) sorts before every count.
        return byKey(snapshot, desc, [&](std::size_t row) { return snapshot.bytesOut(row); });
    case DestinationField::BytesIn:
        return byKey(snapshot, desc, [&](std::size_t row) { return snapshot.bytesIn(row); });
    case DestinationField::Direction:
        return byKey(snapshot, desc, [&](std::size_t row) { return snapshot.directions(row); });
    case DestinationField::Lists: {
        const std::vector<std::string> &texts = snapshot.listTexts();
        return byRankedText(
            snapshot, desc, texts.size(), [&](std::size_t v) { return std::string_view(texts[v]); },
            [&](std::size_t row) { return std::size_t(snapshot.listsIndex(row)); });
    }
    case DestinationField::Country:
    case DestinationField::Organisation: {
        // Unknown (empty) sorts before every country or organisation.
        const std::vector<DestinationSnapshot::Owner> &owners = snapshot.owners();
        const std::vector<std::string> &organisations = snapshot.organisations();
        const bool country = sort.field == DestinationField::Country;
        return byRankedText(
            snapshot, desc, owners.size(),
            [&](std::size_t v) {
                const DestinationSnapshot::Owner &o = owners[v];
                return country ? std::string_view(o.country.data(), o.country[0] ? 2 : 0)
                               : std::string_view(organisations[o.organisation]);
            },
            [&](std::size_t row) { return std::size_t(snapshot.ownerIndex(row)); });
    }
    case DestinationField::Asn:
        // Unknown (0) sorts before every AS number.
        return byKey(snapshot, desc, [&](std::size_t row) { return snapshot.asn(row); });
    case DestinationField::Note: {
        // Value 0: no mark (no note); value m + 1: mark m.
        const std::vector<Mark> &marks = review.marks();
        return byRankedText(
            snapshot, desc, marks.size() + 1,
            [&](std::size_t v) {
                return v == 0 ? std::string_view() : std::string_view(marks[v - 1].note);
            },
            [&](std::size_t row) { return std::size_t(review.markIndex(row) + 1); });
    }
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

ToggleVerdict toggleVerdict(bool external, MarkStatus status, bool showAll,
                            bool hideReviewed) noexcept
{
    if (!showAll && !external)
        return ToggleVerdict::NotExternal;
    if (hideReviewed && (status == MarkStatus::KnownSafe || status == MarkStatus::Internal))
        return ToggleVerdict::Reviewed;
    return ToggleVerdict::Shown;
}

ToggleVerdict toggleVerdict(bool external, MarkStatus status, std::uint8_t directions,
                            const DestinationView &view) noexcept
{
    const ToggleVerdict verdict = toggleVerdict(external, status, view.showAll, view.hideReviewed);
    if (verdict == ToggleVerdict::Shown && view.hideInboundOnly && directions == kSawInbound
        && !view.filter.hasDirectionTerm())
        return ToggleVerdict::InboundOnly;
    return verdict;
}

DestinationOrder shownRows(const DestinationSnapshot &snapshot, const DestinationReview &review,
                           const RowIds &sorted, const DestinationView &view,
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
        switch (
            toggleVerdict(snapshot.external(r), review.status(r), snapshot.directions(r), view)) {
        case ToggleVerdict::NotExternal:
            ++order.notExternal;
            continue;
        case ToggleVerdict::Reviewed:
            ++order.hiddenByReview;
            continue;
        case ToggleVerdict::InboundOnly:
            ++order.hiddenInboundOnly;
            continue;
        case ToggleVerdict::Shown:
            break;
        }
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
