#pragma once

#include "latestrequest.h"

#include "core/error.h"

#include <QTimer>
#include <QWidget>

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>

class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QMenu;
class QPushButton;

namespace ea {

class CaseSession;
class DestinationsPage;
class ProcessesPage;
class TimeChartView;
struct ChartData;

// Charts of what the Destinations table shows: its top destinations, their
// connections over time, the breakdown by category and review status, and
// the process selected on the Processes tab. Computed on a pool thread from
// the case whenever the table's rows (filter, toggles, marks), its current
// row or the current process change, and only while the page is visible; a
// newer request supersedes (and stops) an older one.
class ChartsPage final : public QWidget
{
    Q_OBJECT

public:
    enum class Chart {
        TopDestinations,
        Timeline,
        ByCategory,
        ByStatus,
        ProcessDestinations,
        ProcessTimeline,
    };
    static constexpr int kChartCount = 6;
    enum class StackBy { Category, Status };
    // What the first breakdown chart (Chart::ByCategory) divides the
    // destinations in view by: their category, or who holds them (Owners).
    enum class GroupBy { Category, Country, Organisation };

    ChartsPage(CaseSession &session, DestinationsPage &destinations, ProcessesPage &processes,
               QWidget *parent = nullptr);
    ~ChartsPage() override;

    // Computes the charts now (tests; otherwise debounced and on show).
    void refresh();
    // How many times the charts were computed from every event (refresh()),
    // as opposed to a new selection's own events only: for tests.
    [[nodiscard]] int fullRefreshes() const noexcept { return m_fullRefreshes; }
    // Computing, or about to (a refresh waits out its debounce).
    [[nodiscard]] bool isLoading() const noexcept { return m_loading || m_debounce.isActive(); }
    // The last result shown; empty before the first one.
    [[nodiscard]] const ChartData &data() const noexcept { return *m_data; }

    [[nodiscard]] QChartView *view(Chart chart) const noexcept
    {
        return m_views[std::size_t(chart)];
    }
    [[nodiscard]] QChart *chart(Chart chart) const;
    [[nodiscard]] TimeChartView *timelineView() const noexcept { return m_timelineView; }
    // The destination ids of the top chart's bars, in the order of its
    // categories (bottom to top, as Qt Charts lays out horizontal bars).
    [[nodiscard]] const std::vector<std::int64_t> &topBarIds() const noexcept { return m_topIds; }

    void setStackBy(StackBy stackBy);
    [[nodiscard]] StackBy stackBy() const noexcept { return m_stackBy; }
    void setGroupBy(GroupBy groupBy);
    [[nodiscard]] GroupBy groupBy() const noexcept { return m_groupBy; }
    // The labels of the breakdown's bars when grouped by an owner field, in
    // the order of its categories (bottom to top); "" unknown, and the
    // groups past the top ones as kOtherGroup.
    [[nodiscard]] const QStringList &groupBarLabels() const noexcept { return m_groupLabels; }
    // Clicking a group's bar adds its term (country:JP, org:"NAME") to the
    // table's filter; unknown and the other groups have none.
    void chooseGroup(int index);
    // How many destinations the top charts show (Preferences): a change
    // computes the charts again.
    void setTopCount(int count);
    [[nodiscard]] int topCount() const noexcept { return m_topCount; }
    // Draws the last result again: the time display (UTC or local) changed.
    void redraw();

    // What a drag across the time chart does: the table's filter gets
    // since:FROM until:TO (replacing earlier ones), snapped to the buckets.
    void selectTimeRange(std::int64_t fromNs, std::int64_t toNs);
    void clearTimeRange();

    // "Exact values": the text a hover over a time bucket shows.
    [[nodiscard]] QString timeToolTip(int bucket) const;

    // Writes the chart as a PNG or an SVG image (through ExportFile, so
    // never over the open case). A chart on a hidden tab draws at 900x500.
    enum class ImageFormat { Png, Svg };
    [[nodiscard]] Result<> saveImage(Chart chart, ImageFormat format, const QString &path) const;

    void saveState(const QString &group) const;
    void restoreState(const QString &group);

    // A chart's context menu (save as PNG or SVG, clear the time range); tests
    // walk it.
    [[nodiscard]] std::unique_ptr<QMenu> contextMenu(Chart chart);

Q_SIGNALS:
    // A new result is shown.
    void updated();
    // A bar of a destination was clicked and the table now shows it selected.
    void destinationChosen(std::int64_t destinationId);
    void errorOccurred(const QString &message);

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void scheduleRefresh();
    // The current destination changed: its activity on the time chart and
    // its bar's highlight are all that change.
    void scheduleSelection();
    // What the debounce runs: refresh(), or only refreshSelection().
    void refreshDue();
    void refreshSelection();
    void clearCharts();
    void showData();
    void showTop();
    void showTimeline();
    // A new current destination: its bar's highlight and its line on the
    // time chart change in place; the charts are not built again (that
    // re-laid out every chart: 20-40 ms of the GUI thread at each click).
    void showSelection();
    void showSelectedActivity();
    void showBreakdown();
    // The first breakdown grouped by an owner field.
    void showGroups();
    void showProcess();
    void stylePlots();
    void chooseBar(int index, const std::vector<std::int64_t> &ids);
    // The name the save dialog offers, without its extension.
    [[nodiscard]] QString fileStem(Chart chart) const;
    void saveDialog(Chart chart, ImageFormat format);
    void showContextMenu(Chart chart, const QPoint &pos);

    CaseSession &m_session;
    DestinationsPage &m_destinations;
    ProcessesPage &m_processes;
    std::unique_ptr<ChartData> m_data;
    std::array<QChartView *, kChartCount> m_views {};
    TimeChartView *m_timelineView = nullptr;
    QLabel *m_summary = nullptr;
    QComboBox *m_stackByBox = nullptr;
    QComboBox *m_groupByBox = nullptr;
    QPushButton *m_clearRange = nullptr;
    StackBy m_stackBy = StackBy::Category;
    GroupBy m_groupBy = GroupBy::Category;
    QStringList m_groupLabels;
    std::vector<bool> m_groupIsOther;
    int m_topCount = 20;
    std::vector<std::int64_t> m_topIds;
    std::vector<std::int64_t> m_processTopIds;
    QString m_processTitle;
    QTimer m_debounce;
    LatestRequest m_request;
    // The ticket of the newest request, read by the pool thread so that a
    // superseded computation stops early.
    std::shared_ptr<std::atomic<LatestRequest::Ticket>> m_newest;
    bool m_loading = false;
    bool m_dirty = true;
    bool m_selectionDirty = false;
    int m_fullRefreshes = 0;
};

} // namespace ea
