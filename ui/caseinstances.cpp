#include "caseinstances.h"

#include <QCryptographicHash>
#include <QDataStream>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QLocalServer>
#include <QLocalSocket>
#include <QStandardPaths>

#include <unistd.h>

namespace ea {

namespace {

// "open" followed by the export paths: a QDataStream of a QStringList.
// Answered with one byte once the owner has taken it.
constexpr char kAck = 'k';
constexpr int kMaxRequestBytes = 1 << 20;

QString canonical(const QString &path)
{
    const QFileInfo info(path);
    const QString resolved = info.canonicalFilePath();
    return resolved.isEmpty() ? QDir::cleanPath(info.absoluteFilePath()) : resolved;
}

// The claims of this process's windows (GUI thread only): a window asking
// its own process is answered without the socket, whose answer it would
// block waiting for.
QHash<QString, CaseInstances *> &ownClaims()
{
    static QHash<QString, CaseInstances *> claims;
    return claims;
}

} // namespace

CaseInstances::CaseInstances(QObject *parent)
    : QObject(parent)
{ }

CaseInstances::~CaseInstances()
{
    claim(QString());
}

QString CaseInstances::serverName(const QString &casePath)
{
    const QByteArray digest
        = QCryptographicHash::hash(canonical(casePath).toUtf8(), QCryptographicHash::Sha256);
    // In the user's runtime folder (XDG_RUNTIME_DIR, or the 0700 folder Qt
    // makes in its place): no other user reaches or squats the name. Not
    // QLocalServer::UserAccessOption: with it, listen() binds elsewhere and
    // renames over an existing socket, so a second window would take the
    // name from the first instead of failing.
    QString folder = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    if (folder.isEmpty())
        folder = QDir::tempPath();
    return QStringLiteral("%1/egress-auditor-%2-%3")
        .arg(folder)
        .arg(::getuid())
        .arg(QString::fromLatin1(digest.toHex().left(24)));
}

bool CaseInstances::claim(const QString &casePath)
{
    if (!casePath.isEmpty() && m_server && canonical(casePath) == canonical(m_claimed))
        return true;
    if (!m_claimed.isEmpty())
        ownClaims().remove(canonical(m_claimed));
    delete m_server; // closes it: the old case is no longer ours
    m_server = nullptr;
    m_claimed.clear();
    if (casePath.isEmpty())
        return true;
    if (ownClaims().contains(canonical(casePath)))
        return false;
    const QString name = serverName(casePath);
    auto server = std::make_unique<QLocalServer>(this);
    if (!server->listen(name)) {
        // A live owner answers; a socket nobody answers on is a dead
        // process's, taken over.
        if (server->serverError() != QAbstractSocket::AddressInUseError)
            return true; // no socket here: one window per case is not enforced
        QLocalSocket probe;
        probe.connectToServer(name);
        if (probe.waitForConnected(500))
            return false;
        QLocalServer::removeServer(name);
        if (!server->listen(name))
            return false;
    }
    m_server = server.release();
    m_claimed = casePath;
    ownClaims().insert(canonical(casePath), this);
    connect(m_server, &QLocalServer::newConnection, this, &CaseInstances::readRequest);
    return true;
}

void CaseInstances::readRequest()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
            if (socket->bytesAvailable() > kMaxRequestBytes) {
                socket->abort();
                return;
            }
            QDataStream in(socket);
            in.startTransaction();
            QString verb;
            QStringList exports;
            in >> verb >> exports;
            if (!in.commitTransaction())
                return; // wait for the rest
            if (verb != QLatin1String("open")) {
                socket->abort();
                return;
            }
            socket->write(&kAck, 1);
            socket->flush();
            Q_EMIT activated(exports);
        });
    }
}

bool CaseInstances::forward(const QString &casePath, const QStringList &exports, int timeoutMs)
{
    QStringList absolute;
    for (const QString &file : exports)
        absolute << QFileInfo(file).absoluteFilePath();
    if (CaseInstances *owner = ownClaims().value(canonical(casePath))) {
        Q_EMIT owner->activated(absolute);
        return true;
    }
    QLocalSocket socket;
    socket.connectToServer(serverName(casePath));
    if (!socket.waitForConnected(std::min(timeoutMs, 1000)))
        return false;
    QByteArray request;
    QDataStream out(&request, QIODevice::WriteOnly);
    out << QStringLiteral("open") << absolute;
    socket.write(request);
    if (!socket.waitForBytesWritten(timeoutMs))
        return false;
    while (socket.bytesAvailable() < 1) {
        if (!socket.waitForReadyRead(timeoutMs))
            return false;
    }
    char answer = 0;
    return socket.read(&answer, 1) == 1 && answer == kAck;
}

} // namespace ea
