#include "destinationsproxy.h"

#include "destinationsmodel.h"

namespace ea {

DestinationsProxy::DestinationsProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(SortRole);
    // Marks change rows in place; re-filter then so a row marked known-safe
    // leaves the "needs review" view at once.
    setDynamicSortFilter(true);
}

DestinationsProxy::~DestinationsProxy() = default;

void DestinationsProxy::setDestinationsModel(DestinationsModel *model)
{
    m_model = model;
    setSourceModel(model);
}

void DestinationsProxy::setShowAll(bool showAll)
{
    if (m_showAll == showAll)
        return;
    m_showAll = showAll;
    refilter();
}

void DestinationsProxy::setHideReviewed(bool hide)
{
    if (m_hideReviewed == hide)
        return;
    m_hideReviewed = hide;
    refilter();
}

void DestinationsProxy::setFilter(DestinationFilter filter, DestinationFilter::IdSets sets)
{
    m_filter = std::move(filter);
    m_sets = std::move(sets);
    refilter();
}

void DestinationsProxy::refilter()
{
    // invalidateFilter() reports every run of rows that appear or vanish on
    // its own, each at O(rows): minutes for a filter that keeps every other
    // row of a million. invalidate() rebuilds the mapping once (one layout
    // change), a few hundred milliseconds at that size.
    invalidate();
}

int DestinationsProxy::candidateCount() const
{
    if (!m_model)
        return 0;
    int count = 0;
    const int rows = m_model->rowCount();
    for (int row = 0; row < rows; ++row)
        count += passesToggles(row) ? 1 : 0;
    return count;
}

bool DestinationsProxy::passesToggles(int sourceRow) const
{
    const DestinationRow &row = m_model->row(sourceRow);
    // The same rule as the CLI's default list: external and not internal.
    if (!m_showAll && (!row.external || row.status == MarkStatus::Internal))
        return false;
    if (m_hideReviewed
        && (row.status == MarkStatus::KnownSafe || row.status == MarkStatus::Internal))
        return false;
    return true;
}

bool DestinationsProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_model || sourceParent.isValid())
        return false;
    if (!passesToggles(sourceRow))
        return false;
    return m_filter.isEmpty() || m_filter.matches(m_model->row(sourceRow), m_sets);
}

bool DestinationsProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (!m_model)
        return QSortFilterProxyModel::lessThan(left, right);
    const int c = m_model->compare(left.column(), left.row(), right.row());
    if (c != 0)
        return c < 0;
    // Ties go by address, ascending in either sort order (as the CLI lists
    // them): Qt sorts descending by swapping the arguments, so swap back.
    const int a = m_model->compareAddresses(left.row(), right.row());
    return sortOrder() == Qt::DescendingOrder ? a > 0 : a < 0;
}

} // namespace ea
