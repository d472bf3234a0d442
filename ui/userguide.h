#pragma once

#include <QDialog>

class QTextBrowser;

namespace ea {

// The user guide shipped with the application (resources/help/user-guide.md,
// compiled in): filters, marks, keys. Opened by Help → User guide (F1);
// not modal, so that the analyst can read it beside the table.
class UserGuide : public QDialog
{
    Q_OBJECT

public:
    explicit UserGuide(QWidget *parent = nullptr);

    // The guide's Markdown source, as compiled in (empty if missing).
    [[nodiscard]] static QString markdown();
    [[nodiscard]] QTextBrowser *browser() const noexcept { return m_browser; }

private:
    QTextBrowser *m_browser;
};

} // namespace ea
