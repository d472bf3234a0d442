// Fuzzes the JSON scanner: no crash or deep recursion, and the verdict on a
// text does not depend on how arrays are walked or on a tighter depth limit
// (what the small limit accepts, the default one accepts too).

#include "fuzzsupport.h"

#include "import/jsonscanner.h"

namespace {

// Walks every leaf, asking for each value's text once; returns !failed().
bool walk(ea::JsonScanner &scanner, std::string_view text, int maxDepth)
{
    scanner.reset(text);
    ea::JsonLeaf leaf;
    while (scanner.next(leaf)) {
        FUZZ_CHECK(leaf.depth >= 1 && leaf.depth <= maxDepth + 1);
        ea::fuzz::touch(leaf.path);
        ea::fuzz::touch(leaf.value.raw);
        ea::fuzz::touch(scanner.text(leaf.value));
    }
    if (scanner.failed()) {
        FUZZ_CHECK(!scanner.error().empty());
        FUZZ_CHECK(scanner.errorOffset() <= text.size());
        return false;
    }
    FUZZ_CHECK(scanner.atEnd());
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using ea::JsonScanner;
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    JsonScanner skip(JsonScanner::Arrays::Skip);
    JsonScanner index(JsonScanner::Arrays::Index);
    JsonScanner shallow(JsonScanner::Arrays::Index, 3);
    const bool skipOk = walk(skip, text, JsonScanner::kMaxDepth);
    const bool indexOk = walk(index, text, JsonScanner::kMaxDepth);
    const bool shallowOk = walk(shallow, text, 3);
    FUZZ_CHECK(skipOk == indexOk);
    FUZZ_CHECK(!shallowOk || indexOk);
    FUZZ_CHECK(skip.validate(text) == skipOk);
    return 0;
}
