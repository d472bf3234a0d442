#pragma once

#include "timedisplay.h"

#include <QString>
#include <QStringList>

namespace ea {

// What Edit → Preferences… sets, persisted in QSettings under
// "preferences/". The language applies at the next start (the window's text
// is made once); everything else at once.
struct Preferences
{
    QString language; // "" follows the system locale; else "en", "ja"
    TimeDisplay timeDisplay = TimeDisplay::Utc;
    // The toggles a case opens with.
    bool showAllDestinations = false;
    bool hideReviewed = true;
    bool outboundOnly = true;
    bool externalProcessesOnly = true;
    int topCount = 20; // bars of the top-destinations charts
    static constexpr int kMinTopCount = 5;
    static constexpr int kMaxTopCount = 100;
    // MaxMind-format databases (.mmdb) the destinations are looked up in
    // (country, AS), in the order their answers are preferred.
    QStringList ownerDatabases;

    [[nodiscard]] static Preferences load();
    void save() const;

    friend bool operator==(const Preferences &, const Preferences &) = default;
};

} // namespace ea
