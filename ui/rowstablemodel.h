#pragma once

#include "modelroles.h"
#include "statuspresentation.h"

#include <QAbstractTableModel>
#include <QString>

#include <cstdint>
#include <functional>
#include <vector>

namespace ea {

// A read-only table over a vector of plain rows (query results) with the
// columns described as functions. The small drill-down tables use it, so each
// only says what its columns are.
template<typename Row> class RowsTableModel : public QAbstractTableModel
{
public:
    struct Column
    {
        QString header;
        std::function<QVariant(const Row &)> display;
        // SortRole; display text when null.
        std::function<QVariant(const Row &)> sort = nullptr;
        bool numeric = false; // right-aligned
        std::function<QVariant(const Row &, int role)> extra = nullptr; // other roles
    };

    explicit RowsTableModel(std::vector<Column> columns, QObject *parent = nullptr)
        : QAbstractTableModel(parent)
        , m_columns(std::move(columns))
    { }

    void setKey(std::function<QVariant(const Row &)> key) { m_key = std::move(key); }

    void setRows(std::vector<Row> rows)
    {
        beginResetModel();
        m_rows = std::move(rows);
        endResetModel();
    }

    // Changes rows in place: update(row) returns whether it changed it. One
    // dataChanged covers the changed span; no reset, so selection stays.
    template<typename Update> void updateRows(Update update)
    {
        int first = -1;
        int last = -1;
        for (std::size_t k = 0; k < m_rows.size(); ++k) {
            if (update(m_rows[k])) {
                first = first < 0 ? int(k) : first;
                last = int(k);
            }
        }
        if (first >= 0)
            Q_EMIT this->dataChanged(this->index(first, 0), this->index(last, columnCount() - 1));
    }

    [[nodiscard]] const std::vector<Row> &rows() const noexcept { return m_rows; }
    [[nodiscard]] const Row &row(int index) const { return m_rows[std::size_t(index)]; }

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_rows.size());
    }

    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_columns.size());
    }

    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
            return {};
        const Row &row = m_rows[std::size_t(index.row())];
        const Column &column = m_columns[std::size_t(index.column())];
        switch (role) {
        case Qt::DisplayRole:
            return column.display(row);
        case SortRole:
            return column.sort ? column.sort(row) : column.display(row);
        case KeyRole:
            return m_key ? m_key(row) : QVariant();
        case Qt::TextAlignmentRole:
            if (column.numeric)
                return int(Qt::AlignRight | Qt::AlignVCenter);
            break;
        default:
            break;
        }
        return column.extra ? column.extra(row, role) : QVariant();
    }

    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role) const override
    {
        if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section >= 0
            && section < int(m_columns.size()))
            return m_columns[std::size_t(section)].header;
        return QAbstractTableModel::headerData(section, orientation, role);
    }

private:
    std::vector<Column> m_columns;
    std::vector<Row> m_rows;
    std::function<QVariant(const Row &)> m_key;
};

// A byte count (-1: unknown): SI units, sorted as a number (unknown first),
// exact on hover.
template<typename Row>
typename RowsTableModel<Row>::Column bytesColumn(const QString &header, std::int64_t Row::*member)
{
    return {header, [member](const Row &r) -> QVariant { return displayBytes(r.*member); },
            [member](const Row &r) -> QVariant { return qint64(r.*member); }, true,
            [member](const Row &r, int role) -> QVariant {
                if (role == Qt::ToolTipRole && r.*member >= 0)
                    return exactBytes(r.*member);
                return {};
            }};
}

} // namespace ea
