#include "import/csvreader.h"

#include "core/csvrecordsplitter.h"
#include "core/timestamp.h"
#include "import/readersupport.h"

#include <QCoreApplication>
#include <QString>

#include <algorithm>

namespace ea {

namespace {

int findAnyColumn(std::span<const std::string> header, std::span<const std::string_view> names)
{
    for (std::string_view name : names) {
        for (std::size_t i = 0; i < header.size(); ++i) {
            if (asciiEqualsIgnoreCase(header[i], name))
                return int(i);
        }
    }
    return -1;
}

// Process-export columns that are not field roles of a connection.
constexpr std::string_view kProcessName[] = {"name", "comm", "process_name", "process.name"};
constexpr std::string_view kProcessArgs[]
    = {"program_arguments", "cmdline", "cmd_line", "command_line", "process.command_line", "args"};
constexpr std::string_view kProcessUser[] = {"uid", "user", "username", "user.name"};
constexpr std::string_view kProcessContainer[] = {"container_id", "container.id"};
// Hosts export: sensor id -> host name.
// A hosts export names sensors by id, or sources (the local end of network
// sensor records) by address.
// An aggregated export (the data-lake query's result, see
// export/DataLakeQuery): each row stands for this many connections, from the
// time column's time to this last time.
constexpr std::string_view kWeight[] = {"connections", "count"};
constexpr std::string_view kLastTime[] = {"last_seen_ns", "last_seen"};
constexpr std::int64_t kMaxWeight = Event::kMaxWeight;

// A row's connection count: decimal digits, 1 … kMaxWeight; false otherwise.
bool parseWeight(std::string_view text, std::int64_t &weight) noexcept
{
    text = trimmedBlanks(text);
    if (text.empty())
        return false;
    std::int64_t value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return false;
        value = value * 10 + (c - '0');
        if (value > kMaxWeight)
            return false;
    }
    if (value < 1)
        return false;
    weight = value;
    return true;
}

constexpr std::string_view kHostKey[]
    = {"sensor_id", "host_identifier", "host_id", "address", "ip", "ip_address", "addr"};
constexpr std::string_view kHostName[]
    = {"hostname", "host_name", "computer_name", "host.hostname"};

// Direction as connection exports write it. Argus arrows describe which way
// the traffic went between the columns as named (SrcAddr stays the observed
// side), so `<-` is inbound without swapping; the words (ECS
// network.direction and the like) follow source/destination semantics, so an
// inbound row's remote end is its source.
Direction parseDirection(std::string_view text, bool &swap) noexcept
{
    swap = false;
    text = trimmedBlanks(text);
    if (text == "->")
        return Direction::Outbound;
    if (text == "<-")
        return Direction::Inbound;
    for (std::string_view word : {"outbound", "egress", "outgoing", "out", "send"}) {
        if (asciiEqualsIgnoreCase(text, word))
            return Direction::Outbound;
    }
    for (std::string_view word : {"inbound", "ingress", "incoming", "in", "receive"}) {
        if (asciiEqualsIgnoreCase(text, word)) {
            swap = true;
            return Direction::Inbound;
        }
    }
    return Direction::Unknown;
}

// The ids FormatDetector uses for the same families.
std::string_view formatId(char delimiter) noexcept
{
    return delimiter == '\t' ? "tsv" : "csv";
}

struct ConnectionColumns
{
    int dst = -1;
    int dstPort = -1;
    int src = -1;
    int srcPort = -1;
    int protocol = -1;
    int time = -1;
    int process = -1; // process key: the Process role, else the pid
    int pid = -1;
    int path = -1;
    int host = -1;
    int direction = -1;
    int srcBytes = -1;
    int dstBytes = -1;
    int totalBytes = -1;
    int weight = -1;
    int lastTime = -1;
};

struct ProcessColumns
{
    int key = -1;
    int host = -1;
    int pid = -1;
    int path = -1;
    int name = -1;
    int arguments = -1;
    int user = -1;
    int container = -1;
};

struct HostColumns
{
    int key = -1;
    int hostname = -1;
};

// Turns split records into sink calls for one kind of file.
class RowHandler
{
public:
    RowHandler(RecordSink &sink, std::span<const std::string> header)
        : m_sink(sink)
        , m_header(header)
    { }

    void connection(const CsvRecordSplitter::Record &record, const ConnectionColumns &c)
    {
        const std::span<const std::string_view> f = record.fields;
        if (!record.ascii) {
            for (int column : {c.dst, c.src, c.protocol, c.process, c.pid, c.path, c.host}) {
                if (!validColumn(record, column))
                    return;
            }
        }
        Event event;
        event.line = record.line;
        event.raw = record.raw;
        bool swap = false;
        if (c.direction >= 0)
            event.direction = parseDirection(f[std::size_t(c.direction)], swap);
        const std::string_view dst = field(f, c.dst);
        const std::string_view src = field(f, c.src);
        const std::int32_t dstPort = c.dstPort >= 0 ? parsePort(f[std::size_t(c.dstPort)]) : -1;
        const std::int32_t srcPort = c.srcPort >= 0 ? parsePort(f[std::size_t(c.srcPort)]) : -1;
        if (swap) {
            event.peer = src;
            event.local = dst;
            event.peerPort = srcPort;
            event.localPort = dstPort;
        } else {
            event.peer = dst;
            event.local = src;
            event.peerPort = dstPort;
            event.localPort = srcPort;
        }
        if (event.peer.empty()) {
            m_sink.rejected(record.line,
                            swap ? "missing source address (inbound row)" : "missing destination",
                            record.raw);
            return;
        }
        const std::string_view time = field(f, c.time);
        if (!time.empty()) {
            std::int64_t ns = 0;
            if (parseTimestamp(time, ns)) {
                event.timeNs = ns;
                event.hasTime = true;
            } else {
                event.timeUnreadable = true;
            }
        }
        if (c.weight >= 0 && !parseWeight(f[std::size_t(c.weight)], event.weight)) {
            m_sink.rejected(record.line, "invalid connection count (expected 1 to 2147483647)",
                            record.raw);
            return;
        }
        if (const std::string_view last = field(f, c.lastTime); !last.empty()) {
            std::int64_t ns = 0;
            if (!parseTimestamp(last, ns)) {
                event.timeUnreadable = true;
            } else if (!event.hasTime) {
                event.timeNs = ns;
                event.hasTime = true;
            } else if (ns != event.timeNs) {
                event.lastTimeNs = std::max(ns, event.timeNs);
                event.timeNs = std::min(ns, event.timeNs);
                event.hasLastTime = true;
            }
        }
        event.protocol = field(f, c.protocol);
        event.processKey = field(f, c.process);
        event.pid = field(f, c.pid);
        event.processPath = field(f, c.path);
        event.host = field(f, c.host);
        setEventBytes(event, field(f, c.srcBytes), field(f, c.dstBytes), field(f, c.totalBytes),
                      swap);
        m_sink.event(event);
    }

    void process(const CsvRecordSplitter::Record &record, const ProcessColumns &c)
    {
        const std::span<const std::string_view> f = record.fields;
        if (!record.ascii) {
            for (int column :
                 {c.key, c.host, c.pid, c.path, c.name, c.arguments, c.user, c.container}) {
                if (!validColumn(record, column))
                    return;
            }
        }
        ProcessRecord process;
        process.line = record.line;
        process.key = field(f, c.key);
        if (process.key.empty()) {
            m_sink.rejected(record.line, "missing process key", record.raw);
            return;
        }
        process.host = field(f, c.host);
        process.pid = field(f, c.pid);
        process.path = field(f, c.path);
        process.name = field(f, c.name);
        process.arguments = field(f, c.arguments);
        process.user = field(f, c.user);
        process.container = field(f, c.container);
        m_sink.process(process);
    }

    void host(const CsvRecordSplitter::Record &record, const HostColumns &c)
    {
        const std::span<const std::string_view> f = record.fields;
        if (!record.ascii && (!validColumn(record, c.key) || !validColumn(record, c.hostname)))
            return;
        HostRecord host;
        host.line = record.line;
        host.key = field(f, c.key);
        if (host.key.empty()) {
            m_sink.rejected(record.line, "missing host key", record.raw);
            return;
        }
        host.hostname = field(f, c.hostname);
        m_sink.host(host);
    }

    // Rejects records the splitter or the header rules out; true if the
    // record goes on to a handler.
    bool accept(const CsvRecordSplitter::Record &record)
    {
        if (!record.error.empty()) {
            m_sink.rejected(record.line, record.error, record.raw);
            return false;
        }
        if (record.raw.empty())
            return false; // blank line
        if (record.hasNul) {
            m_sink.rejected(record.line, "NUL byte in record", record.raw);
            return false;
        }
        if (record.fields.size() != m_header.size()) {
            m_sink.rejected(record.line,
                            fieldCountReason(m_reason, m_header.size(), record.fields.size()),
                            record.raw);
            return false;
        }
        return true;
    }

private:
    static std::string_view field(std::span<const std::string_view> fields, int column) noexcept
    {
        return column >= 0 ? fields[std::size_t(column)] : std::string_view {};
    }

    bool validColumn(const CsvRecordSplitter::Record &record, int column)
    {
        if (column < 0 || isValidUtf8(record.fields[std::size_t(column)]))
            return true;
        m_sink.rejected(record.line, invalidUtf8Reason(m_reason, m_header[std::size_t(column)]),
                        record.raw);
        return false;
    }

    RecordSink &m_sink;
    std::span<const std::string> m_header;
    std::string m_reason;
};

} // namespace

ReadResult CsvReader::read(QIODevice &in, RecordSink &sink, const ReadOptions &options)
{
    ReadResult result;
    CsvRecordSplitter splitter(in);
    const char delimiter = splitter.sniffDelimiter();
    result.format = std::string(formatId(delimiter));

    auto refuse = [&result](Error error) {
        result.error = std::move(error);
        return result;
    };

    CsvRecordSplitter::Record record;
    bool haveHeader = false;
    while (splitter.next(record)) {
        if (!record.error.empty()) {
            return refuse(refusal(
                QCoreApplication::translate("ea::Reader", "The header row cannot be read: %1.")
                    .arg(toQString(record.error))));
        }
        if (!record.raw.empty()) {
            haveHeader = true;
            break;
        }
    }
    if (!haveHeader) {
        if (splitter.readError())
            return refuse(deviceReadError(in, splitter.bytesConsumed()));
        return refuse(refusal(QCoreApplication::translate(
            "ea::Reader", "The file is empty: a header row is needed.")));
    }
    if (record.hasNul || (!record.ascii && !isValidUtf8(record.raw)))
        return refuse(refusal(QCoreApplication::translate(
            "ea::Reader", "The header row is not UTF-8 text; this is not a CSV export.")));
    for (std::string_view name : record.fields)
        result.header.emplace_back(trimmedBlanks(name));

    const MappingResult resolved = resolveMapping(result.header, options.overrides);
    if (!resolved.unknownColumns.empty())
        return refuse(unknownColumnsError(resolved.unknownColumns, result.header));
    const FieldMapping &m = resolved.mapping;
    result.mapping = m;

    const std::span<const std::string> header = result.header;
    const int processKey = m.has(FieldRole::Process) ? m[FieldRole::Process] : m[FieldRole::Pid];
    const ProcessColumns processColumns {
        .key = processKey,
        .host = m[FieldRole::Host],
        .pid = m[FieldRole::Pid],
        .path = m[FieldRole::Path],
        .name = findAnyColumn(header, kProcessName),
        .arguments = findAnyColumn(header, kProcessArgs),
        .user = findAnyColumn(header, kProcessUser),
        .container = findAnyColumn(header, kProcessContainer),
    };
    const HostColumns hostColumns {
        .key = findAnyColumn(header, kHostKey),
        .hostname = findAnyColumn(header, kHostName),
    };
    // A file with any connection column but no destination is a connections
    // export we cannot map, never a processes or hosts export.
    const bool hasConnectionColumns = m.has(FieldRole::Dst) || m.has(FieldRole::DstPort)
        || m.has(FieldRole::Src) || m.has(FieldRole::SrcPort);
    const bool processDetails
        = processColumns.path >= 0 || processColumns.name >= 0 || processColumns.arguments >= 0;
    if (m.has(FieldRole::Dst))
        result.kind = FileKind::Connections;
    else if (!hasConnectionColumns && processKey >= 0 && processDetails)
        result.kind = FileKind::Processes;
    else if (!hasConnectionColumns && processKey < 0 && !processDetails && hostColumns.key >= 0
             && hostColumns.hostname >= 0 && hostColumns.key != hostColumns.hostname)
        result.kind = FileKind::Hosts;
    else
        return refuse(missingDestinationError(result.header));

    const ConnectionColumns connectionColumns {
        .dst = m[FieldRole::Dst],
        .dstPort = m[FieldRole::DstPort],
        .src = m[FieldRole::Src],
        .srcPort = m[FieldRole::SrcPort],
        .protocol = m[FieldRole::Protocol],
        .time = m[FieldRole::Time],
        .process = processKey,
        .pid = m[FieldRole::Pid],
        .path = m[FieldRole::Path],
        .host = m[FieldRole::Host],
        .direction = m[FieldRole::Direction],
        .srcBytes = m[FieldRole::SrcBytes],
        .dstBytes = m[FieldRole::DstBytes],
        .totalBytes = m[FieldRole::TotalBytes],
        .weight = findAnyColumn(header, kWeight),
        .lastTime = findAnyColumn(header, kLastTime),
    };

    RowHandler rows(sink, header);
    ProgressTicker ticker(sink);
    const bool wantsCells = sink.wantsCells();
    if (sink.cancelled())
        return refuse(cancelledError());
    while (splitter.next(record)) {
        if (rows.accept(record)) {
            if (wantsCells)
                sink.cells(record.line, record.fields);
            switch (result.kind) {
            case FileKind::Connections:
                rows.connection(record, connectionColumns);
                break;
            case FileKind::Processes:
                rows.process(record, processColumns);
                break;
            case FileKind::Hosts:
                rows.host(record, hostColumns);
                break;
            }
        }
        if (!ticker.tick(splitter.bytesConsumed()))
            return refuse(cancelledError());
    }
    sink.progress(splitter.bytesConsumed());
    if (splitter.readError())
        return refuse(deviceReadError(in, splitter.bytesConsumed()));
    return result;
}

} // namespace ea
