#pragma once

#include "review/destinationfilter.h"
#include "review/destinationsnapshot.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

namespace ea {

// The fields the destinations table sorts by (its columns, in order).
enum class DestinationField : std::uint8_t {
    Address,
    Expanded,
    Category,
    External,
    Status,
    Connections,
    Processes,
    Hosts,
    Ports,
    FirstSeen,
    LastSeen,
    Note,
    BytesOut,
    BytesIn,
    Direction,
    Lists,
    Country,
    Asn,
    Organisation,
};

struct DestinationSort
{
    DestinationField field = DestinationField::Connections;
    bool descending = true;

    friend bool operator==(const DestinationSort &, const DestinationSort &) = default;
};

// Every row of a snapshot in one sort order: typed keys compared as numbers,
// ties by address ascending in either direction (as the CLI lists them).
// Text fields (category, note) compare as UTF-8 bytes.
[[nodiscard]] RowIds sortedRows(const DestinationSnapshot &snapshot,
                                const DestinationReview &review, DestinationSort sort);

// A snapshot of the first rows of the whole table in sort's order, read
// without reading every row (CaseQueries::busiestDestinations): what the
// table paints while the full snapshot loads. Its shownRows() are the first
// of the full snapshot's for any view. Null for a sort that has no such read
// (only the counts sorted most first have one).
[[nodiscard]] Result<std::shared_ptr<const DestinationSnapshot>>
readFirstRows(CaseQueries &queries, DestinationSort sort, int limit);

// Which rows the table shows.
struct DestinationView
{
    // false: external destinations only (by classification and the case's
    // internal networks: what an address is). true: every destination.
    bool showAll = false;
    // Hide destinations marked known-safe or internal (what the analyst
    // decided). A global address marked internal is external by class and
    // reviewed by mark: this toggle hides it, and turning it off shows it
    // again in the external view. With both defaults the rows are the
    // CLI's default list (external, not marked internal) minus known-safe.
    bool hideReviewed = true;
    // Hide peers seen only inbound (they reached us; they are not egress
    // destinations). A filter with a direction: term says what it wants and
    // overrides this.
    bool hideInboundOnly = true;
    DestinationFilter filter;
    DestinationFilter::IdSets sets;
};

struct DestinationOrder
{
    RowIds rows; // shown, in display order
    std::int64_t candidates = 0; // rows that pass the toggles, before the filter
    // What each toggle hides now (a row both would hide counts as not
    // external: turning hideReviewed off would not show it).
    std::int64_t notExternal = 0;
    std::int64_t hiddenByReview = 0;
    std::int64_t hiddenInboundOnly = 0; // shown by the other two toggles, seen only inbound
};

// The rows of sorted (a sortedRows() result) that view shows, in that order.
// One pass, no sort: a toggle or a new filter costs a scan, not a sort.
// Stops early (returning what it has) when cancel becomes true.
[[nodiscard]] DestinationOrder shownRows(const DestinationSnapshot &snapshot,
                                         const DestinationReview &review, const RowIds &sorted,
                                         const DestinationView &view,
                                         const std::atomic_bool *cancel = nullptr);

// Which toggle, if any, hides a row (those that pass are the "M" of "N of M
// destinations").
enum class ToggleVerdict : std::uint8_t { Shown, NotExternal, Reviewed, InboundOnly };
[[nodiscard]] ToggleVerdict toggleVerdict(bool external, MarkStatus status, bool showAll,
                                          bool hideReviewed) noexcept;
// The same with the direction toggle: directions is DirectionBits.
[[nodiscard]] ToggleVerdict toggleVerdict(bool external, MarkStatus status, std::uint8_t directions,
                                          const DestinationView &view) noexcept;

} // namespace ea
