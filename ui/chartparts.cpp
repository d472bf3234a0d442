#include "chartparts.h"

#include "timedisplay.h"

#include "core/timestamp.h"

#include "chartspage.h"
#include "statuspresentation.h"

#include <QAreaSeries>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QDateTime>
#include <QFontMetricsF>
#include <QHorizontalStackedBarSeries>
#include <QLegend>
#include <QLineSeries>
#include <QLocale>
#include <QSet>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace ea::chartparts {

namespace {

// Category colours: distinct hues of medium lightness, readable on a light
// and on a dark background alike (never black or white).
constexpr std::array<QRgb, kCategoryCount> kCategoryColours {
    0x4e79a7, 0x59a14f, 0x9c755f, 0xf28e2b, 0xedc948, 0xb07aa1, 0x76b7b2,
    0xe15759, 0xff9da7, 0xbab0ac, 0x8cd17d, 0xd37295, 0x499894, 0xa0cbe8,
};

QString categoryName(int category)
{
    return categoryDisplayName(categoryId(Category(category)));
}

} // namespace

std::int64_t floorDiv(std::int64_t a, std::int64_t b) noexcept
{
    const std::int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

QString fromStd(const std::string &text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

QString number(std::int64_t value)
{
    return QLocale().toString(qlonglong(value));
}

QString utcText(std::int64_t ns, const QString &format)
{
    return QDateTime::fromMSecsSinceEpoch(ns / kNsPerMs, Qt::UTC).toString(format);
}

QString offsetText(std::int64_t ns)
{
    const std::int64_t days = ns / kDayNs;
    const QString clock = utcText(ns % kDayNs, QStringLiteral("HH:mm"));
    return days > 0 ? QStringLiteral("+%1d %2").arg(days).arg(clock)
                    : QStringLiteral("+%1").arg(clock);
}

bool isRelative(const ChartTimeline &timeline)
{
    return looksRelative(timeline.startNs)
        && looksRelative(timeline.startNs + std::int64_t(timeline.buckets()) * timeline.bucketNs);
}

QString bucketTimeText(const ChartTimeline &timeline, std::int64_t ns, const QString &format)
{
    if (isRelative(timeline))
        return ChartsPage::tr("%1 (relative)").arg(offsetText(ns));
    // Times of an unknown zone were read as UTC: shown so, they read as
    // written in the file; converted, they would be wrong twice.
    if (timeline.zoneUnknown)
        return ChartsPage::tr("%1 UTC, or local time of an unknown zone").arg(utcText(ns, format));
    if (timeDisplay() == TimeDisplay::Local) {
        // Buckets start at UTC midnight: a local date alone would name the
        // wrong day west of UTC.
        const QString withTime
            = format.contains(QLatin1String("HH")) ? format : format + QStringLiteral(" HH:mm");
        return ChartsPage::tr("%1 local time (%2)")
            .arg(displayDateTime(ns).toString(withTime), displayZoneName(ns));
    }
    return ChartsPage::tr("%1 UTC").arg(utcText(ns, format));
}

// "per 5 minutes": the buckets are those of chartBucketNs().
QString bucketName(std::int64_t bucketNs)
{
    if (bucketNs >= kDayNs)
        return ChartsPage::tr("per day");
    if (bucketNs == kHourNs)
        return ChartsPage::tr("per hour");
    if (bucketNs > kHourNs)
        return ChartsPage::tr("per %1 hours").arg(bucketNs / kHourNs);
    if (bucketNs == kMinuteNs)
        return ChartsPage::tr("per minute");
    return ChartsPage::tr("per %1 minutes").arg(bucketNs / kMinuteNs);
}

// Named on the time charts, never silently dropped.
QString untimedText(std::int64_t count)
{
    return count == 1 ? ChartsPage::tr("1 event without a time (not drawn)")
                      : ChartsPage::tr("%1 events without a time (not drawn)").arg(number(count));
}

ClassInfo classInfo(bool byStatus, int index)
{
    if (byStatus)
        return {statusDisplayName(MarkStatus(index)), statusColor(MarkStatus(index))};
    return {categoryName(index), QColor(kCategoryColours[std::size_t(index)])};
}

// A count axis from 0 with whole-number ticks at 1, 2 or 5 times a power of
// ten (applyNiceNumbers() would put ticks at 0.2 and print them as 0).
void setCountRange(QValueAxis *axis, qreal largest)
{
    const qreal top = std::max<qreal>(largest, 1.0);
    qreal step = 1;
    for (qreal magnitude = 1; top / step > 6; magnitude *= 10) {
        for (const qreal factor : {1.0, 2.0, 5.0}) {
            step = factor * magnitude;
            if (top / step <= 6)
                break;
        }
    }
    axis->setLabelFormat(QStringLiteral("%.0f"));
    axis->setRange(0, std::ceil(top / step) * step);
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0);
    axis->setTickInterval(step);
}

// Removes every series and axis (Qt Charts owns series; a removed axis is
// the caller's to delete).
void resetChart(QChart *chart)
{
    chart->removeAllSeries();
    const QList<QAbstractAxis *> axes = chart->axes();
    for (QAbstractAxis *axis : axes) {
        chart->removeAxis(axis);
        delete axis;
    }
}

void stylePlot(QChart *chart, const QPalette &palette)
{
    const QColor text = palette.color(QPalette::WindowText);
    const QColor base = palette.color(QPalette::Base);
    QColor grid = text;
    grid.setAlphaF(0.18f);
    chart->setBackgroundBrush(base);
    chart->setBackgroundPen(QPen(palette.color(QPalette::Mid)));
    chart->setBackgroundRoundness(0);
    chart->setTitleBrush(text);
    chart->legend()->setLabelColor(text);
    const QList<QAbstractAxis *> axes = chart->axes();
    for (QAbstractAxis *axis : axes) {
        axis->setLabelsBrush(text);
        axis->setTitleBrush(text);
        axis->setGridLineColor(grid);
        axis->setLinePenColor(grid);
    }
}

namespace {

// Qt Charts gives the vertical axes at most 40% of the chart's width
// (maxAxisPortion in its CartesianChartLayout) and draws longer labels past
// the chart's left edge, so a long IPv6 address lost its first characters.
// Labels wider than that are shortened in the middle, where an address's
// network and interface ids both stay readable; the bar's tooltip still
// names it in full. Done again whenever the chart is resized.
void fitLabels(QChart *chart, QBarCategoryAxis *axis, const QStringList &labels)
{
    const auto fit = [chart, axis, labels] {
        const QFontMetricsF metrics(axis->labelsFont());
        // The axis's share, less its padding, tick and a character of slack.
        const qreal budget
            = std::max<qreal>(chart->size().width() * 0.4 - 16 - metrics.averageCharWidth(),
                              metrics.horizontalAdvance(QStringLiteral("0000…0000")));
        QStringList shown;
        QSet<QString> seen;
        for (const QString &label : labels) {
            QString text = metrics.horizontalAdvance(label) > budget
                ? metrics.elidedText(label, Qt::ElideMiddle, budget)
                : label;
            // Categories must differ (a repeated one is not added): two
            // labels alike once shortened keep their full text.
            if (seen.contains(text))
                text = label;
            seen.insert(text);
            // Qt Charts draws a category as HTML; labels are names from
            // files (processes, AS organisations): shown as text.
            shown.append(text.toHtmlEscaped());
        }
        if (shown != axis->categories())
            axis->setCategories(shown);
    };
    fit();
    QObject::connect(chart, &QGraphicsWidget::geometryChanged, axis, fit);
}

} // namespace

QHorizontalStackedBarSeries *colouredBars(QChart *chart, const std::vector<ColouredBar> &bars,
                                          const QString &valueTitle)
{
    auto *series = new QHorizontalStackedBarSeries;
    std::vector<QBarSet *> sets;
    QStringList categories;
    for (const ColouredBar &bar : bars)
        categories.append(bar.label.toHtmlEscaped());
    for (std::size_t i = 0; i < bars.size(); ++i) {
        auto found = std::find_if(sets.begin(), sets.end(), [&](const QBarSet *set) {
            return set->label() == bars[i].colourName;
        });
        QBarSet *set = nullptr;
        if (found == sets.end()) {
            set = new QBarSet(bars[i].colourName);
            set->setColor(bars[i].colour);
            set->setBorderColor(bars[i].colour);
            for (std::size_t k = 0; k < bars.size(); ++k)
                set->append(0);
            sets.push_back(set);
            series->append(set);
        } else {
            set = *found;
        }
        set->replace(int(i), bars[i].value);
    }
    // A few bars stay bars, not slabs filling the plot.
    series->setBarWidth(0.75 * std::min(1.0, qreal(bars.size()) / 6.0));
    chart->addSeries(series);
    auto *y = new QBarCategoryAxis;
    QFont font = y->labelsFont();
    font.setPointSizeF(font.pointSizeF() * 0.9);
    y->setLabelsFont(font);
    y->setTruncateLabels(false); // Qt's truncation cuts the end; see fitLabels()
    y->append(categories);
    chart->addAxis(y, Qt::AlignLeft);
    QStringList labels;
    for (const ColouredBar &bar : bars)
        labels.append(bar.label);
    fitLabels(chart, y, labels);
    series->attachAxis(y);
    auto *x = new QValueAxis;
    x->setLabelFormat(QStringLiteral("%.0f"));
    x->setTitleText(valueTitle);
    const qreal largest = bars.empty()
        ? 1.0
        : std::max_element(bars.begin(), bars.end(), [](const auto &a, const auto &b) {
              return a.value < b.value;
          })->value;
    setCountRange(x, largest);
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
    return series;
}

// Step-shaped lines: each bucket is a flat top from its start to its end.
QList<QPointF> stepPoints(const ChartTimeline &timeline, const std::vector<qreal> &values)
{
    QList<QPointF> points;
    points.reserve(qsizetype(values.size()) * 2);
    for (std::size_t b = 0; b < values.size(); ++b) {
        const qreal start
            = qreal((timeline.startNs + std::int64_t(b) * timeline.bucketNs) / kNsPerMs);
        const qreal end = start + qreal(timeline.bucketNs / kNsPerMs);
        points.append(QPointF(start, values[b]));
        points.append(QPointF(end, values[b]));
    }
    return points;
}

QLineSeries *stepLine(const ChartTimeline &timeline, const std::vector<qreal> &values)
{
    auto *line = new QLineSeries;
    line->replace(stepPoints(timeline, values));
    return line;
}

// QAreaSeries does not own its lines: parent them to it so that removing
// the area from the chart frees them too.
QAreaSeries *ownedArea(QLineSeries *upper, QLineSeries *lower)
{
    auto *area = new QAreaSeries(upper, lower);
    upper->setParent(area);
    if (lower)
        lower->setParent(area);
    return area;
}

// A time axis labelled in UTC (QDateTimeAxis would label in local time,
// while since:/until: and the table read UTC).
QCategoryAxis *timeAxis(const ChartTimeline &timeline)
{
    auto *axis = new QCategoryAxis;
    axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    const std::int64_t buckets = timeline.buckets();
    const qreal min = qreal(timeline.startNs / kNsPerMs);
    const qreal max = qreal((timeline.startNs + buckets * timeline.bucketNs) / kNsPerMs);
    axis->setRange(min, max);
    axis->setStartValue(min);
    // Labels on round times (whole minutes, hours, days in UTC), at most ~8.
    static constexpr std::array<std::int64_t, 16> kStepMinutes {
        1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080, 20160, 43200};
    const std::int64_t spanNs = buckets * timeline.bucketNs;
    std::int64_t step = kStepMinutes.back() * kMinuteNs;
    for (const std::int64_t minutes : kStepMinutes) {
        const std::int64_t candidate = minutes * kMinuteNs;
        if (candidate >= timeline.bucketNs && spanNs / candidate <= 8) {
            step = candidate;
            break;
        }
    }
    const QString format = step >= kDayNs ? QStringLiteral("yyyy-MM-dd")
        : spanNs <= kDayNs                ? QStringLiteral("HH:mm")
                                          : QStringLiteral("MM-dd HH:mm");
    const std::int64_t end = timeline.startNs + spanNs;
    // A capture whose times are offsets from its start (all before 1971)
    // is labelled by offset, not as dates in January 1970.
    const bool relative = isRelative(timeline);
    const bool local = !relative && !timeline.zoneUnknown && timeDisplay() == TimeDisplay::Local;
    // The ticks fall on UTC days: in local time they carry their hour, or a
    // date alone would name the wrong day west of UTC.
    const QString localFormat = step >= kDayNs ? QStringLiteral("yyyy-MM-dd HH:mm") : format;
    for (std::int64_t ns = floorDiv(timeline.startNs + step - 1, step) * step; ns <= end;
         ns += step) {
        axis->append(relative    ? offsetText(ns)
                         : local ? displayDateTime(ns).toString(localFormat)
                                 : utcText(ns, format),
                     qreal(ns / kNsPerMs));
    }
    axis->setTitleText(relative ? ChartsPage::tr("Time since the capture started (relative)")
                           : timeline.zoneUnknown
                           ? ChartsPage::tr("Time (UTC; some of unknown zone, read as UTC)")
                           : local ? ChartsPage::tr("Time (local, %1)").arg(displayZoneName(end))
                                   : ChartsPage::tr("Time (UTC)"));
    return axis;
}

} // namespace ea::chartparts
