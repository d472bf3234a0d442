#pragma once

#include <QObject>
#include <QStringList>

class QMenu;

namespace ea {

// The File ▸ Open recent menu: recent cases first, then recent exports, kept in
// QSettings so they survive restarts. Entries whose file is gone are dropped
// when the menu is built.
class RecentFiles final : public QObject
{
    Q_OBJECT

public:
    explicit RecentFiles(QMenu *menu);
    ~RecentFiles() override;

    void addCase(const QString &path);
    void addExport(const QString &path);
    [[nodiscard]] static QStringList cases();
    [[nodiscard]] static QStringList exports();

Q_SIGNALS:
    void caseChosen(const QString &path);
    void exportChosen(const QString &path);

private:
    static void add(const QString &key, const QString &path);
    void rebuild();

    QMenu *m_menu = nullptr;
};

} // namespace ea
