// Fuzzes the event chunk decoder (a case is untrusted input): the first two
// bytes are the chunk's event count (little-endian), the rest its blob. No
// crash or read past the blob, one value per event in every column that
// decodes, and a chunk that decodes whole encodes back to the same values.

#include "fuzzsupport.h"

#include "storage/eventchunk.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace ea;
    if (size < 2)
        return 0;
    const std::int64_t count = data[0] | (std::int64_t(data[1]) << 8);
    EventChunkView view;
    if (!view.parse({data + 2, size - 2}, count))
        return 0;
    FUZZ_CHECK(view.count() == std::size_t(count));
    std::vector<EventValues> events(view.count());
    std::vector<std::string> protocols(view.count());
    for (std::size_t f = 0; f < kEventFieldCount; ++f) {
        const EventChunkView::Column *column = view.column(EventField(f));
        if (!column)
            return 0;
        FUZZ_CHECK(column->values.size() == view.count());
        FUZZ_CHECK(column->isNull.empty() || column->isNull.size() == view.count());
        for (std::size_t k = 0; k < view.count(); ++k) {
            if (column->null(k))
                continue;
            if (EventField(f) == EventField::Protocol)
                protocols[k] = std::string(view.protocol(column->values[k]));
            else
                events[k].set(EventField(f), column->values[k]);
        }
    }
    EventChunkEncoder encoder;
    for (std::size_t k = 0; k < events.size(); ++k)
        encoder.add(events[k], protocols[k]);
    const std::string again = encoder.finish();
    EventChunkView reread;
    FUZZ_CHECK(
        reread.parse({reinterpret_cast<const std::uint8_t *>(again.data()), again.size()}, count));
    for (std::size_t f = 0; f < kEventFieldCount; ++f) {
        const EventChunkView::Column *column = reread.column(EventField(f));
        FUZZ_CHECK(column);
        for (std::size_t k = 0; k < events.size(); ++k) {
            if (EventField(f) == EventField::Protocol) {
                FUZZ_CHECK(std::string(reread.protocol(column->null(k) ? -1 : column->values[k]))
                           == protocols[k]);
                continue;
            }
            const bool present = events[k].present & (1u << f);
            FUZZ_CHECK(column->null(k) != present);
            if (present)
                FUZZ_CHECK(column->values[k] == events[k].value[f]);
        }
    }
    return 0;
}
