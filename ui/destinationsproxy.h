#pragma once

#include "review/destinationfilter.h"

#include <QSortFilterProxyModel>

namespace ea {

class DestinationsModel;

// What the destinations table shows: the quick filter, the "all destinations"
// and "hide reviewed" toggles, and typed sorting. Sorting and filtering read
// the source rows directly (DestinationsModel::lessThan, DestinationFilter),
// not through QVariant, so a million rows sort and filter in well under a
// second.
class DestinationsProxy final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit DestinationsProxy(QObject *parent = nullptr);
    ~DestinationsProxy() override;

    void setDestinationsModel(DestinationsModel *model);

    // false (default): external destinations that are not marked internal,
    // as the CLI's default list. true: every destination.
    void setShowAll(bool showAll);
    [[nodiscard]] bool showAll() const noexcept { return m_showAll; }
    // true (default): hide destinations marked known-safe or internal.
    void setHideReviewed(bool hide);
    [[nodiscard]] bool hideReviewed() const noexcept { return m_hideReviewed; }
    // The parsed quick filter with the id sets for its process:/host: terms.
    void setFilter(DestinationFilter filter, DestinationFilter::IdSets sets = {});
    [[nodiscard]] const DestinationFilter &filter() const noexcept { return m_filter; }

    // Rows that pass the toggles, before the quick filter: the "M" of
    // "N of M destinations".
    [[nodiscard]] int candidateCount() const;

protected:
    [[nodiscard]] bool filterAcceptsRow(int sourceRow,
                                        const QModelIndex &sourceParent) const override;
    [[nodiscard]] bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    [[nodiscard]] bool passesToggles(int sourceRow) const;
    void refilter();

    DestinationsModel *m_model = nullptr;
    DestinationFilter m_filter;
    DestinationFilter::IdSets m_sets;
    bool m_showAll = false;
    bool m_hideReviewed = true;
};

} // namespace ea
