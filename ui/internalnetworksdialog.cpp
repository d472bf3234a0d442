#include "internalnetworksdialog.h"

#include "casesession.h"
#include "core/text.h"
#include "markcommand.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QUndoStack>
#include <QVBoxLayout>

namespace ea {

InternalNetworksDialog::InternalNetworksDialog(CaseSession &session, QUndoStack &undoStack,
                                               QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_undoStack(undoStack)
    , m_table(new QTableWidget(this))
    , m_cidr(new QLineEdit(this))
    , m_note(new QLineEdit(this))
    , m_error(new QLabel(this))
    , m_remove(new QPushButton(tr("&Remove"), this))
{
    setWindowTitle(tr("Internal networks"));
    auto *intro = new QLabel(tr("The organisation's own networks. Destinations inside them are "
                                "internal, not external, in every view and export."),
                             this);
    intro->setWordWrap(true);
    m_table->setColumnCount(2);
    m_table->setHorizontalHeaderLabels({tr("Network"), tr("Note")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_cidr->setPlaceholderText(tr("e.g. 2001:db8:1234::/48"));
    m_note->setPlaceholderText(tr("note"));
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    m_error->hide();
    auto *add = new QPushButton(tr("&Add"), this);
    auto *addRow = new QHBoxLayout;
    addRow->addWidget(m_cidr, 2);
    addRow->addWidget(m_note, 3);
    addRow->addWidget(add);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_remove, QDialogButtonBox::ActionRole);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table, 1);
    layout->addLayout(addRow);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(add, &QPushButton::clicked, this,
            [this] { addNetwork(m_cidr->text(), m_note->text()); });
    connect(m_cidr, &QLineEdit::returnPressed, add, &QPushButton::click);
    connect(m_remove, &QPushButton::clicked, this, [this] {
        const int row = m_table->currentRow();
        if (row >= 0)
            removeNetwork(m_table->item(row, 0)->text());
    });
    connect(&m_session, &CaseSession::marksChanged, this, &InternalNetworksDialog::reload);
    reload();
    resize(560, 380);
}

InternalNetworksDialog::~InternalNetworksDialog() = default;

bool InternalNetworksDialog::addNetwork(const QString &cidr, const QString &note)
{
    const MarkTarget target = Marks::parseTarget(cidr.trimmed().toStdString());
    if (!target.ok()) {
        m_error->setText(target.error.message());
        m_error->show();
        return false;
    }
    QString error;
    auto command = MarkCommand::create(m_session, {target.cidr}, MarkStatus::Internal,
                                       note.toStdString(), &error);
    if (!error.isEmpty()) {
        m_error->setText(error);
        m_error->show();
        return false;
    }
    m_error->hide();
    if (command)
        m_undoStack.push(command.release());
    m_cidr->clear();
    m_note->clear();
    return true;
}

bool InternalNetworksDialog::removeNetwork(const QString &cidr)
{
    const MarkTarget target = Marks::parseTarget(cidr.toStdString());
    if (!target.ok() || !m_session.marks())
        return false;
    // Only an internal network is this dialog's to remove.
    const std::optional<Mark> existing = m_session.marks()->markFor(target.cidr).value;
    if (!existing || existing->status != MarkStatus::Internal)
        return false;
    QString error;
    auto command = MarkCommand::create(m_session, {target.cidr}, MarkStatus::Unreviewed,
                                       std::nullopt, &error);
    if (!command)
        return false;
    m_undoStack.push(command.release());
    return true;
}

QStringList InternalNetworksDialog::networks() const
{
    QStringList networks;
    for (int row = 0; row < m_table->rowCount(); ++row)
        networks << m_table->item(row, 0)->text();
    return networks;
}

void InternalNetworksDialog::reload()
{
    m_table->setRowCount(0);
    if (!m_session.marks())
        return;
    RowsResult<Mark> marks = m_session.marks()->marks();
    if (!marks.ok()) {
        m_error->setText(marks.error.message());
        m_error->show();
        return;
    }
    for (const Mark &mark : marks.value) {
        if (mark.status != MarkStatus::Internal)
            continue;
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        m_table->setItem(row, 0, new QTableWidgetItem(toQString(mark.cidrText)));
        m_table->setItem(row, 1, new QTableWidgetItem(toQString(mark.note)));
    }
    m_remove->setEnabled(m_table->rowCount() > 0);
}

} // namespace ea
