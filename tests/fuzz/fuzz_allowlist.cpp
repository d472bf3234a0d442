// Fuzzes the allowlist import (Allowlist::importCsv): its CSV parsing is
// private to allowlist.cpp and applies rows to a case, so the target imports
// into one temporary case made once per process and empties its marks after
// every input. Checks: no crash, every data row is either applied or
// reported as a problem with a line and a reason.

#include "fuzzsupport.h"

#include "review/allowlist.h"
#include "storage/casedatabase.h"

#include <QBuffer>
#include <QTemporaryDir>

#include <memory>

namespace {

// Made on first use; destroyed at exit, which removes the temporary case.
struct Fixture
{
    Fixture()
    {
        FUZZ_CHECK(dir.isValid());
        ea::CaseDatabase::Result r
            = ea::CaseDatabase::open(dir.filePath(QStringLiteral("fuzz.eacase")),
                                     ea::CaseDatabase::OpenMode::CreateIfMissing);
        FUZZ_CHECK(r.ok());
        database = std::move(r.database);
        // Speed only: this throw-away case need not survive a power cut.
        (void)database->db().exec("PRAGMA synchronous=OFF");
        (void)database->db().exec("PRAGMA journal_mode=MEMORY");
    }

    QTemporaryDir dir;
    std::unique_ptr<ea::CaseDatabase> database;
};

Fixture &fixture()
{
    static Fixture f;
    return f;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    ea::CaseDatabase &database = *fixture().database;
    QByteArray bytes
        = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    QBuffer input(&bytes);
    FUZZ_CHECK(input.open(QIODevice::ReadOnly));
    const ea::Allowlist::ImportResult result = ea::Allowlist::importCsv(database, input);
    if (result.ok()) {
        FUZZ_CHECK(result.added + result.updated + result.unchanged + int(result.problems.size())
                   == result.rows);
        std::int64_t previous = 0;
        for (const ea::Allowlist::Problem &problem : result.problems) {
            FUZZ_CHECK(problem.line > previous && !problem.reason.isEmpty());
            previous = problem.line;
        }
    } else {
        FUZZ_CHECK(result.added == 0 && result.updated == 0 && result.unchanged == 0);
    }
    FUZZ_CHECK(database.db().exec("DELETE FROM marks"));
    return 0;
}
