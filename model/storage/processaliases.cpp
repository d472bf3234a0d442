#include "storage/processaliases.h"

#include "core/text.h"
#include "storage/aggregates.h"
#include "storage/queryrows.h"
#include "storage/sqlite.h"

#include <algorithm>
#include <cstdint>
#include <utility>

namespace ea {

namespace {

constexpr std::int64_t kSlackNs = 3600LL * 1'000'000'000LL;

bool overlap(const ProcessRow &a, const ProcessRow &b)
{
    if (!a.firstNs || !a.lastNs || !b.firstNs || !b.lastNs)
        return true;
    return *a.firstNs <= *b.lastNs + kSlackNs && *b.firstNs <= *a.lastNs + kSlackNs;
}

} // namespace

void mergeDevicePathAliases(std::vector<ProcessRow> &rows)
{
    std::vector<bool> merged(rows.size(), false);
    for (std::size_t d = 0; d < rows.size(); ++d) {
        const ProcessRow &device = rows[d];
        if (device.pid.empty() || device.hostKey.empty())
            continue;
        const std::string tail = devicePathTail(device.path);
        if (tail.empty())
            continue;
        for (std::size_t p = 0; p < rows.size(); ++p) {
            ProcessRow &drive = rows[p];
            if (p == d || merged[p] || drive.pid != device.pid || drive.hostKey != device.hostKey
                || drivePathTail(drive.path) != tail || !overlap(drive, device))
                continue;
            drive.connections += device.connections;
            if (device.firstNs)
                drive.firstNs
                    = drive.firstNs ? std::min(*drive.firstNs, *device.firstNs) : *device.firstNs;
            if (device.lastNs)
                drive.lastNs
                    = drive.lastNs ? std::max(*drive.lastNs, *device.lastNs) : *device.lastNs;
            DestAgg ports;
            ports.addPortsText(drive.ports);
            ports.addPortsText(device.ports);
            drive.ports = ports.portsText();
            drive.bytesOut = ByteSums::sum(drive.bytesOut, device.bytesOut);
            drive.bytesIn = ByteSums::sum(drive.bytesIn, device.bytesIn);
            drive.timesZoneUnknown = drive.timesZoneUnknown || device.timesZoneUnknown;
            drive.alsoKnownAs.push_back(device.path);
            merged[d] = true;
            break;
        }
    }
    std::size_t out = 0;
    for (std::size_t k = 0; k < rows.size(); ++k) {
        if (!merged[k]) {
            if (out != k)
                rows[out] = std::move(rows[k]);
            ++out;
        }
    }
    rows.resize(out);
}

void applyStoredAliases(ProcessRow &row, const StoredAliases &aliases)
{
    const auto found = aliases.find(row.processId);
    if (found == aliases.end())
        return;
    for (const std::string &path : found->second) {
        if (path.empty() || path == row.path
            || std::find(row.alsoKnownAs.begin(), row.alsoKnownAs.end(), path)
                != row.alsoKnownAs.end())
            continue;
        // The drive path is the one an analyst knows.
        if (!devicePathTail(row.path).empty() && !drivePathTail(path).empty())
            row.alsoKnownAs.push_back(std::exchange(row.path, path));
        else
            row.alsoKnownAs.push_back(path);
    }
}

Error readStoredAliases(SqliteDb &db, int schemaVersion, StoredAliases &aliases)
{
    aliases.clear();
    if (schemaVersion < 6)
        return {};
    Statement s(db,
                "SELECT alias_of, ifnull(path, '') FROM processes WHERE alias_of IS NOT NULL "
                "ORDER BY id");
    return queryrows::forEachRow(s, [&] {
        aliases[s.columnInt64(0)].emplace_back(s.columnText(1));
        return true;
    });
}

} // namespace ea
