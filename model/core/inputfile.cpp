#include "core/inputfile.h"

#include <QCoreApplication>

#include <filesystem>
#include <system_error>

namespace ea {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(ea::InputFile)
};

} // namespace

QString irregularFileReason(const QString &path)
{
    namespace fs = std::filesystem;
    std::error_code error;
    // status() follows symlinks: /dev/stdin is judged by what it points to.
    const fs::file_status status = fs::status(fs::path(path.toStdU16String()), error);
    if (error)
        return {};
    switch (status.type()) {
    case fs::file_type::regular:
    case fs::file_type::not_found:
    case fs::file_type::none:
        return {};
    case fs::file_type::directory:
        return Text::tr("a directory, not a file");
    case fs::file_type::fifo:
        return Text::tr("a pipe, not a regular file: it can be read only once and may never end; "
                        "save it to a regular file first");
    case fs::file_type::character:
    case fs::file_type::block:
        return Text::tr("a device, not a regular file; save what you need from it to a regular "
                        "file first");
    case fs::file_type::socket:
        return Text::tr("a socket, not a regular file; save what you need from it to a regular "
                        "file first");
    default:
        break;
    }
    return Text::tr("not a regular file; save it to a regular file first");
}

} // namespace ea
