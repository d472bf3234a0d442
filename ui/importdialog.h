#pragma once

#include "importrunner.h"

#include "import/importpreview.h"

#include <QDialog>
#include <QStringList>

#include <array>
#include <vector>

class QComboBox;
class QLabel;
class QListWidget;
class QTableWidget;
class QDialogButtonBox;

namespace ea {

// Shown before an import commits: for each file the detected format, what the
// file holds, and the column chosen for each role, which the analyst may
// change (the CLI's --map choices). A file that cannot be imported as mapped
// says why and disables Import until it is fixed or removed.
class ImportDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit ImportDialog(const QStringList &files, QWidget *parent = nullptr);
    ~ImportDialog() override;

    // The files with the analyst's overrides, in the order given.
    [[nodiscard]] std::vector<ImportRequest> requests() const;
    // For tests: the preview of file k with the current overrides.
    [[nodiscard]] const ImportPreview &preview(int file) const;
    // For tests and keyboard users: choose a column for a role of the current
    // file ("" = none). Returns false when the file has no such column.
    bool setColumn(FieldRole role, const QString &column);

private:
    struct FileState
    {
        QString path;
        std::vector<MappingOverride> overrides;
        ImportPreview preview;
    };

    void showFile(int file);
    void refreshPreview(int file);
    void columnChosen(FieldRole role);
    void removeCurrentFile();
    void updateAcceptable();

    std::vector<FileState> m_files;
    int m_current = -1;
    bool m_updating = false;
    QListWidget *m_fileList = nullptr;
    QLabel *m_format = nullptr;
    QLabel *m_error = nullptr;
    std::array<QComboBox *, kFieldRoleCount> m_roleBoxes {};
    QTableWidget *m_sample = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace ea
