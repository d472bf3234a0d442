#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ea {

// Appends RFC 4180 records (CRLF line ends, fields quoted when they hold a
// comma, quote, CR or LF, or start with a UTF-8 BOM) to a caller-owned
// buffer, which the caller flushes wherever it likes. Exported files are
// opened in spreadsheets, so by default a cell that a spreadsheet would
// evaluate as a formula (first character '=', '+', '-', '@', tab or CR) is
// neutralised with a leading apostrophe, as OWASP recommends; so is a cell that
// starts with an apostrophe, which keeps the prefix unambiguous (a reader
// strips exactly one apostrophe from a cell whose rest needsNeutralising()).
// Cells::Raw turns that off for machine consumers.
class CsvWriter
{
public:
    enum class Cells : std::uint8_t { SpreadsheetSafe, Raw };

    explicit CsvWriter(std::string &out, Cells cells = Cells::SpreadsheetSafe) noexcept
        : m_out(out)
        , m_cells(cells)
    { }

    void field(std::string_view value);
    void endRow();

    [[nodiscard]] static bool needsNeutralising(std::string_view value) noexcept;

private:
    std::string &m_out;
    Cells m_cells;
    bool m_rowStarted = false;
};

} // namespace ea
