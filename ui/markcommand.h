#pragma once

#include "address/cidr.h"
#include "storage/marks.h"

#include <QUndoCommand>

#include <optional>
#include <string>
#include <vector>

namespace ea {

class CaseSession;

// One undoable review step: set (or remove) the marks on one or more blocks.
// Each block remembers the mark it had before, so undo puts exactly that status
// and note back (or removes the mark it added). Changes are written to the case
// at once; the session then tells every view.
class MarkCommand final : public QUndoCommand
{
public:
    struct Change
    {
        Cidr target;
        std::optional<Mark> before; // the exact mark on target, if there was one
        std::optional<MarkStatus> status; // after; nullopt removes the mark
        std::string note;
    };

    // status Unreviewed removes the marks. note nullopt keeps each block's
    // existing note. Returns null (and sets error) when the current marks
    // cannot be read or there is nothing to do.
    [[nodiscard]] static std::unique_ptr<MarkCommand>
    create(CaseSession &session, const std::vector<Cidr> &targets, MarkStatus status,
           const std::optional<std::string> &note, QString *error);

    // A change already made in bulk (an allowlist import): the difference
    // between two snapshots of the marks, so undo can revert it. The first
    // redo() (QUndoStack::push) does not apply it again. Null when equal.
    [[nodiscard]] static std::unique_ptr<MarkCommand> fromSnapshots(CaseSession &session,
                                                                    const std::vector<Mark> &before,
                                                                    const std::vector<Mark> &after,
                                                                    const QString &text);

    // Above this many targets create() reads all marks once.
    static constexpr std::size_t kLookupLimit = 32;

    void redo() override;
    void undo() override;

    [[nodiscard]] const std::vector<Change> &changes() const noexcept { return m_changes; }

private:
    MarkCommand(CaseSession &session, std::vector<Change> changes, const QString &text);
    void apply(bool forward);

    CaseSession &m_session;
    std::vector<Change> m_changes;
    bool m_applied = false; // made before the push: skip the first redo
};

} // namespace ea
