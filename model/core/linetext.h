#pragma once

#include <QString>

#include <string>
#include <string_view>

namespace ea {

// Text from users and files (file names, cells, stored paths) printed inside
// one line of output such as `FILE:LINE: reason`. A line end or another
// control character in it would let a file name forge lines of its own, so:

// A name for such a line: unchanged when it holds no control character
// (C0, DEL, C1, U+2028/U+2029) and does not start with a double quote; else
// in double quotes with C escapes (\n, \r, \t, \\, \", \xHH, \uHHHH), e.g.
// "a\nb.csv". UTF-8 in, UTF-8 out; other bytes pass through.
[[nodiscard]] std::string quotedName(std::string_view name);
[[nodiscard]] QString quotedName(const QString &name);

// A message for such a line: its control characters escaped as above, no
// quotes added, everything else unchanged.
[[nodiscard]] std::string escapedLine(std::string_view text);
[[nodiscard]] QString escapedLine(const QString &text);

} // namespace ea
