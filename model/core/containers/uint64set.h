#pragma once

#include <cstdint>
#include <vector>

namespace ea {

// A set of 64-bit keys with open addressing and linear probing: 8 bytes a
// slot instead of a node per key. The key ~0 is reserved as the empty marker.
class Uint64Set
{
public:
    // True when the key was not in the set.
    bool insert(std::uint64_t key)
    {
        if ((m_size + 1) * 10 > m_slots.size() * 7)
            grow();
        const std::size_t mask = m_slots.size() - 1;
        for (std::size_t i = hash(key) & mask;; i = (i + 1) & mask) {
            if (m_slots[i] == key)
                return false;
            if (m_slots[i] == kEmpty) {
                m_slots[i] = key;
                ++m_size;
                return true;
            }
        }
    }

    [[nodiscard]] std::size_t size() const noexcept { return m_size; }

    // Every key, in no particular order.
    [[nodiscard]] std::vector<std::uint64_t> keys() const
    {
        std::vector<std::uint64_t> out;
        out.reserve(m_size);
        for (std::uint64_t key : m_slots) {
            if (key != kEmpty)
                out.push_back(key);
        }
        return out;
    }

private:
    static constexpr std::uint64_t kEmpty = ~0ULL;

    static std::size_t hash(std::uint64_t k) noexcept
    {
        k ^= k >> 33;
        k *= 0xff51afd7ed558ccdULL;
        k ^= k >> 33;
        return std::size_t(k);
    }

    void grow()
    {
        std::vector<std::uint64_t> old(m_slots.empty() ? 1024 : m_slots.size() * 2, kEmpty);
        old.swap(m_slots);
        m_size = 0;
        for (std::uint64_t key : old) {
            if (key != kEmpty)
                insert(key);
        }
    }

    std::vector<std::uint64_t> m_slots;
    std::size_t m_size = 0;
};

} // namespace ea
