#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ea {

class ByteList;

// The ids of one destination's events, ascending, as LEB128 varints of the
// gaps between them (the first gap counted from 0): the dest_events table's
// `ids`. It replaces an index on events(dest_id): the import knows every
// event's destination and id, so it keeps these lists as it goes (about two
// bytes an event) and writes them at the end, where building an index would
// sort all events again and cost as much as inserting them.
class EventIdList
{
public:
    // Appends an id larger than every id already in the list.
    static void append(std::string &bytes, std::int64_t previous, std::int64_t id);
    static void append(ByteList &bytes, std::int64_t previous, std::int64_t id);

    // The number of ids in a list (its varints' last bytes), without decoding.
    [[nodiscard]] static std::int64_t count(std::string_view bytes) noexcept;
    // Decodes a list; false when the bytes are not a valid list.
    [[nodiscard]] static bool decode(std::span<const std::uint8_t> bytes,
                                     std::vector<std::int64_t> &ids);
};

} // namespace ea
