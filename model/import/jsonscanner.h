#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace ea {

enum class JsonType : std::uint8_t { String, Number, True, False, Null, Array };

// A scalar (or a skipped array) as written in the text.
struct JsonValue
{
    // String: the text between the quotes, escapes still in it (see
    // JsonScanner::text()). Number: its text ("-1.5e3"). true/false/null: the
    // literal. Array (when arrays are skipped): the whole "[...]".
    std::string_view raw;
    JsonType type = JsonType::Null;
    bool escaped = false; // a string holding backslash escapes
};

// One leaf of the object: a scalar, or an array when arrays are skipped.
struct JsonLeaf
{
    // Keys from the top-level object down, joined with '.', keys unescaped:
    // {"id":{"resp_h":"x"}} gives "id.resp_h", and an array element in index
    // mode gives "tags.0". Valid only until the next call to next().
    std::string_view path;
    JsonValue value;
    int depth = 0; // 1 for members of the top-level object
};

// A small pull scanner for one NDJSON line: walks a JSON object and hands out
// its leaves in document order. It validates the whole text (RFC 8259 syntax,
// strict UTF-8 inside strings, \u escapes with paired surrogates) but builds
// no tree, never recurses and never allocates once its buffers have grown to
// the longest line seen: keys are joined into one reused path buffer, and a
// string value is unescaped into a reused scratch buffer only when the
// caller asks for it and it contains escapes.
//
// Usage:
//     scanner.reset(line);
//     JsonLeaf leaf;
//     while (scanner.next(leaf)) { ... }
//     if (scanner.failed()) reject(scanner.error(), scanner.errorOffset());
//
// Every input ends in either a clean end or an error with a reason; nesting
// deeper than maxDepth is an error, not a stack overflow.
class JsonScanner
{
public:
    enum class Arrays : std::uint8_t {
        Skip, // an array is one leaf of type Array (its content is still validated)
        Index, // array elements are leaves whose last path component is their index
    };
    static constexpr int kMaxDepth = 64;

    explicit JsonScanner(Arrays arrays = Arrays::Skip, int maxDepth = kMaxDepth);

    // Starts scanning text, which must stay alive until the scan is done.
    void reset(std::string_view text);

    // The next leaf; false at the end of the object or on an error.
    bool next(JsonLeaf &leaf);

    // Convenience: scans to the end and returns !failed().
    bool validate(std::string_view text);

    [[nodiscard]] bool failed() const noexcept { return m_error != nullptr; }
    [[nodiscard]] bool atEnd() const noexcept { return m_done; }
    // A short, static reason ("unterminated string"); empty when not failed.
    [[nodiscard]] std::string_view error() const noexcept;
    // Byte offset in the text where the error was found.
    [[nodiscard]] std::size_t errorOffset() const noexcept { return m_errorOffset; }

    // The value's text: a string unescaped, any other value as written. The
    // view stays valid until the next reset(). Unescaped text never needs more
    // room than the line itself, so the scratch buffer is reserved to the
    // line's length once per reset() and views into it never move; this holds
    // as long as each escaped value is asked for at most once per line (a
    // value asked for again once the room is used up comes back empty).
    std::string_view text(const JsonValue &value);

private:
    struct Frame
    {
        std::uint32_t pathLength = 0; // path length of the container itself
        std::uint32_t index = 0; // next element index (arrays)
        std::uint32_t start = 0; // offset of '[' (skipped arrays)
        bool array = false;
        bool silent = false; // inside a skipped array: validate only
        bool afterValue = false; // a member was read: ',' or the closer follows
        bool afterComma = false; // a ',' was read: a member must follow
    };

    bool fail(const char *reason);
    void skipSpace() noexcept;
    bool push(bool array, bool silent);
    bool scanString(std::string_view &raw, bool &escaped);
    bool scanNumber();
    bool scanLiteral(std::string_view literal);
    bool appendKey(std::string_view raw, bool escaped, bool silent);

    std::string_view m_text;
    std::size_t m_pos = 0;
    Arrays m_arrays;
    int m_maxDepth;
    int m_depth = 0;
    bool m_started = false;
    bool m_done = false;
    const char *m_error = nullptr;
    std::size_t m_errorOffset = 0;
    std::array<Frame, kMaxDepth + 1> m_frames {};
    std::string m_path;
    std::string m_scratch;
};

} // namespace ea
