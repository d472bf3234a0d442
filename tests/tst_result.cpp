// ea::Error and ea::Result: the model's one error shape.

#include <QTest>

#include "core/error.h"

#include <string>
#include <vector>

using namespace ea;

class TestResult : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultErrorIsNone();
    void errorKeepsCodeAndMessage();
    void noneCodeBecomesFailed();
    void valueIsOk();
    void errorIsNotOk();
    void voidResult();
};

void TestResult::defaultErrorIsNone()
{
    const Error error;
    QVERIFY(error.isNull());
    QVERIFY(!error);
    QCOMPARE(error.code(), Error::Code::None);
    QVERIFY(error.message().isEmpty());
}

void TestResult::errorKeepsCodeAndMessage()
{
    const Error error(QStringLiteral("Cannot read x.eacase: disk I/O error"), Error::Code::Io);
    QVERIFY(!error.isNull());
    QVERIFY(bool(error));
    QCOMPARE(error.code(), Error::Code::Io);
    QCOMPARE(error.message(), QStringLiteral("Cannot read x.eacase: disk I/O error"));
    QCOMPARE(Error(QStringLiteral("x")).code(), Error::Code::Failed);
}

void TestResult::noneCodeBecomesFailed()
{
    // An error made with a message is never "no error", whatever code it got.
    const Error error(QStringLiteral("broken"), Error::Code::None);
    QVERIFY(!error.isNull());
    QCOMPARE(error.code(), Error::Code::Failed);
}

void TestResult::valueIsOk()
{
    const Result<std::vector<int>> result = std::vector<int> {1, 2, 3};
    QVERIFY(result.ok());
    QCOMPARE(result.value, (std::vector<int> {1, 2, 3}));
    QVERIFY(result.error.isNull());
}

void TestResult::errorIsNotOk()
{
    const Result<std::string> result = Error(QStringLiteral("no such row"), Error::Code::NotFound);
    QVERIFY(!result.ok());
    QVERIFY(result.value.empty());
    QCOMPARE(result.error.code(), Error::Code::NotFound);
    QCOMPARE(result.error.message(), QStringLiteral("no such row"));
}

void TestResult::voidResult()
{
    const Result<void> fine;
    QVERIFY(fine.ok());
    const Result<void> failed = Error(QStringLiteral("database is locked"), Error::Code::Database);
    QVERIFY(!failed.ok());
    QCOMPARE(failed.error.code(), Error::Code::Database);
}

QTEST_GUILESS_MAIN(TestResult)
#include "tst_result.moc"
