#include "storage/eventtimeline.h"

#include "storage/varint.h"

#include <algorithm>
#include <iterator>

namespace ea {

std::vector<std::int64_t> EventTimeline::ids() const
{
    std::vector<std::int64_t> out;
    out.reserve(size());
    for (const auto &[time, id] : timed)
        out.push_back(id);
    out.insert(out.end(), untimed.begin(), untimed.end());
    return out;
}

void EventTimeline::merge(EventTimeline &&other)
{
    const auto mergeSorted = [](auto &into, auto &&from) {
        if (from.empty())
            return;
        const auto middle = std::ptrdiff_t(into.size());
        into.insert(into.end(), from.begin(), from.end());
        std::inplace_merge(into.begin(), into.begin() + middle, into.end());
    };
    mergeSorted(timed, std::move(other.timed));
    mergeSorted(untimed, std::move(other.untimed));
    other = {};
}

void EventTimeline::sort()
{
    std::sort(timed.begin(), timed.end());
    std::sort(untimed.begin(), untimed.end());
}

std::string EventTimeline::encode() const
{
    std::string out;
    out.reserve(size() * 6);
    varint::put(out, timed.size());
    std::int64_t time = 0;
    std::int64_t id = 0;
    for (const auto &[t, i] : timed) {
        varint::put(out, varint::zigzag(std::int64_t(std::uint64_t(t) - std::uint64_t(time))));
        varint::put(out, varint::zigzag(i - id));
        time = t;
        id = i;
    }
    id = 0;
    for (const std::int64_t i : untimed) {
        varint::put(out, varint::zigzag(i - id));
        id = i;
    }
    return out;
}

bool EventTimeline::decode(std::span<const std::uint8_t> bytes, EventTimeline &out)
{
    out = {};
    varint::Reader in(bytes);
    std::uint64_t count = 0;
    if (!in.read(count) || count > bytes.size())
        return false;
    out.timed.reserve(std::size_t(count));
    std::int64_t time = 0;
    std::int64_t id = 0;
    std::uint64_t value = 0;
    // Gaps wrap as the encoder's did; order and range are checked after.
    const auto step = [&value](std::int64_t from) {
        return std::int64_t(std::uint64_t(from) + std::uint64_t(varint::unzigzag(value)));
    };
    for (std::uint64_t k = 0; k < count; ++k) {
        if (!in.read(value))
            return false;
        const std::int64_t t = step(time);
        if (!in.read(value))
            return false;
        const std::int64_t i = step(id);
        if (i < 1 || (k > 0 && std::pair(t, i) <= std::pair(time, id)))
            return false;
        out.timed.emplace_back(t, i);
        time = t;
        id = i;
    }
    id = 0;
    while (!in.atEnd()) {
        if (!in.read(value))
            return false;
        const std::int64_t i = step(id);
        if (i <= id)
            return false;
        out.untimed.push_back(i);
        id = i;
    }
    return true;
}

} // namespace ea
