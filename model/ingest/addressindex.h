#pragma once

#include "address/ipaddress.h"
#include "core/containers/chunkedvector.h"
#include "core/largeallocator.h"

#include <cstdint>
#include <vector>

namespace ea {

// Address -> positive id, for the destinations of an import. Open addressing
// over 4-byte slots holding the id, with the addresses kept once by id: about
// 21 bytes a destination where std::unordered_map took a 48-byte node plus a
// bucket pointer. Only addresses of spellings not seen before are looked up,
// so the extra step from slot to address costs nothing measurable.
class AddressIndex
{
public:
    // The id of address; when absent it is added with id newId (> 0) and
    // `added` is set.
    std::int32_t insert(const IpAddress &address, std::int32_t newId, bool &added)
    {
        if ((m_size + 1) * 10 > m_slots.size() * 7)
            grow();
        const std::size_t mask = m_slots.size() - 1;
        std::size_t i = IpAddressHash()(address) & mask;
        for (;; i = (i + 1) & mask) {
            const std::uint32_t id = m_slots[i];
            if (id == 0)
                break;
            if (m_addresses[id] == address) {
                added = false;
                return std::int32_t(id);
            }
        }
        m_slots[i] = std::uint32_t(newId);
        m_addresses.grow(std::size_t(newId)) = address;
        ++m_size;
        added = true;
        return newId;
    }

    void reserve(std::size_t count)
    {
        while (count * 10 > m_slots.size() * 7)
            grow();
    }

private:
    void grow()
    {
        LargeVector<std::uint32_t> table(m_slots.empty() ? 1024 : m_slots.size() * 2);
        const std::size_t mask = table.size() - 1;
        for (const std::uint32_t id : m_slots) {
            if (id == 0)
                continue;
            std::size_t i = IpAddressHash()(m_addresses[id]) & mask;
            while (table[i] != 0)
                i = (i + 1) & mask;
            table[i] = id;
        }
        m_slots.swap(table);
    }

    LargeVector<std::uint32_t> m_slots; // ids, 0: empty; huge pages once large
    std::size_t m_size = 0;
    ChunkedVector<IpAddress> m_addresses; // by id
};

} // namespace ea
