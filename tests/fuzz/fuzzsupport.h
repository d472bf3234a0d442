#pragma once

// Helpers shared by the fuzz targets: a sink that reads every byte it is
// handed (so ASan reports a view into freed or foreign memory at once) and a
// sequential device that hands its bytes out in small pieces, as a pipe or
// the gzip device do, so the readers' refill paths are fuzzed too.

#include "import/event.h"
#include "import/reader.h"

#include <QByteArray>
#include <QIODevice>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
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

class TouchingSink final : public RecordSink
{
public:
    explicit TouchingSink(bool wantsCells) noexcept
        : m_wantsCells(wantsCells)
    { }

    void event(const Event &e) override
    {
        for (const std::string_view text :
             {e.peer, e.local, e.protocol, e.processKey, e.pid, e.processPath, e.host, e.raw})
            touch(text);
        FUZZ_CHECK(e.line >= 1);
        ++events;
    }
    void process(const ProcessRecord &p) override
    {
        for (const std::string_view text :
             {p.key, p.host, p.pid, p.path, p.name, p.arguments, p.user, p.container})
            touch(text);
        FUZZ_CHECK(p.line >= 1);
    }
    void host(const HostRecord &h) override
    {
        touch(h.key);
        touch(h.hostname);
        FUZZ_CHECK(h.line >= 1);
    }
    void rejected(std::int64_t line, std::string_view reason, std::string_view raw) override
    {
        FUZZ_CHECK(line >= 1);
        FUZZ_CHECK(!reason.empty());
        touch(reason);
        touch(raw);
    }
    void skipped(std::int64_t line, std::string_view reason) override
    {
        FUZZ_CHECK(line >= 1);
        touch(reason);
    }
    [[nodiscard]] bool wantsCells() const override { return m_wantsCells; }
    void cells(std::int64_t line, std::span<const std::string_view> fields) override
    {
        FUZZ_CHECK(line >= 1);
        for (const std::string_view field : fields)
            touch(field);
    }

    std::int64_t events = 0;

private:
    bool m_wantsCells;
};

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

inline void touch(const ReadResult &result)
{
    touch(result.error);
    touch(result.format);
    for (const std::string &s : result.header)
        touch(s);
    for (const std::string &s : result.keys)
        touch(s);
    for (const std::string &s : result.notes)
        touch(s);
    // A refused file says why.
    FUZZ_CHECK(result.ok || !result.error.empty());
}

// Runs one reader over the input, through a PieceDevice.
template<typename ReaderType> void readAll(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    PieceDevice device(text, pieceFor(size));
    FUZZ_CHECK(device.open(QIODevice::ReadOnly | QIODevice::Unbuffered));
    TouchingSink sink(size % 3 == 0);
    ReaderType reader;
    touch(reader.read(device, sink, ReadOptions {}));
}

} // namespace ea::fuzz
