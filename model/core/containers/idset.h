#pragma once

#include "core/containers/sizeclass.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>

namespace ea {

// A set of positive 32-bit ids in 16 bytes plus a buffer: up to 3 ids
// inline, then a sorted array in a malloc'd buffer sized by sizeClassBytes,
// and once a bitmap over 0..largest id would be no larger than that array, a
// bitmap. The import keeps one per destination (the distinct processes that
// reached it): most hold a few ids, a few hold thousands, where the bitmap
// takes a bit instead of 4 bytes an id and answers without a search.
class IdSet
{
public:
    IdSet() noexcept = default;
    IdSet(const IdSet &) = delete;
    IdSet &operator=(const IdSet &) = delete;
    ~IdSet() { std::free(heap()); }

    [[nodiscard]] std::uint32_t size() const noexcept { return m_size; }

    // True when id was not in the set.
    bool insert(std::uint32_t id)
    {
        if (m_size <= kInline) {
            // Inline ids are kept ascending too.
            std::uint32_t ids[kInline];
            std::memcpy(ids, m_inline, sizeof ids);
            std::uint32_t at = 0;
            while (at < m_size && ids[at] < id)
                ++at;
            if (at < m_size && ids[at] == id)
                return false;
            if (m_size < kInline) {
                for (std::uint32_t k = m_size; k > at; --k)
                    ids[k] = ids[k - 1];
                ids[at] = id;
                ++m_size;
                std::memcpy(m_inline, ids, sizeof ids);
                return true;
            }
            // The fourth id: to a sorted array.
            auto *array = allocate(arrayBytes(kInline + 1));
            std::copy(ids, ids + at, array);
            array[at] = id;
            std::copy(ids + at, ids + kInline, array + at + 1);
            m_size = kInline + 1;
            setHeap(array, 0);
            return true;
        }
        std::uint32_t *data = heap();
        const std::uint32_t words = bitmapWords();
        if (words != 0) {
            if (id / 32 >= words)
                data = growBitmap(data, words, id);
            std::uint32_t &word = data[id / 32];
            const std::uint32_t bit = std::uint32_t(1) << (id % 32);
            if (word & bit)
                return false;
            word |= bit;
            ++m_size;
            return true;
        }
        return insertSorted(data, id);
    }

    // Calls f(id) for every id, ascending.
    template<typename F> void forEach(F &&f) const
    {
        if (m_size <= kInline) {
            std::uint32_t ids[kInline];
            std::memcpy(ids, m_inline, sizeof ids);
            for (std::uint32_t k = 0; k < m_size; ++k)
                f(ids[k]);
            return;
        }
        const std::uint32_t *data = heap();
        if (const std::uint32_t words = bitmapWords()) {
            for (std::uint32_t w = 0; w < words; ++w) {
                for (std::uint32_t bits = data[w]; bits != 0; bits &= bits - 1)
                    f(w * 32 + std::uint32_t(__builtin_ctz(bits)));
            }
            return;
        }
        for (std::uint32_t k = 0; k < m_size; ++k)
            f(data[k]);
    }

private:
    static constexpr std::uint32_t kInline = 3;

    static std::uint32_t *allocate(std::size_t bytes)
    {
        auto *p = static_cast<std::uint32_t *>(std::malloc(bytes));
        if (!p)
            throw std::bad_alloc();
        return p;
    }

    static std::size_t arrayBytes(std::uint32_t count) noexcept
    {
        return sizeClassBytes(std::size_t(count) * sizeof(std::uint32_t));
    }

    // The buffer of a sorted array is arrayBytes(m_size) long.
    bool insertSorted(std::uint32_t *data, std::uint32_t id)
    {
        std::uint32_t *end = data + m_size;
        std::uint32_t *at = std::lower_bound(data, end, id);
        if (at != end && *at == id)
            return false;
        const std::size_t bytes = arrayBytes(m_size + 1);
        if (bytes != arrayBytes(m_size)) {
            // The array must grow: a bitmap instead when it is no larger.
            const std::uint32_t largest = std::max(end[-1], id);
            const std::size_t bitmapBytes = sizeClassBytes((std::size_t(largest) / 32 + 1) * 4);
            if (bitmapBytes <= bytes) {
                toBitmap(data, id, bitmapBytes);
                return true;
            }
            const std::size_t offset = std::size_t(at - data);
            data = static_cast<std::uint32_t *>(std::realloc(data, bytes));
            if (!data)
                throw std::bad_alloc();
            setHeap(data, 0);
            at = data + offset;
            end = data + m_size;
        }
        std::move_backward(at, end, end + 1);
        *at = id;
        ++m_size;
        return true;
    }

    void toBitmap(std::uint32_t *array, std::uint32_t id, std::size_t bytes)
    {
        const auto words = std::uint32_t(bytes / 4);
        std::uint32_t *bitmap = allocate(bytes);
        std::memset(bitmap, 0, bytes);
        for (std::uint32_t k = 0; k < m_size; ++k)
            bitmap[array[k] / 32] |= std::uint32_t(1) << (array[k] % 32);
        bitmap[id / 32] |= std::uint32_t(1) << (id % 32);
        std::free(array);
        ++m_size;
        setHeap(bitmap, words);
    }

    std::uint32_t *growBitmap(std::uint32_t *bitmap, std::uint32_t words, std::uint32_t id)
    {
        const std::size_t bytes = sizeClassBytes((std::size_t(id) / 32 + 1) * 4);
        bitmap = static_cast<std::uint32_t *>(std::realloc(bitmap, bytes));
        if (!bitmap)
            throw std::bad_alloc();
        std::memset(bitmap + words, 0, bytes - std::size_t(words) * 4);
        setHeap(bitmap, std::uint32_t(bytes / 4));
        return bitmap;
    }

    [[nodiscard]] std::uint32_t *heap() const noexcept
    {
        if (m_size <= kInline)
            return nullptr;
        std::uint32_t *p;
        std::memcpy(&p, m_inline, sizeof p);
        return p;
    }
    // Beyond the inline ids: the buffer's address and, for a bitmap, its
    // length in 32-bit words (0 for a sorted array).
    [[nodiscard]] std::uint32_t bitmapWords() const noexcept
    {
        std::uint32_t words;
        std::memcpy(&words, m_inline + 8, sizeof words);
        return words;
    }
    void setHeap(std::uint32_t *p, std::uint32_t words) noexcept
    {
        std::memcpy(m_inline, &p, sizeof p);
        std::memcpy(m_inline + 8, &words, sizeof words);
    }

    std::uint8_t m_inline[kInline * sizeof(std::uint32_t)] {};
    std::uint32_t m_size = 0;
};

static_assert(sizeof(IdSet) == 16);

} // namespace ea
