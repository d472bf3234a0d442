#pragma once

#include "core/error.h"

#include <QString>

#include <atomic>
#include <string>

namespace ea {

// The lower-case hex SHA-256, or why there is none (Code::Cancelled when
// cancel was set).
using FileHash = Result<std::string>;

// SHA-256 of a file's bytes, read in blocks (bounded memory). Uses OpenSSL's
// libcrypto, which takes the CPU's SHA extensions where present: the hash
// runs beside an import and must not become its critical path.
[[nodiscard]] FileHash sha256File(const QString &path, const std::atomic_bool *cancel = nullptr);

} // namespace ea
