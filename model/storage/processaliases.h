#pragma once

#include "storage/casequeries.h"

#include <string>
#include <string_view>
#include <vector>

namespace ea {

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

// The path below the volume, lower case ("\windows\system32\dns.exe"),
// of an NT volume path such as "\Device\HarddiskVolume2\Windows\…", or ""
// for a path that is none.
[[nodiscard]] std::string devicePathTail(std::string_view path);
// The same for a drive path ("C:\Windows\…"), or "".
[[nodiscard]] std::string drivePathTail(std::string_view path);

} // namespace ea
