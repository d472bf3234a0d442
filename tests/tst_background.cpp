// What the window's background work owes the GUI thread (ui/background.h):
// pool and writer threads run at a lower priority, and memory freed after a
// load goes back to the system without malloc_trim().

#include "background.h"
#include "casesession.h"
#include "memoryusage.h"

#include <QFuture>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>
#include <memory>
#include <vector>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

using namespace ea;
using ea::test::residentKiB;

namespace {

#ifdef Q_OS_LINUX
int niceOfThisThread()
{
    return getpriority(PRIO_PROCESS, id_t(syscall(SYS_gettid)));
}
#endif

} // namespace

class TestBackground : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void queriesRunBelowTheGuiThread();
    void freedBlocksLeaveAtOnce();
};

void TestBackground::queriesRunBelowTheGuiThread()
{
#ifndef Q_OS_LINUX
    QSKIP("the nice value is a thread's own on Linux only");
#else
    QTemporaryDir dir;
    CaseSession session;
    QVERIFY(session
                .open(dir.filePath(QStringLiteral("case.eacase")),
                      CaseDatabase::OpenMode::CreateIfMissing)
                .isNull());
    const int gui = niceOfThisThread();
    // Twice: the second task may run on a thread already lowered, which
    // must not go lower again.
    for (int round = 0; round < 2; ++round) {
        QFuture<Result<int>> future
            = session.run([](CaseQueries &) -> Result<int> { return niceOfThisThread(); });
        // Not waitForFinished(): it may run the task on this thread.
        QTRY_VERIFY(future.isFinished());
        QVERIFY(future.result().ok());
        QCOMPARE(future.result().value, std::min(gui + kBackgroundNice, 19));
    }
    // A task the GUI thread runs itself (waitForFinished() takes one not
    // started yet) leaves the GUI thread as it was.
    for (int k = 0; k < 8; ++k) {
        QFuture<Result<int>> future
            = session.run([](CaseQueries &) -> Result<int> { return niceOfThisThread(); });
        future.waitForFinished();
        QVERIFY(future.result().ok());
    }
    QCOMPARE(niceOfThisThread(), gui);
#endif
}

void TestBackground::freedBlocksLeaveAtOnce()
{
#if !defined(__GLIBC__) || defined(__SANITIZE_ADDRESS__)
    QSKIP("glibc's allocator only (AddressSanitizer brings its own)");
#else
    returnFreedMemoryPromptly();
    // With glibc's defaults, freeing a 16 MiB block raises the mmap threshold
    // to 16 MiB (and the trim threshold to 32), so the 2 MiB blocks after it
    // come from the heap and stay resident when freed, as a replaced
    // snapshot's columns did.
    {
        auto big = std::make_unique<char[]>(16 << 20);
        std::memset(big.get(), 1, 16 << 20);
    }
    const long before = residentKiB();
    {
        std::vector<std::unique_ptr<char[]>> blocks;
        // 24 MiB: less than the raised trim threshold.
        for (int k = 0; k < 12; ++k) {
            blocks.push_back(std::make_unique<char[]>(2 << 20));
            std::memset(blocks.back().get(), 1, 2 << 20);
        }
        QVERIFY(residentKiB() - before >= 20 * 1024);
    }
    const long after = residentKiB();
    QVERIFY2(after - before < 4 * 1024,
             qPrintable(QStringLiteral("%1 KiB still resident").arg(after - before)));
#endif
}

QTEST_GUILESS_MAIN(TestBackground)
#include "tst_background.moc"
