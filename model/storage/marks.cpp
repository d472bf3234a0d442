#include "storage/marks.h"

#include "address/addresstext.h"
#include "core/text.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <optional>
#include <utility>

namespace ea {

namespace {

constexpr std::array<std::string_view, 5> kStatusIds = {
    "unreviewed", "known-safe", "suspicious", "malicious", "internal",
};

int familyNumber(Family family) noexcept
{
    return family == Family::IPv4 ? 4 : 6;
}

std::int64_t nowNs()
{
    using namespace std::chrono;
    return duration_cast<nanoseconds>(system_clock::now().time_since_epoch()).count();
}

QString fromUtf8(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

QString fromLatin1(std::string_view text)
{
    return QString::fromLatin1(text.data(), qsizetype(text.size()));
}

std::span<const std::uint8_t> bytesOf(const IpAddress &address) noexcept
{
    return address.bytes;
}

// Resets a statement when a scope ends, so that no read stays open (an
// un-reset SELECT holds a read lock that blocks other connections' commits).
class ResetOnExit
{
public:
    explicit ResetOnExit(Statement &statement) noexcept
        : m_statement(statement)
    { }
    ~ResetOnExit() { m_statement.reset(); }
    ResetOnExit(const ResetOnExit &) = delete;
    ResetOnExit &operator=(const ResetOnExit &) = delete;

private:
    Statement &m_statement;
};

// One row of "SELECT id, first, prefix, family, cidr, status, note,
// created_at, updated_at FROM marks". Rows this code did not write (a damaged
// or hand-edited file) are left out rather than guessed at.
bool readMark(const Statement &s, Mark &mark)
{
    const std::span<const std::uint8_t> first = s.columnBlob(1);
    const std::int64_t family = s.columnInt64(3);
    const std::int64_t prefix = s.columnInt64(2);
    if (first.size() != 16 || (family != 4 && family != 6) || prefix < 0
        || prefix > (family == 4 ? 32 : 128) || !markStatusFromId(s.columnText(5), mark.status)
        || mark.status == MarkStatus::Unreviewed)
        return false;
    std::copy(first.begin(), first.end(), mark.cidr.network.bytes.begin());
    mark.cidr.network.family = family == 4 ? Family::IPv4 : Family::IPv6;
    mark.cidr.prefixLength = int(prefix);
    mark.id = s.columnInt64(0);
    mark.cidrText = std::string(s.columnText(4));
    mark.note = std::string(s.columnText(6));
    mark.createdAtNs = s.columnInt64(7);
    mark.updatedAtNs = s.columnInt64(8);
    return true;
}

} // namespace

std::string_view markStatusId(MarkStatus status) noexcept
{
    const auto index = std::size_t(status);
    return index < kStatusIds.size() ? kStatusIds[index] : std::string_view {};
}

bool markStatusFromId(std::string_view id, MarkStatus &status) noexcept
{
    for (std::size_t k = 0; k < kStatusIds.size(); ++k) {
        if (kStatusIds[k] == id) {
            status = MarkStatus(k);
            return true;
        }
    }
    return false;
}

// --- MarkIndex --------------------------------------------------------------

MarkIndex::MarkIndex(std::vector<Mark> marks)
    : m_marks(std::move(marks))
{
    std::vector<PrefixMap::Block> blocks;
    blocks.reserve(m_marks.size());
    for (std::size_t k = 0; k < m_marks.size(); ++k)
        blocks.push_back({m_marks[k].cidr, std::int32_t(k)});
    m_map = PrefixMap(blocks);
}

const Mark *MarkIndex::find(const IpAddress &address) const noexcept
{
    const std::int32_t mark = m_map.find(address);
    return mark < 0 ? nullptr : &m_marks[std::size_t(mark)];
}

MarkStatus MarkIndex::statusFor(const IpAddress &address) const noexcept
{
    const Mark *mark = find(address);
    return mark ? mark->status : MarkStatus::Unreviewed;
}

// --- Marks ------------------------------------------------------------------

Marks::Marks(CaseDatabase &database)
    : m_database(database)
{ }

Marks::~Marks() = default;

Cidr Marks::normalized(const Cidr &cidr) noexcept
{
    return normalizedCidr(cidr);
}

std::string Marks::canonicalText(const Cidr &cidr)
{
    const Cidr c = normalized(cidr);
    return toString(c.network, TextForm::Canonical) + '/' + std::to_string(c.prefixLength);
}

MarkTarget Marks::parseTarget(std::string_view text)
{
    MarkTarget target;
    const CidrResult r = parseCidr(text, CidrParsing::Strict, true);
    if (r.ok()) {
        target.cidr = normalized(r.cidr);
        return target;
    }
    switch (r.error) {
    case CidrError::HostBitsSet: {
        const CidrResult cleared = parseCidr(text, CidrParsing::ClearHostBits, true);
        target.error = Error(tr("%1 has host bits set (did you mean %2?)")
                                 .arg(fromUtf8(text), fromLatin1(canonicalText(cleared.cidr))));
        break;
    }
    case CidrError::Address:
        target.error = Error(tr("%1 is not an address or CIDR block (%2)")
                                 .arg(fromUtf8(text), fromLatin1(parseErrorText(r.addressError))));
        break;
    default:
        target.error = Error(tr("%1 is not a valid CIDR block (%2)")
                                 .arg(fromUtf8(text), fromLatin1(cidrErrorText(r.error))));
        break;
    }
    return target;
}

Marks::Result Marks::setMark(const Cidr &target, MarkStatus status, std::string_view note)
{
    if (status == MarkStatus::Unreviewed || markStatusId(status).empty())
        return {Change::Unchanged,
                Error(tr("unreviewed is not a mark status; remove the mark instead"),
                      Error::Code::Invalid)};
    if (!isValidUtf8(note))
        return {Change::Unchanged, Error(tr("the note is not valid UTF-8"), Error::Code::Invalid)};
    if (note.find('\0') != std::string_view::npos)
        return {Change::Unchanged,
                Error(tr("the note contains a NUL character"), Error::Code::Invalid)};

    const Cidr cidr = normalized(target);
    const std::string text = canonicalText(cidr);
    const std::string_view statusId = markStatusId(status);
    SqliteDb &db = m_database.db();
    auto failed = [&](const Statement &s) {
        return Result {
            Change::Unchanged,
            Error(tr("Cannot mark %1: %2")
                      .arg(fromLatin1(text), m_database.errorText(s.errorCode(), s.errorMessage())),
                  Error::Code::Database)};
    };

    // Its own transaction when called alone. Within the caller's (a step of
    // many marks, an allowlist) none: a savepoint per mark cost a statement
    // journal and two parses each, and the caller's is all or nothing anyway.
    std::optional<Transaction> transaction;
    if (!db.inTransaction()) {
        transaction.emplace(db);
        if (!transaction->isActive()) {
            return {Change::Unchanged,
                    Error(tr("Cannot mark %1: %2").arg(fromLatin1(text), m_database.lastError()),
                          Error::Code::Database)};
        }
    }
    if (!m_find.isValid()
        && !m_find.prepare(db, "SELECT id, status, note FROM marks WHERE cidr = ?1"))
        return failed(m_find);

    Change change = Change::Added;
    std::int64_t id = 0;
    {
        ResetOnExit reset(m_find);
        m_find.bindText(1, text);
        const Statement::Step step = m_find.step();
        if (step == Statement::Step::Error)
            return failed(m_find);
        if (step == Statement::Step::Row) {
            id = m_find.columnInt64(0);
            change = m_find.columnText(1) == statusId && m_find.columnText(2) == note
                ? Change::Unchanged
                : Change::Updated;
        }
    }

    const std::int64_t now = nowNs();
    if (change == Change::Added) {
        if (!m_insert.isValid()
            && !m_insert.prepare(db,
                                 "INSERT INTO marks(first, last, prefix, family, cidr, status,"
                                 " note, created_at, updated_at)"
                                 " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)"))
            return failed(m_insert);
        const IpAddress last = cidr.last();
        m_insert.bindBlob(1, bytesOf(cidr.network));
        m_insert.bindBlob(2, bytesOf(last));
        m_insert.bindInt64(3, cidr.prefixLength);
        m_insert.bindInt64(4, familyNumber(cidr.network.family));
        m_insert.bindText(5, text);
        m_insert.bindText(6, statusId);
        m_insert.bindText(7, note);
        m_insert.bindInt64(8, now);
        if (!m_insert.run()) {
            const Result r = failed(m_insert);
            m_insert.reset();
            return r;
        }
    } else if (change == Change::Updated) {
        if (!m_update.isValid()
            && !m_update.prepare(db,
                                 "UPDATE marks SET status = ?2, note = ?3, updated_at = ?4"
                                 " WHERE id = ?1"))
            return failed(m_update);
        m_update.bindInt64(1, id);
        m_update.bindText(2, statusId);
        m_update.bindText(3, note);
        m_update.bindInt64(4, now);
        if (!m_update.run()) {
            const Result r = failed(m_update);
            m_update.reset();
            return r;
        }
    }
    if (transaction && !transaction->commit()) {
        return {Change::Unchanged,
                Error(tr("Cannot mark %1: %2").arg(fromLatin1(text), m_database.lastError()),
                      Error::Code::Database)};
    }
    return {change, {}};
}

Marks::Result Marks::setMark(const IpAddress &address, MarkStatus status, std::string_view note)
{
    return setMark(Cidr {address, address.family == Family::IPv4 ? 32 : 128}, status, note);
}

Marks::Result Marks::setMark(std::string_view target, MarkStatus status, std::string_view note)
{
    const MarkTarget parsed = parseTarget(target);
    if (!parsed.ok())
        return {Change::Unchanged, parsed.error};
    return setMark(parsed.cidr, status, note);
}

Marks::Result Marks::removeMark(const Cidr &target)
{
    const std::string text = canonicalText(target);
    // Prepared once: an undo of a step of many marks removes them one by one.
    if (!m_remove.isValid())
        (void)m_remove.prepare(m_database.db(), "DELETE FROM marks WHERE cidr = ?1");
    ResetOnExit reset(m_remove);
    if (m_remove.isValid())
        m_remove.bindText(1, text);
    if (!m_remove.isValid() || !m_remove.run()) {
        return {Change::Unchanged,
                Error(tr("Cannot remove the mark on %1: %2")
                          .arg(fromLatin1(text),
                               m_database.errorText(m_remove.errorCode(), m_remove.errorMessage())),
                      Error::Code::Database)};
    }
    return {m_database.db().changes() > 0 ? Change::Removed : Change::Unchanged, {}};
}

Marks::Result Marks::removeMark(std::string_view target)
{
    const MarkTarget parsed = parseTarget(target);
    if (!parsed.ok())
        return {Change::Unchanged, parsed.error};
    return removeMark(parsed.cidr);
}

RowsResult<Mark> Marks::marks()
{
    RowsResult<Mark> result;
    Statement s(m_database.db(),
                "SELECT id, first, prefix, family, cidr, status, note, created_at, updated_at"
                " FROM marks ORDER BY first, last DESC, family");
    Statement::Step step = Statement::Step::Error;
    while (s.isValid() && (step = s.step()) == Statement::Step::Row) {
        Mark mark;
        if (readMark(s, mark))
            result.value.push_back(std::move(mark));
    }
    if (step == Statement::Step::Error)
        return Error(tr("Cannot read the marks: %1").arg(QString::fromStdString(s.errorMessage())),
                     Error::Code::Database);
    return result;
}

ea::Result<std::optional<Mark>> Marks::markFor(const Cidr &target)
{
    Statement s(m_database.db(),
                "SELECT id, first, prefix, family, cidr, status, note, created_at, updated_at"
                " FROM marks WHERE cidr = ?1");
    s.bindText(1, canonicalText(target));
    const Statement::Step step = s.step();
    if (step == Statement::Step::Error) {
        return Error(tr("Cannot read the marks: %1").arg(QString::fromStdString(s.errorMessage())),
                     Error::Code::Database);
    }
    Mark mark;
    if (step == Statement::Step::Row && readMark(s, mark))
        return std::optional<Mark>(std::move(mark));
    return std::optional<Mark>();
}

ea::Result<MarkIndex> Marks::index()
{
    RowsResult<Mark> all = marks();
    if (!all.ok())
        return std::move(all.error);
    return MarkIndex(std::move(all.value));
}

MarkStatus Marks::statusFor(const IpAddress &address)
{
    Statement s(m_database.db(),
                "SELECT status FROM marks WHERE family = ?1 AND first <= ?2"
                " AND last >= ?2 ORDER BY prefix DESC LIMIT 1");
    s.bindInt64(1, address.isV4Mapped() ? 4 : 6); // as PrefixMap::find()
    s.bindBlob(2, bytesOf(address));
    MarkStatus status = MarkStatus::Unreviewed;
    if (s.step() == Statement::Step::Row && !markStatusFromId(s.columnText(0), status))
        status = MarkStatus::Unreviewed;
    return status;
}

} // namespace ea
