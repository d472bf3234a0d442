#include "chartdata.h"

#include "storage/casequeries.h"
#include "storage/chartqueries.h"
#include "storage/eventscan.h"
#include "storage/unknownzone.h"

#include <algorithm>
#include <limits>
#include <string_view>
#include <unordered_map>

namespace ea {

namespace {

constexpr std::int64_t kMinuteNs = 60'000'000'000;

struct Shown
{
    int category = 0;
    int status = 0;
    std::int64_t events = 0; // counted in the pass over the events
    std::int64_t processEvents = 0;
    std::string label;
    MarkStatus markStatus = MarkStatus::Unreviewed;
    std::string country;
    std::string organisation;
};

std::int64_t floorDiv(std::int64_t a, std::int64_t b) noexcept
{
    const std::int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

// The rows grouped by field: the top `count` groups by connections, then
// the rest as one.
std::vector<ChartGroup> groups(const std::unordered_map<std::int64_t, Shown> &shown, int count,
                               std::string Shown::*field)
{
    std::unordered_map<std::string_view, ChartGroup> byLabel;
    for (const auto &[id, row] : shown) {
        ChartGroup &group = byLabel[row.*field];
        ++group.destinations;
        group.connections += row.events;
    }
    std::vector<ChartGroup> out;
    out.reserve(byLabel.size());
    for (auto &[label, group] : byLabel) {
        group.label = std::string(label);
        out.push_back(std::move(group));
    }
    std::sort(out.begin(), out.end(), [](const ChartGroup &a, const ChartGroup &b) {
        return a.connections != b.connections ? a.connections > b.connections : a.label < b.label;
    });
    if (out.size() > std::size_t(std::max(count, 1))) {
        ChartGroup other;
        other.other = true;
        for (auto it = out.begin() + std::max(count, 1); it != out.end(); ++it) {
            other.destinations += it->destinations;
            other.connections += it->connections;
        }
        out.resize(std::size_t(std::max(count, 1)));
        out.push_back(std::move(other));
    }
    return out;
}

std::vector<ChartBar> topBars(const std::unordered_map<std::int64_t, Shown> &shown, int count,
                              std::int64_t Shown::*field)
{
    std::vector<ChartBar> bars;
    for (const auto &[id, row] : shown) {
        if (row.*field > 0)
            bars.push_back({id, row.label, row.*field, row.markStatus});
    }
    // Ties by id, so that the same case draws the same bars every time.
    const auto before = [](const ChartBar &a, const ChartBar &b) {
        return a.connections != b.connections ? a.connections > b.connections
                                              : a.destinationId < b.destinationId;
    };
    const std::size_t keep = std::min(bars.size(), std::size_t(std::max(count, 0)));
    std::partial_sort(bars.begin(), bars.begin() + std::ptrdiff_t(keep), bars.end(), before);
    bars.resize(keep);
    return bars;
}

} // namespace

std::int64_t chartBucketNs(std::int64_t spanNs) noexcept
{
    static constexpr std::array<std::int64_t, 9> kMinutes {1, 5, 15, 30, 60, 180, 360, 720, 1440};
    for (const std::int64_t minutes : kMinutes) {
        const std::int64_t bucket = minutes * kMinuteNs;
        if (spanNs / bucket < kTargetBuckets)
            return bucket;
    }
    return kMinutes.back() * kMinuteNs;
}

Result<ChartData> computeChartData(CaseQueries &queries, const ChartRequest &request,
                                   const std::function<bool()> &cancelled)
{
    ChartData data;
    std::vector<std::int64_t> ids = request.destinationIds;
    std::sort(ids.begin(), ids.end());

    // The rows in view, with their category and status as the table has them.
    std::unordered_map<std::int64_t, Shown> shown;
    shown.reserve(ids.size());
    std::optional<std::int64_t> firstNs;
    std::optional<std::int64_t> lastNs;
    const Result<void> read = queries.forEachDestination(
        QueryOptions {.all = true},
        [&](const DestinationRow &row) {
            if (!std::binary_search(ids.begin(), ids.end(), row.id))
                return true;
            Category category = Category::Reserved;
            if (!categoryFromId(row.category, category))
                return true;
            Shown &entry = shown[row.id];
            entry.category = int(category);
            entry.status = int(row.status);
            entry.markStatus = row.status;
            entry.label = row.canonical;
            entry.country = row.country;
            entry.organisation = row.organisation;
            if (row.firstNs)
                firstNs = firstNs ? std::min(*firstNs, *row.firstNs) : *row.firstNs;
            if (row.lastNs)
                lastNs = lastNs ? std::max(*lastNs, *row.lastNs) : *row.lastNs;
            return !cancelled();
        },
        CaseQueries::RowOrder::Any);
    if (!read.ok())
        return read.error;
    if (cancelled())
        return ChartData {};

    // The time axis: the range typed or dragged, else the span of the rows.
    const std::optional<std::int64_t> from = request.since ? request.since : firstNs;
    const std::optional<std::int64_t> to = request.until ? request.until : lastNs;
    ChartTimeline &timeline = data.timeline;
    int buckets = 0;
    if (from && to && *from <= *to) {
        // Halved before subtracting: the span of two int64 times may not fit one.
        const std::int64_t span = *to / 2 - *from / 2;
        timeline.bucketNs = chartBucketNs(span > std::numeric_limits<std::int64_t>::max() / 2
                                              ? std::numeric_limits<std::int64_t>::max()
                                              : span * 2);
        timeline.startNs = floorDiv(*from, timeline.bucketNs) * timeline.bucketNs;
        buckets = int(floorDiv(*to, timeline.bucketNs) - floorDiv(*from, timeline.bucketNs) + 1);
    }
    UnknownZoneTimes zones;
    if (Error error = readUnknownZoneTimes(queries.database(), zones))
        return error;
    timeline.zoneUnknown
        = std::any_of(zones.destinations.begin(), zones.destinations.end(), [&](std::int64_t id) {
              return std::binary_search(ids.begin(), ids.end(), id);
          });
    timeline.byCategory.assign(std::size_t(buckets), {});
    timeline.byStatus.assign(std::size_t(buckets), {});
    timeline.total.assign(std::size_t(buckets), 0);
    const bool selectedShown
        = request.selectedDestination && shown.count(*request.selectedDestination) > 0;
    if (selectedShown)
        data.selectedActivity.assign(std::size_t(buckets), 0);
    data.hasProcess = request.process.has_value();
    if (data.hasProcess)
        data.processActivity.assign(std::size_t(buckets), 0);

    const bool ranged = request.since || request.until;
    ChartQueries chartQueries(queries.database());
    std::uint32_t sinceCheck = 0;
    bool stopped = false;
    const Result<void> scan = chartQueries.forEachEventTime(
        buckets > 0 ? from : request.since, buckets > 0 ? to : request.until,
        [&](const EventTimeRow &event) {
            if (++sinceCheck % 65536 == 0 && cancelled()) {
                stopped = true;
                return false;
            }
            const auto found = shown.find(event.destinationId);
            if (found == shown.end())
                return true;
            Shown &row = found->second;
            const bool ofProcess
                = data.hasProcess && ofActor(*request.process, event.processId, event.hostId);
            // An aggregated row counts as the connections it stands for, in
            // the bucket of its first one.
            const std::int64_t n = event.weight;
            if (!event.tsNs) {
                // In no time range; without one they still count as the
                // destination's connections, as in the table.
                timeline.untimed += n;
                if (ofProcess)
                    data.processUntimed += n;
                if (!ranged) {
                    row.events += n;
                    row.processEvents += ofProcess ? n : 0;
                }
                return true;
            }
            row.events += n;
            if (ofProcess)
                row.processEvents += n;
            const std::int64_t bucket = floorDiv(*event.tsNs - timeline.startNs, timeline.bucketNs);
            if (buckets == 0 || bucket < 0 || bucket >= buckets)
                return true; // outside the range (a row's span disagreeing with its events)
            const auto b = std::size_t(bucket);
            timeline.byCategory[b][std::size_t(row.category)] += n;
            timeline.byStatus[b][std::size_t(row.status)] += n;
            timeline.total[b] += n;
            if (selectedShown && event.destinationId == *request.selectedDestination)
                data.selectedActivity[b] += n;
            if (ofProcess)
                data.processActivity[b] += n;
            return true;
        });
    if (!scan.ok())
        return scan.error;
    if (stopped)
        return ChartData {};

    data.destinations = std::int64_t(shown.size());
    for (const auto &[id, row] : shown) {
        data.connections += row.events;
        ++data.categoryDestinations[std::size_t(row.category)];
        data.categoryConnections[std::size_t(row.category)] += row.events;
        ++data.statusDestinations[std::size_t(row.status)];
        data.statusConnections[std::size_t(row.status)] += row.events;
    }
    data.top = topBars(shown, request.topCount, &Shown::events);
    data.byCountry = groups(shown, request.topCount, &Shown::country);
    data.byOrganisation = groups(shown, request.topCount, &Shown::organisation);
    if (data.hasProcess)
        data.processTop = topBars(shown, request.topCount, &Shown::processEvents);
    return data;
}

Result<std::vector<std::int64_t>> computeSelectedActivity(CaseQueries &queries,
                                                          std::int64_t destinationId,
                                                          const ChartTimeline &timeline,
                                                          std::optional<std::int64_t> since,
                                                          std::optional<std::int64_t> until)
{
    Result<EventTimeline> events = queries.timelineOf(destinationId);
    if (!events.ok())
        return events.error;
    std::vector<std::int64_t> activity(std::size_t(timeline.buckets()), 0);
    if (activity.empty())
        return activity;
    // As computeChartData() counts them: timed events in the range, in a
    // bucket of the axis, each counting the connections it stands for.
    const auto add = [&](std::int64_t ts, std::int64_t connections) {
        if ((since && ts < *since) || (until && ts > *until))
            return;
        std::int64_t offset = 0;
        if (__builtin_sub_overflow(ts, timeline.startNs, &offset))
            return; // far outside the axis
        const std::int64_t bucket = floorDiv(offset, timeline.bucketNs);
        if (bucket >= 0 && bucket < std::int64_t(activity.size()))
            activity[std::size_t(bucket)] += connections;
    };
    // A destination with as many connections as events has none that stands
    // for several (a weight is at least 1): the timeline says it all. One
    // with aggregated events (case format 8) has its weights read.
    const std::int64_t id = destinationId;
    const RowsResult<DestinationRow> row = queries.destinationsByIds(std::span(&id, 1));
    if (!row.ok())
        return row.error;
    if (row.value.empty() || row.value.front().connections == std::int64_t(events.value.size())) {
        for (const auto &[ts, eventId] : events.value.timed)
            add(ts, 1);
        return activity;
    }
    std::vector<std::int64_t> ids;
    ids.reserve(events.value.timed.size());
    for (const auto &[ts, eventId] : events.value.timed)
        ids.push_back(eventId);
    std::sort(ids.begin(), ids.end());
    const Error error = EventScan::forIds(queries.database().db(), ids, [&](const ScannedEvent &e) {
        if (e.tsNs)
            add(*e.tsNs, e.weight);
        return true;
    });
    if (!error.isNull())
        return error;
    return activity;
}

} // namespace ea
