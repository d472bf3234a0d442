#pragma once

#include "core/error.h"
#include "storage/casedatabase.h"
#include "storage/owners.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <atomic>
#include <vector>

namespace ea {

// Looks the destinations of a case up in the MaxMind-format databases the
// analyst names (import/MmdbFile) and keeps the answers in the case
// (storage/Owners): each destination once per database version, so a second
// run after an import looks up only the new destinations, and a new build of
// a database (or another set of databases) looks every destination up again.
// The country comes from the first database, in the order given, that has
// one; the AS number and organisation, together, from the first that has
// either: a Country or City database and an ASN one give all three.
class OwnerLookup
{
    Q_DECLARE_TR_FUNCTIONS(ea::OwnerLookup)

public:
    struct Report
    {
        // Databases named but not found: a hint, not an error. With one
        // missing, a case whose owners came from another set keeps them as
        // they are (half the databases would replace what the whole set
        // found); a case with none, or whose owners came from exactly those
        // found, is looked up in those found. With none found, nothing is
        // looked up.
        QStringList missing;
        std::vector<OwnerSource> databases; // those looked up in, in order; empty: none
        // Nothing to do, known without opening a database: the same files,
        // none modified since the case last stored a look-up with them, and
        // no destination added since.
        bool upToDate = false;
        Owners::Stored stored;
    };

    // A damaged database (or a case that cannot store owners) is an error and
    // changes nothing. Each database is read into a private copy (MmdbFile),
    // tens of megabytes for a City database: a run with nothing to do (see
    // Report::upToDate) opens none.
    [[nodiscard]] static Result<Report> run(CaseDatabase &database, const QStringList &paths,
                                            const std::atomic_bool *cancel = nullptr);
};

} // namespace ea
