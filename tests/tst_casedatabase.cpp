// CaseDatabase: creating, opening and reopening case files, and refusing files
// that are not cases (or are newer than this build) without changing a byte.

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

// Qt 6.4's moc cannot parse libstdc++'s <concepts>; the test class needs none
// of these declarations.
#ifndef Q_MOC_RUN
#include "storage/casedatabase.h"
#include "storage/sqlite.h"

#include <sqlite3.h>

#include <string>
#endif

using namespace ea;

namespace {

QByteArray fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result().toHex();
}

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

std::int64_t scalar(SqliteDb &db, const char *sql)
{
    Statement s(db, sql);
    return s.step() == Statement::Step::Row ? s.columnInt64(0) : -1;
}

bool makeCase(const QString &path)
{
    return CaseDatabase::open(path, CaseDatabase::OpenMode::CreateIfMissing).ok();
}

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
    void transactionNests();
    void statementRefusesSecondStatement();
};

void TestCaseDatabase::createOpenReopen()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("first.eacase"));
    {
        CaseDatabase::Result r = CaseDatabase::open(path, CaseDatabase::OpenMode::CreateIfMissing);
        QVERIFY2(r.ok(), qPrintable(r.error.message));
        CaseDatabase &c = *r.database;
        QCOMPARE(c.schemaVersion(), CaseDatabase::kSchemaVersion);
        QCOMPARE(c.path(), QFileInfo(path).absoluteFilePath());
        QVERIFY(!c.isReadOnly());
        QCOMPARE(scalar(c.db(), "PRAGMA application_id"), std::int64_t(0x45414331));
        QCOMPARE(scalar(c.db(), "PRAGMA user_version"), std::int64_t(1));
        QCOMPARE(
            scalar(c.db(), "SELECT count(*) FROM meta WHERE key IN ('created_at', 'created_by')"),
            std::int64_t(2));
        QCOMPARE(scalar(c.db(), "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"),
                 std::int64_t(13));
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
    QVERIFY2(again.ok(), qPrintable(again.error.message));
    QVERIFY(again.database->sourceWithSha256("ab12").has_value());

    // CreateIfMissing on an existing case opens it.
    again.database.reset();
    CaseDatabase::Result third = CaseDatabase::open(path, CaseDatabase::OpenMode::CreateIfMissing);
    QVERIFY2(third.ok(), qPrintable(third.error.message));
    QVERIFY(third.database->sourceWithSha256("ab12").has_value());
}

void TestCaseDatabase::openExistingNeedsFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("missing.eacase"));
    const CaseDatabase::Result r = CaseDatabase::open(path, CaseDatabase::OpenMode::OpenExisting);
    QVERIFY(!r.ok());
    QCOMPARE(r.error.code, CaseError::Code::NotFound);
    QVERIFY(r.error.message.contains(QStringLiteral("does not exist")));
    QVERIFY(entries(dir.path()).isEmpty());
}

void TestCaseDatabase::createNeedsFolder()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("no/such/folder/c.eacase"));
    const CaseDatabase::Result r
        = CaseDatabase::open(path, CaseDatabase::OpenMode::CreateIfMissing);
    QVERIFY(!r.ok());
    QCOMPARE(r.error.code, CaseError::Code::Io);
    QVERIFY(entries(dir.path()).isEmpty());
}

void TestCaseDatabase::openingLeavesCaseUntouched()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("c.eacase"));
    QVERIFY(makeCase(path));
    const QByteArray before = fileHash(path);
    QVERIFY(CaseDatabase::open(path, CaseDatabase::OpenMode::OpenExisting).ok());
    QCOMPARE(fileHash(path), before);
    QCOMPARE(entries(dir.path()), QStringList {QStringLiteral("c.eacase")});
}

void TestCaseDatabase::refused_data()
{
    QTest::addColumn<QByteArray>("kind");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("reason");

    const int notACase = int(CaseError::Code::NotACase);
    const QString notACaseText = QStringLiteral("is not an Egress Auditor case");
    QTest::addRow("text file") << QByteArray("text") << notACase << notACaseText;
    QTest::addRow("empty file") << QByteArray("empty") << notACase << notACaseText;
    QTest::addRow("truncated SQLite header") << QByteArray("short") << notACase << notACaseText;
    QTest::addRow("SQLite of another app") << QByteArray("other") << notACase << notACaseText;
    QTest::addRow("SQLite of another app, WAL") << QByteArray("wal") << notACase << notACaseText;
    QTest::addRow("foreign application_id") << QByteArray("appid") << notACase << notACaseText;
    QTest::addRow("our id, foreign tables")
        << QByteArray("tables") << notACase << QStringLiteral("the table meta is missing");
    QTest::addRow("newer user_version") << QByteArray("newer") << int(CaseError::Code::NewerVersion)
                                        << QStringLiteral("made by a newer version");
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
    }
    const QByteArray before = fileHash(path);
    const QStringList filesBefore = entries(dir.path());

    for (const auto mode :
         {CaseDatabase::OpenMode::OpenExisting, CaseDatabase::OpenMode::CreateIfMissing}) {
        const CaseDatabase::Result r = CaseDatabase::open(path, mode);
        QVERIFY(!r.ok());
        QCOMPARE(int(r.error.code), code);
        QVERIFY2(r.error.message.contains(reason), qPrintable(r.error.message));
        QVERIFY2(
            r.error.message.contains(QDir::toNativeSeparators(QFileInfo(path).absoluteFilePath())),
            qPrintable(r.error.message));
        // Byte-identical, and no journal, WAL or temporary file beside it.
        QCOMPARE(fileHash(path), before);
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
    QVERIFY(makeCase(original));
    {
        SqliteDb db;
        QVERIFY(db.open(original.toStdString(), SqliteDb::Access::ReadWrite));
        // A tiny page cache makes SQLite spill changed pages into the file
        // before commit, as a large import does.
        QVERIFY(db.exec("PRAGMA cache_size = 2"));
        QVERIFY(db.begin());
        Statement insert(db,
                         "INSERT INTO rejected(source_id, line, reason, raw)"
                         " VALUES(1, ?1, 'test', zeroblob(4000))");
        for (int line = 1; line <= 200; ++line) {
            insert.bindInt64(1, line);
            QVERIFY(insert.run());
        }
        // What a killed process leaves on disk: the file and its hot journal.
        QVERIFY(QFile::exists(original + QStringLiteral("-journal")));
        QVERIFY(QFile::copy(original, crashed));
        QVERIFY(QFile::copy(original + QStringLiteral("-journal"),
                            crashed + QStringLiteral("-journal")));
        QVERIFY(db.rollback());
    }
    {
        // The journal is hot: a read-only connection cannot use the file.
        SqliteDb probe;
        QVERIFY(probe.open(crashed.toStdString(), SqliteDb::Access::ReadOnly));
        QCOMPARE(scalar(probe, "SELECT count(*) FROM rejected"), std::int64_t(-1));
        QCOMPARE(probe.errorCode(), SQLITE_READONLY_ROLLBACK);
    }
    CaseDatabase::Result r = CaseDatabase::open(crashed, CaseDatabase::OpenMode::OpenExisting);
    QVERIFY2(r.ok(), qPrintable(r.error.message));
    QCOMPARE(scalar(r.database->db(), "SELECT count(*) FROM rejected"), std::int64_t(0));
    Statement check(r.database->db(), "PRAGMA integrity_check");
    QCOMPARE(check.step(), Statement::Step::Row);
    QCOMPARE(std::string(check.columnText(0)), std::string("ok"));
    check.reset();
    QVERIFY(!QFile::exists(crashed + QStringLiteral("-journal")));
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

QTEST_GUILESS_MAIN(TestCaseDatabase)
#include "tst_casedatabase.moc"
