// egress-auditor-cli's `lists` command run as a real process: `lists import`
// of each list format (its summary line, the FILE:LINE: reason lines, exit
// statuses), the `lists` CSV, the lists column of `destinations`, replace,
// remove, `--status` and `lists apply` with the marks they write, and the
// usage errors. Everything is observed through the CLI's output.
//
// The fixtures are tests/data/lists/ (see tst_knownlists.cpp for what each
// holds and which destinations of connections-lists.csv they hold).

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include "clirunner.h"
#include "strictcsv.h"

#include <map>

using namespace ea::test;

namespace {

const QByteArrayList kListsHeader {"name", "format", "version", "entries", "imported_at", "source"};

const QByteArrayList kDestinationsHeader {
    "address",   "expanded",  "family", "category",   "external",  "status", "connections",
    "processes", "hosts",     "ports",  "first_seen", "last_seen", "note",   "bytes_out",
    "bytes_in",  "direction", "lists",  "country",    "asn",       "as_org"};

QString listPath(const char *name)
{
    return dataPath(QStringLiteral("lists/") + QString::fromUtf8(name));
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

// A listsColumn() map as "address|lists" lines, for readable failures.
QByteArrayList flat(const std::map<QByteArray, QByteArray> &map)
{
    QByteArrayList out;
    for (const auto &[address, lists] : map)
        out << address + '|' + lists;
    return out;
}

QStringList args(std::initializer_list<QString> list)
{
    return QStringList(list);
}

} // namespace

class TestCliLists : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void importEachFormat_data();
    void importEachFormat();
    void listsCsv();
    void destinationsShowLists();
    void existingNameNeedsReplace();
    void statusMarksTheListsDestinations();
    void usageErrors_data();
    void usageErrors();
    void unknownListNames();
    void unreadableListFileCreatesNoCase_data();
    void unreadableListFileCreatesNoCase();

private:
    QTemporaryDir m_dir;
    int m_serial = 0;

    QString newPath(const QString &name)
    {
        return m_dir.filePath(QStringLiteral("%1-").arg(++m_serial) + name);
    }
    // A new case holding connections-lists.csv.
    QString importedCase();
    // A new case holding connections-lists.csv and the five fixture lists.
    QString caseWithAllLists();
    // A CSV output's rows (header checked and removed), or one "bad output" row.
    static QList<QByteArrayList> csvRows(const QStringList &arguments,
                                         const QByteArrayList &header);
    // address -> lists of `destinations --all`.
    static std::map<QByteArray, QByteArray> listsColumn(const QString &casePath);
};

QString TestCliLists::importedCase()
{
    const QString path = newPath(QStringLiteral("case.eacase"));
    const Run run = runCli({QStringLiteral("import"), QStringLiteral("--case"), path,
                            listPath("connections-lists.csv")});
    if (run.exitCode != 0)
        qWarning("import failed: %s", describe(run).constData());
    return path;
}

QString TestCliLists::caseWithAllLists()
{
    const QString path = importedCase();
    for (const auto &[name, file] : {std::pair {"aws", "aws-ip-ranges.json"},
                                     {"azure", "azure-servicetags.json"},
                                     {"google", "google-cloud.json"},
                                     {"iocs", "iocs.txt"},
                                     {"labels", "labels.csv"}}) {
        const Run run
            = runCli({QStringLiteral("lists"), QStringLiteral("import"), QStringLiteral("--case"),
                      path, QStringLiteral("--name"), QString::fromLatin1(name), listPath(file)});
        // Every fixture has entries that are rejected: stored, exit 1.
        if (run.exitCode != 1 || run.out.isEmpty())
            qWarning("lists import %s: %s", name, describe(run).constData());
    }
    return path;
}

QList<QByteArrayList> TestCliLists::csvRows(const QStringList &arguments,
                                            const QByteArrayList &header)
{
    const Run run = runCli(arguments);
    QList<QByteArrayList> rows;
    QByteArray error;
    if (run.exitCode != 0 || !parseCsv(run.out, rows, error) || rows.isEmpty()
        || rows.first() != header) {
        qWarning("%s %s", error.constData(), describe(run).constData());
        return {{"bad output"}};
    }
    rows.removeFirst();
    return rows;
}

std::map<QByteArray, QByteArray> TestCliLists::listsColumn(const QString &casePath)
{
    std::map<QByteArray, QByteArray> out;
    const QList<QByteArrayList> rows
        = csvRows({QStringLiteral("destinations"), QStringLiteral("--case"), casePath,
                   QStringLiteral("--all")},
                  kDestinationsHeader);
    for (const QByteArrayList &row : rows) {
        if (row.size() != kDestinationsHeader.size())
            return {{"bad row", row.join(',')}};
        out[row.first()] = row.at(kDestinationsHeader.indexOf("lists"));
    }
    return out;
}

void TestCliLists::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(QFile::exists(QStringLiteral(EA_CLI_PATH)));
}

void TestCliLists::importEachFormat_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("format"); // --format, or empty
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("summary"); // after "FILE: "
    QTest::addColumn<QStringList>("problems"); // each after "FILE" on stderr

    const QString aws = listPath("aws-ip-ranges.json");
    QTest::addRow("aws") << aws << QString() << 1
                         << "list x (aws, version 2024-11-19-07-06-40): 6 blocks, 1 listed "
                            "twice, 2 rejected"
                         << QStringList {QStringLiteral(": prefixes[5].ip_prefix: 3.5.0.1/16 has "
                                                        "host bits set (did you mean 3.5.0.0/16?)"),
                                         QStringLiteral(": prefixes[6].ip_prefix: no block")};
    QTest::addRow("aws, --format aws")
        << aws << "aws" << 1
        << "list x (aws, version 2024-11-19-07-06-40): 6 blocks, 1 listed twice, 2 rejected"
        << QStringList {QStringLiteral(": prefixes[5].ip_prefix: 3.5.0.1/16 has host bits set "
                                       "(did you mean 3.5.0.0/16?)"),
                        QStringLiteral(": prefixes[6].ip_prefix: no block")};
    QTest::addRow("azure")
        << listPath("azure-servicetags.json") << QString() << 1
        << "list x (azure, version 312 (Public)): 5 blocks, 1 listed twice, 2 rejected"
        << QStringList {QStringLiteral(": values[2].properties.addressPrefixes[0]: not-a-block is "
                                       "not an address or block (host name, not an address)"),
                        QStringLiteral(": values[2].properties.addressPrefixes[1]: no block")};
    QTest::addRow("google") << listPath("google-cloud.json") << QString() << 1
                            << "list x (google, version 2024-11-19T07:06:40.123456): 3 blocks, 0 "
                               "listed twice, 1 rejected"
                            << QStringList {QStringLiteral(": prefixes[3]: no block")};
    QTest::addRow("text") << listPath("iocs.txt") << QString() << 1
                          << "list x (text): 4 blocks, 1 listed twice, 3 rejected"
                          << QStringList {
                                 QStringLiteral(":7: fe80::1%eth0 is not a valid block (zone not "
                                                "allowed)"),
                                 QStringLiteral(":8: 10.1.2.3/8 has host bits set (did you mean "
                                                "10.0.0.0/8?)"),
                                 QStringLiteral(":9: 999.1.1.1 is not an address or block (IPv4 "
                                                "part above 255)")};
    QTest::addRow("csv") << listPath("labels.csv") << QString() << 1
                         << "list x (csv): 3 blocks, 0 listed twice, 1 rejected"
                         << QStringList {QStringLiteral(":5: no address or block")};
    QTest::addRow("google, --format google")
        << listPath("google-cloud.json") << "google" << 1
        << "list x (google, version 2024-11-19T07:06:40.123456): 3 blocks, 0 listed twice, 1 "
           "rejected"
        << QStringList {QStringLiteral(": prefixes[3]: no block")};
    QTest::addRow("clean text") << QString() << QString() << 0
                                << "list x (text): 2 blocks, 0 listed twice, 0 rejected"
                                << QStringList();
}

void TestCliLists::importEachFormat()
{
    QFETCH(QString, file);
    QFETCH(QString, format);
    QFETCH(int, exitCode);
    QFETCH(QString, summary);
    QFETCH(QStringList, problems);

    if (file.isEmpty()) {
        file = newPath(QStringLiteral("clean.txt"));
        QVERIFY(writeFile(file, "# two blocks\n192.0.2.0/24\n2001:db8::/32 # doc\n"));
    }
    // A case that does not exist yet is created.
    const QString casePath = newPath(QStringLiteral("new.eacase"));
    QStringList arguments {QStringLiteral("lists"),  QStringLiteral("import"),
                           QStringLiteral("--case"), casePath,
                           QStringLiteral("--name"), QStringLiteral("x")};
    if (!format.isEmpty())
        arguments << QStringLiteral("--format") << format;
    const Run run = runCli(arguments << file);
    QVERIFY2(run.exitStatus == QProcess::NormalExit, describe(run));
    QVERIFY2(run.exitCode == exitCode, describe(run));
    QCOMPARE(lines(run.out),
             QByteArrayList {QString(file + QStringLiteral(": ") + summary).toUtf8()});
    QByteArrayList expectedErr;
    for (const QString &problem : problems)
        expectedErr << QString(file + problem).toUtf8();
    QCOMPARE(lines(run.err), expectedErr);
    QVERIFY(QFile::exists(casePath));

    // Stored, rejected entries or not.
    const QList<QByteArrayList> rows
        = csvRows({QStringLiteral("lists"), QStringLiteral("--case"), casePath}, kListsHeader);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].value(0), QByteArray("x"));
    static const QRegularExpression blocks(QStringLiteral("(\\d+) blocks"));
    QCOMPARE(QString::fromUtf8(rows[0].value(3)), blocks.match(summary).captured(1));
    QCOMPARE(rows[0].value(5), file.toUtf8());
}

void TestCliLists::listsCsv()
{
    const QString casePath = caseWithAllLists();
    const QList<QByteArrayList> rows
        = csvRows({QStringLiteral("lists"), QStringLiteral("--case"), casePath}, kListsHeader);
    QCOMPARE(rows.size(), 5);
    // By name, each with what it was read from.
    const QList<QByteArrayList> expected {
        {"aws", "aws", "2024-11-19-07-06-40", "6", "", listPath("aws-ip-ranges.json").toUtf8()},
        {"azure", "azure", "312 (Public)", "5", "", listPath("azure-servicetags.json").toUtf8()},
        {"google", "google", "2024-11-19T07:06:40.123456", "3", "",
         listPath("google-cloud.json").toUtf8()},
        {"iocs", "text", "", "4", "", listPath("iocs.txt").toUtf8()},
        {"labels", "csv", "", "3", "", listPath("labels.csv").toUtf8()},
    };
    static const QRegularExpression iso(
        QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z$"));
    for (int k = 0; k < rows.size(); ++k) {
        QByteArrayList row = rows.at(k);
        QVERIFY2(iso.match(QString::fromUtf8(row.value(4))).hasMatch(), row.value(4).constData());
        row[4].clear();
        QCOMPARE(row, expected.at(k));
    }

    // An empty case: the header only.
    const QString empty = importedCase();
    const Run run = runCli({QStringLiteral("lists"), QStringLiteral("--case"), empty});
    QVERIFY2(run.exitCode == 0, describe(run));
    QCOMPARE(run.out, QByteArray("name,format,version,entries,imported_at,source\r\n"));
}

void TestCliLists::destinationsShowLists()
{
    const QString casePath = caseWithAllLists();
    const std::map<QByteArray, QByteArray> lists = listsColumn(casePath);
    const std::map<QByteArray, QByteArray> expected {
        {"13.112.0.9", "aws: AWS EC2 ap-northeast-1"},
        {"13.112.1.1", "aws: AWS EC2 ap-northeast-1"},
        {"192.0.2.77", "iocs; labels: Office VPN"},
        {"198.51.100.23", "iocs; labels: =HYPERLINK(\"x\")"},
        {"20.33.1.1", "azure: Storage.JapanEast"},
        {"20.34.0.1", "azure: AzureCloud"},
        {"2001:db8:bad::1", "iocs"},
        {"2406:da14:100::5", "aws: AWS EC2 ap-northeast-1"},
        {"2603:1000:4:402::10", "azure: Storage.JapanEast"},
        {"34.1.208.9", "google: Google Cloud africa-south1"},
        {"52.94.0.5", "aws: AWS DYNAMODB us-east-1"},
        {"52.94.1.5", "aws: AWS AMAZON us-east-1"},
        {"8.8.8.8", ""},
    };
    QCOMPARE(flat(lists), flat(expected));

    // A case without lists has the column, empty.
    const std::map<QByteArray, QByteArray> none = listsColumn(importedCase());
    QCOMPARE(none.size(), std::size_t(13));
    for (const auto &[address, text] : none)
        QVERIFY2(text.isEmpty(), address.constData());
}

void TestCliLists::existingNameNeedsReplace()
{
    const QString casePath = importedCase();
    const QStringList import {QStringLiteral("lists"),  QStringLiteral("import"),
                              QStringLiteral("--case"), casePath,
                              QStringLiteral("--name"), QStringLiteral("aws")};
    Run run = runCli(import + args({listPath("aws-ip-ranges.json")}));
    QVERIFY2(run.exitCode == 1 && !run.out.isEmpty(), describe(run));

    const QString other = newPath(QStringLiteral("aws-v2.txt"));
    QVERIFY(writeFile(other, "13.112.1.0/24\r\n"));
    run = runCli(import + args({other}));
    QVERIFY2(run.exitCode == 1, describe(run));
    QVERIFY2(run.out.isEmpty(), describe(run)); // no summary: nothing stored
    QCOMPARE(lines(run.err),
             QByteArrayList {"egress-auditor-cli: The case already has a list named aws"});
    QList<QByteArrayList> rows
        = csvRows({QStringLiteral("lists"), QStringLiteral("--case"), casePath}, kListsHeader);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].mid(0, 4), QByteArrayList({"aws", "aws", "2024-11-19-07-06-40", "6"}));
    QCOMPARE(listsColumn(casePath)["13.112.1.1"], QByteArray("aws: AWS EC2 ap-northeast-1"));

    run = runCli(import + args({QStringLiteral("--replace"), other}));
    QVERIFY2(run.exitCode == 0, describe(run));
    QCOMPARE(lines(run.out),
             QByteArrayList {other.toUtf8()
                             + ": list aws (text): 1 blocks, 0 listed twice, 0 "
                               "rejected"});
    QVERIFY2(run.err.isEmpty(), describe(run));
    rows = csvRows({QStringLiteral("lists"), QStringLiteral("--case"), casePath}, kListsHeader);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].mid(0, 4), QByteArrayList({"aws", "text", "", "1"}));
    QCOMPARE(rows[0].value(5), other.toUtf8());
    const std::map<QByteArray, QByteArray> lists = listsColumn(casePath);
    QCOMPARE(lists.at("13.112.1.1"), QByteArray("aws"));
    QCOMPARE(lists.at("13.112.0.9"), QByteArray()); // the old /14 is gone
    QCOMPARE(lists.at("52.94.0.5"), QByteArray());
}

void TestCliLists::statusMarksTheListsDestinations()
{
    const QString casePath = importedCase();
    Run run = runCli({QStringLiteral("lists"), QStringLiteral("import"), QStringLiteral("--case"),
                      casePath, QStringLiteral("--name"), QStringLiteral("azure"),
                      QStringLiteral("--status"), QStringLiteral("suspicious"),
                      listPath("azure-servicetags.json")});
    // Marked, though two entries were rejected (exit 1).
    QVERIFY2(run.exitCode == 1, describe(run));
    QByteArrayList out = lines(run.out);
    QCOMPARE(out.size(), 2);
    QVERIFY2(out[0].contains(": list azure (azure, version 312 (Public)): 5 blocks"),
             describe(run));
    QCOMPARE(out[1],
             QByteArray("list azure: 3 destinations, 3 marked, 0 updated, 0 unchanged, 0 kept "
                        "a mark not made by this list"));
    const QStringList marks {QStringLiteral("marks"), QStringLiteral("--case"), casePath};
    const QByteArrayList marksHeader {"cidr", "status", "note", "created_at", "updated_at"};
    const auto brief = [&] {
        QByteArrayList texts;
        for (const QByteArrayList &row : csvRows(marks, marksHeader))
            texts << row.mid(0, 3).join('|');
        return texts;
    };
    QCOMPARE(brief(),
             QByteArrayList({"20.33.1.1/32|suspicious|list azure: Storage.JapanEast",
                             "20.34.0.1/32|suspicious|list azure: AzureCloud",
                             "2603:1000:4:402::10/128|suspicious|list azure: Storage.JapanEast"}));

    // The analyst's own mark on one of them, then `lists apply`.
    run = runCli({QStringLiteral("mark"), QStringLiteral("--case"), casePath,
                  QStringLiteral("--status"), QStringLiteral("known-safe"),
                  QStringLiteral("--note"), QStringLiteral("mine"), QStringLiteral("20.34.0.1")});
    QVERIFY2(run.exitCode == 0, describe(run));
    const QStringList apply {QStringLiteral("lists"),    QStringLiteral("apply"),
                             QStringLiteral("--case"),   casePath,
                             QStringLiteral("--name"),   QStringLiteral("azure"),
                             QStringLiteral("--status"), QStringLiteral("malicious")};
    run = runCli(apply);
    QVERIFY2(run.exitCode == 0, describe(run));
    QCOMPARE(lines(run.out),
             QByteArrayList {"list azure: 3 destinations, 0 marked, 2 updated, 0 unchanged, 1 "
                             "kept a mark not made by this list"});
    QCOMPARE(brief(),
             QByteArrayList({"20.33.1.1/32|malicious|list azure: Storage.JapanEast",
                             "20.34.0.1/32|known-safe|mine",
                             "2603:1000:4:402::10/128|malicious|list azure: Storage.JapanEast"}));
    run = runCli(apply);
    QVERIFY2(run.exitCode == 0, describe(run));
    QCOMPARE(lines(run.out),
             QByteArrayList {"list azure: 3 destinations, 0 marked, 0 updated, 2 unchanged, 1 "
                             "kept a mark not made by this list"});

    // The destinations show the statuses and the marks' notes.
    const QList<QByteArrayList> rows
        = csvRows({QStringLiteral("destinations"), QStringLiteral("--case"), casePath,
                   QStringLiteral("--all")},
                  kDestinationsHeader);
    std::map<QByteArray, QByteArray> statusNote;
    for (const QByteArrayList &row : rows)
        statusNote[row.value(0)] = row.value(5) + '|' + row.value(12);
    QCOMPARE(statusNote["20.33.1.1"], QByteArray("malicious|list azure: Storage.JapanEast"));
    QCOMPARE(statusNote["20.34.0.1"], QByteArray("known-safe|mine"));
    QCOMPARE(statusNote["8.8.8.8"], QByteArray("unreviewed|"));
}

void TestCliLists::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments"); // after "lists", with --case C appended
    QTest::addColumn<QByteArray>("message"); // in stderr

    const QString file = listPath("iocs.txt");
    QTest::addRow("apply without --status")
        << QStringList {QStringLiteral("apply"), QStringLiteral("--name"), QStringLiteral("x")}
        << QByteArray("--status must be known-safe, suspicious, malicious or internal");
    QTest::addRow("apply --status unreviewed")
        << QStringList {QStringLiteral("apply"), QStringLiteral("--name"), QStringLiteral("x"),
                        QStringLiteral("--status"), QStringLiteral("unreviewed")}
        << QByteArray("--status must be known-safe, suspicious, malicious or internal");
    QTest::addRow("import --status bogus")
        << QStringList {QStringLiteral("import"),   QStringLiteral("--name"), QStringLiteral("x"),
                        QStringLiteral("--status"), QStringLiteral("bogus"),  file}
        << QByteArray("--status must be");
    QTest::addRow("import without --name")
        << QStringList {QStringLiteral("import"), file}
        << QByteArray("egress-auditor-cli: lists import needs --name");
    QTest::addRow("import, a ';' in the name")
        << QStringList {QStringLiteral("import"), QStringLiteral("--name"), QStringLiteral("a;b"),
                        file}
        << QByteArray("egress-auditor-cli: --name: a list's name cannot hold ':', ';' or "
                      "control characters");
    QTest::addRow("import, an empty name")
        << QStringList {QStringLiteral("import"), QStringLiteral("--name"), QString(), file}
        << QByteArray("egress-auditor-cli: --name: a list needs a name");
    QTest::addRow("import --format bogus")
        << QStringList {QStringLiteral("import"),   QStringLiteral("--name"), QStringLiteral("x"),
                        QStringLiteral("--format"), QStringLiteral("json"),   file}
        << QByteArray("--format must be auto, text, csv, aws, azure or google");
    QTest::addRow("import without a file")
        << QStringList {QStringLiteral("import"), QStringLiteral("--name"), QStringLiteral("x")}
        << QByteArray("usage: lists [import|remove|apply]");
    QTest::addRow("import with two files")
        << QStringList {QStringLiteral("import"), QStringLiteral("--name"), QStringLiteral("x"),
                        file, file}
        << QByteArray("usage: lists [import|remove|apply]");
    QTest::addRow("an unknown action")
        << QStringList {QStringLiteral("drop"), QStringLiteral("--name"), QStringLiteral("x")}
        << QByteArray("usage: lists [import|remove|apply]");
    QTest::addRow("remove with --status")
        << QStringList {QStringLiteral("remove"), QStringLiteral("--name"), QStringLiteral("x"),
                        QStringLiteral("--status"), QStringLiteral("suspicious")}
        << QByteArray("usage: lists [import|remove|apply]");
    QTest::addRow("remove with a file")
        << QStringList {QStringLiteral("remove"), QStringLiteral("--name"), QStringLiteral("x"),
                        file}
        << QByteArray("usage: lists [import|remove|apply]");
    QTest::addRow("apply --replace")
        << QStringList {QStringLiteral("apply"),      QStringLiteral("--name"),
                        QStringLiteral("x"),          QStringLiteral("--status"),
                        QStringLiteral("suspicious"), QStringLiteral("--replace")}
        << QByteArray("usage: lists [import|remove|apply]");
    QTest::addRow("listing with --name")
        << QStringList {QStringLiteral("--name"), QStringLiteral("x")}
        << QByteArray("usage: lists [import|remove|apply]");
}

void TestCliLists::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, message);

    const QString casePath = newPath(QStringLiteral("never.eacase"));
    const Run run = runCli(QStringList {QStringLiteral("lists")} + arguments
                           + args({QStringLiteral("--case"), casePath}));
    QVERIFY2(run.exitStatus == QProcess::NormalExit, describe(run));
    QVERIFY2(run.exitCode == 2, describe(run));
    QVERIFY2(run.err.contains(message), describe(run));
    QVERIFY2(run.out.isEmpty(), describe(run));
    QVERIFY(!QFile::exists(casePath));
}

void TestCliLists::unknownListNames()
{
    const QString casePath = importedCase();
    const QStringList base {QStringLiteral("lists"), QStringLiteral("--case"), casePath};
    Run run = runCli(base
                     + args({QStringLiteral("import"), QStringLiteral("--name"),
                             QStringLiteral("iocs"), listPath("iocs.txt")}));
    QVERIFY2(run.exitCode == 1 && !run.out.isEmpty(), describe(run));

    run = runCli(
        base + args({QStringLiteral("remove"), QStringLiteral("--name"), QStringLiteral("nope")}));
    QVERIFY2(run.exitCode == 1, describe(run));
    QCOMPARE(lines(run.err),
             QByteArrayList {"egress-auditor-cli: The case has no list named nope"});
    run = runCli(base
                 + args({QStringLiteral("apply"), QStringLiteral("--name"), QStringLiteral("nope"),
                         QStringLiteral("--status"), QStringLiteral("suspicious")}));
    QVERIFY2(run.exitCode == 1, describe(run));
    QCOMPARE(lines(run.err),
             QByteArrayList {"egress-auditor-cli: The case has no list named nope"});
    QCOMPARE(listsColumn(casePath)["192.0.2.77"], QByteArray("iocs"));

    // The list that is there goes, and with it the column's text.
    run = runCli(
        base + args({QStringLiteral("remove"), QStringLiteral("--name"), QStringLiteral("iocs")}));
    QVERIFY2(run.exitCode == 0, describe(run));
    QVERIFY2(run.err.isEmpty(), describe(run));
    QVERIFY(csvRows(base, kListsHeader).isEmpty());
    QCOMPARE(listsColumn(casePath)["192.0.2.77"], QByteArray());
    run = runCli(
        base + args({QStringLiteral("remove"), QStringLiteral("--name"), QStringLiteral("iocs")}));
    QVERIFY2(run.exitCode == 1, describe(run));
}

void TestCliLists::unreadableListFileCreatesNoCase_data()
{
    QTest::addColumn<QByteArray>("content"); // empty: no file at all
    QTest::addColumn<QByteArray>("message"); // the end of stderr's line

    QTest::addRow("no such file") << QByteArray()
                                  << QByteArray(": cannot open: No such file or "
                                                "directory");
    QTest::addRow("empty") << QByteArray("\n") << QByteArray(": no address or block in the file");
    QTest::addRow("no usable entry")
        << QByteArray("example.org\n10.0.0.1/8\n") << QByteArray(": no usable address or block");
    QTest::addRow("invalid json") << QByteArray("{\"prefixes\": [")
                                  << QByteArray(": not valid JSON at byte 14 (unterminated array)");
    QTest::addRow("csv without an address column")
        << QByteArray("host,label\nexample.org,x\n")
        << QByteArray(": line 1: the header names no address or block column (cidr, network, "
                      "prefix, address, ip, …)");
}

void TestCliLists::unreadableListFileCreatesNoCase()
{
    QFETCH(QByteArray, content);
    QFETCH(QByteArray, message);

    const QString file = newPath(QStringLiteral("list.txt"));
    if (!content.isEmpty())
        QVERIFY(writeFile(file, content));
    const QString casePath = newPath(QStringLiteral("never.eacase"));
    const Run run
        = runCli({QStringLiteral("lists"), QStringLiteral("import"), QStringLiteral("--case"),
                  casePath, QStringLiteral("--name"), QStringLiteral("x"), file});
    QVERIFY2(run.exitStatus == QProcess::NormalExit, describe(run));
    QVERIFY2(run.exitCode == 1, describe(run));
    QVERIFY2(run.out.isEmpty(), describe(run));
    const QByteArrayList err = lines(run.err);
    QVERIFY2(!err.isEmpty(), describe(run));
    QVERIFY2(err.last().endsWith(message), describe(run));
    QVERIFY(!QFile::exists(casePath));
}

QTEST_GUILESS_MAIN(TestCliLists)
#include "tst_clilists.moc"
