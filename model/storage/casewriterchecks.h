#pragma once

// Checks shared by the files of CaseWriter (casewriter.cpp: the source row
// and the batches; casewriterids.cpp: reading the ids already in the case;
// casewriterstats.cpp: merging this import's statistics into the case).

#include <array>
#include <cstdint>
#include <limits>
#include <span>

namespace ea::casewriter {
inline std::span<const std::uint8_t> blob(const std::array<std::uint8_t, 16> &bytes)
{
    return {bytes.data(), bytes.size()};
}

// Values read from a case are untrusted: the file may have been edited. Ids
// of destinations, spellings, hosts and processes are 32-bit in memory.
inline bool isId32(std::int64_t value)
{
    return value >= 1 && value <= std::numeric_limits<std::int32_t>::max();
}

// a += b, false (a unchanged) where it would overflow.
inline bool addChecked(std::int64_t &a, std::int64_t b)
{
    constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
    constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
    if ((b > 0 && a > kMax - b) || (b < 0 && a < kMin - b))
        return false;
    a += b;
    return true;
}

} // namespace ea::casewriter
