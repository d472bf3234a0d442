#pragma once

// LEB128 varints and zigzag signs: the packed lists of dest_processes and
// dest_timeline.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace ea::varint {

inline void put(std::string &out, std::uint64_t value)
{
    // Built on the stack and appended once: a string's append checks its
    // capacity per call.
    char bytes[10];
    std::size_t n = 0;
    while (value >= 0x80) {
        bytes[n++] = char(std::uint8_t(value) | 0x80);
        value >>= 7;
    }
    bytes[n++] = char(std::uint8_t(value));
    out.append(bytes, n);
}

class Reader
{
public:
    explicit Reader(std::span<const std::uint8_t> bytes)
        : m_bytes(bytes)
    { }
    [[nodiscard]] bool atEnd() const noexcept { return m_at == m_bytes.size(); }
    [[nodiscard]] std::size_t remaining() const noexcept { return m_bytes.size() - m_at; }
    [[nodiscard]] bool read(std::uint64_t &value) noexcept
    {
        value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (m_at == m_bytes.size())
                return false;
            const std::uint8_t byte = m_bytes[m_at++];
            if (shift == 63 && byte > 1)
                return false; // more than 64 bits
            value |= std::uint64_t(byte & 0x7f) << shift;
            if (!(byte & 0x80))
                return true;
        }
        return false;
    }

private:
    std::span<const std::uint8_t> m_bytes;
    std::size_t m_at = 0;
};

inline std::uint64_t zigzag(std::int64_t v)
{
    return (std::uint64_t(v) << 1) ^ std::uint64_t(v >> 63);
}

inline std::int64_t unzigzag(std::uint64_t v)
{
    return std::int64_t(v >> 1) ^ -std::int64_t(v & 1);
}

} // namespace ea::varint
