#include "casedatabase.h"

#include <sqlite3.h>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryFile>

#include <array>
#include <string>
#include <utility>

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

bool createSchemaV1(SqliteDb &db)
{
    return db.exec(kSchemaV1);
}

// Forward migrations: step N takes a case from version N - 1 to N. Version 0
// is an empty file, so creating a case is running every step. Adding version
// 2 is one function and one line here (and kSchemaVersion).
struct Migration
{
    int toVersion;
    bool (*apply)(SqliteDb &db);
};
constexpr std::array kMigrations = {
    Migration {1, &createSchemaV1},
};
static_assert(kMigrations.back().toVersion == CaseDatabase::kSchemaVersion);

// Tables every case has, whatever its version: a file with our application id
// that lacks one of them is damaged, not a case to migrate.
constexpr std::array<std::string_view, 13> kCoreTables = {
    "meta",       "sources",  "hosts",       "processes",  "destinations",
    "spellings",  "events",   "dest_events", "dest_stats", "process_stats",
    "host_stats", "rejected", "marks",
};

constexpr char kSqliteMagic[] = "SQLite format 3"; // followed by a NUL in the file
constexpr int kHeaderSize = 100;
constexpr int kUserVersionOffset = 60;
constexpr int kApplicationIdOffset = 68;

std::uint32_t bigEndian32(const QByteArray &bytes, int offset)
{
    std::uint32_t v = 0;
    for (int k = 0; k < 4; ++k)
        v = (v << 8) | std::uint8_t(bytes.at(offset + k));
    return v;
}

QString fromUtf8(const std::string &text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

std::string toUtf8(const QString &text)
{
    return text.toStdString();
}

QString native(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

bool isNotADatabase(int code)
{
    return (code & 0xff) == SQLITE_NOTADB;
}

// A read-only connection that meets a hot journal (a crashed write) cannot
// roll it back; the read-write connection will.
bool needsRecovery(int code)
{
    return (code & 0xff) == SQLITE_READONLY;
}

void configure(SqliteDb &db)
{
    // See the class comment for the choice of journal. Both may fail on a
    // write-protected file, which is harmless: it will not be written.
    (void)db.exec("PRAGMA journal_mode=DELETE");
    (void)db.exec("PRAGMA synchronous=NORMAL");
}

} // namespace

CaseDatabase::CaseDatabase(SqliteDb db, QString path, int version)
    : m_db(std::move(db))
    , m_path(std::move(path))
    , m_version(version)
{ }

CaseDatabase::~CaseDatabase() = default;

namespace {

CaseError notACase(const QString &path, const QString &reason)
{
    return {CaseError::Code::NotACase,
            CaseDatabase::tr("%1 is not an Egress Auditor case: %2").arg(native(path), reason)};
}

CaseError newerVersion(const QString &path, std::int64_t version)
{
    return {CaseError::Code::NewerVersion,
            CaseDatabase::tr("%1 was made by a newer version of Egress Auditor (case format %2; "
                             "this version reads formats up to %3)")
                .arg(native(path))
                .arg(version)
                .arg(CaseDatabase::kSchemaVersion)};
}

CaseError databaseError(const QString &path, const std::string &message)
{
    return {CaseError::Code::Database,
            CaseDatabase::tr("Cannot open %1: %2").arg(native(path), fromUtf8(message))};
}

// Checks that an open connection holds a case this build can use and reads
// its version. `sqliteCode` is set when SQLite itself failed.
std::optional<CaseError> checkCase(SqliteDb &db, const QString &path, int &version, int &sqliteCode)
{
    sqliteCode = SQLITE_OK;
    auto failed = [&](const Statement &s) -> CaseError {
        sqliteCode = s.errorCode();
        if (isNotADatabase(sqliteCode))
            return notACase(path, CaseDatabase::tr("it is not a SQLite database"));
        return databaseError(path, s.errorMessage());
    };

    Statement s(db,
                "SELECT (SELECT application_id FROM pragma_application_id),"
                " (SELECT user_version FROM pragma_user_version)");
    if (!s.isValid() || s.step() != Statement::Step::Row)
        return failed(s);
    const std::int64_t applicationId = s.columnInt64(0);
    const std::int64_t userVersion = s.columnInt64(1);
    if (applicationId != CaseDatabase::kApplicationId)
        return notACase(path, CaseDatabase::tr("it is a database of another application"));
    if (userVersion > CaseDatabase::kSchemaVersion)
        return newerVersion(path, userVersion);
    if (userVersion < 1)
        return notACase(path, CaseDatabase::tr("it has no schema version"));

    Statement tables(db, "SELECT name FROM sqlite_schema WHERE type = 'table'");
    if (!tables.isValid())
        return failed(tables);
    std::array<bool, kCoreTables.size()> found {};
    Statement::Step step;
    while ((step = tables.step()) == Statement::Step::Row) {
        const std::string_view name = tables.columnText(0);
        for (std::size_t k = 0; k < kCoreTables.size(); ++k) {
            if (kCoreTables[k] == name)
                found[k] = true;
        }
    }
    if (step == Statement::Step::Error)
        return failed(tables);
    for (std::size_t k = 0; k < kCoreTables.size(); ++k) {
        if (!found[k]) {
            return notACase(path,
                            CaseDatabase::tr("the table %1 is missing")
                                .arg(QString::fromLatin1(kCoreTables[k].data(),
                                                         qsizetype(kCoreTables[k].size()))));
        }
    }
    version = int(userVersion);
    return std::nullopt;
}

// Runs the migrations after `from` in one transaction and stamps the version.
// For a new case (from == 0) it also writes the application id and meta rows.
bool migrate(SqliteDb &db, int from)
{
    Transaction transaction(db);
    if (!transaction.isActive())
        return false;
    for (const Migration &migration : kMigrations) {
        if (migration.toVersion > from && !migration.apply(db))
            return false;
    }
    // Both values are compile-time constants, not user text; PRAGMA takes no
    // bound parameters.
    const std::string pragmas
        = "PRAGMA application_id = " + std::to_string(CaseDatabase::kApplicationId)
        + "; PRAGMA user_version = " + std::to_string(CaseDatabase::kSchemaVersion) + ";";
    if (!db.exec(pragmas.c_str()))
        return false;
    Statement meta(db, "INSERT OR REPLACE INTO meta(key, value) VALUES(?1, ?2)");
    const std::string now = toUtf8(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    const std::string_view key = from == 0 ? "created_at" : "migrated_at";
    meta.bindText(1, key);
    meta.bindText(2, now);
    if (!meta.run())
        return false;
    meta.bindText(1, from == 0 ? std::string_view("created_by") : std::string_view("migrated_by"));
    meta.bindText(2, "Egress Auditor " EA_VERSION);
    if (!meta.run())
        return false;
    return transaction.commit();
}

} // namespace

CaseDatabase::Result CaseDatabase::open(const QString &path, OpenMode mode)
{
    const QFileInfo info(path);
    const QString absolute = info.absoluteFilePath();
    if (!info.exists()) {
        if (mode == OpenMode::OpenExisting)
            return {nullptr,
                    {CaseError::Code::NotFound, tr("%1 does not exist").arg(native(absolute))}};
        if (std::optional<CaseError> error = create(absolute))
            return {nullptr, std::move(*error)};
    } else if (info.isDir()) {
        return {nullptr, notACase(absolute, tr("it is a folder"))};
    }
    return openExisting(absolute);
}

std::optional<CaseError> CaseDatabase::create(const QString &path)
{
    const QFileInfo info(path);
    if (!info.absoluteDir().exists()) {
        return CaseError {CaseError::Code::Io,
                          tr("Cannot create %1: the folder %2 does not exist")
                              .arg(native(path), native(info.absolutePath()))};
    }
    // Built under a unique temporary name beside the target, then renamed
    // into place: the case appears complete or not at all. The temporary file
    // is created private to the user (0600), fitting for connection logs.
    QTemporaryFile temporary(info.absolutePath() + QLatin1String("/.") + info.fileName()
                             + QLatin1String(".XXXXXX"));
    temporary.setAutoRemove(false);
    if (!temporary.open()) {
        return CaseError {CaseError::Code::Io,
                          tr("Cannot create %1: %2").arg(native(path), temporary.errorString())};
    }
    const QString temporaryPath = temporary.fileName();
    temporary.close();
    auto discard = [&temporaryPath] {
        QFile::remove(temporaryPath);
        QFile::remove(temporaryPath + QLatin1String("-journal"));
    };

    SqliteDb db;
    if (!db.open(toUtf8(temporaryPath), SqliteDb::Access::ReadWrite)) {
        const std::string message = db.lastError();
        discard();
        return CaseError {CaseError::Code::Io,
                          tr("Cannot create %1: %2").arg(native(path), fromUtf8(message))};
    }
    configure(db);
    // 16 KiB pages: a case is mostly bulk-appended event rows and their index,
    // which take about a fifth less time to write and to index than with the
    // 4 KiB default. Only a new, empty database takes a page size.
    (void)db.exec("PRAGMA page_size = 16384");
    if (!migrate(db, 0)) {
        const std::string message = db.lastError();
        db.close();
        discard();
        return CaseError {CaseError::Code::Database,
                          tr("Cannot create %1: %2").arg(native(path), fromUtf8(message))};
    }
    db.close();

    // QFile::rename never replaces an existing file.
    if (!QFile::rename(temporaryPath, path)) {
        discard();
        // Someone else created the case meanwhile: open theirs.
        if (QFileInfo::exists(path))
            return std::nullopt;
        return CaseError {CaseError::Code::Io, tr("Cannot create %1").arg(native(path))};
    }
    return std::nullopt;
}

CaseDatabase::Result CaseDatabase::openExisting(const QString &path)
{
    // 1. The header, with plain file I/O: nothing SQLite could write (not even
    //    a -shm file for a WAL database) is touched for a foreign file.
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {
            nullptr,
            {CaseError::Code::Io, tr("Cannot read %1: %2").arg(native(path), file.errorString())}};
    }
    const QByteArray header = file.read(kHeaderSize);
    file.close();
    if (header.isEmpty())
        return {nullptr, notACase(path, tr("the file is empty"))};
    if (header.size() < kHeaderSize || !header.startsWith(kSqliteMagic)
        || header.at(sizeof kSqliteMagic - 1) != '\0')
        return {nullptr, notACase(path, tr("it is not a SQLite database"))};
    if (bigEndian32(header, kApplicationIdOffset) != kApplicationId)
        return {nullptr, notACase(path, tr("it is a database of another application"))};
    if (const std::uint32_t version = bigEndian32(header, kUserVersionOffset);
        version > std::uint32_t(kSchemaVersion))
        return {nullptr, newerVersion(path, version)};

    // 2. The tables, on a read-only connection.
    int version = 0;
    int code = SQLITE_OK;
    {
        SqliteDb probe;
        if (!probe.open(toUtf8(path), SqliteDb::Access::ReadOnly))
            return {nullptr, databaseError(path, probe.lastError())};
        if (std::optional<CaseError> error = checkCase(probe, path, version, code);
            error && !needsRecovery(code))
            return {nullptr, std::move(*error)};
    }

    // 3. Read-write. The check is repeated: the file may have changed since,
    //    and a hot journal has only now been rolled back.
    SqliteDb db;
    if (!db.open(toUtf8(path), SqliteDb::Access::ReadWrite))
        return {nullptr, databaseError(path, db.lastError())};
    if (std::optional<CaseError> error = checkCase(db, path, version, code))
        return {nullptr, std::move(*error)};
    configure(db);
    if (version < kSchemaVersion) {
        if (db.isReadOnly()) {
            return {nullptr,
                    {CaseError::Code::Io,
                     tr("%1 needs to be upgraded to case format %2, but it is write-protected")
                         .arg(native(path))
                         .arg(kSchemaVersion)}};
        }
        if (!migrate(db, version)) {
            return {nullptr,
                    {CaseError::Code::Database,
                     tr("Cannot upgrade %1: %2").arg(native(path), fromUtf8(db.lastError()))}};
        }
        version = kSchemaVersion;
    }
    return {std::unique_ptr<CaseDatabase>(new CaseDatabase(std::move(db), path, version)), {}};
}

std::optional<std::int64_t> CaseDatabase::sourceWithSha256(std::string_view sha256)
{
    Statement s(m_db, "SELECT id FROM sources WHERE sha256 = ?1 ORDER BY id LIMIT 1");
    s.bindText(1, sha256);
    if (s.step() != Statement::Step::Row)
        return std::nullopt;
    return s.columnInt64(0);
}

} // namespace ea
