#pragma once

#include "import/reader.h"

namespace ea {

// Reads NDJSON event streams: one JSON object per line (LF or CRLF, blank
// lines ignored, a UTF-8 BOM dropped). Files mix event kinds, so the dialect
// is told line by line from the keys present:
//  - Windows events (an EventID key, also winlogbeat's winlog.event_id with
//    winlog.event_data.*): Sysmon event 3 with DestinationIp, and Security
//    5156 (Windows Filtering Platform) are connections; every other event,
//    including Kernel-IO's unrelated event 3, is skipped.
//  - Suricata EVE (event_type): flow and netflow are connections; alert, dns,
//    tls, stats … are skipped. The reply half of a netflow pair (same
//    flow_id, addresses swapped) is skipped too.
//  - Zeek conn (id.resp_h, or id_resp_h of the json-streaming writer); a
//    record whose _path/@stream names another log is skipped.
//  - osquery result logs: event format (columns{}), snapshot and batched
//    (diffResults.added/removed) rows; rows with remote_address are
//    connections, rows of a processes query become ProcessRecords, removed
//    rows are skipped.
//  - ECS documents (destination.ip, nested or flattened).
// Other objects are skipped; a line that is not one valid JSON object is
// rejected with the reason. --map overrides name key paths ("id.resp_h",
// "columns.pid") and take precedence over the dialect's keys; a line of no
// known dialect whose --map dst key is present is read with the overrides
// alone.
//
// Inbound connections (Sysmon Initiated=false, WFP %%14592, ECS
// network.direction inbound, Zeek local_orig=false with local_resp=true,
// osquery socket_events accept) have the remote end as their peer: the
// source, where a record names source and destination. Event.processKey is a real process key only
// (Sysmon ProcessGuid, ECS process.entity_id); elsewhere the pid and path identify the process, and
// osquery process rows are keyed by pid to join them.
//
// Windows event times come from TimeCreated (the event log's clock, shared by
// Sysmon and WFP events), then Sysmon's UtcTime, then @timestamp: in real
// exports UtcTime can lag the log by hours (18.3 h in OTRF's ntdsutil
// capture), which would put the two sensors' records of one connection that
// far apart. --map time=UtcTime chooses Sysmon's own clock.
//
// The result's format is the dialect that delivered every record, or
// "ndjson-mixed" when several did; its header lists the keys that supplied a
// field, and the mapping names for each role the key used most. The file is
// refused (ok false) when a --map key is on no line, when no line is a JSON
// object, or when no line is of a known kind: then the header lists the first
// object's keys for --map dst=KEY. Notes report skipped netflow replies,
// Sysmon clock skew and times that look relative (before 1971).
class NdjsonReader final : public Reader
{
public:
    ReadResult read(QIODevice &in, RecordSink &sink, const ReadOptions &options) override;
};

} // namespace ea
