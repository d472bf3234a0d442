#pragma once

// Helpers shared by the fuzz targets: a sink that copies every byte it is
// handed into a transcript (so ASan reports a view into freed or foreign
// memory at once), and a sequential device that hands its bytes out in small
// pieces, as a pipe does, so that the readers' refill paths are fuzzed and
// checked to deliver the same as from whole reads.

#include "import/event.h"
#include "import/reader.h"

#include <QByteArray>
#include <QIODevice>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <string>
#include <string_view>

namespace ea::fuzz {

// Written so that touch() cannot be optimised away.
inline volatile unsigned char touched = 0;

inline void touch(std::string_view text) noexcept
{
    unsigned char x = 0;
    for (const char c : text)
        x = static_cast<unsigned char>(x ^ static_cast<unsigned char>(c));
    touched = x;
}

// A failed check of a fuzz target: a crash libFuzzer reports as a finding.
[[noreturn]] inline void fail(const char *what, const char *file, int line) noexcept
{
    std::fprintf(stderr, "%s:%d: fuzz check failed: %s\n", file, line, what);
    std::abort();
}

// NOLINTNEXTLINE(cppcoreguidelines-macro-usage): needs the text and the line
#define FUZZ_CHECK(condition)                                                                      \
    ((condition) ? void(0) : ::ea::fuzz::fail(#condition, __FILE__, __LINE__))

// Records everything a reader delivers, as text: reading every byte lets
// ASan see a view into freed or foreign memory, and two transcripts of one
// input read in different ways can be compared.
class TouchingSink final : public RecordSink
{
public:
    explicit TouchingSink(bool wantsCells) noexcept
        : m_wantsCells(wantsCells)
    { }

    void event(const Event &e) override
    {
        FUZZ_CHECK(e.line >= 1);
        entry('E', e.line,
              {e.peer, e.local, e.protocol, e.processKey, e.pid, e.processPath, e.host, e.raw});
        transcript += std::to_string(e.timeNs) + (e.hasTime ? "t" : "")
            + (e.timeUnreadable ? "u" : "") + char('0' + int(e.direction))
            + std::to_string(e.peerPort) + ':' + std::to_string(e.localPort) + '\n';
        ++events;
    }
    void process(const ProcessRecord &p) override
    {
        FUZZ_CHECK(p.line >= 1);
        entry('P', p.line,
              {p.key, p.host, p.pid, p.path, p.name, p.arguments, p.user, p.container});
    }
    void host(const HostRecord &h) override
    {
        FUZZ_CHECK(h.line >= 1);
        entry('H', h.line, {h.key, h.hostname});
    }
    void rejected(std::int64_t line, std::string_view reason, std::string_view raw) override
    {
        FUZZ_CHECK(line >= 1);
        FUZZ_CHECK(!reason.empty());
        entry('R', line, {reason, raw});
    }
    void skipped(std::int64_t line, std::string_view reason) override
    {
        FUZZ_CHECK(line >= 1);
        entry('S', line, {reason});
    }
    [[nodiscard]] bool wantsCells() const override { return m_wantsCells; }
    void cells(std::int64_t line, std::span<const std::string_view> fields) override
    {
        FUZZ_CHECK(line >= 1);
        transcript += 'C' + std::to_string(line);
        for (const std::string_view field : fields) {
            transcript += '\x1f';
            transcript += field;
        }
        transcript += '\n';
    }

    std::string transcript;
    std::int64_t events = 0;

private:
    void entry(char kind, std::int64_t line, std::initializer_list<std::string_view> fields)
    {
        transcript += kind + std::to_string(line);
        for (const std::string_view field : fields) {
            transcript += '\x1f';
            transcript += field;
        }
        transcript += '\n';
    }

    bool m_wantsCells;
};

// Two transcripts of one input must be equal; on a mismatch, says where.
inline void checkSame(const std::string &a, const std::string &b, const char *what)
{
    if (a == b)
        return;
    std::size_t at = 0;
    while (at < a.size() && at < b.size() && a[at] == b[at])
        ++at;
    const std::size_t from = at > 80 ? at - 80 : 0;
    std::fprintf(stderr, "%s differ at byte %zu:\n--- one:\n%s\n--- other:\n%s\n", what, at,
                 a.substr(from, 240).c_str(), b.substr(from, 240).c_str());
    FUZZ_CHECK(a == b);
}

// A read-only sequential device over bytes that returns at most `piece`
// bytes per read (all of them when piece is 0).
class PieceDevice final : public QIODevice
{
public:
    PieceDevice(std::string_view data, std::size_t piece)
        : m_data(data)
        , m_piece(piece)
    { }

    [[nodiscard]] bool isSequential() const override { return true; }

protected:
    qint64 readData(char *out, qint64 maxSize) override
    {
        std::size_t n = std::min(std::size_t(maxSize), m_data.size() - m_pos);
        if (m_piece > 0)
            n = std::min(n, m_piece);
        std::copy_n(m_data.data() + m_pos, n, out);
        m_pos += n;
        return qint64(n);
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    std::string_view m_data;
    std::size_t m_piece;
    std::size_t m_pos = 0;
};

// The piece size for an input: whole reads for most inputs, small pieces for
// some, chosen by the input's size so that no input byte is spent on it and
// the seed files keep their meaning.
inline std::size_t pieceFor(std::size_t size) noexcept
{
    switch (size % 4) {
    case 1:
        return 1;
    case 2:
        return 1 + size % 61;
    default:
        return 0;
    }
}

inline std::string describe(const ReadResult &result)
{
    // A refused file says why.
    FUZZ_CHECK(result.ok() || !result.error.message().isEmpty());
    std::string text = std::string(result.ok() ? "ok " : "refused ")
        + result.error.message().toStdString() + '\n' + result.format + '\n'
        + std::to_string(int(result.kind)) + '\n';
    for (const auto *list : {&result.header, &result.keys}) {
        for (const std::string &s : *list)
            text += s + '\x1f';
        text += '\n';
    }
    for (const QString &note : result.notes)
        text += note.toStdString() + '\x1f';
    text += '\n';
    for (const int column : result.mapping.column)
        text += std::to_string(column) + ' ';
    return text;
}

// Runs one reader over the input, read whole and, for some inputs, in small
// pieces (pieceFor()): the two must deliver exactly the same.
template<typename ReaderType> void readAll(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    const bool cells = size % 3 == 0;
    auto run = [&](std::size_t piece) {
        PieceDevice device(text, piece);
        FUZZ_CHECK(device.open(QIODevice::ReadOnly | QIODevice::Unbuffered));
        TouchingSink sink(cells);
        ReaderType reader;
        const ReadResult result = reader.read(device, sink, ReadOptions {});
        return sink.transcript + describe(result);
    };
    const std::string whole = run(0);
    if (const std::size_t piece = pieceFor(size); piece > 0)
        checkSame(whole, run(piece), "whole and piecewise reads");
}

} // namespace ea::fuzz
