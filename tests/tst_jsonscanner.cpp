// Tests of the NDJSON line scanner: leaves and paths, escapes, numbers,
// arrays, and that malformed input of every kind ends in an error with a
// reason, never in a crash, a hang or unbounded recursion.

#include <QByteArray>
#include <QByteArrayList>
#include <QRandomGenerator>
#include <QTest>

#include "import/jsonscanner.h"

#include <string>
#include <string_view>

using namespace ea;

namespace {

std::string_view view(const QByteArray &bytes)
{
    return {bytes.constData(), std::size_t(bytes.size())};
}

QByteArray bytes(std::string_view text)
{
    return QByteArray(text.data(), qsizetype(text.size()));
}

char typeLetter(JsonType type)
{
    switch (type) {
    case JsonType::String:
        return 's';
    case JsonType::Number:
        return 'n';
    case JsonType::True:
        return 't';
    case JsonType::False:
        return 'f';
    case JsonType::Null:
        return 'z';
    case JsonType::Array:
        return 'a';
    }
    return '?';
}

// "path=T:text" per leaf, text unescaped; "ERROR: reason" on failure.
QByteArrayList leaves(const QByteArray &line,
                      JsonScanner::Arrays arrays = JsonScanner::Arrays::Skip)
{
    JsonScanner scanner(arrays);
    scanner.reset(view(line));
    QByteArrayList out;
    JsonLeaf leaf;
    while (scanner.next(leaf)) {
        out.append(bytes(leaf.path) + '=' + typeLetter(leaf.value.type) + ':'
                   + bytes(scanner.text(leaf.value)));
    }
    if (scanner.failed())
        out.append("ERROR: " + bytes(scanner.error()));
    return out;
}

QByteArray errorOf(const QByteArray &line, JsonScanner::Arrays arrays = JsonScanner::Arrays::Skip)
{
    JsonScanner scanner(arrays);
    if (scanner.validate(view(line)))
        return {};
    return bytes(scanner.error());
}

} // namespace

class TestJsonScanner : public QObject
{
    Q_OBJECT

private slots:
    void leavesOfValidObjects_data();
    void leavesOfValidObjects();
    void arraysByIndex();
    void depthOfLeaves();
    void escapes_data();
    void escapes();
    void unescapedStringIsAViewOfTheLine();
    void decodedViewsStayValidForTheWholeLine();
    void scannerIsReusedAcrossLines();
    void validUtf8_data();
    void validUtf8();
    void malformed_data();
    void malformed();
    void errorOffset();
    void nestingLimit();
    void hugeNestingFailsWithoutRecursion_data();
    void hugeNestingFailsWithoutRecursion();
    void everyPrefixOfAValidLineFails();
    void mutatedLinesNeverCrash();
};

void TestJsonScanner::leavesOfValidObjects_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QByteArrayList>("expected");

    QTest::addRow("flat scalars") << QByteArray(R"({"a":"x","b":1,"c":true,"d":false,"e":null})")
                                  << QByteArrayList {"a=s:x", "b=n:1", "c=t:true", "d=f:false",
                                                     "e=z:null"};
    QTest::addRow("nested object joins keys")
        << QByteArray(R"({"id":{"resp_h":"x","resp_p":80},"z":1})")
        << QByteArrayList {"id.resp_h=s:x", "id.resp_p=n:80", "z=n:1"};
    QTest::addRow("flattened key looks the same")
        << QByteArray(R"({"id.resp_h":"x"})") << QByteArrayList {"id.resp_h=s:x"};
    QTest::addRow("deep path") << QByteArray(R"({"a":{"b":{"c":{"d":1}}},"e":2})")
                               << QByteArrayList {"a.b.c.d=n:1", "e=n:2"};
    QTest::addRow("empty object") << QByteArray("{}") << QByteArrayList {};
    QTest::addRow("empty nested object")
        << QByteArray(R"({"a":{},"b":2})") << QByteArrayList {"b=n:2"};
    QTest::addRow("empty key keeps its separator")
        << QByteArray(R"({"":{"a":1},"":2})") << QByteArrayList {".a=n:1", "=n:2"};
    QTest::addRow("array skipped as one leaf")
        << QByteArray(R"({"tags":["x",{"y":[1,2]}],"n":2})")
        << QByteArrayList {R"(tags=a:["x",{"y":[1,2]}])", "n=n:2"};
    QTest::addRow("empty array") << QByteArray(R"({"a":[]})") << QByteArrayList {"a=a:[]"};
    QTest::addRow("whitespace everywhere")
        << QByteArray(" \t{ \"a\" : 1 ,\r\n \"b\" :\t[ ] , \"c\" : { } } \r")
        << QByteArrayList {"a=n:1", "b=a:[ ]"};
    QTest::addRow("numbers as written") << QByteArray(
        R"({"a":-0,"b":0,"c":1.5,"d":-1.5e10,"e":1E+3,"f":2e-3,"g":-9223372036854775808,"h":184467440737095516160000,"i":0.0018720000000023163})")
                                        << QByteArrayList {"a=n:-0",
                                                           "b=n:0",
                                                           "c=n:1.5",
                                                           "d=n:-1.5e10",
                                                           "e=n:1E+3",
                                                           "f=n:2e-3",
                                                           "g=n:-9223372036854775808",
                                                           "h=n:184467440737095516160000",
                                                           "i=n:0.0018720000000023163"};
    QTest::addRow("escaped key") << QByteArray(R"({"a\u002eb":1,"\u0041":2,"q\"k":3})")
                                 << QByteArrayList {"a.b=n:1", "A=n:2", "q\"k=n:3"};
    QTest::addRow("raw UTF-8 in key and value")
        << QByteArray("{\"caf\xc3\xa9\":\"\xe2\x82\xac \xf0\x9f\x98\x80\"}")
        << QByteArrayList {"caf\xc3\xa9=s:\xe2\x82\xac \xf0\x9f\x98\x80"};
    QTest::addRow("duplicate keys both reported")
        << QByteArray(R"({"a":1,"a":2})") << QByteArrayList {"a=n:1", "a=n:2"};
}

void TestJsonScanner::leavesOfValidObjects()
{
    QFETCH(QByteArray, line);
    QFETCH(QByteArrayList, expected);
    QCOMPARE(leaves(line), expected);
}

void TestJsonScanner::arraysByIndex()
{
    const QByteArray line
        = R"({"snapshot":[{"pid":"1"},{"pid":"2","tags":[]}],"t":[1,[2,3],{}],"u":[],"x":true})";
    const QByteArrayList expected {"snapshot.0.pid=s:1", "snapshot.1.pid=s:2", "t.0=n:1",
                                   "t.1.0=n:2",          "t.1.1=n:3",          "x=t:true"};
    QCOMPARE(leaves(line, JsonScanner::Arrays::Index), expected);
}

void TestJsonScanner::depthOfLeaves()
{
    const QByteArray line = R"({"a":1,"b":{"c":2,"d":{"e":3}},"f":[1]})";
    JsonScanner scanner;
    scanner.reset(view(line));
    JsonLeaf leaf;
    QList<int> depths;
    while (scanner.next(leaf))
        depths.append(leaf.depth);
    QVERIFY(!scanner.failed());
    QVERIFY(scanner.atEnd());
    QCOMPARE(depths, (QList<int> {1, 2, 3, 1}));
}

void TestJsonScanner::escapes_data()
{
    QTest::addColumn<QByteArray>("literal"); // JSON string content between the quotes
    QTest::addColumn<QByteArray>("expected");

    QTest::addRow("short escapes")
        << QByteArray(R"(\"\\\/\b\f\n\r\t)") << QByteArray("\"\\/\b\f\n\r\t");
    QTest::addRow("windows path") << QByteArray(R"(C:\\Windows\\System32\\dns.exe)")
                                  << QByteArray("C:\\Windows\\System32\\dns.exe");
    QTest::addRow("u ascii") << QByteArray(R"(\u0041\u007a)") << QByteArray("Az");
    QTest::addRow("u two bytes") << QByteArray(R"(\u00e9\u00C9\u07ff)")
                                 << QByteArray("\xc3\xa9\xc3\x89\xdf\xbf");
    QTest::addRow("u three bytes") << QByteArray(R"(\u20ac\u0800\uffff)")
                                   << QByteArray("\xe2\x82\xac\xe0\xa0\x80\xef\xbf\xbf");
    QTest::addRow("surrogate pair")
        << QByteArray(R"(\ud83d\ude00)") << QByteArray("\xf0\x9f\x98\x80");
    QTest::addRow("highest pair") << QByteArray(R"(\uDBFF\uDFFF)")
                                  << QByteArray("\xf4\x8f\xbf\xbf");
    QTest::addRow("u NUL") << QByteArray(R"(a\u0000b)") << QByteArray("a\0b", 3);
    QTest::addRow("mixed with text") << QByteArray(R"(x\ty\u0020z\\)") << QByteArray("x\ty z\\");
    QTest::addRow("escape at both ends") << QByteArray(R"(\nmiddle\n)") << QByteArray("\nmiddle\n");
}

void TestJsonScanner::escapes()
{
    QFETCH(QByteArray, literal);
    QFETCH(QByteArray, expected);
    const QByteArray line = "{\"k\":\"" + literal + "\"}";
    JsonScanner scanner;
    scanner.reset(view(line));
    JsonLeaf leaf;
    QVERIFY(scanner.next(leaf));
    QCOMPARE(leaf.value.type, JsonType::String);
    QVERIFY(leaf.value.escaped);
    QCOMPARE(bytes(leaf.value.raw), literal);
    QCOMPARE(bytes(scanner.text(leaf.value)), expected);
    QVERIFY(!scanner.next(leaf));
    QVERIFY(!scanner.failed());
}

void TestJsonScanner::unescapedStringIsAViewOfTheLine()
{
    const QByteArray line = R"({"k":"plain text","n":42})";
    JsonScanner scanner;
    scanner.reset(view(line));
    JsonLeaf leaf;
    QVERIFY(scanner.next(leaf));
    QVERIFY(!leaf.value.escaped);
    const std::string_view text = scanner.text(leaf.value);
    QCOMPARE(bytes(text), QByteArray("plain text"));
    QCOMPARE(static_cast<const void *>(text.data()),
             static_cast<const void *>(line.constData() + 6));
    QVERIFY(scanner.next(leaf));
    QCOMPARE(bytes(scanner.text(leaf.value)), QByteArray("42"));
}

// The reader keeps several decoded values of one line (Image, Application,
// …) until the line is done: none may move when later ones are decoded.
void TestJsonScanner::decodedViewsStayValidForTheWholeLine()
{
    QByteArray line = "{";
    QByteArrayList expected;
    for (int i = 0; i < 50; ++i) {
        if (i > 0)
            line += ',';
        line += "\"k" + QByteArray::number(i) + "\":\"C:\\\\dir" + QByteArray::number(i)
            + "\\\\x\\u00e9\\ud83d\\ude00\"";
        expected.append("C:\\dir" + QByteArray::number(i) + "\\x\xc3\xa9\xf0\x9f\x98\x80");
    }
    line += '}';
    JsonScanner scanner;
    scanner.reset(view(line));
    std::vector<std::string_view> kept;
    JsonLeaf leaf;
    while (scanner.next(leaf))
        kept.push_back(scanner.text(leaf.value));
    QVERIFY(!scanner.failed());
    QCOMPARE(qsizetype(kept.size()), expected.size());
    for (std::size_t i = 0; i < kept.size(); ++i)
        QCOMPARE(bytes(kept[i]), expected[qsizetype(i)]);
}

void TestJsonScanner::scannerIsReusedAcrossLines()
{
    JsonScanner scanner;
    const QByteArray longLine = "{\"a\":\"" + QByteArray(5000, 'x') + "\\n\",\"b\":{\"c\":1}}";
    const QByteArray shortLine = R"({"z":"\t"})";
    const QByteArray broken = R"({"z":)";
    const QByteArrayList longExpected {"a=" + QByteArray(5000, 'x') + '\n', "b.c=1"};
    for (int round = 0; round < 3; ++round) {
        for (int which = 0; which < 3; ++which) {
            const QByteArray &line = which == 0 ? longLine : which == 1 ? broken : shortLine;
            scanner.reset(view(line));
            JsonLeaf leaf;
            QByteArrayList got;
            while (scanner.next(leaf))
                got.append(bytes(leaf.path) + '=' + bytes(scanner.text(leaf.value)));
            QCOMPARE(scanner.failed(), which == 1);
            if (which == 0)
                QCOMPARE(got, longExpected);
            else if (which == 2)
                QCOMPARE(got, QByteArrayList {"z=\t"});
        }
    }
}

void TestJsonScanner::validUtf8_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addRow("U+0080") << QByteArray("\xc2\x80");
    QTest::addRow("U+07FF") << QByteArray("\xdf\xbf");
    QTest::addRow("U+0800") << QByteArray("\xe0\xa0\x80");
    QTest::addRow("U+D7FF") << QByteArray("\xed\x9f\xbf");
    QTest::addRow("U+E000") << QByteArray("\xee\x80\x80");
    QTest::addRow("U+FFFF") << QByteArray("\xef\xbf\xbf");
    QTest::addRow("U+10000") << QByteArray("\xf0\x90\x80\x80");
    QTest::addRow("U+10FFFF") << QByteArray("\xf4\x8f\xbf\xbf");
}

void TestJsonScanner::validUtf8()
{
    QFETCH(QByteArray, text);
    QCOMPARE(leaves("{\"k\":\"" + text + "\"}"), QByteArrayList {"k=s:" + text});
}

void TestJsonScanner::malformed_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QByteArray>("error");

    QTest::addRow("empty") << QByteArray() << QByteArray("empty text");
    QTest::addRow("blank") << QByteArray(" \t ") << QByteArray("empty text");
    QTest::addRow("array") << QByteArray("[1,2]") << QByteArray("not a JSON object");
    QTest::addRow("string") << QByteArray(R"("str")") << QByteArray("not a JSON object");
    QTest::addRow("garbage") << QByteArray("this is not json") << QByteArray("not a JSON object");
    QTest::addRow("binary") << QByteArray("\x89PNG\r\n\x1a\n\0\0", 10)
                            << QByteArray("not a JSON object");
    QTest::addRow("open brace") << QByteArray("{") << QByteArray("unexpected end of text");
    QTest::addRow("key only") << QByteArray(R"({"a")") << QByteArray("expected ':'");
    QTest::addRow("no value") << QByteArray(R"({"a":)") << QByteArray("unexpected end of text");
    QTest::addRow("no close") << QByteArray(R"({"a":1)") << QByteArray("unexpected end of text");
    QTest::addRow("open nested") << QByteArray(R"({"a":{"b":1})")
                                 << QByteArray("unexpected end of text");
    QTest::addRow("open array") << QByteArray(R"({"a":[1,2)")
                                << QByteArray("unexpected end of text");
    QTest::addRow("truncated string")
        << QByteArray(R"({"a":"x)") << QByteArray("unterminated string");
    QTest::addRow("truncated escape")
        << QByteArray(R"({"a":"x\)") << QByteArray("unterminated string");
    QTest::addRow("extra brace") << QByteArray(R"({"a":1}})")
                                 << QByteArray("text after the object");
    QTest::addRow("two objects") << QByteArray(R"({"a":1} {"b":2})")
                                 << QByteArray("text after the object");
    QTest::addRow("unbalanced ]") << QByteArray(R"({"a":[1,2}})")
                                  << QByteArray("expected ',' or ']'");
    QTest::addRow("unbalanced }") << QByteArray(R"({"a":{"b":1]})")
                                  << QByteArray("expected ',' or '}'");
    QTest::addRow("missing comma")
        << QByteArray(R"({"a":1 "b":2})") << QByteArray("expected ',' or '}'");
    QTest::addRow("trailing comma") << QByteArray(R"({"a":1,})") << QByteArray("trailing comma");
    QTest::addRow("trailing comma in array")
        << QByteArray(R"({"a":[1,]})") << QByteArray("trailing comma");
    QTest::addRow("leading comma") << QByteArray("{,}") << QByteArray("expected a key");
    QTest::addRow("bare key") << QByteArray("{a:1}") << QByteArray("expected a key");
    QTest::addRow("single quotes") << QByteArray("{'a':1}") << QByteArray("expected a key");
    QTest::addRow("no colon") << QByteArray(R"({"a" 1})") << QByteArray("expected ':'");
    QTest::addRow("bad literal") << QByteArray(R"({"a":tru})") << QByteArray("invalid literal");
    QTest::addRow("cut literal") << QByteArray(R"({"a":nul)") << QByteArray("invalid literal");
    QTest::addRow("capital literal")
        << QByteArray(R"({"a":True})") << QByteArray("unexpected character");
    QTest::addRow("leading zero") << QByteArray(R"({"a":01})") << QByteArray("invalid number");
    QTest::addRow("bare point") << QByteArray(R"({"a":1.})") << QByteArray("invalid number");
    QTest::addRow("bare minus") << QByteArray(R"({"a":-})") << QByteArray("invalid number");
    QTest::addRow("bare exponent") << QByteArray(R"({"a":1e})") << QByteArray("invalid number");
    QTest::addRow("hex number") << QByteArray(R"({"a":0x1F})") << QByteArray("invalid number");
    QTest::addRow("plus sign") << QByteArray(R"({"a":+1})") << QByteArray("unexpected character");
    QTest::addRow("leading point")
        << QByteArray(R"({"a":.5})") << QByteArray("unexpected character");
    QTest::addRow("NaN") << QByteArray(R"({"a":NaN})") << QByteArray("unexpected character");
    QTest::addRow("bad escape") << QByteArray(R"({"a":"\x"})")
                                << QByteArray("invalid escape in string");
    QTest::addRow("short u escape")
        << QByteArray(R"({"a":"\u12"})") << QByteArray("invalid \\u escape");
    QTest::addRow("non-hex u escape")
        << QByteArray(R"({"a":"\u12G4"})") << QByteArray("invalid \\u escape");
    QTest::addRow("lone high surrogate")
        << QByteArray(R"({"a":"\ud83d"})") << QByteArray("unpaired surrogate in \\u escape");
    QTest::addRow("lone low surrogate")
        << QByteArray(R"({"a":"\ude00"})") << QByteArray("unpaired surrogate in \\u escape");
    QTest::addRow("high then non-surrogate")
        << QByteArray(R"({"a":"\ud83d\u0041"})") << QByteArray("unpaired surrogate in \\u escape");
    QTest::addRow("high then text")
        << QByteArray(R"({"a":"\ud83dxxxxxx"})") << QByteArray("unpaired surrogate in \\u escape");
    QTest::addRow("raw tab in string")
        << QByteArray("{\"a\":\"x\ty\"}") << QByteArray("control character in string");
    QTest::addRow("raw newline in string")
        << QByteArray("{\"a\":\"x\ny\"}") << QByteArray("control character in string");
    QTest::addRow("NUL in string")
        << QByteArray("{\"a\":\"x\0y\"}", 11) << QByteArray("NUL byte in string");
    QTest::addRow("NUL in key") << QByteArray("{\"a\0\":1}", 8) << QByteArray("NUL byte in string");
    QTest::addRow("NUL as value") << QByteArray("{\"a\":\0}", 7) << QByteArray("NUL byte");
    QTest::addRow("NUL after object") << QByteArray("{\"a\":1}\0", 8) << QByteArray("NUL byte");
    QTest::addRow("NUL only") << QByteArray("\0", 1) << QByteArray("not a JSON object");
    QTest::addRow("UTF-8 FF") << QByteArray("{\"a\":\"\xff\"}")
                              << QByteArray("invalid UTF-8 in string");
    QTest::addRow("UTF-8 lone continuation")
        << QByteArray("{\"a\":\"\x80\"}") << QByteArray("invalid UTF-8 in string");
    QTest::addRow("UTF-8 truncated 2")
        << QByteArray("{\"a\":\"\xc3\"}") << QByteArray("invalid UTF-8 in string");
    QTest::addRow("UTF-8 truncated 3")
        << QByteArray("{\"a\":\"\xe2\x82\"}") << QByteArray("invalid UTF-8 in string");
    QTest::addRow("UTF-8 truncated at end")
        << QByteArray("{\"a\":\"\xf0\x9f") << QByteArray("invalid UTF-8 in string");
    QTest::addRow("UTF-8 overlong slash")
        << QByteArray("{\"a\":\"\xc0\xaf\"}") << QByteArray("invalid UTF-8 in string");
    QTest::addRow("UTF-8 overlong 3")
        << QByteArray("{\"a\":\"\xe0\x80\xaf\"}") << QByteArray("invalid UTF-8 in string");
    QTest::addRow("UTF-8 overlong 4")
        << QByteArray("{\"a\":\"\xf0\x80\x80\xaf\"}") << QByteArray("invalid UTF-8 in string");
    QTest::addRow("UTF-8 surrogate")
        << QByteArray("{\"a\":\"\xed\xa0\x80\"}") << QByteArray("invalid UTF-8 in string");
    QTest::addRow("UTF-8 past U+10FFFF")
        << QByteArray("{\"a\":\"\xf4\x90\x80\x80\"}") << QByteArray("invalid UTF-8 in string");
    QTest::addRow("UTF-8 F5") << QByteArray("{\"a\":\"\xf5\x80\x80\x80\"}")
                              << QByteArray("invalid UTF-8 in string");
    QTest::addRow("Latin-1 key") << QByteArray("{\"caf\xe9\":1}")
                                 << QByteArray("invalid UTF-8 in string");
    QTest::addRow("UTF-8 outside strings")
        << QByteArray("{\"a\":\xc3\xa9}") << QByteArray("unexpected character");
    QTest::addRow("BOM is not skipped by the scanner")
        << QByteArray("\xef\xbb\xbf{}") << QByteArray("not a JSON object");
}

void TestJsonScanner::malformed()
{
    QFETCH(QByteArray, line);
    QFETCH(QByteArray, error);
    QCOMPARE(errorOf(line), error);
    // Index mode walks arrays differently; it must fail the same way.
    QCOMPARE(errorOf(line, JsonScanner::Arrays::Index), error);
}

void TestJsonScanner::errorOffset()
{
    JsonScanner scanner;
    QVERIFY(!scanner.validate(R"({"a":tru})"));
    QCOMPARE(scanner.errorOffset(), std::size_t(5));
    QVERIFY(!scanner.validate(R"({"a":1,})"));
    QCOMPARE(scanner.errorOffset(), std::size_t(7));
    QVERIFY(!scanner.validate("{\"a\":\"ok\xff\"}"));
    QCOMPARE(scanner.errorOffset(), std::size_t(8));
    QVERIFY(scanner.validate(R"({"a":1})"));
    QCOMPARE(scanner.error(), std::string_view());
}

void TestJsonScanner::nestingLimit()
{
    auto nested = [](int depth) {
        // depth objects in all, the top-level one included
        QByteArray line;
        for (int i = 1; i < depth; ++i)
            line += "{\"a\":";
        line += "{\"leaf\":1}";
        line += QByteArray(depth - 1, '}');
        return line;
    };
    const QByteArray deepest = nested(JsonScanner::kMaxDepth);
    const QByteArrayList got = leaves(deepest);
    QCOMPARE(got.size(), 1);
    QVERIFY(got.first().endsWith(".a.leaf=n:1"));
    QCOMPARE(errorOf(nested(JsonScanner::kMaxDepth + 1)), QByteArray("nesting too deep"));

    // Arrays count too, skipped or not.
    const QByteArray arrays = "{\"a\":" + QByteArray(JsonScanner::kMaxDepth, '[')
        + QByteArray(JsonScanner::kMaxDepth, ']') + '}';
    QCOMPARE(errorOf(arrays), QByteArray("nesting too deep"));
    QCOMPARE(errorOf(arrays, JsonScanner::Arrays::Index), QByteArray("nesting too deep"));

    JsonScanner shallow(JsonScanner::Arrays::Skip, 2);
    QVERIFY(shallow.validate(R"({"a":{"b":1}})"));
    QVERIFY(!shallow.validate(R"({"a":{"b":{"c":1}}})"));
}

void TestJsonScanner::hugeNestingFailsWithoutRecursion_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addRow("objects") << QByteArray("{\"a\":").repeated(200000);
    QTest::addRow("arrays") << "{\"a\":" + QByteArray(500000, '[');
    QTest::addRow("closed arrays")
        << "{\"a\":" + QByteArray(100000, '[') + QByteArray(100000, ']') + '}';
}

void TestJsonScanner::hugeNestingFailsWithoutRecursion()
{
    QFETCH(QByteArray, line);
    QCOMPARE(errorOf(line), QByteArray("nesting too deep"));
    QCOMPARE(errorOf(line, JsonScanner::Arrays::Index), QByteArray("nesting too deep"));
}

void TestJsonScanner::everyPrefixOfAValidLineFails()
{
    const QByteArray line
        = R"({"ts":1517422326.539915,"id":{"orig_h":"10.0.0.1","resp_h":"2001:db8::1"},)"
          R"("tags":["a",{"b":[1,-2.5e3]}],"ok":true,"no":false,"nil":null,)"
          R"("esc":"C:\\x\u00e9\ud83d\ude00\n","utf8":"caf)"
          "\xc3\xa9\"}";
    JsonScanner scanner;
    QVERIFY(scanner.validate(view(line)));
    for (qsizetype n = 0; n < line.size(); ++n) {
        const QByteArray prefix = line.left(n);
        QVERIFY2(!scanner.validate(view(prefix)), prefix.constData());
        QVERIFY(!scanner.error().empty());
        QVERIFY(scanner.errorOffset() <= std::size_t(n));
    }
}

// Random damage to a realistic line: every outcome is fine except a crash,
// a hang or an error without a reason (ASan/UBSan builds check the rest).
void TestJsonScanner::mutatedLinesNeverCrash()
{
    const QByteArray base
        = R"({"SourceName":"Microsoft-Windows-Sysmon","EventID":3,"Keywords":-9223372036854775808,)"
          R"("Message":"Network connection detected:\r\nImage: C:\\Windows\\dns.exe","tags":["x",{"y":[]}],)"
          R"("winlog":{"event_data":{"DestinationIp":"2001:500:2:0:0:0:0:c","DestinationPort":"53"}},)"
          R"("u":"\ud83d\ude00\u00e9","n":[1.5e-3,0,-0,true,false,null]})";
    QRandomGenerator random(20241119);
    JsonScanner skip(JsonScanner::Arrays::Skip);
    JsonScanner index(JsonScanner::Arrays::Index);
    int failures = 0;
    for (int round = 0; round < 20000; ++round) {
        QByteArray line = base;
        const int edits = 1 + int(random.bounded(4));
        for (int e = 0; e < edits; ++e) {
            const auto pos = qsizetype(random.bounded(quint32(line.size())));
            switch (random.bounded(4)) {
            case 0:
                line[pos] = char(random.bounded(256));
                break;
            case 1:
                line.remove(pos, 1 + qsizetype(random.bounded(8)));
                break;
            case 2:
                line.insert(pos, char(random.bounded(256)));
                break;
            default:
                line.truncate(pos);
                break;
            }
            if (line.isEmpty())
                break;
        }
        for (JsonScanner *scanner : {&skip, &index}) {
            scanner->reset(view(line));
            JsonLeaf leaf;
            int count = 0;
            while (scanner->next(leaf)) {
                (void)scanner->text(leaf.value);
                QVERIFY(++count < 10000);
            }
            if (scanner->failed()) {
                ++failures;
                QVERIFY(!scanner->error().empty());
                QVERIFY(scanner->errorOffset() <= std::size_t(line.size()));
            }
        }
    }
    QVERIFY(failures > 0);
}

QTEST_APPLESS_MAIN(TestJsonScanner)

#include "tst_jsonscanner.moc"
