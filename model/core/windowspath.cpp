#include "core/windowspath.h"

#include "core/text.h"

namespace ea {

std::string devicePathTail(std::string_view path)
{
    constexpr std::string_view kPrefix = "\\device\\harddiskvolume";
    if (path.size() <= kPrefix.size() || lowerAscii(path.substr(0, kPrefix.size())) != kPrefix)
        return {};
    std::size_t i = kPrefix.size();
    const std::size_t digits = i;
    while (i < path.size() && path[i] >= '0' && path[i] <= '9')
        ++i;
    if (i == digits || i >= path.size() || path[i] != '\\')
        return {};
    return lowerAscii(path.substr(i));
}

std::string drivePathTail(std::string_view path)
{
    if (path.size() < 4 || path[1] != ':' || path[2] != '\\')
        return {};
    const char drive = path[0];
    if (!((drive >= 'A' && drive <= 'Z') || (drive >= 'a' && drive <= 'z')))
        return {};
    return lowerAscii(path.substr(2));
}

} // namespace ea
