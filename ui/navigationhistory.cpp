#include "navigationhistory.h"

namespace ea {

void NavigationHistory::follow(const Location &current)
{
    if (m_back.isEmpty() || m_back.last() != current)
        m_back.append(current);
    if (m_back.size() > kMaxDepth)
        m_back.removeFirst();
    m_forward.clear();
}

std::optional<Location> NavigationHistory::back(const Location &current)
{
    if (m_back.isEmpty())
        return std::nullopt;
    m_forward.append(current);
    return m_back.takeLast();
}

std::optional<Location> NavigationHistory::forward(const Location &current)
{
    if (m_forward.isEmpty())
        return std::nullopt;
    m_back.append(current);
    return m_forward.takeLast();
}

void NavigationHistory::clear()
{
    m_back.clear();
    m_forward.clear();
}

} // namespace ea
