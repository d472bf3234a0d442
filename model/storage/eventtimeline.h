#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace ea {

// A busy destination's events in time order: the dest_timeline table's rows
// (case format 2; BusyDestinations writes them), so that its drill-down pages
// through its events by time without reading them all first. Events with a
// time come first, by (time, id); those without one last, by id.
//
// Encoded as LEB128 varints: the number of timed events, then for each timed
// event the zigzag gaps of its time and of its id from the previous one (both
// from 0 for the first), then for each untimed event the zigzag gap of its id.
struct EventTimeline
{
    std::vector<std::pair<std::int64_t, std::int64_t>> timed; // (time, id), ascending
    std::vector<std::int64_t> untimed; // ids, ascending

    [[nodiscard]] std::size_t size() const noexcept { return timed.size() + untimed.size(); }
    // The ids in time order.
    [[nodiscard]] std::vector<std::int64_t> ids() const;
    // Adds `other`'s events, keeping the order.
    void merge(EventTimeline &&other);
    // Sorts both lists (after adding events in any order).
    void sort();

    [[nodiscard]] std::string encode() const;
    // False when the bytes are none that encode() writes (order, ids ≥ 1,
    // no bytes left over): a case is untrusted input.
    [[nodiscard]] static bool decode(std::span<const std::uint8_t> bytes, EventTimeline &out);
};

} // namespace ea
