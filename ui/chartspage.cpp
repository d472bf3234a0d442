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
#include <QSvgGenerator>
#include <QTableView>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace ea {

using namespace chartparts;

namespace {

constexpr int kChartMinimumHeight = 280;
// Twenty bars with their address labels: Qt Charts elides a category label
// that is taller than its bar's slot.
constexpr int kBarChartMinimumHeight = 520;

// Removes the since:/until: terms (bare or quoted values) from filter text.
QString withoutTimeTerms(const QString &text)
{
    static const QRegularExpression terms(
        QStringLiteral(R"((^|\s)(since|until):("([^"\\]|\\.)*"|\S*))"),
        QRegularExpression::CaseInsensitiveOption);
    QString result = text;
    result.replace(terms, QStringLiteral(" "));
    return result.simplified();
}

QString isoText(std::int64_t ns)
{
    return QString::fromStdString(formatIso8601Utc(ns));
}

} // namespace

ChartsPage::ChartsPage(CaseSession &session, DestinationsPage &destinations,
                       ProcessesPage &processes, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_destinations(destinations)
    , m_processes(processes)
    , m_data(std::make_unique<ChartData>())
    , m_summary(new QLabel(this))
    , m_stackByBox(new QComboBox(this))
    , m_groupByBox(new QComboBox(this))
    , m_clearRange(new QPushButton(tr("Clear &time range"), this))
    , m_newest(std::make_shared<std::atomic<LatestRequest::Ticket>>(0))
{
    setObjectName(QStringLiteral("chartsPage"));
    m_stackByBox->addItem(tr("Stack by category"));
    m_stackByBox->addItem(tr("Stack by review status"));
    m_stackByBox->setToolTip(tr("How the connections over time are divided"));
    m_groupByBox->setObjectName(QStringLiteral("groupBy"));
    m_groupByBox->addItem(tr("Breakdown by category"));
    m_groupByBox->addItem(tr("Breakdown by country"));
    m_groupByBox->addItem(tr("Breakdown by AS organisation"));
    m_groupByBox->setToolTip(tr("How the first breakdown chart groups the destinations in view "
                                "(country and AS organisation come from the MaxMind databases "
                                "of Edit → Preferences → Owners)"));
    m_clearRange->setToolTip(tr("Remove since: and until: from the filter"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setObjectName(QStringLiteral("chartsSummary"));

    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_stackByBox);
    top->addWidget(m_groupByBox);
    top->addWidget(m_clearRange);

    auto *grid = new QGridLayout;
    for (int i = 0; i < kChartCount; ++i) {
        auto *chart = new QChart;
        chart->setAnimationOptions(QChart::NoAnimation);
        chart->legend()->setAlignment(Qt::AlignBottom);
        chart->setMargins(QMargins(4, 4, 4, 4));
        QChartView *view = nullptr;
        if (Chart(i) == Chart::Timeline) {
            m_timelineView = new TimeChartView(chart, this);
            view = m_timelineView;
        } else {
            view = new QChartView(chart, this);
        }
        view->setRenderHint(QPainter::Antialiasing);
        const bool bars
            = Chart(i) == Chart::TopDestinations || Chart(i) == Chart::ProcessDestinations;
        view->setMinimumHeight(bars ? kBarChartMinimumHeight : kChartMinimumHeight);
        if (Chart(i) == Chart::Timeline || Chart(i) == Chart::ProcessTimeline)
            chart->setMargins(QMargins(4, 4, 28, 4)); // room for the last time label
        view->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(view, &QWidget::customContextMenuRequested, this,
                [this, i](const QPoint &pos) { showContextMenu(Chart(i), pos); });
        m_views[std::size_t(i)] = view;
        grid->addWidget(view, i / 2, i % 2);
    }
    m_timelineView->setToolTip(tr("Drag across the chart to show only that time range"));

    auto *content = new QWidget;
    content->setLayout(grid);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(scroll, 1);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(150);
    connect(&m_debounce, &QTimer::timeout, this, &ChartsPage::refreshDue);
    // Not after a sort alone: the charts show the same rows in any order
    // (at 10M events a refresh is a pass over all of them).
    connect(&destinations, &DestinationsPage::shownRowsChanged, this, &ChartsPage::scheduleRefresh);
    connect(&destinations, &DestinationsPage::currentDestinationChanged, this,
            &ChartsPage::scheduleSelection);
    connect(&processes, &ProcessesPage::currentProcessChanged, this, &ChartsPage::scheduleRefresh);
    connect(&session, &CaseSession::marksChanged, this, &ChartsPage::scheduleRefresh);
    connect(&session, &CaseSession::caseChanged, this, [this] {
        m_request.invalidate();
        m_newest->store(m_request.current());
        m_loading = false;
        *m_data = ChartData {};
        showData();
        scheduleRefresh();
    });
    connect(m_stackByBox, &QComboBox::currentIndexChanged, this,
            [this](int index) { setStackBy(index == 1 ? StackBy::Status : StackBy::Category); });
    connect(m_groupByBox, &QComboBox::currentIndexChanged, this,
            [this](int index) { setGroupBy(GroupBy(std::clamp(index, 0, 2))); });
    connect(m_clearRange, &QPushButton::clicked, this, &ChartsPage::clearTimeRange);
    connect(m_timelineView, &TimeChartView::spanSelected, this, [this](qreal from, qreal to) {
        selectTimeRange(std::int64_t(from) * kNsPerMs, std::int64_t(to) * kNsPerMs);
    });
    showData();
}

ChartsPage::~ChartsPage() = default;

QChart *ChartsPage::chart(Chart which) const
{
    return view(which)->chart();
}

void ChartsPage::scheduleRefresh()
{
    m_dirty = true;
    if (isVisible())
        m_debounce.start();
}

void ChartsPage::scheduleSelection()
{
    m_selectionDirty = true;
    if (isVisible())
        m_debounce.start();
}

void ChartsPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_dirty || m_selectionDirty)
        m_debounce.start(0);
}

void ChartsPage::refreshDue()
{
    // A full computation under way would land with the old selection.
    if (m_dirty || m_loading)
        refresh();
    else if (m_selectionDirty)
        refreshSelection();
}

void ChartsPage::refreshSelection()
{
    m_debounce.stop();
    m_selectionDirty = false;
    const std::optional<std::int64_t> selected = m_destinations.currentDestination();
    if (!selected || !m_session.isOpen() || m_session.isImporting()
        || m_data->timeline.buckets() == 0) {
        m_data->selectedActivity.clear();
        showSelection();
        Q_EMIT updated();
        return;
    }
    const DestinationFilter filter
        = DestinationFilter::parse(m_destinations.filterEdit()->text().toStdString());
    const LatestRequest::Ticket ticket = m_request.next();
    m_newest->store(ticket);
    m_loading = true;
    m_session.run(
        [id = *selected, timeline = m_data->timeline, since = filter.since(),
         until = filter.until()](CaseQueries &queries) {
            return computeSelectedActivity(queries, id, timeline, since, until);
        },
        this,
        [this, ticket](Result<std::vector<std::int64_t>> result) {
            if (!m_request.isCurrent(ticket))
                return;
            m_loading = false;
            if (!result.ok()) {
                Q_EMIT errorOccurred(result.error.message());
                return;
            }
            m_data->selectedActivity = std::move(result.value);
            showSelection();
            Q_EMIT updated();
        });
}

void ChartsPage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        stylePlots();
}

void ChartsPage::refresh()
{
    m_debounce.stop();
    m_dirty = false;
    m_selectionDirty = false;
    const LatestRequest::Ticket ticket = m_request.next();
    m_newest->store(ticket);
    if (!m_session.isOpen() || m_session.isImporting()) {
        // During an import the reload after it brings the charts back.
        m_loading = false;
        return;
    }
    if (m_destinations.isPartial()) {
        // The table shows only its first rows yet: charts of them would be
        // wrong. The whole table's rows bring a refresh.
        m_loading = false;
        m_dirty = true;
        m_summary->setText(tr("Loading the destinations…"));
        return;
    }
    ChartRequest request;
    request.destinationIds = m_destinations.idsInView();
    const DestinationFilter filter
        = DestinationFilter::parse(m_destinations.filterEdit()->text().toStdString());
    request.since = filter.since();
    request.until = filter.until();
    request.selectedDestination = m_destinations.currentDestination();
    request.process = m_processes.currentProcess();
    request.topCount = m_topCount;
    m_processTitle.clear();
    if (request.process) {
        const QModelIndex current = m_processes.processesView()->currentIndex();
        m_processTitle = current.siblingAtColumn(0).data().toString();
    }
    m_loading = true;
    ++m_fullRefreshes;
    // The charts shown are the last result's until this one arrives (at 10M
    // events a few seconds): say so rather than show old counts as current.
    m_summary->setText(tr("Computing the charts of the %1 destinations the table shows…")
                           .arg(number(std::int64_t(request.destinationIds.size()))));
    if (m_data->top.empty())
        showTop(); // its title said "no connections in view" (a new case at 10M events: seconds)
    m_session.run(
        [request = std::move(request), newest = m_newest, ticket](CaseQueries &queries) {
            return computeChartData(queries, request,
                                    [&newest, ticket] { return newest->load() != ticket; });
        },
        this,
        [this, ticket](Result<ChartData> result) {
            if (!m_request.isCurrent(ticket))
                return; // a newer request is under way
            m_loading = false;
            if (!result.ok()) {
                Q_EMIT errorOccurred(result.error.message());
                return;
            }
            *m_data = std::move(result.value);
            showData();
            Q_EMIT updated();
        });
}

void ChartsPage::showData()
{
    const ChartData &data = *m_data;
    m_summary->setText(tr("Charts of the %1 destinations the table shows (%2 connections). "
                          "Drag across a time chart to filter by time.")
                           .arg(number(data.destinations), number(data.connections)));
    const DestinationFilter filter
        = DestinationFilter::parse(m_destinations.filterEdit()->text().toStdString());
    m_clearRange->setEnabled(filter.since() || filter.until());
    showTop();
    showTimeline();
    showBreakdown();
    showProcess();
    stylePlots();
}

void ChartsPage::stylePlots()
{
    for (QChartView *view : m_views) {
        if (view)
            stylePlot(view->chart(), palette());
    }
}

void ChartsPage::setStackBy(StackBy stackBy)
{
    if (stackBy == m_stackBy)
        return;
    m_stackBy = stackBy;
    m_stackByBox->setCurrentIndex(stackBy == StackBy::Status ? 1 : 0);
    showTimeline();
    stylePlots();
}

void ChartsPage::setGroupBy(GroupBy groupBy)
{
    if (groupBy == m_groupBy)
        return;
    m_groupBy = groupBy;
    m_groupByBox->setCurrentIndex(int(groupBy));
    showBreakdown();
    stylePlots();
}

void ChartsPage::chooseGroup(int index)
{
    if (m_groupBy == GroupBy::Category || index < 0 || index >= m_groupLabels.size()
        || m_groupIsOther[std::size_t(index)] || m_groupLabels[index].isEmpty())
        return;
    // Filter syntax, not prose: never translated. An organisation is quoted,
    // its quotes and backslashes escaped.
    QString term;
    if (m_groupBy == GroupBy::Country) {
        term = QStringLiteral("country:") + m_groupLabels[index];
    } else {
        QString name = m_groupLabels[index];
        name.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
        name.replace(QLatin1Char('"'), QStringLiteral("\\\""));
        term = QStringLiteral("org:\"%1\"").arg(name);
    }
    const QString text = m_destinations.filterEdit()->text().trimmed();
    if (text == term || text.endsWith(QLatin1Char(' ') + term)
        || text.contains(term + QLatin1Char(' ')))
        return; // already there
    m_destinations.setFilterText(text.isEmpty() ? term : text + QLatin1Char(' ') + term);
    m_destinations.applyFilterNow();
}

void ChartsPage::setTopCount(int count)
{
    count = std::clamp(count, 1, 1000);
    if (count == m_topCount)
        return;
    m_topCount = count;
    scheduleRefresh();
}

void ChartsPage::redraw()
{
    if (!m_data->top.empty() || m_data->destinations > 0)
        showData();
}

void ChartsPage::selectTimeRange(std::int64_t fromNs, std::int64_t toNs)
{
    if (toNs < fromNs)
        std::swap(fromNs, toNs);
    const std::int64_t bucket = m_data->timeline.bucketNs;
    const std::int64_t start = m_data->timeline.startNs;
    if (bucket > 0) {
        // Whole buckets, as drawn; the end is the next bucket's start (until:
        // is inclusive, and times read to the second, not the nanosecond).
        const auto floorTo = [&](std::int64_t ns) {
            const std::int64_t offset = ns - start;
            return start + (offset / bucket - (offset % bucket < 0 ? 1 : 0)) * bucket;
        };
        fromNs = floorTo(fromNs);
        toNs = floorTo(toNs) + bucket;
    }
    const QString text = withoutTimeTerms(m_destinations.filterEdit()->text());
    // Filter syntax, not prose: never translated.
    const QString range = QStringLiteral("since:%1 until:%2").arg(isoText(fromNs), isoText(toNs));
    m_destinations.setFilterText(text.isEmpty() ? range : text + QLatin1Char(' ') + range);
    m_destinations.applyFilterNow();
}

void ChartsPage::clearTimeRange()
{
    m_destinations.setFilterText(withoutTimeTerms(m_destinations.filterEdit()->text()));
    m_destinations.applyFilterNow();
}

Result<> ChartsPage::saveImage(Chart which, ImageFormat format, const QString &path) const
{
    QChartView *chartView = view(which);
    const QSize size = chartView->isVisible() ? chartView->size() : QSize(900, 500);
    if (!chartView->isVisible())
        chartView->resize(size);
    // The page's own Base colour behind the chart, so a dark palette's light
    // text stays readable in the file.
    const auto draw = [&](QPainter &painter) {
        painter.setRenderHint(QPainter::Antialiasing);
        painter.fillRect(QRect(QPoint(0, 0), size), palette().color(QPalette::Base));
        chartView->render(&painter);
    };
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (format == ImageFormat::Svg) {
        QSvgGenerator svg;
        svg.setOutputDevice(&buffer);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setTitle(chart(which)->title());
        svg.setDescription(tr("Egress Auditor chart"));
        QPainter painter;
        if (!painter.begin(&svg))
            return Error(tr("Cannot save the chart as SVG"), Error::Code::Io);
        draw(painter);
        painter.end();
    } else {
        QImage image(size * 2, QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(2);
        {
            QPainter painter(&image);
            draw(painter);
        }
        if (!image.save(&buffer, "PNG"))
            return Error(tr("Cannot save the chart as PNG"), Error::Code::Io);
    }
    return ExportFile::writeAll(path, m_session.path(),
                                std::string_view(bytes.constData(), std::size_t(bytes.size())));
}

QString ChartsPage::fileStem(Chart which) const
{
    // File names, not prose: never translated.
    switch (which) {
    case Chart::TopDestinations:
        return QStringLiteral("top-destinations");
    case Chart::Timeline:
        return QStringLiteral("connections-over-time");
    case Chart::ByCategory:
        return m_groupBy == GroupBy::Country     ? QStringLiteral("by-country")
            : m_groupBy == GroupBy::Organisation ? QStringLiteral("by-as-organisation")
                                                 : QStringLiteral("by-category");
    case Chart::ByStatus:
        return QStringLiteral("by-review-status");
    case Chart::ProcessDestinations:
        return QStringLiteral("process-destinations");
    case Chart::ProcessTimeline:
        return QStringLiteral("process-activity");
    }
    return QStringLiteral("chart");
}

void ChartsPage::saveDialog(Chart which, ImageFormat format)
{
    const bool svg = format == ImageFormat::Svg;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save chart"),
        fileStem(which) + (svg ? QStringLiteral(".svg") : QStringLiteral(".png")),
        svg ? tr("SVG images (*.svg)") : tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    const Result<> saved = saveImage(which, format, path);
    if (!saved.ok())
        Q_EMIT errorOccurred(saved.error.message());
}

void ChartsPage::showContextMenu(Chart which, const QPoint &pos)
{
    const std::unique_ptr<QMenu> menu = contextMenu(which);
    menu->exec(view(which)->mapToGlobal(pos));
}

std::unique_ptr<QMenu> ChartsPage::contextMenu(Chart which)
{
    auto owned = std::make_unique<QMenu>(this);
    QMenu &menu = *owned;
    menu.addAction(tr("Save as &PNG…"), this,
                   [this, which] { saveDialog(which, ImageFormat::Png); });
    menu.addAction(tr("Save as &SVG…"), this,
                   [this, which] { saveDialog(which, ImageFormat::Svg); });
    if (which == Chart::Timeline) {
        QAction *clear = menu.addAction(tr("Clear &time range"), this, &ChartsPage::clearTimeRange);
        clear->setEnabled(m_clearRange->isEnabled());
    }
    return owned;
}

void ChartsPage::saveState(const QString &group) const
{
    QSettings settings;
    settings.beginGroup(group);
    settings.setValue(QStringLiteral("stackBy"),
                      m_stackBy == StackBy::Status ? QStringLiteral("status")
                                                   : QStringLiteral("category"));
    settings.setValue(QStringLiteral("groupBy"),
                      m_groupBy == GroupBy::Country            ? QStringLiteral("country")
                          : m_groupBy == GroupBy::Organisation ? QStringLiteral("organisation")
                                                               : QStringLiteral("category"));
}

void ChartsPage::restoreState(const QString &group)
{
    QSettings settings;
    settings.beginGroup(group);
    setStackBy(settings.value(QStringLiteral("stackBy")).toString() == QLatin1String("status")
                   ? StackBy::Status
                   : StackBy::Category);
    const QString groupBy = settings.value(QStringLiteral("groupBy")).toString();
    setGroupBy(groupBy == QLatin1String("country")            ? GroupBy::Country
                   : groupBy == QLatin1String("organisation") ? GroupBy::Organisation
                                                              : GroupBy::Category);
}

} // namespace ea
