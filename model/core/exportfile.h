#pragma once

#include "core/error.h"

#include <QCoreApplication>
#include <QString>

#include <memory>
#include <string_view>

class QSaveFile;

namespace ea {

// The one way an export reaches a file. The target is checked first: it may
// not be the case the data comes from, nor its SQLite sidecars (-journal,
// -wal, -shm, existing or not), however it is spelled (./, a symlink, a hard
// link: compared by device and inode, else by canonical path), and it must be
// a regular file if it exists. The bytes go to a temporary file renamed into
// place (QSaveFile); every write and an explicit flush before the rename are
// checked, because Qt 6.4's QSaveFile::commit() does not report a failed
// buffered write (a full disk would become an empty file and "success"). On
// any failure the previous file is left exactly as it was.
class ExportFile
{
    Q_DECLARE_TR_FUNCTIONS(ea::ExportFile)

public:
    // casePath: the open case whose files an export must never replace;
    // empty when there is none.
    ExportFile(QString path, QString casePath);
    ~ExportFile(); // an uncommitted file is discarded
    ExportFile(const ExportFile &) = delete;
    ExportFile &operator=(const ExportFile &) = delete;

    // Each returns false on failure, with error() saying why; after a
    // failure the later calls fail too and commit() leaves the old file.
    [[nodiscard]] bool open();
    [[nodiscard]] bool write(std::string_view bytes);
    [[nodiscard]] bool commit();
    void cancel();

    // "Cannot write FILE: reason" (Code::Io, or Code::Invalid for a refused
    // target); null before a failure.
    [[nodiscard]] const Error &error() const noexcept { return m_error; }

    // Why path may not be written as an export of the case at casePath;
    // null when it may.
    [[nodiscard]] static Error checkTarget(const QString &path, const QString &casePath);
    // open(), write(bytes), commit().
    static Result<> writeAll(const QString &path, const QString &casePath, std::string_view bytes);

private:
    bool failWith(const QString &reason);
    [[nodiscard]] QString writeError(int savedErrno) const;

    QString m_path;
    QString m_casePath;
    Error m_error;
    std::unique_ptr<QSaveFile> m_file;
};

} // namespace ea
