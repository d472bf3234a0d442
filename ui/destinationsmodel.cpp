#include "destinationsmodel.h"

#include "background.h"
#include "casesession.h"
#include "core/text.h"
#include "statuspresentation.h"

#include "storage/marks.h"

#include <QBrush>
#include <QTextDocument>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <utility>

namespace ea {

namespace {

static_assert(int(DestinationField::Address) == DestinationsModel::AddressColumn
              && int(DestinationField::Note) == DestinationsModel::NoteColumn
              && int(DestinationField::Ports) == DestinationsModel::PortsColumn
              && int(DestinationField::Direction) == DestinationsModel::DirectionColumn
              && int(DestinationField::Lists) == DestinationsModel::ListsColumn
              && int(DestinationField::Country) == DestinationsModel::CountryColumn
              && int(DestinationField::Asn) == DestinationsModel::AsnColumn
              && int(DestinationField::Organisation) == DestinationsModel::OrganisationColumn);

// The order for one request: a new review when marks are given, a new sort
// unless sorted already is in sort's order, then the rows the view shows.
struct Request
{
    std::shared_ptr<const DestinationSnapshot> snapshot;
    std::shared_ptr<const DestinationReview> review;
    std::shared_ptr<const MarkIndex> marks;
    std::shared_ptr<const RowIds> sorted;
    DestinationSort sort;
    DestinationView view;
    std::uint64_t generation = 0;
};

// The rows a load replaces, handed to a pool thread to be freed.
struct Replaced
{
    std::shared_ptr<const DestinationSnapshot> snapshot;
    std::shared_ptr<const MarkIndex> marks;
    std::shared_ptr<const DestinationReview> review;
    std::shared_ptr<const RowIds> sorted;
    RowIds shown;
};

bool sortReadsReview(DestinationSort sort)
{
    return sort.field == DestinationField::Status || sort.field == DestinationField::Note;
}

} // namespace

DestinationsModel::DestinationsModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

DestinationsModel::~DestinationsModel()
{
    if (m_cancel)
        m_cancel->store(true);
}

DestinationsModel::Loaded
DestinationsModel::load(std::shared_ptr<const DestinationSnapshot> snapshot,
                        std::shared_ptr<const MarkIndex> marks, const LoadRequest &request)
{
    Loaded loaded;
    loaded.review = std::make_shared<const DestinationReview>(*snapshot, marks);
    loaded.sorted
        = std::make_shared<const RowIds>(sortedRows(*snapshot, *loaded.review, request.sort));
    loaded.sort = request.sort;
    loaded.order = shownRows(*snapshot, *loaded.review, *loaded.sorted, request.view);
    loaded.snapshot = std::move(snapshot);
    loaded.marks = std::move(marks);
    loaded.generation = request.generation;
    return loaded;
}

void DestinationsModel::setLoaded(Loaded loaded)
{
    // The first rows in another order would not be the first rows of the
    // sort asked for since: wait for the full load.
    if (loaded.partial && loaded.sort != m_sort)
        return;
    // What was asked for while the load ran: it was computed without it.
    const DestinationSort wanted = m_sort;
    const bool newerMarks = m_marksGeneration > loaded.generation;
    const bool newerView = m_askedGeneration != loaded.generation;
    m_request.invalidate(); // an order under way is for the old rows
    if (m_cancel)
        m_cancel->store(true);
    rowsMayChange();
    m_shownGeneration = m_rowsGeneration;
    beginResetModel();
    // What the new rows replace is freed on a pool thread: at 894k
    // destinations, with a review of as many marks, 30-50 ms here.
    auto replaced = std::make_shared<Replaced>();
    replaced->snapshot = std::exchange(m_snapshot, std::move(loaded.snapshot));
    if (!newerMarks)
        replaced->marks = std::exchange(m_marks, std::move(loaded.marks));
    replaced->review = std::exchange(m_review, std::move(loaded.review));
    replaced->sorted = std::exchange(m_sorted, std::move(loaded.sorted));
    m_sort = loaded.sort;
    replaced->shown = std::exchange(m_shown, std::move(loaded.order.rows));
    m_candidates = loaded.order.candidates;
    m_notExternal = loaded.order.notExternal;
    m_hiddenByReview = loaded.order.hiddenByReview;
    m_hiddenInboundOnly = loaded.order.hiddenInboundOnly;
    m_partial = loaded.partial;
    endResetModel();
    setBusy(m_partial);
    workPool()->start([replaced = std::move(replaced)] {
        yieldToGuiThread();
        *replaced = {};
    });
    Q_EMIT orderChanged();
    Q_EMIT shownRowsChanged();
    if (!m_snapshot || (!newerMarks && !newerView && wanted == m_sort))
        return;
    if (wanted != m_sort) {
        m_sort = wanted;
        m_sorted.reset();
    }
    if (newerMarks || newerView)
        rowsMayChange();
    reorder(newerMarks ? m_marks : nullptr);
}

void DestinationsModel::clear()
{
    Loaded none;
    none.sort = m_sort;
    setLoaded(std::move(none));
}

void DestinationsModel::setView(DestinationView view)
{
    m_view = std::move(view);
    ++m_askedGeneration;
    rowsMayChange();
    reorder();
}

void DestinationsModel::setMarks(std::shared_ptr<const MarkIndex> marks)
{
    ++m_askedGeneration;
    m_marksGeneration = m_askedGeneration;
    rowsMayChange();
    releaseOffThread(
        std::exchange(m_marks, marks ? std::move(marks) : std::make_shared<const MarkIndex>()));
    reorder(m_marks);
}

void DestinationsModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    const DestinationSort sort {DestinationField(column), order == Qt::DescendingOrder};
    // The same sort again: in place already, or under way (m_sorted is
    // empty until it lands). QTableView::sortByColumn() asks twice.
    if (sort == m_sort)
        return;
    m_sort = sort;
    m_sorted.reset();
    if (m_partial) {
        // The first rows in another order are not the first rows of it:
        // the full load lands in this order (see setLoaded()).
        setBusy(true);
        return;
    }
    reorder();
}

void DestinationsModel::reorder(std::shared_ptr<const MarkIndex> marks)
{
    if (!m_snapshot)
        return; // nothing shown: the next load uses the sort and view
    if (m_partial && m_sorted == nullptr) {
        // First rows with a sort asked for since: in that sort they would
        // not be the first. The full load applies the view and marks too.
        setBusy(true);
        return;
    }
    Request request {m_snapshot, m_review, std::move(marks), m_sorted,
                     m_sort,     m_view,   m_rowsGeneration};
    auto compute = [counter = m_sortsComputed](const Request &r, const std::atomic_bool *cancel) {
        Ordered out;
        out.review
            = r.marks ? std::make_shared<const DestinationReview>(*r.snapshot, r.marks) : r.review;
        out.base = r.review;
        out.sameMarks = out.review == r.review
            || (out.review && r.review && out.review->sameMarksAs(*r.review));
        out.sort = r.sort;
        out.generation = r.generation;
        if (r.sorted && !(r.marks && sortReadsReview(r.sort))) {
            out.sorted = r.sorted;
        } else {
            out.sorted
                = std::make_shared<const RowIds>(sortedRows(*r.snapshot, *out.review, r.sort));
            ++*counter;
        }
        out.order = shownRows(*r.snapshot, *out.review, *out.sorted, r.view, cancel);
        return out;
    };
    const LatestRequest::Ticket ticket = m_request.next();
    if (m_cancel)
        m_cancel->store(true); // the older request's answer would be dropped
    if (m_snapshot->size() <= m_inlineRows) {
        m_cancel.reset();
        apply(compute(request, nullptr));
        return;
    }
    m_cancel = std::make_shared<std::atomic_bool>(false);
    setBusy(true);
    onFinished(QtConcurrent::run(workPool(),
                                 [request = std::move(request), cancel = m_cancel, compute] {
                                     yieldToGuiThread();
                                     return compute(request, cancel.get());
                                 }),
               this, [this, ticket](Ordered ordered) {
                   if (!m_request.isCurrent(ticket))
                       return; // a newer request is under way
                   m_cancel.reset();
                   apply(std::move(ordered));
                   setBusy(m_partial); // the first rows only: still loading
               });
}

void DestinationsModel::apply(Ordered ordered)
{
    // Statuses to repaint: the review changed since the request, or the
    // pool thread found other marks than in the review it started from.
    const bool reviewChanged
        = ordered.review != m_review && (ordered.base != m_review || !ordered.sameMarks);
    releaseOffThread(std::move(ordered.base));
    const bool rowsChanged = ordered.generation != m_shownGeneration;
    m_shownGeneration = ordered.generation;
    // The old review may hold the last reference to a million marks: freed
    // on a pool thread, not here.
    releaseOffThread(std::exchange(m_review, std::move(ordered.review)));
    m_sorted = std::move(ordered.sorted);
    m_sort = ordered.sort;
    m_candidates = ordered.order.candidates;
    m_notExternal = ordered.order.notExternal;
    m_hiddenByReview = ordered.order.hiddenByReview;
    m_hiddenInboundOnly = ordered.order.hiddenInboundOnly;
    setShown(std::move(ordered.order.rows));
    if (reviewChanged && !m_shown.empty()) {
        // Status and note changed in place: repaint those columns.
        Q_EMIT dataChanged(index(0, StatusColumn), index(rowCount() - 1, StatusColumn));
        Q_EMIT dataChanged(index(0, NoteColumn), index(rowCount() - 1, NoteColumn));
    }
    Q_EMIT orderChanged();
    if (rowsChanged)
        Q_EMIT shownRowsChanged();
}

void DestinationsModel::setShown(RowIds rows)
{
    if (rows == m_shown)
        return;
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList from = persistentIndexList();
    QModelIndexList to;
    if (!from.isEmpty()) {
        // Each persistent index follows its destination to its new row, or
        // becomes invalid when the new order hides it.
        std::vector<std::int32_t> position(m_snapshot ? m_snapshot->size() : 0, -1);
        for (std::size_t k = 0; k < rows.size(); ++k)
            position[rows[k]] = std::int32_t(k);
        to.reserve(from.size());
        for (const QModelIndex &old : from) {
            const std::int32_t row = old.row() >= 0 && std::size_t(old.row()) < m_shown.size()
                ? position[m_shown[std::size_t(old.row())]]
                : -1;
            to.append(row >= 0 ? createIndex(row, old.column()) : QModelIndex());
        }
    }
    m_shown = std::move(rows);
    changePersistentIndexList(from, to);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void DestinationsModel::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}

DestinationRow DestinationsModel::rowAt(int viewRow) const
{
    DestinationRow row;
    if (viewRow < 0 || std::size_t(viewRow) >= m_shown.size())
        return row;
    const std::size_t r = snapshotRow(viewRow);
    m_snapshot->fill(r, row);
    if (m_review)
        m_review->fill(r, row);
    return row;
}

std::int64_t DestinationsModel::idAt(int viewRow) const
{
    if (viewRow < 0 || std::size_t(viewRow) >= m_shown.size())
        return 0;
    return m_snapshot->id(snapshotRow(viewRow));
}

int DestinationsModel::viewRowOfId(std::int64_t destinationId) const
{
    if (!m_snapshot)
        return -1;
    const std::int64_t row = m_snapshot->rowOfId(destinationId);
    if (row < 0)
        return -1;
    const auto it = std::find(m_shown.begin(), m_shown.end(), std::uint32_t(row));
    return it == m_shown.end() ? -1 : int(it - m_shown.begin());
}

bool DestinationsModel::hasId(std::int64_t destinationId) const
{
    return m_snapshot && m_snapshot->rowOfId(destinationId) >= 0;
}

std::vector<std::int64_t> DestinationsModel::shownIds() const
{
    std::vector<std::int64_t> ids;
    ids.reserve(m_shown.size());
    for (const std::uint32_t row : m_shown)
        ids.push_back(m_snapshot->id(row));
    return ids;
}

SnapshotRows
DestinationsModel::snapshotRows(const std::vector<std::pair<int, int>> &viewSpans) const
{
    SnapshotRows selected;
    if (!m_snapshot)
        return selected;
    selected.snapshot = m_snapshot;
    // Spans may overlap (a selection's ranges): mark each view row once.
    const int shown = int(m_shown.size());
    std::vector<bool> seen(m_shown.size());
    std::vector<std::pair<int, int>> spans = viewSpans;
    std::sort(spans.begin(), spans.end());
    for (auto [first, last] : spans) {
        first = std::max(first, 0);
        last = std::min(last, shown - 1);
        for (int row = first; row <= last; ++row) {
            if (!seen[std::size_t(row)]) {
                seen[std::size_t(row)] = true;
                selected.rows.push_back(m_shown[std::size_t(row)]);
            }
        }
    }
    return selected;
}

int DestinationsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_shown.size());
}

int DestinationsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DestinationsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DestinationSnapshot &s = *m_snapshot;
    const std::size_t r = snapshotRow(index.row());
    const auto column = Column(index.column());
    const MarkStatus status = m_review ? m_review->status(r) : MarkStatus::Unreviewed;

    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case AddressColumn:
            return toQString(s.canonical(r));
        case ExpandedColumn:
            return toQString(s.expanded(r));
        case CategoryColumn:
            return categoryDisplayName(s.category(r));
        case ExternalColumn:
            return s.external(r) ? tr("yes") : tr("no");
        case StatusColumn:
            return statusDisplayName(status);
        case ConnectionsColumn:
            return QString::number(s.connections(r));
        case ProcessesColumn:
            return QString::number(s.processes(r));
        case HostsColumn:
            return QString::number(s.hosts(r));
        case PortsColumn:
            return toQString(s.portsText(r));
        case FirstSeenColumn:
            return displayTime(s.firstNs(r), s.timesZoneUnknown(r));
        case LastSeenColumn:
            return displayTime(s.lastNs(r), s.timesZoneUnknown(r));
        case NoteColumn:
            return m_review ? toQString(m_review->note(r)) : QString();
        case BytesOutColumn:
            return displayBytes(s.bytesOut(r));
        case BytesInColumn:
            return displayBytes(s.bytesIn(r));
        case DirectionColumn:
            return directionDisplayName(s.directions(r));
        case ListsColumn:
            return toQString(s.lists(r));
        case CountryColumn:
            return toQString(s.country(r));
        case AsnColumn:
            return s.asn(r) != 0 ? QString::number(s.asn(r)) : QString();
        case OrganisationColumn:
            return toQString(s.organisation(r));
        case ColumnCount:
            break;
        }
        break;
    case Qt::DecorationRole:
        if (column == StatusColumn)
            return statusIcon(status);
        break;
    case Qt::ForegroundRole:
        if (column == StatusColumn && status != MarkStatus::Unreviewed)
            return QBrush(statusColor(status).darker(120));
        break;
    case Qt::TextAlignmentRole:
        if (column == ConnectionsColumn || column == ProcessesColumn || column == HostsColumn
            || column == BytesOutColumn || column == BytesInColumn || column == AsnColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Qt::ToolTipRole:
        if (column == StatusColumn && m_review && m_review->mark(r))
            return tr("%1 by the mark on %2")
                .arg(statusDisplayName(status), toQString(m_review->mark(r)->cidrText));
        if (column == CategoryColumn)
            return s.external(r) ? tr("Traffic to this category leaves the organisation")
                                 : tr("A special-purpose block: not a public destination");
        if (column == BytesOutColumn) {
            const QString exact = exactBytes(s.bytesOut(r));
            return exact.isEmpty() ? QVariant() : tr("Sent to this destination: %1").arg(exact);
        }
        if (column == BytesInColumn) {
            const QString exact = exactBytes(s.bytesIn(r));
            return exact.isEmpty() ? QVariant()
                                   : tr("Received from this destination: %1").arg(exact);
        }
        if (column == ListsColumn && !s.lists(r).empty()) {
            // Labels come from downloaded files: never rendered as markup.
            const QString tip
                = tr("On the known lists (list: label): %1").arg(toQString(s.lists(r)));
            return Qt::mightBeRichText(tip) ? Qt::convertFromPlainText(tip) : tip;
        }
        if ((column == CountryColumn || column == AsnColumn || column == OrganisationColumn)
            && !s.anyOwners())
            return ownersHint();
        if (column == OrganisationColumn && !s.organisation(r).empty()) {
            // Names come from a database file: never rendered as markup.
            const QString tip = s.asn(r) != 0
                ? tr("Autonomous system %1: %2")
                      .arg(QString::number(s.asn(r)), toQString(s.organisation(r)))
                : toQString(s.organisation(r));
            return Qt::mightBeRichText(tip) ? Qt::convertFromPlainText(tip) : tip;
        }
        if (column == DirectionColumn && s.directions(r) != 0)
            return tr("Which ways its connections went; a record that names no direction counts "
                      "as outbound");
        break;
    case KeyRole:
        return qint64(s.id(r));
    case StatusRole:
        return int(status);
    case AddressTextRole:
        return toQString(s.canonical(r));
    default:
        break;
    }
    return {};
}

QString DestinationsModel::ownersHint()
{
    return tr("Who holds each address, from MaxMind-format databases (GeoLite2, DB-IP lite, "
              "IPinfo lite): choose yours in Edit → Preferences → Owners. The case keeps "
              "what they said.");
}

QVariant DestinationsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole
        && (section == CountryColumn || section == AsnColumn || section == OrganisationColumn))
        return ownersHint();
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case AddressColumn:
        return tr("Address");
    case ExpandedColumn:
        return tr("Expanded");
    case CategoryColumn:
        return tr("Category");
    case ExternalColumn:
        return tr("External");
    case StatusColumn:
        return tr("Status");
    case ConnectionsColumn:
        return tr("Connections");
    case ProcessesColumn:
        return tr("Processes");
    case HostsColumn:
        return tr("Hosts");
    case PortsColumn:
        return tr("Ports");
    case FirstSeenColumn:
        return tr("First seen");
    case LastSeenColumn:
        return tr("Last seen");
    case NoteColumn:
        return tr("Note");
    case BytesOutColumn:
        return tr("Bytes out");
    case BytesInColumn:
        return tr("Bytes in");
    case DirectionColumn:
        return tr("Direction");
    case ListsColumn:
        return tr("Lists");
    case CountryColumn:
        return tr("Country");
    case AsnColumn:
        return tr("ASN");
    case OrganisationColumn:
        return tr("AS organisation");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace ea
