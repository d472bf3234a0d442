// CaseQueries' listings: the destinations (whole, streamed or by ids), seed rows,
// rejected rows and sources. drilldownqueries.cpp holds the drill-down.

#include "storage/casequeries.h"

#include "address/classifier.h"
#include "core/text.h"
#include "storage/aggregates.h"
#include "storage/knownlists.h"
#include "storage/owners.h"
#include "storage/queryrows.h"
#include "storage/sqlite.h"

#include <algorithm>
#include <limits>
#include <map>
#include <span>
#include <utility>

namespace ea {

using queryrows::byteCount;
using queryrows::collected;
using queryrows::forEachRow;
using queryrows::readAddress;
using queryrows::text;

namespace {

bool isExternalId(std::string_view id) noexcept
{
    Category category = Category::Reserved;
    return categoryFromId(id, category) && isExternal(category);
}

// The default filter of destinations and seed rows.
bool shown(const QueryOptions &options, bool external, MarkStatus status) noexcept
{
    return options.all || (external && status != MarkStatus::Internal);
}

// dest_stats' bytes out, bytes in and directions as `st`, or what a case
// older than format 5 stands for: no bytes, directions unknown (0).
const char *statsByteColumns(int version)
{
    return version >= 5 ? "st.bytes_out, st.bytes_in, ifnull(st.directions, 0)" : "NULL, NULL, 0";
}

// dest_owners' country, AS number and organisation as `o` (format 9), or
// what an older case stands for: nothing known; and the join that brings o.
const char *ownerColumns(int version)
{
    return version >= 9 ? ", ifnull(o.country, ''), ifnull(o.asn, 0), ifnull(o.org, '')"
                        : ", '', 0, ''";
}
const char *ownerJoin(int version)
{
    return version >= 9 ? " LEFT JOIN dest_owners AS o ON o.dest_id = d.id" : "";
}

// The owner of a row from three columns from `first` on; a field store()
// cannot have written (a damaged case) reads as unknown.
template<typename Text>
void readOwner(const Statement &s, int first, Text &country, std::int64_t &asn, Text &organisation)
{
    const std::string_view c = s.columnText(first);
    country = Text(Owners::isStoredCountry(c) ? c : std::string_view());
    asn = s.columnInt64(first + 1);
    if (!Owners::isStoredAsn(asn))
        asn = 0;
    const std::string_view o = s.columnText(first + 2);
    organisation = Text(Owners::isStoredOrganisation(o) ? o : std::string_view());
}

// The columns readDestinationKey() and readDestinationFields() read.
// NOT INDEXED: for the sorted listing SQLite otherwise walks destinations_addr
// (it half-matches ORDER BY ..., d.addr) and fetches each row by a random
// rowid look-up: 1.8M preads and 12 s for 894k destinations, against 1.9 s for
// a scan in rowid order (dest_stats follows it) and one sort. Look-ups by id
// still use the rowid.
// Columns 12 to 14 are format 5's bytes and directions (constants before),
// 15 to 17 format 9's owner.
std::string destinationColumns(int version)
{
    return std::string("SELECT d.id, d.addr, d.family, d.canonical, d.expanded, d.category,"
                       " ifnull(st.connections, 0), ifnull(st.processes, 0), ifnull(st.hosts, 0),"
                       " ifnull(st.ports, ''), st.first_ns, st.last_ns, ")
        + statsByteColumns(version) + ownerColumns(version)
        + " FROM destinations AS d NOT INDEXED LEFT JOIN dest_stats AS st ON st.dest_id = d.id"
        + ownerJoin(version);
}

// What filters a destination row: its address, category and mark. False when
// the row is not one the importer wrote.
bool readDestinationKey(const Statement &s, const MarkIndex &marks, DestinationRow &row)
{
    if (!readAddress(s, 1, 2, row.address))
        return false;
    row.external = isExternalId(s.columnText(5));
    const Mark *mark = marks.find(row.address);
    row.status = mark ? mark->status : MarkStatus::Unreviewed;
    if (mark) {
        row.note = mark->note;
        row.markCidr = mark->cidrText;
    }
    return true;
}

void readDestinationFields(const Statement &s, DestinationRow &row)
{
    row.id = s.columnInt64(0);
    row.family = row.address.family;
    row.canonical = text(s, 3);
    row.expanded = text(s, 4);
    row.category = text(s, 5);
    row.connections = s.columnInt64(6);
    row.processes = s.columnInt64(7);
    row.hosts = s.columnInt64(8);
    row.ports = text(s, 9);
    row.firstNs = s.columnOptionalInt64(10);
    row.lastNs = s.columnOptionalInt64(11);
    row.bytesOut = byteCount(s, 12);
    row.bytesIn = byteCount(s, 13);
    row.directions = std::uint8_t(s.columnInt64(14) & (kSawOutbound | kSawInbound));
    readOwner(s, 15, row.country, row.asn, row.organisation);
}

// The lists column of a row, from index (nothing to do without lists).
void fillLists(const KnownListIndex &lists, std::vector<KnownListIndex::Match> &matches,
               DestinationRow &row)
{
    if (lists.isEmpty()) {
        row.lists.clear();
        return;
    }
    lists.matches(row.address, matches);
    lists.describe(matches, row.lists);
}

} // namespace

CaseQueries::CaseQueries(CaseDatabase &database)
    : m_database(database)
{ }

RowsResult<DestinationRow> CaseQueries::destinations(QueryOptions options)
{
    const ea::Result<MarkIndex> index = Marks(m_database).index();
    if (!index.ok())
        return index.error;
    const MarkIndex &marks = index.value;
    const ea::Result<KnownListIndex> lists
        = options.withLists ? KnownLists(m_database).index() : ea::Result<KnownListIndex>();
    if (!lists.ok())
        return lists.error;
    std::vector<KnownListIndex::Match> matches;

    // Read in table order and sorted here: an ORDER BY over a million rows of
    // text made SQLite sort them externally through temporary files (10 s
    // against about 2 s for a million destinations).
    Statement s(m_database.db(), destinationColumns(m_database.schemaVersion()));
    std::vector<DestinationRow> rows;
    Error error = forEachRow(s, [&] {
        DestinationRow row;
        if (readDestinationKey(s, marks, row) && shown(options, row.external, row.status)) {
            readDestinationFields(s, row);
            fillLists(lists.value, matches, row);
            rows.push_back(std::move(row));
        }
        return true;
    });
    // Most connections first, then the address BLOB's byte order (addresses
    // are unique, so this is a total order).
    std::sort(rows.begin(), rows.end(), [](const DestinationRow &a, const DestinationRow &b) {
        if (a.connections != b.connections)
            return a.connections > b.connections;
        return a.address.bytes < b.address.bytes;
    });
    return collected(std::move(error), std::move(rows));
}

Result<void> CaseQueries::forEachDestination(QueryOptions options,
                                             const Visitor<DestinationRow> &visit, RowOrder order)
{
    const ea::Result<MarkIndex> index = Marks(m_database).index();
    if (!index.ok())
        return index.error;
    const MarkIndex &marks = index.value;
    const ea::Result<KnownListIndex> lists
        = options.withLists ? KnownLists(m_database).index() : ea::Result<KnownListIndex>();
    if (!lists.ok())
        return lists.error;
    std::vector<KnownListIndex::Match> matches;

    // destinations()' order, sorted by SQLite: its sorter spills to temporary
    // files instead of holding every row. Slower than sorting in memory (about
    // 1.5 times an unsorted read for a million destinations), but memory stays
    // flat for ten million.
    std::string sql = destinationColumns(m_database.schemaVersion());
    if (order == RowOrder::Sorted)
        sql += " ORDER BY ifnull(st.connections, 0) DESC, d.addr";
    Statement s(m_database.db(), sql);
    DestinationRow row;
    return forEachRow(s, [&] {
        row.note.clear();
        row.markCidr.clear();
        if (!readDestinationKey(s, marks, row) || !shown(options, row.external, row.status))
            return true;
        readDestinationFields(s, row);
        fillLists(lists.value, matches, row);
        return visit(row);
    });
}

Result<void> CaseQueries::forEachDestinationFields(const Visitor<DestinationFields> &visit)
{
    // Table order, NOT INDEXED for the same reason as destinationColumns().
    Statement s(
        m_database.db(),
        std::string("SELECT d.id, d.addr, d.family, d.category,"
                    " ifnull(st.connections, 0), ifnull(st.processes, 0), ifnull(st.hosts, 0),"
                    " ifnull(st.ports, ''), st.first_ns, st.last_ns, ")
            + statsByteColumns(m_database.schemaVersion())
            + ownerColumns(m_database.schemaVersion())
            + " FROM destinations AS d NOT INDEXED LEFT JOIN dest_stats AS st ON st.dest_id = "
              "d.id"
            + ownerJoin(m_database.schemaVersion()));
    DestinationFields row;
    return forEachRow(s, [&] {
        if (!readAddress(s, 1, 2, row.address))
            return true;
        row.id = s.columnInt64(0);
        row.category = s.columnText(3);
        row.external = isExternalId(row.category);
        row.connections = s.columnInt64(4);
        row.processes = s.columnInt64(5);
        row.hosts = s.columnInt64(6);
        row.ports = s.columnText(7);
        row.firstNs = s.columnOptionalInt64(8);
        row.lastNs = s.columnOptionalInt64(9);
        row.bytesOut = byteCount(s, 10);
        row.bytesIn = byteCount(s, 11);
        row.directions = std::uint8_t(s.columnInt64(12) & (kSawOutbound | kSawInbound));
        readOwner(s, 13, row.country, row.asn, row.organisation);
        return visit(row);
    });
}

Result<std::int64_t> CaseQueries::destinationCount()
{
    Statement s(m_database.db(), "SELECT count(*) FROM destinations");
    Result<std::int64_t> result;
    switch (s.step()) {
    case Statement::Step::Row:
        result.value = s.columnInt64(0);
        break;
    case Statement::Step::Done:
        break;
    case Statement::Step::Error:
        result.error = queryrows::readError(s);
        break;
    }
    return result;
}

RowsResult<DestinationRow> CaseQueries::busiestDestinations(DestinationCount count, int limit)
{
    // A fixed column name per count (never text from outside); the limit is
    // bound. SQLite keeps the top `limit` in a small sorter as it scans.
    const char *column = "st.connections";
    if (count == DestinationCount::Processes)
        column = "st.processes";
    else if (count == DestinationCount::Hosts)
        column = "st.hosts";
    Statement s(m_database.db(),
                std::string("SELECT d.id, d.addr, d.family, d.canonical, d.expanded, d.category,"
                            " st.connections, st.processes, st.hosts, st.ports, st.first_ns,"
                            " st.last_ns, ")
                    + statsByteColumns(m_database.schemaVersion())
                    + ownerColumns(m_database.schemaVersion())
                    + " FROM dest_stats AS st JOIN destinations AS d ON d.id = st.dest_id"
                    + ownerJoin(m_database.schemaVersion()) + " ORDER BY " + column
                    + " DESC LIMIT ?1");
    s.bindInt64(1, std::max(limit, 0));
    const MarkIndex none;
    std::vector<DestinationRow> rows;
    // As the snapshot holds them: process and host counts saturate at 2^32 - 1.
    const auto countOf = [count](const DestinationRow &row) {
        const auto saturated = [](std::int64_t n) {
            return std::min<std::int64_t>(n, std::numeric_limits<std::uint32_t>::max());
        };
        return count == DestinationCount::Processes ? saturated(row.processes)
            : count == DestinationCount::Hosts      ? saturated(row.hosts)
                                                    : row.connections;
    };
    std::int64_t last = 0;
    Error error = forEachRow(s, [&] {
        DestinationRow row;
        // Every row counts for the cut, even one the importer cannot have
        // written (which the full list skips too).
        const bool valid = readDestinationKey(s, none, row);
        readDestinationFields(s, row);
        last = countOf(row);
        if (valid)
            rows.push_back(std::move(row));
        return true;
    });
    // The last count's rows may go on past the limit (and destinations with
    // no statistics count 0): leave that count out.
    std::erase_if(
        rows, [&](const DestinationRow &row) { return countOf(row) <= last || countOf(row) <= 0; });
    // The first rows show the Lists column and answer list: as the full
    // load will.
    if (error.isNull() && !rows.empty()) {
        const ea::Result<KnownListIndex> lists = KnownLists(m_database).index();
        if (!lists.ok())
            return lists.error;
        std::vector<KnownListIndex::Match> matches;
        for (DestinationRow &row : rows)
            fillLists(lists.value, matches, row);
    }
    return collected(std::move(error), std::move(rows));
}

RowsResult<DestinationRow> CaseQueries::destinationsByIds(std::span<const std::int64_t> ids,
                                                          bool withLists)
{
    const ea::Result<MarkIndex> index = Marks(m_database).index();
    if (!index.ok())
        return index.error;
    const MarkIndex &marks = index.value;
    const ea::Result<KnownListIndex> lists
        = withLists ? KnownLists(m_database).index() : ea::Result<KnownListIndex>();
    if (!lists.ok())
        return lists.error;
    std::vector<KnownListIndex::Match> matches;
    RowsResult<DestinationRow> result;
    // One primary-key lookup per id keeps the order of ids and costs a few
    // microseconds each: a page of a drill-down, not a million rows.
    Statement s(m_database.db(),
                destinationColumns(m_database.schemaVersion()) + " WHERE d.id = ?1");
    for (const std::int64_t id : ids) {
        s.bindInt64(1, id);
        const Statement::Step step = s.step();
        if (step == Statement::Step::Error) {
            return queryrows::readError(s);
        }
        DestinationRow row;
        if (step == Statement::Step::Row && readDestinationKey(s, marks, row)) {
            readDestinationFields(s, row);
            fillLists(lists.value, matches, row);
            result.value.push_back(std::move(row));
        }
        s.reset();
    }
    return result;
}

Result<void> CaseQueries::forEachRejected(const Visitor<RejectedRow> &visit)
{
    // The index rejected_source_line gives this order without sorting rows
    // that carry up to 4 KiB of raw text each.
    Statement s(m_database.db(),
                "SELECT r.source_id, ifnull(src.path, ''), r.line, r.reason, r.raw"
                " FROM rejected AS r LEFT JOIN sources AS src ON src.id = r.source_id"
                " ORDER BY r.source_id, r.line, r.id");
    RejectedRow row;
    return forEachRow(s, [&] {
        row.sourceId = s.columnInt64(0);
        row.sourcePath.assign(s.columnText(1));
        row.line = s.columnInt64(2);
        row.reason.assign(s.columnText(3));
        const std::span<const std::uint8_t> raw = s.columnBlob(4);
        row.raw.assign(raw.begin(), raw.end());
        return visit(row);
    });
}

RowsResult<RejectedRow> CaseQueries::rejected()
{
    std::vector<RejectedRow> rows;
    Result<void> listed = forEachRejected([&rows](const RejectedRow &row) {
        rows.push_back(row);
        return true;
    });
    return collected(std::move(listed.error), std::move(rows));
}

Result<void> CaseQueries::forEachSeedRow(QueryOptions options, const Visitor<SeedRow> &visit)
{
    const ea::Result<MarkIndex> index = Marks(m_database).index();
    if (!index.ok())
        return index.error;
    const MarkIndex &marks = index.value;

    // Distinct over ids and the process key text: two processes with the same
    // key on different hosts give one seed row, as in the old query's output.
    Statement s(m_database.db(),
                "SELECT k.dest_id, d.addr, d.family, d.category, d.expanded, sp.text, k.pkey"
                " FROM (SELECT DISTINCT e.dest_id AS dest_id, e.spelling_id AS spelling_id,"
                "       ifnull(p.key, '') AS pkey"
                "       FROM events AS e LEFT JOIN processes AS p ON p.id = e.process_id) AS k"
                " JOIN destinations AS d ON d.id = k.dest_id"
                " JOIN spellings AS sp ON sp.id = k.spelling_id"
                " LEFT JOIN dest_stats AS st ON st.dest_id = k.dest_id"
                " ORDER BY ifnull(st.connections, 0) DESC, d.addr, sp.text, k.pkey");
    SeedRow row;
    std::int64_t lastDestination = -1;
    bool lastShown = false;
    return forEachRow(s, [&] {
        const std::int64_t destination = s.columnInt64(0);
        // Rows come grouped by destination: decide once per destination.
        if (destination != lastDestination) {
            lastDestination = destination;
            IpAddress address;
            lastShown = readAddress(s, 1, 2, address)
                && shown(options, isExternalId(s.columnText(3)), marks.statusFor(address));
        }
        if (!lastShown)
            return true;
        row.destinationId = destination;
        row.expandedAddress.assign(s.columnText(4));
        row.dstAddr.assign(s.columnText(5));
        row.processKey.assign(s.columnText(6));
        return visit(row);
    });
}

RowsResult<SeedRow> CaseQueries::seedRows(QueryOptions options)
{
    std::vector<SeedRow> rows;
    Result<void> listed = forEachSeedRow(options, [&rows](const SeedRow &row) {
        rows.push_back(row);
        return true;
    });
    return collected(std::move(listed.error), std::move(rows));
}

RowsResult<SourceRow> CaseQueries::sources()
{
    Statement s(m_database.db(),
                std::string("SELECT id, path, size, sha256, format, kind, mapping_json, "
                            "imported_at, rows_read, rows_loaded, rows_rejected, rows_skipped, "
                            "times_unset, ")
                    + (m_database.schemaVersion() >= 6 ? "times_zone_unknown" : "0")
                    + " FROM sources ORDER BY id");
    std::vector<SourceRow> rows;
    Error error = forEachRow(s, [&] {
        SourceRow row;
        row.id = s.columnInt64(0);
        row.path = text(s, 1);
        row.size = s.columnInt64(2);
        row.sha256 = text(s, 3);
        row.format = text(s, 4);
        row.kind = text(s, 5);
        row.mappingJson = text(s, 6);
        row.importedAtNs = s.columnInt64(7);
        row.rowsRead = s.columnInt64(8);
        row.rowsLoaded = s.columnInt64(9);
        row.rowsRejected = s.columnInt64(10);
        row.rowsSkipped = s.columnInt64(11);
        row.timesUnset = s.columnInt64(12);
        row.timesZoneUnknown = s.columnInt64(13) != 0;
        rows.push_back(std::move(row));
        return true;
    });
    if (error.isNull() && m_database.schemaVersion() >= 3) {
        Statement notes(m_database.db(),
                        "SELECT source_id, text FROM source_notes ORDER BY source_id, seq");
        std::size_t k = 0; // both in id order: one merge
        error = forEachRow(notes, [&] {
            const std::int64_t source = notes.columnInt64(0);
            while (k < rows.size() && rows[k].id < source)
                ++k;
            if (k < rows.size() && rows[k].id == source)
                rows[k].notes.push_back(text(notes, 1));
            return true;
        });
    }
    return collected(std::move(error), std::move(rows));
}

std::string processLabel(const ProcessRow &row)
{
    const std::string &what = !row.path.empty() ? row.path : !row.name.empty() ? row.name : row.key;
    QString label = what.empty() ? QCoreApplication::translate("ea::CaseQueries", "(no process)")
                                 : toQString(what);
    if (!row.pid.empty() && row.pid != what) {
        label = QCoreApplication::translate("ea::CaseQueries", "%1 (pid %2)")
                    .arg(label, toQString(row.pid));
    }
    const std::string &host = !row.hostname.empty() ? row.hostname : row.hostKey;
    if (!host.empty())
        label = QCoreApplication::translate("ea::CaseQueries", "%1 on %2")
                    .arg(label, toQString(host));
    return label.toStdString();
}

std::optional<std::int64_t> CaseQueries::destinationId(const IpAddress &address)
{
    IpAddress key = address;
    if (key.family == Family::IPv6 && key.isV4Mapped())
        key.family = Family::IPv4;
    Statement s(m_database.db(), "SELECT id FROM destinations WHERE addr = ?");
    s.bindBlob(1, {key.bytes.data(), key.bytes.size()});
    if (s.step() == Statement::Step::Row)
        return s.columnInt64(0);
    return std::nullopt;
}

} // namespace ea
