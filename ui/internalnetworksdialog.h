#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;
class QUndoStack;

namespace ea {

class CaseSession;

// The organisation's own networks: the marks with status internal (its global
// IPv6 /48, its public IPv4 blocks). Adding and removing go through the undo
// stack like every other mark, and are saved in the case at once.
class InternalNetworksDialog final : public QDialog
{
    Q_OBJECT

public:
    InternalNetworksDialog(CaseSession &session, QUndoStack &undoStack, QWidget *parent = nullptr);
    ~InternalNetworksDialog() override;

    // For tests and keyboard users.
    bool addNetwork(const QString &cidr, const QString &note);
    bool removeNetwork(const QString &cidr);
    [[nodiscard]] QStringList networks() const;

private:
    void reload();

    CaseSession &m_session;
    QUndoStack &m_undoStack;
    QTableWidget *m_table = nullptr;
    QLineEdit *m_cidr = nullptr;
    QLineEdit *m_note = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_remove = nullptr;
};

} // namespace ea
