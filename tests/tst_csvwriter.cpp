// CsvWriter: RFC 4180 records and the OWASP neutralisation of cells a
// spreadsheet would evaluate as a formula.

#include "core/csvwriter.h"

#include <QRandomGenerator>
#include <QTest>

#include "strictcsv.h"

#include <string>
#include <string_view>

using Cells = ea::CsvWriter::Cells;

namespace {

std::string_view view(const QByteArray &text)
{
    return {text.constData(), std::size_t(text.size())};
}

QByteArray bytes(const std::string &text)
{
    return QByteArray(text.data(), qsizetype(text.size()));
}

QByteArray writeRow(const QByteArrayList &fields, Cells cells)
{
    std::string out;
    ea::CsvWriter csv(out, cells);
    for (const QByteArray &field : fields)
        csv.field(view(field));
    csv.endRow();
    return bytes(out);
}

} // namespace

class TestCsvWriter : public QObject
{
    Q_OBJECT

private slots:
    void row_data();
    void row();
    void needsNeutralising_data();
    void needsNeutralising();
    void rowsAndSeparators();
    void appendsToCallerBuffer();
    void randomRoundTrip_data();
    void randomRoundTrip();
};

void TestCsvWriter::row_data()
{
    QTest::addColumn<QByteArrayList>("fields");
    QTest::addColumn<Cells>("cells");
    QTest::addColumn<QByteArray>("expected");

    const Cells safe = Cells::SpreadsheetSafe;
    const Cells raw = Cells::Raw;

    // RFC 4180 quoting
    QTest::addRow("plain") << QByteArrayList {"a", "b", "c"} << safe << QByteArray("a,b,c\r\n");
    QTest::addRow("address") << QByteArrayList {"2001:db8::1", "::1", "fe80::1%eth0"} << safe
                             << QByteArray("2001:db8::1,::1,fe80::1%eth0\r\n");
    QTest::addRow("comma") << QByteArrayList {"a,b", "c"} << safe << QByteArray("\"a,b\",c\r\n");
    QTest::addRow("quote doubled")
        << QByteArrayList {"say \"hi\""} << safe << QByteArray("\"say \"\"hi\"\"\"\r\n");
    QTest::addRow("lone quote") << QByteArrayList {"\""} << safe << QByteArray("\"\"\"\"\r\n");
    QTest::addRow("CR") << QByteArrayList {"a\rb"} << safe << QByteArray("\"a\rb\"\r\n");
    QTest::addRow("LF") << QByteArrayList {"a\nb"} << safe << QByteArray("\"a\nb\"\r\n");
    QTest::addRow("CRLF inside") << QByteArrayList {"a\r\nb", "c"} << safe
                                 << QByteArray("\"a\r\nb\",c\r\n");
    QTest::addRow("LF first, quoted not neutralised")
        << QByteArrayList {"\n=1"} << safe << QByteArray("\"\n=1\"\r\n");
    QTest::addRow("spaces kept unquoted")
        << QByteArrayList {" a ", "b "} << safe << QByteArray(" a ,b \r\n");
    QTest::addRow("UTF-8 passes through")
        << QByteArrayList {"Z\xc3\xbcrich"} << safe << QByteArray("Z\xc3\xbcrich\r\n");
    QTest::addRow("semicolon not quoted")
        << QByteArrayList {"a;b"} << safe << QByteArray("a;b\r\n");

    // Empty fields
    QTest::addRow("empty middle") << QByteArrayList {"a", "", "b"} << safe
                                  << QByteArray("a,,b\r\n");
    QTest::addRow("empty first and last")
        << QByteArrayList {"", "a", ""} << safe << QByteArray(",a,\r\n");
    QTest::addRow("three empty") << QByteArrayList {"", "", ""} << safe << QByteArray(",,\r\n");
    QTest::addRow("one empty") << QByteArrayList {""} << safe << QByteArray("\r\n");
    QTest::addRow("no fields") << QByteArrayList {} << safe << QByteArray("\r\n");

    // Spreadsheet neutralisation
    QTest::addRow("= neutralised") << QByteArrayList {"=1+2"} << safe << QByteArray("'=1+2\r\n");
    QTest::addRow("+ neutralised") << QByteArrayList {"+1"} << safe << QByteArray("'+1\r\n");
    QTest::addRow("- neutralised") << QByteArrayList {"-1"} << safe << QByteArray("'-1\r\n");
    QTest::addRow("lone - neutralised") << QByteArrayList {"-"} << safe << QByteArray("'-\r\n");
    QTest::addRow("@ neutralised")
        << QByteArrayList {"@SUM(A1)"} << safe << QByteArray("'@SUM(A1)\r\n");
    QTest::addRow("tab neutralised, not quoted")
        << QByteArrayList {"\tx"} << safe << QByteArray("'\tx\r\n");
    QTest::addRow("CR neutralised and quoted")
        << QByteArrayList {"\rx"} << safe << QByteArray("\"'\rx\"\r\n");
    QTest::addRow("= with comma, quoted")
        << QByteArrayList {"=a,b"} << safe << QByteArray("\"'=a,b\"\r\n");
    QTest::addRow("= with quotes, quoted")
        << QByteArrayList {"=HYPERLINK(\"http://x\",\"y\")"} << safe
        << QByteArray("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\r\n");
    QTest::addRow("- with LF, quoted")
        << QByteArrayList {"-a\nb"} << safe << QByteArray("\"'-a\nb\"\r\n");
    // A cell starting with an apostrophe gets one more: a reader strips exactly one.
    QTest::addRow("apostrophe then =") << QByteArrayList {"'=1"} << safe << QByteArray("''=1\r\n");
    QTest::addRow("apostrophe then text")
        << QByteArrayList {"'hello"} << safe << QByteArray("''hello\r\n");
    QTest::addRow("lone apostrophe") << QByteArrayList {"'"} << safe << QByteArray("''\r\n");
    QTest::addRow("raw apostrophe") << QByteArrayList {"'=1"} << raw << QByteArray("'=1\r\n");
    QTest::addRow("only the cell that needs it")
        << QByteArrayList {"ok", "=x", "fine"} << safe << QByteArray("ok,'=x,fine\r\n");

    // Not neutralised
    QTest::addRow("= inside") << QByteArrayList {"a=1"} << safe << QByteArray("a=1\r\n");
    QTest::addRow("- inside") << QByteArrayList {"1-2"} << safe << QByteArray("1-2\r\n");
    QTest::addRow("space then =") << QByteArrayList {" =1"} << safe << QByteArray(" =1\r\n");
    QTest::addRow("quote then =") << QByteArrayList {"\"=1\""} << safe
                                  << QByteArray("\"\"\"=1\"\"\"\r\n");
    QTest::addRow("percent first") << QByteArrayList {"%1"} << safe << QByteArray("%1\r\n");

    // Raw leaves formula cells alone but still quotes
    QTest::addRow("raw =") << QByteArrayList {"=1+2"} << raw << QByteArray("=1+2\r\n");
    QTest::addRow("raw + - @") << QByteArrayList {"+1", "-1", "@x"} << raw
                               << QByteArray("+1,-1,@x\r\n");
    QTest::addRow("raw tab") << QByteArrayList {"\tx"} << raw << QByteArray("\tx\r\n");
    QTest::addRow("raw CR, quoted") << QByteArrayList {"\rx"} << raw << QByteArray("\"\rx\"\r\n");
    QTest::addRow("raw = with comma")
        << QByteArrayList {"=a,b"} << raw << QByteArray("\"=a,b\"\r\n");
    QTest::addRow("raw quote doubled")
        << QByteArrayList {"a\"b"} << raw << QByteArray("\"a\"\"b\"\r\n");
    QTest::addRow("raw empty") << QByteArrayList {"", ""} << raw << QByteArray(",\r\n");
}

void TestCsvWriter::row()
{
    QFETCH(QByteArrayList, fields);
    QFETCH(Cells, cells);
    QFETCH(QByteArray, expected);

    const QByteArray out = writeRow(fields, cells);
    QCOMPARE(out, expected);

    // A reader gets the fields back (with the apostrophe where one was added),
    // except that a row of one empty field reads as a row of one empty field.
    QList<QByteArrayList> records;
    QByteArray error;
    QVERIFY2(parseCsv(out, records, error), error.constData());
    QCOMPARE(records.size(), 1);
    QByteArrayList want;
    for (const QByteArray &field : fields) {
        const bool neutralise
            = cells == Cells::SpreadsheetSafe && ea::CsvWriter::needsNeutralising(view(field));
        want.append(neutralise ? QByteArray('\'' + field) : field);
    }
    if (want.isEmpty())
        want.append(QByteArray());
    QCOMPARE(records.first(), want);
}

void TestCsvWriter::needsNeutralising_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<bool>("expected");

    QTest::addRow("=") << QByteArray("=") << true;
    QTest::addRow("=formula") << QByteArray("=cmd|' /C calc'!A0") << true;
    QTest::addRow("+") << QByteArray("+1") << true;
    QTest::addRow("-") << QByteArray("-1") << true;
    QTest::addRow("@") << QByteArray("@x") << true;
    QTest::addRow("tab") << QByteArray("\t") << true;
    QTest::addRow("CR") << QByteArray("\r1") << true;
    QTest::addRow("empty") << QByteArray() << false;
    QTest::addRow("LF") << QByteArray("\n=1") << false;
    QTest::addRow("space") << QByteArray(" =1") << false;
    QTest::addRow("apostrophe") << QByteArray("'=1") << true;
    QTest::addRow("apostrophe text") << QByteArray("'x") << true;
    QTest::addRow("quote") << QByteArray("\"=1") << false;
    QTest::addRow("letter") << QByteArray("a=1") << false;
    QTest::addRow("digit") << QByteArray("1+2") << false;
    QTest::addRow("address") << QByteArray("::1") << false;
    QTest::addRow("percent") << QByteArray("%eth0") << false;
    QTest::addRow("NUL first") << QByteArray("\0=1", 3) << false;
}

void TestCsvWriter::needsNeutralising()
{
    QFETCH(QByteArray, value);
    QFETCH(bool, expected);
    QCOMPARE(ea::CsvWriter::needsNeutralising(view(value)), expected);
}

void TestCsvWriter::rowsAndSeparators()
{
    std::string out;
    ea::CsvWriter csv(out);
    csv.field("a");
    csv.field("b");
    csv.endRow();
    csv.field("c");
    csv.endRow();
    csv.endRow();
    csv.field("");
    csv.field("d");
    csv.endRow();
    QCOMPARE(bytes(out), QByteArray("a,b\r\nc\r\n\r\n,d\r\n"));
}

void TestCsvWriter::appendsToCallerBuffer()
{
    std::string out = "kept\r\n";
    ea::CsvWriter csv(out, Cells::Raw);
    csv.field("x");
    csv.endRow();
    QCOMPARE(bytes(out), QByteArray("kept\r\nx\r\n"));

    // The caller may flush (clear) between rows; the writer keeps no copy.
    out.clear();
    csv.field("y");
    csv.field("z");
    csv.endRow();
    QCOMPARE(bytes(out), QByteArray("y,z\r\n"));
}

void TestCsvWriter::randomRoundTrip_data()
{
    QTest::addColumn<Cells>("cells");
    QTest::addRow("spreadsheet safe") << Cells::SpreadsheetSafe;
    QTest::addRow("raw") << Cells::Raw;
}

void TestCsvWriter::randomRoundTrip()
{
    QFETCH(Cells, cells);

    // Fields drawn from the characters that matter, so quoting and
    // neutralisation combine in every way.
    static constexpr char kAlphabet[]
        = {'a', '1', ',', '"', '\r', '\n', '=', '+', '-', '@', '\t', '\'', ' ', ':', '%'};
    QRandomGenerator rng(4180);
    for (int n = 0; n < 2000; ++n) {
        QByteArrayList fields;
        const int count = 1 + int(rng.bounded(6u));
        for (int f = 0; f < count; ++f) {
            QByteArray field;
            const int length = int(rng.bounded(6u));
            for (int c = 0; c < length; ++c)
                field += kAlphabet[rng.bounded(unsigned(sizeof kAlphabet))];
            fields.append(field);
        }
        const QByteArray out = writeRow(fields, cells);
        QVERIFY(out.endsWith("\r\n"));

        QList<QByteArrayList> records;
        QByteArray error;
        QVERIFY2(parseCsv(out, records, error),
                 QByteArray(error + " in " + out.toPercentEncoding()).constData());
        QCOMPARE(records.size(), 1);
        // The oracle is the rule itself, not needsNeutralising().
        QByteArrayList want;
        for (const QByteArray &field : fields) {
            const bool neutralise = cells == Cells::SpreadsheetSafe && !field.isEmpty()
                && QByteArray("=+-@\t\r'").contains(field.front());
            want.append(neutralise ? QByteArray('\'' + field) : field);
        }
        if (want != records.first())
            QFAIL(QByteArray("mismatch for " + out.toPercentEncoding()).constData());
        // Neutralised cells never start with a formula character, and taking
        // one apostrophe off a cell that starts with one gives the field back.
        if (cells == Cells::SpreadsheetSafe) {
            for (qsizetype k = 0; k < fields.size(); ++k) {
                const QByteArray &cell = records.first().at(k);
                QVERIFY(cell.isEmpty() || !QByteArray("=+-@\t\r").contains(cell.front()));
                QCOMPARE(cell.startsWith('\'') ? cell.mid(1) : cell, fields.at(k));
            }
        }
    }
}

QTEST_APPLESS_MAIN(TestCsvWriter)

#include "tst_csvwriter.moc"
