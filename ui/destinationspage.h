#pragma once

#include "latestrequest.h"

#include "review/destinationfilter.h"

#include <QFutureWatcher>
#include <QTimer>
#include <QWidget>

#include <cstdint>
#include <memory>
#include <optional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QMenu;
class QSortFilterProxyModel;
class QSplitter;
class QTableView;

namespace ea {

// Forward declarations keep the model headers (and their C++20 library
// headers, which moc cannot parse) out of moc's way.
class CaseSession;
struct DestinationRow;
struct ProcessRow;
class DestinationsModel;
struct SnapshotRows;
class EventsModel;
template<typename Row> class RowsTableModel;

// The main table of destinations with its quick filter and toggles, and the
// drill-down below it: the processes that contacted the selected destination
// and its raw events, page by page.
class DestinationsPage final : public QWidget
{
    Q_OBJECT

public:
    explicit DestinationsPage(CaseSession &session, QWidget *parent = nullptr);
    ~DestinationsPage() override;

    // Reads the destinations again (after an import or opening a case).
    void reload();
    // Shows the destination; liftFilters clears the filter and toggles when
    // they hide it (following a link), else hidden means false.
    bool selectDestination(std::int64_t destinationId, bool liftFilters = true);
    [[nodiscard]] std::optional<std::int64_t> currentDestination() const;
    // The selected rows as snapshot rows, in view order (what marking a
    // million rows reads off the GUI thread); the current row when none is
    // selected.
    [[nodiscard]] SnapshotRows selectedRows() const;
    // The ids of the rows in view (after filter and sort), for export.
    [[nodiscard]] std::vector<std::int64_t> idsInView() const;
    [[nodiscard]] bool isLoading() const;
    // Only the first rows of a case being opened are shown yet (the whole
    // table is still loading): counts and "in view" are not final.
    [[nodiscard]] bool isPartial() const;
    // "N of M destinations" and what each toggle hides, for the status bar.
    [[nodiscard]] QString countsText() const;

    void setFilterText(const QString &text); // as typed, debounced
    void applyFilterNow(); // skip the debounce (tests, Enter)
    void focusFilter();
    void setContextMenuActions(const QList<QAction *> &markActions);

    [[nodiscard]] QTableView *destinationsView() const noexcept { return m_table; }
    [[nodiscard]] QTableView *processesView() const noexcept { return m_processesView; }
    [[nodiscard]] QTableView *eventsView() const noexcept { return m_eventsView; }
    [[nodiscard]] DestinationsModel *model() const noexcept { return m_model; }
    [[nodiscard]] EventsModel *eventsModel() const noexcept { return m_events; }
    [[nodiscard]] QLineEdit *filterEdit() const noexcept { return m_filter; }
    [[nodiscard]] QCheckBox *showAllBox() const noexcept { return m_showAll; }
    [[nodiscard]] QCheckBox *hideReviewedBox() const noexcept { return m_hideReviewed; }
    [[nodiscard]] QCheckBox *outboundOnlyBox() const noexcept { return m_outboundOnly; }
    // The drill-down's captions: they name the destination the panes show.
    [[nodiscard]] QString processesCaption() const;
    [[nodiscard]] QString eventsCaption() const;

    void saveState(const QString &group) const;
    void restoreState(const QString &group);
    // The columns, panes and splitters as first shown (Preferences → Reset layout).
    void resetLayout();
    // Makes room in the time columns for times as now shown (UTC or local).
    void widenTimeColumns();

Q_SIGNALS:
    // "N of M destinations" changed.
    void countsChanged(int shown, int candidates);
    // The rows shown may have changed (not after a sort alone).
    void shownRowsChanged();
    void currentDestinationChanged();
    // Double-click/Enter on a process of the drill-down.
    void processActivated(std::int64_t processId);
    void loaded();
    void errorOccurred(const QString &message);
    // A link lifted the toggles and filter that hid its destination: why (rich text).
    void viewChangedForLink(const QString &message);

private:
    void buildContextMenu(const QPoint &pos);

public:
    // The context menu of a row of the table (view order); tests walk it.
    [[nodiscard]] std::unique_ptr<QMenu> rowMenu(int viewRow);

private:
    // The width a time of unknown zone needs ("… (zone unknown)").
    [[nodiscard]] static QString zoneUnknownSample();
    // The layout before restoreState() applied the saved one.
    QByteArray m_defaultHeader, m_defaultSplitter, m_defaultDrillSplitter;
    void showDrillDown();
    // Enter on the table: the keyboard goes to the drill-down.
    void openDrillDown();
    // After a new order: a current row the order hides is gone, and the
    // drill-down (which QItemSelectionModel does not tell) follows.
    void followCurrentRow();
    void updateCounts();
    void chooseColumns(const QPoint &pos);
    void setFilter(DestinationFilter filter, DestinationFilter::IdSets sets);
    bool selectShown(std::int64_t destinationId);
    void liftFiltersForLink();

    CaseSession &m_session;
    DestinationsModel *m_model = nullptr;
    RowsTableModel<ProcessRow> *m_processes = nullptr;
    QSortFilterProxyModel *m_processesSort = nullptr;
    EventsModel *m_events = nullptr;
    QLineEdit *m_filter = nullptr;
    QLabel *m_filterError = nullptr;
    QCheckBox *m_showAll = nullptr;
    QCheckBox *m_hideReviewed = nullptr;
    QCheckBox *m_outboundOnly = nullptr;
    QTableView *m_table = nullptr;
    QTableView *m_processesView = nullptr;
    QTableView *m_eventsView = nullptr;
    QLabel *m_processesCaption = nullptr;
    QLabel *m_eventsCaption = nullptr;
    // The destination the drill-down shows (or waits for).
    std::optional<std::int64_t> m_drillShown;
    QSplitter *m_splitter = nullptr;
    QSplitter *m_drillSplitter = nullptr;
    QTimer m_debounce;
    QList<QAction *> m_markActions;
    LatestRequest m_loadRequest;
    LatestRequest m_filterRequest;
    LatestRequest m_drillRequest;
    bool m_loading = false;
    bool m_filterPending = false;
    int m_drillPending = 0;
    QString m_shownCase; // the case whose rows the model holds
    // A destination to select once the order under way is in.
    std::optional<std::int64_t> m_pendingSelection;
};

} // namespace ea
