// MainWindow, the case and what goes into it: opening or creating a case,
// the files given on the command line or dropped, and imports with their
// progress and summary. The menus, views and exports are in mainwindow.cpp.

#include "mainwindow.h"

#include "background.h"
#include "caseinstances.h"
#include "casesession.h"
#include "importdialog.h"
#include "messagebar.h"
#include "recentfiles.h"
#include "reviewactions.h"
#include "sourcespage.h"
#include "startpage.h"
#include "statuspresentation.h"
#include "storage/knownlists.h"

#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTextDocument>
#include <QToolButton>

#include <QtConcurrent/QtConcurrentRun>

#include <array>
#include <utility>

namespace ea {

namespace {

bool isCaseFile(const QString &path)
{
    return path.endsWith(QLatin1String(".eacase"), Qt::CaseInsensitive);
}

bool sameFile(const QString &a, const QString &b)
{
    if (a.isEmpty() || b.isEmpty())
        return false;
    const QString canonicalA = QFileInfo(a).canonicalFilePath();
    return !canonicalA.isEmpty() && canonicalA == QFileInfo(b).canonicalFilePath();
}

} // namespace

bool MainWindow::openCase(const QString &path, bool create)
{
    if (m_runner->isRunning()) {
        showError(tr("An import is running: open %1 when it has finished.").arg(path));
        return false;
    }
    // What waited for an earlier open (an import of dropped files) was meant
    // for that case, not this one.
    m_afterOpen = nullptr;
    // A case another window has open is shown there, never written by two.
    if (!sameFile(path, m_session->path()) && CaseInstances::forward(path)) {
        statusBar()->showMessage(
            tr("%1 is open in another Egress Auditor window: that window was brought to the front.")
                .arg(QFileInfo(path).fileName()),
            10000);
        return false;
    }
    // The open waits on the writer thread behind a running look-up.
    cancelOwnerLookup();
    const QString opening = tr("Opening %1…").arg(QFileInfo(path).fileName());
    statusBar()->showMessage(opening);
    m_session->openInBackground(
        path,
        create ? CaseDatabase::OpenMode::CreateIfMissing : CaseDatabase::OpenMode::OpenExisting,
        [this, opening](const Error &error) {
            if (statusBar()->currentMessage() == opening)
                statusBar()->clearMessage();
            std::function<void()> then = std::exchange(m_afterOpen, nullptr);
            if (error) {
                showError(error.message());
                return;
            }
            m_messageBar->hide();
            m_recent->addCase(m_session->path());
            if (then)
                then();
        });
    updateActions();
    return true;
}

void MainWindow::openFiles(const QStringList &files)
{
    if (m_runner->isRunning()) {
        showError(tr("An import is running: open more files when it has finished."));
        return;
    }
    QStringList exports;
    for (const QString &file : files) {
        if (isCaseFile(file))
            openCase(file, false);
        else
            exports << file;
    }
    if (!exports.isEmpty())
        importFiles(exports);
}

bool MainWindow::withCase(std::function<void()> then)
{
    if (m_session->isOpening()) {
        // One import waits for the case; a second is refused aloud, never
        // dropped in silence (it would find the first one running).
        if (m_afterOpen) {
            showError(tr("Files are already waiting for the case being opened: import these "
                         "when that import has started."));
            return false;
        }
        m_afterOpen = std::move(then);
        return true;
    }
    if (m_session->isOpen()) {
        then();
        return true;
    }
    // Exports opened without a case go into a new untitled case kept with the
    // application's data, so nothing is lost if the window closes.
    const QString dir = untitledCasesFolder();
    QDir().mkpath(dir);
    const QString path = dir + QStringLiteral("/untitled-")
        + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"))
        + QStringLiteral(".eacase");
    if (!openCase(path, true))
        return false;
    m_afterOpen = std::move(then);
    return true;
}

QString MainWindow::untitledCasesFolder()
{
    // Not AppLocalDataLocation: with the organisation and the application
    // both named "Egress Auditor", that is ~/.local/share/Egress Auditor/
    // Egress Auditor. (The organisation name stays: it places the settings.)
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u'/'
        + QCoreApplication::applicationName() + QStringLiteral("/cases");
}

void MainWindow::importFiles(const QStringList &files, bool showDialog)
{
    if (files.isEmpty() || m_runner->isRunning())
        return;
    if (m_session->isOpening() || !m_session->isOpen()) {
        // Into the case being opened, or a new one, once it is open.
        withCase([this, files, showDialog] { importFiles(files, showDialog); });
        return;
    }
    std::vector<ImportRequest> requests;
    if (showDialog) {
        ImportDialog dialog(files, m_sources->rows(), this);
        if (dialog.exec() != QDialog::Accepted)
            return;
        requests = dialog.requests();
    } else {
        for (const QString &file : files)
            requests.push_back({file, {}});
    }
    for (const ImportRequest &request : requests)
        m_recent->addExport(request.path);
    m_progress->setValue(0);
    m_progress->show();
    m_rate->show();
    m_cancel->show();
    m_rate->setText(tr("Starting import…"));
    cancelOwnerLookup(); // its write would wait for the import's, or hold it up
    m_session->setImporting(true);
    m_runner->start(m_session->path(), std::move(requests));
    updateActions();
}

void MainWindow::onImportProgress(const ImportRunner::Progress &progress)
{
    if (progress.bytesTotal > 0)
        m_progress->setValue(
            int(1000.0 * double(progress.bytesDone) / double(progress.bytesTotal)));
    m_rate->setText(tr("%1 (%2 of %3): %L4 rows, %L5 rows/s")
                        .arg(QFileInfo(progress.path).fileName())
                        .arg(progress.fileIndex + 1)
                        .arg(progress.fileCount)
                        .arg(progress.rows)
                        .arg(qint64(progress.rowsPerSecond)));
}

void MainWindow::onImportFinished(const std::vector<ImportReport> &reports)
{
    m_session->setImporting(false);
    m_progress->hide();
    m_rate->hide();
    m_cancel->hide();
    const ImportSummary summary = summarize(reports);
    m_messageAction = summary.rejected > 0 || !summary.notes ? MessageAction::ShowRejected
                                                             : MessageAction::ShowSources;
    m_messageBar->showMessage(summary.problem || summary.notes ? MessageBar::Kind::Warning
                                                               : MessageBar::Kind::Information,
                              summary.html,
                              summary.rejected > 0 ? tr("Show rejected rows")
                                  : summary.notes  ? tr("Show sources and notes")
                                                   : QString());
    reloadViews();
    updateActions();
    lookUpOwners(); // the new destinations
    Q_EMIT importFinished(reports);
}

void MainWindow::newCase()
{
    const QString path
        = QFileDialog::getSaveFileName(this, tr("New case"), QString(), tr("Cases (*.eacase)"));
    if (path.isEmpty())
        return;
    if (QFileInfo::exists(path)) {
        showError(tr("%1 already exists: open it instead.").arg(path));
        return;
    }
    openCase(isCaseFile(path) ? path : path + QStringLiteral(".eacase"), true);
}

void MainWindow::openCaseDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open case"), QString(),
                                                      tr("Cases (*.eacase);;All files (*)"));
    if (!path.isEmpty())
        openCase(path, false);
}

void MainWindow::showStartPageIfIdle()
{
    if (m_session->isOpen()) {
        m_stack->setCurrentWidget(m_tabs);
        return;
    }
    m_start->setRecentCases(RecentFiles::cases());
    m_stack->setCurrentWidget(m_start);
}

void MainWindow::trySample()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + QStringLiteral("/sample");
    const QStringList files = StartPage::extractSample(dir);
    if (files.isEmpty()) {
        showError(tr("Cannot write the sample to %1").arg(dir));
        return;
    }
    importFiles(files, false); // its columns are known: no mapping to review
}

void MainWindow::saveCaseAsDialog()
{
    if (!m_session->isOpen())
        return;
    QString target
        = QFileDialog::getSaveFileName(this, tr("Save case as"), QString(), tr("Cases (*.eacase)"));
    if (target.isEmpty())
        return;
    if (!isCaseFile(target))
        target += QStringLiteral(".eacase");
    saveCaseAs(target);
}

void MainWindow::saveCaseAs(const QString &target)
{
    // A compact copy from a connection of its own on a pool thread (seconds
    // for a large case); then the window works in the copy, as "Save as" does.
    const QString source = m_session->path();
    const QString saving = tr("Saving a copy as %1…").arg(QFileInfo(target).fileName());
    statusBar()->showMessage(saving);
    ++m_saving;
    onFinished(QtConcurrent::run(workPool(),
                                 [source, target]() -> Error {
                                     yieldToGuiThread();
                                     CaseDatabase::Result opened = CaseDatabase::open(
                                         source, CaseDatabase::OpenMode::OpenExisting);
                                     if (!opened.ok())
                                         return opened.error;
                                     return opened.database->saveCopy(target);
                                 }),
               this, [this, target, saving](const Error &error) {
                   --m_saving;
                   if (statusBar()->currentMessage() == saving)
                       statusBar()->clearMessage();
                   if (error) {
                       showError(error.message());
                       return;
                   }
                   // The copy is the same work: its view stays as it is.
                   m_keepViewFor = target;
                   openCase(target, false);
                   statusBar()->showMessage(
                       tr("Saved as %1: the window now works in the copy").arg(target), 8000);
               });
}

void MainWindow::importDialog()
{
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Import exports"), QString(),
        tr("Exports (*.csv *.tsv *.log *.json *.ndjson *.gz *.txt);;All files (*)"));
    importFiles(files);
}

void MainWindow::followCaseChange()
{
    const QString path = m_session->isOpen() ? m_session->path() : QString();
    // Each case opens with the toggles of the Preferences: not the copy a
    // Save as goes on in, nor the case that was already shown.
    if (!path.isEmpty() && !sameFile(path, m_keepViewFor) && !sameFile(path, m_shownCasePath))
        applyCaseToggles();
    m_keepViewFor.clear();
    m_shownCasePath = path;
    if (!m_instances->claim(path)) {
        m_messageBar->showMessage(
            MessageBar::Kind::Warning,
            tr("%1 is also open in another Egress Auditor window: marks made in both may "
               "overwrite each other. Close one of them.")
                .arg(QFileInfo(path).fileName().toHtmlEscaped()));
    }
}

void MainWindow::activateFromElsewhere(const QStringList &exports)
{
    if (isMinimized())
        showNormal();
    show();
    raise();
    activateWindow();
    // openFiles says so when an import is running.
    if (!exports.isEmpty())
        openFiles(exports);
}

namespace {

// A dialog label that shows a name from a file as typed, never as markup.
QString plainLabel(const QString &text)
{
    return Qt::mightBeRichText(text) ? Qt::convertFromPlainText(text) : text;
}

} // namespace

bool MainWindow::sameCaseAfterDialog(const QString &before)
{
    // A dialog's event loop lets another case open (from the file manager)
    // or an import start: what was asked about that case must not go to
    // another, nor race an import for the write lock.
    if (casePath() == before && m_session->database() && !isBusy())
        return true;
    showError(tr("The case changed or became busy while the dialog was open: nothing was done."));
    return false;
}

void MainWindow::importKnownListDialog()
{
    if (!m_session->database())
        return;
    const QString casePath = this->casePath();
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Import known list"), QString(),
        tr("Known lists (*.json *.txt *.csv *.list);;All files (*)"));
    if (path.isEmpty() || !sameCaseAfterDialog(casePath))
        return;
    // The file's name without what a list's name cannot hold.
    QString suggestion = QFileInfo(path).completeBaseName();
    suggestion.remove(QLatin1Char(':')).remove(QLatin1Char(';'));
    suggestion = suggestion.trimmed().left(int(KnownLists::kMaxNameBytes) / 4);
    bool ok = false;
    const QString name = QInputDialog::getText(
        this, tr("Import known list"),
        tr("Name of the list (the Lists column shows it; list:NAME filters by it):"),
        QLineEdit::Normal, suggestion, &ok);
    if (!ok || !sameCaseAfterDialog(casePath))
        return;
    const QByteArray utf8 = name.toUtf8();
    if (const QString problem
        = KnownLists::nameProblem({utf8.constData(), std::size_t(utf8.size())});
        !problem.isEmpty()) {
        showError(problem);
        return;
    }
    bool replace = false;
    const RowsResult<KnownList> lists = KnownLists(*m_session->database()).lists();
    if (!lists.ok()) {
        showError(lists.error.message());
        return;
    }
    for (const KnownList &list : lists.value) {
        if (list.name != utf8.toStdString())
            continue;
        QMessageBox ask(QMessageBox::Question, tr("Import known list"),
                        tr("The case already has a list named %1, read from %2. Replace it?")
                            .arg(name, QString::fromStdString(list.source)),
                        QMessageBox::Yes | QMessageBox::Cancel, this);
        ask.setTextFormat(Qt::PlainText); // a name or path is never markup
        ask.setDefaultButton(QMessageBox::Cancel);
        if (ask.exec() != QMessageBox::Yes || !sameCaseAfterDialog(casePath))
            return;
        replace = true;
    }
    m_review->importKnownList(path, name, replace);
}

void MainWindow::applyKnownListDialog()
{
    if (!m_session->database())
        return;
    const QString casePath = this->casePath();
    const RowsResult<KnownList> lists = KnownLists(*m_session->database()).lists();
    if (!lists.ok()) {
        showError(lists.error.message());
        return;
    }
    if (lists.value.empty()) {
        showError(tr("The case has no known list yet: import one with File > Import known list…"));
        return;
    }
    QStringList names;
    for (const KnownList &list : lists.value)
        names << QString::fromStdString(list.name);
    bool ok = false;
    const QString name = QInputDialog::getItem(this, tr("Mark a known list's destinations"),
                                               tr("List:"), names, 0, false, &ok);
    if (!ok || !sameCaseAfterDialog(casePath))
        return;
    const std::array statuses {MarkStatus::KnownSafe, MarkStatus::Suspicious, MarkStatus::Malicious,
                               MarkStatus::Internal};
    QStringList statusNames;
    for (const MarkStatus status : statuses)
        statusNames << statusDisplayName(status);
    const QString chosen = QInputDialog::getItem(
        this, tr("Mark a known list's destinations"),
        plainLabel(
            tr("Mark the destinations on %1 as (a mark the list did not make stays):").arg(name)),
        statusNames, 0, false, &ok);
    if (!ok || !sameCaseAfterDialog(casePath))
        return;
    m_review->applyKnownList(name, statuses[std::size_t(statusNames.indexOf(chosen))]);
}

} // namespace ea
