#include "import/ndjsonreader.h"

#include "import/linereader.h"
#include "import/ndjsonlinedecoder.h"
#include "import/readersupport.h"

#include <QCoreApplication>
#include <QIODevice>

#include <algorithm>

namespace ea {

namespace {

constexpr std::int64_t kProgressStep = std::int64_t(1) << 20;

bool isBlank(std::string_view text) noexcept
{
    return text.find_first_not_of(" \t\r") == std::string_view::npos;
}

// Header: every key that supplied a field, in order of first use; for each
// role, the key that supplied it most often (the first used on a tie).
void describeMapping(const NdjsonLineDecoder &decoder, ReadResult &result)
{
    const NdjsonStats &stats = decoder.stats();
    std::vector<std::size_t> used;
    for (std::size_t id = 0; id < stats.firstUse.size(); ++id) {
        if (stats.firstUse[id] >= 0)
            used.push_back(id);
    }
    std::sort(used.begin(), used.end(),
              [&](std::size_t a, std::size_t b) { return stats.firstUse[a] < stats.firstUse[b]; });
    for (std::size_t role = 0; role < kFieldRoleCount; ++role) {
        std::int64_t best = 0;
        for (std::size_t column = 0; column < used.size(); ++column) {
            const std::int64_t count = stats.roleUse[used[column]][role];
            if (count > best) {
                best = count;
                result.mapping.column[role] = int(column);
            }
        }
    }
    for (std::size_t id : used)
        result.header.push_back(decoder.keyName(id));
}

// One dialect: its id; several: "ndjson-mixed"; none delivered anything:
// the dialect most lines were of, if any.
std::string formatId(const NdjsonStats &stats)
{
    std::size_t dialects = 0;
    std::size_t dominant = kNdjsonDialectCount;
    for (std::size_t d = 0; d < kNdjsonDialectCount; ++d) {
        if (stats.records[d] > 0) {
            ++dialects;
            dominant = d;
        }
    }
    if (dialects > 1)
        return "ndjson-mixed";
    if (dialects == 0) {
        std::int64_t most = 0;
        for (std::size_t d = 0; d < kNdjsonDialectCount; ++d) {
            if (stats.recognized[d] > most) {
                most = stats.recognized[d];
                dominant = d;
            }
        }
    }
    return std::string(dominant < kNdjsonDialectCount ? ndjsonDialectId(NdjsonDialect(dominant))
                                                      : std::string_view("ndjson"));
}

// A file is refused when a --map key is on no line, when no line is JSON, or
// when no line is of a known kind (then the header lists the first object's
// keys, for --map dst=KEY).
void checkRefusal(const NdjsonStats &stats, const ReadOptions &options, ReadResult &result)
{
    for (std::size_t i = 0; i < stats.overrideSeen.size(); ++i) {
        if (!stats.overrideSeen[i]) {
            const MappingOverride &o = options.overrides[i];
            result.error = refusal(
                QCoreApplication::translate("ea::Reader", "--map %1=%2: no record has the key %2")
                    .arg(toQString(fieldRoleId(o.role)), toQString(o.column)));
            return;
        }
    }
    const bool recognized = std::any_of(stats.recognized.begin(), stats.recognized.end(),
                                        [](std::int64_t count) { return count > 0; });
    if (stats.objects == 0 && stats.invalidLines > 0) {
        result.error = refusal(
            QCoreApplication::translate("ea::Reader", "not NDJSON: no line is a JSON object"));
    } else if (stats.objects > 0 && !recognized) {
        result.header = stats.firstKeys;
        result.error = refusal(QCoreApplication::translate(
            "ea::Reader",
            "no connection events: no line is a Zeek conn, Suricata EVE, Sysmon or "
            "WFP, osquery or ECS record; name the destination key with --map dst=KEY "
            "(the header lists the first record's keys)"));
    }
}

} // namespace

ReadResult NdjsonReader::read(QIODevice &in, RecordSink &sink, const ReadOptions &options)
{
    ReadResult result;
    NdjsonLineDecoder decoder(sink, options.overrides);
    LineReader reader(in);
    LineReader::Line line;
    std::int64_t nextProgress = kProgressStep;
    bool cancelled = sink.cancelled();
    while (!cancelled && reader.next(line)) {
        std::string_view text = line.text;
        if (line.tooLong) {
            sink.rejected(line.number, "line longer than 1 MiB", text);
        } else {
            text = withoutBom(line.number, text);
            if (!isBlank(text))
                decoder.decode(line.number, text);
        }
        if (reader.bytesConsumed() >= nextProgress) {
            nextProgress = reader.bytesConsumed() + kProgressStep;
            sink.progress(reader.bytesConsumed());
            cancelled = sink.cancelled();
        }
    }
    sink.progress(reader.bytesConsumed());

    const NdjsonStats &stats = decoder.stats();
    describeMapping(decoder, result);
    result.keys = stats.firstKeys;
    result.format = formatId(stats);
    result.kind
        = stats.events == 0 && stats.processes > 0 ? FileKind::Processes : FileKind::Connections;
    result.notes = ndjsonNotes(stats);
    if (cancelled) {
        result.error
            = Error(QCoreApplication::translate("ea::Reader", "cancelled"), Error::Code::Cancelled);
    } else if (reader.readError()) {
        result.error = Error(
            QCoreApplication::translate("ea::Reader", "read error: %1").arg(in.errorString()),
            Error::Code::Io);
    } else {
        checkRefusal(stats, options, result);
    }
    return result;
}

} // namespace ea
