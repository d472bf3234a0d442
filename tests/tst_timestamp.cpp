// Timestamps of every supported export -> int64 UTC ns, and back to ISO 8601.
// Expected values were computed independently (Python datetime, QDateTime).

#include "core/timestamp.h"
#include "testutils.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>
#include <QTimeZone>

#include <cstdint>
#include <limits>
#include <string>

using namespace ea::test;

namespace {

constexpr qint64 kMin = std::numeric_limits<qint64>::min();
constexpr qint64 kMax = std::numeric_limits<qint64>::max();

std::string_view view(const QByteArray &text)
{
    return {text.constData(), std::size_t(text.size())};
}

std::int64_t qtNs(int y, int m, int d, int h = 0, int mi = 0, int s = 0)
{
    const QDateTime t(QDate(y, m, d), QTime(h, mi, s), QTimeZone::utc());
    return std::int64_t(t.toMSecsSinceEpoch()) * 1'000'000;
}

} // namespace

class TestTimestamp : public QObject
{
    Q_OBJECT

private slots:
    void parseValid_data();
    void parseValid();
    void parseInvalid_data();
    void parseInvalid();
    void parseDateTime_data();
    void parseDateTime();
    void format_data();
    void format();
    void roundTrip();
    void everyDayAgainstQDateTime();
    void dateValidityAgainstQDate();
    void mutatedInputsNeverMisbehave();
    void realDataTimestamps_data();
    void realDataTimestamps();
};

void TestTimestamp::parseValid_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<qint64>("expected");

    // Integer epoch, unit by digit count.
    QTest::addRow("SLS ns, 19 digits")
        << QByteArray("1732000000013250502") << qint64(1732000000013250502);
    QTest::addRow("s, 10 digits") << QByteArray("1732000000") << qint64(1732000000000000000);
    QTest::addRow("ms, 13 digits") << QByteArray("1732000000013") << qint64(1732000000013000000);
    QTest::addRow("us, 16 digits") << QByteArray("1732000000013250") << qint64(1732000000013250000);
    QTest::addRow("s, 1 digit") << QByteArray("0") << qint64(0);
    QTest::addRow("s, 9 digits") << QByteArray("999999999") << qint64(999999999000000000);
    QTest::addRow("ms, 11 digits") << QByteArray("10000000000") << qint64(10000000000000000);
    QTest::addRow("ns, 17 digits") << QByteArray("10000000000000000") << qint64(10000000000000000);
    QTest::addRow("s with leading zeros") << QByteArray("0000000001") << qint64(1000000000);
    QTest::addRow("int64 max ns") << QByteArray("9223372036854775807") << kMax;

    // Fractional epoch seconds (osquery, Zeek).
    QTest::addRow("zeek ts") << QByteArray("1258531221.486539") << qint64(1258531221486539000);
    QTest::addRow("float noise truncated")
        << QByteArray("0.0018720000000023163") << qint64(1872000);
    QTest::addRow("9 fraction digits") << QByteArray("1.123456789") << qint64(1123456789);
    QTest::addRow("10th digit truncated, not rounded")
        << QByteArray("1.9999999999") << qint64(1999999999);
    QTest::addRow("relative ts (slips test9)") << QByteArray("18.8") << qint64(18800000000);
    QTest::addRow("max seconds with fraction") << QByteArray("9223372036.854775807") << kMax;

    // ISO 8601.
    QTest::addRow("suricata +0000")
        << QByteArray("2023-02-28T11:34:02.133169+0000") << qint64(1677584042133169000);
    QTest::addRow("Z") << QByteArray("2023-02-28T11:34:02.133169Z") << qint64(1677584042133169000);
    QTest::addRow("lower-case z and t")
        << QByteArray("2023-02-28t11:34:02.133169z") << qint64(1677584042133169000);
    QTest::addRow("no zone = UTC")
        << QByteArray("2023-02-28T11:34:02.133169") << qint64(1677584042133169000);
    QTest::addRow("+02:00") << QByteArray("2024-11-19T09:06:40.013250502+02:00")
                            << qint64(1732000000013250502);
    QTest::addRow("+02") << QByteArray("2024-11-19T09:06:40.013250502+02")
                         << qint64(1732000000013250502);
    QTest::addRow("-05:30") << QByteArray("2023-02-28T06:04:02-05:30")
                            << qint64(1677584042000000000);
    QTest::addRow("sysmon UtcTime")
        << QByteArray("2023-07-18 14:43:52.031") << qint64(1689691432031000000);
    QTest::addRow("binetflow StartTime")
        << QByteArray("2018/12/18 14:00:00.075359") << qint64(1545141600075359000);
    QTest::addRow("surrounding whitespace")
        << QByteArray(" \t2023-07-18 14:43:52.031\r\n") << qint64(1689691432031000000);
    QTest::addRow("no fraction") << QByteArray("2021-12-01T09:01:43Z")
                                 << qint64(1638349303000000000);
    QTest::addRow("12 fraction digits")
        << QByteArray("2021-12-01T09:01:43.123456789999Z") << qint64(1638349303123456789);
    QTest::addRow("leap second -> next second")
        << QByteArray("2016-12-31T23:59:60Z") << qint64(1483228800000000000);
    QTest::addRow("29 Feb 2000") << QByteArray("2000-02-29T12:00:00Z")
                                 << qint64(951825600000000000);
    QTest::addRow("1900-03-01 (before epoch)")
        << QByteArray("1900-03-01T00:00:00Z") << qint64(-2203891200000000000);
    QTest::addRow("int64 min") << QByteArray("1677-09-21T00:12:43.145224192Z") << kMin;
    QTest::addRow("int64 max") << QByteArray("2262-04-11T23:47:16.854775807Z") << kMax;
    QTest::addRow("offset brings it back into range")
        << QByteArray("2262-04-12T00:47:16.854775807+01:00") << kMax;
}

void TestTimestamp::parseValid()
{
    QFETCH(QByteArray, text);
    QFETCH(qint64, expected);
    std::int64_t ns = -42;
    QVERIFY2(ea::parseTimestamp(view(text), ns), text.constData());
    QCOMPARE(qint64(ns), expected);
}

void TestTimestamp::parseInvalid_data()
{
    QTest::addColumn<QByteArray>("text");

    QTest::addRow("empty") << QByteArray();
    QTest::addRow("blank") << QByteArray(" \t ");
    QTest::addRow("zeek unset") << QByteArray("-");
    QTest::addRow("masked btest ts") << QByteArray("XXXXXXXXXX.XXXXXX");
    QTest::addRow("negative") << QByteArray("-1");
    QTest::addRow("plus sign") << QByteArray("+1732000000");
    QTest::addRow("exponent") << QByteArray("1.732e9");
    QTest::addRow("trailing dot") << QByteArray("1732000000.");
    QTest::addRow("leading dot") << QByteArray(".5");
    QTest::addRow("two dots") << QByteArray("1.2.3");
    QTest::addRow("trailing garbage") << QByteArray("1732000000s");
    QTest::addRow("inner space") << QByteArray("1732 000000");
    QTest::addRow("20 digits") << QByteArray("17320000000132505020");
    QTest::addRow("19 digits over int64") << QByteArray("9223372036854775808");
    QTest::addRow("19 nines") << QByteArray("9999999999999999999");
    QTest::addRow("10-digit s over int64 ns") << QByteArray("9999999999");
    QTest::addRow("13-digit ms over int64 ns") << QByteArray("9999999999999");
    QTest::addRow("fraction past int64") << QByteArray("9223372036.854775808");
    QTest::addRow("11 integer digits with fraction") << QByteArray("10000000000.5");
    QTest::addRow("month 13") << QByteArray("2023-13-01T00:00:00Z");
    QTest::addRow("month 0") << QByteArray("2023-00-01T00:00:00Z");
    QTest::addRow("day 0") << QByteArray("2023-01-00T00:00:00Z");
    QTest::addRow("Feb 30") << QByteArray("2024-02-30T00:00:00Z");
    QTest::addRow("Feb 29 common year") << QByteArray("2023-02-29T00:00:00Z");
    QTest::addRow("Feb 29 1900") << QByteArray("1900-02-29T00:00:00Z");
    QTest::addRow("Apr 31") << QByteArray("2023-04-31T00:00:00Z");
    QTest::addRow("hour 24") << QByteArray("2023-01-01T24:00:00Z");
    QTest::addRow("minute 60") << QByteArray("2023-01-01T23:60:00Z");
    QTest::addRow("second 61") << QByteArray("2023-01-01T23:59:61Z");
    QTest::addRow("date only") << QByteArray("2023-01-01");
    QTest::addRow("no seconds") << QByteArray("2023-01-01T10:00");
    QTest::addRow("one-digit month") << QByteArray("2023-1-01T10:00:00");
    QTest::addRow("mixed date separators") << QByteArray("2023-01/01 10:00:00");
    QTest::addRow("other separator") << QByteArray("2023-01-01_10:00:00");
    QTest::addRow("empty fraction") << QByteArray("2023-01-01T10:00:00.Z");
    QTest::addRow("zone without digits") << QByteArray("2023-01-01T10:00:00+");
    QTest::addRow("one-digit zone") << QByteArray("2023-01-01T10:00:00+2");
    QTest::addRow("zone hour 24") << QByteArray("2023-01-01T10:00:00+24:00");
    QTest::addRow("zone minute 60") << QByteArray("2023-01-01T10:00:00+01:60");
    QTest::addRow("zone then garbage") << QByteArray("2023-01-01T10:00:00Zx");
    QTest::addRow("zone name") << QByteArray("2023-01-01T10:00:00 UTC");
    QTest::addRow("5-digit year") << QByteArray("20230-01-01T10:00:00Z");
    QTest::addRow("before int64 range") << QByteArray("1677-09-21T00:12:43.145224191Z");
    QTest::addRow("after int64 range") << QByteArray("2262-04-11T23:47:16.854775808Z");
    QTest::addRow("year 9999") << QByteArray("9999-12-31T23:59:59Z");
    QTest::addRow("year 0000") << QByteArray("0000-01-01T00:00:00Z");
    QTest::addRow("NUL inside") << QByteArray("1732000000\0"
                                              "1",
                                              12);
    QTest::addRow("high bytes") << QByteArray("\xff\xfe"
                                              "1732000000");
    QTest::addRow("text") << QByteArray("yesterday");
}

void TestTimestamp::parseInvalid()
{
    QFETCH(QByteArray, text);
    std::int64_t ns = 0;
    QVERIFY2(!ea::parseTimestamp(view(text), ns), text.constData());
}

void TestTimestamp::parseDateTime_data()
{
    QTest::addColumn<QByteArray>("date");
    QTest::addColumn<QByteArray>("time");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("expected");

    QTest::addRow("pfirewall") << QByteArray("2021-12-01") << QByteArray("09:01:43") << true
                               << qint64(1638349303000000000);
    QTest::addRow("with fraction") << QByteArray("2021-12-01") << QByteArray("09:01:43.5") << true
                                   << qint64(1638349303500000000);
    QTest::addRow("whitespace") << QByteArray(" 2021-12-01 ") << QByteArray("\t09:01:43\r") << true
                                << qint64(1638349303000000000);
    QTest::addRow("slashes") << QByteArray("2021/12/01") << QByteArray("09:01:43") << true
                             << qint64(1638349303000000000);
    QTest::addRow("unset date") << QByteArray("-") << QByteArray("09:01:43") << false << qint64(0);
    QTest::addRow("unset time") << QByteArray("2021-12-01") << QByteArray("-") << false
                                << qint64(0);
    QTest::addRow("zone not allowed")
        << QByteArray("2021-12-01") << QByteArray("09:01:43Z") << false << qint64(0);
    QTest::addRow("date with time")
        << QByteArray("2021-12-01T00:00:00") << QByteArray("09:01:43") << false << qint64(0);
    QTest::addRow("Feb 30") << QByteArray("2021-02-30") << QByteArray("09:01:43") << false
                            << qint64(0);
    QTest::addRow("hour 25") << QByteArray("2021-12-01") << QByteArray("25:01:43") << false
                             << qint64(0);
}

void TestTimestamp::parseDateTime()
{
    QFETCH(QByteArray, date);
    QFETCH(QByteArray, time);
    QFETCH(bool, ok);
    QFETCH(qint64, expected);
    std::int64_t ns = 0;
    QCOMPARE(ea::parseDateTime(view(date), view(time), ns), ok);
    if (ok)
        QCOMPARE(qint64(ns), expected);
}

void TestTimestamp::format_data()
{
    QTest::addColumn<qint64>("ns");
    QTest::addColumn<QByteArray>("expected");

    QTest::addRow("epoch") << qint64(0) << QByteArray("1970-01-01T00:00:00Z");
    QTest::addRow("whole second") << qint64(1732000000000000000)
                                  << QByteArray("2024-11-19T07:06:40Z");
    QTest::addRow("ms") << qint64(1732000000013000000) << QByteArray("2024-11-19T07:06:40.013Z");
    QTest::addRow("us") << qint64(1732000000013250000) << QByteArray("2024-11-19T07:06:40.013250Z");
    QTest::addRow("ns") << qint64(1732000000013250502)
                        << QByteArray("2024-11-19T07:06:40.013250502Z");
    QTest::addRow("100 ms keeps 3 digits")
        << qint64(1732000000100000000) << QByteArray("2024-11-19T07:06:40.100Z");
    QTest::addRow("1 ns") << qint64(1) << QByteArray("1970-01-01T00:00:00.000000001Z");
    QTest::addRow("-1 ns") << qint64(-1) << QByteArray("1969-12-31T23:59:59.999999999Z");
    QTest::addRow("-1 s") << qint64(-1000000000) << QByteArray("1969-12-31T23:59:59Z");
    QTest::addRow("leap day") << qint64(951825600000000000) << QByteArray("2000-02-29T12:00:00Z");
    QTest::addRow("int64 min") << kMin << QByteArray("1677-09-21T00:12:43.145224192Z");
    QTest::addRow("int64 max") << kMax << QByteArray("2262-04-11T23:47:16.854775807Z");
}

void TestTimestamp::format()
{
    QFETCH(qint64, ns);
    QFETCH(QByteArray, expected);
    const std::string text = ea::formatIso8601Utc(ns);
    QCOMPARE(QByteArray::fromStdString(text), expected);
    QVERIFY(text.size() <= ea::kIso8601MaxLength);
}

void TestTimestamp::roundTrip()
{
    QRandomGenerator random(20241119);
    QList<std::int64_t> values = {kMin, kMin + 1, kMax, kMax - 1, 0, -1, 1, 999, -999999999};
    for (int i = 0; i < 100000; ++i) {
        auto v = std::int64_t(random.generate64());
        // Mix in whole seconds, ms and us so every fraction width is exercised.
        switch (i % 4) {
        case 1:
            v -= v % 1'000'000'000;
            break;
        case 2:
            v -= v % 1'000'000;
            break;
        case 3:
            v -= v % 1'000;
            break;
        default:
            break;
        }
        values.append(v);
    }
    char buffer[ea::kIso8601MaxLength];
    for (const std::int64_t v : std::as_const(values)) {
        const std::size_t length = ea::formatIso8601Utc(v, buffer);
        QVERIFY(length <= ea::kIso8601MaxLength);
        std::int64_t back = 0;
        const std::string_view text(buffer, length);
        if (!ea::parseTimestamp(text, back) || back != v)
            QFAIL(qPrintable(QStringLiteral("%1 -> %2 -> %3")
                                 .arg(v)
                                 .arg(QString::fromLatin1(text.data(), qsizetype(length)))
                                 .arg(back)));
    }
}

// Every day an int64 ns can hold (1677-09-22 .. 2262-04-10), against Qt's own
// calendar arithmetic, in both directions.
void TestTimestamp::everyDayAgainstQDateTime()
{
    const QDate last(2262, 4, 10);
    int checked = 0;
    for (QDate d(1677, 9, 22); d <= last; d = d.addDays(1)) {
        const QByteArray iso = d.toString(Qt::ISODate).toLatin1() + "T12:34:56Z";
        std::int64_t ns = 0;
        QVERIFY2(ea::parseTimestamp(view(iso), ns), iso.constData());
        if (ns != qtNs(d.year(), d.month(), d.day(), 12, 34, 56))
            QFAIL(iso.constData());
        if (QByteArray::fromStdString(ea::formatIso8601Utc(ns)) != iso)
            QFAIL(iso.constData());
        ++checked;
    }
    QCOMPARE(checked, 213502); // (2262-04-10 - 1677-09-22) + 1, from Python
}

void TestTimestamp::dateValidityAgainstQDate()
{
    const QList<int> years = {1700, 1800, 1900, 1970, 1999, 2000, 2001, 2023, 2024, 2100, 2200};
    for (const int y : years) {
        for (int m = 0; m <= 13; ++m) {
            for (int d = 0; d <= 32; ++d) {
                const QByteArray text = QByteArray::number(y) + '-'
                    + QByteArray::number(m).rightJustified(2, '0') + '-'
                    + QByteArray::number(d).rightJustified(2, '0') + " 00:00:00";
                std::int64_t ns = 0;
                const bool ok = ea::parseTimestamp(view(text), ns);
                QVERIFY2(ok == QDate::isValid(y, m, d), text.constData());
                if (ok)
                    QCOMPARE(ns, qtNs(y, m, d));
            }
        }
    }
}

// Under UBSan/ASan: random edits of valid inputs must only ever give true or
// false, and a true must survive a format/parse round trip.
void TestTimestamp::mutatedInputsNeverMisbehave()
{
    const QByteArrayList seeds = {"2023-02-28T11:34:02.133169+0000",
                                  "1732000000013250502",
                                  "1258531221.486539",
                                  "2018/12/18 14:00:00.075359",
                                  "2262-04-11T23:47:16.854775807Z",
                                  "9223372036.854775807"};
    const QByteArray alphabet("0123456789-:./TZ+ 9X\x80\xff");
    QRandomGenerator random(7);
    int accepted = 0;
    for (int i = 0; i < 200000; ++i) {
        QByteArray text = seeds.at(i % seeds.size());
        const int edits = 1 + int(random.bounded(3));
        for (int e = 0; e < edits; ++e) {
            const int pos = int(random.bounded(text.size() + 1));
            const char c = alphabet.at(int(random.bounded(alphabet.size())));
            switch (random.bounded(3)) {
            case 0:
                if (pos < text.size())
                    text[pos] = c;
                break;
            case 1:
                text.insert(pos, c);
                break;
            default:
                if (pos < text.size())
                    text.remove(pos, 1);
                break;
            }
        }
        std::int64_t ns = 0;
        if (ea::parseTimestamp(view(text), ns)) {
            ++accepted;
            std::int64_t back = 0;
            const std::string iso = ea::formatIso8601Utc(ns);
            QVERIFY2(ea::parseTimestamp(iso, back) && back == ns, text.constData());
        }
    }
    QVERIFY(accepted > 0);
}

void TestTimestamp::realDataTimestamps_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("pattern"); // captures the timestamp text
    QTest::addColumn<int>("expected"); // number of matches
    QTest::addColumn<bool>("valid"); // all of them parse (and lie in 2009..2025), or none

    QTest::addRow("suricata timestamp")
        << QStringLiteral("magnc_suricata_eve.json") << QStringLiteral("\"timestamp\":\"([^\"]*)\"")
        << 253 << true;
    QTest::addRow("sysmon UtcTime")
        << QStringLiteral("otrf_ntdsutil_sysmon3_wfp5156_extract.ndjson")
        << QStringLiteral("\"UtcTime\":\"([^\"]*)\"") << 89 << true;
    QTest::addRow("@timestamp ISO Z")
        << QStringLiteral("otrf_covenant_dcsync_full.ndjson")
        << QStringLiteral("\"@timestamp\":\"([^\"]*)\"") << 869 << true;
    QTest::addRow("zeek json ts") << QStringLiteral("rita_json_with_all_fields.conn.log")
                                  << QStringLiteral("\"ts\": ?([0-9.]+)") << 29 << true;
    QTest::addRow("zeek json-streaming ts") << QStringLiteral("otrf_apt29_day1_SCRANTON_conn.log")
                                            << QStringLiteral("\"ts\": ?([0-9.]+)") << 134 << true;
    QTest::addRow("binetflow StartTime") << QStringLiteral("slips_test3-mixed.binetflow.csv")
                                         << QStringLiteral("^(\\d{4}/[^,]*),") << 89 << true;
    QTest::addRow("zeek tsv ts") << QStringLiteral("slips_test10.conn.log")
                                 << QStringLiteral("^(\\d+\\.\\d+)\\t") << 117 << true;
    QTest::addRow("zeek btest masked ts")
        << QStringLiteral("zeek_btest_teredo.conn.log")
        << QStringLiteral("^(XXXXXXXXXX\\.XXXXXX)\\t") << 21 << false;
}

void TestTimestamp::realDataTimestamps()
{
    QFETCH(QString, file);
    QFETCH(QString, pattern);
    QFETCH(int, expected);
    QFETCH(bool, valid);
    QFile in(realdataDir() + QLatin1Char('/') + file);
    if (!in.exists())
        QSKIP("shared/realdata not present");
    QVERIFY(in.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(in.readAll());
    const QRegularExpression re(pattern, QRegularExpression::MultilineOption);
    const std::int64_t from = qtNs(2009, 1, 1);
    const std::int64_t to = qtNs(2026, 1, 1);
    int parsed = 0;
    for (const QRegularExpressionMatch &m : re.globalMatch(text)) {
        const QByteArray value = m.captured(1).toUtf8();
        std::int64_t ns = 0;
        const bool ok = ea::parseTimestamp(view(value), ns);
        QVERIFY2(ok == valid, value.constData());
        if (ok)
            QVERIFY2(ns >= from && ns < to, value.constData());
        ++parsed;
    }
    QCOMPARE(parsed, expected);
}

QTEST_GUILESS_MAIN(TestTimestamp)
#include "tst_timestamp.moc"
