#pragma once

#include "core/csvwriter.h"
#include "core/error.h"

#include <QCoreApplication>
#include <QString>

#include <cstdint>
#include <vector>

class QIODevice;

namespace ea {

class CaseDatabase;

// The allowlist file: CSV with the header `cidr,status,note` (RFC 4180 quoting,
// CRLF or LF, UTF-8 with or without BOM). It carries marks from case to case,
// so the same known-safe list serves many cases.
//
// Import: the header names the columns (any order, case-insensitive; `note`
// may be left out). Each bad row is reported with its line and reason and
// skipped; the good rows are applied in one transaction, each as
// Marks::setMark() would (later rows win over earlier ones for the same block).
// A cell the export neutralised for spreadsheets ('=…, '+…, '-…, '@…, and ''…
// for a cell that itself starts with an apostrophe) gets exactly one
// apostrophe back off, so a round trip keeps notes as they were. Cells::Raw
// reads every cell unchanged: the form of an export written with Cells::Raw.
class Allowlist
{
    Q_DECLARE_TR_FUNCTIONS(ea::Allowlist)

public:
    struct Problem
    {
        std::int64_t line = 0; // 1-based line where the record starts
        QString reason;
    };

    struct ImportResult
    {
        int rows = 0; // data rows read (blank lines not counted)
        int added = 0;
        int updated = 0;
        int unchanged = 0;
        std::vector<Problem> problems; // rejected rows, in file order
        Error error; // the whole import failed (no header, I/O, database): nothing applied

        [[nodiscard]] bool ok() const noexcept { return error.isNull(); }
    };

    struct ExportResult
    {
        int rows = 0;
        Error error;

        [[nodiscard]] bool ok() const noexcept { return error.isNull(); }
    };

    // Allowlists are small; a larger input is refused rather than read.
    static constexpr qint64 kMaxFileSize = 64 * 1024 * 1024;

    [[nodiscard]] static ImportResult importCsv(CaseDatabase &database, QIODevice &input,
                                                CsvWriter::Cells cells
                                                = CsvWriter::Cells::SpreadsheetSafe);
    [[nodiscard]] static ImportResult importFile(CaseDatabase &database, const QString &path,
                                                 CsvWriter::Cells cells
                                                 = CsvWriter::Cells::SpreadsheetSafe);

    // Header and one row per mark, in address order.
    [[nodiscard]] static ExportResult exportCsv(CaseDatabase &database, QIODevice &output,
                                                CsvWriter::Cells cells
                                                = CsvWriter::Cells::SpreadsheetSafe);
    // Written through ExportFile: never over the case itself or its journal
    // files, nor over a file that is not a regular one; an error (a full disk
    // too) leaves an existing file as it was.
    [[nodiscard]] static ExportResult exportFile(CaseDatabase &database, const QString &path,
                                                 CsvWriter::Cells cells
                                                 = CsvWriter::Cells::SpreadsheetSafe);
};

} // namespace ea
