#include "storage/eventidlist.h"

#include "core/containers/bytelist.h"

namespace ea {

void EventIdList::append(std::string &bytes, std::int64_t previous, std::int64_t id)
{
    auto gap = std::uint64_t(id - previous);
    while (gap >= 0x80) {
        bytes += char(std::uint8_t(gap) | 0x80);
        gap >>= 7;
    }
    bytes += char(std::uint8_t(gap));
}

void EventIdList::append(ByteList &bytes, std::int64_t previous, std::int64_t id)
{
    std::uint8_t encoded[10];
    std::size_t n = 0;
    auto gap = std::uint64_t(id - previous);
    while (gap >= 0x80) {
        encoded[n++] = std::uint8_t(gap) | 0x80;
        gap >>= 7;
    }
    encoded[n++] = std::uint8_t(gap);
    bytes.append(encoded, n);
}

std::int64_t EventIdList::count(std::string_view bytes) noexcept
{
    std::int64_t n = 0;
    for (const char c : bytes)
        n += (static_cast<unsigned char>(c) & 0x80) == 0;
    return n;
}

bool EventIdList::decode(std::span<const std::uint8_t> bytes, std::vector<std::int64_t> &ids)
{
    std::uint64_t id = 0;
    std::uint64_t gap = 0;
    int shift = 0;
    for (std::uint8_t byte : bytes) {
        if (shift > 56)
            return false; // more than 64 bits
        gap |= std::uint64_t(byte & 0x7f) << shift;
        if (byte & 0x80) {
            shift += 7;
            continue;
        }
        if (gap == 0 && !ids.empty())
            return false; // ids are strictly ascending
        id += gap;
        if (id > std::uint64_t(INT64_MAX))
            return false;
        ids.push_back(std::int64_t(id));
        gap = 0;
        shift = 0;
    }
    return shift == 0;
}

} // namespace ea
