// previewImport: the import dialog's verdict before anything is committed.
// It must agree with ImportJob on every fixture (and on the held-out real
// exports when ../shared/realdata is there): refused or not, with the same
// text, and the format, kind and mapping the case stores. Overrides change
// the mapping as --map does; hostile input comes back as an error, and only
// the head of a long file is read.

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include "core/text.h"
#include "fifowatchdog.h"
#include "import/importpreview.h"
#include "ingest/importjob.h"
#include "storage/casedatabase.h"
#include "storage/casequeries.h"
#include "testutils.h"

#include <zlib.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

using namespace ea;
using namespace ea::test;

namespace {

// "dst=peer;port=peer_port" -> overrides, as the CLI's --map options.
std::vector<MappingOverride> parseOverrides(const QString &text)
{
    std::vector<MappingOverride> overrides;
    const QStringList items = text.split(QLatin1Char(';'), Qt::SkipEmptyParts);
    for (const QString &item : items) {
        const qsizetype eq = item.indexOf(QLatin1Char('='));
        const auto role = fieldRoleFromId(item.left(eq).toStdString());
        if (eq < 0 || !role) {
            qWarning("bad override %s", qPrintable(item));
            continue;
        }
        overrides.push_back({*role, item.mid(eq + 1).toStdString()});
    }
    return overrides;
}

QString previewMappingJson(const ImportPreview &preview)
{
    return toQString(mappingToJson(preview.mapping, preview.columns));
}

// What ImportJob did with the file in a new case, and what that case's
// sources table holds afterwards.
struct Imported
{
    ImportReport report;
    bool stored = false;
    SourceRow source;
};

Imported importIntoNewCase(const QString &path, std::vector<MappingOverride> overrides)
{
    Imported imported;
    QTemporaryDir dir;
    if (!dir.isValid())
        return imported;
    CaseDatabase::Result opened = CaseDatabase::open(dir.filePath(QStringLiteral("case.eacase")),
                                                     CaseDatabase::OpenMode::CreateIfMissing);
    if (!opened.ok()) {
        qWarning("cannot create a case: %s", qPrintable(opened.error.message()));
        return imported;
    }
    CaseDatabase &database = *opened.database;
    ImportJob job(database, path, ImportOptions {.overrides = std::move(overrides)});
    imported.report = job.run();
    CaseQueries queries(database);
    auto sources = queries.sources();
    if (sources.ok() && sources.value.size() == 1) {
        imported.stored = true;
        imported.source = sources.value.front();
    }
    return imported;
}

// A connections CSV of `rows` rows, about 60 bytes each.
QByteArray bigCsv(int rows)
{
    QByteArray csv = "unix_nano_timestamp,dst_addr,dst_port,process_uuid,protocol\n";
    csv.reserve(rows * 64);
    for (int i = 0; i < rows; ++i) {
        csv += QByteArray::number(1700000000000000000LL + i) + ",203.0.113."
            + QByteArray::number(i % 250) + ",443,proc-" + QByteArray::number(i % 97) + ",6\n";
    }
    return csv;
}

} // namespace

class TestImportPreview : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void agreesWithImportJob_data();
    void agreesWithImportJob();
    void overrides_data();
    void overrides();
    void sampleRows_data();
    void sampleRows();
    void badInput_data();
    void badInput();
    void pipeIsRefusedAtOnce();
    void readsOnlyTheHead_data();
    void readsOnlyTheHead();

private:
    QTemporaryDir m_dir;
};

void TestImportPreview::agreesWithImportJob_data()
{
    QTest::addColumn<QString>("path");
    const QStringList fixtures = QDir(QStringLiteral(EA_TEST_DATA_DIR))
                                     .entryList(QDir::Files | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &name : fixtures) {
        if (!name.endsWith(QLatin1String(".py")))
            QTest::addRow("%s", qPrintable(name)) << dataPath(name);
    }
    const QDir real(realdataDir());
    if (real.exists()) {
        const QStringList files = real.entryList(QDir::Files | QDir::NoDotAndDotDot, QDir::Name);
        for (const QString &name : files) {
            if (name != QLatin1String("README.md"))
                QTest::addRow("realdata/%s", qPrintable(name)) << real.filePath(name);
        }
    }
}

// Refused or not alike, with the same words; when imported, the format, kind
// and mapping the case stored are the preview's.
void TestImportPreview::agreesWithImportJob()
{
    QFETCH(QString, path);
    const ImportPreview preview = previewImport(path);
    const Imported imported = importIntoNewCase(path, {});
    const ImportReport &report = imported.report;

    QCOMPARE(preview.path, path);
    QCOMPARE(preview.error.message(), report.error.message());
    QCOMPARE(preview.error.message().isEmpty(), report.imported());
    QCOMPARE(toQString(preview.format), toQString(report.format));
    if (!report.imported())
        return;
    QVERIFY(imported.stored);
    QVERIFY(preview.mappable);
    QVERIFY(preview.wholeFile);
    QCOMPARE(toQString(preview.format), toQString(imported.source.format));
    QCOMPARE(toQString(fileKindId(preview.kind)), toQString(imported.source.kind));
    QCOMPARE(previewMappingJson(preview), toQString(imported.source.mappingJson));
    for (const std::vector<std::string> &row : preview.sampleRows)
        QCOMPARE(row.size(), preview.columns.size());
}

void TestImportPreview::overrides_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("overrides");
    QTest::addColumn<QString>("mappingJson"); // when accepted
    QTest::addColumn<QString>("errorNames"); // when refused: the error names this

    QTest::addRow("csv unmapped, refused without --map")
        << "import_cli_unmapped.csv" << QString() << QString() << "--map dst=COLUMN";
    QTest::addRow("csv unmapped, dst and port named")
        << "import_cli_unmapped.csv"
        << "dst=peer;port=peer_port;time=when"
        << R"({"dst":"peer","port":"peer_port","time":"when"})" << QString();
    QTest::addRow("csv column names are case-insensitive") << "import_cli_unmapped.csv"
                                                           << "dst=PEER"
                                                           << R"({"dst":"peer"})" << QString();
    QTest::addRow("csv dst moved to the source column")
        << "csv_sls_connections.csv"
        << "dst=src_addr;port=src_port"
        << R"({"dst":"src_addr","port":"src_port","src":"src_addr","srcport":"src_port",)"
           R"("protocol":"protocol","time":"unix_nano_timestamp","process":"process_uuid",)"
           R"("host":"sensor_id"})"
        << QString();
    QTest::addRow("csv override names a missing column")
        << "csv_sls_connections.csv"
        << "dst=no_such_column" << QString() << "no_such_column";
    QTest::addRow("zeek tsv dst moved to the originator")
        << "import_zeek.log"
        << "dst=id.orig_h"
        << R"({"dst":"id.orig_h","port":"id.resp_p","src":"id.orig_h","srcport":"id.orig_p",)"
           R"("protocol":"proto","time":"ts"})"
        << QString();
    QTest::addRow("zeek tsv override names a missing column")
        << "import_zeek.log"
        << "host=hostname" << QString() << "hostname";
    QTest::addRow("w3c host from a firewall column")
        << "w3c_pfirewall.log"
        << "host=action"
        << R"({"dst":"dst-ip","port":"dst-port","src":"src-ip","srcport":"src-port",)"
           R"("protocol":"protocol","time":"time","host":"action","direction":"path",)"
           R"("srcbytes":"size"})"
        << QString();
    QTest::addRow("w3c override names a missing column")
        << "w3c_pfirewall.log"
        << "pid=ProcessId" << QString() << "ProcessId";
    QTest::addRow("ndjson time from Sysmon's clock") << "import_windows.ndjson"
                                                     << "time=UtcTime" << QString() << QString();
    QTest::addRow("ndjson override names a missing key")
        << "import_zeek.ndjson"
        << "dst=no.such.key" << QString() << "no.such.key";
}

// The preview applies overrides as ImportJob does: the same verdict and, when
// accepted, the mapping the case stores.
void TestImportPreview::overrides()
{
    QFETCH(QString, file);
    QFETCH(QString, overrides);
    QFETCH(QString, mappingJson);
    QFETCH(QString, errorNames);
    const std::vector<MappingOverride> parsed = parseOverrides(overrides);
    const ImportPreview preview = previewImport(dataPath(file), parsed);
    const Imported imported = importIntoNewCase(dataPath(file), parsed);

    QCOMPARE(preview.error.message(), imported.report.error.message());
    if (!errorNames.isEmpty()) {
        QVERIFY2(preview.error.message().contains(errorNames), qPrintable(preview.error.message()));
        return;
    }
    QVERIFY2(preview.error.message().isEmpty(), qPrintable(preview.error.message()));
    QVERIFY(imported.stored);
    QCOMPARE(previewMappingJson(preview), toQString(imported.source.mappingJson));
    QCOMPARE(toQString(preview.format), toQString(imported.source.format));
    if (!mappingJson.isEmpty())
        QCOMPARE(previewMappingJson(preview), mappingJson);
    // Each override names the column it chose.
    for (const MappingOverride &o : parsed) {
        const int column = preview.mapping[o.role];
        QVERIFY(column >= 0 && std::size_t(column) < preview.columns.size());
        QCOMPARE(toQString(preview.columns[std::size_t(column)]).toLower(),
                 toQString(o.column).toLower());
    }
}

void TestImportPreview::sampleRows_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("columnCount");
    QTest::addColumn<int>("rowCount");
    QTest::addColumn<QStringList>("firstRow");

    QTest::addRow("csv with quoting")
        << "csv_quoting.csv"
        << "csv"
        << "connections" << 5 << 5
        << QStringList {QStringLiteral("1700000000000000001"), QStringLiteral("1.1.1.1"),
                        QStringLiteral("443"), QStringLiteral("p1"), QStringLiteral("plain")};
    QTest::addRow("tsv") << "tsv_sls_connections.tsv"
                         << "tsv"
                         << "connections" << -1 << -1 << QStringList();
    QTest::addRow("csv processes") << "csv_sls_processes.csv"
                                   << "csv"
                                   << "processes" << -1 << -1 << QStringList();
    QTest::addRow("csv hosts") << "csv_sls_hosts.csv"
                               << "csv"
                               << "hosts" << -1 << -1 << QStringList();
    QTest::addRow("zeek tsv") << "import_zeek.log"
                              << "zeek-tsv"
                              << "connections" << -1 << -1 << QStringList();
    QTest::addRow("w3c") << "w3c_pfirewall.log"
                         << "w3c-firewall"
                         << "connections" << -1 << -1 << QStringList();
    QTest::addRow("ndjson has no sample rows") << "import_zeek.ndjson"
                                               << "zeek-json"
                                               << "connections" << -1 << 0 << QStringList();
}

// Sample rows come split as the reader splits them, one cell per column.
void TestImportPreview::sampleRows()
{
    QFETCH(QString, file);
    QFETCH(QString, format);
    QFETCH(QString, kind);
    QFETCH(int, columnCount);
    QFETCH(int, rowCount);
    QFETCH(QStringList, firstRow);
    const ImportPreview preview = previewImport(dataPath(file));
    QVERIFY2(preview.error.message().isEmpty(), qPrintable(preview.error.message()));
    QCOMPARE(toQString(preview.format), format);
    QCOMPARE(toQString(fileKindId(preview.kind)), kind);
    QVERIFY(preview.mappable);
    QVERIFY(!preview.columns.empty());
    if (columnCount >= 0)
        QCOMPARE(int(preview.columns.size()), columnCount);
    if (rowCount >= 0)
        QCOMPARE(int(preview.sampleRows.size()), rowCount);
    else
        QVERIFY(!preview.sampleRows.empty());
    QVERIFY(preview.sampleRows.size() <= kPreviewSampleRows);
    for (const std::vector<std::string> &row : preview.sampleRows)
        QCOMPARE(row.size(), preview.columns.size());
    if (!firstRow.isEmpty()) {
        QStringList cells;
        for (const std::string &cell : preview.sampleRows.front())
            cells.append(toQString(cell));
        QCOMPARE(cells, firstRow);
    }
}

void TestImportPreview::badInput_data()
{
    QTest::addColumn<QString>("path"); // "tmp:NAME" lives in the test's temporary folder
    QTest::addColumn<QString>("names"); // the error names the problem

    QTest::addRow("binary garbage")
        << dataPath(QStringLiteral("detect_binary.bin")) << "unrecognised format";
    QTest::addRow("empty file") << dataPath(QStringLiteral("detect_empty.txt"))
                                << "unrecognised format";
    // Cut short inside the sniffed head: prose, as far as it goes.
    QTest::addRow("truncated gzip fixture")
        << dataPath(QStringLiteral("gz_truncated.gz")) << "unrecognised format";
    QTest::addRow("truncated gzip csv") << "tmp:truncated.csv.gz"
                                        << "truncated gzip stream";
    QTest::addRow("corrupt gzip block")
        << dataPath(QStringLiteral("gz_corrupt_block.gz")) << "gzip";
    // Its head inflates to prose; the bad CRC at the end never gets read.
    QTest::addRow("gzip bad crc") << dataPath(QStringLiteral("gz_corrupt_crc.gz"))
                                  << "unrecognised format";
    QTest::addRow("1 MB first line, no delimiter") << "tmp:long_word.csv"
                                                   << "unrecognised format";
    QTest::addRow("1 MB header row") << "tmp:long_header.csv"
                                     << "no destination";
    QTest::addRow("2 MB header row") << "tmp:longer_header.csv"
                                     << "header row";
    QTest::addRow("1 MB header row, gzip") << "tmp:long_header.csv.gz"
                                           << "no destination";
    QTest::addRow("missing file") << "tmp:does_not_exist.csv"
                                  << "cannot open";
    QTest::addRow("a directory") << "tmp:"
                                 << "directory";
}

// Errors name the problem and the file, as ImportJob's do; nothing crashes.
void TestImportPreview::badInput()
{
    QFETCH(QString, path);
    QFETCH(QString, names);
    QVERIFY(m_dir.isValid());
    if (path.startsWith(QLatin1String("tmp:"))) {
        path = m_dir.filePath(path.mid(4));
        // 1 MB of column names: detected as CSV from its first 64 KiB.
        QByteArray header;
        for (int i = 0; header.size() < 1000 * 1000; ++i)
            header += "column" + QByteArray::number(i) + ',';
        header += "last";
        if (path.endsWith(QLatin1String("truncated.csv.gz"))) {
            const QByteArray whole = gzipCompress(bigCsv(5000), Z_BEST_SPEED);
            QVERIFY(writeFile(path, whole.left(whole.size() / 2)));
        } else if (path.endsWith(QLatin1String("long_word.csv")))
            QVERIFY(writeFile(path, QByteArray(1000 * 1000, 'x') + "\n1\n"));
        else if (path.endsWith(QLatin1String("longer_header.csv")))
            QVERIFY(writeFile(path, header + ',' + header + "\n1\n"));
        else if (path.endsWith(QLatin1String("long_header.csv")))
            QVERIFY(writeFile(path, header + "\n1\n"));
        else if (path.endsWith(QLatin1String("long_header.csv.gz")))
            QVERIFY(writeFile(path, gzipCompress(header + "\n1\n", Z_BEST_SPEED)));
    }
    const ImportPreview preview = previewImport(path);
    QVERIFY(!preview.error.message().isEmpty());
    QVERIFY2(preview.error.message().contains(names, Qt::CaseInsensitive),
             qPrintable(preview.error.message()));
    QVERIFY2(preview.error.message().contains(QDir::toNativeSeparators(path)),
             qPrintable(preview.error.message()));
    const Imported imported = importIntoNewCase(path, {});
    QCOMPARE(preview.error.message(), imported.report.error.message());
}

// The import dialog previews every file it is given: a FIFO must not block it
// (opening one waits for a writer) and is refused as ImportJob refuses it.
void TestImportPreview::pipeIsRefusedAtOnce()
{
    QVERIFY(m_dir.isValid());
    const QString fifo = m_dir.filePath(QStringLiteral("pipe.csv"));
    QVERIFY(makeFifo(fifo));
    FifoWatchdog watchdog(fifo);
    const ImportPreview preview = previewImport(fifo);
    QVERIFY2(!watchdog.finish(), "the preview blocked opening the FIFO");
    QVERIFY2(preview.error.message().contains(QDir::toNativeSeparators(fifo)),
             qPrintable(preview.error.message()));
    QVERIFY2(preview.error.message().contains(QStringLiteral("pipe")),
             qPrintable(preview.error.message()));
    QVERIFY(!preview.mappable);
    QVERIFY(preview.sampleRows.empty());

    FifoWatchdog jobWatchdog(fifo);
    const Imported imported = importIntoNewCase(fifo, {});
    QVERIFY2(!jobWatchdog.finish(), "the import blocked opening the FIFO");
    QCOMPARE(preview.error.message(), imported.report.error.message());
    QVERIFY(!imported.stored);
}

void TestImportPreview::readsOnlyTheHead_data()
{
    QTest::addColumn<bool>("gzip");
    QTest::addRow("csv") << false;
    QTest::addRow("csv.gz") << true;
}

// A file far longer than the head: judged from the head, and said to be.
void TestImportPreview::readsOnlyTheHead()
{
    QFETCH(bool, gzip);
    QVERIFY(m_dir.isValid());
    const QByteArray csv = bigCsv(200000); // ~12 MB
    QVERIFY(csv.size() > 4 * kPreviewHeadBytes);
    const QString path
        = m_dir.filePath(gzip ? QStringLiteral("big.csv.gz") : QStringLiteral("big.csv"));
    QVERIFY(writeFile(path, gzip ? gzipCompress(csv, Z_BEST_SPEED) : csv));

    const ImportPreview preview = previewImport(path);
    QVERIFY2(preview.error.message().isEmpty(), qPrintable(preview.error.message()));
    QVERIFY(!preview.wholeFile);
    QCOMPARE(toQString(preview.format), QStringLiteral("csv"));
    QCOMPARE(previewMappingJson(preview),
             QStringLiteral(R"({"dst":"dst_addr","port":"dst_port","protocol":"protocol",)"
                            R"("time":"unix_nano_timestamp","process":"process_uuid"})"));
    QCOMPARE(preview.sampleRows.size(), kPreviewSampleRows);
    QCOMPARE(toQString(preview.sampleRows.back()[1]), QStringLiteral("203.0.113.4"));

    // A small file fits whole.
    const QString small = m_dir.filePath(QStringLiteral("small.csv"));
    QVERIFY(writeFile(small, bigCsv(3)));
    const ImportPreview whole = previewImport(small);
    QVERIFY(whole.wholeFile);
    QCOMPARE(whole.sampleRows.size(), std::size_t(3));
}

QTEST_GUILESS_MAIN(TestImportPreview)
#include "tst_importpreview.moc"
