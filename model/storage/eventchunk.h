#pragma once

// The events of a case, stored as chunks: up to kMaxChunkEvents consecutive
// events of one source in one row of event_chunks, column by column (see
// model/storage/schema.md, version 4). A chunk costs one SQLite row where an
// event row cost one each: at 1M events the writer's INSERTs fell from 0.55 s
// to a few ms and the case from 65 MB to a third of that. The `events`
// virtual table (eventstable.h) reads them back as rows.

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ea {

// The stored columns of an event, in chunk order (the event id and source id
// are the chunk row's).
enum class EventField : std::uint8_t {
    Line,
    Time, // ts_ns, null: no time
    Host,
    Process,
    Dest,
    Port,
    Protocol, // index into the chunk's protocol names
    Direction,
    SrcSpelling,
    SrcPort,
    Spelling,
    BytesOut,
    BytesIn,
    // Case format 8: an aggregated row's connections (null: 1) and its last
    // connection's time (null: Time only). A chunk of an older format has
    // fewer fields; the missing ones are null.
    Weight,
    LastTime,
};
inline constexpr std::size_t kEventFieldCount = 15;
// The largest Weight an event may have: with at most 2^31 events a case's
// sums stay far inside 64 bits. A chunk with a weight outside 1 … this is
// damaged (EventChunkView::column()).
inline constexpr std::int64_t kMaxEventWeight = 2147483647;
inline constexpr std::size_t kMaxChunkEvents = 1024;

// One event's values; a field is null unless its bit is set in `present`.
struct EventValues
{
    std::array<std::int64_t, kEventFieldCount> value {};
    std::uint32_t present = 0;

    void set(EventField f, std::int64_t v) noexcept
    {
        value[std::size_t(f)] = v;
        present |= 1u << unsigned(f);
    }
};

// Builds one chunk's blob.
class EventChunkEncoder
{
public:
    // protocol: the event's protocol name, empty for none.
    void add(const EventValues &event, std::string_view protocol);
    [[nodiscard]] std::size_t size() const noexcept { return m_count; }
    [[nodiscard]] bool full() const noexcept { return m_count == kMaxChunkEvents; }
    // The blob of the events added since the last finish(); starts afresh.
    [[nodiscard]] std::string finish();

private:
    struct Column
    {
        std::vector<std::int64_t> values; // present values only
        std::vector<std::uint8_t> presence; // a bit per event
        std::size_t present = 0;
    };
    std::array<Column, kEventFieldCount> m_columns;
    std::array<std::string, kEventFieldCount> m_sections;
    std::vector<std::string> m_protocols;
    std::size_t m_count = 0;
};

// A chunk's blob, checked; its columns are decoded on demand, so that a
// lookup of one event's time decodes one column.
class EventChunkView
{
public:
    // False (and the view unusable) when the blob is not a well-formed chunk
    // of `count` events.
    [[nodiscard]] bool parse(std::span<const std::uint8_t> blob, std::int64_t count);
    [[nodiscard]] std::size_t count() const noexcept { return m_count; }

    struct Column
    {
        std::vector<std::int64_t> values; // one per event; 0 where null
        std::vector<std::uint8_t> isNull; // empty: none null
        bool decoded = false;
        [[nodiscard]] bool null(std::size_t k) const noexcept
        {
            return !isNull.empty() && isNull[k];
        }
    };
    // Null when the column's bytes are damaged.
    [[nodiscard]] const Column *column(EventField field);
    // The protocol name of index `k` (Protocol field); empty if out of range.
    [[nodiscard]] std::string_view protocol(std::int64_t k) const noexcept;

private:
    std::span<const std::uint8_t> m_blob;
    std::size_t m_count = 0;
    std::vector<std::string_view> m_protocols;
    std::array<std::span<const std::uint8_t>, kEventFieldCount> m_bytes;
    std::array<Column, kEventFieldCount> m_columns;
};

} // namespace ea

namespace ea {

class SqliteDb;

// Appends events to event_chunks: consecutive ids of one source go into one
// chunk until it is full. Used by the writer and by the format 4 migration.
class EventChunkWriter
{
public:
    explicit EventChunkWriter(SqliteDb &db);
    ~EventChunkWriter();
    EventChunkWriter(const EventChunkWriter &) = delete;
    EventChunkWriter &operator=(const EventChunkWriter &) = delete;

    [[nodiscard]] bool isValid() const noexcept;
    [[nodiscard]] bool add(std::int64_t id, std::int64_t sourceId, const EventValues &event,
                           std::string_view protocol);
    // Writes the chunk being built, if any.
    [[nodiscard]] bool flush();
    // Why add() or flush() failed (SQLite's message).
    [[nodiscard]] std::string errorMessage() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace ea
