#include "export/destinationstable.h"

#include "core/timestamp.h"
#include "storage/casequeries.h"

#include <algorithm>

namespace ea {

namespace {

// Display width of UTF-8 text: code points, which is right for the ASCII and
// the "…" this table holds.
std::size_t width(std::string_view s)
{
    return std::size_t(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xc0) != 0x80; }));
}

constexpr std::array<std::string_view, DestinationsTable::kColumns> kHeader
    = {"ADDRESS", "CATEGORY", "STATUS", "CONNS", "PROCS", "HOSTS", "PORTS", "LAST SEEN", "NOTE"};

} // namespace

DestinationsTable::DestinationsTable()
{
    for (std::size_t k = 0; k < kColumns; ++k)
        m_widths[k] = width(kHeader[k]);
}

void DestinationsTable::fillCells(const DestinationRow &r, Cells &cells)
{
    cells[0].assign(r.canonical);
    cells[1].assign(r.category);
    cells[2].assign(markStatusId(r.status));
    cells[3] = std::to_string(r.connections);
    cells[4] = std::to_string(r.processes);
    cells[5] = std::to_string(r.hosts);
    cells[6].assign(r.ports);
    cells[7] = r.lastNs ? formatIso8601Utc(*r.lastNs) : std::string();
    cells[8].assign(r.note);
    // A terminal table is one line per row.
    for (std::string &c : cells)
        std::replace_if(
            c.begin(), c.end(), [](char ch) { return ch == '\n' || ch == '\r' || ch == '\t'; },
            ' ');
}

void DestinationsTable::measure(const DestinationRow &row)
{
    fillCells(row, m_scratch);
    for (std::size_t k = 0; k < kColumns; ++k)
        m_widths[k] = std::max(m_widths[k], width(m_scratch[k]));
}

void DestinationsTable::append(std::string &out, const Cells &cells) const
{
    const std::size_t start = out.size();
    for (std::size_t k = 0; k < kColumns; ++k) {
        const bool numeric = k >= 3 && k <= 5;
        // A row that was not measured cannot be wider than its column.
        const std::size_t pad = m_widths[k] - std::min(m_widths[k], width(cells[k]));
        if (numeric)
            out.append(pad, ' ');
        out += cells[k];
        if (k + 1 < kColumns)
            out.append(numeric ? 2 : pad + 2, ' ');
    }
    while (out.size() > start && out.back() == ' ')
        out.pop_back();
    out += '\n';
}

void DestinationsTable::writeHeader(std::string &out) const
{
    Cells cells;
    for (std::size_t k = 0; k < kColumns; ++k)
        cells[k].assign(kHeader[k]);
    append(out, cells);
}

void DestinationsTable::writeRow(std::string &out, const DestinationRow &row) const
{
    Cells cells;
    fillCells(row, cells);
    append(out, cells);
}

} // namespace ea
