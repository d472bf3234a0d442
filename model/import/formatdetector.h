#pragma once

#include <QByteArrayView>

#include <string>
#include <string_view>

class QString;

namespace ea {

// What a file holds, judged from its first bytes only (never its name).
struct DetectedFormat
{
    enum class Family {
        Csv, // header line, ',' or ';' separated (see delimiter), RFC 4180 quoting
        Tsv, // header line, tab separated
        ZeekTsv, // Zeek log: #separator / #fields header lines
        Ndjson, // one JSON object per line (Zeek JSON, Suricata EVE, osquery, Windows events)
        W3c, // W3C extended log with #Fields: (Windows Firewall pfirewall.log)
        Unknown // not readable; reason says why
    };

    Family family = Family::Unknown;
    bool gzip = false; // the file is gzip-compressed (detectFile only)
    char delimiter = 0; // Csv: ',' or ';'; Tsv: '\t'; ZeekTsv: from #separator; W3c: ' '
    std::string reason; // translated, for the user: why this family, or what is wrong
};

// How much decompressed data detectFile() sniffs; callers of detectFormat()
// should pass about as much (less is fine for a smaller file).
inline constexpr qsizetype kSniffBytes = 64 * 1024;

// Sniffs the decompressed head of a file, in this order:
//  1. empty, gzip magic (decompress first), UTF-16 BOM, NUL bytes, invalid
//     UTF-8 -> Unknown (an incomplete UTF-8 sequence cut by the end of the
//     head is fine);
//  2. leading '#' lines: "#separator" or "#fields<TAB>" -> ZeekTsv (a btest
//     "### ..." line before them is allowed), "#Fields:" -> W3c; W3C
//     directives (#Version:, #Software:, #Date:) without #Fields: -> Unknown;
//  3. first non-blank line starting with '{' that is a complete object (or
//     runs past the head, or the next line is one) -> Ndjson; '[' or a
//     pretty-printed object -> Unknown;
//  4. otherwise the first line is a CSV header (UTF-8 BOM skipped): the most
//     frequent of ',', '\t', ';' outside double quotes is the delimiter (ties
//     broken by the next line, then in that order); a header without any of
//     them is accepted as a single column when it looks like a column name or
//     an address, else Unknown.
[[nodiscard]] DetectedFormat detectFormat(QByteArrayView head);

// Opens the file, checks the gzip magic, inflates up to kSniffBytes when
// needed and sniffs. Unreadable files, corrupt gzip heads and directories
// give Unknown with the reason (which does not repeat the path: the caller
// names the file).
[[nodiscard]] DetectedFormat detectFile(const QString &path);

// Stable identifier of a family, for the case file and the CLI:
// "csv", "tsv", "zeek-tsv", "ndjson", "w3c", "unknown".
[[nodiscard]] std::string_view formatFamilyId(DetectedFormat::Family family) noexcept;

} // namespace ea
