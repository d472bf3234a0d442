#pragma once

#include "import/reader.h"

namespace ea {

// Reads CSV/TSV exports with a header row: connections (SLS, Sophos Live
// Discover, osquery process_open_sockets, Argus binetflow, ECS-flattened),
// processes exports (SLS, osquery processes, Sophos process journal) and
// hosts exports (sensor_id, hostname). The kind is told by the header.
class CsvReader final : public Reader
{
public:
    ReadResult read(QIODevice &in, RecordSink &sink, const ReadOptions &options) override;
};

} // namespace ea
