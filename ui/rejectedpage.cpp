#include "rejectedpage.h"

#include "casesession.h"
#include "core/text.h"
#include "rowstablemodel.h"
#include "statuspresentation.h"
#include "storage/casequeries.h"
#include "tableviews.h"

#include <QHeaderView>
#include <QTableView>
#include <QVBoxLayout>

#include <cstdint>
#include <vector>

namespace ea {

namespace {

// At most ~50 MB however bad the file: rows beyond are counted, raw text
// beyond 1 KiB is cut (the case and the CLI keep all of it).
constexpr std::size_t kMaxShown {50'000};
constexpr std::size_t kMaxRawShown {1024};

std::vector<RowsTableModel<RejectedRow>::Column> columns()
{
    using Column = RowsTableModel<RejectedRow>::Column;
    return {
        Column {RejectedPage::tr("File"),
                [](const RejectedRow &r) -> QVariant {
                    return toQString(r.sourcePath);
                }},
        Column {RejectedPage::tr("Line"),
                [](const RejectedRow &r) -> QVariant { return QString::number(r.line); },
                [](const RejectedRow &r) -> QVariant { return qint64(r.line); }, true},
        Column {RejectedPage::tr("Reason"),
                [](const RejectedRow &r) -> QVariant {
                    return toQString(r.reason);
                }},
        // Raw bytes need not be UTF-8: invalid sequences show as U+FFFD.
        Column {RejectedPage::tr("Raw text"),
                [](const RejectedRow &r) -> QVariant {
                    return toQString(r.raw);
                }},
    };
}

struct Rejected
{
    std::vector<RejectedRow> rows;
    std::int64_t total = 0;
};

} // namespace

RejectedPage::RejectedPage(CaseSession &session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new RowsTableModel<RejectedRow>(columns(), this))
    , m_view(new QTableView(this))
{
    m_view->setObjectName(QStringLiteral("rejectedView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    keepHeaderOutOfSelection(m_view);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    setFocusProxy(m_view);
}

RejectedPage::~RejectedPage() = default;

QString RejectedPage::countsText() const
{
    const auto shown = std::int64_t(m_model->rowCount());
    if (shown < m_total)
        return tr("The first %L1 of %L2 rejected rows (the CLI's rejected command lists all)")
            .arg(shown)
            .arg(m_total);
    return tr("Rejected rows: %L1").arg(m_total);
}

void RejectedPage::reload()
{
    if (!m_session.isOpen()) {
        m_request.invalidate();
        m_model->setRows({});
        m_total = 0;
        Q_EMIT titleChanged(tr("Re&jected rows"));
        return;
    }
    ++m_pending;
    const LatestRequest::Ticket ticket = m_request.next();
    m_session.run(
        [](CaseQueries &queries) {
            RowsResult<Rejected> result;
            Rejected rejected;
            result.error = queries
                               .forEachRejected([&](const RejectedRow &row) {
                                   if (rejected.rows.size() < kMaxShown) {
                                       rejected.rows.push_back(row);
                                       if (rejected.rows.back().raw.size() > kMaxRawShown)
                                           rejected.rows.back().raw.resize(kMaxRawShown);
                                   }
                                   ++rejected.total;
                                   return true;
                               })
                               .error;
            result.value.push_back(std::move(rejected));
            return result;
        },
        this,
        [this, ticket](RowsResult<Rejected> result) {
            --m_pending;
            if (!m_request.isCurrent(ticket))
                return; // an older case's or import's rows
            if (!result.ok())
                Q_EMIT errorOccurred(result.error.message());
            Rejected rejected = result.value.empty() ? Rejected() : std::move(result.value.front());
            const qsizetype shown = qsizetype(rejected.rows.size());
            m_total = rejected.total;
            m_model->setRows(std::move(rejected.rows));
            Q_EMIT titleChanged(
                shown < rejected.total
                    ? tr("Re&jected rows (first %L1 of %L2)").arg(shown).arg(rejected.total)
                    : tr("Re&jected rows (%L1)").arg(rejected.total));
        });
}

} // namespace ea
