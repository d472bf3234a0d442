#pragma once

// Small helpers shared by the QtTest suites: where the fixtures are, reading,
// writing and hashing whole files, gzip data and a process's peak memory.
// (Text from the model: ea::toQString in core/text.h. Running the CLI:
// clirunner.h.)

#include "memoryusage.h"

#include "core/text.h"
#include "storage/casequeries.h"
#include "storage/sqlite.h"

#include <QAbstractItemModel>
#include <QByteArray>
#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <sys/resource.h>

// The suites that drive zlib themselves want const input pointers; whichever
// of them includes zlib.h first decides, so decide here for all.
#ifndef ZLIB_CONST
#define ZLIB_CONST
#endif
#include <zlib.h>

#include <cstdint>
#include <string>

namespace ea::test {

// A fixture of tests/data/.
inline QString dataPath(const QString &name)
{
    return QStringLiteral(EA_TEST_DATA_DIR "/") + name;
}
inline QString dataPath(const char *name)
{
    return dataPath(QString::fromUtf8(name));
}

// ../shared/realdata: third-party captures, read in place, never copied here.
inline QString realdataDir()
{
    return QStringLiteral(EA_SHARED_DIR "/realdata");
}
inline QString realdataPath(const QString &name)
{
    return realdataDir() + QLatin1Char('/') + name;
}
inline QString realdataPath(const char *name)
{
    return realdataPath(QString::fromUtf8(name));
}

// The whole file, empty when it cannot be read.
inline QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Replaces the file's content; false when not every byte was written.
inline bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        && file.write(bytes) == bytes.size();
}

// SHA-256 of the file in lower-case hex, "unreadable" when it cannot be read.
inline QByteArray sha256Hex(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QByteArrayLiteral("unreadable");
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result().toHex();
}

// One gzip member holding `data`; empty if zlib fails.
inline QByteArray gzipCompress(const QByteArray &data, int level = Z_DEFAULT_COMPRESSION)
{
    z_stream zs {};
    if (deflateInit2(&zs, level, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    QByteArray out(qsizetype(deflateBound(&zs, uLong(data.size()))) + 64, Qt::Uninitialized);
    // const_cast: z_stream::next_in is const only under ZLIB_CONST.
    zs.next_in = const_cast<Bytef *>(reinterpret_cast<const Bytef *>(data.data()));
    zs.avail_in = uInt(data.size());
    zs.next_out = reinterpret_cast<Bytef *>(out.data());
    zs.avail_out = uInt(out.size());
    const int rc = deflate(&zs, Z_FINISH);
    out.truncate(qsizetype(zs.total_out));
    deflateEnd(&zs);
    return rc == Z_STREAM_END ? out : QByteArray();
}

// SQL that takes format 9's tables (the owners) out of a case; format 8
// added none.
inline std::string asFormat8()
{
    return R"sql(
DROP TABLE dest_owners;
DROP TABLE owner_sources;
)sql";
}

// SQL that takes format 7's tables (the known lists) out of a case, and
// those after it.
inline std::string asFormat6()
{
    return asFormat8() + R"sql(
DROP INDEX list_entries_list;
DROP TABLE list_entries;
DROP TABLE lists;
)sql";
}

// SQL that takes format 6's columns out of a case: for the tests that make
// an older case from a new one.
inline std::string asFormat5()
{
    // Format 5's dest_processes rows hold no bytes: a test that needs them
    // writes its own; these are rebuilt by the step to format 6.
    return asFormat6() + R"sql(
ALTER TABLE sources DROP COLUMN times_zone_unknown;
ALTER TABLE processes DROP COLUMN alias_of;
DELETE FROM dest_processes;
DELETE FROM dest_timeline;
)sql";
}

// The same, then format 5's columns out of the statistics tables: with
// eventsAsFormat3Table() or alone.
inline std::string statsAsFormat4()
{
    return asFormat5() + R"sql(
ALTER TABLE dest_stats DROP COLUMN bytes_out;
ALTER TABLE dest_stats DROP COLUMN bytes_in;
ALTER TABLE dest_stats DROP COLUMN directions;
ALTER TABLE process_stats DROP COLUMN bytes_out;
ALTER TABLE process_stats DROP COLUMN bytes_in;
ALTER TABLE host_stats DROP COLUMN bytes_out;
ALTER TABLE host_stats DROP COLUMN bytes_in;
)sql";
}

// SQL that turns a format 4 case's event chunks back into the events table of
// formats 1 to 3: for the tests that make an older case from a new one.
inline std::string eventsAsFormat3Table()
{
    return R"sql(
CREATE TEMP TABLE ea_old_events AS SELECT id, source_id, line, ts_ns, host_id, process_id,
  dest_id, dst_port, protocol, direction, src_spelling_id, src_port, spelling_id FROM events;
DROP TABLE event_chunks;
CREATE TABLE events(
  id INTEGER PRIMARY KEY, source_id INTEGER NOT NULL, line INTEGER NOT NULL, ts_ns INTEGER,
  host_id INTEGER, process_id INTEGER, dest_id INTEGER NOT NULL, dst_port INTEGER,
  protocol TEXT, direction INTEGER NOT NULL,
  src_spelling_id INTEGER, src_port INTEGER, spelling_id INTEGER NOT NULL);
INSERT INTO events SELECT * FROM temp.ea_old_events;
DROP TABLE temp.ea_old_events;
)sql";
}

// The first column of the first row of `sql`, -1 when there is no row.
inline std::int64_t scalar(SqliteDb &db, const char *sql)
{
    Statement s(db, sql);
    return s.step() == Statement::Step::Row ? s.columnInt64(0) : -1;
}

// One destination row as "canonical|category|external|connections" (external
// as true or false): what most checks of an import compare.
// The texts of one column of a model, top to bottom, as a view shows them.
inline QStringList column(const QAbstractItemModel *model, int column)
{
    QStringList texts;
    for (int row = 0; row < model->rowCount(); ++row)
        texts << model->index(row, column).data().toString();
    return texts;
}

// Writes the MaxMind-format test databases (tests/data/mmdb/make_fixtures.pl,
// Debian's libmaxmind-db-writer-perl) into dir; an empty string, or why not.
inline QByteArray writeMmdbFixtures(const QString &dir)
{
    QProcess perl;
    perl.start(QStringLiteral("perl"), {dataPath("mmdb/make_fixtures.pl"), dir});
    if (!perl.waitForFinished(60000))
        return "perl did not finish";
    if (perl.exitStatus() != QProcess::NormalExit || perl.exitCode() != 0)
        return "make_fixtures.pl failed: " + perl.readAllStandardError();
    return {};
}

inline QString brief(const DestinationRow &row)
{
    return QStringLiteral("%1|%2|%3|%4")
        .arg(toQString(row.canonical), toQString(row.category),
             row.external ? QStringLiteral("true") : QStringLiteral("false"))
        .arg(row.connections);
}

} // namespace ea::test
