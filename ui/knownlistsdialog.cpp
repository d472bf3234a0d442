#include "knownlistsdialog.h"

#include "casesession.h"
#include "reviewactions.h"
#include "statuspresentation.h"

#include "storage/knownlists.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ea {

namespace {

enum Column {
    NameColumn,
    FormatColumn,
    VersionColumn,
    EntriesColumn,
    ImportedColumn,
    SourceColumn
};

} // namespace

KnownListsDialog::KnownListsDialog(CaseSession &session, ReviewActions &review, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_review(review)
    , m_table(new QTableWidget(this))
    , m_empty(new QLabel(this))
    , m_remove(new QPushButton(tr("&Remove"), this))
{
    setWindowTitle(tr("Known lists"));
    m_remove->setObjectName(QStringLiteral("remove"));
    auto *intro = new QLabel(tr("The known lists of this case. The Lists column and the filter "
                                "list:NAME show which hold each destination. Removing a list "
                                "keeps the marks it made."),
                             this);
    intro->setWordWrap(true);
    m_table->setColumnCount(6);
    m_table->setHorizontalHeaderLabels(
        {tr("Name"), tr("Format"), tr("Version"), tr("Blocks"), tr("Imported"), tr("File")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_empty->setTextFormat(Qt::PlainText);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_remove, QDialogButtonBox::ActionRole);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_empty);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_remove, &QPushButton::clicked, this, [this] {
        const int row = m_table->currentRow();
        if (row >= 0)
            removeList(m_table->item(row, NameColumn)->text());
    });
    connect(m_table, &QTableWidget::itemSelectionChanged, this,
            [this] { m_remove->setEnabled(!m_removing && m_table->currentRow() >= 0); });
    // A removal that failed leaves the list: Remove is offered again.
    connect(&m_review, &ReviewActions::errorOccurred, this, &KnownListsDialog::reload);
    connect(&m_review, &ReviewActions::listsChanged, this, &KnownListsDialog::reload);
    reload();
    resize(760, 360);
}

KnownListsDialog::~KnownListsDialog() = default;

QStringList KnownListsDialog::names() const
{
    QStringList out;
    for (int row = 0; row < m_table->rowCount(); ++row)
        out << m_table->item(row, NameColumn)->text();
    return out;
}

bool KnownListsDialog::removeList(const QString &name, bool ask)
{
    if (m_removing || !names().contains(name))
        return false;
    if (ask) {
        QMessageBox question(
            QMessageBox::Question, tr("Remove known list"),
            tr("Remove the known list %1 from the case? The marks it made stay.").arg(name),
            QMessageBox::Yes | QMessageBox::Cancel, this);
        question.setTextFormat(Qt::PlainText); // a name is never markup
        question.setDefaultButton(QMessageBox::Cancel);
        if (question.exec() != QMessageBox::Yes)
            return false;
    }
    // Until the removal lands (listsChanged() reloads), the row stays:
    // a second click would ask to remove it again.
    m_remove->setEnabled(false);
    m_removing = true;
    m_review.removeKnownList(name);
    return true;
}

void KnownListsDialog::reload()
{
    m_removing = false;
    m_table->setRowCount(0);
    if (!m_session.database()) {
        m_remove->setEnabled(false);
        return;
    }
    const RowsResult<KnownList> lists = KnownLists(*m_session.database()).lists();
    if (lists.ok()) {
        m_table->setRowCount(int(lists.value.size()));
        for (int row = 0; row < int(lists.value.size()); ++row) {
            const KnownList &l = lists.value[std::size_t(row)];
            const auto set = [&](int column, const QString &text) {
                auto *item = new QTableWidgetItem(text);
                item->setToolTip(text);
                m_table->setItem(row, column, item);
            };
            set(NameColumn, QString::fromStdString(l.name));
            set(FormatColumn, QString::fromStdString(l.format));
            set(VersionColumn, QString::fromStdString(l.version));
            set(EntriesColumn, QString::number(l.entries));
            set(ImportedColumn, displayTime(l.importedAtNs, false));
            set(SourceColumn, QString::fromStdString(l.source));
        }
        m_table->resizeColumnsToContents();
        m_empty->setText(tr("No known list yet: File → Import known list… adds one."));
    } else {
        m_empty->setText(lists.error.message());
    }
    m_empty->setVisible(m_table->rowCount() == 0);
    m_remove->setEnabled(m_table->currentRow() >= 0);
}

} // namespace ea
