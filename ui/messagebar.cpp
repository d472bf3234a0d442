#include "messagebar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>

namespace ea {

MessageBar::MessageBar(QWidget *parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
    , m_action(new QPushButton(this))
    , m_close(new QToolButton(this))
{
    setObjectName(QStringLiteral("messageBar"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    // Callers pass HTML (links, escaped file names): never let QLabel guess,
    // or a message without a tag shows its &quot; entities literally.
    m_text->setTextFormat(Qt::RichText);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setAutoRaise(true);
    m_close->setToolTip(tr("Close"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_icon);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_action);
    layout->addWidget(m_close);
    connect(m_action, &QPushButton::clicked, this, &MessageBar::actionTriggered);
    connect(m_close, &QToolButton::clicked, this, &QWidget::hide);
    hide();
}

MessageBar::~MessageBar() = default;

void MessageBar::showMessage(Kind kind, const QString &text, const QString &actionText)
{
    m_kind = kind;
    QStyle::StandardPixmap pixmap = QStyle::SP_MessageBoxInformation;
    QColor tint(0xdd, 0xea, 0xf7);
    if (kind == Kind::Warning) {
        pixmap = QStyle::SP_MessageBoxWarning;
        tint = QColor(0xfb, 0xee, 0xc8);
    } else if (kind == Kind::Error) {
        pixmap = QStyle::SP_MessageBoxCritical;
        tint = QColor(0xf8, 0xd7, 0xd7);
    }
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
    m_icon->setPixmap(style()->standardIcon(pixmap).pixmap(size, size));
    QPalette p = palette();
    p.setColor(QPalette::Window, tint);
    p.setColor(QPalette::WindowText, Qt::black);
    setPalette(p);
    m_text->setText(text);
    m_action->setText(actionText);
    m_action->setVisible(!actionText.isEmpty());
    show();
}

QString MessageBar::text() const
{
    return m_text->text();
}

} // namespace ea
