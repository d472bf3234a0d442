#pragma once

#include <cstdint>
#include <string>

namespace ea {

class SqliteDb;

// The schema of each case format version, as forward migrations, and the
// check that a case's schema is exactly that.
//
// A case is untrusted input: whoever made the file can add a trigger (run by
// the next import or mark), a view, an index, or change a table's definition.
// So a case's sqlite_schema must hold exactly the objects the migrations
// create for its version, compared as (type, name, table, SQL with white
// space normalised). The only extra objects allowed are SQLite's own
// statistics tables (sqlite_stat1, sqlite_stat4), which ANALYZE may add and
// which only steer the query planner.
class CaseSchema
{
public:
    // The version the last migration makes (CaseDatabase::kSchemaVersion).
    static constexpr int kLatestVersion = 9;

    // Runs the migrations after version `from` up to `to` (no transaction,
    // no PRAGMAs); version 0 is an empty database.
    // `why`: on failure, the reason (SQLite's or the step's own).
    [[nodiscard]] static bool migrate(SqliteDb &db, int from, int to, std::string *why = nullptr);

    struct Difference
    {
        enum class Kind : std::uint8_t { None, Unexpected, Missing, Altered };
        Kind kind = Kind::None;
        std::string type; // table, index, trigger or view
        std::string name;
    };

    // How the main schema of `db` differs from that of `version` (the first
    // difference found), or Kind::None. False when SQLite failed; `db`'s or
    // the in-memory reference's error is then in `error`.
    [[nodiscard]] static bool compare(SqliteDb &db, int version, Difference &difference,
                                      int &sqliteCode, std::string &error);
};

} // namespace ea
