#pragma once

#include <QStringList>
#include <QWidget>

class QListWidget;
class QPushButton;

namespace ea {

// What the window shows while no case is open: the ways in (import exports,
// open a case, the recent cases, the bundled sample), each a button or list
// entry reachable from the keyboard.
class StartPage final : public QWidget
{
    Q_OBJECT

public:
    explicit StartPage(QWidget *parent = nullptr);
    ~StartPage() override;

    // Lists these cases (most recent first); the list hides when empty.
    void setRecentCases(const QStringList &paths);
    [[nodiscard]] QListWidget *recentList() const noexcept { return m_recent; }
    [[nodiscard]] QPushButton *sampleButton() const noexcept { return m_sample; }

    // The bundled sample export (connections, processes and hosts files,
    // compiled in) written to dir; the paths written.
    [[nodiscard]] static QStringList extractSample(const QString &dir);

Q_SIGNALS:
    void importRequested();
    void openRequested();
    void sampleRequested();
    void caseChosen(const QString &path);

private:
    QListWidget *m_recent = nullptr;
    QWidget *m_recentTitle = nullptr;
    QPushButton *m_sample = nullptr;
};

} // namespace ea
