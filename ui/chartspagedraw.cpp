// ChartsPage's drawing: each chart's series and axes from the ChartData a
// pool thread computed (chartspage.cpp builds the page and asks for data).
#include "chartspage.h"

#include "casesession.h"
#include "chartdata.h"
#include "chartparts.h"
#include "destinationspage.h"
#include "processespage.h"
#include "statuspresentation.h"
#include "timechartview.h"

#include "core/exportfile.h"
#include "core/timestamp.h"
#include "review/destinationfilter.h"

#include <QAreaSeries>
#include <QBarSet>
#include <QBuffer>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QCursor>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHorizontalStackedBarSeries>
#include <QImage>
#include <QLabel>
#include <QLegend>
#include <QLineEdit>
#include <QLineSeries>
#include <QMenu>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSettings>
#include <QTableView>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace ea {

using namespace chartparts;

void ChartsPage::showTop()
{
    QChart *chart = this->chart(Chart::TopDestinations);
    resetChart(chart);
    m_topIds.clear();
    const ChartData &data = *m_data;
    chart->setTitle(std::int64_t(data.top.size()) < data.destinations
                        ? tr("Top %1 of %2 destinations by connections")
                              .arg(number(std::int64_t(data.top.size())), number(data.destinations))
                        : tr("Destinations by connections"));
    chart->legend()->setVisible(true);
    std::vector<ColouredBar> bars;
    // Qt Charts draws the first category at the bottom: the busiest goes last.
    for (auto bar = data.top.rbegin(); bar != data.top.rend(); ++bar) {
        bars.push_back({fromStd(bar->label), qreal(bar->connections), statusColor(bar->status),
                        statusDisplayName(bar->status)});
        m_topIds.push_back(bar->destinationId);
    }
    if (bars.empty()) {
        // Before the first result there are no bars either: not "none".
        chart->setTitle(m_loading ? tr("Top destinations: computing…")
                                  : tr("Top destinations: no connections in view"));
        return;
    }
    QHorizontalStackedBarSeries *series = colouredBars(chart, bars, tr("Connections"));
    const std::optional<std::int64_t> selected = m_destinations.currentDestination();
    const QList<QBarSet *> sets = series->barSets();
    for (QBarSet *set : sets) {
        set->setSelectedColor(palette().color(QPalette::Highlight));
        for (int i = 0; i < int(m_topIds.size()); ++i) {
            if (selected && m_topIds[std::size_t(i)] == *selected && set->at(i) > 0)
                set->selectBar(i);
        }
    }
    const std::vector<std::int64_t> ids = m_topIds;
    connect(series, &QAbstractBarSeries::clicked, this,
            [this, ids](int index, QBarSet *) { chooseBar(index, ids); });
    connect(
        series, &QAbstractBarSeries::hovered, this, [this, bars](bool on, int index, QBarSet *) {
            if (!on || index < 0 || index >= int(bars.size())) {
                QToolTip::hideText();
                return;
            }
            const ColouredBar &bar = bars[std::size_t(index)];
            QToolTip::showText(QCursor::pos(),
                               tr("%1: %2 connections (%3)")
                                   .arg(bar.label, number(std::int64_t(bar.value)), bar.colourName),
                               this);
        });
}

void ChartsPage::chooseBar(int index, const std::vector<std::int64_t> &ids)
{
    if (index < 0 || index >= int(ids.size()))
        return;
    const std::int64_t id = ids[std::size_t(index)];
    if (m_destinations.selectDestination(id, false))
        Q_EMIT destinationChosen(id);
}

QString ChartsPage::timeToolTip(int bucket) const
{
    const ChartTimeline &timeline = m_data->timeline;
    if (bucket < 0 || bucket >= timeline.buckets())
        return {};
    const std::int64_t start = timeline.startNs + std::int64_t(bucket) * timeline.bucketNs;
    const QString format = timeline.bucketNs >= kDayNs ? QStringLiteral("yyyy-MM-dd")
                                                       : QStringLiteral("yyyy-MM-dd HH:mm");
    QStringList lines;
    lines << tr("%1 (%2)").arg(bucketTimeText(timeline, start, format),
                               bucketName(timeline.bucketNs));
    const auto addClass = [&](int index, std::int64_t count) {
        if (count > 0)
            lines << tr("%1: %2").arg(classInfo(m_stackBy == StackBy::Status, index).name,
                                      number(count));
    };
    if (m_stackBy == StackBy::Status) {
        for (int k = 0; k < kStatusCount; ++k)
            addClass(k, timeline.byStatus[std::size_t(bucket)][std::size_t(k)]);
    } else {
        for (int k = 0; k < kCategoryCount; ++k)
            addClass(k, timeline.byCategory[std::size_t(bucket)][std::size_t(k)]);
    }
    lines << tr("Total: %1 connections").arg(number(timeline.total[std::size_t(bucket)]));
    if (!m_data->selectedActivity.empty())
        lines << tr("Selected destination: %1")
                     .arg(number(m_data->selectedActivity[std::size_t(bucket)]));
    return lines.join(QLatin1Char('\n'));
}

void ChartsPage::showTimeline()
{
    QChart *chart = this->chart(Chart::Timeline);
    resetChart(chart);
    const ChartTimeline &timeline = m_data->timeline;
    QString title = timeline.buckets() > 0
        ? tr("Connections over time, %1").arg(bucketName(timeline.bucketNs))
        : tr("Connections over time");
    if (timeline.untimed > 0)
        title = tr("%1 · %2").arg(title, untimedText(timeline.untimed));
    chart->setTitle(title);
    if (timeline.buckets() == 0)
        return;

    const int classes = m_stackBy == StackBy::Status ? kStatusCount : kCategoryCount;
    const auto count = [&](std::size_t bucket, int k) -> std::int64_t {
        return m_stackBy == StackBy::Status ? timeline.byStatus[bucket][std::size_t(k)]
                                            : timeline.byCategory[bucket][std::size_t(k)];
    };
    const std::size_t buckets = std::size_t(timeline.buckets());
    std::vector<qreal> below(buckets, 0);
    QLineSeries *lower = nullptr;
    QCategoryAxis *x = timeAxis(timeline);
    auto *y = new QValueAxis;
    y->setLabelFormat(QStringLiteral("%.0f"));
    y->setTitleText(tr("Connections"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    qreal highest = 1;
    for (int k = 0; k < classes; ++k) {
        std::vector<qreal> above = below;
        bool any = false;
        for (std::size_t b = 0; b < buckets; ++b) {
            above[b] += qreal(count(b, k));
            any = any || count(b, k) > 0;
        }
        if (!any)
            continue;
        QLineSeries *upper = stepLine(timeline, above);
        auto *area = ownedArea(upper, lower ? stepLine(timeline, below) : nullptr);
        const ClassInfo info = classInfo(m_stackBy == StackBy::Status, k);
        area->setName(info.name);
        area->setColor(info.colour);
        area->setBorderColor(info.colour.darker(115));
        chart->addSeries(area);
        area->attachAxis(x);
        area->attachAxis(y);
        connect(area, &QAreaSeries::hovered, this, [this](const QPointF &point, bool on) {
            if (!on) {
                QToolTip::hideText();
                return;
            }
            const ChartTimeline &t = m_data->timeline;
            const auto ns = std::int64_t(point.x()) * kNsPerMs;
            const auto bucket = int((ns - t.startNs) / std::max<std::int64_t>(t.bucketNs, 1));
            QToolTip::showText(QCursor::pos(), timeToolTip(bucket), this);
        });
        lower = upper;
        below = std::move(above);
        for (const qreal v : below)
            highest = std::max(highest, v);
    }
    setCountRange(y, highest);
    showSelectedActivity();
}

void ChartsPage::showSelection()
{
    // The top chart's bars: only the current destination's is selected.
    const std::optional<std::int64_t> selected = m_destinations.currentDestination();
    const QList<QAbstractSeries *> topSeries = chart(Chart::TopDestinations)->series();
    for (QAbstractSeries *s : topSeries) {
        auto *series = qobject_cast<QAbstractBarSeries *>(s);
        if (!series)
            continue;
        const QList<QBarSet *> sets = series->barSets();
        for (QBarSet *set : sets) {
            set->deselectAllBars();
            for (int i = 0; i < int(m_topIds.size()) && i < set->count(); ++i) {
                if (selected && m_topIds[std::size_t(i)] == *selected && set->at(i) > 0)
                    set->selectBar(i);
            }
        }
    }
    showSelectedActivity();
}

void ChartsPage::showSelectedActivity()
{
    QChart *chart = this->chart(Chart::Timeline);
    QLineSeries *line = nullptr;
    const QList<QAbstractSeries *> series = chart->series();
    for (QAbstractSeries *s : series) {
        if (s->objectName() == QLatin1String("selectedActivity"))
            line = qobject_cast<QLineSeries *>(s);
    }
    const ChartTimeline &timeline = m_data->timeline;
    const QList<QAbstractAxis *> x = chart->axes(Qt::Horizontal);
    const QList<QAbstractAxis *> y = chart->axes(Qt::Vertical);
    if (m_data->selectedActivity.empty() || timeline.buckets() == 0 || x.isEmpty() || y.isEmpty()) {
        if (line) {
            chart->removeSeries(line);
            delete line;
        }
        return;
    }
    const std::vector<qreal> values(m_data->selectedActivity.begin(),
                                    m_data->selectedActivity.end());
    const std::optional<std::int64_t> selected = m_destinations.currentDestination();
    QString name = tr("Selected destination");
    for (const ChartBar &bar : m_data->top) {
        if (selected && bar.destinationId == *selected)
            name = tr("Selected: %1").arg(fromStd(bar.label));
    }
    QPen pen(palette().color(QPalette::Highlight)); // the palette may have changed
    pen.setWidthF(2.5);
    if (line) {
        line->replace(stepPoints(timeline, values));
        line->setName(name);
        line->setPen(pen);
        return;
    }
    line = stepLine(timeline, values);
    line->setName(name);
    line->setObjectName(QStringLiteral("selectedActivity"));
    line->setPen(pen);
    chart->addSeries(line);
    line->attachAxis(x.constFirst());
    line->attachAxis(y.constFirst());
}

void ChartsPage::showBreakdown()
{
    const ChartData &data = *m_data;
    const auto build = [this](QChart *chart, const QString &title, int classes, StackBy kind,
                              const auto &destinations, const auto &connections) {
        resetChart(chart);
        chart->setTitle(title);
        chart->legend()->setVisible(false);
        std::vector<ColouredBar> bars;
        std::vector<std::int64_t> connectionCounts;
        for (int k = classes - 1; k >= 0; --k) {
            if (destinations[std::size_t(k)] == 0)
                continue;
            const ClassInfo info = classInfo(kind == StackBy::Status, k);
            bars.push_back(
                {info.name, qreal(destinations[std::size_t(k)]), info.colour, info.name});
            connectionCounts.push_back(connections[std::size_t(k)]);
        }
        if (bars.empty())
            return;
        QHorizontalStackedBarSeries *series = colouredBars(chart, bars, tr("Destinations"));
        connect(series, &QAbstractBarSeries::hovered, this,
                [this, bars, connectionCounts](bool on, int index, QBarSet *) {
                    if (!on || index < 0 || index >= int(bars.size())) {
                        QToolTip::hideText();
                        return;
                    }
                    const ColouredBar &bar = bars[std::size_t(index)];
                    QToolTip::showText(QCursor::pos(),
                                       tr("%1: %2 destinations, %3 connections")
                                           .arg(bar.label, number(std::int64_t(bar.value)),
                                                number(connectionCounts[std::size_t(index)])),
                                       this);
                });
    };
    if (m_groupBy == GroupBy::Category) {
        m_groupLabels.clear();
        m_groupIsOther.clear();
        build(chart(Chart::ByCategory), tr("Destinations by category"), kCategoryCount,
              StackBy::Category, data.categoryDestinations, data.categoryConnections);
    } else {
        showGroups();
    }
    build(chart(Chart::ByStatus), tr("Destinations by review status"), kStatusCount,
          StackBy::Status, data.statusDestinations, data.statusConnections);
}

void ChartsPage::showGroups()
{
    const bool byCountry = m_groupBy == GroupBy::Country;
    const std::vector<ChartGroup> &groups = byCountry ? m_data->byCountry : m_data->byOrganisation;
    QChart *chart = this->chart(Chart::ByCategory);
    resetChart(chart);
    chart->legend()->setVisible(false);
    m_groupLabels.clear();
    m_groupIsOther.clear();
    const bool anyKnown = std::any_of(groups.begin(), groups.end(), [](const ChartGroup &g) {
        return !g.other && !g.label.empty();
    });
    chart->setTitle(!anyKnown && !groups.empty()
                        ? tr("No owners known: choose MaxMind databases in Edit → Preferences")
                        : byCountry ? tr("Connections by country")
                                    : tr("Connections by AS organisation"));
    // Bottom to top, as Qt Charts lays out horizontal bars: the most
    // connections on top. Unknown and the rest in grey.
    const QColor known(0x4e, 0x79, 0xa7);
    const QColor grey(0x9a, 0x9a, 0x9a);
    std::vector<ColouredBar> bars;
    std::vector<std::int64_t> destinations;
    QStringList names; // as plain text
    for (auto group = groups.rbegin(); group != groups.rend(); ++group) {
        // In parentheses: never the name of a real group.
        const QString label = group->other ? tr("(other)")
            : group->label.empty()         ? tr("(unknown)")
                                           : fromStd(group->label);
        const bool plain = group->other || group->label.empty();
        bars.push_back(
            {label, qreal(group->connections), plain ? grey : known, plain ? label : tr("known")});
        names << label;
        destinations.push_back(group->destinations);
        m_groupLabels << (group->other ? QString() : fromStd(group->label));
        m_groupIsOther.push_back(group->other);
    }
    if (bars.empty())
        return;
    QHorizontalStackedBarSeries *series = colouredBars(chart, bars, tr("Connections"));
    connect(series, &QAbstractBarSeries::clicked, this,
            [this](int index, QBarSet *) { chooseGroup(index); });
    connect(series, &QAbstractBarSeries::hovered, this,
            [this, bars, destinations, names](bool on, int index, QBarSet *) {
                if (!on || index < 0 || index >= int(bars.size())) {
                    QToolTip::hideText();
                    return;
                }
                const QString tip = tr("%1: %2 destinations, %3 connections")
                                        .arg(names[index], number(destinations[std::size_t(index)]),
                                             number(std::int64_t(bars[std::size_t(index)].value)));
                QToolTip::showText(QCursor::pos(),
                                   Qt::mightBeRichText(tip) ? Qt::convertFromPlainText(tip) : tip,
                                   this);
            });
}

void ChartsPage::showProcess()
{
    QChart *bars = chart(Chart::ProcessDestinations);
    QChart *activity = chart(Chart::ProcessTimeline);
    resetChart(bars);
    resetChart(activity);
    m_processTopIds.clear();
    const ChartData &data = *m_data;
    if (!data.hasProcess) {
        bars->setTitle(tr("Select a process on the Processes tab to chart it"));
        activity->setTitle(QString());
        return;
    }
    // Qt Charts draws a title as HTML, and a process's name comes from a file.
    const QString name
        = (m_processTitle.isEmpty() ? tr("the selected process") : m_processTitle).toHtmlEscaped();
    bars->setTitle(tr("Destinations of %1").arg(name));
    bars->legend()->setVisible(true);
    std::vector<ColouredBar> coloured;
    for (auto bar = data.processTop.rbegin(); bar != data.processTop.rend(); ++bar) {
        coloured.push_back({fromStd(bar->label), qreal(bar->connections), statusColor(bar->status),
                            statusDisplayName(bar->status)});
        m_processTopIds.push_back(bar->destinationId);
    }
    if (!coloured.empty()) {
        QHorizontalStackedBarSeries *series = colouredBars(bars, coloured, tr("Connections"));
        const std::vector<std::int64_t> ids = m_processTopIds;
        connect(series, &QAbstractBarSeries::clicked, this,
                [this, ids](int index, QBarSet *) { chooseBar(index, ids); });
        connect(series, &QAbstractBarSeries::hovered, this,
                [this, coloured](bool on, int index, QBarSet *) {
                    if (!on || index < 0 || index >= int(coloured.size())) {
                        QToolTip::hideText();
                        return;
                    }
                    const ColouredBar &bar = coloured[std::size_t(index)];
                    QToolTip::showText(
                        QCursor::pos(),
                        tr("%1: %2 connections (%3)")
                            .arg(bar.label, number(std::int64_t(bar.value)), bar.colourName),
                        this);
                });
    } else {
        bars->setTitle(tr("%1: no connections to the destinations in view").arg(name));
    }

    QString title = tr("Activity of %1").arg(name);
    if (data.processUntimed > 0)
        title = tr("%1 · %2").arg(title, untimedText(data.processUntimed));
    activity->setTitle(title);
    activity->legend()->setVisible(false);
    const ChartTimeline &timeline = data.timeline;
    if (timeline.buckets() == 0)
        return;
    std::vector<qreal> values(data.processActivity.begin(), data.processActivity.end());
    auto *area = ownedArea(stepLine(timeline, values), nullptr);
    area->setName(tr("Connections"));
    const QColor colour = palette().color(QPalette::Highlight);
    area->setColor(colour);
    area->setBorderColor(colour.darker(115));
    QCategoryAxis *x = timeAxis(timeline);
    auto *y = new QValueAxis;
    y->setLabelFormat(QStringLiteral("%.0f"));
    y->setTitleText(tr("Connections"));
    activity->addSeries(area);
    activity->addAxis(x, Qt::AlignBottom);
    activity->addAxis(y, Qt::AlignLeft);
    area->attachAxis(x);
    area->attachAxis(y);
    const qreal highest = values.empty() ? 1 : *std::max_element(values.begin(), values.end());
    setCountRange(y, highest);
    connect(area, &QAreaSeries::hovered, this, [this](const QPointF &point, bool on) {
        const ChartTimeline &t = m_data->timeline;
        const auto bucket = int((std::int64_t(point.x()) * kNsPerMs - t.startNs)
                                / std::max<std::int64_t>(t.bucketNs, 1));
        if (!on || bucket < 0 || bucket >= int(m_data->processActivity.size())) {
            QToolTip::hideText();
            return;
        }
        const std::int64_t start = t.startNs + std::int64_t(bucket) * t.bucketNs;
        QToolTip::showText(QCursor::pos(),
                           tr("%1 (%2)\n%3 connections")
                               .arg(bucketTimeText(t, start, QStringLiteral("yyyy-MM-dd HH:mm")),
                                    bucketName(t.bucketNs),
                                    number(m_data->processActivity[std::size_t(bucket)])),
                           this);
    });
}

} // namespace ea
