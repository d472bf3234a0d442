#pragma once

#include "core/containers/chunkedvector.h"
#include "core/error.h"
#include "storage/importbatch.h"
#include "storage/sqlite.h"

#include <QCoreApplication>

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace ea {

class EventChunkWriter;
struct ActorAgg;
struct ByteSums;
class ByteList;
struct DestAgg;
struct ExistingIds;

// Stage 2 of an import: writes batches into a case inside the caller's
// transaction with prepared statements and bound values only. Knows nothing
// of files or formats. Every method returns false on a SQLite error, and
// error() says what failed (translated, with SQLite's message); the caller
// then rolls back.
//
// Its three jobs live in three files: casewriterids.cpp reads the ids and
// list ends already in the case (untrusted values, range-checked);
// casewriter.cpp writes the source row and the batches; casewriterstats.cpp
// merges this import's per-destination, per-process and per-host statistics
// and event-id lists into what earlier imports stored.
class CaseWriter
{
    Q_DECLARE_TR_FUNCTIONS(ea::CaseWriter)

public:
    explicit CaseWriter(SqliteDb &db);
    ~CaseWriter();

    // Reads the ids already in the case so that stage 1 continues them.
    [[nodiscard]] bool loadExisting(ExistingIds &existing);

    // Inserts the source row (counts filled in by finishSource()).
    [[nodiscard]] bool beginSource(const std::string &path, std::int64_t size,
                                   const std::string &sha256, std::int64_t importedAtNs);
    [[nodiscard]] std::int64_t sourceId() const noexcept { return m_sourceId; }
    // The file's hash is known only once stage 1 has read all of it.
    [[nodiscard]] bool setSourceHash(const std::string &sha256);

    // For a case with no events yet, the destinations' address index is
    // dropped before the bulk insert and built once at the end.
    [[nodiscard]] bool prepareBulk();
    [[nodiscard]] bool write(const ImportBatch &batch);
    // Writes the events still held for the last chunk; before anything
    // reads this import's events.
    [[nodiscard]] bool finishEvents();

    // Writes dest_stats for the destinations this import touched. Into a case
    // that had no events the in-memory aggregates are the whole truth; into
    // one with earlier imports they are merged with the stored row, and the
    // distinct process and host counts are recounted over the destination's
    // events (one pass over the events of the touched destinations).
    [[nodiscard]] bool mergeAggregates(const ChunkedVector<DestAgg> &destinations,
                                       const ChunkedVector<ByteSums> &bytes);
    // Appends this import's event ids to each touched destination's
    // dest_events list (see EventIdList).
    [[nodiscard]] bool mergeEventIds(const ChunkedVector<ByteList> &lists,
                                     const ChunkedVector<DestAgg> &destinations);
    // Writes process_stats and host_stats for the processes and hosts this
    // import touched; into a case with earlier events they are recounted.
    [[nodiscard]] bool mergeActorStats(const std::vector<ActorAgg> &processes,
                                       const std::vector<ActorAgg> &hosts);
    // Brings dest_processes and dest_timeline up to date with this import's
    // events (see BusyDestinations); after mergeAggregates() and
    // mergeEventIds().
    [[nodiscard]] bool updateBusyDestinations();
    [[nodiscard]] bool finishBulk();
    [[nodiscard]] bool finishSource(const std::string &format, const std::string &kind,
                                    const std::string &mappingJson, std::int64_t read,
                                    std::int64_t loaded, std::int64_t rejected,
                                    std::int64_t skipped, std::int64_t timesUnset);
    // The import's notes on the source (source_notes), in order.
    [[nodiscard]] bool addSourceNotes(const std::vector<std::string> &notes);
    // The source's times are local to a zone the file does not name
    // (sources.times_zone_unknown): the views mark them.
    [[nodiscard]] bool markTimesZoneUnknown();

    [[nodiscard]] const Error &error() const noexcept { return m_error; }

private:
    // `what` is a QT_TR_NOOP template; fail() and failDb() fill %1 with
    // SQLite's message.
    bool fail(const Statement &statement, const char *what);
    bool failDb(const char *what);
    // The case holds a value no import writes (see loadExisting()).
    bool damaged(const char *what);
    bool prepareInserts();
    // Statistics and event lists are written this many rows at a time.
    static constexpr std::size_t kChunkRows = 4096;

    SqliteDb &m_db;
    std::int64_t m_sourceId = 0;
    bool m_indexesDropped = false;
    bool m_freshCase = false; // no events before this import
    std::int64_t m_eventsBefore = 0; // the largest event id before this import
    std::int64_t m_nextEventId = 1; // the smallest id the next event may have
    std::vector<std::string> m_protocols;
    Error m_error;

    Statement m_insertDestination;
    Statement m_insertSpelling;
    Statement m_insertHost;
    Statement m_insertProcess;
    std::unique_ptr<EventChunkWriter> m_events;
    Statement m_insertRejected;
    Statement m_updateProcess;
    Statement m_updateHost;
};

} // namespace ea
