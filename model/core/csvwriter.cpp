#include "core/csvwriter.h"

namespace ea {

bool CsvWriter::needsNeutralising(std::string_view value) noexcept
{
    if (value.empty())
        return false;
    switch (value.front()) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
    // A cell that itself starts with an apostrophe gets one more, so a reader
    // can always take exactly one off ("''x" is "'x", "'=x" is "=x").
    case '\'':
        return true;
    default:
        return false;
    }
}

void CsvWriter::field(std::string_view value)
{
    if (m_rowStarted)
        m_out += ',';
    m_rowStarted = true;

    const bool neutralise = m_cells == Cells::SpreadsheetSafe && needsNeutralising(value);
    // A UTF-8 BOM that begins the file would be taken for the file's own and
    // dropped by readers; quoted, it is the cell's text.
    const bool quote = value.find_first_of(",\"\r\n") != std::string_view::npos
        || value.starts_with("\xEF\xBB\xBF");
    if (quote)
        m_out += '"';
    if (neutralise)
        m_out += '\'';
    if (quote) {
        for (char c : value) {
            if (c == '"')
                m_out += '"';
            m_out += c;
        }
        m_out += '"';
    } else {
        m_out += value;
    }
}

void CsvWriter::endRow()
{
    m_out += "\r\n";
    m_rowStarted = false;
}

} // namespace ea
