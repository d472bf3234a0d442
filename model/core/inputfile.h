#pragma once

#include <QString>

namespace ea {

// Why the file at path cannot be read as input, or an empty string when it
// is a regular file (after following symlinks) or cannot be inspected (then
// opening it reports the real error). Files the user hands in are read more
// than once (hashed, sniffed, then read) and opening a FIFO for reading
// blocks until a writer appears, so pipes, sockets and devices are refused
// before anything opens them. Call it before every open() of such a file.
[[nodiscard]] QString irregularFileReason(const QString &path);

} // namespace ea
