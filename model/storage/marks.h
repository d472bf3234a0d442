#pragma once

#include "address/cidr.h"
#include "address/ipaddress.h"
#include "address/prefixmap.h"
#include "core/error.h"
#include "storage/casedatabase.h"
#include "storage/markstatus.h"
#include "storage/sqlite.h"

#include <QCoreApplication>
#include <QString>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ea {

// "unreviewed", "known-safe", "suspicious", "malicious", "internal".
[[nodiscard]] std::string_view markStatusId(MarkStatus status) noexcept;
// The status whose identifier is id (exact, lower case); false when none.
[[nodiscard]] bool markStatusFromId(std::string_view id, MarkStatus &status) noexcept;

struct Mark
{
    std::int64_t id = 0;
    Cidr cidr;
    std::string cidrText; // canonical: "10.0.0.0/8", "2001:db8::5/128"
    MarkStatus status = MarkStatus::Unreviewed;
    std::string note; // UTF-8
    std::int64_t createdAtNs = 0; // UTC nanoseconds
    std::int64_t updatedAtNs = 0;
};

// A mark target parsed from text: a CIDR block or a bare address.
struct MarkTarget
{
    Cidr cidr;
    Error error; // null when the text is a valid target

    [[nodiscard]] bool ok() const noexcept { return error.isNull(); }
};

// Longest-prefix lookup over a snapshot of the marks, for bulk use (queries,
// exports, models): one PrefixMap, so find() is one binary search with no SQL
// and no allocation.
//
// Families: an IPv4 mark applies to IPv4 destinations (stored IPv4-mapped) and
// to any address in ::ffff:0:0/96; an IPv6 mark applies to every other
// address. So ::/0 does not cover IPv4 hosts, matching Cidr::contains().
class MarkIndex
{
public:
    MarkIndex() = default;
    explicit MarkIndex(std::vector<Mark> marks);

    // The most specific mark containing the address, or nullptr.
    [[nodiscard]] const Mark *find(const IpAddress &address) const noexcept;
    [[nodiscard]] MarkStatus statusFor(const IpAddress &address) const noexcept;

    [[nodiscard]] const std::vector<Mark> &marks() const noexcept { return m_marks; }
    [[nodiscard]] bool isEmpty() const noexcept { return m_marks.empty(); }

private:
    std::vector<Mark> m_marks;
    PrefixMap m_map; // values: indexes into m_marks
};

// The marks of one case (table `marks`). Changes are written at once, so every
// query that follows sees them; imports never touch this table. The Marks
// object must not outlive its CaseDatabase.
class Marks
{
    Q_DECLARE_TR_FUNCTIONS(ea::Marks)

public:
    enum class Change : std::uint8_t { Added, Updated, Unchanged, Removed };

    // Not ea::Result<Change>: a failed change still says Unchanged.
    struct Result
    {
        Change change = Change::Unchanged;
        Error error; // null on success

        [[nodiscard]] bool ok() const noexcept { return error.isNull(); }
    };

    explicit Marks(CaseDatabase &database);
    ~Marks();
    Marks(const Marks &) = delete;
    Marks &operator=(const Marks &) = delete;

    // The case these marks are in (an allowlist import on the same connection).
    [[nodiscard]] CaseDatabase &database() const noexcept { return m_database; }

    // "10.0.0.0/8", "2001:db8::/32", or a bare address ("192.0.2.7" becomes
    // 192.0.2.7/32). A block with host bits set is refused (with the block it
    // probably meant), as is a zone index. An IPv6 block inside ::ffff:0:0/96
    // is the IPv4 block it spells ("::ffff:10.0.0.0/104" is 10.0.0.0/8).
    [[nodiscard]] static MarkTarget parseTarget(std::string_view text);
    // The stored, canonical form of a block; normalises IPv4-mapped blocks.
    [[nodiscard]] static Cidr normalized(const Cidr &cidr) noexcept;
    [[nodiscard]] static std::string canonicalText(const Cidr &cidr);

    // Adds or updates the mark for exactly this block (upsert by canonical
    // text). created_at is kept; updated_at changes only when status or note
    // does. Unreviewed is refused: use removeMark().
    [[nodiscard]] Result setMark(const Cidr &target, MarkStatus status, std::string_view note);
    [[nodiscard]] Result setMark(const IpAddress &address, MarkStatus status,
                                 std::string_view note);
    [[nodiscard]] Result setMark(std::string_view target, MarkStatus status, std::string_view note);

    // Removes the mark on exactly this block (not the marks inside it).
    [[nodiscard]] Result removeMark(const Cidr &target);
    [[nodiscard]] Result removeMark(std::string_view target);

    // Every mark, in address order (a block before the blocks inside it).
    [[nodiscard]] RowsResult<Mark> marks();
    // The mark stored for exactly this block (not a containing one), if any;
    // IPv4-mapped blocks are looked up as the IPv4 block they spell.
    [[nodiscard]] ea::Result<std::optional<Mark>> markFor(const Cidr &target);
    // A lookup snapshot of the current marks, or the read error.
    [[nodiscard]] ea::Result<MarkIndex> index();

    // The most specific mark containing the address (one SQL lookup; use a
    // MarkIndex for many addresses). A read error gives Unreviewed.
    [[nodiscard]] MarkStatus statusFor(const IpAddress &address);

private:
    CaseDatabase &m_database;
    Statement m_find; // prepared on first use
    Statement m_insert;
    Statement m_update;
    Statement m_remove;
};

} // namespace ea
