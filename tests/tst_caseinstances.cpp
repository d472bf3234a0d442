// One window per case: a case opened while another Egress Auditor window has
// it goes to that window (in this process or another), never into a second
// writer; a socket left by a dead process is taken over.

#include "caseinstances.h"
#include "casesession.h"
#include "mainwindow.h"
#include "messagebar.h"
#include "testutils.h"

#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace ea;
using namespace ea::test;

class TestCaseInstances : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void claimsAreExclusiveAndForwardsArrive();
    void staleSocketIsTakenOver();
    void requestsOverTheSocketAreChecked();
    void secondWindowHandsTheCaseToTheFirst();
    void secondProcessHandsTheCaseToTheFirst();

private:
    QTemporaryDir m_dir;
};

void TestCaseInstances::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("EgressAuditorTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_caseinstances"));
    QSettings().clear();
}

void TestCaseInstances::claimsAreExclusiveAndForwardsArrive()
{
    const QString path = m_dir.filePath(QStringLiteral("a.eacase"));
    const QString other = m_dir.filePath(QStringLiteral("b.eacase"));
    CaseInstances first;
    CaseInstances second;
    QVERIFY(first.claim(path));
    QVERIFY(first.claim(path)); // again: still ours
    QVERIFY(!second.claim(path));
    QVERIFY(second.claim(other));

    QSignalSpy activated(&first, &CaseInstances::activated);
    QVERIFY(CaseInstances::forward(path, {QStringLiteral("x.csv")}));
    QTRY_COMPARE(activated.count(), 1);
    QCOMPARE(activated.at(0).at(0).toStringList(),
             QStringList {QFileInfo(QStringLiteral("x.csv")).absoluteFilePath()});
    QVERIFY(!CaseInstances::forward(m_dir.filePath(QStringLiteral("nobody.eacase"))));

    // Released (a case switch or close), it can be claimed elsewhere.
    QVERIFY(first.claim(QString()));
    QVERIFY(first.claimed().isEmpty());
    QVERIFY(second.claim(path));
    QVERIFY(!first.claim(path));
}

void TestCaseInstances::staleSocketIsTakenOver()
{
    const QString path = m_dir.filePath(QStringLiteral("stale.eacase"));
    // A socket file nobody listens on, as a killed process leaves it.
    {
        QLocalServer dead;
        QVERIFY(dead.listen(CaseInstances::serverName(path)));
        const QString file = dead.fullServerName();
        dead.close(); // removes the file: put one back
        QFile placeholder(file);
        QVERIFY(placeholder.open(QIODevice::WriteOnly));
    }
    QVERIFY(!CaseInstances::forward(path, {}, 500));
    CaseInstances owner;
    QVERIFY(owner.claim(path));
    QSignalSpy activated(&owner, &CaseInstances::activated);
    QVERIFY(CaseInstances::forward(path));
    QTRY_COMPARE(activated.count(), 1);
}

// The socket is reachable by any process of the user: a request is read
// whole, checked, and answered; anything else is dropped.
void TestCaseInstances::requestsOverTheSocketAreChecked()
{
    const QString path = m_dir.filePath(QStringLiteral("socket.eacase"));
    CaseInstances owner;
    QVERIFY(owner.claim(path));
    QSignalSpy activated(&owner, &CaseInstances::activated);
    const auto send = [&path](const QByteArray &request) {
        auto socket = std::make_unique<QLocalSocket>();
        socket->connectToServer(CaseInstances::serverName(path));
        if (socket->waitForConnected(1000)) {
            socket->write(request);
            socket->flush();
        }
        return socket;
    };
    // In two parts, with an export: taken, answered, and queued.
    std::unique_ptr<QLocalSocket> good = send("open\n/data/x.csv\n");
    QTest::qWait(50);
    QCOMPARE(activated.count(), 0);
    good->write("\n");
    QTRY_COMPARE(activated.count(), 1);
    QCOMPARE(activated.at(0).at(0).toStringList(), QStringList {QStringLiteral("/data/x.csv")});
    QTRY_VERIFY(good->bytesAvailable() > 0 || good->state() == QLocalSocket::UnconnectedState);
    QCOMPARE(good->readAll(), QByteArray("k"));

    // A relative path, another verb, too many paths, too many bytes: dropped.
    QByteArray many = "open\n";
    for (int i = 0; i < 1001; ++i)
        many += "/x\n";
    many += '\n';
    const QList<QByteArray> bad {QByteArray("open\nx.csv\n\n"), QByteArray("quit\n\n"), many,
                                 QByteArray(2 << 20, 'a')};
    for (const QByteArray &request : bad) {
        std::unique_ptr<QLocalSocket> socket = send(request);
        QTRY_COMPARE_WITH_TIMEOUT(socket->state(), QLocalSocket::UnconnectedState, 5000);
        QVERIFY(socket->readAll().isEmpty());
    }
    QCOMPARE(activated.count(), 1);
    QVERIFY(CaseInstances::forward(path)); // still serving
}

void TestCaseInstances::secondWindowHandsTheCaseToTheFirst()
{
    const QString path = m_dir.filePath(QStringLiteral("window.eacase"));
    MainWindow first;
    first.show();
    QVERIFY(first.openCase(path, true));
    QTRY_VERIFY(first.session()->isOpen());
    QCOMPARE(first.caseInstances()->claimed(), path);

    MainWindow second;
    second.show();
    QSignalSpy activated(first.caseInstances(), &CaseInstances::activated);
    QVERIFY(!second.openCase(path, false));
    QTRY_COMPARE(activated.count(), 1);
    QVERIFY(!second.session()->isOpen() && !second.session()->isOpening());
    QVERIFY2(second.statusBar()->currentMessage().contains(QStringLiteral("another")),
             qPrintable(second.statusBar()->currentMessage()));

    // Another case: the first window gives this one up, the second may open it.
    QVERIFY(first.openCase(m_dir.filePath(QStringLiteral("window2.eacase")), true));
    QTRY_COMPARE(first.caseInstances()->claimed(),
                 m_dir.filePath(QStringLiteral("window2.eacase")));
    QVERIFY(second.openCase(path, false));
    QTRY_VERIFY(second.session()->isOpen());
    QCOMPARE(second.caseInstances()->claimed(), path);
}

void TestCaseInstances::secondProcessHandsTheCaseToTheFirst()
{
    const QString path = m_dir.filePath(QStringLiteral("process.eacase"));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("LANGUAGE"), QStringLiteral("en"));
    QProcess first;
    first.setProcessEnvironment(env);
    first.start(QStringLiteral(EA_GUI_BINARY), {QStringLiteral("--case"), path});
    QVERIFY(first.waitForStarted());
    // The window answers for the case once it is open.
    QTRY_VERIFY_WITH_TIMEOUT(CaseInstances::forward(path, {}, 1000), 60000);
    QVERIFY(!CaseInstances().claim(path));

    QProcess second;
    second.setProcessEnvironment(env);
    second.start(QStringLiteral(EA_GUI_BINARY), {path});
    QVERIFY(second.waitForFinished(30000));
    QCOMPARE(second.exitStatus(), QProcess::NormalExit);
    QCOMPARE(second.exitCode(), 0);
    QVERIFY2(second.readAllStandardOutput().contains("is open in another window"),
             "the second process said nothing");
    QCOMPARE(first.state(), QProcess::Running);

    first.kill(); // no clean-up: its socket stays behind
    QVERIFY(first.waitForFinished(30000));
    CaseInstances next;
    QVERIFY(next.claim(path));
}

QTEST_MAIN(TestCaseInstances)
#include "tst_caseinstances.moc"
