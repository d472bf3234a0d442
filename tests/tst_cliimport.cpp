// The case commands of egress-auditor-cli run as real processes: import's
// summary lines and exit statuses, the destinations CSV contract, marks,
// allowlists, rejected rows, and files that are not cases. Everything is
// observed through the CLI's output; the case file is only hashed as bytes.

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include "clirunner.h"
#include "strictcsv.h"

using namespace ea::test;

namespace {

const QByteArrayList kDestinationsHeader {
    "address",   "expanded",  "family", "category",   "external",  "status", "connections",
    "processes", "hosts",     "ports",  "first_seen", "last_seen", "note",   "bytes_out",
    "bytes_in",  "direction", "lists",  "country",    "asn",       "as_org"};
const QByteArrayList kSeedHeader {"expanded_address", "dst_addr", "process_uuid"};

// Column indexes of the destinations CSV.
enum Column {
    Address,
    Expanded,
    FamilyCol,
    Category,
    External,
    Status,
    Connections,
    Processes,
    Hosts,
    Ports,
    FirstSeen,
    LastSeen,
    Note
};

QByteArrayList column(const QList<QByteArrayList> &rows, int index)
{
    QByteArrayList out;
    for (const QByteArrayList &row : rows)
        out.append(row.value(index));
    return out;
}

const QByteArrayList *rowFor(const QList<QByteArrayList> &rows, const QByteArray &address)
{
    for (const QByteArrayList &row : rows) {
        if (row.value(Address) == address)
            return &row;
    }
    return nullptr;
}

// The address engine's expanded form, as `classify` writes it.
QByteArray expandedOf(const char *address)
{
    const Run run = runCli({QStringLiteral("classify"), QString::fromLatin1(address)});
    QList<QByteArrayList> rows;
    QByteArray error;
    if (run.exitCode != 0 || !parseCsv(run.out, rows, error) || rows.size() != 2
        || rows.at(0).value(4) != "expanded")
        return "classify failed: " + describe(run);
    return rows.at(1).value(4);
}

QByteArrayList lines(const QByteArray &text)
{
    QByteArrayList out;
    for (QByteArray line : text.split('\n')) {
        if (line.endsWith('\r'))
            line.chop(1);
        if (!line.isEmpty())
            out.append(line);
    }
    return out;
}

} // namespace

class TestCliImport : public QObject
{
    Q_OBJECT

private slots:
    void importPrintsOneLinePerFile();
    void refusedFileAmongGoodOnes();
    void usageErrors_data();
    void usageErrors();
    void mapMakesRefusedFileImport();
    void duplicateNeedsForce();
    void destinationsCsv();
    void destinationsAll();
    void destinationsSeed();
    void destinationsTable();
    void spreadsheetCells_data();
    void spreadsheetCells();
    void marksHideAndMostSpecificWins();
    void allowlistRoundTrip();
    void allowlistBadRows();
    void rejectedLists();
    void processesListsBytes();
    void notACase_data();
    void notACase();
    void newerCaseIsRefused_data();
    void newerCaseIsRefused();
    void killedImportLeavesCaseUnchanged();

private:
    QTemporaryDir m_dir;
    int m_serial = 0;

    QString newPath(const QString &name)
    {
        return m_dir.filePath(QStringLiteral("%1-").arg(++m_serial) + name);
    }
    // A case holding import_cli_connections.csv.
    QString importedCase()
    {
        const QString path = newPath(QStringLiteral("case.eacase"));
        const Run run = runCli({QStringLiteral("import"), QStringLiteral("--case"), path,
                                dataPath("import_cli_connections.csv")});
        if (run.exitCode != 0)
            qWarning("import failed: %s", describe(run).constData());
        return path;
    }
    // The destinations CSV rows (header checked and removed).
    QList<QByteArrayList> destinations(const QString &casePath, const QStringList &extra = {});
};

QList<QByteArrayList> TestCliImport::destinations(const QString &casePath, const QStringList &extra)
{
    const Run run = runCli(
        QStringList {QStringLiteral("destinations"), QStringLiteral("--case"), casePath} + extra);
    QList<QByteArrayList> rows;
    QByteArray error;
    if (run.exitCode != 0 || !parseCsv(run.out, rows, error) || rows.isEmpty()
        || rows.first() != kDestinationsHeader) {
        qWarning("destinations: %s %s", error.constData(), describe(run).constData());
        return {{"bad output"}};
    }
    rows.removeFirst();
    return rows;
}

void TestCliImport::importPrintsOneLinePerFile()
{
    const QString casePath = newPath(QStringLiteral("new.eacase"));
    const QString sls = dataPath("csv_sls_connections.csv");
    const QString zeek = dataPath("import_zeek.log");
    const QString processes = dataPath("csv_sls_processes.csv");
    const Run run = runCli(
        {QStringLiteral("import"), QStringLiteral("--case"), casePath, sls, zeek, processes});
    QVERIFY2(run.exitStatus == QProcess::NormalExit && run.exitCode == 0, describe(run));
    QVERIFY(QFile::exists(casePath));
    // stderr is not a terminal here: no progress output.
    QVERIFY2(!run.err.contains('\r') && !run.err.contains('%'), describe(run));

    static const QRegularExpression shape(QStringLiteral(
        "^(.+): format (\\S+) \\((connections|processes|hosts)\\), read (\\d+), loaded (\\d+), "
        "rejected (\\d+), skipped (\\d+)$"));
    const QByteArrayList out = lines(run.out);
    QCOMPARE(out.size(), 3);
    const QStringList expected[] = {
        {sls, QStringLiteral("csv"), QStringLiteral("connections"), QStringLiteral("12"),
         QStringLiteral("10"), QStringLiteral("2"), QStringLiteral("0")},
        {zeek, QStringLiteral("zeek-tsv"), QStringLiteral("connections"), QStringLiteral("4"),
         QStringLiteral("3"), QStringLiteral("1"), QStringLiteral("0")},
        {processes, QStringLiteral("csv"), QStringLiteral("processes"), QStringLiteral("3"),
         QStringLiteral("2"), QStringLiteral("1"), QStringLiteral("0")},
    };
    for (int i = 0; i < 3; ++i) {
        const QRegularExpressionMatch m = shape.match(QString::fromUtf8(out.at(i)));
        QVERIFY2(m.hasMatch(), out.at(i).constData());
        QCOMPARE(m.capturedTexts().mid(1), expected[i]);
    }
}

void TestCliImport::refusedFileAmongGoodOnes()
{
    const QString casePath = newPath(QStringLiteral("mixed.eacase"));
    const QString good1 = dataPath("import_cli_connections.csv");
    const QString refused = dataPath("import_cli_unmapped.csv");
    const QString good2 = dataPath("import_cli_more.csv");
    const Run run = runCli(
        {QStringLiteral("import"), QStringLiteral("--case"), casePath, good1, refused, good2});
    QVERIFY2(run.exitStatus == QProcess::NormalExit, describe(run));
    QVERIFY2(run.exitCode == 1, describe(run));
    const QByteArrayList out = lines(run.out);
    QCOMPARE(out.size(), 2);
    QVERIFY2(out.at(0).startsWith(QByteArray(good1.toUtf8() + ": format csv")), describe(run));
    QVERIFY2(out.at(1).startsWith(QByteArray(good2.toUtf8() + ": format csv")), describe(run));
    // The refused file is named, with the headers it has and the way out.
    QVERIFY2(run.err.contains(refused.toUtf8()), describe(run));
    for (const char *word : {"when", "peer", "peer_port", "--map dst="})
        QVERIFY2(run.err.contains(word), describe(run));

    const QList<QByteArrayList> rows = destinations(casePath, {QStringLiteral("--all")});
    QVERIFY(rowFor(rows, "93.184.216.34"));
    QVERIFY(rowFor(rows, "151.101.1.69"));
    QVERIFY(!rowFor(rows, "151.101.65.69"));
}

void TestCliImport::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments"); // @CASE and @FILE are replaced

    const QString c = QStringLiteral("@CASE");
    const QString f = QStringLiteral("@FILE");
    const auto s = [](const char *text) {
        return QString::fromLatin1(text);
    };
    QTest::addRow("import without --case") << QStringList {s("import"), f};
    QTest::addRow("import without files") << QStringList {s("import"), s("--case"), c};
    QTest::addRow("import --map unknown key")
        << QStringList {s("import"), s("--case"), c, s("--map"), s("bogus=dst_addr"), f};
    QTest::addRow("import --map without column")
        << QStringList {s("import"), s("--case"), c, s("--map"), s("dst="), f};
    QTest::addRow("import --map without =")
        << QStringList {s("import"), s("--case"), c, s("--map"), s("dst"), f};
    QTest::addRow("import unknown option")
        << QStringList {s("import"), s("--case"), c, s("--frobnicate"), f};
    QTest::addRow("destinations without --case") << QStringList {s("destinations")};
    QTest::addRow("destinations --format xml")
        << QStringList {s("destinations"), s("--case"), c, s("--format"), s("xml")};
    QTest::addRow("destinations unknown option")
        << QStringList {s("destinations"), s("--case"), c, s("--everything")};
    QTest::addRow("mark without --status")
        << QStringList {s("mark"), s("--case"), c, s("93.184.216.34")};
    QTest::addRow("mark unknown status")
        << QStringList {s("mark"), s("--case"), c, s("93.184.216.34"), s("--status"), s("fine")};
    QTest::addRow("mark status unreviewed") << QStringList {
        s("mark"), s("--case"), c, s("93.184.216.34"), s("--status"), s("unreviewed")};
    QTest::addRow("mark invalid target") << QStringList {
        s("mark"), s("--case"), c, s("93.184.216.345"), s("--status"), s("known-safe")};
    QTest::addRow("mark prefix too long") << QStringList {
        s("mark"), s("--case"), c, s("2a00:1450:4001::/129"), s("--status"), s("internal")};
    QTest::addRow("mark host bits set")
        << QStringList {s("mark"), s("--case"), c, s("10.0.0.1/8"), s("--status"), s("internal")};
    QTest::addRow("mark two targets")
        << QStringList {s("mark"),     s("--case"),  c, s("10.0.0.0/8"), s("192.168.0.0/16"),
                        s("--status"), s("internal")};
    QTest::addRow("unmark invalid target")
        << QStringList {s("unmark"), s("--case"), c, s("not-an-address")};
    QTest::addRow("allowlist unknown action")
        << QStringList {s("allowlist"), s("merge"), s("--case"), c, f};
    QTest::addRow("allowlist without file")
        << QStringList {s("allowlist"), s("export"), s("--case"), c};
    QTest::addRow("rejected without --case") << QStringList {s("rejected")};
    QTest::addRow("unknown command") << QStringList {s("frobnicate"), s("--case"), c};
}

void TestCliImport::usageErrors()
{
    QFETCH(QStringList, arguments);

    // An existing case: a usage error must not touch it either.
    const QString casePath = importedCase();
    const QByteArray before = sha256Hex(casePath);
    arguments.replaceInStrings(QStringLiteral("@CASE"), casePath);
    arguments.replaceInStrings(QStringLiteral("@FILE"), dataPath("import_cli_more.csv"));
    const Run run = runCli(arguments);
    QVERIFY2(run.exitStatus == QProcess::NormalExit && run.exitCode == 2, describe(run));
    QVERIFY2(!run.err.isEmpty(), describe(run));
    QCOMPARE(sha256Hex(casePath), before);

    // With no case at all, none is created.
    const QString missing = newPath(QStringLiteral("missing.eacase"));
    arguments.replaceInStrings(casePath, missing);
    const Run again = runCli(arguments);
    QVERIFY2(again.exitCode == 2, describe(again));
    QVERIFY(!QFile::exists(missing));
}

void TestCliImport::mapMakesRefusedFileImport()
{
    const QString casePath = newPath(QStringLiteral("map.eacase"));
    const QString file = dataPath("import_cli_unmapped.csv");
    const Run refused
        = runCli({QStringLiteral("import"), QStringLiteral("--case"), casePath, file});
    QVERIFY2(refused.exitCode == 1, describe(refused));
    QVERIFY2(refused.out.isEmpty(), describe(refused));
    for (const char *word : {"when", "peer", "peer_port", "--map dst="})
        QVERIFY2(refused.err.contains(word), describe(refused));

    // A column the file does not have is an error too, naming it.
    const Run wrong = runCli({QStringLiteral("import"), QStringLiteral("--case"), casePath,
                              QStringLiteral("--map"), QStringLiteral("dst=nosuchcolumn"), file});
    QVERIFY2(wrong.exitCode == 1, describe(wrong));
    QVERIFY2(wrong.err.contains("nosuchcolumn"), describe(wrong));

    const Run mapped = runCli({QStringLiteral("import"), QStringLiteral("--case"), casePath,
                               QStringLiteral("--map"), QStringLiteral("dst=peer"),
                               QStringLiteral("--map"), QStringLiteral("PORT=peer_port"), file});
    QVERIFY2(mapped.exitCode == 0, describe(mapped));
    QCOMPARE(lines(mapped.out),
             QByteArrayList {file.toUtf8()
                             + ": format csv (connections), read 2, loaded 2, rejected 0, "
                               "skipped 0"});
    const QList<QByteArrayList> rows = destinations(casePath);
    QCOMPARE(column(rows, Address), (QByteArrayList {"151.101.65.69", "151.101.129.69"}));
    QCOMPARE(column(rows, Ports), (QByteArrayList {"443", "443"}));
}

void TestCliImport::duplicateNeedsForce()
{
    const QString casePath = importedCase();
    const QString file = dataPath("import_cli_connections.csv");
    const Run again = runCli({QStringLiteral("import"), QStringLiteral("--case"), casePath, file});
    QVERIFY2(again.exitCode == 1, describe(again));
    QVERIFY2(again.err.contains("already imported"), describe(again));
    QCOMPARE(rowFor(destinations(casePath), "93.184.216.34")->value(Connections), "3");

    const Run forced = runCli({QStringLiteral("import"), QStringLiteral("--case"), casePath,
                               QStringLiteral("--force"), file});
    QVERIFY2(forced.exitCode == 0, describe(forced));
    QCOMPARE(rowFor(destinations(casePath), "93.184.216.34")->value(Connections), "6");
}

void TestCliImport::destinationsCsv()
{
    const QString casePath = importedCase();
    const Run run = runCli({QStringLiteral("destinations"), QStringLiteral("--case"), casePath});
    QVERIFY2(run.exitCode == 0, describe(run));
    // The columns scripts read keep their order; format 5's come after them.
    QCOMPARE(lines(run.out).value(0),
             QByteArray("address,expanded,family,category,external,status,"
                        "connections,processes,hosts,ports,first_seen,"
                        "last_seen,note,bytes_out,bytes_in,direction,lists,country,asn,as_org"));
    const QList<QByteArrayList> rows = destinations(casePath);
    // External only, by connections (most first), then by address as a
    // number: 9.9.9.9 before 140.82.112.3, IPv4 before IPv6.
    QCOMPARE(column(rows, Address),
             (QByteArrayList {"93.184.216.34", "9.9.9.9", "140.82.112.3",
                              "2a00:1450:4001:81a::200e", "2a00:1450:4001:82b::2004"}));
    for (const QByteArrayList &row : rows) {
        QCOMPARE(row.size(), kDestinationsHeader.size());
        QCOMPARE(row.at(External), QByteArray("true"));
        QCOMPARE(row.at(Category), QByteArray("global"));
        QCOMPARE(row.at(Status), QByteArray("unreviewed"));
        QVERIFY2(row.at(FirstSeen).endsWith('Z'), row.at(FirstSeen).constData());
        QVERIFY2(row.at(LastSeen).endsWith('Z'), row.at(LastSeen).constData());
    }
    const QByteArrayList &web = *rowFor(rows, "93.184.216.34");
    QCOMPARE(web.at(FamilyCol), QByteArray("ipv4"));
    QCOMPARE(web.at(Connections), QByteArray("3"));
    QCOMPARE(web.at(Processes), QByteArray("2"));
    QCOMPARE(web.at(Hosts), QByteArray("2"));
    QCOMPARE(web.at(Ports), QByteArray("80;443"));
    QVERIFY2(web.at(FirstSeen).startsWith("2024-11-19T07:06:44"), web.at(FirstSeen).constData());
    QVERIFY2(web.at(LastSeen).startsWith("2024-11-19T07:06:46"), web.at(LastSeen).constData());
    const QByteArrayList &dns = *rowFor(rows, "9.9.9.9");
    QCOMPARE(dns.at(Ports), QByteArray("53;853"));
    const QByteArrayList &v6 = *rowFor(rows, "2a00:1450:4001:81a::200e");
    QCOMPARE(v6.at(FamilyCol), QByteArray("ipv6"));
    QCOMPARE(v6.at(Expanded), expandedOf("2a00:1450:4001:81a::200e"));
    QCOMPARE(web.at(Expanded), expandedOf("93.184.216.34"));
    QCOMPARE(v6.at(Connections), QByteArray("2"));
}

void TestCliImport::destinationsAll()
{
    const QString casePath = importedCase();
    const QList<QByteArrayList> rows = destinations(casePath, {QStringLiteral("--all")});
    QCOMPARE(
        column(rows, Address),
        (QByteArrayList {"10.0.0.9", "93.184.216.34", "9.9.9.9", "140.82.112.3",
                         "2a00:1450:4001:81a::200e", "2001:db8::1", "2a00:1450:4001:82b::2004"}));
    QCOMPARE(rowFor(rows, "10.0.0.9")->value(Category), "private");
    QCOMPARE(rowFor(rows, "10.0.0.9")->value(External), "false");
    QCOMPARE(rowFor(rows, "2001:db8::1")->value(Category), "documentation");
    QCOMPARE(rowFor(rows, "2001:db8::1")->value(External), "false");
}

void TestCliImport::destinationsSeed()
{
    const QString casePath = importedCase();
    const Run run = runCli({QStringLiteral("destinations"), QStringLiteral("--case"), casePath,
                            QStringLiteral("--format"), QStringLiteral("seed")});
    QVERIFY2(run.exitCode == 0, describe(run));
    QList<QByteArrayList> rows;
    QByteArray error;
    QVERIFY2(parseCsv(run.out, rows, error), error.constData());
    QVERIFY(!rows.isEmpty());
    QCOMPARE(rows.takeFirst(), kSeedHeader);
    QStringList triples;
    for (const QByteArrayList &row : std::as_const(rows)) {
        QCOMPARE(row.size(), 3);
        triples.append(QString::fromUtf8(row.join(',')));
    }
    // One row per distinct (destination, spelling, process); external only.
    QStringList expected;
    for (const auto &[address, process] :
         {std::pair {"93.184.216.34", "p1"}, std::pair {"93.184.216.34", "p3"},
          std::pair {"9.9.9.9", "p2"}, std::pair {"140.82.112.3", "p1"},
          std::pair {"2a00:1450:4001:81a::200e", "p1"},
          std::pair {"2a00:1450:4001:82b::2004", "p1"}}) {
        expected.append(QString::fromUtf8(expandedOf(address) + ',' + QByteArray(address) + ','
                                          + QByteArray(process)));
    }
    triples.sort();
    expected.sort();
    QCOMPARE(triples, expected);
}

void TestCliImport::destinationsTable()
{
    const QString casePath = importedCase();
    const Run run = runCli({QStringLiteral("destinations"), QStringLiteral("--case"), casePath,
                            QStringLiteral("--format"), QStringLiteral("table")});
    QVERIFY2(run.exitCode == 0, describe(run));
    const QByteArrayList out = lines(run.out);
    QCOMPARE(out.size(), 1 + 5);
    QVERIFY2(out.at(1).startsWith("93.184.216.34 "), out.at(1).constData());
    QVERIFY(!run.out.contains("10.0.0.9"));
}

void TestCliImport::spreadsheetCells_data()
{
    QTest::addColumn<QByteArray>("note");
    QTest::addColumn<bool>("neutralised");

    QTest::addRow("=") << QByteArray("=HYPERLINK(\"http://x\",\"y\")") << true;
    QTest::addRow("+") << QByteArray("+1+2") << true;
    QTest::addRow("-") << QByteArray("-2+3") << true;
    QTest::addRow("@") << QByteArray("@SUM(A1)") << true;
    QTest::addRow("plain") << QByteArray("CDN, per ticket 42") << false;
}

void TestCliImport::spreadsheetCells()
{
    QFETCH(QByteArray, note);
    QFETCH(bool, neutralised);

    const QString casePath = importedCase();
    const Run mark
        = runCli({QStringLiteral("mark"), QStringLiteral("--case"), casePath,
                  QStringLiteral("93.184.216.34"), QStringLiteral("--status"),
                  QStringLiteral("suspicious"), QStringLiteral("--note"), QString::fromUtf8(note)});
    QVERIFY2(mark.exitCode == 0, describe(mark));

    const QList<QByteArrayList> safe = destinations(casePath);
    QVERIFY(rowFor(safe, "93.184.216.34"));
    QCOMPARE(rowFor(safe, "93.184.216.34")->value(Status), "suspicious");
    QCOMPARE(rowFor(safe, "93.184.216.34")->value(Note), neutralised ? '\'' + note : note);

    const QList<QByteArrayList> raw = destinations(casePath, {QStringLiteral("--raw")});
    QVERIFY(rowFor(raw, "93.184.216.34"));
    QCOMPARE(rowFor(raw, "93.184.216.34")->value(Note), note);
}

void TestCliImport::marksHideAndMostSpecificWins()
{
    const QString casePath = importedCase();
    const auto cli = [&](const QStringList &arguments) {
        return runCli(QStringList {arguments.first(), QStringLiteral("--case"), casePath}
                      + arguments.mid(1));
    };
    const auto addresses = [&] {
        return column(destinations(casePath), Address);
    };
    const QByteArrayList all = addresses();
    QVERIFY(all.contains("2a00:1450:4001:81a::200e") && all.contains("2a00:1450:4001:82b::2004"));

    Run run = cli({QStringLiteral("mark"), QStringLiteral("2a00:1450:4001::/48"),
                   QStringLiteral("--status"), QStringLiteral("internal"), QStringLiteral("--note"),
                   QStringLiteral("our /48")});
    QVERIFY2(run.exitCode == 0, describe(run));
    QCOMPARE(addresses(), (QByteArrayList {"93.184.216.34", "9.9.9.9", "140.82.112.3"}));
    const QList<QByteArrayList> everything = destinations(casePath, {QStringLiteral("--all")});
    QCOMPARE(rowFor(everything, "2a00:1450:4001:82b::2004")->value(Status), "internal");
    QCOMPARE(rowFor(everything, "2a00:1450:4001:82b::2004")->value(Note), "our /48");

    // A more specific mark inside the /48 wins for its address.
    run = cli({QStringLiteral("mark"), QStringLiteral("2a00:1450:4001:82b::2004"),
               QStringLiteral("--status"), QStringLiteral("known-safe")});
    QVERIFY2(run.exitCode == 0, describe(run));
    QList<QByteArrayList> rows = destinations(casePath);
    QCOMPARE(
        column(rows, Address),
        (QByteArrayList {"93.184.216.34", "9.9.9.9", "140.82.112.3", "2a00:1450:4001:82b::2004"}));
    QCOMPARE(rowFor(rows, "2a00:1450:4001:82b::2004")->value(Status), "known-safe");

    run = cli({QStringLiteral("marks")});
    QVERIFY2(run.exitCode == 0, describe(run));
    QList<QByteArrayList> marks;
    QByteArray error;
    QVERIFY2(parseCsv(run.out, marks, error), error.constData());
    QCOMPARE(marks.size(), 3);
    QCOMPARE(marks.at(0), (QByteArrayList {"cidr", "status", "note", "created_at", "updated_at"}));
    QCOMPARE(marks.at(1).mid(0, 3),
             (QByteArrayList {"2a00:1450:4001::/48", "internal", "our /48"}));
    QCOMPARE(marks.at(2).mid(0, 3),
             (QByteArrayList {"2a00:1450:4001:82b::2004/128", "known-safe", ""}));
    for (const QByteArrayList &m : marks.mid(1)) {
        QVERIFY2(m.value(3).endsWith('Z'), m.value(3).constData());
        QVERIFY2(m.value(4).endsWith('Z'), m.value(4).constData());
    }

    // Unmarking the /48 brings its other address back, unreviewed.
    run = cli({QStringLiteral("unmark"), QStringLiteral("2a00:1450:4001::/48")});
    QVERIFY2(run.exitCode == 0, describe(run));
    rows = destinations(casePath);
    QCOMPARE(column(rows, Address), all);
    QCOMPARE(rowFor(rows, "2a00:1450:4001:81a::200e")->value(Status), "unreviewed");
    QCOMPARE(rowFor(rows, "2a00:1450:4001:82b::2004")->value(Status), "known-safe");
    run = cli({QStringLiteral("unmark"), QStringLiteral("2a00:1450:4001:82b::2004/128")});
    QVERIFY2(run.exitCode == 0, describe(run));
    QCOMPARE(rowFor(destinations(casePath), "2a00:1450:4001:82b::2004")->value(Status),
             "unreviewed");

    // An IPv4 block hides IPv4 destinations the same way.
    run = cli({QStringLiteral("mark"), QStringLiteral("9.9.9.0/24"), QStringLiteral("--status"),
               QStringLiteral("internal")});
    QVERIFY2(run.exitCode == 0, describe(run));
    QVERIFY(!addresses().contains("9.9.9.9"));
}

void TestCliImport::allowlistRoundTrip()
{
    const QString caseA = importedCase();
    const auto mark = [&](const char *target, const char *status, const QString &note) {
        return runCli({QStringLiteral("mark"), QStringLiteral("--case"), caseA,
                       QString::fromLatin1(target), QStringLiteral("--status"),
                       QString::fromLatin1(status), QStringLiteral("--note"), note});
    };
    QCOMPARE(mark("93.184.216.0/24", "known-safe", QStringLiteral("CDN, \"edge\"")).exitCode, 0);
    QCOMPARE(mark("2a00:1450:4001::/48", "internal", QStringLiteral("=ours")).exitCode, 0);
    QCOMPARE(mark("9.9.9.9", "suspicious", QStringLiteral("line one\nline two")).exitCode, 0);
    QCOMPARE(mark("140.82.112.3", "malicious", QString()).exitCode, 0);

    const QString allowlist = newPath(QStringLiteral("allow.csv"));
    const Run exported = runCli({QStringLiteral("allowlist"), QStringLiteral("export"),
                                 QStringLiteral("--case"), caseA, allowlist});
    QVERIFY2(exported.exitCode == 0, describe(exported));
    QVERIFY(QFile::exists(allowlist));

    const QString caseB = newPath(QStringLiteral("fresh.eacase"));
    const Run imported = runCli({QStringLiteral("allowlist"), QStringLiteral("import"),
                                 QStringLiteral("--case"), caseB, allowlist});
    QVERIFY2(imported.exitCode == 0, describe(imported));

    const auto marksOf = [](const QString &casePath) {
        const Run run = runCli(
            {QStringLiteral("marks"), QStringLiteral("--case"), casePath, QStringLiteral("--raw")});
        QList<QByteArrayList> rows;
        QByteArray error;
        QStringList out;
        if (run.exitCode != 0 || !parseCsv(run.out, rows, error))
            return QStringList {QString::fromUtf8(describe(run) + error)};
        for (const QByteArrayList &row : std::as_const(rows))
            out.append(QString::fromUtf8(row.mid(0, 3).join('|')));
        return out;
    };
    const QStringList marksA = marksOf(caseA);
    QCOMPARE(marksA.size(), 5);
    QCOMPARE(marksOf(caseB), marksA);
    QVERIFY(marksA.contains(QStringLiteral("2a00:1450:4001::/48|internal|=ours")));
    QVERIFY(marksA.contains(QStringLiteral("9.9.9.9/32|suspicious|line one\nline two")));
}

void TestCliImport::allowlistBadRows()
{
    const QString allowlist = newPath(QStringLiteral("bad-allow.csv"));
    QVERIFY(writeFile(allowlist,
                      "cidr,status,note\n"
                      "93.184.216.0/24,known-safe,cdn\n"
                      "10.0.0.1/8,internal,host bits set\n"
                      "192.0.2.0/24,awesome,unknown status\n"
                      "not-a-block,known-safe,nonsense\n"
                      "2a00:1450:4001::/48,internal,ours\n"));
    const QString casePath = importedCase();
    const Run run = runCli({QStringLiteral("allowlist"), QStringLiteral("import"),
                            QStringLiteral("--case"), casePath, allowlist});
    QVERIFY2(run.exitStatus == QProcess::NormalExit && run.exitCode == 1, describe(run));
    const QByteArrayList problems = lines(run.err);
    QCOMPARE(problems.size(), 3);
    const QByteArray prefix = allowlist.toUtf8() + ':';
    for (int i = 0; i < 3; ++i) {
        const QByteArray expected = prefix + QByteArray::number(3 + i) + ": ";
        QVERIFY2(problems.at(i).startsWith(expected) && problems.at(i).size() > expected.size(),
                 problems.at(i).constData());
    }
    // The good rows are applied.
    const Run marks = runCli({QStringLiteral("marks"), QStringLiteral("--case"), casePath});
    QCOMPARE(lines(marks.out).size(), 1 + 2);
    QVERIFY(!rowFor(destinations(casePath), "2a00:1450:4001:81a::200e"));
}

void TestCliImport::rejectedLists()
{
    const QString casePath = importedCase();
    const QString sls = dataPath("csv_sls_connections.csv");
    const Run import = runCli({QStringLiteral("import"), QStringLiteral("--case"), casePath, sls});
    QVERIFY2(import.exitCode == 0, describe(import));

    const Run run = runCli({QStringLiteral("rejected"), QStringLiteral("--case"), casePath});
    QVERIFY2(run.exitCode == 0, describe(run));
    static const QRegularExpression shape(QStringLiteral("^(.+):(\\d+): (.+)$"));
    QStringList where;
    for (const QByteArray &line : lines(run.out)) {
        const QRegularExpressionMatch m = shape.match(QString::fromUtf8(line));
        QVERIFY2(m.hasMatch(), line.constData());
        where.append(m.captured(1) + QLatin1Char(':') + m.captured(2));
    }
    QCOMPARE(where,
             (QStringList {dataPath("import_cli_connections.csv") + QStringLiteral(":17"),
                           sls + QStringLiteral(":6"), sls + QStringLiteral(":7")}));
}

// `processes ADDRESS`: the columns of its contract, then bytes out and in
// per process or source (empty where no event named them).
void TestCliImport::processesListsBytes()
{
    const QString casePath = newPath(QStringLiteral("case.eacase"));
    const Run import = runCli({QStringLiteral("import"), QStringLiteral("--case"), casePath,
                               dataPath("sources_connections.csv")});
    QVERIFY2(import.exitCode == 0, describe(import));
    const Run run = runCli({QStringLiteral("processes"), QStringLiteral("--case"), casePath,
                            QStringLiteral("8.8.8.8")});
    QVERIFY2(run.exitCode == 0, describe(run));
    QList<QByteArrayList> rows;
    QByteArray error;
    QVERIFY2(parseCsv(run.out, rows, error), error.constData());
    QCOMPARE(rows.value(0),
             (QByteArrayList {"process", "key", "pid", "path", "host", "connections", "first_seen",
                              "last_seen", "bytes_out", "bytes_in"}));
    QStringList got;
    for (const QByteArrayList &row : rows.mid(1))
        got.append(QString::fromUtf8(row.value(4) + ' ' + row.value(5) + ' ' + row.value(8) + ' '
                                     + row.value(9)));
    // 10.0.0.5 twice (60/120, 70/130); 10.0.0.6 once, without counts.
    QCOMPARE(got,
             (QStringList {QStringLiteral("10.0.0.5 2 130 250"), QStringLiteral("10.0.0.6 1  ")}));
}

void TestCliImport::notACase_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QStringList>("arguments"); // after --case C

    const QByteArray text = "These are my notes, not a case.\n";
    QByteArray sqliteLike("SQLite format 3\0", 16);
    sqliteLike += QByteArray(84, '\0');
    const QString file = dataPath("import_cli_more.csv");
    const auto s = [](const char *t) {
        return QString::fromLatin1(t);
    };
    const struct
    {
        const char *name;
        QStringList arguments;
    } commands[] = {
        {"import", {s("import"), file}},
        {"destinations", {s("destinations")}},
        {"mark", {s("mark"), s("9.9.9.9"), s("--status"), s("internal")}},
        {"unmark", {s("unmark"), s("9.9.9.9")}},
        {"marks", {s("marks")}},
        {"rejected", {s("rejected")}},
        {"allowlist import", {s("allowlist"), s("import"), dataPath("import_cli_more.csv")}},
    };
    for (const auto &command : commands) {
        QTest::addRow("text file, %s", command.name) << text << command.arguments;
        QTest::addRow("SQLite header only, %s", command.name) << sqliteLike << command.arguments;
    }
}

void TestCliImport::notACase()
{
    QFETCH(QByteArray, content);
    QFETCH(QStringList, arguments);

    const QString casePath = newPath(QStringLiteral("notes.eacase"));
    QVERIFY(writeFile(casePath, content));
    const QByteArray before = sha256Hex(casePath);
    const QString command = arguments.takeFirst();
    QStringList full {command};
    if (command == QLatin1String("allowlist"))
        full.append(arguments.takeFirst());
    full << QStringLiteral("--case") << casePath;
    const Run run = runCli(full + arguments);
    QVERIFY2(run.exitStatus == QProcess::NormalExit && run.exitCode == 1, describe(run));
    QVERIFY2(!run.err.isEmpty(), describe(run));
    QCOMPARE(sha256Hex(casePath), before);
    QCOMPARE(QFileInfo(casePath).size(), content.size());
}

void TestCliImport::newerCaseIsRefused_data()
{
    QTest::addColumn<QStringList>("arguments"); // after --case C

    const auto s = [](const char *t) {
        return QString::fromLatin1(t);
    };
    QTest::addRow("import") << QStringList {s("import"), dataPath("import_cli_more.csv")};
    QTest::addRow("destinations") << QStringList {s("destinations")};
    QTest::addRow("mark") << QStringList {s("mark"), s("9.9.9.9"), s("--status"), s("internal")};
    QTest::addRow("rejected") << QStringList {s("rejected")};
}

void TestCliImport::newerCaseIsRefused()
{
    QFETCH(QStringList, arguments);

    // A case written by a newer version: PRAGMA user_version is the 32-bit
    // big-endian number at offset 60 of the SQLite header. Patched as bytes.
    const QString casePath = importedCase();
    {
        QFile file(casePath);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.seek(60));
        const QByteArray version = file.read(4);
        QCOMPARE(version.size(), 4);
        QVERIFY2(version != QByteArray(4, '\0'), "user_version is 0: not a versioned case?");
        QVERIFY(file.seek(60));
        QCOMPARE(file.write(QByteArray("\0\0\x03\xe7", 4)), qint64(4)); // 999
    }
    const QByteArray before = sha256Hex(casePath);
    const QString command = arguments.takeFirst();
    const Run run = runCli(QStringList {command, QStringLiteral("--case"), casePath} + arguments);
    QVERIFY2(run.exitStatus == QProcess::NormalExit && run.exitCode == 1, describe(run));
    QVERIFY2(run.err.contains("999") || run.err.contains("newer"), describe(run));
    QCOMPARE(sha256Hex(casePath), before);
}

void TestCliImport::killedImportLeavesCaseUnchanged()
{
    const QString casePath = importedCase();
    const Run mark = runCli({QStringLiteral("mark"), QStringLiteral("--case"), casePath,
                             QStringLiteral("9.9.9.0/24"), QStringLiteral("--status"),
                             QStringLiteral("known-safe")});
    QVERIFY2(mark.exitCode == 0, describe(mark));
    const auto state = [&] {
        QByteArray out;
        for (const char *command : {"destinations", "rejected", "marks"}) {
            QStringList arguments {QString::fromLatin1(command), QStringLiteral("--case"),
                                   casePath};
            if (qstrcmp(command, "destinations") == 0)
                arguments << QStringLiteral("--all");
            const Run run = runCli(arguments);
            out += describe(run);
        }
        return out;
    };
    const QByteArray before = state();
    const QByteArray bytesBefore = sha256Hex(casePath);

    // A large export, so the import is still writing when it is killed.
    const QString big = newPath(QStringLiteral("big.csv"));
    {
        QFile file(big);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QByteArray chunk = "unix_nano_timestamp,dst_addr,dst_port,process_uuid\n";
        for (int i = 0; i < 600000; ++i) {
            chunk += QByteArray::number(1732000000000000000LL + i) + ','
                + QByteArray::number(11 + i % 150) + '.' + QByteArray::number(i % 251) + '.'
                + QByteArray::number(i % 7) + '.' + QByteArray::number(1 + i % 200) + ",443,p"
                + QByteArray::number(i % 50) + '\n';
            if (chunk.size() > (1 << 20)) {
                QVERIFY(file.write(chunk) == chunk.size());
                chunk.clear();
            }
        }
        QVERIFY(file.write(chunk) == chunk.size());
    }
    QProcess process;
    process.start(QStringLiteral(EA_CLI_PATH),
                  {QStringLiteral("import"), QStringLiteral("--case"), casePath, big});
    QVERIFY(process.waitForStarted(30000));
    // Kill it once its write transaction is open (the rollback journal
    // exists), a little later still so that it has written rows.
    const QString journal = casePath + QStringLiteral("-journal");
    QElapsedTimer timer;
    timer.start();
    while (!QFile::exists(journal) && process.state() == QProcess::Running
           && timer.elapsed() < 60000)
        QThread::msleep(2);
    QThread::msleep(100);
    QVERIFY2(process.state() == QProcess::Running,
             "the import finished before it could be killed; make the file larger");
    QVERIFY2(QFile::exists(journal), "no rollback journal while importing");
    process.kill();
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitStatus(), QProcess::CrashExit);

    QCOMPARE(state(), before);
    QCOMPARE(sha256Hex(casePath), bytesBefore);
}

QTEST_GUILESS_MAIN(TestCliImport)
#include "tst_cliimport.moc"
