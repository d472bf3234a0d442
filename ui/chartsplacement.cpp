#include "chartsplacement.h"

#include "chartspage.h"

#include <QAction>
#include <QDockWidget>
#include <QMainWindow>
#include <QSettings>
#include <QTabWidget>

namespace ea {

namespace {

const QString kDockedKey = QStringLiteral("charts/docked");

} // namespace

ChartsPlacement::ChartsPlacement(QMainWindow &window, QTabWidget &tabs, QWidget &table,
                                 ChartsPage &page)
    : QObject(&window)
    , m_window(window)
    , m_tabs(tabs)
    , m_table(table)
    , m_page(page)
    , m_dock(new QDockWidget(tr("Charts"), &window))
    , m_dockAction(new QAction(tr("Charts in a &Dock"), this))
{
    // Not closable: the charts can move to a tab but never get lost.
    m_dock->setObjectName(QStringLiteral("chartsDock"));
    m_dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    m_window.addDockWidget(Qt::RightDockWidgetArea, m_dock);
    m_dock->hide();
    m_tabs.addTab(&m_page, tr("C&harts"));
    m_dockAction->setCheckable(true);
    m_dockAction->setToolTip(tr("Show the charts beside the table instead of in a tab"));
    connect(m_dockAction, &QAction::toggled, this, &ChartsPlacement::setDocked);
    connect(&m_page, &ChartsPage::destinationChosen, this, [this] {
        if (!m_docked)
            m_tabs.setCurrentWidget(&m_table);
    });
    setDocked(QSettings().value(kDockedKey, false).toBool());
}

void ChartsPlacement::setDocked(bool docked)
{
    if (docked != m_docked) {
        m_docked = docked;
        if (docked) {
            m_tabs.removeTab(m_tabs.indexOf(&m_page));
            m_dock->setWidget(&m_page);
            m_dock->show();
        } else {
            m_dock->hide();
            m_tabs.addTab(&m_page, tr("C&harts"));
        }
        QSettings().setValue(kDockedKey, docked);
    }
    m_dockAction->setChecked(docked);
}

void ChartsPlacement::showCharts()
{
    if (m_docked) {
        m_dock->show();
        m_dock->raise();
    } else {
        m_tabs.setCurrentWidget(&m_page);
    }
}

} // namespace ea
