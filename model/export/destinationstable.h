#pragma once

#include <array>
#include <cstddef>
#include <string>

namespace ea {

struct DestinationRow;

// The destinations as a plain-text table for people at a terminal: address,
// category, status, connections, processes, hosts, ports, last seen, note;
// columns padded to their widest cell, counts right-aligned, one line per row.
// Built in two passes over the same rows, so memory does not grow with their
// number: measure() every row, then writeHeader() and writeRow() each.
class DestinationsTable
{
public:
    static constexpr std::size_t kColumns = 9;

    DestinationsTable();

    void measure(const DestinationRow &row);
    void writeHeader(std::string &out) const;
    void writeRow(std::string &out, const DestinationRow &row) const;

private:
    using Cells = std::array<std::string, kColumns>;
    static void fillCells(const DestinationRow &row, Cells &cells);
    void append(std::string &out, const Cells &cells) const;

    std::array<std::size_t, kColumns> m_widths {};
    Cells m_scratch; // reused by measure(): its cells keep their capacity from row to row
};

} // namespace ea
