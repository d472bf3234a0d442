#pragma once

#include <cstdint>

namespace ea {

// The analyst's verdict on an address or block. The identifiers are stable
// (case files, CLI, allowlists) and translated only for display. Unreviewed is
// the absence of a mark and is never stored.
//
// In a header of its own so that headers can name it without the rest of
// storage/marks.h: an opaque declaration (`enum class MarkStatus :
// std::uint8_t;`) would do, but Qt 6.4's lupdate then loses the class that
// follows, and with it the context of every string of that class.
enum class MarkStatus : std::uint8_t { Unreviewed, KnownSafe, Suspicious, Malicious, Internal };

} // namespace ea
