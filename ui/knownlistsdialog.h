#pragma once

#include <QDialog>

class QLabel;
class QPushButton;
class QTableWidget;

namespace ea {

class CaseSession;
class ReviewActions;

// The case's known lists (Review → Known lists…): name, format, provider
// version, blocks, when and from which file each was imported; Remove takes
// one out of the case (on the writer thread, through ReviewActions). Marks a
// list made stay: they are the analyst's marks like any other.
class KnownListsDialog final : public QDialog
{
    Q_OBJECT

public:
    KnownListsDialog(CaseSession &session, ReviewActions &review, QWidget *parent = nullptr);
    ~KnownListsDialog() override;

    // The names shown, in table order (for tests).
    [[nodiscard]] QStringList names() const;
    // Asks, then removes the named list; false when there is none, one is
    // being removed or the analyst declined. `ask` false skips the question
    // (tests).
    bool removeList(const QString &name, bool ask = true);

private:
    void reload();

    CaseSession &m_session;
    ReviewActions &m_review;
    QTableWidget *m_table = nullptr;
    QLabel *m_empty = nullptr;
    QPushButton *m_remove = nullptr;
    bool m_removing = false; // a removal is on its way to the writer thread
};

} // namespace ea
