#pragma once

#include <cstdint>

namespace ea {

// "Latest request wins" for answers that arrive from a pool thread: each new
// request takes a ticket, which makes every earlier ticket stale, and an
// answer is used only while its ticket is still current. Dropping a stale
// answer is how a page stays consistent when the analyst types faster than
// the queries run, or switches cases while one is under way. GUI thread only.
class LatestRequest
{
public:
    using Ticket = std::uint64_t;

    // A ticket for a new request; every earlier one is stale from now on.
    [[nodiscard]] Ticket next() noexcept { return ++m_current; }
    // Makes every ticket handed out so far stale, with no new request.
    void invalidate() noexcept { ++m_current; }
    // The ticket of the latest request (or of the last invalidate()), for a
    // request that belongs to the current state without replacing others.
    [[nodiscard]] Ticket current() const noexcept { return m_current; }
    [[nodiscard]] bool isCurrent(Ticket ticket) const noexcept { return ticket == m_current; }

private:
    Ticket m_current = 0;
};

} // namespace ea
