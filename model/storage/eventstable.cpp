#include "storage/eventstable.h"

#include "storage/eventchunk.h"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace ea {

namespace {

enum Column : int {
    kId,
    kSourceId,
    kFirstField, // EventField 0 (line) and the others in order
};
constexpr int kProtocolColumn = kFirstField + int(EventField::Protocol);
constexpr int kLastTimeColumn = kFirstField + int(EventField::LastTime);
constexpr int kColumnCount = kFirstField + int(kEventFieldCount);

constexpr const char *kDeclaration
    = "CREATE TABLE x(id INTEGER, source_id INTEGER, line INTEGER, ts_ns INTEGER, "
      "host_id INTEGER, process_id INTEGER, dest_id INTEGER, dst_port INTEGER, protocol TEXT, "
      "direction INTEGER, src_spelling_id INTEGER, src_port INTEGER, spelling_id INTEGER, "
      "bytes_out INTEGER, bytes_in INTEGER, weight INTEGER, last_ts_ns INTEGER)";
static_assert(kColumnCount == 17);

// The chunk that holds an id, or the first after it.
constexpr const char *kSeekSql
    = "SELECT first_id, source_id, count, data FROM main.event_chunks WHERE first_id <= ?1 "
      "ORDER BY first_id DESC LIMIT 1";
constexpr const char *kScanSql
    = "SELECT first_id, source_id, count, data FROM main.event_chunks WHERE first_id >= ?1 "
      "ORDER BY first_id";

enum IndexPlan : int { kFullScan = 0, kIdEquals = 1, kIdAtLeast = 2, kIdAbove = 3 };

struct Chunk
{
    std::int64_t firstId = 0;
    std::int64_t sourceId = 0;
    std::string bytes;
    EventChunkView view;
};

struct Table : sqlite3_vtab
{
    sqlite3 *db = nullptr;
    // Prepared statements no cursor uses: a lookup of one event opens a
    // cursor, and preparing its statements each time would cost more than
    // the lookup.
    std::vector<sqlite3_stmt *> freeSeeks;
    std::vector<sqlite3_stmt *> freeScans;
    // The chunks decoded last, newest first.
    std::array<std::shared_ptr<Chunk>, 4> recent;

    ~Table()
    {
        for (sqlite3_stmt *s : freeSeeks)
            sqlite3_finalize(s);
        for (sqlite3_stmt *s : freeScans)
            sqlite3_finalize(s);
    }
};

struct Cursor : sqlite3_vtab_cursor
{
    sqlite3_stmt *seek = nullptr;
    sqlite3_stmt *scan = nullptr; // null for a lookup by id
    std::shared_ptr<Chunk> chunk;
    std::size_t at = 0;
    std::int64_t nextFirstId = 0; // chunks after the current one start here or later
    bool eof = true;
    bool single = false; // a lookup by id: one row at most

    Table &table() const { return *static_cast<Table *>(pVtab); }
};

sqlite3_stmt *takeStatement(Table &t, std::vector<sqlite3_stmt *> &pool, const char *sql)
{
    if (!pool.empty()) {
        sqlite3_stmt *s = pool.back();
        pool.pop_back();
        return s;
    }
    sqlite3_stmt *s = nullptr;
    if (sqlite3_prepare_v3(t.db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr) != SQLITE_OK) {
        sqlite3_free(t.zErrMsg);
        t.zErrMsg = sqlite3_mprintf("%s", sqlite3_errmsg(t.db));
        sqlite3_finalize(s);
        return nullptr;
    }
    return s;
}

void giveBack(std::vector<sqlite3_stmt *> &pool, sqlite3_stmt *&s)
{
    if (!s)
        return;
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    pool.push_back(s);
    s = nullptr;
}

int damaged(Table &t, std::int64_t firstId)
{
    sqlite3_free(t.zErrMsg);
    t.zErrMsg = sqlite3_mprintf("event chunk %lld is damaged", static_cast<long long>(firstId));
    return SQLITE_CORRUPT_VTAB;
}

// Makes the row `s` is on the cursor's chunk, reusing a decoded copy when the
// case holds the same bytes.
int load(Cursor &c, sqlite3_stmt *s)
{
    Table &t = c.table();
    const std::int64_t firstId = sqlite3_column_int64(s, 0);
    const std::int64_t count = sqlite3_column_int64(s, 2);
    const auto *data = static_cast<const std::uint8_t *>(sqlite3_column_blob(s, 3));
    const auto size = std::size_t(sqlite3_column_bytes(s, 3));
    c.at = 0;
    for (std::size_t k = 0; k < t.recent.size(); ++k) {
        const std::shared_ptr<Chunk> &r = t.recent[k];
        if (r && r->firstId == firstId && r->view.count() == std::size_t(count)
            && r->sourceId == sqlite3_column_int64(s, 1) && r->bytes.size() == size
            && std::memcmp(r->bytes.data(), data, size) == 0) {
            c.chunk = r;
            std::rotate(t.recent.begin(), t.recent.begin() + std::ptrdiff_t(k),
                        t.recent.begin() + std::ptrdiff_t(k) + 1);
            return SQLITE_OK;
        }
    }
    auto chunk = std::make_shared<Chunk>();
    chunk->firstId = firstId;
    chunk->sourceId = sqlite3_column_int64(s, 1);
    chunk->bytes.assign(reinterpret_cast<const char *>(data), size);
    if (!chunk->view.parse({reinterpret_cast<const std::uint8_t *>(chunk->bytes.data()), size},
                           count)
        || firstId < 1 || firstId > std::numeric_limits<std::int64_t>::max() - count)
        return damaged(t, firstId);
    std::rotate(t.recent.begin(), t.recent.end() - 1, t.recent.end());
    t.recent[0] = chunk;
    c.chunk = std::move(chunk);
    return SQLITE_OK;
}

// Steps the scan to the next chunk; eof when there is none.
int nextChunk(Cursor &c)
{
    const int rc = sqlite3_step(c.scan);
    if (rc == SQLITE_DONE) {
        c.eof = true;
        c.chunk.reset();
        return SQLITE_OK;
    }
    if (rc != SQLITE_ROW)
        return rc;
    const std::int64_t firstId = sqlite3_column_int64(c.scan, 0);
    if (firstId < c.nextFirstId) // overlaps the chunk before
        return damaged(c.table(), firstId);
    if (const int loaded = load(c, c.scan); loaded != SQLITE_OK)
        return loaded;
    c.nextFirstId = firstId + std::int64_t(c.chunk->view.count());
    return SQLITE_OK;
}

int xConnect(sqlite3 *db, void *, int, const char *const *, sqlite3_vtab **out, char **)
{
    const int rc = sqlite3_declare_vtab(db, kDeclaration);
    if (rc != SQLITE_OK)
        return rc;
    auto *t = new Table;
    t->db = db;
    *out = t;
    return SQLITE_OK;
}

int xDisconnect(sqlite3_vtab *vtab)
{
    delete static_cast<Table *>(vtab);
    return SQLITE_OK;
}

int xBestIndex(sqlite3_vtab *, sqlite3_index_info *info)
{
    int equals = -1;
    int lower = -1;
    int plan = kFullScan;
    for (int k = 0; k < info->nConstraint; ++k) {
        const auto &c = info->aConstraint[k];
        if (!c.usable || (c.iColumn != kId && c.iColumn != -1))
            continue;
        if (c.op == SQLITE_INDEX_CONSTRAINT_EQ)
            equals = k;
        else if (lower < 0 && c.op == SQLITE_INDEX_CONSTRAINT_GE)
            lower = k, plan = kIdAtLeast;
        else if (lower < 0 && c.op == SQLITE_INDEX_CONSTRAINT_GT)
            lower = k, plan = kIdAbove;
    }
    // Costs in events read: a lookup reads one chunk, a scan all of them.
    if (equals >= 0) {
        info->idxNum = kIdEquals;
        info->aConstraintUsage[equals].argvIndex = 1;
        info->aConstraintUsage[equals].omit = 1;
        info->estimatedCost = 10;
        info->estimatedRows = 1;
        info->idxFlags = SQLITE_INDEX_SCAN_UNIQUE;
    } else if (lower >= 0) {
        info->idxNum = plan;
        info->aConstraintUsage[lower].argvIndex = 1;
        info->estimatedCost = 5e6;
        info->estimatedRows = 500000;
    } else {
        info->idxNum = kFullScan;
        info->estimatedCost = 1e7;
        info->estimatedRows = 1000000;
    }
    if (info->nOrderBy == 1 && (info->aOrderBy[0].iColumn == kId || info->aOrderBy[0].iColumn == -1)
        && !info->aOrderBy[0].desc)
        info->orderByConsumed = 1;
    return SQLITE_OK;
}

int xOpen(sqlite3_vtab *, sqlite3_vtab_cursor **out)
{
    *out = new Cursor;
    return SQLITE_OK;
}

int xClose(sqlite3_vtab_cursor *cursor)
{
    auto *c = static_cast<Cursor *>(cursor);
    giveBack(c->table().freeSeeks, c->seek);
    giveBack(c->table().freeScans, c->scan);
    delete c;
    return SQLITE_OK;
}

// An id from a constraint's value; false when no event can have it.
bool idOf(sqlite3_value *v, bool above, std::int64_t &id)
{
    switch (sqlite3_value_numeric_type(v)) {
    case SQLITE_INTEGER:
        id = sqlite3_value_int64(v);
        if (above) {
            if (id == std::numeric_limits<std::int64_t>::max())
                return false;
            ++id;
        }
        return true;
    case SQLITE_FLOAT: {
        // Rounded up: id >= 2.5 starts at 3 (the scan is checked again by
        // SQLite, which owns the constraint).
        const double d = sqlite3_value_double(v);
        if (!(d < 9.2e18))
            return false;
        id = d < -9.2e18 ? std::numeric_limits<std::int64_t>::min() : std::int64_t(d);
        if (double(id) < d || (above && double(id) == d))
            ++id;
        return true;
    }
    default:
        return false; // NULL or text: no id equals or follows it
    }
}

int xFilter(sqlite3_vtab_cursor *cursor, int plan, const char *, int argc, sqlite3_value **argv)
{
    auto *c = static_cast<Cursor *>(cursor);
    Table &t = c->table();
    c->eof = true;
    c->single = plan == kIdEquals;
    c->chunk.reset();
    giveBack(t.freeScans, c->scan);
    std::int64_t from = std::numeric_limits<std::int64_t>::min();
    if (plan != kFullScan) {
        if (argc < 1 || !idOf(argv[0], plan == kIdAbove, from))
            return SQLITE_OK;
        if (plan == kIdEquals && sqlite3_value_numeric_type(argv[0]) == SQLITE_FLOAT
            && sqlite3_value_double(argv[0]) != double(from))
            return SQLITE_OK; // id = 2.5
    }
    std::int64_t scanFrom = from;
    if (plan != kFullScan) {
        // The chunk that holds `from`, if any.
        if (!c->seek && !(c->seek = takeStatement(t, t.freeSeeks, kSeekSql)))
            return SQLITE_ERROR;
        sqlite3_reset(c->seek);
        sqlite3_bind_int64(c->seek, 1, from);
        const int rc = sqlite3_step(c->seek);
        if (rc == SQLITE_ROW) {
            const std::int64_t firstId = sqlite3_column_int64(c->seek, 0);
            const std::int64_t count = sqlite3_column_int64(c->seek, 2);
            if (firstId < 1) // ids start at 1: `from - firstId` could overflow
                return damaged(t, firstId);
            if (count > 0 && from - firstId < count) {
                if (const int loaded = load(*c, c->seek); loaded != SQLITE_OK)
                    return loaded;
                c->at = std::size_t(from - firstId);
                c->eof = false;
                scanFrom = firstId + count;
            }
        } else if (rc != SQLITE_DONE) {
            return rc;
        }
        sqlite3_reset(c->seek);
        if (plan == kIdEquals)
            return SQLITE_OK;
    }
    if (!(c->scan = takeStatement(t, t.freeScans, kScanSql)))
        return SQLITE_ERROR;
    sqlite3_bind_int64(c->scan, 1, scanFrom);
    c->nextFirstId = scanFrom;
    if (!c->eof)
        return SQLITE_OK;
    c->eof = false;
    return nextChunk(*c);
}

int xNext(sqlite3_vtab_cursor *cursor)
{
    auto *c = static_cast<Cursor *>(cursor);
    if (!c->single && ++c->at < c->chunk->view.count())
        return SQLITE_OK;
    if (!c->scan) {
        c->eof = true;
        return SQLITE_OK;
    }
    return nextChunk(*c);
}

int xEof(sqlite3_vtab_cursor *cursor)
{
    return static_cast<Cursor *>(cursor)->eof;
}

int xColumn(sqlite3_vtab_cursor *cursor, sqlite3_context *context, int column)
{
    auto *c = static_cast<Cursor *>(cursor);
    Chunk &chunk = *c->chunk;
    if (column == kId) {
        sqlite3_result_int64(context, chunk.firstId + std::int64_t(c->at));
        return SQLITE_OK;
    }
    if (column == kSourceId) {
        sqlite3_result_int64(context, chunk.sourceId);
        return SQLITE_OK;
    }
    if (column < kFirstField || column >= kColumnCount)
        return SQLITE_OK; // null
    const EventChunkView::Column *values = chunk.view.column(EventField(column - kFirstField));
    if (!values) {
        Table &t = c->table();
        damaged(t, chunk.firstId);
        sqlite3_result_error(context, t.zErrMsg, -1);
        return SQLITE_CORRUPT_VTAB;
    }
    if (values->null(c->at))
        return SQLITE_OK;
    // A last time belongs to a first one (as EventScan reads it): alone, in
    // a chunk no import wrote, it is no time.
    if (column == kLastTimeColumn) {
        const EventChunkView::Column *first = chunk.view.column(EventField::Time);
        if (!first || first->null(c->at))
            return SQLITE_OK;
    }
    const std::int64_t v = values->values[c->at];
    if (column == kProtocolColumn) {
        const std::string_view name = chunk.view.protocol(v);
        sqlite3_result_text(context, name.data(), int(name.size()), SQLITE_TRANSIENT);
    } else {
        sqlite3_result_int64(context, v);
    }
    return SQLITE_OK;
}

int xRowid(sqlite3_vtab_cursor *cursor, sqlite3_int64 *rowid)
{
    auto *c = static_cast<Cursor *>(cursor);
    *rowid = c->chunk->firstId + std::int64_t(c->at);
    return SQLITE_OK;
}

sqlite3_module makeModule()
{
    sqlite3_module m {};
    m.iVersion = 1;
    m.xCreate = nullptr; // eponymous only: no CREATE VIRTUAL TABLE
    m.xConnect = xConnect;
    m.xBestIndex = xBestIndex;
    m.xDisconnect = xDisconnect;
    m.xDestroy = xDisconnect;
    m.xOpen = xOpen;
    m.xClose = xClose;
    m.xFilter = xFilter;
    m.xNext = xNext;
    m.xEof = xEof;
    m.xColumn = xColumn;
    m.xRowid = xRowid;
    return m;
}

const sqlite3_module kModule = makeModule();

} // namespace

bool registerEventsTable(sqlite3 *db)
{
    return sqlite3_create_module(db, "events", &kModule, nullptr) == SQLITE_OK;
}

} // namespace ea
