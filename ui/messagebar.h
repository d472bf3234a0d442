#pragma once

#include <QFrame>

class QLabel;
class QPushButton;
class QToolButton;

namespace ea {

// An inline message above the tables (import summaries, recoverable errors):
// it does not block like a dialog and stays until closed or replaced. An
// optional action button offers the obvious next step.
class MessageBar final : public QFrame
{
    Q_OBJECT

public:
    enum class Kind { Information, Warning, Error };

    explicit MessageBar(QWidget *parent = nullptr);
    ~MessageBar() override;

    // Shows text (HTML: escape plain text with toHtmlEscaped()); actionText
    // non-empty adds a button that emits actionTriggered().
    void showMessage(Kind kind, const QString &text, const QString &actionText = {});
    [[nodiscard]] QString text() const;
    [[nodiscard]] Kind kind() const noexcept { return m_kind; }

Q_SIGNALS:
    void actionTriggered();

private:
    QLabel *m_icon = nullptr;
    QLabel *m_text = nullptr;
    QPushButton *m_action = nullptr;
    QToolButton *m_close = nullptr;
    Kind m_kind = Kind::Information;
};

} // namespace ea
