#pragma once

#include "core/direction.h"

#include <cstdint>
#include <span>
#include <string_view>

namespace ea {

// One connection as a reader found it, before any address is parsed. The
// views point into the reader's buffers and are valid only during the
// RecordSink call that receives the event.
//
// `peer` is the remote end: the destination of an outbound connection, the
// source of an inbound one (Sysmon Initiated=false, WFP inbound, firewall
// RECEIVE), so that an outbound audit never lists a server's own address.
struct Event
{
    std::int64_t line = 0; // 1-based line where the record starts
    std::int64_t timeNs = 0;
    bool hasTime = false;
    bool timeUnreadable = false; // a time field was there but could not be read
    Direction direction = Direction::Unknown;
    std::string_view peer; // remote address text exactly as written
    std::string_view local; // local address text, may be empty
    std::int32_t peerPort = -1; // -1: none or unreadable
    std::int32_t localPort = -1;
    std::string_view protocol; // as written: "6", "tcp", "TCP", may be empty
    std::string_view processKey; // process_uuid, ProcessGuid, sophos_pid, pid …
    std::string_view pid;
    std::string_view processPath; // where the format carries it (Image, path, Application)
    std::string_view host; // sensor_id, hostname, Computer …
    // Bytes the local end sent to the peer and received from it; -1 where
    // the record does not say.
    std::int64_t bytesOut = -1;
    std::int64_t bytesIn = -1;
    // An aggregated row (the data-lake query's result) stands for `weight`
    // connections, the first at timeNs and the last at lastTimeNs; a
    // connection as logged has weight 1 and no last time.
    // The largest weight a row may carry: with at most 2^31 events a case's
    // sums stay far inside 64 bits (the case's kMaxEventWeight).
    static constexpr std::int64_t kMaxWeight = 2147483647;
    std::int64_t weight = 1;
    std::int64_t lastTimeNs = 0;
    bool hasLastTime = false;
    // The record's text as read, for the rejected-rows table when the import
    // job refuses the event (e.g. an unparsable address). May be empty.
    std::string_view raw;
};

// A row of a processes export (SLS processes, osquery processes, Sophos
// process journal), joined to events by (host, key) or key alone.
struct ProcessRecord
{
    std::int64_t line = 0;
    std::string_view key;
    std::string_view host;
    std::string_view pid;
    std::string_view path;
    std::string_view name;
    std::string_view arguments;
    std::string_view user;
    std::string_view container;
};

// A row of a hosts export: sensor_id -> hostname.
struct HostRecord
{
    std::int64_t line = 0;
    std::string_view key;
    std::string_view hostname;
};

// Where readers deliver what they read. Readers know nothing of SQLite,
// threads or widgets; the import job implements this interface.
class RecordSink
{
public:
    virtual ~RecordSink() = default;

    virtual void event(const Event &event) = 0;
    virtual void process(const ProcessRecord &) { }
    virtual void host(const HostRecord &) { }
    // A row that cannot be used; raw is the record's text (the sink caps it).
    virtual void rejected(std::int64_t line, std::string_view reason, std::string_view raw) = 0;
    // A well-formed record that is not a connection (another event type, a
    // stats line): counted, not rejected.
    virtual void skipped(std::int64_t line, std::string_view reason) = 0;
    // Previews only: whether the text readers (CSV/TSV, Zeek TSV, W3C) also
    // hand each data row to cells(). Asked once per read, so an import pays
    // nothing for it.
    [[nodiscard]] virtual bool wantsCells() const { return false; }
    // A data row as split, before any field is read: one cell per header
    // column, in the header's order. Views valid during the call only.
    virtual void cells(std::int64_t line, std::span<const std::string_view> fields)
    {
        (void)line;
        (void)fields;
    }
    // Polled by readers between blocks; true stops the read.
    [[nodiscard]] virtual bool cancelled() const { return false; }
    // Bytes of the (decompressed) input consumed so far; called per block.
    virtual void progress(std::int64_t bytes) { (void)bytes; }
};

} // namespace ea
