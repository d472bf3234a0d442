// MainWindow: Edit → Preferences… and Reset layout (the rest of the window is
// in mainwindow.cpp and mainwindowcase.cpp).

#include "chartspage.h"
#include "chartsplacement.h"
#include "destinationspage.h"
#include "mainwindow.h"
#include "preferencesdialog.h"
#include "processespage.h"
#include "sourcespage.h"

#include <QAbstractItemView>
#include <QCheckBox>

namespace ea {

void MainWindow::showPreferences()
{
    PreferencesDialog dialog(m_preferences, this);
    connect(&dialog, &PreferencesDialog::resetLayoutRequested, this, &MainWindow::resetLayout);
    if (dialog.exec() == QDialog::Accepted)
        applyPreferences(dialog.preferences());
}

void MainWindow::applyPreferences(const Preferences &preferences)
{
    const Preferences before = std::exchange(m_preferences, preferences);
    m_preferences.save();
    if (preferences.timeDisplay != before.timeDisplay) {
        setTimeDisplay(preferences.timeDisplay);
        // Every cell asks displayTime() again as it paints.
        const QList<QAbstractItemView *> views = findChildren<QAbstractItemView *>();
        for (QAbstractItemView *view : views)
            view->viewport()->update();
        m_destinations->widenTimeColumns();
        m_processes->widenTimeColumns();
        m_sources->widenTimeColumns();
        m_charts->redraw();
    }
    m_charts->setTopCount(preferences.topCount);
    if (preferences.ownerDatabases != before.ownerDatabases)
        lookUpOwners();
}

void MainWindow::applyCaseToggles()
{
    m_destinations->showAllBox()->setChecked(m_preferences.showAllDestinations);
    m_destinations->hideReviewedBox()->setChecked(m_preferences.hideReviewed);
    m_destinations->outboundOnlyBox()->setChecked(m_preferences.outboundOnly);
    m_processes->externalOnlyBox()->setChecked(m_preferences.externalProcessesOnly);
}

void MainWindow::resetLayout()
{
    restoreState(m_defaultWindowState);
    if (!isMaximized() && !isFullScreen())
        resize(1280, 800);
    m_chartsPlacement->setDocked(false);
    m_charts->setStackBy(ChartsPage::StackBy::Category);
    m_destinations->resetLayout();
    m_processes->resetLayout();
}

} // namespace ea
