#include "import/knownlistfile.h"

#include "address/addresstext.h"
#include "core/csvrecordsplitter.h"
#include "core/inputfile.h"
#include "core/text.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <array>
#include <cstdint>
#include <unordered_map>

namespace ea {

namespace {

constexpr std::array<std::string_view, 6> kFormatIds
    = {"auto", "text", "csv", "aws", "azure", "google"};

// Labels are shown in one table cell: at most this many bytes, on one line.
constexpr std::size_t kMaxLabel = 200;

QString fromUtf8(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

// A cell's text as a label: control characters become spaces, runs of blanks
// one, and it is cut (at a UTF-8 boundary) to kMaxLabel bytes.
std::string cleanLabel(std::string_view text)
{
    std::string out;
    out.reserve(std::min(text.size(), kMaxLabel));
    for (const char c : trimmedBlanks(text)) {
        const bool blank = std::uint8_t(c) < 0x20 || c == 0x7f || c == ' ';
        if (blank) {
            if (!out.empty() && out.back() != ' ')
                out += ' ';
            continue;
        }
        out += c;
    }
    if (out.size() > kMaxLabel) {
        std::size_t cut = kMaxLabel;
        while (cut > 0 && (std::uint8_t(out[cut]) & 0xc0) == 0x80)
            --cut;
        out.resize(cut);
    }
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
    return out;
}

struct Candidate
{
    Cidr cidr;
    std::string label;
    std::size_t group = 0; // blocks named by the same label (JSON), 0 for text and CSV
    bool broad = false; // a provider's superset group (AWS AMAZON, Azure AzureCloud)
};

class Builder
{
public:
    explicit Builder(KnownListFile &out)
        : m_out(out)
    { }

    void problem(std::int64_t line, const QString &reason)
    {
        ++m_out.rejected;
        if (m_out.problems.size() < KnownListFile::kMaxProblems)
            m_out.problems.push_back({line, reason});
    }

    // Parses one block; a problem when it is none.
    void add(std::int64_t line, std::string_view text, std::string_view label,
             const QString &where = {}, bool broad = false)
    {
        const std::string_view trimmed = trimmedBlanks(text);
        if (m_candidates.size() >= KnownListFile::kMaxEntries) {
            ++m_tooMany;
            return;
        }
        const auto at = [&where](const QString &reason) {
            return where.isEmpty() ? reason : KnownListFile::tr("%1: %2").arg(where, reason);
        };
        if (trimmed.empty()) {
            problem(line, at(KnownListFile::tr("no address or block")));
            return;
        }
        const CidrResult r = parseCidr(trimmed, CidrParsing::Strict, true);
        if (!r.ok()) {
            QString reason;
            if (r.error == CidrError::HostBitsSet) {
                const CidrResult cleared = parseCidr(trimmed, CidrParsing::ClearHostBits, true);
                const Cidr c = normalizedCidr(cleared.cidr);
                reason = KnownListFile::tr("%1 has host bits set (did you mean %2/%3?)")
                             .arg(fromUtf8(trimmed), QString::fromStdString(toString(c.network)))
                             .arg(c.prefixLength);
            } else if (r.error == CidrError::Address) {
                reason = KnownListFile::tr("%1 is not an address or block (%2)")
                             .arg(fromUtf8(trimmed).left(80),
                                  QString::fromLatin1(parseErrorText(r.addressError)));
            } else {
                reason = KnownListFile::tr("%1 is not a valid block (%2)")
                             .arg(fromUtf8(trimmed).left(80),
                                  QString::fromLatin1(cidrErrorText(r.error)));
            }
            problem(line, at(reason));
            return;
        }
        if (!isValidUtf8(label)) {
            problem(line, at(KnownListFile::tr("the label is not valid UTF-8")));
            return;
        }
        m_candidates.push_back({normalizedCidr(r.cidr), cleanLabel(label), 0, broad});
    }

    // The distinct blocks in file order, each with the label of its
    // smallest group (byGroup; a broad group loses to any other) or its first.
    void finish(bool byGroup)
    {
        std::unordered_map<std::string, std::size_t> groupSize;
        if (byGroup) {
            for (const Candidate &c : m_candidates)
                ++groupSize[c.label];
            for (Candidate &c : m_candidates)
                // A superset group loses to any other; among supersets the
                // smaller wins too (AzureCloud.japaneast over AzureCloud).
                c.group = (c.broad ? SIZE_MAX / 2 : 0) + groupSize[c.label];
        }
        std::unordered_map<std::string, std::size_t> seen; // block key -> index in entries
        seen.reserve(m_candidates.size());
        std::vector<std::size_t> groups;
        for (Candidate &c : m_candidates) {
            std::string key(reinterpret_cast<const char *>(c.cidr.network.bytes.data()), 16);
            key += char(c.cidr.bits());
            const auto [it, added] = seen.try_emplace(std::move(key), m_out.entries.size());
            if (added) {
                m_out.entries.push_back({c.cidr, std::move(c.label)});
                groups.push_back(c.group);
                continue;
            }
            ++m_out.duplicates;
            if (c.group < groups[it->second]) {
                m_out.entries[it->second].label = std::move(c.label);
                groups[it->second] = c.group;
            }
        }
        m_candidates = {};
    }

    // Blocks left out past KnownListFile::kMaxEntries.
    [[nodiscard]] std::int64_t tooMany() const noexcept { return m_tooMany; }

private:
    KnownListFile &m_out;
    std::vector<Candidate> m_candidates;
    std::int64_t m_tooMany = 0;
};

// Strips a '#' comment and returns the rest.
std::string_view withoutComment(std::string_view line)
{
    const std::size_t hash = line.find('#');
    return hash == std::string_view::npos ? line : line.substr(0, hash);
}

void parseText(std::string_view bytes, Builder &builder)
{
    std::int64_t number = 0;
    while (!bytes.empty()) {
        const std::size_t end = bytes.find('\n');
        std::string_view line = bytes.substr(0, end);
        bytes = end == std::string_view::npos ? std::string_view() : bytes.substr(end + 1);
        ++number;
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        line = trimmedBlanks(withoutComment(line));
        if (!line.empty())
            builder.add(number, line, {});
    }
}

std::string_view firstDataLine(std::string_view bytes)
{
    while (!bytes.empty()) {
        const std::size_t end = bytes.find('\n');
        const std::string_view line = trimmedBlanks(withoutComment(bytes.substr(0, end)));
        if (!line.empty())
            return line;
        if (end == std::string_view::npos)
            break;
        bytes.remove_prefix(end + 1);
    }
    return {};
}

// The most frequent of ',', '\t' and ';' in line (ties in that order), ','
// when none.
char delimiterOf(std::string_view line)
{
    char best = ',';
    std::ptrdiff_t most = 0;
    for (const char c : {',', '\t', ';'}) {
        const std::ptrdiff_t n = std::count(line.begin(), line.end(), c);
        if (n > most) {
            best = c;
            most = n;
        }
    }
    return best;
}

bool isOneOf(std::string_view name, std::initializer_list<std::string_view> names)
{
    const std::string lower = lowerAscii(trimmedBlanks(name));
    return std::find(names.begin(), names.end(), lower) != names.end();
}

bool parseCsv(std::string_view bytes, Builder &builder, KnownListFile &out, const QString &name)
{
    QByteArray data = QByteArray::fromRawData(bytes.data(), qsizetype(bytes.size()));
    QBuffer buffer(&data);
    buffer.open(QIODevice::ReadOnly);
    CsvRecordSplitter splitter(buffer);
    // The delimiter from the first line that is no comment (the splitter's
    // own sniffing reads the very first line).
    splitter.setDelimiter(delimiterOf(firstDataLine(bytes)));
    CsvRecordSplitter::Record record;
    int blockColumn = -1;
    int labelColumn = -1;
    bool first = true;
    while (splitter.next(record)) {
        if (!record.error.empty()) {
            builder.problem(record.line,
                            KnownListFile::tr("unreadable CSV record (%1)")
                                .arg(QString::fromLatin1(record.error)));
            continue;
        }
        const auto fields = record.fields;
        if (fields.empty() || (fields.size() == 1 && trimmedBlanks(fields[0]).empty()))
            continue; // a blank line
        if (trimmedBlanks(fields[0]).starts_with('#'))
            continue; // a comment line
        if (first) {
            first = false;
            for (std::size_t k = 0; k < fields.size(); ++k) {
                if (blockColumn < 0
                    && isOneOf(fields[k],
                               {"cidr", "network", "prefix", "ip_prefix", "ipv6_prefix", "subnet",
                                "range", "block", "address", "ip", "addr", "ip_address",
                                "ipaddress"}))
                    blockColumn = int(k);
                else if (labelColumn < 0
                         && isOneOf(
                             fields[k],
                             {"label", "name", "description", "comment", "tag", "service", "note"}))
                    labelColumn = int(k);
            }
            if (blockColumn >= 0)
                continue; // that was the header
            const std::string_view cell = trimmedBlanks(fields[0]);
            if (!parseCidr(cell, CidrParsing::ClearHostBits, true).ok()) {
                out.error = Error(KnownListFile::tr("%1: line %2: the header names no address "
                                                    "or block column (cidr, network, prefix, "
                                                    "address, ip, …)")
                                      .arg(name)
                                      .arg(record.line),
                                  Error::Code::Invalid);
                return false;
            }
            blockColumn = 0;
            labelColumn = fields.size() > 1 ? 1 : -1;
        }
        if (std::size_t(blockColumn) >= fields.size()) {
            builder.problem(record.line, KnownListFile::tr("no address or block"));
            continue;
        }
        const std::string_view label = labelColumn >= 0 && std::size_t(labelColumn) < fields.size()
            ? fields[std::size_t(labelColumn)]
            : std::string_view();
        builder.add(record.line, fields[std::size_t(blockColumn)], label);
    }
    if (splitter.readError()) {
        out.error = Error(KnownListFile::tr("%1: cannot read").arg(name), Error::Code::Io);
        return false;
    }
    return true;
}

std::string text(const QJsonValue &value)
{
    if (value.isDouble())
        return QString::number(value.toDouble(), 'f', 0).toStdString();
    return value.toString().toStdString();
}

// One array of objects, each with a block under blockKey and a label;
// isBroad(entry) marks a provider's superset group.
template<typename LabelOf, typename IsBroad>
void parseJsonArray(const QJsonObject &root, const QString &arrayKey, const QString &blockKey,
                    Builder &builder, LabelOf labelOf, IsBroad isBroad)
{
    const QJsonArray array = root.value(arrayKey).toArray();
    for (qsizetype k = 0; k < array.size(); ++k) {
        const QJsonObject entry = array.at(k).toObject();
        const QString where = QStringLiteral("%1[%2].%3").arg(arrayKey).arg(k).arg(blockKey);
        const QJsonValue block = entry.value(blockKey);
        if (!block.isString()) {
            builder.problem(0,
                            KnownListFile::tr("%1: %2").arg(where, KnownListFile::tr("no block")));
            continue;
        }
        builder.add(0, block.toString().toStdString(), labelOf(entry), where, isBroad(entry));
    }
}

void parseAws(const QJsonObject &root, Builder &builder, KnownListFile &out)
{
    // createDate ("2024-11-19-12-34-56") reads better than the syncToken.
    out.version = text(root.value(QStringLiteral("createDate")));
    if (out.version.empty())
        out.version = text(root.value(QStringLiteral("syncToken")));
    const auto label = [](const QJsonObject &entry) {
        return "AWS " + text(entry.value(QStringLiteral("service"))) + ' '
            + text(entry.value(QStringLiteral("region")));
    };
    // AMAZON lists every block of every service again: the superset.
    const auto broad = [](const QJsonObject &entry) {
        return entry.value(QStringLiteral("service")).toString() == QLatin1String("AMAZON");
    };
    parseJsonArray(root, QStringLiteral("prefixes"), QStringLiteral("ip_prefix"), builder, label,
                   broad);
    parseJsonArray(root, QStringLiteral("ipv6_prefixes"), QStringLiteral("ipv6_prefix"), builder,
                   label, broad);
}

void parseGoogle(const QJsonObject &root, Builder &builder, KnownListFile &out)
{
    out.version = text(root.value(QStringLiteral("creationTime")));
    if (out.version.empty())
        out.version = text(root.value(QStringLiteral("syncToken")));
    const QJsonArray array = root.value(QStringLiteral("prefixes")).toArray();
    for (qsizetype k = 0; k < array.size(); ++k) {
        const QJsonObject entry = array.at(k).toObject();
        std::string service = text(entry.value(QStringLiteral("service")));
        if (!service.starts_with("Google"))
            service = "Google " + service; // "Google Cloud" as it is
        const std::string label = service + ' ' + text(entry.value(QStringLiteral("scope")));
        bool any = false;
        for (const QString &key : {QStringLiteral("ipv4Prefix"), QStringLiteral("ipv6Prefix")}) {
            const QJsonValue block = entry.value(key);
            if (block.isUndefined())
                continue;
            any = true;
            const QString where = QStringLiteral("prefixes[%1].%2").arg(k).arg(key);
            if (!block.isString())
                builder.problem(
                    0, KnownListFile::tr("%1: %2").arg(where, KnownListFile::tr("no block")));
            else
                builder.add(0, block.toString().toStdString(), label, where);
        }
        if (!any)
            builder.problem(0,
                            KnownListFile::tr("%1: %2").arg(QStringLiteral("prefixes[%1]").arg(k),
                                                            KnownListFile::tr("no block")));
    }
}

void parseAzure(const QJsonObject &root, Builder &builder, KnownListFile &out)
{
    out.version = text(root.value(QStringLiteral("changeNumber")));
    const std::string cloud = text(root.value(QStringLiteral("cloud")));
    if (!cloud.empty())
        out.version = out.version.empty() ? cloud : out.version + " (" + cloud + ')';
    const QJsonArray values = root.value(QStringLiteral("values")).toArray();
    for (qsizetype k = 0; k < values.size(); ++k) {
        const QJsonObject tag = values.at(k).toObject();
        const std::string label = text(tag.value(QStringLiteral("name")));
        // AzureCloud (and AzureCloud.<region>) lists every block of the cloud
        // (or region) again: the superset.
        const bool broad = label == "AzureCloud" || label.starts_with("AzureCloud.");
        const QJsonArray prefixes = tag.value(QStringLiteral("properties"))
                                        .toObject()
                                        .value(QStringLiteral("addressPrefixes"))
                                        .toArray();
        for (qsizetype p = 0; p < prefixes.size(); ++p) {
            const QString where
                = QStringLiteral("values[%1].properties.addressPrefixes[%2]").arg(k).arg(p);
            const QJsonValue block = prefixes.at(p);
            if (!block.isString())
                builder.problem(
                    0, KnownListFile::tr("%1: %2").arg(where, KnownListFile::tr("no block")));
            else
                builder.add(0, block.toString().toStdString(), label, where, broad);
        }
    }
}

KnownListFormat jsonFormat(const QJsonObject &root)
{
    if (root.value(QStringLiteral("values")).isArray())
        return KnownListFormat::Azure;
    const QJsonArray prefixes = root.value(QStringLiteral("prefixes")).toArray();
    if (root.contains(QStringLiteral("ipv6_prefixes"))
        || root.contains(QStringLiteral("createDate"))
        || (!prefixes.isEmpty() && prefixes.at(0).toObject().contains(QStringLiteral("ip_prefix"))))
        return KnownListFormat::Aws;
    if (root.contains(QStringLiteral("creationTime"))
        || (!prefixes.isEmpty()
            && (prefixes.at(0).toObject().contains(QStringLiteral("ipv4Prefix"))
                || prefixes.at(0).toObject().contains(QStringLiteral("ipv6Prefix")))))
        return KnownListFormat::Google;
    return KnownListFormat::Auto;
}

std::string_view withoutBom(std::string_view bytes)
{
    return bytes.starts_with("\xEF\xBB\xBF") ? bytes.substr(3) : bytes;
}

} // namespace

std::string_view knownListFormatId(KnownListFormat format) noexcept
{
    const auto index = std::size_t(format);
    return index < kFormatIds.size() ? kFormatIds[index] : std::string_view();
}

bool knownListFormatFromId(std::string_view id, KnownListFormat &format) noexcept
{
    for (std::size_t k = 0; k < kFormatIds.size(); ++k) {
        if (kFormatIds[k] == id) {
            format = KnownListFormat(k);
            return true;
        }
    }
    return false;
}

KnownListFile KnownListFile::parse(std::string_view bytes, KnownListFormat format,
                                   const QString &name)
{
    KnownListFile out;
    Builder builder(out);
    bytes = withoutBom(bytes);
    const std::size_t first = bytes.find_first_not_of(" \t\r\n");
    const bool looksJson
        = first != std::string_view::npos && (bytes[first] == '{' || bytes[first] == '[');
    if (format == KnownListFormat::Auto && !looksJson) {
        const std::string_view line = firstDataLine(bytes);
        format = line.find_first_of(",;\t") != std::string_view::npos ? KnownListFormat::Csv
                                                                      : KnownListFormat::Text;
    }
    const bool json = format == KnownListFormat::Auto || format == KnownListFormat::Aws
        || format == KnownListFormat::Azure || format == KnownListFormat::Google;
    if (json) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(
            QByteArray::fromRawData(bytes.data(), qsizetype(bytes.size())), &parseError);
        if (document.isNull() || !document.isObject()) {
            out.error = Error(document.isNull() ? tr("%1: not valid JSON at byte %2 (%3)")
                                                      .arg(name)
                                                      .arg(parseError.offset)
                                                      .arg(parseError.errorString())
                                                : tr("%1: the JSON is not an object").arg(name),
                              Error::Code::Invalid);
            return out;
        }
        const QJsonObject root = document.object();
        if (format == KnownListFormat::Auto)
            format = jsonFormat(root);
        switch (format) {
        case KnownListFormat::Aws:
            parseAws(root, builder, out);
            break;
        case KnownListFormat::Azure:
            parseAzure(root, builder, out);
            break;
        case KnownListFormat::Google:
            parseGoogle(root, builder, out);
            break;
        default:
            out.error = Error(tr("%1: JSON that is none of AWS ip-ranges.json, Azure Service "
                                 "Tags and Google cloud.json")
                                  .arg(name),
                              Error::Code::Invalid);
            return out;
        }
        if (out.version.size() > kMaxLabel || !isValidUtf8(out.version))
            out.version.clear();
        out.version = cleanLabel(out.version);
        builder.finish(true);
    } else if (format == KnownListFormat::Csv) {
        if (!parseCsv(bytes, builder, out, name))
            return out;
        builder.finish(false);
    } else {
        parseText(bytes, builder);
        builder.finish(false);
    }
    out.format = format;
    if (builder.tooMany() > 0) {
        out = {};
        out.error = Error(
            tr("%1: more than %2 blocks: not a list this app reads").arg(name).arg(kMaxEntries),
            Error::Code::Invalid);
        return out;
    }
    if (out.entries.empty() && out.rejected == 0)
        out.error
            = Error(tr("%1: no address or block in the file").arg(name), Error::Code::Invalid);
    return out;
}

KnownListFile KnownListFile::read(const QString &path, KnownListFormat format)
{
    const QString name = QFileInfo(path).fileName();
    KnownListFile out;
    if (const QString why = irregularFileReason(path); !why.isEmpty()) {
        out.error = Error(tr("%1: %2").arg(name, why), Error::Code::Io);
        return out;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        out.error = Error(tr("%1: cannot open: %2").arg(name, file.errorString()), Error::Code::Io);
        return out;
    }
    if (file.size() > kMaxFileSize) {
        out.error = Error(tr("%1: larger than %2 MiB: not a list this app reads")
                              .arg(name)
                              .arg(kMaxFileSize / (1024 * 1024)),
                          Error::Code::Invalid);
        return out;
    }
    const QByteArray bytes = file.read(kMaxFileSize + 1);
    if (file.error() != QFileDevice::NoError) {
        out.error = Error(tr("%1: cannot read: %2").arg(name, file.errorString()), Error::Code::Io);
        return out;
    }
    return parse({bytes.constData(), std::size_t(bytes.size())}, format, name);
}

} // namespace ea
