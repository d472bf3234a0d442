#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Egress Auditor"));
    QApplication::setOrganizationName(QStringLiteral("Egress Auditor"));
    QApplication::setApplicationVersion(QStringLiteral(EA_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Review the external destinations in connection exports."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("files"),
                                 QApplication::translate("main", "Export files to open."),
                                 QStringLiteral("[FILES...]"));
    parser.process(app);

    ea::MainWindow window;
    window.setExportFiles(parser.positionalArguments());
    window.show();
    return QApplication::exec();
}
