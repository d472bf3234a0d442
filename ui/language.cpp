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

QString installTranslators(const QString &code)
{
    QCoreApplication *app = QCoreApplication::instance();
    const QLocale locale = code.isEmpty() ? QLocale::system() : QLocale(code);
    // English is the source text: a chosen "en" wins over a Japanese system.
    if (locale.language() == QLocale::English && !code.isEmpty())
        return QStringLiteral("en");
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
