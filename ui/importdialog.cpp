#include "importdialog.h"

#include "background.h"
#include "core/filehash.h"
#include "statuspresentation.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

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
    : ImportDialog(files, {}, parent)
{ }

ImportDialog::ImportDialog(const QStringList &files, std::vector<SourceRow> imported,
                           QWidget *parent)
    : QDialog(parent)
    , m_fileList(new QListWidget(this))
    , m_format(new QLabel(this))
    , m_error(new QLabel(this))
    , m_warning(new QLabel(this))
    , m_again(new QCheckBox(tr("Import this file a&gain"), this))
    , m_imported(std::move(imported))
    , m_sample(new QTableWidget(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Import exports"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Import"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    m_warning->setWordWrap(true);
    m_warning->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_warning->setStyleSheet(QStringLiteral("color: #a15c00"));
    m_warning->hide();
    m_again->hide();
    m_again->setToolTip(tr("The case holds a file with the same bytes: its connections would be "
                           "counted twice"));
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
        box->setToolTip(tr("The column that holds the %1; \"(none)\" leaves the choice to the "
                           "import")
                            .arg(roleLabel(role).toLower()));
        m_roleBoxes[k] = box;
        form->addRow(roleLabel(role) + QLatin1Char(':'), box);
        connect(box, &QComboBox::currentIndexChanged, this, [this, role] { columnChosen(role); });
    }

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_format);
    rightLayout->addWidget(m_error);
    rightLayout->addWidget(m_warning);
    rightLayout->addWidget(m_again);
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
    connect(m_again, &QCheckBox::toggled, this, [this](bool on) {
        if (m_current >= 0 && !m_updating) {
            m_files[std::size_t(m_current)].again = on;
            updateAcceptable();
        }
    });

    for (const QString &path : files) {
        FileState state;
        state.path = path;
        state.preview = previewImport(path);
        m_files.push_back(std::move(state));
        m_fileList->addItem(QFileInfo(path).fileName());
        m_fileList->item(m_fileList->count() - 1)->setToolTip(path);
        checkDuplicate(m_files.size() - 1);
    }
    m_fileList->setCurrentRow(0);
    updateAcceptable();
    m_sample->setMinimumHeight(m_sample->verticalHeader()->defaultSectionSize() * 7);
    resize(960, 720);
}

ImportDialog::~ImportDialog()
{
    m_closing->store(true);
}

void ImportDialog::checkDuplicate(std::size_t file)
{
    FileState &state = m_files[file];
    if (!state.preview.error.isNull())
        return;
    const qint64 size = QFileInfo(state.path).size();
    // Only a source of the same size can hold the same bytes: most files
    // are never hashed here (the import hashes them anyway, beside reading).
    if (std::none_of(m_imported.begin(), m_imported.end(),
                     [size](const SourceRow &s) { return s.size == size; }))
        return;
    state.checking = true;
    ++m_checking;
    auto *watcher = new QFutureWatcher<FileHash>(this);
    connect(watcher, &QFutureWatcher<FileHash>::finished, this,
            [this, watcher, path = state.path, size] {
                watcher->deleteLater();
                --m_checking;
                const FileHash hash = watcher->result();
                for (std::size_t k = 0; k < m_files.size(); ++k) {
                    FileState &s = m_files[k];
                    if (s.path != path || !s.checking)
                        continue;
                    s.checking = false;
                    for (const SourceRow &source : m_imported) {
                        if (hash.ok() && source.size == size && source.sha256 == hash.value) {
                            s.duplicateOf = source;
                            break;
                        }
                    }
                    if (int(k) == m_current)
                        showFile(m_current);
                }
                updateAcceptable();
            });
    watcher->setFuture(QtConcurrent::run(workPool(), [path = state.path, closing = m_closing] {
        yieldToGuiThread();
        return sha256File(path, closing.get());
    }));
    updateAcceptable();
}

bool ImportDialog::importable(const FileState &state) const
{
    return state.preview.error.isNull() && (!state.duplicateOf || state.again);
}

bool ImportDialog::isImportable(int file) const
{
    return file >= 0 && file < int(m_files.size()) && importable(m_files[std::size_t(file)]);
}

bool ImportDialog::isCheckingDuplicates() const
{
    return m_checking > 0;
}

QString ImportDialog::messageText() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

QString ImportDialog::warningText() const
{
    return m_warning->isVisible() ? m_warning->text() : QString();
}

void ImportDialog::setImportAgain(bool again)
{
    m_again->setChecked(again);
}

QString ImportDialog::messageFor(const FileState &state) const
{
    const ImportPreview &p = state.preview;
    if (p.unrecognised) {
        return tr("Egress Auditor does not recognise this file (%1). It reads CSV and TSV exports "
                  "with a header row, Zeek and Windows Firewall logs, and NDJSON (Zeek, Suricata "
                  "EVE, Sysmon and other Windows events, osquery, ECS). It will not be imported.")
            .arg(fromUtf8(p.unrecognisedReason));
    }
    if (p.error.isNull())
        return {};
    if (p.mappable && p.kind == FileKind::Connections
        && p.mapping.column[std::size_t(FieldRole::Dst)] < 0 && !p.columns.empty()) {
        return tr("No column is recognised as the destination address. Choose it under Columns "
                  "(Destination address), with the first rows below to go by. Until then this "
                  "file will not be imported.");
    }
    return tr("%1 This file will not be imported.").arg(p.error.message());
}

std::vector<ImportRequest> ImportDialog::requests() const
{
    std::vector<ImportRequest> requests;
    for (const FileState &file : m_files) {
        if (!importable(file))
            continue;
        ImportRequest request;
        request.path = file.path;
        request.options.overrides = file.overrides;
        request.options.force = file.duplicateOf && file.again;
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
        m_warning->hide();
        m_again->hide();
        for (QComboBox *box : m_roleBoxes)
            box->clear();
        m_sample->clear();
        return;
    }
    const FileState &state = m_files[std::size_t(file)];
    const ImportPreview &preview = state.preview;
    const QString name = QFileInfo(state.path).fileName().toHtmlEscaped();
    m_format->setText(
        preview.format.empty()
            ? tr("<b>%1</b>: format not recognised").arg(name)
            : tr("<b>%1</b>: format %2, %3")
                  .arg(name, fromUtf8(preview.format).toHtmlEscaped(), kindText(preview.kind)));
    const QString message = messageFor(state);
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
    QStringList warnings = mappingWarnings(preview);
    if (state.duplicateOf) {
        warnings.prepend(
            tr("Already imported into this case as source %1 (%2, %3). It is skipped unless you "
               "import it again, which counts its connections twice.")
                .arg(state.duplicateOf->id)
                .arg(QFileInfo(fromUtf8(state.duplicateOf->path)).fileName(),
                     displayTime(state.duplicateOf->importedAtNs)));
    } else if (state.checking) {
        warnings.prepend(tr("Comparing with the files already in the case…"));
    }
    m_warning->setText(warnings.join(QLatin1Char('\n')));
    m_warning->setVisible(!warnings.isEmpty());
    {
        const QSignalBlocker block(m_again);
        m_again->setChecked(state.again);
    }
    m_again->setVisible(state.duplicateOf.has_value());

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
    showSample(preview);
}

void ImportDialog::showSample(const ImportPreview &preview)
{
    m_sample->clear();
    const bool records = preview.sampleRows.empty() && !preview.sampleRecords.empty();
    // A record is one long line: one row each, across the table.
    m_sample->setWordWrap(!records);
    m_sample->horizontalHeader()->setStretchLastSection(records);
    if (records) {
        // Records without columns (NDJSON): each as written.
        m_sample->setColumnCount(1);
        m_sample->setHorizontalHeaderLabels({tr("Record")});
        m_sample->setRowCount(int(preview.sampleRecords.size()));
        for (std::size_t r = 0; r < preview.sampleRecords.size(); ++r) {
            auto *item = new QTableWidgetItem(fromUtf8(preview.sampleRecords[r]));
            item->setToolTip(item->text());
            m_sample->setItem(int(r), 0, item);
        }
        return;
    }
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
    int going = 0;
    for (std::size_t k = 0; k < m_files.size(); ++k) {
        const FileState &state = m_files[k];
        const bool in = importable(state);
        going += in ? 1 : 0;
        if (QListWidgetItem *item = m_fileList->item(int(k))) {
            const QStyle::StandardPixmap icon = !state.preview.error.isNull()
                ? QStyle::SP_MessageBoxCritical
                : !in                                     ? QStyle::SP_MessageBoxInformation
                : !mappingWarnings(state.preview).empty() ? QStyle::SP_MessageBoxWarning
                                                          : QStyle::SP_DialogApplyButton;
            item->setIcon(style()->standardIcon(icon));
        }
    }
    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    ok->setEnabled(going > 0);
    ok->setText(going == int(m_files.size()) || going == 0
                    ? tr("&Import")
                    : tr("&Import %1 of %2 files").arg(going).arg(m_files.size()));
}

} // namespace ea
