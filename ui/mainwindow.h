#pragma once

#include "importrunner.h"
#include "navigationhistory.h"
#include "preferences.h"

#include <QList>
#include <QMainWindow>

#include <QStringList>
#include <QUndoStack>
#include <functional>

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>

class QAction;
class QLabel;
class QMenu;
class QProgressBar;
class QTabWidget;
class QTableView;
class QToolButton;

class QStackedWidget;

namespace ea {

class CaseInstances;
class StartPage;

class CaseSession;
class ChartsPage;
class ChartsPlacement;
class DestinationsPage;
class MessageBar;
class ProcessesPage;
class RecentFiles;
class ReviewActions;
class RejectedPage;
class SourcesPage;
class UserGuide;

// The analyst's workbench: a case, its destinations with drill-down, its
// processes and rejected rows; import, review marks with undo, export.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    enum class ExportScope { InView, All };
    enum class ExportForm { Destinations, Seed };

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a case (creating it when create is true) on the session's writer
    // thread; the current case stays shown, with "Opening…" in the status
    // bar, until it lands, and a newer open supersedes it. Errors go to the
    // message bar. False when it cannot start (an import is running).
    bool openCase(const QString &path, bool create = false);
    // Save case as without the file dialog (tests; the action asks for the
    // file, then calls this). The copy is made off the GUI thread, then opened.
    void saveCaseAs(const QString &target);
    // .eacase files are opened, everything else imported (into the open case,
    // or a new untitled one).
    void openFiles(const QStringList &files);
    // With showDialog, the import dialog shows format and mapping first.
    void importFiles(const QStringList &files, bool showDialog = true);
    // Exports the destinations (in view after the filter, or all) in the
    // CLI's CSV form or the old query's seed form, written atomically.
    // Emits exportFinished(path, error).
    void exportTo(const QString &path, ExportForm form, ExportScope scope);
    // Back/Forward over followed links.
    void goBack();
    void goForward();
    void showProcess(std::int64_t processId);
    void showDestination(std::int64_t destinationId);

    // Nothing running: no import, no page load, no pending filter.
    [[nodiscard]] bool isBusy() const;
    [[nodiscard]] QString casePath() const;
    // Where exports opened without a case get their new untitled case:
    // ~/.local/share/<application>/cases.
    [[nodiscard]] static QString untitledCasesFolder();
    // Help → About's text: the version, and the Qt and SQLite in use.
    [[nodiscard]] static QString aboutText();

    [[nodiscard]] DestinationsPage *destinationsPage() const noexcept { return m_destinations; }
    [[nodiscard]] ProcessesPage *processesPage() const noexcept { return m_processes; }
    [[nodiscard]] SourcesPage *sourcesPage() const noexcept { return m_sources; }
    [[nodiscard]] ChartsPage *chartsPage() const noexcept { return m_charts; }
    [[nodiscard]] ChartsPlacement *chartsPlacement() const noexcept { return m_chartsPlacement; }
    [[nodiscard]] QTableView *rejectedView() const noexcept;
    [[nodiscard]] QTabWidget *tabs() const noexcept { return m_tabs; }
    // Shown instead of the tabs while no case is open.
    [[nodiscard]] StartPage *startPage() const noexcept { return m_start; }
    // The start page's "Try the sample": the bundled export, written to the
    // application's data folder, imported into a new untitled case.
    void trySample();
    [[nodiscard]] MessageBar *messageBar() const noexcept { return m_messageBar; }
    [[nodiscard]] QUndoStack *undoStack() noexcept { return &m_undoStack; }
    [[nodiscard]] ImportRunner *importRunner() noexcept { return m_runner; }
    [[nodiscard]] QString countsText() const;
    [[nodiscard]] CaseSession *session() const noexcept { return m_session; }
    [[nodiscard]] ReviewActions *review() const noexcept { return m_review; }
    // Edit → Preferences…; applyPreferences() is what its OK does (saved,
    // then applied: times and charts at once, the toggles when a case opens,
    // the language at the next start).
    void showPreferences();
    void applyPreferences(const Preferences &preferences);
    [[nodiscard]] const Preferences &preferences() const noexcept { return m_preferences; }
    // The window, panes, columns and charts as first shown.
    void resetLayout();
    // Looks the case's destinations up in the Preferences' MaxMind-format
    // databases on the session's writer thread (only those new since the
    // last look-up with the same database builds), then reloads the views
    // if anything was stored. Runs when a case opens, after an import and
    // when the databases change; a missing database is a hint, not an error.
    void lookUpOwners();
    // One window per case across processes (CaseInstances).
    [[nodiscard]] CaseInstances *caseInstances() const noexcept { return m_instances; }

Q_SIGNALS:
    // After an import's reports are shown and the views reloaded.
    void importFinished(const std::vector<ea::ImportReport> &reports);
    void exportFinished(const QString &path, const QString &error);
    // A lookUpOwners() ended (stored, nothing to do, or failed and shown).
    void ownersLookedUp();

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createMenus();
    void newCase();
    void openCaseDialog();
    void saveCaseAsDialog();
    // The start page while no case is open (its recent list read again),
    // else the tabs.
    void showStartPageIfIdle();
    void importDialog();
    void exportDialog(ExportForm form, ExportScope scope);
    // File > Import known list…: a file, a name (asked; a list of that name
    // is replaced only when the analyst says so), then ReviewActions.
    void importKnownListDialog();
    // Review > Mark a known list's destinations…: a list and a status
    // (asked), then ReviewActions::applyKnownList().
    void applyKnownListDialog();
    // After a dialog of those two: false (and an error shown) when the case
    // is no longer `before`, or an import or write started meanwhile.
    [[nodiscard]] bool sameCaseAfterDialog(const QString &before);
    void onImportProgress(const ImportRunner::Progress &progress);
    void onImportFinished(const std::vector<ImportReport> &reports);
    void reloadViews();
    // The undo and redo buttons name the step and the keys, and say when
    // the keys edit a focused text field instead.
    void updateUndoToolTips();
    // The status bar's counts are those of the tab in view.
    void updateCounts();
    void updateActions();
    void updateTitle();
    // Runs then() once a case is open: at once, after the pending open, or
    // after opening a new untitled case. False when none can be opened.
    bool withCase(std::function<void()> then);
    void showError(const QString &message);
    [[nodiscard]] Location currentLocation() const;
    void goTo(const Location &location);
    // Sets the toggles to those a case opens with (Preferences).
    void applyCaseToggles();
    // After the session's case changed: a newly opened case gets the toggles
    // of the Preferences, and is this window's (CaseInstances::claim) or a
    // warning says another window has it too.
    void followCaseChange();
    // Another process asked for this window's case: show it, import `exports`.
    void activateFromElsewhere(const QStringList &exports);
    // Stops a running lookUpOwners(): its answers are dropped.
    void cancelOwnerLookup();
    [[nodiscard]] static QString ownersLookupMessage();

    CaseSession *m_session = nullptr;
    QUndoStack m_undoStack;
    ImportRunner *m_runner = nullptr;
    MessageBar *m_messageBar = nullptr;
    QTabWidget *m_tabs = nullptr;
    StartPage *m_start = nullptr;
    QStackedWidget *m_stack = nullptr;
    DestinationsPage *m_destinations = nullptr;
    ProcessesPage *m_processes = nullptr;
    RejectedPage *m_rejected = nullptr;
    SourcesPage *m_sources = nullptr;
    // Where the message bar's button leads.
    enum class MessageAction : std::uint8_t { ShowRejected, ShowSources };
    MessageAction m_messageAction = MessageAction::ShowRejected;
    ChartsPage *m_charts = nullptr;
    ChartsPlacement *m_chartsPlacement = nullptr;
    UserGuide *m_userGuide = nullptr; // made when first opened
    QLabel *m_counts = nullptr;
    QLabel *m_rate = nullptr;
    QProgressBar *m_progress = nullptr;
    QToolButton *m_cancel = nullptr;
    ReviewActions *m_review = nullptr;
    RecentFiles *m_recent = nullptr;
    QList<QAction *> m_markActions;
    QList<QAction *> m_caseActions; // need an open case
    int m_saving = 0; // copies of the case being written (Save case as)
    QList<QAction *> m_viewActions; // and the whole table loaded (exports "in view")
    QList<QAction *> m_idleActions; // need no running import
    QAction *m_importAction = nullptr;
    QAction *m_undoAction = nullptr;
    QAction *m_redoAction = nullptr;
    QAction *m_backAction = nullptr;
    QAction *m_forwardAction = nullptr;
    Preferences m_preferences;
    CaseInstances *m_instances = nullptr;
    QString m_shownCasePath; // the case the views show, for followCaseChange()
    QString m_keepViewFor; // a Save as copy about to open
    QByteArray m_defaultWindowState; // before the saved state was restored
    NavigationHistory m_history;
    std::function<void()> m_afterOpen; // waits for the pending open
    std::shared_ptr<std::atomic_bool> m_ownerCancel; // the running lookUpOwners()
};

} // namespace ea
