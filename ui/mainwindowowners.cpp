// MainWindow: the destinations' owners, looked up in the MaxMind-format
// databases of the Preferences (the rest of the window is in mainwindow.cpp,
// mainwindowcase.cpp and mainwindowpreferences.cpp).

#include "casesession.h"
#include "destinationspage.h"
#include "mainwindow.h"
#include "messagebar.h"

#include "ingest/ownerlookup.h"

#include <QDir>
#include <QFileInfo>
#include <QStatusBar>
#include <QTextDocumentFragment>

namespace ea {

QString MainWindow::ownersLookupMessage()
{
    return tr("Looking up the destinations' owners…");
}

void MainWindow::cancelOwnerLookup()
{
    if (m_ownerCancel)
        m_ownerCancel->store(true);
    m_ownerCancel.reset();
    if (statusBar()->currentMessage() == ownersLookupMessage())
        statusBar()->clearMessage();
}

void MainWindow::lookUpOwners()
{
    cancelOwnerLookup();
    if (!m_session->isOpen() || m_session->isImporting() || m_session->database()->isReadOnly()
        || m_preferences.ownerDatabases.isEmpty())
        return;
    auto cancel = std::make_shared<std::atomic_bool>(false);
    auto report = std::make_shared<OwnerLookup::Report>();
    m_ownerCancel = cancel;
    statusBar()->showMessage(ownersLookupMessage());
    m_session->updateInBackground(
        [paths = m_preferences.ownerDatabases, cancel, report](CaseDatabase &database) -> Error {
            Result<OwnerLookup::Report> done = OwnerLookup::run(database, paths, cancel.get());
            if (!done.ok())
                return done.error;
            *report = std::move(done.value);
            return {};
        },
        [this, cancel, report](const Error &error) {
            if (m_ownerCancel != cancel)
                return; // superseded: a newer look-up or another case
            m_ownerCancel.reset();
            if (statusBar()->currentMessage() == ownersLookupMessage())
                statusBar()->clearMessage();
            if (error) {
                showError(tr("Cannot look up the destinations' owners: %1").arg(error.message()));
                Q_EMIT ownersLookedUp();
                return;
            }
            if (!report->missing.isEmpty()) {
                QStringList names;
                for (const QString &path : report->missing)
                    names << QDir::toNativeSeparators(path).toHtmlEscaped();
                const QString hint
                    = tr("Not found: %1. The Country, ASN and AS organisation columns show what "
                         "the case stored; choose the databases in Edit → Preferences → Owners.")
                          .arg(names.join(QStringLiteral(", ")));
                // An import's report, shown at the same time, is not replaced.
                if (m_messageBar->isVisible())
                    statusBar()->showMessage(QTextDocumentFragment::fromHtml(hint).toPlainText(),
                                             10000);
                else
                    m_messageBar->showMessage(MessageBar::Kind::Information, hint);
            }
            if (!report->stored.cancelled && (report->stored.found > 0 || report->stored.replaced))
                reloadViews();
            Q_EMIT ownersLookedUp();
        });
}

} // namespace ea
