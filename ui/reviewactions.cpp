#include "reviewactions.h"

#include "casesession.h"
#include "core/text.h"
#include "internalnetworksdialog.h"
#include "knownlistsdialog.h"
#include "markcommand.h"
#include "markdialog.h"
#include "statuspresentation.h"

#include "export/datalakequery.h"
#include "import/knownlistfile.h"
#include "review/allowlist.h"
#include "storage/knownlists.h"
#include "storage/marks.h"

#include <memory>

#include <QAction>
#include <QClipboard>
#include <QFileInfo>
#include <QGuiApplication>
#include <QPointer>
#include <QScopeGuard>
#include <QUndoStack>

namespace ea {

namespace {

// A destination's own block: what Marks::parseTarget() makes of its canonical
// text, without the text.
Cidr hostBlock(const IpAddress &address)
{
    return Marks::normalized(Cidr {address, address.family == Family::IPv4 ? 32 : 128});
}

// The selected destinations as mark targets.
std::vector<Cidr> targetsOf(const SnapshotRows &selected)
{
    std::vector<Cidr> targets;
    targets.reserve(selected.rows.size());
    for (const std::uint32_t row : selected.rows)
        targets.push_back(hostBlock(selected.snapshot->address(row)));
    return targets;
}

// The first target that a block's mark still covers after its own mark was
// removed, as the status line says it; empty when none is.
QString stillCovered(const std::vector<Cidr> &targets, const MarkIndex &marks)
{
    for (const Cidr &target : targets) {
        if (const Mark *covering = marks.find(target.network)) {
            return ReviewActions::tr("%1 is still %2 by the mark on %3")
                .arg(toQString(Marks::canonicalText(target)), statusDisplayName(covering->status),
                     toQString(covering->cidrText));
        }
    }
    return {};
}

} // namespace

ReviewActions::ReviewActions(CaseSession &session, QUndoStack &undoStack, SelectedRows selectedRows,
                             QWidget *dialogParent)
    : QObject(dialogParent)
    , m_session(session)
    , m_undoStack(undoStack)
    , m_selectedRows(std::move(selectedRows))
    , m_dialogParent(dialogParent)
{
    struct StatusKey
    {
        MarkStatus status;
        QKeySequence key;
    };
    for (const StatusKey &s :
         {StatusKey {MarkStatus::KnownSafe, QKeySequence(Qt::CTRL | Qt::Key_1)},
          StatusKey {MarkStatus::Suspicious, QKeySequence(Qt::CTRL | Qt::Key_2)},
          StatusKey {MarkStatus::Malicious, QKeySequence(Qt::CTRL | Qt::Key_3)},
          StatusKey {MarkStatus::Internal, QKeySequence(Qt::CTRL | Qt::Key_4)},
          StatusKey {MarkStatus::Unreviewed, QKeySequence(Qt::CTRL | Qt::Key_0)}}) {
        auto *action = new QAction(statusIcon(s.status),
                                   s.status == MarkStatus::Unreviewed
                                       ? tr("Mark &unreviewed (remove mark)")
                                       : tr("Mark %1").arg(statusDisplayName(s.status)),
                                   this);
        action->setObjectName(QStringLiteral("mark-") + toQString(markStatusId(s.status)));
        action->setShortcut(s.key);
        connect(action, &QAction::triggered, this,
                [this, status = s.status] { markSelection(status); });
        m_markActions << action;
    }
}

ReviewActions::~ReviewActions() = default;

void ReviewActions::push(const std::vector<Cidr> &targets, MarkStatus status,
                         const std::optional<std::string> &note)
{
    if (m_session.writesInBackground(targets.size())) {
        pushInBackground([targets] { return targets; }, status, note);
        return;
    }
    QString error;
    auto command = MarkCommand::create(m_session, targets, status, note, &error);
    if (!error.isEmpty())
        Q_EMIT errorOccurred(error);
    else if (command)
        m_undoStack.push(command.release());
}

void ReviewActions::pushInBackground(Targets targets, MarkStatus status,
                                     const std::optional<std::string> &note)
{
    struct Outcome
    {
        std::vector<Cidr> targets;
        std::vector<MarkCommand::Change> changes;
        QString covered;
    };
    auto outcome = std::make_shared<Outcome>();
    Q_EMIT statusMessage(tr("Saving marks…"));
    m_session.writeInBackground(
        [targets = std::move(targets), status, note, outcome](Marks &marks) -> Error {
            outcome->targets = targets();
            Result<std::vector<MarkCommand::Change>> changes
                = MarkCommand::changesFor(marks, outcome->targets, status, note);
            if (!changes.ok())
                return changes.error;
            if (Error failed = MarkCommand::write(marks, changes.value, true))
                return failed;
            outcome->changes = std::move(changes.value);
            return {};
        },
        [outcome, status](const MarkIndex &index) {
            if (status == MarkStatus::Unreviewed)
                outcome->covered = stillCovered(outcome->targets, index);
        },
        [self = QPointer<ReviewActions>(this), outcome, status](const Error &failed) {
            if (!self)
                return;
            if (failed) {
                Q_EMIT self->errorOccurred(failed.message());
                return;
            }
            const std::size_t changed = outcome->changes.size();
            if (auto command
                = MarkCommand::written(self->m_session, std::move(outcome->changes), status))
                self->m_undoStack.push(command.release());
            Q_EMIT self->statusMessage(outcome->covered.isEmpty()
                                           ? tr("%n mark(s) saved", nullptr, int(changed))
                                           : outcome->covered);
        });
}

void ReviewActions::markSelection(MarkStatus status, const std::optional<std::string> &note)
{
    if (!m_session.marks())
        return;
    SnapshotRows selected = m_selectedRows();
    if (selected.rows.empty()) {
        Q_EMIT statusMessage(tr("Select destinations to mark"));
        return;
    }
    markRows(std::move(selected), status, note);
}

void ReviewActions::markRows(SnapshotRows selected, MarkStatus status,
                             const std::optional<std::string> &note)
{
    if (m_session.writesInBackground(selected.rows.size())) {
        // A million rows: even their addresses are read on the writer thread.
        pushInBackground([selected = std::move(selected)] { return targetsOf(selected); }, status,
                         note);
        return;
    }
    const std::vector<Cidr> targets = targetsOf(selected);
    push(targets, status, note);
    if (status != MarkStatus::Unreviewed)
        return;
    // Removing a destination's own mark leaves a covering block's: say so,
    // rather than seem to do nothing.
    const QString covered = stillCovered(targets, *m_session.markIndex());
    if (!covered.isEmpty())
        Q_EMIT statusMessage(covered);
}

bool ReviewActions::markTarget(const QString &text, MarkStatus status, const std::string &note)
{
    const MarkTarget target = Marks::parseTarget(text.trimmed().toStdString());
    if (!target.ok()) {
        Q_EMIT errorOccurred(target.error.message());
        return false;
    }
    push({target.cidr}, status, note);
    return true;
}

void ReviewActions::markWithDialog(bool useSelection)
{
    if (!m_session.marks())
        return;
    // Start from what decides the first selected destination now, so OK
    // without changes never erases a note. A million selected rows stay
    // rows: only the first becomes text.
    SnapshotRows selected = useSelection ? m_selectedRows() : SnapshotRows {};
    MarkStatus status = MarkStatus::KnownSafe;
    QString note;
    QString first;
    if (!selected.rows.empty()) {
        const std::size_t row = selected.rows.front();
        first = toQString(selected.snapshot->canonical(row));
        const std::shared_ptr<const MarkIndex> marks = m_session.markIndex();
        if (const Mark *mark = marks->find(selected.snapshot->address(row))) {
            status = mark->status;
            note = toQString(mark->note);
        }
    }
    MarkDialog dialog(first, selected.rows.size(), status, note, m_dialogParent);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (dialog.marksSelection())
        markRows(std::move(selected), dialog.status(), dialog.note());
    else
        push(dialog.targets(), dialog.status(), dialog.note());
}

void ReviewActions::showInternalNetworks()
{
    if (!m_session.isOpen())
        return;
    InternalNetworksDialog dialog(m_session, m_undoStack, m_dialogParent);
    dialog.exec();
}

void ReviewActions::showKnownLists()
{
    if (!m_session.isOpen())
        return;
    KnownListsDialog dialog(m_session, *this, m_dialogParent);
    dialog.exec();
}

void ReviewActions::removeKnownList(const QString &name)
{
    if (!m_session.marks())
        return;
    const std::string listName = name.toStdString();
    m_session.writeInBackground(
        [listName](Marks &marks) -> Error { return KnownLists(marks.database()).remove(listName); },
        {},
        [self = QPointer<ReviewActions>(this), name](const Error &failed) {
            if (!self)
                return;
            if (failed) {
                Q_EMIT self->errorOccurred(failed.message());
                return;
            }
            Q_EMIT self->listsChanged();
            Q_EMIT self->statusMessage(tr("Known list %1 removed").arg(name));
        });
}

void ReviewActions::importAllowlist(const QString &path)
{
    if (!m_session.marks())
        return;
    // An allowlist may hold a million blocks: read, written and compared
    // with the marks before it on the writer thread, in one transaction,
    // which makes it one undoable step.
    struct Outcome
    {
        Allowlist::ImportResult result;
        std::vector<MarkCommand::Change> changes;
    };
    auto outcome = std::make_shared<Outcome>();
    Q_EMIT statusMessage(tr("Saving marks…"));
    m_session.writeInBackground(
        [path, outcome](Marks &marks) -> Error {
            RowsResult<Mark> before = marks.marks();
            if (!before.ok())
                return before.error;
            outcome->result = Allowlist::importFile(marks.database(), path);
            if (!outcome->result.ok())
                return outcome->result.error;
            RowsResult<Mark> after = marks.marks();
            if (!after.ok())
                return after.error;
            outcome->changes = MarkCommand::changesBetween(before.value, after.value);
            return {};
        },
        {},
        [self = QPointer<ReviewActions>(this), outcome, path](const Error &failed) {
            if (!self)
                return;
            if (failed) {
                Q_EMIT self->errorOccurred(failed.message());
                return;
            }
            const QString name = QFileInfo(path).fileName();
            if (auto command = MarkCommand::written(self->m_session, std::move(outcome->changes),
                                                    tr("Import allowlist %1").arg(name)))
                self->m_undoStack.push(command.release());
            const Allowlist::ImportResult &result = outcome->result;
            QString text = tr("Allowlist %1: %2 added, %3 updated, %4 unchanged")
                               .arg(name.toHtmlEscaped())
                               .arg(result.added)
                               .arg(result.updated)
                               .arg(result.unchanged);
            for (const Allowlist::Problem &problem : result.problems)
                text += QStringLiteral("<br>")
                    + tr("line %1: %2").arg(problem.line).arg(problem.reason.toHtmlEscaped());
            Q_EMIT self->reportReady(text, !result.problems.empty());
        });
}

void ReviewActions::importKnownList(const QString &path, const QString &name, bool replace)
{
    if (!m_session.marks())
        return;
    // A provider's file may hold half a million blocks: read and stored on
    // the writer thread (a second or so), never on this one.
    auto read = std::make_shared<KnownListFile>();
    auto blocks = std::make_shared<std::size_t>(0);
    const std::string listName = name.toStdString();
    Q_EMIT statusMessage(tr("Importing the known list %1…").arg(name));
    m_session.writeInBackground(
        [path, listName, replace, read, blocks](Marks &marks) -> Error {
            *read = KnownListFile::read(path);
            if (!read->ok())
                return read->error;
            *blocks = read->entries.size();
            if (read->entries.empty())
                return Error(tr("%1: no usable address or block").arg(QFileInfo(path).fileName()),
                             Error::Code::Invalid);
            const std::string source = QFileInfo(path).absoluteFilePath().toStdString();
            const auto dropEntries = qScopeGuard([&read] {
                // Counts and problems are all the report needs: the blocks
                // are freed here, not on the GUI thread.
                read->entries = {};
            });
            const Result<std::int64_t> stored = KnownLists(marks.database())
                                                    .store(listName,
                                                           {source, knownListFormatId(read->format),
                                                            read->version, read->entries},
                                                           replace);
            return stored.ok() ? Error() : stored.error;
        },
        {},
        [self = QPointer<ReviewActions>(this), read, blocks, path, name](const Error &failed) {
            if (!self)
                return;
            if (failed) {
                Q_EMIT self->errorOccurred(failed.message());
                return;
            }
            Q_EMIT self->listsChanged();
            QString text
                = tr("Known list %1 from %2: %3 blocks, %4 listed twice, %5 rejected")
                      .arg(name.toHtmlEscaped(), QFileInfo(path).fileName().toHtmlEscaped())
                      .arg(*blocks)
                      .arg(read->duplicates)
                      .arg(read->rejected);
            constexpr std::size_t kShown = 20;
            for (std::size_t k = 0; k < read->problems.size() && k < kShown; ++k) {
                const KnownListFile::Problem &p = read->problems[k];
                text += QStringLiteral("<br>")
                    + (p.line > 0 ? tr("line %1: %2").arg(p.line).arg(p.reason.toHtmlEscaped())
                                  : p.reason.toHtmlEscaped());
            }
            if (read->rejected > std::int64_t(kShown))
                text += QStringLiteral("<br>")
                    + tr("… and %1 more").arg(read->rejected - std::int64_t(kShown));
            Q_EMIT self->reportReady(text, read->rejected > 0);
        });
}

void ReviewActions::applyKnownList(const QString &name, MarkStatus status)
{
    if (!m_session.marks())
        return;
    struct Outcome
    {
        KnownLists::Applied applied;
        std::vector<MarkCommand::Change> changes;
    };
    auto outcome = std::make_shared<Outcome>();
    const std::string listName = name.toStdString();
    Q_EMIT statusMessage(tr("Saving marks…"));
    m_session.writeInBackground(
        [listName, status, outcome](Marks &marks) -> Error {
            RowsResult<Mark> before = marks.marks();
            if (!before.ok())
                return before.error;
            outcome->applied = KnownLists(marks.database()).applyStatus(listName, status);
            if (!outcome->applied.error.isNull())
                return outcome->applied.error;
            RowsResult<Mark> after = marks.marks();
            if (!after.ok())
                return after.error;
            outcome->changes = MarkCommand::changesBetween(before.value, after.value);
            return {};
        },
        {},
        [self = QPointer<ReviewActions>(this), outcome, name, status](const Error &failed) {
            if (!self)
                return;
            if (failed) {
                Q_EMIT self->errorOccurred(failed.message());
                return;
            }
            if (auto command
                = MarkCommand::written(self->m_session, std::move(outcome->changes),
                                       tr("Mark list %1 %2").arg(name, statusDisplayName(status))))
                self->m_undoStack.push(command.release());
            const KnownLists::Applied &a = outcome->applied;
            Q_EMIT self->reportReady(
                tr("List %1: %2 destinations, %3 marked %4, %5 updated, %6 unchanged, %7 kept a "
                   "mark not made by this list")
                    .arg(name.toHtmlEscaped())
                    .arg(a.matched)
                    .arg(a.added)
                    .arg(statusDisplayName(status))
                    .arg(a.updated)
                    .arg(a.unchanged)
                    .arg(a.kept),
                false);
        });
}

void ReviewActions::exportAllowlist(const QString &path)
{
    if (!m_session.database())
        return;
    const Allowlist::ExportResult result = Allowlist::exportFile(*m_session.database(), path);
    if (!result.ok())
        Q_EMIT errorOccurred(result.error.message());
    else
        Q_EMIT statusMessage(tr("%n mark(s) exported to %1", nullptr, result.rows).arg(path));
}

void ReviewActions::copyDataLakeQuery(bool athena)
{
    if (!m_session.database())
        return;
    const RowsResult<Mark> marks = Marks(*m_session.database()).marks();
    if (!marks.ok()) {
        Q_EMIT errorOccurred(marks.error.message());
        return;
    }
    const DataLakeDialect dialect = athena ? DataLakeDialect::Athena : DataLakeDialect::Trino;
    const std::string sql = DataLakeQuery::build(dialect, DataLakeColumns {}, marks.value);
    QGuiApplication::clipboard()->setText(QString::fromStdString(sql));
    Q_EMIT statusMessage(athena ? tr("Data-lake query for Amazon Athena copied, with %n mark(s)",
                                     nullptr, int(marks.value.size()))
                                : tr("Data-lake query for Trino copied, with %n mark(s)", nullptr,
                                     int(marks.value.size())));
}

} // namespace ea
