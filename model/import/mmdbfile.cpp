#include "import/mmdbfile.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryFile>

#include <maxminddb.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cctype>
#include <cstring>
#include <limits>

namespace ea {

struct MmdbFile::Handle
{
    // libmaxminddb maps the file: a private copy, so that the analyst's file
    // replaced in place (a database update) cannot pull pages from under a
    // look-up (SIGBUS).
    QTemporaryFile copy;
    MMDB_s db {};
    bool opened = false;

    ~Handle()
    {
        if (opened)
            MMDB_close(&db);
    }
};

namespace {

// Organisation names and codes are short; a longer value is no field of
// these schemas.
constexpr std::uint32_t kMaxText = 512;

// The string at a path of the entry, or "" when absent or not a string.
std::string text(MMDB_entry_s &entry, const char *const *path)
{
    MMDB_entry_data_s data {};
    if (MMDB_aget_value(&entry, &data, path) != MMDB_SUCCESS || !data.has_data
        || data.type != MMDB_DATA_TYPE_UTF8_STRING || data.data_size > kMaxText)
        return {};
    return std::string(data.utf8_string, data.data_size);
}

// The unsigned number at a path, or 0.
std::int64_t number(MMDB_entry_s &entry, const char *const *path)
{
    MMDB_entry_data_s data {};
    if (MMDB_aget_value(&entry, &data, path) != MMDB_SUCCESS || !data.has_data)
        return 0;
    switch (data.type) {
    case MMDB_DATA_TYPE_UINT16:
        return data.uint16;
    case MMDB_DATA_TYPE_UINT32:
        return data.uint32;
    case MMDB_DATA_TYPE_UINT64:
        return data.uint64 <= std::uint64_t(std::numeric_limits<std::int64_t>::max())
            ? std::int64_t(data.uint64)
            : 0;
    default:
        return 0;
    }
}

// "AS13335" (IPinfo) or "13335": the number, else 0.
std::int64_t asnFromText(std::string_view s)
{
    if (s.size() > 2 && (s[0] == 'A' || s[0] == 'a') && (s[1] == 'S' || s[1] == 's'))
        s.remove_prefix(2);
    if (s.empty() || s.size() > 10)
        return 0;
    std::int64_t n = 0;
    for (const char c : s) {
        if (c < '0' || c > '9')
            return 0;
        n = n * 10 + (c - '0');
    }
    return n <= 0xffffffffLL ? n : 0;
}

// A country code as ISO 3166 alpha-2 (two ASCII letters, upper case), else "".
std::string countryCode(std::string code)
{
    if (code.size() != 2 || !std::isalpha(static_cast<unsigned char>(code[0]))
        || !std::isalpha(static_cast<unsigned char>(code[1])))
        return {};
    for (char &c : code)
        c = char(std::toupper(static_cast<unsigned char>(c)));
    return code;
}

// An organisation as one line of text: control characters become blanks.
std::string oneLine(std::string s)
{
    for (char &c : s) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            c = ' ';
    }
    return s;
}

} // namespace

MmdbFile::MmdbFile(std::unique_ptr<Handle> handle)
    : m_handle(std::move(handle))
{ }

MmdbFile::~MmdbFile() = default;

Result<std::unique_ptr<MmdbFile>> MmdbFile::open(const QString &path)
{
    const QString name = QFileInfo(path).fileName();
    if (!QFileInfo(path).isFile())
        return Error(tr("%1: no such database file").arg(name), Error::Code::NotFound);
    auto handle = std::make_unique<Handle>();
    {
        QFile original(path);
        if (!original.open(QIODevice::ReadOnly) || !handle->copy.open())
            return Error(tr("%1: cannot read the database").arg(name), Error::Code::Io);
        char buffer[1 << 16];
        for (qint64 n; (n = original.read(buffer, sizeof buffer)) > 0;) {
            if (handle->copy.write(buffer, n) != n)
                return Error(tr("%1: cannot read the database").arg(name), Error::Code::Io);
        }
        if (original.error() != QFileDevice::NoError || !handle->copy.flush())
            return Error(tr("%1: cannot read the database").arg(name), Error::Code::Io);
    }
    const QByteArray local = QFile::encodeName(handle->copy.fileName());
    const int status = MMDB_open(local.constData(), MMDB_MODE_MMAP, &handle->db);
    if (status != MMDB_SUCCESS) {
        return Error(tr("%1: not a MaxMind database (%2)")
                         .arg(name, QString::fromUtf8(MMDB_strerror(status))),
                     Error::Code::Invalid);
    }
    handle->opened = true;
    std::unique_ptr<MmdbFile> file(new MmdbFile(std::move(handle)));
    const MMDB_metadata_s &meta = file->m_handle->db.metadata;
    if (meta.database_type)
        file->m_type = oneLine(std::string(meta.database_type).substr(0, kMaxText));
    file->m_buildEpoch = meta.build_epoch <= std::uint64_t(std::numeric_limits<std::int64_t>::max())
        ? std::int64_t(meta.build_epoch)
        : 0;
    file->m_name = name;
    return file;
}

Error MmdbFile::lookup(const IpAddress &address, OwnerInfo &owner) const
{
    owner = {};
    sockaddr_storage storage {};
    // ::ffff:a.b.c.d is the IPv4 host a.b.c.d, as everywhere in the tool:
    // looked up as IPv4 whether or not the database aliases that block.
    if (address.family == Family::IPv4 || address.isV4Mapped()) {
        auto *in = reinterpret_cast<sockaddr_in *>(&storage);
        in->sin_family = AF_INET;
        in->sin_addr.s_addr = htonl(address.v4());
    } else {
        auto *in6 = reinterpret_cast<sockaddr_in6 *>(&storage);
        in6->sin6_family = AF_INET6;
        std::memcpy(in6->sin6_addr.s6_addr, address.bytes.data(), 16);
    }
    int status = MMDB_SUCCESS;
    MMDB_lookup_result_s result = MMDB_lookup_sockaddr(
        &m_handle->db, reinterpret_cast<const sockaddr *>(&storage), &status);
    // An IPv4-only database holds no IPv6 network: not found, not damage.
    if (status == MMDB_IPV6_LOOKUP_IN_IPV4_DATABASE_ERROR)
        return {};
    if (status != MMDB_SUCCESS) {
        return Error(tr("%1: the database is damaged (%2)")
                         .arg(m_name, QString::fromUtf8(MMDB_strerror(status))),
                     Error::Code::Invalid);
    }
    if (!result.found_entry)
        return {};
    owner.found = true;
    static const char *const kCountry[] = {"country", "iso_code", nullptr};
    static const char *const kCountryText[] = {"country", nullptr}; // IPinfo's country_asn
    static const char *const kRegistered[] = {"registered_country", "iso_code", nullptr};
    static const char *const kCountryCode[] = {"country_code", nullptr};
    static const char *const kAsn[] = {"autonomous_system_number", nullptr};
    static const char *const kAsnText[] = {"asn", nullptr};
    static const char *const kOrg[] = {"autonomous_system_organization", nullptr};
    static const char *const kAsName[] = {"as_name", nullptr};
    // Where the address is, before where its block is registered.
    for (const char *const *path : {kCountry, kCountryText, kCountryCode, kRegistered}) {
        owner.country = countryCode(text(result.entry, path));
        if (!owner.country.empty())
            break;
    }
    owner.asn = number(result.entry, kAsn);
    if (owner.asn == 0)
        owner.asn = asnFromText(text(result.entry, kAsnText));
    owner.organisation = oneLine(text(result.entry, kOrg));
    if (owner.organisation.empty())
        owner.organisation = oneLine(text(result.entry, kAsName));
    return {};
}

} // namespace ea
