#pragma once

#include "storage/sqlite.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace ea {

// Inserts many rows with a statement of kRows rows at a time ("VALUES
// (…),(…),…"), and the remainder one by one: one step() per group instead of
// per row, which is most of SQLite's per-row cost in a bulk insert.
class MultiRowInsert
{
public:
    static constexpr std::size_t kRows = 32;

    // head: "INSERT INTO t(a, b, c)" (fixed SQL, never user text).
    MultiRowInsert(SqliteDb &db, std::string_view head, int columns)
        : m_columns(columns)
    {
        std::string row = "(?";
        for (int c = 1; c < columns; ++c)
            row += ",?";
        row += ')';
        std::string sql = std::string(head) + " VALUES " + row;
        (void)m_one.prepare(db, sql);
        for (std::size_t k = 1; k < kRows; ++k)
            sql += ',' + row;
        (void)m_many.prepare(db, sql);
    }

    [[nodiscard]] bool isValid() const noexcept { return m_one.isValid() && m_many.isValid(); }

    // Inserts rows 0 … count - 1; bind(statement, base, row) binds one row's
    // values at parameters base + 1 … base + columns.
    template<typename Bind> [[nodiscard]] bool insert(std::size_t count, Bind &&bind)
    {
        std::size_t row = 0;
        for (Statement *s : {&m_many, &m_one}) {
            const std::size_t group = s == &m_many ? kRows : 1;
            for (; row + group <= count; row += group) {
                for (std::size_t k = 0; k < group; ++k)
                    bind(*s, int(k) * m_columns, row + k);
                if (s->step() != Statement::Step::Done) {
                    m_failed = s;
                    return false;
                }
                s->reset();
            }
        }
        return true;
    }

    // The statement that failed, for its error message.
    [[nodiscard]] const Statement &failed() const noexcept { return m_failed ? *m_failed : m_one; }

private:
    int m_columns;
    Statement m_one;
    Statement m_many;
    const Statement *m_failed = nullptr;
};

} // namespace ea
