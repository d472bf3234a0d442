#include "storage/destprocesses.h"

#include "storage/casewriterchecks.h"
#include "storage/varint.h"

#include <array>
#include <limits>

namespace ea {

namespace {

constexpr std::int64_t kMaxId = std::numeric_limits<std::int32_t>::max();

} // namespace

std::string DestProcesses::encode(const std::vector<Entry> &entries)
{
    std::string out;
    out.reserve(entries.size() * 12);
    std::int64_t previousProcess = 0;
    for (const Entry &e : entries) {
        varint::put(out, std::uint64_t(e.processId - previousProcess));
        previousProcess = e.processId;
        varint::put(out, std::uint64_t(e.hostId));
        varint::put(out, std::uint64_t(e.agg.connections));
        varint::put(out,
                    std::uint64_t(e.agg.portCount()) << 2 | std::uint64_t(e.agg.morePorts) << 1
                        | std::uint64_t(e.agg.hasTime));
        if (e.agg.hasTime) {
            varint::put(out, varint::zigzag(e.agg.firstNs));
            varint::put(out, std::uint64_t(e.agg.lastNs) - std::uint64_t(e.agg.firstNs));
        }
        std::uint16_t previousPort = 0;
        for (const std::uint16_t port : e.agg.ports()) {
            varint::put(out, std::uint64_t(port - previousPort));
            previousPort = port;
        }
        // -1 (none) is 0; the largest sum, 2^63 - 1, is 2^63.
        varint::put(out, std::uint64_t(e.bytes.out) + 1);
        varint::put(out, std::uint64_t(e.bytes.in) + 1);
    }
    return out;
}

bool DestProcesses::decode(std::span<const std::uint8_t> bytes, std::int64_t connections,
                           std::vector<Entry> &entries, bool withBytes)
{
    varint::Reader in(bytes);
    std::int64_t total = 0;
    std::int64_t process = 0;
    while (!in.atEnd()) {
        std::uint64_t gap = 0, host = 0, count = 0, header = 0;
        if (!in.read(gap) || !in.read(host) || !in.read(count) || !in.read(header))
            return false;
        if (gap > std::uint64_t(kMaxId - process) || host > std::uint64_t(kMaxId))
            return false;
        process += std::int64_t(gap);
        // Pairs strictly ascending by (process, host).
        if (!entries.empty() && gap == 0 && std::int64_t(host) <= entries.back().hostId)
            return false;
        if (count < 1 || count > std::uint64_t(std::numeric_limits<std::int64_t>::max())
            || !casewriter::addChecked(total, std::int64_t(count)))
            return false;
        Entry &e = entries.emplace_back();
        e.processId = process;
        e.hostId = std::int64_t(host);
        e.agg.connections = std::int64_t(count);
        const std::uint64_t portCount = header >> 2;
        if (portCount > DestAgg::kMaxPorts)
            return false;
        e.agg.morePorts = (header & 2) != 0;
        if (e.agg.morePorts && portCount != DestAgg::kMaxPorts)
            return false;
        if (header & 1) {
            std::uint64_t first = 0, span = 0;
            if (!in.read(first) || !in.read(span))
                return false;
            e.agg.hasTime = true;
            e.agg.firstNs = varint::unzigzag(first);
            if (span > std::uint64_t(std::numeric_limits<std::int64_t>::max())
                || __builtin_add_overflow(e.agg.firstNs, std::int64_t(span), &e.agg.lastNs))
                return false;
        }
        std::uint64_t port = 0;
        std::array<std::uint16_t, DestAgg::kMaxPorts> ports;
        for (std::size_t k = 0; k < portCount; ++k) {
            std::uint64_t step = 0;
            if (!in.read(step) || (k > 0 && step == 0) || step > 0xffff - port)
                return false;
            port += step;
            ports[k] = std::uint16_t(port);
        }
        e.agg.setPorts({ports.data(), std::size_t(portCount)});
        if (withBytes) {
            constexpr std::uint64_t kLargest
                = std::uint64_t(std::numeric_limits<std::int64_t>::max()) + 1;
            std::uint64_t bytesOut = 0, bytesIn = 0;
            if (!in.read(bytesOut) || !in.read(bytesIn) || bytesOut > kLargest
                || bytesIn > kLargest)
                return false;
            e.bytes.out = std::int64_t(bytesOut - 1);
            e.bytes.in = std::int64_t(bytesIn - 1);
        }
    }
    return total == connections;
}

Error DestProcesses::damaged(std::int64_t destinationId)
{
    return Error(tr("Cannot read the case: the process statistics of destination %1 are damaged")
                     .arg(destinationId),
                 Error::Code::NotACase);
}

bool DestProcesses::merge(DestAgg &into, const DestAgg &from)
{
    if (!casewriter::addChecked(into.connections, from.connections))
        return false;
    if (from.hasTime) {
        into.addTime(from.firstNs);
        into.addTime(from.lastNs);
    }
    for (const std::uint16_t port : from.ports())
        into.addPort(port);
    into.morePorts = into.morePorts || from.morePorts;
    return true;
}

} // namespace ea
