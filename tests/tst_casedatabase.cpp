// CaseDatabase: creating, opening and reopening case files, and refusing files
// that are not cases (or are newer than this build) without changing a byte.

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "storage/casedatabase.h"
#include "storage/sqlite.h"
#include "testutils.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <string>

using namespace ea;
using namespace ea::test;

namespace {

QStringList entries(const QString &dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

// A plain SQLite file made with fixed SQL, outside CaseDatabase.
bool makeSqliteFile(const QString &path, const char *sql)
{
    SqliteDb db;
    return db.open(path.toStdString(), SqliteDb::Access::ReadWriteCreate) && db.exec(sql);
}

bool makeCase(const QString &path)
{
    return CaseDatabase::open(path, CaseDatabase::OpenMode::CreateIfMissing).ok();
}

// What a process killed during an import leaves on disk: `crashed` is a copy
// of a new case at `original` with changed pages spilled into it, and its hot
// journal.
bool makeCrashedCase(const QString &original, const QString &crashed)
{
    if (!makeCase(original))
        return false;
    SqliteDb db;
    if (!db.open(original.toStdString(), SqliteDb::Access::ReadWrite))
        return false;
    // A tiny page cache makes SQLite spill changed pages into the file
    // before commit, as a large import does.
    if (!db.exec("PRAGMA cache_size = 2") || !db.begin())
        return false;
    Statement insert(db,
                     "INSERT INTO rejected(source_id, line, reason, raw)"
                     " VALUES(1, ?1, 'test', zeroblob(4000))");
    for (int line = 1; line <= 200; ++line) {
        insert.bindInt64(1, line);
        if (!insert.run())
            return false;
    }
    const bool copied = QFile::exists(original + QStringLiteral("-journal"))
        && QFile::copy(original, crashed)
        && QFile::copy(original + QStringLiteral("-journal"), crashed + QStringLiteral("-journal"));
    return db.rollback() && copied;
}

void appendBigEndian32(QByteArray &bytes, quint32 value)
{
    for (int shift = 24; shift >= 0; shift -= 8)
        bytes.append(char((value >> shift) & 0xff));
}

// The record SQLite writes at the end of a journal whose transaction spanned
// several databases: the lock-byte page number, the super-journal's name,
// its length, its checksum (the sum of its bytes) and the journal magic.
QByteArray superJournalRecord(const QByteArray &name)
{
    QByteArray record;
    appendBigEndian32(record, 0x40000000 / 16384 + 1);
    record += name;
    appendBigEndian32(record, quint32(name.size()));
    quint32 sum = 0;
    for (const char c : name)
        sum += quint8(c);
    appendBigEndian32(record, sum);
    record += QByteArray::fromHex("d9d505f920a163d7");
    return record;
}

constexpr CaseDatabase::OpenMode kAllModes[]
    = {CaseDatabase::OpenMode::OpenExisting, CaseDatabase::OpenMode::CreateIfMissing,
       CaseDatabase::OpenMode::ReadOnly};

} // namespace

class TestCaseDatabase : public QObject
{
    Q_OBJECT

private slots:
    void createOpenReopen();
    void openExistingNeedsFile();
    void createNeedsFolder();
    void openingLeavesCaseUntouched();
    void refused_data();
    void refused();
    void hotJournalIsRolledBack();
    void hotJournalIsRolledBackReadOnly();
    void superJournalIsRefused();
    void statisticsTablesAreAllowed();
    void formatOneIsReadOrMigrated();
    void readOnlyNeverWrites();
    void fifoIsRefused();
    void transactionNests();
    void statementRefusesSecondStatement();
    void releaseCacheMemoryFreesCachedPages();
};

// A long read fills the page cache (the snapshot's connection: 16 MiB);
// releaseCacheMemory() gives those pages back while the connection stays open.
void TestCaseDatabase::releaseCacheMemoryFreesCachedPages()
{
    QTemporaryDir dir;
    SqliteDb db;
    QVERIFY(db.open(dir.filePath(QStringLiteral("cache.db")).toStdString(),
                    SqliteDb::Access::ReadWriteCreate));
    QVERIFY(
        db.exec("PRAGMA cache_size = -16384; CREATE TABLE t(v BLOB);"
                "WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 8000) "
                "INSERT INTO t SELECT randomblob(1000) FROM n;"));
    QVERIFY(db.exec("SELECT sum(length(v)) FROM t"));
    const auto cacheUsed = [&db] {
        int current = 0;
        int highest = 0;
        sqlite3_db_status(db.handle(), SQLITE_DBSTATUS_CACHE_USED, &current, &highest, 0);
        return current;
    };
    const int before = cacheUsed();
    QVERIFY2(before > 4 * 1024 * 1024, qPrintable(QString::number(before)));
    db.releaseCacheMemory();
    QVERIFY2(cacheUsed() < before / 4, qPrintable(QString::number(cacheUsed())));
    QVERIFY(db.exec("SELECT count(*) FROM t")); // still open and usable
}

void TestCaseDatabase::createOpenReopen()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("first.eacase"));
    {
        CaseDatabase::Result r = CaseDatabase::open(path, CaseDatabase::OpenMode::CreateIfMissing);
        QVERIFY2(r.ok(), qPrintable(r.error.message()));
        CaseDatabase &c = *r.database;
        QCOMPARE(c.schemaVersion(), CaseDatabase::kSchemaVersion);
        QCOMPARE(c.path(), QFileInfo(path).absoluteFilePath());
        QVERIFY(!c.isReadOnly());
        QCOMPARE(scalar(c.db(), "PRAGMA application_id"), std::int64_t(0x45414331));
        QCOMPARE(scalar(c.db(), "PRAGMA user_version"), std::int64_t(CaseDatabase::kSchemaVersion));
        QCOMPARE(
            scalar(c.db(), "SELECT count(*) FROM meta WHERE key IN ('created_at', 'created_by')"),
            std::int64_t(2));
        QCOMPARE(scalar(c.db(), "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"),
                 std::int64_t(20));
        QVERIFY(!c.sourceWithSha256("ab12").has_value());

        Statement insert(c.db(),
                         "INSERT INTO sources(path, size, sha256, format, kind,"
                         " mapping_json, imported_at, rows_read, rows_loaded,"
                         " rows_rejected, rows_skipped, times_unset)"
                         " VALUES('a.csv', 10, ?1, 'csv', 'connections', '{}', 0,"
                         " 1, 1, 0, 0, 0)");
        insert.bindText(1, "ab12");
        QVERIFY2(insert.run(), insert.errorMessage().c_str());
        QCOMPARE(c.sourceWithSha256("ab12"), std::optional<std::int64_t>(c.db().lastInsertRowid()));
    }
    // Only the case is left: no temporary file, no journal.
    QCOMPARE(entries(dir.path()), QStringList {QStringLiteral("first.eacase")});

    CaseDatabase::Result again = CaseDatabase::open(path, CaseDatabase::OpenMode::OpenExisting);
    QVERIFY2(again.ok(), qPrintable(again.error.message()));
    QVERIFY(again.database->sourceWithSha256("ab12").has_value());

    // CreateIfMissing on an existing case opens it.
    again.database.reset();
    CaseDatabase::Result third = CaseDatabase::open(path, CaseDatabase::OpenMode::CreateIfMissing);
    QVERIFY2(third.ok(), qPrintable(third.error.message()));
    QVERIFY(third.database->sourceWithSha256("ab12").has_value());
}

void TestCaseDatabase::openExistingNeedsFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("missing.eacase"));
    const CaseDatabase::Result r = CaseDatabase::open(path, CaseDatabase::OpenMode::OpenExisting);
    QVERIFY(!r.ok());
    QCOMPARE(r.error.code(), Error::Code::NotFound);
    QVERIFY(r.error.message().contains(QStringLiteral("does not exist")));
    QVERIFY(entries(dir.path()).isEmpty());
}

void TestCaseDatabase::createNeedsFolder()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("no/such/folder/c.eacase"));
    const CaseDatabase::Result r
        = CaseDatabase::open(path, CaseDatabase::OpenMode::CreateIfMissing);
    QVERIFY(!r.ok());
    QCOMPARE(r.error.code(), Error::Code::Io);
    QVERIFY(entries(dir.path()).isEmpty());
}

void TestCaseDatabase::openingLeavesCaseUntouched()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("c.eacase"));
    QVERIFY(makeCase(path));
    const QByteArray before = sha256Hex(path);
    QVERIFY(CaseDatabase::open(path, CaseDatabase::OpenMode::OpenExisting).ok());
    QCOMPARE(sha256Hex(path), before);
    QCOMPARE(entries(dir.path()), QStringList {QStringLiteral("c.eacase")});
}

void TestCaseDatabase::refused_data()
{
    QTest::addColumn<QByteArray>("kind");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("reason");

    const int notACase = int(Error::Code::NotACase);
    const QString notACaseText = QStringLiteral("is not an Egress Auditor case");
    QTest::addRow("text file") << QByteArray("text") << notACase << notACaseText;
    QTest::addRow("empty file") << QByteArray("empty") << notACase << notACaseText;
    QTest::addRow("truncated SQLite header") << QByteArray("short") << notACase << notACaseText;
    QTest::addRow("SQLite of another app") << QByteArray("other") << notACase << notACaseText;
    QTest::addRow("SQLite of another app, WAL") << QByteArray("wal") << notACase << notACaseText;
    QTest::addRow("foreign application_id") << QByteArray("appid") << notACase << notACaseText;
    QTest::addRow("our id, foreign tables")
        << QByteArray("tables") << notACase << QStringLiteral("the table meta is missing");
    QTest::addRow("newer user_version") << QByteArray("newer") << int(Error::Code::NewerVersion)
                                        << QStringLiteral("made by a newer version");
    // Planted schema objects: a trigger runs with the next import or mark.
    QTest::addRow("trigger on sources deleting marks")
        << QByteArray("trigger-sources") << notACase
        << QStringLiteral("the trigger \"wipe\", which Egress Auditor does not create");
    QTest::addRow("trigger on marks rewriting status")
        << QByteArray("trigger-marks") << notACase
        << QStringLiteral("the trigger \"launder\", which Egress Auditor does not create");
    QTest::addRow("view") << QByteArray("view") << notACase
                          << QStringLiteral("the view \"v\", which Egress Auditor does not create");
    QTest::addRow("extra index")
        << QByteArray("index") << notACase
        << QStringLiteral("the index \"marks_status\", which Egress Auditor does not create");
    QTest::addRow("extra table")
        << QByteArray("table") << notACase
        << QStringLiteral("the table \"extra\", which Egress Auditor does not create");
    QTest::addRow("altered table")
        << QByteArray("altered") << notACase
        << QStringLiteral("the definition of the table \"marks\" has been changed");
    QTest::addRow("trigger with a line break in its name")
        << QByteArray("trigger-newline") << notACase
        << QStringLiteral("the trigger \"a?b\", which Egress Auditor does not create");
    QTest::addRow("missing index") << QByteArray("no-index") << notACase
                                   << QStringLiteral("the index \"sources_sha256\" is missing");
    // Format 2's table in a format 1 case, or missing from a format 2 one.
    QTest::addRow("format 1 with dest_processes")
        << QByteArray("v1-extra") << notACase
        << QStringLiteral("the table \"dest_processes\", which Egress Auditor does not create");
    QTest::addRow("format 2 without dest_processes")
        << QByteArray("v2-missing") << notACase
        << QStringLiteral("the table \"dest_processes\" is missing");
}

void TestCaseDatabase::refused()
{
    QFETCH(QByteArray, kind);
    QFETCH(int, code);
    QFETCH(QString, reason);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("input.eacase"));
    if (kind == "text" || kind == "empty" || kind == "short") {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        if (kind == "text")
            file.write("address,status\n10.0.0.1,internal\n");
        else if (kind == "short")
            file.write(QByteArray("SQLite format 3\0", 16) + QByteArray(20, '\x01'));
    } else if (kind == "other") {
        QVERIFY(makeSqliteFile(path, "CREATE TABLE t(x); INSERT INTO t VALUES(1);"));
    } else if (kind == "wal") {
        QVERIFY(makeSqliteFile(path,
                               "PRAGMA journal_mode=WAL; CREATE TABLE t(x);"
                               " INSERT INTO t VALUES(1);"));
    } else if (kind == "appid") {
        QVERIFY(makeSqliteFile(path,
                               "PRAGMA application_id = 1234; PRAGMA user_version = 1;"
                               " CREATE TABLE meta(key, value);"));
    } else if (kind == "tables") {
        QVERIFY(makeSqliteFile(path,
                               "PRAGMA application_id = 1161904945;"
                               " PRAGMA user_version = 1; CREATE TABLE foo(x);"));
    } else if (kind == "newer") {
        QVERIFY(makeCase(path));
        QVERIFY(makeSqliteFile(path, "PRAGMA user_version = 99;"));
    } else if (kind == "trigger-sources") {
        QVERIFY(makeCase(path));
        QVERIFY(makeSqliteFile(path,
                               "CREATE TRIGGER wipe AFTER INSERT ON sources"
                               " BEGIN DELETE FROM marks; END;"));
    } else if (kind == "trigger-marks") {
        QVERIFY(makeCase(path));
        QVERIFY(makeSqliteFile(path,
                               "CREATE TRIGGER launder AFTER INSERT ON marks"
                               " BEGIN UPDATE marks SET status = 'known-safe'"
                               " WHERE id = new.id; END;"));
    } else if (kind == "trigger-newline") {
        QVERIFY(makeCase(path));
        QVERIFY(makeSqliteFile(path,
                               "CREATE TRIGGER \"a\nb\" AFTER INSERT ON marks"
                               " BEGIN SELECT 1; END;"));
    } else if (kind == "view") {
        QVERIFY(makeCase(path));
        QVERIFY(makeSqliteFile(path, "CREATE VIEW v AS SELECT * FROM marks;"));
    } else if (kind == "index") {
        QVERIFY(makeCase(path));
        QVERIFY(makeSqliteFile(path, "CREATE INDEX marks_status ON marks(status);"));
    } else if (kind == "table") {
        QVERIFY(makeCase(path));
        QVERIFY(makeSqliteFile(path, "CREATE TABLE extra(x);"));
    } else if (kind == "altered") {
        QVERIFY(makeCase(path));
        QVERIFY(makeSqliteFile(path,
                               "DROP TABLE marks; CREATE TABLE marks(id INTEGER PRIMARY KEY,"
                               " first BLOB NOT NULL, last BLOB NOT NULL, prefix INTEGER NOT NULL,"
                               " family INTEGER NOT NULL, cidr TEXT NOT NULL UNIQUE,"
                               " status TEXT NOT NULL DEFAULT 'known-safe',"
                               " note TEXT NOT NULL DEFAULT '', created_at INTEGER NOT NULL,"
                               " updated_at INTEGER NOT NULL);"));
    } else if (kind == "no-index") {
        QVERIFY(makeCase(path));
        QVERIFY(makeSqliteFile(path, "DROP INDEX sources_sha256;"));
    } else if (kind == "v1-extra") {
        QVERIFY(makeCase(path));
        QVERIFY(makeSqliteFile(path, (asFormat6() + "PRAGMA user_version = 1;").c_str()));
    } else if (kind == "v2-missing") {
        QVERIFY(makeCase(path));
        QVERIFY(makeSqliteFile(path, "DROP TABLE dest_processes;"));
    }
    const QByteArray before = sha256Hex(path);
    const QStringList filesBefore = entries(dir.path());

    for (const auto mode :
         {CaseDatabase::OpenMode::OpenExisting, CaseDatabase::OpenMode::CreateIfMissing,
          CaseDatabase::OpenMode::ReadOnly}) {
        const CaseDatabase::Result r = CaseDatabase::open(path, mode);
        QVERIFY(!r.ok());
        QCOMPARE(int(r.error.code()), code);
        QVERIFY2(r.error.message().contains(reason), qPrintable(r.error.message()));
        QVERIFY2(r.error.message().contains(
                     QDir::toNativeSeparators(QFileInfo(path).absoluteFilePath())),
                 qPrintable(r.error.message()));
        // Byte-identical, and no journal, WAL or temporary file beside it.
        QCOMPARE(sha256Hex(path), before);
        QCOMPARE(entries(dir.path()), filesBefore);
    }
}

// A crashed import leaves a hot journal; the next open rolls it back, so the
// case is as it was before the import started.
void TestCaseDatabase::hotJournalIsRolledBack()
{
    QTemporaryDir dir;
    const QString original = dir.filePath(QStringLiteral("live.eacase"));
    const QString crashed = dir.filePath(QStringLiteral("crashed.eacase"));
    QVERIFY(makeCrashedCase(original, crashed));
    {
        // The journal is hot: a read-only connection cannot use the file.
        SqliteDb probe;
        QVERIFY(probe.open(crashed.toStdString(), SqliteDb::Access::ReadOnly));
        QCOMPARE(scalar(probe, "SELECT count(*) FROM rejected"), std::int64_t(-1));
        QCOMPARE(probe.errorCode(), SQLITE_READONLY_ROLLBACK);
    }
    CaseDatabase::Result r = CaseDatabase::open(crashed, CaseDatabase::OpenMode::OpenExisting);
    QVERIFY2(r.ok(), qPrintable(r.error.message()));
    QCOMPARE(scalar(r.database->db(), "SELECT count(*) FROM rejected"), std::int64_t(0));
    Statement check(r.database->db(), "PRAGMA integrity_check");
    QCOMPARE(check.step(), Statement::Step::Row);
    QCOMPARE(std::string(check.columnText(0)), std::string("ok"));
    check.reset();
    QVERIFY(!QFile::exists(crashed + QStringLiteral("-journal")));
}

// A read-only open of a crashed case rolls the journal back too: what it
// reads is then the case as last committed.
void TestCaseDatabase::hotJournalIsRolledBackReadOnly()
{
    QTemporaryDir dir;
    const QString original = dir.filePath(QStringLiteral("live.eacase"));
    const QString crashed = dir.filePath(QStringLiteral("crashed.eacase"));
    QVERIFY(makeCrashedCase(original, crashed));
    CaseDatabase::Result r = CaseDatabase::open(crashed, CaseDatabase::OpenMode::ReadOnly);
    QVERIFY2(r.ok(), qPrintable(r.error.message()));
    QVERIFY(r.database->isReadOnly());
    QCOMPARE(scalar(r.database->db(), "SELECT count(*) FROM rejected"), std::int64_t(0));
    QVERIFY(!QFile::exists(crashed + QStringLiteral("-journal")));
}

// A hot journal naming a super-journal would make SQLite delete that file
// (any file) while rolling back: such a case is refused before SQLite opens
// it, and nothing is touched.
void TestCaseDatabase::superJournalIsRefused()
{
    QTemporaryDir dir;
    const QString original = dir.filePath(QStringLiteral("live.eacase"));
    const QString crashed = dir.filePath(QStringLiteral("crashed.eacase"));
    const QString journal = crashed + QStringLiteral("-journal");
    const QString victim = dir.filePath(QStringLiteral("victim.txt"));
    QVERIFY(makeCrashedCase(original, crashed));
    {
        QFile file(victim);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.write("an unrelated file\n") > 0);
    }
    {
        QFile file(journal);
        QVERIFY(file.open(QIODevice::Append));
        const QByteArray record = superJournalRecord(QFile::encodeName(victim));
        QCOMPARE(file.write(record), record.size());
    }
    const QByteArray caseBefore = sha256Hex(crashed);
    const QByteArray journalBefore = sha256Hex(journal);
    const QStringList filesBefore = entries(dir.path());

    for (const auto mode : kAllModes) {
        const CaseDatabase::Result r = CaseDatabase::open(crashed, mode);
        QVERIFY(!r.ok());
        QCOMPARE(r.error.code(), Error::Code::NotACase);
        QVERIFY2(r.error.message().contains(QDir::toNativeSeparators(crashed))
                     && r.error.message().contains(QDir::toNativeSeparators(journal))
                     && r.error.message().contains(QStringLiteral("super-journal")),
                 qPrintable(r.error.message()));
        QVERIFY(QFile::exists(victim));
        QCOMPARE(sha256Hex(crashed), caseBefore);
        QCOMPARE(sha256Hex(journal), journalBefore);
        QCOMPARE(entries(dir.path()), filesBefore);
    }
}

// ANALYZE adds sqlite_stat1, which only steers the query planner.
void TestCaseDatabase::statisticsTablesAreAllowed()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("c.eacase"));
    QVERIFY(makeCase(path));
    QVERIFY(makeSqliteFile(path, "ANALYZE;"));
    for (const auto mode : kAllModes) {
        const CaseDatabase::Result r = CaseDatabase::open(path, mode);
        QVERIFY2(r.ok(), qPrintable(r.error.message()));
    }
}

// ReadOnly changes nothing, not even a WAL-mode case's journal mode, and
// refuses to write.
void TestCaseDatabase::readOnlyNeverWrites()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("c.eacase"));
    QVERIFY(makeCase(path));
    QVERIFY(makeSqliteFile(path, "PRAGMA journal_mode = WAL;"));
    const QByteArray before = sha256Hex(path);
    {
        CaseDatabase::Result r = CaseDatabase::open(path, CaseDatabase::OpenMode::ReadOnly);
        QVERIFY2(r.ok(), qPrintable(r.error.message()));
        QVERIFY(r.database->isReadOnly());
        QCOMPARE(scalar(r.database->db(), "SELECT count(*) FROM marks"), std::int64_t(0));
        QVERIFY(!r.database->db().exec("DELETE FROM meta"));
    }
    QCOMPARE(sha256Hex(path), before);
    QCOMPARE(entries(dir.path()), QStringList {QStringLiteral("c.eacase")});
    SqliteDb db;
    QVERIFY(db.open(path.toStdString(), SqliteDb::Access::ReadOnly));
    Statement mode(db, "PRAGMA journal_mode");
    QCOMPARE(mode.step(), Statement::Step::Row);
    QCOMPARE(std::string(mode.columnText(0)), std::string("wal"));
}

// A FIFO would block open() until someone writes to it: refused at once, as
// a case and as the journal beside one.
void TestCaseDatabase::fifoIsRefused()
{
    QTemporaryDir dir;
    const QString fifo = dir.filePath(QStringLiteral("fifo.eacase"));
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    for (const auto mode : kAllModes) {
        const CaseDatabase::Result r = CaseDatabase::open(fifo, mode);
        QVERIFY(!r.ok());
        QCOMPARE(r.error.code(), Error::Code::NotACase);
        QVERIFY2(r.error.message().contains(QStringLiteral("not a regular file")),
                 qPrintable(r.error.message()));
    }
    const QString path = dir.filePath(QStringLiteral("c.eacase"));
    QVERIFY(makeCase(path));
    const QString journal = path + QStringLiteral("-journal");
    QCOMPARE(::mkfifo(QFile::encodeName(journal).constData(), 0600), 0);
    for (const auto mode : kAllModes) {
        const CaseDatabase::Result r = CaseDatabase::open(path, mode);
        QVERIFY(!r.ok());
        QVERIFY2(r.error.message().contains(QDir::toNativeSeparators(journal))
                     && r.error.message().contains(QStringLiteral("not a regular file")),
                 qPrintable(r.error.message()));
    }
}

void TestCaseDatabase::transactionNests()
{
    SqliteDb db;
    QVERIFY(db.open(":memory:", SqliteDb::Access::ReadWriteCreate));
    QVERIFY(db.exec("CREATE TABLE t(x)"));
    {
        Transaction outer(db);
        QVERIFY(outer.isActive());
        QVERIFY(db.exec("INSERT INTO t VALUES(1)"));
        {
            Transaction inner(db);
            QVERIFY(inner.isActive());
            QVERIFY(db.exec("INSERT INTO t VALUES(2)"));
            // Not committed: only the inner insert is undone.
        }
        {
            Transaction inner(db);
            QVERIFY(db.exec("INSERT INTO t VALUES(3)"));
            QVERIFY(inner.commit());
        }
        QVERIFY(outer.commit());
    }
    Statement s(db, "SELECT group_concat(x, ',') FROM (SELECT x FROM t ORDER BY x)");
    QCOMPARE(s.step(), Statement::Step::Row);
    QCOMPARE(std::string(s.columnText(0)), std::string("1,3"));
    s.reset();
    {
        Transaction rolledBack(db);
        QVERIFY(db.exec("DELETE FROM t"));
    }
    QCOMPARE(scalar(db, "SELECT count(*) FROM t"), std::int64_t(2));
}

void TestCaseDatabase::statementRefusesSecondStatement()
{
    SqliteDb db;
    QVERIFY(db.open(":memory:", SqliteDb::Access::ReadWriteCreate));
    Statement two(db, "SELECT 1; SELECT 2");
    QVERIFY(!two.isValid());
    QCOMPARE(two.step(), Statement::Step::Error);
    QVERIFY(!two.errorMessage().empty());

    Statement one(db, "SELECT ?1, ?2, length(?3), ?4 IS NULL ;  ");
    QVERIFY(one.isValid());
    one.bindText(1, std::string_view {});
    one.bindInt64(2, -5);
    const std::uint8_t bytes[] = {1, 2, 3};
    one.bindBlobStatic(3, bytes);
    one.bindNull(4);
    QCOMPARE(one.step(), Statement::Step::Row);
    QVERIFY(!one.columnIsNull(0)); // an empty view binds '', not NULL
    QCOMPARE(one.columnInt64(1), std::int64_t(-5));
    QCOMPARE(one.columnInt64(2), std::int64_t(3));
    QCOMPARE(one.columnInt64(3), std::int64_t(1));
    one.reset();
    // A bind out of range is reported by the next step().
    one.bindInt64(9, 1);
    QCOMPARE(one.step(), Statement::Step::Error);
    QVERIFY2(one.errorMessage().find("parameter 9") != std::string::npos,
             one.errorMessage().c_str());
    one.reset();
    QCOMPARE(one.step(), Statement::Step::Row);
}

// A format 1 case (format 2 minus dest_processes) is read as it is by a
// ReadOnly open, byte for byte untouched, and migrated by a read-write one.
void TestCaseDatabase::formatOneIsReadOrMigrated()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("old.eacase"));
    QVERIFY(makeCase(path));
    QVERIFY(makeSqliteFile(path,
                           (statsAsFormat4() + eventsAsFormat3Table()
                            + "DROP TABLE source_notes; DROP TABLE dest_processes; DROP TABLE "
                              "dest_timeline; PRAGMA user_version = 1;")
                               .c_str()));
    const QByteArray before = sha256Hex(path);
    {
        const CaseDatabase::Result r = CaseDatabase::open(path, CaseDatabase::OpenMode::ReadOnly);
        QVERIFY2(r.ok(), qPrintable(r.error.message()));
        QCOMPARE(r.database->schemaVersion(), 1);
        QVERIFY(r.database->isReadOnly());
    }
    QCOMPARE(sha256Hex(path), before);
    QCOMPARE(entries(dir.path()), QStringList {QStringLiteral("old.eacase")});

    const CaseDatabase::Result r = CaseDatabase::open(path, CaseDatabase::OpenMode::OpenExisting);
    QVERIFY2(r.ok(), qPrintable(r.error.message()));
    QCOMPARE(r.database->schemaVersion(), CaseDatabase::kSchemaVersion);
    QCOMPARE(scalar(r.database->db(), "PRAGMA user_version"),
             std::int64_t(CaseDatabase::kSchemaVersion));
    QCOMPARE(scalar(r.database->db(), "SELECT count(*) FROM dest_processes"), std::int64_t(0));
    QCOMPARE(scalar(r.database->db(),
                    "SELECT count(*) FROM meta WHERE key IN ('migrated_at', 'migrated_by')"),
             std::int64_t(2));
}

QTEST_GUILESS_MAIN(TestCaseDatabase)
#include "tst_casedatabase.moc"
