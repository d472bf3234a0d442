#pragma once

#include "address/classifier.h"
#include "core/error.h"
#include "storage/marks.h"

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace ea {

class CaseQueries;

inline constexpr int kStatusCount = 5; // MarkStatus values, Unreviewed … Internal

// What the Charts view shows, taken on the GUI thread: the destinations the
// table shows (so the charts follow its filter and toggles exactly), the
// filter's since:/until: range, and the current selections.
struct ChartRequest
{
    std::vector<std::int64_t> destinationIds; // in view, any order
    std::optional<std::int64_t> since;
    std::optional<std::int64_t> until;
    std::optional<std::int64_t> selectedDestination;
    std::optional<std::int64_t> process; // selected on the Processes tab (its actorKey())
    int topCount = 20;
};

struct ChartBar
{
    std::int64_t destinationId = 0;
    std::string label; // canonical address
    std::int64_t connections = 0;
    MarkStatus status = MarkStatus::Unreviewed;
};

// The destinations in view that share an owner field (a country, an AS
// organisation): one bar of the breakdown by it.
struct ChartGroup
{
    std::string label; // the country code or organisation; empty: unknown
    std::int64_t destinations = 0;
    std::int64_t connections = 0;
    bool other = false; // the groups past the top ones, together
};

// Per-bucket event counts over [startNs, startNs + buckets * bucketNs).
struct ChartTimeline
{
    std::int64_t startNs = 0;
    std::int64_t bucketNs = 0;
    std::vector<std::array<std::int64_t, kCategoryCount>> byCategory; // one per bucket
    std::vector<std::array<std::int64_t, kStatusCount>> byStatus;
    std::vector<std::int64_t> total;
    std::int64_t untimed = 0; // events with no time: counted, never drawn
    // Some rows in view have times from a file that names no zone (read as
    // UTC; storage/unknownzone.h): the axis says so.
    bool zoneUnknown = false;

    [[nodiscard]] int buckets() const noexcept { return int(total.size()); }
};

struct ChartData
{
    std::int64_t destinations = 0; // in view
    std::int64_t connections = 0; // their events (in the range when one is set)
    std::vector<ChartBar> top; // most connections first
    ChartTimeline timeline;
    std::vector<std::int64_t> selectedActivity; // per bucket; empty without a selection in view
    std::array<std::int64_t, kCategoryCount> categoryDestinations {};
    std::array<std::int64_t, kCategoryCount> categoryConnections {};
    std::array<std::int64_t, kStatusCount> statusDestinations {};
    std::array<std::int64_t, kStatusCount> statusConnections {};
    // By owner (case format 9): the topCount groups with most connections
    // (ties by label), then the rest as one `other` group; unknown is a
    // group like any other.
    std::vector<ChartGroup> byCountry;
    std::vector<ChartGroup> byOrganisation;
    bool hasProcess = false;
    std::vector<ChartBar> processTop; // the process's connections to destinations in view
    std::vector<std::int64_t> processActivity; // per bucket of timeline
    std::int64_t processUntimed = 0;
};

// The bucket for a span: the smallest of 1, 5, 15, 30 minutes, 1, 3, 6, 12
// hours and 1 day that keeps the span within kTargetBuckets buckets (a day
// past that).
inline constexpr std::int64_t kTargetBuckets = 400;
[[nodiscard]] std::int64_t chartBucketNs(std::int64_t spanNs) noexcept;

// Reads the destinations and one pass over the events (pool thread). When
// cancelled() turns true the work stops and the result is an empty one (the
// caller drops it anyway: a newer request superseded it).
// The selected destination's connections per bucket of `timeline`, counting
// only times inside since..until when set: ChartData::selectedActivity
// without a pass over every event (its events are read by time; a busy
// destination's from its dest_timeline row).
[[nodiscard]] Result<std::vector<std::int64_t>>
computeSelectedActivity(CaseQueries &queries, std::int64_t destinationId,
                        const ChartTimeline &timeline, std::optional<std::int64_t> since,
                        std::optional<std::int64_t> until);

[[nodiscard]] Result<ChartData> computeChartData(CaseQueries &queries, const ChartRequest &request,
                                                 const std::function<bool()> &cancelled);

} // namespace ea
