// Fuzzes the gzip device differentially: the same compressed bytes read
// through big reads from a whole source and through small reads from a
// source that trickles must give the same decompressed bytes and the same
// verdict (clean end or error), and an error is always reported as one.
// Output is capped so that a small "gzip bomb" costs the fuzzer little time.

#include "fuzzsupport.h"

#include "import/gzipdevice.h"

#include <vector>

namespace {

constexpr std::size_t kMaxOutput = std::size_t(1) << 20;

struct Inflated
{
    std::string bytes;
    bool failed = false;
    bool capped = false;
};

Inflated inflateAll(std::string_view compressed, std::size_t sourcePiece, qint64 readSize)
{
    ea::fuzz::PieceDevice source(compressed, sourcePiece);
    ea::GzipDevice gzip(&source);
    FUZZ_CHECK(gzip.open(QIODevice::ReadOnly));
    Inflated out;
    std::vector<char> buffer(static_cast<std::size_t>(readSize));
    for (;;) {
        const qint64 n = gzip.read(buffer.data(), readSize);
        if (n < 0) {
            FUZZ_CHECK(gzip.hasError() && !gzip.errorString().isEmpty());
            out.failed = true;
            break;
        }
        if (n == 0) {
            FUZZ_CHECK(!gzip.hasError() && gzip.atEnd());
            break;
        }
        FUZZ_CHECK(n <= readSize);
        out.bytes.append(buffer.data(), std::size_t(n));
        if (out.bytes.size() >= kMaxOutput) {
            out.capped = true;
            break;
        }
    }
    FUZZ_CHECK(gzip.compressedBytesRead() <= qint64(compressed.size()));
    gzip.close();
    FUZZ_CHECK(!source.isOpen()); // opened by the gzip device, so closed by it too
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view compressed(reinterpret_cast<const char *>(data), size);
    const Inflated whole = inflateAll(compressed, 0, 64 * 1024);
    const Inflated trickled = inflateAll(compressed, 1 + size % 13, 1 + qint64(size % 509));
    if (whole.capped || trickled.capped) {
        const std::size_t common = std::min(whole.bytes.size(), trickled.bytes.size());
        FUZZ_CHECK(whole.bytes.compare(0, common, trickled.bytes, 0, common) == 0);
        return 0;
    }
    if (whole.failed != trickled.failed || whole.bytes != trickled.bytes) {
        std::fprintf(stderr, "whole: %zu bytes, %s; trickled: %zu bytes, %s\n", whole.bytes.size(),
                     whole.failed ? "failed" : "clean end", trickled.bytes.size(),
                     trickled.failed ? "failed" : "clean end");
    }
    FUZZ_CHECK(whole.failed == trickled.failed);
    FUZZ_CHECK(whole.bytes == trickled.bytes);
    return 0;
}
