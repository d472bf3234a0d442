#include "statuspresentation.h"

#include "timedisplay.h"

#include "core/text.h"
#include "core/timestamp.h"
#include "storage/aggregates.h"
#include "storage/casequeries.h"

#include <QCoreApplication>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>
#include <QStringList>

#include <array>
#include <limits>

namespace ea {

namespace {

const char *const kContext = "ea::StatusPresentation";

QIcon paintIcon(MarkStatus status)
{
    // Each status has its own shape: circle, triangle, cross, square, ring.
    QIcon icon;
    for (const int size : {16, 32}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        const QColor color = statusColor(status);
        const qreal m = size / 8.0;
        const QRectF box(m, m, size - 2 * m, size - 2 * m);
        painter.setPen(QPen(color.darker(140), size / 16.0));
        painter.setBrush(color);
        switch (status) {
        case MarkStatus::KnownSafe: {
            painter.drawEllipse(box);
            QPen tick(Qt::white, size / 8.0);
            tick.setCapStyle(Qt::RoundCap);
            painter.setPen(tick);
            painter.drawPolyline(
                QPolygonF({QPointF(size * 0.3, size * 0.52), QPointF(size * 0.45, size * 0.67),
                           QPointF(size * 0.72, size * 0.35)}));
            break;
        }
        case MarkStatus::Suspicious: {
            painter.drawPolygon(
                QPolygonF({QPointF(size / 2.0, m), box.bottomRight(), box.bottomLeft()}));
            painter.setPen(QPen(Qt::white, size / 8.0));
            painter.drawLine(QPointF(size / 2.0, size * 0.4), QPointF(size / 2.0, size * 0.65));
            break;
        }
        case MarkStatus::Malicious: {
            painter.drawRect(box);
            QPen cross(Qt::white, size / 8.0);
            painter.setPen(cross);
            painter.drawLine(box.topLeft() + QPointF(m, m), box.bottomRight() - QPointF(m, m));
            painter.drawLine(box.topRight() + QPointF(-m, m), box.bottomLeft() + QPointF(m, -m));
            break;
        }
        case MarkStatus::Internal: {
            QPainterPath house;
            house.moveTo(size / 2.0, m);
            house.lineTo(box.right(), size / 2.0);
            house.lineTo(box.right(), box.bottom());
            house.lineTo(box.left(), box.bottom());
            house.lineTo(box.left(), size / 2.0);
            house.closeSubpath();
            painter.drawPath(house);
            break;
        }
        case MarkStatus::Unreviewed:
            painter.setBrush(Qt::NoBrush);
            painter.setPen(QPen(color, size / 8.0));
            painter.drawEllipse(box.adjusted(m / 2, m / 2, -m / 2, -m / 2));
            break;
        }
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

} // namespace

QString statusDisplayName(MarkStatus status)
{
    switch (status) {
    case MarkStatus::Unreviewed:
        return QCoreApplication::translate("ea::StatusPresentation", "Unreviewed");
    case MarkStatus::KnownSafe:
        return QCoreApplication::translate("ea::StatusPresentation", "Known safe");
    case MarkStatus::Suspicious:
        return QCoreApplication::translate("ea::StatusPresentation", "Suspicious");
    case MarkStatus::Malicious:
        return QCoreApplication::translate("ea::StatusPresentation", "Malicious");
    case MarkStatus::Internal:
        return QCoreApplication::translate("ea::StatusPresentation", "Internal");
    }
    return {};
}

QColor statusColor(MarkStatus status)
{
    switch (status) {
    case MarkStatus::Unreviewed:
        return QColor(0x80, 0x80, 0x80);
    case MarkStatus::KnownSafe:
        return QColor(0x2e, 0x8b, 0x3e);
    case MarkStatus::Suspicious:
        return QColor(0xe0, 0x8a, 0x00);
    case MarkStatus::Malicious:
        return QColor(0xc6, 0x28, 0x28);
    case MarkStatus::Internal:
        return QColor(0x1e, 0x63, 0xb4);
    }
    return {};
}

QIcon statusIcon(MarkStatus status)
{
    // Painted once per status; QIcon is implicitly shared.
    static const std::array<QIcon, 5> icons
        = {paintIcon(MarkStatus::Unreviewed), paintIcon(MarkStatus::KnownSafe),
           paintIcon(MarkStatus::Suspicious), paintIcon(MarkStatus::Malicious),
           paintIcon(MarkStatus::Internal)};
    return icons[std::size_t(status)];
}

QString categoryDisplayName(std::string_view categoryId)
{
    // The ids are the registry's vocabulary (classifier.h); unknown ones are
    // shown as stored.
    struct Name
    {
        std::string_view id;
        const char *text;
    };
    static constexpr Name kNames[] = {
        {"global", QT_TRANSLATE_NOOP("ea::StatusPresentation", "Global")},
        {"teredo", QT_TRANSLATE_NOOP("ea::StatusPresentation", "Teredo")},
        {"6to4", QT_TRANSLATE_NOOP("ea::StatusPresentation", "6to4")},
        {"private", QT_TRANSLATE_NOOP("ea::StatusPresentation", "Private")},
        {"shared", QT_TRANSLATE_NOOP("ea::StatusPresentation", "Shared (CGN)")},
        {"loopback", QT_TRANSLATE_NOOP("ea::StatusPresentation", "Loopback")},
        {"link-local", QT_TRANSLATE_NOOP("ea::StatusPresentation", "Link-local")},
        {"unique-local", QT_TRANSLATE_NOOP("ea::StatusPresentation", "Unique local")},
        {"multicast", QT_TRANSLATE_NOOP("ea::StatusPresentation", "Multicast")},
        {"broadcast", QT_TRANSLATE_NOOP("ea::StatusPresentation", "Broadcast")},
        {"unspecified", QT_TRANSLATE_NOOP("ea::StatusPresentation", "Unspecified")},
        {"documentation", QT_TRANSLATE_NOOP("ea::StatusPresentation", "Documentation")},
        {"benchmarking", QT_TRANSLATE_NOOP("ea::StatusPresentation", "Benchmarking")},
        {"reserved", QT_TRANSLATE_NOOP("ea::StatusPresentation", "Reserved")},
    };
    for (const Name &name : kNames) {
        if (name.id == categoryId)
            return QCoreApplication::translate(kContext, name.text);
    }
    return QString::fromUtf8(categoryId.data(), qsizetype(categoryId.size()));
}

QVariant timeSortKey(const std::optional<std::int64_t> &ns)
{
    return ns ? QVariant(qint64(*ns)) : QVariant(qint64(std::numeric_limits<qint64>::min()));
}

QString displayTime(const std::optional<std::int64_t> &ns, bool zoneUnknown)
{
    if (!ns)
        return {};
    if (looksRelative(*ns)) {
        // "+00:01:38.400 (relative)", days in front when there are any.
        const std::int64_t ms = *ns / 1'000'000;
        const std::int64_t days = ms / 86'400'000;
        const QString clock = QStringLiteral("%1:%2:%3.%4")
                                  .arg(ms / 3'600'000 % 24, 2, 10, QLatin1Char('0'))
                                  .arg(ms / 60'000 % 60, 2, 10, QLatin1Char('0'))
                                  .arg(ms / 1000 % 60, 2, 10, QLatin1Char('0'))
                                  .arg(ms % 1000, 3, 10, QLatin1Char('0'));
        return days > 0
            ? QCoreApplication::translate("ea::StatusPresentation", "+%1d %2 (relative)")
                  .arg(days)
                  .arg(clock)
            : QCoreApplication::translate("ea::StatusPresentation", "+%1 (relative)").arg(clock);
    }
    // A time of unknown zone is shown as written, never converted.
    if (!zoneUnknown && timeDisplay() == TimeDisplay::Local)
        return displayIsoTime(*ns);
    // Milliseconds are enough to read; exports keep every digit.
    char buffer[40];
    std::size_t length = formatIso8601Utc(*ns, buffer);
    constexpr std::size_t kMillis = 23; // "YYYY-MM-DDTHH:MM:SS.fff"
    if (length > kMillis + 1) {
        buffer[kMillis] = 'Z';
        length = kMillis + 1;
    }
    if (zoneUnknown) {
        return QCoreApplication::translate("ea::StatusPresentation", "%1 (zone unknown)")
            .arg(QString::fromLatin1(buffer, qsizetype(length - 1))); // without the Z
    }
    return QString::fromLatin1(buffer, qsizetype(length));
}

QString processToolTip(const ProcessRow &row)
{
    QStringList lines;
    if (!row.arguments.empty())
        lines << toQString(row.arguments);
    for (const std::string &alias : row.alsoKnownAs)
        lines << QCoreApplication::translate("ea::StatusPresentation", "Also recorded as %1")
                     .arg(toQString(alias));
    return lines.join(QLatin1Char('\n'));
}

QString displayBytes(std::int64_t bytes)
{
    if (bytes < 0)
        return {};
    if (bytes < 1000)
        return bytes == 1 ? QCoreApplication::translate("ea", "1 byte")
                          : QCoreApplication::translate("ea", "%1 bytes").arg(bytes);
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

QString exactBytes(std::int64_t bytes)
{
    if (bytes < 0)
        return {};
    return QCoreApplication::translate("ea", "%1 bytes").arg(QLocale().toString(qint64(bytes)));
}

QString directionDisplayName(std::uint8_t directions)
{
    const std::string_view id = directionsId(directions);
    if (id == "both")
        return QCoreApplication::translate("ea", "both");
    if (id == "inbound")
        return QCoreApplication::translate("ea", "inbound");
    if (id == "outbound")
        return QCoreApplication::translate("ea", "outbound");
    return {};
}

} // namespace ea
