#include "destinationspage.h"

#include "casesession.h"
#include "core/text.h"
#include "destinationsmodel.h"
#include "drilldowncolumns.h"
#include "eventsmodel.h"
#include "rowstablemodel.h"
#include "statuspresentation.h"
#include "tableviews.h"

#include "core/csvwriter.h"
#include "export/destinationsexport.h"
#include "storage/casequeries.h"
#include "storage/marks.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QShortcut>
#include <QSignalBlocker>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace ea {

QString DestinationsPage::zoneUnknownSample()
{
    return timeWidthSample(true);
}

DestinationsPage::DestinationsPage(CaseSession &session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new DestinationsModel(this))
    , m_processes(new RowsTableModel<ProcessRow>(drillDownProcessColumns(), this))
    , m_processesSort(new QSortFilterProxyModel(this))
    , m_events(new EventsModel(session, this))
    , m_filter(new QLineEdit(this))
    , m_filterError(new QLabel(this))
    , m_showAll(new QCheckBox(tr("&All destinations"), this))
    , m_hideReviewed(new QCheckBox(tr("Hide &known-safe and internal"), this))
    , m_outboundOnly(new QCheckBox(tr("Outbound onl&y"), this))
{
    m_processes->setKey([](const ProcessRow &r) -> QVariant { return qint64(r.processId); });
    m_processesSort->setSourceModel(m_processes);
    m_processesSort->setSortRole(SortRole);

    m_filter->setObjectName(QStringLiteral("quickFilter"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setPlaceholderText(
        tr("Filter: text, 10.0.0.0/8, 2001:db8::/32, port:443, process:curl, host:web, "
           "source:10.0.0.0/24, status:suspicious, category:global, bytes>1M, direction:inbound"));
    m_filterError->setStyleSheet(QStringLiteral("color: #b00020"));
    m_filterError->hide();
    m_hideReviewed->setChecked(true);
    m_outboundOnly->setChecked(true);

    m_table = makeTableView(this, QStringLiteral("destinationsView"), m_model);
    const QString address = QStringLiteral("2001:db8:ffff:ffff:ffff:ffff:ffff");
    const QString time = QStringLiteral("2024-11-19T07:06:40.123Z");
    setColumnWidths(
        m_table,
        {{DestinationsModel::AddressColumn, address},
         {DestinationsModel::ExpandedColumn, address},
         {DestinationsModel::CategoryColumn, QStringLiteral("Unique local")},
         {DestinationsModel::ExternalColumn, QStringLiteral("External")},
         {DestinationsModel::StatusColumn, QStringLiteral("Suspicious+++")},
         {DestinationsModel::ConnectionsColumn, QStringLiteral("Connections")},
         {DestinationsModel::ProcessesColumn, QStringLiteral("Processes")},
         {DestinationsModel::HostsColumn, QStringLiteral("Hosts0")},
         {DestinationsModel::PortsColumn, QStringLiteral("22;80;443;8443;…")},
         {DestinationsModel::FirstSeenColumn, time},
         {DestinationsModel::LastSeenColumn, time},
         {DestinationsModel::BytesOutColumn, QStringLiteral("Bytes out0")},
         {DestinationsModel::BytesInColumn, QStringLiteral("1023.9 MB")},
         {DestinationsModel::DirectionColumn, QStringLiteral("outbound0")},
         {DestinationsModel::ListsColumn, QStringLiteral("aws: AWS EC2 ap-northeast-1")},
         {DestinationsModel::CountryColumn, QStringLiteral("Country")},
         {DestinationsModel::AsnColumn, QStringLiteral("4294967295")},
         {DestinationsModel::OrganisationColumn, QStringLiteral("AMAZON-02 Amazon.com")}});
    {
        // The columns of case format 5 after Hosts, where they are read
        // with the counts (a saved layout, restored later, wins).
        QHeaderView *header = m_table->horizontalHeader();
        int after = header->visualIndex(DestinationsModel::HostsColumn);
        for (int column : {DestinationsModel::BytesOutColumn, DestinationsModel::BytesInColumn,
                           DestinationsModel::DirectionColumn})
            header->moveSection(header->visualIndex(column), ++after);
        // Who the address is (known lists, format 7) beside what it is.
        header->moveSection(header->visualIndex(DestinationsModel::ListsColumn),
                            header->visualIndex(DestinationsModel::CategoryColumn) + 1);
        // Who holds it (format 9) after the connections: beside the lists
        // they pushed Status and Connections out of a 1280-pixel window.
        int owner = header->visualIndex(DestinationsModel::ConnectionsColumn);
        for (int column : {DestinationsModel::CountryColumn, DestinationsModel::AsnColumn,
                           DestinationsModel::OrganisationColumn})
            header->moveSection(header->visualIndex(column), ++owner);
    }
    m_table->sortByColumn(DestinationsModel::ConnectionsColumn, Qt::DescendingOrder);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);

    m_processesView
        = makeTableView(this, QStringLiteral("destinationProcessesView"), m_processesSort);
    setColumnWidths(m_processesView,
                    {{0, QStringLiteral("/usr/bin/python3 (pid 4242) on web-03")},
                     {1, QStringLiteral("8fb864e4-f1a2-4c")},
                     {5, QStringLiteral("22;80;443;8443")},
                     {6, QStringLiteral("2024-11-19T07:06:40.123Z")},
                     {7, QStringLiteral("2024-11-19T07:06:40.123Z")}});
    m_processesView->sortByColumn(4, Qt::DescendingOrder);
    m_processesView->setToolTip(tr("Double-click or Enter: show this process"));
    // Events keep their import order: sorting would need every page.
    m_eventsView = makeTableView(this, QStringLiteral("eventsView"), m_events, false);
    setColumnWidths(
        m_eventsView,
        {{EventsModel::TimeColumn, QStringLiteral("2024-11-19T07:06:40.123Z")},
         {EventsModel::ProcessColumn, QStringLiteral("/usr/bin/curl (pid 4242) on web")},
         {EventsModel::SourceColumn, QStringLiteral("10.0.245.217 port 40000")},
         {EventsModel::DestinationColumn, QStringLiteral("2606:4700::1111:ffff")},
         {EventsModel::ProtocolColumn, QStringLiteral("TCP (6)")}});

    auto *topBar = new QHBoxLayout;
    topBar->addWidget(m_filter, 1);
    topBar->addWidget(m_showAll);
    topBar->addWidget(m_hideReviewed);
    topBar->addWidget(m_outboundOnly);

    QWidget *processesBox = captioned({}, m_processesView, this, &m_processesCaption);
    QWidget *eventsBox = captioned({}, m_eventsView, this, &m_eventsCaption);
    m_processesCaption->setObjectName(QStringLiteral("processesCaption"));
    m_eventsCaption->setObjectName(QStringLiteral("eventsCaption"));
    // The captions change with every selection: their width must not move
    // the splitters (a relayout repaints the whole window at each click).
    for (QLabel *caption : {m_processesCaption, m_eventsCaption})
        caption->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    m_drillSplitter = new QSplitter(Qt::Horizontal, this);
    m_drillSplitter->setObjectName(QStringLiteral("drillSplitter"));
    m_drillSplitter->addWidget(processesBox);
    m_drillSplitter->addWidget(eventsBox);
    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(QStringLiteral("destinationsSplitter"));
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_drillSplitter);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(topBar);
    layout->addWidget(m_filterError);
    layout->addWidget(m_splitter, 1);

    // Typing re-filters after a pause, not per key: a million rows are
    // filtered in a few tens of milliseconds, but not 20 times a second.
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(300);
    connect(&m_debounce, &QTimer::timeout, this, &DestinationsPage::applyFilterNow);
    connect(m_filter, &QLineEdit::textChanged, this, [this] { m_debounce.start(); });
    connect(m_filter, &QLineEdit::returnPressed, this, &DestinationsPage::applyFilterNow);
    connect(m_showAll, &QCheckBox::toggled, this, [this](bool on) {
        DestinationView view = m_model->view();
        view.showAll = on;
        m_model->setView(std::move(view));
    });
    connect(m_hideReviewed, &QCheckBox::toggled, this, [this](bool on) {
        DestinationView view = m_model->view();
        view.hideReviewed = on;
        m_model->setView(std::move(view));
    });
    connect(m_outboundOnly, &QCheckBox::toggled, this, [this](bool on) {
        DestinationView view = m_model->view();
        view.hideInboundOnly = on;
        m_model->setView(std::move(view));
    });

    // A new order (sort, toggles, filter, marks) arrives from a pool thread.
    connect(m_model, &DestinationsModel::orderChanged, this, [this] {
        updateCounts();
        if (m_pendingSelection && !m_model->isBusy()) {
            const std::int64_t id = *m_pendingSelection;
            m_pendingSelection.reset();
            selectShown(id);
        }
        followCurrentRow();
    });
    connect(m_model, &DestinationsModel::shownRowsChanged, this,
            &DestinationsPage::shownRowsChanged);
    // The busy cue: the table shows the previous order until the new one is in.
    connect(m_model, &DestinationsModel::busyChanged, this, [this](bool busy) {
        if (busy)
            m_table->viewport()->setCursor(Qt::BusyCursor);
        else
            m_table->viewport()->unsetCursor();
    });

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        showDrillDown();
        Q_EMIT currentDestinationChanged();
    });
    // Enter on a destination opens its drill-down: the keyboard goes to its
    // processes (the pane is shown again if it was dragged shut).
    for (const int key : {Qt::Key_Return, Qt::Key_Enter}) {
        auto *enter
            = new QShortcut(QKeySequence(key), m_table, nullptr, nullptr, Qt::WidgetShortcut);
        connect(enter, &QShortcut::activated, this, &DestinationsPage::openDrillDown);
    }
    connect(m_table, &QWidget::customContextMenuRequested, this,
            &DestinationsPage::buildContextMenu);
    connect(m_table->horizontalHeader(), &QWidget::customContextMenuRequested, this,
            &DestinationsPage::chooseColumns);
    connect(m_processesView, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        const qint64 processId = index.data(KeyRole).toLongLong();
        if (processId > 0)
            Q_EMIT processActivated(processId);
    });
    connect(m_events, &EventsModel::loadFailed, this, &DestinationsPage::errorOccurred);
    // A time of unknown zone is longer than a UTC one: make room when one
    // shows.
    connect(m_events, &EventsModel::pageLoaded, this, [this](int page) {
        for (int row = page * EventsModel::kPageSize;
             row < std::min(m_events->rowCount(), (page + 1) * EventsModel::kPageSize); ++row) {
            const EventDetailRow *event = m_events->eventAt(row);
            if (event && event->timesZoneUnknown) {
                widenColumns(m_eventsView, {EventsModel::TimeColumn}, zoneUnknownSample());
                break;
            }
        }
    });
    // A mark changes statuses in place; rows a toggle now hides leave.
    connect(&m_session, &CaseSession::marksChanged, this, [this] {
        if (!m_session.marks())
            return;
        Result<std::shared_ptr<const MarkIndex>> index = m_session.readMarkIndex();
        if (!index.ok()) {
            Q_EMIT errorOccurred(index.error.message());
            return;
        }
        m_model->setMarks(std::move(index.value));
    });
    showDrillDown(); // no destination yet: the captions say so
    updateCounts();
}

DestinationsPage::~DestinationsPage() = default;

void DestinationsPage::setFilterText(const QString &text)
{
    m_filter->setText(text);
}

void DestinationsPage::focusFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

void DestinationsPage::updateCounts()
{
    const qint64 reviewed = m_model->hiddenByReviewCount();
    const qint64 notExternal = m_model->notExternalCount();
    const qint64 inboundOnly = m_model->hiddenInboundOnlyCount();
    m_outboundOnly->setToolTip(
        inboundOnly > 0
            ? tr("Hide peers seen only inbound: they reached these machines, and are not egress "
                 "destinations (%1 hidden now). A direction: filter overrides this.")
                  .arg(inboundOnly)
            : tr("Hide peers seen only inbound: they reached these machines, and are not egress "
                 "destinations. A direction: filter overrides this."));
    m_hideReviewed->setToolTip(
        reviewed > 0 ? tr("Hide destinations already marked known-safe or internal (%1 hidden now)")
                           .arg(reviewed)
                     : tr("Hide destinations already marked known-safe or internal"));
    m_showAll->setToolTip(
        notExternal > 0
            ? tr("Show every destination, not only external ones (%1 not external hidden now)")
                  .arg(notExternal)
            : tr("Show every destination, not only external ones"));
    Q_EMIT countsChanged(m_model->rowCount(), int(m_model->candidateCount()));
}

QString DestinationsPage::countsText() const
{
    const int shown = m_model->rowCount();
    if (isPartial())
        return tr("Loading: the first %1 destinations shown").arg(shown);
    const qint64 of = m_model->candidateCount();
    const qint64 reviewed = m_model->hiddenByReviewCount();
    const qint64 notExternal = m_model->notExternalCount();
    const qint64 inboundOnly = m_model->hiddenInboundOnlyCount();
    // Each toggle's hidden rows, named; the parts join in one sentence.
    QStringList hidden;
    if (reviewed > 0)
        hidden << tr("%1 hidden by review status").arg(reviewed);
    if (inboundOnly > 0)
        hidden << tr("%1 seen only inbound").arg(inboundOnly);
    if (notExternal > 0)
        hidden << tr("%1 not external").arg(notExternal);
    const QString counts = tr("%1 of %2 destinations").arg(shown).arg(of);
    return hidden.isEmpty() ? counts
                            : counts + QStringLiteral(", ") + hidden.join(QStringLiteral(", "));
}

std::optional<std::int64_t> DestinationsPage::currentDestination() const
{
    const QModelIndex index = m_table->currentIndex();
    if (!index.isValid())
        return std::nullopt;
    return index.data(KeyRole).toLongLong();
}

bool DestinationsPage::selectDestination(std::int64_t destinationId, bool liftFilters)
{
    if (!m_model->hasId(destinationId))
        return false;
    if (selectShown(destinationId))
        return true;
    if (liftFilters) {
        // Hidden by the toggles or the filter: lift them so that the link
        // lands when the new order is in (at once for a small case).
        m_pendingSelection = destinationId;
        liftFiltersForLink();
        return true;
    }
    if (m_model->isBusy()) {
        m_pendingSelection = destinationId; // perhaps shown in the order under way
        return true;
    }
    return false;
}

void DestinationsPage::liftFiltersForLink()
{
    // Say why the view changed under the analyst's eyes.
    const QString filter = m_filter->text().trimmed();
    if (filter.isEmpty()) {
        Q_EMIT viewChangedForLink(
            tr("The linked destination was hidden by the view: <i>All destinations</i> is now on, "
               "and <i>Hide known-safe and internal</i> and <i>Outbound only</i> off."));
    } else {
        Q_EMIT viewChangedForLink(
            tr("The linked destination was hidden by the view: <i>All destinations</i> is now on, "
               "<i>Hide known-safe and internal</i> and <i>Outbound only</i> off, and the filter "
               "<b>%1</b> cleared.")
                .arg(filter.toHtmlEscaped()));
    }
    // One new view, not one per widget: each would be a request.
    const QSignalBlocker blockAll(m_showAll);
    const QSignalBlocker blockReviewed(m_hideReviewed);
    const QSignalBlocker blockOutbound(m_outboundOnly);
    const QSignalBlocker blockFilter(m_filter);
    m_showAll->setChecked(true);
    m_hideReviewed->setChecked(false);
    m_outboundOnly->setChecked(false);
    m_filter->clear();
    m_debounce.stop();
    m_filterRequest.invalidate();
    m_filterPending = false;
    m_filterError->hide();
    m_filter->setToolTip({});
    DestinationView view = m_model->view();
    view.showAll = true;
    view.hideReviewed = false;
    view.hideInboundOnly = false;
    view.filter = DestinationFilter::parse("");
    view.sets = {};
    m_model->setView(std::move(view));
}

bool DestinationsPage::selectShown(std::int64_t destinationId)
{
    const int row = m_model->viewRowOfId(destinationId);
    if (row < 0)
        return false;
    const QModelIndex index = m_model->index(row, 0);
    m_table->setCurrentIndex(index);
    m_table->selectRow(row);
    m_table->scrollTo(index, QAbstractItemView::PositionAtCenter);
    return true;
}

SnapshotRows DestinationsPage::selectedRows() const
{
    // The selection's ranges, not selectedRows(): Ctrl+A on a million rows
    // is one range, where selectedRows() makes a million indexes.
    std::vector<std::pair<int, int>> spans;
    for (const QItemSelectionRange &range : m_table->selectionModel()->selection())
        spans.emplace_back(range.top(), range.bottom());
    if (spans.empty() && m_table->currentIndex().isValid())
        spans.emplace_back(m_table->currentIndex().row(), m_table->currentIndex().row());
    return m_model->snapshotRows(spans);
}

std::vector<std::int64_t> DestinationsPage::idsInView() const
{
    return m_model->shownIds();
}

QString DestinationsPage::processesCaption() const
{
    return m_processesCaption->text();
}

QString DestinationsPage::eventsCaption() const
{
    return m_eventsCaption->text();
}

void DestinationsPage::openDrillDown()
{
    if (!currentDestination())
        return;
    const QList<int> sizes = m_splitter->sizes();
    if (sizes.size() == 2 && sizes[1] == 0) {
        const int total = sizes[0] + sizes[1];
        m_splitter->setSizes({total * 3 / 5, total * 2 / 5});
    }
    m_processesView->setFocus(Qt::ShortcutFocusReason);
    if (!m_processesView->currentIndex().isValid() && m_processesSort->rowCount() > 0)
        m_processesView->setCurrentIndex(m_processesSort->index(0, 0));
}

void DestinationsPage::followCurrentRow()
{
    if (currentDestination() == m_drillShown)
        return;
    showDrillDown();
    Q_EMIT currentDestinationChanged();
}

void DestinationsPage::showDrillDown()
{
    const std::optional<std::int64_t> id = currentDestination();
    const LatestRequest::Ticket generation = m_drillRequest.next();
    m_processes->setRows({});
    m_events->clear();
    m_drillPending = 0;
    m_drillShown = id;
    if (id) {
        const QString address = m_table->currentIndex()
                                    .siblingAtColumn(DestinationsModel::AddressColumn)
                                    .data()
                                    .toString();
        m_processesCaption->setText(tr("Processes &that contacted %1:").arg(address));
        m_eventsCaption->setText(tr("Eve&nts of %1:").arg(address));
    } else {
        m_processesCaption->setText(
            tr("Processes &that contacted the destination: no destination selected"));
        m_eventsCaption->setText(tr("Eve&nts: no destination selected"));
    }
    // During an import the drill-down waits: the reload after it shows it.
    if (!id || m_session.isImporting())
        return;
    m_drillPending = 2;
    m_session.run([id = *id](CaseQueries &queries) { return queries.processesOf(id); }, this,
                  [this, generation](RowsResult<ProcessRow> result) {
                      if (!m_drillRequest.isCurrent(generation))
                          return;
                      --m_drillPending;
                      if (!result.ok())
                          Q_EMIT errorOccurred(result.error.message());
                      if (std::any_of(result.value.begin(), result.value.end(),
                                      [](const ProcessRow &r) { return r.timesZoneUnknown; }))
                          widenColumns(m_processesView, {6, 7}, zoneUnknownSample());
                      m_processes->setRows(std::move(result.value));
                      // Enter came before the rows: the keyboard lands on the first.
                      if (m_processesView->hasFocus() && m_processesSort->rowCount() > 0)
                          m_processesView->setCurrentIndex(m_processesSort->index(0, 0));
                  });
    m_session.run([id = *id](CaseQueries &queries) { return queries.eventIdsByTime(id); }, this,
                  [this, generation](RowsResult<std::int64_t> result) {
                      if (!m_drillRequest.isCurrent(generation))
                          return;
                      --m_drillPending;
                      if (!result.ok())
                          Q_EMIT errorOccurred(result.error.message());
                      m_events->setEventIds(std::move(result.value));
                  });
}

void DestinationsPage::setContextMenuActions(const QList<QAction *> &markActions)
{
    m_markActions = markActions;
}

void DestinationsPage::buildContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_table->indexAt(pos);
    if (!index.isValid())
        return;
    const std::unique_ptr<QMenu> menu = rowMenu(index.row());
    menu->exec(m_table->viewport()->mapToGlobal(pos));
}

std::unique_ptr<QMenu> DestinationsPage::rowMenu(int viewRow)
{
    const DestinationRow row = m_model->rowAt(viewRow);
    auto owned = std::make_unique<QMenu>(this);
    QMenu &menu = *owned;
    menu.addAction(tr("Copy &address"), this,
                   [text = toQString(row.canonical)] { QApplication::clipboard()->setText(text); });
    menu.addAction(tr("Copy &expanded address"), this,
                   [text = toQString(row.expanded)] { QApplication::clipboard()->setText(text); });
    menu.addAction(tr("Copy row as &CSV"), this, [row] {
        std::string out;
        CsvWriter csv(out);
        writeDestinationRow(csv, row);
        QApplication::clipboard()->setText(toQString(out).trimmed());
    });
    menu.addAction(tr("&Filter to this"), this, [this, text = toQString(row.canonical)] {
        m_filter->setText(text);
        applyFilterNow();
    });
    if (!m_markActions.isEmpty()) {
        menu.addSeparator();
        QMenu *mark = menu.addMenu(tr("&Mark"));
        mark->addActions(m_markActions);
    }
    return owned;
}

void DestinationsPage::chooseColumns(const QPoint &pos)
{
    QHeaderView *header = m_table->horizontalHeader();
    QMenu menu(this);
    for (int column = 0; column < DestinationsModel::ColumnCount; ++column) {
        QAction *action = menu.addAction(
            m_model->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString());
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(column));
        // The address identifies the row: it cannot be hidden.
        action->setEnabled(column != DestinationsModel::AddressColumn);
        connect(action, &QAction::toggled, header,
                [header, column](bool on) { header->setSectionHidden(column, !on); });
    }
    menu.exec(header->mapToGlobal(pos));
}

void DestinationsPage::saveState(const QString &group) const
{
    QSettings settings;
    settings.beginGroup(group);
    settings.setValue(QStringLiteral("header"), m_table->horizontalHeader()->saveState());
    settings.setValue(QStringLiteral("splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("drillSplitter"), m_drillSplitter->saveState());
    settings.endGroup();
}

void DestinationsPage::restoreState(const QString &group)
{
    m_defaultHeader = m_table->horizontalHeader()->saveState();
    m_defaultSplitter = m_splitter->saveState();
    m_defaultDrillSplitter = m_drillSplitter->saveState();
    // The toggles are not restored: a case opens with those of the
    // Preferences (MainWindow::followCaseChange).
    QSettings settings;
    settings.beginGroup(group);
    m_table->horizontalHeader()->restoreState(
        settings.value(QStringLiteral("header")).toByteArray());
    m_splitter->restoreState(settings.value(QStringLiteral("splitter")).toByteArray());
    m_drillSplitter->restoreState(settings.value(QStringLiteral("drillSplitter")).toByteArray());
    settings.endGroup();
    widenTimeColumns();
}

void DestinationsPage::resetLayout()
{
    m_table->horizontalHeader()->restoreState(m_defaultHeader);
    m_splitter->restoreState(m_defaultSplitter);
    m_drillSplitter->restoreState(m_defaultDrillSplitter);
    widenTimeColumns();
}

void DestinationsPage::widenTimeColumns()
{
    const bool zoneUnknown = m_model->snapshot() && m_model->snapshot()->anyTimesZoneUnknown();
    widenColumns(m_table, {DestinationsModel::FirstSeenColumn, DestinationsModel::LastSeenColumn},
                 timeWidthSample(zoneUnknown));
    widenColumns(m_eventsView, {EventsModel::TimeColumn}, timeWidthSample());
    widenColumns(m_processesView, {6, 7}, timeWidthSample());
}

} // namespace ea
