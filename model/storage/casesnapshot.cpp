#include "storage/casesnapshot.h"

namespace ea {

CaseSnapshot::CaseSnapshot(const QString &casePath)
{
    CaseDatabase::Result opened
        = CaseDatabase::open(casePath, CaseDatabase::OpenMode::OpenExisting);
    if (!opened) {
        m_error = opened.error;
        return;
    }
    m_database = std::move(opened.database);
    SqliteDb &db = m_database->db();
    (void)db.exec("PRAGMA cache_size=-16384"); // 16 MiB; a hint, not required
    m_read.emplace(db, Transaction::Mode::Deferred);
    m_queries.emplace(*m_database);
}

CaseSnapshot::~CaseSnapshot()
{
    // The queries and the transaction end before the connection closes.
    m_queries.reset();
    m_read.reset();
}

} // namespace ea
