#pragma once

#include "storage/markstatus.h"

#include <QDialog>

#include <cstdint>
#include <string>
#include <vector>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace ea {

struct Cidr;

// Mark the selected destinations, or a typed address or CIDR block, with a
// status and a note. With no selection the target is typed and checked as the
// analyst types (Marks::parseTarget: the same rules as the CLI).
class MarkDialog final : public QDialog
{
    Q_OBJECT

public:
    // selected: how many destinations are selected; with one, target is its
    // address, shown to edit; with several the dialog marks the selection
    // (marksSelection()), which the caller holds: a million rows are never
    // turned into text here. With none the target is typed.
    MarkDialog(const QString &target, std::size_t selected, MarkStatus status, const QString &note,
               QWidget *parent = nullptr);
    ~MarkDialog() override;

    // True when the OK means "the selected destinations"; targets() is then
    // empty.
    [[nodiscard]] bool marksSelection() const;
    // The target typed (or the one selected destination, edited or not).
    [[nodiscard]] std::vector<Cidr> targets() const;
    [[nodiscard]] MarkStatus status() const;
    [[nodiscard]] std::string note() const;

    // For tests and scripted use.
    void setTargetText(const QString &text);
    void setStatus(MarkStatus status);
    void setNote(const QString &note);

private:
    void validate();

    QLineEdit *m_target = nullptr;
    QLabel *m_targetError = nullptr;
    QComboBox *m_status = nullptr;
    QLineEdit *m_note = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace ea
