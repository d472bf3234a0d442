#pragma once

#include "latestrequest.h"
#include "modelroles.h"

#include "review/destinationorder.h"
#include "review/destinationsnapshot.h"

#include <QAbstractTableModel>

#include <atomic>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

namespace ea {

class MarkIndex;

// Rows of a snapshot (a selection): what a background write reads its
// addresses from, off the GUI thread.
struct SnapshotRows
{
    std::shared_ptr<const DestinationSnapshot> snapshot;
    std::vector<std::uint32_t> rows;
};

// The main table (roles: modelroles.h; KeyRole is the destination id). It
// shows a DestinationSnapshot through an order of its rows: the rows that pass
// the toggles and the quick filter, in the chosen sort. Sorting, filtering and
// re-applying marks compute a new order on a pool thread while the table
// keeps showing the previous one; the newest request wins and older answers
// are dropped. Persistent indexes (the selection, the current row) follow
// their destinations through every new order. Snapshots small enough to order
// in a few milliseconds are ordered at once, on the GUI thread.
class DestinationsModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        AddressColumn,
        ExpandedColumn,
        CategoryColumn,
        ExternalColumn,
        StatusColumn,
        ConnectionsColumn,
        ProcessesColumn,
        HostsColumn,
        PortsColumn,
        FirstSeenColumn,
        LastSeenColumn,
        NoteColumn,
        // Added with case format 5, after the columns a saved header layout
        // knows; shown after Hosts unless the analyst moved them.
        BytesOutColumn,
        BytesInColumn,
        DirectionColumn,
        ListsColumn, // the known lists that hold the address (case format 7)
        // Who holds the address (case format 9, Owners): shown after
        // Connections.
        CountryColumn,
        AsnColumn,
        OrganisationColumn,
        ColumnCount
    };
    // Below this many destinations an order is computed in place.
    static constexpr std::size_t kDefaultInlineRows = 20000;

    explicit DestinationsModel(QObject *parent = nullptr);
    // What the owner columns hold and where they come from (their tooltip,
    // and each cell's while the case knows no owner).
    [[nodiscard]] static QString ownersHint();
    ~DestinationsModel() override;

    // A new case (or a reload): reset with the snapshot, the marks' review of
    // it and the order for the current sort and view, all computed on a pool
    // thread (see load()).
    struct LoadRequest
    {
        DestinationSort sort;
        DestinationView view;
        std::uint64_t generation = 0; // of the view and marks it was asked with
    };
    struct Loaded
    {
        std::shared_ptr<const DestinationSnapshot> snapshot;
        std::shared_ptr<const MarkIndex> marks;
        std::shared_ptr<const DestinationReview> review;
        std::shared_ptr<const RowIds> sorted;
        DestinationSort sort;
        DestinationOrder order;
        std::uint64_t generation = 0;
        // The first rows only (readFirstRows()), shown until the full load:
        // sorting waits for it, filters and marks apply to what is there.
        bool partial = false;
    };
    // The sort and view a load is to use now (the caller may narrow the view).
    [[nodiscard]] LoadRequest loadRequest() const { return {m_sort, m_view, m_askedGeneration}; }
    // What a pool thread computes for setLoaded(): review, sort, order.
    [[nodiscard]] static Loaded load(std::shared_ptr<const DestinationSnapshot> snapshot,
                                     std::shared_ptr<const MarkIndex> marks,
                                     const LoadRequest &request);
    // Swaps in a load. A sort, view or marks given since its request are not
    // lost: the order for them follows on a pool thread.
    void setLoaded(Loaded loaded);
    void clear();

    // The toggles and the quick filter (with its process:/host: id sets).
    void setView(DestinationView view);
    [[nodiscard]] const DestinationView &view() const noexcept { return m_view; }
    // Marks changed: statuses and notes update in place, and rows a toggle
    // now hides leave.
    void setMarks(std::shared_ptr<const MarkIndex> marks);
    // QTableView's header calls this; so can anyone.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    [[nodiscard]] DestinationSort currentSort() const noexcept { return m_sort; }

    // True while a newer order is being computed (the table shows the older),
    // and while only the first rows are shown.
    [[nodiscard]] bool isBusy() const noexcept { return m_busy; }
    // Only the first rows of a load are shown (Loaded::partial).
    [[nodiscard]] bool isPartial() const noexcept { return m_partial; }
    // How many full sorts have been computed (each costs a pass per key byte
    // over every row): what a test checks to see that none runs twice.
    [[nodiscard]] int sortsComputed() const noexcept { return m_sortsComputed->load(); }
    void setInlineRows(std::size_t rows) noexcept { m_inlineRows = rows; }

    [[nodiscard]] const std::shared_ptr<const DestinationSnapshot> &snapshot() const noexcept
    {
        return m_snapshot;
    }
    // Rows that pass the toggles, before the quick filter.
    [[nodiscard]] std::int64_t candidateCount() const noexcept { return m_candidates; }
    // Rows each toggle hides (DestinationOrder's counts).
    [[nodiscard]] std::int64_t notExternalCount() const noexcept { return m_notExternal; }
    [[nodiscard]] std::int64_t hiddenByReviewCount() const noexcept { return m_hiddenByReview; }
    [[nodiscard]] std::int64_t hiddenInboundOnlyCount() const noexcept
    {
        return m_hiddenInboundOnly;
    }
    // The destination shown at a view row, as a DestinationRow.
    [[nodiscard]] DestinationRow rowAt(int viewRow) const;
    [[nodiscard]] std::int64_t idAt(int viewRow) const;
    // The view row of a destination id; -1 when it is not shown.
    [[nodiscard]] int viewRowOfId(std::int64_t destinationId) const;
    // Whether the snapshot has the destination (shown or not).
    [[nodiscard]] bool hasId(std::int64_t destinationId) const;
    // The ids in view order.
    [[nodiscard]] std::vector<std::int64_t> shownIds() const;
    // The snapshot rows of these view rows (out-of-range ones left out), in
    // view order and without repeats: cheap for a million rows.
    [[nodiscard]] SnapshotRows
    snapshotRows(const std::vector<std::pair<int, int>> &viewSpans) const;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index,
                                int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    // After a new order is in place (a layout change or a reset).
    void orderChanged();
    // After a new order whose rows may differ from the last (a load, a view,
    // new marks), not after a sort alone: what the charts follow.
    void shownRowsChanged();
    void busyChanged(bool busy);

private:
    struct Ordered
    {
        std::shared_ptr<const DestinationReview> review;
        // The review the request started from, and whether review shows the
        // same marks (compared on the pool thread, not in apply()).
        std::shared_ptr<const DestinationReview> base;
        bool sameMarks = false;
        std::shared_ptr<const RowIds> sorted;
        DestinationSort sort;
        DestinationOrder order;
        // m_rowsGeneration when the request was made.
        std::uint64_t generation = 0;
    };
    // Computes the order for the current state (and a new review when marks
    // is set), in place or on a pool thread.
    void reorder(std::shared_ptr<const MarkIndex> marks = {});
    // Counts the changes that can change which rows show (not sorts).
    void rowsMayChange() noexcept { ++m_rowsGeneration; }
    void apply(Ordered ordered);
    void setShown(RowIds rows);
    void setBusy(bool busy);
    [[nodiscard]] std::size_t snapshotRow(int viewRow) const
    {
        return m_shown[std::size_t(viewRow)];
    }

    std::shared_ptr<const DestinationSnapshot> m_snapshot;
    std::shared_ptr<const MarkIndex> m_marks; // the newest given
    std::shared_ptr<const DestinationReview> m_review;
    // Every row in m_sort's order: a toggle or filter reuses it.
    std::shared_ptr<const RowIds> m_sorted;
    DestinationSort m_sort;
    DestinationView m_view;
    RowIds m_shown;
    std::int64_t m_candidates = 0;
    std::int64_t m_notExternal = 0;
    std::int64_t m_hiddenByReview = 0;
    std::int64_t m_hiddenInboundOnly = 0;
    LatestRequest m_request;
    std::shared_ptr<std::atomic_bool> m_cancel; // of the request under way
    std::size_t m_inlineRows = kDefaultInlineRows;
    bool m_busy = false;
    std::uint64_t m_rowsGeneration = 0;
    std::uint64_t m_shownGeneration = 0; // of the order in place
    // Counts the views and marks given (what a load request is compared with).
    std::uint64_t m_askedGeneration = 0;
    std::uint64_t m_marksGeneration = 0; // m_askedGeneration when m_marks came
    bool m_partial = false;
    std::shared_ptr<std::atomic_int> m_sortsComputed = std::make_shared<std::atomic_int>(0);
};

} // namespace ea
