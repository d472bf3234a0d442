#include "import/importpreview.h"

#include "address/ipaddress.h"
#include "import/importsource.h"

#include <QCoreApplication>

#include <algorithm>
#include <exception>

namespace ea {

namespace {

constexpr std::size_t kMaxSampleRecord = 4096;

// Keeps the first few data rows (or records, for formats without columns) and
// counts what the mapping does to the rows: the preview needs the reader's
// verdict, not its records.
class PreviewSink final : public RecordSink
{
public:
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> records;
    ImportPreview::RowChecks checks;

    void event(const Event &e) override
    {
        keepRecord(e.raw);
        ++checks.rows;
        // The import rejects what is no address (ImportCollector).
        if (e.peer.empty()) {
            reject(e.line, "missing destination address");
            return;
        }
        const ParseResult parsed = parseAddress(e.peer);
        if (!parsed.ok()) {
            reject(e.line,
                   std::string("invalid destination address: ")
                       + std::string(e.peer.substr(0, 80)));
            return;
        }
        checks.unreadableTimes += e.timeUnreadable ? 1 : 0;
        checks.withoutPort += e.peerPort < 0 ? 1 : 0;
    }
    void rejected(std::int64_t line, std::string_view reason, std::string_view raw) override
    {
        keepRecord(raw);
        ++checks.rows;
        reject(line, reason);
    }
    void skipped(std::int64_t, std::string_view) override { }
    [[nodiscard]] bool wantsCells() const override { return true; }
    void cells(std::int64_t, std::span<const std::string_view> fields) override
    {
        if (rows.size() < kPreviewSampleRows)
            rows.emplace_back(fields.begin(), fields.end());
    }

private:
    void keepRecord(std::string_view raw)
    {
        if (records.size() < kPreviewSampleRows && !raw.empty())
            records.emplace_back(raw.substr(0, kMaxSampleRecord));
    }
    void reject(std::int64_t line, std::string_view reason)
    {
        if (checks.rejected++ == 0) {
            checks.firstRejectedLine = line;
            checks.firstRejectedReason = reason;
        }
    }
};

// The rows of a file refused for having no destination column: read again
// with its first column as the destination, for the cells only.
std::vector<std::vector<std::string>> rowsOfUnmappedFile(const QString &path,
                                                         const std::string &firstColumn)
{
    ImportSource source(path);
    if (!source.open())
        return {};
    PreviewSink sink;
    ReadOptions options;
    options.overrides.push_back({FieldRole::Dst, firstColumn});
    try {
        (void)source.read(sink, options, kPreviewHeadBytes);
    } catch (const std::exception &) {
        return {};
    }
    return std::move(sink.rows);
}

} // namespace

ImportPreview previewImport(const QString &path, std::span<const MappingOverride> overrides)
{
    ImportPreview preview;
    preview.path = path;
    ImportSource source(path);
    if (!source.open()) {
        preview.error = source.error();
        preview.mappable = false;
        preview.unrecognised = preview.error.code() == Error::Code::Invalid
            && source.detected().family == DetectedFormat::Family::Unknown
            && !source.detected().reason.empty();
        if (preview.unrecognised)
            preview.unrecognisedReason = source.detected().reason;
        return preview;
    }

    PreviewSink sink;
    ReadOptions options;
    options.overrides.assign(overrides.begin(), overrides.end());
    ReadResult result;
    try {
        result = source.read(sink, options, kPreviewHeadBytes);
    } catch (const std::exception &e) {
        // As ImportJob words a failure of its reading stage.
        preview.error = source.failure(e.what());
        preview.mappable = false;
        return preview;
    }

    preview.error = source.readFailure(result);
    preview.format = std::move(result.format);
    preview.kind = result.kind;
    preview.columns = std::move(result.header);
    preview.mapping = result.mapping;
    preview.notes = std::move(result.notes);
    preview.wholeFile = !source.truncated();
    // NDJSON: the first object's other keys go after the header, so the
    // mapping's indexes (into the header) stay valid.
    for (std::string &key : result.keys) {
        if (std::find(preview.columns.begin(), preview.columns.end(), key) == preview.columns.end())
            preview.columns.push_back(std::move(key));
    }
    preview.sampleRows = std::move(sink.rows);
    preview.checks = sink.checks;
    if (preview.sampleRows.empty())
        preview.sampleRecords = std::move(sink.records);
    if (!preview.error.isNull() && preview.mappable && preview.sampleRows.empty()
        && preview.mapping.column[std::size_t(FieldRole::Dst)] < 0 && !preview.columns.empty()
        && preview.kind == FileKind::Connections)
        preview.sampleRows = rowsOfUnmappedFile(path, preview.columns.front());
    return preview;
}

QStringList mappingWarnings(const ImportPreview &preview)
{
    QStringList warnings;
    const ImportPreview::RowChecks &c = preview.checks;
    if (!preview.error.isNull() || preview.kind != FileKind::Connections || c.rows == 0)
        return warnings;
    const auto column = [&preview](FieldRole role) {
        const int index = preview.mapping.column[std::size_t(role)];
        return index >= 0 && std::size_t(index) < preview.columns.size()
            ? QString::fromStdString(preview.columns[std::size_t(index)])
            : QString();
    };
    if (c.rejected * 2 > c.rows) {
        warnings << QCoreApplication::translate(
                        "ea::ImportPreview",
                        "%1 of the first %2 rows would be rejected, e.g. line %3: %4. Check the "
                        "destination column.")
                        .arg(c.rejected)
                        .arg(c.rows)
                        .arg(c.firstRejectedLine)
                        .arg(QString::fromStdString(c.firstRejectedReason));
    }
    const std::int64_t kept = c.rows - c.rejected;
    const QString time = column(FieldRole::Time);
    if (kept > 0 && !time.isEmpty() && c.unreadableTimes * 2 > kept) {
        warnings << QCoreApplication::translate(
                        "ea::ImportPreview",
                        "The time column \"%1\" holds no readable time in %2 of the first %3 "
                        "rows: those events would have no time.")
                        .arg(time)
                        .arg(c.unreadableTimes)
                        .arg(kept);
    }
    const QString port = column(FieldRole::DstPort);
    if (kept > 0 && !port.isEmpty() && c.withoutPort == kept) {
        warnings << QCoreApplication::translate(
                        "ea::ImportPreview",
                        "The port column \"%1\" holds no port (0 to 65535) in the first %2 rows.")
                        .arg(port)
                        .arg(kept);
    }
    return warnings;
}

} // namespace ea
