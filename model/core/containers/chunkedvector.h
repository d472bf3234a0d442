#pragma once

#include <cstddef>
#include <memory>
#include <vector>

namespace ea {

// A growable array indexed like a vector, stored in fixed-size chunks that
// never move. Growing never copies the elements and never holds an old and a
// new buffer at once (a vector of the import's per-destination state doubled
// its capacity and, while it moved, briefly needed three times its size); the
// unused tail is at most one chunk.
template<typename T, std::size_t ChunkBits = 12> class ChunkedVector
{
public:
    static constexpr std::size_t kChunkSize = std::size_t(1) << ChunkBits;

    [[nodiscard]] std::size_t size() const noexcept { return m_size; }

    T &operator[](std::size_t i) noexcept { return m_chunks[i >> ChunkBits][i & kMask]; }
    const T &operator[](std::size_t i) const noexcept
    {
        return m_chunks[i >> ChunkBits][i & kMask];
    }

    // Starts fetching element i from memory, if there is one.
    void prefetch(std::size_t i) const noexcept
    {
        if (i < m_size)
            __builtin_prefetch(&(*this)[i]);
    }

    // Grows (never shrinks) to at least n value-initialised elements.
    void resize(std::size_t n)
    {
        while (m_chunks.size() * kChunkSize < n)
            m_chunks.push_back(std::make_unique<T[]>(kChunkSize));
        if (n > m_size)
            m_size = n;
    }

    // Element i, growing the array to hold it.
    T &grow(std::size_t i)
    {
        if (i >= m_size)
            resize(i + 1);
        return (*this)[i];
    }

    void clear() noexcept
    {
        m_chunks.clear();
        m_chunks.shrink_to_fit();
        m_size = 0;
    }

private:
    static constexpr std::size_t kMask = kChunkSize - 1;

    std::vector<std::unique_ptr<T[]>> m_chunks;
    std::size_t m_size = 0;
};

} // namespace ea
