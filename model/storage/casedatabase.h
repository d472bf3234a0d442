#pragma once

#include "core/error.h"
#include "storage/sqlite.h"

#include <QCoreApplication>
#include <QString>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ea {

// Rows of a read query, or why there are none (Result::value holds the rows).
template<typename Row> using RowsResult = Result<std::vector<Row>>;

// One case file (.eacase): a SQLite database with the schema of
// model/storage/schema.md, identified by PRAGMA application_id and versioned by
// PRAGMA user_version with forward migrations.
//
// Opening never writes to a file that turns out not to be a case (or to be
// newer than this build): the file header is read with plain file I/O and the
// schema is checked on a read-only connection before the read-write one is
// opened. A case is untrusted input (it may come from someone else's archive):
// a path that is no regular file (a FIFO would block for ever), a hot journal
// that names a super-journal (whose rollback deletes that other file), and a
// schema that is not exactly this version's (a planted trigger or view) are
// refused before SQLite writes anything; see model/storage/schema.md.
//
// A new case is built under a temporary name and renamed into place
// (no-replace), so a crash while creating never leaves a half-made case.
//
// Journal: SQLite's default rollback journal (DELETE) with synchronous=NORMAL,
// not WAL. An import is one large transaction that mostly appends pages; a
// rollback journal only records the few pages it changes, whereas WAL would
// write every new page twice and grow a -wal file as large as the import. A
// killed process leaves a hot journal that the next read-write open rolls
// back, so the case is exactly as before the import. NORMAL skips one fsync per
// commit; a power cut may lose the last commit but not corrupt the file on a
// journaling file system. A closed case is one self-contained file.
class CaseDatabase
{
    Q_DECLARE_TR_FUNCTIONS(ea::CaseDatabase)

public:
    enum class OpenMode : std::uint8_t {
        OpenExisting,
        CreateIfMissing,
        // Never writes: no journal-mode or other setting, no migration, and
        // the connection runs no writing SQL. Only a hot journal (a crashed
        // write) is rolled back, which restores the case as last committed.
        // An older case is read in its own format (schemaVersion()).
        ReadOnly,
    };

    struct Result
    {
        std::unique_ptr<CaseDatabase> database; // null on error
        // Codes: NotFound (OpenExisting and there is no such file), NotACase
        // (not SQLite, another application's database, or damaged),
        // NewerVersion, Io (cannot read, create or write the file), Database
        // (SQLite failed: migration, schema creation, ...).
        Error error;
        bool created = false; // this open made the file (CreateIfMissing)

        [[nodiscard]] bool ok() const noexcept { return database != nullptr; }
        explicit operator bool() const noexcept { return ok(); }
    };

    static constexpr std::uint32_t kApplicationId = 0x45414331; // "EAC1"
    static constexpr int kSchemaVersion = 9;

    [[nodiscard]] static Result open(const QString &path, OpenMode mode);

    // Removes a case that an open just created (Result::created) when it
    // still holds no source and no mark, e.g. because every file given to
    // `import` was refused; closes it either way. True when removed.
    static bool removeIfUnused(std::unique_ptr<CaseDatabase> database);

    ~CaseDatabase();
    CaseDatabase(const CaseDatabase &) = delete;
    CaseDatabase &operator=(const CaseDatabase &) = delete;

    [[nodiscard]] SqliteDb &db() noexcept { return m_db; }
    // The absolute path of the case file.
    [[nodiscard]] const QString &path() const noexcept { return m_path; }
    // kSchemaVersion, or an older format when the case was opened ReadOnly or
    // is write-protected (then it is not migrated).
    [[nodiscard]] int schemaVersion() const noexcept { return m_version; }
    // Opened ReadOnly, or the file is write-protected: reads work, writes
    // fail with an error.
    [[nodiscard]] bool isReadOnly() const noexcept { return m_readOnly || m_db.isReadOnly(); }

    // What SQLite's error means for people: for "database is locked", who
    // holds the case (see CaseLockInfo); otherwise SQLite's message.
    [[nodiscard]] QString errorText(int sqliteCode, const std::string &message) const;
    // errorText() of the connection's last error.
    [[nodiscard]] QString lastError() const;

    // The id of an imported source with this SHA-256 (lower-case hex), if any.
    // A read error answers "none"; the import that follows will then fail on
    // the same database and report it.
    [[nodiscard]] std::optional<std::int64_t> sourceWithSha256(std::string_view sha256);
    // Whether an imported source has exactly this many bytes: a cheap test
    // before waiting for a file's hash. A read error answers "no".
    [[nodiscard]] bool hasSourceOfSize(std::int64_t size);

    // Writes a compact copy of the case as last committed to `target` (Save
    // case as): SQLite's VACUUM INTO, a read transaction here, into a file
    // beside the target that is then renamed over it, so an existing target
    // is replaced whole or not at all. Not on a ReadOnly open (query_only
    // refuses it); `target` may not be the case itself.
    [[nodiscard]] Error saveCopy(const QString &target);

private:
    CaseDatabase(SqliteDb db, QString path, int version);

    static Result openExisting(const QString &path, OpenMode mode);
    static Result readOnlyCase(SqliteDb db, const QString &path, int version);
    // Creates the case; `created` tells whether this call made it (false when
    // another process did meanwhile).
    static Error create(const QString &path, bool &created);

    SqliteDb m_db;
    QString m_path;
    int m_version = 0;
    bool m_readOnly = false;
};

} // namespace ea
