#include "export/destinationsexport.h"

#include "core/csvwriter.h"
#include "core/timestamp.h"
#include "storage/aggregates.h"
#include "storage/casequeries.h"

#include <string>

namespace ea {

namespace {

std::string timeText(const std::optional<std::int64_t> &ns)
{
    return ns ? formatIso8601Utc(*ns) : std::string();
}

} // namespace

void writeDestinationsHeader(CsvWriter &csv)
{
    for (std::string_view name :
         {"address",   "expanded",  "family", "category",   "external",  "status", "connections",
          "processes", "hosts",     "ports",  "first_seen", "last_seen", "note",   "bytes_out",
          "bytes_in",  "direction", "lists",  "country",    "asn",       "as_org"})
        csv.field(name);
    csv.endRow();
}

void writeDestinationRow(CsvWriter &csv, const DestinationRow &row)
{
    csv.field(row.canonical);
    csv.field(row.expanded);
    csv.field(row.family == Family::IPv4 ? "ipv4" : "ipv6");
    csv.field(row.category);
    csv.field(row.external ? "true" : "false");
    csv.field(markStatusId(row.status));
    csv.field(std::to_string(row.connections));
    csv.field(std::to_string(row.processes));
    csv.field(std::to_string(row.hosts));
    csv.field(row.ports);
    csv.field(timeText(row.firstNs));
    csv.field(timeText(row.lastNs));
    csv.field(row.note);
    csv.field(row.bytesOut >= 0 ? std::to_string(row.bytesOut) : std::string());
    csv.field(row.bytesIn >= 0 ? std::to_string(row.bytesIn) : std::string());
    csv.field(directionsId(row.directions));
    csv.field(row.lists);
    csv.field(row.country);
    csv.field(row.asn > 0 ? std::to_string(row.asn) : std::string());
    csv.field(row.organisation);
    csv.endRow();
}

void writeSeedHeader(CsvWriter &csv)
{
    for (std::string_view name : {"expanded_address", "dst_addr", "process_uuid"})
        csv.field(name);
    csv.endRow();
}

void writeSeedRow(CsvWriter &csv, const SeedRow &row)
{
    csv.field(row.expandedAddress);
    csv.field(row.dstAddr);
    csv.field(row.processKey);
    csv.endRow();
}

} // namespace ea
