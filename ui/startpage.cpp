#include "startpage.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace ea {

StartPage::StartPage(QWidget *parent)
    : QWidget(parent)
    , m_recent(new QListWidget(this))
    , m_sample(new QPushButton(tr("Try the &sample"), this))
{
    setObjectName(QStringLiteral("startPage"));
    auto *title = new QLabel(tr("<h2>Egress Auditor</h2>"), this);
    auto *intro = new QLabel(
        tr("Find what your servers talked to on the public internet. Import connection exports "
           "(Sophos Linux Sensor, osquery, Zeek, Suricata, Sysmon, firewall logs) into a case, "
           "review the external destinations, mark them and export the list."),
        this);
    intro->setWordWrap(true);
    auto *importButton = new QPushButton(tr("&Import exports… (Ctrl+I)"), this);
    importButton->setObjectName(QStringLiteral("startImport"));
    auto *openButton = new QPushButton(tr("&Open case… (Ctrl+O)"), this);
    openButton->setObjectName(QStringLiteral("startOpen"));
    m_sample->setObjectName(QStringLiteral("startSample"));
    m_sample->setToolTip(tr("Import the bundled synthetic export (400 connections of 4 sensors) "
                            "into a new case"));
    m_recent->setObjectName(QStringLiteral("startRecent"));
    auto *recentTitle = new QLabel(tr("&Recent cases:"), this);
    recentTitle->setBuddy(m_recent);
    m_recentTitle = recentTitle;

    auto *column = new QWidget(this);
    const int width = fontMetrics().averageCharWidth() * 80;
    column->setFixedWidth(width);
    auto *layout = new QVBoxLayout(column);
    layout->addWidget(title);
    layout->addWidget(intro);
    layout->addSpacing(12);
    for (QPushButton *button : {importButton, openButton, m_sample}) {
        button->setMinimumHeight(button->sizeHint().height() + 8);
        layout->addWidget(button);
    }
    layout->addSpacing(12);
    layout->addWidget(recentTitle);
    layout->addWidget(m_recent);
    m_recent->setMaximumHeight(fontMetrics().height() * 12);
    // A centred block does not get height-for-width: give the wrapped text
    // the height it needs at the block's width.
    const QMargins margins = layout->contentsMargins();
    intro->setMinimumHeight(intro->heightForWidth(width - margins.left() - margins.right()));

    // The block in the middle, a little above centre.
    auto *outer = new QVBoxLayout(this);
    outer->addStretch(1);
    outer->addWidget(column, 0, Qt::AlignHCenter);
    outer->addStretch(2);

    connect(importButton, &QPushButton::clicked, this, &StartPage::importRequested);
    connect(openButton, &QPushButton::clicked, this, &StartPage::openRequested);
    connect(m_sample, &QPushButton::clicked, this, &StartPage::sampleRequested);
    connect(m_recent, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        Q_EMIT caseChosen(item->data(Qt::UserRole).toString());
    });
    setRecentCases({});
}

StartPage::~StartPage() = default;

void StartPage::setRecentCases(const QStringList &paths)
{
    m_recent->clear();
    for (const QString &path : paths) {
        auto *item = new QListWidgetItem(
            tr("%1 — %2").arg(QFileInfo(path).fileName(),
                              QDir::toNativeSeparators(QFileInfo(path).absolutePath())),
            m_recent);
        item->setData(Qt::UserRole, path);
        item->setToolTip(path);
    }
    m_recent->setVisible(!paths.isEmpty());
    m_recentTitle->setVisible(!paths.isEmpty());
    if (!paths.isEmpty())
        m_recent->setCurrentRow(0);
}

QStringList StartPage::extractSample(const QString &dir)
{
    QStringList files;
    QDir().mkpath(dir);
    for (const char *name : {"connections.csv", "processes.csv", "hosts.csv"}) {
        const QString source = QStringLiteral(":/sample/") + QLatin1String(name);
        const QString target = dir + QLatin1Char('/') + QLatin1String(name);
        QFile::remove(target); // QFile::copy never overwrites
        if (QFile::copy(source, target)) {
            // Resources copy read-only: let the analyst delete the folder.
            QFile::setPermissions(target, QFile::permissions(target) | QFileDevice::WriteOwner);
            files << target;
        }
    }
    return files;
}

} // namespace ea
