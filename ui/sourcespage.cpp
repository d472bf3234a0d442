#include "sourcespage.h"

#include "casesession.h"
#include "core/text.h"
#include "rowstablemodel.h"
#include "statuspresentation.h"
#include "storage/casequeries.h"
#include "tableviews.h"

#include <QFileInfo>
#include <QHeaderView>
#include <QTableView>
#include <QVBoxLayout>

#include <vector>

namespace ea {

namespace {

QString notesText(const SourceRow &r, const QString &separator)
{
    QStringList notes;
    for (const std::string &note : r.notes)
        notes << toQString(note);
    return notes.join(separator);
}

QVariant count(std::int64_t n)
{
    return QStringLiteral("%L1").arg(n);
}

std::vector<RowsTableModel<SourceRow>::Column> columns()
{
    using Column = RowsTableModel<SourceRow>::Column;
    using Row = SourceRow;
    const auto tip = [](QString (*text)(const Row &)) {
        return [text](const Row &r, int role) -> QVariant {
            return role == Qt::ToolTipRole ? text(r) : QVariant();
        };
    };
    return {
        Column {SourcesPage::tr("File"),
                [](const Row &r) -> QVariant { return QFileInfo(toQString(r.path)).fileName(); },
                nullptr, false, tip([](const Row &r) { return toQString(r.path); })},
        Column {SourcesPage::tr("Format"),
                [](const Row &r) -> QVariant {
                    return QStringLiteral("%1 (%2)").arg(toQString(r.format), toQString(r.kind));
                }},
        Column {SourcesPage::tr("Notes"),
                [](const Row &r) -> QVariant { return notesText(r, QStringLiteral(" · ")); },
                nullptr, false,
                tip([](const Row &r) { return notesText(r, QStringLiteral("\n\n")); })},
        Column {SourcesPage::tr("Read"), [](const Row &r) { return count(r.rowsRead); },
                [](const Row &r) -> QVariant { return qint64(r.rowsRead); }, true},
        Column {SourcesPage::tr("Loaded"), [](const Row &r) { return count(r.rowsLoaded); },
                [](const Row &r) -> QVariant { return qint64(r.rowsLoaded); }, true},
        Column {SourcesPage::tr("Rejected"), [](const Row &r) { return count(r.rowsRejected); },
                [](const Row &r) -> QVariant { return qint64(r.rowsRejected); }, true},
        Column {SourcesPage::tr("Skipped"), [](const Row &r) { return count(r.rowsSkipped); },
                [](const Row &r) -> QVariant { return qint64(r.rowsSkipped); }, true},
        Column {SourcesPage::tr("Without time"), [](const Row &r) { return count(r.timesUnset); },
                [](const Row &r) -> QVariant { return qint64(r.timesUnset); }, true},
        Column {SourcesPage::tr("Imported"),
                [](const Row &r) -> QVariant { return displayTime(r.importedAtNs); },
                [](const Row &r) -> QVariant {
                    return qint64(r.importedAtNs);
                }},
        Column {SourcesPage::tr("Size"), [](const Row &r) { return count(r.size); },
                [](const Row &r) -> QVariant { return qint64(r.size); }, true},
        Column {SourcesPage::tr("SHA-256"),
                [](const Row &r) -> QVariant {
                    return toQString(r.sha256);
                }},
    };
}

} // namespace

SourcesPage::SourcesPage(CaseSession &session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new RowsTableModel<SourceRow>(columns(), this))
{
    m_view = makeTableView(this, QStringLiteral("sourcesView"), m_model);
    setColumnWidths(m_view,
                    {{0, QStringLiteral("connections-2024-11-19.csv")},
                     {1, QStringLiteral("w3c-firewall (connections)")},
                     {kNotesColumn, QString(60, QLatin1Char('n'))}});
    m_view->sortByColumn(kImportedColumn, Qt::AscendingOrder); // import order
    m_view->setToolTip(tr("Every file imported into this case, with what the import noted"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    setFocusProxy(m_view);
}

SourcesPage::~SourcesPage() = default;

std::vector<SourceRow> SourcesPage::rows() const
{
    return m_model->rows();
}

QString SourcesPage::countsText() const
{
    return tr("Files imported: %L1; notes: %L2").arg(m_model->rowCount()).arg(m_notes);
}

void SourcesPage::widenTimeColumns()
{
    widenColumns(m_view, {kImportedColumn}, timeWidthSample());
}

void SourcesPage::reload()
{
    if (!m_session.isOpen()) {
        m_request.invalidate();
        m_model->setRows({});
        m_notes = 0;
        Q_EMIT titleChanged(tr("S&ources"));
        return;
    }
    ++m_pending;
    const LatestRequest::Ticket ticket = m_request.next();
    m_session.run([](CaseQueries &queries) { return queries.sources(); }, this,
                  [this, ticket](RowsResult<SourceRow> result) {
                      --m_pending;
                      if (!m_request.isCurrent(ticket))
                          return; // an older case's or import's rows
                      if (!result.ok())
                          Q_EMIT errorOccurred(result.error.message());
                      qsizetype notes = 0;
                      for (const SourceRow &row : result.value)
                          notes += qsizetype(row.notes.size());
                      m_model->setRows(std::move(result.value));
                      m_notes = notes;
                      if (notes == 0)
                          Q_EMIT titleChanged(tr("S&ources"));
                      else if (notes == 1)
                          Q_EMIT titleChanged(tr("S&ources (1 note)"));
                      else
                          Q_EMIT titleChanged(tr("S&ources (%L1 notes)").arg(notes));
                  });
}

} // namespace ea
