#pragma once

struct sqlite3;

namespace ea {

// The eponymous virtual table `events`: the rows of event_chunks (see
// eventchunk.h) as one row per event, with the columns of the events table of
// case formats 1 to 3 (plus bytes_out and bytes_in). Every query of the case
// reads events through it, so SQL that read the old table reads the new
// storage unchanged. A format 1-3 case opened without migrating keeps its
// real `events` table, which SQLite finds before an eponymous one.
//
// Constraints on `id` (=, IN, >, >=) seek to the chunk that holds it; any
// other query reads the chunks in id order. Decoded chunks are kept (a few,
// compared byte for byte with what the case holds) so that looking up events
// one by one decodes each chunk once. A damaged chunk fails the statement
// with "event chunk N is damaged".
// Registered on every connection SqliteDb opens. Read-only.
[[nodiscard]] bool registerEventsTable(sqlite3 *db);

} // namespace ea
