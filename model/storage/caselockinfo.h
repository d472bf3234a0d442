#pragma once

#include <QCoreApplication>
#include <QString>

namespace ea {

// Who holds a case's write lock, for the message shown when SQLite answers
// "database is locked": another import (or a change of marks) is running.
//
// SQLite locks a rollback-journal database with POSIX record locks on a few
// bytes at 1 GiB (pending, reserved and shared bytes). On Linux,
// /proc/locks lists each lock with its process id and the file's inode, and
// /proc/PID/cmdline says what that process is, e.g.
// "egress-auditor-cli import --case c.eacase big.csv". Elsewhere, or when the
// holder cannot be seen, the message says only that another program writes.
// Nothing is written beside the case: a closed case stays one file.
class CaseLockInfo
{
    Q_DECLARE_TR_FUNCTIONS(ea::CaseLockInfo)

public:
    // A sentence for a case SQLite found locked, naming the holder where it
    // can be found.
    [[nodiscard]] static QString lockedMessage(const QString &casePath);
    // The id of a process (not this one) holding a write lock on the file,
    // or 0.
    [[nodiscard]] static qint64 writerProcess(const QString &casePath);
};

} // namespace ea
