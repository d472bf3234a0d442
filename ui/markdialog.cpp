#include "markdialog.h"

#include "statuspresentation.h"

#include "address/cidr.h"
#include "storage/marks.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyle>
#include <QStyleOptionFrame>
#include <QVBoxLayout>

#include <algorithm>

namespace ea {

MarkDialog::MarkDialog(const QString &target, std::size_t selected, MarkStatus status,
                       const QString &note, QWidget *parent)
    : QDialog(parent)
    , m_target(new QLineEdit(this))
    , m_targetError(new QLabel(this))
    , m_status(new QComboBox(this))
    , m_note(new QLineEdit(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Mark destinations"));
    m_target->setObjectName(QStringLiteral("target"));
    m_note->setObjectName(QStringLiteral("note"));
    m_status->setObjectName(QStringLiteral("status"));
    if (selected > 1) {
        m_target->setText(tr("%n selected destination(s)", nullptr, int(selected)));
        m_target->setReadOnly(true);
    } else {
        m_target->setText(target);
    }
    m_target->setPlaceholderText(tr("address or block, e.g. 203.0.113.0/24 or 2001:db8::/32"));
    m_targetError->setStyleSheet(QStringLiteral("color: #b00020"));
    m_targetError->setWordWrap(true);
    for (const MarkStatus s : {MarkStatus::KnownSafe, MarkStatus::Suspicious, MarkStatus::Malicious,
                               MarkStatus::Internal, MarkStatus::Unreviewed})
        m_status->addItem(statusIcon(s), statusDisplayName(s), int(s));
    setStatus(status);
    m_note->setText(note);
    m_note->setPlaceholderText(tr("why: ticket, owner, vendor…"));

    // Wide enough for the longest target (a whole IPv6 block) and for the
    // hints, so that nothing shows cut (a QLineEdit's own hint is ~17
    // characters).
    const auto textWidth = [](const QLineEdit *edit, const QString &text) {
        QStyleOptionFrame option;
        option.initFrom(edit);
        const QSize content(edit->fontMetrics().horizontalAdvance(text) + 8
                                + edit->textMargins().left() + edit->textMargins().right(),
                            edit->sizeHint().height());
        return edit->style()->sizeFromContents(QStyle::CT_LineEdit, &option, content, edit).width();
    };
    const QString longest = QStringLiteral("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128");
    m_target->setMinimumWidth(
        std::max({textWidth(m_target, longest), textWidth(m_target, m_target->placeholderText()),
                  textWidth(m_target, m_target->text())}));
    m_note->setMinimumWidth(textWidth(m_note, m_note->placeholderText()));

    auto *form = new QFormLayout;
    form->addRow(tr("&Target:"), m_target);
    form->addRow(QString(), m_targetError);
    form->addRow(tr("&Status:"), m_status);
    form->addRow(tr("&Note:"), m_note);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_target, &QLineEdit::textChanged, this, &MarkDialog::validate);
    validate();
}

MarkDialog::~MarkDialog() = default;

bool MarkDialog::marksSelection() const
{
    return m_target->isReadOnly();
}

std::vector<Cidr> MarkDialog::targets() const
{
    if (marksSelection())
        return {};
    const MarkTarget target = Marks::parseTarget(m_target->text().trimmed().toStdString());
    if (!target.ok())
        return {};
    return {target.cidr};
}

MarkStatus MarkDialog::status() const
{
    return MarkStatus(m_status->currentData().toInt());
}

std::string MarkDialog::note() const
{
    return m_note->text().toStdString();
}

void MarkDialog::setTargetText(const QString &text)
{
    m_target->setReadOnly(false);
    m_target->setText(text);
}

void MarkDialog::setStatus(MarkStatus status)
{
    m_status->setCurrentIndex(m_status->findData(int(status)));
}

void MarkDialog::setNote(const QString &note)
{
    m_note->setText(note);
}

void MarkDialog::validate()
{
    QString error;
    if (!m_target->isReadOnly()) {
        const QString text = m_target->text().trimmed();
        if (!text.isEmpty())
            error = Marks::parseTarget(text.toStdString()).error.message();
        m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!text.isEmpty() && error.isEmpty());
    }
    m_targetError->setText(error);
    m_targetError->setVisible(!error.isEmpty());
    // A wrapped message needs more height than the layout's minimum says
    // (that ignores height-for-width): grow to what the width needs.
    if (layout() && isVisible()) {
        layout()->activate();
        if (const int needed = heightForWidth(width()); needed > height())
            resize(width(), needed);
    }
}

} // namespace ea
