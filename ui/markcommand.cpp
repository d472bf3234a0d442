#include "markcommand.h"

#include "casesession.h"
#include "core/text.h"
#include "statuspresentation.h"

#include "storage/casedatabase.h"

#include <QCoreApplication>

#include <map>
#include <utility>

namespace ea {

std::unique_ptr<MarkCommand>
MarkCommand::create(CaseSession &session, const std::vector<Cidr> &targets, MarkStatus status,
                    const std::optional<std::string> &note, QString *error)
{
    Marks *marks = session.marks();
    if (!marks || targets.empty())
        return nullptr;
    Result<std::vector<Change>> changes = changesFor(*marks, targets, status, note);
    if (!changes.ok()) {
        if (error)
            *error = changes.error.message();
        return nullptr;
    }
    if (changes.value.empty())
        return nullptr;
    const QString text = describe(changes.value, status);
    return std::unique_ptr<MarkCommand>(new MarkCommand(session, std::move(changes.value), text));
}

std::unique_ptr<MarkCommand> MarkCommand::written(CaseSession &session, std::vector<Change> changes,
                                                  MarkStatus status)
{
    if (changes.empty())
        return nullptr;
    const QString text = describe(changes, status);
    return written(session, std::move(changes), text);
}

std::unique_ptr<MarkCommand> MarkCommand::written(CaseSession &session, std::vector<Change> changes,
                                                  const QString &text)
{
    if (changes.empty())
        return nullptr;
    auto command = std::unique_ptr<MarkCommand>(new MarkCommand(session, std::move(changes), text));
    command->m_applied = Applied::Silently;
    return command;
}

Result<std::vector<MarkCommand::Change>>
MarkCommand::changesFor(Marks &marks, const std::vector<Cidr> &targets, MarkStatus status,
                        const std::optional<std::string> &note)
{
    // A few targets: one exact lookup each. Many (Ctrl+A, Ctrl+1): one read
    // of all marks instead of a query per row.
    std::map<std::string, Mark> existing;
    const bool snapshot = targets.size() > kLookupLimit;
    if (snapshot) {
        RowsResult<Mark> all = marks.marks();
        if (!all.ok())
            return all.error;
        for (Mark &mark : all.value)
            existing.emplace(mark.cidrText, std::move(mark));
    }
    std::vector<Change> changes;
    for (const Cidr &target : targets) {
        Change change;
        change.target = Marks::normalized(target);
        if (snapshot) {
            const auto it = existing.find(Marks::canonicalText(change.target));
            if (it != existing.end())
                change.before = it->second;
        } else {
            Result<std::optional<Mark>> before = marks.markFor(change.target);
            if (!before.ok())
                return before.error;
            change.before = std::move(before.value);
        }
        if (status != MarkStatus::Unreviewed) {
            change.status = status;
            change.note = note ? *note : (change.before ? change.before->note : std::string());
        }
        const bool same = change.status ? (change.before && change.before->status == *change.status
                                           && change.before->note == change.note)
                                        : !change.before;
        if (!same)
            changes.push_back(std::move(change));
    }
    return changes;
}

QString MarkCommand::describe(const std::vector<Change> &changes, MarkStatus status)
{
    const QString what = changes.size() == 1
        ? toQString(Marks::canonicalText(changes.front().target))
        : tr("%n destination(s)", nullptr, int(changes.size()));
    return status == MarkStatus::Unreviewed ? tr("Unmark %1").arg(what)
                                            : tr("Mark %1 %2").arg(what, statusDisplayName(status));
}

MarkCommand::MarkCommand(CaseSession &session, std::vector<Change> changes, const QString &text)
    : m_session(session)
    , m_changes(std::make_shared<const std::vector<Change>>(std::move(changes)))
{
    setText(text);
}

std::vector<MarkCommand::Change> MarkCommand::changesBetween(const std::vector<Mark> &before,
                                                             const std::vector<Mark> &after)
{
    std::map<std::string, const Mark *> old;
    for (const Mark &mark : before)
        old.emplace(mark.cidrText, &mark);
    std::vector<Change> changes;
    for (const Mark &mark : after) {
        const auto it = old.find(mark.cidrText);
        if (it != old.end()) {
            const Mark &was = *it->second;
            old.erase(it);
            if (was.status == mark.status && was.note == mark.note)
                continue;
            changes.push_back({mark.cidr, was, mark.status, mark.note});
        } else {
            changes.push_back({mark.cidr, std::nullopt, mark.status, mark.note});
        }
    }
    for (const auto &[text, mark] : old)
        changes.push_back({mark->cidr, *mark, std::nullopt, {}});
    return changes;
}

MarkCommand::~MarkCommand()
{
    // A step of a million marks: freed off the GUI thread (a cleared stack).
    releaseOffThread(std::move(m_changes));
}

void MarkCommand::redo()
{
    if (std::exchange(m_applied, Applied::No) == Applied::Silently)
        return;
    apply(true);
}

void MarkCommand::undo()
{
    apply(false);
}

Error MarkCommand::write(Marks &marks, const std::vector<Change> &changes, bool forward)
{
    for (const Change &change : changes) {
        Marks::Result result;
        if (forward) {
            result = change.status ? marks.setMark(change.target, *change.status, change.note)
                                   : marks.removeMark(change.target);
        } else {
            result = change.before
                ? marks.setMark(change.target, change.before->status, change.before->note)
                : marks.removeMark(change.target);
        }
        if (!result.ok())
            return result.error;
    }
    return {};
}

void MarkCommand::apply(bool forward)
{
    Marks *marks = m_session.marks();
    if (!marks)
        return;
    if (m_session.writesInBackground(m_changes->size())) {
        // The command may be gone when the write lands (the stack cleared):
        // only the session is called back.
        CaseSession *session = &m_session;
        m_session.writeInBackground([changes = m_changes, forward](
                                        Marks &writer) { return write(writer, *changes, forward); },
                                    {},
                                    [session](const Error &failed) {
                                        if (failed)
                                            session->reportLostStep(failed.message());
                                    });
        return;
    }
    // All or nothing, and one commit (one journal sync) however many rows.
    const Error failed
        = m_session.writeAtomically([&]() -> Error { return write(*marks, *m_changes, forward); });
    if (failed) {
        // The case is as before this step; the stack drops the step so that
        // it never claims a state the case does not have.
        setObsolete(true);
        m_session.reportError(failed.message());
    }
    m_session.notifyMarksChanged();
}

} // namespace ea
