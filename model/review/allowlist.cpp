#include "review/allowlist.h"

#include "core/exportfile.h"
#include "core/inputfile.h"
#include "core/text.h"
#include "storage/casedatabase.h"
#include "storage/marks.h"
#include "storage/sqlite.h"

#include <QDir>
#include <QFile>
#include <QIODevice>
#include <QStringList>

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace ea {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

enum class RecordError : std::uint8_t { None, Unterminated, TextAfterQuote, StrayQuote };

struct Record
{
    std::int64_t line = 0;
    std::vector<std::string> fields;
    RecordError error = RecordError::None;

    [[nodiscard]] bool isBlank() const noexcept
    {
        return error == RecordError::None && fields.size() == 1 && fields.front().empty();
    }
};

// RFC 4180 records from text in memory, with the line on which each starts.
// Line ends: CRLF, LF or a lone CR, inside quotes too. A malformed record is
// returned with its error and the rest of its physical line skipped, so one
// bad row does not swallow the next.
//
// Not core/CsvRecordSplitter, whose rules are the export readers' and differ
// from what an allowlist has always accepted: it ends records only at LF or
// CRLF (a lone CR stays in the field; here it ends the line and counts one),
// keeps a quote inside an unquoted field as written (here the row is refused,
// "a quote inside an unquoted field"), and after an unclosed quote or text
// after a closing quote resumes on the line after the record's first line
// (here: an unclosed quote ends the input; text after a quote skips the rest
// of the physical line where it was found, which for a multi-line field is a
// later line). It also caps a record at 1 MiB, where an allowlist is only
// capped as a whole (kMaxFileSize). Sharing it would change which rows an
// existing allowlist imports and the reasons reported.
class CsvRecords
{
public:
    explicit CsvRecords(std::string_view text) noexcept
        : m_text(text)
    { }

    bool next(Record &record)
    {
        if (m_pos >= m_text.size())
            return false;
        record.line = m_line;
        record.fields.clear();
        record.error = RecordError::None;
        for (;;) {
            std::string &field = record.fields.emplace_back();
            if (peek() == '"') {
                ++m_pos;
                if (!readQuoted(field)) {
                    record.error = RecordError::Unterminated;
                    return true;
                }
                if (!atFieldEnd()) {
                    record.error = RecordError::TextAfterQuote;
                    skipLine();
                    return true;
                }
            } else {
                while (!atFieldEnd()) {
                    if (m_text[m_pos] == '"') {
                        record.error = RecordError::StrayQuote;
                        skipLine();
                        return true;
                    }
                    field += m_text[m_pos++];
                }
            }
            if (m_pos >= m_text.size())
                return true;
            if (m_text[m_pos] == ',') {
                ++m_pos;
                continue;
            }
            consumeLineEnd();
            return true;
        }
    }

private:
    char peek() const noexcept { return m_pos < m_text.size() ? m_text[m_pos] : '\0'; }

    bool atFieldEnd() const noexcept
    {
        return m_pos >= m_text.size() || m_text[m_pos] == ',' || m_text[m_pos] == '\r'
            || m_text[m_pos] == '\n';
    }

    // Called on '\r' or '\n'.
    void consumeLineEnd() noexcept
    {
        if (m_text[m_pos] == '\r' && m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '\n')
            ++m_pos;
        ++m_pos;
        ++m_line;
    }

    bool readQuoted(std::string &field)
    {
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos];
            if (c == '"') {
                if (m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '"') {
                    field += '"';
                    m_pos += 2;
                    continue;
                }
                ++m_pos;
                return true;
            }
            if (c == '\n'
                || (c == '\r' && (m_pos + 1 >= m_text.size() || m_text[m_pos + 1] != '\n')))
                ++m_line;
            field += c;
            ++m_pos;
        }
        return false;
    }

    void skipLine() noexcept
    {
        while (m_pos < m_text.size() && m_text[m_pos] != '\r' && m_text[m_pos] != '\n')
            ++m_pos;
        if (m_pos < m_text.size())
            consumeLineEnd();
    }

    std::string_view m_text;
    std::size_t m_pos = 0;
    std::int64_t m_line = 1;
};

// Undoes CsvWriter's neutralisation: "'=x" was written for "=x" and "''x" for
// "'x". The writer adds an apostrophe exactly when the cell starts with one of
// those characters, so one is taken off exactly then; a cell such as "'x" that
// the writer cannot have made is kept as it is.
std::string_view unneutralised(std::string_view cell) noexcept
{
    if (cell.size() >= 2 && cell.front() == '\'' && CsvWriter::needsNeutralising(cell.substr(1)))
        cell.remove_prefix(1);
    return cell;
}

QString fromUtf8(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

enum Column : std::size_t { CidrColumn, StatusColumn, NoteColumn, ColumnCount };
constexpr std::array<std::string_view, ColumnCount> kColumnNames = {"cidr", "status", "note"};

// The header and one row per mark, handed to sink in pieces of about 64 KiB.
// rows is -1 when the sink failed (the caller names the reason).
template<typename Sink>
Allowlist::ExportResult writeMarks(CaseDatabase &database, CsvWriter::Cells cells, Sink sink)
{
    Allowlist::ExportResult result;
    const RowsResult<Mark> all = Marks(database).marks();
    if (!all.ok()) {
        result.error = all.error;
        return result;
    }
    std::string buffer;
    CsvWriter csv(buffer, cells);
    for (std::string_view name : kColumnNames)
        csv.field(name);
    csv.endRow();
    for (const Mark &mark : all.value) {
        csv.field(mark.cidrText);
        csv.field(markStatusId(mark.status));
        csv.field(mark.note);
        csv.endRow();
        ++result.rows;
        if (buffer.size() >= 64 * 1024) {
            if (!sink(std::string_view(buffer))) {
                result.rows = -1;
                return result;
            }
            buffer.clear();
        }
    }
    if (!sink(std::string_view(buffer)))
        result.rows = -1;
    return result;
}

} // namespace

Allowlist::ImportResult Allowlist::importCsv(CaseDatabase &database, QIODevice &input,
                                             CsvWriter::Cells cells)
{
    ImportResult result;
    // Read in blocks: QIODevice::read(n) reserves n bytes first, which would
    // cost the whole limit for every small list.
    QByteArray data;
    constexpr qint64 kBlock = 64 * 1024;
    while (data.size() <= kMaxFileSize) {
        const QByteArray block = input.read(kBlock);
        if (block.isEmpty())
            break;
        data += block;
    }
    if (data.size() > kMaxFileSize) {
        result.error
            = Error(tr("The allowlist is larger than %1 MiB").arg(kMaxFileSize / (1024 * 1024)),
                    Error::Code::Invalid);
        return result;
    }
    std::string_view text(data.constData(), std::size_t(data.size()));
    if (text.starts_with(kBom))
        text.remove_prefix(kBom.size());

    CsvRecords records(text);
    Record record;
    bool haveHeader = false;
    while (!haveHeader && records.next(record))
        haveHeader = !record.isBlank();

    // Where each column is in a row; -1: absent.
    std::array<int, ColumnCount> where;
    where.fill(-1);
    bool headerOk = haveHeader && record.error == RecordError::None;
    for (std::size_t k = 0; headerOk && k < record.fields.size(); ++k) {
        const std::string name = lowerAscii(trimmedBlanks(record.fields[k]));
        std::size_t column = 0;
        while (column < ColumnCount && kColumnNames[column] != name)
            ++column;
        if (column == ColumnCount || where[column] >= 0)
            headerOk = false;
        else
            where[column] = int(k);
    }
    if (!headerOk || where[CidrColumn] < 0 || where[StatusColumn] < 0) {
        QStringList found;
        for (const std::string &field : record.fields)
            found.append(fromUtf8(field));
        result.error = Error(
            haveHeader
                ? tr("Line %1: the header must name the columns cidr,status,note (found: %2)")
                      .arg(record.line)
                      .arg(found.join(QLatin1Char(',')))
                : tr("The allowlist is empty: it needs the header cidr,status,note"),
            Error::Code::Invalid);
        return result;
    }
    const std::size_t columns = record.fields.size();

    SqliteDb &db = database.db();
    Transaction transaction(db);
    if (!transaction.isActive()) {
        result.error = Error(
            tr("Cannot import the allowlist: %1").arg(QString::fromStdString(db.lastError())),
            Error::Code::Database);
        return result;
    }
    Marks marks(database);
    auto problem = [&result](std::int64_t line, QString reason) {
        result.problems.push_back({line, std::move(reason)});
    };
    auto cell = [&record, &where, cells](Column column) -> std::string_view {
        const int index = where[column];
        if (index < 0 || std::size_t(index) >= record.fields.size())
            return {};
        const std::string_view value = record.fields[std::size_t(index)];
        return cells == CsvWriter::Cells::Raw ? value : unneutralised(value);
    };

    while (records.next(record)) {
        if (record.isBlank())
            continue;
        ++result.rows;
        switch (record.error) {
        case RecordError::None:
            break;
        case RecordError::Unterminated:
            problem(record.line, tr("a quoted field is not closed"));
            continue;
        case RecordError::TextAfterQuote:
            problem(record.line, tr("text after the closing quote of a field"));
            continue;
        case RecordError::StrayQuote:
            problem(record.line, tr("a quote inside an unquoted field"));
            continue;
        }
        // The note column may be missing from a row, but nothing more.
        const std::size_t required
            = std::size_t(std::max(where[CidrColumn], where[StatusColumn])) + 1;
        if (record.fields.size() > columns || record.fields.size() < required) {
            problem(record.line,
                    tr("expected %1 fields, found %2").arg(columns).arg(record.fields.size()));
            continue;
        }
        const MarkTarget target = Marks::parseTarget(cell(CidrColumn));
        if (!target.ok()) {
            problem(record.line, target.error.message());
            continue;
        }
        const std::string statusText = lowerAscii(trimmedBlanks(cell(StatusColumn)));
        MarkStatus status = MarkStatus::Unreviewed;
        if (!markStatusFromId(statusText, status) || status == MarkStatus::Unreviewed) {
            problem(record.line,
                    tr("unknown status \"%1\" (expected known-safe, suspicious, "
                       "malicious or internal)")
                        .arg(fromUtf8(cell(StatusColumn))));
            continue;
        }
        const std::string_view note = cell(NoteColumn);
        if (!isValidUtf8(note)) {
            problem(record.line, tr("the note is not valid UTF-8"));
            continue;
        }
        if (note.find('\0') != std::string_view::npos) {
            problem(record.line, tr("the note contains a NUL character"));
            continue;
        }
        // The row is valid, so a failure here is the database's: all or nothing.
        const Marks::Result r = marks.setMark(target.cidr, status, note);
        if (!r.ok()) {
            result.error
                = Error(tr("Line %1: %2").arg(record.line).arg(r.error.message()), r.error.code());
            result.added = result.updated = result.unchanged = 0;
            return result;
        }
        switch (r.change) {
        case Marks::Change::Added:
            ++result.added;
            break;
        case Marks::Change::Updated:
            ++result.updated;
            break;
        case Marks::Change::Unchanged:
        case Marks::Change::Removed:
            ++result.unchanged;
            break;
        }
    }
    if (!transaction.commit()) {
        result.error = Error(
            tr("Cannot import the allowlist: %1").arg(QString::fromStdString(db.lastError())),
            Error::Code::Database);
        result.added = result.updated = result.unchanged = 0;
    }
    return result;
}

Allowlist::ImportResult Allowlist::importFile(CaseDatabase &database, const QString &path,
                                              CsvWriter::Cells cells)
{
    if (const QString reason = irregularFileReason(path); !reason.isEmpty()) {
        ImportResult result;
        result.error = Error(tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(path), reason),
                             Error::Code::Io);
        return result;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ImportResult result;
        result.error = Error(
            tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()),
            Error::Code::Io);
        return result;
    }
    return importCsv(database, file, cells);
}

Allowlist::ExportResult Allowlist::exportCsv(CaseDatabase &database, QIODevice &output,
                                             CsvWriter::Cells cells)
{
    ExportResult result = writeMarks(database, cells, [&output](std::string_view bytes) {
        return output.write(bytes.data(), qint64(bytes.size())) == qint64(bytes.size());
    });
    if (result.ok() && result.rows < 0) {
        result.rows = 0;
        result.error = Error(tr("Cannot write the allowlist: %1").arg(output.errorString()),
                             Error::Code::Io);
    }
    return result;
}

Allowlist::ExportResult Allowlist::exportFile(CaseDatabase &database, const QString &path,
                                              CsvWriter::Cells cells)
{
    ExportFile file(path, database.path());
    if (!file.open())
        return {.rows = 0, .error = file.error()};
    ExportResult result = writeMarks(database, cells,
                                     [&file](std::string_view bytes) { return file.write(bytes); });
    if (result.ok() && (result.rows < 0 || !file.commit())) {
        result.rows = 0;
        result.error = file.error();
    }
    return result;
}

} // namespace ea
