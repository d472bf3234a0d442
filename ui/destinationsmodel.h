#pragma once

#include "modelroles.h"

#include "storage/casequeries.h"

#include <QAbstractTableModel>

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace ea {

class MarkIndex;

// The main table (roles: modelroles.h; KeyRole is the destination id): one row per destination of
// the case (every destination; the proxy decides what is shown). The rows are a snapshot read off
// the GUI thread and swapped in with a model reset; a change of marks updates status and note in
// place (dataChanged), without a reload.
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
        ColumnCount
    };
    static constexpr std::size_t kMaxChangedRuns = 16;

    explicit DestinationsModel(QObject *parent = nullptr);
    ~DestinationsModel() override;

    void setRows(std::vector<DestinationRow> rows);
    void clear();
    // Re-applies the marks to every row; emits dataChanged for each run of
    // rows whose status or note changed, or one layout change when there are
    // more than kMaxChangedRuns runs.
    void applyMarks(const MarkIndex &marks);

    [[nodiscard]] const std::vector<DestinationRow> &rows() const noexcept { return m_rows; }
    [[nodiscard]] const DestinationRow &row(int index) const { return m_rows[std::size_t(index)]; }
    // The row of a destination id, -1 when the snapshot has none.
    [[nodiscard]] int rowOfId(std::int64_t destinationId) const;

    // Three-way comparison of two rows by a column's typed value (addresses
    // numerically with IPv4 before IPv6, counts as numbers, times as times,
    // unknown times first): <0, 0 or >0. Used by the proxy without QVariant
    // boxing; compareAddresses() breaks ties.
    [[nodiscard]] int compare(int column, int left, int right) const;
    [[nodiscard]] int compareAddresses(int left, int right) const;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index,
                                int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

private:
    std::vector<DestinationRow> m_rows;
    std::unordered_map<std::int64_t, int> m_rowOfId;
};

} // namespace ea
