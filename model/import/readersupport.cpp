#include "import/readersupport.h"

#include <QCoreApplication>
#include <QIODevice>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <charconv>
#include <cstring>

namespace ea {

namespace {

// A header name as it may appear in a message: bounded, control bytes shown
// as '?', so binary garbage in a header cannot wreck a terminal.
QString printableName(std::string_view name)
{
    constexpr std::size_t kMaxName = 64;
    std::string clean(name.substr(0, kMaxName));
    for (char &c : clean) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            c = '?';
    }
    QString text = QString::fromUtf8(clean.data(), qsizetype(clean.size()));
    if (name.size() > kMaxName)
        text += QChar(0x2026);
    return text;
}

QString columnList(std::span<const std::string> header)
{
    constexpr std::size_t kMaxColumns = 40;
    QStringList names;
    for (std::size_t i = 0; i < header.size() && i < kMaxColumns; ++i)
        names.append(printableName(header[i]));
    if (header.size() > kMaxColumns)
        names.append(QString(QChar(0x2026)));
    return names.join(QStringLiteral(", "));
}

} // namespace

std::string_view fieldCountReason(std::string &storage, std::size_t expected, std::size_t found)
{
    auto append = [&storage](std::size_t value) {
        char digits[24];
        const char *end = std::to_chars(std::begin(digits), std::end(digits), value).ptr;
        storage.append(digits, std::size_t(end - digits));
    };
    storage.assign("expected ");
    append(expected);
    storage.append(expected == 1 ? " field, found " : " fields, found ");
    append(found);
    return storage;
}

std::string_view invalidUtf8Reason(std::string &storage, std::string_view column)
{
    storage.assign("invalid UTF-8 in column ");
    storage.append(column.substr(0, 64));
    return storage;
}

std::string_view withoutBom(std::int64_t lineNumber, std::string_view text) noexcept
{
    constexpr std::string_view kBom = "\xef\xbb\xbf";
    if (lineNumber == 1 && text.starts_with(kBom))
        text.remove_prefix(kBom.size());
    return text;
}

bool checkSplitRecord(RecordSink &sink, std::int64_t line, std::string_view text, bool ascii,
                      std::span<const std::string_view> fields, std::span<const std::string> header,
                      const FieldMapping &mapping, bool wantsCells, std::string &reason)
{
    if (fields.size() != header.size()) {
        sink.rejected(line, fieldCountReason(reason, header.size(), fields.size()), text);
        return false;
    }
    if (wantsCells)
        sink.cells(line, fields);
    if (ascii)
        return true;
    for (FieldRole role : {FieldRole::Dst, FieldRole::Src, FieldRole::Protocol, FieldRole::Process,
                           FieldRole::Pid, FieldRole::Path, FieldRole::Host}) {
        const int column = mapping[role];
        if (column >= 0 && !isValidUtf8(fields[std::size_t(column)])) {
            sink.rejected(line, invalidUtf8Reason(reason, header[std::size_t(column)]), text);
            return false;
        }
    }
    return true;
}

namespace {

std::int64_t parseByteCount(std::string_view text) noexcept
{
    text = trimmedBlanks(text);
    std::int64_t value = -1;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < 0)
        return -1;
    return value;
}

} // namespace

void setEventBytes(Event &event, std::string_view srcBytes, std::string_view dstBytes,
                   std::string_view totalBytes, bool swapped) noexcept
{
    const std::int64_t fromSrc = parseByteCount(srcBytes);
    std::int64_t fromDst = parseByteCount(dstBytes);
    if (fromDst < 0 && fromSrc >= 0) {
        const std::int64_t total = parseByteCount(totalBytes);
        if (total >= fromSrc)
            fromDst = total - fromSrc;
    }
    event.bytesOut = swapped ? fromDst : fromSrc;
    event.bytesIn = swapped ? fromSrc : fromDst;
}

Error missingDestinationError(std::span<const std::string> header)
{
    return refusal(QCoreApplication::translate(
                       "ea::Reader",
                       "No destination address column found. The file has %n column(s): %1. "
                       "Name the right one with --map dst=COLUMN (likewise port=, process=, host=, "
                       "time=, src=).",
                       nullptr, int(header.size()))
                       .arg(columnList(header)));
}

Error unknownColumnsError(std::span<const std::string> unknown, std::span<const std::string> header)
{
    return refusal(
        QCoreApplication::translate(
            "ea::Reader", "--map names column(s) the file does not have: %1. The file has: %2.")
            .arg(columnList(unknown), columnList(header)));
}

Error cancelledError()
{
    return Error(QCoreApplication::translate("ea::Reader", "Import cancelled."),
                 Error::Code::Cancelled);
}

Error deviceReadError(const QIODevice &device, std::int64_t offset)
{
    return Error(QCoreApplication::translate("ea::Reader", "Read error after %1 bytes: %2")
                     .arg(offset)
                     .arg(device.errorString()),
                 Error::Code::Io);
}

Error refusal(QString message)
{
    return Error(std::move(message), Error::Code::Invalid);
}

} // namespace ea
