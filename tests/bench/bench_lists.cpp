// Known lists at scale: a 500,000-block list (parsed from text, stored in a
// case, read back) and 1,000,000 destinations matched against it.
//
// Usage: bench_lists [BLOCKS] [DESTINATIONS] [ROUNDS]
// Prints each step's median wall and CPU time (user+sys of this process),
// and the match's nanoseconds per destination next to a linear scan of the
// blocks for the first 1,000 destinations (the reference it is compared
// with): the index must cost O(log n), not O(n).

#include "address/cidr.h"
#include "address/ipaddress.h"
#include "import/knownlistfile.h"
#include "storage/casedatabase.h"
#include "storage/knownlists.h"

#include <QCoreApplication>
#include <QTemporaryDir>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

namespace {

struct Times
{
    double wall = 0;
    double cpu = 0;
};

double cpuSeconds()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    const auto secs = [](const timeval &tv) {
        return double(tv.tv_sec) + tv.tv_usec / 1e6;
    };
    return secs(usage.ru_utime) + secs(usage.ru_stime);
}

template<typename F> Times timed(F &&f)
{
    const double cpu = cpuSeconds();
    const auto start = std::chrono::steady_clock::now();
    f();
    return {std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
            cpuSeconds() - cpu};
}

Times median(std::vector<Times> v)
{
    std::sort(v.begin(), v.end(), [](const Times &a, const Times &b) { return a.wall < b.wall; });
    return v[v.size() / 2];
}

void print(const char *step, const Times &t, const char *extra = "")
{
    std::printf("%-38s %8.3f s wall  %8.3f s CPU%s\n", step, t.wall, t.cpu, extra);
}

// A provider-like list: IPv4 blocks /12../32 and IPv6 blocks /29../64 at
// random, about one in eight nested inside an earlier one.
std::string makeList(std::size_t blocks, std::mt19937_64 &rng)
{
    std::string text;
    text.reserve(blocks * 24);
    std::vector<std::uint32_t> v4;
    for (std::size_t k = 0; k < blocks; ++k) {
        char line[96];
        if (rng() % 4 != 0) {
            const int prefix = 12 + int(rng() % 21);
            std::uint32_t a = std::uint32_t(rng());
            if (!v4.empty() && rng() % 8 == 0)
                a = v4[rng() % v4.size()] | (std::uint32_t(rng()) & 0xffff);
            a &= prefix == 0 ? 0 : ~0U << (32 - prefix);
            v4.push_back(a);
            std::snprintf(line, sizeof line, "%u.%u.%u.%u/%d  # block %zu\n", a >> 24,
                          (a >> 16) & 255, (a >> 8) & 255, a & 255, prefix, k);
        } else {
            const int prefix = 29 + int(rng() % 36);
            std::uint64_t hi = (0x2000ULL << 48) | (rng() & 0x0fffffffffffffffULL);
            hi &= ~0ULL << (64 - prefix);
            std::snprintf(line, sizeof line, "%x:%x:%x:%x::/%d\n", unsigned(hi >> 48),
                          unsigned((hi >> 32) & 0xffff), unsigned((hi >> 16) & 0xffff),
                          unsigned(hi & 0xffff), prefix);
        }
        text += line;
    }
    return text;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const std::size_t blocks = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 500000;
    const std::size_t destinations = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1000000;
    const int rounds = argc > 3 ? std::max(1, std::atoi(argv[3])) : 5;
    std::mt19937_64 rng(7);

    const std::string text = makeList(blocks, rng);
    std::vector<ea::IpAddress> addresses;
    addresses.reserve(destinations);
    for (std::size_t k = 0; k < destinations; ++k) {
        if (rng() % 4 != 0)
            addresses.push_back(ea::IpAddress::fromV4(std::uint32_t(rng())));
        else
            addresses.push_back(ea::IpAddress::fromV6((0x2000ULL << 48) | (rng() >> 4), rng()));
    }
    std::printf("known list: %zu blocks (%.1f MiB of text); %zu destinations; %d rounds, "
                "medians\n",
                blocks, text.size() / 1048576.0, destinations, rounds);

    ea::KnownListFile file;
    std::vector<Times> parse;
    for (int r = 0; r < rounds; ++r)
        parse.push_back(timed([&] {
            file = ea::KnownListFile::parse(text, ea::KnownListFormat::Text,
                                            QStringLiteral("bench"));
        }));
    if (!file.ok()) {
        std::fprintf(stderr, "bench_lists: %s\n", qPrintable(file.error.message()));
        return 1;
    }
    print("parse (text)", median(parse));

    QTemporaryDir dir;
    ea::CaseDatabase::Result opened = ea::CaseDatabase::open(
        dir.filePath(QStringLiteral("bench.eacase")), ea::CaseDatabase::OpenMode::CreateIfMissing);
    if (!opened.ok()) {
        std::fprintf(stderr, "bench_lists: %s\n", qPrintable(opened.error.message()));
        return 1;
    }
    ea::KnownLists lists(*opened.database);
    std::vector<Times> store;
    for (int r = 0; r < rounds; ++r)
        store.push_back(timed([&] {
            const auto id = lists.store("bench", {"bench.txt", "text", "", file.entries}, true);
            if (!id.ok())
                std::exit(1);
        }));
    print("store in the case (replace)", median(store));

    ea::KnownListIndex index;
    std::vector<Times> load;
    for (int r = 0; r < rounds; ++r)
        load.push_back(timed([&] { index = std::move(lists.index().value); }));
    print("read back and index", median(load));

    std::vector<ea::KnownListIndex::Match> matches;
    std::size_t held = 0;
    std::vector<Times> match;
    for (int r = 0; r < rounds; ++r)
        match.push_back(timed([&] {
            held = 0;
            for (const ea::IpAddress &a : addresses) {
                index.matches(a, matches);
                held += matches.size();
            }
        }));
    const Times m = median(match);
    char extra[96];
    std::snprintf(extra, sizeof extra, "  %.0f ns/destination, %zu held",
                  m.wall * 1e9 / destinations, held);
    print("match every destination", m, extra);

    // The reference: a scan of every block for each of a few destinations.
    const std::size_t scanned = std::min<std::size_t>(1000, destinations);
    std::size_t scanHeld = 0;
    const Times scan = timed([&] {
        for (std::size_t k = 0; k < scanned; ++k) {
            for (const ea::LabelledBlock &b : file.entries) {
                if (b.cidr.contains(addresses[k])) {
                    ++scanHeld;
                    break;
                }
            }
        }
    });
    std::snprintf(extra, sizeof extra, "  %.0f ns/destination   <- reference (linear scan)",
                  scan.wall * 1e9 / double(scanned));
    print("scan of all blocks, first 1,000", scan, extra);
    std::printf("index: %.1f MiB\n", double(index.bytes()) / 1048576.0);
    return 0;
}
