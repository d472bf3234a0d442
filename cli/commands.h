#pragma once

// The handlers of the CLI's commands. Each parses its own options from
// `arguments` (the command name in place of argv[0]) and returns the exit
// status; finishOutput() then settles what stdout made of it.

#include <QStringList>

namespace ea::cli {

// classifycommand.cpp
int runClassify(const QStringList &arguments);

// importcommand.cpp
int runImport(const QStringList &arguments);

// listcommands.cpp: what a case holds.
int runDestinations(const QStringList &arguments);
int runProcesses(const QStringList &arguments);
int runRejected(const QStringList &arguments);

// markcommands.cpp: the review marks.
int runMark(const QStringList &arguments, bool remove);
int runMarks(const QStringList &arguments);
int runAllowlist(const QStringList &arguments);

// knownlistcommands.cpp: the known lists.
int runLists(const QStringList &arguments);

// ownercommand.cpp: who holds each destination (MaxMind-format databases).
int runOwners(const QStringList &arguments);

// datalakecommand.cpp: the audit as SQL for the data lake.
int runDataLakeQuery(const QStringList &arguments);

} // namespace ea::cli
