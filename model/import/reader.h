#pragma once

#include "core/error.h"
#include "import/event.h"
#include "import/fieldmapping.h"

#include <QStringList>

#include <cstdint>
#include <string>
#include <vector>

class QIODevice;

namespace ea {

// What a file turned out to hold.
enum class FileKind : std::uint8_t { Connections, Processes, Hosts };

struct ReadOptions
{
    std::vector<MappingOverride> overrides; // --map K=COLUMN
};

struct ReadResult
{
    // Null when the file was read. Else why not, translated, without the
    // file's name (ImportSource adds it): Invalid when the file is refused
    // (e.g. no destination column), Cancelled, or Io for a read error.
    Error error;
    std::string format; // stable id e.g. "csv", "tsv", "zeek-tsv", "w3c-firewall"
    FileKind kind = FileKind::Connections;
    std::vector<std::string> header;
    FieldMapping mapping;
    // NDJSON: the first object's key paths (at most 64), which --map may name
    // besides the header's keys.
    std::vector<std::string> keys;
    // Non-fatal remarks about the whole file the user should see, e.g. that
    // local times were read as UTC because the file carries no zone;
    // translated, built with %1 arguments.
    QStringList notes;
    // The times are local to a zone the file does not name (read as UTC, and
    // noted): the case keeps it so that the views mark them.
    bool timesZoneUnknown = false;

    [[nodiscard]] bool ok() const noexcept { return error.isNull(); }
};

// One reader per format family. A reader streams the device in bounded
// memory, delivers records to the sink (views valid only during each call),
// polls sink.cancelled() and reports sink.progress() about once per MiB.
// ok() is also false after a cancel or a device read error, so a caller that
// forgets to check its own cancel flag still never commits a partial file.
class Reader
{
public:
    virtual ~Reader() = default;
    virtual ReadResult read(QIODevice &in, RecordSink &sink, const ReadOptions &options) = 0;
};

} // namespace ea
