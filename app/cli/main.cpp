// egress-auditor-cli: the headless twin of the GUI. Each subcommand parses its
// own options; exit status 0 = ran, 2 = usage error.

#include "address/classifier.h"
#include "address/ipaddress.h"
#include "export/classifyexport.h"
#include "core/csvwriter.h"
#include "export/destinationsexport.h"
#include "export/destinationstable.h"
#include "core/linetext.h"
#include "import/readersupport.h"
#include "core/timestamp.h"
#include "review/allowlist.h"
#include "storage/marks.h"
#include "storage/casedatabase.h"
#include "storage/casequeries.h"
#include "ingest/importjob.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QStringList>

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;

// The longest stdin line `classify` reads; no address text comes near it.
constexpr std::size_t kMaxLineBytes = 4096;

const char kUsage[] = "Usage: egress-auditor-cli COMMAND [OPTIONS] [ARGS...]\n"
                      "\n"
                      "Commands:\n"
                      "  classify [ADDRESS...]  Parse and classify addresses (CSV on stdout);\n"
                      "                         reads one address per line from stdin when\n"
                      "                         none are given.\n"
                      "  import --case C FILE...  Import export files into a case (.eacase).\n"
                      "  destinations --case C  List destinations (external ones by default).\n"
                      "  mark --case C TARGET --status S [--note N]\n"
                      "                         Mark an address or CIDR block.\n"
                      "  unmark --case C TARGET Remove a mark.\n"
                      "  marks --case C         List the marks.\n"
                      "  allowlist import|export --case C FILE\n"
                      "                         Read or write a cidr,status,note allowlist.\n"
                      "  rejected --case C      List rejected rows as file:line: reason.\n"
                      "  processes --case C ADDRESS\n"
                      "                         The processes that contacted a destination.\n"
                      "\n"
                      "Run COMMAND --help for its options.\n"
                      "\n"
                      "Options:\n"
                      "  -h, --help             Show this help (or COMMAND --help).\n"
                      "  -v, --version          Show the version.\n";

// errno of the first write to stdout that failed (a full disk, a closed
// pipe): the command stops writing and exits 1 (finishOutput()).
int g_stdoutError = 0;

bool writeBytes(const char *data, std::size_t size)
{
    if (g_stdoutError == 0 && size > 0 && std::fwrite(data, 1, size, stdout) != size)
        g_stdoutError = errno != 0 ? errno : EIO;
    return g_stdoutError == 0;
}

// Returns false once stdout cannot be written: streaming loops stop there.
bool writeOut(std::string &buffer)
{
    const bool ok = writeBytes(buffer.data(), buffer.size());
    buffer.clear();
    return ok;
}

// Streams output in 64 KiB writes, so memory stays flat however many rows.
bool writeOutIfFull(std::string &buffer)
{
    return buffer.size() < (1 << 16) || writeOut(buffer);
}

void printErr(const QString &text)
{
    const QByteArray bytes = text.toLocal8Bit();
    std::fwrite(bytes.constData(), 1, std::size_t(bytes.size()), stderr);
}

// Reports an error that ends the command; returns the exit status for it.
// The message is one line: a control character in it (a file name's) is
// escaped, so it cannot forge further lines.
int fail(const QString &message)
{
    printErr(QStringLiteral("egress-auditor-cli: %1\n").arg(ea::escapedLine(message)));
    return kExitFailed;
}

// Flushes stdout; a command whose output did not all arrive exits 1 with the
// reason, whatever it would have returned (usage errors stay 2).
int finishOutput(int status)
{
    if (std::fflush(stdout) != 0 && g_stdoutError == 0)
        g_stdoutError = errno != 0 ? errno : EIO;
    if (g_stdoutError == 0 && std::ferror(stdout))
        g_stdoutError = EIO;
    if (g_stdoutError == 0)
        return status;
    printErr(QStringLiteral("egress-auditor-cli: cannot write the output: %1\n")
                 .arg(QString::fromLocal8Bit(std::strerror(g_stdoutError))));
    return status == kExitUsage ? kExitUsage : kExitFailed;
}

// Parses a subcommand's options. Returns -1 to go on, or the exit status.
int parseCommand(QCommandLineParser &parser, const QString &command, const QStringList &arguments)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    parser.addOption(help);
    if (!parser.parse(arguments)) {
        printErr(QStringLiteral("egress-auditor-cli: %1\n").arg(parser.errorText()));
        return kExitUsage;
    }
    if (parser.isSet(help)) {
        // helpText() names the program from argv[0]; name the subcommand too.
        QString text = parser.helpText();
        text.replace(0, text.indexOf(QLatin1Char('[')),
                     QStringLiteral("Usage: egress-auditor-cli %1 ").arg(command));
        const QByteArray bytes = text.toLocal8Bit();
        std::fwrite(bytes.constData(), 1, std::size_t(bytes.size()), stdout);
        return kExitOk;
    }
    return -1;
}

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

std::string_view utf8View(const QByteArray &bytes)
{
    return {bytes.constData(), std::size_t(bytes.size())};
}

bool printOut(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    return writeBytes(bytes.constData(), std::size_t(bytes.size()));
}

QCommandLineOption caseOption()
{
    return {QStringLiteral("case"), QStringLiteral("The case file (.eacase)."),
            QStringLiteral("C")};
}

QCommandLineOption rawOption()
{
    return {QStringLiteral("raw"),
            QStringLiteral("Write cells exactly as they are (machine use); "
                           "by default cells a spreadsheet would run as a "
                           "formula get a leading apostrophe.")};
}

ea::CsvWriter::Cells cellsFor(const QCommandLineParser &parser)
{
    return parser.isSet(QStringLiteral("raw")) ? ea::CsvWriter::Cells::Raw
                                               : ea::CsvWriter::Cells::SpreadsheetSafe;
}

// Opens the case named by --case; prints why not and returns null on failure.
// `created`, if given, tells whether this open made the case.
std::unique_ptr<ea::CaseDatabase> openCase(const QCommandLineParser &parser,
                                           ea::CaseDatabase::OpenMode mode, bool *created = nullptr)
{
    const QString path = parser.value(QStringLiteral("case"));
    ea::CaseDatabase::Result result = ea::CaseDatabase::open(path, mode);
    if (!result.ok()) {
        (void)fail(result.error.message());
        return nullptr;
    }
    if (created)
        *created = result.created;
    return std::move(result.database);
}

// Adds --case, parses, and insists on --case: every case command starts so.
// Returns -1 to go on, or the exit status.
int parseCaseCommand(QCommandLineParser &parser, const QString &command,
                     const QStringList &arguments)
{
    parser.addOption(caseOption());
    if (const int status = parseCommand(parser, command, arguments); status >= 0)
        return status;
    if (!parser.value(QStringLiteral("case")).isEmpty())
        return -1;
    printErr(QStringLiteral("egress-auditor-cli: %1 needs --case C.eacase\n").arg(command));
    return kExitUsage;
}

// For a command that takes no positional arguments: a stray word (a typo'd
// option, a file name meant for another command) is a usage error, not
// ignored. Returns -1 to go on, or the exit status.
int refuseArguments(const QCommandLineParser &parser, const QString &command)
{
    const QStringList extra = parser.positionalArguments();
    if (extra.isEmpty())
        return -1;
    printErr(QStringLiteral("egress-auditor-cli: %1 takes no arguments; got '%2'\n")
                 .arg(command, extra.join(QStringLiteral("' '"))));
    return kExitUsage;
}

int runImport(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Import connection, processes or hosts exports into a case; the case is created if\n"
        "missing. Each file is imported all or nothing. Prints per file: format, rows read,\n"
        "loaded, rejected, skipped. Exit status: 0 all imported, 1 a file was refused or\n"
        "failed, 2 usage error."));
    const QCommandLineOption map(
        QStringLiteral("map"),
        QStringLiteral("Use COLUMN for K, one of dst, port, src, srcport, protocol, time, process,"
                       " pid, path, host, direction (repeatable)."),
        QStringLiteral("K=COLUMN"));
    parser.addOption(map);
    const QCommandLineOption force(QStringLiteral("force"),
                                   QStringLiteral("Import a file even if its SHA-256 is already "
                                                  "in the case."));
    parser.addOption(force);
    const QCommandLineOption verbose(QStringLiteral("verbose"),
                                     QStringLiteral("Also print each phase's time on stderr."));
    parser.addOption(verbose);
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("Export files."),
                                 QStringLiteral("FILE..."));
    if (const int status = parseCaseCommand(parser, QStringLiteral("import"), arguments);
        status >= 0)
        return status;
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty()) {
        printErr(QStringLiteral("egress-auditor-cli: import needs at least one FILE\n"));
        return kExitUsage;
    }

    ea::ImportOptions options;
    options.force = parser.isSet(force);
    for (const QString &value : parser.values(map)) {
        const qsizetype eq = value.indexOf(QLatin1Char('='));
        const QByteArray key = value.left(eq).toUtf8();
        const auto role = eq > 0 ? ea::fieldRoleFromId(utf8View(key)) : std::nullopt;
        if (!role || eq + 1 >= value.size()) {
            printErr(QStringLiteral("egress-auditor-cli: --map expects K=COLUMN with K one of "
                                    "dst, port, src, srcport, protocol, time, process, pid, path, "
                                    "host, direction; got '%1'\n")
                         .arg(value));
            return kExitUsage;
        }
        options.overrides.push_back({*role, value.mid(eq + 1).toStdString()});
    }

    bool created = false;
    std::unique_ptr<ea::CaseDatabase> db
        = openCase(parser, ea::CaseDatabase::OpenMode::CreateIfMissing, &created);
    if (!db)
        return kExitFailed;

    bool anyImported = false;
    const bool showProgress = ::isatty(STDERR_FILENO) == 1;
    int status = kExitOk;
    for (const QString &file : files) {
        const QString name = ea::quotedName(QDir::toNativeSeparators(file));
        ea::ImportJob job(*db, file, options);
        if (showProgress) {
            job.setProgressCallback([&name](const ea::ImportProgress &p) {
                const int percent = p.bytesTotal > 0
                    ? int(std::min<std::int64_t>(100, p.bytesDone * 100 / p.bytesTotal))
                    : 0;
                printErr(QStringLiteral("\r%1: %2% (%3 rows)").arg(name).arg(percent).arg(p.rows));
            });
        }
        const ea::ImportReport report = job.run();
        if (showProgress)
            printErr(QStringLiteral("\r\x1b[K"));
        for (const std::string &note : report.notes)
            printErr(QStringLiteral("egress-auditor-cli: %1: note: %2\n")
                         .arg(name, ea::escapedLine(QString::fromStdString(note))));
        if (!report.imported()) {
            printErr(QStringLiteral("egress-auditor-cli: %1\n")
                         .arg(report.outcome == ea::ImportReport::Outcome::Cancelled
                                  ? QStringLiteral("%1: cancelled").arg(name)
                                  : ea::escapedLine(report.error)));
            status = kExitFailed;
            continue;
        }
        anyImported = true;
        printOut(QStringLiteral("%1: format %2 (%3), read %4, loaded %5, rejected %6, skipped %7\n")
                     .arg(name, QString::fromStdString(report.format),
                          QString::fromUtf8(ea::fileKindId(report.kind).data(),
                                            qsizetype(ea::fileKindId(report.kind).size())))
                     .arg(report.counts.read)
                     .arg(report.counts.loaded)
                     .arg(report.counts.rejected)
                     .arg(report.counts.skipped));
        if (std::fflush(stdout) != 0 && g_stdoutError == 0)
            g_stdoutError = errno != 0 ? errno : EIO;
        if (parser.isSet(verbose)) {
            const auto &t = report.timings;
            printErr(QStringLiteral("%1: read+write %2 s (writer busy %3 s), statistics %4 s, "
                                    "indexing %5 s, commit %6 s\n")
                         .arg(name)
                         .arg(t.readAndWrite, 0, 'f', 2)
                         .arg(t.writerBusy, 0, 'f', 2)
                         .arg(t.statistics, 0, 'f', 2)
                         .arg(t.indexing, 0, 'f', 2)
                         .arg(t.commit, 0, 'f', 2));
        }
    }
    // Nothing imported into a case this run made: leave no empty case behind
    // (a case that existed before is never removed).
    if (created && !anyImported)
        (void)ea::CaseDatabase::removeIfUnused(std::move(db));
    return status;
}

int runDestinations(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "List destinations. Default: external ones only (category global, teredo or 6to4,\n"
        "and not marked internal) as CSV with the header\n"
        "address,expanded,family,category,external,status,connections,processes,hosts,\n"
        "ports,first_seen,last_seen,note\n"
        "sorted by connections (most first), then address. --format seed writes the old\n"
        "query's expanded_address,dst_addr,process_uuid; --format table a text table."));
    const QCommandLineOption all(QStringLiteral("all"), QStringLiteral("Every destination."));
    parser.addOption(all);
    const QCommandLineOption format(QStringLiteral("format"),
                                    QStringLiteral("csv (default), seed or table."),
                                    QStringLiteral("F"), QStringLiteral("csv"));
    parser.addOption(format);
    parser.addOption(rawOption());
    if (const int status = parseCaseCommand(parser, QStringLiteral("destinations"), arguments);
        status >= 0)
        return status;
    if (const int status = refuseArguments(parser, QStringLiteral("destinations")); status >= 0)
        return status;
    const QString f = parser.value(format);
    if (f != QLatin1String("csv") && f != QLatin1String("seed") && f != QLatin1String("table")) {
        printErr(QStringLiteral("egress-auditor-cli: --format must be csv, seed or table\n"));
        return kExitUsage;
    }
    std::unique_ptr<ea::CaseDatabase> db = openCase(parser, ea::CaseDatabase::OpenMode::ReadOnly);
    if (!db)
        return kExitFailed;

    ea::CaseQueries queries(*db);
    const ea::QueryOptions options {parser.isSet(all)};
    std::string buffer;
    ea::CsvWriter csv(buffer, cellsFor(parser));
    if (f == QLatin1String("seed")) {
        ea::writeSeedHeader(csv);
        const ea::Result<void> seeds = queries.forEachSeedRow(options, [&](const ea::SeedRow &row) {
            ea::writeSeedRow(csv, row);
            return writeOutIfFull(buffer);
        });
        writeOut(buffer);
        if (!seeds.ok())
            return fail(seeds.error.message());

        return kExitOk;
    }
    // Every format streams: memory stays flat however many destinations.
    ea::Result<void> listed;
    if (f == QLatin1String("table")) {
        // Two passes: the column widths (any order will do), then the rows.
        ea::DestinationsTable table;
        listed = queries.forEachDestination(
            options,
            [&table](const ea::DestinationRow &row) {
                table.measure(row);
                return true;
            },
            ea::CaseQueries::RowOrder::Any);
        if (!listed.ok())
            return fail(listed.error.message());
        table.writeHeader(buffer);
        listed = queries.forEachDestination(options, [&](const ea::DestinationRow &row) {
            table.writeRow(buffer, row);
            return writeOutIfFull(buffer);
        });
    } else {
        ea::writeDestinationsHeader(csv);
        listed = queries.forEachDestination(options, [&](const ea::DestinationRow &row) {
            ea::writeDestinationRow(csv, row);
            return writeOutIfFull(buffer);
        });
    }
    writeOut(buffer);
    if (!listed.ok())
        return fail(listed.error.message());

    return kExitOk;
}

int runMark(const QStringList &arguments, bool remove)
{
    const QString command = remove ? QStringLiteral("unmark") : QStringLiteral("mark");
    QCommandLineParser parser;
    parser.setApplicationDescription(
        remove ? QStringLiteral("Remove the mark on exactly this address or CIDR block.")
               : QStringLiteral("Mark an address or CIDR block. The most specific mark wins; "
                                "marks apply at once to every query."));
    const QCommandLineOption status(
        QStringLiteral("status"), QStringLiteral("known-safe, suspicious, malicious or internal."),
        QStringLiteral("S"));
    const QCommandLineOption note(QStringLiteral("note"), QStringLiteral("A note."),
                                  QStringLiteral("N"));
    if (!remove) {
        parser.addOption(status);
        parser.addOption(note);
    }
    parser.addPositionalArgument(
        QStringLiteral("target"),
        QStringLiteral("Address or CIDR block (10.0.0.0/8, 2001:db8::/32)."),
        QStringLiteral("TARGET"));
    if (const int s = parseCaseCommand(parser, command, arguments); s >= 0)
        return s;
    if (parser.positionalArguments().size() != 1) {
        printErr(QStringLiteral("egress-auditor-cli: %1 needs exactly one TARGET\n").arg(command));
        return kExitUsage;
    }
    const QByteArray target = parser.positionalArguments().constFirst().toUtf8();
    const ea::MarkTarget parsed = ea::Marks::parseTarget(utf8View(target));
    if (!parsed.ok()) {
        printErr(QStringLiteral("egress-auditor-cli: %1\n").arg(parsed.error.message()));
        return kExitUsage;
    }
    ea::MarkStatus markStatus = ea::MarkStatus::Unreviewed;
    if (!remove) {
        const QByteArray s = parser.value(status).toUtf8();
        if (!ea::markStatusFromId(utf8View(s), markStatus)
            || markStatus == ea::MarkStatus::Unreviewed) {
            printErr(QStringLiteral("egress-auditor-cli: --status must be known-safe, suspicious, "
                                    "malicious or internal (use unmark to clear)\n"));
            return kExitUsage;
        }
    }
    std::unique_ptr<ea::CaseDatabase> db
        = openCase(parser, ea::CaseDatabase::OpenMode::OpenExisting);
    if (!db)
        return kExitFailed;
    ea::Marks marks(*db);
    // unmark has no --note: asking the parser for it would print a Qt warning.
    const QByteArray noteText = remove ? QByteArray() : parser.value(note).toUtf8();
    const ea::Marks::Result result = remove
        ? marks.removeMark(parsed.cidr)
        : marks.setMark(parsed.cidr, markStatus, utf8View(noteText));
    if (!result.ok())
        return fail(result.error.message());

    return kExitOk;
}

int runMarks(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "List the marks as CSV: cidr,status,note,created_at,updated_at (address order)."));
    parser.addOption(rawOption());
    if (const int s = parseCaseCommand(parser, QStringLiteral("marks"), arguments); s >= 0)
        return s;
    if (const int s = refuseArguments(parser, QStringLiteral("marks")); s >= 0)
        return s;
    std::unique_ptr<ea::CaseDatabase> db = openCase(parser, ea::CaseDatabase::OpenMode::ReadOnly);
    if (!db)
        return kExitFailed;
    ea::Marks marks(*db);
    const ea::RowsResult<ea::Mark> rows = marks.marks();
    if (!rows.ok())
        return fail(rows.error.message());

    std::string buffer;
    ea::CsvWriter csv(buffer, cellsFor(parser));
    for (std::string_view name : {"cidr", "status", "note", "created_at", "updated_at"})
        csv.field(name);
    csv.endRow();
    for (const ea::Mark &m : rows.value) {
        csv.field(m.cidrText);
        csv.field(ea::markStatusId(m.status));
        csv.field(m.note);
        csv.field(ea::formatIso8601Utc(m.createdAtNs));
        csv.field(ea::formatIso8601Utc(m.updatedAtNs));
        csv.endRow();
    }
    writeOut(buffer);
    return kExitOk;
}

int runAllowlist(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "import: apply an allowlist CSV (cidr,status,note) to the case's marks; rows that\n"
        "cannot be used are reported as FILE:LINE: reason. A cell the export neutralised\n"
        "(a leading apostrophe) is read back as it was; --raw reads every cell unchanged,\n"
        "for files written with export --raw.\n"
        "export: write the case's marks as such a CSV (atomically; never over the case or\n"
        "its journal, nor over a file that is not a regular file)."));
    parser.addOption(rawOption());
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("import or export."),
                                 QStringLiteral("import|export"));
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("The allowlist file."),
                                 QStringLiteral("FILE"));
    if (const int s = parseCaseCommand(parser, QStringLiteral("allowlist"), arguments); s >= 0)
        return s;
    const QStringList args = parser.positionalArguments();
    if (args.size() != 2
        || (args.at(0) != QLatin1String("import") && args.at(0) != QLatin1String("export"))) {
        printErr(
            QStringLiteral("egress-auditor-cli: usage: allowlist import|export --case C FILE\n"));
        return kExitUsage;
    }
    const bool importing = args.at(0) == QLatin1String("import");
    bool created = false;
    std::unique_ptr<ea::CaseDatabase> db
        = openCase(parser,
                   importing ? ea::CaseDatabase::OpenMode::CreateIfMissing
                             : ea::CaseDatabase::OpenMode::ReadOnly,
                   &created);
    if (!db)
        return kExitFailed;
    const QString file = args.at(1);
    const QString name = ea::quotedName(QDir::toNativeSeparators(file));
    if (!importing) {
        const ea::Allowlist::ExportResult result
            = ea::Allowlist::exportFile(*db, file, cellsFor(parser));
        if (!result.ok())
            return fail(result.error.message());

        printOut(QStringLiteral("%1: %2 marks written\n").arg(name).arg(result.rows));
        return kExitOk;
    }
    const ea::Allowlist::ImportResult result
        = ea::Allowlist::importFile(*db, file, cellsFor(parser));
    // Like import: a refused file leaves no case behind that this run made.
    if (created && !result.ok())
        (void)ea::CaseDatabase::removeIfUnused(std::move(db));
    if (!result.ok())
        return fail(result.error.message());

    for (const ea::Allowlist::Problem &p : result.problems)
        printErr(
            QStringLiteral("%1:%2: %3\n").arg(name).arg(p.line).arg(ea::escapedLine(p.reason)));
    printOut(QStringLiteral("%1: %2 rows, %3 added, %4 updated, %5 unchanged, %6 rejected\n")
                 .arg(name)
                 .arg(result.rows)
                 .arg(result.added)
                 .arg(result.updated)
                 .arg(result.unchanged)
                 .arg(result.problems.size()));
    return result.problems.empty() ? kExitOk : kExitFailed;
}

int runProcesses(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "List the processes that contacted a destination, most connections first, as CSV:\n"
        "process,key,pid,path,host,connections,first_seen,last_seen\n"
        "where process reads like \"/usr/bin/curl (pid 4242) on web-03\" when processes and\n"
        "hosts exports were imported into the case."));
    parser.addOption(rawOption());
    parser.addPositionalArgument(QStringLiteral("address"), QStringLiteral("The destination."),
                                 QStringLiteral("ADDRESS"));
    if (const int s = parseCaseCommand(parser, QStringLiteral("processes"), arguments); s >= 0)
        return s;
    if (parser.positionalArguments().size() != 1) {
        printErr(QStringLiteral("egress-auditor-cli: processes needs exactly one ADDRESS\n"));
        return kExitUsage;
    }
    const QByteArray text = parser.positionalArguments().constFirst().toUtf8();
    const ea::ParseResult address = ea::parseAddress(utf8View(text));
    if (!address.ok()) {
        printErr(QStringLiteral("egress-auditor-cli: %1: %2\n")
                     .arg(QString::fromUtf8(text),
                          QString::fromUtf8(ea::parseErrorText(address.error).data(),
                                            qsizetype(ea::parseErrorText(address.error).size()))));
        return kExitUsage;
    }
    std::unique_ptr<ea::CaseDatabase> db = openCase(parser, ea::CaseDatabase::OpenMode::ReadOnly);
    if (!db)
        return kExitFailed;
    ea::CaseQueries queries(*db);
    std::string buffer;
    ea::CsvWriter csv(buffer, cellsFor(parser));
    for (std::string_view name :
         {"process", "key", "pid", "path", "host", "connections", "first_seen", "last_seen"})
        csv.field(name);
    csv.endRow();
    if (const auto id = queries.destinationId(address.address)) {
        const ea::RowsResult<ea::ProcessRow> rows = queries.processesOf(*id);
        if (!rows.ok())
            return fail(rows.error.message());

        for (const ea::ProcessRow &row : rows.value) {
            csv.field(ea::processLabel(row));
            csv.field(row.key);
            csv.field(row.pid);
            csv.field(row.path);
            csv.field(!row.hostname.empty() ? row.hostname : row.hostKey);
            csv.field(std::to_string(row.connections));
            csv.field(row.firstNs ? ea::formatIso8601Utc(*row.firstNs) : std::string());
            csv.field(row.lastNs ? ea::formatIso8601Utc(*row.lastNs) : std::string());
            csv.endRow();
        }
    }
    writeOut(buffer);
    return kExitOk;
}

int runRejected(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("List every rejected row of every import as FILE:LINE: reason."));
    if (const int s = parseCaseCommand(parser, QStringLiteral("rejected"), arguments); s >= 0)
        return s;
    if (const int s = refuseArguments(parser, QStringLiteral("rejected")); s >= 0)
        return s;
    std::unique_ptr<ea::CaseDatabase> db = openCase(parser, ea::CaseDatabase::OpenMode::ReadOnly);
    if (!db)
        return kExitFailed;
    ea::CaseQueries queries(*db);
    std::string buffer;
    const ea::Result<void> listed = queries.forEachRejected([&](const ea::RejectedRow &row) {
        // The path and reason come from the case: neither may forge a line.
        buffer += ea::quotedName(row.sourcePath);
        buffer += ':';
        buffer += std::to_string(row.line);
        buffer += ": ";
        buffer += ea::escapedLine(row.reason);
        buffer += '\n';
        return writeOutIfFull(buffer);
    });
    writeOut(buffer);
    if (!listed.ok())
        return fail(listed.error.message());

    return kExitOk;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("egress-auditor-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(EA_VERSION));

    // Qt decodes argv as UTF-8 and replaces bad bytes with U+FFFD, so a note
    // would be stored, or a file named, other than as typed: refuse them while
    // argv still holds the bytes.
    for (int k = 1; k < argc; ++k) {
        if (!ea::isValidUtf8(argv[k])) {
            printErr(QStringLiteral("egress-auditor-cli: argument %1 is not valid UTF-8: '%2'\n")
                         .arg(k)
                         .arg(ea::escapedLine(QString::fromUtf8(argv[k]))));
            return kExitUsage;
        }
    }
    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() < 2) {
        std::fputs(kUsage, stderr);
        return kExitUsage;
    }
    const QString command = arguments.at(1);
    if (command == QLatin1String("-h") || command == QLatin1String("--help")) {
        std::fputs(kUsage, stdout);
        return finishOutput(kExitOk);
    }
    if (command == QLatin1String("-v") || command == QLatin1String("--version")) {
        std::printf("egress-auditor-cli %s\n", EA_VERSION);
        return finishOutput(kExitOk);
    }
    // A subcommand's parser sees the command name in place of argv[0].
    const QStringList rest = arguments.mid(1);
    if (command == QLatin1String("classify"))
        return finishOutput(runClassify(rest));
    if (command == QLatin1String("import"))
        return finishOutput(runImport(rest));
    if (command == QLatin1String("destinations"))
        return finishOutput(runDestinations(rest));
    if (command == QLatin1String("mark"))
        return finishOutput(runMark(rest, false));
    if (command == QLatin1String("unmark"))
        return finishOutput(runMark(rest, true));
    if (command == QLatin1String("marks"))
        return finishOutput(runMarks(rest));
    if (command == QLatin1String("allowlist"))
        return finishOutput(runAllowlist(rest));
    if (command == QLatin1String("rejected"))
        return finishOutput(runRejected(rest));
    if (command == QLatin1String("processes"))
        return finishOutput(runProcesses(rest));

    printErr(QStringLiteral("egress-auditor-cli: unknown command '%1'\n\n").arg(command));
    std::fputs(kUsage, stderr);
    return kExitUsage;
}
