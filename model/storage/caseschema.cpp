#include "storage/caseschema.h"

#include "core/direction.h"
#include "storage/aggregates.h"
#include "storage/busydestinations.h"
#include "storage/eventchunk.h"
#include "storage/sqlite.h"

#include <algorithm>
#include <array>
#include <limits>
#include <map>
#include <string_view>
#include <utility>
#include <vector>

namespace ea {

namespace {

// Schema version 1 as model/storage/schema.md documents it, plus the index
// rejected_source_line, which lets CaseQueries list rejected rows by source and
// line without sorting their raw text.
constexpr const char *kSchemaV1 = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE sources(
  id INTEGER PRIMARY KEY, path TEXT NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL,
  format TEXT NOT NULL, kind TEXT NOT NULL,
  mapping_json TEXT NOT NULL, imported_at INTEGER NOT NULL,
  rows_read INTEGER NOT NULL, rows_loaded INTEGER NOT NULL, rows_rejected INTEGER NOT NULL,
  rows_skipped INTEGER NOT NULL, times_unset INTEGER NOT NULL);
CREATE INDEX sources_sha256 ON sources(sha256);
CREATE TABLE hosts(id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, hostname TEXT);
CREATE TABLE processes(
  id INTEGER PRIMARY KEY, host_id INTEGER REFERENCES hosts(id), key TEXT NOT NULL,
  pid TEXT, path TEXT, name TEXT, args TEXT, user TEXT, container TEXT);
CREATE UNIQUE INDEX processes_key ON processes(ifnull(host_id, 0), key);
CREATE TABLE destinations(
  id INTEGER PRIMARY KEY, addr BLOB NOT NULL, family INTEGER NOT NULL,
  canonical TEXT NOT NULL, expanded TEXT NOT NULL, category TEXT NOT NULL, block TEXT NOT NULL);
CREATE UNIQUE INDEX destinations_addr ON destinations(addr);
CREATE TABLE spellings(id INTEGER PRIMARY KEY, text TEXT NOT NULL);
CREATE TABLE events(
  id INTEGER PRIMARY KEY, source_id INTEGER NOT NULL, line INTEGER NOT NULL, ts_ns INTEGER,
  host_id INTEGER, process_id INTEGER, dest_id INTEGER NOT NULL, dst_port INTEGER,
  protocol TEXT, direction INTEGER NOT NULL,
  src_spelling_id INTEGER, src_port INTEGER, spelling_id INTEGER NOT NULL);
CREATE TABLE dest_events(dest_id INTEGER PRIMARY KEY, events INTEGER NOT NULL,
  last_id INTEGER NOT NULL, ids BLOB NOT NULL);
CREATE TABLE dest_stats(dest_id INTEGER PRIMARY KEY, connections INTEGER NOT NULL,
  processes INTEGER NOT NULL, hosts INTEGER NOT NULL, first_ns INTEGER, last_ns INTEGER,
  ports TEXT NOT NULL);
CREATE TABLE process_stats(process_id INTEGER PRIMARY KEY, connections INTEGER NOT NULL,
  destinations INTEGER NOT NULL, external_destinations INTEGER NOT NULL,
  first_ns INTEGER, last_ns INTEGER);
CREATE TABLE host_stats(host_id INTEGER PRIMARY KEY, connections INTEGER NOT NULL,
  destinations INTEGER NOT NULL, external_destinations INTEGER NOT NULL,
  first_ns INTEGER, last_ns INTEGER);
CREATE TABLE rejected(id INTEGER PRIMARY KEY, source_id INTEGER NOT NULL, line INTEGER NOT NULL,
  reason TEXT NOT NULL, raw BLOB NOT NULL);
CREATE INDEX rejected_source_line ON rejected(source_id, line);
CREATE TABLE marks(id INTEGER PRIMARY KEY, first BLOB NOT NULL, last BLOB NOT NULL,
  prefix INTEGER NOT NULL, family INTEGER NOT NULL, cidr TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL, note TEXT NOT NULL DEFAULT '', created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL);
)sql";

bool createSchemaV1(SqliteDb &db, std::string & /*why*/)
{
    return db.exec(kSchemaV1);
}

// Version 2: the processes and the time order of the events of each busy
// destination (see BusyDestinations), so that its drill-down costs what it
// shows, not the number of its events.
// A version 1 case gets their rows from the step to version 6, which rebuilds
// them with bytes.
constexpr const char *kSchemaV2 = R"sql(
CREATE TABLE dest_processes(dest_id INTEGER PRIMARY KEY, connections INTEGER NOT NULL,
  entries BLOB NOT NULL);
CREATE TABLE dest_timeline(dest_id INTEGER PRIMARY KEY, events INTEGER NOT NULL,
  entries BLOB NOT NULL);
)sql";

bool addDestProcesses(SqliteDb &db, std::string & /*why*/)
{
    return db.exec(kSchemaV2);
}

// Version 3: each source's import notes (times read as UTC from a log that
// names no zone, times that look relative, …), so that a reopened case still
// explains what the import said. Older cases simply have none.
constexpr const char *kSchemaV3 = R"sql(
CREATE TABLE source_notes(source_id INTEGER NOT NULL, seq INTEGER NOT NULL, text TEXT NOT NULL,
  PRIMARY KEY(source_id, seq)) WITHOUT ROWID;
)sql";

bool addSourceNotes(SqliteDb &db, std::string & /*why*/)
{
    return db.exec(kSchemaV3);
}

// Version 4: the events as chunks of up to 1024 consecutive events of one
// source, column by column (eventchunk.h), read through the `events` virtual
// table (eventstable.h). A format 1-3 case's events are copied into chunks in
// id order and its events table dropped.
constexpr const char *kSchemaV4 = R"sql(
CREATE TABLE event_chunks(first_id INTEGER PRIMARY KEY, source_id INTEGER NOT NULL,
  count INTEGER NOT NULL, data BLOB NOT NULL);
)sql";

bool chunkEvents(SqliteDb &db, std::string & /*why*/)
{
    if (!db.exec(kSchemaV4))
        return false;
    {
        Statement rows(db,
                       "SELECT id, source_id, line, ts_ns, host_id, process_id, dest_id, "
                       "dst_port, protocol, direction, src_spelling_id, src_port, spelling_id "
                       "FROM main.events ORDER BY id");
        EventChunkWriter writer(db);
        if (!rows.isValid() || !writer.isValid())
            return false;
        constexpr EventField kFields[] = {
            EventField::Line,     EventField::Time,      EventField::Host,
            EventField::Process,  EventField::Dest,      EventField::Port,
            EventField::Protocol, EventField::Direction, EventField::SrcSpelling,
            EventField::SrcPort,  EventField::Spelling,
        };
        Statement::Step step;
        while ((step = rows.step()) == Statement::Step::Row) {
            EventValues event;
            for (std::size_t k = 0; k < std::size(kFields); ++k) {
                if (kFields[k] != EventField::Protocol && !rows.columnIsNull(int(k) + 2))
                    event.set(kFields[k], rows.columnInt64(int(k) + 2));
            }
            if (!writer.add(rows.columnInt64(0), rows.columnInt64(1), event, rows.columnText(8)))
                return false;
        }
        if (step == Statement::Step::Error || !writer.flush())
            return false;
    }
    return db.exec("DROP TABLE main.events;");
}

// Version 5: bytes out and in per destination, process and host (NULL where
// no event named them: every event of an older case), and the ways each
// destination's connections went (DirectionBits), read from the events of
// an older case in one pass.
constexpr const char *kSchemaV5 = R"sql(
ALTER TABLE dest_stats ADD COLUMN bytes_out INTEGER;
ALTER TABLE dest_stats ADD COLUMN bytes_in INTEGER;
ALTER TABLE dest_stats ADD COLUMN directions INTEGER NOT NULL DEFAULT 0;
ALTER TABLE process_stats ADD COLUMN bytes_out INTEGER;
ALTER TABLE process_stats ADD COLUMN bytes_in INTEGER;
ALTER TABLE host_stats ADD COLUMN bytes_out INTEGER;
ALTER TABLE host_stats ADD COLUMN bytes_in INTEGER;
)sql";

bool addBytesAndDirections(SqliteDb &db, std::string & /*why*/)
{
    if (!db.exec(kSchemaV5))
        return false;
    // One pass: the bits by destination id (ids are 1 … count, as imports
    // give them out; an event naming another is skipped, as the listing
    // skips rows the importer cannot have written), then one update per
    // destination.
    std::vector<std::uint8_t> bits;
    {
        Statement count(db, "SELECT count(*) FROM destinations");
        if (count.step() != Statement::Step::Row)
            return false;
        bits.resize(std::size_t(std::clamp<std::int64_t>(count.columnInt64(0), 0,
                                                         std::numeric_limits<std::int32_t>::max()))
                    + 1);
        Statement rows(db, "SELECT dest_id, direction FROM events");
        Statement::Step step;
        while ((step = rows.step()) == Statement::Step::Row) {
            const std::int64_t dest = rows.columnInt64(0);
            if (dest < 1 || std::uint64_t(dest) >= bits.size())
                continue;
            bits[std::size_t(dest)] |= rows.columnInt64(1) == std::int64_t(Direction::Inbound)
                ? kSawInbound
                : kSawOutbound;
        }
        if (step == Statement::Step::Error)
            return false;
    }
    Statement update(db, "UPDATE dest_stats SET directions = ?2 WHERE dest_id = ?1");
    for (std::size_t dest = 1; dest < bits.size(); ++dest) {
        if (bits[dest] == 0)
            continue;
        update.bindInt64(1, std::int64_t(dest));
        update.bindInt64(2, bits[dest]);
        if (!update.run())
            return false;
    }
    return true;
}

// Version 6:
//  - sources.times_zone_unknown: 1 for a file whose times are local to a zone
//    it does not name (the W3C firewall log's "Time Format: Local"), so that
//    the views mark the times it gave. An older case's W3C sources get it from
//    the note its import kept.
//  - processes.alias_of: a second spelling of a process (an NT device path
//    where Sysmon names the drive path, ImportCollector) names the row its
//    events were counted under; the row itself has no events.
//  - dest_processes entries carry bytes out and in per (process, host): the
//    busy destinations' rows are rebuilt from the events in one pass.
constexpr const char *kSchemaV6 = R"sql(
ALTER TABLE sources ADD COLUMN times_zone_unknown INTEGER NOT NULL DEFAULT 0;
ALTER TABLE processes ADD COLUMN alias_of INTEGER;
UPDATE sources SET times_zone_unknown = 1 WHERE format = 'w3c-firewall'
  AND id IN (SELECT source_id FROM source_notes WHERE text LIKE '%name no time zone%');
DELETE FROM dest_processes;
DELETE FROM dest_timeline;
)sql";

bool addZonesAliasesAndPairBytes(SqliteDb &db, std::string &why)
{
    if (!db.exec(kSchemaV6))
        return false;
    if (Error error = BusyDestinations::update(db, 0)) {
        why = error.message().toStdString();
        return false;
    }
    return true;
}

// Version 7: known lists (KnownLists): named sets of blocks with a label
// each, imported from a provider's range file or the analyst's own list, and
// matched against the destinations when they are shown. Older cases simply
// have none.
constexpr const char *kSchemaV7 = R"sql(
CREATE TABLE lists(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, source TEXT NOT NULL,
  format TEXT NOT NULL, version TEXT NOT NULL, imported_at INTEGER NOT NULL,
  entries INTEGER NOT NULL);
CREATE TABLE list_entries(list_id INTEGER NOT NULL, network BLOB NOT NULL,
  prefix INTEGER NOT NULL, family INTEGER NOT NULL, label TEXT NOT NULL);
CREATE INDEX list_entries_list ON list_entries(list_id);
)sql";

bool addKnownLists(SqliteDb &db, std::string & /*why*/)
{
    return db.exec(kSchemaV7);
}

// Version 8: aggregated rows (the data-lake query's result, imported): an
// event may stand for several connections (EventField::Weight) from its time
// to a last one (EventField::LastTime). Both live inside the event chunks,
// where an older chunk simply has neither, so no table changes; the version
// keeps a case with weighted events from being read by a release that would
// count each of them once.
bool allowWeightedEvents(SqliteDb & /*db*/, std::string & /*why*/)
{
    return true;
}

// Version 9: the owners of destinations (Owners): each destination's
// country, AS number and AS organisation, looked up once per database
// version in the MaxMind-format databases the analyst names, with those
// databases' names and build times, so that the case shows them where the
// databases are not at hand. Older cases simply have none.
constexpr const char *kSchemaV9 = R"sql(
CREATE TABLE owner_sources(rank INTEGER PRIMARY KEY, name TEXT NOT NULL,
  build_epoch INTEGER NOT NULL, path TEXT NOT NULL, looked_up_at INTEGER NOT NULL,
  through_id INTEGER NOT NULL);
CREATE TABLE dest_owners(dest_id INTEGER PRIMARY KEY, country TEXT NOT NULL,
  asn INTEGER NOT NULL, org TEXT NOT NULL, country_source INTEGER, asn_source INTEGER);
)sql";

bool addOwners(SqliteDb &db, std::string & /*why*/)
{
    return db.exec(kSchemaV9);
}

// Forward migrations: step N takes a case from version N - 1 to N. Version 0
// is an empty file, so creating a case is running every step. Adding a
// version is one function and one line here (and kLatestVersion).
struct Migration
{
    int toVersion;
    // False on failure, with `why` set where SQLite's last error does not
    // say it.
    bool (*apply)(SqliteDb &db, std::string &why);
};
constexpr std::array kMigrations = {
    Migration {1, &createSchemaV1},
    Migration {2, &addDestProcesses},
    Migration {3, &addSourceNotes},
    Migration {4, &chunkEvents},
    Migration {5, &addBytesAndDirections},
    Migration {6, &addZonesAliasesAndPairBytes},
    Migration {7, &addKnownLists},
    Migration {8, &allowWeightedEvents},
    Migration {9, &addOwners},
};
static_assert(kMigrations.back().toVersion == CaseSchema::kLatestVersion);

struct Object
{
    std::string table;
    std::string sql;
};
using Objects = std::map<std::pair<std::string, std::string>, Object>; // (type, name)

// The CREATE statement as SQLite keeps it, with runs of white space outside
// quotes made one space and none beside ( ) , so that a case written by a
// build that laid out the same SQL differently still matches.
std::string normalised(std::string_view sql)
{
    std::string out;
    out.reserve(sql.size());
    char quote = 0;
    bool space = false;
    auto isPunct = [](char c) {
        return c == '(' || c == ')' || c == ',';
    };
    for (const char c : sql) {
        if (quote) {
            out += c;
            if (c == quote)
                quote = 0;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            space = true;
            continue;
        }
        if (space && !out.empty() && !isPunct(out.back()) && !isPunct(c))
            out += ' ';
        space = false;
        if (c == '\'' || c == '"' || c == '`')
            quote = c;
        else if (c == '[')
            quote = ']';
        out += c;
    }
    return out;
}

bool readSchema(SqliteDb &db, Objects &objects, int &code, std::string &error)
{
    Statement s(db, "SELECT type, name, tbl_name, ifnull(sql, '') FROM main.sqlite_schema");
    Statement::Step step = Statement::Step::Error;
    while (s.isValid() && (step = s.step()) == Statement::Step::Row) {
        objects[{std::string(s.columnText(0)), std::string(s.columnText(1))}]
            = {std::string(s.columnText(2)), normalised(s.columnText(3))};
    }
    if (step == Statement::Step::Error) {
        code = s.errorCode();
        error = s.errorMessage();
        return false;
    }
    return true;
}

bool isStatisticsTable(const std::string &type, const std::string &name)
{
    return type == "table" && (name == "sqlite_stat1" || name == "sqlite_stat4");
}

} // namespace

bool CaseSchema::migrate(SqliteDb &db, int from, int to, std::string *why)
{
    std::string reason;
    for (const Migration &migration : kMigrations) {
        if (migration.toVersion > from && migration.toVersion <= to
            && !migration.apply(db, reason)) {
            if (why)
                *why = reason.empty() ? db.lastError() : reason;
            return false;
        }
    }
    return true;
}

bool CaseSchema::compare(SqliteDb &db, int version, Difference &difference, int &sqliteCode,
                         std::string &error)
{
    difference = {};
    Objects expected;
    {
        // The reference is built, not written down twice: what the
        // migrations make in an empty database is the schema of `version`.
        SqliteDb reference;
        if (!reference.open(":memory:", SqliteDb::Access::ReadWriteCreate)
            || !migrate(reference, 0, version)
            || !readSchema(reference, expected, sqliteCode, error)) {
            if (error.empty())
                error = reference.lastError();
            return false;
        }
    }
    Objects actual;
    if (!readSchema(db, actual, sqliteCode, error))
        return false;

    for (const auto &[key, object] : actual) {
        const auto found = expected.find(key);
        if (found == expected.end()) {
            if (isStatisticsTable(key.first, key.second))
                continue;
            difference = {Difference::Kind::Unexpected, key.first, key.second};
            return true;
        }
        if (found->second.table != object.table || found->second.sql != object.sql) {
            difference = {Difference::Kind::Altered, key.first, key.second};
            return true;
        }
    }
    for (const auto &[key, object] : expected) {
        if (!actual.contains(key)) {
            difference = {Difference::Kind::Missing, key.first, key.second};
            return true;
        }
    }
    return true;
}

} // namespace ea
