#include "destinationsmodel.h"

#include "core/text.h"
#include "statuspresentation.h"

#include "storage/marks.h"

#include <QBrush>

#include <charconv>
#include <cstring>
#include <string_view>

namespace ea {

namespace {

// Unknown times sort before every known time.
int compareTimes(const std::optional<std::int64_t> &a, const std::optional<std::int64_t> &b)
{
    if (a.has_value() != b.has_value())
        return a.has_value() ? 1 : -1;
    if (!a)
        return 0;
    return *a < *b ? -1 : (*a > *b ? 1 : 0);
}

int addressOrder(const DestinationRow &a, const DestinationRow &b)
{
    // IPv4 is stored IPv4-mapped (::ffff:a.b.c.d), so one byte order sorts
    // both families; IPv4 rows go first as a block, as analysts read them.
    if (a.family != b.family)
        return a.family == Family::IPv4 ? -1 : 1;
    return std::memcmp(a.address.bytes.data(), b.address.bytes.data(), 16);
}

// "22;443;…" lists compare port by port as numbers; a list that is the start
// of another sorts first, and the "…" of a truncated list after any port.
int comparePorts(std::string_view a, std::string_view b)
{
    auto next = [](std::string_view &list) -> int {
        const std::size_t end = std::min(list.find(';'), list.size());
        const std::string_view item = list.substr(0, end);
        list.remove_prefix(std::min(end + 1, list.size()));
        int port = 0;
        const auto [ptr, ec] = std::from_chars(item.data(), item.data() + item.size(), port);
        return ec == std::errc() && ptr == item.data() + item.size() ? port : 1 << 20;
    };
    while (!a.empty() && !b.empty()) {
        const int x = next(a);
        const int y = next(b);
        if (x != y)
            return x < y ? -1 : 1;
    }
    return a.empty() == b.empty() ? 0 : (a.empty() ? -1 : 1);
}

template<typename T> int compareValues(const T &a, const T &b)
{
    return a < b ? -1 : (b < a ? 1 : 0);
}

} // namespace

DestinationsModel::DestinationsModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

DestinationsModel::~DestinationsModel() = default;

void DestinationsModel::setRows(std::vector<DestinationRow> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    m_rowOfId.clear();
    m_rowOfId.reserve(m_rows.size());
    for (std::size_t k = 0; k < m_rows.size(); ++k)
        m_rowOfId.emplace(m_rows[k].id, int(k));
    endResetModel();
}

void DestinationsModel::clear()
{
    setRows({});
}

void DestinationsModel::applyMarks(const MarkIndex &marks)
{
    // First find what changes, then tell the views in the cheapest way: one
    // dataChanged per run of adjacent changed rows, or, for rows scattered
    // over many runs (a /8 marked among a million rows), one layout change,
    // since a proxy handles each dataChanged that hides rows at O(rows).
    struct Change
    {
        std::size_t row;
        const Mark *mark;
    };
    std::vector<Change> changes;
    std::size_t runs = 0;
    for (std::size_t k = 0; k < m_rows.size(); ++k) {
        const DestinationRow &row = m_rows[k];
        const Mark *mark = marks.find(row.address);
        const MarkStatus status = mark ? mark->status : MarkStatus::Unreviewed;
        static const std::string kNone;
        if (status == row.status && (mark ? mark->note : kNone) == row.note
            && (mark ? mark->cidrText : kNone) == row.markCidr)
            continue;
        runs += changes.empty() || changes.back().row + 1 != k ? 1 : 0;
        changes.push_back({k, mark});
    }
    if (changes.empty())
        return;
    const bool asLayout = runs > kMaxChangedRuns;
    if (asLayout)
        Q_EMIT layoutAboutToBeChanged();
    for (const Change &change : changes) {
        DestinationRow &row = m_rows[change.row];
        row.status = change.mark ? change.mark->status : MarkStatus::Unreviewed;
        row.note = change.mark ? change.mark->note : std::string();
        row.markCidr = change.mark ? change.mark->cidrText : std::string();
    }
    if (asLayout) {
        Q_EMIT layoutChanged(); // rows keep their places: persistent indexes stay valid
        return;
    }
    std::size_t first = changes.front().row;
    for (std::size_t k = 1; k <= changes.size(); ++k) {
        if (k == changes.size() || changes[k].row != changes[k - 1].row + 1) {
            Q_EMIT dataChanged(index(int(first), 0),
                               index(int(changes[k - 1].row), ColumnCount - 1));
            if (k < changes.size())
                first = changes[k].row;
        }
    }
}

int DestinationsModel::rowOfId(std::int64_t destinationId) const
{
    const auto it = m_rowOfId.find(destinationId);
    return it == m_rowOfId.end() ? -1 : it->second;
}

int DestinationsModel::compareAddresses(int left, int right) const
{
    return addressOrder(m_rows[std::size_t(left)], m_rows[std::size_t(right)]);
}

int DestinationsModel::compare(int column, int left, int right) const
{
    const DestinationRow &a = m_rows[std::size_t(left)];
    const DestinationRow &b = m_rows[std::size_t(right)];
    int c = 0;
    switch (Column(column)) {
    case AddressColumn:
    case ExpandedColumn:
        c = addressOrder(a, b);
        break;
    case CategoryColumn:
        c = compareValues(a.category, b.category);
        break;
    case ExternalColumn:
        c = compareValues(a.external, b.external);
        break;
    case StatusColumn:
        c = compareValues(int(a.status), int(b.status));
        break;
    case ConnectionsColumn:
        c = compareValues(a.connections, b.connections);
        break;
    case ProcessesColumn:
        c = compareValues(a.processes, b.processes);
        break;
    case HostsColumn:
        c = compareValues(a.hosts, b.hosts);
        break;
    case PortsColumn:
        c = comparePorts(a.ports, b.ports);
        break;
    case FirstSeenColumn:
        c = compareTimes(a.firstNs, b.firstNs);
        break;
    case LastSeenColumn:
        c = compareTimes(a.lastNs, b.lastNs);
        break;
    case NoteColumn:
        c = compareValues(a.note, b.note);
        break;
    case ColumnCount:
        break;
    }
    return c;
}

int DestinationsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DestinationsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DestinationsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DestinationRow &row = m_rows[std::size_t(index.row())];
    const auto column = Column(index.column());

    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case AddressColumn:
            return toQString(row.canonical);
        case ExpandedColumn:
            return toQString(row.expanded);
        case CategoryColumn:
            return categoryDisplayName(row.category);
        case ExternalColumn:
            return row.external ? tr("yes") : tr("no");
        case StatusColumn:
            return statusDisplayName(row.status);
        case ConnectionsColumn:
            return QString::number(row.connections);
        case ProcessesColumn:
            return QString::number(row.processes);
        case HostsColumn:
            return QString::number(row.hosts);
        case PortsColumn:
            return toQString(row.ports);
        case FirstSeenColumn:
            return displayTime(row.firstNs);
        case LastSeenColumn:
            return displayTime(row.lastNs);
        case NoteColumn:
            return toQString(row.note);
        case ColumnCount:
            break;
        }
        break;
    case SortRole:
        switch (column) {
        case AddressColumn:
        case ExpandedColumn:
            return QByteArray(reinterpret_cast<const char *>(row.address.bytes.data()), 16);
        case CategoryColumn:
            return toQString(row.category);
        case ExternalColumn:
            return row.external;
        case StatusColumn:
            return int(row.status);
        case ConnectionsColumn:
            return qint64(row.connections);
        case ProcessesColumn:
            return qint64(row.processes);
        case HostsColumn:
            return qint64(row.hosts);
        case PortsColumn:
            return toQString(row.ports);
        case FirstSeenColumn:
            return row.firstNs ? QVariant(qint64(*row.firstNs)) : QVariant();
        case LastSeenColumn:
            return row.lastNs ? QVariant(qint64(*row.lastNs)) : QVariant();
        case NoteColumn:
            return toQString(row.note);
        case ColumnCount:
            break;
        }
        break;
    case Qt::DecorationRole:
        if (column == StatusColumn)
            return statusIcon(row.status);
        break;
    case Qt::ForegroundRole:
        if (column == StatusColumn && row.status != MarkStatus::Unreviewed)
            return QBrush(statusColor(row.status).darker(120));
        break;
    case Qt::TextAlignmentRole:
        if (column == ConnectionsColumn || column == ProcessesColumn || column == HostsColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Qt::ToolTipRole:
        if (column == StatusColumn && !row.markCidr.empty())
            return tr("%1 by the mark on %2")
                .arg(statusDisplayName(row.status), toQString(row.markCidr));
        if (column == CategoryColumn)
            return row.external ? tr("Traffic to this category leaves the organisation")
                                : tr("A special-purpose block: not a public destination");
        break;
    case KeyRole:
        return qint64(row.id);
    case StatusRole:
        return int(row.status);
    case AddressTextRole:
        return toQString(row.canonical);
    default:
        break;
    }
    return {};
}

QVariant DestinationsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
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
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace ea
