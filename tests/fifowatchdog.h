#pragma once

// A FIFO with no writer, and a watchdog for code that must not block on it.
// Opening a FIFO for reading blocks until a writer appears: code that should
// refuse such a file would otherwise hang the test for ever. If the work
// under test is still running after the timeout, the watchdog opens (and
// closes) the FIFO for writing until it finishes, so a regression fails the
// test instead of hanging it.

#include <QFile>
#include <QString>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

// Creates a FIFO at path; false on failure.
inline bool makeFifo(const QString &path)
{
    return ::mkfifo(QFile::encodeName(path).constData(), 0600) == 0;
}

class FifoWatchdog
{
public:
    explicit FifoWatchdog(const QString &fifo,
                          std::chrono::milliseconds timeout = std::chrono::seconds(30))
        : m_fifo(QFile::encodeName(fifo))
        , m_thread([this, timeout] { watch(timeout); })
    { }
    ~FifoWatchdog() { finish(); }
    FifoWatchdog(const FifoWatchdog &) = delete;
    FifoWatchdog &operator=(const FifoWatchdog &) = delete;

    // Stops watching. True when the work blocked on the FIFO until the
    // watchdog gave it a writer.
    bool finish()
    {
        {
            const std::lock_guard lock(m_mutex);
            m_done = true;
        }
        m_wake.notify_all();
        if (m_thread.joinable())
            m_thread.join();
        return m_fired;
    }

private:
    void watch(std::chrono::milliseconds timeout)
    {
        std::unique_lock lock(m_mutex);
        if (m_wake.wait_for(lock, timeout, [this] { return m_done; }))
            return;
        m_fired = true;
        while (!m_done) {
            // Without O_NONBLOCK this would block while nobody reads.
            const int fd = ::open(m_fifo.constData(), O_WRONLY | O_NONBLOCK);
            if (fd >= 0)
                ::close(fd);
            m_wake.wait_for(lock, std::chrono::milliseconds(20), [this] { return m_done; });
        }
    }

    const QByteArray m_fifo;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_done = false;
    bool m_fired = false;
    std::thread m_thread;
};
