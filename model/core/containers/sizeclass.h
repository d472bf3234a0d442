#pragma once

#include <bit>
#include <cstddef>

namespace ea {

// The buffer size to allocate for `bytes` bytes in the import's compact
// per-destination lists: the smallest of 2^k - 8 and 3 * 2^(k-1) - 8 that
// holds them (k >= 5). The steps grow by 4/3 and 3/2 in turn, so a list
// wastes about a sixth of its buffer on average instead of a quarter to a
// third under doubling; the 8 is glibc malloc's chunk header, so each size
// fills its chunk exactly. A size is a function of the length alone, so the
// lists need not store a capacity.
[[nodiscard]] constexpr std::size_t sizeClassBytes(std::size_t bytes) noexcept
{
    const std::size_t chunk = bytes + 8 <= 32 ? 32 : bytes + 8;
    const std::size_t power = std::bit_ceil(chunk); // chunk <= power < 2 * chunk
    const std::size_t threeQuarters = power / 4 * 3;
    return (chunk <= threeQuarters ? threeQuarters : power) - 8;
}

static_assert(sizeClassBytes(1) == 24 && sizeClassBytes(24) == 24 && sizeClassBytes(25) == 40
              && sizeClassBytes(40) == 40 && sizeClassBytes(41) == 56 && sizeClassBytes(57) == 88
              && sizeClassBytes(89) == 120 && sizeClassBytes(121) == 184);

} // namespace ea
