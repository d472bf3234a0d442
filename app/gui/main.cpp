#include "background.h"
#include "caseinstances.h"
#include "chartsplacement.h"
#include "core/exportfile.h"
#include "destinationspage.h"
#include "language.h"
#include "mainwindow.h"
#include "recentfiles.h"
#include "startpage.h"

#include <QApplication>
#include <QBuffer>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QIcon>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <memory>

namespace {

// --screenshot: import, wait until everything is loaded and painted, select the
// top destination so the drill-down shows, save the window, quit.
void takeScreenshot(ea::MainWindow &window, const QString &out)
{
    auto *poll = new QTimer(&window);
    auto phase = std::make_shared<int>(0);
    auto *deadline = new QTimer(&window);
    deadline->setSingleShot(true);
    QObject::connect(deadline, &QTimer::timeout, &window, [] {
        QTextStream(stderr) << QCoreApplication::translate(
            "main", "egress-auditor: screenshot timed out\n");
        QApplication::exit(1);
    });
    deadline->start(180'000);
    QObject::connect(poll, &QTimer::timeout, &window, [&window, out, phase, poll] {
        if (window.isBusy())
            return;
        QTableView *view = window.destinationsPage()->destinationsView();
        if (*phase == 0) {
            if (view->model()->rowCount() > 0)
                view->selectRow(0);
            *phase = 1;
            return; // let the drill-down and chart queries start
        }
        poll->stop();
        window.repaint();
        // Encoded in memory, then written like every export (ExportFile): never
        // over the open case, and a full disk is an error, not a cut picture.
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        const QByteArray format = QFileInfo(out).suffix().toLower().toLatin1();
        QString error;
        if (!window.grab().save(&buffer, format.isEmpty() ? "png" : format.constData()))
            error = QCoreApplication::translate(
                        "main", "egress-auditor: cannot write %1: unknown image format\n")
                        .arg(out);
        else if (const ea::Result<> written = ea::ExportFile::writeAll(
                     out, window.casePath(), {bytes.constData(), std::size_t(bytes.size())});
                 !written.ok())
            error = QCoreApplication::translate("main", "egress-auditor: %1\n")
                        .arg(written.error.message());
        if (!error.isEmpty()) {
            QTextStream(stderr) << error;
            QApplication::exit(1);
            return;
        }
        QApplication::exit(0);
    });
    poll->start(200);
}

void nameApplication()
{
    QCoreApplication::setApplicationName(QStringLiteral("Egress Auditor"));
    QCoreApplication::setOrganizationName(QStringLiteral("Egress Auditor"));
    QCoreApplication::setApplicationVersion(QStringLiteral(EA_VERSION));
}

struct Options
{
    QCommandLineOption caseFile {
        QStringLiteral("case"),
        QCoreApplication::translate("main", "Open (or create) this case file."),
        QStringLiteral("FILE.eacase")};
    QCommandLineOption screenshot {
        QStringLiteral("screenshot"),
        QCoreApplication::translate(
            "main",
            "Open the files (or, with no files and no --case, the bundled sample), wait for "
            "the import and the first paint, save the window as a PNG and exit."),
        QStringLiteral("OUT.png")};
};

void describe(QCommandLineParser &parser, const Options &options)
{
    parser.setApplicationDescription(QCoreApplication::translate(
        "main", "Review the external destinations in connection exports."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(options.caseFile);
    parser.addOption(options.screenshot);
    parser.addPositionalArgument(
        QStringLiteral("files"),
        QCoreApplication::translate("main", "Export files to import, or a case to open."),
        QStringLiteral("[FILES...]"));
}

// Whether the arguments ask only for text (--help, --version, or a usage
// error): that needs no window system, and QApplication aborts where there
// is no display.
bool asksForTextOnly(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    QCommandLineParser parser;
    const Options options;
    describe(parser, options);
    return !parser.parse(arguments) || parser.isSet(QStringLiteral("help"))
        || parser.isSet(QStringLiteral("help-all")) || parser.isSet(QStringLiteral("version"));
}

} // namespace

int main(int argc, char *argv[])
{
    if (asksForTextOnly(argc, argv)) {
        const QCoreApplication app(argc, argv);
        nameApplication();
        ea::installTranslators(ea::languageSetting());
        QCommandLineParser parser;
        const Options options;
        describe(parser, options);
        parser.process(app); // prints, then exits (1 on a usage error)
        return 1;
    }
    ea::returnFreedMemoryPromptly();
    QApplication app(argc, argv);
    nameApplication();
    ea::installTranslators(ea::languageSetting());
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/egress-auditor.svg")));
    // The menu entry (installer/linux/): desktops match the window to it.
    QGuiApplication::setDesktopFileName(QStringLiteral("org.egressauditor.EgressAuditor"));

    QCommandLineParser parser;
    const Options options;
    describe(parser, options);
    parser.process(app);
    const QCommandLineOption &caseOption = options.caseFile;
    const QCommandLineOption &screenshotOption = options.screenshot;

    const bool screenshot = parser.isSet(screenshotOption);
    QStringList files = parser.positionalArguments();
    // A case another Egress Auditor window has open goes to that window
    // (with the exports named beside it), never into a second writer.
    if (!screenshot) {
        QString casePath = parser.value(caseOption);
        QStringList exports;
        for (const QString &file : files) {
            if (!file.endsWith(QLatin1String(".eacase"), Qt::CaseInsensitive))
                exports << file;
            else if (casePath.isEmpty())
                casePath = file;
        }
        if (!casePath.isEmpty() && ea::CaseInstances::forward(casePath, exports)) {
            QTextStream(stdout) << QCoreApplication::translate(
                                       "main",
                                       "egress-auditor: %1 is open in another window; it "
                                       "was brought to the front.\n")
                                       .arg(casePath);
            return 0;
        }
    }
    QTemporaryDir scratch;
    if (screenshot) {
        // The picture shows the default layout, and leaves the analyst's
        // settings (recent cases, column widths) untouched.
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, scratch.path());
    }
    ea::MainWindow window;
    if (screenshot) {
        // The table with the charts docked beside it: the default layout
        // shows them in a tab of their own, out of the picture.
        window.resize(1600, 900);
        window.chartsPlacement()->setDocked(true);
        // The sample is for a run with no case and no files only: opening a
        // case must never add to it.
        if (!parser.isSet(caseOption)) {
            if (files.isEmpty())
                files = ea::StartPage::extractSample(scratch.path());
            window.openCase(scratch.path() + QStringLiteral("/screenshot.eacase"), true);
        }
    }
    if (parser.isSet(caseOption))
        window.openCase(parser.value(caseOption), true);
    window.show();

    if (screenshot) {
        QStringList exports;
        for (const QString &file : files) {
            if (file.endsWith(QLatin1String(".eacase")))
                window.openCase(file);
            else
                exports << file;
        }
        window.importFiles(exports, false);
        takeScreenshot(window, parser.value(screenshotOption));
    } else if (!files.isEmpty()) {
        window.openFiles(files);
    } else if (!parser.isSet(caseOption)) {
        // Carry on where the analyst left off.
        const QStringList recent = ea::RecentFiles::cases();
        if (!recent.isEmpty())
            window.openCase(recent.front());
    }
    return QApplication::exec();
}
