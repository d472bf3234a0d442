#include "recentfiles.h"

#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace ea {

namespace {

const QString kCases = QStringLiteral("recent/cases");
const QString kExports = QStringLiteral("recent/exports");
constexpr qsizetype kMaxEntries = 10;

QStringList existing(const QString &key)
{
    QStringList paths = QSettings().value(key).toStringList();
    paths.removeIf([](const QString &path) { return !QFileInfo::exists(path); });
    return paths;
}

} // namespace

RecentFiles::RecentFiles(QMenu *menu)
    : QObject(menu)
    , m_menu(menu)
{
    rebuild();
}

RecentFiles::~RecentFiles() = default;

void RecentFiles::addCase(const QString &path)
{
    add(kCases, path);
    rebuild();
}

void RecentFiles::addExport(const QString &path)
{
    add(kExports, path);
    rebuild();
}

QStringList RecentFiles::cases()
{
    return existing(kCases);
}

QStringList RecentFiles::exports()
{
    return existing(kExports);
}

void RecentFiles::add(const QString &key, const QString &path)
{
    QSettings settings;
    QStringList recent = settings.value(key).toStringList();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > kMaxEntries)
        recent.removeLast();
    settings.setValue(key, recent);
}

void RecentFiles::rebuild()
{
    m_menu->clear();
    const QStringList recentCases = cases();
    const QStringList recentExports = exports();
    for (const QString &path : recentCases) {
        m_menu
            ->addAction(QFileInfo(path).fileName(), this, [this, path] { Q_EMIT caseChosen(path); })
            ->setToolTip(path);
    }
    if (!recentCases.isEmpty() && !recentExports.isEmpty())
        m_menu->addSeparator();
    for (const QString &path : recentExports) {
        m_menu
            ->addAction(tr("Import %1").arg(QFileInfo(path).fileName()), this,
                        [this, path] { Q_EMIT exportChosen(path); })
            ->setToolTip(path);
    }
    m_menu->setEnabled(!m_menu->isEmpty());
}

} // namespace ea
