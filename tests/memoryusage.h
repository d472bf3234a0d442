#pragma once

// A process's memory as the tests and benchmarks measure it (Linux).

#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>

namespace ea::test {

// Peak resident set size of this process so far, in KiB (Linux ru_maxrss).
inline long maxRssKiB()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

// Resident set size of this process now, in KiB (/proc/self/statm).
inline long residentKiB()
{
    long pages = 0;
    long resident = 0;
    if (FILE *f = std::fopen("/proc/self/statm", "r")) {
        if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2)
            resident = 0;
        std::fclose(f);
    }
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

} // namespace ea::test
