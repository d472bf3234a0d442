#pragma once

#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

class QLocalServer;
class QLocalSocket;

namespace ea {

// One window per case, across processes: a case opened from the file
// manager (`egress-auditor FILE.eacase`) while another Egress Auditor
// window has it open goes to that window, never into a second writer.
//
// The window that has a case open listens on a local socket named after the
// case's canonical path, in the user's private runtime folder (no other user
// can reach it; without such a folder, one window per case is not enforced). Another process asks
// that socket first (forward()); the owner raises its window and imports any export files sent
// along. Claiming a name is atomic (listen() fails while the socket exists), so two windows started
// at once cannot both own a case. A socket left by a process that died answers nobody: it is found
// stale and replaced.
class CaseInstances final : public QObject
{
    Q_OBJECT

public:
    explicit CaseInstances(QObject *parent = nullptr);
    ~CaseInstances() override;

    // Makes this window the owner of `casePath` (empty: of none), releasing
    // the case owned before. False when another live window owns it.
    bool claim(const QString &casePath);
    [[nodiscard]] QString claimed() const { return m_claimed; }

    // Asks the window that owns `casePath` to come to the front and import
    // `exports` into it; true when one answered within `timeoutMs`.
    [[nodiscard]] static bool forward(const QString &casePath, const QStringList &exports = {},
                                      int timeoutMs = 3000);

    // The socket name for a case (for tests and messages).
    [[nodiscard]] static QString serverName(const QString &casePath);

Q_SIGNALS:
    // Another process opened the claimed case: show the window; import
    // `exports` (absolute paths) into it.
    void activated(const QStringList &exports);

private:
    void readRequest();

    QLocalServer *m_server = nullptr;
    QString m_claimed;
    QString m_key; // canonical(m_claimed) when claimed: the in-process table's key
    QHash<QLocalSocket *, QByteArray> m_pending; // requests read in part
};

} // namespace ea
