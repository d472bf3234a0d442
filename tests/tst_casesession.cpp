// CaseSession opening a case on its writer thread: the marks come with the
// case, a newer request supersedes an older one, a refused file leaves the
// open case alone. (Background writes of marks: tst_markcommand.)

#include "casesession.h"

#include "storage/marks.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <string>

using namespace ea;

class TestCaseSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_session = std::make_unique<CaseSession>();
    }
    void cleanup()
    {
        m_session.reset();
        m_dir.reset();
    }

    void openInBackgroundReadsMarksWithTheCase();
    void newerOpenSupersedesOlder();
    void refusedOpenKeepsTheCase();

private:
    void createCase()
    {
        const QString casePath = m_dir->filePath(QStringLiteral("case.eacase"));
        QVERIFY(m_session->open(casePath, CaseDatabase::OpenMode::CreateIfMissing).isNull());
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CaseSession> m_session;
};

// A case another program made, holding `count` marks.
static void makeMarkedCase(const QString &path, int count)
{
    CaseDatabase::Result made = CaseDatabase::open(path, CaseDatabase::OpenMode::CreateIfMissing);
    QVERIFY(made.ok());
    Marks marks(*made.database);
    for (int i = 1; i <= count; ++i) {
        const std::string target = "198.51.100." + std::to_string(i);
        QVERIFY(!marks.setMark(target, MarkStatus::KnownSafe, "seen").error);
    }
}

void TestCaseSession::openInBackgroundReadsMarksWithTheCase()
{
    const QString path = m_dir->filePath(QStringLiteral("marked.eacase"));
    makeMarkedCase(path, 3);
    if (QTest::currentTestFailed())
        return;
    m_session->setInlineMarkLimit(2);
    QSignalSpy opening(m_session.get(), &CaseSession::openingChanged);
    QSignalSpy changed(m_session.get(), &CaseSession::caseChanged);
    int calls = 0;
    Error reported(QStringLiteral("not called"));
    m_session->openInBackground(path, CaseDatabase::OpenMode::OpenExisting,
                                [&](const Error &error) {
                                    ++calls;
                                    reported = error;
                                });
    QVERIFY(m_session->isOpening());
    QVERIFY(!m_session->isOpen());
    QTRY_COMPARE(calls, 1);
    QVERIFY2(reported.isNull(), qPrintable(reported.message()));
    QVERIFY(!m_session->isOpening());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(opening.count(), 2);
    QCOMPARE(opening.at(0).at(0).toBool(), true);
    QCOMPARE(opening.at(1).at(0).toBool(), false);
    QCOMPARE(QFileInfo(m_session->path()), QFileInfo(path));
    // The marks came with the case, read on the writer thread: before
    // anyone asked for them, the session knows the case holds more than
    // the inline limit, so even a one-mark change goes to the writer.
    QVERIFY(m_session->writesInBackground(1));
    QCOMPARE(m_session->markIndex()->marks().size(), std::size_t(3));
}

void TestCaseSession::newerOpenSupersedesOlder()
{
    const QString first = m_dir->filePath(QStringLiteral("first.eacase"));
    const QString second = m_dir->filePath(QStringLiteral("second.eacase"));
    makeMarkedCase(first, 1);
    makeMarkedCase(second, 2);
    if (QTest::currentTestFailed())
        return;
    QSignalSpy changed(m_session.get(), &CaseSession::caseChanged);
    QSignalSpy opening(m_session.get(), &CaseSession::openingChanged);
    int firstCalls = 0;
    int secondCalls = 0;
    m_session->openInBackground(first, CaseDatabase::OpenMode::OpenExisting,
                                [&](const Error &) { ++firstCalls; });
    m_session->openInBackground(second, CaseDatabase::OpenMode::OpenExisting,
                                [&](const Error &) { ++secondCalls; });
    QTRY_COMPARE(secondCalls, 1);
    // Let the first one's answer arrive too, if it were to.
    QTest::qWait(50);
    QCOMPARE(firstCalls, 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(QFileInfo(m_session->path()), QFileInfo(second));
    QCOMPARE(m_session->markIndex()->marks().size(), std::size_t(2));
    // One busy spell, not one per request.
    QCOMPARE(opening.count(), 2);

    // A synchronous open (or close) supersedes a pending one as well.
    m_session->openInBackground(first, CaseDatabase::OpenMode::OpenExisting,
                                [&](const Error &) { ++firstCalls; });
    m_session->close();
    QVERIFY(!m_session->isOpening());
    QTest::qWait(50);
    QVERIFY(!m_session->isOpen());
    QCOMPARE(firstCalls, 0);
}

void TestCaseSession::refusedOpenKeepsTheCase()
{
    createCase();
    if (QTest::currentTestFailed())
        return;
    const QString kept = m_session->path();
    const QString notACase = m_dir->filePath(QStringLiteral("notes.eacase"));
    {
        QFile file(notACase);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("dst_addr\n8.8.8.8\n");
    }
    QSignalSpy changed(m_session.get(), &CaseSession::caseChanged);
    Error reported;
    int calls = 0;
    m_session->openInBackground(notACase, CaseDatabase::OpenMode::OpenExisting,
                                [&](const Error &error) {
                                    ++calls;
                                    reported = error;
                                });
    QTRY_COMPARE(calls, 1);
    QCOMPARE(reported.code(), Error::Code::NotACase);
    QVERIFY2(reported.message().contains(QStringLiteral("notes.eacase")),
             qPrintable(reported.message()));
    QCOMPARE(changed.count(), 0);
    QCOMPARE(m_session->path(), kept);
    QVERIFY(m_session->marks() != nullptr);
    QVERIFY(!m_session->isOpening());
}

QTEST_MAIN(TestCaseSession)
#include "tst_casesession.moc"
