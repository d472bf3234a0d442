// Fuzzes NdjsonReader::read() over untrusted file contents: no crash, no
// sanitizer report, every view handed to the sink readable.

#include "fuzzsupport.h"

#include "import/ndjsonreader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    ea::fuzz::readAll<ea::NdjsonReader>(data, size);
    return 0;
}
