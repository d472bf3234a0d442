#pragma once

#include <QString>

#include <atomic>
#include <string>

namespace ea {

struct FileHash
{
    std::string sha256; // lower-case hex; empty on error
    QString error;
};

// SHA-256 of a file's bytes, read in blocks (bounded memory). Uses OpenSSL's
// libcrypto, which takes the CPU's SHA extensions where present: the hash
// runs beside an import and must not become its critical path.
[[nodiscard]] FileHash sha256File(const QString &path, const std::atomic_bool *cancel = nullptr);

} // namespace ea
