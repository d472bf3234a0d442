#pragma once

#include <QObject>

class QAction;
class QDockWidget;
class QMainWindow;
class QTabWidget;
class QWidget;

namespace ea {

class ChartsPage;

// Where the Charts view lives: a tab beside the tables, or a dock beside the
// whole window (to see the table and the charts at once). The analyst's
// choice is kept in the settings ("charts/docked").
class ChartsPlacement final : public QObject
{
    Q_OBJECT

public:
    // table: the tab a chosen destination is shown in when the charts are a tab.
    ChartsPlacement(QMainWindow &window, QTabWidget &tabs, QWidget &table, ChartsPage &page);

    [[nodiscard]] bool isDocked() const noexcept { return m_docked; }
    void setDocked(bool docked);
    // Checkable "Charts in a dock" for the View menu.
    [[nodiscard]] QAction *dockAction() const noexcept { return m_dockAction; }
    // Brings the charts to the front (their tab, or the dock).
    void showCharts();
    [[nodiscard]] QDockWidget *dock() const noexcept { return m_dock; }

private:
    QMainWindow &m_window;
    QTabWidget &m_tabs;
    QWidget &m_table;
    ChartsPage &m_page;
    QDockWidget *m_dock = nullptr;
    QAction *m_dockAction = nullptr;
    bool m_docked = false;
};

} // namespace ea
