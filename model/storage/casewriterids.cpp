#include "storage/casewriter.h"

#include "storage/casewriterchecks.h"
#include "storage/multirowinsert.h"

#include "address/addresstext.h"
#include "address/classifier.h"
#include "core/containers/bytelist.h"
#include "storage/aggregates.h"
#include "storage/existingids.h"

#include <algorithm>
#include <limits>

namespace ea {

using namespace casewriter;

bool CaseWriter::loadExisting(ExistingIds &existing)
{
    // Ids of destinations, spellings, hosts and processes index arrays in
    // memory, and the import gives them out in order from 1: a case whose
    // largest id is more than its number of rows was not written so, and
    // would make those arrays as large as the id.
    std::int64_t rows = 0;
    auto dense = [&rows](std::int32_t largest) {
        return largest <= rows;
    };

    Statement destinations(m_db, "SELECT id, addr, family, category FROM destinations");
    if (!destinations.isValid())
        return fail(destinations, QT_TR_NOOP("reading destinations: %1"));
    Statement::Step step;
    while ((step = destinations.step()) == Statement::Step::Row) {
        if (!isId32(destinations.columnInt64(0)))
            return damaged(QT_TR_NOOP("the case is damaged: a destination id is out of range"));
        const auto id = std::int32_t(destinations.columnInt64(0));
        ++rows;
        existing.maxDestination = std::max(existing.maxDestination, id);
        const auto bytes = destinations.columnBlob(1);
        if (bytes.size() != 16)
            continue;
        IpAddress a;
        std::copy(bytes.begin(), bytes.end(), a.bytes.begin());
        a.family = destinations.columnInt64(2) == 4 ? Family::IPv4 : Family::IPv6;
        existing.destinations.emplace_back(a, id);
        Category category = Category::Reserved;
        existing.destinationExternal.push_back(
            categoryFromId(destinations.columnText(3), category) && isExternal(category) ? 1 : 0);
    }
    if (step == Statement::Step::Error)
        return fail(destinations, QT_TR_NOOP("reading destinations: %1"));
    if (!dense(existing.maxDestination))
        return damaged(
            QT_TR_NOOP("the case is damaged: the destination ids are not numbered from 1"));

    // A spelling always denotes one destination; re-parse it to find which,
    // rather than storing the link twice.
    std::unordered_map<IpAddress, std::int32_t, IpAddressHash> byAddress;
    for (const auto &[address, id] : existing.destinations)
        byAddress.emplace(address, id);
    Statement spellings(m_db, "SELECT id, text FROM spellings");
    if (!spellings.isValid())
        return fail(spellings, QT_TR_NOOP("reading spellings: %1"));
    rows = 0;
    while ((step = spellings.step()) == Statement::Step::Row) {
        if (!isId32(spellings.columnInt64(0)))
            return damaged(
                QT_TR_NOOP("the case is damaged: an address spelling id is out of range"));
        const auto id = std::int32_t(spellings.columnInt64(0));
        ++rows;
        existing.maxSpelling = std::max(existing.maxSpelling, id);
        const std::string_view text = spellings.columnText(1);
        // Local addresses are spellings too; those that are no destination
        // keep 0, and a later peer use parses them then.
        std::int32_t destId = 0;
        const ParseResult parsed = parseAddress(text);
        if (parsed.ok()) {
            IpAddress a = parsed.address;
            if (a.family == Family::IPv6 && a.isV4Mapped())
                a.family = Family::IPv4;
            if (const auto dest = byAddress.find(a); dest != byAddress.end())
                destId = dest->second;
        }
        existing.spellings.emplace_back(std::string(text), id);
        existing.destOfSpelling.push_back(destId);
    }
    if (step == Statement::Step::Error)
        return fail(spellings, QT_TR_NOOP("reading spellings: %1"));
    if (!dense(existing.maxSpelling))
        return damaged(
            QT_TR_NOOP("the case is damaged: the address spelling ids are not numbered from 1"));

    // The chunks' ids do not overlap (the events table checks it when read).
    Statement maxEvent(m_db,
                       "SELECT ifnull((SELECT first_id + count - 1 FROM event_chunks "
                       "ORDER BY first_id DESC LIMIT 1), 0), "
                       "ifnull((SELECT min(first_id) FROM event_chunks), 1), "
                       "ifnull((SELECT min(count) FROM event_chunks), 1)");
    if (maxEvent.step() != Statement::Step::Row)
        return fail(maxEvent, QT_TR_NOOP("reading events: %1"));
    existing.maxEvent = maxEvent.columnInt64(0);
    m_eventsBefore = existing.maxEvent;
    if (maxEvent.columnInt64(1) < 1 || maxEvent.columnInt64(2) < 1
        || existing.maxEvent >= std::numeric_limits<std::int64_t>::max() / 2)
        return damaged(QT_TR_NOOP("the case is damaged: an event id is out of range"));
    m_nextEventId = existing.maxEvent + 1;
    maxEvent.reset();
    // This import's event ids continue after maxEvent, and each list's next
    // gap is counted from its last id: that id must be an event's.
    Statement lastEvents(m_db, "SELECT dest_id, last_id, events FROM dest_events");
    if (!lastEvents.isValid())
        return fail(lastEvents, QT_TR_NOOP("reading destination event lists: %1"));
    while ((step = lastEvents.step()) == Statement::Step::Row) {
        const std::int64_t lastId = lastEvents.columnInt64(1);
        if (!isId32(lastEvents.columnInt64(0))
            || lastEvents.columnInt64(0) > existing.maxDestination || lastId < 1
            || lastId > existing.maxEvent || lastEvents.columnInt64(2) < 1)
            return damaged(
                QT_TR_NOOP("the case is damaged: a destination's event list is out of range"));
        existing.destLastEvent.emplace_back(std::int32_t(lastEvents.columnInt64(0)), lastId);
    }
    if (step == Statement::Step::Error)
        return fail(lastEvents, QT_TR_NOOP("reading destination event lists: %1"));

    Statement hosts(m_db, "SELECT id, key FROM hosts");
    if (!hosts.isValid())
        return fail(hosts, QT_TR_NOOP("reading hosts: %1"));
    rows = 0;
    while ((step = hosts.step()) == Statement::Step::Row) {
        if (!isId32(hosts.columnInt64(0)))
            return damaged(QT_TR_NOOP("the case is damaged: a host id is out of range"));
        const auto id = std::int32_t(hosts.columnInt64(0));
        ++rows;
        existing.hosts.emplace_back(std::string(hosts.columnText(1)), id);
        existing.maxHost = std::max(existing.maxHost, id);
    }
    if (step == Statement::Step::Error)
        return fail(hosts, QT_TR_NOOP("reading hosts: %1"));
    if (!dense(existing.maxHost))
        return damaged(QT_TR_NOOP("the case is damaged: the host ids are not numbered from 1"));

    Statement processes(m_db,
                        "SELECT p.id, ifnull(p.host_id, 0), p.key, ifnull(p.alias_of, 0), "
                        "ifnull(p.pid, ''), ifnull(p.path, ''), s.first_ns, s.last_ns "
                        "FROM processes AS p LEFT JOIN process_stats AS s ON s.process_id = p.id");
    if (!processes.isValid())
        return fail(processes, QT_TR_NOOP("reading processes: %1"));
    rows = 0;
    while ((step = processes.step()) == Statement::Step::Row) {
        const std::int64_t host = processes.columnInt64(1);
        const std::int64_t aliasOf = processes.columnInt64(3);
        if (!isId32(processes.columnInt64(0)) || host < 0 || host > existing.maxHost || aliasOf < 0
            || aliasOf > std::numeric_limits<std::int32_t>::max())
            return damaged(QT_TR_NOOP("the case is damaged: a process id is out of range"));
        const auto id = std::int32_t(processes.columnInt64(0));
        ++rows;
        ExistingIds::Process &p = existing.processes.emplace_back();
        p.id = id;
        p.hostId = std::int32_t(host);
        p.key = processes.columnText(2);
        p.aliasOf = std::int32_t(aliasOf);
        const std::string_view path = processes.columnText(5);
        if (!path.empty() && !processes.columnText(4).empty()) {
            p.pid = processes.columnText(4);
            p.path = path;
            const auto first = processes.columnOptionalInt64(6);
            const auto last = processes.columnOptionalInt64(7);
            if (first && last) {
                p.hasTime = true;
                p.firstNs = *first;
                p.lastNs = *last;
            }
        }
        existing.maxProcess = std::max(existing.maxProcess, id);
    }
    if (step == Statement::Step::Error)
        return fail(processes, QT_TR_NOOP("reading processes: %1"));
    if (!dense(existing.maxProcess))
        return damaged(QT_TR_NOOP("the case is damaged: the process ids are not numbered from 1"));
    // An alias names a process of its own host that is itself no alias (the
    // import counts the alias's events under it).
    std::vector<const ExistingIds::Process *> byId(std::size_t(existing.maxProcess) + 1, nullptr);
    for (const ExistingIds::Process &p : existing.processes)
        byId[std::size_t(p.id)] = &p;
    for (const ExistingIds::Process &p : existing.processes) {
        if (p.aliasOf == 0)
            continue;
        const ExistingIds::Process *target
            = p.aliasOf <= existing.maxProcess ? byId[std::size_t(p.aliasOf)] : nullptr;
        if (!target || target == &p || target->aliasOf != 0 || target->hostId != p.hostId)
            return damaged(QT_TR_NOOP("the case is damaged: a process alias is out of range"));
    }
    return true;
}

} // namespace ea
