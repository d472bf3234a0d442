#pragma once

// Helpers shared by the text readers (CSV/TSV, Zeek TSV, W3C): field
// parsing and checks that run per row, reject reasons, the fatal-error texts
// every reader words the same way, and progress/cancel polling.

#include "core/error.h"
#include "core/text.h"
#include "import/event.h"
#include "import/fieldmapping.h"

#include <QString>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

class QIODevice;

namespace ea {

// Reject reasons that carry a number or a name, built in caller-owned storage
// so only failing rows pay: "expected 8 fields, found 5",
// "invalid UTF-8 in column path". Reasons are data stored in the case, in
// English like the raw text beside them.
std::string_view fieldCountReason(std::string &storage, std::size_t expected, std::size_t found);
std::string_view invalidUtf8Reason(std::string &storage, std::string_view column);

// The line as the reader should see it: line 1 without a UTF-8 byte order mark.
[[nodiscard]] std::string_view withoutBom(std::int64_t lineNumber, std::string_view text) noexcept;

// The checks a split record of a line format with a header (Zeek #fields,
// W3C #Fields:) must pass before it becomes an event: as many fields as the
// header names, and, for a record that is not all ASCII, valid UTF-8 in every
// mapped text column. Hands the cells to a sink that wants them. A failing
// record is reported to the sink with its line and reason; returns false then.
[[nodiscard]] bool checkSplitRecord(RecordSink &sink, std::int64_t line, std::string_view text,
                                    bool ascii, std::span<const std::string_view> fields,
                                    std::span<const std::string> header,
                                    const FieldMapping &mapping, bool wantsCells,
                                    std::string &reason);

// A reader's user-visible text is translated in the one context all readers
// share, QCoreApplication::translate("ea::Reader", "…"), so one wording is
// translated once. Written out at each call: lupdate sees only literal
// contexts and texts, never those passed through a helper.

// The fatal errors every reader reports the same way, translated: no
// destination column (lists the header, hints at --map) and --map naming
// columns the file does not have (Invalid), a cancel (Cancelled), and a read
// error of the device (Io).
[[nodiscard]] Error missingDestinationError(std::span<const std::string> header);
[[nodiscard]] Error unknownColumnsError(std::span<const std::string> unknown,
                                        std::span<const std::string> header);
[[nodiscard]] Error cancelledError();
[[nodiscard]] Error deviceReadError(const QIODevice &device, std::int64_t offset);
// The file refused as a whole (Invalid), in a reader's own translated words.
[[nodiscard]] Error refusal(QString message);

// The event's bytes out and in from a record's byte fields: those the
// record's source sent, those its destination sent, and the two together
// (the destination's share when its own field is missing). `swapped`: the
// record's source is the peer (an inbound record), so its bytes came in.
// Fields that are empty, not a non-negative decimal integer, or
// inconsistent (a total below the source's share) leave -1.
void setEventBytes(Event &event, std::string_view srcBytes, std::string_view dstBytes,
                   std::string_view totalBytes, bool swapped) noexcept;

// Calls sink.progress() and polls sink.cancelled() about once per MiB.
class ProgressTicker
{
public:
    static constexpr std::int64_t kStep = std::int64_t(1) << 20;

    explicit ProgressTicker(RecordSink &sink) noexcept
        : m_sink(sink)
    { }
    // False when the sink asks to stop.
    [[nodiscard]] bool tick(std::int64_t bytes)
    {
        if (bytes < m_next)
            return true;
        m_next = bytes + kStep;
        m_sink.progress(bytes);
        return !m_sink.cancelled();
    }

private:
    RecordSink &m_sink;
    std::int64_t m_next = kStep;
};

} // namespace ea
