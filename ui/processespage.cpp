#include "processespage.h"

#include "casesession.h"
#include "core/text.h"
#include "rowstablemodel.h"
#include "statuspresentation.h"
#include "tableviews.h"

#include "storage/casequeries.h"
#include "storage/marks.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <unordered_map>

namespace ea {

// One destination a process contacted: that process's traffic to it joined
// with the destination's own row (address, category, status).
struct ProcessDestinationItem
{
    ProcessDestinationRow link;
    DestinationRow destination;
};

namespace {

QString hostText(const ProcessRow &r)
{
    return toQString(r.hostname.empty() ? r.hostKey : r.hostname);
}

QString addressSortKey(const DestinationRow &row)
{
    // Family first, then the 16 bytes as hex: text order is numeric order.
    return (row.family == Family::IPv4 ? QLatin1Char('4') : QLatin1Char('6'))
        + QString::fromLatin1(
               QByteArray(reinterpret_cast<const char *>(row.address.bytes.data()), 16).toHex());
}

// Text filter over what identifies a process, and "only processes with
// external destinations".
class ProcessesProxy final : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    void setText(const QString &text)
    {
        m_text = text.trimmed();
        invalidate(); // one layout change, not one per run of rows
    }
    void setExternalOnly(bool on)
    {
        m_externalOnly = on;
        invalidate();
    }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &) const override
    {
        const auto *model = static_cast<const RowsTableModel<ProcessSummaryRow> *>(sourceModel());
        const ProcessSummaryRow &row = model->row(sourceRow);
        if (m_externalOnly && row.externalDestinations == 0)
            return false;
        if (m_text.isEmpty())
            return true;
        const ProcessRow &p = row.process;
        for (const std::string *field :
             {&p.path, &p.name, &p.key, &p.pid, &p.arguments, &p.hostname, &p.hostKey, &p.user}) {
            if (toQString(*field).contains(m_text, Qt::CaseInsensitive))
                return true;
        }
        return false;
    }

private:
    QString m_text;
    bool m_externalOnly = true;
};

// The First seen columns (Last seen follows) of the two tables.
constexpr int kFirstSeenColumn = 7;
constexpr int kLinkFirstSeenColumn = 5;

std::vector<RowsTableModel<ProcessSummaryRow>::Column> processColumns()
{
    using Row = ProcessSummaryRow;
    using Column = RowsTableModel<Row>::Column;
    auto count = [](std::int64_t Row::*member) {
        return std::pair {[member](const Row &r) -> QVariant { return QString::number(r.*member); },
                          [member](const Row &r) -> QVariant {
                              return qint64(r.*member);
                          }};
    };
    const auto [extText, extSort] = count(&Row::externalDestinations);
    const auto [destText, destSort] = count(&Row::destinations);
    return {
        Column {ProcessesPage::tr("Process"),
                [](const Row &r) -> QVariant {
                    // A source: the local address of network-sensor records,
                    // shown in the Host column.
                    return r.process.processId == 0 ? ProcessesPage::tr("(no process named)")
                                                    : toQString(processLabel(r.process));
                },
                nullptr, false,
                [](const Row &r, int role) -> QVariant {
                    const QString tip
                        = role == Qt::ToolTipRole ? processToolTip(r.process) : QString();
                    return tip.isEmpty() ? QVariant() : QVariant(tip);
                }},
        Column {ProcessesPage::tr("Key"),
                [](const Row &r) -> QVariant {
                    return toQString(r.process.key);
                }},
        Column {ProcessesPage::tr("PID"),
                [](const Row &r) -> QVariant { return toQString(r.process.pid); }, nullptr, true},
        Column {ProcessesPage::tr("Host"),
                [](const Row &r) -> QVariant {
                    return hostText(r.process);
                }},
        Column {ProcessesPage::tr("External destinations"), extText, extSort, true},
        Column {ProcessesPage::tr("Destinations"), destText, destSort, true},
        Column {ProcessesPage::tr("Connections"),
                [](const Row &r) -> QVariant { return QString::number(r.process.connections); },
                [](const Row &r) -> QVariant { return qint64(r.process.connections); }, true},
        Column {ProcessesPage::tr("First seen"),
                [](const Row &r) -> QVariant {
                    return displayTime(r.process.firstNs, r.process.timesZoneUnknown);
                },
                [](const Row &r) {
                    return timeSortKey(r.process.firstNs);
                }},
        Column {ProcessesPage::tr("Last seen"),
                [](const Row &r) -> QVariant {
                    return displayTime(r.process.lastNs, r.process.timesZoneUnknown);
                },
                [](const Row &r) {
                    return timeSortKey(r.process.lastNs);
                }},
        bytesColumn<Row>(ProcessesPage::tr("Bytes out"), &Row::bytesOut),
        bytesColumn<Row>(ProcessesPage::tr("Bytes in"), &Row::bytesIn),
    };
}

std::vector<RowsTableModel<ProcessDestinationItem>::Column> destinationColumns()
{
    using Row = ProcessDestinationItem;
    using Column = RowsTableModel<Row>::Column;
    return {
        Column {ProcessesPage::tr("Address"),
                [](const Row &r) -> QVariant { return toQString(r.destination.canonical); },
                [](const Row &r) -> QVariant { return addressSortKey(r.destination); }, false,
                [](const Row &r, int role) -> QVariant {
                    if (role == AddressTextRole)
                        return toQString(r.destination.canonical);
                    return {};
                }},
        Column {ProcessesPage::tr("Category"),
                [](const Row &r) -> QVariant {
                    return categoryDisplayName(r.destination.category);
                }},
        Column {ProcessesPage::tr("Status"),
                [](const Row &r) -> QVariant { return statusDisplayName(r.destination.status); },
                [](const Row &r) -> QVariant { return int(r.destination.status); }, false,
                [](const Row &r, int role) -> QVariant {
                    if (role == Qt::DecorationRole)
                        return statusIcon(r.destination.status);
                    if (role == StatusRole)
                        return int(r.destination.status);
                    return {};
                }},
        Column {ProcessesPage::tr("Connections"),
                [](const Row &r) -> QVariant { return QString::number(r.link.connections); },
                [](const Row &r) -> QVariant { return qint64(r.link.connections); }, true},
        Column {ProcessesPage::tr("Ports"),
                [](const Row &r) -> QVariant {
                    return toQString(r.link.ports);
                }},
        Column {ProcessesPage::tr("First seen"),
                [](const Row &r) -> QVariant {
                    return displayTime(r.link.firstNs, r.link.timesZoneUnknown);
                },
                [](const Row &r) {
                    return timeSortKey(r.link.firstNs);
                }},
        Column {ProcessesPage::tr("Last seen"),
                [](const Row &r) -> QVariant {
                    return displayTime(r.link.lastNs, r.link.timesZoneUnknown);
                },
                [](const Row &r) {
                    return timeSortKey(r.link.lastNs);
                }},
        Column {ProcessesPage::tr("Note"),
                [](const Row &r) -> QVariant {
                    return toQString(r.destination.note);
                }},
    };
}

} // namespace

ProcessesPage::ProcessesPage(CaseSession &session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_processes(new RowsTableModel<ProcessSummaryRow>(processColumns(), this))
    , m_processesProxy(new ProcessesProxy(this))
    , m_destinations(new RowsTableModel<ProcessDestinationItem>(destinationColumns(), this))
    , m_destinationsSort(new QSortFilterProxyModel(this))
    , m_filter(new QLineEdit(this))
    , m_externalOnly(new QCheckBox(tr("Only processes with e&xternal destinations"), this))
{
    m_processes->setKey([](const ProcessSummaryRow &r) -> QVariant { return qint64(actorKey(r)); });
    m_destinations->setKey(
        [](const ProcessDestinationItem &r) -> QVariant { return qint64(r.link.destinationId); });
    m_processesProxy->setSourceModel(m_processes);
    m_processesProxy->setSortRole(SortRole);
    m_destinationsSort->setSourceModel(m_destinations);
    m_destinationsSort->setSortRole(SortRole);

    m_filter->setObjectName(QStringLiteral("processFilter"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setPlaceholderText(tr("Filter processes: path, name, key, pid, host"));
    m_externalOnly->setChecked(true);

    m_table = makeTableView(this, QStringLiteral("processesView"), m_processesProxy);
    const QString time = QStringLiteral("2024-11-19T07:06:40.123Z");
    setColumnWidths(m_table,
                    {{0, QStringLiteral("/usr/bin/python3 (pid 4242) on web-03")},
                     {1, QStringLiteral("8fb864e4-f1a2-4c")},
                     {kFirstSeenColumn, time},
                     {kFirstSeenColumn + 1, time}});
    m_table->sortByColumn(4, Qt::DescendingOrder);
    m_destinationsView
        = makeTableView(this, QStringLiteral("processDestinationsView"), m_destinationsSort);
    setColumnWidths(m_destinationsView,
                    {{0, QStringLiteral("2001:db8:ffff:ffff:ffff:ffff")},
                     {kLinkFirstSeenColumn, time},
                     {kLinkFirstSeenColumn + 1, time}});
    m_destinationsView->sortByColumn(3, Qt::DescendingOrder);
    m_destinationsView->setToolTip(tr("Double-click or Enter: show this destination"));

    auto *top = new QHBoxLayout;
    top->addWidget(m_filter, 1);
    top->addWidget(m_externalOnly);
    QWidget *lower = captioned({}, m_destinationsView, this, &m_destinationsCaption);
    m_destinationsCaption->setObjectName(QStringLiteral("processDestinationsCaption"));
    // It changes with every selection: its width must not resize the pane.
    m_destinationsCaption->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(QStringLiteral("processesSplitter"));
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(lower);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_splitter, 1);

    auto *proxy = static_cast<ProcessesProxy *>(m_processesProxy);
    connect(m_filter, &QLineEdit::textChanged, this, [this] { m_debounce.start(); });
    connect(m_externalOnly, &QCheckBox::toggled, this,
            [proxy](bool on) { proxy->setExternalOnly(on); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        showDestinations();
        Q_EMIT currentProcessChanged();
    });
    // The status bar's "N of M processes" follows the filter.
    connect(m_processesProxy, &QAbstractItemModel::layoutChanged, this,
            &ProcessesPage::countsChanged);
    connect(m_processesProxy, &QAbstractItemModel::modelReset, this, &ProcessesPage::countsChanged);
    connect(m_processesProxy, &QAbstractItemModel::rowsInserted, this,
            &ProcessesPage::countsChanged);
    connect(m_processesProxy, &QAbstractItemModel::rowsRemoved, this,
            &ProcessesPage::countsChanged);
    // Filtering removes rows without always telling the selection model.
    connect(m_processesProxy, &QAbstractItemModel::layoutChanged, this,
            &ProcessesPage::followCurrentRow);
    connect(m_processesProxy, &QAbstractItemModel::rowsRemoved, this,
            &ProcessesPage::followCurrentRow);
    connect(m_processesProxy, &QAbstractItemModel::modelReset, this,
            &ProcessesPage::followCurrentRow);
    connect(m_destinationsView, &QAbstractItemView::activated, this,
            [this](const QModelIndex &index) {
                Q_EMIT destinationActivated(index.data(KeyRole).toLongLong());
            });
    // Statuses shown in the drill-down follow the marks.
    connect(&m_session, &CaseSession::marksChanged, this, &ProcessesPage::applyMarks);
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(300);
    connect(&m_debounce, &QTimer::timeout, this,
            [this] { static_cast<ProcessesProxy *>(m_processesProxy)->setText(m_filter->text()); });
    showDestinations(); // no process yet: the caption says so
}

QString ProcessesPage::countsText() const
{
    const auto &rows = m_processes->rows();
    if (std::any_of(rows.begin(), rows.end(),
                    [](const ProcessSummaryRow &r) { return r.hostId > 0; }))
        return tr("%L1 of %L2 processes and sources")
            .arg(m_processesProxy->rowCount())
            .arg(m_processes->rowCount());
    return tr("%L1 of %L2 processes")
        .arg(m_processesProxy->rowCount())
        .arg(m_processes->rowCount());
}

QString ProcessesPage::destinationsCaption() const
{
    return m_destinationsCaption->text();
}

void ProcessesPage::followCurrentRow()
{
    if (currentProcess() == m_drillShown)
        return;
    showDestinations();
    Q_EMIT currentProcessChanged();
}

ProcessesPage::~ProcessesPage() = default;

QAbstractItemModel *ProcessesPage::processesModel() const
{
    return m_processesProxy;
}

QAbstractItemModel *ProcessesPage::destinationsModel() const
{
    return m_destinationsSort;
}

void ProcessesPage::reload()
{
    m_destinations->setRows({});
    if (!m_session.isOpen()) {
        m_processes->setRows({});
        return;
    }
    const LatestRequest::Ticket generation = m_loadRequest.next();
    const QString casePath = m_session.path();
    ++m_pending;
    m_session.run(
        [](CaseQueries &queries) { return queries.processes(); }, this,
        [this, generation, casePath](RowsResult<ProcessSummaryRow> result) {
            --m_pending;
            if (!m_loadRequest.isCurrent(generation))
                return;
            if (!result.ok())
                Q_EMIT errorOccurred(result.error.message());
            // The selection as it is now, and only within one case.
            const std::optional<std::int64_t> current
                = casePath == m_shownCase ? currentProcess() : std::nullopt;
            m_shownCase = casePath;
            if (std::any_of(result.value.begin(), result.value.end(),
                            [](const ProcessSummaryRow &r) { return r.process.timesZoneUnknown; }))
                widenColumns(m_table, {kFirstSeenColumn, kFirstSeenColumn + 1},
                             timeWidthSample(true));
            m_processes->setRows(std::move(result.value));
            if (!current || !selectProcess(*current, false))
                showDestinations(); // a reset leaves no current row
        });
}

std::optional<std::int64_t> ProcessesPage::currentProcess() const
{
    const QModelIndex index = m_table->currentIndex();
    if (!index.isValid())
        return std::nullopt;
    return index.data(KeyRole).toLongLong();
}

bool ProcessesPage::selectProcess(std::int64_t processId, bool liftFilters)
{
    const auto &rows = m_processes->rows();
    const auto it = std::find_if(rows.begin(), rows.end(), [processId](const ProcessSummaryRow &r) {
        return actorKey(r) == processId;
    });
    if (it == rows.end())
        return false;
    const int sourceRow = int(it - rows.begin());
    QModelIndex index = m_processesProxy->mapFromSource(m_processes->index(sourceRow, 0));
    if (!index.isValid() && liftFilters) {
        m_filter->clear();
        m_debounce.stop();
        static_cast<ProcessesProxy *>(m_processesProxy)->setText(QString());
        m_externalOnly->setChecked(false);
        index = m_processesProxy->mapFromSource(m_processes->index(sourceRow, 0));
    }
    if (!index.isValid())
        return false;
    m_table->setCurrentIndex(index);
    m_table->selectRow(index.row());
    m_table->scrollTo(index, QAbstractItemView::PositionAtCenter);
    return true;
}

void ProcessesPage::showDestinations()
{
    const std::optional<std::int64_t> id = currentProcess();
    const LatestRequest::Ticket generation = m_drillRequest.next();
    // The previous process's rows never stand under the new caption.
    m_destinations->setRows({});
    m_drillShown = id;
    if (id) {
        // A path may hold '&': shown as itself, not as an access key.
        QString label = m_table->currentIndex().siblingAtColumn(0).data().toString();
        const QModelIndex source = m_processesProxy->mapToSource(m_table->currentIndex());
        if (*id < 0 && source.isValid()) // a source: name its address
            label
                = tr("%1, no process named").arg(hostText(m_processes->row(source.row()).process));
        label.replace(QLatin1Char('&'), QStringLiteral("&&"));
        m_destinationsCaption->setText(tr("Destinations &contacted by %1:").arg(label));
    } else {
        m_destinationsCaption->setText(
            tr("Destinations &contacted by the process: no process selected"));
    }
    if (!id || m_session.isImporting())
        return;
    ++m_pending;
    m_session.run(
        [id = *id](CaseQueries &queries) {
            RowsResult<ProcessDestinationItem> result;
            // A source row's key is minus its host id (actorKey()).
            RowsResult<ProcessDestinationRow> links = id > 0
                ? queries.destinationsOfProcess(id)
                : queries.destinationsOfProcess(0, -id);
            if (!links.ok()) {
                result.error = links.error;
                return result;
            }
            std::vector<std::int64_t> ids;
            for (const ProcessDestinationRow &link : links.value)
                ids.push_back(link.destinationId);
            RowsResult<DestinationRow> destinations = queries.destinationsByIds(ids);
            if (!destinations.ok()) {
                result.error = destinations.error;
                return result;
            }
            std::unordered_map<std::int64_t, const DestinationRow *> byId;
            for (const DestinationRow &row : destinations.value)
                byId.emplace(row.id, &row);
            for (ProcessDestinationRow &link : links.value) {
                const auto it = byId.find(link.destinationId);
                if (it != byId.end())
                    result.value.push_back({std::move(link), *it->second});
            }
            return result;
        },
        this,
        [this, generation](RowsResult<ProcessDestinationItem> result) {
            --m_pending;
            if (!m_drillRequest.isCurrent(generation))
                return;
            if (!result.ok())
                Q_EMIT errorOccurred(result.error.message());
            if (std::any_of(
                    result.value.begin(), result.value.end(),
                    [](const ProcessDestinationItem &r) { return r.link.timesZoneUnknown; }))
                widenColumns(m_destinationsView, {kLinkFirstSeenColumn, kLinkFirstSeenColumn + 1},
                             timeWidthSample(true));
            m_destinations->setRows(std::move(result.value));
        });
}

void ProcessesPage::applyMarks()
{
    // Only statuses and notes change: update them from the marks in memory
    // rather than scanning the events again.
    if (!m_session.marks())
        return;
    const std::shared_ptr<const MarkIndex> index = m_session.markIndex();
    const MarkIndex &marks = *index;
    m_destinations->updateRows([&marks](ProcessDestinationItem &item) {
        DestinationRow &row = item.destination;
        const Mark *mark = marks.find(row.address);
        const MarkStatus status = mark ? mark->status : MarkStatus::Unreviewed;
        const std::string note = mark ? mark->note : std::string();
        if (status == row.status && note == row.note)
            return false;
        row.status = status;
        row.note = note;
        row.markCidr = mark ? mark->cidrText : std::string();
        return true;
    });
}

void ProcessesPage::saveState(const QString &group) const
{
    QSettings settings;
    settings.beginGroup(group);
    settings.setValue(QStringLiteral("header"), m_table->horizontalHeader()->saveState());
    settings.setValue(QStringLiteral("destinationsHeader"),
                      m_destinationsView->horizontalHeader()->saveState());
    settings.setValue(QStringLiteral("splitter"), m_splitter->saveState());
    settings.endGroup();
}

void ProcessesPage::restoreState(const QString &group)
{
    m_defaultHeader = m_table->horizontalHeader()->saveState();
    m_defaultDestinationsHeader = m_destinationsView->horizontalHeader()->saveState();
    m_defaultSplitter = m_splitter->saveState();
    // "External only" is not restored: a case opens with the Preferences'.
    QSettings settings;
    settings.beginGroup(group);
    m_table->horizontalHeader()->restoreState(
        settings.value(QStringLiteral("header")).toByteArray());
    m_destinationsView->horizontalHeader()->restoreState(
        settings.value(QStringLiteral("destinationsHeader")).toByteArray());
    m_splitter->restoreState(settings.value(QStringLiteral("splitter")).toByteArray());
    settings.endGroup();
    widenTimeColumns();
}

void ProcessesPage::resetLayout()
{
    m_table->horizontalHeader()->restoreState(m_defaultHeader);
    m_destinationsView->horizontalHeader()->restoreState(m_defaultDestinationsHeader);
    m_splitter->restoreState(m_defaultSplitter);
    widenTimeColumns();
}

void ProcessesPage::widenTimeColumns()
{
    widenColumns(m_table, {kFirstSeenColumn, kFirstSeenColumn + 1}, timeWidthSample());
    widenColumns(m_destinationsView, {kLinkFirstSeenColumn, kLinkFirstSeenColumn + 1},
                 timeWidthSample());
}

} // namespace ea
