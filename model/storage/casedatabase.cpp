#include "storage/casedatabase.h"

#include "storage/caselockinfo.h"
#include "storage/caseschema.h"

#include <sqlite3.h>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryFile>

#include <QCoreApplication>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <utility>

namespace ea {

static_assert(CaseSchema::kLatestVersion == CaseDatabase::kSchemaVersion);

namespace {

// Tables every case has, whatever its version: a file with our application id
// that lacks one of them is damaged, not a case to migrate. (The events are
// the events table up to version 3, event_chunks from 4: the schema check
// below names the one missing.)
constexpr std::array<std::string_view, 12> kCoreTables = {
    "meta",        "sources",    "hosts",         "processes",  "destinations", "spellings",
    "dest_events", "dest_stats", "process_stats", "host_stats", "rejected",     "marks",
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

// A name taken from the file, for a message: control characters (a line
// break could forge further output lines) shown as '?', and at most 80.
QString printable(const std::string &text)
{
    QString shown = fromUtf8(text).left(80);
    for (QChar &c : shown) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            c = QLatin1Char('?');
    }
    return shown;
}

QString native(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

bool isNotADatabase(int code)
{
    return (code & 0xff) == SQLITE_NOTADB;
}

bool isBusy(int code)
{
    return (code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED;
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

Error caseError(Error::Code code, QString message)
{
    return Error(std::move(message), code);
}

Error notACase(const QString &path, const QString &reason)
{
    return caseError(
        Error::Code::NotACase,
        CaseDatabase::tr("%1 is not an Egress Auditor case: %2").arg(native(path), reason));
}

Error newerVersion(const QString &path, std::int64_t version)
{
    return caseError(
        Error::Code::NewerVersion,
        CaseDatabase::tr("%1 was made by a newer version of Egress Auditor (case format %2; "
                         "this version reads formats up to %3)")
            .arg(native(path))
            .arg(version)
            .arg(CaseDatabase::kSchemaVersion));
}

Error databaseError(const QString &path, const std::string &message)
{
    return caseError(Error::Code::Database,
                     CaseDatabase::tr("Cannot open %1: %2").arg(native(path), fromUtf8(message)));
}

// Checks that an open connection holds a case this build can use and reads
// its version. `sqliteCode` is set when SQLite itself failed.
Error checkCase(SqliteDb &db, const QString &path, int &version, int &sqliteCode)
{
    sqliteCode = SQLITE_OK;
    auto failed = [&](const Statement &s) -> Error {
        sqliteCode = s.errorCode();
        if (isNotADatabase(sqliteCode))
            return notACase(path, CaseDatabase::tr("it is not a SQLite database"));
        if (isBusy(sqliteCode))
            return caseError(Error::Code::Database, CaseLockInfo::lockedMessage(path));
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

    // Every object, not only the tables: a trigger or view planted in the
    // file would run with the next import or mark.
    CaseSchema::Difference difference;
    std::string error;
    if (!CaseSchema::compare(db, int(userVersion), difference, sqliteCode, error)) {
        if (isBusy(sqliteCode))
            return caseError(Error::Code::Database, CaseLockInfo::lockedMessage(path));
        return databaseError(path, error);
    }
    if (difference.kind != CaseSchema::Difference::Kind::None) {
        const QString type = printable(difference.type);
        const QString name = printable(difference.name);
        QString what;
        switch (difference.kind) {
        case CaseSchema::Difference::Kind::Unexpected:
            what = CaseDatabase::tr("it contains the %1 \"%2\", which Egress Auditor does not "
                                    "create (added by another program or by hand)")
                       .arg(type, name);
            break;
        case CaseSchema::Difference::Kind::Missing:
            what = CaseDatabase::tr("the %1 \"%2\" is missing").arg(type, name);
            break;
        case CaseSchema::Difference::Kind::Altered:
            what = CaseDatabase::tr("the definition of the %1 \"%2\" has been changed")
                       .arg(type, name);
            break;
        case CaseSchema::Difference::Kind::None:
            break;
        }
        return notACase(path,
                        CaseDatabase::tr("%1; it was not opened and is left unchanged").arg(what));
    }
    version = int(userVersion);
    return {};
}

// SQLite's journal magic: a rollback journal that ends with it ends with a
// super-journal record (lock-byte page number, name, name length, checksum,
// magic), written only by a transaction across several ATTACHed databases.
constexpr std::array<std::uint8_t, 8> kJournalMagic
    = {0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7};
constexpr int kSuperJournalTail = 16; // name length, checksum, magic

// Refuses, before SQLite sees the case, the files beside it that would make
// opening it harmful. Rolling back a hot journal that names a super-journal
// makes SQLite delete that super-journal: any file the journal's author
// chose. Egress Auditor never attaches a second database, so its own journals
// never name one. A -journal, -wal or -shm that is no regular file (a FIFO)
// would block the open.
Error checkSideFiles(const QString &path)
{
    for (const char *suffix : {"-journal", "-wal", "-shm"}) {
        const QFileInfo info(path + QLatin1String(suffix));
        if (info.exists() && !info.isFile()) {
            return notACase(path,
                            CaseDatabase::tr("%1 beside it is not a regular file")
                                .arg(native(info.absoluteFilePath())));
        }
    }
    const QString journalPath = path + QLatin1String("-journal");
    QFile journal(journalPath);
    if (!journal.exists())
        return {};
    if (!journal.open(QIODevice::ReadOnly)) {
        return caseError(
            Error::Code::Io,
            CaseDatabase::tr("Cannot read %1: %2").arg(native(journalPath), journal.errorString()));
    }
    const qint64 size = journal.size();
    if (size < kSuperJournalTail || !journal.seek(size - kSuperJournalTail))
        return {};
    const QByteArray tail = journal.read(kSuperJournalTail);
    if (tail.size() != kSuperJournalTail)
        return {};
    const bool magic = std::equal(kJournalMagic.begin(), kJournalMagic.end(),
                                  reinterpret_cast<const std::uint8_t *>(tail.constData()) + 8);
    // SQLite ignores a record whose name is empty; any other is refused,
    // whatever its checksum, rather than second-guessing SQLite's parser.
    if (!magic || bigEndian32(tail, 0) == 0)
        return {};
    return caseError(
        Error::Code::NotACase,
        CaseDatabase::tr("%1 cannot be opened safely: its journal %2 (left by an interrupted "
                         "write) names another file as a super-journal, which SQLite would "
                         "delete while recovering the case. Egress Auditor never writes such a "
                         "journal. The case and the journal were left untouched; if you trust "
                         "the case, remove the journal and open it again (the interrupted "
                         "write is then lost, and the case may be damaged).")
            .arg(native(path), native(journalPath)));
}

// Runs the migrations after `from` in one transaction and stamps the version.
// For a new case (from == 0) it also writes the application id and meta rows.
bool migrate(SqliteDb &db, int from, std::string &why)
{
    Transaction transaction(db);
    if (!transaction.isActive())
        return false;
    if (!CaseSchema::migrate(db, from, CaseDatabase::kSchemaVersion, &why))
        return false;
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
    // QFileInfo only stats the path: nothing is opened yet, so a FIFO cannot
    // block here.
    const QFileInfo info(path);
    const QString absolute = info.absoluteFilePath();
    bool created = false;
    if (!info.exists()) {
        if (mode != OpenMode::CreateIfMissing)
            return {
                nullptr,
                caseError(Error::Code::NotFound, tr("%1 does not exist").arg(native(absolute)))};
        if (Error error = create(absolute, created))
            return {nullptr, std::move(error)};
    } else if (info.isDir()) {
        return {nullptr, notACase(absolute, tr("it is a folder"))};
    } else if (!info.isFile()) {
        return {nullptr,
                notACase(absolute, tr("it is not a regular file (a pipe, socket or device)"))};
    }
    Result result = openExisting(absolute, mode);
    result.created = created && result.ok();
    return result;
}

Error CaseDatabase::create(const QString &path, bool &created)
{
    created = false;
    const QFileInfo info(path);
    if (!info.absoluteDir().exists()) {
        return caseError(Error::Code::Io,
                         tr("Cannot create %1: the folder %2 does not exist")
                             .arg(native(path), native(info.absolutePath())));
    }
    // Built under a unique temporary name beside the target, then renamed
    // into place: the case appears complete or not at all. The temporary file
    // is created private to the user (0600), fitting for connection logs.
    QTemporaryFile temporary(info.absolutePath() + QLatin1String("/.") + info.fileName()
                             + QLatin1String(".XXXXXX"));
    temporary.setAutoRemove(false);
    if (!temporary.open()) {
        return caseError(Error::Code::Io,
                         tr("Cannot create %1: %2").arg(native(path), temporary.errorString()));
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
        return caseError(Error::Code::Io,
                         tr("Cannot create %1: %2").arg(native(path), fromUtf8(message)));
    }
    configure(db);
    // 16 KiB pages: a case is mostly bulk-appended event rows and their index,
    // which take about a fifth less time to write and to index than with the
    // 4 KiB default. Only a new, empty database takes a page size.
    (void)db.exec("PRAGMA page_size = 16384");
    std::string why;
    if (!migrate(db, 0, why)) {
        const std::string message = why.empty() ? db.lastError() : why;
        db.close();
        discard();
        return caseError(Error::Code::Database,
                         tr("Cannot create %1: %2").arg(native(path), fromUtf8(message)));
    }
    db.close();

    // QFile::rename never replaces an existing file.
    if (!QFile::rename(temporaryPath, path)) {
        discard();
        // Someone else created the case meanwhile: open theirs.
        if (QFileInfo::exists(path))
            return {};
        return caseError(Error::Code::Io, tr("Cannot create %1").arg(native(path)));
    }
    created = true;
    return {};
}

CaseDatabase::Result CaseDatabase::openExisting(const QString &path, OpenMode mode)
{
    // 1. The header, with plain file I/O: nothing SQLite could write (not even
    //    a -shm file for a WAL database) is touched for a foreign file.
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {nullptr,
                caseError(Error::Code::Io,
                          tr("Cannot read %1: %2").arg(native(path), file.errorString()))};
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

    // 2. The files beside it, before any SQLite connection could roll back a
    //    journal.
    if (Error error = checkSideFiles(path))
        return {nullptr, std::move(error)};

    // 3. The schema, on a read-only connection.
    int version = 0;
    int code = SQLITE_OK;
    {
        SqliteDb probe;
        if (!probe.open(toUtf8(path), SqliteDb::Access::ReadOnly))
            return {nullptr, databaseError(path, probe.lastError())};
        Error error = checkCase(probe, path, version, code);
        if (error && !needsRecovery(code))
            return {nullptr, std::move(error)};
    }

    // 4. Read-write. The check is repeated: the file may have changed since,
    //    and a hot journal has only now been rolled back.
    SqliteDb db;
    if (!db.open(toUtf8(path), SqliteDb::Access::ReadWrite))
        return {nullptr, databaseError(path, db.lastError())};
    if (Error error = checkCase(db, path, version, code))
        return {nullptr, std::move(error)};
    if (mode == OpenMode::ReadOnly)
        return readOnlyCase(std::move(db), path, version);
    configure(db);
    // A write-protected older case is read in its own format, as a ReadOnly
    // open reads it (see readOnlyCase()).
    if (version < kSchemaVersion && !db.isReadOnly()) {
        std::string why;
        if (!migrate(db, version, why)) {
            return {
                nullptr,
                caseError(Error::Code::Database,
                          tr("Cannot upgrade %1: %2")
                              .arg(native(path), fromUtf8(why.empty() ? db.lastError() : why)))};
        }
        version = kSchemaVersion;
    }
    return {std::unique_ptr<CaseDatabase>(new CaseDatabase(std::move(db), path, version)), {}};
}

// A read-write connection that runs no writing SQL (query_only), rather than
// a read-only one: on a WAL-mode case a read-only connection creates -wal and
// -shm files and leaves them behind, where the last read-write connection
// removes them when it closes. Neither changes the case's bytes or journal
// mode; the read-write one also rolls back a hot journal (a crashed write),
// which restores the case as last committed, as any open does.
//
// An older case is not migrated (that would write) but read in its own
// format: every format adds to the one before, and a query that needs a newer
// table takes the older, slower way (CaseQueries::processesOf() reads the
// events of a format 1 case one by one).
CaseDatabase::Result CaseDatabase::readOnlyCase(SqliteDb db, const QString &path, int version)
{
    if (!db.exec("PRAGMA query_only = 1"))
        return {nullptr, databaseError(path, db.lastError())};
    auto database = std::unique_ptr<CaseDatabase>(new CaseDatabase(std::move(db), path, version));
    database->m_readOnly = true;
    return {std::move(database), {}};
}

bool CaseDatabase::removeIfUnused(std::unique_ptr<CaseDatabase> database)
{
    if (!database)
        return false;
    const QString path = database->m_path;
    bool removed = false;
    {
        // Under the write lock, so that no other process adds to the case
        // between the check and the removal.
        Transaction transaction(database->m_db, Transaction::Mode::Immediate);
        if (transaction.isActive()) {
            Statement s(database->m_db,
                        "SELECT EXISTS (SELECT 1 FROM sources) OR EXISTS (SELECT 1 FROM marks)");
            const bool unused = s.step() == Statement::Step::Row && s.columnInt64(0) == 0;
            s.reset();
            removed = unused && QFile::remove(path);
        }
    }
    database.reset();
    return removed;
}

QString CaseDatabase::errorText(int sqliteCode, const std::string &message) const
{
    if (isBusy(sqliteCode))
        return CaseLockInfo::lockedMessage(m_path);
    return fromUtf8(message);
}

QString CaseDatabase::lastError() const
{
    return errorText(m_db.errorCode(), m_db.lastError());
}

std::optional<std::int64_t> CaseDatabase::sourceWithSha256(std::string_view sha256)
{
    Statement s(m_db, "SELECT id FROM sources WHERE sha256 = ?1 ORDER BY id LIMIT 1");
    s.bindText(1, sha256);
    if (s.step() != Statement::Step::Row)
        return std::nullopt;
    return s.columnInt64(0);
}

Error CaseDatabase::saveCopy(const QString &target)
{
    const QFileInfo to(target);
    if (to.exists() && to.canonicalFilePath() == QFileInfo(m_path).canonicalFilePath())
        return Error(tr("%1 is the case itself: choose another file").arg(target),
                     Error::Code::Invalid);
    // Hidden, beside the target: the rename stays on one file system.
    const QString partial = to.absolutePath() + QStringLiteral("/.") + to.fileName()
        + QStringLiteral(".saving-") + QString::number(QCoreApplication::applicationPid());
    QFile::remove(partial);
    Statement vacuum(m_db, "VACUUM INTO ?1");
    vacuum.bindText(1, partial.toStdString());
    if (vacuum.step() != Statement::Step::Done) {
        const Error error(tr("Cannot save a copy as %1: %2").arg(target, lastError()),
                          Error::Code::Io);
        vacuum.reset();
        QFile::remove(partial);
        return error;
    }
    if (std::rename(QFile::encodeName(partial).constData(), QFile::encodeName(target).constData())
        != 0) {
        const int code = errno;
        QFile::remove(partial);
        return Error(tr("Cannot save a copy as %1: %2")
                         .arg(target, QString::fromLocal8Bit(std::strerror(code))),
                     Error::Code::Io);
    }
    return {};
}

bool CaseDatabase::hasSourceOfSize(std::int64_t size)
{
    Statement s(m_db, "SELECT EXISTS (SELECT 1 FROM sources WHERE size = ?1)");
    s.bindInt64(1, size);
    return s.step() == Statement::Step::Row && s.columnInt64(0) != 0;
}

} // namespace ea
