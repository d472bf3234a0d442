#include "preferences.h"

#include <QSettings>

#include <algorithm>

namespace ea {

namespace {

// The language's key is read before any window exists (language.cpp).
const QString kLanguage = QStringLiteral("preferences/language");
const QString kTimeDisplay = QStringLiteral("preferences/timeDisplay");
const QString kShowAll = QStringLiteral("preferences/showAllDestinations");
const QString kHideReviewed = QStringLiteral("preferences/hideReviewed");
const QString kOutboundOnly = QStringLiteral("preferences/outboundOnly");
const QString kExternalProcesses = QStringLiteral("preferences/externalProcessesOnly");
const QString kTopCount = QStringLiteral("preferences/topCount");
const QString kOwnerDatabases = QStringLiteral("preferences/ownerDatabases");

} // namespace

Preferences Preferences::load()
{
    const QSettings settings;
    Preferences p;
    p.language = settings.value(kLanguage).toString();
    p.timeDisplay = settings.value(kTimeDisplay).toString() == QLatin1String("local")
        ? TimeDisplay::Local
        : TimeDisplay::Utc;
    p.showAllDestinations = settings.value(kShowAll, p.showAllDestinations).toBool();
    p.hideReviewed = settings.value(kHideReviewed, p.hideReviewed).toBool();
    p.outboundOnly = settings.value(kOutboundOnly, p.outboundOnly).toBool();
    p.externalProcessesOnly = settings.value(kExternalProcesses, p.externalProcessesOnly).toBool();
    p.topCount
        = std::clamp(settings.value(kTopCount, p.topCount).toInt(), kMinTopCount, kMaxTopCount);
    p.ownerDatabases = settings.value(kOwnerDatabases).toStringList();
    p.ownerDatabases.removeAll(QString());
    p.ownerDatabases.removeDuplicates();
    return p;
}

void Preferences::save() const
{
    QSettings settings;
    if (language.isEmpty())
        settings.remove(kLanguage);
    else
        settings.setValue(kLanguage, language);
    settings.setValue(kTimeDisplay,
                      timeDisplay == TimeDisplay::Local ? QStringLiteral("local")
                                                        : QStringLiteral("utc"));
    settings.setValue(kShowAll, showAllDestinations);
    settings.setValue(kHideReviewed, hideReviewed);
    settings.setValue(kOutboundOnly, outboundOnly);
    settings.setValue(kExternalProcesses, externalProcessesOnly);
    settings.setValue(kTopCount, topCount);
    settings.setValue(kOwnerDatabases, ownerDatabases);
}

} // namespace ea
