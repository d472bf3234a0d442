#include "import/ndjsonstats.h"

#include <QCoreApplication>

namespace ea {

QStringList ndjsonNotes(const NdjsonStats &stats)
{
    constexpr std::int64_t kOneHourNs = 3600LL * 1000000000LL;
    QStringList notes;
    if (stats.netflowReplies > 0)
        notes.append(QCoreApplication::translate("ea::NdjsonReader",
                                                 "%1 Suricata netflow reply records skipped: each "
                                                 "repeats a flow already read, with the addresses "
                                                 "swapped")
                         .arg(stats.netflowReplies));
    if (stats.sysmonSkewed > 0)
        notes.append(QCoreApplication::translate(
                         "ea::NdjsonReader",
                         "Sysmon UtcTime differs from the event log's TimeCreated by more than an "
                         "hour on %1 events (up to %2 h); times were taken from TimeCreated "
                         "(--map time=UtcTime takes Sysmon's)")
                         .arg(stats.sysmonSkewed)
                         .arg(stats.sysmonMaxSkewNs / kOneHourNs));
    if (stats.before1971 > 0)
        notes.append(QCoreApplication::translate("ea::NdjsonReader",
                                                 "%1 events have times before 1971: the file's "
                                                 "times look relative (seconds since the capture "
                                                 "started), not epoch")
                         .arg(stats.before1971));
    return notes;
}

} // namespace ea
