#include "casesession.h"

#include "storage/marks.h"

namespace ea {

CaseSession::CaseSession(QObject *parent)
    : QObject(parent)
{ }

CaseSession::~CaseSession()
{
    m_markIndex.reset();
    // Marks holds prepared statements on the connection: finalize them first.
    m_marks.reset();
    m_database.reset();
}

Error CaseSession::open(const QString &path, CaseDatabase::OpenMode mode)
{
    CaseDatabase::Result opened = CaseDatabase::open(path, mode);
    if (!opened)
        return opened.error;
    m_marks.reset();
    m_markIndex.reset();
    m_database = std::move(opened.database);
    m_marks = std::make_unique<Marks>(*m_database);
    Q_EMIT caseChanged();
    return {};
}

void CaseSession::close()
{
    if (!m_database)
        return;
    m_marks.reset();
    m_markIndex.reset();
    m_database.reset();
    Q_EMIT caseChanged();
}

Result<const MarkIndex *> CaseSession::readMarkIndex()
{
    if (!m_markIndex) {
        Result<MarkIndex> read = m_marks ? m_marks->index() : Result<MarkIndex>(MarkIndex());
        if (!read.ok())
            return read.error;
        m_markIndex = std::make_unique<MarkIndex>(std::move(read.value));
    }
    return m_markIndex.get();
}

const MarkIndex &CaseSession::markIndex()
{
    static const MarkIndex kEmpty;
    const Result<const MarkIndex *> read = readMarkIndex();
    return read.ok() ? *read.value : kEmpty;
}

QString CaseSession::path() const
{
    return m_database ? m_database->path() : QString();
}

} // namespace ea
