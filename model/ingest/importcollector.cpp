#include "ingest/importcollector.h"

#include "address/addresstext.h"
#include "address/classifier.h"
#include "core/text.h"
#include "core/windowspath.h"
#include "storage/eventchunk.h"
#include "storage/eventidlist.h"

#include <algorithm>
#include <cstring>
#include <limits>

namespace ea {

static_assert(Event::kMaxWeight == kMaxEventWeight, "a row's weight is an event's");

namespace {

template<typename T> T &at(std::vector<T> &v, std::int32_t id)
{
    if (std::size_t(id) >= v.size())
        v.resize(std::max<std::size_t>(std::size_t(id) + 1, v.size() + v.size() / 4 + 64));
    return v[std::size_t(id)];
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

// A source's host key: its address in canonical text (an IPv4-mapped
// spelling as IPv4, as destinations are), or "" for text that is no address.
std::string sourceKey(std::string_view text)
{
    const ParseResult parsed = parseAddress(text);
    return parsed.ok() ? toString(asDestination(parsed.address)) : std::string();
}

// Two spellings of one process may be an hour apart in their events.
constexpr std::int64_t kAliasSlackNs = 3600LL * 1'000'000'000LL;

std::int64_t saturatingAdd(std::int64_t a, std::int64_t b) noexcept
{
    std::int64_t sum = 0;
    if (__builtin_add_overflow(a, b, &sum))
        return b < 0 ? std::numeric_limits<std::int64_t>::min()
                     : std::numeric_limits<std::int64_t>::max();
    return sum;
}

// "host\x1fpid\x1fpath" of a process of known pid and path, with the path
// below the volume for an NT device or drive path (one file either way) and
// ASCII lower case otherwise ("System"); "" without pid or path.
std::string pathAliasKey(std::int32_t host, std::string_view pid, std::string_view path)
{
    if (pid.empty() || path.empty())
        return {};
    std::string tail = devicePathTail(path);
    if (tail.empty())
        tail = drivePathTail(path);
    if (tail.empty())
        tail = lowerAscii(path);
    std::string key = std::to_string(host);
    key += '\x1f';
    key += pid;
    key += '\x1f';
    key += tail;
    return key;
}

} // namespace

ImportCollector::ImportCollector(const ExistingIds &existing, Emit emitBatch,
                                 const std::atomic_bool *cancel)
    : m_classifier(Classifier::instance())
    , m_emit(std::move(emitBatch))
    , m_cancel(cancel)
    , m_batch(std::make_unique<ImportBatch>())
    , m_nextDestination(existing.maxDestination)
    , m_nextSpelling(existing.maxSpelling)
    , m_nextHost(existing.maxHost)
    , m_nextProcess(existing.maxProcess)
    , m_nextEvent(existing.maxEvent)
{
    bool added = false;
    m_destinations.reserve(existing.destinations.size());
    for (const auto &[dest, last] : existing.destLastEvent)
        m_destAgg.grow(std::size_t(dest)).lastEvent = last;
    for (std::size_t k = 0; k < existing.destinations.size(); ++k) {
        const auto &[address, id] = existing.destinations[k];
        (void)m_destinations.insert(address, id, added);
        m_destExternal.grow(std::size_t(id))
            = k < existing.destinationExternal.size() ? existing.destinationExternal[k] : 0;
    }
    for (std::size_t k = 0; k < existing.spellings.size(); ++k) {
        const auto &[text, id] = existing.spellings[k];
        SpellingTable::Entry &entry = m_spellings.insert(text, added);
        if (added)
            entry = {id, existing.destOfSpelling[k]};
    }
    for (const auto &[key, id] : existing.hosts) {
        m_hostText.insert(key, added);
        if (added)
            m_hosts.push_back(id);
    }
    for (const ExistingIds::Process &p : existing.processes) {
        const std::uint32_t index = m_processText.insert(p.key, added);
        if (added)
            m_processes.emplace_back();
        m_processes[index].emplace_back(p.hostId, p.aliasOf > 0 ? p.aliasOf : p.id);
        at(m_processHost, p.id) = p.hostId;
        if (p.aliasOf == 0) {
            const std::string key = pathAliasKey(p.hostId, p.pid, p.path);
            if (!key.empty())
                m_pathAliases[key].push_back(
                    {p.id, p.key == p.pid, p.hasTime, p.firstNs, p.lastNs});
        }
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
        sendBatch();
}

void ImportCollector::flush()
{
    drain();
    sendBatch();
}

void ImportCollector::sendBatch()
{
    if (m_batch->empty())
        return;
    m_emit(std::move(m_batch));
    m_batch = std::make_unique<ImportBatch>();
    m_batch->events.reserve(kBatchRows);
}

bool ImportCollector::cancelled() const
{
    return !m_error.isNull() || (m_cancel && m_cancel->load(std::memory_order_relaxed));
}

bool ImportCollector::hasRoom()
{
    // The ids continue the largest in the case, which comes from the file and
    // may be anything up to the type's limit. One record adds at most one
    // destination, host, process and event and two spellings.
    constexpr std::int32_t kMax32 = std::numeric_limits<std::int32_t>::max();
    const char *exhausted = nullptr;
    if (m_nextEvent >= std::numeric_limits<std::int64_t>::max() - 1)
        exhausted = QT_TR_NOOP(
            "the case is damaged: its event ids have reached the largest possible value");
    else if (m_nextDestination >= kMax32 - 1)
        exhausted = QT_TR_NOOP(
            "the case is damaged: its destination ids have reached the largest possible value");
    else if (m_nextSpelling >= kMax32 - 2)
        exhausted = QT_TR_NOOP("the case is damaged: its address spelling ids have reached the "
                               "largest possible value");
    else if (m_nextHost >= kMax32 - 1)
        exhausted = QT_TR_NOOP(
            "the case is damaged: its host ids have reached the largest possible value");
    else if (m_nextProcess >= kMax32 - 1)
        exhausted = QT_TR_NOOP(
            "the case is damaged: its process ids have reached the largest possible value");
    if (!exhausted)
        return true;
    if (m_error.isNull())
        m_error = Error(tr(exhausted), Error::Code::NotACase);
    return false;
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
    drain(); // the rejected rows stay in the file's order
    if (!m_error.isNull())
        return;
    ++m_counts.read;
    reject(line, reason, raw);
}

void ImportCollector::skipped(std::int64_t, std::string_view)
{
    drain();
    ++m_counts.read;
    ++m_counts.skipped;
}

SpellingTable::Entry &ImportCollector::spelling(std::string_view text, std::uint64_t hash)
{
    bool added = false;
    SpellingTable::Entry &entry = m_spellings.insert(text, hash, added);
    if (added) {
        entry.id = ++m_nextSpelling;
        batch().spellings.push_back({entry.id, std::string(text)});
    }
    return entry;
}

std::int32_t ImportCollector::hostId(std::string_view key)
{
    if (key.empty())
        return 0;
    if (m_lastHostId != 0 && key == m_lastHostKey)
        return m_lastHostId;
    bool added = false;
    const std::uint32_t index = m_hostText.insert(key, added);
    if (added) {
        const std::int32_t id = ++m_nextHost;
        m_hosts.push_back(id);
        batch().hosts.push_back({id, std::string(key)});
    }
    m_lastHostKey.assign(key);
    m_lastHostId = m_hosts[index];
    return m_lastHostId;
}

std::int32_t ImportCollector::sourceHostId(std::string_view local, std::int32_t spellingId)
{
    if (spellingId <= 0)
        return 0;
    // Parsed once per spelling: the same few sources write most records.
    std::int32_t &host = m_sourceHosts.grow(std::size_t(spellingId));
    if (host == 0) {
        const std::string key = sourceKey(local);
        host = key.empty() ? -1 : hostId(key);
    }
    return std::max(host, 0);
}

std::int32_t ImportCollector::processId(std::int32_t host, std::string_view key, const Event &e,
                                        bool mayAlias)
{
    if (key.empty())
        return 0;
    bool added = false;
    const std::uint32_t index = m_processText.insert(key, added);
    if (added)
        m_processes.emplace_back();
    auto &perHost = m_processes[index];
    for (const auto &[knownHost, id] : perHost) {
        if (knownHost == host)
            return id;
    }
    const std::int32_t id = ++m_nextProcess;
    const std::int32_t aliasOf = pathAliasOf(host, id, key, e, mayAlias);
    const std::int32_t counted = aliasOf > 0 ? aliasOf : id;
    perHost.emplace_back(host, counted);
    at(m_processHost, id) = host;
    batch().processes.push_back(
        {id, host, std::string(key), std::string(e.pid), std::string(e.processPath), aliasOf});
    return counted;
}

std::int32_t ImportCollector::pathAliasOf(std::int32_t host, std::int32_t id,
                                          std::string_view processKey, const Event &e, bool match)
{
    const std::string key = pathAliasKey(host, e.pid, e.processPath);
    if (key.empty())
        return 0;
    const bool pidKeyed = processKey == e.pid;
    std::vector<PathAlias> &candidates = m_pathAliases[key];
    for (const PathAlias &c : candidates) {
        if (!match || c.pidKeyed == pidKeyed)
            continue;
        // The candidate's events so far: earlier imports' and this one's.
        bool hasTime = c.hasTime;
        std::int64_t first = c.firstNs, last = c.lastNs;
        if (std::size_t(c.id) < m_processAgg.size() && m_processAgg[std::size_t(c.id)].hasTime) {
            const ActorAgg &agg = m_processAgg[std::size_t(c.id)];
            first = hasTime ? std::min(first, agg.firstNs) : agg.firstNs;
            last = hasTime ? std::max(last, agg.lastNs) : agg.lastNs;
            hasTime = true;
        }
        // Both timed, and close: a process with no time (one a processes
        // export named, or untimed events) is no evidence.
        if (e.hasTime && hasTime && e.timeNs >= saturatingAdd(first, -kAliasSlackNs)
            && e.timeNs <= saturatingAdd(last, kAliasSlackNs))
            return c.id;
    }
    candidates.push_back({id, pidKeyed, false, 0, 0});
    return 0;
}

void ImportCollector::event(const Event &e)
{
    if (m_pendingCount == kLookahead) {
        PendingEvent &oldest = m_pending[m_pendingFirst];
        m_pendingFirst = (m_pendingFirst + 1) % kLookahead;
        --m_pendingCount;
        handle(oldest);
    }
    if (m_pendingCount >= kLookahead / 2)
        prefetchFor(m_pending[(m_pendingFirst + m_pendingCount - kLookahead / 2) % kLookahead]);
    hold(e);
}

void ImportCollector::hold(const Event &e)
{
    PendingEvent &p = m_pending[(m_pendingFirst + m_pendingCount) % kLookahead];
    ++m_pendingCount;
    const std::string_view raw = capRaw(e.raw);
    std::string &text = p.text;
    text.clear();
    text.reserve(e.peer.size() + e.local.size() + e.protocol.size() + e.processKey.size()
                 + e.pid.size() + e.processPath.size() + e.host.size() + raw.size());
    // Appended without reallocating (reserved above), so the views taken
    // stay valid.
    const auto copy = [&text](std::string_view view) {
        const std::size_t at = text.size();
        text.append(view);
        return std::string_view(text).substr(at, view.size());
    };
    p.event = e;
    p.event.peer = copy(e.peer);
    p.event.local = copy(e.local);
    p.event.protocol = copy(e.protocol);
    p.event.processKey = copy(e.processKey);
    p.event.pid = copy(e.pid);
    p.event.processPath = copy(e.processPath);
    p.event.host = copy(e.host);
    p.event.raw = copy(raw);
    p.peerHash = StringTable::hash(e.peer);
    m_spellings.prefetch(p.peerHash);
    if (!e.local.empty()) {
        p.localHash = StringTable::hash(e.local);
        m_spellings.prefetch(p.localHash);
    }
}

void ImportCollector::prefetchFor(const PendingEvent &p)
{
    const std::int32_t dest = m_spellings.prefetchText(p.event.peer, p.peerHash);
    if (!p.event.local.empty())
        (void)m_spellings.prefetchText(p.event.local, p.localHash);
    if (dest > 0) {
        m_destAgg.prefetch(std::size_t(dest));
        m_destExternal.prefetch(std::size_t(dest));
        m_destProcessIds.prefetch(std::size_t(dest));
        m_destEventIds.prefetch(std::size_t(dest));
    }
}

void ImportCollector::drain()
{
    while (m_pendingCount > 0) {
        PendingEvent &oldest = m_pending[m_pendingFirst];
        m_pendingFirst = (m_pendingFirst + 1) % kLookahead;
        --m_pendingCount;
        handle(oldest);
    }
}

void ImportCollector::handle(const PendingEvent &pending)
{
    const Event &e = pending.event;
    if (!hasRoom())
        return;
    ++m_counts.read;
    EventRow row;
    row.line = e.line;

    if (e.peer.empty()) {
        reject(e.line, "missing destination address", e.raw);
        return;
    }
    const SpellingTable::Entry *known = m_spellings.find(e.peer, pending.peerHash);
    if (known && known->destId != 0) {
        row.spellingId = known->id;
        row.destId = known->destId;
    } else {
        const ParseResult parsed = parseAddress(e.peer);
        if (!parsed.ok()) {
            std::string reason = "invalid destination address: ";
            reason += parseErrorText(parsed.error);
            reject(e.line, reason, e.raw);
            return;
        }
        const IpAddress address = asDestination(parsed.address);
        bool inserted = false;
        const std::int32_t dest = m_destinations.insert(address, m_nextDestination + 1, inserted);
        if (inserted) {
            ++m_nextDestination;
            const Classification c = m_classifier.classify(address);
            batch().destinations.push_back({dest, address, c.category, c.block});
            m_destExternal.grow(std::size_t(dest)) = c.external() ? 1 : 0;
        }
        SpellingTable::Entry &entry = spelling(e.peer, pending.peerHash);
        entry.destId = dest;
        row.spellingId = entry.id;
        row.destId = entry.destId;
    }

    // The local end is kept as written (interned): it is shown, never
    // classified.
    if (!e.local.empty())
        row.srcSpellingId = spelling(e.local, pending.localHash).id;
    std::string_view processKey = e.processKey;
    if (processKey.empty())
        processKey = !e.pid.empty() ? e.pid : e.processPath;
    // A record that names neither host nor process (Zeek, Suricata, flows,
    // firewall logs) has its local address as its host: the source.
    row.hostId = !e.host.empty() || !processKey.empty() ? hostId(e.host)
                                                        : sourceHostId(e.local, row.srcSpellingId);
    row.processId = processId(row.hostId, processKey, e);
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
    row.weight = e.weight;
    row.hasLastTime = e.hasTime && e.hasLastTime;
    row.lastTimeNs = row.hasLastTime ? e.lastTimeNs : 0;
    row.bytesOut = e.bytesOut;
    row.bytesIn = e.bytesIn;
    const bool hasBytes = row.bytesOut >= 0 || row.bytesIn >= 0;
    if (!e.hasTime)
        ++m_counts.timesUnset;

    DestAgg &dest = m_destAgg.grow(std::size_t(row.destId));
    dest.connections += row.weight;
    if (row.hasTime)
        dest.addTime(row.timeNs);
    if (row.hasLastTime)
        dest.addTime(row.lastTimeNs);
    if (row.port >= 0 && row.port <= 0xffff)
        dest.addPort(std::uint16_t(row.port));
    dest.directions |= row.direction == Direction::Inbound ? kSawInbound : kSawOutbound;
    if (hasBytes)
        m_destBytes.grow(std::size_t(row.destId)).add(row.bytesOut, row.bytesIn);

    const std::uint64_t destKey = std::uint64_t(std::uint32_t(row.destId)) << 32;
    const bool external = m_destExternal[std::size_t(row.destId)] != 0;
    if (row.processId > 0) {
        ActorAgg &process = at(m_processAgg, row.processId);
        process.connections += row.weight;
        if (row.hasTime)
            process.addTime(row.timeNs);
        if (row.hasLastTime)
            process.addTime(row.lastTimeNs);
        if (hasBytes)
            process.bytes.add(row.bytesOut, row.bytesIn);
        if (m_destProcessIds.grow(std::size_t(row.destId)).insert(std::uint32_t(row.processId))) {
            ++dest.processes;
            ++process.destinations;
            process.externalDestinations += external;
        }
    }
    if (row.hostId > 0) {
        ActorAgg &host = at(m_hostAgg, row.hostId);
        host.connections += row.weight;
        if (row.hasTime)
            host.addTime(row.timeNs);
        if (row.hasLastTime)
            host.addTime(row.lastTimeNs);
        if (hasBytes)
            host.bytes.add(row.bytesOut, row.bytesIn);
        if (row.processId == 0)
            m_destHostsWithoutProcess.insert(destKey | std::uint32_t(row.hostId));
    }

    row.id = ++m_nextEvent;
    EventIdList::append(m_destEventIds.grow(std::size_t(row.destId)), dest.lastEvent, row.id);
    dest.lastEvent = row.id;

    ++m_counts.loaded;
    batch().events.push_back(row);
    maybeEmit();
}

void ImportCollector::finishAggregates()
{
    std::vector<std::uint64_t> withoutProcess = m_destHostsWithoutProcess.keys();
    std::sort(withoutProcess.begin(), withoutProcess.end());
    auto next = withoutProcess.begin();
    std::vector<std::int32_t> hosts;
    for (std::size_t dest = 0; dest < m_destAgg.size(); ++dest) {
        DestAgg &agg = m_destAgg[dest];
        if (agg.connections == 0)
            continue;
        hosts.clear();
        if (dest < m_destProcessIds.size()) {
            m_destProcessIds[dest].forEach([&](std::uint32_t process) {
                const std::int32_t host = m_processHost[process];
                if (host > 0)
                    hosts.push_back(host);
            });
        }
        while (next != withoutProcess.end() && (*next >> 32) < dest)
            ++next;
        for (; next != withoutProcess.end() && (*next >> 32) == dest; ++next)
            hosts.push_back(std::int32_t(*next & 0xffffffffU));
        std::sort(hosts.begin(), hosts.end());
        hosts.erase(std::unique(hosts.begin(), hosts.end()), hosts.end());
        agg.hosts = std::int32_t(hosts.size());
        const bool external = m_destExternal[dest] != 0;
        for (std::int32_t host : hosts) {
            ActorAgg &h = at(m_hostAgg, host);
            ++h.destinations;
            h.externalDestinations += external;
        }
    }
    // Only the counts are needed from here on.
    m_destProcessIds.clear();
    m_destHostsWithoutProcess = {};
}

void ImportCollector::process(const ProcessRecord &record)
{
    drain();
    if (!hasRoom())
        return;
    ++m_counts.read;
    if (record.key.empty()) {
        reject(record.line, "missing process key", {});
        return;
    }
    const std::int32_t host = hostId(record.host);
    Event e;
    e.pid = record.pid;
    e.processPath = record.path;
    // A processes export's row names a process by its own key: never an
    // alias (it has no time to match by), but a candidate for later events.
    const std::int32_t id = processId(host, record.key, e, false);
    batch().processDetails.push_back({id, host, std::string(record.key), std::string(record.pid),
                                      std::string(record.path), std::string(record.name),
                                      std::string(record.arguments), std::string(record.user),
                                      std::string(record.container)});
    ++m_counts.loaded;
    maybeEmit();
}

void ImportCollector::host(const HostRecord &record)
{
    drain();
    if (!hasRoom())
        return;
    ++m_counts.read;
    if (record.key.empty()) {
        reject(record.line, "missing host key", {});
        return;
    }
    // A hosts export may name sources by address, in any spelling.
    const std::string source = sourceKey(record.key);
    const std::int32_t id = hostId(source.empty() ? record.key : std::string_view(source));
    batch().hostDetails.push_back({id, std::string(record.hostname)});
    ++m_counts.loaded;
    maybeEmit();
}

} // namespace ea
