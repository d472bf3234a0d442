#include "address/classifier.h"
#include "cli/commandline.h"
#include "cli/commands.h"
#include "cli/exitstatus.h"
#include "cli/output.h"
#include "core/csvwriter.h"
#include "export/classifyexport.h"

#include <QCommandLineParser>

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace ea::cli {

namespace {

// The longest stdin line `classify` reads; no address text comes near it.
constexpr std::size_t kMaxLineBytes = 4096;

} // namespace

int runClassify(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Parse and classify destination addresses. Writes CSV with the header\n"
                       "input,valid,family,canonical,expanded,category,external,block,reason\n"
                       "and one row per input, in input order. Cells a spreadsheet would run\n"
                       "as a formula are prefixed with an apostrophe unless --raw is given.\n"
                       "A stdin line longer than 4096 bytes or holding a NUL byte is an error\n"
                       "row with an empty input cell."));
    const QCommandLineOption raw(QStringLiteral("raw"),
                                 QStringLiteral("Write cells exactly as they are (machine use)."));
    parser.addOption(raw);
    parser.addPositionalArgument(QStringLiteral("address"),
                                 QStringLiteral("Addresses; none: one per line from stdin."),
                                 QStringLiteral("[ADDRESS...]"));
    if (const int status = parseCommand(parser, QStringLiteral("classify"), arguments); status >= 0)
        return status;

    const ea::Classifier &classifier = ea::Classifier::instance();
    std::string buffer;
    buffer.reserve(1 << 16);
    ea::CsvWriter csv(buffer,
                      parser.isSet(raw) ? ea::CsvWriter::Cells::Raw
                                        : ea::CsvWriter::Cells::SpreadsheetSafe);
    ea::writeClassifyHeader(csv);

    const QStringList addresses = parser.positionalArguments();
    if (!addresses.isEmpty()) {
        for (const QString &address : addresses) {
            const QByteArray utf8 = address.toUtf8();
            ea::writeClassifyRow(csv, {utf8.constData(), std::size_t(utf8.size())}, classifier);
        }
        writeOut(buffer);
        return kExitOk;
    }

    // Stream stdin: one line in, one row out, constant memory whatever the
    // number or length of lines. A final line without a newline counts; CRLF
    // is fine. A line longer than kMaxLineBytes is an error row, written and
    // flushed as soon as the limit is passed (the line may never end, as
    // from /dev/zero); the rest of that line is skipped.
    const std::string tooLong = "line longer than " + std::to_string(kMaxLineBytes) + " bytes";
    std::string line;
    line.reserve(kMaxLineBytes + 1);
    bool skipping = false; // in a line already reported as too long
    // Each returns false once stdout cannot be written: reading stops there.
    auto endLine = [&] {
        bool written = true;
        if (!skipping) {
            std::string_view text = line;
            if (!text.empty() && text.back() == '\r')
                text.remove_suffix(1);
            if (text.size() > kMaxLineBytes)
                ea::writeClassifyErrorRow(csv, {}, tooLong);
            else if (text.find('\0') != std::string_view::npos)
                ea::writeClassifyErrorRow(csv, {}, "line contains a NUL byte");
            else
                ea::writeClassifyRow(csv, text, classifier);
            written = writeOutIfFull(buffer);
        }
        skipping = false;
        line.clear();
        return written;
    };
    std::vector<char> chunk(1 << 16);
    for (;;) {
        const ssize_t n = ::read(STDIN_FILENO, chunk.data(), chunk.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            const int error = errno;
            writeOut(buffer);
            return fail(QStringLiteral("cannot read standard input: %1")
                            .arg(QString::fromLocal8Bit(std::strerror(error))));
        }
        if (n == 0)
            break;
        std::string_view rest(chunk.data(), std::size_t(n));
        while (!rest.empty()) {
            const std::size_t end = rest.find('\n');
            const std::string_view piece = rest.substr(0, end);
            // + 1: room for the CR of a CRLF line end.
            if (!skipping && line.size() + piece.size() > kMaxLineBytes + 1) {
                ea::writeClassifyErrorRow(csv, {}, tooLong);
                if (!writeOut(buffer) || std::fflush(stdout) != 0)
                    return kExitOk; // finishOutput() reports the failed write
                skipping = true;
                line.clear();
            }
            if (!skipping)
                line.append(piece);
            if (end == std::string_view::npos)
                break;
            if (!endLine())
                return kExitOk; // finishOutput() reports the failed write
            rest.remove_prefix(end + 1);
        }
    }
    if (!line.empty() || skipping)
        endLine();
    writeOut(buffer);
    return kExitOk;
}

} // namespace ea::cli
