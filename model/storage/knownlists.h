#pragma once

#include "address/cidr.h"
#include "address/ipaddress.h"
#include "address/prefixmap.h"
#include "core/error.h"
#include "storage/casedatabase.h"
#include "storage/markstatus.h"

#include <QCoreApplication>
#include <QString>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ea {

// One known list of a case (table `lists`, case format 7).
struct KnownList
{
    std::int64_t id = 0;
    std::string name; // unique in the case; UTF-8
    std::string source; // the file it was read from
    std::string format; // knownListFormatId()
    std::string version; // the provider's, or empty
    std::int64_t importedAtNs = 0;
    std::int64_t entries = 0;
};

// Which known lists hold an address: per list, its most specific block
// (PrefixMap), with that block's label. Built once from the case's lists and
// shared read-only by the views and exports; a million destinations against
// 500,000 blocks cost one binary search each per list.
class KnownListIndex
{
public:
    struct Match
    {
        std::uint32_t list = 0; // index into lists()
        std::uint32_t label = 0; // index into that list's labels
    };

    KnownListIndex() = default;
    // lists in the order they are shown (by name); entries[k] are lists[k]'s.
    KnownListIndex(std::vector<KnownList> lists,
                   const std::vector<std::vector<LabelledBlock>> &entries);

    [[nodiscard]] bool isEmpty() const noexcept { return m_lists.empty(); }
    [[nodiscard]] const std::vector<KnownList> &lists() const noexcept { return m_lists; }

    // The label index of list's most specific block holding the address, or -1.
    [[nodiscard]] std::int32_t find(std::uint32_t list, const IpAddress &address) const
    {
        return list < m_maps.size() ? m_maps[list].find(address) : -1;
    }
    // Appends to out (cleared first) the lists holding the address, in list order.
    void matches(const IpAddress &address, std::vector<Match> &out) const;
    [[nodiscard]] std::string_view label(const Match &m) const { return m_labels[m.list][m.label]; }
    // "name: label" for each match, joined with "; " ("name" for an empty
    // label); empty when no list holds the address. The form of the Lists
    // column and of the export's `lists` column.
    [[nodiscard]] std::string describe(const IpAddress &address) const;
    void describe(const std::vector<Match> &matches, std::string &out) const;

    [[nodiscard]] std::size_t bytes() const noexcept;

private:
    std::vector<KnownList> m_lists;
    std::vector<PrefixMap> m_maps; // values: label indexes
    std::vector<std::vector<std::string>> m_labels; // per list, distinct labels
};

// The known lists of one case. Lists are replaced whole; imports of events
// never touch them. A case of format 6 or older opened read-only has none.
// The object must not outlive its CaseDatabase.
class KnownLists
{
    Q_DECLARE_TR_FUNCTIONS(ea::KnownLists)

public:
    static constexpr std::size_t kMaxNameBytes = 64;

    explicit KnownLists(CaseDatabase &database);

    // Why name cannot name a list (empty, too long, not UTF-8, a control
    // character, ':' or ';' in it, blanks at either end), or an empty string.
    [[nodiscard]] static QString nameProblem(std::string_view name);

    // What a list is stored from (import/KnownListFile reads it from a file).
    struct Contents
    {
        std::string_view source; // the file's path
        std::string_view format; // knownListFormatId()
        std::string_view version;
        std::span<const LabelledBlock> entries; // distinct blocks
    };

    // Stores the list in one transaction: a new list, or (replace) the
    // list of that name replaced by this one. An existing name without
    // replace is refused. Returns the list's id.
    [[nodiscard]] Result<std::int64_t> store(std::string_view name, const Contents &contents,
                                             bool replace);
    // Removes the named list; NotFound when there is none.
    [[nodiscard]] Error remove(std::string_view name);

    // What applyStatus() did.
    struct Applied
    {
        std::int64_t matched = 0; // destinations the list holds
        std::int64_t added = 0; // new marks
        std::int64_t updated = 0; // marks of an earlier apply of this list, changed
        std::int64_t unchanged = 0;
        std::int64_t kept = 0; // a mark this list did not make (the analyst's, another
                               // list's) on that address, left as it was
        Error error; // nothing changed
    };

    // Gives every destination of the case that the named list holds the
    // status, as ordinary marks on its address (undoable like any other),
    // each with the note "list NAME: LABEL". An address that already has a
    // mark of its own keeps it, unless an earlier apply of this list made
    // it. One transaction. Unreviewed is refused (remove the marks instead).
    [[nodiscard]] Applied applyStatus(std::string_view name, MarkStatus status);
    // The note applyStatus() writes.
    [[nodiscard]] static std::string noteFor(std::string_view list, std::string_view label);

    // Every list, by name.
    [[nodiscard]] RowsResult<KnownList> lists();
    // The entries of one list, in stored order.
    [[nodiscard]] RowsResult<LabelledBlock> entries(std::int64_t listId);
    // Every list with its blocks, ready to match.
    [[nodiscard]] Result<KnownListIndex> index();

private:
    [[nodiscard]] bool hasTables() const;

    CaseDatabase &m_database;
};

} // namespace ea
