#pragma once

#include "preferences.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace ea {

// Edit → Preferences…: language (applies at the next start), time display,
// the toggles a case opens with, the size of the top charts, the MaxMind
// databases the destinations' owners are looked up in, and a button
// that puts the window's layout back as it was first shown.
class PreferencesDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit PreferencesDialog(const Preferences &current, QWidget *parent = nullptr);
    ~PreferencesDialog() override;

    // The choices as they stand in the dialog.
    [[nodiscard]] Preferences preferences() const;

Q_SIGNALS:
    // "Reset layout" was pressed: the window resets at once.
    void resetLayoutRequested();

private:
    void updateLanguageNote();
    void addOwnerDatabase();
    void addOwnerItem(const QString &path);
    void updateOwnerButtons();

    QString m_startLanguage;
    QComboBox *m_language = nullptr;
    QLabel *m_languageNote = nullptr;
    QRadioButton *m_utc = nullptr;
    QRadioButton *m_local = nullptr;
    QCheckBox *m_showAll = nullptr;
    QCheckBox *m_hideReviewed = nullptr;
    QCheckBox *m_outboundOnly = nullptr;
    QCheckBox *m_externalProcesses = nullptr;
    QSpinBox *m_topCount = nullptr;
    QListWidget *m_ownerDatabases = nullptr;
    QPushButton *m_removeDatabase = nullptr;
    QPushButton *m_raiseDatabase = nullptr;
};

} // namespace ea
