#pragma once

#include "core/containers/sizeclass.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <stdexcept>
#include <string_view>

namespace ea {

// An append-only byte string in 16 bytes: up to 12 bytes inline, longer ones
// in a malloc'd buffer whose size follows from the length (sizeClassBytes),
// so only a pointer and the length are kept. The import holds one per
// destination (its EventIdList); std::string took 32 bytes plus a buffer
// from 16 bytes up, doubled as it grew.
class ByteList
{
public:
    ByteList() noexcept = default;
    ByteList(const ByteList &) = delete;
    ByteList &operator=(const ByteList &) = delete;
    ~ByteList() { std::free(heap()); }

    [[nodiscard]] std::size_t size() const noexcept { return m_size; }
    [[nodiscard]] bool empty() const noexcept { return m_size == 0; }
    [[nodiscard]] const std::uint8_t *data() const noexcept
    {
        return m_size <= kInline ? m_inline : heap();
    }
    [[nodiscard]] std::string_view view() const noexcept
    {
        return {reinterpret_cast<const char *>(data()), m_size};
    }

    void append(const std::uint8_t *bytes, std::size_t n)
    {
        const std::size_t size = m_size + n;
        if (size > UINT32_MAX)
            throw std::length_error("event list of one destination over 4 GiB");
        std::uint8_t *out;
        if (size <= kInline) {
            out = m_inline;
        } else if (m_size <= kInline) {
            out = static_cast<std::uint8_t *>(std::malloc(sizeClassBytes(size)));
            if (!out)
                throw std::bad_alloc();
            std::memcpy(out, m_inline, m_size);
            setHeap(out);
        } else {
            out = heap();
            if (sizeClassBytes(size) != sizeClassBytes(m_size)) {
                out = static_cast<std::uint8_t *>(std::realloc(out, sizeClassBytes(size)));
                if (!out)
                    throw std::bad_alloc();
                setHeap(out);
            }
        }
        std::memcpy(out + m_size, bytes, n);
        m_size = std::uint32_t(size);
    }

private:
    static constexpr std::size_t kInline = 12;

    [[nodiscard]] std::uint8_t *heap() const noexcept
    {
        if (m_size <= kInline)
            return nullptr;
        std::uint8_t *p;
        std::memcpy(&p, m_inline, sizeof p);
        return p;
    }
    void setHeap(std::uint8_t *p) noexcept { std::memcpy(m_inline, &p, sizeof p); }

    std::uint8_t m_inline[kInline] {}; // the bytes, or the buffer's address
    std::uint32_t m_size = 0;
};

static_assert(sizeof(ByteList) == 16);

} // namespace ea
