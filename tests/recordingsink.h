#pragma once

// A RecordSink for reader tests: copies every view it receives into owned
// strings (the views are only valid during the call, so keeping them would
// hide lifetime bugs until ASan catches a stale one) and renders events as one
// line of text each, for golden comparisons with readable failure output.

#include "import/event.h"
#include "import/reader.h"

#include <QBuffer>
#include <QByteArray>
#include <QByteArrayList>
#include <QFile>
#include <QtGlobal>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ea::test {

struct RecordedEvent
{
    std::int64_t line = 0;
    std::int64_t timeNs = 0;
    bool hasTime = false;
    bool timeUnreadable = false;
    Direction direction = Direction::Unknown;
    std::string peer;
    std::string local;
    std::int32_t peerPort = -1;
    std::int32_t localPort = -1;
    std::string protocol;
    std::string processKey;
    std::string pid;
    std::string processPath;
    std::string host;
    std::int64_t bytesOut = -1;
    std::int64_t bytesIn = -1;
};

struct RecordedProcess
{
    std::int64_t line = 0;
    std::string key, host, pid, path, name, arguments, user, container;
};

struct RecordedHost
{
    std::int64_t line = 0;
    std::string key, hostname;
};

struct RecordedRejection
{
    std::int64_t line = 0;
    std::string reason;
    std::string raw;
};

struct RecordedSkip
{
    std::int64_t line = 0;
    std::string reason;
};

inline QByteArray bytes(std::string_view text)
{
    return QByteArray(text.data(), qsizetype(text.size()));
}

// "line [peer]:port <- [local]:port dir proto t=ns|unreadable|- key/pid path @host
// bytes=out/in" (bytes only when the record has either; "-" for the other).
inline QByteArray describe(const RecordedEvent &e)
{
    QByteArray out = QByteArray::number(e.line) + " [" + bytes(e.peer)
        + "]:" + QByteArray::number(e.peerPort) + " <- [" + bytes(e.local)
        + "]:" + QByteArray::number(e.localPort);
    out += e.direction == Direction::Outbound ? " out"
        : e.direction == Direction::Inbound   ? " in"
                                              : " ?";
    out += ' ' + (e.protocol.empty() ? QByteArray("-") : bytes(e.protocol));
    out += " t=";
    if (e.hasTime)
        out += QByteArray::number(e.timeNs);
    else
        out += e.timeUnreadable ? "unreadable" : "-";
    if (!e.processKey.empty() || !e.pid.empty())
        out += ' ' + bytes(e.processKey) + '/' + bytes(e.pid);
    if (!e.processPath.empty())
        out += ' ' + bytes(e.processPath);
    if (!e.host.empty())
        out += " @" + bytes(e.host);
    if (e.bytesOut >= 0 || e.bytesIn >= 0) {
        const auto count = [](std::int64_t n) {
            return n >= 0 ? QByteArray::number(n) : QByteArray("-");
        };
        out += " bytes=" + count(e.bytesOut) + '/' + count(e.bytesIn);
    }
    return out;
}

class RecordingSink final : public RecordSink
{
public:
    void event(const Event &e) override
    {
        if (e.hasTime && e.timeUnreadable)
            inconsistentTimes++;
        events.push_back({e.line, e.timeNs, e.hasTime, e.timeUnreadable, e.direction,
                          std::string(e.peer), std::string(e.local), e.peerPort, e.localPort,
                          std::string(e.protocol), std::string(e.processKey), std::string(e.pid),
                          std::string(e.processPath), std::string(e.host), e.bytesOut, e.bytesIn});
        if (cancelAfterEvents >= 0 && std::int64_t(events.size()) >= cancelAfterEvents)
            m_cancel = true;
    }
    void process(const ProcessRecord &p) override
    {
        processes.push_back({p.line, std::string(p.key), std::string(p.host), std::string(p.pid),
                             std::string(p.path), std::string(p.name), std::string(p.arguments),
                             std::string(p.user), std::string(p.container)});
    }
    void host(const HostRecord &h) override
    {
        hosts.push_back({h.line, std::string(h.key), std::string(h.hostname)});
    }
    void rejected(std::int64_t line, std::string_view reason, std::string_view raw) override
    {
        rejections.push_back({line, std::string(reason), std::string(raw)});
    }
    void skipped(std::int64_t line, std::string_view reason) override
    {
        skips.push_back({line, std::string(reason)});
    }
    [[nodiscard]] bool cancelled() const override { return m_cancel; }
    void progress(std::int64_t bytes) override
    {
        if (bytes < lastProgress)
            progressWentBack = true;
        lastProgress = bytes;
        ++progressCalls;
    }

    [[nodiscard]] QByteArrayList describedEvents() const
    {
        QByteArrayList out;
        for (const RecordedEvent &e : events)
            out.append(describe(e));
        return out;
    }
    // "line: reason" per rejected row.
    [[nodiscard]] QByteArrayList describedRejections() const
    {
        QByteArrayList out;
        for (const RecordedRejection &r : rejections)
            out.append(QByteArray::number(r.line) + ": " + bytes(r.reason));
        return out;
    }

    std::vector<RecordedEvent> events;
    std::vector<RecordedProcess> processes;
    std::vector<RecordedHost> hosts;
    std::vector<RecordedRejection> rejections;
    std::vector<RecordedSkip> skips;
    std::int64_t lastProgress = 0;
    int progressCalls = 0;
    bool progressWentBack = false;
    int inconsistentTimes = 0; // hasTime and timeUnreadable both set: a reader bug
    std::int64_t cancelAfterEvents = -1; // >= 0: ask to stop after that many events

private:
    bool m_cancel = false;
};

// What a Reader makes of bytes in memory, or of a file.
template<typename Reader>
ReadResult readBytes(const QByteArray &data, RecordingSink &sink, const ReadOptions &options = {})
{
    QBuffer buffer;
    buffer.setData(data);
    buffer.open(QIODevice::ReadOnly);
    Reader reader;
    return reader.read(buffer, sink, options);
}

template<typename Reader>
ReadResult readPath(const QString &path, RecordingSink &sink, const ReadOptions &options = {})
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(path));
    Reader reader;
    return reader.read(file, sink, options);
}

} // namespace ea::test
