#pragma once

#include "address/ipaddress.h"
#include "core/error.h"
#include "core/largeallocator.h"
#include "storage/casequeries.h"
#include "storage/marks.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ea {

// Row numbers of a snapshot, in some order: megabytes at a million rows,
// so in LargeVector memory (huge pages: fewer page faults).
using RowIds = LargeVector<std::uint32_t>;

// Every destination of a case as the workbench shows them, read once off the
// GUI thread and never changed afterwards, so that pool threads sort and
// filter it while the GUI thread paints from it. One array per field (about
// 80 bytes a destination, against some 450 for a vector of DestinationRow
// with its heap strings); the address texts are formatted when shown, and the
// ports are numbers, so that sorting compares numbers, never text.
//
// Rows are numbered 0..size()-1 in the case's table order. The review status
// of each row lives apart, in DestinationReview: marks change it while the
// snapshot stays the same.
class DestinationSnapshot
{
public:
    static constexpr std::int64_t kNoTime = std::numeric_limits<std::int64_t>::min();

    // Reads every destination (CaseQueries::forEachDestinationFields, in
    // table order). Rows the importer cannot have written are skipped, as the
    // listing skips them.
    [[nodiscard]] static Result<std::shared_ptr<const DestinationSnapshot>>
    read(CaseQueries &queries);
    // The same from rows in memory (tests, and the CLI's listings).
    [[nodiscard]] static std::shared_ptr<const DestinationSnapshot>
    fromRows(const std::vector<DestinationRow> &rows);

    [[nodiscard]] std::size_t size() const noexcept { return m_family.size(); }

    [[nodiscard]] std::int64_t id(std::size_t row) const
    {
        return m_idsAreRows ? std::int64_t(row) + 1 : m_id[row];
    }
    [[nodiscard]] IpAddress address(std::size_t row) const;
    [[nodiscard]] Family family(std::size_t row) const { return Family(m_family[row]); }
    [[nodiscard]] std::string canonical(std::size_t row) const;
    [[nodiscard]] std::string expanded(std::size_t row) const;
    [[nodiscard]] std::string_view category(std::size_t row) const
    {
        return m_categories[m_category[row]];
    }
    // The row's category as an index into categories() (at most 256).
    [[nodiscard]] std::uint8_t categoryIndex(std::size_t row) const { return m_category[row]; }
    [[nodiscard]] const std::vector<std::string> &categories() const noexcept
    {
        return m_categories;
    }
    [[nodiscard]] bool external(std::size_t row) const { return m_external[row] != 0; }
    [[nodiscard]] std::int64_t connections(std::size_t row) const
    {
        return m_wideConnections.empty() ? std::int64_t(m_connections[row])
                                         : m_wideConnections[row];
    }
    [[nodiscard]] std::int64_t processes(std::size_t row) const { return m_processes[row]; }
    [[nodiscard]] std::int64_t hosts(std::size_t row) const { return m_hosts[row]; }
    // The destination ports, ascending; truncated when the case listed more
    // than it keeps (the "…" of DestinationRow::ports).
    [[nodiscard]] std::span<const std::uint16_t> ports(std::size_t row) const
    {
        return {m_portPool.data() + m_portStart[row], m_portStart[row + 1] - m_portStart[row]};
    }
    // Every row's ports one after another (the ports() of each row in turn).
    [[nodiscard]] std::span<const std::uint16_t> portPool() const noexcept { return m_portPool; }
    [[nodiscard]] bool portsTruncated(std::size_t row) const { return m_portsTruncated[row] != 0; }
    // In DestinationRow::ports form: "22;443", with ";…" when truncated.
    [[nodiscard]] std::string portsText(std::size_t row) const;
    void portsText(std::size_t row, std::string &out) const; // reuses out's capacity
    [[nodiscard]] std::optional<std::int64_t> firstNs(std::size_t row) const
    {
        return m_firstNs[row] == kNoTime ? std::nullopt : std::optional(m_firstNs[row]);
    }
    [[nodiscard]] std::optional<std::int64_t> lastNs(std::size_t row) const
    {
        return m_lastNs[row] == kNoTime ? std::nullopt : std::optional(m_lastNs[row]);
    }
    // Bytes out and in summed over the events that named them; -1 when none
    // did (all of a case without byte counts, which costs no memory here).
    [[nodiscard]] std::int64_t bytesOut(std::size_t row) const
    {
        return m_withBytes ? m_bytesOut[row] : -1;
    }
    [[nodiscard]] std::int64_t bytesIn(std::size_t row) const
    {
        return m_withBytes ? m_bytesIn[row] : -1;
    }
    // Which ways the connections went: DirectionBits, 0 when unknown.
    [[nodiscard]] std::uint8_t directions(std::size_t row) const { return m_directions[row]; }
    // Its times may be local times of an unknown zone (unknownzone.h): read()
    // only.
    [[nodiscard]] bool anyTimesZoneUnknown() const noexcept { return !m_zoneUnknownIds.empty(); }
    [[nodiscard]] bool timesZoneUnknown(std::size_t row) const
    {
        return !m_zoneUnknownIds.empty()
            && std::binary_search(m_zoneUnknownIds.begin(), m_zoneUnknownIds.end(), id(row));
    }
    // The known lists that hold the row's address, as DestinationRow::lists
    // reads ("aws: AWS EC2 ap-northeast-1; iocs"), empty for none. Matched
    // once when the snapshot is read: a list imported or removed reloads it.
    [[nodiscard]] std::string_view lists(std::size_t row) const
    {
        return row < m_listText.size() ? std::string_view(m_listTexts[m_listText[row]])
                                       : std::string_view();
    }
    // The row's lists text as an index into listTexts() (0: none).
    [[nodiscard]] std::uint32_t listsIndex(std::size_t row) const
    {
        return row < m_listText.size() ? m_listText[row] : 0;
    }
    // The distinct lists texts; the first is the empty one.
    [[nodiscard]] const std::vector<std::string> &listTexts() const noexcept { return m_listTexts; }

    // Who holds the row's address (Owners): country code ("" unknown), AS
    // number (0 unknown) and AS organisation ("" unknown).
    struct Owner
    {
        std::array<char, 2> country {};
        std::uint32_t asn = 0;
        std::uint32_t organisation = 0; // index into organisations()

        friend bool operator==(const Owner &, const Owner &) = default;
    };
    [[nodiscard]] const Owner &owner(std::size_t row) const { return m_owners[ownerIndex(row)]; }
    [[nodiscard]] std::string_view country(std::size_t row) const
    {
        const Owner &o = owner(row);
        return o.country[0] ? std::string_view(o.country.data(), 2) : std::string_view();
    }
    [[nodiscard]] std::uint32_t asn(std::size_t row) const { return owner(row).asn; }
    [[nodiscard]] std::string_view organisation(std::size_t row) const
    {
        return m_organisations[owner(row).organisation];
    }
    // The row's owner as an index into owners() (0: none known); rows of
    // one owner share it.
    [[nodiscard]] std::uint32_t ownerIndex(std::size_t row) const
    {
        return row < m_owner.size() ? m_owner[row] : 0;
    }
    [[nodiscard]] const std::vector<Owner> &owners() const noexcept { return m_owners; }
    // The distinct organisations; the first is the empty one.
    [[nodiscard]] const std::vector<std::string> &organisations() const noexcept
    {
        return m_organisations;
    }
    [[nodiscard]] bool anyOwners() const noexcept { return m_owners.size() > 1; }

    // Rows in address order (IPv4 first, then byte order): the tie-break of
    // every sort.
    [[nodiscard]] const RowIds &byAddress() const noexcept { return m_byAddress; }

    // The row of a destination id; -1 when there is none.
    [[nodiscard]] std::int64_t rowOfId(std::int64_t id) const noexcept;

    // Fills row (reused: its strings keep their capacity) with the row's
    // fields except status, note and markCidr. The texts cost a formatting
    // each: canonical and expanded only withAddressText, ports only withPorts.
    void fill(std::size_t row, DestinationRow &out, bool withAddressText = true,
              bool withPorts = true) const;

    // Bytes held, for the benchmark and a memory test.
    [[nodiscard]] std::size_t bytes() const noexcept;

private:
    // More rows than a snapshot can number (uint32 row ids) are not
    // reserved for, whatever count a damaged case claims.
    static constexpr std::int64_t kMaxRows = std::numeric_limits<std::uint32_t>::max() / 2;

    void reserve(std::size_t rows);
    void append(const DestinationFields &row);
    // The lists text of row, interned through ids (empty text: nothing stored).
    using ListTextIds = std::unordered_map<std::string, std::uint32_t>;
    void setLists(std::size_t row, std::string_view text, ListTextIds &ids);
    // The owner of the last row appended, interned (nothing stored for none).
    void setOwner(std::string_view country, std::int64_t asn, std::string_view organisation);
    void finish();
    void sortByAddress();

    std::vector<std::int64_t> m_id; // empty while every id is its row + 1
    std::vector<std::array<std::uint8_t, 16>> m_address;
    std::vector<std::uint8_t> m_family;
    std::vector<std::uint8_t> m_category; // index into m_categories
    std::vector<std::uint8_t> m_external;
    // Connections as 32 bits while every count fits (nearly every case:
    // 4 bytes a row fewer), else all as 64 bits in m_wideConnections.
    std::vector<std::uint32_t> m_connections;
    std::vector<std::int64_t> m_wideConnections;
    std::vector<std::uint32_t> m_processes; // distinct counts, saturated
    std::vector<std::uint32_t> m_hosts;
    std::vector<std::uint32_t> m_portStart; // size() + 1 entries into m_portPool
    std::vector<std::uint16_t> m_portPool;
    std::vector<std::uint8_t> m_portsTruncated;
    std::vector<std::int64_t> m_firstNs;
    std::vector<std::int64_t> m_lastNs;
    // Empty until a row has bytes; then size() entries, -1 where unknown.
    std::vector<std::int64_t> m_bytesOut;
    std::vector<std::int64_t> m_bytesIn;
    bool m_withBytes = false;
    std::vector<std::uint8_t> m_directions;
    // The ids of the destinations whose times may be of an unknown zone,
    // ascending: few, and none in most cases.
    std::vector<std::int64_t> m_zoneUnknownIds;
    // Empty while no row is on a known list; then size() entries into
    // m_listTexts (whose first entry is "").
    std::vector<std::uint32_t> m_listText;
    std::vector<std::string> m_listTexts {std::string()};
    // Empty while no row has an owner; then size() entries into m_owners
    // (whose first entry is the unknown owner). Few distinct owners: a
    // provider's thousands of destinations share one entry.
    std::vector<std::uint32_t> m_owner;
    std::vector<Owner> m_owners {Owner()};
    std::vector<std::string> m_organisations {std::string()};
    std::unordered_map<std::string, std::uint32_t> m_organisationIds; // while reading
    struct OwnerHash
    {
        std::size_t operator()(const Owner &o) const noexcept
        {
            const std::uint64_t key = (std::uint64_t(std::uint8_t(o.country[0])) << 56)
                ^ (std::uint64_t(std::uint8_t(o.country[1])) << 48) ^ o.asn;
            return std::hash<std::uint64_t>()(key ^ (std::uint64_t(o.organisation) << 32));
        }
    };
    std::unordered_map<Owner, std::uint32_t, OwnerHash> m_ownerIds; // while reading
    RowIds m_byAddress;
    std::vector<std::string> m_categories; // the distinct category ids, at most 256
    bool m_idsAreRows = true; // id == row + 1 for every row: rowOfId() is arithmetic
    bool m_idsAscending = true; // else rowOfId() searches one by one
};

// The review side of a snapshot: each row's status and the mark that decided
// it, from one MarkIndex. Replaced as a whole when the marks change.
class DestinationReview
{
public:
    DestinationReview() = default;
    DestinationReview(const DestinationSnapshot &snapshot, std::shared_ptr<const MarkIndex> marks);

    [[nodiscard]] MarkStatus status(std::size_t row) const
    {
        return row < m_mark.size() && m_mark[row] >= 0 ? mark(row)->status : MarkStatus::Unreviewed;
    }
    // The mark that decided the row's status; nullptr when unreviewed.
    [[nodiscard]] const Mark *mark(std::size_t row) const
    {
        return row < m_mark.size() && m_mark[row] >= 0 ? &m_marks->marks()[std::size_t(m_mark[row])]
                                                       : nullptr;
    }
    // The index of the row's mark in marks(); -1 when unreviewed.
    [[nodiscard]] std::int32_t markIndex(std::size_t row) const
    {
        return row < m_mark.size() ? m_mark[row] : -1;
    }
    [[nodiscard]] const std::vector<Mark> &marks() const noexcept;
    [[nodiscard]] std::string_view note(std::size_t row) const
    {
        const Mark *m = mark(row);
        return m ? std::string_view(m->note) : std::string_view();
    }

    // Whether every row has the same status, note and mark as in other.
    [[nodiscard]] bool sameMarksAs(const DestinationReview &other) const;
    void fill(std::size_t row, DestinationRow &out) const;

private:
    std::shared_ptr<const MarkIndex> m_marks;
    std::vector<std::int32_t> m_mark; // index into m_marks->marks(), -1 where none
};

} // namespace ea
