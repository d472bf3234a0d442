#include "core/exportfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <sys/stat.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <optional>

namespace ea {

namespace {

// SQLite's files beside a case: a write over one of them damages the case as
// surely as a write over the case itself.
constexpr std::array<QLatin1String, 3> kSidecarSuffixes
    = {QLatin1String("-journal"), QLatin1String("-wal"), QLatin1String("-shm")};

// stat() with symlinks followed; nullopt when there is nothing there.
std::optional<struct stat> statOf(const QString &path)
{
    struct stat st = {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return std::nullopt;
    return st;
}

// The absolute path that `path` reaches once symlinks are followed, also for
// a file that does not exist yet: its canonical folder plus its name, through
// a dangling symlink to where the link points.
QString resolvedPath(const QString &path)
{
    QString current = QFileInfo(path).absoluteFilePath();
    for (int hops = 0; hops < 40; ++hops) {
        const QFileInfo info(current);
        if (info.exists())
            return info.canonicalFilePath();
        if (!info.isSymLink()) {
            const QString folder = QFileInfo(info.absolutePath()).canonicalFilePath();
            return folder.isEmpty() ? current : QDir(folder).filePath(info.fileName());
        }
        current = info.symLinkTarget();
    }
    return current;
}

} // namespace

ExportFile::ExportFile(QString path, QString casePath)
    : m_path(std::move(path))
    , m_casePath(std::move(casePath))
{ }

ExportFile::~ExportFile()
{
    cancel();
}

Error ExportFile::checkTarget(const QString &path, const QString &casePath)
{
    const QString name = QDir::toNativeSeparators(path);
    const std::optional<struct stat> target = statOf(path);
    if (target && !S_ISREG(target->st_mode))
        return Error(tr("Cannot write %1: it is not a regular file").arg(name),
                     Error::Code::Invalid);
    if (casePath.isEmpty())
        return {};

    const QString resolved = resolvedPath(path);
    for (std::size_t k = 0; k <= kSidecarSuffixes.size(); ++k) {
        const QString guarded = k == 0 ? casePath : casePath + kSidecarSuffixes[k - 1];
        const std::optional<struct stat> st = statOf(guarded);
        const bool same
            = (target && st && st->st_dev == target->st_dev && st->st_ino == target->st_ino)
            || resolvedPath(guarded) == resolved;
        if (!same)
            continue;
        const QString caseName = QDir::toNativeSeparators(casePath);
        return Error(k == 0
                         ? tr("Cannot write %1: it is the case file %2 itself").arg(name, caseName)
                         : tr("Cannot write %1: it is the SQLite file %2 of the case %3")
                               .arg(name, QDir::toNativeSeparators(guarded), caseName),
                     Error::Code::Invalid);
    }
    return {};
}

bool ExportFile::failWith(const QString &reason)
{
    if (m_error.isNull()) {
        m_error = Error(tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(m_path), reason),
                        Error::Code::Io);
    }
    cancel();
    return false;
}

bool ExportFile::open()
{
    if (Error refused = checkTarget(m_path, m_casePath)) {
        m_error = refused;
        return false;
    }
    m_file = std::make_unique<QSaveFile>(m_path);
    if (!m_file->open(QIODevice::WriteOnly))
        return failWith(m_file->errorString());
    return true;
}

// Why the last write or flush failed. A write that stored only part of the
// bytes leaves Qt with "Unknown error"; the system's errno of the attempt that
// failed (EFBIG, ENOSPC) names the real reason.
QString ExportFile::writeError(int savedErrno) const
{
    if (savedErrno != 0)
        return QString::fromLocal8Bit(std::strerror(savedErrno));
    return m_file->errorString();
}

bool ExportFile::write(std::string_view bytes)
{
    if (!m_file || !m_error.isNull())
        return false;
    errno = 0;
    if (m_file->write(bytes.data(), qint64(bytes.size())) != qint64(bytes.size()))
        return failWith(writeError(errno));
    return true;
}

bool ExportFile::commit()
{
    if (!m_file || !m_error.isNull())
        return false;
    // flush() first: commit() alone loses the error of the buffered tail.
    errno = 0;
    if (!m_file->flush() || m_file->error() != QFileDevice::NoError)
        return failWith(writeError(errno));
    if (!m_file->commit()) {
        const QString reason = m_file->errorString();
        m_file.reset();
        return failWith(reason);
    }
    m_file.reset();
    return true;
}

void ExportFile::cancel()
{
    if (m_file) {
        m_file->cancelWriting();
        m_file.reset();
    }
}

Result<> ExportFile::writeAll(const QString &path, const QString &casePath, std::string_view bytes)
{
    ExportFile file(path, casePath);
    if (!file.open() || !file.write(bytes) || !file.commit())
        return file.error();
    return {};
}

} // namespace ea
