// Fuzzes format detection on a file's head: no crash, and every verdict
// carries a reason and a delimiter that fits its family.

#include "fuzzsupport.h"

#include "import/formatdetector.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace ea;
    const QByteArrayView head(reinterpret_cast<const char *>(data), qsizetype(size));
    const DetectedFormat format = detectFormat(head);
    fuzz::touch(format.reason);
    FUZZ_CHECK(!formatFamilyId(format.family).empty());
    switch (format.family) {
    case DetectedFormat::Family::Csv:
        FUZZ_CHECK(format.delimiter == ',' || format.delimiter == ';' || format.delimiter == '\t');
        break;
    case DetectedFormat::Family::Tsv:
        FUZZ_CHECK(format.delimiter == '\t');
        break;
    case DetectedFormat::Family::Unknown:
        FUZZ_CHECK(!format.reason.empty());
        break;
    default:
        break;
    }
    return 0;
}
