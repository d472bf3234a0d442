#include "storage/aggregates.h"

#include <algorithm>
#include <limits>

namespace ea {

namespace {

// first..last widened to hold ns; hasTime once there is a time.
void extendSpan(bool &hasTime, std::int64_t &first, std::int64_t &last, std::int64_t ns) noexcept
{
    if (!hasTime || ns < first)
        first = ns;
    if (!hasTime || ns > last)
        last = ns;
    hasTime = true;
}

} // namespace

std::int64_t ByteSums::sum(std::int64_t a, std::int64_t b) noexcept
{
    if (a < 0 || b < 0)
        return std::max(a, b);
    return a > std::numeric_limits<std::int64_t>::max() - b
        ? std::numeric_limits<std::int64_t>::max()
        : a + b;
}

void ByteSums::add(std::int64_t bytesOut, std::int64_t bytesIn) noexcept
{
    out = sum(out, bytesOut);
    in = sum(in, bytesIn);
}

void DestAgg::addTime(std::int64_t ns) noexcept
{
    extendSpan(hasTime, firstNs, lastNs, ns);
}

void ActorAgg::addTime(std::int64_t ns) noexcept
{
    extendSpan(hasTime, firstNs, lastNs, ns);
}

void DestAgg::copyCounts(const DestAgg &other) noexcept
{
    connections = other.connections;
    firstNs = other.firstNs;
    lastNs = other.lastNs;
    lastEvent = other.lastEvent;
    processes = other.processes;
    hosts = other.hosts;
    hasTime = other.hasTime;
    morePorts = other.morePorts;
    directions = other.directions;
}

void DestAgg::takePorts(DestAgg &other) noexcept
{
    // Only the member in use is read: the other one of the union is not.
    m_portCount = other.m_portCount;
    if (other.onHeap())
        m_heapPorts = other.m_heapPorts;
    else
        m_inlinePorts = other.m_inlinePorts;
    other.m_portCount = 0;
    other.m_inlinePorts = {};
}

DestAgg::DestAgg(const DestAgg &other)
{
    copyCounts(other);
    setPorts(other.ports());
}

DestAgg::DestAgg(DestAgg &&other) noexcept
{
    copyCounts(other);
    takePorts(other);
}

DestAgg &DestAgg::operator=(const DestAgg &other)
{
    if (this != &other) {
        DestAgg copy(other);
        *this = std::move(copy);
    }
    return *this;
}

DestAgg &DestAgg::operator=(DestAgg &&other) noexcept
{
    if (this != &other) {
        releasePorts();
        copyCounts(other);
        takePorts(other);
    }
    return *this;
}

DestAgg::~DestAgg()
{
    releasePorts();
}

void DestAgg::releasePorts() noexcept
{
    if (onHeap())
        delete[] m_heapPorts;
    m_portCount = 0;
    m_inlinePorts = {};
}

void DestAgg::setPorts(std::span<const std::uint16_t> ascending)
{
    releasePorts();
    const std::size_t n = std::min(ascending.size(), kMaxPorts);
    if (n > kInlinePorts) {
        auto *heap = new std::uint16_t[n > kMidPorts ? kMaxPorts : kMidPorts];
        std::copy_n(ascending.data(), n, heap);
        m_heapPorts = heap;
    } else {
        std::copy_n(ascending.data(), n, m_inlinePorts.data());
    }
    m_portCount = std::uint8_t(n);
}

void DestAgg::addPort(std::uint16_t port)
{
    std::uint16_t *begin = onHeap() ? m_heapPorts : m_inlinePorts.data();
    std::uint16_t *end = begin + m_portCount;
    std::uint16_t *at = std::lower_bound(begin, end, port);
    if (at != end && *at == port)
        return;
    if (m_portCount == kMaxPorts) {
        morePorts = true;
        if (at == end)
            return; // larger than every kept port
        --end; // drop the largest to make room
    } else if (m_portCount == kInlinePorts || m_portCount == kMidPorts) {
        // To a larger array: kMidPorts, then kMaxPorts.
        auto *heap = new std::uint16_t[m_portCount == kInlinePorts ? kMidPorts : kMaxPorts];
        const std::size_t offset = std::size_t(at - begin);
        std::copy(begin, end, heap);
        if (onHeap())
            delete[] m_heapPorts;
        m_heapPorts = heap;
        begin = heap;
        end = heap + m_portCount;
        at = heap + offset;
        ++m_portCount;
    } else {
        ++m_portCount;
    }
    std::move_backward(at, end, end + 1);
    *at = port;
}

void DestAgg::addPortsText(std::string_view text)
{
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t next = text.find(';', at);
        if (next == std::string_view::npos)
            next = text.size();
        const std::string_view item = text.substr(at, next - at);
        unsigned value = 0;
        bool digits = !item.empty() && item.size() <= 5;
        for (char c : item) {
            digits = digits && c >= '0' && c <= '9';
            value = value * 10 + unsigned(c - '0');
        }
        if (digits && value <= 0xffff)
            addPort(std::uint16_t(value));
        else
            morePorts = true; // the "…" marker
        at = next + 1;
    }
}

std::string DestAgg::portsText() const
{
    std::string text;
    const std::span<const std::uint16_t> kept = ports();
    for (std::size_t k = 0; k < kept.size(); ++k) {
        if (k > 0)
            text += ';';
        text += std::to_string(kept[k]);
    }
    if (morePorts)
        text += ";\xe2\x80\xa6"; // ";…"
    return text;
}

} // namespace ea
