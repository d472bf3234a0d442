#include "storage/aggregates.h"

#include <algorithm>

namespace ea {

void DestAgg::addTime(std::int64_t ns) noexcept
{
    if (!hasTime || ns < firstNs)
        firstNs = ns;
    if (!hasTime || ns > lastNs)
        lastNs = ns;
    hasTime = true;
}

void ActorAgg::addTime(std::int64_t ns) noexcept
{
    if (!hasTime || ns < firstNs)
        firstNs = ns;
    if (!hasTime || ns > lastNs)
        lastNs = ns;
    hasTime = true;
}

void DestAgg::addPort(std::uint16_t port) noexcept
{
    std::uint16_t *begin = ports.data();
    std::uint16_t *end = begin + portCount;
    std::uint16_t *at = std::lower_bound(begin, end, port);
    if (at != end && *at == port)
        return;
    if (portCount == kMaxPorts) {
        morePorts = true;
        if (at == end)
            return; // larger than every kept port
        --end; // drop the largest to make room
    } else {
        ++portCount;
    }
    std::move_backward(at, end, end + 1);
    *at = port;
}

void DestAgg::addPortsText(std::string_view text) noexcept
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
    for (std::size_t k = 0; k < portCount; ++k) {
        if (k > 0)
            text += ';';
        text += std::to_string(ports[k]);
    }
    if (morePorts)
        text += ";\xe2\x80\xa6"; // ";…"
    return text;
}

} // namespace ea
