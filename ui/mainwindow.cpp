#include "mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>

namespace ea {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Egress Auditor"));
    resize(1000, 640);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Egress Auditor"), this, &MainWindow::showAbout);

    m_placeholder = new QLabel(this);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setTextInteractionFlags(Qt::TextSelectableByMouse);
    setCentralWidget(m_placeholder);
    setExportFiles({});
}

MainWindow::~MainWindow() = default;

void MainWindow::setExportFiles(const QStringList &files)
{
    if (files.isEmpty()) {
        m_placeholder->setText(tr("No export file opened."));
        statusBar()->showMessage(tr("Ready"));
        return;
    }
    QStringList names;
    names.reserve(files.size());
    for (const QString &file : files)
        names.append(QDir::toNativeSeparators(file));
    m_placeholder->setText(tr("Export files:\n%1").arg(names.join(QLatin1Char('\n'))));
    statusBar()->showMessage(tr("%n file(s) given", nullptr, int(files.size())));
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Egress Auditor"),
                       tr("<p><b>Egress Auditor %1</b></p>"
                          "<p>Finds the external destinations in connection telemetry "
                          "and helps review them.</p>")
                           .arg(QCoreApplication::applicationVersion()));
}

} // namespace ea
