// Fuzzes the CSV record splitter differentially: the same input split from
// one whole read and from reads of a few bytes at a time (as from a pipe or
// the gzip device) must give the same records, since a record is only ever
// delivered whole. A small record limit, chosen by the input's size, puts
// the too-long and unbalanced-quote paths within the fuzzer's reach.

#include "fuzzsupport.h"

#include "core/csvrecordsplitter.h"

#include <vector>

namespace {

struct Split
{
    std::int64_t line = 0;
    std::string raw;
    std::vector<std::string> fields;
    bool error = false;
    bool hasNul = false;
    bool ascii = true;
};

std::vector<Split> split(std::string_view text, std::size_t piece, std::size_t maxRecord,
                         char &delimiter, std::int64_t &consumed)
{
    ea::fuzz::PieceDevice device(text, piece);
    FUZZ_CHECK(device.open(QIODevice::ReadOnly | QIODevice::Unbuffered));
    ea::CsvRecordSplitter splitter(device, maxRecord);
    delimiter = splitter.sniffDelimiter();
    std::vector<Split> out;
    ea::CsvRecordSplitter::Record record;
    while (splitter.next(record)) {
        Split &s = out.emplace_back();
        s.line = record.line;
        s.raw = std::string(record.raw);
        s.error = !record.error.empty();
        s.hasNul = record.hasNul;
        s.ascii = record.ascii;
        if (s.error)
            FUZZ_CHECK(record.fields.empty());
        for (const std::string_view field : record.fields)
            s.fields.emplace_back(field);
        FUZZ_CHECK(record.raw.size() <= maxRecord || s.error);
        FUZZ_CHECK(out.size() < 2 || out[out.size() - 2].line < s.line);
    }
    FUZZ_CHECK(!splitter.readError());
    consumed = splitter.bytesConsumed();
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    const std::size_t maxRecord
        = size % 2 == 0 ? ea::CsvRecordSplitter::kDefaultMaxRecord : 8 + size % 57;
    char wholeDelimiter = 0;
    char pieceDelimiter = 0;
    std::int64_t wholeConsumed = 0;
    std::int64_t pieceConsumed = 0;
    const std::vector<Split> whole = split(text, 0, maxRecord, wholeDelimiter, wholeConsumed);
    const std::vector<Split> pieces
        = split(text, 1 + size % 7, maxRecord, pieceDelimiter, pieceConsumed);
    FUZZ_CHECK(wholeDelimiter == pieceDelimiter);
    FUZZ_CHECK(wholeConsumed == std::int64_t(size) && pieceConsumed == std::int64_t(size));
    FUZZ_CHECK(whole.size() == pieces.size());
    for (std::size_t i = 0; i < whole.size(); ++i) {
        const Split &a = whole[i];
        const Split &b = pieces[i];
        FUZZ_CHECK(a.line == b.line && a.error == b.error);
        FUZZ_CHECK(a.raw == b.raw && a.fields == b.fields);
        FUZZ_CHECK(a.hasNul == b.hasNul && a.ascii == b.ascii);
    }
    return 0;
}
