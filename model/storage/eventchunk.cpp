#include "storage/eventchunk.h"

#include "storage/sqlite.h"
#include "storage/varint.h"

#include <algorithm>
#include <bit>

namespace ea {

// A chunk's blob:
//   u8 format (1), varint event count N,
//   varint protocol name count P (≤ 256), then P times (varint length, bytes),
//   varint field count F (1..13), F varint byte lengths, one per field
//   section, then the F sections. Fields past F are null: a field added to
//   EventField later reads as null in the chunks written before it.
// A section: u8 mode (0: every value null, 1: none null, 2: a bitmap of
// ceil(N/8) bytes follows, bit k set when event k has a value), then each
// present value as a varint zigzag difference from the previous present value
// of the field (the first from 0), in uint64 wrapping arithmetic.

namespace {

constexpr std::uint8_t kFormat = 1;
constexpr std::size_t kMaxProtocols = 256;
constexpr std::uint8_t kAllNull = 0;
constexpr std::uint8_t kAllPresent = 1;
constexpr std::uint8_t kBitmap = 2;

} // namespace

void EventChunkEncoder::add(const EventValues &event, std::string_view protocol)
{
    EventValues e = event;
    e.present &= ~(1u << unsigned(EventField::Protocol));
    if (!protocol.empty()) {
        auto it = std::find(m_protocols.begin(), m_protocols.end(), protocol);
        if (it == m_protocols.end() && m_protocols.size() < kMaxProtocols)
            it = m_protocols.insert(m_protocols.end(), std::string(protocol));
        if (it != m_protocols.end())
            e.set(EventField::Protocol, it - m_protocols.begin());
    }
    const std::size_t byte = m_count / 8;
    const auto bit = std::uint8_t(1u << (m_count % 8));
    for (std::size_t f = 0; f < kEventFieldCount; ++f) {
        Column &c = m_columns[f];
        if (c.presence.size() <= byte)
            c.presence.push_back(0);
        if (e.present & (1u << f)) {
            c.values.push_back(e.value[f]);
            c.presence[byte] |= bit;
            ++c.present;
        }
    }
    ++m_count;
}

std::string EventChunkEncoder::finish()
{
    std::string out;
    out += char(kFormat);
    varint::put(out, m_count);
    varint::put(out, m_protocols.size());
    for (const std::string &p : m_protocols) {
        varint::put(out, p.size());
        out += p;
    }
    varint::put(out, kEventFieldCount);
    // The sections are built in buffers kept from chunk to chunk, as are the
    // columns: a chunk's worth of allocations each time was a tenth of
    // stage 2.
    for (std::size_t f = 0; f < kEventFieldCount; ++f) {
        Column &c = m_columns[f];
        std::string &s = m_sections[f];
        s.clear();
        if (c.present == 0) {
            s += char(kAllNull);
        } else {
            if (c.present == m_count) {
                s += char(kAllPresent);
            } else {
                s += char(kBitmap);
                s.append(reinterpret_cast<const char *>(c.presence.data()), c.presence.size());
            }
            std::uint64_t previous = 0;
            for (const std::int64_t v : c.values) {
                varint::put(s, varint::zigzag(std::int64_t(std::uint64_t(v) - previous)));
                previous = std::uint64_t(v);
            }
        }
        varint::put(out, s.size());
        c.values.clear();
        c.presence.clear();
        c.present = 0;
    }
    for (const std::string &s : m_sections)
        out += s;
    m_protocols.clear();
    m_count = 0;
    return out;
}

bool EventChunkView::parse(std::span<const std::uint8_t> blob, std::int64_t count)
{
    m_blob = blob;
    m_count = 0;
    m_protocols.clear();
    m_columns = {};
    if (count < 1 || count > std::int64_t(kMaxChunkEvents) || blob.empty() || blob[0] != kFormat)
        return false;
    std::size_t at = 1;
    auto readVarint = [&](std::uint64_t &v) {
        varint::Reader r(blob.subspan(at));
        if (!r.read(v))
            return false;
        at = blob.size() - r.remaining();
        return true;
    };
    std::uint64_t n = 0;
    std::uint64_t protocols = 0;
    if (!readVarint(n) || n != std::uint64_t(count) || !readVarint(protocols)
        || protocols > kMaxProtocols)
        return false;
    for (std::uint64_t k = 0; k < protocols; ++k) {
        std::uint64_t length = 0;
        if (!readVarint(length) || length > blob.size() - at)
            return false;
        m_protocols.emplace_back(reinterpret_cast<const char *>(blob.data() + at),
                                 std::size_t(length));
        at += std::size_t(length);
    }
    std::uint64_t fields = 0;
    if (!readVarint(fields) || fields < 1 || fields > kEventFieldCount)
        return false;
    std::array<std::uint64_t, kEventFieldCount> lengths {};
    for (std::size_t f = 0; f < fields; ++f) {
        if (!readVarint(lengths[f]))
            return false;
    }
    static constexpr std::uint8_t kNullSection[] = {kAllNull};
    for (std::size_t f = 0; f < kEventFieldCount; ++f) {
        if (f >= fields) {
            m_bytes[f] = kNullSection;
            continue;
        }
        if (lengths[f] == 0 || lengths[f] > blob.size() - at)
            return false;
        m_bytes[f] = blob.subspan(at, std::size_t(lengths[f]));
        at += std::size_t(lengths[f]);
    }
    if (at != blob.size())
        return false;
    m_count = std::size_t(count);
    return true;
}

const EventChunkView::Column *EventChunkView::column(EventField field)
{
    Column &c = m_columns[std::size_t(field)];
    if (c.decoded)
        return &c;
    if (m_count == 0)
        return nullptr;
    std::span<const std::uint8_t> bytes = m_bytes[std::size_t(field)];
    const std::uint8_t mode = bytes[0];
    bytes = bytes.subspan(1);
    c.values.assign(m_count, 0);
    c.isNull.clear();
    if (mode == kAllNull) {
        if (!bytes.empty())
            return nullptr;
        c.isNull.assign(m_count, 1);
        c.decoded = true;
        return &c;
    }
    std::span<const std::uint8_t> bitmap;
    if (mode == kBitmap) {
        const std::size_t bitmapBytes = (m_count + 7) / 8;
        if (bytes.size() < bitmapBytes)
            return nullptr;
        bitmap = bytes.first(bitmapBytes);
        bytes = bytes.subspan(bitmapBytes);
        // No bit for an event past the chunk's end.
        if (m_count % 8 && (bitmap.back() >> (m_count % 8)) != 0)
            return nullptr;
        c.isNull.assign(m_count, 0);
    } else if (mode != kAllPresent) {
        return nullptr;
    }
    varint::Reader reader(bytes);
    std::uint64_t previous = 0;
    for (std::size_t k = 0; k < m_count; ++k) {
        if (!bitmap.empty() && !((bitmap[k / 8] >> (k % 8)) & 1)) {
            c.isNull[k] = 1;
            continue;
        }
        std::uint64_t v = 0;
        if (!reader.read(v))
            return nullptr;
        previous += std::uint64_t(varint::unzigzag(v));
        c.values[k] = std::int64_t(previous);
    }
    if (!reader.atEnd())
        return nullptr;
    // A weight no import writes would make every sum of them wrong or
    // overflow: the chunk is damaged for every reader (EventScan, `events`).
    if (field == EventField::Weight) {
        for (std::size_t k = 0; k < m_count; ++k) {
            if (!c.null(k) && (c.values[k] < 1 || c.values[k] > kMaxEventWeight))
                return nullptr;
        }
    }
    c.decoded = true;
    return &c;
}

std::string_view EventChunkView::protocol(std::int64_t k) const noexcept
{
    return k >= 0 && std::size_t(k) < m_protocols.size() ? m_protocols[std::size_t(k)]
                                                         : std::string_view {};
}

} // namespace ea

namespace ea {

struct EventChunkWriter::Private
{
    explicit Private(SqliteDb &db)
        : insert(db,
                 "INSERT INTO event_chunks(first_id, source_id, count, data) "
                 "VALUES (?1, ?2, ?3, ?4)")
    { }
    Statement insert;
    EventChunkEncoder encoder;
    std::int64_t firstId = 0;
    std::int64_t sourceId = 0;
};

EventChunkWriter::EventChunkWriter(SqliteDb &db)
    : d(std::make_unique<Private>(db))
{ }

EventChunkWriter::~EventChunkWriter() = default;

bool EventChunkWriter::isValid() const noexcept
{
    return d->insert.isValid();
}

bool EventChunkWriter::add(std::int64_t id, std::int64_t sourceId, const EventValues &event,
                           std::string_view protocol)
{
    const std::size_t n = d->encoder.size();
    if (n > 0 && (sourceId != d->sourceId || id != d->firstId + std::int64_t(n))) {
        if (!flush())
            return false;
    }
    if (d->encoder.size() == 0) {
        d->firstId = id;
        d->sourceId = sourceId;
    }
    d->encoder.add(event, protocol);
    return !d->encoder.full() || flush();
}

bool EventChunkWriter::flush()
{
    const std::size_t n = d->encoder.size();
    if (n == 0)
        return true;
    const std::string blob = d->encoder.finish();
    Statement &s = d->insert;
    s.bindInt64(1, d->firstId);
    s.bindInt64(2, d->sourceId);
    s.bindInt64(3, std::int64_t(n));
    s.bindBlob(4, {reinterpret_cast<const std::uint8_t *>(blob.data()), blob.size()});
    return s.run();
}

std::string EventChunkWriter::errorMessage() const
{
    return d->insert.errorMessage();
}

} // namespace ea
