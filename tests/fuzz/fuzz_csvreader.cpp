// Fuzzes CsvReader::read() over untrusted file contents: no crash, no
// sanitizer report, every view handed to the sink readable.

#include "fuzzsupport.h"

#include "import/csvreader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    ea::fuzz::readAll<ea::CsvReader>(data, size);
    return 0;
}
