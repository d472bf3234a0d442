#pragma once

#include "import/reader.h"

namespace ea {

// Reads the Windows Firewall log (pfirewall.log), a W3C extended log:
// #Version / #Software / #Time Format / #Fields: directives, then one
// space-separated row per packet with '-' for a missing value. Columns are
// found by their #Fields names; a new #Fields resets them.
//
// `path` gives the direction: SEND is outbound (peer = dst-ip), RECEIVE is
// inbound (peer = src-ip, local = dst-ip, ports likewise), anything else
// unknown (peer = dst-ip). Rows without any address (INFO-EVENTS-LOST) are
// skipped, not rejected. The log's times are local with no zone given; they
// are read as UTC and a note says so.
class W3cReader final : public Reader
{
public:
    ReadResult read(QIODevice &in, RecordSink &sink, const ReadOptions &options) override;
};

} // namespace ea
