#pragma once

#include "core/error.h"
#include "storage/marks.h"

#include <QCoreApplication>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace ea {

// The engine a data-lake query is written for. Amazon Athena (engine version
// 3) runs Trino's SQL and functions, so the two texts differ only in the
// comment that names the engine.
enum class DataLakeDialect : std::uint8_t { Trino, Athena };

// "trino", "athena".
[[nodiscard]] std::string_view dataLakeDialectId(DataLakeDialect dialect) noexcept;
[[nodiscard]] bool dataLakeDialectFromId(std::string_view id, DataLakeDialect &dialect) noexcept;

// The table a query reads and its columns: the Sophos Linux Sensor
// `connections` table's names unless set (DataLakeQuery::setColumn()).
struct DataLakeColumns
{
    std::string table = "connections"; // may be qualified: catalog.schema.table
    std::string time = "unix_nano_timestamp"; // integer nanoseconds since 1970, UTC
    std::string sensor = "sensor_id";
    std::string process = "process_uuid";
    std::string destination = "dst_addr"; // the peer's address, as text
    std::string port = "dst_port";
};

// The audit of this engine as one SQL query for the data lake where a fleet's
// connections live: the destinations of the table classified against every
// IANA special-purpose block of both families (NAT64 by its embedded IPv4
// address, IPv4-mapped peers as IPv4; the address text read as the import
// reads it: ASCII blanks around it, one pair of brackets around an IPv6
// address and an IPv6 zone id of RFC 6874 characters ignored, anything else
// no address), the case's marks applied by the most specific
// one, and the external destinations not marked internal aggregated per
// destination, port, process and sensor. It uses the engine's IP functions
// (`TRY_CAST(… AS IPADDRESS)`, `contains(cidr, address)`), never text tricks;
// the blocks and marks travel as inline VALUES.
//
// Its result has exactly these columns (a contract: the aggregated import
// reads them):
//   dst_addr,dst_port,process_uuid,sensor_id,category,status,connections,
//   first_seen_ns,last_seen_ns
// dst_addr is the canonical text (RFC 5952, IPv4 dotted), category one of
// global/teredo/6to4, status the most specific mark's ("unreviewed" for none),
// the times the least and greatest time column (null when no row had one).
// Rows whose destination is not an address are left out.
class DataLakeQuery
{
    Q_DECLARE_TR_FUNCTIONS(ea::DataLakeQuery)

public:
    // The keys of setColumn(): table, time, sensor, process, dst, port.
    [[nodiscard]] static std::span<const std::string_view> columnKeys() noexcept;
    // Sets the table or a column by its key. A dot separates quoted parts:
    // catalog.schema.table, or a row column's field (destination.ip). An
    // error names an unknown key, or a name that is empty, holds a control
    // character or an empty part.
    [[nodiscard]] static Error setColumn(DataLakeColumns &columns, std::string_view key,
                                         std::string_view name);
    // The query, with the marks given (any order; the case's).
    [[nodiscard]] static std::string build(DataLakeDialect dialect, const DataLakeColumns &columns,
                                           std::span<const Mark> marks);
};

} // namespace ea
