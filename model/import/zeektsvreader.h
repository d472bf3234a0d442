#pragma once

#include "import/reader.h"

namespace ea {

// Reads Zeek's TSV logs (conn.log and any log with id.resp_h): the
// #separator / #set_separator / #empty_field / #unset_field / #fields header
// lines, columns mapped by the names in #fields (never by position), a new
// #fields block resetting the mapping. Unset ('-') and empty ("(empty)")
// values come through as empty views; a masked or unreadable ts leaves the
// event's time unset. Only connection roles are mapped unless --map names
// others: Zeek's `host` or `path` columns (http.log, smb_files.log) are not a
// sensor or an executable.
class ZeekTsvReader final : public Reader
{
public:
    ReadResult read(QIODevice &in, RecordSink &sink, const ReadOptions &options) override;
};

} // namespace ea
