// Undoable review steps on a real case: MarkCommand (status and note kept or
// restored exactly, allowlist imports reverted) and the internal networks
// dialog built on it.

#include "casesession.h"
#include "internalnetworksdialog.h"
#include "markcommand.h"
#include "markdialog.h"

#include "address/ipaddress.h"
#include "review/allowlist.h"
#include "storage/marks.h"
#include "storage/sqlite.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStyle>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <memory>
#include <optional>
#include <string>
#include <vector>

using namespace ea;

namespace {

Cidr cidr(const char *text)
{
    const MarkTarget target = Marks::parseTarget(text);
    Q_ASSERT(target.ok());
    return target.cidr;
}

// "cidr status note" per mark, in address order: what undo must restore.
QStringList dump(const std::vector<Mark> &marks)
{
    QStringList lines;
    for (const Mark &m : marks) {
        lines << QString::fromStdString(m.cidrText + ' ' + std::string(markStatusId(m.status)) + ' '
                                        + m.note);
    }
    return lines;
}

QStringList dump(CaseSession &session)
{
    RowsResult<Mark> marks = session.marks()->marks();
    return marks.ok() ? dump(marks.value) : QStringList {marks.error.message()};
}

} // namespace

class TestMarkCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void markNoteStatusUndoRedo();
    void markDialogTypedTarget();
    void markDialogFitsItsContent();
    void markDialogSelection();
    void markUndoOfAllowlistImport();
    void internalNetworksAddRemoveUndo();
    void markOnLockedCaseChangesNothing();
    void backgroundStepsLandInOrder();
    void backgroundStepThatFailsIsReported();

private:
    void createCase();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CaseSession> m_session;
};

void TestMarkCommand::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("EgressAuditorTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_markcommand"));
    QSettings().clear();
}

void TestMarkCommand::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_session = std::make_unique<CaseSession>();
}

void TestMarkCommand::cleanup()
{
    m_session.reset();
    m_dir.reset();
}

void TestMarkCommand::createCase()
{
    const QString casePath = m_dir->filePath(QStringLiteral("case.eacase"));
    QVERIFY(m_session->open(casePath, CaseDatabase::OpenMode::CreateIfMissing).isNull());
}

void TestMarkCommand::markNoteStatusUndoRedo()
{
    createCase();
    if (QTest::currentTestFailed())
        return;
    QUndoStack stack;
    QSignalSpy marksChanged(m_session.get(), &CaseSession::marksChanged);
    const Cidr block = cidr("1.1.1.0/24");
    const auto current = [&]() -> QString {
        const Result<std::optional<Mark>> read = m_session->marks()->markFor(block);
        if (!read.ok())
            return read.error.message();
        const std::optional<Mark> &found = read.value;
        return found
            ? QString::fromStdString(std::string(markStatusId(found->status)) + ' ' + found->note)
            : QStringLiteral("none");
    };
    QString error;
    const auto push = [&](MarkStatus status, const std::optional<std::string> &note) {
        auto command = MarkCommand::create(*m_session, {block}, status, note, &error);
        const bool made = command != nullptr;
        if (command)
            stack.push(command.release());
        return made;
    };

    QVERIFY(push(MarkStatus::KnownSafe, std::string("cdn")));
    QCOMPARE(marksChanged.count(), 1);
    QCOMPARE(current(), QStringLiteral("known-safe cdn"));
    // Nothing to do: no command.
    QVERIFY(!push(MarkStatus::KnownSafe, std::string("cdn")));
    QVERIFY(!push(MarkStatus::KnownSafe, std::nullopt));
    QCOMPARE(error, QString());
    QCOMPARE(stack.count(), 1);

    // Another status and note; undo restores both exactly.
    QVERIFY(push(MarkStatus::Malicious, std::string("c2 beacon")));
    QCOMPARE(current(), QStringLiteral("malicious c2 beacon"));
    stack.undo();
    QCOMPARE(current(), QStringLiteral("known-safe cdn"));
    QCOMPARE(marksChanged.count(), 3);

    // A status change with no note keeps the note; it remembers the old mark.
    QVERIFY(push(MarkStatus::Suspicious, std::nullopt)); // drops the undone step
    QCOMPARE(current(), QStringLiteral("suspicious cdn"));
    const auto *top = static_cast<const MarkCommand *>(stack.command(stack.index() - 1));
    QCOMPARE(top->changes().size(), std::size_t(1));
    QVERIFY(top->changes()[0].before.has_value());
    QCOMPARE(top->changes()[0].before->status, MarkStatus::KnownSafe);
    QCOMPARE(marksChanged.count(), 4);

    stack.undo();
    QCOMPARE(current(), QStringLiteral("known-safe cdn"));
    stack.undo(); // the first mark: undo removes it
    QCOMPARE(current(), QStringLiteral("none"));
    QCOMPARE(dump(*m_session), QStringList());
    QCOMPARE(marksChanged.count(), 6);
    stack.redo();
    QCOMPARE(current(), QStringLiteral("known-safe cdn"));
    stack.redo();
    QCOMPARE(current(), QStringLiteral("suspicious cdn"));
    QCOMPARE(marksChanged.count(), 8);

    // Unreviewed removes the mark; undo brings back status and note.
    QVERIFY(push(MarkStatus::Unreviewed, std::nullopt));
    QCOMPARE(current(), QStringLiteral("none"));
    stack.undo();
    QCOMPARE(current(), QStringLiteral("suspicious cdn"));
    QCOMPARE(marksChanged.count(), 10);
}

void TestMarkCommand::markUndoOfAllowlistImport()
{
    createCase();
    if (QTest::currentTestFailed())
        return;
    Marks &marks = *m_session->marks();
    QVERIFY(marks.setMark("10.0.0.0/8", MarkStatus::Internal, "corp").ok());
    QVERIFY(marks.setMark("1.1.1.1", MarkStatus::Suspicious, "seen in phishing").ok());
    QVERIFY(marks.setMark("9.9.9.9", MarkStatus::KnownSafe, "quad9").ok());
    const std::vector<Mark> before = marks.marks().value;
    const QStringList beforeDump = dump(before);
    QCOMPARE(beforeDump.size(), 3);

    // Changes one mark, adds one, leaves two as they were.
    const QString allowlist = m_dir->filePath(QStringLiteral("allow.csv"));
    QFile file(allowlist);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("cidr,status,note\n1.1.1.1,known-safe,resolver\n8.8.8.0/24,known-safe,google\n"
               "9.9.9.9,known-safe,quad9\n10.0.0.0/8,internal,corp\n");
    file.close();
    const Allowlist::ImportResult imported
        = Allowlist::importFile(*m_session->database(), allowlist);
    QVERIFY2(imported.ok(), qPrintable(imported.error.message()));
    QCOMPARE(imported.added, 1);
    QCOMPARE(imported.updated, 1);
    const std::vector<Mark> after = marks.marks().value;
    const QStringList afterDump = dump(after);
    QCOMPARE(afterDump.size(), 4);

    QVERIFY(MarkCommand::changesBetween(after, after).empty());
    auto command = MarkCommand::written(*m_session, MarkCommand::changesBetween(before, after),
                                        QStringLiteral("Import allow.csv"));
    QVERIFY(command);
    QCOMPARE(command->changes().size(), std::size_t(2));
    QCOMPARE(command->text(), QStringLiteral("Import allow.csv"));

    QUndoStack stack;
    QSignalSpy marksChanged(m_session.get(), &CaseSession::marksChanged);
    stack.push(command.release()); // already applied (and told): writes nothing
    QCOMPARE(marksChanged.count(), 0);
    QCOMPARE(dump(*m_session), afterDump);
    stack.undo();
    QCOMPARE(marksChanged.count(), 1);
    QCOMPARE(dump(*m_session), beforeDump);
    stack.redo();
    QCOMPARE(marksChanged.count(), 2);
    QCOMPARE(dump(*m_session), afterDump);

    // A removal reverts too: the mark comes back with its note.
    QVERIFY(marks.removeMark("8.8.8.0/24").ok());
    auto removal
        = MarkCommand::written(*m_session, MarkCommand::changesBetween(after, marks.marks().value),
                               QStringLiteral("Remove 8.8.8.0/24"));
    QVERIFY(removal);
    stack.push(removal.release());
    QCOMPARE(dump(*m_session).size(), 3);
    stack.undo();
    QCOMPARE(dump(*m_session), afterDump);
    stack.undo();
    QCOMPARE(dump(*m_session), beforeDump);
}

void TestMarkCommand::internalNetworksAddRemoveUndo()
{
    createCase();
    if (QTest::currentTestFailed())
        return;
    QUndoStack stack;
    InternalNetworksDialog dialog(*m_session, stack);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(dialog.networks(), QStringList());
    const auto inside = parseAddress("2001:db8:1234:5::1").address;
    const auto shownError = [&dialog] {
        for (const QLabel *label : dialog.findChildren<QLabel *>()) {
            if (label->isVisible() && label->styleSheet().contains(QStringLiteral("color")))
                return label->text();
        }
        return QString();
    };

    QVERIFY(dialog.addNetwork(QStringLiteral(" 2001:db8:1234::/48 "), QStringLiteral("HQ")));
    QCOMPARE(dialog.networks(), QStringList {QStringLiteral("2001:db8:1234::/48")});
    const auto *table = dialog.findChild<QTableWidget *>();
    QCOMPARE(table->item(0, 1)->text(), QStringLiteral("HQ"));
    QCOMPARE(m_session->marks()->statusFor(inside), MarkStatus::Internal);
    QCOMPARE(dump(*m_session), QStringList {QStringLiteral("2001:db8:1234::/48 internal HQ")});
    QCOMPARE(stack.count(), 1);
    QCOMPARE(shownError(), QString());

    // Host bits set: refused with the reason, nothing added.
    QVERIFY(!dialog.addNetwork(QStringLiteral("2001:db8:1234::1/48"), QStringLiteral("x")));
    QVERIFY(!shownError().isEmpty());
    QVERIFY2(shownError().contains(QStringLiteral("2001:db8:1234::/48")), qPrintable(shownError()));
    QCOMPARE(dialog.networks().size(), 1);
    QCOMPARE(dump(*m_session).size(), 1);
    QCOMPARE(stack.count(), 1);
    QVERIFY(!dialog.addNetwork(QStringLiteral("not-a-network"), {}));
    QCOMPARE(stack.count(), 1);

    // A good one clears the error.
    QVERIFY(dialog.addNetwork(QStringLiteral("198.51.100.0/24"), QString()));
    QCOMPARE(shownError(), QString());
    QCOMPARE(dialog.networks().size(), 2);
    stack.undo();
    QCOMPARE(dialog.networks().size(), 1);

    QVERIFY(dialog.removeNetwork(QStringLiteral("2001:db8:1234::/48")));
    QCOMPARE(dialog.networks(), QStringList());
    QCOMPARE(m_session->marks()->statusFor(inside), MarkStatus::Unreviewed);
    QVERIFY(!dialog.removeNetwork(QStringLiteral("2001:db8:1234::/48"))); // nothing there

    stack.undo(); // the removal: back with its note
    QCOMPARE(dialog.networks(), QStringList {QStringLiteral("2001:db8:1234::/48")});
    QCOMPARE(table->item(0, 1)->text(), QStringLiteral("HQ"));
    QCOMPARE(m_session->marks()->statusFor(inside), MarkStatus::Internal);
    stack.undo(); // the add
    QCOMPARE(dialog.networks(), QStringList());
    stack.redo();
    QCOMPARE(dialog.networks(), QStringList {QStringLiteral("2001:db8:1234::/48")});

    // A mark of another status on a block is not an internal network to remove.
    QVERIFY(m_session->marks()->setMark(cidr("203.0.113.0/24"), MarkStatus::KnownSafe, "cdn").ok());
    QVERIFY(!dialog.removeNetwork(QStringLiteral("203.0.113.0/24")));
    QCOMPARE(m_session->marks()->statusFor(parseAddress("203.0.113.9").address),
             MarkStatus::KnownSafe);
}

// The longest address a target can be, the hint shown when the field is
// empty, and the error message all show whole, without the analyst resizing
// the dialog.
void TestMarkCommand::markDialogFitsItsContent()
{
    const QString longest = QStringLiteral("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128");
    MarkDialog dialog(longest, 1, MarkStatus::Suspicious, QString());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *target = dialog.findChild<QLineEdit *>(QStringLiteral("target"));
    auto *note = dialog.findChild<QLineEdit *>(QStringLiteral("note"));
    QVERIFY(target && note);
    const auto fits = [](const QLineEdit *edit, const QString &text) {
        // The text area is the field less its frame and text margins.
        const int room = edit->width()
            - 2 * edit->style()->pixelMetric(QStyle::PM_DefaultFrameWidth)
            - edit->textMargins().left() - edit->textMargins().right() - 4;
        return edit->fontMetrics().horizontalAdvance(text) <= room;
    };
    QVERIFY2(fits(target, longest), qPrintable(QString::number(target->width())));
    QVERIFY(fits(target, target->placeholderText()));
    QVERIFY(fits(note, note->placeholderText()));
    // An error wraps inside the dialog rather than widening it off screen.
    target->setText(QStringLiteral("2001:db8:1::1/48"));
    const QList<QLabel *> labels = dialog.findChildren<QLabel *>();
    const auto error = std::find_if(labels.begin(), labels.end(), [](const QLabel *label) {
        return label->isVisible() && label->text().contains(QStringLiteral("2001:db8:1::/48"));
    });
    QVERIFY(error != labels.end());
    QTRY_VERIFY((*error)->geometry().right() <= dialog.contentsRect().right());
    // … and the dialog grows to show all of its lines, above the status.
    const auto *status = dialog.findChild<QComboBox *>(QStringLiteral("status"));
    QVERIFY(status);
    QTRY_VERIFY2((*error)->geometry().bottom() < status->geometry().top(),
                 qPrintable(QStringLiteral("%1 %2")
                                .arg((*error)->geometry().bottom())
                                .arg(status->geometry().top())));
    QVERIFY((*error)->height() >= (*error)->heightForWidth((*error)->width()));
    QVERIFY(dialog.width() < 1000);
}

void TestMarkCommand::markDialogTypedTarget()
{
    // No selection: the target is typed and checked as it is typed.
    MarkDialog dialog(QString(), 0, MarkStatus::Suspicious, QStringLiteral("ticket 7"));
    dialog.show();
    auto *target = dialog.findChild<QLineEdit *>(QStringLiteral("target"));
    auto *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(target && ok);
    QVERIFY(!ok->isEnabled()); // nothing typed yet
    QTest::keyClicks(target, QStringLiteral("2001:db8:1::1/48"));
    QVERIFY(!ok->isEnabled()); // host bits set: refused, with the block meant
    const QList<QLabel *> labels = dialog.findChildren<QLabel *>();
    QVERIFY(std::any_of(labels.begin(), labels.end(), [](const QLabel *label) {
        return label->isVisible() && label->text().contains(QStringLiteral("2001:db8:1::/48"));
    }));
    target->clear();
    QTest::keyClicks(target, QStringLiteral("2001:db8:1::/48"));
    QVERIFY(ok->isEnabled());
    QCOMPARE(dialog.status(), MarkStatus::Suspicious);
    QCOMPARE(dialog.note(), std::string("ticket 7"));
    const std::vector<Cidr> targets = dialog.targets();
    QCOMPARE(targets.size(), std::size_t(1));
    QCOMPARE(Marks::canonicalText(targets.front()), std::string("2001:db8:1::/48"));
    auto *status = dialog.findChild<QComboBox *>(QStringLiteral("status"));
    status->setCurrentIndex(status->findText(QStringLiteral("Internal")));
    QCOMPARE(dialog.status(), MarkStatus::Internal);
}

void TestMarkCommand::markDialogSelection()
{
    // Several selected destinations: the target is those, not editable, and
    // the dialog hands back no text of them (the caller marks its rows).
    MarkDialog several(QStringLiteral("8.8.8.8"), 2, MarkStatus::KnownSafe, QString());
    auto *target = several.findChild<QLineEdit *>(QStringLiteral("target"));
    QVERIFY(target->isReadOnly());
    QVERIFY(target->text().contains(QStringLiteral("2")));
    QVERIFY(several.marksSelection());
    QVERIFY(several.targets().empty());

    // One: its address, editable (to widen it to its block).
    MarkDialog one(QStringLiteral("2606:4700::1111"), 1, MarkStatus::KnownSafe, QString());
    QVERIFY(!one.marksSelection());
    std::vector<std::string> texts;
    for (const Cidr &c : one.targets())
        texts.push_back(Marks::canonicalText(c));
    QCOMPARE(texts, (std::vector<std::string> {"2606:4700::1111/128"}));
    one.setTargetText(QStringLiteral("2606:4700::/32"));
    texts.clear();
    for (const Cidr &c : one.targets())
        texts.push_back(Marks::canonicalText(c));
    QCOMPARE(texts, (std::vector<std::string> {"2606:4700::/32"}));
}

// Another process holds the case's write lock: the step fails as a whole,
// says why, and leaves neither a mark nor an undo entry that claims one.
void TestMarkCommand::markOnLockedCaseChangesNothing()
{
    createCase();
    if (QTest::currentTestFailed())
        return;
    m_session->database()->db().setBusyTimeout(0);
    SqliteDb other;
    QVERIFY(other.open(m_session->path().toStdString(), SqliteDb::Access::ReadWrite));
    QVERIFY(other.exec("BEGIN IMMEDIATE"));

    QUndoStack stack;
    QSignalSpy errors(m_session.get(), &CaseSession::errorOccurred);
    const Cidr block = cidr("9.9.9.0/24");
    QString error;
    auto command = MarkCommand::create(*m_session, {block}, MarkStatus::Suspicious, {}, &error);
    QVERIFY2(command, qPrintable(error));
    stack.push(command.release());
    QCOMPARE(errors.count(), 1);
    QVERIFY2(errors.first().first().toString().contains(QStringLiteral("locked")),
             qPrintable(errors.first().first().toString()));
    QCOMPARE(stack.count(), 0);

    QVERIFY(other.exec("COMMIT"));
    const Result<std::optional<Mark>> read = m_session->marks()->markFor(block);
    QVERIFY(read.ok());
    QVERIFY(!read.value.has_value());

    // Once the lock is gone the same step works.
    command = MarkCommand::create(*m_session, {block}, MarkStatus::Suspicious, {}, &error);
    QVERIFY2(command, qPrintable(error));
    stack.push(command.release());
    QCOMPARE(errors.count(), 1);
    QCOMPARE(stack.count(), 1);
    QVERIFY(m_session->marks()->markFor(block).value.has_value());
}

// A large step is written on the session's writer thread: undo and redo
// return at once, the steps land in the order given, and the views hear of
// each only when it has landed, with the index the writer read.
void TestMarkCommand::backgroundStepsLandInOrder()
{
    createCase();
    if (QTest::currentTestFailed())
        return;
    m_session->setInlineMarkLimit(0); // every step goes to the writer thread
    QUndoStack stack;
    QSignalSpy marksChanged(m_session.get(), &CaseSession::marksChanged);
    QSignalSpy writing(m_session.get(), &CaseSession::writingChanged);
    const std::vector<Cidr> blocks {cidr("1.1.1.0/24"), cidr("2001:db8::/32"), cidr("9.9.9.9/32")};
    QString error;
    auto command = MarkCommand::create(*m_session, blocks, MarkStatus::KnownSafe,
                                       std::string("cdn"), &error);
    QVERIFY2(command, qPrintable(error));
    stack.push(command.release());
    QVERIFY(m_session->isWriting());
    QCOMPARE(marksChanged.count(), 0); // not landed: the views still show the marks before
    // Queued behind it, so they land after it whatever the threads do.
    stack.undo();
    stack.redo();
    stack.undo();
    QTRY_VERIFY(!m_session->isWriting());
    QCOMPARE(writing.count(), 2); // busy once, idle once
    QCOMPARE(writing.at(0).at(0).toBool(), true);
    QCOMPARE(writing.at(1).at(0).toBool(), false);
    QCOMPARE(marksChanged.count(), 4);
    QCOMPARE(dump(*m_session), QStringList());
    QVERIFY(m_session->markIndex()->isEmpty());

    stack.redo();
    QTRY_VERIFY(!m_session->isWriting());
    QCOMPARE(marksChanged.count(), 5);
    QCOMPARE(dump(*m_session),
             (QStringList {QStringLiteral("1.1.1.0/24 known-safe cdn"),
                           QStringLiteral("9.9.9.9/32 known-safe cdn"),
                           QStringLiteral("2001:db8::/32 known-safe cdn")}));
    // The index handed over by the writer thread is the marks after the step.
    const std::shared_ptr<const MarkIndex> index = m_session->markIndex();
    QCOMPARE(index->marks().size(), std::size_t(3));
    QCOMPARE(index->statusFor(parseAddress("1.1.1.200").address), MarkStatus::KnownSafe);
    QCOMPARE(index->statusFor(parseAddress("1.1.2.1").address), MarkStatus::Unreviewed);

    // A case holding many marks sends even a one-mark step to the writer:
    // reading them all again on the GUI thread would stall it.
    m_session->setInlineMarkLimit(2);
    QVERIFY(m_session->writesInBackground(1));
    m_session->setInlineMarkLimit(3);
    QVERIFY(!m_session->writesInBackground(1));
    QVERIFY(m_session->writesInBackground(4));
}

// A background step that cannot be written leaves the case as it was, tells
// no view of a change, and says the step was lost (the window then clears
// the undo history, which no longer matches the case).
void TestMarkCommand::backgroundStepThatFailsIsReported()
{
    createCase();
    if (QTest::currentTestFailed())
        return;
    m_session->setInlineMarkLimit(0);
    m_session->setWriterBusyTimeout(0);
    SqliteDb other;
    QVERIFY(other.open(m_session->path().toStdString(), SqliteDb::Access::ReadWrite));
    QVERIFY(other.exec("BEGIN IMMEDIATE"));

    QUndoStack stack;
    QSignalSpy lost(m_session.get(), &CaseSession::stepLost);
    QSignalSpy marksChanged(m_session.get(), &CaseSession::marksChanged);
    const Cidr block = cidr("9.9.9.0/24");
    QString error;
    auto command = MarkCommand::create(*m_session, {block}, MarkStatus::Suspicious, {}, &error);
    QVERIFY2(command, qPrintable(error));
    stack.push(command.release());
    QTRY_VERIFY(!m_session->isWriting());
    QCOMPARE(lost.count(), 1);
    QVERIFY2(lost.first().first().toString().contains(QStringLiteral("locked")),
             qPrintable(lost.first().first().toString()));
    QCOMPARE(marksChanged.count(), 0);

    QVERIFY(other.exec("COMMIT"));
    const Result<std::optional<Mark>> read = m_session->marks()->markFor(block);
    QVERIFY(read.ok());
    QVERIFY(!read.value.has_value());
}

QTEST_MAIN(TestMarkCommand)
#include "tst_markcommand.moc"
