#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace ea {

// Interns strings to dense indexes 0, 1, 2, … in insertion order. Open
// addressing over (hash, index) slots with the text in one arena: one hash
// per lookup, no node per string, and the full hash compared before any
// bytes. The import interns host and process keys with it (spellings, far
// more numerous, have their own SpellingTable); std::unordered_map with a
// custom hash re-hashed the strings of every node it walked.
class StringTable
{
public:
    static constexpr std::uint32_t kNotFound = ~0U;

    [[nodiscard]] std::uint32_t find(std::string_view text) const noexcept
    {
        if (m_slots.empty())
            return kNotFound;
        const std::uint64_t h = hash(text);
        const std::size_t mask = m_slots.size() - 1;
        for (std::size_t i = std::size_t(h) & mask;; i = (i + 1) & mask) {
            const Slot &slot = m_slots[i];
            if (slot.index == kNotFound)
                return kNotFound;
            if (slot.hash == h && matches(slot, text))
                return slot.index;
        }
    }

    // The index of text, adding it when new; `added` tells which.
    std::uint32_t insert(std::string_view text, bool &added)
    {
        if ((m_size + 1) * 10 > m_slots.size() * 7)
            grow();
        const std::uint64_t h = hash(text);
        const std::size_t mask = m_slots.size() - 1;
        std::size_t i = std::size_t(h) & mask;
        for (;; i = (i + 1) & mask) {
            const Slot &slot = m_slots[i];
            if (slot.index == kNotFound)
                break;
            if (slot.hash == h && matches(slot, text)) {
                added = false;
                return slot.index;
            }
        }
        const auto index = std::uint32_t(m_size++);
        Slot &slot = m_slots[i];
        slot.hash = h;
        slot.length = std::uint32_t(text.size());
        slot.index = index;
        if (text.size() <= kInline) {
            std::memcpy(slot.inlineText, text.data(), text.size());
        } else {
            slot.offset = m_arena.size();
            m_arena.append(text);
        }
        added = true;
        return index;
    }

    [[nodiscard]] std::size_t size() const noexcept { return m_size; }

    static std::uint64_t hash(std::string_view s) noexcept
    {
        std::uint64_t h = 0x9e3779b97f4a7c15ULL ^ (s.size() * 0xff51afd7ed558ccdULL);
        std::size_t i = 0;
        for (; i + 8 <= s.size(); i += 8) {
            std::uint64_t w;
            std::memcpy(&w, s.data() + i, 8);
            h = (h ^ w) * 0xc4ceb9fe1a85ec53ULL;
            h ^= h >> 29;
        }
        std::uint64_t tail = 0;
        std::memcpy(&tail, s.data() + i, s.size() - i);
        h = (h ^ tail) * 0xc4ceb9fe1a85ec53ULL;
        h ^= h >> 32;
        h *= 0xff51afd7ed558ccdULL;
        h ^= h >> 29;
        return h;
    }

private:
    // The text's place is kept in the slot too, so a lookup touches the slot
    // and the text, not a third array in between (each a cache miss in a
    // large table); a text of up to kInline bytes (most IPv4 spellings) lives
    // in the slot itself and costs no second miss at all.
    static constexpr std::size_t kInline = 16;
    struct Slot
    {
        std::uint64_t hash = 0;
        std::uint32_t length = 0;
        std::uint32_t index = kNotFound;
        union {
            char inlineText[kInline];
            std::size_t offset;
        };
        Slot()
            : offset(0)
        { }
    };

    [[nodiscard]] bool matches(const Slot &slot, std::string_view text) const noexcept
    {
        if (slot.length != text.size())
            return false;
        const char *stored
            = text.size() <= kInline ? slot.inlineText : m_arena.data() + slot.offset;
        return std::memcmp(stored, text.data(), text.size()) == 0;
    }

    void grow()
    {
        std::vector<Slot> table(m_slots.empty() ? 1024 : m_slots.size() * 2);
        const std::size_t mask = table.size() - 1;
        for (const Slot &slot : m_slots) {
            if (slot.index == kNotFound)
                continue;
            std::size_t i = std::size_t(slot.hash) & mask;
            while (table[i].index != kNotFound)
                i = (i + 1) & mask;
            table[i] = slot;
        }
        m_slots.swap(table);
    }

    std::vector<Slot> m_slots;
    std::size_t m_size = 0;
    std::string m_arena; // texts longer than kInline
};

} // namespace ea
