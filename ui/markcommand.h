#pragma once

#include "address/cidr.h"
#include "storage/marks.h"

#include <QCoreApplication>
#include <QUndoCommand>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ea {

class CaseSession;

// One undoable review step: set (or remove) the marks on one or more blocks.
// Each block remembers the mark it had before, so undo puts exactly that status
// and note back (or removes the mark it added). Changes are written to the case
// at once; the session then tells every view. A large step (see
// CaseSession::writesInBackground()) is written on the session's writer thread:
// undo() and redo() return at once and the views follow when it has landed.
class MarkCommand final : public QUndoCommand
{
    Q_DECLARE_TR_FUNCTIONS(ea::MarkCommand)

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

    // A change already made in bulk (an allowlist import), on any thread:
    // the difference between two snapshots of the marks, so that undo can
    // revert it. Empty when they are equal.
    [[nodiscard]] static std::vector<Change> changesBetween(const std::vector<Mark> &before,
                                                            const std::vector<Mark> &after);

    // A step that a background write has already made (see changesFor() and
    // changesBetween()): the first redo() writes nothing and tells no view
    // (the session did). Null when there are no changes.
    [[nodiscard]] static std::unique_ptr<MarkCommand>
    written(CaseSession &session, std::vector<Change> changes, MarkStatus status);
    // The same, named text in the undo history.
    [[nodiscard]] static std::unique_ptr<MarkCommand>
    written(CaseSession &session, std::vector<Change> changes, const QString &text);

    // What create() computes, on any thread: the changes that give targets
    // status (Unreviewed removes) and note, against the marks stored now.
    // Targets that already are so are left out; none at all is an empty list.
    [[nodiscard]] static Result<std::vector<Change>>
    changesFor(Marks &marks, const std::vector<Cidr> &targets, MarkStatus status,
               const std::optional<std::string> &note);
    // Writes changes (forward, or back to each block's mark before), on any
    // thread; the caller holds the transaction.
    [[nodiscard]] static Error write(Marks &marks, const std::vector<Change> &changes,
                                     bool forward);

    // Above this many targets changesFor() reads all marks once.
    static constexpr std::size_t kLookupLimit = 32;

    ~MarkCommand() override;
    void redo() override;
    void undo() override;

    [[nodiscard]] const std::vector<Change> &changes() const noexcept { return *m_changes; }

private:
    enum class Applied : std::uint8_t {
        No,
        Silently, // made in the background: the session told the views
    };

    MarkCommand(CaseSession &session, std::vector<Change> changes, const QString &text);
    [[nodiscard]] static QString describe(const std::vector<Change> &changes, MarkStatus status);
    void apply(bool forward);

    CaseSession &m_session;
    // Shared with a background write, which may outlive the command.
    std::shared_ptr<const std::vector<Change>> m_changes;
    Applied m_applied = Applied::No;
};

} // namespace ea
