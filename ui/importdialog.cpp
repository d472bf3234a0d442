#include "importdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace ea {

namespace {

QString fromUtf8(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

QString roleLabel(FieldRole role)
{
    switch (role) {
    case FieldRole::Dst:
        return ImportDialog::tr("Destination address");
    case FieldRole::DstPort:
        return ImportDialog::tr("Destination port");
    case FieldRole::Src:
        return ImportDialog::tr("Source address");
    case FieldRole::SrcPort:
        return ImportDialog::tr("Source port");
    case FieldRole::Protocol:
        return ImportDialog::tr("Protocol");
    case FieldRole::Time:
        return ImportDialog::tr("Time");
    case FieldRole::Process:
        return ImportDialog::tr("Process key");
    case FieldRole::Pid:
        return ImportDialog::tr("PID");
    case FieldRole::Path:
        return ImportDialog::tr("Executable path");
    case FieldRole::Host:
        return ImportDialog::tr("Host");
    case FieldRole::Direction:
        return ImportDialog::tr("Direction");
    case FieldRole::SrcBytes:
        return ImportDialog::tr("Bytes sent by the source");
    case FieldRole::DstBytes:
        return ImportDialog::tr("Bytes sent by the destination");
    case FieldRole::TotalBytes:
        return ImportDialog::tr("Bytes both ways");
    case FieldRole::Count:
        break;
    }
    return {};
}

QString kindText(FileKind kind)
{
    switch (kind) {
    case FileKind::Connections:
        return ImportDialog::tr("connections");
    case FileKind::Processes:
        return ImportDialog::tr("processes");
    case FileKind::Hosts:
        return ImportDialog::tr("hosts");
    }
    return {};
}

} // namespace

ImportDialog::ImportDialog(const QStringList &files, QWidget *parent)
    : QDialog(parent)
    , m_fileList(new QListWidget(this))
    , m_format(new QLabel(this))
    , m_error(new QLabel(this))
    , m_sample(new QTableWidget(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Import exports"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Import"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    m_format->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_sample->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_sample->verticalHeader()->hide();

    auto *removeButton = new QPushButton(tr("&Remove file"), this);
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(new QLabel(tr("Files:"), left));
    leftLayout->addWidget(m_fileList, 1);
    leftLayout->addWidget(removeButton);

    auto *mappingBox = new QGroupBox(tr("Columns"), this);
    auto *form = new QFormLayout(mappingBox);
    for (std::size_t k = 0; k < kFieldRoleCount; ++k) {
        const auto role = FieldRole(k);
        auto *box = new QComboBox(mappingBox);
        box->setObjectName(QStringLiteral("role_") + fromUtf8(fieldRoleId(role)));
        box->setToolTip(tr("--map %1=COLUMN").arg(fromUtf8(fieldRoleId(role))));
        m_roleBoxes[k] = box;
        form->addRow(roleLabel(role) + QLatin1Char(':'), box);
        connect(box, &QComboBox::currentIndexChanged, this, [this, role] { columnChosen(role); });
    }

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_format);
    rightLayout->addWidget(m_error);
    rightLayout->addWidget(mappingBox);
    rightLayout->addWidget(new QLabel(tr("First rows:"), right));
    rightLayout->addWidget(m_sample, 1);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 3);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(removeButton, &QPushButton::clicked, this, &ImportDialog::removeCurrentFile);
    connect(m_fileList, &QListWidget::currentRowChanged, this, &ImportDialog::showFile);

    for (const QString &path : files) {
        FileState state;
        state.path = path;
        state.preview = previewImport(path);
        m_files.push_back(std::move(state));
        m_fileList->addItem(QFileInfo(path).fileName());
        m_fileList->item(m_fileList->count() - 1)->setToolTip(path);
    }
    m_fileList->setCurrentRow(0);
    updateAcceptable();
    resize(900, 560);
}

ImportDialog::~ImportDialog() = default;

std::vector<ImportRequest> ImportDialog::requests() const
{
    std::vector<ImportRequest> requests;
    for (const FileState &file : m_files) {
        ImportRequest request;
        request.path = file.path;
        request.options.overrides = file.overrides;
        requests.push_back(std::move(request));
    }
    return requests;
}

const ImportPreview &ImportDialog::preview(int file) const
{
    return m_files[std::size_t(file)].preview;
}

bool ImportDialog::setColumn(FieldRole role, const QString &column)
{
    QComboBox *box = m_roleBoxes[std::size_t(role)];
    const int index = column.isEmpty() ? 0 : box->findText(column, Qt::MatchFixedString);
    if (index < 0 || !box->isEnabled())
        return false;
    box->setCurrentIndex(index);
    return true;
}

void ImportDialog::showFile(int file)
{
    m_current = file;
    if (file < 0 || file >= int(m_files.size())) {
        // Also reached with a stale row while a file is being removed: the
        // boxes' clear() below must not write to a file (columnChosen).
        m_current = -1;
        m_format->clear();
        m_error->clear();
        for (QComboBox *box : m_roleBoxes)
            box->clear();
        m_sample->clear();
        return;
    }
    const FileState &state = m_files[std::size_t(file)];
    const ImportPreview &preview = state.preview;
    m_format->setText(tr("<b>%1</b>: format %2, %3")
                          .arg(QFileInfo(state.path).fileName().toHtmlEscaped(),
                               fromUtf8(preview.format).toHtmlEscaped(), kindText(preview.kind)));
    m_error->setText(preview.error.message());
    m_error->setVisible(!preview.error.isNull());

    m_updating = true;
    for (std::size_t k = 0; k < kFieldRoleCount; ++k) {
        QComboBox *box = m_roleBoxes[k];
        box->clear();
        box->addItem(tr("(none)"));
        for (const std::string &column : preview.columns)
            box->addItem(fromUtf8(column));
        const int chosen = preview.mapping.column[k];
        box->setCurrentIndex(chosen >= 0 ? chosen + 1 : 0);
        box->setEnabled(preview.mappable && !preview.columns.empty());
    }
    m_updating = false;

    m_sample->clear();
    m_sample->setColumnCount(int(preview.columns.size()));
    QStringList headers;
    for (const std::string &column : preview.columns)
        headers << fromUtf8(column);
    m_sample->setHorizontalHeaderLabels(headers);
    m_sample->setRowCount(int(preview.sampleRows.size()));
    for (std::size_t r = 0; r < preview.sampleRows.size(); ++r) {
        const auto &cells = preview.sampleRows[r];
        for (std::size_t c = 0; c < cells.size() && c < preview.columns.size(); ++c)
            m_sample->setItem(int(r), int(c), new QTableWidgetItem(fromUtf8(cells[c])));
    }
}

void ImportDialog::refreshPreview(int file)
{
    FileState &state = m_files[std::size_t(file)];
    state.preview = previewImport(state.path, state.overrides);
    showFile(file);
    updateAcceptable();
}

void ImportDialog::columnChosen(FieldRole role)
{
    if (m_updating || m_current < 0)
        return;
    FileState &state = m_files[std::size_t(m_current)];
    const QString column = m_roleBoxes[std::size_t(role)]->currentIndex() <= 0
        ? QString()
        : m_roleBoxes[std::size_t(role)]->currentText();
    // One override per role. "(none)" drops the override: the import's own
    // choice applies again (the readers cannot be told to ignore a column
    // they know).
    std::erase_if(state.overrides, [role](const MappingOverride &o) { return o.role == role; });
    if (!column.isEmpty())
        state.overrides.push_back({role, column.toStdString()});
    refreshPreview(m_current);
}

void ImportDialog::removeCurrentFile()
{
    const int file = m_fileList->currentRow();
    if (file < 0)
        return;
    m_files.erase(m_files.begin() + file);
    delete m_fileList->takeItem(file);
    showFile(m_fileList->currentRow());
    updateAcceptable();
}

void ImportDialog::updateAcceptable()
{
    bool ok = !m_files.empty();
    for (std::size_t k = 0; k < m_files.size(); ++k) {
        const bool fileOk = m_files[k].preview.error.isNull();
        ok = ok && fileOk;
        if (QListWidgetItem *item = m_fileList->item(int(k))) {
            item->setIcon(style()->standardIcon(fileOk ? QStyle::SP_DialogApplyButton
                                                       : QStyle::SP_MessageBoxWarning));
        }
    }
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ok);
}

} // namespace ea
