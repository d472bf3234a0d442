// Values read from a case are untrusted: an edited case with ids or counts at
// the edge of their types makes an import fail with "the case is damaged"
// instead of overflowing (undefined behaviour, which the ASan/UBSan build turns
// into an abort), and the case is left byte-identical.

#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "ingest/importjob.h"
#include "storage/casedatabase.h"
#include "storage/sqlite.h"
#include "testutils.h"

#include <memory>

using namespace ea;
using namespace ea::test;

namespace {

ImportReport importInto(const QString &casePath, const QString &file)
{
    CaseDatabase::Result result
        = CaseDatabase::open(casePath, CaseDatabase::OpenMode::CreateIfMissing);
    if (!result.ok()) {
        ImportReport report;
        report.error = result.error;
        return report;
    }
    ImportOptions options;
    options.force = true; // the same file again touches the same destinations
    ImportJob job(*result.database, file, options);
    return job.run();
}

} // namespace

class TestUntrustedCase : public QObject
{
    Q_OBJECT

private slots:
    void damagedValuesRefused_data();
    void damagedValuesRefused();
};

void TestUntrustedCase::damagedValuesRefused_data()
{
    QTest::addColumn<QByteArray>("edit");

    // casewriter.cpp: the stored count plus this import's.
    QTest::addRow("dest_events.events near INT64_MAX")
        << QByteArray("UPDATE dest_events SET events = 9223372036854775807;");
    QTest::addRow("dest_stats.connections near INT64_MAX")
        << QByteArray("UPDATE dest_stats SET connections = 9223372036854775807;");
    // importcollector.cpp: the next event id after the largest.
    QTest::addRow("event id INT64_MAX")
        << QByteArray("UPDATE event_chunks SET first_id = 9223372036854775807 - count + 1"
                      " WHERE first_id = (SELECT max(first_id) FROM event_chunks);");
    QTest::addRow("event chunk id past INT64_MAX")
        << QByteArray("UPDATE event_chunks SET first_id = 9223372036854775807"
                      " WHERE first_id = (SELECT max(first_id) FROM event_chunks);");
    QTest::addRow("event chunk of no events") << QByteArray("UPDATE event_chunks SET count = 0;");
    QTest::addRow("event chunk id 0") << QByteArray("UPDATE event_chunks SET first_id = 0;");
    QTest::addRow("negative event list end")
        << QByteArray("UPDATE dest_events SET last_id = -9223372036854775807;");
    QTest::addRow("event list end past the events")
        << QByteArray("UPDATE dest_events SET last_id = last_id + 1000;");
    // 32-bit ids in memory, numbered from 1 (they index arrays): a larger
    // one would be truncated, or make the import allocate an array as large.
    QTest::addRow("destination id past 32 bits")
        << QByteArray("UPDATE destinations SET id = 4294967297"
                      " WHERE id = (SELECT max(id) FROM destinations);");
    QTest::addRow("destination id INT32_MAX")
        << QByteArray("UPDATE destinations SET id = 2147483647"
                      " WHERE id = (SELECT max(id) FROM destinations);");
    QTest::addRow("spelling id INT32_MAX")
        << QByteArray("UPDATE spellings SET id = 2147483647"
                      " WHERE id = (SELECT max(id) FROM spellings);");
    QTest::addRow("host id INT32_MAX")
        << QByteArray("UPDATE hosts SET id = 2147483647 WHERE id = (SELECT max(id) FROM hosts);");
    QTest::addRow("process id INT32_MAX")
        << QByteArray("UPDATE processes SET id = 2147483647"
                      " WHERE id = (SELECT max(id) FROM processes);");
    QTest::addRow("process of a host past the hosts")
        << QByteArray("UPDATE processes SET host_id = 2147483000;");
    QTest::addRow("event list of a destination past the destinations")
        << QByteArray("UPDATE dest_events SET dest_id = 2147483000"
                      " WHERE dest_id = (SELECT max(dest_id) FROM dest_events);");
}

void TestUntrustedCase::damagedValuesRefused()
{
    QFETCH(QByteArray, edit);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString casePath = dir.filePath(QStringLiteral("c.eacase"));
    const QString file = dataPath("drilldown_connections.csv");
    const ImportReport first = importInto(casePath, file);
    QVERIFY2(first.imported(), qPrintable(first.error.message()));
    {
        SqliteDb db;
        QVERIFY(db.open(casePath.toStdString(), SqliteDb::Access::ReadWrite));
        QVERIFY2(db.exec(edit.constData()), db.lastError().c_str());
    }
    const QByteArray before = sha256Hex(casePath);

    const ImportReport again = importInto(casePath, file);
    QVERIFY(!again.imported());
    QCOMPARE(again.outcome, ImportReport::Outcome::Failed);
    QVERIFY2(again.error.message().contains(QStringLiteral("the case is damaged: ")),
             qPrintable(again.error.message()));
    // A caller can tell a damaged case from a failing disk without the text.
    QVERIFY(again.error.code() == Error::Code::NotACase);
    QCOMPARE(sha256Hex(casePath), before);
    QVERIFY(!QFile::exists(casePath + QStringLiteral("-journal")));
}

QTEST_GUILESS_MAIN(TestUntrustedCase)
#include "tst_untrustedcase.moc"
