#include "preferencesdialog.h"

#include "language.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace ea {

PreferencesDialog::PreferencesDialog(const Preferences &current, QWidget *parent)
    : QDialog(parent)
    , m_startLanguage(current.language)
    , m_language(new QComboBox(this))
    , m_languageNote(new QLabel(this))
    , m_utc(new QRadioButton(tr("&UTC"), this))
    , m_local(new QRadioButton(this))
    , m_showAll(new QCheckBox(tr("&All destinations"), this))
    , m_hideReviewed(new QCheckBox(tr("Hide &known-safe and internal"), this))
    , m_outboundOnly(new QCheckBox(tr("Outbound onl&y"), this))
    , m_externalProcesses(new QCheckBox(tr("Only processes with e&xternal destinations"), this))
    , m_topCount(new QSpinBox(this))
{
    setWindowTitle(tr("Preferences"));
    setObjectName(QStringLiteral("preferencesDialog"));

    m_language->setObjectName(QStringLiteral("language"));
    m_language->addItem(tr("System default"), QString());
    for (const LanguageChoice &choice : availableLanguages())
        m_language->addItem(choice.name, choice.code);
    m_language->setCurrentIndex(std::max(0, m_language->findData(current.language)));
    m_languageNote->setWordWrap(true);
    connect(m_language, &QComboBox::currentIndexChanged, this,
            &PreferencesDialog::updateLanguageNote);
    updateLanguageNote();

    // The local zone named by its offset now: "Local time (UTC+09:00)".
    const int offset = QDateTime::currentDateTime().offsetFromUtc();
    m_local->setText(tr("&Local time of this computer (UTC%1)").arg(utcOffsetText(offset)));
    m_utc->setObjectName(QStringLiteral("utc"));
    m_local->setObjectName(QStringLiteral("local"));
    (current.timeDisplay == TimeDisplay::Local ? m_local : m_utc)->setChecked(true);

    m_showAll->setObjectName(QStringLiteral("showAll"));
    m_hideReviewed->setObjectName(QStringLiteral("hideReviewed"));
    m_outboundOnly->setObjectName(QStringLiteral("outboundOnly"));
    m_externalProcesses->setObjectName(QStringLiteral("externalProcesses"));
    m_showAll->setChecked(current.showAllDestinations);
    m_hideReviewed->setChecked(current.hideReviewed);
    m_outboundOnly->setChecked(current.outboundOnly);
    m_externalProcesses->setChecked(current.externalProcessesOnly);

    m_topCount->setObjectName(QStringLiteral("topCount"));
    m_topCount->setRange(Preferences::kMinTopCount, Preferences::kMaxTopCount);
    m_topCount->setValue(current.topCount);

    auto *language = new QGroupBox(tr("Language"), this);
    auto *languageLayout = new QFormLayout(language);
    languageLayout->addRow(tr("La&nguage:"), m_language);
    languageLayout->addRow(m_languageNote);

    auto *times = new QGroupBox(tr("Show times in"), this);
    auto *timesLayout = new QVBoxLayout(times);
    timesLayout->addWidget(m_utc);
    timesLayout->addWidget(m_local);
    auto *timesNote = new QLabel(
        tr("The case stores UTC, and exports always write UTC (ISO 8601 with Z). Times of a log "
           "that names no zone are shown as written."),
        times);
    timesNote->setWordWrap(true);
    timesLayout->addWidget(timesNote);

    auto *toggles = new QGroupBox(tr("When a case opens"), this);
    auto *togglesLayout = new QVBoxLayout(toggles);
    togglesLayout->addWidget(m_showAll);
    togglesLayout->addWidget(m_hideReviewed);
    togglesLayout->addWidget(m_outboundOnly);
    togglesLayout->addWidget(m_externalProcesses);

    auto *charts = new QGroupBox(tr("Charts"), this);
    auto *chartsLayout = new QFormLayout(charts);
    chartsLayout->addRow(tr("&Destinations in the top charts:"), m_topCount);

    auto *owners = new QGroupBox(tr("Owners"), this);
    auto *ownersLayout = new QVBoxLayout(owners);
    auto *ownersNote = new QLabel(
        tr("MaxMind-format databases (.mmdb: GeoLite2 Country, City or ASN, DB-IP lite, IPinfo "
           "lite) that give each destination its country, AS number and AS organisation. The "
           "first one that knows a field gives it. The case keeps the answers: a colleague "
           "without the databases sees them too."),
        owners);
    ownersNote->setWordWrap(true);
    m_ownerDatabases = new QListWidget(owners);
    m_ownerDatabases->setObjectName(QStringLiteral("ownerDatabases"));
    for (const QString &path : current.ownerDatabases)
        addOwnerItem(path);
    m_ownerDatabases->setMaximumHeight(m_ownerDatabases->fontMetrics().height() * 5);
    auto *add = new QPushButton(tr("A&dd…"), owners);
    add->setObjectName(QStringLiteral("addOwnerDatabase"));
    m_removeDatabase = new QPushButton(tr("Re&move"), owners);
    m_removeDatabase->setObjectName(QStringLiteral("removeOwnerDatabase"));
    m_raiseDatabase = new QPushButton(tr("Move &up"), owners);
    m_raiseDatabase->setObjectName(QStringLiteral("raiseOwnerDatabase"));
    connect(add, &QPushButton::clicked, this, &PreferencesDialog::addOwnerDatabase);
    connect(m_removeDatabase, &QPushButton::clicked, this,
            [this] { delete m_ownerDatabases->currentItem(); });
    connect(m_raiseDatabase, &QPushButton::clicked, this, [this] {
        const int row = m_ownerDatabases->currentRow();
        if (row > 0) {
            m_ownerDatabases->insertItem(row - 1, m_ownerDatabases->takeItem(row));
            m_ownerDatabases->setCurrentRow(row - 1);
        }
    });
    connect(m_ownerDatabases, &QListWidget::currentRowChanged, this,
            &PreferencesDialog::updateOwnerButtons);
    connect(m_ownerDatabases->model(), &QAbstractItemModel::rowsRemoved, this,
            &PreferencesDialog::updateOwnerButtons);
    auto *ownerButtons = new QVBoxLayout;
    ownerButtons->addWidget(add);
    ownerButtons->addWidget(m_removeDatabase);
    ownerButtons->addWidget(m_raiseDatabase);
    ownerButtons->addStretch(1);
    auto *ownerRow = new QHBoxLayout;
    ownerRow->addWidget(m_ownerDatabases, 1);
    ownerRow->addLayout(ownerButtons);
    ownersLayout->addWidget(ownersNote);
    ownersLayout->addLayout(ownerRow);
    updateOwnerButtons();

    auto *reset = new QPushButton(tr("&Reset layout"), this);
    reset->setObjectName(QStringLiteral("resetLayout"));
    reset->setToolTip(tr("Put the window, its panes, columns and charts back as they were first "
                         "shown (now)"));
    connect(reset, &QPushButton::clicked, this, &PreferencesDialog::resetLayoutRequested);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->addButton(reset, QDialogButtonBox::ResetRole);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(language);
    layout->addWidget(times);
    layout->addWidget(toggles);
    layout->addWidget(charts);
    layout->addWidget(owners);
    layout->addWidget(buttons);
}

PreferencesDialog::~PreferencesDialog() = default;

Preferences PreferencesDialog::preferences() const
{
    Preferences p;
    p.language = m_language->currentData().toString();
    p.timeDisplay = m_local->isChecked() ? TimeDisplay::Local : TimeDisplay::Utc;
    p.showAllDestinations = m_showAll->isChecked();
    p.hideReviewed = m_hideReviewed->isChecked();
    p.outboundOnly = m_outboundOnly->isChecked();
    p.externalProcessesOnly = m_externalProcesses->isChecked();
    p.topCount = m_topCount->value();
    for (int row = 0; row < m_ownerDatabases->count(); ++row)
        p.ownerDatabases.push_back(m_ownerDatabases->item(row)->text());
    return p;
}

void PreferencesDialog::addOwnerDatabase()
{
    const QString start = m_ownerDatabases->count() > 0
        ? QFileInfo(m_ownerDatabases->item(m_ownerDatabases->count() - 1)->text()).absolutePath()
        : QString();
    const QStringList files
        = QFileDialog::getOpenFileNames(this, tr("Add MaxMind-format databases"), start,
                                        tr("MaxMind databases (*.mmdb);;All files (*)"));
    for (const QString &file : files) {
        const QString path = QDir::toNativeSeparators(QFileInfo(file).absoluteFilePath());
        if (m_ownerDatabases->findItems(path, Qt::MatchExactly).isEmpty())
            addOwnerItem(path);
    }
    updateOwnerButtons();
}

void PreferencesDialog::addOwnerItem(const QString &path)
{
    auto *item = new QListWidgetItem(path, m_ownerDatabases);
    // A file that is not there is kept (it may be on a drive not mounted
    // now) but shown as missing.
    if (!QFileInfo(path).isFile()) {
        QFont font = item->font();
        font.setItalic(true);
        item->setFont(font);
        item->setForeground(palette().brush(QPalette::Disabled, QPalette::Text));
        item->setToolTip(tr("Not found: the look-up skips it"));
    }
}

void PreferencesDialog::updateOwnerButtons()
{
    const int row = m_ownerDatabases->currentRow();
    m_removeDatabase->setEnabled(row >= 0);
    m_raiseDatabase->setEnabled(row > 0);
}

void PreferencesDialog::updateLanguageNote()
{
    // Said louder once the choice differs from the language in use.
    const bool changed = m_language->currentData().toString() != m_startLanguage;
    const QString note = tr("A new language applies when Egress Auditor starts again.");
    m_languageNote->setText(changed ? QStringLiteral("<b>%1</b>").arg(note.toHtmlEscaped()) : note);
}

} // namespace ea
