#include "background.h"

#include <QCoreApplication>
#include <QThread>
#include <QThreadPool>
#include <QtGlobal>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#endif

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace ea {

namespace {

struct WorkPool : QThreadPool
{
    WorkPool()
    {
        setObjectName(QStringLiteral("egress auditor work"));
        setMaxThreadCount(QThread::idealThreadCount());
        // Drained as the application object goes, as Qt drains its global
        // pool: no task outlives QApplication.
        qAddPostRoutine(&WorkPool::drain);
    }
    static void drain();
};
Q_GLOBAL_STATIC(WorkPool, s_workPool)

void WorkPool::drain()
{
    if (s_workPool.exists()) {
        s_workPool->clear();
        s_workPool->waitForDone();
    }
}

} // namespace

QThreadPool *workPool()
{
    return s_workPool();
}

void yieldToGuiThread() noexcept
{
#ifdef Q_OS_LINUX
    thread_local bool lowered = false;
    if (lowered)
        return;
    // QFuture::waitForFinished() runs a task not started yet on the waiting
    // thread: never lower the GUI thread itself.
    const QCoreApplication *app = QCoreApplication::instance();
    if (!app || QThread::currentThread() == app->thread())
        return;
    lowered = true;
    const auto tid = id_t(syscall(SYS_gettid));
    errno = 0;
    const int nice = getpriority(PRIO_PROCESS, tid);
    if (errno == 0)
        (void)setpriority(PRIO_PROCESS, tid, nice + kBackgroundNice);
#endif
}

void returnFreedMemoryPromptly() noexcept
{
#ifdef __GLIBC__
    constexpr int kThreshold = 1024 * 1024;
    (void)mallopt(M_MMAP_THRESHOLD, kThreshold);
    (void)mallopt(M_TRIM_THRESHOLD, kThreshold);
#endif
}

void releaseFreePages() noexcept
{
#ifdef __GLIBC__
    (void)malloc_trim(0);
#endif
}

} // namespace ea
