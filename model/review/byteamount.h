#pragma once

#include <cstdint>
#include <string_view>

namespace ea {

// "1500", "1.5M", "2GiB", "10kB": a byte count as the quick filter takes it,
// with an optional decimal fraction and unit (k M G T of 1000, KiB MiB GiB
// TiB of 1024, a B after either or alone; case-insensitive). False for
// anything else, and for counts of 2^63 or more.
[[nodiscard]] bool parseByteAmount(std::string_view text, std::int64_t &bytes);

} // namespace ea
