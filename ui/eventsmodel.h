#pragma once

#include "latestrequest.h"

#include "modelroles.h"
#include "storage/casequeries.h"

#include <QAbstractTableModel>

#include <cstdint>
#include <list>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace ea {

class CaseSession;

// The raw events of one destination, loaded page by page: the model holds only
// the event ids (a destination's dest_events list) and fetches the rows of a
// page from SQLite on a pool thread when a view first asks for them, showing
// placeholders meanwhile. A bounded cache keeps memory flat however long the
// list; a LatestRequest drops pages that arrive for an older list.
class EventsModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        TimeColumn,
        HostColumn,
        ProcessColumn,
        SourceColumn,
        DestinationColumn,
        PortColumn,
        ProtocolColumn,
        DirectionColumn,
        OriginColumn, // file:line
        ConnectionsColumn, // 1, or what an aggregated row stands for
        ColumnCount
    };
    static constexpr int kPageSize = 256;
    static constexpr std::size_t kCachedPages = 64;
    static constexpr std::size_t kMaxPending = 3; // page queries in flight

    explicit EventsModel(CaseSession &session, QObject *parent = nullptr);
    ~EventsModel() override;

    void setEventIds(std::vector<std::int64_t> ids);
    void clear();
    // Pages requested but not yet arrived (tests wait for 0).
    [[nodiscard]] int pendingPages() const noexcept { return int(m_pending.size()); }
    [[nodiscard]] const EventDetailRow *eventAt(int row) const;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index,
                                int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void pageLoaded(int page);
    void loadFailed(const QString &message);

private:
    void requestPage(int page) const;
    void storePage(int page, std::vector<EventDetailRow> rows);

    CaseSession &m_session;
    std::vector<std::int64_t> m_ids;
    LatestRequest m_request;
    // data() is const; fetching pages is a cache fill, invisible to callers.
    mutable std::unordered_map<int, std::vector<EventDetailRow>> m_pages;
    mutable std::list<int> m_lru; // most recently stored first
    mutable std::unordered_set<int> m_pending;
    mutable int m_deferred = -1; // the page last asked for beyond kMaxPending
    bool m_failed = false;
};

} // namespace ea
