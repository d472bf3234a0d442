#include "review/destinationsnapshot.h"

#include "address/addresstext.h"
#include "storage/knownlists.h"
#include "storage/unknownzone.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <limits>

namespace ea {

namespace {

// "22;443;…" → ports and whether the list was cut. Items that are not a
// port (a damaged case) are left out.
void parsePorts(std::string_view text, std::vector<std::uint16_t> &pool, bool &truncated)
{
    truncated = false;
    while (!text.empty()) {
        const std::size_t end = std::min(text.find(';'), text.size());
        const std::string_view item = text.substr(0, end);
        text.remove_prefix(std::min(end + 1, text.size()));
        unsigned port = 0;
        const auto [ptr, ec] = std::from_chars(item.data(), item.data() + item.size(), port);
        if (ec == std::errc() && ptr == item.data() + item.size() && port <= 0xffff)
            pool.push_back(std::uint16_t(port));
        else if (item == "…")
            truncated = true;
    }
}

} // namespace

Result<std::shared_ptr<const DestinationSnapshot>> DestinationSnapshot::read(CaseQueries &queries)
{
    auto snapshot = std::make_shared<DestinationSnapshot>();
    // Columns sized once: no doubling copies, and no capacity a fifth above
    // the rows held for as long as the case is open.
    const Result<std::int64_t> count = queries.destinationCount();
    if (!count.ok())
        return count.error;
    snapshot->reserve(std::size_t(std::clamp<std::int64_t>(count.value, 0, kMaxRows)));
    const Result<void> done
        = queries.forEachDestinationFields([&snapshot](const DestinationFields &row) {
              snapshot->append(row);
              snapshot->setOwner(row.country, row.asn, row.organisation);
              return true;
          });
    if (!done.ok())
        return done.error;
    UnknownZoneTimes zones;
    if (Error error = readUnknownZoneTimes(queries.database(), zones))
        return error;
    snapshot->m_zoneUnknownIds = std::move(zones.destinations);
    snapshot->finish();
    const Result<KnownListIndex> lists = KnownLists(queries.database()).index();
    if (!lists.ok())
        return lists.error;
    if (!lists.value.isEmpty()) {
        std::vector<KnownListIndex::Match> matches;
        std::string text;
        ListTextIds ids;
        for (std::size_t row = 0; row < snapshot->size(); ++row) {
            lists.value.matches(snapshot->address(row), matches);
            if (matches.empty())
                continue;
            lists.value.describe(matches, text);
            snapshot->setLists(row, text, ids);
        }
    }
    return std::shared_ptr<const DestinationSnapshot>(std::move(snapshot));
}

std::shared_ptr<const DestinationSnapshot>
DestinationSnapshot::fromRows(const std::vector<DestinationRow> &rows)
{
    auto snapshot = std::make_shared<DestinationSnapshot>();
    DestinationFields fields;
    ListTextIds ids;
    for (const DestinationRow &row : rows) {
        fields.id = row.id;
        fields.address = row.address;
        fields.category = row.category;
        fields.external = row.external;
        fields.connections = row.connections;
        fields.processes = row.processes;
        fields.hosts = row.hosts;
        fields.ports = row.ports;
        fields.firstNs = row.firstNs;
        fields.lastNs = row.lastNs;
        fields.bytesOut = row.bytesOut;
        fields.bytesIn = row.bytesIn;
        fields.directions = row.directions;
        snapshot->append(fields);
        snapshot->setLists(snapshot->size() - 1, row.lists, ids);
        snapshot->setOwner(row.country, row.asn, row.organisation);
    }
    snapshot->finish();
    return snapshot;
}

void DestinationSnapshot::setLists(std::size_t row, std::string_view text, ListTextIds &ids)
{
    if (text.empty())
        return;
    if (m_listText.size() < size())
        m_listText.resize(size(), 0); // rows appended later are resized by finish()
    // One text per combination of lists and labels: a provider's list has
    // thousands of labels, so they are interned by hash, not searched.
    const auto [it, added] = ids.try_emplace(std::string(text), std::uint32_t(m_listTexts.size()));
    if (added)
        m_listTexts.emplace_back(text);
    m_listText[row] = it->second;
}

void DestinationSnapshot::setOwner(std::string_view country, std::int64_t asn,
                                   std::string_view organisation)
{
    if (country.size() != 2)
        country = {};
    if (asn < 0 || asn > std::numeric_limits<std::uint32_t>::max())
        asn = 0;
    if (country.empty() && asn == 0 && organisation.empty())
        return;
    if (m_owner.size() < size())
        m_owner.resize(size(), 0); // rows appended later are resized by finish()
    Owner owner;
    std::copy(country.begin(), country.end(), owner.country.begin());
    owner.asn = std::uint32_t(asn);
    if (!organisation.empty()) {
        const auto [it, added] = m_organisationIds.try_emplace(
            std::string(organisation), std::uint32_t(m_organisations.size()));
        if (added)
            m_organisations.emplace_back(organisation);
        owner.organisation = it->second;
    }
    const auto [it, added] = m_ownerIds.try_emplace(owner, std::uint32_t(m_owners.size()));
    if (added)
        m_owners.push_back(owner);
    m_owner[size() - 1] = it->second;
}

void DestinationSnapshot::reserve(std::size_t rows)
{
    m_address.reserve(rows);
    m_family.reserve(rows);
    m_category.reserve(rows);
    m_external.reserve(rows);
    m_connections.reserve(rows);
    m_processes.reserve(rows);
    m_hosts.reserve(rows);
    m_portStart.reserve(rows + 1);
    m_portsTruncated.reserve(rows);
    m_firstNs.reserve(rows);
    m_lastNs.reserve(rows);
    m_directions.reserve(rows);
}

void DestinationSnapshot::append(const DestinationFields &row)
{
    if (m_portStart.empty())
        m_portStart.push_back(0);
    const std::size_t rows = m_family.size();
    if (m_idsAreRows && row.id != std::int64_t(rows) + 1) {
        // The first id that is not its row + 1: keep every id from now on.
        m_idsAreRows = false;
        m_id.reserve(m_family.capacity());
        for (std::size_t k = 0; k < rows; ++k)
            m_id.push_back(std::int64_t(k) + 1);
    }
    const auto saturated = [](std::int64_t n) {
        return std::uint32_t(
            std::clamp<std::int64_t>(n, 0, std::numeric_limits<std::uint32_t>::max()));
    };
    if (!m_idsAreRows)
        m_id.push_back(row.id);
    m_address.push_back(row.address.bytes);
    m_family.push_back(std::uint8_t(row.address.family));
    auto category = std::find(m_categories.begin(), m_categories.end(), row.category);
    if (category == m_categories.end()) {
        if (m_categories.size() < 256) {
            m_categories.emplace_back(row.category);
            category = m_categories.end() - 1;
        } else {
            category = m_categories.end() - 1; // a damaged case: 256 kinds shown as the last
        }
    }
    m_category.push_back(std::uint8_t(category - m_categories.begin()));
    m_external.push_back(row.external ? 1 : 0);
    if (m_wideConnections.empty()
        && (row.connections < 0 || row.connections > std::numeric_limits<std::uint32_t>::max())) {
        m_wideConnections.reserve(m_connections.capacity());
        m_wideConnections.assign(m_connections.begin(), m_connections.end());
        std::vector<std::uint32_t>().swap(m_connections);
    }
    if (m_wideConnections.empty())
        m_connections.push_back(std::uint32_t(row.connections));
    else
        m_wideConnections.push_back(row.connections);
    m_processes.push_back(saturated(row.processes));
    m_hosts.push_back(saturated(row.hosts));
    bool truncated = false;
    parsePorts(row.ports, m_portPool, truncated);
    m_portStart.push_back(std::uint32_t(m_portPool.size()));
    m_portsTruncated.push_back(truncated ? 1 : 0);
    m_firstNs.push_back(row.firstNs.value_or(kNoTime));
    m_lastNs.push_back(row.lastNs.value_or(kNoTime));
    m_directions.push_back(row.directions);
    if (!m_withBytes && (row.bytesOut >= 0 || row.bytesIn >= 0)) {
        // The first row with bytes: from here on every row has an entry.
        m_withBytes = true;
        m_bytesOut.reserve(m_firstNs.capacity());
        m_bytesIn.reserve(m_firstNs.capacity());
        m_bytesOut.assign(m_firstNs.size() - 1, -1);
        m_bytesIn.assign(m_firstNs.size() - 1, -1);
    }
    if (m_withBytes) {
        m_bytesOut.push_back(std::max<std::int64_t>(row.bytesOut, -1));
        m_bytesIn.push_back(std::max<std::int64_t>(row.bytesIn, -1));
    }
}

void DestinationSnapshot::finish()
{
    if (m_portStart.empty())
        m_portStart.push_back(0);
    sortByAddress();
    m_portPool.shrink_to_fit();
    m_idsAscending = std::is_sorted(m_id.begin(), m_id.end());
    if (!m_listText.empty())
        m_listText.resize(size(), 0);
    if (!m_owner.empty())
        m_owner.resize(size(), 0);
    decltype(m_organisationIds)().swap(m_organisationIds);
    decltype(m_ownerIds)().swap(m_ownerIds);
}

// Address order: IPv4 as a block first (as analysts read them), then the
// bytes (IPv4 is stored IPv4-mapped, so one byte order sorts both); equal
// addresses (a damaged case) by row. (A radix sort over the 17 key bytes was
// tried: 110 ms against this one's 136 at 436k destinations, not worth it.)
void DestinationSnapshot::sortByAddress()
{
    m_byAddress.resize(size());
    for (std::size_t k = 0; k < m_byAddress.size(); ++k)
        m_byAddress[k] = std::uint32_t(k);
    std::sort(m_byAddress.begin(), m_byAddress.end(), [this](std::uint32_t a, std::uint32_t b) {
        if (m_family[a] != m_family[b])
            return Family(m_family[a]) == Family::IPv4;
        const int c = std::memcmp(m_address[a].data(), m_address[b].data(), 16);
        return c != 0 ? c < 0 : a < b;
    });
}

IpAddress DestinationSnapshot::address(std::size_t row) const
{
    IpAddress address;
    address.bytes = m_address[row];
    address.family = family(row);
    return address;
}

std::string DestinationSnapshot::canonical(std::size_t row) const
{
    char text[kMaxAddressText];
    return std::string(text, formatAddress(address(row), TextForm::Canonical, text));
}

std::string DestinationSnapshot::expanded(std::size_t row) const
{
    char text[kMaxAddressText];
    return std::string(text, formatAddress(address(row), TextForm::Expanded, text));
}

std::string DestinationSnapshot::portsText(std::size_t row) const
{
    std::string text;
    portsText(row, text);
    return text;
}

void DestinationSnapshot::portsText(std::size_t row, std::string &out) const
{
    out.clear();
    char digits[8];
    for (const std::uint16_t port : ports(row)) {
        if (!out.empty())
            out += ';';
        const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, port);
        out.append(digits, end);
    }
    if (portsTruncated(row))
        out += out.empty() ? "…" : ";…";
}

std::int64_t DestinationSnapshot::rowOfId(std::int64_t id) const noexcept
{
    if (m_idsAreRows)
        return id >= 1 && id <= std::int64_t(size()) ? id - 1 : -1;
    // Read in table order the ids ascend: a binary search (rows given in
    // any order, as tests give them, are searched one by one).
    const auto it = m_idsAscending ? std::lower_bound(m_id.begin(), m_id.end(), id)
                                   : std::find(m_id.begin(), m_id.end(), id);
    return it == m_id.end() || *it != id ? -1 : std::int64_t(it - m_id.begin());
}

void DestinationSnapshot::fill(std::size_t row, DestinationRow &out, bool withAddressText,
                               bool withPorts) const
{
    out.id = id(row);
    out.address = address(row);
    out.family = out.address.family;
    out.category.assign(category(row));
    out.external = external(row);
    out.connections = connections(row);
    out.processes = m_processes[row];
    out.hosts = m_hosts[row];
    out.firstNs = firstNs(row);
    out.lastNs = lastNs(row);
    out.bytesOut = bytesOut(row);
    out.bytesIn = bytesIn(row);
    out.directions = directions(row);
    out.lists.assign(lists(row));
    out.country.assign(country(row));
    out.asn = asn(row);
    out.organisation.assign(organisation(row));
    if (withPorts)
        portsText(row, out.ports);
    if (!withAddressText)
        return;
    char text[kMaxAddressText];
    out.canonical.assign(text, formatAddress(out.address, TextForm::Canonical, text));
    out.expanded.assign(text, formatAddress(out.address, TextForm::Expanded, text));
}

std::size_t DestinationSnapshot::bytes() const noexcept
{
    const auto textBytes = [](const std::vector<std::string> &texts) {
        std::size_t total = texts.capacity() * sizeof(std::string);
        for (const std::string &t : texts)
            total += t.capacity() > 15 ? t.capacity() + 1 : 0; // past the string's own buffer
        return total;
    };
    const auto of = [](const auto &v) {
        return v.capacity() * sizeof(v[0]);
    };
    return of(m_id) + of(m_address) + of(m_family) + of(m_category) + of(m_external)
        + of(m_connections) + of(m_wideConnections) + of(m_processes) + of(m_hosts)
        + of(m_portStart) + of(m_portPool) + of(m_portsTruncated) + of(m_firstNs) + of(m_lastNs)
        + of(m_bytesOut) + of(m_bytesIn) + of(m_directions) + of(m_zoneUnknownIds) + of(m_listText)
        + of(m_owner) + of(m_owners) + of(m_byAddress) + textBytes(m_organisations)
        + textBytes(m_listTexts);
}

DestinationReview::DestinationReview(const DestinationSnapshot &snapshot,
                                     std::shared_ptr<const MarkIndex> marks)
    : m_marks(std::move(marks))
{
    // No marks, no per-row index: every row reads as unreviewed.
    if (!m_marks || m_marks->isEmpty())
        return;
    m_mark.assign(snapshot.size(), -1);
    const Mark *first = m_marks->marks().data();
    for (std::size_t row = 0; row < snapshot.size(); ++row) {
        if (const Mark *mark = m_marks->find(snapshot.address(row)))
            m_mark[row] = std::int32_t(mark - first);
    }
}

const std::vector<Mark> &DestinationReview::marks() const noexcept
{
    static const std::vector<Mark> none;
    return m_marks ? m_marks->marks() : none;
}

bool DestinationReview::sameMarksAs(const DestinationReview &other) const
{
    const std::size_t n = std::max(m_mark.size(), other.m_mark.size());
    for (std::size_t row = 0; row < n; ++row) {
        const Mark *a = mark(row);
        const Mark *b = other.mark(row);
        if (a == b)
            continue;
        if (!a || !b || a->status != b->status || a->note != b->note || a->cidrText != b->cidrText)
            return false;
    }
    return true;
}

void DestinationReview::fill(std::size_t row, DestinationRow &out) const
{
    const Mark *m = mark(row);
    out.status = m ? m->status : MarkStatus::Unreviewed;
    if (m) {
        out.note = m->note;
        out.markCidr = m->cidrText;
    } else {
        out.note.clear();
        out.markCidr.clear();
    }
}

} // namespace ea
