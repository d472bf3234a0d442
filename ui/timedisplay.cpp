#include "timedisplay.h"

#include <QTimeZone>

#include <atomic>

namespace ea {

namespace {

std::atomic<TimeDisplay> g_display {TimeDisplay::Utc};

constexpr std::int64_t kNsPerMs = 1000000;

std::int64_t floorMs(std::int64_t ns) noexcept
{
    return ns / kNsPerMs - (ns % kNsPerMs < 0 ? 1 : 0);
}

} // namespace

QString utcOffsetText(int seconds)
{
    const QChar sign = seconds < 0 ? QLatin1Char('-') : QLatin1Char('+');
    const int minutes = std::abs(seconds) / 60;
    return QStringLiteral("%1%2:%3")
        .arg(sign)
        .arg(minutes / 60, 2, 10, QLatin1Char('0'))
        .arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

TimeDisplay timeDisplay() noexcept
{
    return g_display.load(std::memory_order_relaxed);
}

void setTimeDisplay(TimeDisplay display) noexcept
{
    g_display.store(display, std::memory_order_relaxed);
}

QDateTime displayDateTime(std::int64_t ns)
{
    return QDateTime::fromMSecsSinceEpoch(
        floorMs(ns), timeDisplay() == TimeDisplay::Local ? Qt::LocalTime : Qt::UTC);
}

QString displayZoneName(std::int64_t ns)
{
    if (timeDisplay() == TimeDisplay::Utc)
        return QStringLiteral("UTC");
    return QStringLiteral("UTC") + utcOffsetText(displayDateTime(ns).offsetFromUtc());
}

QString displayIsoTime(std::int64_t ns)
{
    const QDateTime time = displayDateTime(ns);
    const QString text = time.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz"));
    if (timeDisplay() == TimeDisplay::Utc)
        return text + QLatin1Char('Z');
    return text + utcOffsetText(time.offsetFromUtc());
}

} // namespace ea
