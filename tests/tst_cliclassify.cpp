// `egress-auditor-cli classify`, run as a real process: the CSV contract read by
// scripts, stdin streaming, exit statuses and the usage texts.

#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include "clirunner.h"
#include "strictcsv.h"

using namespace ea::test;

namespace {

const QByteArrayList kHeader {"input",    "valid",    "family", "canonical", "expanded",
                              "category", "external", "block",  "reason"};

// Checks a classify run: exit 0, nothing on stderr, the header, and rows of
// the header's width. The data rows (without the header) go to rows.
void checkClassifyOutput(const Run &run, QList<QByteArrayList> &rows)
{
    QCOMPARE(run.exitStatus, QProcess::NormalExit);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.err, QByteArray());
    QByteArray error;
    QVERIFY2(parseCsv(run.out, rows, error), error.constData());
    QVERIFY(!rows.isEmpty());
    QCOMPARE(rows.takeFirst(), kHeader);
    for (const QByteArrayList &row : std::as_const(rows))
        QCOMPARE(row.size(), kHeader.size());
}

QByteArray describe(const QByteArrayList &row)
{
    QByteArray text;
    for (qsizetype k = 0; k < row.size(); ++k) {
        text += (k < kHeader.size() ? kHeader.at(k) : QByteArray("?")) + "='" + row.at(k) + "' ";
    }
    return text;
}

} // namespace

class TestCliClassify : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void header();
    void classifyArguments_data();
    void classifyArguments();
    void argumentsInInputOrder();
    void stdinLines_data();
    void stdinLines();
    void stdinManyLines();
    void endlessLine();
    void quotingReachesOutput();
    void neutralisation_data();
    void neutralisation();
    void usageErrors_data();
    void usageErrors();
    void help_data();
    void help();
    void version_data();
    void version();
};

void TestCliClassify::initTestCase()
{
    const Run run = runCli({QStringLiteral("--version")});
    QVERIFY2(run.exitStatus == QProcess::NormalExit && run.exitCode == 0,
             "egress-auditor-cli did not run: " EA_CLI_PATH);
}

void TestCliClassify::header()
{
    const Run run = runCli({QStringLiteral("classify"), QStringLiteral("::1")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.startsWith(
        "input,valid,family,canonical,expanded,category,external,block,reason\r\n"));
    QVERIFY(run.out.endsWith("\r\n"));
    // No bare LF anywhere: every line end is CRLF.
    QCOMPARE(run.out.count('\n'), run.out.count("\r\n"));
}

void TestCliClassify::classifyArguments_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QByteArrayList>("expected"); // all columns after input

    const auto valid = [](const char *family, const char *canonical, const char *expanded,
                          const char *category, const char *external, const char *block) {
        return QByteArrayList {"true", family, canonical, expanded, category, external, block, ""};
    };
    const auto invalid = [](const char *reason) {
        return QByteArrayList {"false", "", "", "", "", "", "", reason};
    };

    // The examples
    QTest::addRow("unique-local") << QStringLiteral("fc00::1")
                                  << valid("ipv6", "fc00::1", "fc00:0:0:0:0:0:0:1", "unique-local",
                                           "false", "fc00::/7");
    QTest::addRow("multicast") << QStringLiteral("ff02::1")
                               << valid("ipv6", "ff02::1", "ff02:0:0:0:0:0:0:1", "multicast",
                                        "false", "ff00::/8");
    QTest::addRow("documentation") << QStringLiteral("2001:db8::1")
                                   << valid("ipv6", "2001:db8::1", "2001:db8:0:0:0:0:0:1",
                                            "documentation", "false", "2001:db8::/32");
    QTest::addRow("loopback expanded")
        << QStringLiteral("0:0:0:0:0:0:0:1")
        << valid("ipv6", "::1", "0:0:0:0:0:0:0:1", "loopback", "false", "::1/128");
    QTest::addRow("loopback padded")
        << QStringLiteral("0000:0000:0000:0000:0000:0000:0000:0001")
        << valid("ipv6", "::1", "0:0:0:0:0:0:0:1", "loopback", "false", "::1/128");
    QTest::addRow("link-local with zone")
        << QStringLiteral("fe80::1%eth0")
        << valid("ipv6", "fe80::1", "fe80:0:0:0:0:0:0:1", "link-local", "false", "fe80::/10");
    QTest::addRow("IPv4-mapped global") << QStringLiteral("::ffff:8.8.8.8")
                                        << valid("ipv6", "::ffff:8.8.8.8", "0:0:0:0:0:ffff:808:808",
                                                 "global", "true", "::ffff:0:0/96");
    QTest::addRow("IPv4-mapped private") << QStringLiteral("::ffff:10.0.0.1")
                                         << valid("ipv6", "::ffff:10.0.0.1", "0:0:0:0:0:ffff:a00:1",
                                                  "private", "false", "10.0.0.0/8");
    QTest::addRow("unspecified") << QStringLiteral(
        "::") << valid("ipv6", "::", "0:0:0:0:0:0:0:0", "unspecified", "false", "::/128");

    // IPv4 and ordinary global unicast
    QTest::addRow("IPv4 global") << QStringLiteral("8.8.8.8")
                                 << valid("ipv4", "8.8.8.8", "8.8.8.8", "global", "true", "");
    QTest::addRow("IPv4 private") << QStringLiteral("192.168.1.10")
                                  << valid("ipv4", "192.168.1.10", "192.168.1.10", "private",
                                           "false", "192.168.0.0/16");
    QTest::addRow("IPv6 global") << QStringLiteral("2606:4700:4700::1111")
                                 << valid("ipv6", "2606:4700:4700::1111",
                                          "2606:4700:4700:0:0:0:0:1111", "global", "true", "");
    QTest::addRow("upper case, brackets")
        << QStringLiteral("[2001:DB8::ABCD]")
        << valid("ipv6", "2001:db8::abcd", "2001:db8:0:0:0:0:0:abcd", "documentation", "false",
                 "2001:db8::/32");

    // Invalid input: only input, valid=false and reason
    QTest::addRow("empty argument") << QString() << invalid("empty");
    QTest::addRow("host name") << QStringLiteral("example.com")
                               << invalid("host name, not an address");
    QTest::addRow("CIDR") << QStringLiteral("10.0.0.0/8") << invalid("CIDR suffix not allowed");
    QTest::addRow("three IPv4 parts")
        << QStringLiteral("1.2.3") << invalid("IPv4 needs four parts");
    QTest::addRow("two '::'") << QStringLiteral("1::2::3") << invalid("more than one '::'");
    QTest::addRow("IPv4 part above 255")
        << QStringLiteral("1.2.3.256") << invalid("IPv4 part above 255");
}

void TestCliClassify::classifyArguments()
{
    QFETCH(QString, input);
    QFETCH(QByteArrayList, expected);

    const Run run = runCli({QStringLiteral("classify"), input});
    QList<QByteArrayList> rows;
    checkClassifyOutput(run, rows);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(rows.size(), 1);
    const QByteArrayList &row = rows.first();
    QCOMPARE(row.first(), input.toUtf8());
    for (qsizetype k = 1; k < kHeader.size(); ++k) {
        QVERIFY2(row.at(k) == expected.at(k - 1),
                 QByteArray(kHeader.at(k) + ": expected '" + expected.at(k - 1) + "'; row "
                            + describe(row))
                     .constData());
    }
}

void TestCliClassify::argumentsInInputOrder()
{
    const QStringList inputs {
        QStringLiteral("::"),      QStringLiteral("8.8.8.8"),  QStringLiteral("not-an-address"),
        QStringLiteral("fc00::1"), QStringLiteral("10.0.0.1"), QStringLiteral("1.2.3"),
        QStringLiteral("ff02::1")};
    const Run run = runCli(QStringList {QStringLiteral("classify")} + inputs);
    QList<QByteArrayList> rows;
    checkClassifyOutput(run, rows);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(rows.size(), inputs.size());
    for (qsizetype k = 0; k < inputs.size(); ++k)
        QCOMPARE(rows.at(k).first(), inputs.at(k).toUtf8());
    // Invalid rows among them do not change the exit status (checked above).
    QCOMPARE(rows.at(2).at(1), QByteArray("false"));
    QCOMPARE(rows.at(5).at(1), QByteArray("false"));
}

void TestCliClassify::stdinLines_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArrayList>("inputs"); // input column, row by row
    QTest::addColumn<QByteArrayList>("reasons"); // reason column, row by row

    QTest::addRow("LF lines") << QByteArray("8.8.8.8\n::1\n") << QByteArrayList {"8.8.8.8", "::1"}
                              << QByteArrayList {"", ""};
    QTest::addRow("final line without newline")
        << QByteArray("8.8.8.8\n2001:db8::1") << QByteArrayList {"8.8.8.8", "2001:db8::1"}
        << QByteArrayList {"", ""};
    QTest::addRow("single line without newline")
        << QByteArray("fc00::1") << QByteArrayList {"fc00::1"} << QByteArrayList {""};
    QTest::addRow("CRLF lines") << QByteArray("8.8.8.8\r\n::1\r\nfe80::1%eth0\r\n")
                                << QByteArrayList {"8.8.8.8", "::1", "fe80::1%eth0"}
                                << QByteArrayList {"", "", ""};
    QTest::addRow("CRLF, final line without newline")
        << QByteArray("8.8.8.8\r\n::1") << QByteArrayList {"8.8.8.8", "::1"}
        << QByteArrayList {"", ""};
    QTest::addRow("empty line in the middle")
        << QByteArray("8.8.8.8\n\n::1\n") << QByteArrayList {"8.8.8.8", "", "::1"}
        << QByteArrayList {"", "empty", ""};
    QTest::addRow("empty CRLF line in the middle")
        << QByteArray("8.8.8.8\r\n\r\n::1\r\n") << QByteArrayList {"8.8.8.8", "", "::1"}
        << QByteArrayList {"", "empty", ""};
    QTest::addRow("blank line kept as input")
        << QByteArray("8.8.8.8\n  \n::1\n") << QByteArrayList {"8.8.8.8", "  ", "::1"}
        << QByteArrayList {"", "empty", ""};
    QTest::addRow("trailing empty line")
        << QByteArray("::1\n\n") << QByteArrayList {"::1", ""} << QByteArrayList {"", "empty"};
    QTest::addRow("mixed line ends")
        << QByteArray("8.8.8.8\r\nexample.com\n1.2.3")
        << QByteArrayList {"8.8.8.8", "example.com", "1.2.3"}
        << QByteArrayList {"", "host name, not an address", "IPv4 needs four parts"};
    QTest::addRow("no input") << QByteArray() << QByteArrayList {} << QByteArrayList {};

    // A line is at most 4096 bytes (without its line end); a longer one is an
    // error row with an empty input cell, and the next line reads as usual.
    const QByteArray tooLong("line longer than 4096 bytes");
    const QByteArray longest(4096, 'x');
    QTest::addRow("line of 4096 bytes")
        << longest + "\n::1\n"
        << QByteArrayList {longest, "::1"} << QByteArrayList {"host name, not an address", ""};
    QTest::addRow("line of 4096 bytes, CRLF")
        << longest + "\r\n::1\r\n"
        << QByteArrayList {longest, "::1"} << QByteArrayList {"host name, not an address", ""};
    QTest::addRow("line of 4097 bytes")
        << longest + "x\n::1\n"
        << QByteArrayList {"", "::1"} << QByteArrayList {tooLong, ""};
    QTest::addRow("line of 4097 bytes, CRLF")
        << longest + "x\r\n::1\r\n"
        << QByteArrayList {"", "::1"} << QByteArrayList {tooLong, ""};
    QTest::addRow("line of 10 MB")
        << QByteArray(10 * 1000 * 1000, '1') + "\n8.8.8.8\n"
        << QByteArrayList {"", "8.8.8.8"} << QByteArrayList {tooLong, ""};
    QTest::addRow("10 MB final line without newline")
        << "8.8.8.8\n" + QByteArray(10 * 1000 * 1000, '1') << QByteArrayList {"8.8.8.8", ""}
        << QByteArrayList {"", tooLong};
    QTest::addRow("two long lines in a row")
        << QByteArray(70000, 'a') + "\n" + QByteArray(5000, 'b') + "\n::1"
        << QByteArrayList {"", "", "::1"} << QByteArrayList {tooLong, tooLong, ""};
    // A NUL is part of no address: the line is an error row, its bytes are
    // not copied into the CSV.
    const QByteArray nul("line contains a NUL byte");
    QTest::addRow("NUL inside a line") << QByteArrayLiteral("8.8.\0008.8\n::1\n")
                                       << QByteArrayList {"", "::1"} << QByteArrayList {nul, ""};
    QTest::addRow("NUL after an address") << QByteArrayLiteral("8.8.8.8\0\n::1\n")
                                          << QByteArrayList {"", "::1"} << QByteArrayList {nul, ""};
    QTest::addRow("NUL alone, final line")
        << QByteArrayLiteral("::1\n\0") << QByteArrayList {"::1", ""} << QByteArrayList {"", nul};
}

void TestCliClassify::stdinLines()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArrayList, inputs);
    QFETCH(QByteArrayList, reasons);

    const Run run = runCli({QStringLiteral("classify")}, {.input = input});
    QList<QByteArrayList> rows;
    checkClassifyOutput(run, rows);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(rows.size(), inputs.size());
    for (qsizetype k = 0; k < rows.size(); ++k) {
        const QByteArrayList &row = rows.at(k);
        QCOMPARE(row.at(0), inputs.at(k));
        QCOMPARE(row.at(8), reasons.at(k));
        const bool valid = reasons.at(k).isEmpty();
        QCOMPARE(row.at(1), QByteArray(valid ? "true" : "false"));
        if (!valid) {
            for (qsizetype c = 2; c < 8; ++c)
                QCOMPARE(row.at(c), QByteArray());
        }
    }
}

void TestCliClassify::stdinManyLines()
{
    // Past the CLI's 64 KiB output buffer, so rows are written in batches.
    const QByteArrayList samples {"8.8.8.8", "::1", "fc00::1", "bogus", "2001:db8::1", ""};
    constexpr int kLines = 30000;
    QByteArray input;
    for (int k = 0; k < kLines; ++k)
        input += samples.at(k % samples.size()) + (k % 2 ? "\r\n" : "\n");

    const Run run = runCli({QStringLiteral("classify")}, {.input = input});
    QList<QByteArrayList> rows;
    checkClassifyOutput(run, rows);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(rows.size(), kLines);
    for (int k = 0; k < kLines; ++k) {
        if (rows.at(k).first() != samples.at(k % samples.size()))
            QFAIL(QByteArray("row " + QByteArray::number(k) + ": " + describe(rows.at(k)))
                      .constData());
    }
}

// A line that never ends: the error row appears as soon as the line passes the
// limit (flushed, though input goes on), and memory stays bounded. The test
// reads until that row and then kills the CLI.
void TestCliClassify::endlessLine()
{
    QProcess process;
    process.setStandardInputFile(QStringLiteral("/dev/zero"));
    process.start(QStringLiteral(EA_CLI_PATH), {QStringLiteral("classify")});
    QVERIFY(process.waitForStarted(30000));
    QByteArray out;
    QElapsedTimer clock;
    clock.start();
    while (out.count('\n') < 2 && process.state() == QProcess::Running && clock.elapsed() < 60000) {
        process.waitForReadyRead(1000);
        out += process.readAllStandardOutput();
    }
    const bool running = process.state() == QProcess::Running;
    process.kill();
    process.waitForFinished();
    out += process.readAllStandardOutput();
    const QByteArray ended = "classify ended on endless input: " + out.left(400)
        + "\nstderr: " + process.readAllStandardError().left(400);
    QVERIFY2(running, ended.constData());
    QCOMPARE(out,
             QByteArray("input,valid,family,canonical,expanded,category,external,block,reason\r\n"
                        ",false,,,,,,,line longer than 4096 bytes\r\n"));
}

void TestCliClassify::quotingReachesOutput()
{
    const QStringList inputs {QStringLiteral("1,2"), QStringLiteral("\"::1\""),
                              QStringLiteral("a\nb")};
    const Run run = runCli(QStringList {QStringLiteral("classify")} + inputs);
    QList<QByteArrayList> rows;
    checkClassifyOutput(run, rows);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(rows.size(), inputs.size());
    for (qsizetype k = 0; k < inputs.size(); ++k) {
        QCOMPARE(rows.at(k).at(0), inputs.at(k).toUtf8());
        QCOMPARE(rows.at(k).at(1), QByteArray("false"));
    }
}

void TestCliClassify::neutralisation_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("input"); // stdin
    QTest::addColumn<QByteArrayList>("cells");

    QTest::addRow("argument, default")
        << QStringList {QStringLiteral("classify"), QStringLiteral("=1+2")} << QByteArray()
        << QByteArrayList {"'=1+2"};
    QTest::addRow("argument, --raw")
        << QStringList {QStringLiteral("classify"), QStringLiteral("--raw"), QStringLiteral("=1+2")}
        << QByteArray() << QByteArrayList {"=1+2"};
    QTest::addRow("argument, --raw after")
        << QStringList {QStringLiteral("classify"), QStringLiteral("=1+2"), QStringLiteral("--raw")}
        << QByteArray() << QByteArrayList {"=1+2"};
    QTest::addRow("stdin, default")
        << QStringList {QStringLiteral("classify")}
        << QByteArray("=1+2\n+1\n-1\n@SUM(A1)\n\tx\n::1\n")
        << QByteArrayList {"'=1+2", "'+1", "'-1", "'@SUM(A1)", "'\tx", "::1"};
    QTest::addRow("stdin, --raw") << QStringList {QStringLiteral("classify"),
                                                  QStringLiteral("--raw")}
                                  << QByteArray("=1+2\n+1\n-1\n@SUM(A1)\n\tx\n::1\n")
                                  << QByteArrayList {"=1+2", "+1", "-1", "@SUM(A1)", "\tx", "::1"};
    QTest::addRow("stdin, formula with comma and quotes")
        << QStringList {QStringLiteral("classify")}
        << QByteArray("=HYPERLINK(\"http://x\",\"y\")\n")
        << QByteArrayList {"'=HYPERLINK(\"http://x\",\"y\")"};
}

void TestCliClassify::neutralisation()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, input);
    QFETCH(QByteArrayList, cells);

    const Run run = runCli(arguments, {.input = input});
    QList<QByteArrayList> rows;
    checkClassifyOutput(run, rows);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(rows.size(), cells.size());
    for (qsizetype k = 0; k < rows.size(); ++k)
        QCOMPARE(rows.at(k).at(0), cells.at(k));
}

void TestCliClassify::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("stderrContains");

    QTest::addRow("no command") << QStringList {} << QByteArray("Usage: egress-auditor-cli");
    QTest::addRow("unknown command")
        << QStringList {QStringLiteral("frobnicate")} << QByteArray("unknown command 'frobnicate'");
    QTest::addRow("unknown top-level option")
        << QStringList {QStringLiteral("--bogus")} << QByteArray("unknown command '--bogus'");
    QTest::addRow("unknown classify option")
        << QStringList {QStringLiteral("classify"), QStringLiteral("--bogus"),
                        QStringLiteral("::1")}
        << QByteArray("Unknown option 'bogus'");
    QTest::addRow("unknown classify short option")
        << QStringList {QStringLiteral("classify"), QStringLiteral("-x")}
        << QByteArray("Unknown option 'x'");
}

void TestCliClassify::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, stderrContains);

    const Run run = runCli(arguments);
    QCOMPARE(run.exitStatus, QProcess::NormalExit);
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.out, QByteArray());
    QVERIFY2(run.err.contains(stderrContains), run.err.constData());
}

void TestCliClassify::help_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArrayList>("mentions");

    const QByteArrayList top {"Usage: egress-auditor-cli", "classify", "--help", "--version"};
    const QByteArrayList classify {"Usage: egress-auditor-cli classify", "--raw", "--help",
                                   "input,valid,family,canonical,expanded,category,external,"
                                   "block,reason",
                                   "longer than 4096 bytes"};
    QTest::addRow("--help") << QStringList {QStringLiteral("--help")} << top;
    QTest::addRow("-h") << QStringList {QStringLiteral("-h")} << top;
    QTest::addRow("classify --help")
        << QStringList {QStringLiteral("classify"), QStringLiteral("--help")} << classify;
    QTest::addRow("classify -h") << QStringList {QStringLiteral("classify"), QStringLiteral("-h")}
                                 << classify;
    QTest::addRow("classify ADDRESS --help")
        << QStringList {QStringLiteral("classify"), QStringLiteral("::1"), QStringLiteral("--help")}
        << classify;
}

void TestCliClassify::help()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArrayList, mentions);

    const Run run = runCli(arguments);
    QCOMPARE(run.exitStatus, QProcess::NormalExit);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.err, QByteArray());
    QVERIFY(run.out.startsWith("Usage: egress-auditor-cli"));
    for (const QByteArray &text : mentions)
        QVERIFY2(run.out.contains(text),
                 QByteArray(text + " missing from:\n" + run.out).constData());
    // Help is not CSV output.
    QVERIFY(!run.out.contains("\r\n"));
}

void TestCliClassify::version_data()
{
    QTest::addColumn<QString>("option");
    QTest::addRow("--version") << QStringLiteral("--version");
    QTest::addRow("-v") << QStringLiteral("-v");
}

void TestCliClassify::version()
{
    QFETCH(QString, option);

    const Run run = runCli({option});
    QCOMPARE(run.exitStatus, QProcess::NormalExit);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.err, QByteArray());
    QVERIFY(run.out.startsWith("egress-auditor-cli "));
    const QRegularExpression pattern(
        QStringLiteral("^egress-auditor-cli \\d+\\.\\d+\\.\\d+(?:[-+.][0-9A-Za-z.-]+)?\\n$"));
    QVERIFY2(pattern.match(QString::fromUtf8(run.out)).hasMatch(), run.out.constData());
    QCOMPARE(run.out, QByteArray("egress-auditor-cli " EA_VERSION "\n"));
}

QTEST_GUILESS_MAIN(TestCliClassify)

#include "tst_cliclassify.moc"
