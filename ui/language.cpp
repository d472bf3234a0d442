#include "language.h"

#include "preferences.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace ea {

namespace {

// Where qt_add_translations puts the compiled translations (ui/CMakeLists.txt).
const QString kCompiledIn = QStringLiteral(":/i18n");

} // namespace

std::vector<LanguageChoice> availableLanguages()
{
    return {{QStringLiteral("en"), QStringLiteral("English")},
            {QStringLiteral("ja"), QStringLiteral("日本語")}};
}

QString languageSetting()
{
    return Preferences::load().language;
}

void setLanguageSetting(const QString &code)
{
    Preferences preferences = Preferences::load();
    preferences.language = code;
    preferences.save();
}

QString languageFor(const QStringList &uiLanguages)
{
    const std::vector<LanguageChoice> available = availableLanguages();
    for (const QString &entry : uiLanguages) {
        // "ja-JP", "ja_JP.UTF-8", "en-GB": the language part.
        const QString language = entry.section(QLatin1Char('-'), 0, 0)
                                     .section(QLatin1Char('_'), 0, 0)
                                     .section(QLatin1Char('.'), 0, 0)
                                     .toLower();
        for (const LanguageChoice &choice : available) {
            if (choice.code == language)
                return choice.code;
        }
    }
    return QStringLiteral("en");
}

QString installTranslators(const QString &code)
{
    QCoreApplication *app = QCoreApplication::instance();
    // The first of the system's languages that the window speaks: English
    // listed before Japanese stays English (QTranslator::load would go on
    // down the list to Japanese).
    const QString chosen = code.isEmpty() ? languageFor(QLocale::system().uiLanguages()) : code;
    // English is the source text.
    if (chosen == QLatin1String("en"))
        return QStringLiteral("en");
    const QLocale locale(chosen);
    auto *own = new QTranslator(app);
    if (!own->load(locale, QStringLiteral("egress-auditor"), QStringLiteral("_"), kCompiledIn)) {
        delete own;
        return QStringLiteral("en");
    }
    QCoreApplication::installTranslator(own);
    // Qt's own strings in the same language; missing files only leave them
    // in English.
    auto *qt = new QTranslator(app);
    if (qt->load(QLocale(own->language()), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    return QLocale(own->language()).name().section(QLatin1Char('_'), 0, 0);
}

} // namespace ea
