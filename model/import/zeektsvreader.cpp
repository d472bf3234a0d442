#include "import/zeektsvreader.h"

#include "core/timestamp.h"
#include "import/linereader.h"
#include "import/readersupport.h"

#include <QCoreApplication>
#include <QString>

#include <cstring>

namespace ea {

namespace {

void split(std::string_view text, char separator, std::vector<std::string_view> &fields)
{
    fields.clear();
    for (;;) {
        const void *hit = std::memchr(text.data(), separator, text.size());
        if (!hit) {
            fields.push_back(text);
            return;
        }
        const std::size_t length = std::size_t(static_cast<const char *>(hit) - text.data());
        fields.push_back(text.substr(0, length));
        text.remove_prefix(length + 1);
    }
}

int hexDigit(char c) noexcept
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Header values are written with \xHH escapes ("#separator \x09").
std::string unescapeHeaderValue(std::string_view text)
{
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 3 < text.size() && text[i + 1] == 'x') {
            const int high = hexDigit(text[i + 2]);
            const int low = hexDigit(text[i + 3]);
            if (high >= 0 && low >= 0) {
                out += char(high * 16 + low);
                i += 3;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

// Roles Zeek logs never carry; mapped only when the user names a column.
constexpr FieldRole kNonZeekRoles[]
    = {FieldRole::Process, FieldRole::Pid, FieldRole::Path, FieldRole::Host, FieldRole::Direction};

bool overridden(std::span<const MappingOverride> overrides, FieldRole role) noexcept
{
    for (const MappingOverride &o : overrides) {
        if (o.role == role)
            return true;
    }
    return false;
}

} // namespace

ReadResult ZeekTsvReader::read(QIODevice &in, RecordSink &sink, const ReadOptions &options)
{
    ReadResult result;
    result.format = "zeek-tsv";
    auto refuse = [&result](Error error) {
        result.error = std::move(error);
        return result;
    };

    LineReader lines(in);
    ProgressTicker ticker(sink);
    char separator = '\t';
    std::string emptyField = "(empty)";
    std::string unsetField = "-";
    std::vector<std::string> header;
    FieldMapping mapping;
    bool haveFields = false;
    std::vector<std::string_view> fields;
    fields.reserve(32);
    std::string reason;
    const bool wantsCells = sink.wantsCells();

    if (sink.cancelled())
        return refuse(cancelledError());
    LineReader::Line line;
    while (lines.next(line)) {
        if (!ticker.tick(lines.bytesConsumed()))
            return refuse(cancelledError());
        std::string_view text = withoutBom(line.number, line.text);
        if (line.tooLong) {
            sink.rejected(line.number, "line longer than 1 MiB", text);
            continue;
        }
        if (text.empty())
            continue;

        if (text.front() == '#') {
            const std::string_view directive = text.substr(1);
            // "#separator" is always followed by a space: the separator is not
            // known yet when it is read.
            if (directive.starts_with("separator ")) {
                const std::string value = unescapeHeaderValue(directive.substr(10));
                if (value.size() != 1) {
                    return refuse(
                        refusal(QCoreApplication::translate(
                                    "ea::Reader",
                                    "Line %1: unsupported Zeek #separator \"%2\"; only a "
                                    "single character is supported.")
                                    .arg(line.number)
                                    .arg(QString::fromUtf8(directive.substr(10).data(),
                                                           qsizetype(directive.size() - 10)))));
                }
                separator = value.front();
                continue;
            }
            // "#open"/"#close" appear with a space instead of the separator in
            // btest baselines; a name ends at either.
            const char ends[] = {separator, ' '};
            const std::size_t cut = directive.find_first_of(std::string_view(ends, 2));
            const std::string_view name = directive.substr(0, cut);
            // Without a value, an empty view that still points into the line:
            // split() hands its data() to memchr, which must not get null.
            const std::string_view value
                = directive.substr(cut == std::string_view::npos ? directive.size() : cut + 1);
            if (name == "empty_field") {
                emptyField = unescapeHeaderValue(value);
            } else if (name == "unset_field") {
                unsetField = unescapeHeaderValue(value);
            } else if (name == "fields") {
                split(value, separator, fields);
                header.assign(fields.begin(), fields.end());
                const MappingResult resolved = resolveMapping(header, options.overrides);
                if (!resolved.unknownColumns.empty())
                    return refuse(unknownColumnsError(resolved.unknownColumns, header));
                mapping = resolved.mapping;
                for (FieldRole role : kNonZeekRoles) {
                    if (!overridden(options.overrides, role))
                        mapping.column[std::size_t(role)] = -1;
                }
                if (!mapping.has(FieldRole::Dst))
                    return refuse(missingDestinationError(header));
                if (!haveFields) {
                    result.header = header;
                    result.mapping = mapping;
                }
                haveFields = true;
            }
            // #set_separator, #types, #path, #open, #close and comments such as
            // btest's "### ..." need no action.
            continue;
        }

        if (!haveFields) {
            sink.rejected(line.number, "data line before the #fields header", text);
            continue;
        }
        const ByteScan bytes = scanBytes(text);
        if (bytes.hasNul) {
            sink.rejected(line.number, "NUL byte in record", text);
            continue;
        }
        split(text, separator, fields);
        if (!checkSplitRecord(sink, line.number, text, bytes.ascii, fields, header, mapping,
                              wantsCells, reason))
            continue;
        auto value = [&](FieldRole role) -> std::string_view {
            const int column = mapping[role];
            if (column < 0)
                return {};
            const std::string_view v = fields[std::size_t(column)];
            return v == unsetField || v == emptyField ? std::string_view {} : v;
        };

        Event event;
        event.line = line.number;
        event.raw = line.text;
        event.peer = value(FieldRole::Dst);
        if (event.peer.empty()) {
            sink.rejected(line.number, "missing destination", text);
            continue;
        }
        event.local = value(FieldRole::Src);
        event.peerPort = parsePort(value(FieldRole::DstPort));
        event.localPort = parsePort(value(FieldRole::SrcPort));
        event.protocol = value(FieldRole::Protocol);
        const std::string_view ts = value(FieldRole::Time);
        if (!ts.empty()) {
            std::int64_t ns = 0;
            event.hasTime = parseTimestamp(ts, ns);
            event.timeUnreadable = !event.hasTime;
            event.timeNs = event.hasTime ? ns : 0;
        }
        event.processKey = value(FieldRole::Process);
        if (event.processKey.empty())
            event.processKey = value(FieldRole::Pid);
        event.pid = value(FieldRole::Pid);
        event.processPath = value(FieldRole::Path);
        event.host = value(FieldRole::Host);
        setEventBytes(event, value(FieldRole::SrcBytes), value(FieldRole::DstBytes),
                      value(FieldRole::TotalBytes), false);
        sink.event(event);
    }
    sink.progress(lines.bytesConsumed());
    if (lines.readError())
        return refuse(deviceReadError(in, lines.bytesConsumed()));
    if (!haveFields)
        return refuse(refusal(
            QCoreApplication::translate("ea::Reader", "No Zeek #fields header line found.")));
    return result;
}

} // namespace ea
