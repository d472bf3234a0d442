#pragma once

#include "address/ipaddress.h"
#include "storage/casedatabase.h"
#include "storage/eventtimeline.h"
#include "storage/marks.h"

#include <QCoreApplication>
#include <QString>

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace ea {

struct QueryOptions
{
    // false: external destinations only, i.e. category global, teredo or 6to4
    // and not marked internal. true: every destination.
    bool all = false;
    // Fill DestinationRow::lists (reads and indexes every known list: a
    // quarter second for 500,000 blocks, so only where the rows are shown or
    // exported with it).
    bool withLists = false;
};

// Text fields are UTF-8 as stored in the case.
struct DestinationRow
{
    std::int64_t id = 0;
    IpAddress address; // IPv4 as IPv4-mapped bytes with family IPv4
    Family family = Family::IPv4;
    std::string canonical;
    std::string expanded;
    std::string category; // stable id: "global", "private", ... (categoryFromId())
    bool external = false;
    MarkStatus status = MarkStatus::Unreviewed;
    std::string note; // of the mark that decided the status
    std::string markCidr; // that mark's block; empty when unreviewed
    std::int64_t connections = 0;
    std::int64_t processes = 0;
    std::int64_t hosts = 0;
    std::string ports; // "22;443", ascending, at most 20 then ";…"
    std::optional<std::int64_t> firstNs;
    std::optional<std::int64_t> lastNs;
    // Sums over the events that named bytes (-1: none did), and which ways
    // the connections went (DirectionBits; 0: unknown, a case older than
    // format 5).
    std::int64_t bytesOut = -1;
    std::int64_t bytesIn = -1;
    std::uint8_t directions = 0;
    // The known lists that hold the address (KnownListIndex::describe():
    // "aws: AWS EC2 ap-northeast-1; iocs"), empty for none.
    std::string lists;
    // Who holds the address (Owners, case format 9): ISO 3166 country code,
    // AS number and AS organisation; "" / 0 unknown.
    std::string country;
    std::int64_t asn = 0;
    std::string organisation;
};

// What forEachDestinationFields() reads: a DestinationRow without status,
// note and texts, with views into SQLite's row.
struct DestinationFields
{
    std::int64_t id = 0;
    IpAddress address;
    std::string_view category;
    bool external = false;
    std::int64_t connections = 0;
    std::int64_t processes = 0;
    std::int64_t hosts = 0;
    std::string_view ports;
    std::optional<std::int64_t> firstNs;
    std::optional<std::int64_t> lastNs;
    std::int64_t bytesOut = -1;
    std::int64_t bytesIn = -1;
    std::uint8_t directions = 0;
    std::string_view country;
    std::int64_t asn = 0;
    std::string_view organisation;
};

struct RejectedRow
{
    std::int64_t sourceId = 0;
    std::string sourcePath;
    std::int64_t line = 0;
    std::string reason;
    std::string raw; // bytes as read, at most 4 KiB, not necessarily UTF-8
};

// One row of the `seed` format: a distinct (destination, original spelling,
// process) triple, as the old data-lake query produced it.
struct SeedRow
{
    std::int64_t destinationId = 0;
    std::string expandedAddress;
    std::string dstAddr; // the destination exactly as the export spelled it
    std::string processKey; // empty when the event named no process
};

// One process that contacted a destination, with what the processes and
// hosts exports told about it (empty where they did not).
struct ProcessRow
{
    std::int64_t processId = 0; // 0: events that named no process
    // processesOf() only: the host of these events (0: none).
    std::int64_t hostId = 0;
    std::string key; // process_uuid, ProcessGuid, pid …
    std::string pid;
    std::string path;
    std::string name;
    std::string arguments;
    std::string user;
    std::string hostKey; // sensor_id …
    std::string hostname; // from a hosts export
    std::int64_t connections = 0;
    std::optional<std::int64_t> firstNs;
    std::optional<std::int64_t> lastNs;
    // processesOf() only: the destination ports of these events, in the
    // DestinationRow::ports form.
    std::string ports;
    // Other spellings of the same process merged into this row (an NT device
    // path; mergeDevicePathAliases() and processes.alias_of).
    std::vector<std::string> alsoKnownAs;
    // processesOf() only: bytes out and in over these events (-1: none named
    // them, or a case older than format 6 for a busy destination).
    std::int64_t bytesOut = -1;
    std::int64_t bytesIn = -1;
    // Its times may be local times of an unknown zone: some of its events
    // came from such a file (unknownzone.h). Set by processes(),
    // processesOf().
    bool timesZoneUnknown = false;
};

// One process of the case with its statistics (process_stats) and what the
// processes and hosts exports told about it.
struct ProcessSummaryRow
{
    ProcessRow process; // connections, firstNs, lastNs: over all its events
    // A source row (process.processId 0): a host no process names, such as
    // the local address of network-sensor records; its statistics are the
    // host's (host_stats). 0 on a process row.
    std::int64_t hostId = 0;
    std::int64_t destinations = 0; // distinct
    std::int64_t externalDestinations = 0; // distinct, category global, teredo or 6to4
    // Over all its events that named bytes; -1 when none did (or the case is
    // older than format 5).
    std::int64_t bytesOut = -1;
    std::int64_t bytesIn = -1;
};

// The Processes tab's key of a row: the process id, or for a source row
// minus its host id (process ids and host ids both start at 1).
[[nodiscard]] constexpr std::int64_t actorKey(const ProcessSummaryRow &row) noexcept
{
    return row.process.processId > 0 ? row.process.processId : -row.hostId;
}

// Whether an event of (processId, hostId) belongs to the row of actorKey().
[[nodiscard]] constexpr bool ofActor(std::int64_t key, std::int64_t processId,
                                     std::int64_t hostId) noexcept
{
    return key > 0 ? processId == key : processId == 0 && hostId == -key;
}

// A destination one process contacted, with that process's events to it.
struct ProcessDestinationRow
{
    std::int64_t destinationId = 0;
    std::int64_t connections = 0;
    std::optional<std::int64_t> firstNs;
    std::optional<std::int64_t> lastNs;
    // Distinct destination ports of this process to this destination, in
    // DestinationRow::ports form: ascending, at most 20 then ";…".
    std::string ports;
    // As ProcessRow::timesZoneUnknown, of this process and destination.
    bool timesZoneUnknown = false;
};

// One stored event, as the export had it.
struct EventDetailRow
{
    std::int64_t id = 0;
    std::int64_t sourceId = 0;
    std::string sourcePath; // sources.path
    std::int64_t line = 0; // in that source
    std::optional<std::int64_t> tsNs;
    std::int64_t hostId = 0; // 0: none (the event's host, else its process's)
    std::string hostKey;
    std::string hostname;
    std::int64_t processId = 0; // 0: none
    std::string processKey;
    std::string processLabel; // processLabel() of the event's process, empty when none
    std::string source; // the source address as written, empty when none
    std::optional<std::int64_t> srcPort;
    std::optional<std::int64_t> dstPort;
    std::int64_t destinationId = 0;
    std::string destination; // the destination address as written
    std::string protocol;
    int direction = 0; // 0 unknown, 1 outbound, 2 inbound
    // Its source's times are local to a zone it does not name.
    bool timesZoneUnknown = false;
    // An aggregated row (case format 8): the connections it stands for and
    // the last one's time; 1 and none for a logged connection.
    std::int64_t weight = 1;
    std::optional<std::int64_t> lastNs;
};

// "/usr/bin/curl (pid 4242) on web-03": the path (else name, else key), the
// pid when known, and the host name (else its key) when known. Translated
// when a translator is installed (the GUI); the CLI's stays English.
[[nodiscard]] std::string processLabel(const ProcessRow &row);

struct SourceRow
{
    std::int64_t id = 0;
    std::string path;
    std::int64_t size = 0;
    std::string sha256;
    std::string format;
    std::string kind; // connections | processes | hosts
    std::string mappingJson;
    std::int64_t importedAtNs = 0;
    std::int64_t rowsRead = 0;
    std::int64_t rowsLoaded = 0;
    std::int64_t rowsRejected = 0;
    std::int64_t rowsSkipped = 0;
    std::int64_t timesUnset = 0;
    // The file's times are local to a zone it does not name (format 6 on;
    // ReadResult::timesZoneUnknown).
    bool timesZoneUnknown = false;
    // What the import noted about the file (source_notes; none before
    // case format 3), in order.
    std::vector<std::string> notes;
};

// Read-side queries over a case, returning plain structs. Review marks are
// read afresh for every query (into a MarkIndex), so a mark changes the next
// result without a re-import. Not thread-safe: one CaseQueries per connection.
class CaseQueries
{
    Q_DECLARE_TR_FUNCTIONS(ea::CaseQueries)

public:
    // A visitor returns false to stop early (not an error).
    template<typename Row> using Visitor = std::function<bool(const Row &)>;

    explicit CaseQueries(CaseDatabase &database);

    // Sorted by connections, most first, then by address (BLOB order: IPv4
    // before global IPv6).
    [[nodiscard]] RowsResult<DestinationRow> destinations(QueryOptions options = {});
    // The same rows streamed in bounded memory, however many destinations:
    // SQLite sorts (spilling to temporary files when large) and each row's
    // status comes from the marks index as it is read. RowOrder::Any skips
    // the sort, for a pass that only needs the set of rows.
    enum class RowOrder : std::uint8_t { Sorted, Any };
    [[nodiscard]] Result<void> forEachDestination(QueryOptions options,
                                                  const Visitor<DestinationRow> &visit,
                                                  RowOrder order = RowOrder::Sorted);

    // Every destination with its statistics, in table order, for a snapshot
    // of the whole table: no marks applied, no address texts (a snapshot
    // formats them from the address), the strings only valid during the
    // call. Rows the importer cannot have written are skipped.
    [[nodiscard]] Result<void> forEachDestinationFields(const Visitor<DestinationFields> &visit);
    // How many rows the destinations table has (forEachDestinationFields()
    // visits at most as many): to size arrays once.
    [[nodiscard]] Result<std::int64_t> destinationCount();

    // The busiest destinations by a count, most first, without reading every
    // row (one pass over dest_stats, no sort of it): a table's first screen
    // while the whole table loads. Only rows whose count is above that of
    // the limit-th busiest are listed, so that no tie is cut and the rows are
    // exactly the first of the full list in this order (fewer than limit,
    // perhaps none). Marks are not applied.
    enum class DestinationCount : std::uint8_t { Connections, Processes, Hosts };
    [[nodiscard]] RowsResult<DestinationRow> busiestDestinations(DestinationCount count, int limit);

    // Ordered by source, then line.
    [[nodiscard]] RowsResult<RejectedRow> rejected();
    // Streams the rows instead of collecting them (the CLI, for huge counts).
    [[nodiscard]] Result<void> forEachRejected(const Visitor<RejectedRow> &visit);

    // Distinct (expanded address, spelling, process key) in destination order
    // (as destinations()), then spelling, then process key; filtered like
    // destinations().
    [[nodiscard]] RowsResult<SeedRow> seedRows(QueryOptions options = {});
    [[nodiscard]] Result<void> forEachSeedRow(QueryOptions options, const Visitor<SeedRow> &visit);

    // In import order.
    [[nodiscard]] RowsResult<SourceRow> sources();

    // The ids of a destination's events, ascending (its dest_events list).
    [[nodiscard]] RowsResult<std::int64_t> eventIdsOf(std::int64_t destinationId);
    // The same ids in time order (timed events by (time, id), then the
    // untimed by id): what a drill-down pages through. A busy destination's
    // dest_timeline row, checked against its event list; otherwise its
    // events' times read by id and sorted. A damaged row is NotACase.
    [[nodiscard]] RowsResult<std::int64_t> eventIdsByTime(std::int64_t destinationId);
    // The same events with their times (what eventIdsByTime() lists).
    [[nodiscard]] Result<EventTimeline> timelineOf(std::int64_t destinationId);
    // The processes that contacted a destination, most connections first
    // (ties by process id, then host id): a busy destination's dest_processes
    // row, or its events read by id. A damaged row is an error (NotACase).
    [[nodiscard]] RowsResult<ProcessRow> processesOf(std::int64_t destinationId);
    // processesOf() from the destination's events, one lookup each: what a
    // destination without a dest_processes row takes (public so that tests
    // can hold the two ways to each other).
    [[nodiscard]] RowsResult<ProcessRow> processesOfEvents(std::int64_t destinationId);
    // Every process that took part in an event (a process_stats row), and
    // every host with events that no process names (a source row, hostId
    // set: network-sensor data has only these), most external destinations
    // first, then connections, then processes by id before sources by host id. Process rows
    // that only a processes export named (no event of their own) are not
    // listed: their details show on the processes with the same key. Events
    // that named no process have no row here unless their host has no
    // process; destinationsOfProcess(0) lists their destinations.
    [[nodiscard]] RowsResult<ProcessSummaryRow> processes();
    // The destinations a process contacted (processId 0: the events that
    // named no process; with hostId, only that host's), most connections
    // first, then address. An unknown id gives no rows. Scans the events once
    // (no index on events.process_id).
    [[nodiscard]] RowsResult<ProcessDestinationRow> destinationsOfProcess(std::int64_t processId,
                                                                          std::int64_t hostId = 0);
    // The events with these ids (e.g. one page of eventIdsOf()), in the order
    // of ids; unknown ids are skipped. One indexed lookup per id.
    [[nodiscard]] RowsResult<EventDetailRow> events(std::span<const std::int64_t> ids);
    // The destinations, ascending ids, with at least one event whose process
    // (path, name, key, pid or arguments, as processesOf() shows them) or
    // whose host (host name or key) contains text. Case-insensitive for ASCII
    // letters only (SQLite's lower()); empty text matches every event that
    // names a process / a host. Each scans the events once, for the GUI's
    // worker thread.
    [[nodiscard]] RowsResult<std::int64_t> destinationIdsWithProcess(std::string_view text);
    [[nodiscard]] RowsResult<std::int64_t> destinationIdsWithHost(std::string_view text);
    // The destinations, ascending ids, with at least one event whose local
    // (source) address lies in the block; an IPv4-mapped spelling (of the
    // address or of the block) is the IPv4 one. Parses each spelling once, then scans the events
    // once.
    [[nodiscard]] RowsResult<std::int64_t> destinationIdsWithSource(const Cidr &block);
    // destinations({.all = true})'s rows of these ids, marks applied, in the
    // order of ids; unknown ids are skipped.
    [[nodiscard]] RowsResult<DestinationRow> destinationsByIds(std::span<const std::int64_t> ids,
                                                               bool withLists = false);

    // The id of the destination of an address (IPv4-mapped spellings are the
    // IPv4 destination), if the case has it.
    [[nodiscard]] std::optional<std::int64_t> destinationId(const IpAddress &address);

    // The connection these queries read, for the other query classes of the
    // same snapshot (ChartQueries).
    [[nodiscard]] CaseDatabase &database() noexcept { return m_database; }
    // Frees the connection's cached pages (a snapshot's read fills 16 MiB).
    void releaseCacheMemory() noexcept { m_database.db().releaseCacheMemory(); }

    // The destination's dest_events list, or its dest_timeline row, does not
    // match its events (NotACase): what the drill-down and an import that
    // merges into the row both say.
    [[nodiscard]] static Error eventListDamaged(std::int64_t destinationId);

private:
    // processesOf()'s last steps: the rows' times marked where they may be
    // of an unknown zone, their stored aliases (processes.alias_of) and
    // then, for a case imported before format 6, the spellings merged
    // (processaliases.h).
    [[nodiscard]] Error finishProcessesOf(std::int64_t destinationId,
                                          std::vector<ProcessRow> &rows);

    CaseDatabase &m_database;
};

} // namespace ea
