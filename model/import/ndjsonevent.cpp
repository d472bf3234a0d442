#include "import/ndjsondecoderstate.h"

#include "core/text.h"
#include "core/timestamp.h"
#include "import/readersupport.h"

#include <charconv>

// From the slots a dialect chose to an Event: --map overrides, the peer by
// direction, ports, the first readable time, and which key supplied each
// field (the mapping the reader reports).

namespace ea::ndjson {

namespace {

// Decimal only, from a string ("53") or a number (53); -1 for anything else,
// fractions, signs and values past 65535 included. Not core's parsePort,
// which also reads Argus's hexadecimal "0x01bb": no JSON dialect writes that.
std::int32_t parsePortText(std::string_view text) noexcept
{
    text = trimmedBlanks(text);
    if (text.empty() || text.size() > 5)
        return -1;
    std::int32_t value = -1;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < 0 || value > 65535)
        return -1;
    return value;
}

} // namespace

void DecoderState::deliver(Plan &plan)
{
    auto &role = plan.role;
    // --map keys present on this line win over the dialect's.
    for (std::size_t i = 0; i < m_overrides.size(); ++i) {
        if (!m_overridePresent[i])
            continue;
        const FieldRole target = m_overrides[i].role;
        Slot *slot = &m_overrideSlots[i];
        if (target == FieldRole::Time) {
            plan.times = {slot, nullptr, nullptr};
            continue;
        }
        role[std::size_t(target)] = slot;
        if (target == FieldRole::Direction)
            plan.direction = directionFromText(text(slot));
    }
    ++stats.recognized[std::size_t(plan.dialect)];

    Event event;
    event.line = m_line;
    event.raw = m_raw;
    event.direction = plan.direction;
    const bool swap = plan.direction == Direction::Inbound && plan.swapOnInbound;
    auto field = [&](FieldRole r) {
        return trimmedBlanks(text(role[std::size_t(r)]));
    };
    const FieldRole peerRole = swap ? FieldRole::Src : FieldRole::Dst;
    event.peer = field(peerRole);
    if (event.peer.empty()) {
        Slot *slot = role[std::size_t(peerRole)];
        m_reason = swap ? "inbound connection without a source address"
                        : "connection without a destination address";
        if (slot) {
            m_reason += " (";
            m_reason += keyName(std::size_t(slot->nameId));
            m_reason += " is empty)";
        }
        reject(m_reason);
        return;
    }
    event.local = field(swap ? FieldRole::Dst : FieldRole::Src);
    event.peerPort = parsePortText(field(swap ? FieldRole::SrcPort : FieldRole::DstPort));
    event.localPort = parsePortText(field(swap ? FieldRole::DstPort : FieldRole::SrcPort));
    event.protocol = field(FieldRole::Protocol);
    event.processKey = field(FieldRole::Process);
    event.pid = field(FieldRole::Pid);
    event.processPath = text(role[std::size_t(FieldRole::Path)]);
    event.host = field(FieldRole::Host);
    setEventBytes(event, field(FieldRole::SrcBytes), field(FieldRole::DstBytes),
                  field(FieldRole::TotalBytes), swap);

    // The first candidate that reads wins; one that is there but unreadable
    // marks the time unreadable only when none reads.
    Slot *timeSlot = nullptr;
    bool unreadable = false;
    for (Slot *candidate : plan.times) {
        const std::string_view value = trimmedBlanks(text(candidate));
        if (value.empty())
            continue;
        if (parseTimestamp(value, event.timeNs)) {
            event.hasTime = true;
            timeSlot = candidate;
            break;
        }
        unreadable = true;
        if (!timeSlot)
            timeSlot = candidate;
    }
    event.timeUnreadable = unreadable && !event.hasTime;
    if (!event.hasTime)
        event.timeNs = 0;
    else if (event.timeNs < kYear1971Ns)
        ++stats.before1971;

    for (std::size_t r = 0; r < kFieldRoleCount; ++r) {
        if (role[r] && r != std::size_t(FieldRole::Time))
            countUse(role[r]->nameId, FieldRole(r));
    }
    if (timeSlot)
        countUse(timeSlot->nameId, FieldRole::Time);
    ++stats.records[std::size_t(plan.dialect)];
    ++stats.events;
    m_sink.event(event);
}

void DecoderState::countUse(int nameId, FieldRole role)
{
    if (nameId < 0 || std::size_t(nameId) >= stats.roleUse.size())
        return;
    ++stats.roleUse[std::size_t(nameId)][std::size_t(role)];
    if (stats.firstUse[std::size_t(nameId)] < 0)
        stats.firstUse[std::size_t(nameId)] = m_useSequence++;
}

} // namespace ea::ndjson
