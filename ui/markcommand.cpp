#include "markcommand.h"

#include "casesession.h"
#include "core/text.h"
#include "statuspresentation.h"

#include "storage/casedatabase.h"

#include <QCoreApplication>

#include <map>

namespace ea {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ea::MarkCommand", text);
}

} // namespace

std::unique_ptr<MarkCommand>
MarkCommand::create(CaseSession &session, const std::vector<Cidr> &targets, MarkStatus status,
                    const std::optional<std::string> &note, QString *error)
{
    Marks *marks = session.marks();
    if (!marks || targets.empty())
        return nullptr;
    // A few targets: one exact lookup each. Many (Ctrl+A, Ctrl+1): one read
    // of all marks instead of a query per row.
    std::map<std::string, Mark> existing;
    const bool snapshot = targets.size() > kLookupLimit;
    if (snapshot) {
        RowsResult<Mark> all = marks->marks();
        if (!all.ok()) {
            if (error)
                *error = all.error.message();
            return nullptr;
        }
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
            Result<std::optional<Mark>> before = marks->markFor(change.target);
            if (!before.ok()) {
                if (error)
                    *error = before.error.message();
                return nullptr;
            }
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
    if (changes.empty())
        return nullptr;
    const QString what = changes.size() == 1
        ? toQString(Marks::canonicalText(changes.front().target))
        : QCoreApplication::translate("ea::MarkCommand", "%n destination(s)", nullptr,
                                      int(changes.size()));
    const QString text = status == MarkStatus::Unreviewed
        ? tr("Unmark %1").arg(what)
        : tr("Mark %1 %2").arg(what, statusDisplayName(status));
    return std::unique_ptr<MarkCommand>(new MarkCommand(session, std::move(changes), text));
}

MarkCommand::MarkCommand(CaseSession &session, std::vector<Change> changes, const QString &text)
    : m_session(session)
    , m_changes(std::move(changes))
{
    setText(text);
}

std::unique_ptr<MarkCommand> MarkCommand::fromSnapshots(CaseSession &session,
                                                        const std::vector<Mark> &before,
                                                        const std::vector<Mark> &after,
                                                        const QString &text)
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
    if (changes.empty())
        return nullptr;
    auto command = std::unique_ptr<MarkCommand>(new MarkCommand(session, std::move(changes), text));
    command->m_applied = true;
    return command;
}

void MarkCommand::redo()
{
    if (m_applied) {
        m_applied = false;
        m_session.notifyMarksChanged();
        return;
    }
    apply(true);
}

void MarkCommand::undo()
{
    apply(false);
}

void MarkCommand::apply(bool forward)
{
    Marks *marks = m_session.marks();
    if (!marks)
        return;
    // All or nothing, and one commit (one journal sync) however many rows.
    const Error failed = m_session.writeAtomically([&]() -> Error {
        for (const Change &change : m_changes) {
            Marks::Result result;
            if (forward) {
                result = change.status ? marks->setMark(change.target, *change.status, change.note)
                                       : marks->removeMark(change.target);
            } else {
                result = change.before
                    ? marks->setMark(change.target, change.before->status, change.before->note)
                    : marks->removeMark(change.target);
            }
            if (!result.ok())
                return result.error;
        }
        return {};
    });
    if (failed) {
        // The case is as before this step; the stack drops the step so that
        // it never claims a state the case does not have.
        setObsolete(true);
        m_session.reportError(failed.message());
    }
    m_session.notifyMarksChanged();
}

} // namespace ea
