#include "drilldowncolumns.h"

#include "core/text.h"
#include "destinationspage.h"
#include "statuspresentation.h"

namespace ea {

std::vector<RowsTableModel<ProcessRow>::Column> drillDownProcessColumns()
{
    using Column = RowsTableModel<ProcessRow>::Column;
    return {
        Column {DestinationsPage::tr("Process"),
                [](const ProcessRow &r) -> QVariant {
                    return r.processId == 0 ? DestinationsPage::tr("(no process named)")
                                            : toQString(processLabel(r));
                },
                nullptr, false,
                [](const ProcessRow &r, int role) -> QVariant {
                    const QString tip = role == Qt::ToolTipRole ? processToolTip(r) : QString();
                    return tip.isEmpty() ? QVariant() : QVariant(tip);
                }},
        Column {DestinationsPage::tr("Key"),
                [](const ProcessRow &r) -> QVariant {
                    return toQString(r.key);
                }},
        Column {DestinationsPage::tr("PID"),
                [](const ProcessRow &r) -> QVariant { return toQString(r.pid); }, nullptr, true},
        Column {DestinationsPage::tr("Host"),
                [](const ProcessRow &r) -> QVariant {
                    return toQString(r.hostname.empty() ? r.hostKey : r.hostname);
                }},
        Column {DestinationsPage::tr("Connections"),
                [](const ProcessRow &r) -> QVariant { return QString::number(r.connections); },
                [](const ProcessRow &r) -> QVariant { return qint64(r.connections); }, true},
        Column {DestinationsPage::tr("Ports"),
                [](const ProcessRow &r) -> QVariant {
                    return toQString(r.ports);
                }},
        Column {DestinationsPage::tr("First seen"),
                [](const ProcessRow &r) -> QVariant {
                    return displayTime(r.firstNs, r.timesZoneUnknown);
                },
                [](const ProcessRow &r) {
                    return timeSortKey(r.firstNs);
                }},
        Column {DestinationsPage::tr("Last seen"),
                [](const ProcessRow &r) -> QVariant {
                    return displayTime(r.lastNs, r.timesZoneUnknown);
                },
                [](const ProcessRow &r) {
                    return timeSortKey(r.lastNs);
                }},

        bytesColumn<ProcessRow>(DestinationsPage::tr("Bytes out"), &ProcessRow::bytesOut),
        bytesColumn<ProcessRow>(DestinationsPage::tr("Bytes in"), &ProcessRow::bytesIn),
    };
}

} // namespace ea
