#pragma once

// How a command writes: stdout through a buffer whose first failed write
// stops the command (finishOutput() turns it into exit status 1), stderr for
// messages. A user-supplied name or message goes through quotedName() or
// escapedLine() (core/linetext.h) before it is printed on one line.

#include <QString>

#include <cstddef>
#include <string>

namespace ea::cli {

// Writes bytes to stdout unless a write already failed; false once one has.
bool writeBytes(const char *data, std::size_t size);

// Writes and clears the buffer. Returns false once stdout cannot be written:
// streaming loops stop there.
bool writeOut(std::string &buffer);

// Streams output in 64 KiB writes, so memory stays flat however many rows.
bool writeOutIfFull(std::string &buffer);

// Writes text as UTF-8 to stdout.
bool printOut(const QString &text);

// Writes text in the locale's encoding to stderr.
void printErr(const QString &text);

// Reports an error that ends the command; returns the exit status for it.
// The message is one line: a control character in it (a file name's) is
// escaped, so it cannot forge further lines.
int fail(const QString &message);

// Flushes stdout now (a line that must arrive before slow work); a failure
// is kept for finishOutput().
void flushOut();

// Flushes stdout; a command whose output did not all arrive exits 1 with the
// reason, whatever it would have returned (usage errors stay 2).
int finishOutput(int status);

} // namespace ea::cli
