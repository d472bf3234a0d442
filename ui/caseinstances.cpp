#include "caseinstances.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QLocalServer>
#include <QLocalSocket>
#include <QStandardPaths>

#include <sys/stat.h>
#include <unistd.h>

namespace ea {

namespace {

// The request: "open\n", one absolute export path per line (UTF-8), then an
// empty line. Answered with one byte once the owner has taken it. Anything
// else, longer or with more paths is dropped: the socket is reachable by
// every process of the user, not only by this program.
constexpr char kAck = 'k';
constexpr qint64 kMaxRequestBytes = 1 << 20;
constexpr int kMaxPaths = 1000;

QString canonical(const QString &path)
{
    const QFileInfo info(path);
    const QString resolved = info.canonicalFilePath();
    return resolved.isEmpty() ? QDir::cleanPath(info.absoluteFilePath()) : resolved;
}

// The user's private runtime folder (XDG_RUNTIME_DIR, or the folder Qt makes
// in its place), or an empty string when it is not this user's alone: then
// there is no socket, and one window per case is not enforced rather than
// trusted to a name any user could take.
QString privateFolder()
{
    static const QString folder = [] {
        const QString path = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
        struct stat info
        {
        };
        if (path.isEmpty() || ::stat(QFile::encodeName(path).constData(), &info) != 0
            || !S_ISDIR(info.st_mode) || info.st_uid != ::getuid() || (info.st_mode & 077) != 0)
            return QString();
        return path;
    }();
    return folder;
}

// The claims of this process's windows (GUI thread only): a window asking
// its own process is answered without the socket, whose answer it would
// block waiting for.
QHash<QString, CaseInstances *> &ownClaims()
{
    static QHash<QString, CaseInstances *> claims;
    return claims;
}

// The export paths of a whole request, or nullopt while it is incomplete;
// `bad` set when it is malformed.
std::optional<QStringList> parseRequest(const QByteArray &data, bool &bad)
{
    if (!data.endsWith("\n\n"))
        return std::nullopt;
    const QList<QByteArray> lines = data.left(data.size() - 2).split('\n');
    if (lines.isEmpty() || lines.front() != "open" || lines.size() - 1 > kMaxPaths) {
        bad = true;
        return std::nullopt;
    }
    QStringList paths;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QString path = QString::fromUtf8(lines[i]);
        if (!QDir::isAbsolutePath(path)) {
            bad = true;
            return std::nullopt;
        }
        paths << path;
    }
    return paths;
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
    const QString folder = privateFolder();
    if (folder.isEmpty())
        return {};
    const QByteArray digest
        = QCryptographicHash::hash(canonical(casePath).toUtf8(), QCryptographicHash::Sha256);
    // Not QLocalServer::UserAccessOption: with it, listen() binds elsewhere
    // and renames over an existing socket, so a second window would take
    // the name from the first instead of failing. The folder keeps others
    // out.
    return QStringLiteral("%1/egress-auditor-%2")
        .arg(folder, QString::fromLatin1(digest.toHex().left(24)));
}

bool CaseInstances::claim(const QString &casePath)
{
    if (!casePath.isEmpty() && m_server && canonical(casePath) == m_key)
        return true;
    if (!m_key.isEmpty() && ownClaims().value(m_key) == this)
        ownClaims().remove(m_key);
    if (m_server) {
        // Later: a request being read may still be on the stack.
        m_server->close();
        m_server->deleteLater();
        m_server = nullptr;
    }
    m_claimed.clear();
    m_key.clear();
    if (casePath.isEmpty())
        return true;
    const QString key = canonical(casePath);
    if (ownClaims().contains(key))
        return false;
    const QString name = serverName(casePath);
    if (name.isEmpty())
        return true; // no private folder: not enforced
    auto server = std::make_unique<QLocalServer>(this);
    if (!server->listen(name)) {
        if (server->serverError() != QAbstractSocket::AddressInUseError)
            return true; // no socket here: not enforced
        // A live owner answers; a socket nobody answers on is a dead
        // process's, taken over.
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
    m_key = key;
    ownClaims().insert(key, this);
    connect(m_server, &QLocalServer::newConnection, this, &CaseInstances::readRequest);
    return true;
}

void CaseInstances::readRequest()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, socket, [this, socket] {
            QByteArray &data = m_pending[socket];
            data += socket->readAll();
            bool bad = data.size() > kMaxRequestBytes;
            const std::optional<QStringList> exports = bad ? std::nullopt : parseRequest(data, bad);
            if (bad || exports)
                m_pending.remove(socket);
            if (bad) {
                socket->abort();
                return;
            }
            if (!exports)
                return; // wait for the rest
            socket->write(&kAck, 1);
            socket->disconnectFromServer();
            // Queued: what it starts (an import dialog's event loop) must not
            // run inside this socket's signal.
            QMetaObject::invokeMethod(
                this, [this, paths = *exports] { Q_EMIT activated(paths); }, Qt::QueuedConnection);
        });
        connect(socket, &QObject::destroyed, this, [this, socket] { m_pending.remove(socket); });
    }
}

bool CaseInstances::forward(const QString &casePath, const QStringList &exports, int timeoutMs)
{
    QStringList absolute;
    for (const QString &file : exports)
        absolute << QFileInfo(file).absoluteFilePath();
    if (CaseInstances *owner = ownClaims().value(canonical(casePath))) {
        QMetaObject::invokeMethod(
            owner, [owner, absolute] { Q_EMIT owner->activated(absolute); }, Qt::QueuedConnection);
        return true;
    }
    const QString name = serverName(casePath);
    if (name.isEmpty())
        return false;
    QLocalSocket socket;
    socket.connectToServer(name);
    if (!socket.waitForConnected(std::min(timeoutMs, 1000)))
        return false;
    QByteArray request = "open\n";
    for (const QString &path : absolute) {
        if (path.contains(QLatin1Char('\n')))
            continue; // cannot be sent as a line; such a file is not imported
        request += path.toUtf8() + '\n';
    }
    request += '\n';
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
