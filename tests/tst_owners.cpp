// Owners of destinations (issue 13, "Owners and places"): the look-up of a
// case's destinations in MaxMind-format databases (ingest/OwnerLookup over
// import/MmdbFile), kept in the case (storage/Owners, case format 9) with the
// databases' names and build times; each destination once per database
// version; what the listings, the snapshot, its sorts, the quick filter's
// country:/asn:/org: terms and the CSV export make of them; a missing
// database as a hint; a damaged case's fields; and the `owners` command.
//
// The databases are written at test time by tests/data/mmdb/make_fixtures.pl.

#include <QTest>

#include "clirunner.h"
#include "testutils.h"

#include "address/ipaddress.h"
#include "core/csvwriter.h"
#include "export/destinationsexport.h"
#include "ingest/importjob.h"
#include "ingest/ownerlookup.h"
#include "review/destinationfilter.h"
#include "review/destinationorder.h"
#include "review/destinationsnapshot.h"
#include "storage/casedatabase.h"
#include "storage/casequeries.h"
#include "storage/owners.h"
#include "storage/sqlite.h"

#include <QDateTime>
#include <QFile>
#include <QTemporaryDir>

#include <algorithm>
#include <atomic>
#include <map>
#include <memory>
#include <string>

using namespace ea;
using namespace ea::test;

namespace {

std::unique_ptr<CaseDatabase> openCase(const QString &path, CaseDatabase::OpenMode mode)
{
    CaseDatabase::Result opened = CaseDatabase::open(path, mode);
    if (!opened.ok())
        qWarning("%s", qPrintable(opened.error.message()));
    return std::move(opened.database);
}

// "country|asn|organisation" per canonical address, every destination.
std::map<std::string, std::string> ownersOf(CaseDatabase &database)
{
    std::map<std::string, std::string> out;
    const RowsResult<DestinationRow> rows = CaseQueries(database).destinations({.all = true});
    if (!rows.ok())
        qFatal("%s", qPrintable(rows.error.message()));
    for (const DestinationRow &row : rows.value)
        out[row.canonical] = row.country + '|' + std::to_string(row.asn) + '|' + row.organisation;
    return out;
}

const char *const kConnections = "unix_nano_timestamp,sensor_id,process_uuid,dst_addr,dst_port\n"
                                 "1700000000000000000,s1,p1,1.1.1.1,443\n"
                                 "1700000000000000001,s1,p1,8.8.8.8,53\n"
                                 "1700000000000000002,s1,p2,2606:4700::1111,443\n"
                                 "1700000000000000003,s1,p2,::ffff:13.113.1.1,443\n"
                                 "1700000000000000004,s1,p2,10.0.0.1,443\n"
                                 "1700000000000000005,s1,p2,203.0.113.9,443\n";

// 9.9.9.9: only a registered country in the country database, and an AS in
// the newer ASN build only.
const char *const kMoreConnections
    = "unix_nano_timestamp,sensor_id,process_uuid,dst_addr,dst_port\n"
      "1700000000000000010,s1,p3,9.9.9.9,53\n"
      "1700000000000000011,s1,p3,1.1.1.1,443\n";

} // namespace

class TestOwners : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void lookUpCombinesDatabases();
    void onlyNewDestinationsAreLookedUp();
    void newBuildLooksEverythingUpAgain();
    void missingDatabaseIsAHint();
    void caseKeepsOwnersWithoutDatabases();
    void damagedDatabaseChangesNothing();
    void cancelChangesNothing();
    void lookUpErrorPartWayChangesNothing();
    void damagedCaseFieldsReadAsUnknown();
    void formatEightCase();
    void snapshotSortsByOwner();
    void filterTerms_data();
    void filterTerms();
    void filterErrors_data();
    void filterErrors();
    void exportColumns();
    void ownersCommand();

private:
    QString db(const char *name) const { return m_dir.filePath(QString::fromUtf8(name)); }
    // A new case holding kConnections (and kMoreConnections with more).
    std::unique_ptr<CaseDatabase> newCase(const char *name, bool more = false);
    Result<OwnerLookup::Report> lookUp(CaseDatabase &database, const QStringList &names);

    QTemporaryDir m_dir;
};

void TestOwners::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QByteArray written = writeMmdbFixtures(m_dir.path());
    QVERIFY2(written.isEmpty(), written.constData());
    QVERIFY(writeFile(m_dir.filePath(QStringLiteral("c.csv")), kConnections));
    QVERIFY(writeFile(m_dir.filePath(QStringLiteral("more.csv")), kMoreConnections));
}

std::unique_ptr<CaseDatabase> TestOwners::newCase(const char *name, bool more)
{
    const QString path = m_dir.filePath(QString::fromUtf8(name));
    QFile::remove(path);
    std::unique_ptr<CaseDatabase> database
        = openCase(path, CaseDatabase::OpenMode::CreateIfMissing);
    if (!database)
        return {};
    for (const char *file : {"c.csv", more ? "more.csv" : nullptr}) {
        if (!file)
            continue;
        const ImportReport report
            = ImportJob(*database, m_dir.filePath(QString::fromUtf8(file))).run();
        if (!report.imported()) {
            qWarning("%s", qPrintable(report.error.message()));
            return {};
        }
    }
    return database;
}

Result<OwnerLookup::Report> TestOwners::lookUp(CaseDatabase &database, const QStringList &names)
{
    QStringList paths;
    for (const QString &name : names)
        paths << m_dir.filePath(name);
    return OwnerLookup::run(database, paths);
}

void TestOwners::lookUpCombinesDatabases()
{
    std::unique_ptr<CaseDatabase> database = newCase("combine.eacase");
    QVERIFY(database);
    QCOMPARE(database->schemaVersion(), 9);
    const Result<OwnerLookup::Report> report
        = lookUp(*database, {QStringLiteral("ea-country.mmdb"), QStringLiteral("ea-asn.mmdb")});
    QVERIFY2(report.ok(), qPrintable(report.error.message()));
    QVERIFY(report.value.missing.isEmpty());
    QCOMPARE(report.value.stored.lookedUp, 6);
    QCOMPARE(report.value.stored.found, 4);
    QVERIFY(report.value.stored.replaced);

    // Country from the first database, AS and organisation from the second;
    // the IPv4-mapped spelling is the IPv4 destination; private and
    // documentation addresses have none. A control character of the
    // database's organisation is a blank.
    const std::map<std::string, std::string> expected {
        {"1.1.1.1", "AU|13335|CLOUDFLARENET"},
        {"8.8.8.8", "US|15169|GOOGLE"},
        {"13.113.1.1", "JP|16509|AMAZON-02 line"},
        {"2606:4700::1111", "US|13335|CLOUDFLARENET"},
        {"10.0.0.1", "|0|"},
        {"203.0.113.9", "|0|"}};
    QCOMPARE(ownersOf(*database), expected);

    // The sources, by rank, with each database's type and build time.
    const RowsResult<OwnerSource> sources = Owners(*database).sources();
    QVERIFY(sources.ok());
    QCOMPARE(sources.value.size(), std::size_t(2));
    QCOMPARE(sources.value[0].name, std::string("EA-Test-Country"));
    QCOMPARE(sources.value[1].name, std::string("EA-Test-ASN"));
    QCOMPARE(sources.value[0].rank, 0);
    QCOMPARE(sources.value[1].rank, 1);
    QCOMPARE(sources.value[1].buildEpoch, report.value.databases[1].buildEpoch);
    QVERIFY(sources.value[1].buildEpoch > 1'700'000'000);
    QCOMPARE(sources.value[0].path,
             m_dir.filePath(QStringLiteral("ea-country.mmdb")).toStdString());
    QCOMPARE(sources.value[0].throughId, 6);
    // Which database gave each field.
    QCOMPARE(scalar(database->db(),
                    "SELECT count(*) FROM dest_owners WHERE country_source = 0 AND asn_source = 1"),
             4);

    // In the other order the ASN database comes first and gives no
    // country: the country database still does.
    std::unique_ptr<CaseDatabase> other = newCase("combine2.eacase");
    QVERIFY(other);
    QVERIFY(
        lookUp(*other, {QStringLiteral("ea-asn.mmdb"), QStringLiteral("ea-country.mmdb")}).ok());
    QCOMPARE(ownersOf(*other), expected);
}

void TestOwners::onlyNewDestinationsAreLookedUp()
{
    std::unique_ptr<CaseDatabase> database = newCase("incremental.eacase");
    QVERIFY(database);
    const QStringList dbs {QStringLiteral("ea-country.mmdb"), QStringLiteral("ea-asn.mmdb")};
    QVERIFY(lookUp(*database, dbs).ok());

    // The same files again: up to date without opening them, and nothing
    // written (a look-up runs at every open of the case).
    const std::int64_t lookedUpAt = Owners(*database).sources().value.front().lookedUpAtNs;
    const std::int64_t changes = scalar(database->db(), "SELECT total_changes()");
    Result<OwnerLookup::Report> again = lookUp(*database, dbs);
    QVERIFY(again.ok());
    QVERIFY(again.value.upToDate);
    QVERIFY(again.value.databases.empty());
    QCOMPARE(again.value.stored.lookedUp, 0);

    // A file modified since (the same build copied over it): opened, its
    // version found unchanged, still nothing to look up or write.
    QFile touched(m_dir.filePath(QStringLiteral("ea-asn.mmdb")));
    QVERIFY(touched.open(QIODevice::ReadWrite));
    QVERIFY(touched.setFileTime(QDateTime::currentDateTimeUtc().addSecs(3600),
                                QFileDevice::FileModificationTime));
    touched.close();
    again = lookUp(*database, dbs);
    QVERIFY(again.ok());
    QVERIFY(!again.value.upToDate);
    QCOMPARE(again.value.databases.size(), std::size_t(2));
    QCOMPARE(again.value.stored.lookedUp, 0);
    QVERIFY(!again.value.stored.replaced);
    QCOMPARE(scalar(database->db(), "SELECT total_changes()"), changes);
    QCOMPARE(Owners(*database).sources().value.front().lookedUpAtNs, lookedUpAt);

    // An import adds 9.9.9.9: only it is looked up, and the owners stored
    // before are kept.
    const ImportReport imported
        = ImportJob(*database, m_dir.filePath(QStringLiteral("more.csv"))).run();
    QVERIFY(imported.imported());
    again = lookUp(*database, dbs);
    QVERIFY(again.ok());
    QCOMPARE(again.value.stored.lookedUp, 1);
    QCOMPARE(again.value.stored.found, 1);
    QVERIFY(!again.value.stored.replaced);
    const std::map<std::string, std::string> owners = ownersOf(*database);
    QCOMPARE(owners.at("9.9.9.9"), std::string("CH|0|")); // the registered country
    QCOMPARE(owners.at("8.8.8.8"), std::string("US|15169|GOOGLE"));
    QCOMPARE(Owners(*database).sources().value.front().throughId, 7);
}

void TestOwners::newBuildLooksEverythingUpAgain()
{
    std::unique_ptr<CaseDatabase> database = newCase("build.eacase", true);
    QVERIFY(database);
    QVERIFY(
        lookUp(*database, {QStringLiteral("ea-country.mmdb"), QStringLiteral("ea-asn.mmdb")}).ok());
    QCOMPARE(ownersOf(*database).at("8.8.8.8"), std::string("US|15169|GOOGLE"));

    // A later build of the ASN database: every destination again.
    const Result<OwnerLookup::Report> report
        = lookUp(*database, {QStringLiteral("ea-country.mmdb"), QStringLiteral("ea-asn-new.mmdb")});
    QVERIFY(report.ok());
    QVERIFY(report.value.stored.replaced);
    QCOMPARE(report.value.stored.lookedUp, 7);
    const std::map<std::string, std::string> owners = ownersOf(*database);
    QCOMPARE(owners.at("8.8.8.8"), std::string("US|15169|GOOGLE LLC"));
    QCOMPARE(owners.at("9.9.9.9"), std::string("CH|19281|QUAD9"));
    // Not in the new build: its AS is gone, its country stays.
    QCOMPARE(owners.at("13.113.1.1"), std::string("JP|0|"));

    // One database alone replaces the pair too.
    QVERIFY(lookUp(*database, {QStringLiteral("ea-country.mmdb")}).ok());
    QCOMPARE(ownersOf(*database).at("8.8.8.8"), std::string("US|0|"));
    QCOMPARE(Owners(*database).sources().value.size(), std::size_t(1));
}

void TestOwners::missingDatabaseIsAHint()
{
    // A case with none: looked up in the databases found.
    std::unique_ptr<CaseDatabase> database = newCase("missing.eacase");
    QVERIFY(database);
    Result<OwnerLookup::Report> report
        = lookUp(*database, {QStringLiteral("nope.mmdb"), QStringLiteral("ea-asn.mmdb")});
    QVERIFY2(report.ok(), qPrintable(report.error.message()));
    QCOMPARE(report.value.missing, QStringList {m_dir.filePath(QStringLiteral("nope.mmdb"))});
    QCOMPARE(report.value.databases.size(), std::size_t(1));
    QCOMPARE(ownersOf(*database).at("1.1.1.1"), std::string("|13335|CLOUDFLARENET"));

    // Still missing, and the databases found are the ones the case was looked
    // up in: new destinations are looked up as usual.
    QVERIFY(ImportJob(*database, m_dir.filePath(QStringLiteral("more.csv"))).run().imported());
    report = lookUp(*database, {QStringLiteral("nope.mmdb"), QStringLiteral("ea-asn.mmdb")});
    QVERIFY(report.ok());
    QCOMPARE(report.value.missing.size(), 1);
    QCOMPARE(report.value.stored.lookedUp, 1); // 9.9.9.9
    QVERIFY(!report.value.stored.replaced);

    // A case with owners from another set keeps them while a database is
    // missing.
    QVERIFY(
        lookUp(*database, {QStringLiteral("ea-country.mmdb"), QStringLiteral("ea-asn.mmdb")}).ok());
    report = lookUp(*database, {QStringLiteral("ea-country.mmdb"), QStringLiteral("gone.mmdb")});
    QVERIFY(report.ok());
    QCOMPARE(report.value.missing.size(), 1);
    QVERIFY(report.value.databases.empty());
    QCOMPARE(report.value.stored.lookedUp, 0);
    QCOMPARE(ownersOf(*database).at("1.1.1.1"), std::string("AU|13335|CLOUDFLARENET"));
    QCOMPARE(Owners(*database).sources().value.size(), std::size_t(2));

    // None named, or none there: nothing happens.
    report = lookUp(*database, {});
    QVERIFY(report.ok());
    QVERIFY(report.value.databases.empty());
    QCOMPARE(ownersOf(*database).at("1.1.1.1"), std::string("AU|13335|CLOUDFLARENET"));
}

void TestOwners::caseKeepsOwnersWithoutDatabases()
{
    const QString path = m_dir.filePath(QStringLiteral("shared.eacase"));
    const QString copy = m_dir.filePath(QStringLiteral("shared-asn.mmdb"));
    QFile::remove(copy);
    QVERIFY(QFile::copy(m_dir.filePath(QStringLiteral("ea-asn.mmdb")), copy));
    {
        std::unique_ptr<CaseDatabase> database = newCase("shared.eacase", true);
        QVERIFY(database);
        QVERIFY(OwnerLookup::run(*database, {copy}).ok());
    }
    QVERIFY(QFile::remove(copy)); // the colleague has no database
    std::unique_ptr<CaseDatabase> database = openCase(path, CaseDatabase::OpenMode::ReadOnly);
    QVERIFY(database);
    CaseQueries queries(*database);
    const Result<std::shared_ptr<const DestinationSnapshot>> snapshot
        = DestinationSnapshot::read(queries);
    QVERIFY(snapshot.ok());
    const std::int64_t row = snapshot.value->rowOfId(1); // 1.1.1.1
    QVERIFY(row >= 0);
    QCOMPARE(snapshot.value->asn(std::size_t(row)), 13335U);
    QCOMPARE(snapshot.value->organisation(std::size_t(row)), std::string_view("CLOUDFLARENET"));
    QCOMPARE(snapshot.value->country(std::size_t(row)), std::string_view());
    QVERIFY(snapshot.value->anyOwners());
    // The first rows (what the table paints before the full load) too:
    // 1.1.1.1 is the one destination with two connections.
    const RowsResult<DestinationRow> first
        = queries.busiestDestinations(CaseQueries::DestinationCount::Connections, 10);
    QVERIFY(first.ok());
    QCOMPARE(first.value.size(), std::size_t(1));
    QCOMPARE(first.value[0].canonical, std::string("1.1.1.1"));
    QCOMPARE(first.value[0].organisation, std::string("CLOUDFLARENET"));
    // And the by-id read (drill-down, selection).
    const RowsResult<DestinationRow> byId
        = queries.destinationsByIds(std::vector<std::int64_t> {3});
    QVERIFY(byId.ok());
    QCOMPARE(byId.value.size(), std::size_t(1));
    QCOMPARE(byId.value[0].canonical, std::string("2606:4700::1111"));
    QCOMPARE(byId.value[0].asn, 13335);
}

void TestOwners::damagedDatabaseChangesNothing()
{
    std::unique_ptr<CaseDatabase> database = newCase("damaged.eacase");
    QVERIFY(database);
    QVERIFY(lookUp(*database, {QStringLiteral("ea-asn.mmdb")}).ok());
    const QString bad = m_dir.filePath(QStringLiteral("bad.mmdb"));
    QVERIFY(writeFile(bad, QByteArray("not a MaxMind database\n").repeated(100)));
    const Result<OwnerLookup::Report> report
        = OwnerLookup::run(*database, {m_dir.filePath(QStringLiteral("ea-country.mmdb")), bad});
    QVERIFY(!report.ok());
    QVERIFY2(report.error.message().contains(QStringLiteral("bad.mmdb")),
             qPrintable(report.error.message()));
    QCOMPARE(ownersOf(*database).at("1.1.1.1"), std::string("|13335|CLOUDFLARENET"));
    QCOMPARE(Owners(*database).sources().value.size(), std::size_t(1));
}

void TestOwners::cancelChangesNothing()
{
    std::unique_ptr<CaseDatabase> database = newCase("cancel.eacase");
    QVERIFY(database);
    QVERIFY(lookUp(*database, {QStringLiteral("ea-asn.mmdb")}).ok());
    const std::atomic_bool cancel {true};
    const Result<OwnerLookup::Report> report
        = OwnerLookup::run(*database,
                           {m_dir.filePath(QStringLiteral("ea-country.mmdb")),
                            m_dir.filePath(QStringLiteral("ea-asn.mmdb"))},
                           &cancel);
    QVERIFY(report.ok());
    QVERIFY(report.value.stored.cancelled);
    QCOMPARE(ownersOf(*database).at("1.1.1.1"), std::string("|13335|CLOUDFLARENET"));
    QCOMPARE(Owners(*database).sources().value.size(), std::size_t(1));
    // The write transaction is over: the case takes the next write.
    QVERIFY(lookUp(*database, {QStringLiteral("ea-country.mmdb")}).ok());
    QCOMPARE(ownersOf(*database).at("1.1.1.1"), std::string("AU|0|"));
}

void TestOwners::lookUpErrorPartWayChangesNothing()
{
    std::unique_ptr<CaseDatabase> database = newCase("partway.eacase");
    QVERIFY(database);
    QVERIFY(lookUp(*database, {QStringLiteral("ea-asn.mmdb")}).ok());
    const std::map<std::string, std::string> before = ownersOf(*database);

    // Another database (the replace path: every stored owner dropped first),
    // whose third look-up fails.
    OwnerSource other;
    other.name = "EA-Other";
    other.buildEpoch = 1;
    int calls = 0;
    const Owners::LookUp failing = [&](const IpAddress &, DestinationOwner &owner) {
        if (++calls == 3)
            return Error(QStringLiteral("broken database"), Error::Code::Invalid);
        owner.country = "DE";
        return Error();
    };
    const Result<Owners::Stored> failed = Owners(*database).update({other}, failing);
    QVERIFY(!failed.ok());
    QCOMPARE(failed.error.message(), QStringLiteral("broken database"));
    QCOMPARE(ownersOf(*database), before);
    QCOMPARE(Owners(*database).sources().value.front().name, std::string("EA-Test-ASN"));

    // Cancelled after two look-ups: the same.
    std::atomic_bool cancel {false};
    calls = 0;
    const Owners::LookUp cancelling = [&](const IpAddress &, DestinationOwner &owner) {
        if (++calls == 2)
            cancel = true;
        owner.country = "DE";
        return Error();
    };
    const Result<Owners::Stored> cancelled = Owners(*database).update({other}, cancelling, &cancel);
    QVERIFY(cancelled.ok());
    QVERIFY(cancelled.value.cancelled);
    QCOMPARE(ownersOf(*database), before);

    // A value the case would not store is dropped, and a destination left
    // with nothing gets no row.
    const Owners::LookUp odd = [&](const IpAddress &, DestinationOwner &owner) {
        owner.country = "deu";
        owner.asn = std::int64_t(1) << 33;
        owner.organisation = std::string("bad\xff");
        return Error();
    };
    const Result<Owners::Stored> dropped = Owners(*database).update({other}, odd);
    QVERIFY(dropped.ok());
    QCOMPARE(dropped.value.found, 0);
    QCOMPARE(scalar(database->db(), "SELECT count(*) FROM dest_owners"), 0);
}

void TestOwners::damagedCaseFieldsReadAsUnknown()
{
    std::unique_ptr<CaseDatabase> database = newCase("fields.eacase");
    QVERIFY(database);
    QVERIFY(
        lookUp(*database, {QStringLiteral("ea-country.mmdb"), QStringLiteral("ea-asn.mmdb")}).ok());
    // Edited by hand: a country of three letters, another in lower case, an
    // AS number past 32 bits, a negative one, an organisation on two lines,
    // one that is not UTF-8.
    QVERIFY(database->db().exec(
        "UPDATE dest_owners SET country = 'AUS', asn = 4294967296, org = 'a' || char(10) || 'b' "
        "WHERE dest_id = 1;"
        "UPDATE dest_owners SET country = 'us', asn = -1, org = CAST(X'FF41' AS TEXT) "
        "WHERE dest_id = 2;"));
    const std::map<std::string, std::string> owners = ownersOf(*database);
    QCOMPARE(owners.at("1.1.1.1"), std::string("|0|"));
    QCOMPARE(owners.at("8.8.8.8"), std::string("|0|"));
    QCOMPARE(owners.at("13.113.1.1"), std::string("JP|16509|AMAZON-02 line"));
    CaseQueries queries(*database);
    const Result<std::shared_ptr<const DestinationSnapshot>> snapshot
        = DestinationSnapshot::read(queries);
    QVERIFY(snapshot.ok());
    QCOMPARE(snapshot.value->country(0), std::string_view());
    QCOMPARE(snapshot.value->asn(1), 0U);
    QCOMPARE(snapshot.value->organisation(1), std::string_view());
}

void TestOwners::formatEightCase()
{
    const QString path = m_dir.filePath(QStringLiteral("eight.eacase"));
    {
        std::unique_ptr<CaseDatabase> database = newCase("eight.eacase");
        QVERIFY(database);
    }
    {
        SqliteDb raw;
        QVERIFY(raw.open(path.toStdString(), SqliteDb::Access::ReadWrite));
        QVERIFY(raw.exec((asFormat8() + "PRAGMA user_version = 8;").c_str()));
    }
    {
        // Read-only: its own format, no owners, nothing stored.
        std::unique_ptr<CaseDatabase> database = openCase(path, CaseDatabase::OpenMode::ReadOnly);
        QVERIFY(database);
        QCOMPARE(database->schemaVersion(), 8);
        QVERIFY(!Owners(*database).hasTables());
        QVERIFY(Owners(*database).sources().ok());
        QCOMPARE(ownersOf(*database).at("1.1.1.1"), std::string("|0|"));
        const Result<OwnerLookup::Report> report
            = lookUp(*database, {QStringLiteral("ea-asn.mmdb")});
        QVERIFY(!report.ok());
        QCOMPARE(report.error.code(), Error::Code::Invalid);
    }
    // Read-write: migrated to format 9, and looked up.
    std::unique_ptr<CaseDatabase> database = openCase(path, CaseDatabase::OpenMode::OpenExisting);
    QVERIFY(database);
    QCOMPARE(database->schemaVersion(), 9);
    QVERIFY(lookUp(*database, {QStringLiteral("ea-asn.mmdb")}).ok());
    QCOMPARE(ownersOf(*database).at("1.1.1.1"), std::string("|13335|CLOUDFLARENET"));
}

void TestOwners::snapshotSortsByOwner()
{
    std::unique_ptr<CaseDatabase> database = newCase("sort.eacase", true);
    QVERIFY(database);
    QVERIFY(
        lookUp(*database, {QStringLiteral("ea-country.mmdb"), QStringLiteral("ea-asn-new.mmdb")})
            .ok());
    CaseQueries queries(*database);
    const Result<std::shared_ptr<const DestinationSnapshot>> read
        = DestinationSnapshot::read(queries);
    QVERIFY(read.ok());
    const DestinationSnapshot &snapshot = *read.value;
    const DestinationReview review;
    const auto order = [&](DestinationField field, bool descending) {
        QByteArrayList out;
        for (const std::uint32_t row : sortedRows(snapshot, review, {field, descending}))
            out << QByteArray::fromStdString(snapshot.canonical(row));
        return out;
    };
    // Unknown first ascending; ties in address order (IPv4 first). The new
    // ASN build has no 2606:4700::/32 and no 13.112.0.0/14.
    QCOMPARE(order(DestinationField::Country, false),
             (QByteArrayList {"10.0.0.1", "203.0.113.9", "1.1.1.1", "9.9.9.9", "13.113.1.1",
                              "8.8.8.8", "2606:4700::1111"}));
    QCOMPARE(order(DestinationField::Asn, true),
             (QByteArrayList {"9.9.9.9", "8.8.8.8", "1.1.1.1", "10.0.0.1", "13.113.1.1",
                              "203.0.113.9", "2606:4700::1111"}));
    QCOMPARE(order(DestinationField::Organisation, false),
             (QByteArrayList {"10.0.0.1", "13.113.1.1", "203.0.113.9", "2606:4700::1111", "1.1.1.1",
                              "8.8.8.8", "9.9.9.9"}));
    // Rows of one owner share one entry.
    QCOMPARE(snapshot.owners().size(),
             std::size_t(6)); // none, AU 13335, US 15169, CH 19281, JP, US
}

void TestOwners::filterTerms_data()
{
    QTest::addColumn<QByteArray>("filter");
    QTest::addColumn<QByteArrayList>("rows");
    QTest::newRow("country") << QByteArray("country:JP") << QByteArrayList {"13.113.1.1"};
    QTest::newRow("country lower case")
        << QByteArray("country:us") << QByteArrayList {"8.8.8.8", "2606:4700::1111"};
    QTest::newRow("asn") << QByteArray("asn:13335")
                         << QByteArrayList {"1.1.1.1", "2606:4700::1111"};
    QTest::newRow("asn with AS") << QByteArray("asn:AS15169") << QByteArrayList {"8.8.8.8"};
    QTest::newRow("asn lower as") << QByteArray("ASN:as15169") << QByteArrayList {"8.8.8.8"};
    QTest::newRow("org substring") << QByteArray("org:amazon") << QByteArrayList {"13.113.1.1"};
    QTest::newRow("org folded") << QByteArray("org:cloudflare")
                                << QByteArrayList {"1.1.1.1", "2606:4700::1111"};
    QTest::newRow("org quoted blank")
        << QByteArray("org:\"02 line\"") << QByteArrayList {"13.113.1.1"};
    QTest::newRow("together") << QByteArray("country:US asn:13335")
                              << QByteArrayList {"2606:4700::1111"};
    QTest::newRow("no such country") << QByteArray("country:DE") << QByteArrayList {};
}

void TestOwners::filterTerms()
{
    QFETCH(QByteArray, filter);
    QFETCH(QByteArrayList, rows);
    static std::unique_ptr<CaseDatabase> database;
    if (!database) {
        database = newCase("filter.eacase");
        QVERIFY(database);
        QVERIFY(
            lookUp(*database, {QStringLiteral("ea-country.mmdb"), QStringLiteral("ea-asn.mmdb")})
                .ok());
    }
    const DestinationFilter parsed = DestinationFilter::parse(filter.toStdString());
    QVERIFY2(parsed.error().isNull(), qPrintable(parsed.error().message()));
    const RowsResult<DestinationRow> all = CaseQueries(*database).destinations({.all = true});
    QVERIFY(all.ok());
    QByteArrayList matched;
    for (const DestinationRow &row : all.value) {
        if (parsed.matches(row))
            matched << QByteArray::fromStdString(row.canonical);
    }
    std::sort(matched.begin(), matched.end());
    std::sort(rows.begin(), rows.end());
    QCOMPARE(matched, rows);
}

void TestOwners::filterErrors_data()
{
    QTest::addColumn<QByteArray>("filter");
    QTest::newRow("one letter") << QByteArray("country:J");
    QTest::newRow("three letters") << QByteArray("country:JPN");
    QTest::newRow("digits") << QByteArray("country:12");
    QTest::newRow("no value") << QByteArray("country:");
    QTest::newRow("asn zero") << QByteArray("asn:0");
    QTest::newRow("asn too big") << QByteArray("asn:4294967296");
    QTest::newRow("asn text") << QByteArray("asn:cloudflare");
    QTest::newRow("asn only AS") << QByteArray("asn:AS");
    QTest::newRow("org empty") << QByteArray("org:");
}

void TestOwners::filterErrors()
{
    QFETCH(QByteArray, filter);
    const DestinationFilter parsed = DestinationFilter::parse(filter.toStdString());
    QVERIFY(!parsed.error().isNull());
    QCOMPARE(parsed.error().code(), Error::Code::Invalid);
    QVERIFY2(parsed.error().message().contains(QString::fromLatin1(filter)),
             qPrintable(parsed.error().message()));
    DestinationRow row;
    row.country = "JP";
    row.asn = 1;
    QVERIFY(!parsed.matches(row));
}

void TestOwners::exportColumns()
{
    DestinationRow row;
    row.canonical = "1.1.1.1";
    row.expanded = "1.1.1.1";
    row.category = "global";
    row.country = "AU";
    row.asn = 13335;
    row.organisation = "=CLOUDFLARENET"; // a spreadsheet formula is defused
    std::string out;
    CsvWriter csv(out);
    writeDestinationsHeader(csv);
    writeDestinationRow(csv, row);
    const QList<QByteArray> lines = QByteArray::fromStdString(out).split('\n');
    QVERIFY(lines[0].trimmed().endsWith(",lists,country,asn,as_org"));
    QVERIFY2(lines[1].trimmed().endsWith(",AU,13335,'=CLOUDFLARENET"), lines[1].constData());
    // Unknown: empty cells (never an AS number 0).
    row.country.clear();
    row.asn = 0;
    row.organisation.clear();
    row.lists = "iocs";
    out.clear();
    writeDestinationRow(csv, row);
    QVERIFY2(QByteArray::fromStdString(out).trimmed().endsWith(",iocs,,,"), out.c_str());
}

void TestOwners::ownersCommand()
{
    const QString path = m_dir.filePath(QStringLiteral("cli.eacase"));
    QVERIFY(newCase("cli.eacase"));
    Run run = runCli({QStringLiteral("owners"), QStringLiteral("--case"), path,
                      QStringLiteral("--mmdb"), db("ea-country.mmdb"), QStringLiteral("--mmdb"),
                      db("ea-asn.mmdb"), QStringLiteral("--mmdb"), db("absent.mmdb")});
    QVERIFY2(run.exitCode == 0, describe(run));
    QVERIFY2(run.out.startsWith("owners: 6 destinations looked up (all), 4 with an owner; "
                                "EA-Test-Country (built "),
             run.out.constData());
    QVERIFY2(run.err.contains("hint: ") && run.err.contains("absent.mmdb"), run.err.constData());

    run = runCli({QStringLiteral("owners"), QStringLiteral("--case"), path});
    QVERIFY2(run.exitCode == 0, describe(run));
    const QList<QByteArray> lines = run.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines[0].trimmed(), QByteArray("rank,database,built,looked_up_at,path"));
    QVERIFY2(lines[1].startsWith("0,EA-Test-Country,"), lines[1].constData());
    QVERIFY2(lines[2].startsWith("1,EA-Test-ASN,"), lines[2].constData());

    run = runCli({QStringLiteral("destinations"), QStringLiteral("--case"), path});
    QVERIFY2(run.exitCode == 0, describe(run));
    QVERIFY2(run.out.contains("\n1.1.1.1,") && run.out.contains(",AU,13335,CLOUDFLARENET"),
             run.out.constData());

    // A damaged database fails the command and names the file.
    const QString bad = m_dir.filePath(QStringLiteral("bad-cli.mmdb"));
    QVERIFY(writeFile(bad, QByteArray(4096, 'x')));
    run = runCli(
        {QStringLiteral("owners"), QStringLiteral("--case"), path, QStringLiteral("--mmdb"), bad});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("bad-cli.mmdb"), run.err.constData());

    // --clear forgets them; with --mmdb it is a usage error.
    run = runCli({QStringLiteral("owners"), QStringLiteral("--case"), path,
                  QStringLiteral("--clear"), QStringLiteral("--mmdb"), db("ea-asn.mmdb")});
    QCOMPARE(run.exitCode, 2);
    run = runCli(
        {QStringLiteral("owners"), QStringLiteral("--case"), path, QStringLiteral("--clear")});
    QVERIFY2(run.exitCode == 0, describe(run));
    run = runCli({QStringLiteral("owners"), QStringLiteral("--case"), path});
    QCOMPARE(run.out.trimmed(), QByteArray("rank,database,built,looked_up_at,path"));
    run = runCli({QStringLiteral("destinations"), QStringLiteral("--case"), path});
    QVERIFY2(!run.out.contains("CLOUDFLARENET"), run.out.constData());

    // A stray argument is a usage error.
    run = runCli(
        {QStringLiteral("owners"), QStringLiteral("--case"), path, QStringLiteral("extra")});
    QCOMPARE(run.exitCode, 2);
}

QTEST_GUILESS_MAIN(TestOwners)
#include "tst_owners.moc"
