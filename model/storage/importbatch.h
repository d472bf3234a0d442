#pragma once

#include "address/classifier.h"
#include "address/ipaddress.h"
#include "core/direction.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace ea {

// What stage 1 of an import (read, parse, classify, intern) hands to stage 2
// (the SQLite writer): compact integer event rows plus the dictionary rows
// first seen in this batch. Ids are assigned by stage 1, continuing after the
// largest id already in the case, so stage 2 never looks anything up.

struct EventRow
{
    std::int64_t id = 0; // assigned by stage 1, ascending
    std::int64_t line = 0;
    std::int64_t timeNs = 0;
    std::int32_t destId = 0;
    std::int32_t spellingId = 0;
    std::int32_t hostId = 0; // 0: none
    std::int32_t processId = 0; // 0: none
    std::int32_t port = -1;
    std::int32_t srcPort = -1;
    std::int32_t srcSpellingId = 0; // the local address as written, 0: none
    std::int16_t protocol = -1; // index into the import's protocols, -1: none
    Direction direction = Direction::Unknown;
    bool hasTime = false;
    std::int64_t bytesOut = -1; // -1: unknown
    std::int64_t bytesIn = -1;
    // An aggregated row: the connections it stands for (1 for a logged
    // connection) and, when they span a time, the last one's.
    std::int64_t weight = 1;
    std::int64_t lastTimeNs = 0;
    bool hasLastTime = false;
};

struct NewDestination
{
    std::int32_t id = 0;
    IpAddress address; // family IPv4 for IPv4 and IPv4-mapped peers
    Category category = Category::Global;
    const RegistryBlock *block = nullptr;
};

struct NewSpelling
{
    std::int32_t id = 0;
    std::string text;
};

struct NewHost
{
    std::int32_t id = 0;
    std::string key;
};

struct NewProcess
{
    std::int32_t id = 0;
    std::int32_t hostId = 0;
    std::string key;
    std::string pid;
    std::string path;
    // A second spelling of process aliasOf, whose events are counted under
    // it (processes.alias_of); 0 for none.
    std::int32_t aliasOf = 0;
};

// A processes-export row, applied to the process it names (created by stage 1
// if events have not named it yet).
struct ProcessDetails
{
    std::int32_t id = 0;
    std::int32_t hostId = 0;
    std::string key;
    std::string pid;
    std::string path;
    std::string name;
    std::string arguments;
    std::string user;
    std::string container;
};

struct HostDetails
{
    std::int32_t hostId = 0;
    std::string hostname;
};

struct RejectedRecord
{
    std::int64_t line = 0;
    std::string reason;
    std::string raw; // capped at kMaxRejectedRaw
};

inline constexpr std::size_t kMaxRejectedRaw = 4096;
inline constexpr std::size_t kBatchRows = 1 << 15;

struct ImportBatch
{
    std::vector<NewDestination> destinations;
    std::vector<NewSpelling> spellings;
    std::vector<NewHost> hosts;
    std::vector<NewProcess> processes;
    std::vector<EventRow> events;
    std::vector<RejectedRecord> rejected;
    std::vector<ProcessDetails> processDetails;
    std::vector<HostDetails> hostDetails;
    // Protocol spellings first seen in this batch; EventRow::protocol indexes
    // the list of all of them in order of appearance.
    std::vector<std::string> protocols;

    [[nodiscard]] bool empty() const noexcept
    {
        return destinations.empty() && spellings.empty() && hosts.empty() && processes.empty()
            && events.empty() && rejected.empty() && processDetails.empty() && hostDetails.empty()
            && protocols.empty();
    }
};

} // namespace ea
