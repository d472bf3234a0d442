#include "import/w3creader.h"

#include "core/timestamp.h"
#include "import/linereader.h"
#include "import/readersupport.h"

#include <QCoreApplication>
#include <QString>

#include <algorithm>
#include <cstring>

namespace ea {

namespace {

// Not core's trimmedBlanks: this also drops CR, because LineReader strips
// only the CR of a CRLF and a stray one (CR CR LF, CR before blanks) would
// otherwise stay part of a directive's value or of the last field.
std::string_view trimmedBlanksAndCr(std::string_view text) noexcept
{
    auto space = [](char c) {
        return c == ' ' || c == '\t' || c == '\r';
    };
    while (!text.empty() && space(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && space(text.back()))
        text.remove_suffix(1);
    return text;
}

int findColumn(std::span<const std::string> header, std::string_view name) noexcept
{
    for (std::size_t i = 0; i < header.size(); ++i) {
        if (asciiEqualsIgnoreCase(header[i], name))
            return int(i);
    }
    return -1;
}

// W3C fields: one space between values. Runs of spaces are not collapsed:
// a missing value is written '-', never left empty.
void split(std::string_view text, std::vector<std::string_view> &fields)
{
    fields.clear();
    for (;;) {
        const void *hit = std::memchr(text.data(), ' ', text.size());
        if (!hit) {
            fields.push_back(text);
            return;
        }
        const std::size_t length = std::size_t(static_cast<const char *>(hit) - text.data());
        fields.push_back(text.substr(0, length));
        text.remove_prefix(length + 1);
    }
}

// "#Fields: date time ..." names, split on any run of spaces.
std::vector<std::string> fieldNames(std::string_view text)
{
    std::vector<std::string> names;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && text[i] == ' ')
            ++i;
        const std::size_t start = i;
        while (i < text.size() && text[i] != ' ')
            ++i;
        if (i > start)
            names.emplace_back(text.substr(start, i - start));
    }
    return names;
}

struct Columns
{
    int date = -1;
    int action = -1;
};

} // namespace

ReadResult W3cReader::read(QIODevice &in, RecordSink &sink, const ReadOptions &options)
{
    ReadResult result;
    result.format = "w3c-firewall";
    auto refuse = [&result](Error error) {
        result.error = std::move(error);
        return result;
    };

    LineReader lines(in);
    ProgressTicker ticker(sink);
    std::vector<std::string> header;
    FieldMapping mapping;
    Columns columns;
    bool haveFields = false;
    bool notedLocalTime = false;
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
        text = trimmedBlanksAndCr(text);
        if (text.empty())
            continue;

        if (text.front() == '#') {
            const std::size_t colon = text.find(':');
            const std::string_view name = trimmedBlanksAndCr(text.substr(
                1, colon == std::string_view::npos ? std::string_view::npos : colon - 1));
            const std::string_view value = colon == std::string_view::npos
                ? std::string_view {}
                : trimmedBlanksAndCr(text.substr(colon + 1));
            if (asciiEqualsIgnoreCase(name, "Time Format")) {
                if (asciiEqualsIgnoreCase(value, "Local") && !notedLocalTime) {
                    notedLocalTime = true;
                    result.timesZoneUnknown = true;
                    result.notes.append(QCoreApplication::translate(
                        "ea::Reader",
                        "The log's times are local to the machine that wrote it and "
                        "name no time zone; they were read as UTC."));
                }
            } else if (asciiEqualsIgnoreCase(name, "Fields")) {
                header = fieldNames(value);
                mapping = FieldMapping {};
                auto set = [&](FieldRole role, std::string_view column) {
                    mapping.column[std::size_t(role)] = findColumn(header, column);
                };
                set(FieldRole::Dst, "dst-ip");
                set(FieldRole::DstPort, "dst-port");
                set(FieldRole::Src, "src-ip");
                set(FieldRole::SrcPort, "src-port");
                set(FieldRole::Protocol, "protocol");
                set(FieldRole::Time, "time");
                set(FieldRole::Direction, "path"); // SEND / RECEIVE, not a file path
                set(FieldRole::Pid, "pid"); // newer Windows versions append it
                set(FieldRole::SrcBytes, "size"); // the packet's, sent by src-ip
                std::vector<std::string> unknown;
                for (const MappingOverride &o : options.overrides) {
                    const int column = findColumn(header, o.column);
                    if (column < 0)
                        unknown.push_back(o.column);
                    else
                        mapping.column[std::size_t(o.role)] = column;
                }
                if (!unknown.empty())
                    return refuse(unknownColumnsError(unknown, header));
                if (!mapping.has(FieldRole::Dst))
                    return refuse(missingDestinationError(header));
                columns.date = findColumn(header, "date");
                columns.action = findColumn(header, "action");
                if (!haveFields) {
                    result.header = header;
                    result.mapping = mapping;
                }
                haveFields = true;
            }
            // #Version, #Software, #Date, #Remark: nothing to do.
            continue;
        }

        if (!haveFields) {
            sink.rejected(line.number, "data line before the #Fields header", text);
            continue;
        }
        const ByteScan bytes = scanBytes(text);
        if (bytes.hasNul) {
            sink.rejected(line.number, "NUL byte in record", text);
            continue;
        }
        split(text, fields);
        if (!checkSplitRecord(sink, line.number, text, bytes.ascii, fields, header, mapping,
                              wantsCells, reason))
            continue;
        auto column = [&](int index) -> std::string_view {
            if (index < 0)
                return {};
            const std::string_view v = fields[std::size_t(index)];
            return v == "-" ? std::string_view {} : v;
        };
        auto value = [&](FieldRole role) {
            return column(mapping[role]);
        };

        const std::string_view dst = value(FieldRole::Dst);
        const std::string_view src = value(FieldRole::Src);
        if (dst.empty() && src.empty()) {
            const bool lost = column(columns.action) == "INFO-EVENTS-LOST";
            sink.skipped(line.number, lost ? "no addresses (INFO-EVENTS-LOST)" : "no addresses");
            continue;
        }

        Event event;
        event.line = line.number;
        event.raw = line.text;
        const std::string_view path = value(FieldRole::Direction);
        const std::int32_t dstPort = parsePort(value(FieldRole::DstPort));
        const std::int32_t srcPort = parsePort(value(FieldRole::SrcPort));
        if (asciiEqualsIgnoreCase(path, "RECEIVE")) {
            event.direction = Direction::Inbound;
            event.peer = src;
            event.local = dst;
            event.peerPort = srcPort;
            event.localPort = dstPort;
        } else {
            event.direction
                = asciiEqualsIgnoreCase(path, "SEND") ? Direction::Outbound : Direction::Unknown;
            event.peer = dst;
            event.local = src;
            event.peerPort = dstPort;
            event.localPort = srcPort;
        }
        if (event.peer.empty()) {
            sink.rejected(line.number,
                          event.direction == Direction::Inbound
                              ? "missing source address (inbound row)"
                              : "missing destination",
                          text);
            continue;
        }
        const std::string_view time = value(FieldRole::Time);
        const std::string_view date = column(columns.date);
        if (!time.empty()) {
            std::int64_t ns = 0;
            // The usual pair is date + time; a --map time= column that holds
            // a whole timestamp is read on its own.
            const bool pair = !date.empty()
                && asciiEqualsIgnoreCase(header[std::size_t(mapping[FieldRole::Time])], "time");
            event.hasTime = pair ? parseDateTime(date, time, ns) : parseTimestamp(time, ns);
            event.timeUnreadable = !event.hasTime;
            event.timeNs = event.hasTime ? ns : 0;
        }
        event.protocol = value(FieldRole::Protocol);
        event.pid = value(FieldRole::Pid);
        event.processKey = value(FieldRole::Process);
        if (event.processKey.empty())
            event.processKey = event.pid;
        event.processPath = value(FieldRole::Path);
        event.host = value(FieldRole::Host);
        // The firewall writes size 0 on connection records (it counts a
        // dropped packet's size): zero there means not counted, and showing
        // "0 bytes" would tell the analyst nothing was sent.
        const std::string_view size = value(FieldRole::SrcBytes);
        setEventBytes(event, size == "0" ? std::string_view {} : size, value(FieldRole::DstBytes),
                      value(FieldRole::TotalBytes), event.direction == Direction::Inbound);
        sink.event(event);
    }
    sink.progress(lines.bytesConsumed());
    if (lines.readError())
        return refuse(deviceReadError(in, lines.bytesConsumed()));
    if (!haveFields)
        return refuse(refusal(
            QCoreApplication::translate("ea::Reader", "No W3C #Fields: header line found.")));
    return result;
}

} // namespace ea
