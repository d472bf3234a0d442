#pragma once

#include "importrunner.h"

#include "import/importpreview.h"
#include "storage/casequeries.h"

#include <QDialog>
#include <QStringList>

#include <array>
#include <atomic>
#include <memory>
#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QListWidget;
class QTableWidget;
class QDialogButtonBox;

namespace ea {

// Shown before an import commits: for each file the detected format, what the
// file holds, its first rows (or records), and the column chosen for each
// role, which the analyst may change (the CLI's --map choices). A file that
// cannot be imported as mapped says why in the GUI's words and is left out;
// the others still import ("Import 2 of 3 files"). A mapping that would make
// most rows fail is warned about before the import. A file the case already
// holds (same SHA-256 as one of `imported`, checked off the GUI thread when
// a source has its size) is skipped unless "Import this file again" is ticked.
class ImportDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit ImportDialog(const QStringList &files, QWidget *parent = nullptr);
    ImportDialog(const QStringList &files, std::vector<SourceRow> imported,
                 QWidget *parent = nullptr);
    ~ImportDialog() override;

    // The files that will be imported, with the analyst's overrides, in the
    // order given (a refused file, or a duplicate not to import again, is
    // left out).
    [[nodiscard]] std::vector<ImportRequest> requests() const;
    // For tests: whether file k goes in, whether it is still being compared
    // with the case's sources, the current file's message (refusal or
    // duplicate) and warnings as shown, and ticking "Import this file again".
    [[nodiscard]] bool isImportable(int file) const;
    [[nodiscard]] bool isCheckingDuplicates() const;
    [[nodiscard]] QString messageText() const;
    [[nodiscard]] QString warningText() const;
    void setImportAgain(bool again);
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
        bool checking = false; // hashing it to compare with the case's sources
        std::optional<SourceRow> duplicateOf;
        bool again = false; // import it although the case holds it
    };

    [[nodiscard]] QString messageFor(const FileState &state) const;
    [[nodiscard]] bool importable(const FileState &state) const;
    void checkDuplicate(std::size_t file);
    void showSample(const ImportPreview &preview);
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
    QLabel *m_warning = nullptr;
    QCheckBox *m_again = nullptr;
    std::vector<SourceRow> m_imported;
    int m_checking = 0;
    // Set when the dialog goes: hashes still running stop.
    std::shared_ptr<std::atomic_bool> m_closing = std::make_shared<std::atomic_bool>(false);
    std::array<QComboBox *, kFieldRoleCount> m_roleBoxes {};
    QTableWidget *m_sample = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace ea
