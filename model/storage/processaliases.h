#pragma once

#include "core/windowspath.h"
#include "storage/casequeries.h"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ea {

class SqliteDb;

// One process, one row: Windows Filtering Platform events name a program by
// its NT device path (\device\harddiskvolume2\windows\system32\dns.exe) and
// its pid, Sysmon by the drive path (C:\Windows\System32\dns.exe) and a
// ProcessGuid, so the same process arrives as two. Rows of one host with the
// same pid, whose paths name the same file below the volume (ASCII case
// folded), and whose times overlap (within an hour; an untimed row overlaps
// anything) are merged into the drive-path row: connections added, times
// widened, ports joined as dest_stats keeps them, and the device path kept in
// alsoKnownAs. The volume-to-drive mapping is not in the data, so the match is
// on the path below it; with the pid, host and time that is one program.
void mergeDevicePathAliases(std::vector<ProcessRow> &rows);

// From case format 6 the import itself counts a second spelling's events
// under the first (ImportCollector; processes.alias_of), so the rows above
// arrive as one. The other spellings' paths, by the process id they are
// aliases of.
using StoredAliases = std::map<std::int64_t, std::vector<std::string>>;
// Adds the row's stored aliases to alsoKnownAs; where the row's own path is
// an NT device path and an alias has the drive path, the drive path is shown
// and the device path becomes the alias.
void applyStoredAliases(ProcessRow &row, const StoredAliases &aliases);
// The stored aliases of a case (none before format 6).
[[nodiscard]] Error readStoredAliases(SqliteDb &db, int schemaVersion, StoredAliases &aliases);

} // namespace ea
