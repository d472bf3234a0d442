#pragma once

#include "core/containers/stringtable.h"
#include "core/largeallocator.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

namespace ea {

// The import's address texts as written (peer and local spellings) with
// their spelling id and destination: the hottest lookup of an import, and at
// 10M rows over half a million entries. Open addressing over 24-byte slots
// that hold the entry itself and the text's key: a text of up to 15 bytes
// (every IPv4 spelling) in place, a longer one as its address in a chunked
// arena plus length and hash bits. A lookup touches one slot, and for a short
// text compares 16 bytes; the generic StringTable took 32 bytes a slot plus
// a parallel vector of entries (another cache miss) and a doubling arena.
class SpellingTable
{
public:
    struct Entry
    {
        std::int32_t id = 0;
        std::int32_t destId = 0; // 0: not (yet) a destination
    };

    [[nodiscard]] std::size_t size() const noexcept { return m_size; }

    // The entry of text, or nullptr.
    [[nodiscard]] Entry *find(std::string_view text) noexcept
    {
        return find(text, StringTable::hash(text));
    }
    // Likewise, with h = StringTable::hash(text) computed earlier.
    [[nodiscard]] Entry *find(std::string_view text, std::uint64_t h) noexcept
    {
        if (m_slots.empty())
            return nullptr;
        const Key key = keyOf(text);
        const std::size_t mask = m_slots.size() - 1;
        for (std::size_t i = std::size_t(h) & mask;; i = (i + 1) & mask) {
            Slot &slot = m_slots[i];
            if (slot.key.tag() == kEmpty)
                return nullptr;
            if (matches(slot.key, key, text, h))
                return &slot.entry;
        }
    }

    // Starts fetching the slot where a lookup of the text of hash h begins:
    // a caller that knows its next texts early hides the cache miss a
    // random slot costs.
    void prefetch(std::uint64_t h) const noexcept
    {
        if (!m_slots.empty())
            __builtin_prefetch(&m_slots[std::size_t(h) & (m_slots.size() - 1)]);
    }

    // A second step ahead, once prefetch(h)'s slot has arrived: starts
    // fetching a long text's stored copy and returns the destination id of
    // the first slot that may hold text (0 when none). A guess to prefetch
    // by, not an answer: long texts are not compared here.
    [[nodiscard]] std::int32_t prefetchText(std::string_view text, std::uint64_t h) const noexcept
    {
        if (m_slots.empty())
            return 0;
        const Key key = keyOf(text);
        const std::uint64_t longHi = longKey(nullptr, text.size(), h).hi;
        const std::size_t mask = m_slots.size() - 1;
        for (std::size_t i = std::size_t(h) & mask;; i = (i + 1) & mask) {
            const Slot &slot = m_slots[i];
            if (slot.key.tag() == kEmpty)
                return 0;
            if (text.size() <= kInline) {
                if (slot.key == key)
                    return slot.entry.destId;
            } else if (slot.key.hi == longHi) {
                __builtin_prefetch(reinterpret_cast<const char *>(std::uintptr_t(slot.key.lo)));
                return slot.entry.destId;
            }
        }
    }

    // The entry of text, added (zero) when new; `added` tells which. The
    // reference is valid until the next insert.
    Entry &insert(std::string_view text, bool &added)
    {
        return insert(text, StringTable::hash(text), added);
    }
    // Likewise, with h = StringTable::hash(text) computed earlier.
    Entry &insert(std::string_view text, std::uint64_t h, bool &added)
    {
        if ((m_size + 1) * 10 > m_slots.size() * 7)
            grow();
        Key key = keyOf(text);
        const std::size_t mask = m_slots.size() - 1;
        std::size_t i = std::size_t(h) & mask;
        for (;; i = (i + 1) & mask) {
            Slot &slot = m_slots[i];
            if (slot.key.tag() == kEmpty)
                break;
            if (matches(slot.key, key, text, h)) {
                added = false;
                return slot.entry;
            }
        }
        if (text.size() > kInline)
            key = longKey(store(text), text.size(), h);
        ++m_size;
        Slot &slot = m_slots[i];
        slot.key = key;
        slot.entry = {};
        added = true;
        return slot.entry;
    }

private:
    static constexpr std::size_t kInline = 15;
    static constexpr std::uint8_t kLong = 0xff;
    static constexpr std::uint8_t kEmpty = 0xfe;
    static constexpr std::size_t kArenaChunk = 256 * 1024;

    // Short: the text, zero padded, then its length. Long: the text's
    // address, its length (32 bits) and 24 bits of its hash, then kLong.
    struct Key
    {
        std::uint64_t lo = 0;
        std::uint64_t hi = std::uint64_t(kEmpty) << 56;

        [[nodiscard]] std::uint8_t tag() const noexcept { return std::uint8_t(hi >> 56); }
        friend bool operator==(const Key &, const Key &) = default;
    };
    struct Slot
    {
        Key key;
        Entry entry;
    };
    static_assert(sizeof(Slot) == 24);

    static Key keyOf(std::string_view text) noexcept
    {
        Key key;
        if (text.size() > kInline)
            return key; // placeholder: matches() compares long texts itself
        std::uint8_t bytes[16] = {};
        std::memcpy(bytes, text.data(), text.size());
        bytes[15] = std::uint8_t(text.size());
        std::memcpy(&key.lo, bytes, 8);
        std::memcpy(&key.hi, bytes + 8, 8);
        return key;
    }

    static Key longKey(const char *stored, std::size_t length, std::uint64_t h) noexcept
    {
        Key key;
        key.lo = std::uint64_t(reinterpret_cast<std::uintptr_t>(stored));
        key.hi = std::uint64_t(std::uint32_t(length)) | ((h >> 40) << 32);
        key.hi = (key.hi & ((std::uint64_t(1) << 56) - 1)) | (std::uint64_t(kLong) << 56);
        return key;
    }

    static bool matches(const Key &slot, const Key &key, std::string_view text,
                        std::uint64_t h) noexcept
    {
        if (text.size() <= kInline)
            return slot == key;
        if (slot.tag() != kLong || slot.hi != longKey(nullptr, text.size(), h).hi)
            return false;
        const auto *stored = reinterpret_cast<const char *>(std::uintptr_t(slot.lo));
        return std::memcmp(stored, text.data(), text.size()) == 0;
    }

    static std::string_view textOf(const Key &key, std::uint8_t (&bytes)[16]) noexcept
    {
        if (key.tag() == kLong) {
            return {reinterpret_cast<const char *>(std::uintptr_t(key.lo)),
                    std::size_t(std::uint32_t(key.hi))};
        }
        std::memcpy(bytes, &key.lo, 8);
        std::memcpy(bytes + 8, &key.hi, 8);
        return {reinterpret_cast<const char *>(bytes), std::size_t(bytes[15])};
    }

    // Long texts go to fixed chunks that never move (a text larger than a
    // chunk gets its own), so slots can point at them.
    const char *store(std::string_view text)
    {
        if (m_arena.empty() || m_arenaUsed + text.size() > kArenaChunk) {
            const std::size_t size = std::max(kArenaChunk, text.size());
            m_arena.push_back(std::make_unique_for_overwrite<char[]>(size));
            m_arenaUsed = 0;
        }
        char *out = m_arena.back().get() + m_arenaUsed;
        std::memcpy(out, text.data(), text.size());
        m_arenaUsed += text.size();
        return out;
    }

    void grow()
    {
        LargeVector<Slot> table(m_slots.empty() ? 1024 : m_slots.size() * 2);
        const std::size_t mask = table.size() - 1;
        std::uint8_t bytes[16];
        for (const Slot &slot : m_slots) {
            if (slot.key.tag() == kEmpty)
                continue;
            std::size_t i = std::size_t(StringTable::hash(textOf(slot.key, bytes))) & mask;
            while (table[i].key.tag() != kEmpty)
                i = (i + 1) & mask;
            table[i] = slot;
        }
        m_slots.swap(table);
    }

    // In huge pages once large: the table is touched at random, and its
    // fresh 4 KiB pages cost a fault each as it doubles.
    LargeVector<Slot> m_slots;
    std::size_t m_size = 0;
    std::vector<std::unique_ptr<char[]>> m_arena;
    std::size_t m_arenaUsed = 0;
};

} // namespace ea
