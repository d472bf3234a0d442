// Round trip of the CSV writer: random cells written by CsvWriter and read
// back with the project's CsvRecordSplitter must come back as they were
// (Cells::Raw), or neutralised exactly by the rule (Cells::SpreadsheetSafe:
// a cell a spreadsheet would evaluate gets one leading apostrophe, no other
// cell changes, and no cell read back starts like a formula).
//
// Input: the first byte's low bit picks the mode; the rest is rows separated
// by 0x1e (ASCII record separator) holding cells separated by 0x1f (unit
// separator), so cells may hold any other byte, quotes and line breaks too.

#include "fuzzsupport.h"

#include "core/csvrecordsplitter.h"
#include "core/csvwriter.h"

#include <vector>

namespace {

using Row = std::vector<std::string_view>;

std::vector<std::string_view> splitOn(std::string_view text, char separator)
{
    std::vector<std::string_view> parts;
    for (;;) {
        const std::size_t at = text.find(separator);
        parts.push_back(text.substr(0, at));
        if (at == std::string_view::npos)
            return parts;
        text.remove_prefix(at + 1);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    const auto cells
        = (data[0] & 1) != 0 ? ea::CsvWriter::Cells::SpreadsheetSafe : ea::CsvWriter::Cells::Raw;
    const std::string_view text(reinterpret_cast<const char *>(data) + 1, size - 1);
    std::vector<Row> rows;
    for (const std::string_view row : splitOn(text, '\x1e'))
        rows.push_back(splitOn(row, '\x1f'));

    std::string csv;
    ea::CsvWriter writer(csv, cells);
    for (const Row &row : rows) {
        for (const std::string_view cell : row)
            writer.field(cell);
        writer.endRow();
    }

    ea::fuzz::PieceDevice device(csv, 0);
    FUZZ_CHECK(device.open(QIODevice::ReadOnly | QIODevice::Unbuffered));
    ea::CsvRecordSplitter splitter(device);
    splitter.setDelimiter(',');
    ea::CsvRecordSplitter::Record record;
    std::size_t index = 0;
    while (splitter.next(record)) {
        FUZZ_CHECK(record.error.empty());
        FUZZ_CHECK(index < rows.size());
        const Row &expected = rows[index++];
        FUZZ_CHECK(record.fields.size() == expected.size());
        for (std::size_t k = 0; k < expected.size(); ++k) {
            const std::string_view written = expected[k];
            const std::string_view read = record.fields[k];
            if (cells == ea::CsvWriter::Cells::Raw) {
                FUZZ_CHECK(read == written);
            } else if (ea::CsvWriter::needsNeutralising(written)) {
                FUZZ_CHECK(read.size() == written.size() + 1 && read.front() == '\''
                           && read.substr(1) == written);
            } else {
                FUZZ_CHECK(read == written);
                FUZZ_CHECK(!ea::CsvWriter::needsNeutralising(read));
            }
        }
    }
    FUZZ_CHECK(!splitter.readError());
    FUZZ_CHECK(index == rows.size());
    return 0;
}
