#include "core/filehash.h"

#include "core/inputfile.h"

#include <QCoreApplication>
#include <QFile>

#include <openssl/evp.h>

#include <memory>
#include <vector>

namespace ea {

FileHash sha256File(const QString &path, const std::atomic_bool *cancel)
{
    // Checked again here: the file may have been swapped since it was sniffed.
    if (const QString reason = irregularFileReason(path); !reason.isEmpty())
        return Error(reason, Error::Code::Invalid);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(file.errorString(), Error::Code::Io);
    const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(),
                                                                      &EVP_MD_CTX_free);
    if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1)
        return Error(QCoreApplication::translate("ea", "cannot initialise SHA-256"));
    std::vector<char> buffer(1 << 20);
    for (;;) {
        if (cancel && cancel->load(std::memory_order_relaxed))
            return Error(QCoreApplication::translate("ea", "cancelled"), Error::Code::Cancelled);
        const qint64 n = file.read(buffer.data(), qint64(buffer.size()));
        if (n < 0)
            return Error(file.errorString(), Error::Code::Io);
        if (n == 0)
            break;
        EVP_DigestUpdate(ctx.get(), buffer.data(), std::size_t(n));
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(ctx.get(), digest, &length);
    static constexpr char hex[] = "0123456789abcdef";
    std::string sha256;
    sha256.reserve(length * 2);
    for (unsigned int k = 0; k < length; ++k) {
        sha256 += hex[digest[k] >> 4];
        sha256 += hex[digest[k] & 0xf];
    }
    return sha256;
}

} // namespace ea
