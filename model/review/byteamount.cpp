#include "review/byteamount.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <string>

namespace ea {

bool parseByteAmount(std::string_view text, std::int64_t &bytes)
{
    std::size_t i = 0;
    long double value = 0;
    bool digits = false;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, digits = true)
        value = value * 10 + (text[i] - '0');
    if (i < text.size() && text[i] == '.') {
        long double scale = 0.1L;
        for (++i; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, digits = true) {
            value += scale * (text[i] - '0');
            scale /= 10;
        }
    }
    if (!digits)
        return false;
    std::string unit;
    for (; i < text.size(); ++i)
        unit += char(text[i] >= 'A' && text[i] <= 'Z' ? text[i] - 'A' + 'a' : text[i]);
    if (unit.ends_with('b'))
        unit.pop_back(); // "kb" -> "k", "kib" -> "ki", "b" -> ""
    static constexpr std::string_view kUnits[] = {"k", "m", "g", "t"};
    long double factor = 1;
    if (!unit.empty()) {
        const bool binary = unit.size() == 2 && unit[1] == 'i';
        if (unit.size() > 2 || (unit.size() == 2 && !binary))
            return false;
        const auto at = std::find(std::begin(kUnits), std::end(kUnits), unit.substr(0, 1));
        if (at == std::end(kUnits))
            return false;
        for (auto k = std::begin(kUnits); k <= at; ++k)
            factor *= binary ? 1024 : 1000;
    }
    // Rounded, then compared with 2^63 (exact in any long double) before
    // the conversion, which past the type's range would be undefined.
    const long double rounded = std::floor(value * factor + 0.5L);
    if (!(rounded < 9223372036854775808.0L))
        return false;
    bytes = std::int64_t(rounded);
    return true;
}

} // namespace ea
