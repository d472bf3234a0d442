#pragma once

#include "address/ipaddress.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ea {

// Ids already in the case, so that this import continues them and merges
// with what earlier imports stored.
struct ExistingIds
{
    std::vector<std::pair<IpAddress, std::int32_t>> destinations;
    std::vector<std::uint8_t> destinationExternal; // parallel to destinations
    std::vector<std::pair<std::string, std::int32_t>>
        spellings; // spelling -> id (dest via destOfSpelling)
    std::vector<std::int32_t> destOfSpelling; // parallel to spellings
    std::vector<std::pair<std::string, std::int32_t>> hosts;
    struct Process
    {
        std::int32_t id;
        std::int32_t hostId;
        std::string key;
        // The process this key's events are counted under (alias_of), or 0.
        std::int32_t aliasOf = 0;
        // Only for a process with both (ImportCollector matches second
        // spellings against them): pid, path and the span of the events
        // counted so far.
        std::string pid;
        std::string path;
        bool hasTime = false;
        std::int64_t firstNs = 0;
        std::int64_t lastNs = 0;
    };
    std::vector<Process> processes;
    std::int32_t maxDestination = 0;
    std::int32_t maxSpelling = 0;
    std::int32_t maxHost = 0;
    std::int32_t maxProcess = 0;
    std::int64_t maxEvent = 0;
    // The last event id of each destination's dest_events list.
    std::vector<std::pair<std::int32_t, std::int64_t>> destLastEvent;
};

} // namespace ea
