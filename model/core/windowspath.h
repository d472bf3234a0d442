#pragma once

#include <string>
#include <string_view>

namespace ea {

// The path below the volume, lower case ("\windows\system32\dns.exe"),
// of an NT volume path such as "\Device\HarddiskVolume2\Windows\…", or ""
// for a path that is none.
[[nodiscard]] std::string devicePathTail(std::string_view path);
// The same for a drive path ("C:\Windows\…"), or "".
[[nodiscard]] std::string drivePathTail(std::string_view path);

} // namespace ea
