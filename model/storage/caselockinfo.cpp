#include "storage/caselockinfo.h"

#include <QDir>
#include <QFile>

#include <algorithm>

#include <sys/stat.h>
#include <unistd.h>

namespace ea {

namespace {

// The command line of a process, arguments separated by spaces, control
// characters shown as '?' (a file name may hold a newline); empty if unknown.
QString commandLine(qint64 pid)
{
    QFile file(QStringLiteral("/proc/%1/cmdline").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QByteArray bytes = file.read(4096);
    while (bytes.endsWith('\0'))
        bytes.chop(1);
    for (char &c : bytes) {
        if (c == '\0')
            c = ' ';
        else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            c = '?';
    }
    return QString::fromUtf8(bytes);
}

} // namespace

qint64 CaseLockInfo::writerProcess(const QString &casePath)
{
    // A rollback-journal case is locked on the file itself; a WAL-mode one
    // takes its write lock in the -shm file.
    QList<QByteArray> inodes;
    for (const QString &path : {casePath, QString(casePath + QStringLiteral("-shm"))}) {
        struct stat st
        {
        };
        if (::stat(QFile::encodeName(path).constData(), &st) == 0)
            inodes.append(':' + QByteArray::number(quint64(st.st_ino)));
    }
    QFile locks(QStringLiteral("/proc/locks"));
    if (inodes.isEmpty() || !locks.open(QIODevice::ReadOnly))
        return 0;
    // A /proc file has no size, so it is read to its end, not up to atEnd().
    // "1: POSIX  ADVISORY  WRITE 4242 08:01:1234567 1073741825 1073741825";
    // a line with "->" is a process waiting for the lock, not holding it.
    const QByteArray text = locks.readAll();
    const qint64 self = ::getpid();
    for (const QByteArray &line : text.split('\n')) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() < 8 || fields.at(1) != "POSIX" || fields.at(3) != "WRITE")
            continue;
        const bool onCase
            = std::any_of(inodes.cbegin(), inodes.cend(),
                          [&](const QByteArray &inode) { return fields.at(5).endsWith(inode); });
        bool ok = false;
        const qint64 pid = fields.at(4).toLongLong(&ok);
        if (onCase && ok && pid > 0 && pid != self)
            return pid;
    }
    return 0;
}

QString CaseLockInfo::lockedMessage(const QString &casePath)
{
    const QString name = QDir::toNativeSeparators(casePath);
    const qint64 pid = writerProcess(casePath);
    if (pid == 0) {
        return tr("%1 is locked: another program is writing to it (an import or a change of "
                  "marks); try again when it has finished")
            .arg(name);
    }
    const QString command = commandLine(pid);
    if (command.isEmpty()) {
        return tr("%1 is locked: process %2 is writing to it (an import or a change of marks); "
                  "try again when it has finished")
            .arg(name)
            .arg(pid);
    }
    return tr("%1 is locked: another import or change of marks is running, process %2: %3; "
              "try again when it has finished")
        .arg(name)
        .arg(pid)
        .arg(command);
}

} // namespace ea
