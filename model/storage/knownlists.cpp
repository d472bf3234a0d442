#include "storage/knownlists.h"

#include "core/text.h"
#include "storage/casedatabase.h"
#include "storage/casequeries.h"
#include "storage/marks.h"
#include "storage/sqlite.h"

#include <QDateTime>

#include <algorithm>
#include <unordered_map>

namespace ea {

namespace {

QString fromUtf8(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

Error databaseError(CaseDatabase &database, const char *what)
{
    return Error(KnownLists::tr(what).arg(fromUtf8(database.db().lastError())),
                 Error::Code::Database);
}

Error statementError(const Statement &s, const char *what)
{
    return Error(KnownLists::tr(what).arg(fromUtf8(s.errorMessage())), Error::Code::Database);
}

constexpr const char *kReadError
    = QT_TRANSLATE_NOOP("ea::KnownLists", "Cannot read the known lists: %1");
constexpr const char *kWriteError
    = QT_TRANSLATE_NOOP("ea::KnownLists", "Cannot store the known list: %1");
constexpr const char *kRemoveError
    = QT_TRANSLATE_NOOP("ea::KnownLists", "Cannot remove the known list: %1");
constexpr const char *kApplyError
    = QT_TRANSLATE_NOOP("ea::KnownLists", "Cannot mark the list's destinations: %1");

// The id of the list named name, 0 when there is none.
Result<std::int64_t> findList(SqliteDb &db, std::string_view name, const char *what)
{
    Statement find(db, "SELECT id FROM lists WHERE name = ?1");
    find.bindText(1, name);
    const Statement::Step found = find.step();
    if (found == Statement::Step::Error)
        return statementError(find, what);
    return found == Statement::Step::Row ? find.columnInt64(0) : std::int64_t(0);
}

// Deletes a list and its entries (inside the caller's transaction).
Error dropList(SqliteDb &db, std::int64_t id, const char *what)
{
    Statement dropEntries(db, "DELETE FROM list_entries WHERE list_id = ?1");
    Statement dropList(db, "DELETE FROM lists WHERE id = ?1");
    dropEntries.bindInt64(1, id);
    dropList.bindInt64(1, id);
    if (!dropEntries.run())
        return statementError(dropEntries, what);
    if (!dropList.run())
        return statementError(dropList, what);
    return {};
}

// A label as KnownListFile writes them: UTF-8, one line, at most 200 bytes.
bool isStoredLabel(std::string_view label)
{
    if (label.size() > 200 || !isValidUtf8(label))
        return false;
    return std::none_of(label.begin(), label.end(),
                        [](char c) { return std::uint8_t(c) < 0x20 || c == 0x7f; });
}

KnownList readList(const Statement &s)
{
    KnownList list;
    list.id = s.columnInt64(0);
    list.name = std::string(s.columnText(1));
    list.source = std::string(s.columnText(2));
    list.format = std::string(s.columnText(3));
    list.version = std::string(s.columnText(4));
    list.importedAtNs = s.columnInt64(5);
    list.entries = s.columnInt64(6);
    return list;
}

// One row of list_entries as stored; false for a row this code did not write.
bool readEntry(const Statement &s, LabelledBlock &entry)
{
    const std::span<const std::uint8_t> network = s.columnBlob(0);
    const std::int64_t prefix = s.columnInt64(1);
    const std::int64_t family = s.columnInt64(2);
    if (network.size() != 16 || (family != 4 && family != 6) || prefix < 0
        || prefix > (family == 4 ? 32 : 128))
        return false;
    std::copy(network.begin(), network.end(), entry.cidr.network.bytes.begin());
    entry.cidr.network.family = family == 4 ? Family::IPv4 : Family::IPv6;
    if (family == 4 && !entry.cidr.network.isV4Mapped())
        return false;
    entry.cidr.prefixLength = int(prefix);
    if (!entry.cidr.hostBitsClear()) // not a block the import stores
        return false;
    entry.cidr = normalizedCidr(entry.cidr); // stored so; a hand-made ::ffff: block too
    const std::string_view label = s.columnText(3);
    if (!isStoredLabel(label))
        return false;
    entry.label = std::string(label);
    return true;
}

} // namespace

// --- KnownListIndex ---------------------------------------------------------

KnownListIndex::KnownListIndex(std::vector<KnownList> lists,
                               const std::vector<std::vector<LabelledBlock>> &entries)
    : m_lists(std::move(lists))
{
    m_maps.reserve(m_lists.size());
    m_labels.resize(m_lists.size());
    std::vector<PrefixMap::Block> blocks;
    for (std::size_t k = 0; k < m_lists.size() && k < entries.size(); ++k) {
        std::unordered_map<std::string_view, std::int32_t> labelIds;
        std::vector<std::string> &labels = m_labels[k];
        blocks.clear();
        blocks.reserve(entries[k].size());
        for (const LabelledBlock &e : entries[k]) {
            const auto [it, added] = labelIds.try_emplace(e.label, std::int32_t(labels.size()));
            if (added)
                labels.push_back(e.label);
            blocks.push_back({e.cidr, it->second});
        }
        m_maps.emplace_back(blocks);
    }
    m_maps.resize(m_lists.size());
}

void KnownListIndex::matches(const IpAddress &address, std::vector<Match> &out) const
{
    out.clear();
    for (std::size_t k = 0; k < m_maps.size(); ++k) {
        const std::int32_t label = m_maps[k].find(address);
        if (label >= 0)
            out.push_back({std::uint32_t(k), std::uint32_t(label)});
    }
}

void KnownListIndex::describe(const std::vector<Match> &matches, std::string &out) const
{
    out.clear();
    for (const Match &m : matches) {
        if (!out.empty())
            out += "; ";
        out += m_lists[m.list].name;
        const std::string_view text = label(m);
        if (!text.empty()) {
            out += ": ";
            out += text;
        }
    }
}

std::string KnownListIndex::describe(const IpAddress &address) const
{
    std::vector<Match> found;
    matches(address, found);
    std::string out;
    describe(found, out);
    return out;
}

std::size_t KnownListIndex::bytes() const noexcept
{
    std::size_t total = 0;
    for (const PrefixMap &map : m_maps)
        total += map.bytes();
    for (const auto &labels : m_labels) {
        for (const std::string &label : labels)
            total += sizeof(std::string) + label.capacity();
    }
    return total;
}

// --- KnownLists -------------------------------------------------------------

KnownLists::KnownLists(CaseDatabase &database)
    : m_database(database)
{ }

bool KnownLists::hasTables() const
{
    return m_database.schemaVersion() >= 7;
}

QString KnownLists::nameProblem(std::string_view name)
{
    if (name.empty())
        return tr("a list needs a name");
    if (name.size() > kMaxNameBytes)
        return tr("a list's name has at most %1 bytes").arg(kMaxNameBytes);
    if (!isValidUtf8(name))
        return tr("a list's name must be UTF-8 text");
    if (trimmedBlanks(name).size() != name.size())
        return tr("a list's name cannot start or end with a blank");
    for (const char c : name) {
        // ": " and "; " separate names and labels in the lists text and in
        // the notes applyStatus() writes.
        if (std::uint8_t(c) < 0x20 || c == 0x7f || c == ';' || c == ':')
            return tr("a list's name cannot hold ':', ';' or control characters");
    }
    return {};
}

Result<std::int64_t> KnownLists::store(std::string_view name, const Contents &contents,
                                       bool replace)
{
    if (const QString problem = nameProblem(name); !problem.isEmpty())
        return Error(problem, Error::Code::Invalid);
    if (!hasTables())
        return Error(tr("This case is of an older format, opened read-only: it cannot hold "
                        "known lists"),
                     Error::Code::Invalid);
    SqliteDb &db = m_database.db();
    Transaction transaction(db);
    if (!transaction.isActive())
        return databaseError(m_database, kWriteError);
    const Result<std::int64_t> old = findList(db, name, kWriteError);
    if (!old.ok())
        return old.error;
    if (old.value > 0) {
        if (!replace)
            return Error(tr("The case already has a list named %1").arg(fromUtf8(name)),
                         Error::Code::Invalid);
        if (Error error = dropList(db, old.value, kWriteError))
            return error;
    }
    Statement insertList(db,
                         "INSERT INTO lists(name, source, format, version, imported_at, "
                         "entries) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    insertList.bindText(1, name);
    insertList.bindText(2, contents.source);
    insertList.bindText(3, contents.format);
    insertList.bindText(4, contents.version);
    insertList.bindInt64(5, QDateTime::currentMSecsSinceEpoch() * 1'000'000);
    insertList.bindInt64(6, std::int64_t(contents.entries.size()));
    if (!insertList.run())
        return statementError(insertList, kWriteError);
    const std::int64_t id = db.lastInsertRowid();
    Statement insertEntry(db,
                          "INSERT INTO list_entries(list_id, network, prefix, family, label) "
                          "VALUES (?1, ?2, ?3, ?4, ?5)");
    for (const LabelledBlock &e : contents.entries) {
        const Cidr c = normalizedCidr(e.cidr);
        insertEntry.bindInt64(1, id);
        insertEntry.bindBlob(2, c.network.bytes);
        insertEntry.bindInt64(3, c.prefixLength);
        insertEntry.bindInt64(4, c.network.family == Family::IPv4 ? 4 : 6);
        insertEntry.bindText(5, e.label);
        if (!insertEntry.run())
            return statementError(insertEntry, kWriteError);
    }
    if (!transaction.commit())
        return databaseError(m_database, kWriteError);
    return id;
}

Error KnownLists::remove(std::string_view name)
{
    if (!hasTables())
        return Error(tr("The case has no list named %1").arg(fromUtf8(name)),
                     Error::Code::NotFound);
    SqliteDb &db = m_database.db();
    Transaction transaction(db);
    if (!transaction.isActive())
        return databaseError(m_database, kRemoveError);
    const Result<std::int64_t> id = findList(db, name, kRemoveError);
    if (!id.ok())
        return id.error;
    if (id.value <= 0)
        return Error(tr("The case has no list named %1").arg(fromUtf8(name)),
                     Error::Code::NotFound);
    if (Error error = dropList(db, id.value, kRemoveError))
        return error;
    if (!transaction.commit())
        return databaseError(m_database, kRemoveError);
    return {};
}

std::string KnownLists::noteFor(std::string_view list, std::string_view label)
{
    std::string note = "list ";
    note += list;
    if (!label.empty()) {
        note += ": ";
        note += label;
    }
    return note;
}

KnownLists::Applied KnownLists::applyStatus(std::string_view name, MarkStatus status)
{
    Applied applied;
    if (status == MarkStatus::Unreviewed) {
        applied.error = Error(tr("unreviewed is not a mark status; remove the marks instead"),
                              Error::Code::Invalid);
        return applied;
    }
    const Result<KnownListIndex> all = index();
    if (!all.ok()) {
        applied.error = all.error;
        return applied;
    }
    const auto &lists = all.value.lists();
    const auto it = std::find_if(lists.begin(), lists.end(),
                                 [&](const KnownList &l) { return l.name == name; });
    if (it == lists.end()) {
        applied.error
            = Error(tr("The case has no list named %1").arg(fromUtf8(name)), Error::Code::NotFound);
        return applied;
    }
    const auto list = std::uint32_t(it - lists.begin());
    // The list's destinations first (a read), then the marks (the writes).
    std::vector<std::pair<IpAddress, std::string>> targets;
    CaseQueries queries(m_database);
    const Result<> read = queries.forEachDestinationFields([&](const DestinationFields &row) {
        const std::int32_t label = all.value.find(list, row.address);
        if (label >= 0)
            targets.emplace_back(row.address,
                                 noteFor(name, all.value.label({list, std::uint32_t(label)})));
        return true;
    });
    if (!read.ok()) {
        applied.error = read.error;
        return applied;
    }
    applied.matched = std::int64_t(targets.size());
    SqliteDb &db = m_database.db();
    Transaction transaction(db);
    if (!transaction.isActive()) {
        applied.error = databaseError(m_database, kApplyError);
        return applied;
    }
    Marks marks(m_database);
    // The mark that decides each address now, whatever its block: a /8 the
    // analyst marked malicious must not be overruled by a /32 of this list.
    const Result<MarkIndex> decided = marks.index();
    if (!decided.ok()) {
        applied.error = decided.error;
        return applied;
    }
    const std::string ownPrefix = noteFor(name, {});
    for (const auto &[address, note] : targets) {
        const Cidr target
            = normalizedCidr(Cidr {address, address.family == Family::IPv4 ? 32 : 128});
        if (const Mark *existing = decided.value.find(address)) {
            // Made by an earlier apply of this list: on exactly this address,
            // with this list's note.
            const std::string_view old = existing->note;
            const bool ours = existing->cidr == target
                && (old == ownPrefix
                    || (old.starts_with(ownPrefix)
                        && old.substr(ownPrefix.size()).starts_with(": ")));
            if (!ours) {
                ++applied.kept;
                continue;
            }
        }
        const Marks::Result r = marks.setMark(target, status, note);
        if (!r.ok()) {
            applied = {};
            applied.error = r.error;
            return applied;
        }
        switch (r.change) {
        case Marks::Change::Added:
            ++applied.added;
            break;
        case Marks::Change::Updated:
            ++applied.updated;
            break;
        default:
            ++applied.unchanged;
            break;
        }
    }
    if (!transaction.commit()) {
        applied = {};
        applied.error = databaseError(m_database, kApplyError);
    }
    return applied;
}

RowsResult<KnownList> KnownLists::lists()
{
    std::vector<KnownList> out;
    if (!hasTables())
        return out;
    Statement s(m_database.db(),
                "SELECT id, name, source, format, version, imported_at, entries "
                "FROM lists ORDER BY name, id");
    Statement::Step step = Statement::Step::Error;
    while (s.isValid() && (step = s.step()) == Statement::Step::Row) {
        // A list this code cannot have stored (a name it refuses: the lists
        // text and the notes would not read) is left out, as bad entries are.
        KnownList list = readList(s);
        if (nameProblem(list.name).isEmpty() && isStoredLabel(list.version))
            out.push_back(std::move(list));
    }
    if (step != Statement::Step::Done)
        return statementError(s, kReadError);
    return out;
}

RowsResult<LabelledBlock> KnownLists::entries(std::int64_t listId)
{
    std::vector<LabelledBlock> out;
    if (!hasTables())
        return out;
    Statement s(m_database.db(),
                "SELECT network, prefix, family, label FROM list_entries "
                "WHERE list_id = ?1 ORDER BY rowid");
    s.bindInt64(1, listId);
    Statement::Step step = Statement::Step::Error;
    LabelledBlock entry;
    while (s.isValid() && (step = s.step()) == Statement::Step::Row) {
        // A row this code did not write (a damaged or edited case) is left
        // out rather than guessed at, as marks are.
        if (readEntry(s, entry))
            out.push_back(std::move(entry));
    }
    if (step != Statement::Step::Done)
        return statementError(s, kReadError);
    return out;
}

Result<KnownListIndex> KnownLists::index()
{
    RowsResult<KnownList> all = lists();
    if (!all.ok())
        return std::move(all.error);
    std::vector<std::vector<LabelledBlock>> entries;
    entries.reserve(all.value.size());
    for (const KnownList &list : all.value) {
        RowsResult<LabelledBlock> rows = this->entries(list.id);
        if (!rows.ok())
            return std::move(rows.error);
        entries.push_back(std::move(rows.value));
    }
    return KnownListIndex(std::move(all.value), entries);
}

} // namespace ea
