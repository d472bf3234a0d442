#pragma once

#include "core/error.h"
#include "storage/casedatabase.h"
#include "storage/casequeries.h"
#include "storage/sqlite.h"

#include <QString>

#include <memory>
#include <optional>

namespace ea {

// A case opened for one batch of queries on a worker thread: its own
// connection, a 16 MiB page cache kept across the thousands of lookups of a
// drill-down, and one read transaction, so the shared lock is taken once and
// every query sees one consistent state of the case. Ends (and lets writers
// in) when destroyed.
class CaseSnapshot
{
public:
    explicit CaseSnapshot(const QString &casePath);
    ~CaseSnapshot();
    CaseSnapshot(const CaseSnapshot &) = delete;
    CaseSnapshot &operator=(const CaseSnapshot &) = delete;

    [[nodiscard]] bool ok() const noexcept { return m_queries.has_value(); }
    // Why the case could not be opened; null when ok().
    [[nodiscard]] const Error &error() const noexcept { return m_error; }
    // Only when ok().
    [[nodiscard]] CaseQueries &queries() noexcept { return *m_queries; }

private:
    std::unique_ptr<CaseDatabase> m_database;
    std::optional<Transaction> m_read;
    std::optional<CaseQueries> m_queries;
    Error m_error;
};

} // namespace ea
