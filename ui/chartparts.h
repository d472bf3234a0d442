#pragma once

#include "chartdata.h"

#include <QColor>
#include <QString>

#include <cstdint>
#include <vector>

class QAreaSeries;
class QCategoryAxis;
class QChart;
class QHorizontalStackedBarSeries;
class QLineSeries;
class QPalette;
class QValueAxis;

// How the Charts view draws: colours, axes, series and the texts they carry.
// Free functions over Qt Charts objects, apart from ChartsPage, which decides
// what to show.
namespace ea::chartparts {

inline constexpr std::int64_t kNsPerMs = 1'000'000;
inline constexpr std::int64_t kMinuteNs = 60'000'000'000;
inline constexpr std::int64_t kHourNs = 60 * kMinuteNs;
inline constexpr std::int64_t kDayNs = 24 * kHourNs;

[[nodiscard]] std::int64_t floorDiv(std::int64_t a, std::int64_t b) noexcept;
[[nodiscard]] QString fromStd(const std::string &text);
// A count in the locale's digits.
[[nodiscard]] QString number(std::int64_t value);
[[nodiscard]] QString utcText(std::int64_t ns, const QString &format);
// An offset from the start of a capture: "+01:05", "+2d 03:00".
[[nodiscard]] QString offsetText(std::int64_t ns);
// Whether the whole timeline reads as offsets from a capture's start
// (looksRelative()): its axis and tooltips show offsets.
[[nodiscard]] bool isRelative(const ChartTimeline &timeline);
// A bucket's start for a tooltip, as the axis labels it:
// "2024-11-19 07:00 UTC", "+01:05 (relative)", or with zoneUnknown
// "… UTC, or local time of an unknown zone".
[[nodiscard]] QString bucketTimeText(const ChartTimeline &timeline, std::int64_t ns,
                                     const QString &format);
[[nodiscard]] QString bucketName(std::int64_t bucketNs);
[[nodiscard]] QString untimedText(std::int64_t count);

// A stacking class: a category (by index) or a review status.
struct ClassInfo
{
    QString name;
    QColor colour;
};
[[nodiscard]] ClassInfo classInfo(bool byStatus, int index);

void setCountRange(QValueAxis *axis, qreal largest);
void resetChart(QChart *chart);
void stylePlot(QChart *chart, const QPalette &palette);

// The values of a horizontal bar chart with one colour per bar: one set per
// colour, each holding its bars' values and zero elsewhere, stacked so that
// every bar is drawn once at full width.
struct ColouredBar
{
    QString label;
    qreal value = 0;
    QColor colour;
    QString colourName;
};
QHorizontalStackedBarSeries *colouredBars(QChart *chart, const std::vector<ColouredBar> &bars,
                                          const QString &valueTitle);

// Step-shaped lines: each bucket is a flat top from its start to its end.
[[nodiscard]] QList<QPointF> stepPoints(const ChartTimeline &timeline,
                                        const std::vector<qreal> &values);
[[nodiscard]] QLineSeries *stepLine(const ChartTimeline &timeline,
                                    const std::vector<qreal> &values);
// An area series owning its lines.
[[nodiscard]] QAreaSeries *ownedArea(QLineSeries *upper, QLineSeries *lower);
// A time axis over the timeline, labelled in UTC at round times.
[[nodiscard]] QCategoryAxis *timeAxis(const ChartTimeline &timeline);

} // namespace ea::chartparts
