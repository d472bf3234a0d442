#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace ea {

// A thin RAII wrapper over one SQLite connection (C API). One connection per
// thread: the handle is opened without SQLite's own mutexes. Errors are values:
// the calls return false or Step::Error and lastError() says why.
class SqliteDb
{
public:
    enum class Access : std::uint8_t { ReadOnly, ReadWrite, ReadWriteCreate };

    SqliteDb() noexcept = default;
    ~SqliteDb();
    SqliteDb(SqliteDb &&other) noexcept;
    SqliteDb &operator=(SqliteDb &&other) noexcept;
    SqliteDb(const SqliteDb &) = delete;
    SqliteDb &operator=(const SqliteDb &) = delete;

    // The SQLite library in use ("3.40.1"), for Help → About.
    [[nodiscard]] static const char *libraryVersion() noexcept;

    // Opens a file path (UTF-8, taken literally: never a URI) and applies the
    // defensive settings: SQLITE_DBCONFIG_DEFENSIVE on, trusted_schema off,
    // double-quoted string literals off, extended result codes, a busy timeout.
    // Nothing is read from or written to the file here.
    [[nodiscard]] bool open(const std::string &path, Access access);
    void close() noexcept;

    [[nodiscard]] bool isOpen() const noexcept { return m_db != nullptr; }
    [[nodiscard]] sqlite3 *handle() const noexcept { return m_db; }
    // True when the connection cannot write (opened read-only, or the file is
    // write-protected).
    [[nodiscard]] bool isReadOnly() const noexcept;

    // Runs fixed SQL (one or more statements, no values). Never pass text that
    // came from a user or a file: bind it through a Statement instead.
    [[nodiscard]] bool exec(const char *sql);
    // How long a statement waits for another connection's lock before it
    // fails with SQLITE_BUSY (kBusyTimeoutMs unless set).
    void setBusyTimeout(int milliseconds) noexcept;
    // Frees the memory of the pages this connection caches and no statement
    // holds (sqlite3_db_release_memory): after a long read, before the
    // connection is kept or closed.
    void releaseCacheMemory() noexcept;

    // Extended result code and message of the last failed call.
    [[nodiscard]] int errorCode() const noexcept;
    [[nodiscard]] std::string lastError() const;

    [[nodiscard]] std::int64_t changes() const noexcept;
    [[nodiscard]] std::int64_t lastInsertRowid() const noexcept;
    [[nodiscard]] bool inTransaction() const noexcept;

    // Plain helpers; prefer the Transaction guard below.
    [[nodiscard]] bool begin(bool immediate = true);
    [[nodiscard]] bool commit();
    bool rollback();

    static constexpr int kBusyTimeoutMs = 5000;

private:
    sqlite3 *m_db = nullptr;
    // Set when open() fails: the handle is gone, but the reason must not be.
    std::string m_openError;
};

// Rolls back unless committed. Nests: inside an open transaction it becomes a
// savepoint, so a helper that guards its own writes (Marks::setMark) can run
// inside a caller's larger transaction (the allowlist import).
class Transaction
{
public:
    enum class Mode : std::uint8_t { Deferred, Immediate };

    explicit Transaction(SqliteDb &db, Mode mode = Mode::Immediate);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    // False when BEGIN failed (see SqliteDb::lastError()).
    [[nodiscard]] bool isActive() const noexcept { return m_active; }
    [[nodiscard]] bool commit();
    void rollback();

private:
    SqliteDb &m_db;
    bool m_active = false;
    bool m_nested = false;
};

// One prepared statement. Values are always bound, never spliced into SQL.
// A failed bind is remembered and reported by the next step(), so bulk code can
// bind a row without checking each call.
class Statement
{
public:
    enum class Step : std::uint8_t { Row, Done, Error };

    Statement() noexcept = default;
    // Prepares exactly one statement; check isValid().
    Statement(SqliteDb &db, std::string_view sql);
    ~Statement();
    Statement(Statement &&other) noexcept;
    Statement &operator=(Statement &&other) noexcept;
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    // Replaces any previous statement. Anything but white space or ';' after
    // the first statement is refused: one Statement, one statement.
    [[nodiscard]] bool prepare(SqliteDb &db, std::string_view sql);
    [[nodiscard]] bool isValid() const noexcept { return m_stmt != nullptr; }

    // Parameters are 1-based, as in SQLite.
    void bindInt64(int index, std::int64_t value) noexcept;
    void bindDouble(int index, double value) noexcept;
    void bindNull(int index) noexcept;
    // SQLite copies the text (SQLITE_TRANSIENT).
    void bindText(int index, std::string_view utf8) noexcept;
    // No copy (SQLITE_STATIC): the caller keeps the bytes alive and unchanged
    // until the statement is re-bound, cleared, or destroyed.
    void bindTextStatic(int index, std::string_view utf8) noexcept;
    void bindBlob(int index, std::span<const std::uint8_t> bytes) noexcept;
    void bindBlobStatic(int index, std::span<const std::uint8_t> bytes) noexcept;

    [[nodiscard]] Step step() noexcept;
    // Steps a statement that returns no rows to completion, then resets it.
    [[nodiscard]] bool run() noexcept;
    // Ready to step again with the same bindings; clears a remembered bind error.
    void reset() noexcept;
    void clearBindings() noexcept;

    // Valid after step() returned Row. Text and blob views last until the next
    // step(), reset() or destruction.
    [[nodiscard]] int columnCount() const noexcept;
    [[nodiscard]] bool columnIsNull(int column) const noexcept;
    [[nodiscard]] std::int64_t columnInt64(int column) const noexcept;
    [[nodiscard]] std::optional<std::int64_t> columnOptionalInt64(int column) const noexcept;
    [[nodiscard]] double columnDouble(int column) const noexcept;
    [[nodiscard]] std::string_view columnText(int column) const noexcept;
    [[nodiscard]] std::span<const std::uint8_t> columnBlob(int column) const noexcept;

    // Why prepare(), a bind or step() failed.
    [[nodiscard]] int errorCode() const noexcept;
    [[nodiscard]] std::string errorMessage() const;

private:
    void noteBind(int rc, int index) noexcept;

    sqlite3_stmt *m_stmt = nullptr;
    sqlite3 *m_db = nullptr;
    int m_bindError = 0; // first failed bind since the last reset()
    int m_bindIndex = 0;
    int m_prepareCode = 0; // result code of a failed prepare()
    std::string m_prepareError;
};

} // namespace ea
