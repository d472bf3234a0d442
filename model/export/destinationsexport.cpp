#include "destinationsexport.h"

#include "csvwriter.h"
#include "import/timestamp.h"
#include "storage/casequeries.h"

#include <algorithm>
#include <array>
#include <vector>

namespace ea {

namespace {

std::string timeText(const std::optional<std::int64_t> &ns)
{
    return ns ? formatIso8601Utc(*ns) : std::string();
}

// Display width of UTF-8 text: code points, which is right for the ASCII and
// the "…" this table holds.
std::size_t width(std::string_view s)
{
    return std::size_t(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xc0) != 0x80; }));
}

} // namespace

void writeDestinationsHeader(CsvWriter &csv)
{
    for (std::string_view name :
         {"address", "expanded", "family", "category", "external", "status", "connections",
          "processes", "hosts", "ports", "first_seen", "last_seen", "note"})
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

std::string formatDestinationsTable(std::span<const DestinationRow> rows)
{
    constexpr std::size_t kColumns = 9;
    const std::array<std::string, kColumns> header = {
        "ADDRESS", "CATEGORY", "STATUS", "CONNS", "PROCS", "HOSTS", "PORTS", "LAST SEEN", "NOTE"};
    std::vector<std::array<std::string, kColumns>> cells;
    cells.reserve(rows.size());
    for (const DestinationRow &r : rows) {
        cells.push_back({r.canonical, r.category, std::string(markStatusId(r.status)),
                         std::to_string(r.connections), std::to_string(r.processes),
                         std::to_string(r.hosts), r.ports, timeText(r.lastNs), r.note});
        // A terminal table is one line per row.
        for (std::string &c : cells.back())
            std::replace_if(
                c.begin(), c.end(), [](char ch) { return ch == '\n' || ch == '\r' || ch == '\t'; },
                ' ');
    }
    std::array<std::size_t, kColumns> widths {};
    for (std::size_t k = 0; k < kColumns; ++k)
        widths[k] = width(header[k]);
    for (const auto &row : cells) {
        for (std::size_t k = 0; k < kColumns; ++k)
            widths[k] = std::max(widths[k], width(row[k]));
    }
    std::string out;
    auto appendRow = [&](const std::array<std::string, kColumns> &row) {
        for (std::size_t k = 0; k < kColumns; ++k) {
            const bool numeric = k >= 3 && k <= 5;
            const std::size_t pad = widths[k] - width(row[k]);
            if (numeric)
                out.append(pad, ' ');
            out += row[k];
            if (k + 1 < kColumns)
                out.append(numeric ? 2 : pad + 2, ' ');
        }
        while (!out.empty() && out.back() == ' ')
            out.pop_back();
        out += '\n';
    };
    appendRow(header);
    for (const auto &row : cells)
        appendRow(row);
    return out;
}

} // namespace ea
