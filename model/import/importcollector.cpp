#include "importcollector.h"

#include "address/classifier.h"

#include <algorithm>
#include <cstring>

namespace ea {

namespace {

// FNV-1a over 8-byte words is plenty for keys of a few dozen bytes and
// avoids std::hash<string_view>'s per-call overhead on short strings.
std::uint64_t mix(std::uint64_t h) noexcept
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

std::string_view capRaw(std::string_view raw) noexcept
{
    return raw.substr(0, std::min(raw.size(), kMaxRejectedRaw));
}

IpAddress asDestination(IpAddress a) noexcept
{
    // One destination per host on the wire: an IPv4-mapped peer is the IPv4
    // destination (same 16 bytes, IPv4 family).
    if (a.family == Family::IPv6 && a.isV4Mapped())
        a.family = Family::IPv4;
    return a;
}

} // namespace

void DestAgg::addTime(std::int64_t ns) noexcept
{
    if (!hasTime || ns < firstNs)
        firstNs = ns;
    if (!hasTime || ns > lastNs)
        lastNs = ns;
    hasTime = true;
}

void DestAgg::addPort(std::uint16_t port) noexcept
{
    std::uint16_t *begin = ports.data();
    std::uint16_t *end = begin + portCount;
    std::uint16_t *at = std::lower_bound(begin, end, port);
    if (at != end && *at == port)
        return;
    if (portCount == kMaxPorts) {
        morePorts = true;
        if (at == end)
            return; // larger than every kept port
        --end; // drop the largest to make room
    } else {
        ++portCount;
    }
    std::move_backward(at, end, end + 1);
    *at = port;
}

std::size_t ImportCollector::StringHash::operator()(std::string_view s) const noexcept
{
    std::uint64_t h = 0x9e3779b97f4a7c15ULL ^ s.size();
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        std::uint64_t w;
        std::memcpy(&w, s.data() + i, 8);
        h = mix(h ^ w);
    }
    std::uint64_t tail = 0;
    std::memcpy(&tail, s.data() + i, s.size() - i);
    return std::size_t(mix(h ^ tail));
}

ImportCollector::ImportCollector(const ExistingIds &existing, Emit emit,
                                 const std::atomic_bool *cancel)
    : m_classifier(Classifier::instance())
    , m_emit(std::move(emit))
    , m_cancel(cancel)
    , m_batch(std::make_unique<ImportBatch>())
    , m_nextDestination(existing.maxDestination)
    , m_nextSpelling(existing.maxSpelling)
    , m_nextHost(existing.maxHost)
    , m_nextProcess(existing.maxProcess)
{
    m_destinations.reserve(existing.destinations.size() + 4096);
    for (const auto &[address, id] : existing.destinations)
        m_destinations.emplace(address, id);
    m_spellings.reserve(existing.spellings.size() + 4096);
    for (std::size_t k = 0; k < existing.spellings.size(); ++k) {
        const auto &[text, id] = existing.spellings[k];
        m_spellings.emplace(text, SpellingEntry {id, existing.destOfSpelling[k]});
    }
    for (const auto &[key, id] : existing.hosts)
        m_hosts.emplace(key, id);
    for (const ExistingIds::Process &p : existing.processes) {
        std::string key = std::to_string(p.hostId);
        key += '\x1f';
        key += p.key;
        m_processes.emplace(std::move(key), p.id);
    }
}

ImportCollector::~ImportCollector() = default;

ImportBatch &ImportCollector::batch()
{
    return *m_batch;
}

void ImportCollector::maybeEmit()
{
    if (m_batch->events.size() >= kBatchRows || m_batch->rejected.size() >= 4096
        || m_batch->processDetails.size() >= kBatchRows)
        flush();
}

void ImportCollector::flush()
{
    if (m_batch->empty())
        return;
    m_emit(std::move(m_batch));
    m_batch = std::make_unique<ImportBatch>();
    m_batch->events.reserve(kBatchRows);
}

bool ImportCollector::cancelled() const
{
    return m_cancel && m_cancel->load(std::memory_order_relaxed);
}

void ImportCollector::progress(std::int64_t bytes)
{
    m_bytes.store(bytes, std::memory_order_relaxed);
    m_rows.store(m_counts.read, std::memory_order_relaxed);
}

void ImportCollector::reject(std::int64_t line, std::string_view reason, std::string_view raw)
{
    ++m_counts.rejected;
    batch().rejected.push_back({line, std::string(reason), std::string(capRaw(raw))});
    maybeEmit();
}

void ImportCollector::rejected(std::int64_t line, std::string_view reason, std::string_view raw)
{
    ++m_counts.read;
    reject(line, reason, raw);
}

void ImportCollector::skipped(std::int64_t, std::string_view)
{
    ++m_counts.read;
    ++m_counts.skipped;
}

std::int32_t ImportCollector::hostId(std::string_view key)
{
    if (key.empty())
        return 0;
    if (const auto it = m_hosts.find(key); it != m_hosts.end())
        return it->second;
    const std::int32_t id = ++m_nextHost;
    m_hosts.emplace(std::string(key), id);
    batch().hosts.push_back({id, std::string(key)});
    return id;
}

std::int32_t ImportCollector::processId(std::int32_t host, std::string_view key, const Event &e)
{
    if (key.empty())
        return 0;
    m_processKeyScratch = std::to_string(host);
    m_processKeyScratch += '\x1f';
    m_processKeyScratch += key;
    if (const auto it = m_processes.find(m_processKeyScratch); it != m_processes.end())
        return it->second;
    const std::int32_t id = ++m_nextProcess;
    m_processes.emplace(m_processKeyScratch, id);
    batch().processes.push_back(
        {id, host, std::string(key), std::string(e.pid), std::string(e.processPath)});
    return id;
}

void ImportCollector::event(const Event &e)
{
    ++m_counts.read;
    EventRow row;
    row.line = e.line;

    if (const auto it = m_spellings.find(e.peer); it != m_spellings.end()) {
        row.spellingId = it->second.id;
        row.destId = it->second.destId;
    } else {
        if (e.peer.empty()) {
            reject(e.line, "missing destination address", e.raw);
            return;
        }
        const ParseResult parsed = parseAddress(e.peer);
        if (!parsed.ok()) {
            std::string reason = "invalid destination address: ";
            reason += parseErrorText(parsed.error);
            reject(e.line, reason, e.raw);
            return;
        }
        const IpAddress address = asDestination(parsed.address);
        auto [dest, inserted] = m_destinations.try_emplace(address, 0);
        if (inserted) {
            dest->second = ++m_nextDestination;
            const Classification c = m_classifier.classify(address);
            batch().destinations.push_back({dest->second, address, c.category, c.block});
        }
        row.destId = dest->second;
        row.spellingId = ++m_nextSpelling;
        m_spellings.emplace(std::string(e.peer), SpellingEntry {row.spellingId, row.destId});
        batch().spellings.push_back({row.spellingId, std::string(e.peer)});
    }

    row.hostId = hostId(e.host);
    std::string_view processKey = e.processKey;
    if (processKey.empty())
        processKey = !e.pid.empty() ? e.pid : e.processPath;
    row.processId = processId(row.hostId, processKey, e);

    if (!e.local.empty()) {
        const ParseResult local = parseAddress(e.local);
        if (local.ok()) {
            row.hasSrc = true;
            row.src = asDestination(local.address).bytes;
        }
    }
    row.port = e.peerPort;
    row.srcPort = e.localPort;
    row.direction = e.direction;
    if (!e.protocol.empty()) {
        const auto it = std::find(m_protocols.begin(), m_protocols.end(), e.protocol);
        if (it != m_protocols.end()) {
            row.protocol = std::int16_t(it - m_protocols.begin());
        } else if (m_protocols.size() < 256) {
            row.protocol = std::int16_t(m_protocols.size());
            m_protocols.emplace_back(e.protocol);
            batch().protocols.emplace_back(e.protocol);
        }
    }
    row.hasTime = e.hasTime;
    row.timeNs = e.timeNs;
    if (!e.hasTime)
        ++m_counts.timesUnset;

    if (std::size_t(row.destId) >= m_destAgg.size())
        m_destAgg.resize(std::max<std::size_t>(std::size_t(row.destId) + 1, m_destAgg.size() * 2));
    DestAgg &dest = m_destAgg[std::size_t(row.destId)];
    ++dest.connections;
    if (row.hasTime)
        dest.addTime(row.timeNs);
    if (row.port >= 0 && row.port <= 0xffff)
        dest.addPort(std::uint16_t(row.port));

    const std::uint64_t destKey = std::uint64_t(std::uint32_t(row.destId)) << 32;
    if (row.processId > 0 && m_destProcesses.insert(destKey | std::uint32_t(row.processId)))
        ++dest.processes;
    if (row.hostId > 0 && m_destHosts.insert(destKey | std::uint32_t(row.hostId)))
        ++dest.hosts;

    ++m_counts.loaded;
    batch().events.push_back(row);
    maybeEmit();
}

void ImportCollector::process(const ProcessRecord &record)
{
    ++m_counts.read;
    if (record.key.empty()) {
        reject(record.line, "missing process key", {});
        return;
    }
    const std::int32_t host = hostId(record.host);
    Event e;
    e.pid = record.pid;
    e.processPath = record.path;
    const std::int32_t id = processId(host, record.key, e);
    batch().processDetails.push_back({id, host, std::string(record.key), std::string(record.pid),
                                      std::string(record.path), std::string(record.name),
                                      std::string(record.arguments), std::string(record.user),
                                      std::string(record.container)});
    ++m_counts.loaded;
    maybeEmit();
}

void ImportCollector::host(const HostRecord &record)
{
    ++m_counts.read;
    if (record.key.empty()) {
        reject(record.line, "missing host key", {});
        return;
    }
    batch().hostDetails.push_back({hostId(record.key), std::string(record.hostname)});
    ++m_counts.loaded;
    maybeEmit();
}

} // namespace ea
