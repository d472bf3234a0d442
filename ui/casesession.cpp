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

QString CaseSession::open(const QString &path, CaseDatabase::OpenMode mode)
{
    CaseDatabase::Result opened = CaseDatabase::open(path, mode);
    if (!opened)
        return opened.error.message();
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

const MarkIndex &CaseSession::markIndex(QString *error)
{
    if (error)
        error->clear();
    if (!m_markIndex) {
        Result<MarkIndex> read = m_marks ? m_marks->index() : Result<MarkIndex>(MarkIndex());
        m_markIndex = std::make_unique<MarkIndex>(std::move(read.value));
        if (!read.ok()) {
            if (error)
                *error = read.error.message();
            m_markIndex.reset();
            static const MarkIndex kEmpty;
            return kEmpty;
        }
    }
    return *m_markIndex;
}

QString CaseSession::path() const
{
    return m_database ? m_database->path() : QString();
}

} // namespace ea
