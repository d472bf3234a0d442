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
    FileHash result;
    // Checked again here: the file may have been swapped since it was sniffed.
    if (const QString reason = irregularFileReason(path); !reason.isEmpty()) {
        result.error = reason;
        return result;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        result.error = file.errorString();
        return result;
    }
    const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(),
                                                                      &EVP_MD_CTX_free);
    if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) {
        result.error = QCoreApplication::translate("ea", "cannot initialise SHA-256");
        return result;
    }
    std::vector<char> buffer(1 << 20);
    for (;;) {
        if (cancel && cancel->load(std::memory_order_relaxed))
            return result;
        const qint64 n = file.read(buffer.data(), qint64(buffer.size()));
        if (n < 0) {
            result.error = file.errorString();
            return result;
        }
        if (n == 0)
            break;
        EVP_DigestUpdate(ctx.get(), buffer.data(), std::size_t(n));
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(ctx.get(), digest, &length);
    static constexpr char hex[] = "0123456789abcdef";
    result.sha256.reserve(length * 2);
    for (unsigned int k = 0; k < length; ++k) {
        result.sha256 += hex[digest[k] >> 4];
        result.sha256 += hex[digest[k] & 0xf];
    }
    return result;
}

} // namespace ea
