#pragma once

// What every command does with its command line: parse it (with -h/--help),
// insist on --case, refuse stray arguments, open the case.

#include "core/csvwriter.h"
#include "storage/casedatabase.h"

#include <QCommandLineOption>
#include <QString>
#include <QStringList>

#include <memory>
#include <string_view>

class QByteArray;
class QCommandLineParser;

namespace ea::cli {

// Parses a subcommand's options. Returns -1 to go on, or the exit status.
int parseCommand(QCommandLineParser &parser, const QString &command, const QStringList &arguments);

// Adds --case, parses, and insists on --case: every case command starts so.
// Returns -1 to go on, or the exit status.
int parseCaseCommand(QCommandLineParser &parser, const QString &command,
                     const QStringList &arguments);

// For a command that takes no positional arguments: a stray word (a typo'd
// option, a file name meant for another command) is a usage error, not
// ignored. Returns -1 to go on, or the exit status.
int refuseArguments(const QCommandLineParser &parser, const QString &command);

// --case C, added by parseCaseCommand().
QCommandLineOption caseOption();

// --raw of the commands that write CSV, and the cells it asks for.
QCommandLineOption rawOption();
ea::CsvWriter::Cells cellsFor(const QCommandLineParser &parser);

// Opens the case named by --case; prints why not and returns null on failure.
// `created`, if given, tells whether this open made the case.
std::unique_ptr<ea::CaseDatabase> openCase(const QCommandLineParser &parser,
                                           ea::CaseDatabase::OpenMode mode,
                                           bool *created = nullptr);

// The bytes of an argument (UTF-8, checked at start) for the model.
std::string_view utf8View(const QByteArray &bytes);

} // namespace ea::cli
