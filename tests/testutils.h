#pragma once

// Small helpers shared by the QtTest suites: where the fixtures are. (Text
// from the model: ea::toQString in core/text.h. Running the CLI:
// clirunner.h.)

#include <QByteArray>
#include <QFile>
#include <QString>

namespace ea::test {

// A fixture of tests/data/.
inline QString dataPath(const QString &name)
{
    return QStringLiteral(EA_TEST_DATA_DIR "/") + name;
}
inline QString dataPath(const char *name)
{
    return dataPath(QString::fromUtf8(name));
}

// ../shared/realdata: third-party captures, read in place, never copied here.
inline QString realdataDir()
{
    return QStringLiteral(EA_SHARED_DIR "/realdata");
}
inline QString realdataPath(const QString &name)
{
    return realdataDir() + QLatin1Char('/') + name;
}
inline QString realdataPath(const char *name)
{
    return realdataPath(QString::fromUtf8(name));
}

// The whole file, empty when it cannot be read.
inline QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace ea::test
