#include "mainwindow.h"

#include "caseinstances.h"
#include "casesession.h"
#include "chartspage.h"
#include "chartsplacement.h"
#include "destinationsexporter.h"
#include "destinationspage.h"
#include "importdialog.h"
#include "keyboard.h"
#include "messagebar.h"
#include "processespage.h"
#include "recentfiles.h"
#include "rejectedpage.h"
#include "reviewactions.h"
#include "sourcespage.h"
#include "startpage.h"
#include "statuspresentation.h"
#include "userguide.h"

#include "storage/sqlite.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace ea {

namespace {

enum Page { DestinationsTab, ProcessesTab, RejectedTab, SourcesTab };

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_session(new CaseSession(this))
    , m_runner(new ImportRunner(this))
    , m_messageBar(new MessageBar(this))
    , m_tabs(new QTabWidget(this))
    , m_start(new StartPage(this))
    , m_stack(new QStackedWidget(this))
    , m_destinations(new DestinationsPage(*m_session, this))
    , m_processes(new ProcessesPage(*m_session, this))
    , m_rejected(new RejectedPage(*m_session, this))
    , m_sources(new SourcesPage(*m_session, this))
    , m_counts(new QLabel(this))
    , m_rate(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_cancel(new QToolButton(this))
    , m_review(new ReviewActions(
          *m_session, m_undoStack, [this] { return m_destinations->selectedRows(); }, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setAcceptDrops(true);

    m_tabs->addTab(m_destinations, tr("&Destinations"));
    m_tabs->addTab(m_processes, tr("&Processes"));
    m_tabs->addTab(m_rejected, tr("Re&jected rows"));
    m_tabs->addTab(m_sources, tr("S&ources"));
    m_charts = new ChartsPage(*m_session, *m_destinations, *m_processes, this);
    m_chartsPlacement = new ChartsPlacement(*this, *m_tabs, *m_destinations, *m_charts);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->addWidget(m_messageBar);
    m_stack->addWidget(m_start);
    m_stack->addWidget(m_tabs);
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);
    connect(m_start, &StartPage::importRequested, this, &MainWindow::importDialog);
    connect(m_start, &StartPage::openRequested, this, &MainWindow::openCaseDialog);
    connect(m_start, &StartPage::sampleRequested, this, &MainWindow::trySample);
    connect(m_start, &StartPage::caseChosen, this, [this](const QString &path) { openCase(path); });
    showStartPageIfIdle();

    m_progress->setMaximumWidth(220);
    m_progress->setRange(0, 1000);
    m_progress->hide();
    m_rate->hide();
    m_progress->setObjectName(QStringLiteral("importProgress"));
    m_cancel->setObjectName(QStringLiteral("cancelImport"));
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop the import: the case stays as it was before this file"));
    m_cancel->hide();
    statusBar()->addPermanentWidget(m_rate);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancel);
    statusBar()->addPermanentWidget(m_counts);

    createMenus();
    m_instances = new CaseInstances(this);
    connect(m_instances, &CaseInstances::activated, this, &MainWindow::activateFromElsewhere);
    // Ctrl+E and the other window keys work while a filter has focus.
    new WindowShortcutsFirst(this);
    // In a text field Ctrl+Z undoes typing; the undo buttons say so.
    connect(qApp, &QApplication::focusChanged, this, &MainWindow::updateUndoToolTips);
    connect(&m_undoStack, &QUndoStack::undoTextChanged, this, &MainWindow::updateUndoToolTips);
    connect(&m_undoStack, &QUndoStack::redoTextChanged, this, &MainWindow::updateUndoToolTips);
    updateUndoToolTips();

    connect(m_cancel, &QToolButton::clicked, m_runner, &ImportRunner::cancel);
    connect(m_runner, &ImportRunner::progressChanged, this, &MainWindow::onImportProgress);
    connect(m_runner, &ImportRunner::finished, this, &MainWindow::onImportFinished);
    connect(m_session, &CaseSession::errorOccurred, this, &MainWindow::showError);
    connect(m_review, &ReviewActions::errorOccurred, this, &MainWindow::showError);
    connect(m_review, &ReviewActions::statusMessage, this,
            [this](const QString &text) { statusBar()->showMessage(text, 5000); });
    connect(m_review, &ReviewActions::listsChanged, this, &MainWindow::reloadViews);
    connect(m_review, &ReviewActions::reportReady, this, [this](const QString &html, bool warning) {
        m_messageBar->showMessage(
            warning ? MessageBar::Kind::Warning : MessageBar::Kind::Information, html);
    });
    // A large change of marks is written on the session's writer thread:
    // while it is, the table shows the marks before it, the status bar says
    // so, and nothing else may change the marks (see updateActions()).
    connect(m_session, &CaseSession::writingChanged, this, [this](bool writing) {
        const QString saving = tr("Saving marks…");
        if (writing)
            statusBar()->showMessage(saving);
        else if (statusBar()->currentMessage() == saving)
            statusBar()->clearMessage();
        updateActions();
    });
    connect(m_session, &CaseSession::openingChanged, this, &MainWindow::updateActions);
    connect(m_session, &CaseSession::stepLost, this, [this](const QString &message) {
        m_undoStack.clear();
        showError(
            tr("%1 The undo history was cleared: it no longer matches the case.").arg(message));
    });
    connect(m_session, &CaseSession::caseChanged, this, [this] {
        followCaseChange();
        showStartPageIfIdle();
        m_undoStack.clear();
        m_history.clear();
        updateTitle();
        updateActions();
        reloadViews();
        lookUpOwners(); // stops the previous case's first
    });
    connect(m_destinations, &DestinationsPage::countsChanged, this, [this] {
        updateCounts();
        updateActions(); // "in view" exports wait for the whole table
    });
    connect(m_destinations, &DestinationsPage::errorOccurred, this, &MainWindow::showError);
    connect(m_processes, &ProcessesPage::errorOccurred, this, &MainWindow::showError);
    connect(m_rejected, &RejectedPage::errorOccurred, this, &MainWindow::showError);
    connect(m_sources, &SourcesPage::errorOccurred, this, &MainWindow::showError);
    connect(m_sources, &SourcesPage::titleChanged, this,
            [this](const QString &title) { m_tabs->setTabText(SourcesTab, title); });
    connect(m_charts, &ChartsPage::errorOccurred, this, &MainWindow::showError);
    connect(m_rejected, &RejectedPage::titleChanged, this,
            [this](const QString &title) { m_tabs->setTabText(RejectedTab, title); });
    connect(m_destinations, &DestinationsPage::currentDestinationChanged, this,
            &MainWindow::updateActions);
    connect(m_destinations, &DestinationsPage::processActivated, this, &MainWindow::showProcess);
    connect(m_destinations, &DestinationsPage::viewChangedForLink, this,
            [this](const QString &message) {
                m_messageBar->showMessage(MessageBar::Kind::Information, message);
            });
    connect(m_processes, &ProcessesPage::destinationActivated, this, &MainWindow::showDestination);
    // The import summary's button: the rejected rows, or else the notes.
    connect(m_messageBar, &MessageBar::actionTriggered, this, [this] {
        m_tabs->setCurrentIndex(m_messageAction == MessageAction::ShowSources ? SourcesTab
                                                                              : RejectedTab);
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::updateActions);
    // The status bar speaks about the tab in view.
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::updateCounts);
    connect(m_processes, &ProcessesPage::countsChanged, this, &MainWindow::updateCounts);
    connect(m_rejected, &RejectedPage::titleChanged, this, &MainWindow::updateCounts);
    connect(m_sources, &SourcesPage::titleChanged, this, &MainWindow::updateCounts);

    m_preferences = Preferences::load();
    setTimeDisplay(m_preferences.timeDisplay);
    m_charts->setTopCount(m_preferences.topCount);
    applyCaseToggles();
    m_defaultWindowState = saveState();
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_destinations->restoreState(QStringLiteral("destinations"));
    m_processes->restoreState(QStringLiteral("processes"));
    m_charts->restoreState(QStringLiteral("charts"));
    if (!settings.contains(QStringLiteral("window/geometry")))
        resize(1280, 800);
    updateTitle();
    updateActions();
}

MainWindow::~MainWindow()
{
    // The stack's destructor clears it, which signals canUndoChanged: not to
    // a window that is half destroyed. Likewise QWidget's destructor moves
    // the focus, which signals QApplication::focusChanged.
    m_undoStack.disconnect(this);
    QObject::disconnect(qApp, nullptr, this, nullptr);
}

void MainWindow::createMenus()
{
    m_markActions = m_review->markActions();
    m_destinations->setContextMenuActions(m_markActions);
    QToolBar *toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolBar"));

    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *newCase
        = file->addAction(tr("&New case…"), QKeySequence::New, this, &MainWindow::newCase);
    QAction *open
        = file->addAction(style()->standardIcon(QStyle::SP_DialogOpenButton), tr("&Open case…"),
                          QKeySequence::Open, this, &MainWindow::openCaseDialog);
    m_importAction = file->addAction(style()->standardIcon(QStyle::SP_FileDialogNewFolder),
                                     tr("&Import exports…"), QKeySequence(Qt::CTRL | Qt::Key_I),
                                     this, &MainWindow::importDialog);
    QAction *saveAs = file->addAction(tr("Sa&ve case as…"), QKeySequence::SaveAs, this,
                                      &MainWindow::saveCaseAsDialog);
    m_caseActions << saveAs;
    QMenu *recent = file->addMenu(tr("Open &recent"));
    // Another case or import must wait until the running import ends.
    m_idleActions << newCase << open << m_importAction << recent->menuAction();
    m_recent = new RecentFiles(recent);
    connect(m_recent, &RecentFiles::caseChosen, this,
            [this](const QString &path) { openCase(path); });
    connect(m_recent, &RecentFiles::exportChosen, this,
            [this](const QString &path) { importFiles({path}); });
    file->addSeparator();
    QAction *exportView = file->addAction(
        style()->standardIcon(QStyle::SP_DialogSaveButton), tr("&Export destinations in view…"),
        QKeySequence(Qt::CTRL | Qt::Key_E), this,
        [this] { exportDialog(ExportForm::Destinations, ExportScope::InView); });
    QAction *exportAll = file->addAction(tr("Export &all destinations…"), this, [this] {
        exportDialog(ExportForm::Destinations, ExportScope::All);
    });
    QAction *exportSeedView
        = file->addAction(tr("Export in view as old query &form…"), this,
                          [this] { exportDialog(ExportForm::Seed, ExportScope::InView); });
    m_caseActions << exportView << exportAll << exportSeedView;
    m_viewActions << exportView << exportSeedView;
    file->addSeparator();
    m_caseActions << file->addAction(tr("Import a&llowlist…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import allowlist"), QString(),
                                                          tr("Allowlists (*.csv);;All files (*)"));
        if (!path.isEmpty())
            m_review->importAllowlist(path);
    }) << file->addAction(tr("Export allo&wlist…"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export allowlist"), QString(),
                                                          tr("Allowlists (*.csv)"));
        if (!path.isEmpty())
            m_review->exportAllowlist(path);
    }) << file->addAction(tr("Import &known list…"), this, &MainWindow::importKnownListDialog);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_undoAction = m_undoStack.createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    undo->setObjectName(QStringLiteral("undo"));
    QAction *redo = m_redoAction = m_undoStack.createRedoAction(this, tr("&Redo"));
    redo->setObjectName(QStringLiteral("redo"));
    // Both of Linux's usual keys, each once. QKeySequence::Redo is Ctrl+Shift+Z
    // under X11's key scheme: adding it to Ctrl+Shift+Z bound that key twice
    // to one action, an ambiguous shortcut that Qt then never runs.
    redo->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    edit->addAction(undo);
    edit->addAction(redo);
    // The stack enables its actions itself; updateActions() has the last word
    // (no undo while an import or a background write holds the case).
    connect(&m_undoStack, &QUndoStack::canUndoChanged, this, &MainWindow::updateActions);
    connect(&m_undoStack, &QUndoStack::canRedoChanged, this, &MainWindow::updateActions);
    edit->addSeparator();
    edit->addAction(tr("&Find…"), QKeySequence::Find, this, [this] {
        m_tabs->setCurrentIndex(DestinationsTab);
        m_destinations->focusFilter();
    });
    edit->addSeparator();
    edit->addAction(tr("Pr&eferences…"), QKeySequence(Qt::CTRL | Qt::Key_Comma), this,
                    &MainWindow::showPreferences)
        ->setObjectName(QStringLiteral("preferences"));

    QMenu *review = menuBar()->addMenu(tr("&Review"));
    QAction *markDialog
        = review->addAction(tr("&Mark…"), QKeySequence(Qt::CTRL | Qt::Key_M), this, [this] {
              m_review->markWithDialog(m_tabs->currentIndex() == DestinationsTab);
          });
    review->addSeparator();
    review->addActions(m_markActions);
    review->addSeparator();
    m_caseActions << markDialog
                  << review->addAction(tr("&Internal networks…"), m_review,
                                       &ReviewActions::showInternalNetworks)
                  << review->addAction(tr("Mark a &known list's destinations…"), this,
                                       &MainWindow::applyKnownListDialog)
                  << review->addAction(tr("Known &lists…"), m_review,
                                       &ReviewActions::showKnownLists);
    review->addSeparator();
    // The audit as SQL for the data lake, with this case's marks.
    QAction *copyQuery = review->addAction(tr("Copy data-lake &query (Trino)"), m_review,
                                           [this] { m_review->copyDataLakeQuery(false); });
    copyQuery->setObjectName(QStringLiteral("copyDataLakeQuery"));
    QAction *copyAthena = review->addAction(tr("Copy data-lake query (&Athena)"), m_review,
                                            [this] { m_review->copyDataLakeQuery(true); });
    copyAthena->setObjectName(QStringLiteral("copyDataLakeQueryAthena"));
    m_caseActions << copyQuery << copyAthena;

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("&Rejected rows"), QKeySequence(Qt::CTRL | Qt::Key_R), this,
                    [this] { m_tabs->setCurrentIndex(RejectedTab); });
    view->addAction(tr("&Sources and import notes"), this,
                    [this] { m_tabs->setCurrentIndex(SourcesTab); });
    view->addAction(toolbar->toggleViewAction());
    view->addAction(tr("&Charts"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), this,
                    [this] { m_chartsPlacement->showCharts(); });
    view->addAction(m_chartsPlacement->dockAction());

    QMenu *go = menuBar()->addMenu(tr("&Go"));
    m_backAction = go->addAction(style()->standardIcon(QStyle::SP_ArrowBack), tr("&Back"),
                                 QKeySequence(Qt::ALT | Qt::Key_Left), this, &MainWindow::goBack);
    m_forwardAction
        = go->addAction(style()->standardIcon(QStyle::SP_ArrowForward), tr("&Forward"),
                        QKeySequence(Qt::ALT | Qt::Key_Right), this, &MainWindow::goForward);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *guide = help->addAction(tr("&User guide"), QKeySequence::HelpContents, this, [this] {
        if (!m_userGuide)
            m_userGuide = new UserGuide(this);
        m_userGuide->show();
        m_userGuide->raise();
        m_userGuide->activateWindow();
    });
    guide->setObjectName(QStringLiteral("userGuide"));
    help->addAction(tr("&About Egress Auditor"), this,
                    [this] { QMessageBox::about(this, tr("About Egress Auditor"), aboutText()); });

    toolbar->addAction(open);
    toolbar->addAction(m_importAction);
    toolbar->addAction(exportView);
    toolbar->addSeparator();
    toolbar->addAction(undo);
    toolbar->addAction(redo);
    toolbar->addAction(m_backAction);
    toolbar->addAction(m_forwardAction);
    toolbar->addSeparator();
    toolbar->addActions(m_markActions);
}

void MainWindow::updateCounts()
{
    const QWidget *tab = m_tabs->currentWidget();
    if (tab == m_processes)
        m_counts->setText(m_processes->countsText());
    else if (tab == m_rejected)
        m_counts->setText(m_rejected->countsText());
    else if (tab == m_sources)
        m_counts->setText(m_sources->countsText());
    else // the destinations, or the charts that follow them
        m_counts->setText(m_destinations->countsText());
}

void MainWindow::updateUndoToolTips()
{
    const bool typing = isTextField(QApplication::focusWidget());
    const auto tip = [typing](const QString &step, const QString &none, const QString &keys) {
        const QString what = step.isEmpty() ? none : step;
        return typing ? tr("%1 (%2 now edits the text field that has focus; this button "
                           "still works)")
                            .arg(what, keys)
                      : tr("%1 (%2)").arg(what, keys);
    };
    m_undoAction->setToolTip(tip(
        m_undoStack.undoText().isEmpty() ? QString() : tr("Undo %1").arg(m_undoStack.undoText()),
        tr("Undo the last mark"),
        QKeySequence(QKeySequence::Undo).toString(QKeySequence::NativeText)));
    m_redoAction->setToolTip(tip(
        m_undoStack.redoText().isEmpty() ? QString() : tr("Redo %1").arg(m_undoStack.redoText()),
        tr("Redo the mark undone last"),
        m_redoAction->shortcut().toString(QKeySequence::NativeText)));
}

void MainWindow::reloadViews()
{
    m_destinations->reload();
    m_processes->reload();
    m_rejected->reload();
    m_sources->reload();
}

QTableView *MainWindow::rejectedView() const noexcept
{
    return m_rejected->view();
}

bool MainWindow::isBusy() const
{
    return m_runner->isRunning() || m_session->isWriting() || m_session->isOpening() || m_saving > 0
        || m_destinations->isLoading() || m_processes->isLoading() || m_rejected->isLoading()
        || m_sources->isLoading() || m_charts->isLoading();
}

QString MainWindow::casePath() const
{
    return m_session->path();
}

QString MainWindow::countsText() const
{
    return m_counts->text();
}

void MainWindow::exportDialog(ExportForm form, ExportScope scope)
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export destinations"), QString(),
                                                      tr("CSV (*.csv)"));
    if (!path.isEmpty())
        exportTo(path, form, scope);
}

void MainWindow::exportTo(const QString &path, ExportForm form, ExportScope scope)
{
    // The view's order is only ids here; the rows are read and written on a
    // pool thread.
    ExportSelection selection;
    if (scope == ExportScope::InView && m_destinations->isPartial()) {
        const QString error = tr("The destinations are still loading: export them once the "
                                 "table is complete.");
        showError(error);
        Q_EMIT exportFinished(path, error);
        return;
    }
    if (scope == ExportScope::InView)
        selection = m_destinations->idsInView();
    auto done = [this, path](const QString &error) {
        if (error.isEmpty())
            statusBar()->showMessage(tr("Exported to %1").arg(path), 5000);
        else
            showError(error);
        Q_EMIT exportFinished(path, error);
    };
    onFinished(form == ExportForm::Destinations
                   ? writeDestinationsCsv(*m_session, path, std::move(selection))
                   : writeSeedCsv(*m_session, path, std::move(selection)),
               this, done);
}

Location MainWindow::currentLocation() const
{
    Location location;
    location.page = m_tabs->currentIndex();
    if (location.page == DestinationsTab)
        location.id = m_destinations->currentDestination().value_or(0);
    else if (location.page == ProcessesTab)
        location.id = m_processes->currentProcess().value_or(0);
    return location;
}

void MainWindow::goTo(const Location &location)
{
    m_tabs->setCurrentIndex(location.page);
    if (location.page == DestinationsTab && location.id)
        m_destinations->selectDestination(location.id);
    else if (location.page == ProcessesTab && location.id)
        m_processes->selectProcess(location.id);
    updateActions();
}

void MainWindow::showProcess(std::int64_t processId)
{
    m_history.follow(currentLocation());
    goTo({ProcessesTab, processId});
    m_processes->processesView()->setFocus();
}

void MainWindow::showDestination(std::int64_t destinationId)
{
    m_history.follow(currentLocation());
    goTo({DestinationsTab, destinationId});
    m_destinations->destinationsView()->setFocus();
}

void MainWindow::goBack()
{
    if (const std::optional<Location> location = m_history.back(currentLocation()))
        goTo(*location);
}

void MainWindow::goForward()
{
    if (const std::optional<Location> location = m_history.forward(currentLocation()))
        goTo(*location);
}

void MainWindow::updateActions()
{
    // While another case opens, the one shown is about to go: nothing may
    // change or export it (opening another case supersedes, so that stays).
    const bool open = m_session->isOpen() && !m_session->isOpening();
    // A background write of marks counts as an import here: the steps it
    // will push must land before any other change of the marks or the case.
    const bool importing = m_runner->isRunning() || m_session->isWriting();
    for (QAction *action : std::as_const(m_caseActions))
        action->setEnabled(open && !importing);
    for (QAction *action : std::as_const(m_viewActions))
        action->setEnabled(open && !importing && !m_destinations->isPartial());
    // Marks are written on the GUI thread's connection: not while an import
    // holds the case's write lock.
    const bool canMark = open && !importing && m_tabs->currentIndex() == DestinationsTab
        && m_destinations->currentDestination().has_value();
    for (QAction *action : std::as_const(m_markActions))
        action->setEnabled(canMark);
    for (QAction *action : std::as_const(m_idleActions))
        action->setEnabled(!importing);
    // Undo writes marks: not while the import holds the case's write lock.
    m_undoAction->setEnabled(open && !importing && m_undoStack.canUndo());
    m_redoAction->setEnabled(open && !importing && m_undoStack.canRedo());
    m_backAction->setEnabled(m_history.canGoBack());
    m_forwardAction->setEnabled(m_history.canGoForward());
}

void MainWindow::updateTitle()
{
    setWindowTitle(m_session->isOpen()
                       ? tr("%1 — Egress Auditor").arg(QFileInfo(m_session->path()).fileName())
                       : tr("Egress Auditor"));
}

void MainWindow::showError(const QString &message)
{
    if (!message.isEmpty())
        m_messageBar->showMessage(MessageBar::Kind::Error, message.toHtmlEscaped());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_runner->cancel();
    cancelOwnerLookup(); // the session waits for its writer thread at exit
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    m_destinations->saveState(QStringLiteral("destinations"));
    m_processes->saveState(QStringLiteral("processes"));
    m_charts->saveState(QStringLiteral("charts"));
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    QStringList files;
    for (const QUrl &url : event->mimeData()->urls()) {
        if (url.isLocalFile())
            files << url.toLocalFile();
    }
    if (!files.isEmpty()) {
        event->acceptProposedAction();
        openFiles(files);
    }
}

QString MainWindow::aboutText()
{
    return tr("<p><b>Egress Auditor</b> %1</p><p>Finds the external destinations "
              "in connection telemetry exports.</p><p>Qt %2, SQLite %3</p>")
        .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion()),
             QString::fromLatin1(SqliteDb::libraryVersion()));
}

} // namespace ea
