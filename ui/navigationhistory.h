#pragma once

#include <QList>

#include <cstdint>
#include <optional>

namespace ea {

// Where the analyst was: a page of the window and the row selected on it.
struct Location
{
    int page = 0;
    std::int64_t id = 0; // destination or process id; 0 = none

    friend bool operator==(const Location &, const Location &) = default;
};

// Back/Forward over followed links, as in a browser: following a link from
// `current` records it for Back and forgets the forward path.
class NavigationHistory
{
public:
    void follow(const Location &current);
    // The location to go to, given where the analyst is now; nullopt at the end.
    [[nodiscard]] std::optional<Location> back(const Location &current);
    [[nodiscard]] std::optional<Location> forward(const Location &current);
    void clear();

    [[nodiscard]] bool canGoBack() const noexcept { return !m_back.isEmpty(); }
    [[nodiscard]] bool canGoForward() const noexcept { return !m_forward.isEmpty(); }

private:
    static constexpr qsizetype kMaxDepth = 100;

    QList<Location> m_back;
    QList<Location> m_forward;
};

} // namespace ea
