#pragma once

#include "address/ipaddress.h"
#include "core/error.h"
#include "storage/casedatabase.h"

#include <QCoreApplication>

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace ea {

// One MaxMind-format database whose look-ups a case keeps (table
// owner_sources, case format 9), in the order its answers are preferred.
struct OwnerSource
{
    std::int64_t rank = 0; // 0 first
    std::string name; // the database's own type ("GeoLite2-ASN")
    std::int64_t buildEpoch = 0; // its build time, seconds since 1970 UTC
    std::string path; // the file it was read from (absolute)
    std::int64_t lookedUpAtNs = 0; // when the case last looked destinations up in it
    std::int64_t throughId = 0; // every destination up to this id has been looked up

    // Same database and build (the path may move).
    [[nodiscard]] bool sameVersion(const OwnerSource &other) const
    {
        return name == other.name && buildEpoch == other.buildEpoch;
    }
};

// Who holds a destination, as the case stores it (table dest_owners): each
// field from the first source, by rank, that had it.
struct DestinationOwner
{
    std::string country; // ISO 3166 alpha-2, upper case; "" unknown
    std::int64_t asn = 0; // 0 unknown
    std::string organisation; // the AS organisation; "" unknown
    std::int64_t countrySource = -1; // rank of the source that gave country, -1 none
    std::int64_t asnSource = -1; // rank of the source that gave asn and organisation

    [[nodiscard]] bool isEmpty() const
    {
        return country.empty() && asn == 0 && organisation.empty();
    }
};

// The owners of a case's destinations, looked up once per destination and
// database version and kept, so that a colleague without the databases still
// sees them. A case of format 8 or older opened read-only has none.
// The object must not outlive its CaseDatabase.
class Owners
{
    Q_DECLARE_TR_FUNCTIONS(ea::Owners)

public:
    static constexpr std::size_t kMaxOrganisationBytes = 512;

    explicit Owners(CaseDatabase &database);

    [[nodiscard]] bool hasTables() const;

    // The sources of the stored owners, by rank (none: never looked up).
    [[nodiscard]] RowsResult<OwnerSource> sources();

    // Whether a stored field is one store() can have written: a country of
    // two upper-case ASCII letters, an AS number of 32 bits, an organisation
    // of one line of UTF-8. The readers drop any other (a damaged case).
    [[nodiscard]] static bool isStoredCountry(std::string_view country);
    [[nodiscard]] static bool isStoredAsn(std::int64_t asn);
    [[nodiscard]] static bool isStoredOrganisation(std::string_view organisation);

    // Looks up one destination: fills owner (cleared first) or returns the
    // error of a damaged database. A field not in its stored form (see
    // isStoredCountry()) is dropped.
    using LookUp = std::function<Error(const IpAddress &, DestinationOwner &)>;

    struct Stored
    {
        std::int64_t lookedUp = 0; // destinations looked up
        std::int64_t found = 0; // of those, with an owner stored
        bool replaced = false; // every stored owner was replaced
        bool cancelled = false; // nothing changed
    };

    // In one transaction: with the sources of sources() (same versions, same
    // order), looks up only the destinations added since (and writes nothing
    // when there are none); otherwise drops every stored owner and looks
    // every destination up. The sources are stored with the new throughId
    // and look-up time. cancel, when set, rolls back; so does an error of
    // lookUp, which is returned.
    [[nodiscard]] Result<Stored> update(std::vector<OwnerSource> sources, const LookUp &lookUp,
                                        const std::atomic_bool *cancel = nullptr);

    // Whether the case has a destination past id (an error reads as yes).
    [[nodiscard]] bool hasDestinationsAfter(std::int64_t id);

    // Forgets every stored owner and source.
    [[nodiscard]] Error clear();

private:
    // The last destination id looked up when the stored sources are these
    // versions in this order, else -1.
    [[nodiscard]] Result<std::int64_t> unchangedThrough(const std::vector<OwnerSource> &sources);

    CaseDatabase &m_database;
};

} // namespace ea
