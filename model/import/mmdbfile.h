#pragma once

#include "address/ipaddress.h"
#include "core/error.h"

#include <QCoreApplication>
#include <QString>

#include <cstdint>
#include <memory>
#include <string>

namespace ea {

// Who holds an address, by one MaxMind-format database: its country (ISO
// 3166 alpha-2, upper case) and its autonomous system (number and
// organisation). Empty / 0 where the database does not say.
struct OwnerInfo
{
    bool found = false; // the database has a network holding the address
    std::string country;
    std::int64_t asn = 0;
    std::string organisation;
};

// A MaxMind DB (.mmdb) file the analyst already has, read with libmaxminddb:
// GeoLite2 Country/City/ASN, DB-IP lite, IPinfo lite. Each schema's fields
// are read where it keeps them (country.iso_code or registered_country's,
// else country_code; autonomous_system_number, else IPinfo's "AS13335";
// autonomous_system_organization, else as_name). The file is untrusted
// input: whatever libmaxminddb refuses, or a value of an unexpected type or
// size, is an error or absent, never a crash; the file is read into a private
// copy, so replacing it meanwhile changes nothing. An IPv4 address, and an
// IPv4-mapped one, is looked up as IPv4 (libmaxminddb takes it to the
// database's IPv4 subtree); an IPv6 one in an IPv4-only database is absent.
class MmdbFile
{
    Q_DECLARE_TR_FUNCTIONS(ea::MmdbFile)

public:
    MmdbFile(const MmdbFile &) = delete;
    MmdbFile &operator=(const MmdbFile &) = delete;
    ~MmdbFile();

    // The file opened, or an error naming it (NotFound, Invalid).
    [[nodiscard]] static Result<std::unique_ptr<MmdbFile>> open(const QString &path);

    // The metadata's database_type ("GeoLite2-ASN", "DBIP-Country-Lite") and
    // build time (seconds since 1970, UTC): together they name a version.
    [[nodiscard]] const std::string &databaseType() const noexcept { return m_type; }
    [[nodiscard]] std::int64_t buildEpoch() const noexcept { return m_buildEpoch; }

    // A null Error and the owner (found false when no network holds it), or
    // the error of a damaged database.
    [[nodiscard]] Error lookup(const IpAddress &address, OwnerInfo &owner) const;

private:
    struct Handle;
    explicit MmdbFile(std::unique_ptr<Handle> handle);

    std::unique_ptr<Handle> m_handle;
    std::string m_type;
    std::int64_t m_buildEpoch = 0;
    QString m_name; // the file's name, for errors
};

} // namespace ea
