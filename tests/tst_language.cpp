// The Japanese translation is compiled in and shows in the window, Qt's own
// strings follow it, and the Preferences language setting persists.

#include "language.h"
#include "mainwindow.h"
#include "statuspresentation.h"

#include "storage/markstatus.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QLibraryInfo>
#include <QLocale>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTranslator>
#include <QtTest>

using namespace ea;

class TestLanguage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_settings.isValid());
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path());
        QCoreApplication::setOrganizationName(QStringLiteral("EgressAuditorTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_language"));
    }

    void settingPersists()
    {
        QCOMPARE(languageSetting(), QString());
        setLanguageSetting(QStringLiteral("ja"));
        QCOMPARE(languageSetting(), QStringLiteral("ja"));
        setLanguageSetting(QString()); // back to the system's language
        QCOMPARE(languageSetting(), QString());
        QVERIFY(!QSettings().contains(QStringLiteral("preferences/language")));
    }

    void everyOfferedLanguageHasItsTranslation()
    {
        for (const LanguageChoice &choice : availableLanguages()) {
            if (choice.code == QLatin1String("en"))
                continue; // the source text
            QVERIFY2(QFile::exists(QStringLiteral(":/i18n/egress-auditor_%1.qm").arg(choice.code)),
                     qPrintable(choice.code));
        }
    }

    // Chosen "en" on a Japanese system (main() sets LANGUAGE=ja): no
    // translator, the source text.
    void englishInstallsNothing()
    {
        QCOMPARE(QLocale::system().uiLanguages().value(0).left(2), QStringLiteral("ja"));
        QCOMPARE(installTranslators(QStringLiteral("en")), QStringLiteral("en"));
        QCOMPARE(QCoreApplication::translate("ea::MainWindow", "&File"), QStringLiteral("&File"));
    }

    // The first of the system's languages that the window speaks.
    void firstAvailableLanguageWins()
    {
        QCOMPARE(languageFor({QStringLiteral("en-GB"), QStringLiteral("ja")}),
                 QStringLiteral("en"));
        QCOMPARE(languageFor({QStringLiteral("ja-JP"), QStringLiteral("en")}),
                 QStringLiteral("ja"));
        QCOMPARE(languageFor({QStringLiteral("de-DE"), QStringLiteral("ja_JP.UTF-8")}),
                 QStringLiteral("ja"));
        QCOMPARE(languageFor({QStringLiteral("de-DE")}), QStringLiteral("en"));
        QCOMPARE(languageFor({}), QStringLiteral("en"));
    }

    // No choice: the system's language.
    void systemLanguageIsFollowed()
    {
        QCOMPARE(installTranslators(QString()), QStringLiteral("ja"));
        QCOMPARE(QCoreApplication::translate("ea::MainWindow", "&File"),
                 QStringLiteral("ファイル(&F)"));
    }

    // Last: the translators stay installed for the rest of the process.
    void japaneseMenusAndHeaders()
    {
        QCOMPARE(installTranslators(QStringLiteral("ja")), QStringLiteral("ja"));
        MainWindow window;
        QStringList titles;
        for (QAction *action : window.menuBar()->actions())
            titles << action->text();
        QVERIFY2(titles.contains(QStringLiteral("ファイル(&F)")), qPrintable(titles.join(u'|')));
        QVERIFY2(titles.contains(QStringLiteral("ヘルプ(&H)")), qPrintable(titles.join(u'|')));
        for (const QString &title : titles) // no menu left in English
            QVERIFY2(!title.contains(QRegularExpression(QStringLiteral("^&?[A-Z][a-z]"))),
                     qPrintable(title));
        // Shown through helpers: a category and a review status.
        QCOMPARE(categoryDisplayName("unique-local"), QStringLiteral("ユニークローカル"));
        QCOMPARE(statusDisplayName(MarkStatus::Unreviewed), QStringLiteral("未レビュー"));

        // Qt's own dialog buttons, when the system has Qt's translations
        // (Debian: qt6-translations-l10n, in installer/debian-packages.txt).
        const QString qtbase
            = QLibraryInfo::path(QLibraryInfo::TranslationsPath) + QStringLiteral("/qtbase_ja.qm");
        if (!QFile::exists(qtbase))
            QSKIP(qPrintable(QStringLiteral("%1 is not installed").arg(qtbase)));
        QDialogButtonBox buttons(QDialogButtonBox::Cancel);
        QCOMPARE(buttons.button(QDialogButtonBox::Cancel)->text(), QStringLiteral("キャンセル"));
    }

private:
    QTemporaryDir m_settings;
};

int main(int argc, char *argv[])
{
    // A Japanese system, as the window sees it: read before the application
    // exists.
    qputenv("LANGUAGE", "ja");
    QApplication app(argc, argv);
    TestLanguage test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_language.moc"
