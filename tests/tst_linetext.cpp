// quotedName() and escapedLine(): what the CLI prints of a user's file name or
// a stored text inside one line of output. Ordinary text is unchanged; control
// characters cannot start a new line.

#include "core/linetext.h"

#include <QTest>

#include <string>

class TestLineText : public QObject
{
    Q_OBJECT

private slots:
    void quotedName_data();
    void quotedName();
    void escapedLine_data();
    void escapedLine();
};

void TestLineText::quotedName_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("expected");

    // Unchanged: what the `PATH: format …` contract prints today.
    QTest::addRow("plain") << QByteArray("/tmp/conn.csv") << QByteArray("/tmp/conn.csv");
    QTest::addRow("spaces and colons")
        << QByteArray("my file:1: x.csv") << QByteArray("my file:1: x.csv");
    QTest::addRow("quote inside") << QByteArray("a\"b.csv") << QByteArray("a\"b.csv");
    QTest::addRow("backslash") << QByteArray("a\\nb.csv") << QByteArray("a\\nb.csv");
    QTest::addRow("UTF-8") << QByteArray("d\xc3\xa9j\xc3\xa0.csv")
                           << QByteArray("d\xc3\xa9j\xc3\xa0.csv");
    QTest::addRow("empty") << QByteArray() << QByteArray();

    // Quoted with C escapes.
    QTest::addRow("LF") << QByteArray("a\nb.csv") << QByteArray("\"a\\nb.csv\"");
    QTest::addRow("CR") << QByteArray("a\rb") << QByteArray("\"a\\rb\"");
    QTest::addRow("tab") << QByteArray("a\tb") << QByteArray("\"a\\tb\"");
    QTest::addRow("ESC") << QByteArray("a\x1b[2Jb") << QByteArray("\"a\\x1b[2Jb\"");
    QTest::addRow("DEL") << QByteArray("a\x7f") << QByteArray("\"a\\x7f\"");
    QTest::addRow("NEL (C1)") << QByteArray("a\xc2\x85") << QByteArray("\"a\\u0085\"");
    QTest::addRow("line separator") << QByteArray("a\xe2\x80\xa8z") << QByteArray("\"a\\u2028z\"");
    QTest::addRow("quote and backslash escaped once quoted")
        << QByteArray("\"x\\\n") << QByteArray("\"\\\"x\\\\\\n\"");
    // A name that starts with a quote could pass for a quoted one.
    QTest::addRow("leading quote")
        << QByteArray("\"a\\nb.csv\"") << QByteArray("\"\\\"a\\\\nb.csv\\\"\"");
}

void TestLineText::quotedName()
{
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, expected);

    const std::string out
        = ea::quotedName(std::string_view(name.constData(), std::size_t(name.size())));
    QCOMPARE(QByteArray(out.data(), qsizetype(out.size())), expected);
    QCOMPARE(ea::quotedName(QString::fromUtf8(name)).toUtf8(), expected);
    QVERIFY(!expected.contains('\n') && !expected.contains('\r'));
}

void TestLineText::escapedLine_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("expected");

    QTest::addRow("plain") << QByteArray("Cannot read \"x\": \\ gone")
                           << QByteArray("Cannot read \"x\": \\ gone");
    QTest::addRow("LF") << QByteArray("Cannot read a\nb.csv: no")
                        << QByteArray("Cannot read a\\nb.csv: no");
    QTest::addRow("CRLF") << QByteArray("x\r\ny") << QByteArray("x\\r\\ny");
    QTest::addRow("NUL") << QByteArray("a\0b", 3) << QByteArray("a\\x00b");
}

void TestLineText::escapedLine()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, expected);

    const std::string out
        = ea::escapedLine(std::string_view(text.constData(), std::size_t(text.size())));
    QCOMPARE(QByteArray(out.data(), qsizetype(out.size())), expected);
    QCOMPARE(ea::escapedLine(QString::fromUtf8(text)).toUtf8(), expected);
}

QTEST_APPLESS_MAIN(TestLineText)
#include "tst_linetext.moc"
