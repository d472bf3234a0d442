#pragma once

#include <QString>
#include <QStringList>

#include <vector>

namespace ea {

// The languages of the window: English (the source text) and those with a
// translation compiled in (resources/translations/, qt_add_translations).
struct LanguageChoice
{
    QString code; // "en", "ja"
    QString name; // in that language: "English", "日本語"
};
[[nodiscard]] std::vector<LanguageChoice> availableLanguages();
// The first of `uiLanguages` (QLocale::uiLanguages(): "en-GB", "ja-JP", …)
// that is an available language, else "en".
[[nodiscard]] QString languageFor(const QStringList &uiLanguages);

// The language set in Preferences, or an empty string: follow the system
// locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG). Persisted in QSettings.
[[nodiscard]] QString languageSetting();
void setLanguageSetting(const QString &code);

// Installs, on the running application, the translators for `code` (empty:
// the system locale's first language that has one): the app's own strings
// and Qt's (dialog buttons, from qtbase_<code>.qm of the system's Qt when
// installed: Debian's qt6-translations-l10n). Call once, before any widget
// is made; a later change applies at the next start. Returns the language
// now shown ("en" when no translation matched).
QString installTranslators(const QString &code);

} // namespace ea
