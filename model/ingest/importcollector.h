#pragma once

#include "core/containers/bytelist.h"
#include "core/containers/chunkedvector.h"
#include "core/containers/idset.h"
#include "core/containers/spellingtable.h"
#include "core/containers/stringtable.h"
#include "core/containers/uint64set.h"
#include "core/error.h"
#include "import/event.h"
#include "ingest/addressindex.h"
#include "storage/aggregates.h"
#include "storage/existingids.h"
#include "storage/importbatch.h"

#include <QCoreApplication>

#include <array>
#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ea {

class Classifier;

struct ImportCounts
{
    std::int64_t read = 0; // records seen (events + rejected + skipped + detail rows)
    std::int64_t loaded = 0;
    std::int64_t rejected = 0;
    std::int64_t skipped = 0;
    std::int64_t timesUnset = 0;
};

// Stage 1 of an import: a RecordSink that parses and classifies each peer
// address, interns destinations, spellings, hosts and processes, keeps the
// aggregates, and hands full batches to `emitBatch` (stage 2, on another thread).
// One spelling always denotes the same address, so a spelling seen before
// skips the parse entirely.
class ImportCollector final : public RecordSink
{
    Q_DECLARE_TR_FUNCTIONS(ea::ImportCollector)

public:
    using Emit = std::function<void(std::unique_ptr<ImportBatch>)>;

    ImportCollector(const ExistingIds &existing, Emit emitBatch, const std::atomic_bool *cancel);
    ~ImportCollector() override;

    void event(const Event &event) override;
    void process(const ProcessRecord &record) override;
    void host(const HostRecord &record) override;
    void rejected(std::int64_t line, std::string_view reason, std::string_view raw) override;
    void skipped(std::int64_t line, std::string_view reason) override;
    [[nodiscard]] bool cancelled() const override;
    void progress(std::int64_t bytes) override;

    // Handles the events still held for look-ahead and sends the last,
    // partial batch.
    void flush();
    // Completes the distinct host counts of destinations and hosts; call once,
    // after the reader is done and before reading the aggregates.
    void finishAggregates();

    [[nodiscard]] const ImportCounts &counts() const noexcept { return m_counts; }
    // Why the import stopped early although the file was fine (the case's
    // ids leave no room for more), or empty. cancelled() is true once set.
    [[nodiscard]] const Error &error() const noexcept { return m_error; }
    // Progress as of the reader's last report; safe to read from any thread.
    [[nodiscard]] std::int64_t bytesRead() const noexcept { return m_bytes.load(); }
    [[nodiscard]] std::int64_t rowsRead() const noexcept { return m_rows.load(); }

    // Indexed by destination id; entries of destinations this import did not
    // touch have connections == 0.
    [[nodiscard]] const ChunkedVector<DestAgg> &destinationAggregates() const { return m_destAgg; }
    // Indexed by destination id: the ids of this import's events of each
    // destination, encoded as EventIdList gaps continuing that destination's
    // stored list (DestAgg::lastEvent is the last of them).
    [[nodiscard]] const ChunkedVector<ByteList> &destinationEventIds() const
    {
        return m_destEventIds;
    }
    // Indexed by destination id, the bytes of this import's events; empty
    // (no memory spent) until an event names bytes, and shorter than
    // destinationAggregates() when the last destinations had none.
    [[nodiscard]] const ChunkedVector<ByteSums> &destinationBytes() const { return m_destBytes; }
    // Indexed by process / host id, likewise.
    [[nodiscard]] const std::vector<ActorAgg> &processAggregates() const { return m_processAgg; }
    [[nodiscard]] const std::vector<ActorAgg> &hostAggregates() const { return m_hostAgg; }

private:
    // An event held back until kLookahead more have arrived, with copies of
    // its texts (the reader's views end with its call).
    struct PendingEvent
    {
        Event event;
        std::string text;
        std::uint64_t peerHash = 0;
        std::uint64_t localHash = 0;
    };
    // The events are handled kLookahead calls after they arrive, and the
    // memory they will touch is fetched meanwhile in two steps: their
    // spelling slots at once, then (kLookahead / 2 later) a long spelling's
    // text and the state of the destination the slot names. Each is a cache
    // miss at these sizes, and handling every event at once waited for them
    // one by one (half of stage 1's time).
    static constexpr std::size_t kLookahead = 16;
    void hold(const Event &event);
    void prefetchFor(const PendingEvent &pending);
    void drain();
    void handle(const PendingEvent &pending);
    void sendBatch();

    std::int32_t hostId(std::string_view key);
    // The host of a record that names no host and no process: its local
    // address (spellingId its spelling; 0 for none), or 0.
    std::int32_t sourceHostId(std::string_view local, std::int32_t spellingId);
    SpellingTable::Entry &spelling(std::string_view text, std::uint64_t hash);
    // mayAlias: a new process may be a second spelling of an earlier one
    // (pathAliasOf()).
    std::int32_t processId(std::int32_t hostId, std::string_view key, const Event &event,
                           bool mayAlias = true);
    // The process that new process `id` (`key`, of `event`) is a second
    // spelling of, or 0 (always without `match`); see m_pathAliases. A
    // process that is no alias becomes a candidate.
    std::int32_t pathAliasOf(std::int32_t hostId, std::int32_t id, std::string_view key,
                             const Event &event, bool match);
    void reject(std::int64_t line, std::string_view reason, std::string_view raw);
    // False (and error() set) when one more record could overflow an id.
    [[nodiscard]] bool hasRoom();
    void maybeEmit();
    ImportBatch &batch();

    const Classifier &m_classifier;
    Emit m_emit;
    const std::atomic_bool *m_cancel;
    std::unique_ptr<ImportBatch> m_batch;
    ImportCounts m_counts;
    Error m_error;
    std::atomic<std::int64_t> m_bytes {0};
    std::atomic<std::int64_t> m_rows {0};

    std::array<PendingEvent, kLookahead> m_pending;
    std::size_t m_pendingFirst = 0;
    std::size_t m_pendingCount = 0;

    AddressIndex m_destinations;
    // A spelling is any address text as written, peer or local; its destId
    // is set once the text has been seen (and parsed) as a peer.
    SpellingTable m_spellings;
    // Interned texts with their values in parallel vectors (same index).
    StringTable m_hostText;
    std::vector<std::int32_t> m_hosts;
    // Consecutive rows mostly come from one host: remember the last one.
    std::string m_lastHostKey;
    std::int32_t m_lastHostId = 0;
    // Source host id by local spelling id: 0 not yet looked at, -1 no address.
    ChunkedVector<std::int32_t> m_sourceHosts;
    // Process key -> (host id, process id) for each host it was seen on.
    StringTable m_processText;
    std::vector<std::vector<std::pair<std::int32_t, std::int32_t>>> m_processes;
    // One process, two spellings. Windows Filtering Platform events name a
    // program by its pid alone (key) and NT device path
    // (\device\harddiskvolume2\windows\…\dns.exe), Sysmon by a ProcessGuid and
    // drive path (C:\Windows\…\dns.exe). A new process of a host that has the
    // pid and path (below the volume, case folded) of one seen before, where
    // exactly one of the two is keyed by its pid alone, and whose first event
    // falls within an hour of that process's events, is that process: its
    // events are counted under the first (one row, one count), and its own row
    // keeps its spelling with alias_of set. Keyed by pathAliasKey(); only
    // processes that are no alias are candidates.
    struct PathAlias
    {
        std::int32_t id = 0;
        bool pidKeyed = false; // its key is its pid
        // The span of the events of earlier imports (this import's are in
        // m_processAgg).
        bool hasTime = false;
        std::int64_t firstNs = 0;
        std::int64_t lastNs = 0;
    };
    std::unordered_map<std::string, std::vector<PathAlias>> m_pathAliases;
    std::vector<std::string> m_protocols;

    std::int32_t m_nextDestination;
    std::int32_t m_nextSpelling;
    std::int32_t m_nextHost;
    std::int32_t m_nextProcess;

    // By destination id, in chunks: a vector's doubling left a third of
    // these unused and briefly needed old and new buffers at once.
    ChunkedVector<DestAgg> m_destAgg;
    ChunkedVector<ByteSums> m_destBytes;
    ChunkedVector<ByteList> m_destEventIds;
    std::int64_t m_nextEvent;
    std::vector<ActorAgg> m_processAgg;
    std::vector<ActorAgg> m_hostAgg;
    ChunkedVector<std::uint8_t> m_destExternal; // by destination id
    // Distinct processes per destination: an IdSet per destination id (at
    // most 4 bytes a pair, a bit in the crowded ones; a hash set of pairs took
    // several times that for tens of millions of rows). Hosts follow from the
    // processes' hosts, plus the (destination << 32 | host) pairs of events
    // that name no process. Both are freed by finishAggregates().
    ChunkedVector<IdSet> m_destProcessIds;
    std::vector<std::int32_t> m_processHost; // by process id
    Uint64Set m_destHostsWithoutProcess;
};

} // namespace ea
