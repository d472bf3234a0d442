#include "import/importpreview.h"

#include "import/importsource.h"

#include <algorithm>
#include <exception>

namespace ea {

namespace {

// Keeps the first few data rows and drops everything else the reader
// delivers: the preview needs the reader's verdict, not its records.
class PreviewSink final : public RecordSink
{
public:
    std::vector<std::vector<std::string>> rows;

    void event(const Event &) override { }
    void rejected(std::int64_t, std::string_view, std::string_view) override { }
    void skipped(std::int64_t, std::string_view) override { }
    [[nodiscard]] bool wantsCells() const override { return true; }
    void cells(std::int64_t, std::span<const std::string_view> fields) override
    {
        if (rows.size() < kPreviewSampleRows)
            rows.emplace_back(fields.begin(), fields.end());
    }
};

} // namespace

ImportPreview previewImport(const QString &path, std::span<const MappingOverride> overrides)
{
    ImportPreview preview;
    preview.path = path;
    ImportSource source(path);
    if (!source.open()) {
        preview.error = source.error();
        preview.mappable = false;
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
    return preview;
}

} // namespace ea
