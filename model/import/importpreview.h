#pragma once

#include "core/error.h"
#include "import/fieldmapping.h"
#include "import/reader.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace ea {

// What an import of a file would do, judged from its head, for the GUI's
// import dialog to show before anything is committed: the format, the kind,
// the columns and the mapping of roles to them, which the analyst may change
// with overrides (the CLI's --map K=COLUMN).
//
// It is the import's own verdict, not a second copy of its rules: the file
// goes through ImportSource (detection, reader choice, refusal texts) and the
// very reader ImportJob uses, with a sink that keeps nothing but a few rows.
// The reader sees only the head (kPreviewHeadBytes of decompressed input) as
// if it were the whole file, so for a file that fits (see wholeFile) the
// verdict is exactly the import's. For a longer one, what only the rest of
// the file could tell is not seen: a later Zeek #fields header without a
// destination, a broken gzip stream further on, and for NDJSON the dialects
// and keys of the lines past the head.
struct ImportPreview
{
    QString path;
    // Null when the file can be imported with these overrides; else the
    // refusal ImportJob would give, naming the file (for a broken gzip
    // stream, its failure).
    Error error;
    // The id ImportJob stores in sources.format: "csv", "tsv", "zeek-tsv",
    // "w3c-firewall", or the NDJSON dialect ("zeek-json", "suricata-eve",
    // "windows-events", "osquery", "ecs", "ndjson", "ndjson-mixed"). Empty
    // when no reader could be chosen.
    std::string format;
    FileKind kind = FileKind::Connections; // as ImportJob stores it in sources.kind
    // The columns the mapping indexes and overrides may name. CSV/TSV: the
    // header row; Zeek TSV: #fields; W3C: #Fields:. NDJSON: first the key
    // paths that supplied a field (the header ImportJob stores the mapping
    // with), then the other key paths of the first object; when the file is
    // refused for holding no known kind of record, the first object's keys.
    std::vector<std::string> columns;
    // Every reader takes overrides, so this is false only when there is
    // nothing to map: no reader could be chosen or the file not opened.
    bool mappable = true;
    // No reader knows the content (error says so too); unrecognisedReason is
    // what the detector saw (e.g. "binary data: NUL byte at offset 8").
    bool unrecognised = false;
    std::string unrecognisedReason;
    // With the overrides applied: the column index into `columns` per role,
    // -1 for none; mappingToJson(mapping, columns) is what ImportJob stores
    // in sources.mapping_json.
    FieldMapping mapping;
    // Up to kPreviewSampleRows data rows as split, one cell per column
    // (CSV/TSV, Zeek TSV, W3C; empty for NDJSON, whose records have no fixed
    // columns). Also for a file refused because no column is the destination:
    // that is when the analyst needs to see the data to choose one.
    std::vector<std::vector<std::string>> sampleRows;
    // Up to kPreviewSampleRows records as written, for formats without
    // sample rows (NDJSON): one line of JSON each, capped at 4 KiB.
    std::vector<std::string> sampleRecords;
    // What the mapping would do to the rows of the head: how many connection
    // rows it saw, how many the import would reject (the reader's refusals
    // and peers that are no address), and how many had an unreadable time or
    // no port although a column is mapped. warnings() words them.
    struct RowChecks
    {
        std::int64_t rows = 0;
        std::int64_t rejected = 0;
        std::int64_t firstRejectedLine = 0;
        std::string firstRejectedReason;
        std::int64_t unreadableTimes = 0;
        std::int64_t withoutPort = 0;
    } checks;
    // Remarks the import would make about the whole file (e.g. local times
    // read as UTC), as far as the head shows them; translated.
    QStringList notes;
    // The head held the whole file: the verdict above is the import's exactly.
    bool wholeFile = true;
};

inline constexpr std::int64_t kPreviewHeadBytes = std::int64_t(2) << 20;
inline constexpr std::size_t kPreviewSampleRows = 5;

// Reads only the head of the file (at most kPreviewHeadBytes decompressed,
// twice the readers' longest record, so a header row the import would refuse
// as too long is refused here too), gzip included. Memory is bounded by the
// readers' buffers; errors come back in `error`, never as exceptions.
// Thread-safe (it shares nothing), so the GUI can run it off its thread.
[[nodiscard]] ImportPreview previewImport(const QString &path,
                                          std::span<const MappingOverride> overrides = {});

// What the analyst should hear before importing with this mapping, translated:
// most rows of the head would be rejected, a mapped time column held no
// readable time on most of them, or a mapped port column none at all (a
// time column chosen as the port). Empty when the mapping looks right.
[[nodiscard]] QStringList mappingWarnings(const ImportPreview &preview);

} // namespace ea
