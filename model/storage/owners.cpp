#include "storage/owners.h"

#include "core/text.h"
#include "storage/queryrows.h"
#include "storage/sqlite.h"

#include <QDateTime>

#include <algorithm>

namespace ea {

namespace {

QString fromUtf8(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

constexpr const char *kWriteError
    = QT_TRANSLATE_NOOP("ea::Owners", "Cannot store the destinations' owners: %1");

Error databaseError(SqliteDb &db, const char *what)
{
    return Error(Owners::tr(what).arg(fromUtf8(db.lastError())), Error::Code::Database);
}

Error statementError(const Statement &s, const char *what)
{
    return Error(Owners::tr(what).arg(fromUtf8(s.errorMessage())), Error::Code::Database);
}

bool sameVersions(const std::vector<OwnerSource> &a, const std::vector<OwnerSource> &b)
{
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [](const OwnerSource &x, const OwnerSource &y) { return x.sameVersion(y); });
}

} // namespace

Result<std::int64_t> Owners::unchangedThrough(const std::vector<OwnerSource> &sources)
{
    const RowsResult<OwnerSource> stored = this->sources();
    if (!stored.ok())
        return stored.error;
    if (stored.value.empty() || !sameVersions(stored.value, sources))
        return std::int64_t(-1);
    std::int64_t through = stored.value.front().throughId;
    for (const OwnerSource &s : stored.value)
        through = std::min(through, s.throughId);
    return std::max<std::int64_t>(through, 0);
}

bool Owners::hasDestinationsAfter(std::int64_t id)
{
    Statement s(m_database.db(), "SELECT 1 FROM destinations WHERE id > ?1 LIMIT 1");
    s.bindInt64(1, id);
    // An error reads as "yes": the look-up then reports it.
    return s.step() != Statement::Step::Done;
}

Owners::Owners(CaseDatabase &database)
    : m_database(database)
{ }

bool Owners::hasTables() const
{
    return m_database.schemaVersion() >= 9;
}

bool Owners::isStoredCountry(std::string_view country)
{
    return country.size() == 2 && country[0] >= 'A' && country[0] <= 'Z' && country[1] >= 'A'
        && country[1] <= 'Z';
}

bool Owners::isStoredAsn(std::int64_t asn)
{
    return asn >= 0 && asn <= 0xffffffffLL;
}

bool Owners::isStoredOrganisation(std::string_view organisation)
{
    return organisation.size() <= kMaxOrganisationBytes && isValidUtf8(organisation)
        && std::none_of(organisation.begin(), organisation.end(),
                        [](char c) { return std::uint8_t(c) < 0x20 || c == 0x7f; });
}

RowsResult<OwnerSource> Owners::sources()
{
    std::vector<OwnerSource> out;
    if (!hasTables())
        return out;
    Statement s(m_database.db(),
                "SELECT rank, name, build_epoch, path, looked_up_at, through_id "
                "FROM owner_sources ORDER BY rank");
    Error error = queryrows::forEachRow(s, [&] {
        OwnerSource source;
        source.rank = s.columnInt64(0);
        source.name = std::string(s.columnText(1));
        source.buildEpoch = s.columnInt64(2);
        source.path = std::string(s.columnText(3));
        source.lookedUpAtNs = s.columnInt64(4);
        source.throughId = s.columnInt64(5);
        out.push_back(std::move(source));
        return true;
    });
    if (error)
        return error;
    return out;
}

Result<Owners::Stored> Owners::update(std::vector<OwnerSource> sources, const LookUp &lookUp,
                                      const std::atomic_bool *cancel)
{
    if (!hasTables())
        return Error(tr("This case is of an older format, opened read-only: it cannot keep "
                        "the destinations' owners"),
                     Error::Code::Invalid);
    SqliteDb &db = m_database.db();
    // Nothing new for the same databases: nothing is written (a look-up runs
    // at every open; a write then would wait for the views' reads, and
    // change the file for nothing). Checked again inside the transaction.
    if (const Result<std::int64_t> after = unchangedThrough(sources); !after.ok())
        return after.error;
    else if (after.value >= 0 && !hasDestinationsAfter(after.value))
        return Stored();
    Transaction transaction(db);
    if (!transaction.isActive())
        return databaseError(db, kWriteError);
    const Result<std::int64_t> unchanged = unchangedThrough(sources);
    if (!unchanged.ok())
        return unchanged.error;

    Stored result;
    std::int64_t afterId = 0;
    if (unchanged.value >= 0) {
        afterId = unchanged.value;
    } else {
        result.replaced = true;
        if (!db.exec("DELETE FROM dest_owners; DELETE FROM owner_sources;"))
            return databaseError(db, kWriteError);
    }

    Statement read(db, "SELECT id, addr, family FROM destinations WHERE id > ?1 ORDER BY id");
    read.bindInt64(1, afterId);
    Statement insert(db,
                     "INSERT OR REPLACE INTO dest_owners(dest_id, country, asn, org, "
                     "country_source, asn_source) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    std::int64_t throughId = afterId;
    Error lookUpError;
    DestinationOwner owner;
    IpAddress address;
    Error readError = queryrows::forEachRow(read, [&] {
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            result.cancelled = true;
            return false;
        }
        const std::int64_t id = read.columnInt64(0);
        throughId = std::max(throughId, id);
        if (!queryrows::readAddress(read, 1, 2, address))
            return true; // not a row the importer wrote
        owner = {};
        if ((lookUpError = lookUp(address, owner)))
            return false;
        ++result.lookedUp;
        // The look-up gives stored forms (OwnerLookup checks each answer);
        // anything else is dropped here, never stored.
        if (!isStoredCountry(owner.country))
            owner.country.clear();
        if (!isStoredAsn(owner.asn))
            owner.asn = 0;
        if (!isStoredOrganisation(owner.organisation))
            owner.organisation.clear();
        if (owner.isEmpty())
            return true;
        insert.bindInt64(1, id);
        insert.bindText(2, owner.country);
        insert.bindInt64(3, owner.asn);
        insert.bindText(4, owner.organisation);
        if (owner.countrySource >= 0 && !owner.country.empty())
            insert.bindInt64(5, owner.countrySource);
        else
            insert.bindNull(5);
        if (owner.asnSource >= 0 && (owner.asn != 0 || !owner.organisation.empty()))
            insert.bindInt64(6, owner.asnSource);
        else
            insert.bindNull(6);
        if (!insert.run()) {
            lookUpError = statementError(insert, kWriteError);
            return false;
        }
        ++result.found;
        return true;
    });
    if (readError)
        return readError;
    if (lookUpError)
        return lookUpError;
    if (result.cancelled) {
        transaction.rollback();
        return result;
    }

    Statement drop(db, "DELETE FROM owner_sources");
    Statement add(db,
                  "INSERT INTO owner_sources(rank, name, build_epoch, path, looked_up_at, "
                  "through_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!drop.run())
        return statementError(drop, kWriteError);
    const std::int64_t now = QDateTime::currentMSecsSinceEpoch() * 1'000'000;
    for (std::size_t k = 0; k < sources.size(); ++k) {
        add.bindInt64(1, std::int64_t(k));
        add.bindText(2, sources[k].name);
        add.bindInt64(3, sources[k].buildEpoch);
        add.bindText(4, sources[k].path);
        add.bindInt64(5, now);
        add.bindInt64(6, throughId);
        if (!add.run())
            return statementError(add, kWriteError);
    }
    if (!transaction.commit())
        return databaseError(db, kWriteError);
    return result;
}

Error Owners::clear()
{
    if (!hasTables())
        return {};
    SqliteDb &db = m_database.db();
    Transaction transaction(db);
    if (!transaction.isActive() || !db.exec("DELETE FROM dest_owners; DELETE FROM owner_sources;")
        || !transaction.commit())
        return databaseError(db, kWriteError);
    return {};
}

} // namespace ea
