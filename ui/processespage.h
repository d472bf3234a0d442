#pragma once

#include "latestrequest.h"

#include <QTimer>
#include <QWidget>

#include <cstdint>
#include <optional>

class QAbstractItemModel;
class QCheckBox;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QSplitter;
class QTableView;

namespace ea {

class CaseSession;
struct ProcessDestinationItem; // processespage.cpp
struct ProcessSummaryRow;
template<typename Row> class RowsTableModel;

// Every process of the case with its external destinations; selecting one
// lists the destinations it contacted.
class ProcessesPage final : public QWidget
{
    Q_OBJECT

public:
    explicit ProcessesPage(CaseSession &session, QWidget *parent = nullptr);
    ~ProcessesPage() override;

    void reload();
    // liftFilters as DestinationsPage::selectDestination.
    bool selectProcess(std::int64_t processId, bool liftFilters = true);
    [[nodiscard]] std::optional<std::int64_t> currentProcess() const;
    [[nodiscard]] bool isLoading() const noexcept { return m_pending > 0; }

    [[nodiscard]] QTableView *processesView() const noexcept { return m_table; }
    [[nodiscard]] QTableView *destinationsView() const noexcept { return m_destinationsView; }
    [[nodiscard]] QLineEdit *filterEdit() const noexcept { return m_filter; }
    [[nodiscard]] QAbstractItemModel *processesModel() const;
    [[nodiscard]] QAbstractItemModel *destinationsModel() const;
    // "N of M processes", for the status bar while this tab is in view.
    [[nodiscard]] QString countsText() const;
    // The drill-down's caption: it names the process whose destinations it shows.
    [[nodiscard]] QString destinationsCaption() const;

    void saveState(const QString &group) const;
    void restoreState(const QString &group);
    // The columns and splitter as first shown (Preferences → Reset layout).
    void resetLayout();
    // Makes room in the time columns for times as now shown (UTC or local).
    void widenTimeColumns();
    [[nodiscard]] QCheckBox *externalOnlyBox() const noexcept { return m_externalOnly; }

Q_SIGNALS:
    void currentProcessChanged();
    // countsText() changed.
    void countsChanged();
    // Double-click/Enter on a destination of the drill-down.
    void destinationActivated(std::int64_t destinationId);
    void errorOccurred(const QString &message);

private:
    void showDestinations();
    // After the filter hid rows: the drill-down follows the current row.
    void followCurrentRow();
    void applyMarks();

    CaseSession &m_session;
    RowsTableModel<ProcessSummaryRow> *m_processes = nullptr;
    QSortFilterProxyModel *m_processesProxy = nullptr;
    RowsTableModel<ProcessDestinationItem> *m_destinations = nullptr;
    QSortFilterProxyModel *m_destinationsSort = nullptr;
    QLineEdit *m_filter = nullptr;
    QCheckBox *m_externalOnly = nullptr;
    QTableView *m_table = nullptr;
    QTableView *m_destinationsView = nullptr;
    QLabel *m_destinationsCaption = nullptr;
    std::optional<std::int64_t> m_drillShown; // the process the drill-down shows
    QSplitter *m_splitter = nullptr;
    LatestRequest m_loadRequest;
    LatestRequest m_drillRequest;
    int m_pending = 0;
    QTimer m_debounce;
    QString m_shownCase;
    QByteArray m_defaultHeader, m_defaultDestinationsHeader, m_defaultSplitter;
};

} // namespace ea
