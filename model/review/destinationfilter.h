#pragma once

#include "address/cidr.h"
#include "core/error.h"
#include "storage/casequeries.h"
#include "storage/marks.h"

#include <QCoreApplication>
#include <QString>

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ea {

// The quick filter over destination rows. Whitespace-separated terms, all of
// which must match:
//   port:N        the row's ports list holds N. The list keeps the 20
//                 smallest ports then "…"; N above the last kept port of a
//                 truncated list matches (the destination may use it).
//   process:TEXT  an event of the destination has a process containing TEXT
//   host:TEXT     … a host containing TEXT; both through id sets the caller
//                 computes (CaseQueries::destinationIdsWithProcess/Host for
//                 each of processTexts()/hostTexts()) and passes to matches()
//   source:BLOCK  … a local (source) address inside the CIDR block or equal
//                 to the address (CaseQueries::destinationIdsWithSource for
//                 each of sourceBlocks(), the same way); an IPv4-mapped
//                 source is the IPv4 address
//   status:S      the row's mark status id (markStatusId(): unreviewed, …)
//   category:C    the row's category id (categoryId(): global, private, …)
//   since:T       the destination was active at or after T, and
//   until:T       … at or before T. T is an ISO 8601 date-time in UTC
//                 (2024-05-01T13:00:00Z; no zone means UTC, an offset is
//                 applied) or a date only (2024-05-01: since: from its first
//                 instant, until: through its last). A row matches when its
//                 first..last seen span overlaps the range: the rows carry
//                 that span, so the test costs two comparisons and no read of
//                 the events; a destination seen before and after the range
//                 but not inside it matches too (documented approximation).
//                 A row with no known time never matches a time term.
//   direction:D   which ways the destination's connections went: outbound
//                 (some outbound; a record that names no direction counts as
//                 outbound), inbound (some inbound), both. A case older than
//                 format 5 knows no directions: only outbound matches there.
//   bytes>N, bytes<N, bytes>=N, bytes<=N, bytes=N (also bytes:>N): the
//                 destination's bytes out plus in; bytesout and bytesin
//                 compare one side. N is a count with an optional unit:
//                 k, M, G, T (powers of 1000) or KiB, MiB, GiB, TiB (of
//                 1024), a trailing B allowed, decimals too (1.5M). A row
//                 whose events named no bytes never matches a bytes term.
//   a CIDR block or bare address: the destination lies inside it. Host bits
//                 are cleared (10.0.0.1/8 is 10.0.0.0/8); an IPv4-mapped
//                 spelling (::ffff:8.8.8.8, ::ffff:10.0.0.0/104) is the IPv4
//                 block; an IPv6 block never holds an IPv4 destination, as
//                 with marks (MarkIndex).
//   list:TEXT     a known list holding the destination has TEXT in its name
//                 or in the label of its block (list:aws, list:ap-northeast-1,
//                 list:iocs): a substring of the row's lists text
//   country:CC    the destination's country (Owners: a MaxMind-format
//                 database's answer) is the ISO 3166 code CC (country:JP)
//   asn:N         its autonomous system is N (asn:13335 or asn:AS13335)
//   org:TEXT      its AS organisation contains TEXT (org:amazon)
//   anything else: a substring of the canonical or expanded address or of
//                 the mark's note.
// Keys and status/category values are case-insensitive; text comparisons
// fold ASCII letters, and a needle with other letters compares the note with
// Unicode case folding. Double quotes make a value literal and may hold
// spaces: process:"/usr/bin/my app"; a quoted term without a key ("8.8.8.8",
// "todo:ask") is always a substring term. Inside quotes \" and \\ escape.
//
// An invalid filter (port:abc, status:nonsense, category: with no value, a
// block with a bad prefix such as 10.0.0.0/33, a misspelt key such as
// stauts:x, a missing closing quote) has an error() naming the term and
// matches no row: a view never shows unfiltered rows as if they matched.
class DestinationFilter
{
    Q_DECLARE_TR_FUNCTIONS(ea::DestinationFilter)

public:
    // The keys a term may have ("port" in port:443), as the parser knows them.
    static constexpr std::array<std::string_view, 16> kKeys
        = {"port",      "process", "host",     "source",  "status", "category", "since", "until",
           "direction", "bytes",   "bytesout", "bytesin", "list",   "country",  "asn",   "org"};

    // One set per processTexts() / hostTexts() / sourceBlocks() entry, in the
    // same order, sorted ascending: the ids of the destinations matching that
    // term. A missing set matches no row.
    struct IdSets
    {
        std::vector<std::vector<std::int64_t>> process;
        std::vector<std::vector<std::int64_t>> host;
        std::vector<std::vector<std::int64_t>> source;
    };

    [[nodiscard]] static DestinationFilter parse(std::string_view text);

    // No terms and no error: every row matches.
    [[nodiscard]] bool isEmpty() const noexcept;
    // Whether matches() reads the row's canonical and expanded text, or its
    // ports (which a columnar snapshot formats only when asked).
    [[nodiscard]] bool readsAddressText() const noexcept;
    [[nodiscard]] bool readsPorts() const noexcept;
    // Null when the filter is valid; else Code::Invalid naming the term.
    [[nodiscard]] const Error &error() const noexcept { return m_error; }
    // The values of process: and host: terms, unquoted, as typed (empty when
    // the filter is invalid).
    [[nodiscard]] const std::vector<std::string> &processTexts() const noexcept
    {
        return m_processTexts;
    }
    [[nodiscard]] const std::vector<std::string> &hostTexts() const noexcept { return m_hostTexts; }
    // The blocks of source: terms (a bare address as a /32 or /128).
    [[nodiscard]] const std::vector<Cidr> &sourceBlocks() const noexcept { return m_sourceBlocks; }
    // Whether the filter needs id sets from the case (process:, host: or
    // source: terms).
    [[nodiscard]] bool needsIdSets() const noexcept
    {
        return !m_processTexts.empty() || !m_hostTexts.empty() || !m_sourceBlocks.empty();
    }
    // Reads those sets (each term scans the events once: a worker's job).
    [[nodiscard]] Result<IdSets> readIdSets(CaseQueries &queries) const;
    // The tightest since: and until: bounds, UTC nanoseconds, both inclusive
    // (none when the filter has no such term or is invalid).
    [[nodiscard]] std::optional<std::int64_t> since() const noexcept { return m_since; }
    [[nodiscard]] std::optional<std::int64_t> until() const noexcept { return m_until; }
    // Whether a direction: term chose the directions (the view's inbound
    // toggle then stands aside).
    [[nodiscard]] bool hasDirectionTerm() const noexcept;

    // Cheap enough for a million rows: needles are prepared by parse(), and an
    // ASCII needle allocates nothing here.
    [[nodiscard]] bool matches(const DestinationRow &row, const IdSets &sets = {}) const;
    // The same split in two for a columnar snapshot, which keeps ports as
    // numbers: whether the port: terms pass (port ascending, `truncated` when
    // the list ends in "…"), and whether every other term does (row.ports is
    // not read). Formatting "22;443" for each row was most of the time a
    // port: filter took over a million rows.
    [[nodiscard]] bool portsMatch(std::span<const std::uint16_t> ports, bool truncated) const;
    [[nodiscard]] bool matchesExceptPorts(const DestinationRow &row, const IdSets &sets = {}) const;

private:
    [[nodiscard]] bool matchTerms(const DestinationRow &row, const IdSets &sets,
                                  bool withPorts) const;

    enum class Kind : std::uint8_t {
        Port,
        Process,
        Host,
        Source,
        Status,
        Category,
        Block,
        Text,
        Since,
        Until,
        Direction,
        Bytes,
        List,
        Country,
        Asn,
        Organisation
    };
    enum class Side : std::uint8_t { Total, Out, In };
    enum class Compare : std::uint8_t { Less, LessOrEqual, Equal, GreaterOrEqual, Greater };

    struct Term
    {
        Kind kind = Kind::Text;
        std::uint16_t port = 0;
        std::int64_t time = 0; // Since, Until: UTC ns, inclusive; Bytes: the count; Asn
        std::uint8_t directions = 0; // Direction: the DirectionBits a row must all have
        Side side = Side::Total;
        Compare compare = Compare::Equal;
        MarkStatus status = MarkStatus::Unreviewed;
        std::size_t set = 0; // index into IdSets::process or ::host
        Cidr block;
        std::string needle; // Text, List, Organisation: ASCII lower case;
                            // Category: the id; Country: the code, upper case
        QString unicodeNeedle; // Text, List, Organisation with non-ASCII letters
    };

    // Relative cost of checking a term, for ordering them.
    [[nodiscard]] static int cost(Kind kind) noexcept;
    // Parses one term; false (and m_error set) when it is invalid.
    bool addTerm(std::string_view raw, std::string_view value, std::size_t colon, bool quoted);
    // A bytes term from its key and what follows it (">1M"); false (and
    // m_error set) when it is invalid.
    bool addBytesTerm(std::string_view raw, std::string_view key, std::string_view rest);

    std::vector<Term> m_terms;
    std::vector<std::string> m_processTexts;
    std::vector<std::string> m_hostTexts;
    std::vector<Cidr> m_sourceBlocks;
    std::optional<std::int64_t> m_since;
    std::optional<std::int64_t> m_until;
    Error m_error;
};

} // namespace ea
