#include "storage/unknownzone.h"

#include "storage/casedatabase.h"
#include "storage/eventscan.h"
#include "storage/queryrows.h"
#include "storage/sqlite.h"

namespace ea {

namespace {

void sortUnique(std::vector<std::int64_t> &ids)
{
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
}

// Adds id unless it is the last one added (events of one source come in
// runs of one destination, process and host).
void add(std::vector<std::int64_t> &ids, std::int64_t id)
{
    if (id > 0 && (ids.empty() || ids.back() != id))
        ids.push_back(id);
}

} // namespace

Error readUnknownZoneTimes(CaseDatabase &database, UnknownZoneTimes &times)
{
    times = {};
    if (database.schemaVersion() < 6)
        return {};
    Statement s(database.db(), "SELECT id FROM sources WHERE times_zone_unknown <> 0 ORDER BY id");
    if (Error error = queryrows::forEachRow(s, [&] {
            times.sources.push_back(s.columnInt64(0));
            return true;
        }))
        return error;
    for (const std::int64_t source : times.sources) {
        if (Error error = EventScan::ofSource(database.db(), source, [&](const ScannedEvent &e) {
                add(times.destinations, e.destId);
                add(times.processes, e.processId);
                add(times.hosts, e.hostId);
                return true;
            }))
            return error;
    }
    sortUnique(times.destinations);
    sortUnique(times.processes);
    sortUnique(times.hosts);
    return {};
}

} // namespace ea
