// ea-render-icon SVG OUTDIR SIZE...: renders the application icon as
// OUTDIR/SIZExSIZE/egress-auditor.png for each size, for the hicolor icon
// theme. A build tool: Qt's own SVG renderer draws the icon the app shows,
// so no other SVG tool is needed to build the package.

#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>
#include <QTextStream>

int main(int argc, char *argv[])
{
    const QGuiApplication app(argc, argv);
    const QStringList args = QGuiApplication::arguments();
    QTextStream err(stderr);
    if (args.size() < 4) {
        err << "usage: ea-render-icon SVG OUTDIR SIZE...\n";
        return 2;
    }
    QSvgRenderer svg(args.at(1));
    if (!svg.isValid()) {
        err << "ea-render-icon: cannot read " << args.at(1) << '\n';
        return 1;
    }
    for (qsizetype i = 3; i < args.size(); ++i) {
        bool ok = false;
        const int size = args.at(i).toInt(&ok);
        if (!ok || size < 1 || size > 1024) {
            err << "ea-render-icon: bad size " << args.at(i) << '\n';
            return 2;
        }
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        {
            QPainter painter(&image);
            painter.setRenderHint(QPainter::Antialiasing);
            svg.render(&painter);
        }
        const QString dir = QStringLiteral("%1/%2x%2").arg(args.at(2)).arg(size);
        const QString out = dir + QStringLiteral("/egress-auditor.png");
        if (!QDir().mkpath(dir) || !image.save(out, "PNG")) {
            err << "ea-render-icon: cannot write " << out << '\n';
            return 1;
        }
    }
    return 0;
}
