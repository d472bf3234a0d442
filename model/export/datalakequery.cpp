#include "export/datalakequery.h"

#include "address/addresstext.h"
#include "address/cidr.h"
#include "address/classifier.h"

#include <array>
#include <string>

namespace ea {

namespace {

constexpr std::array<std::string_view, 6> kColumnKeys
    = {"table", "time", "sensor", "process", "dst", "port"};

constexpr std::uint32_t kNat64Hi32 = 0x0064ff9bU; // 64:ff9b::/96, RFC 6052

// text between two quote characters, each one inside doubled: an SQL string
// literal ('…') or a quoted identifier ("…").
std::string quoted(std::string_view text, char quote)
{
    std::string out(1, quote);
    for (const char c : text) {
        out += c;
        if (c == quote)
            out += quote;
    }
    out += quote;
    return out;
}

std::string literal(std::string_view text)
{
    return quoted(text, '\'');
}

std::string identifier(std::string_view name)
{
    return quoted(name, '"');
}

// A dotted name, each part quoted: catalog.schema.table, or a field of a
// row column (destination.ip, as ECS tables hold it).
std::string dottedName(std::string_view name)
{
    std::string out;
    for (;;) {
        const std::size_t dot = name.find('.');
        out += identifier(name.substr(0, dot));
        if (dot == std::string_view::npos)
            return out;
        out += '.';
        name.remove_prefix(dot + 1);
    }
}

std::string cidrText(const IpAddress &network, int prefixLength)
{
    return toString(network) + '/' + std::to_string(prefixLength);
}

struct BlockRow
{
    std::string cidr;
    int bits = 0; // within its family: 0-32 for IPv4, 0-128 for IPv6
    std::string_view category;
    std::string comment; // what the block is (from the registry: one line, no quotes to escape)
};

// The registry as rows for contains(): IPv4 blocks as IPv4, IPv6 blocks as
// IPv6, except that ::ffff:0:0/96 is left out (an IPv4-mapped peer is an IPv4
// address to the engine, as to the import; Trino's contains() also refuses
// that block) and 64:ff9b::/96 comes with the image of every IPv4 block in
// it, so that the most specific row classifies a NAT64 address by the IPv4
// address it carries, as Classifier does.
std::vector<BlockRow> specialBlocks()
{
    std::vector<BlockRow> v4;
    std::vector<BlockRow> rows;
    for (const RegistryBlock &block : registryBlocks()) {
        const CidrResult parsed = parseCidr(block.prefix);
        if (!parsed.ok())
            continue; // the table is checked by tst_classifier
        const Cidr cidr = normalizedCidr(parsed.cidr);
        if (cidr.network.family != parsed.cidr.network.family)
            continue; // inside ::ffff:0:0/96
        BlockRow row {cidrText(cidr.network, cidr.prefixLength), cidr.prefixLength,
                      categoryId(block.category),
                      std::string(block.rfc) + ' ' + std::string(block.name)};
        if (cidr.network.family == Family::IPv4)
            v4.push_back(row);
        rows.push_back(std::move(row));
    }
    for (const RegistryBlock &block : registryBlocks()) {
        const CidrResult parsed = parseCidr(block.prefix);
        if (!parsed.ok() || !block.embedsIpv4 || parsed.cidr.network.family != Family::IPv6
            || parsed.cidr.prefixLength != 96 || parsed.cidr.network.hi() >> 32 != kNat64Hi32)
            continue;
        for (const BlockRow &b : v4) {
            const CidrResult inner = parseCidr(b.cidr);
            const IpAddress image = IpAddress::fromV6(
                parsed.cidr.network.hi(), parsed.cidr.network.lo() | inner.cidr.network.v4());
            rows.push_back({cidrText(image, 96 + b.bits), 96 + b.bits, b.category,
                            std::string(block.prefix) + " carrying " + b.cidr});
        }
    }
    return rows;
}

// Comments come from the registry table: keep them to one line of text.
std::string commentText(std::string_view text)
{
    std::string out;
    for (const char c : text)
        out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? ' ' : c;
    return out;
}

} // namespace

std::string_view dataLakeDialectId(DataLakeDialect dialect) noexcept
{
    return dialect == DataLakeDialect::Athena ? "athena" : "trino";
}

bool dataLakeDialectFromId(std::string_view id, DataLakeDialect &dialect) noexcept
{
    if (id == "trino")
        dialect = DataLakeDialect::Trino;
    else if (id == "athena")
        dialect = DataLakeDialect::Athena;
    else
        return false;
    return true;
}

std::span<const std::string_view> DataLakeQuery::columnKeys() noexcept
{
    return kColumnKeys;
}

Error DataLakeQuery::setColumn(DataLakeColumns &columns, std::string_view key,
                               std::string_view name)
{
    std::string *target = nullptr;
    if (key == "table")
        target = &columns.table;
    else if (key == "time")
        target = &columns.time;
    else if (key == "sensor")
        target = &columns.sensor;
    else if (key == "process")
        target = &columns.process;
    else if (key == "dst")
        target = &columns.destination;
    else if (key == "port")
        target = &columns.port;
    if (!target) {
        return Error(tr("unknown column key '%1' (expected table, time, sensor, process, dst or "
                        "port)")
                         .arg(QString::fromUtf8(key.data(), qsizetype(key.size()))),
                     Error::Code::Invalid);
    }
    const QString shown = QString::fromUtf8(key.data(), qsizetype(key.size()));
    if (name.empty())
        return Error(tr("%1: the name is empty").arg(shown), Error::Code::Invalid);
    for (const char c : name) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            return Error(tr("%1: the name holds a control character").arg(shown),
                         Error::Code::Invalid);
    }
    // Dots separate the parts (catalog.schema.table, a row's field): none
    // may be empty.
    if (name.front() == '.' || name.back() == '.' || name.find("..") != std::string_view::npos)
        return Error(tr("%1: a part of the name is empty").arg(shown), Error::Code::Invalid);
    *target = std::string(name);
    return {};
}

std::string DataLakeQuery::build(DataLakeDialect dialect, const DataLakeColumns &columns,
                                 std::span<const Mark> marks)
{
    const std::vector<BlockRow> blocks = specialBlocks();
    std::string q;
    q += "-- Egress Auditor data-lake query (";
    q += dialect == DataLakeDialect::Athena ? "Amazon Athena, engine version 3" : "Trino";
    q += ").\n"
         "-- The external destinations of the table: every IANA special-purpose block of both\n"
         "-- families (";
    q += std::to_string(blocks.size());
    q += " rows: NAT64 by the IPv4 address it carries; IPv4-mapped peers\n"
         "-- are IPv4), and the case's ";
    q += std::to_string(marks.size());
    q += " marks, the most specific deciding (internal ones left out).\n"
         "-- One row per destination, port, process and sensor.\n"
         "WITH\n"
         "special_blocks (cidr, bits, category) AS (\n"
         "  VALUES\n";
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        const BlockRow &b = blocks[i];
        q += "    (" + literal(b.cidr) + ", " + std::to_string(b.bits) + ", " + literal(b.category)
            + ')' + (i + 1 < blocks.size() ? "," : "") + " -- " + commentText(b.comment) + '\n';
    }
    q += "),\n"
         "case_marks (cidr, bits, status) AS (\n"
         "  SELECT cidr, bits, status FROM (\n"
         "    VALUES\n"
         "      (CAST(NULL AS varchar), 0, CAST(NULL AS varchar))";
    for (const Mark &m : marks) {
        const Cidr cidr = normalizedCidr(m.cidr);
        q += ",\n      (" + literal(cidrText(cidr.network, cidr.prefixLength)) + ", "
            + std::to_string(cidr.prefixLength) + ", " + literal(markStatusId(m.status)) + ')';
    }
    q += "\n  ) AS m (cidr, bits, status)\n"
         "  WHERE cidr IS NOT NULL\n"
         "),\n"
         "source AS (\n"
         "  SELECT\n"
         "    regexp_replace(regexp_replace(CAST(";
    q += dottedName(columns.destination);
    q += " AS varchar),\n"
         "      '\\A[ \\t\\n\\r\\x0B\\f]+', ''), '[ \\t\\n\\r\\x0B\\f]+\\z', '') "
         "AS address_text,\n"
         "    TRY_CAST(";
    q += dottedName(columns.port);
    q += " AS integer) AS dst_port,\n"
         "    CAST(";
    q += dottedName(columns.process);
    q += " AS varchar) AS process_uuid,\n"
         "    CAST(";
    q += dottedName(columns.sensor);
    q += " AS varchar) AS sensor_id,\n"
         "    TRY_CAST(";
    q += dottedName(columns.time);
    q += " AS bigint) AS ts\n"
         "  FROM ";
    q += dottedName(columns.table);
    q += "\n"
         "),\n"
         "events AS (\n"
         "  SELECT\n"
         "    TRY_CAST(coalesce(\n"
         "      nullif(regexp_extract(address_text, '\\A[0-9.]+\\z', 0), ''),\n"
         "      nullif(regexp_extract(address_text,\n"
         "        '\\A([0-9A-Fa-f.]*:[0-9A-Fa-f.:]*)(%[A-Za-z0-9._~-]+)?\\z', 1), ''),\n"
         "      nullif(regexp_extract(address_text,\n"
         "        '\\A\\[([0-9A-Fa-f.]*:[0-9A-Fa-f.:]*)(%[A-Za-z0-9._~-]+)?\\]\\z', 1), '')\n"
         "    ) AS IPADDRESS) AS ip,\n"
         "    dst_port, process_uuid, sensor_id, ts\n"
         "  FROM source\n"
         "),\n"
         "destinations AS (\n"
         "  SELECT DISTINCT ip FROM events WHERE ip IS NOT NULL\n"
         "),\n"
         "classified AS (\n"
         "  SELECT d.ip, coalesce(max_by(b.category, b.bits), 'global') AS category\n"
         "  FROM destinations AS d\n"
         "  LEFT JOIN special_blocks AS b ON contains(b.cidr, d.ip)\n"
         "  GROUP BY d.ip\n"
         "),\n"
         "reviewed AS (\n"
         "  SELECT c.ip, c.category, coalesce(max_by(m.status, m.bits), 'unreviewed') AS status\n"
         "  FROM classified AS c\n"
         "  LEFT JOIN case_marks AS m ON contains(m.cidr, c.ip)\n"
         "  WHERE c.category IN ('global', 'teredo', '6to4')\n"
         "  GROUP BY c.ip, c.category\n"
         ")\n"
         "SELECT\n"
         "  CAST(r.ip AS varchar) AS dst_addr,\n"
         "  e.dst_port,\n"
         "  e.process_uuid,\n"
         "  e.sensor_id,\n"
         "  r.category,\n"
         "  r.status,\n"
         "  count(*) AS connections,\n"
         "  min(e.ts) AS first_seen_ns,\n"
         "  max(e.ts) AS last_seen_ns\n"
         "FROM events AS e\n"
         "JOIN reviewed AS r ON e.ip = r.ip\n"
         "WHERE r.status <> 'internal'\n"
         "GROUP BY r.ip, e.dst_port, e.process_uuid, e.sensor_id, r.category, r.status\n"
         "ORDER BY connections DESC, dst_addr, dst_port, process_uuid, sensor_id\n";
    return q;
}

} // namespace ea
