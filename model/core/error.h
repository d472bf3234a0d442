#pragma once

#include <QString>

#include <cstdint>
#include <utility>

namespace ea {

// Why something failed, as the model reports it to the GUI and the CLI. The
// message is complete and translated (built with tr() and %1 arguments, never
// by concatenating sentences) and names the file and line where there is
// one; the caller decides how to show it. The code lets a caller branch
// without reading the text. A default-constructed Error means "no error".
class Error
{
public:
    enum class Code : std::uint8_t {
        None,
        Failed, // anything without a more specific code
        NotFound, // no such file, row or object
        NotACase, // not SQLite, another application's database, or damaged
        NewerVersion, // a case made by a newer version of the application
        Io, // cannot read, create or write a file
        Database, // SQLite failed
        Invalid, // the input is refused as a whole (no header, wrong format ...)
        Cancelled, // the user stopped the work
    };

    Error() = default;
    explicit Error(QString message, Code code = Code::Failed)
        : m_code(code == Code::None ? Code::Failed : code)
        , m_message(std::move(message))
    { }

    [[nodiscard]] bool isNull() const noexcept { return m_code == Code::None; }
    explicit operator bool() const noexcept { return !isNull(); }
    [[nodiscard]] Code code() const noexcept { return m_code; }
    [[nodiscard]] const QString &message() const noexcept { return m_message; }

private:
    Code m_code = Code::None;
    QString m_message;
};

// A value or why there is none: the one result shape of the model. `value`
// is meaningful only when ok().
template<typename T = void> struct [[nodiscard]] Result
{
    T value {};
    Error error;

    Result() = default;
    Result(T v) // NOLINT(google-explicit-constructor): return a value directly
        : value(std::move(v))
    { }
    Result(Error e) // NOLINT(google-explicit-constructor): return an error directly
        : error(std::move(e))
    { }

    [[nodiscard]] bool ok() const noexcept { return error.isNull(); }
};

template<> struct [[nodiscard]] Result<void>
{
    Error error;

    Result() = default;
    Result(Error e) // NOLINT(google-explicit-constructor): return an error directly
        : error(std::move(e))
    { }

    [[nodiscard]] bool ok() const noexcept { return error.isNull(); }
};

} // namespace ea
