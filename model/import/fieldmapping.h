#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ea {

// What a column means to the importer. The identifiers are the keys of the
// CLI's --map K=COLUMN and of the mapping stored with each source.
enum class FieldRole : std::uint8_t {
    Dst, // "dst"      destination address (required for connections)
    DstPort, // "port"
    Src, // "src"
    SrcPort, // "srcport"
    Protocol, // "protocol"
    Time, // "time"
    Process, // "process"  process key (uuid, guid, sophos_pid)
    Pid, // "pid"
    Path, // "path"     executable path
    Host, // "host"     sensor id / host name
    Direction, // "direction"
    // Bytes sent by the record's source and by its destination (whichever
    // end is local), and the two together: the event's bytes out and in
    // follow from them once the peer is known (see setEventBytes()).
    SrcBytes, // "srcbytes"
    DstBytes, // "dstbytes"
    TotalBytes, // "totalbytes"
    Count
};
inline constexpr std::size_t kFieldRoleCount = std::size_t(FieldRole::Count);

[[nodiscard]] std::string_view fieldRoleId(FieldRole role) noexcept;
[[nodiscard]] std::optional<FieldRole> fieldRoleFromId(std::string_view id) noexcept;

// Column chosen for each role: an index into the header, -1 when none.
struct FieldMapping
{
    std::array<int, kFieldRoleCount> column;

    FieldMapping() { column.fill(-1); }
    [[nodiscard]] int operator[](FieldRole role) const noexcept
    {
        return column[std::size_t(role)];
    }
    [[nodiscard]] bool has(FieldRole role) const noexcept { return (*this)[role] >= 0; }
};

// --map overrides: role -> column name as the user typed it.
struct MappingOverride
{
    FieldRole role;
    std::string column;
};

struct MappingResult
{
    FieldMapping mapping;
    // Overrides that name a column the header does not have.
    std::vector<std::string> unknownColumns;
};

// Chooses a column for every role from a header, by the table of known names
// (case-insensitive; the first known name present wins, in the table's order
// of preference), then applies the overrides.
[[nodiscard]] MappingResult resolveMapping(std::span<const std::string> header,
                                           std::span<const MappingOverride> overrides = {});

// The known column names for a role, most preferred first (lower case).
[[nodiscard]] std::span<const std::string_view> knownColumnNames(FieldRole role) noexcept;

// The mapping as JSON text {"dst":"dst_addr",...} for the case's sources table.
[[nodiscard]] std::string mappingToJson(const FieldMapping &mapping,
                                        std::span<const std::string> header);

} // namespace ea
