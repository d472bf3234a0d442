#include "storage/processaliases.h"

#include "core/text.h"
#include "storage/aggregates.h"

#include <algorithm>
#include <cstdint>

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

std::string devicePathTail(std::string_view path)
{
    constexpr std::string_view kPrefix = "\\device\\harddiskvolume";
    if (path.size() <= kPrefix.size() || lowerAscii(path.substr(0, kPrefix.size())) != kPrefix)
        return {};
    std::size_t i = kPrefix.size();
    const std::size_t digits = i;
    while (i < path.size() && path[i] >= '0' && path[i] <= '9')
        ++i;
    if (i == digits || i >= path.size() || path[i] != '\\')
        return {};
    return lowerAscii(path.substr(i));
}

std::string drivePathTail(std::string_view path)
{
    if (path.size() < 4 || path[1] != ':' || path[2] != '\\')
        return {};
    const char drive = path[0];
    if (!((drive >= 'A' && drive <= 'Z') || (drive >= 'a' && drive <= 'z')))
        return {};
    return lowerAscii(path.substr(2));
}

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

} // namespace ea
