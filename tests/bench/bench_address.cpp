// Parse + classify throughput against glibc inet_pton on the same list.
//
// Usage: bench_address CONNECTIONS.csv [ROUNDS]
// Reads the dst_addr column of an SLS-style export (as written by
// shared/tools/gen_connections.py), keeps every value in memory, then times,
// alternating in the same run, inet_pton alone (family picked by the presence
// of ':') and ea::parseAddress + ea::Classifier::classify, and prints the
// median ns/address of each and their ratio.

#include "address/classifier.h"
#include "address/ipaddress.h"

#include <arpa/inet.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

namespace {

// Splits one CSV record (RFC 4180 quoting, no embedded newlines in this data).
std::vector<std::string> splitCsv(const std::string &line)
{
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                fields.back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                fields.back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.emplace_back();
        } else if (c != '\r') {
            fields.back() += c;
        }
    }
    return fields;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

int main(int argc, char *argv[])
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s CONNECTIONS.csv [ROUNDS]\n", argv[0]);
        return 2;
    }
    const int rounds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 7;

    std::ifstream in(argv[1]);
    std::string line;
    if (!std::getline(in, line)) {
        std::fprintf(stderr, "bench_address: %s is empty\n", argv[1]);
        return 1;
    }
    const std::vector<std::string> header = splitCsv(line);
    const auto column = std::find(header.begin(), header.end(), "dst_addr") - header.begin();
    if (column == std::ptrdiff_t(header.size())) {
        std::fprintf(stderr, "bench_address: no dst_addr column in %s\n", argv[1]);
        return 1;
    }

    // One contiguous buffer, as an importer's block reader would present them.
    std::string storage;
    std::vector<std::pair<std::size_t, std::size_t>> offsets;
    while (std::getline(in, line)) {
        const std::vector<std::string> fields = splitCsv(line);
        if (std::size_t(column) >= fields.size())
            continue;
        offsets.emplace_back(storage.size(), fields[std::size_t(column)].size());
        storage += fields[std::size_t(column)];
        storage += '\0'; // inet_pton needs NUL-terminated strings
    }
    std::vector<std::string_view> texts;
    texts.reserve(offsets.size());
    for (const auto &[offset, size] : offsets)
        texts.emplace_back(storage.data() + offset, size);
    const double n = double(texts.size());
    if (texts.empty()) {
        std::fprintf(stderr, "bench_address: no addresses in %s\n", argv[1]);
        return 1;
    }

    const ea::Classifier &classifier = ea::Classifier::instance();
    std::vector<double> ptonTimes;
    std::vector<double> oursTimes;
    std::size_t ptonValid = 0;
    std::size_t oursValid = 0;
    std::size_t external = 0;
    unsigned sink = 0;

    for (int round = 0; round < rounds; ++round) {
        {
            std::size_t valid = 0;
            unsigned char buffer[16];
            const auto start = std::chrono::steady_clock::now();
            for (std::string_view t : texts) {
                const int family = t.find(':') != std::string_view::npos ? AF_INET6 : AF_INET;
                if (inet_pton(family, t.data(), buffer) == 1) {
                    ++valid;
                    sink += buffer[0];
                }
            }
            const auto end = std::chrono::steady_clock::now();
            ptonTimes.push_back(std::chrono::duration<double, std::nano>(end - start).count() / n);
            ptonValid = valid;
        }
        {
            std::size_t valid = 0;
            std::size_t ext = 0;
            const auto start = std::chrono::steady_clock::now();
            for (std::string_view t : texts) {
                const ea::ParseResult r = ea::parseAddress(t);
                if (r.ok()) {
                    ++valid;
                    const ea::Classification c = classifier.classify(r.address);
                    ext += c.external();
                    sink += unsigned(c.category);
                }
            }
            const auto end = std::chrono::steady_clock::now();
            oursTimes.push_back(std::chrono::duration<double, std::nano>(end - start).count() / n);
            oursValid = valid;
            external = ext;
        }
    }

    const double pton = median(ptonTimes);
    const double ours = median(oursTimes);
    std::printf("addresses                 : %zu (from %s)\n", texts.size(), argv[1]);
    std::printf("valid (inet_pton / ours)  : %zu / %zu (ours also takes zones, brackets, "
                "whitespace; %zu external)\n",
                ptonValid, oursValid, external);
    std::printf("rounds                    : %d, alternating; medians below\n", rounds);
    std::printf("glibc inet_pton (parse)   : %7.1f ns/address   <- reference\n", pton);
    std::printf("ea parse + classify       : %7.1f ns/address\n", ours);
    std::printf("ratio ours / inet_pton    : %7.2f   (target <= 1.00: %s)\n", ours / pton,
                ours <= pton ? "met" : "NOT met");
    std::printf("(checksum %u)\n", sink);
    return 0;
}
