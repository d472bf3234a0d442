#include "eventsmodel.h"

#include "casesession.h"
#include "core/text.h"
#include "statuspresentation.h"

#include <QFuture>

#include <algorithm>
#include <utility>

namespace ea {

namespace {

// IANA protocol numbers as SLS and Argus write them, shown with their name.
QString protocolText(const std::string &protocol)
{
    const QString text = toQString(protocol);
    static const std::pair<const char *, const char *> kNames[]
        = {{"1", "ICMP"}, {"6", "TCP"}, {"17", "UDP"}, {"58", "ICMPv6"}, {"132", "SCTP"}};
    for (const auto &[number, name] : kNames) {
        if (protocol == number)
            return EventsModel::tr("%1 (%2)").arg(QLatin1String(name), text);
    }
    return text;
}

QString directionText(int direction)
{
    switch (direction) {
    case 1:
        return EventsModel::tr("outbound");
    case 2:
        return EventsModel::tr("inbound");
    default:
        return {};
    }
}

} // namespace

EventsModel::EventsModel(CaseSession &session, QObject *parent)
    : QAbstractTableModel(parent)
    , m_session(session)
{ }

EventsModel::~EventsModel() = default;

void EventsModel::setEventIds(std::vector<std::int64_t> ids)
{
    beginResetModel();
    m_request.invalidate();
    m_ids = std::move(ids);
    m_pages.clear();
    m_lru.clear();
    m_pending.clear();
    m_deferred = -1;
    m_failed = false;
    endResetModel();
}

void EventsModel::clear()
{
    setEventIds({});
}

const EventDetailRow *EventsModel::eventAt(int row) const
{
    if (row < 0 || row >= int(m_ids.size()))
        return nullptr;
    const int page = row / kPageSize;
    const auto it = m_pages.find(page);
    if (it == m_pages.end()) {
        requestPage(page);
        return nullptr;
    }
    const std::size_t offset = std::size_t(row % kPageSize);
    return offset < it->second.size() ? &it->second[offset] : nullptr;
}

void EventsModel::requestPage(int page) const
{
    if (m_pending.count(page) || m_failed || !m_session.isOpen() || m_session.isImporting())
        return;
    if (m_pending.size() >= kMaxPending) {
        // Dragging the scroll bar asks for page after page: fetch only the
        // last one asked for once a slot frees, not every page passed over.
        m_deferred = page;
        return;
    }
    m_pending.insert(page);
    const std::size_t first = std::size_t(page) * kPageSize;
    const std::size_t last = std::min(m_ids.size(), first + kPageSize);
    std::vector<std::int64_t> ids(m_ids.begin() + std::ptrdiff_t(first),
                                  m_ids.begin() + std::ptrdiff_t(last));
    const LatestRequest::Ticket generation = m_request.current();
    auto *self = const_cast<EventsModel *>(this);
    m_session.run([ids = std::move(ids)](CaseQueries &queries) { return queries.events(ids); },
                  self,
                  [self, page, generation](RowsResult<EventDetailRow> result) {
                      if (!self->m_request.isCurrent(generation))
                          return; // an answer for a list that is no longer shown
                      self->m_pending.erase(page);
                      const int deferred = std::exchange(self->m_deferred, -1);
                      if (deferred >= 0 && !self->m_pages.count(deferred))
                          self->requestPage(deferred);
                      if (!result.ok()) {
                          // No retry on every repaint: the list stays placeholders until
                          // it is set again.
                          self->m_failed = true;
                          Q_EMIT self->loadFailed(result.error.message());
                          return;
                      }
                      self->storePage(page, std::move(result.value));
                  });
}

void EventsModel::storePage(int page, std::vector<EventDetailRow> rows)
{
    m_pages[page] = std::move(rows);
    m_lru.push_front(page);
    while (m_lru.size() > kCachedPages) {
        m_pages.erase(m_lru.back());
        m_lru.pop_back();
    }
    const int first = page * kPageSize;
    const int last = std::min(int(m_ids.size()), first + kPageSize) - 1;
    if (first <= last)
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
    Q_EMIT pageLoaded(page);
}

int EventsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_ids.size());
}

int EventsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role == KeyRole)
        return qint64(m_ids[std::size_t(index.row())]);
    if (role != Qt::DisplayRole && role != SortRole && role != Qt::ToolTipRole)
        return {};
    const EventDetailRow *event = eventAt(index.row());
    if (!event)
        return role == Qt::DisplayRole ? QVariant(tr("…")) : QVariant();
    switch (Column(index.column())) {
    case TimeColumn:
        if (role == SortRole)
            return event->tsNs ? QVariant(qint64(*event->tsNs)) : QVariant();
        if (event->lastNs) {
            // An aggregated row: its first and last connection.
            return tr("%1 – %2").arg(displayTime(event->tsNs, event->timesZoneUnknown),
                                     displayTime(event->lastNs, event->timesZoneUnknown));
        }
        return displayTime(event->tsNs, event->timesZoneUnknown);
    case HostColumn:
        return toQString(event->hostname.empty() ? event->hostKey : event->hostname);
    case ProcessColumn:
        if (role == Qt::ToolTipRole)
            return toQString(event->processKey);
        return toQString(event->processLabel.empty() ? event->processKey : event->processLabel);
    case SourceColumn:
        if (!event->srcPort)
            return toQString(event->source);
        return tr("%1 port %2").arg(toQString(event->source)).arg(*event->srcPort);
    case DestinationColumn:
        return toQString(event->destination);
    case PortColumn:
        if (!event->dstPort)
            return QVariant();
        return role == SortRole ? QVariant(qint64(*event->dstPort))
                                : QVariant(QString::number(*event->dstPort));
    case ProtocolColumn:
        return protocolText(event->protocol);
    case DirectionColumn:
        return directionText(event->direction);
    case OriginColumn:
        return tr("%1:%2").arg(toQString(event->sourcePath)).arg(event->line);
    case ConnectionsColumn:
        return role == SortRole ? QVariant(qint64(event->weight))
                                : QVariant(QString::number(event->weight));
    case ColumnCount:
        break;
    }
    return {};
}

QVariant EventsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case TimeColumn:
        return tr("Time");
    case HostColumn:
        return tr("Host");
    case ProcessColumn:
        return tr("Process");
    case SourceColumn:
        return tr("Source");
    case DestinationColumn:
        return tr("Destination as written");
    case PortColumn:
        return tr("Port");
    case ProtocolColumn:
        return tr("Protocol");
    case DirectionColumn:
        return tr("Direction");
    case OriginColumn:
        return tr("File:line");
    case ConnectionsColumn:
        return tr("Connections");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace ea
