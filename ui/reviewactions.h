#pragma once

#include "destinationsmodel.h"

#include "storage/markstatus.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

class QAction;
class QUndoStack;
class QWidget;

namespace ea {

class CaseSession;

// The Review menu: mark the selected destinations or a typed block, the
// internal networks, allowlists in and out. Every change of marks is a
// MarkCommand on the window's undo stack, saved in the case at once.
class ReviewActions final : public QObject
{
    Q_OBJECT

public:
    using SelectedRows = std::function<SnapshotRows()>; // in view order

    ReviewActions(CaseSession &session, QUndoStack &undoStack, SelectedRows selectedRows,
                  QWidget *dialogParent);
    ~ReviewActions() override;

    // One action per status, with its icon and shortcut (Ctrl+1 … Ctrl+4,
    // Ctrl+0 for unreviewed), acting on the selection.
    [[nodiscard]] const QList<QAction *> &markActions() const noexcept { return m_markActions; }

    // Unreviewed removes the marks. note nullopt keeps each block's note.
    void markSelection(MarkStatus status, const std::optional<std::string> &note = std::nullopt);
    // A typed address or block; false (and errorOccurred) when it is not one.
    bool markTarget(const QString &target, MarkStatus status, const std::string &note);
    void markWithDialog(bool useSelection);
    void showInternalNetworks();
    void importAllowlist(const QString &path);
    void exportAllowlist(const QString &path);
    // Reads a known list (text, CSV, AWS, Azure or Google ranges) into the
    // case as `name` (replacing the list of that name when replace) on the
    // writer thread, after the writes queued before it; listsChanged() and a
    // report follow.
    void importKnownList(const QString &path, const QString &name, bool replace);
    // Marks the destinations the named list holds with status (notes "list
    // NAME: LABEL"; marks the list did not make stay) on the writer thread:
    // one undoable step.
    void applyKnownList(const QString &name, MarkStatus status);
    // The case's known lists, with Remove (KnownListsDialog).
    void showKnownLists();
    // Removes the named list from the case on the writer thread; the marks it
    // made stay. listsChanged() and a status message follow.
    void removeKnownList(const QString &name);
    // Puts the data-lake query (DataLakeQuery: this audit as SQL for the SLS
    // connections table, with the case's marks) on the clipboard; Athena's
    // when athena, else Trino's.
    void copyDataLakeQuery(bool athena);

Q_SIGNALS:
    void errorOccurred(const QString &message);
    // The case's known lists changed: the views match the destinations again.
    void listsChanged();
    // A summary for the message bar (rich text); warning when rows were refused.
    void reportReady(const QString &html, bool warning);
    void statusMessage(const QString &text);

private:
    using Targets = std::function<std::vector<struct Cidr>()>;

    void push(const std::vector<struct Cidr> &targets, MarkStatus status,
              const std::optional<std::string> &note);
    // A large step: targets() is called, the changes computed and written on
    // the session's writer thread; the step is pushed when it has landed.
    void pushInBackground(Targets targets, MarkStatus status,
                          const std::optional<std::string> &note);
    // Marks the rows: on the writer thread when they are many.
    void markRows(SnapshotRows selected, MarkStatus status, const std::optional<std::string> &note);

    CaseSession &m_session;
    QUndoStack &m_undoStack;
    SelectedRows m_selectedRows;
    QWidget *m_dialogParent = nullptr;
    QList<QAction *> m_markActions;
};

} // namespace ea
