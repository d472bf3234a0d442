#include "storage/sqlite.h"

#include "storage/eventstable.h"

#include <sqlite3.h>

#include <utility>

namespace ea {

namespace {

// sqlite3_bind_text() with a null pointer binds NULL; an empty view may well
// have one, and an empty string is not NULL.
const char *textPointer(std::string_view text) noexcept
{
    return text.data() ? text.data() : "";
}

bool onlySeparatorsLeft(const char *tail, const char *end) noexcept
{
    for (; tail && tail < end; ++tail) {
        const char c = *tail;
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != ';')
            return false;
    }
    return true;
}

} // namespace

// --- SqliteDb ---------------------------------------------------------------

const char *SqliteDb::libraryVersion() noexcept
{
    return sqlite3_libversion();
}

SqliteDb::~SqliteDb()
{
    close();
}

SqliteDb::SqliteDb(SqliteDb &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
    , m_openError(std::move(other.m_openError))
{ }

SqliteDb &SqliteDb::operator=(SqliteDb &&other) noexcept
{
    if (this != &other) {
        close();
        m_db = std::exchange(other.m_db, nullptr);
        m_openError = std::move(other.m_openError);
    }
    return *this;
}

namespace {

// Process-wide settings, applied before SQLite initialises itself.
void configureSqliteOnce()
{
    static const bool configured = [] {
        // Memory statistics take a global mutex on every allocation, which a
        // bulk import pays a million times over; nothing here reads them. If
        // SQLite was already initialised this fails harmlessly.
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        return sqlite3_initialize() == SQLITE_OK;
    }();
    (void)configured;
}

} // namespace

bool SqliteDb::open(const std::string &path, Access access)
{
    configureSqliteOnce();
    close();
    m_openError.clear();

    int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    switch (access) {
    case Access::ReadOnly:
        flags |= SQLITE_OPEN_READONLY;
        break;
    case Access::ReadWrite:
        flags |= SQLITE_OPEN_READWRITE;
        break;
    case Access::ReadWriteCreate:
        flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
        break;
    }
    // Where SQLite was built to treat every name as a possible URI, a relative
    // path that happens to start with "file:" would be parsed as one.
    const std::string name = path.starts_with("file:") ? "./" + path : path;

    sqlite3 *db = nullptr;
    const int rc = sqlite3_open_v2(name.c_str(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
        m_openError = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
        sqlite3_close(db);
        return false;
    }
    m_db = db;

    // Defensive settings recommended for files that may come from elsewhere
    // (sqlite.org/security.html): no writable_schema or other ways to corrupt
    // the file from SQL, no functions with side effects run from the schema,
    // and no "double-quoted" string literals that silently become identifiers.
    sqlite3_db_config(m_db, SQLITE_DBCONFIG_DEFENSIVE, 1, static_cast<int *>(nullptr));
    sqlite3_db_config(m_db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, static_cast<int *>(nullptr));
    sqlite3_db_config(m_db, SQLITE_DBCONFIG_DQS_DML, 0, static_cast<int *>(nullptr));
    sqlite3_db_config(m_db, SQLITE_DBCONFIG_DQS_DDL, 0, static_cast<int *>(nullptr));
    sqlite3_db_config(m_db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, static_cast<int *>(nullptr));
    sqlite3_extended_result_codes(m_db, 1);
    sqlite3_busy_timeout(m_db, kBusyTimeoutMs);
    if (!registerEventsTable(m_db)) {
        m_openError = sqlite3_errmsg(m_db);
        close();
        return false;
    }
    return true;
}

void SqliteDb::close() noexcept
{
    if (m_db) {
        // sqlite3_close_v2 defers the close until every statement of the
        // connection is finalized, so a Statement that outlives its SqliteDb
        // is a leak, not a crash.
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
}

bool SqliteDb::isReadOnly() const noexcept
{
    return !m_db || sqlite3_db_readonly(m_db, "main") != 0;
}

void SqliteDb::setBusyTimeout(int milliseconds) noexcept
{
    if (m_db)
        sqlite3_busy_timeout(m_db, milliseconds);
}

void SqliteDb::releaseCacheMemory() noexcept
{
    if (m_db)
        (void)sqlite3_db_release_memory(m_db);
}

bool SqliteDb::exec(const char *sql)
{
    if (!m_db)
        return false;
    return sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
}

int SqliteDb::errorCode() const noexcept
{
    return m_db ? sqlite3_extended_errcode(m_db) : SQLITE_CANTOPEN;
}

std::string SqliteDb::lastError() const
{
    if (!m_db)
        return m_openError.empty() ? std::string("database is not open") : m_openError;
    return sqlite3_errmsg(m_db);
}

std::int64_t SqliteDb::changes() const noexcept
{
    return m_db ? sqlite3_changes64(m_db) : 0;
}

std::int64_t SqliteDb::lastInsertRowid() const noexcept
{
    return m_db ? sqlite3_last_insert_rowid(m_db) : 0;
}

bool SqliteDb::inTransaction() const noexcept
{
    return m_db && sqlite3_get_autocommit(m_db) == 0;
}

bool SqliteDb::begin(bool immediate)
{
    return exec(immediate ? "BEGIN IMMEDIATE" : "BEGIN");
}

bool SqliteDb::commit()
{
    return exec("COMMIT");
}

bool SqliteDb::rollback()
{
    // Some errors (SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM, ...) roll back on
    // their own; a second ROLLBACK would only add a misleading error.
    if (!inTransaction())
        return true;
    return exec("ROLLBACK");
}

// --- Transaction ------------------------------------------------------------

Transaction::Transaction(SqliteDb &db, Mode mode)
    : m_db(db)
{
    m_nested = db.inTransaction();
    m_active = m_nested ? db.exec("SAVEPOINT ea_nested") : db.begin(mode == Mode::Immediate);
}

Transaction::~Transaction()
{
    rollback();
}

bool Transaction::commit()
{
    if (!m_active)
        return false;
    const bool ok = m_nested ? m_db.exec("RELEASE ea_nested") : m_db.commit();
    if (ok)
        m_active = false;
    return ok;
}

void Transaction::rollback()
{
    if (!m_active)
        return;
    m_active = false;
    if (m_nested) {
        if (m_db.inTransaction())
            (void)m_db.exec("ROLLBACK TO ea_nested; RELEASE ea_nested");
    } else {
        m_db.rollback();
    }
}

// --- Statement --------------------------------------------------------------

Statement::Statement(SqliteDb &db, std::string_view sql)
{
    (void)prepare(db, sql);
}

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

Statement::Statement(Statement &&other) noexcept
    : m_stmt(std::exchange(other.m_stmt, nullptr))
    , m_db(std::exchange(other.m_db, nullptr))
    , m_bindError(std::exchange(other.m_bindError, 0))
    , m_bindIndex(other.m_bindIndex)
    , m_prepareCode(other.m_prepareCode)
    , m_prepareError(std::move(other.m_prepareError))
{ }

Statement &Statement::operator=(Statement &&other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_db = std::exchange(other.m_db, nullptr);
        m_bindError = std::exchange(other.m_bindError, 0);
        m_bindIndex = other.m_bindIndex;
        m_prepareCode = other.m_prepareCode;
        m_prepareError = std::move(other.m_prepareError);
    }
    return *this;
}

bool Statement::prepare(SqliteDb &db, std::string_view sql)
{
    sqlite3_finalize(m_stmt);
    m_stmt = nullptr;
    m_db = db.handle();
    m_bindError = 0;
    m_prepareCode = 0;
    m_prepareError.clear();
    if (!m_db) {
        m_prepareCode = SQLITE_MISUSE;
        m_prepareError = "database is not open";
        return false;
    }
    const char *tail = nullptr;
    const int rc = sqlite3_prepare_v3(m_db, textPointer(sql), int(sql.size()), 0, &m_stmt, &tail);
    if (rc != SQLITE_OK) {
        m_prepareCode = sqlite3_extended_errcode(m_db);
        m_prepareError = sqlite3_errmsg(m_db);
        sqlite3_finalize(m_stmt);
        m_stmt = nullptr;
        return false;
    }
    if (!m_stmt) {
        m_prepareCode = SQLITE_MISUSE;
        m_prepareError = "no SQL statement";
        return false;
    }
    if (!onlySeparatorsLeft(tail, sql.data() + sql.size())) {
        m_prepareCode = SQLITE_MISUSE;
        m_prepareError = "more than one SQL statement";
        sqlite3_finalize(m_stmt);
        m_stmt = nullptr;
        return false;
    }
    return true;
}

void Statement::noteBind(int rc, int index) noexcept
{
    if (rc != SQLITE_OK && m_bindError == 0) {
        m_bindError = rc;
        m_bindIndex = index;
    }
}

void Statement::bindInt64(int index, std::int64_t value) noexcept
{
    noteBind(sqlite3_bind_int64(m_stmt, index, value), index);
}

void Statement::bindDouble(int index, double value) noexcept
{
    noteBind(sqlite3_bind_double(m_stmt, index, value), index);
}

void Statement::bindNull(int index) noexcept
{
    noteBind(sqlite3_bind_null(m_stmt, index), index);
}

void Statement::bindText(int index, std::string_view utf8) noexcept
{
    noteBind(sqlite3_bind_text64(m_stmt, index, textPointer(utf8), utf8.size(), SQLITE_TRANSIENT,
                                 SQLITE_UTF8),
             index);
}

void Statement::bindTextStatic(int index, std::string_view utf8) noexcept
{
    noteBind(sqlite3_bind_text64(m_stmt, index, textPointer(utf8), utf8.size(), SQLITE_STATIC,
                                 SQLITE_UTF8),
             index);
}

void Statement::bindBlob(int index, std::span<const std::uint8_t> bytes) noexcept
{
    // A null pointer would bind NULL, not an empty blob.
    if (bytes.empty())
        noteBind(sqlite3_bind_zeroblob(m_stmt, index, 0), index);
    else
        noteBind(sqlite3_bind_blob64(m_stmt, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT),
                 index);
}

void Statement::bindBlobStatic(int index, std::span<const std::uint8_t> bytes) noexcept
{
    if (bytes.empty())
        noteBind(sqlite3_bind_zeroblob(m_stmt, index, 0), index);
    else
        noteBind(sqlite3_bind_blob64(m_stmt, index, bytes.data(), bytes.size(), SQLITE_STATIC),
                 index);
}

Statement::Step Statement::step() noexcept
{
    if (!m_stmt || m_bindError != 0)
        return Step::Error;
    switch (sqlite3_step(m_stmt)) {
    case SQLITE_ROW:
        return Step::Row;
    case SQLITE_DONE:
        return Step::Done;
    default:
        return Step::Error;
    }
}

bool Statement::run() noexcept
{
    Step s = step();
    while (s == Step::Row)
        s = step();
    if (s == Step::Error)
        return false;
    reset();
    return true;
}

void Statement::reset() noexcept
{
    if (m_stmt)
        sqlite3_reset(m_stmt);
    m_bindError = 0;
}

void Statement::clearBindings() noexcept
{
    if (m_stmt)
        sqlite3_clear_bindings(m_stmt);
}

int Statement::columnCount() const noexcept
{
    return sqlite3_column_count(m_stmt);
}

bool Statement::columnIsNull(int column) const noexcept
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

std::int64_t Statement::columnInt64(int column) const noexcept
{
    return sqlite3_column_int64(m_stmt, column);
}

std::optional<std::int64_t> Statement::columnOptionalInt64(int column) const noexcept
{
    if (columnIsNull(column))
        return std::nullopt;
    return sqlite3_column_int64(m_stmt, column);
}

double Statement::columnDouble(int column) const noexcept
{
    return sqlite3_column_double(m_stmt, column);
}

std::string_view Statement::columnText(int column) const noexcept
{
    // Text first, then its length: the documented order (the call to
    // sqlite3_column_text() may convert the value).
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    const int size = sqlite3_column_bytes(m_stmt, column);
    if (!text || size <= 0)
        return {};
    return {text, std::size_t(size)};
}

std::span<const std::uint8_t> Statement::columnBlob(int column) const noexcept
{
    const auto *data = static_cast<const std::uint8_t *>(sqlite3_column_blob(m_stmt, column));
    const int size = sqlite3_column_bytes(m_stmt, column);
    if (!data || size <= 0)
        return {};
    return {data, std::size_t(size)};
}

int Statement::errorCode() const noexcept
{
    if (m_prepareCode != 0)
        return m_prepareCode;
    if (m_bindError != 0)
        return m_bindError;
    if (!m_stmt)
        return SQLITE_MISUSE;
    return sqlite3_extended_errcode(m_db);
}

std::string Statement::errorMessage() const
{
    if (!m_prepareError.empty())
        return m_prepareError;
    if (m_bindError != 0)
        return "cannot bind parameter " + std::to_string(m_bindIndex) + ": "
            + sqlite3_errstr(m_bindError);
    if (!m_db)
        return "statement is not prepared";
    return sqlite3_errmsg(m_db);
}

} // namespace ea
